from typing import Any, Callable, Literal, Optional, TypedDict, Union

import numpy as np
import numpy.typing as npt
# pandas is optional at run time: DataFrames are typed loosely.

DataFrame = Any
Period = Literal["min", "T", "h", "H", "D", "W", "W-SUN", "M", "ME", "Q", "QE", "Q-DEC", "Y", "YE", "A"]
Incomplete = Literal["keep", "drop", "append"]
Data = Union[DataFrame, dict[str, npt.ArrayLike], npt.NDArray[Any]]

class ChunkColumns(TypedDict):
    key: str
    chunk_index: int
    start_index: int
    end_index: int
    start_date: Optional[int]
    end_date: Optional[int]
    period: Literal["reference", "analysis"]

class MetricColumns(TypedDict):
    value: Optional[float]
    sampling_error: Optional[float]
    upper_confidence_boundary: Optional[float]
    lower_confidence_boundary: Optional[float]
    upper_threshold: Optional[float]
    lower_threshold: Optional[float]
    alert: bool

class StandardDeviationThreshold:
    std_lower_multiplier: Optional[float]
    std_upper_multiplier: Optional[float]
    def __init__(self, std_lower_multiplier: Optional[float] = 3, std_upper_multiplier: Optional[float] = 3) -> None: ...

class ConstantThreshold:
    lower: Optional[float]
    upper: Optional[float]
    def __init__(self, lower: Optional[float] = None, upper: Optional[float] = None) -> None: ...

Threshold = Union[StandardDeviationThreshold, ConstantThreshold]

class SizeBasedChunker:
    chunk_size: int
    incomplete: Incomplete
    timestamp_column_name: Optional[str]
    def __init__(self, chunk_size: int, incomplete: Incomplete = "keep", timestamp_column_name: Optional[str] = None) -> None: ...

class CountBasedChunker:
    chunk_number: int
    incomplete: Incomplete
    timestamp_column_name: Optional[str]
    def __init__(self, chunk_number: int, incomplete: Incomplete = "keep", timestamp_column_name: Optional[str] = None) -> None: ...

class PeriodBasedChunker:
    offset: Period
    timestamp_column_name: Optional[str]
    def __init__(self, offset: Period = "W", timestamp_column_name: Optional[str] = None) -> None: ...

class DefaultChunker:
    timestamp_column_name: Optional[str]
    def __init__(self, timestamp_column_name: Optional[str] = None) -> None: ...

Chunker = Union[SizeBasedChunker, CountBasedChunker, PeriodBasedChunker, DefaultChunker]

class Result:
    def __len__(self) -> int: ...
    @property
    def data(self) -> DataFrame: ...
    @property
    def empty(self) -> bool: ...
    def to_dict(self) -> list[dict[str, Any]]: ...
    def filter(self, period: Literal["all", "reference", "analysis"] = "all") -> Result: ...
    def to_df(self, multilevel: bool = True) -> DataFrame: ...

class DataReconstructionDriftCalculator:
    column_names: list[str]
    timestamp_column_name: Optional[str]
    def __init__(
        self,
        column_names: list[str],
        timestamp_column_name: Optional[str] = None,
        n_components: Union[int, float] = 0.65,
        chunk_size: Optional[int] = None,
        chunk_number: Optional[int] = None,
        chunk_period: Optional[Period] = None,
        chunker: Optional[Chunker] = None,
        imputer_categorical: Optional[Any] = None,
        imputer_continuous: Optional[Any] = None,
        threshold: Optional[Threshold] = None,
        warning_threshold: Optional[Threshold] = None,
    ) -> None: ...
    def fit(self, reference_data: Data) -> DataReconstructionDriftCalculator: ...
    def calculate(self, data: Data) -> Result: ...
    def monitor(self) -> ChunkMonitor: ...
    @property
    def explained_variance_ratio(self) -> Optional[list[float]]: ...
    @property
    def n_components_(self) -> Optional[int]: ...
    @property
    def thresholds(self) -> Optional[tuple[Optional[float], Optional[float]]]: ...
    def to_json(self) -> str: ...
    @classmethod
    def from_json(cls, text: str) -> DataReconstructionDriftCalculator: ...

ClassificationMetric = Literal[
    "roc_auc", "f1", "precision", "recall", "specificity", "accuracy", "confusion_matrix"
]
BinaryMetric = ClassificationMetric
Normalization = Optional[Literal["true", "pred", "all"]]
ClassProbabilities = dict[Any, str]
RegressionMetric = Literal["mae", "mape", "mse", "msle", "rmse", "rmsle"]

class DLEResult(Result):
    def filter(self, period: Literal["all", "reference", "analysis"] = "all") -> DLEResult: ...

