"""Calibrated probabilities and prediction sets with guaranteed coverage.

- :func:`calibration_curve` (scikit-learn's, same arguments and return) and
  :func:`reliability_curve` (the same binning with counts, edges, ECE, MCE and Brier score);
- :class:`Calibrator`: Platt (``"sigmoid"``) or isotonic calibration fitted on a reference's
  scores and targets and applied to new scores, as ``CalibratedClassifierCV`` fits them;
- :class:`ConformalRegressor` and :class:`ConformalClassifier`: split conformal prediction
  (intervals ``ŷ ± q`` and LAC prediction sets) covering a new point with probability at least
  ``1 − alpha`` when calibration and new points are exchangeable; per group (Mondrian) or per
  class (class-conditional) so the guarantee holds within each.

The work is edgekit's Rust (``edgekit::drift``, the GIL released); options, defaults and limits
are core's. Fitted objects are immutable, safe to share between threads, and saved with
``to_json()`` / ``from_json()``.
"""

import numpy as _np

from edgekit._edgekit import drift as _native
from edgekit.errors import InputTypeError as _InputTypeError
from edgekit.errors import InvalidInputError as _InvalidInputError

__all__ = [
    "Calibrator",
    "ConformalClassifier",
    "ConformalRegressor",
    "calibration_curve",
    "reliability_curve",
]


def reliability_curve(y_true, y_prob, n_bins=5, strategy="uniform"):
    """Observed frequency against mean predicted probability per non-empty bin, binned as
    scikit-learn's ``calibration_curve``: a dict with ``prob_true``, ``prob_pred``, ``counts``,
    ``bin_edges``, ``ece`` (count-weighted mean gap), ``mce`` (largest gap) and ``brier``.
    ``y_true`` holds 0/1 targets, ``y_prob`` probabilities in [0, 1]."""
    return _native._reliability_curve(y_true, y_prob, n_bins=n_bins, strategy=strategy)


def calibration_curve(y_true, y_prob, *, n_bins=5, strategy="uniform"):
    """scikit-learn's ``calibration_curve``: ``(prob_true, prob_pred)`` as float64 arrays."""
    curve = reliability_curve(y_true, y_prob, n_bins=n_bins, strategy=strategy)
    return _np.asarray(curve["prob_true"], dtype=_np.float64), _np.asarray(curve["prob_pred"], dtype=_np.float64)


def _groups(groups):
    return None if groups is None else [str(g) for g in groups]


class Calibrator:
    """A calibration map from scores (probabilities or raw margins) to probabilities.

    ``method="sigmoid"``: Platt scaling ``1 / (1 + exp(a·s + b))`` with Platt's smoothed
    targets, as scikit-learn fits it (``a_``, ``b_``); ``"isotonic"``: a non-decreasing
    step-linear map, clipped beyond the reference's scores."""

    def __init__(self, method="sigmoid"):
        if method not in ("sigmoid", "isotonic"):
            raise _InvalidInputError(f"method {method!r} is unknown; expected 'sigmoid' or 'isotonic'")
        self.method = method
        self._fitted = None

    def fit(self, scores, y_true):
        self._fitted = _native._Calibrator.fit(scores, y_true, self.method)
        return self

    def _require(self):
        if self._fitted is None:
            raise _InvalidInputError("fit the calibrator on reference scores and targets first")
        return self._fitted

    def predict(self, scores):
        """Calibrated probabilities (a float64 array)."""
        return self._require().predict(scores)

    @property
    def a_(self):
        """Platt's ``a`` (None for isotonic or before ``fit``)."""
        params = None if self._fitted is None else self._fitted.sigmoid_parameters
        return None if params is None else params[0]

    @property
    def b_(self):
        """Platt's ``b`` (None for isotonic or before ``fit``)."""
        params = None if self._fitted is None else self._fitted.sigmoid_parameters
        return None if params is None else params[1]

    def to_json(self):
        return self._require().to_json()

    @classmethod
    def from_json(cls, text):
        fitted = _native._Calibrator.from_json(text)
        restored = cls(fitted.method)
        restored._fitted = fitted
        return restored


class ConformalRegressor:
    """Split conformal regression intervals: ``fit(y_true, y_pred)`` on a calibration set the
    model did not train on; ``predict(y_pred)`` gives ``(n, 2)`` intervals ``ŷ ± q`` where
    ``q`` is the ⌈(n + 1)(1 − alpha)⌉-th smallest ``|y − ŷ|``. With ``groups`` (any labels),
    one ``q`` per group (Mondrian), so coverage holds within each group."""

    def __init__(self, alpha=0.1):
        _native._check_conformal(alpha=alpha)
        self.alpha = alpha
        self._fitted = None

    def fit(self, y_true, y_pred, groups=None):
        self._fitted = _native._ConformalRegressor.fit(y_true, y_pred, _groups(groups), alpha=self.alpha)
        return self

    def _require(self):
        if self._fitted is None:
            raise _InvalidInputError("fit the regressor on calibration targets and predictions first")
        return self._fitted

    def predict(self, y_pred, groups=None):
        """``(n, 2)`` float64 array of ``[lower, upper]``."""
        lower, upper = self._require().predict(y_pred, _groups(groups))
        return _np.column_stack([lower, upper])

    def evaluate(self, y_true, y_pred, groups=None):
        """Coverage on a holdout: ``{"coverage", "mean_size" (mean width), "n"}``."""
        return self._require().evaluate(y_true, y_pred, _groups(groups))

    @property
    def half_widths(self):
        """``q`` per group (``{"": q}`` without groups; None before ``fit``)."""
        return None if self._fitted is None else self._fitted.half_widths

    def to_json(self):
        return self._require().to_json()

    @classmethod
    def from_json(cls, text):
        fitted = _native._ConformalRegressor.from_json(text)
        restored = cls(fitted.alpha)
        restored._fitted = fitted
        return restored


class ConformalClassifier:
    """Split conformal prediction sets with the LAC score ``1 − p̂(true class)``: ``fit(proba,
    y)`` on calibration probabilities ``(n, classes)`` and class indices; ``predict_sets``
    gives a boolean ``(n, classes)`` array. ``class_conditional=True`` fits one threshold per
    class (Mondrian), so every class, the rare ones too, is covered at ``1 − alpha``."""

    def __init__(self, alpha=0.1, class_conditional=False):
        _native._check_conformal(alpha=alpha)
        if not isinstance(class_conditional, bool):
            raise _InputTypeError("class_conditional must be a bool")
        self.alpha = alpha
        self.class_conditional = class_conditional
        self._fitted = None

    def fit(self, proba, y):
        self._fitted = _native._ConformalClassifier.fit(proba, y, self.class_conditional, alpha=self.alpha)
        return self

    def _require(self):
        if self._fitted is None:
            raise _InvalidInputError("fit the classifier on calibration probabilities and labels first")
        return self._fitted

    def predict_sets(self, proba):
        return self._require().predict_sets(proba)

    def evaluate(self, proba, y):
        """Coverage on a holdout: ``{"coverage", "mean_size" (mean set size), "n"}``."""
        return self._require().evaluate(proba, y)

    @property
    def thresholds(self):
        """The threshold on ``1 − p̂``: one, or one per class (None before ``fit``)."""
        return None if self._fitted is None else self._fitted.thresholds

    def to_json(self):
        return self._require().to_json()

    @classmethod
    def from_json(cls, text):
        fitted = _native._ConformalClassifier.from_json(text)
        restored = cls(fitted.alpha, class_conditional=len(fitted.thresholds) > 1)
        restored._fitted = fitted
        return restored
