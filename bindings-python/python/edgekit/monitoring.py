"""Model monitoring over time, shaped as NannyML so a NannyML user switches by changing one
import (``import edgekit.monitoring as nml``).

Calculators take NannyML's constructor arguments (``column_names``,
``timestamp_column_name``, ``chunk_size`` / ``chunk_number`` / ``chunk_period`` or a
``chunker``, ``threshold``), ``fit(reference_df)`` and ``calculate(df)``, and return a
:class:`Result` whose ``to_df()`` has NannyML's two-level column layout: a ``chunk`` group
(``key``, ``chunk_index``, ``start_index``, ``end_index``, ``start_date``, ``end_date``,
``period``) and one group per metric (``value``, ``sampling_error``,
``upper_confidence_boundary``, ``lower_confidence_boundary``, ``upper_threshold``,
``lower_threshold``, ``alert``). The work happens in Rust (``edgekit::drift``); options,
defaults and limits are core's, which also refuses what NannyML would silently accept (two
chunking arguments at once, a share of variance outside (0, 1)).

``UnivariateDriftCalculator`` results have NannyML's three-level layout instead: ``("chunk",
"chunk", field)`` and ``(column, method, field)`` with ``value``, ``upper_threshold``,
``lower_threshold`` and ``alert``.

``DLE`` (direct loss estimation) estimates a regression model's MAE, MAPE, MSE, RMSE, MSLE and
RMSLE before its targets arrive, from boosted trees trained in Rust after LightGBM;
``DomainClassifierCalculator`` scores each chunk by how well such trees tell it from the
reference (cross-validated ROC AUC).

Multivariate MMD follows alibi-detect's ``MMDDrift`` instead (NannyML has none):
``MMDDrift(x_ref, p_val=...).predict(x)`` with alibi-detect's result dict.

Fitted calculators are immutable once fitted and safe to share between threads; ``to_json()``
and ``from_json()`` save and restore them.
"""

import numpy as _np

from edgekit._edgekit import drift as _native
from edgekit.errors import InputTypeError as _InputTypeError
from edgekit.errors import InvalidInputError as _InvalidInputError

__all__ = [
    "CBPE",
    "ChunkMonitor",
    "DLE",
    "DLEResult",
    "ConstantThreshold",
    "CountBasedChunker",
    "DataReconstructionDriftCalculator",
    "DefaultChunker",
    "DomainClassifierCalculator",
    "DomainClassifierResult",
    "MMDDrift",
    "PerformanceCalculator",
    "PeriodBasedChunker",
    "Result",
    "SizeBasedChunker",
    "StandardDeviationThreshold",
    "UnivariateDriftCalculator",
    "UnivariateResult",
]


# --- thresholds and chunkers: plain descriptions that core reads --------------------------


class StandardDeviationThreshold:
    """Thresholds at the mean of the reference chunks' values ∓ a multiple of their standard
    deviation; ``None`` leaves a side open (NannyML's default threshold)."""

    def __init__(self, std_lower_multiplier=3, std_upper_multiplier=3):
        self.std_lower_multiplier = std_lower_multiplier
        self.std_upper_multiplier = std_upper_multiplier
        _native._check_threshold(**self._spec())

    def _spec(self):
        return {
            "type": "standard_deviation",
            "std_lower_multiplier": self.std_lower_multiplier,
            "std_upper_multiplier": self.std_upper_multiplier,
        }

    def __repr__(self):
        return (f"StandardDeviationThreshold(std_lower_multiplier={self.std_lower_multiplier!r}, "
                f"std_upper_multiplier={self.std_upper_multiplier!r})")


class ConstantThreshold:
    """Fixed thresholds; ``None`` leaves a side open."""

    def __init__(self, lower=None, upper=None):
        self.lower = lower
        self.upper = upper
        _native._check_threshold(**self._spec())

    def _spec(self):
        return {"type": "constant", "lower": self.lower, "upper": self.upper}

    def __repr__(self):
        return f"ConstantThreshold(lower={self.lower!r}, upper={self.upper!r})"


class SizeBasedChunker:
    """Chunks of ``chunk_size`` rows; ``incomplete`` is ``'keep'``, ``'drop'`` or ``'append'``."""

    def __init__(self, chunk_size, incomplete="keep", timestamp_column_name=None):
        self.chunk_size, self.incomplete = chunk_size, incomplete
        self.timestamp_column_name = timestamp_column_name
        _native._check_chunker(**self._spec())

    def _spec(self):
        return {"chunk_size": self.chunk_size, "incomplete": self.incomplete}


class CountBasedChunker:
    """``chunk_number`` chunks of equal size; ``incomplete`` as for :class:`SizeBasedChunker`."""

    def __init__(self, chunk_number, incomplete="keep", timestamp_column_name=None):
        self.chunk_number, self.incomplete = chunk_number, incomplete
        self.timestamp_column_name = timestamp_column_name
        _native._check_chunker(**self._spec())

    def _spec(self):
        return {"chunk_number": self.chunk_number, "incomplete": self.incomplete}


