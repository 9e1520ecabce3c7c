import csv
import json
import math
import pathlib

import numpy as np
import pytest

import edgekit
from edgekit import abtest

ROOT = pathlib.Path(__file__).resolve().parents[2]
VECTORS = json.loads((ROOT / "tests/vectors/abtest.json").read_text())
TOL = VECTORS["tolerance"]


def num(v):
    return {"inf": math.inf, "-inf": -math.inf}.get(v, v) if isinstance(v, str) else v


def close(got, want, tol=TOL):
    want = num(want)
    if math.isinf(want):
        return got == want
    return abs(got - want) <= tol["rtol"] * abs(want) + tol["atol"]


@pytest.mark.parametrize("case", VECTORS["two_proportions"], ids=lambda c: c["name"])
def test_two_proportions_vectors(case):
    r = abtest.two_proportions(**case["args"], **case["options"])
    want = case["expected"]
    for field in ("statistic", "pvalue", "effect"):
        assert close(getattr(r, field), want[field]), field
    assert close(r.ci[0], want["ci"][0]) and close(r.ci[1], want["ci"][1])
    if "relative_effect" in want:
        assert close(r.relative_effect, want["relative_effect"])
        assert all(close(g, w) for g, w in zip(r.relative_ci, want["relative_ci"]))
    else:
        assert r.relative_effect is None


def test_batch_equals_single_tests_row_by_row():
    cases = [c for c in VECTORS["two_proportions"] if c["options"]["method"] == "z-pooled"
             and c["options"]["alternative"] == "two-sided" and c["options"]["ci_method"] == "wald"]
    cols = {k: [c["args"][k] for c in cases] for k in ("x_a", "n_a", "x_b", "n_b")}
    batch = abtest.two_proportions_batch(**cols)
    for i, case in enumerate(cases):
        single = abtest.two_proportions(**case["args"])
        assert batch["pvalue"][i] == single.pvalue
        assert (batch["ci_low"][i], batch["ci_high"][i]) == single.ci
    with pytest.raises(edgekit.InvalidInputError, match="row 1: x_b = 12 exceeds n_b = 10"):
        abtest.two_proportions_batch([1, 1], [10, 10], [2, 12], [10, 10])


def test_proportion_ci_vectors():
    for case in VECTORS["proportion_ci"]:
        low, high = abtest.proportion_ci(case["x"], case["n"], method=case["method"],
                                         confidence=case["confidence"])
        assert close(low, case["expected"][0]) and close(high, case["expected"][1]), case


@pytest.mark.parametrize("case", VECTORS["t_test"], ids=lambda c: c["name"])
def test_t_test_vectors(case):
    opts = case["options"]
    s = case["summary"]
    sums = {g: (s[g]["n"], s[g]["mean"] * s[g]["n"],
                s[g]["variance"] * (s[g]["n"] - 1) + s[g]["mean"] ** 2 * s[g]["n"]) for g in "ab"}
    results = [abtest.t_test_from_sums(sums["a"], sums["b"], **opts)]
    if "values" in case:
        results.append(abtest.welch(np.array(case["values"]["a"]), case["values"]["b"], **opts))
    want = case["expected"]
    for r in results:
        # Sums re-derived from mean and variance lose a few digits: 1e-7 for that path.
        tol = TOL if r is results[-1] and "values" in case else {"rtol": 1e-7, "atol": 1e-10}
        for field in ("statistic", "pvalue", "df", "effect", "relative_effect"):
            assert close(getattr(r, field), want[field], tol), field
        assert all(close(g, w, tol) for g, w in zip(r.ci, want["ci"]))
        assert all(close(g, w, tol) for g, w in zip(r.relative_ci, want["relative_ci"]))


