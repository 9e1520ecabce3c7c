"""edgekit.monitoring's multiclass CBPE and PerformanceCalculator, and the confusion matrix of
binary and multiclass models, against NannyML 0.13.1 on its own synthetic data
(tests/vectors/nannyml_multiclass.json, recorded by tests/vectors/generate_nannyml_multiclass.py).

Values to 1e-9; the ROC AUC sampling error to 2 % and its band to 3 × 2 % of it; the estimated
multiclass ROC AUC to 5e-5 (tied scores; see core/tests/nannyml_multiclass.rs). The column
layout of ``to_df()`` exactly as NannyML's."""

import json
import math
import threading

import pandas as pd
import pytest

import edgekit
import edgekit.monitoring as nml
from conftest import VECTORS

V = json.loads((VECTORS / "nannyml_multiclass.json").read_text())
CLASSES = V["classes"]
PROBA = {c: f"y_pred_proba_{c}" for c in CLASSES}
DATA = VECTORS.parent.parent / "examples/data/nannyml"


@pytest.fixture(scope="module")
def multiclass():
    return pd.read_csv(DATA / "multiclass_reference.csv"), pd.read_csv(DATA / "multiclass_analysis.csv")


@pytest.fixture(scope="module")
def binary():
    return pd.read_csv(DATA / "binary_reference.csv"), pd.read_csv(DATA / "binary_analysis.csv")


def kwargs(options):
    out = dict(options)
    out.pop("late", None)
    thresholds = out.pop("thresholds", None)
    if thresholds:
        out["thresholds"] = {k: nml.ConstantThreshold(t["lower"], t["upper"]) for k, t in thresholds.items()}
    return out


def late(frame, target, options):
    """The recorder's rule: every 3rd analysis target not yet known."""
    if not options.get("late"):
        return frame
    return frame.assign(**{target: frame[target].where(frame.index % 3 != 0)})


def compare(result, case, binary_model):
    frame = result.to_df()
    assert [list(c) for c in frame.columns] == case["columns"]
    multiclass_estimate = not binary_model and "estimator" in case
    for i, (_, row) in enumerate(frame.iterrows()):
        want = case["rows"][i]
        for (group, field), value in row.items():
            expected = want[group][field]
            what = f"row {i} {group}.{field}"
            if group == "chunk":
                if field not in ("start_date", "end_date"):
                    assert value == expected, what
                continue
            se = want[group].get("sampling_error") or 0.0
            if expected is None:
                assert value is None or (isinstance(value, float) and math.isnan(value)), what
            elif isinstance(expected, bool):
                assert bool(value) == expected, what
            elif group == "roc_auc" and field == "sampling_error":
                assert math.isclose(value, expected, rel_tol=2e-2), what
            elif group == "roc_auc" and field.endswith("confidence_boundary"):
                tie = 5e-5 if multiclass_estimate else 1e-12
                assert abs(value - expected) <= 0.06 * se + tie, what
            elif group == "roc_auc" and field == "value" and multiclass_estimate:
                assert abs(value - expected) <= 5e-5, what
            else:
                assert math.isclose(value, expected, rel_tol=1e-9, abs_tol=1e-9), f"{what}: {value} != {expected}"
    json.dumps(result.to_dict(), allow_nan=False)


@pytest.mark.parametrize("case", V["cbpe"], ids=lambda c: json.dumps(c["options"]))
def test_multiclass_cbpe_matches_nannyml(multiclass, case):
    reference, analysis = multiclass
    decided = set(case["calibrated"].values())
    assert len(decided) == 1  # the recorded decisions agree across classes: force that one
    estimator = nml.CBPE(metrics=V["metrics"], y_pred_proba=PROBA, y_pred="y_pred", y_true="y_true",
                         problem_type="classification_multiclass", timestamp_column_name="timestamp",
                         calibrate=decided.pop(), **kwargs(case["options"])).fit(reference)
    if case["options"].get("late"):
        analysis = analysis.drop(columns=["y_true"])
    compare(estimator.estimate(analysis), {**case, "estimator": True}, False)