class PeriodBasedChunker:
    """One chunk per calendar period (``offset``: ``'min'``, ``'h'``, ``'D'``, ``'W'``,
    ``'M'``, ``'Q'``, ``'Y'``, pandas' aliases) of the timestamp column."""

    def __init__(self, offset="W", timestamp_column_name=None):
        self.offset = offset
        self.timestamp_column_name = timestamp_column_name
        _native._check_chunker(**self._spec())

    def _spec(self):
        return {"chunk_period": self.offset}


class DefaultChunker:
    """About ten chunks: ``rows // 10`` rows each, the leftover kept."""

    def __init__(self, timestamp_column_name=None):
        self.timestamp_column_name = timestamp_column_name

    def _spec(self):
        return {}


def _chunking(chunk_size, chunk_number, chunk_period, chunker):
    if chunker is not None:
        if not hasattr(chunker, "_spec"):
            raise _InputTypeError(
                f"chunker must be an edgekit.monitoring chunker, got {type(chunker).__name__}")
        if any(v is not None for v in (chunk_size, chunk_number, chunk_period)):
            raise _InvalidInputError("give either a chunker or chunk_size/chunk_number/chunk_period")
        return chunker._spec()
    spec = {"chunk_size": chunk_size, "chunk_number": chunk_number, "chunk_period": chunk_period}
    return {k: v for k, v in spec.items() if v is not None}


def _threshold(threshold):
    if not hasattr(threshold, "_spec"):
        raise _InputTypeError(
            "threshold must be a StandardDeviationThreshold or a ConstantThreshold, "
            f"got {type(threshold).__name__}")
    return threshold._spec()


def _warnings(warning_thresholds):
    """The ``warning_thresholds`` option: a second, usually narrower band per metric or method
    whose crossing (inside the alert thresholds) gives a cell ``severity="warning"``."""
    if warning_thresholds is None:
        return {}
    if not isinstance(warning_thresholds, dict):
        raise _InputTypeError("warning_thresholds must map names to thresholds")
    return {"warning_thresholds": {name: _threshold(t) for name, t in warning_thresholds.items()}}


def _strategy(imputer, argument, allowed):
    """The strategy of a scikit-learn ``SimpleImputer`` (or its name)."""
    if imputer is None:
        return None
    strategy = imputer if isinstance(imputer, str) else getattr(imputer, "strategy", None)
    if strategy not in allowed:
        raise _InvalidInputError(f"{argument}: strategy {strategy!r} is not supported; use one of {sorted(allowed)}")
    return strategy


# --- data: DataFrames, dicts of arrays, 2-D arrays ------------------------------------------


def _is_categorical(values):
    dtype = getattr(values, "dtype", None)
    if dtype is None:
        return not _np.asarray(values).dtype.kind in "iuf"
    return str(dtype) in ("object", "string", "str", "category", "bool") or getattr(dtype, "kind", "") in "OUSb"


def _frame(data, column_names):
    if isinstance(data, _np.ndarray):
        if data.ndim != 2 or data.shape[1] != len(column_names):
            raise _InvalidInputError(
                f"a 2-D array needs one column per name in column_names ({len(column_names)}), got shape {data.shape}")
        return {name: data[:, j] for j, name in enumerate(column_names)}
    if hasattr(data, "columns") or isinstance(data, dict):
        return data
    raise _InputTypeError(f"expected a DataFrame, a dict of arrays or a 2-D array, got {type(data).__name__}")


def _columns(data, column_names):
    from edgekit.drift import _factorized

    names = list(data.columns) if hasattr(data, "columns") else list(data)
    missing = [c for c in column_names if c not in names]
    if missing:
        raise _InvalidInputError(f"data is missing the columns {missing}")
    out = []
    for name in column_names:
        values = data[name]
        labelled = hasattr(values, "dtype") and _is_categorical(values) and getattr(values.dtype, "kind", "") != "b"
        if labelled:  # a pandas or numpy text column: factorized where it lies, never boxed row by row
            out.append((name, _factorized(values, values), True))
            continue
        array = _np.asarray(values)
        if array.dtype.kind == "b":
            out.append((name, array.astype(_np.float64), True))
        elif _is_categorical(values):
            out.append((name, _factorized(values, array), True))
        else:
            out.append((name, _np.ascontiguousarray(array, dtype=_np.float64), False))
    return out


def _timestamps(data, name):
    if name is None:
        return None
    import pandas as pd

    if name not in (data.columns if hasattr(data, "columns") else data):
        raise _InvalidInputError(f"timestamp column {name!r} is not in the data")
    stamps = pd.to_datetime(pd.Series(_np.asarray(data[name]) if isinstance(data, dict) else data[name]))
    if stamps.isna().any():
        raise _InvalidInputError(f"timestamp column {name!r} has missing or unparsable values")
    return stamps.to_numpy(dtype="datetime64[ns]").astype(_np.int64)


# --- results --------------------------------------------------------------------------------


# The severity fields: in ``to_df()`` only where warning thresholds were set, so that the
# layout is NannyML's otherwise.
_GRADES = ("warning_lower_threshold", "warning_upper_threshold", "severity")

_BINARY_CELLS = {("1", "1"): "true_positive", ("0", "0"): "true_negative", ("0", "1"): "false_positive",
                 ("1", "0"): "false_negative"}


