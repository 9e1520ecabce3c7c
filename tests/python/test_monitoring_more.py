"""edgekit.monitoring beyond tests/python/test_monitoring.py: MMDDrift and realized regression
performance.

MMDDrift against a direct numpy computation of alibi-detect's MMDDrift
(tests/vectors/mmd_multivariate.json, recorded by tests/vectors/generate_mmd.py).

Bandwidth and observed MMD² to 1e-10 relative; the p-value (edgekit's own 1,000 seeded
permutations against the recording's 20,000) inside the binomial band of the recorded one, as
in core/tests/mmd_multivariate_vectors.rs."""

import json
import math
import threading

import numpy as np
import pandas as pd
import pytest

import edgekit
import edgekit.monitoring as nml
from conftest import VECTORS

CASES = json.loads((VECTORS / "mmd_multivariate.json").read_text())["cases"]
DATA = VECTORS.parent.parent / "examples/data/nannyml"


@pytest.fixture(scope="module")
def frames():
    return pd.read_csv(DATA / "binary_reference.csv"), pd.read_csv(DATA / "binary_analysis.csv")


def rows(frame, case, key):
    start, end = case[key]
    return frame[case["columns"]].iloc[start:end]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_mmd_matches_the_direct_computation(frames, case):
    reference, analysis = frames
    detector = nml.MMDDrift(rows(reference, case, "reference_rows"), backend="pytorch", p_val=0.05,
                            sigma=case["sigma"], n_permutations=1000, seed=7)
    prediction = detector.predict(rows(analysis, case, "current_rows").to_numpy())
    want = case["expected"]
    assert math.isclose(detector.sigma, want["sigma"], rel_tol=1e-12)
    data = prediction["data"]
    assert math.isclose(data["distance"], want["distance"], rel_tol=1e-10)
    p = want["p_val"]
    assert abs(data["p_val"] - p) <= 4.5 * math.sqrt(p * (1 - p) / 1000) + 0.002
    assert data["is_drift"] == int(data["p_val"] < 0.05) and data["threshold"] == 0.05
    assert abs(data["distance_threshold"] - want["distance_threshold_05"]) <= 0.25 * want["distance_threshold_05"]
    assert prediction["meta"]["name"] == "MMDDrift" and prediction["meta"]["version"] == edgekit.__version__
    json.dumps(prediction, allow_nan=False)


def test_inputs_shapes_and_same_answers_across_faces_of_the_input(frames):
    reference, analysis = frames
    cols = ["gas_price_per_litre", "tenure"]
    x_ref, x = reference[cols].iloc[:200], analysis[cols].iloc[:150]
    base = nml.MMDDrift(x_ref.to_numpy(), n_permutations=50).score(x.to_numpy())
    assert nml.MMDDrift(x_ref, n_permutations=50).score(x) == base  # DataFrames
    assert nml.MMDDrift(x_ref.to_numpy().tolist(), n_permutations=50).score(x.to_numpy().tolist()) == base
    fortran = np.asfortranarray(x_ref.to_numpy())
    assert nml.MMDDrift(fortran, n_permutations=50).score(x.to_numpy()[::1]) == base
    # 1-D is one column; images flatten after the first axis.
    one = nml.MMDDrift(x_ref["tenure"].to_numpy(), n_permutations=20)
    assert one._fitted.n_features == 1
    cube = np.arange(2 * 3 * 4, dtype=float).reshape(2, 3, 4) + np.arange(2)[:, None, None] ** 2
    assert nml.MMDDrift(np.concatenate([cube] * 3), n_permutations=10)._fitted.n_features == 12
    # preprocess_fn applies to both sides, as in alibi-detect.
    scaled = nml.MMDDrift(x_ref, n_permutations=50, preprocess_fn=lambda d: np.asarray(d) * 1.0)
    assert scaled.score(x) == base
    p_val, distance, threshold = base
    assert 0 <= p_val <= 1 and math.isfinite(distance) and math.isfinite(threshold)


def test_drift_in_the_joint_distribution_only():
    rng = np.random.default_rng(3)
    a = rng.normal(size=(400, 1))
    noise = 0.2 * rng.normal(size=(400, 1))
    same_marginals = np.hstack([a, a + noise]), np.hstack([a, -a + noise])
    detector = nml.MMDDrift(same_marginals[0], n_permutations=200, seed=1)
    assert detector.predict(same_marginals[1])["data"]["is_drift"] == 1
    fresh = rng.normal(size=(400, 1))
    assert detector.predict(np.hstack([fresh, fresh + 0.2 * rng.normal(size=(400, 1))]))["data"]["is_drift"] == 0


