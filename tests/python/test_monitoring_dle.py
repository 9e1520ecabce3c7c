"""edgekit.monitoring.DLE against NannyML 0.13.1's DLE (LightGBM loss models) on its car price
data (tests/vectors/nannyml_dle.json, recorded by tests/vectors/generate_nannyml_dle.py).

Sampling errors, thresholds and realized values to 1e-9 (they depend on the data alone); the
estimates and their bands within one of NannyML's sampling errors of the chunk (measured: at
most 0.22 without missing values, 0.76 with them; see core/tests/nannyml_dle.rs); alerts
exactly wherever NannyML's estimate lies farther than that from a threshold. ``to_df()``'s
column layout exactly as NannyML's."""

import asyncio
import json
import math
import threading

import numpy as np
import pandas as pd
import pytest

import edgekit
import edgekit.monitoring as nml
from edgekit import aio
from conftest import VECTORS

V = json.loads((VECTORS / "nannyml_dle.json").read_text())
FEATURES = V["provenance"]["features"]
DATA = VECTORS.parent.parent / "examples/data/nannyml"


@pytest.fixture(scope="module")
def frames():
    return pd.read_csv(DATA / "regression_reference.csv"), pd.read_csv(DATA / "regression_analysis.csv")


def holes(frame, analysis):
    """The recorder's rule: every 97th km_driven and 89th fuel missing, every 53rd analysis
    transmission unseen."""
    frame = frame.copy()
    frame["fuel"] = frame["fuel"].astype(object)
    frame["transmission"] = frame["transmission"].astype(object)
    frame.loc[frame.index % 97 == 0, "km_driven"] = np.nan
    frame.loc[frame.index % 89 == 0, "fuel"] = None
    if analysis:
        frame.loc[frame.index % 53 == 0, "transmission"] = "semi-automatic"
    return frame


def estimator(options):
    kwargs = {k: v for k, v in options.items() if k not in ("late", "holes")}
    thresholds = kwargs.pop("thresholds", None)
    if thresholds:
        kwargs["thresholds"] = {k: nml.ConstantThreshold(t["lower"], t["upper"]) for k, t in thresholds.items()}
    return nml.DLE(feature_column_names=FEATURES, y_pred="y_pred", y_true="y_true",
                   timestamp_column_name="timestamp", **kwargs)


def run(frames, options):
    reference, analysis = frames
    if options.get("holes"):
        reference, analysis = holes(reference, False), holes(analysis, True)
    if options.get("late"):
        analysis = analysis.assign(y_true=analysis["y_true"].where(analysis.index % 3 != 0))
    else:
        analysis = analysis.drop(columns=["y_true"])
    fitted = estimator(options).fit(reference)
    return fitted, fitted.estimate(analysis)


@pytest.mark.parametrize("case", V["dle"], ids=lambda c: json.dumps(c["options"]))
def test_dle_matches_nannyml(frames, case):
    _, result = run(frames, case["options"])
    frame = result.to_df()
    assert [list(c) for c in frame.columns] == case["columns"]
    for i, (_, row) in enumerate(frame.iterrows()):
        want = case["rows"][i]
        for key in ("key", "chunk_index", "start_index", "end_index", "period"):
            assert row[("chunk", key)] == want["chunk"][key]
        for metric in {g for g, _ in case["columns"]} - {"chunk"}:
            w = want[metric]
            for field in ("sampling_error", "realized", "upper_threshold", "lower_threshold"):
                got, expected = row[(metric, field)], w[field]
                if expected is None:
                    assert got is None or (isinstance(got, float) and math.isnan(got)), f"row {i} {metric}.{field}"
                else:
                    assert got == pytest.approx(expected, rel=1e-9), f"row {i} {metric}.{field}"
            sigma = w["sampling_error"]
            for field in ("value", "upper_confidence_boundary", "lower_confidence_boundary"):
                assert abs(row[(metric, field)] - w[field]) <= sigma, f"row {i} {metric}.{field}"
            clear = all(w[t] is None or abs(w[t] - w["value"]) > sigma for t in ("lower_threshold", "upper_threshold"))
            if clear:
                assert bool(row[(metric, "alert")]) == w["alert"], f"row {i} {metric}.alert"


def test_saved_state_threads_and_the_async_twin(frames):
    fitted, result = run(frames, {"chunk_size": 1000, "metrics": ["mae", "rmse"]})
    analysis = frames[1].drop(columns=["y_true"])
    restored = nml.DLE.from_json(fitted.to_json())
    assert restored.estimate(analysis).to_dict() == result.to_dict()
    json.dumps(result.to_dict(), allow_nan=False)
    results = []
    threads = [threading.Thread(target=lambda: results.append(fitted.estimate(analysis).to_dict())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [result.to_dict()] * 4
    assert asyncio.run(aio.monitoring.estimate(fitted, analysis)).to_dict() == result.to_dict()
    flat = result.filter(period="analysis").to_df(multilevel=False)
    assert len(flat) == 6 and "mae_sampling_error" in flat.columns


def test_nannymls_hyperparameter_dict_reads_and_errors_are_named(frames):
    reference = frames[0]
    nannyml_defaults = {
        "boosting_type": "gbdt", "class_weight": None, "colsample_bytree": 1.0, "importance_type": "split",
        "learning_rate": 0.1, "max_depth": -1, "min_child_samples": 20, "min_child_weight": 0.001,
        "min_split_gain": 0.0, "n_estimators": 100, "n_jobs": -1, "num_leaves": 31, "objective": None,
        "random_state": 13, "reg_alpha": 0.0, "reg_lambda": 0.0, "silent": "warn", "subsample": 1.0,
        "subsample_for_bin": 200000, "subsample_freq": 0}
    plain = nml.DLE(FEATURES, "y_pred", "y_true", chunk_size=1000, metrics="mae").fit(reference)
    given = nml.DLE(FEATURES, "y_pred", "y_true", chunk_size=1000, metrics="mae",
                    hyperparameters=nannyml_defaults).fit(reference)
    assert given.estimate(reference).to_dict() == plain.estimate(reference).to_dict()
    with pytest.raises(edgekit.EdgekitError, match="subsample = 0.5"):
        nml.DLE(FEATURES, "y_pred", "y_true", hyperparameters={"subsample": 0.5}).fit(reference)
    with pytest.raises(ValueError, match="num_leafs"):
        nml.DLE(FEATURES, "y_pred", "y_true", hyperparameters={"num_leafs": 8}).fit(reference)
    with pytest.raises(edgekit.EdgekitError, match="num_leaves"):
        nml.DLE(FEATURES, "y_pred", "y_true", hyperparameters={"num_leaves": 1}).fit(reference)
    with pytest.raises(edgekit.InvalidInputError, match="tune_hyperparameters"):
        nml.DLE(FEATURES, "y_pred", "y_true", tune_hyperparameters=True)
    with pytest.raises(edgekit.InvalidInputError, match="before estimate"):
        nml.DLE(FEATURES, "y_pred", "y_true").estimate(reference)
    with pytest.raises(edgekit.InvalidInputError, match="missing the columns"):
        plain.estimate(reference.drop(columns=["fuel"]))
    with pytest.raises(edgekit.InvalidInputError, match="y_pred"):
        plain.estimate(reference.assign(y_pred=np.nan))
    with pytest.raises(edgekit.InvalidInputError, match="not a saved DLE"):
        nml.DLE.from_json("{}")