def _cell_group(cell, binary):
    """NannyML's group name of a confusion matrix cell."""
    key = (cell["true_class"], cell["predicted_class"])
    return _BINARY_CELLS[key] if binary else f"true_{key[0]}_pred_{key[1]}"


class Result:
    """Chunked results: ``to_df()`` (NannyML's two-level columns; ``multilevel=False`` joins
    the levels with ``_``), ``filter(period=...)``, ``to_dict()`` (JSON-safe rows), ``len``.

    A confusion matrix is a list of cells in ``to_dict()`` (``{"true_class",
    "predicted_class", ...}``: class names are data, not keys) and one group per cell in
    ``to_df()``, named as NannyML names them (``true_positive``... for a binary model,
    ``true_{class}_pred_{class}`` for a multiclass one), where the metric was asked for."""

    def __init__(self, rows, metrics=None, binary=True, graded=False):
        self._rows = rows
        self._metrics = metrics
        self._binary = binary
        self._graded = graded

    def __len__(self):
        return len(self._rows)

    @property
    def data(self):
        return self.to_df()

    @property
    def empty(self):
        return not self._rows

    def to_dict(self):
        """The rows as plain dicts (``{"chunk": {...}, metric: {...}}``), dates in ns."""
        import copy

        return copy.deepcopy(self._rows)

    def filter(self, period="all"):
        if period not in ("all", "reference", "analysis"):
            raise _InvalidInputError(f"period {period!r} is unknown; expected 'all', 'reference' or 'analysis'")
        return type(self)([r for r in self._rows if period == "all" or r["chunk"]["period"] == period],
                          self._metrics, self._binary, self._graded)

    def to_df(self, multilevel=True):
        import pandas as pd

        columns, records = [], []
        for row in self._rows:
            record = {}
            for group, fields in self._groups(row):
                for field, value in fields.items():
                    if field in _GRADES and not self._graded:
                        continue
                    if group == "chunk" and field in ("start_date", "end_date") and value is not None:
                        value = pd.Timestamp(value, unit="ns")
                    record[(group, field)] = value
            records.append(record)
            if not columns:
                columns = list(record)
        frame = pd.DataFrame.from_records(records, columns=pd.MultiIndex.from_tuples(columns) if columns else None)
        if not multilevel:
            # NannyML's flat names: ("chunk", "chunk_index") becomes "chunk_index".
            frame.columns = [f"{g}_{f}".replace("chunk_chunk", "chunk") for g, f in frame.columns]
        return frame

    def _groups(self, row):
        """(group, fields) in NannyML's order: the chunk, then the metrics as asked, the
        confusion matrix spread over one group per cell."""
        order = ["chunk", *(self._metrics or [g for g in row if g != "chunk"])]
        for name in order:
            if name == "confusion_matrix":
                cells = row.get(name, [])
                if self._binary:  # NannyML's order: tp, tn, fp, fn
                    cells = sorted(cells, key=lambda c: list(_BINARY_CELLS.values()).index(_cell_group(c, True)))
                for cell in cells:
                    fields = {k: v for k, v in cell.items() if k not in ("true_class", "predicted_class")}
                    yield _cell_group(cell, self._binary), fields
            elif name in row:
                yield name, row[name]

    def __repr__(self):
        return f"<{type(self).__name__}: {len(self._rows)} chunks>"


# --- calculators ----------------------------------------------------------------------------


