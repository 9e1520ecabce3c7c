"""The monitoring calculators that train models of their own (boosted trees after LightGBM, in
Rust): ``DLE`` and ``DomainClassifierCalculator``. Re-exported by :mod:`edgekit.monitoring`,
whose helpers they share."""

import json as _json

from edgekit._edgekit import drift as _native
from edgekit.errors import InputTypeError as _InputTypeError
from edgekit.errors import InvalidInputError as _InvalidInputError
from edgekit.monitoring import (
    ConstantThreshold,
    Result,
    _chunking,
    _columns,
    _float_column,
    _frame,
    _threshold,
    _timestamps,
    _warnings,
)

def _no_tuning(tune_hyperparameters):
    if not isinstance(tune_hyperparameters, bool):
        raise _InputTypeError("tune_hyperparameters must be True or False")
    if tune_hyperparameters:
        raise _InvalidInputError("tune_hyperparameters: a hyperparameter search (NannyML's FLAML) is not "
                                 "built in; pass the hyperparameters to use")


def _names(value, argument):
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, (list, tuple)) or not names or not all(isinstance(c, str) for c in names):
        raise _InputTypeError(f"{argument} must be a column name or a non-empty list of them")
    return list(names)


def _column_name(value, argument):
    if not isinstance(value, str):
        raise _InputTypeError(f"{argument} must be a column name")
    return value


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


# NannyML's domain classifier fields (it reports no sampling error).
_DOMAIN_FIELDS = ("value", "upper_threshold", "lower_threshold", "alert", "warning_lower_threshold",
                  "warning_upper_threshold", "severity")


class DomainClassifierResult(Result):
    """The domain classifier's chunks: as :class:`Result`, with NannyML's fields only (``value``,
    ``upper_threshold``, ``lower_threshold``, ``alert``)."""

    def _groups(self, row):
        for group, fields in super()._groups(row):
            if group != "chunk":
                fields = {f: fields[f] for f in _DOMAIN_FIELDS if f in fields}
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
        _no_tuning(tune_hyperparameters)
        if hyperparameters is not None and not isinstance(hyperparameters, dict):
            raise _InputTypeError("hyperparameters must be a dict of LightGBM hyperparameters")
        if thresholds is not None and not isinstance(thresholds, dict):
            raise _InputTypeError("thresholds must map metric names to thresholds")
        self.feature_column_names = _names(feature_column_names, "feature_column_names")
        self.y_pred, self.y_true = _column_name(y_pred, "y_pred"), _column_name(y_true, "y_true")
        if timestamp_column_name is not None:
            _column_name(timestamp_column_name, "timestamp_column_name")
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
            if not isinstance(metrics, (str, list, tuple)):
                raise _InputTypeError("metrics must be a metric name or a list of them")
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
        return self._result(self._fitted.estimate(*self._batch(data)))

    def monitor(self):
        """A :class:`ChunkMonitor` fed batch by batch with this fitted estimator."""
        from edgekit.monitoring import ChunkMonitor

        return ChunkMonitor(self)

    def _batch(self, data):
        return self._read(data, False)

    def _result(self, rows):
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


