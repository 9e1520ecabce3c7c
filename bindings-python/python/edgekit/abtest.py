"""Experiment statistics: A/B tests and model-vs-model decisions.

Two-sample functions take control ``a`` then treatment ``b`` and report ``b − a``;
alternatives are "two-sided", "larger" (b > a) and "smaller" (b < a), as statsmodels names
them. Results expose ``.statistic``, ``.pvalue``, ``.effect``, ``.ci`` and ``.to_dict()``.
"""

from edgekit._convert import Result
from edgekit._edgekit import abtest as _native


class TestResult(Result):
    """Result of a two-group test: ``effect`` is b − a, ``ci`` a (low, high) tuple (an open end of a one-sided interval is ±inf; ``None`` in ``to_dict()``)."""

    __slots__ = ()

class RankTestResult(Result):
    """Result of a rank test: ``statistic`` is U of b; ``probability_of_superiority`` = U/(n_a n_b)."""

    __slots__ = ()

class BayesResult(Result):
    """Posterior summary of the effect of b over a (gbstats)."""

    __slots__ = ()

class BetaBinomialResult(Result):
    """Posterior comparison of two conversion rates."""

    __slots__ = ()

class SequentialResult(Result):
    """An always-valid confidence sequence for the effect (gbstats)."""

    __slots__ = ()

class McNemarResult(Result):
    """McNemar's test of two classifiers on the same items."""

    __slots__ = ()

class DeLongResult(Result):
    """DeLong's test of two correlated AUCs."""

    __slots__ = ()

class BootstrapResult(Result):
    """A bootstrap interval: ``estimate``, ``ci``, ``standard_error``."""

    __slots__ = ()

class PermutationResult(Result):
    """A permutation test: ``statistic`` and ``pvalue``."""

    __slots__ = ()

class BrunnerMunzelResult(Result):
    """The Brunner-Munzel test of stochastic equality."""

    __slots__ = ()

class DieboldMarianoResult(Result):
    """The Diebold-Mariano test of equal forecast accuracy."""

    __slots__ = ()

class MsprtResult(Result):
    """A mixture sequential probability ratio test (always-valid p-value)."""

    __slots__ = ()


bayes_binomial = _native.bayes_binomial
cuped = _native.cuped
_group_moments = _native._group_moments
_merge_moments = _native._merge_moments
_moments_summary = _native._moments_summary
_moments_paired = _native._moments_paired
cuped_from_summary = _native.cuped_from_summary
ratio_metric_from_summary = _native.ratio_metric_from_summary
t_test_from_summary = _native.t_test_from_summary
cuped_ratio = _native.cuped_ratio
permutation_test = _native.permutation_test
brunner_munzel = _native.brunner_munzel
bootstrap = _native.bootstrap
diebold_mariano = _native.diebold_mariano
delong = _native.delong
mcnemar = _native.mcnemar
mcnemar_counts = _native.mcnemar_counts
ratio_metric = _native.ratio_metric
sequential = _native.sequential
group_sequential = _native.group_sequential
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