def test_welch_on_the_raw_cookie_cats_rounds():
    groups = {"gate_30": [], "gate_40": []}
    with open(ROOT / "examples/data/cookie_cats.csv", newline="") as f:
        for row in csv.DictReader(f):
            groups[row["version"]].append(float(row["sum_gamerounds"]))
    want = next(c for c in VECTORS["t_test"] if c["name"] == "cookie_cats_sum_gamerounds")
    r = abtest.welch(np.array(groups["gate_30"]), np.array(groups["gate_40"]))
    assert close(r.statistic, want["expected"]["statistic"])
    assert close(r.pvalue, want["expected"]["pvalue"])
    student = abtest.student(groups["gate_30"], groups["gate_40"])
    assert student.method == "student" and student.df == len(groups["gate_30"]) + len(groups["gate_40"]) - 2


def test_srm_adjust_power_vectors():
    for case in VECTORS["srm"]:
        r = abtest.srm(case["counts"], case["weights"])
        assert close(r["statistic"], case["expected"]["statistic"])
        assert close(r["pvalue"], case["expected"]["pvalue"])
    for case in VECTORS["adjust_pvalues"]:
        got = abtest.adjust_pvalues(case["pvalues"], method=case["method"])
        assert all(close(g, w) for g, w in zip(got, case["expected"])), case["method"]
    for case in VECTORS["power"]:
        got = abtest.power(case["effect_size"], case["n_a"], alpha=case["alpha"],
                           ratio=case["ratio"], alternative=case["alternative"], test=case["test"])
        assert close(got, case["expected"]), case
    for case in VECTORS["sample_size"]:
        got = abtest.sample_size(case["effect_size"], alpha=case["alpha"], power=case["power"],
                                 ratio=case["ratio"], alternative=case["alternative"],
                                 test=case["test"])
        assert close(got["n_a"], case["expected_n_a"], VECTORS["tolerance_sample_size"])
        assert got["n_a_required"] == math.ceil(got["n_a"])
    for case in VECTORS["proportion_effect_size"]:
        assert close(abtest.proportion_effect_size(case["p_a"], case["p_b"]), case["expected"])


def test_shared_error_cases():
    for case in VECTORS["errors"]:
        function = getattr(abtest, case["function"])
        args = [[math.nan if v is None else v for v in a] if isinstance(a, list) else a
                for a in case["args"]]
        with pytest.raises(edgekit.InvalidInputError) as info:
            function(*args, **case.get("options", {}))
        assert info.value.code == case["code"]
        assert case["message_contains"] in str(info.value), case


def test_wrong_types_raise_typed_errors():
    with pytest.raises(edgekit.InputTypeError):
        abtest.two_proportions(1.5, 10, 2, 10)
    with pytest.raises(edgekit.InputTypeError):
        abtest.welch("abc", [1.0, 2.0])
    with pytest.raises(edgekit.InvalidInputError, match="exactly one of"):
        abtest.sample_size(0.2, p_a=0.1, p_b=0.2)
    with pytest.raises(edgekit.EdgekitError):
        abtest.two_proportions(10**30, 10, 2, 10)


def test_properties_that_must_hold():
    # Swapping the groups flips the effect and the z statistic, not the two-sided p-value.
    ab = abtest.two_proportions(30, 200, 45, 210)
    ba = abtest.two_proportions(45, 210, 30, 200)
    assert ab.effect == -ba.effect and ab.statistic == -ba.statistic and ab.pvalue == ba.pvalue
    # One-sided p-values of opposite alternatives add up to 1.
    larger = abtest.two_proportions(30, 200, 45, 210, alternative="larger").pvalue
    smaller = abtest.two_proportions(30, 200, 45, 210, alternative="smaller").pvalue
    assert larger + smaller == pytest.approx(1.0, abs=1e-15)
    # Adjusted p-values never fall below the raw ones; BH never exceeds Bonferroni.
    p = np.random.default_rng(1).uniform(size=50)
    for method in ("bonferroni", "holm", "sidak", "holm-sidak", "hochberg", "hommel", "bh", "by"):
        assert np.all(abtest.adjust_pvalues(p, method=method) >= p - 1e-15), method
    assert np.all(abtest.adjust_pvalues(p, method="bh") <= abtest.adjust_pvalues(p, method="bonferroni"))
    # Power grows with the sample size and reaches the target at the planned size.
    plan = abtest.sample_size(p_a=0.1, p_b=0.12, power=0.9)
    h = abtest.proportion_effect_size(0.1, 0.12)
    assert abtest.power(h, plan["n_a"]) == pytest.approx(0.9, abs=1e-12)
    assert abtest.power(h, plan["n_a"] / 2) < 0.9
    mde = abtest.minimum_detectable_effect(plan["n_a"], power=0.9)
    assert mde == pytest.approx(h, rel=1e-12)


