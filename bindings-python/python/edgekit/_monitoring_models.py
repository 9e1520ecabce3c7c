"""The monitoring calculators that train a model of their own (boosted trees after LightGBM,
in Rust): ``DLE``. Re-exported by :mod:`edgekit.monitoring`, whose helpers they share."""

import json as _json

from edgekit._edgekit import drift as _native
from edgekit.errors import InputTypeError as _InputTypeError
from edgekit.errors import InvalidInputError as _InvalidInputError
from edgekit.monitoring import Result, _chunking, _columns, _float_column, _frame, _threshold, _timestamps, _warnings

# NannyML's DLE field order within a metric's group.
_DLE_FIELDS = ("sampling_error", "realized", "value", "upper_confidence_boundary", "lower_confidence_boundary",
               "upper_threshold", "lower_threshold", "alert", "warning_lower_threshold", "warning_upper_threshold",
               "severity")


class DLEResult(Result):
    """DLE's chunks: as :class:`Result`, each metric's fields in NannyML's DLE order
    (``sampling_error``, ``realized``, ``value``, the confidence band, the thresholds,
    ``alert``)."""

    def _groups(self, row):
        for group, fields in super()._groups(row):
            if group != "chunk":
                fields = {f: fields[f] for f in _DLE_FIELDS if f in fields}
            yield group, fields


class DLE:
    """Direct loss estimation (NannyML's ``DLE``) for regression models: the performance on data
    whose targets have not arrived. On the reference, boosted trees (LightGBM's defaults,
    trained in Rust) learn each row's loss from the features and the prediction; a chunk's
    estimate is the mean predicted loss (its root for ``rmse`` and ``rmsle``), with NannyML's
    sampling error, thresholds from the reference chunks' realized values and an alert.

    ``metrics``: any of ``mae``, ``mape``, ``mse``, ``rmse``, ``msle``, ``rmsle`` (default all).
    ``hyperparameters``: LightGBM's (``n_estimators``, ``learning_rate``, ``num_leaves``,
    ``max_depth``, ``min_child_samples``, ``min_child_weight``, ``min_split_gain``,
    ``reg_alpha``, ``reg_lambda``, ``max_bin``, with LightGBM's aliases); keys that do not change
    the model (``n_jobs``, ``random_state``, ``verbose``...) are ignored. Text or ``category``
    columns are categorical features. ``tune_hyperparameters=True`` (NannyML's FLAML search)
    is not built in. Beyond NannyML: ``warning_thresholds``.
    """

    def __init__(self, feature_column_names, y_pred, y_true, timestamp_column_name=None, chunk_size=None,
                 chunk_number=None, chunk_period=None, chunker=None, metrics=None, hyperparameters=None,
                 tune_hyperparameters=False, hyperparameter_tuning_config=None, thresholds=None,
                 warning_thresholds=None):
        if tune_hyperparameters:
            raise _InvalidInputError("tune_hyperparameters: a hyperparameter search (NannyML's FLAML) is not "
                                     "built in; pass the hyperparameters to use")
        if isinstance(feature_column_names, str):
            feature_column_names = [feature_column_names]
        if hyperparameters is not None and not isinstance(hyperparameters, dict):
            raise _InputTypeError("hyperparameters must be a dict of LightGBM hyperparameters")
        if thresholds is not None and not isinstance(thresholds, dict):
            raise _InputTypeError("thresholds must map metric names to thresholds")
        self.feature_column_names = list(feature_column_names)
        self.y_pred, self.y_true = y_pred, y_true
        self.timestamp_column_name = timestamp_column_name
        if timestamp_column_name is None and chunker is not None:
            self.timestamp_column_name = getattr(chunker, "timestamp_column_name", None)
        self.hyperparameters = hyperparameters
        self.tune_hyperparameters = False
        self.hyperparameter_tuning_config = hyperparameter_tuning_config
        self._options = {
            **_chunking(chunk_size, chunk_number, chunk_period, chunker),
            "thresholds": {name: _threshold(t) for name, t in (thresholds or {}).items()},
            **_warnings(warning_thresholds),
        }
        if metrics is not None:
            self._options["metrics"] = [metrics] if isinstance(metrics, str) else list(metrics)
        if hyperparameters:
            self._options["hyperparameters"] = dict(hyperparameters)
        self._fitted = None

    @property
    def metrics(self):
        return self._options.get("metrics", ["mae", "mape", "mse", "rmse", "msle", "rmsle"])

    def _read(self, data, with_targets):
        data = _frame(data, [])
        names = data.columns if hasattr(data, "columns") else data
        columns = _columns(data, self.feature_column_names)
        y_pred = _float_column(data, self.y_pred, "y_pred")
        y_true = _float_column(data, self.y_true, "y_true") if with_targets or self.y_true in names else None
        return columns, y_pred, y_true, _timestamps(data, self.timestamp_column_name)

    def fit(self, reference_data):
        columns, y_pred, y_true, stamps = self._read(reference_data, True)
        self._fitted = _native._Dle.fit(columns, y_pred, y_true, stamps, **self._options)
        return self

    def estimate(self, data):
        if self._fitted is None:
            raise _InvalidInputError("fit the estimator on reference data before estimate()")
        columns, y_pred, y_true, stamps = self._read(data, False)
        rows = self._fitted.estimate(columns, y_pred, y_true, stamps)
        return DLEResult(rows, self.metrics, False, "warning_thresholds" in self._options)

    def to_json(self):
        if self._fitted is None:
            raise _InvalidInputError("nothing to save: the estimator is not fitted")
        return _json.dumps({"feature_column_names": self.feature_column_names, "y_pred": self.y_pred,
                            "y_true": self.y_true, "timestamp_column_name": self.timestamp_column_name,
                            "metrics": self.metrics, "graded": "warning_thresholds" in self._options,
                            "fitted": _json.loads(self._fitted.to_json())})

    @classmethod
    def from_json(cls, text):
        try:
            saved = _json.loads(text)
            restored = cls(saved["feature_column_names"], saved["y_pred"], saved["y_true"],
                           timestamp_column_name=saved["timestamp_column_name"], metrics=saved["metrics"])
            fitted = _json.dumps(saved["fitted"])
        except (KeyError, TypeError, ValueError) as exc:
            raise _InvalidInputError(f"not a saved DLE: {exc}") from None
        if saved.get("graded"):
            restored._options["warning_thresholds"] = {}  # results show the severity fields
        restored._fitted = _native._Dle.from_json(fitted)
        return restored
