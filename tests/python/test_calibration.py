"""edgekit.calibration against scikit-learn and the conformal formula
(tests/vectors/calibration.json, recorded by tests/vectors/generate_calibration.py); tolerances
as in core/tests/calibration_vectors.rs (Platt to 1e-6: scikit-learn's L-BFGS stops at a
gradient of 1e-6; everything else to 1e-12)."""

import json
import threading

import numpy as np
import pandas as pd
import pytest

import edgekit
from edgekit import calibration as cal
from conftest import VECTORS

V = json.loads((VECTORS / "calibration.json").read_text())
DATA = VECTORS.parent.parent / "examples/data"


@pytest.fixture(scope="module")
def binary():
    ref = pd.read_csv(DATA / "nannyml/binary_reference.csv")
    ana = pd.read_csv(DATA / "nannyml/binary_analysis.csv")
    return (ref["y_pred_proba"].to_numpy(), ref["work_home_actual"].to_numpy(),
            ana["y_pred_proba"].to_numpy(), ana["work_home_actual"].to_numpy())


def margins(p):
    p = np.clip(p, 0.005, 0.995)
    return 3.0 * np.log(p / (1.0 - p))


def nfl(first, last):
    rows = []
    for line in (DATA / "spreadspoke_scores.csv").read_text().splitlines()[1:]:
        cells = line.split(",")
        try:
            season, total, ou = int(cells[1]), float(cells[5]) + float(cells[6]), float(cells[10])
        except (ValueError, IndexError):
            continue
        if first <= season <= last:
            rows.append((total, ou, "indoor" if cells[16] == "indoor" else "outdoor"))
    total, ou, group = zip(*rows)
    return np.array(total), np.array(ou), list(group)


@pytest.mark.parametrize("case", V["curves"], ids=lambda c: f'{c["strategy"]}-{c["n_bins"]}')
def test_curves_match_scikit_learn(binary, case):
    *_, p, y = binary
    curve = cal.reliability_curve(y, p, n_bins=case["n_bins"], strategy=case["strategy"])
    for key in ("prob_true", "prob_pred", "bin_edges", "ece", "mce", "brier"):
        np.testing.assert_allclose(curve[key], case[key], rtol=1e-12, atol=1e-12, err_msg=key)
    assert curve["counts"] == case["counts"]
    prob_true, prob_pred = cal.calibration_curve(y, p, n_bins=case["n_bins"], strategy=case["strategy"])
    np.testing.assert_allclose(prob_true, case["prob_true"], rtol=1e-12)
    assert prob_pred.dtype == np.float64
    json.dumps(curve, allow_nan=False)


@pytest.mark.parametrize("case", V["calibrators"], ids=lambda c: c["scores"])
def test_calibrators_match_scikit_learn(binary, case):
    ref_p, ref_y, ana_p, ana_y = binary
    fit, new = (margins(ref_p), margins(ana_p)) if case["scores"] == "margins" else (ref_p, ana_p)
    sampled, probe = new[:: case["analysis_every"]], np.array(case["probe"])
    sigmoid = cal.Calibrator("sigmoid").fit(fit, ref_y)
    np.testing.assert_allclose([sigmoid.a_, sigmoid.b_], [case["sigmoid"]["a"], case["sigmoid"]["b"]], rtol=1e-6)
    np.testing.assert_allclose(sigmoid.predict(sampled), case["sigmoid"]["analysis"], atol=1e-7)
    np.testing.assert_allclose(sigmoid.predict(probe), case["sigmoid"]["probe"], atol=1e-7)
    isotonic = cal.Calibrator("isotonic").fit(pd.Series(fit), ref_y.tolist())
    np.testing.assert_allclose(isotonic.predict(sampled), case["isotonic"]["analysis"], atol=1e-12)
    np.testing.assert_allclose(isotonic.predict(probe), case["isotonic"]["probe"], atol=1e-12)
    assert isotonic.a_ is None
    for method, fitted in (("sigmoid", sigmoid), ("isotonic", isotonic)):
        after = cal.reliability_curve(ana_y, fitted.predict(new), n_bins=10)["ece"]
        want = case["analysis_curve_after"][method]["ece"]
        assert after == pytest.approx(want, rel=1e-6 if method == "sigmoid" else 1e-12)
        restored = cal.Calibrator.from_json(fitted.to_json())
        assert restored.method == method
        np.testing.assert_array_equal(restored.predict(probe), fitted.predict(probe))