@pytest.mark.parametrize("case", VECTORS["mann_whitney"], ids=lambda c: c["name"])
def test_mann_whitney_vectors(case):
    r = abtest.mann_whitney(np.array(case["a"]), case["b"], **case["options"])
    assert close(r.statistic, case["expected"]["statistic"])
    assert close(r.pvalue, case["expected"]["pvalue"])
    assert r.probability_of_superiority == r.statistic / (len(case["a"]) * len(case["b"]))


def test_mann_whitney_properties():
    rng = np.random.default_rng(4)
    a, b = rng.normal(size=300), rng.normal(0.3, 1, size=280)
    r = abtest.mann_whitney(a, b)
    # Order-invariant, and monotone transforms leave ranks alone.
    assert abtest.mann_whitney(a[::-1], b[::-1]).pvalue == r.pvalue
    assert abtest.mann_whitney(np.exp(a), np.exp(b)).statistic == r.statistic
    # Swapping the groups swaps U for n_a·n_b − U.
    assert abtest.mann_whitney(b, a).statistic == len(a) * len(b) - r.statistic
    with pytest.raises(edgekit.InvalidInputError, match=r"b\[1\] is NaN"):
        abtest.mann_whitney([1.0, 2.0], [1.0, float("nan")])
    with pytest.raises(edgekit.InvalidInputError, match="a needs at least 1 values"):
        abtest.mann_whitney([], [1.0])


