"""Experiment statistics: A/B tests and model-vs-model decisions.

Two-sample functions take control ``a`` then treatment ``b`` and report ``b − a``;
alternatives are "two-sided", "larger" (b > a) and "smaller" (b < a), as statsmodels names
them. Results expose ``.statistic``, ``.pvalue``, ``.effect``, ``.ci`` and ``.to_dict()``.
"""

from edgekit._convert import typed_errors
from edgekit._edgekit import abtest as _native

TestResult = _native.TestResult
RankTestResult = _native.RankTestResult
BayesResult = _native.BayesResult
BetaBinomialResult = _native.BetaBinomialResult
bayes_binomial = typed_errors(_native.bayes_binomial)
SequentialResult = _native.SequentialResult
cuped = typed_errors(_native.cuped)
cuped_ratio = typed_errors(_native.cuped_ratio)
McNemarResult = _native.McNemarResult
DeLongResult = _native.DeLongResult
BootstrapResult = _native.BootstrapResult
PermutationResult = _native.PermutationResult
permutation_test = typed_errors(_native.permutation_test)
BrunnerMunzelResult = _native.BrunnerMunzelResult
brunner_munzel = typed_errors(_native.brunner_munzel)
bootstrap = typed_errors(_native.bootstrap)
DieboldMarianoResult = _native.DieboldMarianoResult
diebold_mariano = typed_errors(_native.diebold_mariano)
delong = typed_errors(_native.delong)
mcnemar = typed_errors(_native.mcnemar)
mcnemar_counts = typed_errors(_native.mcnemar_counts)
ratio_metric = typed_errors(_native.ratio_metric)
sequential = typed_errors(_native.sequential)
group_sequential = typed_errors(_native.group_sequential)
MsprtResult = _native.MsprtResult
msprt = typed_errors(_native.msprt)
paired_bootstrap = typed_errors(_native.paired_bootstrap)
sequential_conversions = typed_errors(_native.sequential_conversions)
bayes_gaussian = typed_errors(_native.bayes_gaussian)
bayes_conversions = typed_errors(_native.bayes_conversions)
mann_whitney = typed_errors(_native.mann_whitney)
two_proportions = typed_errors(_native.two_proportions)
two_proportions_batch = typed_errors(_native.two_proportions_batch)
proportion_ci = typed_errors(_native.proportion_ci)
risk_ratio = typed_errors(_native.risk_ratio)
odds_ratio = typed_errors(_native.odds_ratio)
welch = typed_errors(_native.welch)
t_test_from_sums = typed_errors(_native.t_test_from_sums)
t_test_batch = typed_errors(_native.t_test_batch)
srm = typed_errors(_native.srm)
adjust_pvalues = typed_errors(_native.adjust_pvalues)
adjusted_confidence = typed_errors(_native.adjusted_confidence)
power = typed_errors(_native.power)
sample_size = typed_errors(_native.sample_size)
minimum_detectable_effect = typed_errors(_native.minimum_detectable_effect)
proportion_effect_size = typed_errors(_native.proportion_effect_size)


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
