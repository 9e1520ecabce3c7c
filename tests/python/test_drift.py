"""edgekit.drift against scipy, Evidently and River (tests/vectors/drift.json)."""
import json
import pathlib

import numpy as np
import pandas as pd
import pytest

import edgekit
from edgekit import drift

ROOT = pathlib.Path(__file__).resolve().parents[2]
VECTORS = json.loads((ROOT / "tests/vectors/drift.json").read_text())
RAIN = pd.read_csv(ROOT / "examples/data/rainfall.csv")
COLUMNS = dict(zip(VECTORS["columns"], RAIN.columns[1:]))


def part(spec):
    name, start, stop = spec
    return RAIN[COLUMNS[name]].to_numpy(float)[start:stop]


def close(got, want, rel=1e-9):
    assert got == pytest.approx(want, rel=rel, abs=1e-300)


@pytest.mark.parametrize("case", VECTORS["ks_2samp"], ids=lambda c: f"{c['reference']}-{c['alternative']}-{c['method']}")
def test_ks_2samp_matches_scipy(case):
    r = drift.ks_2samp(part(case["reference"]), part(case["current"]),
                       method=case["method"], alternative=case["alternative"])
    close(r.statistic, case["statistic"], 1e-12)
    close(r.pvalue, case["pvalue"])
    assert r.drifted == (r.pvalue < 0.05)


@pytest.mark.parametrize("case", VECTORS["numeric"], ids=lambda c: str(c["reference"]))
def test_numeric_tests_match(case):
    a, b = part(case["reference"]), part(case["current"])
    close(drift.wasserstein(a, b).score, case["wasserstein"])
    close(drift.energy_distance(a, b).score, case["energy"])
    for equal_var, key in [(True, "t_student"), (False, "t_welch")]:
        r = drift.t_test(a, b, equal_var=equal_var)
        close(r.statistic, case[key][0]); close(r.pvalue, case[key][1])
    for alternative, key in [("less", "mann_whitney_less"), ("two-sided", "mann_whitney_two_sided")]:
        r = drift.mann_whitney(a, b, alternative=alternative)
        close(r.statistic, case[key][0]); close(r.pvalue, case[key][1])
    close(drift.psi(a, b, binning="sturges").score, case["psi_sturges"])
    close(drift.kl_div(a, b, binning="sturges").score, case["kl_sturges"])
    close(drift.jensenshannon(a, b, binning="sturges").score, case["jensenshannon_sturges"])
    close(drift.hellinger(a, b).score, case["hellinger"])
    close(drift.psi(a, b).score, case["psi_quantile_10"])
    close(drift.psi(a, b, bins=4).score, case["psi_quantile_4"])


def categories(spec, labels):
    values = part(spec)
    if spec[0] == "rain":
        return values
    floored = np.floor(values)
    return np.array([f"b{int(v)}" for v in floored]) if labels else floored


@pytest.mark.parametrize("case", VECTORS["categorical"], ids=lambda c: f"{c['reference']}-{c['labels']}")
def test_categorical_tests_match(case):
    a, b = categories(case["reference"], case["labels"]), categories(case["current"], case["labels"])
    close(drift.chisquare(a, b).pvalue, case["chisquare"])
    close(drift.z_test(a, b).pvalue, case["z"])
    close(drift.psi(a, b, binning="sturges", categorical=True).score, case["psi"])
    close(drift.kl_div(a, b, binning="sturges", categorical=True).score, case["kl"])
    close(drift.jensenshannon(a, b, binning="sturges", categorical=True).score, case["jensenshannon"])
    close(drift.hellinger(a, b, categorical=True).score, case["hellinger"])
    close(drift.tvd(a, b, permutations=100, seed=3).statistic, case["tvd_statistic"], 1e-12)
    if case["g_test"]:
        r = drift.g_test(a, b)
        close(r.statistic, case["g_test"][0]); close(r.pvalue, case["g_test"][1])
    if "fisher" in case:
        r = drift.fisher_exact(a, b)
        close(r.statistic, case["fisher"][0]); close(r.pvalue, case["fisher"][1])
    # Lists of strings work like arrays of them.
    if case["labels"]:
        close(drift.chisquare(list(a), list(b)).pvalue, case["chisquare"])


DETECTORS = {"ADWIN": drift.ADWIN, "PageHinkley": drift.PageHinkley, "DDM": drift.DDM, "EDDM": drift.EDDM,
             "HDDM_A": drift.HDDM_A, "HDDM_W": drift.HDDM_W, "FHDDM": drift.FHDDM}