class DLE:
    feature_column_names: list[str]
    y_pred: str
    y_true: str
    timestamp_column_name: Optional[str]
    hyperparameters: Optional[dict[str, Any]]
    tune_hyperparameters: bool
    hyperparameter_tuning_config: Optional[dict[str, Any]]
    def __init__(
        self,
        feature_column_names: Union[str, list[str]],
        y_pred: str,
        y_true: str,
        timestamp_column_name: Optional[str] = None,
        chunk_size: Optional[int] = None,
        chunk_number: Optional[int] = None,
        chunk_period: Optional[Period] = None,
        chunker: Optional[Chunker] = None,
        metrics: Union[RegressionMetric, list[RegressionMetric], None] = None,
        hyperparameters: Optional[dict[str, Any]] = None,
        tune_hyperparameters: Literal[False] = False,
        hyperparameter_tuning_config: Optional[dict[str, Any]] = None,
        thresholds: Optional[dict[str, Threshold]] = None,
        warning_thresholds: Optional[dict[str, Threshold]] = None,
    ) -> None: ...
    @property
    def metrics(self) -> list[str]: ...
    def fit(self, reference_data: Data) -> DLE: ...
    def estimate(self, data: Data) -> DLEResult: ...
    def monitor(self) -> ChunkMonitor: ...
    def to_json(self) -> str: ...
    @classmethod
    def from_json(cls, text: str) -> DLE: ...

class DomainClassifierResult(Result):
    def filter(self, period: Literal["all", "reference", "analysis"] = "all") -> DomainClassifierResult: ...

class DomainClassifierCalculator:
    feature_column_names: list[str]
    treat_as_categorical: list[str]
    timestamp_column_name: Optional[str]
    cv_folds_num: int
    hyperparameters: Optional[dict[str, Any]]
    tune_hyperparameters: bool
    hyperparameter_tuning_config: Optional[dict[str, Any]]
    threshold: Threshold
    def __init__(
        self,
        feature_column_names: Union[str, list[str]],
        treat_as_categorical: Union[str, list[str], None] = None,
        timestamp_column_name: Optional[str] = None,
        chunk_size: Optional[int] = None,
        chunk_number: Optional[int] = None,
        chunk_period: Optional[Period] = None,
        chunker: Optional[Chunker] = None,
        cv_folds_num: int = 5,
        hyperparameters: Optional[dict[str, Any]] = None,
        tune_hyperparameters: Literal[False] = False,
        hyperparameter_tuning_config: Optional[dict[str, Any]] = None,
        threshold: Optional[Threshold] = None,
        warning_threshold: Optional[Threshold] = None,
    ) -> None: ...
    def fit(self, reference_data: Data) -> DomainClassifierCalculator: ...
    def calculate(self, data: Data) -> DomainClassifierResult: ...
    def monitor(self) -> ChunkMonitor: ...
    @property
    def thresholds(self) -> Optional[tuple[Optional[float], Optional[float]]]: ...
    def to_json(self) -> str: ...
    @classmethod
    def from_json(cls, text: str) -> DomainClassifierCalculator: ...

class CBPE:
    metrics: list[str]
    y_pred_proba: Union[str, ClassProbabilities]
    y_true: str
    y_pred: Optional[str]
    problem_type: str
    timestamp_column_name: Optional[str]
    def __init__(
        self,
        metrics: Union[ClassificationMetric, list[ClassificationMetric]],
        y_pred_proba: Union[str, ClassProbabilities],
        y_true: str,
        problem_type: Literal["classification_binary", "classification_multiclass"],
        y_pred: Optional[str] = None,
        timestamp_column_name: Optional[str] = None,
        chunk_size: Optional[int] = None,
        chunk_number: Optional[int] = None,
        chunk_period: Optional[Period] = None,
        chunker: Optional[Chunker] = None,
        calibration: Literal["isotonic"] = "isotonic",
        calibrator: None = None,
        thresholds: Optional[dict[str, Threshold]] = None,
        normalize_confusion_matrix: Normalization = None,
        business_value_matrix: None = None,
        normalize_business_value: None = None,
        calibrate: Optional[bool] = None,
        seed: int = 42,
        warning_thresholds: Optional[dict[str, Threshold]] = None,
    ) -> None: ...
    def fit(self, reference_data: Data) -> CBPE: ...
    def estimate(self, data: Data) -> Result: ...
    def monitor(self) -> ChunkMonitor: ...
    @property
    def needs_calibration(self) -> Optional[bool]: ...
    @property
    def calibrated_classes(self) -> Optional[dict[Any, bool]]: ...
    def to_json(self) -> str: ...
    @classmethod
    def from_json(cls, text: str) -> CBPE: ...

class PerformanceCalculator:
    metrics: list[str]
    y_true: str
    y_pred_proba: Union[None, str, ClassProbabilities]
    y_pred: Optional[str]
    problem_type: str
    timestamp_column_name: Optional[str]
    def __init__(
        self,
        metrics: Union[
            ClassificationMetric, RegressionMetric, list[ClassificationMetric], list[RegressionMetric]
        ],
        y_true: str,
        problem_type: Literal["classification_binary", "classification_multiclass", "regression"],
        y_pred_proba: Union[None, str, ClassProbabilities] = None,
        y_pred: Optional[str] = None,
        timestamp_column_name: Optional[str] = None,
        chunk_size: Optional[int] = None,
        chunk_number: Optional[int] = None,
        chunk_period: Optional[Period] = None,
        chunker: Optional[Chunker] = None,
        thresholds: Optional[dict[str, Threshold]] = None,
        normalize_confusion_matrix: Normalization = None,
        business_value_matrix: None = None,
        normalize_business_value: None = None,
        warning_thresholds: Optional[dict[str, Threshold]] = None,
    ) -> None: ...
    def fit(self, reference_data: Data) -> PerformanceCalculator: ...
    def calculate(self, data: Data) -> Result: ...
    def monitor(self) -> ChunkMonitor: ...
    def to_json(self) -> str: ...
    @classmethod
    def from_json(cls, text: str) -> PerformanceCalculator: ...