@pytest.mark.parametrize("case", VECTORS["bayes_gaussian"], ids=lambda c: c["name"])
def test_bayes_gaussian_vectors(case):
    if case["kind"] == "conversions":
        c = case["counts"]
        r = abtest.bayes_conversions(c["x_a"], c["n_a"], c["x_b"], c["n_b"], **case["options"])
    else:
        summary = lambda g: (g["n"], g["mean"], g["variance"])
        r = abtest.bayes_gaussian(summary(case["a"]), summary(case["b"]), **case["options"])
    w = case["expected"]
    for field in ("expected", "std", "chance_to_win", "risk_control", "risk_treatment"):
        assert close(getattr(r, field), w[field]), field
    assert close(r.ci[0], w["ci"][0]) and close(r.ci[1], w["ci"][1])
    # Risks and chance to win are consistent: E[max(e, 0)] − E[max(−e, 0)] = E[e].
    assert r.risk_control - r.risk_treatment == pytest.approx(r.expected, rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("case", VECTORS["sequential"], ids=lambda c: c["name"])
def test_sequential_vectors(case):
    if case["kind"] == "conversions":
        c = case["counts"]
        r = abtest.sequential_conversions(c["x_a"], c["n_a"], c["x_b"], c["n_b"], **case["options"])
    else:
        summary = lambda g: (g["n"], g["mean"], g["variance"])
        r = abtest.sequential(summary(case["a"]), summary(case["b"]), **case["options"])
    w = case["expected"]
    assert close(r.effect, w["effect"]) and close(r.pvalue, w["pvalue"])
    assert close(r.ci[0], w["ci"][0]) and close(r.ci[1], w["ci"][1])


def test_sequential_is_wider_than_fixed_horizon():
    fixed = abtest.two_proportions(2000, 10000, 2150, 10000)
    seq = abtest.sequential_conversions(2000, 10000, 2150, 10000, relative=False)
    assert seq.ci[0] < fixed.ci[0] and seq.ci[1] > fixed.ci[1]
    assert seq.pvalue >= fixed.pvalue


@pytest.mark.parametrize("case", VECTORS["adjusted"], ids=lambda c: c["name"])
def test_cuped_and_ratio_vectors(case):
    v = case["values"]
    if case["kind"] == "cuped":
        r = abtest.cuped(np.array(v["a"]), np.array(v["b"]), v["a_pre"], v["b_pre"], **case["options"])
    else:
        r = abtest.ratio_metric(v["a"], v["a_pre"], v["b"], v["b_pre"], **case["options"])
    w = case["expected"]
    assert close(r.effect, w["effect"]) and close(r.relative_effect, w["relative_effect"])
    assert all(close(g, e) for g, e in zip(r.ci, w["ci"]))
    assert all(close(g, e) for g, e in zip(r.relative_ci, w["relative_ci"]))
    if "pvalue" in w:
        assert close(r.pvalue, w["pvalue"])


def test_cuped_narrows_the_interval_when_the_covariate_predicts():
    case = next(c for c in VECTORS["adjusted"] if c["name"] == "cuped_two_sided")
    v = case["values"]
    plain = abtest.welch(v["a"], v["b"])
    adjusted = abtest.cuped(v["a"], v["b"], v["a_pre"], v["b_pre"])
    assert adjusted.ci[1] - adjusted.ci[0] < 0.6 * (plain.ci[1] - plain.ci[0])
    with pytest.raises(edgekit.InvalidInputError, match="a has 3 values but a_pre has 2"):
        abtest.cuped([1.0, 2.0, 3.0], [1.0, 2.0], [1.0, 2.0], [1.0, 2.0])


def test_mcnemar_vectors_and_per_example_input():
    for case in VECTORS["mcnemar"]:
        r = abtest.mcnemar_counts(case["only_a"], case["only_b"], **case["options"])
        assert close(r.statistic, case["expected"]["statistic"])
        assert close(r.pvalue, case["expected"]["pvalue"])
    a = np.array([True] * 50 + [True] * 10 + [False] * 25 + [False] * 15)
    b = np.array([True] * 50 + [False] * 10 + [True] * 25 + [False] * 15)
    r = abtest.mcnemar(a, b)
    assert (r.only_a, r.only_b) == (10, 25)
    assert r.accuracy_difference == pytest.approx(15 / 100)
    assert r.pvalue == abtest.mcnemar_counts(10, 25).pvalue


@pytest.mark.parametrize("case", VECTORS["delong"], ids=lambda c: c["name"])
def test_delong_vectors(case):
    labels = np.array(case["labels"])
    r = abtest.delong(labels, np.array(case["a"]), case["b"], **case["options"])
    w = case["expected"]
    for field in ("auc_a", "auc_b", "statistic", "pvalue", "se"):
        assert close(getattr(r, field), w[field]), field
    assert close(r.ci[0], w["ci"][0]) and close(r.ci[1], w["ci"][1])
    as_ints = abtest.delong(labels.astype(int), case["a"], case["b"], **case["options"])
    assert as_ints.pvalue == r.pvalue


def test_delong_rejects_bad_labels():
    with pytest.raises(edgekit.InvalidInputError, match=r"labels\[1\] = 2"):
        abtest.delong([0, 2, 1, 1], [0.1, 0.2, 0.3, 0.4], [0.1, 0.2, 0.3, 0.4])
    with pytest.raises(edgekit.InvalidInputError, match="labels needs at least 2"):
        abtest.delong([0, 0, 0, 1], [0.1, 0.2, 0.3, 0.4], [0.2, 0.1, 0.3, 0.4])


@pytest.mark.parametrize("case", VECTORS["diebold_mariano"], ids=lambda c: c["name"])
def test_diebold_mariano_vectors(case):
    r = abtest.diebold_mariano(np.array(case["loss_a"]), case["loss_b"], **case["options"])
    assert close(r.statistic, case["expected"]["statistic"])
    assert close(r.pvalue, case["expected"]["pvalue"])


@pytest.mark.parametrize("case", VECTORS["bootstrap"], ids=lambda c: c["name"])
def test_bootstrap_agrees_with_scipy_within_monte_carlo_error(case):
    r = abtest.bootstrap(np.array(case["a"]), case["b"], n_resamples=9999, seed=2026, **case["options"])
    w = case["expected"]
    assert close(r.estimate, w["estimate"])
    low, high = (num(v) for v in w["ci"])
    width = high - low if math.isfinite(low) and math.isfinite(high) else 3.92 * w["standard_error"]
    for got, want in zip(r.ci, (low, high)):
        assert got == want if math.isinf(want) else abs(got - want) <= 0.05 * width
    assert abs(r.standard_error - w["standard_error"]) <= 0.03 * w["standard_error"]


def test_bootstrap_is_deterministic_per_seed_and_validates():
    rng = np.random.default_rng(11)
    a, b = rng.exponential(size=500), rng.exponential(1.2, size=520)
    first = abtest.bootstrap(a, b, seed=5, n_resamples=2000)
    assert abtest.bootstrap(a, b, seed=5, n_resamples=2000).to_dict() == first.to_dict()
    assert abtest.bootstrap(a, b, seed=6, n_resamples=2000).ci != first.ci
    with pytest.raises(edgekit.InvalidInputError, match="statistic \"median\" is unknown"):
        abtest.bootstrap(a, b, statistic="median")
    with pytest.raises(edgekit.InvalidInputError, match="quantile = 1.5"):
        abtest.bootstrap(a, b, statistic="quantile_diff", quantile=1.5)
    with pytest.raises(edgekit.LimitExceededError, match=r"n_resamples = 1 is outside \[2, 10000000\]"):
        abtest.bootstrap(a, b, n_resamples=1)
    with pytest.raises(edgekit.EdgekitError):
        abtest.bootstrap(a, b, seed=-1)


@pytest.mark.parametrize("case", VECTORS["brunner_munzel"], ids=lambda c: c["name"])
def test_brunner_munzel_vectors(case):
    o = case["options"]
    r = abtest.brunner_munzel(np.array(case["a"]), case["b"], alternative=o["alternative"],
                              distribution="t" if o["t_distribution"] else "normal")
    assert close(r.statistic, case["expected"]["statistic"])
    assert close(r.pvalue, case["expected"]["pvalue"])
    with pytest.raises(edgekit.InvalidInputError, match="distribution \"z\" is unknown"):
        abtest.brunner_munzel(case["a"], case["b"], distribution="z")


def test_risk_and_odds_ratio_vectors():
    for case in VECTORS["ratios"]:
        function = abtest.risk_ratio if case["compare"] == "ratio" else abtest.odds_ratio
        r = function(**case["args"], method=case["method"], confidence=case["confidence"])
        assert close(r["ci"][0], case["expected"][0]) and close(r["ci"][1], case["expected"][1]), case
    with pytest.raises(edgekit.InvalidInputError, match="use method=\"log-adjusted\""):
        abtest.risk_ratio(0, 30, 4, 31, method="log")


@pytest.mark.parametrize("case", VECTORS["permutation"], ids=lambda c: c["name"])
def test_permutation_agrees_with_scipy_within_monte_carlo_error(case):
    r = abtest.permutation_test(np.array(case["a"]), case["b"], seed=2026, **case["options"])
    want = case["expected"]["pvalue"]
    assert close(r.statistic, case["expected"]["statistic"])
    assert abs(r.pvalue - want) <= 4 * math.sqrt(want * (1 - want) / 9999) + 2 / 9999
    again = abtest.permutation_test(case["a"], case["b"], seed=2026, **case["options"])
    assert again.pvalue == r.pvalue


def test_bayes_binomial_matches_the_defining_integrals():
    for case in VECTORS["bayes_binomial"]:
        r = abtest.bayes_binomial(**case["args"], **case["options"])
        w = case["expected"]
        for field in ("chance_to_beat_control", "expected_loss_b", "expected_loss_a"):
            assert close(getattr(r, field), w[field]), field
        assert all(close(g, e) for g, e in zip(r.ci_a + r.ci_b, w["ci_a"] + w["ci_b"]))
    with pytest.raises(edgekit.InvalidInputError, match="prior_alpha = 0.5.*sampling"):
        abtest.bayes_binomial(1, 10, 2, 10, prior_alpha=0.5)


@pytest.mark.parametrize("case", VECTORS["bayes_binomial_sampling"], ids=lambda c: str(c["args"]))
def test_bayes_binomial_sampling_within_monte_carlo_error(case):
    r = abtest.bayes_binomial(**case["args"], **case["options"])
    assert r.to_dict() == abtest.bayes_binomial(**case["args"], **case["options"]).to_dict()
    w = case["expected"]
    p = w["chance_to_beat_control"]
    assert abs(r.chance_to_beat_control - p) <= 5 * math.sqrt(p * (1 - p) / case["options"]["samples"])
    for field in ("expected_loss_b", "expected_loss_a"):
        assert abs(getattr(r, field) - w[field]) <= 0.03 * w[field], field


@pytest.mark.parametrize("case", VECTORS["group_sequential"], ids=lambda c: c["source"][:12])
def test_group_sequential_vectors(case):
    r = abtest.group_sequential(np.array(case["information"]), alpha=case["alpha"],
                                spending=case["spending"], alternative=case["alternative"])
    for look, want in zip(r["looks"], case["expected_boundaries"]):
        assert abs(look["boundary"] - want) <= case["rtol"] * want
    assert r["looks"][-1]["cumulative_alpha"] == pytest.approx(case["alpha"], abs=1e-12)
    assert r["decision"] == "continue" and r["stopped_at"] is None


def test_group_sequential_decisions_and_errors():
    r = abtest.group_sequential([0.2, 0.4, 0.6, 0.8, 1.0], [1.1, 2.9, 3.1])
    assert r["stopped_at"] == 2 and r["decision"] == "reject"
    assert [look["crossed"] for look in r["looks"][:3]] == [False, False, True]
    r = abtest.group_sequential([0.5, 1.0], [0.3, 1.2], spending="pocock")
    assert r["decision"] == "accept"
    with pytest.raises(edgekit.InvalidInputError, match="strictly increasing"):
        abtest.group_sequential([0.5, 0.4, 1.0])
    with pytest.raises(edgekit.InvalidInputError, match="spending"):
        abtest.group_sequential([1.0], spending="haybittle")


@pytest.mark.parametrize("case", [c for c in VECTORS["sequential"] if c["kind"] != "conversions"],
                         ids=lambda c: c["name"])
def test_msprt_default_mixture_equals_gbstats_sequence(case):
    summary = lambda g: (g["n"], g["mean"], g["variance"])
    r = abtest.msprt(summary(case["a"]), summary(case["b"]), **case["options"])
    w = case["expected"]
    assert close(r.pvalue, w["pvalue"]) and close(r.ci[0], w["ci"][0]) and close(r.ci[1], w["ci"][1])


def test_msprt_keeps_running_minimum_and_intersection():
    first = abtest.msprt((1000, 0.20, 0.16), (1000, 0.23, 0.177), mixing_variance=1e-3)
    later = abtest.msprt((2000, 0.20, 0.16), (2000, 0.20, 0.16), mixing_variance=1e-3,
                         previous_pvalue=first.pvalue, previous_ci=first.ci)
    assert later.pvalue == first.pvalue
    assert later.ci[0] >= first.ci[0] and later.ci[1] <= first.ci[1]
    assert later.to_dict()["mixing_variance"] == 1e-3
    with pytest.raises(edgekit.InvalidInputError, match="mixing_variance"):
        abtest.msprt((10, 0.0, 1.0), (10, 1.0, 1.0), mixing_variance=-1.0)


@pytest.mark.parametrize("case", VECTORS["paired_bootstrap"], ids=lambda c: c["metric"])
def test_paired_bootstrap_agrees_with_scipy_within_monte_carlo_error(case):
    r = abtest.paired_bootstrap(np.array(case["y"]), np.array(case["pred_a"]), case["pred_b"],
                                metric=case["metric"], method=case["method"],
                                alternative=case["alternative"], seed=99)
    w = case["expected"]
    assert close(r.estimate, w["estimate"])
    for got, want in zip(r.ci, (num(v) for v in w["ci"])):
        assert got == want if math.isinf(want) else abs(got - want) <= 0.05 * 3.92 * w["standard_error"]
    with pytest.raises(edgekit.InvalidInputError, match="y has 700 values but pred_a has 3"):
        abtest.paired_bootstrap(case["y"], [0.1, 0.2, 0.3], case["pred_b"])
    with pytest.raises(edgekit.InvalidInputError, match="not a probability"):
        abtest.paired_bootstrap([0.0, 1.0], [0.5, 1.5], [0.5, 0.5])


@pytest.mark.parametrize("case", [c for c in VECTORS["adjusted"] if c["kind"] == "cuped"],
                         ids=lambda c: c["name"])
def test_cuped_ratio_with_unit_denominators_is_gbstats_cuped(case):
    v = case["values"]
    ones = lambda k: np.ones(len(v[k]))
    r = abtest.cuped_ratio(v["a"], ones("a"), v["b"], ones("b"), v["a_pre"], ones("a"), v["b_pre"],
                           ones("b"), **case["options"])
    w = case["expected"]
    assert close(r.effect, w["effect"]) and all(close(g, e) for g, e in zip(r.ci, w["ci"]))
    assert r.method == "cuped-ratio"
    with pytest.raises(edgekit.InvalidInputError, match="a_num has"):
        abtest.cuped_ratio(v["a"], ones("a")[:-1], v["b"], ones("b"), v["a_pre"], ones("a"),
                           v["b_pre"], ones("b"))


def test_t_test_batch_matches_the_vectors_row_by_row():
    groups = {}
    for case in VECTORS["t_test"]:
        key = tuple(sorted(case["options"].items()))
        groups.setdefault(key, []).append(case)
    for key, cases in groups.items():
        col = lambda g, f: np.array([c["summary"][g][f] for c in cases], dtype=float)
        r = abtest.t_test_batch(col("a", "n"), col("a", "mean"), col("a", "variance"),
                                col("b", "n"), col("b", "mean"), col("b", "variance"), **dict(key))
        for i, c in enumerate(cases):
            w = c["expected"]
            assert close(r["statistic"][i], w["statistic"]) and close(r["pvalue"][i], w["pvalue"])
            assert close(r["ci_low"][i], w["ci"][0]) and close(r["ci_high"][i], w["ci"][1])
    with pytest.raises(edgekit.InvalidInputError, match="row 1: arm b has n = 1"):
        abtest.t_test_batch([10, 10], [1, 1], [1, 1], [10, 1], [2, 2], [1, 1])


def test_adjusted_confidence_makes_intervals_agree_with_bonferroni():
    tables = [(200, 1000, 250, 1000), (200, 1000, 228, 1000), (50, 400, 71, 410)]
    each = abtest.adjusted_confidence(0.95, len(tables))
    assert each == pytest.approx(1 - 0.05 / 3, abs=1e-15)
    results = [abtest.two_proportions(*t, method="z-unpooled", confidence=each) for t in tables]
    adjusted = abtest.adjust_pvalues([r.pvalue for r in results], method="bonferroni")
    for r, q in zip(results, adjusted):
        assert (r.ci[0] > 0 or r.ci[1] < 0) == (q < 0.05)
    assert abtest.adjusted_confidence(0.95, 3, method="sidak") ** 3 == pytest.approx(0.95, abs=1e-15)
    with pytest.raises(edgekit.InvalidInputError, match="selected"):
        abtest.adjusted_confidence(0.95, 3, method="fcr")