def stream(name):
    errors = ((part(("dew_point", 0, len(RAIN))) > 0.6).astype(float) != part(("rain", 0, len(RAIN)))).astype(float)
    if name == "errors":
        return errors
    if name == "correct":
        return 1.0 - errors
    if name == "brent":
        return pd.read_csv(ROOT / "examples/data/brent_crude_oil.csv")["DPB"].to_numpy(float)
    if name == "apple_close":
        return pd.read_csv(ROOT / "examples/data/apple.csv")["Close"].to_numpy(float)
    return part((name, 0, len(RAIN)))


@pytest.mark.parametrize("case", VECTORS["detectors"], ids=lambda c: f"{c['detector']}-{c['stream']}-{len(c['params'])}")
def test_detectors_fire_where_river_fires(case):
    values = stream(case["stream"])
    detector = DETECTORS[case["detector"]](**case["params"])
    fired, warned = [], []
    for i, x in enumerate(values):
        if detector.update(float(x)):
            fired.append(i)
        if detector.warning_detected:
            warned.append(i)
    assert fired == case["fired"] and warned == case["warned"]
    batch = DETECTORS[case["detector"]](**case["params"]).update_many(values)
    assert batch.dtype == np.int64 and batch.tolist() == case["fired"]


def test_detector_state_round_trips_mid_stream():
    values = stream("temperature")
    whole = drift.ADWIN().update_many(values).tolist()
    first = drift.ADWIN()
    head = first.update_many(values[:7000]).tolist()
    restored = drift.ADWIN.from_json(first.to_json())
    tail = [i + 7000 for i in restored.update_many(values[7000:]).tolist()]
    assert head + tail == whole
    with pytest.raises(edgekit.InvalidInputError):
        drift.DDM.from_json(first.to_json())


def test_kswin_is_seeded_and_quiet_on_noise():
    rng = np.random.default_rng(5)
    noise = rng.normal(size=20000)
    a, b = drift.KSWIN(seed=9).update_many(noise), drift.KSWIN(seed=9).update_many(noise)
    assert a.tolist() == b.tolist()
    shifted = np.r_[noise[:2000], noise[2000:4000] + 3.0]
    fired = drift.KSWIN(seed=1).update_many(shifted)
    assert any(2000 <= i < 2040 for i in fired)


def test_bad_input_raises_typed_errors():
    with pytest.raises(edgekit.InvalidInputError, match=r"reference\[1\] is NaN"):
        drift.ks_2samp([1.0, float("nan")], [1.0, 2.0])
    with pytest.raises(edgekit.InvalidInputError, match="empty"):
        drift.psi([], [1.0])
    with pytest.raises(edgekit.InvalidInputError, match="method"):
        drift.ks_2samp([1.0], [2.0], method="fast")
    with pytest.raises(edgekit.InvalidInputError, match=r"values\[2\]"):
        drift.PageHinkley().update_many([1.0, 2.0, float("inf")])
    with pytest.raises(edgekit.InvalidInputError, match="two categories"):
        drift.fisher_exact([1.0, 2.0, 3.0], [1.0, 2.0])
    with pytest.raises(edgekit.InputTypeError):
        drift.wasserstein([1.0, 2.0], object())
    with pytest.raises(edgekit.InvalidInputError, match="one-dimensional"):
        drift.wasserstein([[1.0, 2.0]], [1.0])
    assert issubclass(edgekit.InvalidInputError, ValueError)


def test_distances_are_zero_for_identical_samples_and_symmetric_where_they_should_be():
    x = part(("temperature", 0, 3000))
    y = part(("temperature", 9000, 12000))
    for f in (drift.wasserstein, drift.psi, drift.jensenshannon, drift.energy_distance):
        assert f(x, x).score == pytest.approx(0.0, abs=1e-12)
    assert drift.energy_distance(x, y).score == pytest.approx(drift.energy_distance(y, x).score, rel=1e-12)
    assert drift.jensenshannon(x, y, binning="sturges").score == pytest.approx(
        drift.jensenshannon(y, x, binning="sturges").score, rel=1e-12)
    shuffled = np.random.default_rng(0).permutation(y)
    assert drift.ks_2samp(x, y).pvalue == drift.ks_2samp(x, shuffled).pvalue


@pytest.mark.parametrize("case", VECTORS["goodness"], ids=lambda c: str(c["reference"]))
def test_goodness_of_fit_tests_match_scipy(case):
    a, b = part(case["reference"]), part(case["current"])
    tests = {"anderson": drift.anderson_darling, "cramer_von_mises": drift.cramer_von_mises,
             "epps_singleton": drift.epps_singleton}
    for key, f in tests.items():
        if key not in case:
            continue
        r = f(a, b)
        close(r.statistic, case[key][0])
        if key == "cramer_von_mises" and abs(r.pvalue - case[key][1]) < 1e-13:
            continue  # scipy's 1 − cdf: only absolute accuracy below ~1e-6
        close(r.pvalue, case[key][1])
    if "mmd_statistic" in case:
        close(drift.mmd(a, b, permutations=10, seed=1).statistic, case["mmd_statistic"])


