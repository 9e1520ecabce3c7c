"""Drift: batch tests between a reference and a current sample, and streaming detectors.

Hypothesis tests (``ks_2samp``, ``anderson_darling``, ``cramer_von_mises``,
``epps_singleton``, ``t_test``, ``mann_whitney``, ``chisquare``, ``g_test``,
``z_test``, ``fisher_exact``, ``tvd``) return a :class:`DriftResult` with ``statistic``,
``pvalue`` and ``drifted`` (p-value below ``threshold``); distances (``wasserstein``,
``energy_distance``, ``psi``, ``kl_div``, ``jensenshannon``, ``hellinger``) fill ``score`` and
drift when it reaches ``threshold`` — Evidently's conventions and default thresholds.
Numeric inputs are 1-D float arrays (contiguous float64 numpy arrays are read in place); text
arrays are categories. Detectors take River's parameter names and defaults and fire at River's
indices: ``update(x) -> bool``, ``update_many(array) -> int64 indices``, ``drift_detected``,
``warning_detected``, ``to_json()`` / ``from_json()`` to persist their state.
"""

from edgekit._edgekit import drift as _native

DriftResult = _native.DriftResult
ks_2samp = _native.ks_2samp
wasserstein = _native.wasserstein
energy_distance = _native.energy_distance
t_test = _native.t_test
mann_whitney = _native.mann_whitney
psi = _native.psi
kl_div = _native.kl_div
jensenshannon = _native.jensenshannon
hellinger = _native.hellinger
chisquare = _native.chisquare
g_test = _native.g_test
z_test = _native.z_test
fisher_exact = _native.fisher_exact
tvd = _native.tvd
anderson_darling = _native.anderson_darling
cramer_von_mises = _native.cramer_von_mises
epps_singleton = _native.epps_singleton

ADWIN = _native.ADWIN
PageHinkley = _native.PageHinkley
KSWIN = _native.KSWIN
CUSUM = _native.CUSUM
DDM = _native.DDM
EDDM = _native.EDDM
HDDM_A = _native.HDDM_A
HDDM_W = _native.HDDM_W
FHDDM = _native.FHDDM
BOCPD = _native.BOCPD

pelt = _native.pelt
mmd = _native.mmd
binary_segmentation = _native.binary_segmentation
f1_score = _native.f1_score
covering = _native.covering

__all__ = [
    "BOCPD", "mmd", "binary_segmentation", "covering", "f1_score", "pelt", "PerformanceMonitor",
    "ADWIN", "CUSUM", "anderson_darling", "cramer_von_mises", "epps_singleton", "DDM", "DriftResult", "EDDM", "FHDDM", "HDDM_A", "HDDM_W", "KSWIN",
    "PageHinkley", "chisquare", "energy_distance", "fisher_exact", "g_test", "hellinger",
    "jensenshannon", "kl_div", "ks_2samp", "mann_whitney", "psi", "t_test", "tvd",
    "wasserstein", "z_test",
]


# --- reports and profiles -------------------------------------------------------------------

import json as _json

import numpy as _np

from edgekit.errors import InputTypeError as _InputTypeError


def _columns(data, categorical=()):
    """``[(name, values, categorical)]`` from a pandas DataFrame or a dict of arrays: numeric
    columns become float64 arrays (NaN marks missing), others lists of ``str | None``."""
    if hasattr(data, "columns") and hasattr(data, "__getitem__") and not isinstance(data, dict):
        items = [(str(name), data[name]) for name in data.columns]
    elif isinstance(data, dict):
        items = [(str(name), values) for name, values in data.items()]
    else:
        raise _InputTypeError(f"expected a pandas DataFrame, a dict of arrays or a Profile, got {type(data).__name__}")
    out = []
    for name, values in items:
        array = _np.asarray(values)
        if array.dtype.kind in "biuf":
            out.append((name, _np.ascontiguousarray(array, dtype=_np.float64), name in categorical))
        else:
            out.append((name, _factorized(values, array), True))
    return out


def _factorized(values, array):
    """Labels as (int64 codes with -1 for missing, list of distinct labels): the per-row work
    stays in C (pandas.factorize), the labels cross into Rust once each."""
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is optional
        labels = [None if v is None or (isinstance(v, float) and v != v) else str(v) for v in array.tolist()]
        uniques = sorted({v for v in labels if v is not None})
        index = {v: i for i, v in enumerate(uniques)}
        return _np.array([-1 if v is None else index[v] for v in labels], dtype=_np.int64), uniques
    codes, uniques = pd.factorize(pd.Series(values) if not hasattr(values, "dtype") else values)
    return _np.ascontiguousarray(codes, dtype=_np.int64), [str(u) for u in uniques]


