from typing import Literal, Optional, Sequence, Tuple, TypedDict

import numpy as np
import numpy.typing as npt

Alternative = Literal["two-sided", "larger", "smaller"]
ProportionTest = Literal["z-pooled", "z-unpooled", "chi2", "chi2-yates", "fisher"]
DiffInterval = Literal["wald", "agresti-caffo", "newcomb", "score"]
ProportionInterval = Literal["normal", "wilson", "agresti-coull", "clopper-pearson", "jeffreys"]
Correction = Literal["bonferroni", "holm", "sidak", "holm-sidak", "hochberg", "hommel", "bh", "by"]

class TestResult:
    @property
    def method(self) -> str: ...
    @property
    def statistic(self) -> float: ...
    @property
    def pvalue(self) -> float: ...
    @property
    def df(self) -> Optional[float]: ...
    @property
    def effect(self) -> float: ...
    @property
    def ci(self) -> Tuple[float, float]: ...
    @property
    def relative_effect(self) -> Optional[float]: ...
    @property
    def relative_ci(self) -> Optional[Tuple[float, float]]: ...
    @property
    def alternative(self) -> Alternative: ...
    @property
    def confidence(self) -> float: ...
    def to_dict(self) -> dict: ...

class BatchColumns(TypedDict):
    statistic: np.ndarray
    pvalue: np.ndarray
    effect: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray

class SrmResult(TypedDict):
    statistic: float
    pvalue: float
    df: float
    expected: list[float]

class SampleSize(TypedDict):
    n_a: float
    n_b: float
    n_a_required: int
    n_b_required: int
    effect_size: float

def two_proportions(x_a: int, n_a: int, x_b: int, n_b: int, *, alternative: Alternative = ...,
                    method: ProportionTest = ..., ci_method: DiffInterval = ...,
                    confidence: float = ...) -> TestResult: ...
def two_proportions_batch(x_a: Sequence[int], n_a: Sequence[int], x_b: Sequence[int],
                          n_b: Sequence[int], *, alternative: Alternative = ...,
                          method: ProportionTest = ..., ci_method: DiffInterval = ...,
                          confidence: float = ...) -> BatchColumns: ...
def proportion_ci(x: int, n: int, *, method: ProportionInterval = ...,
                  confidence: float = ...) -> Tuple[float, float]: ...
def welch(a: npt.ArrayLike, b: npt.ArrayLike, *, alternative: Alternative = ...,
          confidence: float = ..., equal_var: bool = ...) -> TestResult: ...
def student(a: npt.ArrayLike, b: npt.ArrayLike, *, alternative: Alternative = ...,
            confidence: float = ...) -> TestResult: ...
def t_test_from_sums(a: Tuple[float, float, float], b: Tuple[float, float, float], *,
                     alternative: Alternative = ..., confidence: float = ...,
                     equal_var: bool = ...) -> TestResult: ...
def srm(counts: Sequence[int], weights: Optional[Sequence[float]] = ...) -> SrmResult: ...
def adjust_pvalues(pvalues: npt.ArrayLike, method: Correction = ...) -> np.ndarray: ...
def power(effect_size: float, n_a: float, *, alpha: float = ..., ratio: float = ...,
          alternative: Alternative = ...) -> float: ...
def sample_size(effect_size: Optional[float] = ..., *, p_a: Optional[float] = ...,
                p_b: Optional[float] = ..., delta: Optional[float] = ..., sd: Optional[float] = ...,
                alpha: float = ..., power: float = ..., ratio: float = ...,
                alternative: Alternative = ...) -> SampleSize: ...
def minimum_detectable_effect(n_a: float, *, alpha: float = ..., power: float = ...,
                              ratio: float = ..., alternative: Alternative = ...) -> float: ...
def proportion_effect_size(p_a: float, p_b: float) -> float: ...