def rainfall_frame(start, stop):
    frame = RAIN.drop(columns=["row"]).iloc[start:stop].copy()
    frame["temp_band"] = [f"b{int(v)}" for v in np.floor(frame["temperature"])]
    return frame.reset_index(drop=True)


@pytest.mark.parametrize("case", VECTORS["report"], ids=lambda c: c["name"])
def test_report_matches_evidently(case):
    ref, cur = rainfall_frame(*case["reference"]), rainfall_frame(*case["current"])
    for name, every in case.get("current_nan_every", {}).items():
        cur.loc[::every, name] = np.nan
    options = case["options"]
    categorical = case.get("categorical", [])
    found = drift.report(ref, cur, tests=options.get("tests"), thresholds=options.get("thresholds"),
                         categorical=categorical)
    rows = found.to_pandas()
    for column, want in case["columns"].items():
        row = rows.loc[column]
        assert (row["kind"], row["test"], row["threshold"], bool(row["drifted"])) == (
            want["kind"], want["test"], want["threshold"], want["drifted"]), column
        score = row["pvalue"] if row["pvalue"] is not None and not pd.isna(row["pvalue"]) else row["statistic"]
        if want["test"] != "TVD":
            close(score, want["score"])
    assert (found.drifted_columns, found.dataset_drift) == (case["drifted_columns"], case["dataset_drift"])
    # From a profile fitted in two chunks and sent through bytes: the same report.
    half = len(ref) // 2
    fit = lambda part: drift.Profile.fit(part, categorical=categorical)
    profile = drift.Profile.from_bytes(fit(ref.iloc[:half]).merge(fit(ref.iloc[half:])).to_bytes())
    again = drift.report(profile, cur, tests=options.get("tests"), thresholds=options.get("thresholds"),
                         categorical=categorical)
    assert [r["drifted"] for r in again.columns] == [r["drifted"] for r in found.columns]
    # Distinct values and counts merge exactly (moments to rounding): same per-column summary.
    assert profile.describe() == fit(ref).describe()


def test_report_takes_dicts_and_options():
    a = {"x": part(("temperature", 0, 3000)), "g": ["a", "b", None] * 1000}
    b = {"x": part(("temperature", 12000, 15000)), "g": ["a", "c", "c"] * 1000}
    found = drift.report(a, b, numerical_test="ks", correction="holm", drift_share=0.9)
    x, g = found.columns
    assert x["test"] == "ks" and x["adjusted_pvalue"] >= x["pvalue"]
    assert g["unseen_categories"] == ["c"] and g["unseen_drifted"] and g["missing_drifted"]
    assert found.to_dict()["drift_share"] == 0.9
    with pytest.raises(edgekit.InvalidInputError, match="magic"):
        drift.report(a, b, numerical_test="magic")
    with pytest.raises(edgekit.InputTypeError):
        drift.report([1, 2], b)


def tcpd_series(name):
    if name == "apple":
        return pd.read_csv(ROOT / "examples/data/apple.csv")["Close"].to_numpy(float)[::3]
    if name == "brent":
        frame = pd.read_csv(ROOT / "examples/data/brent_crude_oil.csv")
        return frame.loc[frame["day"].str[-4:].astype(int) >= 2000, "DPB"].to_numpy(float)[::10]
    return pd.read_csv(ROOT / "examples/data/airline_passengers.csv")["Total Passengers"].to_numpy(float)


@pytest.mark.parametrize("case", VECTORS["changepoints"]["cases"], ids=lambda c: f"{c['series']}-{c['model']}-{c['penalty']:.0f}")
def test_change_points_match_ruptures(case):
    x = tcpd_series(case["series"])
    model = {"l2": "mean", "normal": "meanvar"}[case["model"]]
    found = drift.pelt(x, model=model, penalty=case["penalty"])
    assert found.tolist() == case["pelt"]
    assert drift.binary_segmentation(x, model=model, penalty=case["penalty"]).tolist() == case["binseg"]
    annotations = VECTORS["changepoints"]["annotations"][case["series"]]
    close(drift.f1_score(annotations, found.tolist()), case["pelt_f1"], 1e-12)
    close(drift.covering(annotations, found.tolist(), len(x)), case["pelt_cover"], 1e-12)


