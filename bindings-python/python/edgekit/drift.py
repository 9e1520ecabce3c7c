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

from edgekit._convert import Result
from edgekit._edgekit import drift as _native



class DriftResult(Result):
    """The outcome of one drift test: ``statistic``, ``pvalue`` (``None`` for distances, whose
    ``statistic`` is the score), the ``threshold`` and whether it ``drifted``."""

    __slots__ = ()

    @property
    def score(self):
        """The distance, for distance measures (the same as ``statistic``)."""
        return self._fields["statistic"]

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
classification_metrics = _native.classification_metrics
regression_metrics = _native.regression_metrics

__all__ = [
    "BOCPD", "mmd", "binary_segmentation", "covering", "f1_score", "pelt", "PerformanceMonitor",
    "classification_metrics", "regression_metrics",
    "ADWIN", "CUSUM", "anderson_darling", "cramer_von_mises", "epps_singleton", "DDM", "DriftResult", "EDDM", "FHDDM", "HDDM_A", "HDDM_W", "KSWIN",
    "PageHinkley", "chisquare", "energy_distance", "fisher_exact", "g_test", "hellinger",
    "jensenshannon", "kl_div", "ks_2samp", "mann_whitney", "psi", "t_test", "tvd",
    "wasserstein", "z_test",
]


# --- reports and profiles -------------------------------------------------------------------

import numpy as _np

from edgekit._convert import Record as _Record
from edgekit.errors import InputTypeError as _InputTypeError


def _columns(data, categorical=()):
    """``[(name, values, categorical)]`` from a pandas or polars DataFrame, a pyarrow Table or
    RecordBatch, or a dict of arrays: numeric columns become float64 arrays (NaN marks
    missing), others lists of ``str | None``."""
    if hasattr(data, "column_names") and hasattr(data, "column"):  # pyarrow Table, RecordBatch
        items = [(str(name), data.column(name)) for name in data.column_names]
    elif hasattr(data, "columns") and hasattr(data, "__getitem__") and not isinstance(data, dict):
        items = [(str(name), data[name]) for name in data.columns]
    elif isinstance(data, dict):
        items = [(str(name), values) for name, values in data.items()]
    else:
        raise _InputTypeError(f"expected a DataFrame (pandas, polars), a pyarrow Table, a dict of arrays or a Profile, got {type(data).__name__}")
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
    native = (pd.Series, pd.Index, pd.api.extensions.ExtensionArray, _np.ndarray)
    codes, uniques = pd.factorize(values if isinstance(values, native) else pd.Series(array))
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
    def fit(cls, data, *, categorical=(), **options):
        return cls(_native._Profile.fit(_columns(data, set(categorical)), **options))

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
        """One :class:`ColumnSummary` per column: kind, rows, missing, distinct values kept,
        exact or sampled."""
        return self._native.describe()

    def __eq__(self, other):
        return isinstance(other, Profile) and self._native == other._native

    def __repr__(self):
        return f"Profile(columns={self.columns!r})"




class ColumnSummary(_Record):
    """What a :class:`Profile` keeps of one column (fields as attributes or keys)."""

    __slots__ = ()


class DriftReport(_Record):
    """The dataset verdict and one row per column (``columns``, dicts with the test, score,
    threshold and drift flag); a dict with attribute access, JSON-safe."""

    __slots__ = ()

    def to_pandas(self):
        import pandas as pd

        return pd.DataFrame(self["columns"]).set_index("column")

    def __repr__(self):
        return (f"DriftReport(dataset_drift={self['dataset_drift']}, "
                f"drifted_columns={self['drifted_columns']}/{len(self['columns'])})")


def report(reference, current, *, categorical=(), **options):
    """Drift report of ``current`` against ``reference`` (each a :class:`Profile`, a DataFrame or a
    dict of arrays; a current profile is what :func:`edgekit.dask.fit_profile` gives, equal to
    the raw current data while its columns are exact), testing each column as Evidently does by default (override per column with
    ``tests={"col": "psi"}`` or for all with ``numerical_test=``/``categorical_test=``).
    ``categorical`` names numeric columns that hold category codes. The other options
    (``thresholds``, ``threshold``, ``correction``, ``drift_share``, ``missing_threshold``,
    ``unseen_threshold``, ``columns``, ``seed``) are core's ``ReportOptions``."""
    categorical = set(categorical)
    native_reference = reference._native if isinstance(reference, Profile) else _columns(reference, categorical)
    native_current = current._native if isinstance(current, Profile) else _columns(current, categorical)
    return _native._report(native_reference, native_current, options)


__all__ += ["ColumnSummary", "DriftReport", "Profile", "report"]


class Alert(_Record):
    """An alert of a :class:`PerformanceMonitor`: ``metric``, ``value``, ``threshold``,
    ``severity`` ("warning" or "critical"), ``at`` (the pair's position)."""

    __slots__ = ()


class WindowMetrics(_Record):
    """Metrics of the pairs in a monitor's window."""

    __slots__ = ()


class MetricComparison(_Record):
    """One metric of the window against the baseline, with its test."""

    __slots__ = ()


PerformanceMonitor = _native.PerformanceMonitor

__all__ += ["Alert", "MetricComparison", "WindowMetrics"]