class DataReconstructionDriftCalculator:
    """Multivariate drift as PCA reconstruction error (NannyML's calculator of the same name).

    ``fit(reference)`` imputes (continuous columns by mean, categorical ones by their most
    frequent value), count-encodes categories, standardizes, keeps the principal components
    explaining ``n_components`` of the variance (or that many, given an int), and sets the
    thresholds from the reference chunks; ``calculate(data)`` gives the mean reconstruction
    error per chunk with its sampling error band and alert. Categorical columns are those of
    dtype object, string, category or bool, as in NannyML.
    """

    def __init__(self, column_names, timestamp_column_name=None, n_components=0.65, chunk_size=None,
                 chunk_number=None, chunk_period=None, chunker=None, imputer_categorical=None,
                 imputer_continuous=None, threshold=None, warning_threshold=None):
        if isinstance(column_names, str) or not all(isinstance(c, str) for c in column_names):
            raise _InputTypeError("column_names must be a list of column names")
        self.column_names = list(column_names)
        self.timestamp_column_name = timestamp_column_name
        if timestamp_column_name is None and chunker is not None:
            self.timestamp_column_name = getattr(chunker, "timestamp_column_name", None)
        self._options = {
            **_chunking(chunk_size, chunk_number, chunk_period, chunker),
            "n_components": n_components,
            "threshold": _threshold(threshold if threshold is not None else StandardDeviationThreshold()),
        }
        if warning_threshold is not None:
            self._options["warning_threshold"] = _threshold(warning_threshold)
        _strategy(imputer_categorical, "imputer_categorical", {"most_frequent"})
        continuous = _strategy(imputer_continuous, "imputer_continuous", {"mean", "median", "most_frequent"})
        if continuous is not None:
            self._options["imputer_continuous"] = continuous
        self._fitted = None

    def fit(self, reference_data):
        data = _frame(reference_data, self.column_names)
        self._fitted = _native._ReconstructionDrift.fit(
            _columns(data, self.column_names), _timestamps(data, self.timestamp_column_name), **self._options)
        return self

    def calculate(self, data):
        if self._fitted is None:
            raise _InvalidInputError("fit the calculator on reference data before calculate()")
        return self._result(self._fitted.calculate(*self._batch(data)))

    def monitor(self):
        """A :class:`ChunkMonitor` fed batch by batch with this fitted calculator."""
        return ChunkMonitor(self)

    def _batch(self, data):
        data = _frame(data, self.column_names)
        return _columns(data, self.column_names), _timestamps(data, self.timestamp_column_name)

    def _result(self, rows):
        return Result(rows, graded="warning_threshold" in self._options)

    @property
    def explained_variance_ratio(self):
        """Share of the reference variance each kept component explains."""
        return None if self._fitted is None else self._fitted.explained_variance_ratio

    @property
    def n_components_(self):
        return None if self._fitted is None else len(self._fitted.explained_variance_ratio)

    @property
    def thresholds(self):
        """The fitted (lower, upper) thresholds (``None``: open)."""
        return None if self._fitted is None else self._fitted.thresholds

    def to_json(self):
        if self._fitted is None:
            raise _InvalidInputError("nothing to save: the calculator is not fitted")
        import json

        return json.dumps({"column_names": self.column_names, "timestamp_column_name": self.timestamp_column_name,
                           "graded": "warning_threshold" in self._options,
                           "fitted": json.loads(self._fitted.to_json())})

    @classmethod
    def from_json(cls, text):
        import json

        try:
            saved = json.loads(text)
            names, stamp, fitted = saved["column_names"], saved["timestamp_column_name"], saved["fitted"]
        except (ValueError, KeyError, TypeError) as exc:
            raise _InvalidInputError(f"not a saved DataReconstructionDriftCalculator: {exc}") from None
        calc = cls(names, timestamp_column_name=stamp)
        if saved.get("graded"):
            calc._options["warning_threshold"] = None  # results show the severity fields
        calc._fitted = _native._ReconstructionDrift.from_json(json.dumps(fitted))
        return calc


def _float_column(data, name, argument):
    names = data.columns if hasattr(data, "columns") else data
    if name not in names:
        raise _InvalidInputError(f"{argument} column {name!r} is not in the data")
    values = _np.asarray(data[name])
    if values.dtype.kind not in "biuf":
        raise _InputTypeError(f"{argument} column {name!r} must hold numbers (0/1 labels, probabilities)")
    return _np.ascontiguousarray(values, dtype=_np.float64)




def _class_codes(data, name, argument, classes, keys, allow_missing):
    """A label column as float64 indexes into ``classes`` (NaN: missing, where allowed)."""
    import pandas as pd

    names = data.columns if hasattr(data, "columns") else data
    if name not in names:
        raise _InvalidInputError(f"{argument} column {name!r} is not in the data")
    values = pd.Series(_np.asarray(data[name]) if isinstance(data, dict) else data[name]).reset_index(drop=True)
    codes = pd.Index(keys).get_indexer(values).astype(_np.float64)
    unknown = (codes < 0) & values.notna().to_numpy()
    missing = values.isna().to_numpy()
    if unknown.any() or (missing.any() and not allow_missing):
        row = int(_np.flatnonzero(unknown | (missing & (not allow_missing)))[0])
        raise _InvalidInputError(
            f"{argument} column {name!r} holds {values.iloc[row]!r} at row {row}, "
            f"not one of the classes {classes}")
    codes[missing] = _np.nan
    return codes


