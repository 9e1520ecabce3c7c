from typing_extensions import Self, final
from typing import List, Literal, Optional, Sequence, Tuple, TypedDict

import numpy as np
import numpy.typing as npt
from edgekit._convert import Result

Alternative = Literal["two-sided", "larger", "smaller"]
ProportionTest = Literal["z-pooled", "z-unpooled", "chi2", "chi2-yates", "fisher", "barnard",
                         "barnard-unpooled", "boschloo"]
PowerTest = Literal["z", "t"]
DiffInterval = Literal["wald", "agresti-caffo", "newcomb", "score"]
ProportionInterval = Literal["normal", "wilson", "agresti-coull", "clopper-pearson", "jeffreys"]
Correction = Literal["bonferroni", "holm", "sidak", "holm-sidak", "hochberg", "hommel", "bh", "by"]

@final
class TestResult(Result):
    method: str
    statistic: float
    pvalue: float
    df: Optional[float]
    effect: float
    ci: Tuple[float, float]
    relative_effect: Optional[float]
    relative_ci: Optional[Tuple[float, float]]
    alternative: Alternative
    confidence: float
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

def two_proportions(x_a: int, n_a: int, x_b: int, n_b: int, *, alternative: Alternative = 'two-sided',
                    method: ProportionTest = 'z-pooled', ci_method: DiffInterval = 'wald',
                    confidence: float = 0.95) -> TestResult: ...
def two_proportions_batch(x_a: Sequence[int], n_a: Sequence[int], x_b: Sequence[int],
                          n_b: Sequence[int], *, alternative: Alternative = 'two-sided',
                          method: ProportionTest = 'z-pooled', ci_method: DiffInterval = 'wald',
                          confidence: float = 0.95) -> BatchColumns: ...
def proportion_ci(x: int, n: int, *, method: ProportionInterval = 'wilson',
                  confidence: float = 0.95) -> Tuple[float, float]: ...
def welch(a: npt.ArrayLike, b: npt.ArrayLike, *, alternative: Alternative = 'two-sided',
          confidence: float = 0.95, equal_var: bool = False) -> TestResult: ...
def student(a: npt.ArrayLike, b: npt.ArrayLike, *, alternative: Alternative = ...,
            confidence: float = ...) -> TestResult: ...
def t_test_from_sums(a: Tuple[float, float, float], b: Tuple[float, float, float], *,
                     alternative: Alternative = 'two-sided', confidence: float = 0.95,
                     equal_var: bool = False) -> TestResult: ...
class MeanSummary(TypedDict):
    n: float
    mean: float
    variance: float

class PairedSummary(TypedDict):
    n: float
    mean_y: float
    mean_x: float
    var_y: float
    var_x: float
    cov: float

def t_test_from_summary(a: MeanSummary, b: MeanSummary, *, alternative: Alternative = 'two-sided',
                        confidence: float = 0.95, equal_var: bool = False) -> TestResult: ...
def cuped_from_summary(a: PairedSummary, b: PairedSummary, *, alternative: Alternative = 'two-sided',
                       confidence: float = 0.95) -> TestResult: ...
def ratio_metric_from_summary(a: PairedSummary, b: PairedSummary, *, alternative: Alternative = 'two-sided',
                              confidence: float = 0.95) -> TestResult: ...
def t_test_batch(n_a: npt.ArrayLike, mean_a: npt.ArrayLike, var_a: npt.ArrayLike,
                 n_b: npt.ArrayLike, mean_b: npt.ArrayLike, var_b: npt.ArrayLike, *,
                 alternative: Alternative = 'two-sided', confidence: float = 0.95,
                 equal_var: bool = False) -> BatchColumns: ...
def srm(counts: Sequence[int], weights: Optional[Sequence[float]] = ...) -> SrmResult: ...
def adjust_pvalues(pvalues: npt.ArrayLike, *, method: Correction = 'holm') -> np.ndarray: ...
def adjusted_confidence(confidence: float, m: int, *,
                        method: Literal["bonferroni", "sidak", "fcr"] = 'bonferroni',
                        selected: Optional[int] = None) -> float: ...
def power(effect_size: float, n_a: float, *, alpha: float = 0.05, ratio: float = 1.0,
          alternative: Alternative = 'two-sided', test: PowerTest = 'z') -> float: ...
def sample_size(effect_size: Optional[float] = None, *, p_a: Optional[float] = None,
                p_b: Optional[float] = None, delta: Optional[float] = None, sd: Optional[float] = None,
                alpha: float = 0.05, power: float = 0.8, ratio: float = 1.0,
                alternative: Alternative = 'two-sided', test: PowerTest = 'z') -> SampleSize: ...
def minimum_detectable_effect(n_a: float, *, alpha: float = 0.05, power: float = 0.8,
                              ratio: float = 1.0, alternative: Alternative = 'two-sided',
                              test: PowerTest = 'z') -> float: ...