class DomainClassifierCalculator:
    """Multivariate drift by a domain classifier (NannyML's ``DomainClassifierCalculator``): per
    chunk, boosted trees (LightGBM's defaults, trained in Rust) learn to tell the chunk's rows
    from the reference's, and the cross-validated ROC AUC (``cv_folds_num`` stratified folds,
    scikit-learn's, unshuffled) is the drift score: 0.5 where nothing tells them apart, towards 1
    where the joint distribution moved. Thresholds are constant by default (0.45 and 0.65).

    Text, ``category`` and boolean columns are categorical, as are the columns named in
    ``treat_as_categorical``. ``hyperparameters`` as for :class:`DLE` (NannyML's default dict is
    LightGBM's defaults, which are edgekit's). The fitted calculator keeps the encoded reference:
    every chunk's classifier trains on it. Beyond NannyML: ``warning_threshold``.
    """

    def __init__(self, feature_column_names, treat_as_categorical=None, timestamp_column_name=None,
                 chunk_size=None, chunk_number=None, chunk_period=None, chunker=None, cv_folds_num=5,
                 hyperparameters=None, tune_hyperparameters=False, hyperparameter_tuning_config=None,
                 threshold=None, warning_threshold=None):
        _no_tuning(tune_hyperparameters)
        names = _names(feature_column_names, "feature_column_names")
        if timestamp_column_name is not None:
            _column_name(timestamp_column_name, "timestamp_column_name")
        if hyperparameters is not None and not isinstance(hyperparameters, dict):
            raise _InputTypeError("hyperparameters must be a dict of LightGBM hyperparameters")
        self.feature_column_names = list(names)
        empty = treat_as_categorical is None or (isinstance(treat_as_categorical, (list, tuple))
                                                 and not treat_as_categorical)
        self.treat_as_categorical = [] if empty else _names(treat_as_categorical, "treat_as_categorical")
        self.timestamp_column_name = timestamp_column_name
        if timestamp_column_name is None and chunker is not None:
            self.timestamp_column_name = getattr(chunker, "timestamp_column_name", None)
        self.cv_folds_num = cv_folds_num
        self.hyperparameters = hyperparameters
        self.tune_hyperparameters = False
        self.hyperparameter_tuning_config = hyperparameter_tuning_config
        self.threshold = threshold if threshold is not None else ConstantThreshold(lower=0.45, upper=0.65)
        self._options = {
            **_chunking(chunk_size, chunk_number, chunk_period, chunker),
            "cv_folds_num": cv_folds_num,
            "threshold": _threshold(self.threshold),
        }
        if warning_threshold is not None:
            self._options["warning_threshold"] = _threshold(warning_threshold)
        if hyperparameters:
            self._options["hyperparameters"] = dict(hyperparameters)
        self._fitted = None

    def _read(self, data):
        data = _frame(data, self.feature_column_names)
        columns = [(name, values, categorical or name in self.treat_as_categorical)
                   for name, values, categorical in _columns(data, self.feature_column_names)]
        return columns, _timestamps(data, self.timestamp_column_name)

    def fit(self, reference_data):
        columns, stamps = self._read(reference_data)
        self._fitted = _native._DomainClassifier.fit(columns, stamps, **self._options)
        return self

    def calculate(self, data):
        if self._fitted is None:
            raise _InvalidInputError("fit the calculator on reference data before calculate()")
        return self._result(self._fitted.calculate(*self._read(data)))

    def monitor(self):
        """A :class:`ChunkMonitor` fed batch by batch with this fitted calculator."""
        from edgekit.monitoring import ChunkMonitor

        return ChunkMonitor(self)

    def _batch(self, data):
        return self._read(data)

    def _result(self, rows):
        return DomainClassifierResult(rows, graded="warning_threshold" in self._options)

    @property
    def thresholds(self):
        """The fitted (lower, upper) thresholds (``None``: open)."""
        return None if self._fitted is None else self._fitted.thresholds

    def to_json(self):
        if self._fitted is None:
            raise _InvalidInputError("nothing to save: the calculator is not fitted")
        return _json.dumps({"feature_column_names": self.feature_column_names,
                            "treat_as_categorical": self.treat_as_categorical,
                            "timestamp_column_name": self.timestamp_column_name,
                            "graded": "warning_threshold" in self._options,
                            "fitted": _json.loads(self._fitted.to_json())})

    @classmethod
    def from_json(cls, text):
        try:
            saved = _json.loads(text)
            restored = cls(saved["feature_column_names"], treat_as_categorical=saved["treat_as_categorical"],
                           timestamp_column_name=saved["timestamp_column_name"])
            fitted = _json.dumps(saved["fitted"])
        except (KeyError, TypeError, ValueError) as exc:
            raise _InvalidInputError(f"not a saved DomainClassifierCalculator: {exc}") from None
        if saved.get("graded"):
            restored._options["warning_threshold"] = None  # results show the severity fields
        restored._fitted = _native._DomainClassifier.from_json(fitted)
        return restored