class _OutputCalculator:
    """What CBPE and PerformanceCalculator share: the problem type, the output columns each
    metric needs, thresholds and chunking, reading the outputs, saving the fitted state."""

    _native = {}
    _what = ""
    _needs_targets = False

    def _setup(self, metrics, y_true, problem_type, y_pred_proba, y_pred, timestamp_column_name, chunk_size,
               chunk_number, chunk_period, chunker, thresholds, normalize_confusion_matrix, business_value,
               warning_thresholds=None):
        problem = str(getattr(problem_type, "value", problem_type))
        if problem not in self._native:
            raise _InvalidInputError(
                f"problem_type {problem_type!r}: edgekit's {type(self).__name__} handles "
                f"{', '.join(self._native)}")
        self.problem_type = problem
        self._native_class = self._native[problem]
        if any(v is not None for v in business_value):
            raise _InvalidInputError("the business_value metric is not available yet")
        metrics = [metrics] if isinstance(metrics, str) else list(metrics)
        self._classes = None
        if problem == "regression":
            if y_pred is None:
                raise _InvalidInputError("y_pred is required for regression")
            y_pred_proba = None
        elif problem == "classification_multiclass":
            if not isinstance(y_pred_proba, dict) or len(y_pred_proba) < 2:
                raise _InputTypeError(
                    "y_pred_proba must map each class to its probability column (multiclass classification)")
            if y_pred is None:
                raise _InvalidInputError("y_pred is required for multiclass classification")
            try:
                keys = sorted(y_pred_proba)  # NannyML's class order
            except TypeError:
                raise _InputTypeError("y_pred_proba's classes must be of one sortable type") from None
            self._classes = (keys, [str(k) for k in keys])
        else:
            if y_pred_proba is not None and not isinstance(y_pred_proba, str):
                raise _InputTypeError("y_pred_proba must name one column (binary classification)")
            if y_pred_proba is None and "roc_auc" in metrics:
                raise _InvalidInputError("y_pred_proba is required for roc_auc")
            if y_pred is None and any(m != "roc_auc" for m in metrics):
                raise _InvalidInputError("y_pred is required for every metric but roc_auc")
        if thresholds is not None and not isinstance(thresholds, dict):
            raise _InputTypeError("thresholds must map metric names to thresholds")
        self.metrics, self.y_true, self.y_pred_proba, self.y_pred = metrics, y_true, y_pred_proba, y_pred
        self.normalize_confusion_matrix = normalize_confusion_matrix
        self.timestamp_column_name = timestamp_column_name
        if timestamp_column_name is None and chunker is not None:
            self.timestamp_column_name = getattr(chunker, "timestamp_column_name", None)
        self._options = {
            **_chunking(chunk_size, chunk_number, chunk_period, chunker),
            "metrics": metrics,
            "thresholds": {name: _threshold(t) for name, t in (thresholds or {}).items()},
            **_warnings(warning_thresholds),
        }
        if normalize_confusion_matrix is not None and problem != "regression":
            self._options["normalize_confusion_matrix"] = normalize_confusion_matrix
        self._fitted = None

    def _outputs(self, data, with_targets):
        """The native call's positional outputs and the timestamps."""
        data = _frame(data, [])
        names = data.columns if hasattr(data, "columns") else data
        stamps = _timestamps(data, self.timestamp_column_name)
        targets_read = with_targets or self.y_true in names
        if self._classes is not None:
            keys, classes = self._classes
            proba = [_float_column(data, self.y_pred_proba[k], "y_pred_proba") for k in keys]
            labels = _class_codes(data, self.y_pred, "y_pred", classes, keys, False)
            targets = _class_codes(data, self.y_true, "y_true", classes, keys, True) if targets_read else None
            return (classes, proba, labels, targets), stamps
        read = {}
        for role in ("y_true", "y_pred_proba", "y_pred"):
            name = getattr(self, role)
            if name is not None and (role != "y_true" or targets_read):
                read[role] = _float_column(data, name, role)
        rows = len(next(iter(read.values())))  # y_true or y_pred_proba is always read
        if self.problem_type == "regression":
            return (read["y_pred"], read.get("y_true")), stamps
        proba = read.get("y_pred_proba", _np.zeros(rows))
        labels = read.get("y_pred", _np.zeros(rows))  # a column no metric reads is zeros
        return (proba, labels, read.get("y_true")), stamps

    def _fit(self, reference_data):
        outputs, stamps = self._outputs(reference_data, True)
        self._fitted = self._native_class.fit(*outputs, stamps, **self._options)
        return self

    def _run(self, method, data, with_targets):
        if self._fitted is None:
            raise _InvalidInputError(f"fit the {self._what} on reference data before {method}()")
        outputs, stamps = self._outputs(data, with_targets)
        return self._result(getattr(self._fitted, method)(*outputs, stamps))

    def _result(self, rows):
        return Result(rows, self.metrics, self.problem_type == "classification_binary",
                      "warning_thresholds" in self._options)

    def _batch(self, data):
        outputs, stamps = self._outputs(data, self._needs_targets)
        return (*outputs, stamps)

    def monitor(self):
        """A :class:`ChunkMonitor` fed batch by batch with this fitted calculator (binary
        classification)."""
        return ChunkMonitor(self)

    def to_json(self):
        if self._fitted is None:
            raise _InvalidInputError(f"nothing to save: the {self._what} is not fitted")
        import json

        proba = self.y_pred_proba
        if isinstance(proba, dict):
            proba = {"classes": [[k, v] for k, v in proba.items()]}
        return json.dumps({"metrics": self.metrics, "y_true": self.y_true, "y_pred_proba": proba,
                           "y_pred": self.y_pred, "timestamp_column_name": self.timestamp_column_name,
                           "problem_type": self.problem_type,
                           "normalize_confusion_matrix": self.normalize_confusion_matrix,
                           "graded": "warning_thresholds" in self._options,
                           "fitted": json.loads(self._fitted.to_json())})

    @classmethod
    def from_json(cls, text):
        import json

        try:
            saved = json.loads(text)
            problem = saved.get("problem_type", "classification_binary")
            proba = saved["y_pred_proba"]
            if isinstance(proba, dict):
                proba = {k: v for k, v in proba["classes"]}
            restored = cls(saved["metrics"], y_true=saved["y_true"], problem_type=problem, y_pred_proba=proba,
                           y_pred=saved["y_pred"], timestamp_column_name=saved["timestamp_column_name"],
                           normalize_confusion_matrix=saved.get("normalize_confusion_matrix"))
            fitted = json.dumps(saved["fitted"])
        except (KeyError, TypeError, ValueError) as exc:
            raise _InvalidInputError(f"not a saved {cls.__name__}: {exc}") from None
        if saved.get("graded"):
            restored._options["warning_thresholds"] = {}  # results show the severity fields
        restored._fitted = restored._native_class.from_json(fitted)
        return restored


