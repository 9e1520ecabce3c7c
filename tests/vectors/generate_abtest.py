"""Records abtest conformance vectors from scipy, statsmodels and gbstats.

Run from the repository root with the packages in tests/vectors/requirements.txt installed:
    python tests/vectors/generate_abtest.py
It rewrites tests/vectors/abtest.json, read by the Rust, Python and Node suites.

Conventions: control a, treatment b, effect b − a; statsmodels functions whose first group is
"1" are called with b first. Infinite interval ends are written "inf"/"-inf".
References, per section:
- two_proportions: statistic/p-value from statsmodels proportions_ztest (z-pooled),
  test_proportions_2indep(method="wald") (z-unpooled), scipy chi2_contingency (chi2,
  chi2-yates), scipy fisher_exact (fisher); interval from statsmodels
  confint_proportions_2indep (two-sided at 2·confidence − 1 for one-sided alternatives);
  relative effect and interval from gbstats' relative t tests on ProportionStatistic.
- proportion_ci: statsmodels proportion_confint.
- ratios: statsmodels confint_proportions_2indep(x_b, n_b, x_a, n_a, compare="ratio" | "odds-ratio",
  method log, log-adjusted, logit, logit-adjusted); cases where statsmodels returns inf/NaN (zero cells
  without adjustment) are left out: edgekit refuses them with an error naming the adjusted method.
- t_test: scipy ttest_ind(b, a, equal_var, alternative) and its confidence_interval; relative
  effect from gbstats' relative t tests on SampleMeanStatistic.
- mann_whitney: scipy mannwhitneyu(b, a, alternative, method, use_continuity);
- brunner_munzel: scipy brunnermunzel(b, a, alternative, distribution); its statistic is negated
  so that positive means b tends to exceed a;
- bayes_binomial: the defining integrals by 50-digit mpmath quadrature (mpmath 1.3.0); credible
  intervals from scipy.stats.beta.ppf;
- bayes_gaussian: gbstats EffectBayesianABTest (ProportionStatistic / SampleMeanStatistic);
- sequential: gbstats SequentialTwoSidedTTest (asymptotic confidence sequences);
- adjusted: gbstats RegressionAdjustedStatistic with compute_theta (CUPED) and RatioStatistic
  (delta method), through TwoSidedTTest (absolute and relative; one-sided intervals from the
  two-sided interval at 2·confidence − 1); "a_pre"/"b_pre" hold a ratio's denominators;
- mcnemar: statsmodels contingency_tables.mcnemar on [[50, only_a], [only_b, 40]] (with no
  discordant pair statsmodels returns NaN; edgekit returns statistic 0, p-value 1);
- delong: DeLong et al. (1988) computed by definition in this script (O(m·n) placement
  values with numpy, no R package installs here); edgekit uses Sun & Xu's midrank algorithm;
- diebold_mariano: PyPI dieboldmariano 1.1.0 dm_test(V, forecast_b, forecast_a) with squared
  error (its own incomplete beta for the t p-value);
- bootstrap: scipy.stats.bootstrap (9999 resamples, its own random draws: intervals agree to
  Monte Carlo error, tested at 5% of the interval width); BCa's jackknife acceleration from
  scipy's _bca_interval, deterministic, compared at 1e-9;
- paired_bootstrap: scipy.stats.bootstrap((y, pred_a, pred_b), metric(b) − metric(a),
  paired=True), same Monte Carlo tolerance; scores as scikit-learn defines accuracy (threshold
  0.5), log_loss (clipped at machine epsilon) and brier_score_loss;
- permutation: scipy permutation_test(independent, 9999 resamples; its own random draws: p-values
  agree within 4 binomial standard errors plus 2/R);
- group_sequential: boundaries from scipy multivariate_normal.cdf (Genz quasi-Monte Carlo,
  abseps 1e-8, so compared at 1e-6) and the published five-look Lan-DeMets tables;
- msprt: with its default mixture it equals gbstats' confidence sequence (checked on the
  sequential vectors);
- srm: scipy chisquare; adjust_pvalues: statsmodels multipletests;
- power, sample_size: statsmodels NormalIndPower (test "z") and TTestIndPower ("t"); proportion_effect_size: statsmodels
  proportion_effectsize.
"""

import csv
import datetime
import json
import math
import pathlib
import warnings

import dieboldmariano
import gbstats
import numpy as np
import scipy
import scipy.stats as ss
import statsmodels
from gbstats.bayesian.tests import EffectBayesianABTest, EffectBayesianConfig, GaussianPrior
from gbstats.frequentist.tests import (
    FrequentistConfig,
    SequentialConfig,
    SequentialTwoSidedTTest,
    TwoSidedTTest,
)
from gbstats.models.statistics import (
    ProportionStatistic,
    RatioStatistic,
    RegressionAdjustedStatistic,
    SampleMeanStatistic,
    compute_theta,
)
from statsmodels.stats.contingency_tables import mcnemar as sm_mcnemar
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower, TTestIndPower
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportion_effectsize,
    proportions_ztest,
    test_proportions_2indep,
)

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "vectors" / "abtest.json"
SM_ALTERNATIVE = {"two-sided": "two-sided", "larger": "larger", "smaller": "smaller"}
SCIPY_ALTERNATIVE = {"two-sided": "two-sided", "larger": "greater", "smaller": "less"}


def num(v):
    v = float(v)
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    assert not math.isnan(v), "a reference produced NaN"
    return v


def one_sided(interval, alternative):
    low, high = interval
    if alternative == "larger":
        return [num(low), "inf"]
    if alternative == "smaller":
        return ["-inf", num(high)]
    return [num(low), num(high)]


def gbstats_relative(stat_a, stat_b, alternative, confidence):
    """gbstats' relative effect and interval. One-sided bounds are read off its two-sided
    interval at level 2·confidence − 1 (the same t quantile): gbstats 0.8's
    OneSidedTreatmentLesserTTest returns estimate − width as the upper bound, a sign slip."""
    level = confidence if alternative == "two-sided" else 2 * confidence - 1
    config = FrequentistConfig(alpha=1 - level, difference_type="relative")
    result = TwoSidedTTest(stat_a, stat_b, config).compute_result()
    return num(result.expected), one_sided(result.ci, alternative)


BARNARD_ALTERNATIVE = {"two-sided": "two-sided", "larger": "less", "smaller": "greater"}