@pytest.mark.parametrize("case", V["performance"], ids=lambda c: json.dumps(c["options"]))
def test_multiclass_performance_matches_nannyml(multiclass, case):
    reference, analysis = multiclass
    calc = nml.PerformanceCalculator(metrics=V["metrics"], y_pred_proba=PROBA, y_pred="y_pred", y_true="y_true",
                                     problem_type="classification_multiclass", timestamp_column_name="timestamp",
                                     **kwargs(case["options"])).fit(reference)
    compare(calc.calculate(late(analysis, "y_true", case["options"])), case, False)


@pytest.mark.parametrize("pair", list(zip(V["binary_cbpe"], V["binary_performance"])),
                         ids=lambda p: json.dumps(p[0]["options"]))
def test_binary_confusion_matrix_matches_nannyml(binary, pair):
    reference, analysis = binary
    case, performance = pair
    common = dict(metrics=["confusion_matrix", "f1"], y_pred_proba="y_pred_proba", y_pred="y_pred",
                  y_true="work_home_actual", problem_type="classification_binary",
                  timestamp_column_name="timestamp", **kwargs(case["options"]))
    data = late(analysis, "work_home_actual", case["options"])
    estimator = nml.CBPE(calibrate=case["needs_calibration"], **common).fit(reference)
    compare(estimator.estimate(data), case, True)
    calc = nml.PerformanceCalculator(**common).fit(reference)
    compare(calc.calculate(data), performance, True)


def test_multiclass_state_threads_labels_and_errors(multiclass):
    reference, analysis = multiclass
    estimator = nml.CBPE(metrics=["f1", "confusion_matrix"], y_pred_proba=PROBA, y_pred="y_pred", y_true="y_true",
                         problem_type="classification_multiclass", chunk_size=1000).fit(reference)
    assert set(estimator.calibrated_classes) == set(CLASSES)
    want = estimator.estimate(analysis).to_dict()
    assert [c["true_class"] for c in want[0]["confusion_matrix"]][:3] == [CLASSES[0]] * 3
    back = nml.CBPE.from_json(estimator.to_json())
    assert back.estimate(analysis).to_dict() == want
    results = []
    threads = [threading.Thread(target=lambda: results.append(estimator.estimate(analysis).to_dict()))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [want] * 4
    # Integer class labels keep their type through the column mapping and the saved state.
    codes = {c: i for i, c in enumerate(CLASSES)}
    numeric = reference.assign(y_pred=reference.y_pred.map(codes), y_true=reference.y_true.map(codes)).rename(
        columns={f"y_pred_proba_{c}": f"p{codes[c]}" for c in CLASSES})
    calc = nml.PerformanceCalculator(metrics=["accuracy", "confusion_matrix"], y_pred_proba={0: "p0", 1: "p1", 2: "p2"},
                                     y_pred="y_pred", y_true="y_true", problem_type="classification_multiclass",
                                     chunk_number=4).fit(numeric)
    frame = nml.PerformanceCalculator.from_json(calc.to_json()).calculate(numeric).to_df()
    assert ("true_0_pred_2", "value") in frame.columns
    with pytest.raises(edgekit.InputTypeError, match="each class"):
        nml.CBPE(metrics=["f1"], y_pred_proba="p", y_true="y", problem_type="classification_multiclass", y_pred="l")
    with pytest.raises(edgekit.InvalidInputError, match="not one of the classes"):
        estimator.estimate(analysis.assign(y_pred="gold_card"))
    with pytest.raises(edgekit.InvalidInputError, match="reference"):
        nml.CBPE(metrics=["f1"], y_pred_proba=PROBA, y_pred="y_pred", y_true="y_true",
                 problem_type="classification_multiclass").fit(reference.assign(y_true=None))
    with pytest.raises(edgekit.InvalidInputError, match=r"\[0, 1\]"):
        estimator.estimate(analysis.assign(**{PROBA[CLASSES[1]]: 1.5}))
    with pytest.raises(edgekit.InvalidInputError, match="normalize_confusion_matrix"):
        nml.CBPE(metrics=["confusion_matrix"], y_pred_proba=PROBA, y_pred="y_pred", y_true="y_true",
                 problem_type="classification_multiclass", normalize_confusion_matrix="rows").fit(reference)