class CBPE(_OutputCalculator):
    """Confidence-based performance estimation (NannyML's ``CBPE``) for binary and multiclass
    classifiers: the model's performance on data whose targets have not arrived, from its
    probabilities (isotonic-calibrated on the reference where that lowers the calibration
    error; a multiclass model's classes one against the rest, then rescaled to sum to 1).

    ``metrics``: any of ``roc_auc``, ``f1``, ``precision``, ``recall``, ``specificity``,
    ``accuracy``, ``confusion_matrix`` (multiclass: macro averages). ``y_pred_proba``: a column
    name (binary) or ``{class: column}`` (``problem_type="classification_multiclass"``).
    ``normalize_confusion_matrix``: ``None`` (counts), ``"true"``, ``"pred"`` or ``"all"``.
    ``thresholds``: ``{metric: StandardDeviationThreshold | ConstantThreshold}``. Beyond
    NannyML: ``calibrate`` (None: decide as NannyML does; True/False: force) and ``seed`` (of
    that decision's splits).
    """

    _native = {"classification_binary": _native._Cbpe, "classification_multiclass": _native._MulticlassCbpe}
    _what = "estimator"

    def __init__(self, metrics, y_pred_proba, y_true, problem_type, y_pred=None, timestamp_column_name=None,
                 chunk_size=None, chunk_number=None, chunk_period=None, chunker=None, calibration="isotonic",
                 calibrator=None, thresholds=None, normalize_confusion_matrix=None, business_value_matrix=None,
                 normalize_business_value=None, calibrate=None, seed=42, warning_thresholds=None):
        if calibration != "isotonic" or calibrator is not None:
            raise _InvalidInputError("calibration: only 'isotonic' (NannyML's default) is available")
        if y_pred_proba is None:
            raise _InvalidInputError("y_pred_proba is required: CBPE estimates from the probabilities")
        self._setup(metrics, y_true, problem_type, y_pred_proba, y_pred, timestamp_column_name, chunk_size,
                    chunk_number, chunk_period, chunker, thresholds, normalize_confusion_matrix,
                    (business_value_matrix, normalize_business_value), warning_thresholds)
        self._options.update(calibrate=calibrate, seed=seed)

    def fit(self, reference_data):
        return self._fit(reference_data)

    def estimate(self, data):
        return self._run("estimate", data, False)

    @property
    def needs_calibration(self):
        """Whether the probabilities are calibrated before estimating (NannyML's attribute;
        multiclass: whether any class is)."""
        if self._fitted is None:
            return None
        if self._classes is not None:
            return any(self._fitted.calibrated_classes)
        return self._fitted.is_calibrated

    @property
    def calibrated_classes(self):
        """Multiclass: ``{class: calibrated?}``; None for a binary model or before fitting."""
        if self._fitted is None or self._classes is None:
            return None
        return dict(zip(self._classes[0], self._fitted.calibrated_classes))


class PerformanceCalculator(_OutputCalculator):
    """Realized performance per chunk (NannyML's ``PerformanceCalculator``) for binary and
    multiclass classifiers and regression models: each chunk's metric from the targets that
    have arrived (NaN targets are left out and counted in ``targets_missing_rate``), its
    sampling error, thresholds from the reference chunks and an alert. Classification metrics
    as for :class:`CBPE`; with ``problem_type="regression"``: ``mae``, ``mape``, ``mse``,
    ``msle``, ``rmse``, ``rmsle`` (thresholds never below 0)."""

    _native = {"classification_binary": _native._RealizedPerformance,
               "classification_multiclass": _native._MulticlassPerformance,
               "regression": _native._RegressionPerformance}
    _what = "calculator"
    _needs_targets = True

    def __init__(self, metrics, y_true, problem_type, y_pred_proba=None, y_pred=None, timestamp_column_name=None,
                 chunk_size=None, chunk_number=None, chunk_period=None, chunker=None, thresholds=None,
                 normalize_confusion_matrix=None, business_value_matrix=None, normalize_business_value=None,
                 warning_thresholds=None):
        self._setup(metrics, y_true, problem_type, y_pred_proba, y_pred, timestamp_column_name, chunk_size,
                    chunk_number, chunk_period, chunker, thresholds, normalize_confusion_matrix,
                    (business_value_matrix, normalize_business_value), warning_thresholds)

    def fit(self, reference_data):
        return self._fit(reference_data)

    def calculate(self, data):
        return self._run("calculate", data, True)


# --- univariate drift per chunk ------------------------------------------------------------


