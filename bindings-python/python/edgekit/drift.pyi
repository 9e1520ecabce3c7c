from typing_extensions import Self, final
from typing import Any, Literal, Optional, TypedDict, Union

from edgekit._convert import Record, Result

import numpy as np
import numpy.typing as npt

ArrayLike = npt.ArrayLike

@final
class DriftResult(Result):
    test: str
    statistic: float
    @property
    def score(self) -> float: ...
    pvalue: Optional[float]
    threshold: float
    drifted: bool
    def to_dict(self) -> dict[str, Any]: ...

# Options are keyword-only; their names and defaults are core's (edgekit::drift options
# structs), and tests/python/test_contracts.py checks these stubs against them.
Alternative = Literal["two-sided", "less", "greater"]
Binning = Literal["quantile", "sturges", "evidently"]

def ks_2samp(reference: ArrayLike, current: ArrayLike, *, method: Literal["auto", "exact", "asymp", "asymptotic"] = 'auto', alternative: Alternative = 'two-sided', threshold: float = 0.05) -> DriftResult: ...
def wasserstein(reference: ArrayLike, current: ArrayLike, *, threshold: float = 0.1) -> DriftResult: ...
def energy_distance(reference: ArrayLike, current: ArrayLike, *, threshold: float = 0.1) -> DriftResult: ...
def anderson_darling(reference: ArrayLike, current: ArrayLike, *, threshold: float = 0.1) -> DriftResult: ...
def cramer_von_mises(reference: ArrayLike, current: ArrayLike, *, threshold: float = 0.1) -> DriftResult: ...
def epps_singleton(reference: ArrayLike, current: ArrayLike, *, threshold: float = 0.05) -> DriftResult: ...
def t_test(reference: ArrayLike, current: ArrayLike, *, equal_var: bool = False, threshold: float = 0.05) -> DriftResult: ...
def mann_whitney(reference: ArrayLike, current: ArrayLike, *, alternative: Alternative = 'less', threshold: float = 0.05) -> DriftResult: ...
def psi(reference: ArrayLike, current: ArrayLike, *, bins: int = 10, binning: Binning = 'quantile', threshold: float = 0.1, categorical: bool = False) -> DriftResult: ...
def kl_div(reference: ArrayLike, current: ArrayLike, *, bins: int = 10, binning: Binning = 'quantile', threshold: float = 0.1, categorical: bool = False) -> DriftResult: ...
def jensenshannon(reference: ArrayLike, current: ArrayLike, *, bins: int = 10, binning: Binning = 'quantile', threshold: float = 0.1, categorical: bool = False) -> DriftResult: ...
def hellinger(reference: ArrayLike, current: ArrayLike, *, threshold: float = 0.1, categorical: bool = False) -> DriftResult: ...
def chisquare(reference: ArrayLike, current: ArrayLike, *, threshold: float = 0.05) -> DriftResult: ...
def g_test(reference: ArrayLike, current: ArrayLike, *, threshold: float = 0.1) -> DriftResult: ...
def z_test(reference: ArrayLike, current: ArrayLike, *, threshold: float = 0.05) -> DriftResult: ...
def fisher_exact(reference: ArrayLike, current: ArrayLike, *, threshold: float = 0.1) -> DriftResult: ...
def tvd(reference: ArrayLike, current: ArrayLike, *, threshold: float = 0.05, permutations: int = 1000, seed: int = 0) -> DriftResult: ...

class _Detector:
    def update(self, x: float) -> bool: ...
    def update_many(self, values: ArrayLike) -> npt.NDArray[np.int64]: ...
    @property
    def drift_detected(self) -> bool: ...
    @property
    def warning_detected(self) -> bool: ...
    def to_json(self) -> str: ...

@final
class ADWIN(_Detector):
    def __new__(cls, *, delta: float = 0.002, clock: int = 32, max_buckets: int = 5, min_window_length: int = 5, grace_period: int = 10) -> Self: ...
    @staticmethod
    def from_json(text: str) -> "ADWIN": ...
    width: float
    estimation: float
