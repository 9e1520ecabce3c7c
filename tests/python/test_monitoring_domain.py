"""edgekit.monitoring.DomainClassifierCalculator against NannyML 0.13.1's (LightGBM classifiers,
stratified k-fold) on its synthetic binary data (tests/vectors/nannyml_domain.json, recorded by
tests/vectors/generate_nannyml_domain.py).

Keys, indices and periods exactly; each AUC within two standard errors of an AUC of 0.5 between
the chunk and the rows it is told from (the noise any classifier's AUC carries where there is
nothing to find; see core/tests/nannyml_domain.rs); thresholds to 0.005; alerts exactly wherever
NannyML's value lies clear of that from a threshold. ``to_df()``'s column layout as NannyML's."""

import json
import math
import threading

import pandas as pd
import pytest

import edgekit
import edgekit.monitoring as nml
from conftest import VECTORS

V = json.loads((VECTORS / "nannyml_domain.json").read_text())
FEATURES = V["provenance"]["features"]
DATA = VECTORS.parent.parent / "examples/data/nannyml"


def load(name, unseen=False):
    frame = pd.read_csv(DATA / name)
    frame["wfh_prev_workday"] = frame["wfh_prev_workday"].astype(bool)
    if unseen:  # the recorder's rule: every 53rd workday a "Holiday"
        frame["workday"] = frame["workday"].astype(object)
        frame.loc[frame.index % 53 == 0, "workday"] = "Holiday"
    return frame


def calculator(options):
    kwargs = {k: v for k, v in options.items() if k != "unseen"}
    threshold = kwargs.pop("threshold", None)
    if threshold:
        kwargs["threshold"] = nml.StandardDeviationThreshold(threshold["std_lower_multiplier"],
                                                             threshold["std_upper_multiplier"])
    return nml.DomainClassifierCalculator(feature_column_names=FEATURES, timestamp_column_name="timestamp", **kwargs)


def null_auc_error(a, b):
    return math.sqrt((a + b + 1) / (12 * a * b))


@pytest.fixture(scope="module")
def reference():
    return load("binary_reference.csv")


@pytest.mark.parametrize("case", V["domain"], ids=lambda c: json.dumps(c["options"]))
def test_domain_classifier_matches_nannyml(reference, case):
    analysis = load("binary_analysis.csv", case["options"].get("unseen", False))
    result = calculator(case["options"]).fit(reference).calculate(analysis)
    frame = result.to_df()
    assert [list(c) for c in frame.columns] == case["columns"]
    for i, (_, row) in enumerate(frame.iterrows()):
        want = case["rows"][i]
        for key in ("key", "chunk_index", "start_index", "end_index", "period"):
            assert row[("chunk", key)] == want["chunk"][key]
        size = want["chunk"]["end_index"] - want["chunk"]["start_index"] + 1
        others = len(reference) - size if want["chunk"]["period"] == "reference" else len(reference)
        se = null_auc_error(size, others)
        w = want["domain_classifier_auroc"]
        value = row[("domain_classifier_auroc", "value")]
        assert abs(value - w["value"]) <= 2 * se, f"row {i}: {value} vs {w['value']}"
        for t in ("lower_threshold", "upper_threshold"):
            assert abs(row[("domain_classifier_auroc", t)] - w[t]) <= 0.005
        if all(abs(w[t] - w["value"]) > 2 * se + 0.005 for t in ("lower_threshold", "upper_threshold")):
            assert bool(row[("domain_classifier_auroc", "alert")]) == w["alert"], f"row {i} alert"


def test_saved_state_threads_and_errors(reference):
    calc = nml.DomainClassifierCalculator(FEATURES, timestamp_column_name="timestamp", chunk_number=2,
                                          cv_folds_num=3, hyperparameters={"n_estimators": 20, "n_jobs": -1})
    calc.fit(reference.iloc[:1500])
    analysis = load("binary_analysis.csv").iloc[-600:]
    result = calc.calculate(analysis)
    assert [r["domain_classifier_auroc"]["alert"] for r in result.filter(period="analysis").to_dict()] == [True, True]
    json.dumps(result.to_dict(), allow_nan=False)
    restored = nml.DomainClassifierCalculator.from_json(calc.to_json())
    assert restored.calculate(analysis).to_dict() == result.to_dict()
    assert restored.thresholds == (0.45, 0.65)
    results = []
    threads = [threading.Thread(target=lambda: results.append(calc.calculate(analysis).to_dict())) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [result.to_dict()] * 3
    with pytest.raises(edgekit.EdgekitError, match="cv_folds_num"):
        nml.DomainClassifierCalculator(FEATURES, chunk_size=500, cv_folds_num=1).fit(reference)
    with pytest.raises(edgekit.InvalidInputError, match="tune_hyperparameters"):
        nml.DomainClassifierCalculator(FEATURES, tune_hyperparameters=True)
    with pytest.raises(edgekit.InvalidInputError, match="before calculate"):
        nml.DomainClassifierCalculator(FEATURES).calculate(reference)
    with pytest.raises(edgekit.InvalidInputError, match="not a saved"):
        nml.DomainClassifierCalculator.from_json("{}")