class UnivariateResult(Result):
    """Univariate drift per chunk: ``to_df()`` with NannyML's three-level columns (``("chunk",
    "chunk", field)``, then ``(column, method, field)``); ``to_dict()`` keeps core's rows
    (``{"chunk": {...}, "cells": [{"column", "method", "value", ...}]}``);
    ``filter(period=..., column_names=..., methods=...)``."""

    def filter(self, period="all", column_names=None, methods=None):
        if period not in ("all", "reference", "analysis"):
            raise _InvalidInputError(f"period {period!r} is unknown; expected 'all', 'reference' or 'analysis'")
        columns = None if column_names is None else {column_names} if isinstance(column_names, str) else set(column_names)
        chosen = None if methods is None else {methods} if isinstance(methods, str) else set(methods)
        rows = []
        for row in self._rows:
            if period != "all" and row["chunk"]["period"] != period:
                continue
            cells = [c for c in row["cells"] if (columns is None or c["column"] in columns)
                     and (chosen is None or c["method"] in chosen)]
            rows.append({"chunk": row["chunk"], "cells": cells})
        return type(self)(rows, graded=self._graded)

    def to_df(self, multilevel=True):
        import pandas as pd

        columns, records = [], []
        for row in self._rows:
            record = {}
            for field, value in row["chunk"].items():
                if field in ("start_date", "end_date") and value is not None:
                    value = pd.Timestamp(value, unit="ns")
                record[("chunk", "chunk", field)] = value
            fields = ("value", "upper_threshold", "lower_threshold", "alert") + (_GRADES if self._graded else ())
            for cell in row["cells"]:
                for field in fields:
                    record[(cell["column"], cell["method"], field)] = cell[field]
            records.append(record)
            if not columns:
                columns = list(record)
        frame = pd.DataFrame.from_records(records, columns=pd.MultiIndex.from_tuples(columns) if columns else None)
        if not multilevel:
            frame.columns = ["_".join(dict.fromkeys(c)) for c in frame.columns]
        return frame


class UnivariateDriftCalculator:
    """Drift of each column per chunk (NannyML's ``UnivariateDriftCalculator``): every column of
    the reference fitted once per method, then each chunk's distance to it, with thresholds from
    the reference chunks (default: their mean + 3 standard deviations) and an alert.

    ``continuous_methods``: ``jensen_shannon`` (default), ``kolmogorov_smirnov``,
    ``wasserstein``, ``hellinger``; ``categorical_methods``: ``jensen_shannon`` (default),
    ``chi2`` (alerts on p < 0.05), ``l_infinity``, ``hellinger``. A column is categorical when
    named in ``treat_as_categorical`` or, unless named in ``treat_as_numerical``, when its dtype
    is object, string, category or bool. ``thresholds``: ``{method: Threshold}``. Kolmogorov-
    Smirnov and Wasserstein are always exact, so ``computation_params`` is accepted and ignored.
    """

    def __init__(self, column_names, treat_as_numerical=None, treat_as_categorical=None,
                 timestamp_column_name=None, categorical_methods=None, continuous_methods=None, chunk_size=None,
                 chunk_number=None, chunk_period=None, chunker=None, thresholds=None, computation_params=None,
                 warning_thresholds=None):
        column_names = [column_names] if isinstance(column_names, str) else column_names
        if not all(isinstance(c, str) for c in column_names):
            raise _InputTypeError("column_names must be a column name or a list of them")
        self.column_names = list(column_names)
        as_list = lambda v: [] if v is None else [v] if isinstance(v, str) else list(v)  # noqa: E731
        self.treat_as_numerical = as_list(treat_as_numerical)
        self.treat_as_categorical = as_list(treat_as_categorical)
        self.timestamp_column_name = timestamp_column_name
        if timestamp_column_name is None and chunker is not None:
            self.timestamp_column_name = getattr(chunker, "timestamp_column_name", None)
        if thresholds is not None and not isinstance(thresholds, dict):
            raise _InputTypeError("thresholds must map method names to thresholds")
        self._options = {
            **_chunking(chunk_size, chunk_number, chunk_period, chunker),
            "thresholds": {name: _threshold(t) for name, t in (thresholds or {}).items()},
            **_warnings(warning_thresholds),
        }
        if continuous_methods is not None:
            self._options["continuous_methods"] = as_list(continuous_methods)
        if categorical_methods is not None:
            self._options["categorical_methods"] = as_list(categorical_methods)
        self._fitted = None

    def _read(self, data):
        data = _frame(data, self.column_names)
        columns = []
        for name, values, categorical in _columns(data, self.column_names):
            if name in self.treat_as_categorical:
                categorical = True
            elif name in self.treat_as_numerical:
                if categorical and not isinstance(values, _np.ndarray):
                    raise _InvalidInputError(f"column {name!r} holds labels; it cannot be treated as numerical")
                categorical = False
            columns.append((name, values, categorical))
        return columns, _timestamps(data, self.timestamp_column_name)

    def fit(self, reference_data):
        columns, stamps = self._read(reference_data)
        self._fitted = _native._UnivariateDrift.fit(columns, stamps, **self._options)
        return self

    def calculate(self, data):
        if self._fitted is None:
            raise _InvalidInputError("fit the calculator on reference data before calculate()")
        return self._result(self._fitted.calculate(*self._read(data)))

    def monitor(self):
        """A :class:`ChunkMonitor` fed batch by batch with this fitted calculator."""
        return ChunkMonitor(self)

    _batch = _read

    def _result(self, rows):
        return UnivariateResult(rows, graded="warning_thresholds" in self._options)

    @property
    def continuous_column_names(self):
        return None if self._fitted is None else [n for n, c in self._fitted.columns if not c]

    @property
    def categorical_column_names(self):
        return None if self._fitted is None else [n for n, c in self._fitted.columns if c]

    def to_json(self):
        if self._fitted is None:
            raise _InvalidInputError("nothing to save: the calculator is not fitted")
        import json

        return json.dumps({"column_names": self.column_names, "treat_as_numerical": self.treat_as_numerical,
                           "treat_as_categorical": self.treat_as_categorical,
                           "timestamp_column_name": self.timestamp_column_name,
                           "graded": "warning_thresholds" in self._options,
                           "fitted": json.loads(self._fitted.to_json())})

    @classmethod
    def from_json(cls, text):
        import json

        try:
            saved = json.loads(text)
            calc = cls(saved["column_names"], treat_as_numerical=saved["treat_as_numerical"],
                       treat_as_categorical=saved["treat_as_categorical"],
                       timestamp_column_name=saved["timestamp_column_name"])
            fitted = json.dumps(saved["fitted"])
        except (ValueError, KeyError, TypeError) as exc:
            raise _InvalidInputError(f"not a saved UnivariateDriftCalculator: {exc}") from None
        if saved.get("graded"):
            calc._options["warning_thresholds"] = {}  # results show the severity fields
        calc._fitted = _native._UnivariateDrift.from_json(fitted)
        return calc