def barnard_exact_ties(x_a, n_a, x_b, n_b, pooled, alternative):
    """Barnard's p-value with the extreme region decided in exact rational arithmetic.

    scipy compares floating Wald statistics, so a table tying the observed one in exact
    arithmetic (e.g. the mirror table when n_a = n_b) can be left out by one ulp: on the
    vaccine example [[7, 12], [8, 3]] scipy gives 0.034077, the exact region 0.034109. The
    region here compares sign(d)·d²/var as Fractions; the supremum over the nuisance
    parameter uses scipy's own log p-value function, a 20,001-point grid and a bounded
    refinement. Cases without such ties equal scipy's barnard_exact to 1e-9.
    """
    from fractions import Fraction as F
    from scipy.optimize import minimize_scalar
    from scipy.stats._hypotests import (_compute_log_combinations,
                                        _get_binomial_log_p_value_with_nuisance_param)

    def signed_square(xa, xb):
        pa, pb = F(xa, n_a), F(xb, n_b)
        if pa == pb:
            return F(0)
        if pooled:
            q = F(xa + xb, n_a + n_b)
            var = q * (1 - q) * (F(1, n_a) + F(1, n_b))
        else:
            var = pa * (1 - pa) / n_a + pb * (1 - pb) / n_b
        d = pb - pa
        if var == 0:
            return F(10**30) * (1 if d > 0 else -1)
        return (1 if d > 0 else -1) * d * d / var

    observed = signed_square(x_a, x_b)
    index = np.zeros((n_a + 1, n_b + 1), dtype=bool)
    for xa in range(n_a + 1):
        for xb in range(n_b + 1):
            z = signed_square(xa, xb)
            index[xa, xb] = {"two-sided": abs(z) >= abs(observed), "larger": z >= observed,
                             "smaller": z <= observed}[alternative]
    x1 = np.arange(n_a + 1).reshape(-1, 1)
    x2 = np.arange(n_b + 1).reshape(1, -1)
    comb = _compute_log_combinations(n_a)[x1] + _compute_log_combinations(n_b)[x2]

    def neg_log_p(pi):
        return float(_get_binomial_log_p_value_with_nuisance_param(np.array(pi), x1 + x2, comb,
                                                                   index))

    grid = np.linspace(0, 1, 20001)
    values = [neg_log_p(pi) for pi in grid]
    best = int(np.argmin(values))
    lo, hi = grid[max(best - 1, 0)], grid[min(best + 1, len(grid) - 1)]
    refined = minimize_scalar(neg_log_p, bounds=(lo, hi), method="bounded",
                              options={"xatol": 1e-15})
    return num(min(1.0, math.exp(-min(refined.fun, values[best]))))


def checked_score_bounds(x_a, n_a, x_b, n_b, compare, confidence, low, high):
    """statsmodels' score interval for a ratio, re-solved where its bracket fails.

    statsmodels brackets the root with the log/logit interval; on 12/12 vs 10/14 that bracket
    misses and it returns a lower bound (0.846) above the estimate (0.714), where its own
    score test has p = 0.18. Bounds whose p-value is not alpha are re-solved with brentq on
    statsmodels' score test inside a valid bracket; the others are kept as statsmodels gives them.
    """
    from scipy.optimize import brentq

    alpha = 1 - confidence

    def pvalue(v):
        return test_proportions_2indep(x_b, n_b, x_a, n_a, value=v, compare=compare,
                                       method="score").pvalue - alpha

    p_b, p_a = x_b / n_b, x_a / n_a
    estimate = p_b / p_a if compare == "ratio" else (p_b / (1 - p_b)) / (p_a / (1 - p_a))
    if abs(pvalue(low)) > 1e-9 or low > estimate:
        low = brentq(pvalue, estimate * 1e-6, estimate, xtol=1e-15, rtol=1e-15)
    if abs(pvalue(high)) > 1e-9 or high < estimate:
        high = brentq(pvalue, estimate, estimate * 1e6, xtol=1e-15, rtol=1e-15)
    return low, high


def spending(kind, alpha, t, two_sided):
    """Lan-DeMets spending as gsDesign/rpact: O'Brien-Fleming type per tail."""
    if kind == "obrien-fleming":
        per_tail = alpha / 2 if two_sided else alpha
        tail = 2 * ss.norm.sf(ss.norm.isf(per_tail / 2) / math.sqrt(t))
        return 2 * tail if two_sided else tail
    return alpha * math.log(1 + (math.e - 1) * t)


def group_sequential_bounds(information, alpha, kind, two_sided):
    """Boundaries from scipy's multivariate normal CDF (Genz QMC, abseps 1e-8): Z_k has
    correlation sqrt(t_j / t_k); each boundary solves P(first crossing at k) = spent."""
    from scipy.optimize import brentq

    info = np.array(information)
    cov = np.sqrt(np.minimum.outer(info, info) / np.maximum.outer(info, info))

    def stay(bounds):
        k = len(bounds)
        if k == 0:
            return 1.0
        upper = np.array(bounds)
        lower = -upper if two_sided else np.full(k, -np.inf)
        if k == 1:
            return float(ss.norm.cdf(upper[0]) - ss.norm.cdf(lower[0]))
        mvn = ss.multivariate_normal(np.zeros(k), cov[:k, :k], abseps=1e-8, releps=0,
                                     maxpts=2_000_000 * k, seed=1)
        return float(mvn.cdf(upper, lower_limit=lower))

    bounds, spent_before, staying = [], 0.0, 1.0
    for t in info:
        target = spending(kind, alpha, t, two_sided) - spent_before
        bounds.append(brentq(lambda c: staying - stay(bounds + [c]) - target, 0.5, 12,
                             xtol=1e-12))
        spent_before += target
        staying = stay(bounds)
    return bounds


def two_proportions_case(name, x_a, n_a, x_b, n_b, alternative="two-sided", method="z-pooled",
                         ci_method="wald", confidence=0.95):
    table = [[x_b, n_b - x_b], [x_a, n_a - x_a]]
    if method == "z-pooled":
        stat, p = proportions_ztest([x_b, x_a], [n_b, n_a], alternative=SM_ALTERNATIVE[alternative])
    elif method == "z-unpooled":
        r = test_proportions_2indep(x_b, n_b, x_a, n_a, method="wald", compare="diff",
                                    alternative=SM_ALTERNATIVE[alternative])
        stat, p = r.statistic, r.pvalue
    elif method in ("chi2", "chi2-yates"):
        stat, p, _, _ = ss.chi2_contingency(table, correction=method == "chi2-yates")
    elif method in ("barnard", "barnard-unpooled"):
        # scipy's columns are the samples: column 1 = a, so "less" (p_a < p_b) is "larger"
        # and scipy's Wald statistic p_a − p_b is negated.
        r = ss.barnard_exact([[x_a, x_b], [n_a - x_a, n_b - x_b]], pooled=method == "barnard",
                             alternative=BARNARD_ALTERNATIVE[alternative])
        stat, p = -r.statistic, barnard_exact_ties(x_a, n_a, x_b, n_b, method == "barnard",
                                                   alternative)
    elif method == "boschloo":
        r = ss.boschloo_exact([[x_a, x_b], [n_a - x_a, n_b - x_b]],
                              alternative=BARNARD_ALTERNATIVE[alternative])
        stat, p = r.statistic, r.pvalue
    else:
        stat, p = ss.fisher_exact(table, alternative=SCIPY_ALTERNATIVE[alternative])
    level = confidence if alternative == "two-sided" else 2 * confidence - 1
    ci = confint_proportions_2indep(x_b, n_b, x_a, n_a, method=ci_method, compare="diff",
                                    alpha=1 - level)
    case = {
        "name": name,
        "args": {"x_a": x_a, "n_a": n_a, "x_b": x_b, "n_b": n_b},
        "options": {"alternative": alternative, "method": method, "ci_method": ci_method,
                    "confidence": confidence},
        "expected": {
            "statistic": num(stat),
            "pvalue": num(p),
            "effect": num(x_b / n_b - x_a / n_a),
            "ci": one_sided(ci, alternative),
        },
    }
    if x_a > 0:
        rel, rel_ci = gbstats_relative(ProportionStatistic(n=n_a, sum=x_a),
                                       ProportionStatistic(n=n_b, sum=x_b), alternative, confidence)
        case["expected"]["relative_effect"] = rel
        case["expected"]["relative_ci"] = rel_ci
    return case