def proportion_effect_size(p_a: float, p_b: float) -> float: ...

@final
class RankTestResult(Result):
    method: str
    statistic: float
    pvalue: float
    z: Optional[float]
    probability_of_superiority: float
    alternative: Alternative
    def to_dict(self) -> dict: ...

def mann_whitney(a: npt.ArrayLike, b: npt.ArrayLike, *, alternative: Alternative = 'two-sided',
                 method: Literal["auto", "exact", "asymptotic"] = 'auto',
                 use_continuity: bool = True) -> RankTestResult: ...

@final
class BayesResult(Result):
    expected: float
    std: float
    ci: Tuple[float, float]
    chance_to_win: float
    risk_control: float
    risk_treatment: float
    relative: bool
    def to_dict(self) -> dict: ...

def bayes_gaussian(a: Tuple[float, float, float], b: Tuple[float, float, float], *,
                   relative: bool = True, prior_mean: float = 0.0, prior_variance: float = 1.0,
                   proper_prior: bool = False, confidence: float = 0.95) -> BayesResult: ...
def bayes_conversions(x_a: int, n_a: int, x_b: int, n_b: int, *, relative: bool = True,
                      prior_mean: float = 0.0, prior_variance: float = 1.0,
                      proper_prior: bool = False, confidence: float = 0.95) -> BayesResult: ...

@final
class SequentialResult(Result):
    effect: float
    ci: Tuple[float, float]
    pvalue: float
    relative: bool
    def to_dict(self) -> dict: ...

def sequential(a: Tuple[float, float, float], b: Tuple[float, float, float], *,
               relative: bool = True, tuning: float = 5000.0, confidence: float = 0.95) -> SequentialResult: ...
def sequential_conversions(x_a: int, n_a: int, x_b: int, n_b: int, *, relative: bool = True,
                           tuning: float = 5000.0, confidence: float = 0.95) -> SequentialResult: ...

def cuped(a: npt.ArrayLike, b: npt.ArrayLike, a_pre: npt.ArrayLike, b_pre: npt.ArrayLike, *,
          alternative: Alternative = 'two-sided', confidence: float = 0.95) -> TestResult: ...
def cuped_ratio(a_num: npt.ArrayLike, a_den: npt.ArrayLike, b_num: npt.ArrayLike,
                b_den: npt.ArrayLike, a_pre_num: npt.ArrayLike, a_pre_den: npt.ArrayLike,
                b_pre_num: npt.ArrayLike, b_pre_den: npt.ArrayLike, *,
                alternative: Alternative = 'two-sided', confidence: float = 0.95) -> TestResult: ...
def ratio_metric(a_num: npt.ArrayLike, a_den: npt.ArrayLike, b_num: npt.ArrayLike,
                 b_den: npt.ArrayLike, *, alternative: Alternative = 'two-sided',
                 confidence: float = 0.95) -> TestResult: ...

@final
class McNemarResult(Result):
    statistic: float
    pvalue: float
    only_a: int
    only_b: int
    accuracy_difference: Optional[float]
    def to_dict(self) -> dict: ...

def mcnemar(a_correct: Sequence[bool], b_correct: Sequence[bool], *, exact: bool = True,
            correction: bool = True) -> McNemarResult: ...
def mcnemar_counts(only_a: int, only_b: int, *, exact: bool = True,
                   correction: bool = True) -> McNemarResult: ...

@final
class DeLongResult(Result):
    auc_a: float
    auc_b: float
    effect: float
    se: float
    statistic: float
    pvalue: float
    ci: Tuple[float, float]
    def to_dict(self) -> dict: ...

def delong(labels: npt.ArrayLike, a: npt.ArrayLike, b: npt.ArrayLike, *,
           alternative: Alternative = 'two-sided', confidence: float = 0.95) -> DeLongResult: ...

@final
class DieboldMarianoResult(Result):
    statistic: float
    pvalue: float
    mean_difference: float
    def to_dict(self) -> dict: ...

def diebold_mariano(loss_a: npt.ArrayLike, loss_b: npt.ArrayLike, *, horizon: int = 1,
                    harvey: bool = True, variance: Literal["acf", "bartlett"] = 'acf',
                    alternative: Alternative = 'two-sided') -> DieboldMarianoResult: ...

@final
class BootstrapResult(Result):
    estimate: float
    ci: Tuple[float, float]
    standard_error: float
    def to_dict(self) -> dict: ...

def bootstrap(a: npt.ArrayLike, b: npt.ArrayLike, *,
              statistic: Literal["mean_diff", "ratio_of_means", "median_diff",
                                 "quantile_diff"] = 'mean_diff',
              n_resamples: int = 9999, method: Literal["percentile", "basic", "bca"] = 'bca',
              confidence: float = 0.95, alternative: Alternative = 'two-sided',
              seed: int = 0, quantile: float = 0.5) -> BootstrapResult: ...