@final
class PageHinkley(_Detector):
    def __new__(cls, *, min_instances: int = 30, delta: float = 0.005, threshold: float = 50.0, alpha: float = 0.9999, mode: str = 'both') -> Self: ...
    @staticmethod
    def from_json(text: str) -> "PageHinkley": ...
@final
class KSWIN(_Detector):
    def __new__(cls, *, alpha: float = 0.005, window_size: int = 100, stat_size: int = 30, seed: int = 0) -> Self: ...
    @staticmethod
    def from_json(text: str) -> "KSWIN": ...
    p_value: float
@final
class CUSUM(_Detector):
    def __new__(cls, *, warm_start: int = 30, k: float = 0.5, h: float = 5.0) -> Self: ...
    @staticmethod
    def from_json(text: str) -> "CUSUM": ...
@final
class DDM(_Detector):
    def __new__(cls, *, warm_start: int = 30, warning_threshold: float = 2.0, drift_threshold: float = 3.0) -> Self: ...
    @staticmethod
    def from_json(text: str) -> "DDM": ...
@final
class EDDM(_Detector):
    def __new__(cls, *, warm_start: int = 30, alpha: float = 0.95, beta: float = 0.9) -> Self: ...
    @staticmethod
    def from_json(text: str) -> "EDDM": ...
@final
class HDDM_A(_Detector):
    def __new__(cls, *, drift_confidence: float = 0.001, warning_confidence: float = 0.005, two_sided_test: bool = False) -> Self: ...
    @staticmethod
    def from_json(text: str) -> "HDDM_A": ...
@final
class HDDM_W(_Detector):
    def __new__(cls, *, drift_confidence: float = 0.001, warning_confidence: float = 0.005, lambda_val: float = 0.05, two_sided_test: bool = False) -> Self: ...
    @staticmethod
    def from_json(text: str) -> "HDDM_W": ...
@final
class FHDDM(_Detector):
    def __new__(cls, *, sliding_window_size: int = 100, confidence_level: float = 1e-06, short_window_size: Optional[int] = None) -> Self: ...
    @staticmethod
    def from_json(text: str) -> "FHDDM": ...

class Profile:
    @classmethod
    def fit(cls, data: Any, *, categorical: Any = (), capacity: int = 131072, seed: int = 0) -> "Profile": ...
    def merge(self, other: "Profile") -> "Profile": ...
    def to_bytes(self) -> bytes: ...
    @classmethod
    def from_bytes(cls, data: bytes) -> "Profile": ...
    def to_json(self) -> str: ...
    @classmethod
    def from_json(cls, text: str) -> "Profile": ...
    @property
    def columns(self) -> list[str]: ...
    def describe(self) -> list[ColumnSummary]: ...

class ColumnDrift(TypedDict):
    column: str
    kind: Literal["numeric", "categorical"]
    test: str
    statistic: float
    pvalue: Optional[float]
    adjusted_pvalue: Optional[float]
    threshold: float
    drifted: bool
    reference_missing: float
    current_missing: float
    missing_drifted: bool
    unseen_categories: list[str]
    unseen_share: float
    unseen_drifted: bool
    error: Optional[str]

class DriftReport(Record):
    columns: list[ColumnDrift]
    drifted_columns: int
    share_drifted: float
    dataset_drift: bool
    drift_share: float
    reference_only: list[str]
    current_only: list[str]
    def to_pandas(self) -> Any: ...

class ColumnSummary(Record):
    column: str
    kind: Literal["numeric", "categorical"]
    rows: int
    missing: int
    distinct: Optional[int]
    exact: bool

def report(reference: Any, current: Any, *, categorical: Any = (), tests: Optional[dict[str, str]] = {}, numerical_test: Optional[str] = None,
           categorical_test: Optional[str] = None, thresholds: Optional[dict[str, float]] = {}, threshold: Optional[float] = None,
           correction: Optional[str] = None, drift_share: float = 0.5, missing_threshold: float = 0.05,
           unseen_threshold: float = 0.0, columns: Optional[list[str]] = None,
           unmatched: Literal["error", "report"] = 'error', seed: int = 0) -> DriftReport: ...

