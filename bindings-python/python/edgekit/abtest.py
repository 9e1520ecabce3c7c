"""Experiment statistics: A/B tests and model-vs-model decisions.

Two-sample functions take control ``a`` then treatment ``b`` and report ``b − a``;
alternatives are "two-sided", "larger" (b > a) and "smaller" (b < a), as statsmodels names
them. Results expose ``.statistic``, ``.pvalue``, ``.effect``, ``.ci`` and ``.to_dict()``.
"""

from edgekit._edgekit import abtest as _native

TestResult = _native.TestResult
RankTestResult = _native.RankTestResult
BayesResult = _native.BayesResult
BetaBinomialResult = _native.BetaBinomialResult
bayes_binomial = _native.bayes_binomial
SequentialResult = _native.SequentialResult
cuped = _native.cuped
cuped_ratio = _native.cuped_ratio
McNemarResult = _native.McNemarResult
DeLongResult = _native.DeLongResult
BootstrapResult = _native.BootstrapResult
PermutationResult = _native.PermutationResult
permutation_test = _native.permutation_test
BrunnerMunzelResult = _native.BrunnerMunzelResult
brunner_munzel = _native.brunner_munzel
bootstrap = _native.bootstrap
DieboldMarianoResult = _native.DieboldMarianoResult
diebold_mariano = _native.diebold_mariano
delong = _native.delong
mcnemar = _native.mcnemar
mcnemar_counts = _native.mcnemar_counts
ratio_metric = _native.ratio_metric
sequential = _native.sequential
group_sequential = _native.group_sequential
MsprtResult = _native.MsprtResult
msprt = _native.msprt
paired_bootstrap = _native.paired_bootstrap
sequential_conversions = _native.sequential_conversions
bayes_gaussian = _native.bayes_gaussian
bayes_conversions = _native.bayes_conversions
mann_whitney = _native.mann_whitney
two_proportions = _native.two_proportions
two_proportions_batch = _native.two_proportions_batch
proportion_ci = _native.proportion_ci
risk_ratio = _native.risk_ratio
odds_ratio = _native.odds_ratio
welch = _native.welch
t_test_from_sums = _native.t_test_from_sums
t_test_batch = _native.t_test_batch
srm = _native.srm
adjust_pvalues = _native.adjust_pvalues
adjusted_confidence = _native.adjusted_confidence
power = _native.power
sample_size = _native.sample_size
minimum_detectable_effect = _native.minimum_detectable_effect
proportion_effect_size = _native.proportion_effect_size


def student(a, b, *, alternative="two-sided", confidence=0.95):
    """Student's t test (pooled variance) of mean(b) − mean(a): ``welch(..., equal_var=True)``."""
    return welch(a, b, alternative=alternative, confidence=confidence, equal_var=True)


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
    "risk_ratio",
    "sequential",
    "sequential_conversions",
    "sample_size",
    "srm",
    "student",
    "t_test_batch",
    "t_test_from_sums",
    "two_proportions",
    "two_proportions_batch",
    "welch",
]