ContinuousMethod = Literal["jensen_shannon", "kolmogorov_smirnov", "wasserstein", "hellinger"]
CategoricalMethod = Literal["jensen_shannon", "chi2", "l_infinity", "hellinger"]

class UnivariateResult(Result):
    def filter(  # type: ignore[override]
        self,
        period: Literal["all", "reference", "analysis"] = "all",
        column_names: Union[None, str, list[str]] = None,
        methods: Union[None, str, list[str]] = None,
    ) -> UnivariateResult: ...

class UnivariateDriftCalculator:
    column_names: list[str]
    treat_as_numerical: list[str]
    treat_as_categorical: list[str]
    timestamp_column_name: Optional[str]
    def __init__(
        self,
        column_names: Union[str, list[str]],
        treat_as_numerical: Union[None, str, list[str]] = None,
        treat_as_categorical: Union[None, str, list[str]] = None,
        timestamp_column_name: Optional[str] = None,
        categorical_methods: Union[None, CategoricalMethod, list[CategoricalMethod]] = None,
        continuous_methods: Union[None, ContinuousMethod, list[ContinuousMethod]] = None,
        chunk_size: Optional[int] = None,
        chunk_number: Optional[int] = None,
        chunk_period: Optional[Period] = None,
        chunker: Optional[Chunker] = None,
        thresholds: Optional[dict[str, Threshold]] = None,
        computation_params: Optional[dict[str, Any]] = None,
        warning_thresholds: Optional[dict[str, Threshold]] = None,
    ) -> None: ...
    def fit(self, reference_data: Data) -> UnivariateDriftCalculator: ...
    def calculate(self, data: Data) -> UnivariateResult: ...
    def monitor(self) -> ChunkMonitor: ...
    @property
    def continuous_column_names(self) -> Optional[list[str]]: ...
    @property
    def categorical_column_names(self) -> Optional[list[str]]: ...
    def to_json(self) -> str: ...
    @classmethod
    def from_json(cls, text: str) -> UnivariateDriftCalculator: ...

class MMDDriftData(TypedDict, total=False):
    is_drift: int
    threshold: float
    p_val: float
    distance: float
    distance_threshold: float

class MMDDriftPrediction(TypedDict):
    data: MMDDriftData
    meta: dict[str, Any]

class MMDDrift:
    p_val: float
    n_permutations: int
    preprocess_fn: Optional[Callable[[Any], Any]]
    def __init__(
        self,
        x_ref: Any,
        backend: Literal["edgekit", "tensorflow", "pytorch", "keops"] = "edgekit",
        p_val: float = 0.05,
        preprocess_fn: Optional[Callable[[Any], Any]] = None,
        sigma: Optional[Any] = None,
        n_permutations: int = 100,
        seed: int = 0,
    ) -> None: ...
    @property
    def sigma(self) -> float: ...
    def score(self, x: Any) -> tuple[float, float, float]: ...
    def predict(self, x: Any, return_p_val: bool = True, return_distance: bool = True) -> MMDDriftPrediction: ...
    def to_json(self) -> str: ...
    @classmethod
    def from_json(cls, text: str) -> MMDDrift: ...

Monitored = Union[
    DataReconstructionDriftCalculator, UnivariateDriftCalculator, DomainClassifierCalculator, CBPE, PerformanceCalculator, DLE
]

class ChunkMonitor:
    def __init__(self, calculator: Monitored) -> None: ...
    def push(self, data: Data) -> ChunkMonitor: ...
    def flush(self) -> ChunkMonitor: ...
    def result(self) -> Result: ...
    @property
    def pending_rows(self) -> int: ...
    @property
    def calculator(self) -> Monitored: ...
    def to_json(self) -> str: ...
    @classmethod
    def from_json(cls, text: str) -> ChunkMonitor: ...

__all__ = [
    "CBPE",
    "ChunkMonitor",
    "DLE",
    "DLEResult",
    "ConstantThreshold",
    "CountBasedChunker",
    "DataReconstructionDriftCalculator",
    "DomainClassifierCalculator",
    "DomainClassifierResult",
    "DefaultChunker",
    "MMDDrift",
    "PerformanceCalculator",
    "PeriodBasedChunker",
    "Result",
    "SizeBasedChunker",
    "StandardDeviationThreshold",
    "UnivariateDriftCalculator",
    "UnivariateResult",
]