@final
class BOCPD(_Detector):
    def __new__(cls, *, expected_run: float = 250.0, mu0: float = 0.0, kappa0: float = 1.0, alpha0: float = 1.0, beta0: float = 1.0,
                min_drop: int = 10, warm_start: int = 20, max_run: int = 1000) -> Self: ...
    @staticmethod
    def from_json(text: str) -> "BOCPD": ...
    run_length_posterior: npt.NDArray[np.float64]

CostModel = Literal["mean", "meanvar", "l2", "normal"]

def pelt(x: ArrayLike, *, model: CostModel = 'mean', penalty: Optional[float] = None, min_size: int = 2) -> npt.NDArray[np.int64]: ...
def binary_segmentation(x: ArrayLike, *, model: CostModel = 'mean', penalty: Optional[float] = None, min_size: int = 2, max_changes: Optional[int] = None) -> npt.NDArray[np.int64]: ...
def f1_score(annotations: list[list[int]], predictions: list[int], margin: int = 5) -> float: ...
def covering(annotations: list[list[int]], predictions: list[int], n: int) -> float: ...

Metric = Literal["accuracy", "brier", "log_loss", "ece", "auc"]

class ThresholdRule(TypedDict):
    metric: Metric
    warning: Optional[float]
    critical: Optional[float]

class Alert(Record):
    metric: Metric
    value: float
    threshold: float
    severity: Literal["warning", "critical"]
    at: int

class WindowMetrics(Record):
    count: int
    accuracy: float
    brier: float
    log_loss: float
    ece: float
    auc: Optional[float]
    positive_rate: float

class MetricComparison(Record):
    metric: Metric
    baseline: float
    current: float
    statistic: float
    pvalue: float
    degraded: bool

@final
class PerformanceMonitor:
    def __new__(cls, *, window: Optional[int] = 1000, time_window: Optional[float] = None, bins: int = 10,
                thresholds: Union[list[ThresholdRule], dict[str, Union[float, tuple[Optional[float], Optional[float]]]], None] = []) -> Self: ...
    def update(self, prediction: float, label: float, time: Optional[float] = None) -> list[Alert]: ...
    def update_many(self, predictions: ArrayLike, labels: ArrayLike, times: Optional[ArrayLike] = None) -> list[Alert]: ...
    def metrics(self) -> WindowMetrics: ...
    def set_baseline(self) -> None: ...
    def compare(self, alpha: float = 0.05) -> list[MetricComparison]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> "PerformanceMonitor": ...
def classification_metrics(y_true: npt.ArrayLike, y_pred: npt.ArrayLike,
                           labels: Optional[npt.ArrayLike] = ...) -> dict[str, Any]: ...
def regression_metrics(y_true: npt.ArrayLike, y_pred: npt.ArrayLike) -> dict[str, Any]: ...
def mmd(reference: ArrayLike, current: ArrayLike, *, threshold: float = 0.1, permutations: int = 100, max_samples: int = 2000, seed: int = 0) -> DriftResult: ...

__all__ = [
    "BOCPD",
    "classification_metrics",
    "regression_metrics",
    "mmd",
    "binary_segmentation",
    "covering",
    "f1_score",
    "pelt",
    "PerformanceMonitor",
    "Alert",
    "ColumnSummary",
    "MetricComparison",
    "WindowMetrics",
    "ADWIN",
    "CUSUM",
    "anderson_darling",
    "cramer_von_mises",
    "epps_singleton",
    "DDM",
    "DriftResult",
    "EDDM",
    "FHDDM",
    "HDDM_A",
    "HDDM_W",
    "KSWIN",
    "PageHinkley",
    "chisquare",
    "energy_distance",
    "fisher_exact",
    "g_test",
    "hellinger",
    "jensenshannon",
    "kl_div",
    "ks_2samp",
    "mann_whitney",
    "psi",
    "t_test",
    "tvd",
    "wasserstein",
    "z_test",
    "DriftReport",
    "Profile",
    "report",
]