# --- multivariate MMD, shaped as alibi-detect ------------------------------------------------

_BACKENDS = ("edgekit", "tensorflow", "pytorch", "keops")


class MMDDrift:
    """Multivariate drift by maximum mean discrepancy, shaped as alibi-detect's ``MMDDrift``:
    a Gaussian RBF kernel whose bandwidth ``sigma`` is the median heuristic on ``x_ref`` unless
    given, the unbiased MMD² between ``x_ref`` and ``x``, and a permutation p-value (the share
    of ``n_permutations`` random splits of the pooled rows whose MMD² reaches the observed).

    ``x_ref`` and ``x``: rows of numbers (2-D arrays, DataFrames of numeric columns; 1-D is one
    column, more dimensions are flattened after the first). Missing values are refused: impute
    or drop first. ``preprocess_fn`` is applied to both, as in alibi-detect. ``backend`` is
    accepted for a one-line switch and ignored (the work is edgekit's Rust, the GIL released).
    Beyond alibi-detect: ``seed`` makes the permutations reproducible.
    """

    def __init__(self, x_ref, backend="edgekit", p_val=0.05, preprocess_fn=None, sigma=None,
                 n_permutations=100, seed=0):
        if backend not in _BACKENDS:
            raise _InvalidInputError(f"backend {backend!r} is unknown; expected one of {_BACKENDS}")
        if preprocess_fn is not None:
            x_ref = preprocess_fn(x_ref)
        if sigma is not None:
            flat = _np.asarray(sigma, dtype=_np.float64).ravel()
            if flat.size != 1:
                raise _InvalidInputError("sigma: edgekit takes one bandwidth, not a list to average over")
            sigma = float(flat[0])
        self.p_val = p_val
        self.n_permutations = n_permutations
        self.preprocess_fn = preprocess_fn
        self._fitted = _native._MmdDrift.fit(x_ref, p_val=p_val, n_permutations=n_permutations, sigma=sigma,
                                             seed=seed)

    @property
    def sigma(self):
        """The kernel bandwidth (inferred from ``x_ref`` unless given)."""
        return self._fitted.sigma

    def _test(self, x):
        if self.preprocess_fn is not None:
            x = self.preprocess_fn(x)
        return self._fitted.test(x)

    def score(self, x):
        """``(p_val, distance, distance_threshold)``, as alibi-detect's ``score``."""
        result = self._test(x)
        return result["p_val"], result["distance"], result["distance_threshold"]

    def predict(self, x, return_p_val=True, return_distance=True):
        """alibi-detect's result: ``{"data": {"is_drift", "threshold", "p_val", "distance",
        "distance_threshold"}, "meta": {...}}`` (``p_val`` and ``distance`` only when asked)."""
        import edgekit

        result = self._test(x)
        data = {"is_drift": int(result["is_drift"]), "threshold": result["threshold"]}
        if return_p_val:
            data["p_val"] = result["p_val"]
        if return_distance:
            data["distance"] = result["distance"]
            data["distance_threshold"] = result["distance_threshold"]
        meta = {"name": "MMDDrift", "online": False, "data_type": None, "version": edgekit.__version__,
                "detector_type": "drift", "backend": "edgekit"}
        return {"data": data, "meta": meta}

    def to_json(self):
        """The detector (its reference rows included) as JSON; ``preprocess_fn`` is not saved."""
        return self._fitted.to_json()

    @classmethod
    def from_json(cls, text):
        restored = cls.__new__(cls)
        restored._fitted = _native._MmdDrift.from_json(text)
        restored.p_val = restored._fitted.p_val
        restored.n_permutations = restored._fitted.n_permutations
        restored.preprocess_fn = None
        return restored


# The calculators that train models live apart; they use the helpers above.
from edgekit._monitoring_models import (  # noqa: E402
    DLE,
    DLEResult,
    DomainClassifierCalculator,
    DomainClassifierResult,
)
from edgekit._monitoring_stream import ChunkMonitor  # noqa: E402