def paired_bootstrap(y: npt.ArrayLike, pred_a: npt.ArrayLike, pred_b: npt.ArrayLike, *,
                     metric: Literal["accuracy", "log_loss", "brier"] = 'accuracy',
                     n_resamples: int = 9999, method: Literal["percentile", "basic", "bca"] = 'bca',
                     confidence: float = 0.95, alternative: Alternative = 'two-sided',
                     seed: int = 0) -> BootstrapResult: ...

@final
class BrunnerMunzelResult(Result):
    statistic: float
    pvalue: float
    df: Optional[float]
    probability_of_superiority: float
    def to_dict(self) -> dict: ...

def brunner_munzel(a: npt.ArrayLike, b: npt.ArrayLike, *, alternative: Alternative = 'two-sided',
                   distribution: Literal["t", "normal"] = 't') -> BrunnerMunzelResult: ...

class RatioEstimate(TypedDict):
    estimate: float
    ci: Tuple[float, float]

def risk_ratio(x_a: int, n_a: int, x_b: int, n_b: int, *,
               method: Literal["log", "log-adjusted", "score"] = 'log-adjusted', confidence: float = 0.95) -> RatioEstimate: ...
def odds_ratio(x_a: int, n_a: int, x_b: int, n_b: int, *,
               method: Literal["logit", "logit-adjusted", "score"] = 'logit-adjusted', confidence: float = 0.95) -> RatioEstimate: ...

@final
class PermutationResult(Result):
    statistic: float
    pvalue: float
    def to_dict(self) -> dict: ...

def permutation_test(a: npt.ArrayLike, b: npt.ArrayLike, *, n_resamples: int = 9999,
                     alternative: Alternative = 'two-sided', seed: int = 0) -> PermutationResult: ...

@final
class BetaBinomialResult(Result):
    chance_to_beat_control: float
    expected_loss_b: float
    expected_loss_a: float
    mean_a: float
    mean_b: float
    ci_a: Tuple[float, float]
    ci_b: Tuple[float, float]
    def to_dict(self) -> dict: ...

def bayes_binomial(x_a: int, n_a: int, x_b: int, n_b: int, *, prior_alpha: float = 1.0,
                   prior_beta: float = 1.0, confidence: float = 0.95,
                   method: Literal["exact", "sampling"] = 'exact', samples: int = 1000000,
                   seed: int = 0) -> BetaBinomialResult: ...

Spending = Literal["obrien-fleming", "pocock"]

class GroupSequentialLook(TypedDict):
    information: float
    boundary: float
    nominal_alpha: float
    cumulative_alpha: float
    z: Optional[float]
    crossed: bool

class GroupSequentialResult(TypedDict):
    looks: List[GroupSequentialLook]
    stopped_at: Optional[int]
    decision: Literal["reject", "continue", "accept"]

def group_sequential(information: npt.ArrayLike, z: Optional[npt.ArrayLike] = ..., *,
                     alpha: float = 0.05, spending: Spending = 'obrien-fleming',
                     alternative: Alternative = 'two-sided') -> GroupSequentialResult: ...

@final
class MsprtResult(Result):
    effect: float
    likelihood_ratio: float
    pvalue: float
    ci: Tuple[float, float]
    mixing_variance: float
    reject: bool
    def to_dict(self) -> dict: ...

def msprt(a: Tuple[float, float, float], b: Tuple[float, float, float], *,
          mixing_variance: Optional[float] = None, tuning: float = 5000.0, relative: bool = False,
          confidence: float = 0.95, previous_pvalue: Optional[float] = None,
          previous_ci: Optional[Tuple[float, float]] = None) -> MsprtResult: ...

__all__ = [
    "BayesResult",
    "BetaBinomialResult",
    "BootstrapResult",
    "BrunnerMunzelResult",
    "DeLongResult",
    "DieboldMarianoResult",
    "McNemarResult",
    "MsprtResult",
    "PermutationResult",
    "RankTestResult",
    "SequentialResult",
    "bayes_binomial",
    "bayes_conversions",
    "bayes_gaussian",
    "bootstrap",
    "brunner_munzel",
    "cuped",
    "cuped_from_summary",
    "cuped_ratio",
    "delong",
    "group_sequential",
    "msprt",
    "diebold_mariano",
    "TestResult",
    "mann_whitney",
    "adjust_pvalues",
    "adjusted_confidence",
    "mcnemar",
    "mcnemar_counts",
    "minimum_detectable_effect",
    "odds_ratio",
    "paired_bootstrap",
    "permutation_test",
    "power",
    "proportion_ci",
    "proportion_effect_size",
    "ratio_metric",
    "ratio_metric_from_summary",
    "risk_ratio",
    "sequential",
    "sequential_conversions",
    "sample_size",
    "srm",
    "student",
    "t_test_batch",
    "t_test_from_sums",
    "t_test_from_summary",
    "two_proportions",
    "two_proportions_batch",
    "welch",
]