def t_test_case(name, a, b, alternative="two-sided", equal_var=False, confidence=0.95,
                include_values=True):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    r = ss.ttest_ind(b, a, equal_var=equal_var, alternative=SCIPY_ALTERNATIVE[alternative])
    ci = r.confidence_interval(confidence)
    rel, rel_ci = gbstats_relative(
        SampleMeanStatistic(n=len(a), sum=float(a.sum()), sum_squares=float((a * a).sum())),
        SampleMeanStatistic(n=len(b), sum=float(b.sum()), sum_squares=float((b * b).sum())),
        alternative, confidence)
    case = {
        "name": name,
        "summary": {
            "a": {"n": len(a), "mean": float(a.mean()), "variance": float(a.var(ddof=1))},
            "b": {"n": len(b), "mean": float(b.mean()), "variance": float(b.var(ddof=1))},
        },
        "options": {"alternative": alternative, "confidence": confidence, "equal_var": equal_var},
        "expected": {
            "statistic": num(r.statistic),
            "pvalue": num(r.pvalue),
            "df": num(r.df),
            "effect": num(b.mean() - a.mean()),
            "ci": [num(ci.low), num(ci.high)],
            "relative_effect": rel,
            "relative_ci": rel_ci,
        },
    }
    if include_values:
        case["values"] = {"a": a.tolist(), "b": b.tolist()}
    return case