class Profile:
    """A reference profile: fit once (in chunks if needed), merge, serialize, report against.

    ``Profile.fit(data, capacity=None, seed=0, categorical=())`` takes a DataFrame or a dict of
    arrays; numeric columns keep up to ``capacity`` (default 131072) distinct values exactly, a
    seeded bottom-k sample of them beyond (merge of chunks = fit of the whole, exactly).
    """

    def __init__(self, native):
        self._native = native

    @classmethod
    def fit(cls, data, capacity=None, seed=0, categorical=()):
        return cls(_native._Profile.fit(_columns(data, set(categorical)), capacity, seed))

    def merge(self, other):
        return Profile(self._native.merge(other._native))

    def to_bytes(self):
        return self._native.to_bytes()

    @classmethod
    def from_bytes(cls, data):
        return cls(_native._Profile.from_bytes(bytes(data)))

    def to_json(self):
        return self._native.to_json()

    @classmethod
    def from_json(cls, text):
        return cls(_native._Profile.from_json(text))

    @property
    def columns(self):
        return self._native.columns

    def describe(self):
        """One dict per column: kind, rows, missing, distinct values kept, exact or sampled."""
        return _json.loads(self._native.describe())

    def __eq__(self, other):
        return isinstance(other, Profile) and self._native == other._native

    def __repr__(self):
        return f"Profile(columns={self.columns!r})"




class DriftReport:
    """Per-column drift rows (``.columns``, a list of dicts) and the dataset verdict."""

    def __init__(self, data):
        self._data = data
        self.columns = data["columns"]
        self.drifted_columns = data["drifted_columns"]
        self.share_drifted = data["share_drifted"]
        self.dataset_drift = data["dataset_drift"]
        self.drift_share = data["drift_share"]

    def to_dict(self):
        return _json.loads(_json.dumps(self._data))

    def to_pandas(self):
        import pandas as pd

        return pd.DataFrame(self.columns).set_index("column")

    def __repr__(self):
        return (f"DriftReport(dataset_drift={self.dataset_drift}, drifted_columns={self.drifted_columns}"
                f"/{len(self.columns)})")


def report(reference, current, *, tests=None, numerical_test=None, categorical_test=None, thresholds=None,
           threshold=None, correction=None, drift_share=0.5, missing_threshold=0.05, unseen_threshold=0.0,
           columns=None, categorical=(), seed=0):
    """Drift report of ``current`` against ``reference`` (a :class:`Profile`, a DataFrame or a
    dict of arrays), testing each column as Evidently does by default (override per column with
    ``tests={"col": "psi"}`` or for all with ``numerical_test=``/``categorical_test=``).
    ``categorical`` names numeric columns that hold category codes."""
    options = {
        "tests": tests or {}, "numerical_test": numerical_test, "categorical_test": categorical_test,
        "thresholds": thresholds or {}, "threshold": threshold, "correction": correction,
        "drift_share": drift_share, "missing_threshold": missing_threshold,
        "unseen_threshold": unseen_threshold, "columns": columns, "seed": seed,
    }
    categorical = set(categorical)
    native_reference = reference._native if isinstance(reference, Profile) else _columns(reference, categorical)
    text = _native._report(native_reference, _columns(current, categorical), _json.dumps(options))
    return DriftReport(_json.loads(text))


__all__ += ["DriftReport", "Profile", "report"]


class PerformanceMonitor:
    """Sliding-window performance of (probability, label) pairs: accuracy, Brier, log-loss, ECE,
    AUC; alerts when a metric crosses ``thresholds`` (``{"accuracy": (0.8, 0.6)}`` = warning,
    critical levels, or a list of ``{"metric", "warning", "critical"}`` dicts); ``compare`` tests
    the window against a frozen baseline. ``window`` counts pairs; ``time_window`` (seconds)
    keeps pairs by their ``times`` instead. State persists with ``to_json`` / ``from_json``."""

    def __init__(self, window=1000, time_window=None, bins=10, thresholds=None, *, _native_monitor=None):
        if _native_monitor is not None:
            self._native = _native_monitor
            return
        rules = []
        if isinstance(thresholds, dict):
            for metric, levels in thresholds.items():
                warning, critical = (levels if isinstance(levels, (tuple, list)) else (levels, None))
                rules.append({"metric": metric, "warning": warning, "critical": critical})
        elif thresholds:
            rules = list(thresholds)
        self._native = _native._PerformanceMonitor(window, time_window, bins, _json.dumps(rules))

    def update(self, prediction, label, time=None):
        """Adds one pair; returns the alerts it raised (a list of dicts)."""
        times = None if time is None else [float(time)]
        return self.update_many([float(prediction)], [float(label)], times)

    def update_many(self, predictions, labels, times=None):
        """Adds pairs in order (numpy arrays are read in place); returns every alert raised."""
        return _json.loads(self._native._update_many(predictions, labels, times))

    def metrics(self):
        return _json.loads(self._native._metrics())

    def set_baseline(self):
        self._native.set_baseline()

    def compare(self, alpha=0.05):
        return self._native.compare(alpha)

    def to_json(self):
        return self._native.to_json()

    @classmethod
    def from_json(cls, text):
        return cls(_native_monitor=_native._PerformanceMonitor.from_json(text))