@pytest.mark.parametrize("case", VECTORS["performance"], ids=lambda c: f"{c['start']}")
def test_performance_metrics_match_scikit_learn(case):
    p = 1 / (1 + np.exp(-2 * part(("dew_point", case["start"], case["stop"]))))
    y = part(("rain", case["start"], case["stop"]))
    monitor = drift.PerformanceMonitor(window=len(p))
    monitor.update_many(p, y)
    m = monitor.metrics()
    for key in ("accuracy", "brier", "log_loss", "ece", "auc"):
        close(m[key], case[key])


def test_performance_alerts_and_restart():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, 3000).astype(float)
    p = np.where(y == 1, 0.8, 0.2)
    p[2000:] = 1 - p[2000:]
    monitor = drift.PerformanceMonitor(window=200, thresholds={"accuracy": (0.8, 0.6), "auc": (0.7, 0.5)})
    alerts = monitor.update_many(p[:1000], y[:1000])
    assert alerts == []
    monitor.set_baseline()
    restored = drift.PerformanceMonitor.from_json(monitor.to_json())
    later = restored.update_many(p[1000:], y[1000:])
    assert {a["severity"] for a in later} == {"warning", "critical"}
    assert min(a["at"] for a in later if a["severity"] == "critical") < 2200
    degraded = {c["metric"]: c["degraded"] for c in restored.compare(0.01)}
    assert degraded["accuracy"] and degraded["auc"]
    with pytest.raises(edgekit.InvalidInputError, match="labels"):
        restored.update_many([0.5], [2.0])
    with pytest.raises(edgekit.InvalidInputError):
        drift.PerformanceMonitor(thresholds={"precision": (0.5, 0.4)})


def test_bocpd_and_cusum_find_a_shift_and_persist():
    rng = np.random.default_rng(8)
    x = rng.normal(size=1000)
    x[500:] += 2.0
    for detector in (drift.BOCPD(), drift.CUSUM()):
        fired = detector.update_many(x)
        assert any(500 <= i < 530 for i in fired), (type(detector).__name__, fired)
    b = drift.BOCPD()
    b.update_many(x[:300])
    again = drift.BOCPD.from_json(b.to_json())
    assert again.run_length_posterior.sum() == pytest.approx(1.0)
    assert again.update_many(x[300:]).tolist() == b.update_many(x[300:]).tolist()


def test_a_column_in_one_sample_only_is_never_skipped_silently():
    a, b = np.arange(50.0), np.arange(50.0) + 3
    with pytest.raises(edgekit.InvalidInputError, match='reference only "age", current only "Age"'):
        drift.report({"age": a, "x": a}, {"Age": b, "x": b})
    r = drift.report({"age": a, "x": a}, {"Age": b, "x": b}, unmatched="report")
    assert (r.reference_only, r.current_only) == (["age"], ["Age"])
    assert [c["column"] for c in r.columns] == ["x"]
    # naming the columns to test is an explicit choice: the others are not reported
    assert drift.report({"age": a, "x": a}, {"Age": b, "x": b}, columns=["x"]).reference_only == []


# Realized performance metrics against scikit-learn 1.9.1 (tests/vectors/metrics.json).
def test_realized_metrics_match_scikit_learn():
    m = json.loads((pathlib.Path(__file__).parents[1] / "vectors" / "metrics.json").read_text())
    for c in m["classification"]:
        got = drift.classification_metrics(np.array(c["y_true"]), c["y_pred"], labels=c["labels"])
        w = c["want"]
        assert got["confusion_matrix"] == w["confusion_matrix"] and got["support"] == w["support"]
        for name in ("precision", "recall", "f1", "specificity"):
            np.testing.assert_allclose(got[name], w[name], rtol=1e-12, atol=1e-15)
        for name in ("accuracy", "balanced_accuracy", "macro_specificity"):
            assert got[name] == pytest.approx(w[name], rel=1e-12)
        for average in ("macro", "micro", "weighted"):
            for key in ("precision", "recall", "f1"):
                assert got[f"{average}_avg"][key] == pytest.approx(w["averages"][average][key], rel=1e-12, abs=1e-15)
    for c in m["regression"]:
        got = drift.regression_metrics(np.array(c["y_true"]), c["y_pred"])
        for name, want in c["want"].items():
            assert got[name] == pytest.approx(want, rel=1e-12), name
        if "msle" not in c["want"]:
            assert got["msle"] is None
    with pytest.raises(edgekit.InvalidInputError):
        drift.classification_metrics([0, 1], [0])
    with pytest.raises(edgekit.InputTypeError):
        drift.classification_metrics([0.5, 1], [0, 1])