def cookie_cats():
    with open(ROOT / "examples/data/cookie_cats.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    groups = {}
    for row in rows:
        g = groups.setdefault(row["version"], {"n": 0, "r1": 0, "r7": 0, "rounds": []})
        g["n"] += 1
        g["r1"] += row["retention_1"] == "TRUE"
        g["r7"] += row["retention_7"] == "TRUE"
        g["rounds"].append(float(row["sum_gamerounds"]))
    return groups["gate_30"], groups["gate_40"]


def main():
    warnings.simplefilter("ignore")
    rng = np.random.default_rng(20261122)
    control, treatment = cookie_cats()

    proportions = [
        two_proportions_case("basic_pooled", 200, 1000, 250, 1000),
        two_proportions_case("basic_unpooled", 200, 1000, 250, 1000, method="z-unpooled"),
        two_proportions_case("larger_pooled", 120, 2400, 151, 2380, alternative="larger"),
        two_proportions_case("smaller_unpooled_newcomb", 151, 2380, 120, 2400,
                             alternative="smaller", method="z-unpooled", ci_method="newcomb"),
        two_proportions_case("chi2", 45, 300, 62, 310, method="chi2", ci_method="agresti-caffo"),
        two_proportions_case("chi2_yates_small", 3, 25, 9, 27, method="chi2-yates",
                             ci_method="newcomb"),
        two_proportions_case("fisher_two_sided", 2, 20, 9, 21, method="fisher",
                             ci_method="newcomb"),
        two_proportions_case("fisher_larger", 2, 20, 9, 21, alternative="larger", method="fisher",
                             ci_method="newcomb"),
        two_proportions_case("fisher_smaller", 12, 30, 5, 31, alternative="smaller",
                             method="fisher", ci_method="score", confidence=0.9),
        two_proportions_case("fisher_large", 4490, 44700, 4450, 45489, method="fisher"),
        two_proportions_case("barnard_vaccine", 12, 15, 7, 15, alternative="smaller",
                             method="barnard"),
        two_proportions_case("barnard_two_sided", 3, 25, 9, 27, method="barnard"),
        two_proportions_case("barnard_unpooled", 2, 20, 9, 21, method="barnard-unpooled"),
        two_proportions_case("barnard_larger", 30, 90, 41, 95, alternative="larger",
                             method="barnard"),
        two_proportions_case("barnard_unequal", 0, 12, 5, 40, method="barnard"),
        two_proportions_case("boschloo_professors", 43, 75, 31, 63, alternative="smaller",
                             method="boschloo"),
        two_proportions_case("boschloo_two_sided", 3, 25, 9, 27, method="boschloo"),
        two_proportions_case("boschloo_larger", 2, 20, 9, 21, alternative="larger",
                             method="boschloo"),
        two_proportions_case("boschloo_medium", 36, 120, 52, 118, method="boschloo"),
        two_proportions_case("score_interval", 36, 120, 52, 118, ci_method="score",
                             confidence=0.99),
        two_proportions_case("score_zero_control", 0, 40, 6, 41, ci_method="score"),
        two_proportions_case("agresti_caffo_one_sided", 30, 90, 41, 95, alternative="larger",
                             ci_method="agresti-caffo", confidence=0.9),
        two_proportions_case("cookie_cats_retention_1", control["r1"], control["n"],
                             treatment["r1"], treatment["n"], ci_method="newcomb"),
        two_proportions_case("cookie_cats_retention_7", control["r7"], control["n"],
                             treatment["r7"], treatment["n"], method="chi2",
                             ci_method="score"),
        two_proportions_case("cookie_cats_retention_7_fisher", control["r7"], control["n"],
                             treatment["r7"], treatment["n"], method="fisher"),
    ]

    ratios = []
    for x_a, n_a, x_b, n_b in [(20, 200, 30, 200), (3, 40, 9, 41), (0, 30, 4, 31), (4490, 44700, 4450, 45489),
                               (12, 12, 10, 14)]:
        for compare, method in [("ratio", "log"), ("ratio", "log-adjusted"), ("ratio", "score"),
                                ("odds-ratio", "logit"), ("odds-ratio", "logit-adjusted"),
                                ("odds-ratio", "score")]:
            for confidence in (0.95, 0.9):
                try:
                    with np.errstate(all="ignore"):
                        low, high = confint_proportions_2indep(x_b, n_b, x_a, n_a, method=method,
                                                               compare=compare, alpha=1 - confidence)
                except (ZeroDivisionError, ValueError):
                    continue  # statsmodels' score inversion cannot bracket zero cells
                if not (math.isfinite(low) and math.isfinite(high)):
                    continue  # statsmodels gives inf/NaN on zero cells; edgekit refuses them
                if method == "score":
                    low, high = checked_score_bounds(x_a, n_a, x_b, n_b, compare, confidence,
                                                     low, high)
                ratios.append({"args": {"x_a": x_a, "n_a": n_a, "x_b": x_b, "n_b": n_b},
                               "compare": compare, "method": method, "confidence": confidence,
                               "expected": [num(low), num(high)]})

    proportion_ci = []
    for x, n in [(0, 25), (3, 25), (12, 40), (40, 40), (4490, 44700)]:
        for method, sm_method in [("normal", "normal"), ("wilson", "wilson"),
                                  ("agresti-coull", "agresti_coull"),
                                  ("clopper-pearson", "beta"), ("jeffreys", "jeffreys")]:
            for confidence in (0.95, 0.8):
                low, high = proportion_confint(x, n, alpha=1 - confidence, method=sm_method)
                proportion_ci.append({"x": x, "n": n, "method": method, "confidence": confidence,
                                      "expected": [num(low), num(high)]})

    t_tests = [
        t_test_case("welch_small", rng.normal(10, 2, 25), rng.normal(11, 3, 30)),
        t_test_case("student_small", rng.normal(10, 2, 25), rng.normal(11, 2, 30), equal_var=True),
        t_test_case("welch_larger", rng.lognormal(1, 0.5, 200), rng.lognormal(1.1, 0.5, 180),
                    alternative="larger", confidence=0.9),
        t_test_case("welch_smaller", rng.normal(5, 1, 60), rng.normal(4.6, 1.5, 70),
                    alternative="smaller"),
        t_test_case("cookie_cats_sum_gamerounds", control["rounds"], treatment["rounds"],
                    include_values=False),
    ]

    mann_whitney = []
    for name, a, b, alternative, method, continuity in [
            ("exact_small", [1.1, 2.3, 0.4, 5.6, 3.3], [4.4, 6.1, 2.9, 7.7, 5.0, 8.2], "two-sided",
             "auto", True),
            ("exact_larger", rng.normal(0, 1, 7).tolist(), rng.normal(1, 1, 12).tolist(), "larger",
             "auto", True),
            ("exact_smaller_forced", rng.normal(0, 1, 10).tolist(), rng.normal(-0.5, 1, 11).tolist(),
             "smaller", "exact", True),
            ("ties_small_asymptotic", [1, 2, 2, 3, 5], [2, 3, 3, 4, 6, 6], "two-sided", "auto", True),
            ("integers_with_ties", rng.integers(0, 20, 300).tolist(), rng.integers(1, 21, 280).tolist(),
             "two-sided", "auto", True),
            ("no_continuity", rng.integers(0, 8, 200).tolist(), rng.integers(0, 9, 220).tolist(),
             "larger", "asymptotic", False),
            ("lognormal_2000", rng.lognormal(0, 1, 2000).tolist(), rng.lognormal(0.05, 1, 2100).tolist(),
             "two-sided", "asymptotic", True)]:
        r = ss.mannwhitneyu(b, a, alternative=SCIPY_ALTERNATIVE[alternative], method=method,
                            use_continuity=continuity)
        mann_whitney.append({"name": name, "a": [float(v) for v in a], "b": [float(v) for v in b],
                             "options": {"alternative": alternative, "method": method,
                                         "use_continuity": continuity},
                             "expected": {"statistic": num(r.statistic), "pvalue": num(r.pvalue)}})

    brunner = []
    for name, a_, b_, alternative, distribution in [
            ("scipy_docs_example", [1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 1, 1],
             [3, 3, 4, 3, 1, 2, 3, 1, 1, 5, 4], "two-sided", "t"),
            ("unequal_spread", rng.normal(0, 1, 60).tolist(), rng.normal(0.3, 3, 45).tolist(),
             "two-sided", "t"),
            ("ties_larger", rng.integers(0, 6, 80).tolist(), rng.integers(1, 7, 90).tolist(),
             "larger", "t"),
            ("normal_smaller", rng.exponential(1.0, 200).tolist(), rng.exponential(0.8, 210).tolist(),
             "smaller", "normal")]:
        r = ss.brunnermunzel(b_, a_, alternative=SCIPY_ALTERNATIVE[alternative],
                             distribution=distribution)
        brunner.append({"name": name, "a": [float(v) for v in a_], "b": [float(v) for v in b_],
                        "options": {"alternative": alternative,
                                    "t_distribution": distribution == "t"},
                        "expected": {"statistic": num(-r.statistic), "pvalue": num(r.pvalue)}})

    import mpmath as mp
    mp.mp.dps = 50

    def beta_binomial_reference(x_a, n_a, x_b, n_b, alpha, beta):
        """The defining integrals, by 50-digit quadrature (breakpoints around the posterior mass)."""
        aa, ba = mp.mpf(alpha + x_a), mp.mpf(beta + n_a - x_a)
        ab, bb = mp.mpf(alpha + x_b), mp.mpf(beta + n_b - x_b)
        mean, sd = aa / (aa + ba), mp.sqrt(aa * ba / ((aa + ba) ** 2 * (aa + ba + 1)))
        points = sorted({mp.mpf(0), mp.mpf(1)} | {min(max(mean + k * sd, mp.mpf(0)), mp.mpf(1))
                                                    for k in (-12, -6, -3, 0, 3, 6, 12)})
        density = lambda x: x ** (aa - 1) * (1 - x) ** (ba - 1) / mp.beta(aa, ba)
        cdf_b = lambda a_, x: mp.betainc(a_, bb, 0, x, regularized=True)
        chance = mp.quad(lambda x: density(x) * (1 - cdf_b(ab, x)), points)
        mean_b = ab / (ab + bb)
        loss_b = mp.quad(lambda x: density(x) * (x * cdf_b(ab, x) - mean_b * cdf_b(ab + 1, x)), points)
        return float(chance), float(loss_b), float(loss_b + mean_b - mean)

    beta_binomial = []
    for x_a, n_a, x_b, n_b, alpha, beta, confidence in [
            (200, 1000, 250, 1000, 1, 1, 0.95), (12, 40, 18, 41, 1, 1, 0.9), (5, 100, 3, 100, 1, 1, 0.95),
            (0, 50, 2, 50, 1, 1, 0.95), (30, 300, 36, 280, 3, 7.5, 0.95)]:
        chance, loss_b, loss_a = beta_binomial_reference(x_a, n_a, x_b, n_b, alpha, beta)
        aa, ba, ab, bb = alpha + x_a, beta + n_a - x_a, alpha + x_b, beta + n_b - x_b
        tail = (1 - confidence) / 2
        beta_binomial.append({"args": {"x_a": x_a, "n_a": n_a, "x_b": x_b, "n_b": n_b},
                              "options": {"prior_alpha": alpha, "prior_beta": beta,
                                          "confidence": confidence},
                              "expected": {"chance_to_beat_control": chance, "expected_loss_b": loss_b,
                                           "expected_loss_a": loss_a,
                                           "ci_a": [float(ss.beta.ppf(tail, aa, ba)), float(ss.beta.ppf(1 - tail, aa, ba))],
                                           "ci_b": [float(ss.beta.ppf(tail, ab, bb)), float(ss.beta.ppf(1 - tail, ab, bb))]}})

    # Non-integer priors have no finite sum: edgekit samples (seeded), checked against the same
    # 50-digit integrals within Monte Carlo error.
    beta_binomial_sampling = []
    for x_a, n_a, x_b, n_b, alpha, beta in [(12, 40, 18, 41, 0.5, 0.5), (200, 1000, 225, 1000, 0.5, 0.5),
                                            (3, 60, 1, 55, 2.5, 40.0)]:
        chance, loss_b, loss_a = beta_binomial_reference(x_a, n_a, x_b, n_b, alpha, beta)
        beta_binomial_sampling.append({
            "args": {"x_a": x_a, "n_a": n_a, "x_b": x_b, "n_b": n_b},
            "options": {"prior_alpha": alpha, "prior_beta": beta, "method": "sampling",
                        "samples": 400000, "seed": 17},
            "expected": {"chance_to_beat_control": chance, "expected_loss_b": loss_b,
                         "expected_loss_a": loss_a}})

    bayes = []
    for name, kind, a_stat, b_stat, relative, prior, confidence in [
            ("conversions_relative", "conversions", (200, 1000), (250, 1000), True, None, 0.95),
            ("conversions_absolute", "conversions", (120, 2400), (151, 2380), False, None, 0.9),
            ("conversions_proper_prior", "conversions", (120, 2400), (151, 2380), True,
             (0.0, 0.01), 0.95),
            ("cookie_cats_retention_7", "conversions", (control["r7"], control["n"]),
             (treatment["r7"], treatment["n"]), True, None, 0.95),
            ("means_relative", "means", (500, 10.2, 4.1), (520, 10.6, 4.4), True, None, 0.95),
            ("means_absolute_prior", "means", (80, 3.1, 2.2), (75, 2.7, 2.9), False, (0.5, 0.04),
             0.8)]:
        if kind == "conversions":
            stats = [ProportionStatistic(n=n, sum=x) for x, n in (a_stat, b_stat)]
        else:
            stats = [SampleMeanStatistic(n=n, sum=m * n, sum_squares=v * (n - 1) + m * m * n)
                     for n, m, v in (a_stat, b_stat)]
        gp = GaussianPrior(mean=prior[0], variance=prior[1], proper=True) if prior else GaussianPrior()
        config = EffectBayesianConfig(alpha=1 - confidence,
                                      difference_type="relative" if relative else "absolute",
                                      prior_type="relative" if relative else "absolute",
                                      prior_effect=gp)
        r = EffectBayesianABTest(stats[0], stats[1], config).compute_result()
        summaries = [{"n": st.n, "mean": float(st.mean), "variance": float(st.variance)} for st in stats]
        bayes.append({"name": name, "kind": kind, "a": summaries[0], "b": summaries[1],
                      "counts": {"x_a": a_stat[0], "n_a": a_stat[1], "x_b": b_stat[0],
                                 "n_b": b_stat[1]} if kind == "conversions" else None,
                      "options": {"relative": relative, "prior_mean": prior[0] if prior else 0.0,
                                  "prior_variance": prior[1] if prior else 1.0,
                                  "proper_prior": prior is not None, "confidence": confidence},
                      "expected": {"expected": num(r.expected), "std": num(r.uplift.stddev),
                                   "ci": [num(r.ci[0]), num(r.ci[1])],
                                   "chance_to_win": num(r.chance_to_win),
                                   "risk_control": num(r.risk[0]), "risk_treatment": num(r.risk[1])}})

    sequential = []
    for name, kind, a_stat, b_stat, relative, tuning, confidence in [
            ("conversions_relative", "conversions", (2000, 10000), (2150, 10000), True, 5000, 0.95),
            ("conversions_absolute_tuned", "conversions", (120, 2400), (151, 2380), False, 1000, 0.9),
            ("cookie_cats_retention_7", "conversions", (control["r7"], control["n"]),
             (treatment["r7"], treatment["n"]), True, 5000, 0.95),
            ("means_relative", "means", (500, 10.2, 4.1), (520, 10.6, 4.4), True, 5000, 0.95),
            ("means_absolute", "means", (80, 3.1, 2.2), (75, 2.7, 2.9), False, 20000, 0.99)]:
        if kind == "conversions":
            stats = [ProportionStatistic(n=n, sum=x) for x, n in (a_stat, b_stat)]
        else:
            stats = [SampleMeanStatistic(n=n, sum=m * n, sum_squares=v * (n - 1) + m * m * n)
                     for n, m, v in (a_stat, b_stat)]
        config = SequentialConfig(alpha=1 - confidence,
                                  difference_type="relative" if relative else "absolute",
                                  sequential_tuning_parameter=tuning)
        r = SequentialTwoSidedTTest(stats[0], stats[1], config).compute_result()
        summaries = [{"n": st.n, "mean": float(st.mean), "variance": float(st.variance)} for st in stats]
        sequential.append({"name": name, "kind": kind, "a": summaries[0], "b": summaries[1],
                           "counts": {"x_a": a_stat[0], "n_a": a_stat[1], "x_b": b_stat[0],
                                      "n_b": b_stat[1]} if kind == "conversions" else None,
                           "options": {"relative": relative, "tuning": tuning,
                                       "confidence": confidence},
                           "expected": {"effect": num(r.expected), "ci": [num(r.ci[0]), num(r.ci[1])],
                                        "pvalue": num(r.p_value)}})

    def mean_stat(v):
        return SampleMeanStatistic(n=len(v), sum=float(v.sum()), sum_squares=float((v * v).sum()))

    def gb_effect(stat_a, stat_b, alternative, confidence):
        out = {}
        for kind in ("absolute", "relative"):
            level = confidence if alternative == "two-sided" else 2 * confidence - 1
            config = FrequentistConfig(alpha=1 - level, difference_type=kind)
            r = TwoSidedTTest(stat_a, stat_b, config).compute_result()
            out[kind] = (num(r.expected), one_sided(r.ci, alternative), r.p_value)
        effect, ci, p = out["absolute"]
        rel, rel_ci, _ = out["relative"]
        result = {"effect": effect, "ci": ci, "relative_effect": rel, "relative_ci": rel_ci}
        if alternative == "two-sided":
            result["pvalue"] = num(p)
        return result

    adjusted = []
    for name, n_a, n_b, lift, alternative, confidence in [
            ("cuped_two_sided", 400, 420, 0.3, "two-sided", 0.95),
            ("cuped_larger", 150, 160, 0.5, "larger", 0.9),
            ("cuped_no_effect", 1000, 980, 0.0, "two-sided", 0.95)]:
        pre_a, pre_b = rng.gamma(4.0, 2.5, n_a), rng.gamma(4.0, 2.5, n_b)
        post_a = 0.8 * pre_a + rng.normal(2.0, 2.0, n_a)
        post_b = 0.8 * pre_b + rng.normal(2.0 + lift, 2.0, n_b)
        stats = []
        for post, pre in ((post_a, pre_a), (post_b, pre_b)):
            stats.append(RegressionAdjustedStatistic(
                n=len(post), post_statistic=mean_stat(post), pre_statistic=mean_stat(pre),
                post_pre_sum_of_products=float((post * pre).sum()), theta=0.0))
        theta = compute_theta(stats[0], stats[1])
        for st in stats:
            st.theta = theta
        expected = gb_effect(stats[0], stats[1], alternative, confidence)
        expected["theta"] = num(theta)
        adjusted.append({"name": name, "kind": "cuped",
                         "values": {"a": post_a.tolist(), "a_pre": pre_a.tolist(),
                                    "b": post_b.tolist(), "b_pre": pre_b.tolist()},
                         "options": {"alternative": alternative, "confidence": confidence},
                         "expected": expected})
    for name, n_a, n_b, lift, alternative, confidence in [
            ("ratio_two_sided", 500, 520, 0.05, "two-sided", 0.95),
            ("ratio_smaller", 300, 310, -0.08, "smaller", 0.95)]:
        den_a, den_b = rng.poisson(5.0, n_a) + 1.0, rng.poisson(5.0, n_b) + 1.0
        num_a = den_a * rng.gamma(2.0, 0.5, n_a)
        num_b = den_b * rng.gamma(2.0, 0.5 * (1 + lift), n_b)
        stats = [RatioStatistic(n=len(nm), m_statistic=mean_stat(nm), d_statistic=mean_stat(dn),
                                m_d_sum_of_products=float((nm * dn).sum()))
                 for nm, dn in ((num_a, den_a), (num_b, den_b))]
        adjusted.append({"name": name, "kind": "ratio",
                         "values": {"a": num_a.tolist(), "a_pre": den_a.tolist(),
                                    "b": num_b.tolist(), "b_pre": den_b.tolist()},
                         "options": {"alternative": alternative, "confidence": confidence},
                         "expected": gb_effect(stats[0], stats[1], alternative, confidence)})

    mcnemar = []
    for only_a, only_b in [(10, 25), (3, 4), (0, 7), (120, 160), (1500, 1650), (0, 0)]:
        for exact, correction in [(True, True), (False, True), (False, False)]:
            table = [[50, only_a], [only_b, 40]]
            r = sm_mcnemar(table, exact=exact, correction=correction)
            mcnemar.append({"only_a": only_a, "only_b": only_b,
                            "options": {"exact": exact, "correction": correction},
                            "expected": {"statistic": num(r.statistic) if only_a + only_b else 0.0,
                                         "pvalue": num(r.pvalue) if only_a + only_b else 1.0}})

    def delong_reference(labels, a, b, alternative, confidence):
        """DeLong et al. (1988) by definition: every positive against every negative."""
        labels = np.asarray(labels, dtype=bool)

        def components(scores):
            x = scores[labels][:, None]
            y = scores[~labels][None, :]
            psi = (x > y) + 0.5 * (x == y)
            return psi.mean(), psi.mean(axis=1), psi.mean(axis=0)

        auc_a, v10_a, v01_a = components(np.asarray(a))
        auc_b, v10_b, v01_b = components(np.asarray(b))
        s10 = np.cov(np.vstack([v10_a, v10_b]))
        s01 = np.cov(np.vstack([v01_a, v01_b]))
        m, n = labels.sum(), (~labels).sum()
        var = (s10[0, 0] + s10[1, 1] - 2 * s10[0, 1]) / m + (s01[0, 0] + s01[1, 1] - 2 * s01[0, 1]) / n
        se = math.sqrt(var)
        z = (auc_b - auc_a) / se
        p = {"two-sided": 2 * ss.norm.sf(abs(z)), "larger": ss.norm.sf(z),
             "smaller": ss.norm.cdf(z)}[alternative]
        q = ss.norm.ppf(0.5 + confidence / 2 if alternative == "two-sided" else confidence)
        ci = one_sided((auc_b - auc_a - q * se, auc_b - auc_a + q * se), alternative)
        return {"auc_a": num(auc_a), "auc_b": num(auc_b), "statistic": num(z), "pvalue": num(p),
                "se": num(se), "ci": ci}

    delong_cases = []
    for name, n, rounding, alternative, confidence in [
            ("continuous_scores", 400, None, "two-sided", 0.95),
            ("rounded_scores_with_ties", 600, 1, "two-sided", 0.95),
            ("one_sided_larger", 300, 2, "larger", 0.9),
            ("small", 40, None, "smaller", 0.95)]:
        signal = rng.normal(size=n)
        labels = (signal + rng.normal(size=n) > 0)
        a = signal + rng.normal(0, 1.2, n)
        b = signal + rng.normal(0, 0.9, n)
        if rounding is not None:
            a, b = np.round(a, rounding), np.round(b, rounding)
        delong_cases.append({"name": name, "labels": labels.tolist(), "a": a.tolist(), "b": b.tolist(),
                             "options": {"alternative": alternative, "confidence": confidence},
                             "expected": delong_reference(labels, a, b, alternative, confidence)})

    diebold = []
    actual = np.cumsum(rng.normal(size=260)) * 0.3 + 10
    forecast_a = actual + rng.normal(0, 1.0, 260)
    forecast_b = actual + 0.3 * np.concatenate([[0], np.diff(actual)]) + rng.normal(0, 0.8, 260)
    for name, h, harvey, variance, alternative in [
            ("h1_harvey", 1, True, "acf", "two-sided"), ("h1_plain", 1, False, "acf", "two-sided"),
            ("h3_acf", 3, True, "acf", "two-sided"), ("h5_bartlett", 5, True, "bartlett", "two-sided"),
            ("h2_b_better", 2, True, "acf", "smaller")]:
        stat, p = dieboldmariano.dm_test(actual.tolist(), forecast_b.tolist(), forecast_a.tolist(),
                                         h=h, one_sided=alternative == "smaller",
                                         harvey_correction=harvey, variance_estimator=variance)
        diebold.append({"name": name, "loss_a": ((actual - forecast_a) ** 2).tolist(),
                        "loss_b": ((actual - forecast_b) ** 2).tolist(),
                        "options": {"horizon": h, "harvey": harvey, "variance": variance,
                                    "alternative": alternative},
                        "expected": {"statistic": num(stat), "pvalue": num(p)}})

    from scipy.stats._resampling import _bca_interval

    def mean_diff(a_, b_, axis=-1):
        return np.mean(b_, axis=axis) - np.mean(a_, axis=axis)

    def ratio_of_means(a_, b_, axis=-1):
        return np.mean(b_, axis=axis) / np.mean(a_, axis=axis)

    def quantile_diff(q):
        def statistic(a_, b_, axis=-1):
            return np.quantile(b_, q, axis=axis) - np.quantile(a_, q, axis=axis)
        return statistic

    boot = []
    for name, a_, b_, statistic, method, alternative, confidence, q in [
            ("mean_diff_bca", rng.lognormal(0, 1, 400), rng.lognormal(0.1, 1, 380), "mean_diff",
             "bca", "two-sided", 0.95, None),
            ("mean_diff_percentile", rng.exponential(2.0, 300), rng.exponential(2.3, 320),
             "mean_diff", "percentile", "two-sided", 0.9, None),
            ("mean_diff_basic_larger", rng.normal(5, 2, 250), rng.normal(5.4, 2, 260), "mean_diff",
             "basic", "larger", 0.95, None),
            ("ratio_bca", rng.gamma(2.0, 3.0, 500), rng.gamma(2.0, 3.3, 480), "ratio_of_means",
             "bca", "two-sided", 0.95, None),
            ("median_diff_bca", rng.lognormal(0, 1, 601), rng.lognormal(0.15, 1, 590),
             "median_diff", "bca", "two-sided", 0.95, None),
            ("median_diff_percentile_even", rng.exponential(2.0, 400), rng.exponential(2.4, 410),
             "median_diff", "percentile", "two-sided", 0.9, None),
            ("p90_diff_bca", rng.gamma(2.0, 3.0, 800), rng.gamma(2.0, 3.4, 790), "quantile_diff",
             "bca", "two-sided", 0.95, 0.9),
            ("p25_diff_basic_smaller", rng.normal(10, 3, 500), rng.normal(9.5, 3, 520),
             "quantile_diff", "basic", "smaller", 0.95, 0.25)]:
        fn = {"mean_diff": mean_diff, "ratio_of_means": ratio_of_means,
              "median_diff": quantile_diff(0.5)}.get(statistic) or quantile_diff(q)
        sc_alt = {"two-sided": "two-sided", "larger": "greater", "smaller": "less"}[alternative]
        res = ss.bootstrap((a_, b_), fn, n_resamples=9999, method=method, confidence_level=confidence,
                           alternative=sc_alt, rng=np.random.default_rng(1234), vectorized=True)
        a_hat = _bca_interval((a_, b_), fn, axis=-1, alpha=0.025, theta_hat_b=res.bootstrap_distribution,
                              batch=None, xp=np)[2]
        options = {"statistic": statistic, "method": method, "alternative": alternative,
                   "confidence": confidence}
        if q is not None:
            options["quantile"] = q
        boot.append({"name": name, "a": a_.tolist(), "b": b_.tolist(), "options": options,
                     "expected": {"estimate": num(fn(a_, b_)),
                                  "ci": [num(res.confidence_interval.low),
                                         num(res.confidence_interval.high)],
                                  "standard_error": num(res.standard_error),
                                  "acceleration": num(a_hat)}})

    def metric_scores(metric, y, p):
        if metric == "accuracy":
            return ((p >= 0.5) == (y == 1)).astype(float)
        if metric == "log_loss":
            p = np.clip(p, np.finfo(float).eps, 1 - np.finfo(float).eps)
            return -(y * np.log(p) + (1 - y) * np.log1p(-p))
        return (p - y) ** 2

    paired_boot = []
    truth = (rng.random(700) < 0.35).astype(float)
    logit_a = 1.2 * (2 * truth - 1) + rng.normal(0, 1.3, 700)
    logit_b = 1.5 * (2 * truth - 1) + rng.normal(0, 1.3, 700)
    prob_a, prob_b = 1 / (1 + np.exp(-logit_a)), 1 / (1 + np.exp(-logit_b))
    for metric, method, alternative in [("accuracy", "bca", "two-sided"),
                                        ("log_loss", "bca", "two-sided"),
                                        ("brier", "percentile", "smaller")]:
        def diff(y, pa, pb, axis=-1, metric=metric):
            return (np.mean(metric_scores(metric, y, pb), axis=axis)
                    - np.mean(metric_scores(metric, y, pa), axis=axis))
        sc_alt = {"two-sided": "two-sided", "larger": "greater", "smaller": "less"}[alternative]
        res = ss.bootstrap((truth, prob_a, prob_b), diff, paired=True, vectorized=True,
                           n_resamples=9999, method=method, alternative=sc_alt,
                           rng=np.random.default_rng(77))
        # scipy's paired BCa jackknifes the observation indices; the metric difference is the
        # mean of per-observation differences, so that is the jackknife of their mean.
        d = metric_scores(metric, truth, prob_b) - metric_scores(metric, truth, prob_a)
        a_hat = _bca_interval((d,), lambda x, axis=-1: np.mean(x, axis=axis), axis=-1,
                              alpha=0.025, theta_hat_b=res.bootstrap_distribution, batch=None,
                              xp=np)[2] if method == "bca" else None
        paired_boot.append({"metric": metric, "method": method, "alternative": alternative,
                            "y": truth.tolist(), "pred_a": prob_a.tolist(),
                            "pred_b": prob_b.tolist(),
                            "expected": {"estimate": num(diff(truth, prob_a, prob_b)),
                                         "ci": [num(res.confidence_interval.low),
                                                num(res.confidence_interval.high)],
                                         "standard_error": num(res.standard_error),
                                         "acceleration": None if a_hat is None else num(a_hat)}})

    permutation = []
    for name, a_, b_, alternative in [
            ("two_sided", rng.normal(0, 1, 40), rng.normal(0.5, 1, 45), "two-sided"),
            ("larger", rng.exponential(1.0, 60), rng.exponential(1.3, 55), "larger"),
            ("smaller_weak", rng.normal(10, 3, 80), rng.normal(9.6, 3, 85), "smaller")]:
        res = ss.permutation_test((a_, b_), mean_diff, n_resamples=9999, vectorized=True,
                                  permutation_type="independent",
                                  alternative={"two-sided": "two-sided", "larger": "greater",
                                               "smaller": "less"}[alternative],
                                  rng=np.random.default_rng(99))
        permutation.append({"name": name, "a": a_.tolist(), "b": b_.tolist(),
                            "options": {"alternative": alternative},
                            "expected": {"statistic": num(res.statistic), "pvalue": num(res.pvalue)}})

    srm = []
    for counts, weights in [([control["n"], treatment["n"]], [0.5, 0.5]),
                            ([5000, 5210], [1, 1]), ([3300, 3350, 3200], [1, 1, 1]),
                            ([900, 2100], [0.3, 0.7])]:
        expected = np.array(weights, dtype=float) / sum(weights) * sum(counts)
        r = ss.chisquare(counts, expected)
        srm.append({"counts": counts, "weights": weights,
                    "expected": {"statistic": num(r.statistic), "pvalue": num(r.pvalue),
                                 "df": len(counts) - 1, "expected": expected.tolist()}})

    adjust = []
    pvalue_sets = [rng.uniform(0, 0.2, 12).tolist(), [0.01, 0.04, 0.03, 0.005, 0.5, 0.04],
                   [0.0, 1.0, 0.2, 0.2, 0.001], rng.uniform(0, 1, 30).tolist(), [0.03]]
    sm_names = {"bonferroni": "bonferroni", "holm": "holm", "sidak": "sidak",
                "holm-sidak": "holm-sidak", "hochberg": "simes-hochberg", "hommel": "hommel",
                "bh": "fdr_bh", "by": "fdr_by"}
    for pvalues in pvalue_sets:
        for method, sm_method in sm_names.items():
            corrected = multipletests(pvalues, method=sm_method)[1]
            adjust.append({"pvalues": pvalues, "method": method,
                           "expected": [num(v) for v in corrected]})

    power_cases, size_cases = [], []
    for test, solver in [("z", NormalIndPower()), ("t", TTestIndPower())]:
        for effect, n_a, alpha, ratio, alternative in [
                (0.2, 394.0, 0.05, 1.0, "two-sided"), (0.1, 1000.0, 0.01, 2.0, "two-sided"),
                (0.3, 50.0, 0.05, 1.0, "larger"), (-0.25, 120.0, 0.1, 0.5, "smaller"),
                (0.8, 4.0, 0.05, 1.0, "two-sided"), (1.5, 3.0, 0.05, 0.5, "larger"),
                (0.02, 20000.0, 0.05, 1.0, "two-sided")]:
            power_cases.append({"test": test, "effect_size": effect, "n_a": n_a, "alpha": alpha,
                                "ratio": ratio, "alternative": alternative,
                                "expected": num(solver.power(effect, n_a, alpha, ratio=ratio,
                                                             alternative=alternative))})
        for effect, alpha, power, ratio, alternative in [
                (0.2, 0.05, 0.8, 1.0, "two-sided"), (0.05, 0.05, 0.9, 1.0, "two-sided"),
                (0.1, 0.01, 0.8, 3.0, "larger"), (-0.3, 0.1, 0.95, 0.5, "smaller"),
                (1.2, 0.05, 0.8, 1.0, "two-sided"),
                (float(proportion_effectsize(0.21, 0.20)), 0.05, 0.8, 1.0, "two-sided")]:
            n = solver.solve_power(effect_size=effect, nobs1=None, alpha=alpha, power=power,
                                   ratio=ratio, alternative=alternative)
            size_cases.append({"test": test, "effect_size": effect, "alpha": alpha,
                               "power": power, "ratio": ratio, "alternative": alternative,
                               "expected_n_a": num(n)})
    effect_sizes = [{"p_a": pa, "p_b": pb, "expected": num(proportion_effectsize(pb, pa))}
                    for pa, pb in [(0.2, 0.25), (0.448, 0.442), (0.5, 0.5), (0.0, 0.1)]]

    group_sequential = []
    for information, alpha, kind, alternative in [
            ([0.5, 1.0], 0.05, "obrien-fleming", "two-sided"),
            ([1 / 3, 2 / 3, 1.0], 0.05, "obrien-fleming", "two-sided"),
            ([0.3, 0.7, 1.0], 0.025, "pocock", "larger"),
            ([0.25, 0.6, 1.0], 0.1, "obrien-fleming", "smaller")]:
        bounds = group_sequential_bounds(information, alpha, kind, alternative == "two-sided")
        group_sequential.append({
            "information": information, "alpha": alpha, "spending": kind,
            "alternative": alternative, "expected_boundaries": [num(b) for b in bounds],
            "source": "scipy multivariate_normal.cdf (abseps 1e-8)", "rtol": 1e-6})
    # Published Lan-DeMets boundaries for five equal looks, two-sided alpha = 0.05, as gsDesign
    # (sfLDOF / sfLDPocock) and rpact tabulate them, to 3 decimals.
    group_sequential.append({
        "information": [0.2, 0.4, 0.6, 0.8, 1.0], "alpha": 0.05, "spending": "obrien-fleming",
        "alternative": "two-sided", "expected_boundaries": [4.877, 3.357, 2.680, 2.290, 2.031],
        "source": "published (gsDesign sfLDOF), 3 decimals", "rtol": 2.5e-4})
    group_sequential.append({
        "information": [0.2, 0.4, 0.6, 0.8, 1.0], "alpha": 0.05, "spending": "pocock",
        "alternative": "two-sided", "expected_boundaries": [2.438, 2.427, 2.410, 2.397, 2.386],
        "source": "published (gsDesign sfLDPocock), 3 decimals", "rtol": 2.5e-4})

    errors = [
        {"function": "two_proportions", "args": [5, 10, 11, 10], "code": "EDGEKIT_INVALID_INPUT",
         "message_contains": "x_b = 11 exceeds n_b = 10"},
        {"function": "two_proportions", "args": [-1, 10, 1, 10], "code": "EDGEKIT_INVALID_INPUT",
         "message_contains": "x_a = -1 is negative"},
        {"function": "two_proportions", "args": [0, 0, 1, 10], "code": "EDGEKIT_INVALID_INPUT",
         "message_contains": "n_a = 0"},
        {"function": "two_proportions", "args": [0, 10, 0, 12], "code": "EDGEKIT_INVALID_INPUT",
         "message_contains": "every trial in both groups failed"},
        {"function": "two_proportions", "args": [1, 10, 2, 10], "options": {"confidence": 1.5},
         "code": "EDGEKIT_INVALID_INPUT", "message_contains": "confidence = 1.5"},
        {"function": "two_proportions", "args": [1, 10, 2, 10], "options": {"alternative": "bigger"},
         "code": "EDGEKIT_INVALID_INPUT", "message_contains": "alternative \"bigger\" is unknown"},
        {"function": "welch", "args": [[1.0, 2.0, 3.0], [1.0, None, 2.0]],
         "code": "EDGEKIT_INVALID_INPUT", "message_contains": "b[1] is NaN"},
        {"function": "welch", "args": [[1.0], [1.0, 2.0]], "code": "EDGEKIT_INVALID_INPUT",
         "message_contains": "a needs at least 2 values"},
        {"function": "welch", "args": [[2.0, 2.0], [3.0, 3.0]], "code": "EDGEKIT_INVALID_INPUT",
         "message_contains": "zero variance"},
        {"function": "srm", "args": [[10, 20], [0.5]], "code": "EDGEKIT_INVALID_INPUT",
         "message_contains": "counts has 2 values but weights has 1"},
        {"function": "adjust_pvalues", "args": [[0.2, 1.2]], "code": "EDGEKIT_INVALID_INPUT",
         "message_contains": "pvalues = 1.2"},
        {"function": "sample_size", "args": [0.0], "code": "EDGEKIT_INVALID_INPUT",
         "message_contains": "never reaches power"},
    ]

    document = {
        "provenance": {
            "generator": "tests/vectors/generate_abtest.py",
            "scipy": scipy.__version__,
            "statsmodels": statsmodels.__version__,
            "gbstats": gbstats.__version__,
            "dieboldmariano": "1.1.0",
            "numpy": np.__version__,
            "data": "examples/data/cookie_cats.csv (gate_30 = a, gate_40 = b)",
            "generated": datetime.date.today().isoformat(),
        },
        "tolerance": {"rtol": 1e-9, "atol": 1e-12,
                      "note": "|got - want| <= rtol*|want| + atol; infinite ends equal"},
        "tolerance_sample_size": {
            "rtol": 1e-7, "atol": 0.0,
            "note": "statsmodels solve_power stops brentq ~1e-8 relative from the root; edgekit "
                    "bisects to full precision, so tests also check power(n_a) == power exactly"},
        "two_proportions": proportions,
        "proportion_ci": proportion_ci,
        "ratios": ratios,
        "t_test": t_tests,
        "mann_whitney": mann_whitney,
        "brunner_munzel": brunner,
        "bayes_gaussian": bayes,
        "bayes_binomial": beta_binomial,
        "bayes_binomial_sampling": beta_binomial_sampling,
        "sequential": sequential,
        "adjusted": adjusted,
        "mcnemar": mcnemar,
        "delong": delong_cases,
        "diebold_mariano": diebold,
        "bootstrap": boot,
        "paired_bootstrap": paired_boot,
        "permutation": permutation,
        "srm": srm,
        "adjust_pvalues": adjust,
        "power": power_cases,
        "sample_size": size_cases,
        "proportion_effect_size": effect_sizes,
        "group_sequential": group_sequential,
        "errors": errors,
    }
    OUT.write_text(json.dumps(document, indent=1, allow_nan=False) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