@pytest.mark.parametrize("case", V["regression"], ids=lambda c: f'{c["alpha"]}-{c["grouped"]}')
def test_conformal_regression_on_nfl_totals(case):
    y, pred, groups = nfl(2000, 2012)
    hold_y, hold_pred, hold_groups = nfl(2013, 2024)
    fitted = cal.ConformalRegressor(alpha=case["alpha"]).fit(y, pred, groups if case["grouped"] else None)
    assert fitted.half_widths == case["half_widths"]
    result = fitted.evaluate(hold_y, hold_pred, hold_groups if case["grouped"] else None)
    assert result["n"] == case["n"]
    assert result["coverage"] == pytest.approx(case["coverage"], rel=1e-12)
    assert result["mean_size"] == pytest.approx(case["mean_width"], rel=1e-12)
    intervals = fitted.predict(hold_pred[:3], hold_groups[:3] if case["grouped"] else None)
    assert intervals.shape == (3, 2) and (intervals[:, 1] - intervals[:, 0] > 0).all()
    restored = cal.ConformalRegressor.from_json(fitted.to_json())
    assert restored.half_widths == fitted.half_widths and restored.alpha == case["alpha"]


@pytest.mark.parametrize("case", V["classification"], ids=lambda c: f'{c["alpha"]}-{c["class_conditional"]}')
def test_conformal_sets_on_the_nannyml_classifier(binary, case):
    ref_p, ref_y, ana_p, ana_y = binary
    rows = lambda p: np.column_stack([1 - p, p])  # noqa: E731
    fitted = cal.ConformalClassifier(alpha=case["alpha"], class_conditional=case["class_conditional"])
    fitted.fit(rows(ref_p), ref_y.astype(int))
    np.testing.assert_allclose(fitted.thresholds, case["thresholds"], rtol=1e-12)
    result = fitted.evaluate(rows(ana_p), ana_y)
    assert result["coverage"] == pytest.approx(case["coverage"], rel=1e-12)
    assert result["mean_size"] == pytest.approx(case["mean_size"], rel=1e-12)
    sets = fitted.predict_sets(rows(ana_p[:20]))
    assert sets.dtype == np.bool_ and sets.astype(int).tolist() == case["first_sets"]
    restored = cal.ConformalClassifier.from_json(fitted.to_json())
    assert restored.class_conditional == case["class_conditional"]
    assert restored.predict_sets(rows(ana_p[:20])).tolist() == sets.tolist()


def test_errors_are_edgekit_errors():
    with pytest.raises(edgekit.InvalidInputError, match="at least 9"):
        cal.ConformalRegressor(alpha=0.1).fit([1.0] * 5, [1.0] * 5)
    with pytest.raises(ValueError, match="alpha"):
        cal.ConformalRegressor(alpha=0)
    with pytest.raises(edgekit.InputTypeError):
        cal.ConformalClassifier(class_conditional="yes")
    assert cal.ConformalRegressor().half_widths is None and cal.Calibrator().a_ is None
    with pytest.raises(edgekit.InvalidInputError, match=r"y_prob\[1\]"):
        cal.reliability_curve([0, 1], [0.1, 1.5])
    with pytest.raises(edgekit.InvalidInputError, match="strategy"):
        cal.reliability_curve([0, 1], [0.1, 0.5], strategy="kmeans")
    with pytest.raises(edgekit.LimitExceededError, match="n_bins"):
        cal.reliability_curve([0, 1], [0.1, 0.5], n_bins=10**12)
    with pytest.raises(edgekit.InvalidInputError, match="method"):
        cal.Calibrator("beta")
    with pytest.raises(edgekit.InvalidInputError, match="fit the calibrator"):
        cal.Calibrator().predict([0.5])
    with pytest.raises(edgekit.InvalidInputError, match="class index"):
        cal.ConformalClassifier().fit([[0.5, 0.5]] * 30, [-1] * 30)
    with pytest.raises(edgekit.InvalidInputError, match="of class 1"):
        cal.ConformalClassifier(class_conditional=True).fit([[0.9, 0.1]] * 30, [0] * 30)
    with pytest.raises(edgekit.InputTypeError):
        cal.ConformalClassifier().fit([["a", "b"]], [0])
    fitted = cal.ConformalRegressor().fit(np.arange(50.0), np.arange(50.0) + 1, groups=["a", "b"] * 25)
    with pytest.raises(edgekit.InvalidInputError, match="no calibration points"):
        fitted.predict([1.0], groups=["c"])
    with pytest.raises(edgekit.InvalidInputError, match="not a saved"):
        cal.Calibrator.from_json("{}")


def test_threads_share_fitted_objects(binary):
    ref_p, ref_y, ana_p, _ = binary
    calibrator = cal.Calibrator("isotonic").fit(ref_p, ref_y)
    want = calibrator.predict(ana_p)
    got = []
    threads = [threading.Thread(target=lambda: got.append(calibrator.predict(ana_p))) for _ in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert all((g == want).all() for g in got) and len(got) == 4


def test_defaults_are_cores():
    import inspect

    core = edgekit._edgekit._option_defaults()
    assert inspect.signature(cal.ConformalRegressor).parameters["alpha"].default == core["calibration.ConformalRegressor"]["alpha"]
    assert inspect.signature(cal.ConformalClassifier).parameters["alpha"].default == core["calibration.ConformalClassifier"]["alpha"]
    curve = inspect.signature(cal.reliability_curve).parameters
    assert {k: curve[k].default for k in ("n_bins", "strategy")} == core["calibration.reliability_curve"]