def test_errors_are_edgekit_errors():
    good = np.random.default_rng(0).normal(size=(30, 2))
    with pytest.raises(edgekit.InvalidInputError, match="row 1, column 1 is NaN"):
        bad = good.copy()
        bad[1, 1] = np.nan
        nml.MMDDrift(bad)
    with pytest.raises(edgekit.InputTypeError):
        nml.MMDDrift([["a", "b"], ["c", "d"]])
    with pytest.raises(ValueError, match="p_val"):
        nml.MMDDrift(good, p_val=0)
    with pytest.raises(edgekit.LimitExceededError, match="n_permutations"):
        nml.MMDDrift(good, n_permutations=10**13)
    with pytest.raises(edgekit.InvalidInputError, match="backend"):
        nml.MMDDrift(good, backend="jax")
    with pytest.raises(edgekit.InvalidInputError, match="one bandwidth"):
        nml.MMDDrift(good, sigma=[1.0, 2.0])
    detector = nml.MMDDrift(good, sigma=np.array([1.0]), n_permutations=10)
    assert detector.sigma == 1.0
    with pytest.raises(edgekit.InvalidInputError, match="columns"):
        detector.predict(np.zeros((5, 3)))
    with pytest.raises(edgekit.InvalidInputError, match="empty"):
        detector.predict(np.zeros((0, 2)))
    with pytest.raises(edgekit.InvalidInputError, match="median"):
        nml.MMDDrift(np.ones((10, 2)))
    with pytest.raises(edgekit.InvalidInputError, match="not a saved"):
        nml.MMDDrift.from_json("[]")


def test_saved_detectors_load_back_and_threads_share_one():
    rng = np.random.default_rng(5)
    x_ref, x = rng.normal(size=(300, 3)), rng.normal(size=(200, 3)) + 0.1
    detector = nml.MMDDrift(x_ref, n_permutations=100, seed=9)
    restored = nml.MMDDrift.from_json(detector.to_json())
    assert restored.predict(x) == detector.predict(x)
    assert restored.p_val == 0.05 and restored.n_permutations == 100
    want = detector.score(x)
    got = []
    threads = [threading.Thread(target=lambda: got.append(detector.score(x))) for _ in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert got == [want] * 4


def test_defaults_are_cores():
    import inspect

    core = edgekit._edgekit._option_defaults()["monitoring.MMDDrift"]
    params = inspect.signature(nml.MMDDrift).parameters
    assert {k: params[k].default for k in core} == core


# --- realized regression performance (NannyML's PerformanceCalculator, problem_type="regression")

VECTORS_NML = json.loads((VECTORS / "nannyml.json").read_text())


@pytest.mark.parametrize("case", VECTORS_NML["regression"], ids=lambda c: json.dumps(c["options"]))
def test_regression_performance_matches_nannyml(case):
    """Every value, sampling error and threshold to 1e-9 relative (core/tests/nannyml_regression.rs)."""
    reference = pd.read_csv(DATA / "regression_reference.csv")
    analysis = pd.read_csv(DATA / "regression_analysis.csv")
    options = dict(case["options"])
    late = options.pop("late", False)
    thresholds = options.pop("thresholds", None)
    if thresholds:
        options["thresholds"] = {m: nml.ConstantThreshold(lower=t["lower"], upper=t["upper"])
                                 for m, t in thresholds.items()}
    calc = nml.PerformanceCalculator(y_pred="y_pred", y_true="y_true", problem_type="regression",
                                     timestamp_column_name="timestamp", **options).fit(reference)
    if late:  # the recorder's rule: every 3rd target not yet known
        analysis = analysis.assign(y_true=analysis["y_true"].where(analysis.index % 3 != 0))
    result = calc.calculate(analysis)
    assert [list(c) for c in result.to_df().columns] == case["columns"]
    rows = result.to_dict()
    assert len(rows) == len(case["rows"])
    for i, (got, want) in enumerate(zip(rows, case["rows"])):
        for field in ("key", "chunk_index", "start_index", "end_index", "period"):
            assert got["chunk"][field] == want["chunk"][field], (i, field)
        assert math.isclose(got["chunk"]["targets_missing_rate"], want["chunk"]["targets_missing_rate"])
        for metric in case["options"]["metrics"]:
            for field, value in want[metric].items():
                g = got[metric][field]
                if isinstance(value, float):
                    assert math.isclose(g, value, rel_tol=1e-9), (i, metric, field, g, value)
                else:
                    assert g == value, (i, metric, field)
    back = nml.PerformanceCalculator.from_json(calc.to_json())
    assert back.problem_type == "regression" and back.calculate(analysis).to_dict() == rows


def test_regression_errors_are_typed():
    frame = pd.DataFrame({"y_pred": [1.0, -2.0, 3.0, 4.0], "y_true": [1.0, 2.0, 3.0, 4.0]})
    with pytest.raises(edgekit.InvalidInputError, match=r"y_pred\[1\]"):
        nml.PerformanceCalculator(metrics=["msle"], y_pred="y_pred", y_true="y_true",
                                  problem_type="regression", chunk_size=2).fit(frame)
    with pytest.raises(edgekit.InvalidInputError, match="y_pred is required"):
        nml.PerformanceCalculator(metrics=["mae"], y_true="y_true", problem_type="regression")
    with pytest.raises(edgekit.InvalidInputError, match="metrics"):
        nml.PerformanceCalculator(metrics=["roc_auc"], y_pred="y_pred", y_true="y_true",
                                  problem_type="regression", chunk_size=2).fit(frame)
    with pytest.raises(edgekit.InvalidInputError, match="problem_type"):
        nml.CBPE(metrics=["mae"], y_pred_proba="p", y_pred="y_pred", y_true="y_true", problem_type="regression")
