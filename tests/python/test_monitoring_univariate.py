"""edgekit.monitoring.UnivariateDriftCalculator against NannyML 0.13.1's on its own synthetic data
(tests/vectors/nannyml_univariate.json, recorded by tests/vectors/generate_nannyml_univariate.py).
Every value and threshold to 1e-9, alerts exactly, the set of ``to_df()`` columns as NannyML's
(NannyML orders columns by Python's set order, which varies from run to run)."""

import json
import math
import threading

import pandas as pd
import pytest

import edgekit
import edgekit.monitoring as nml
from conftest import VECTORS

V = json.loads((VECTORS / "nannyml_univariate.json").read_text())
DATA = VECTORS.parent.parent / "examples/data/nannyml"


@pytest.fixture(scope="module")
def data():
    frames = [pd.read_csv(DATA / f"binary_{name}.csv") for name in ("reference", "analysis")]
    for frame in frames:
        frame["wfh_prev_workday"] = frame["wfh_prev_workday"].astype(bool)
    return frames


def calculator(options):
    kwargs = dict(options)
    kwargs.pop("unseen", None)
    thresholds = kwargs.pop("thresholds", None)
    if thresholds:
        kwargs["thresholds"] = {
            m: nml.ConstantThreshold(t["lower"], t["upper"]) if t["type"] == "constant"
            else nml.StandardDeviationThreshold(t["std_lower_multiplier"], t["std_upper_multiplier"])
            for m, t in thresholds.items()}
    return nml.UnivariateDriftCalculator(
        column_names=V["continuous"] + V["categorical"], treat_as_categorical=V["categorical"],
        timestamp_column_name="timestamp", continuous_methods=V["continuous_methods"],
        categorical_methods=V["categorical_methods"], **kwargs)


@pytest.mark.parametrize("case", V["cases"], ids=lambda c: json.dumps(c["options"]))
def test_univariate_drift_matches_nannyml(data, case):
    reference, analysis = data
    calc = calculator(case["options"]).fit(reference)
    if case["options"].get("unseen"):  # the recorder's rule: every 53rd workday a "Holiday"
        analysis = analysis.copy()
        analysis.loc[analysis.index % 53 == 0, "workday"] = "Holiday"
    result = calc.calculate(analysis)
    frame = result.to_df()
    assert sorted(map(list, frame.columns)) == sorted(case["columns"])
    for i, (_, row) in enumerate(frame.iterrows()):
        want = case["rows"][i]
        for (column, method, field), value in row.items():
            expected = want["chunk"][field] if column == "chunk" else want[column][method][field]
            what = f"row {i} {column}.{method}.{field}: {value!r} vs {expected!r}"
            if field in ("start_date", "end_date"):
                continue
            if isinstance(expected, float):
                assert math.isclose(value, expected, rel_tol=1e-9, abs_tol=1e-12), what
            elif expected is None:
                assert value is None or (isinstance(value, float) and math.isnan(value)), what
            else:
                assert value == expected, what
    json.dumps(result.to_dict(), allow_nan=False)


def test_univariate_filter_state_threads_and_errors(data):
    reference, analysis = data
    calc = calculator({"chunk_size": 1000}).fit(reference)
    assert calc.categorical_column_names == V["categorical"]
    result = calc.calculate(analysis)
    only = result.filter(period="analysis", column_names="tenure", methods=["wasserstein"])
    assert len(only) == 5 and list(only.to_df().columns)[-1] == ("tenure", "wasserstein", "alert")
    assert "tenure_wasserstein_value" in only.to_df(multilevel=False).columns
    want = result.to_dict()
    assert nml.UnivariateDriftCalculator.from_json(calc.to_json()).calculate(analysis).to_dict() == want
    results = []
    threads = [threading.Thread(target=lambda: results.append(calc.calculate(analysis).to_dict())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [want] * 4
    # Without treat_as_categorical, dtypes decide: strings and bools are categorical.
    by_dtype = nml.UnivariateDriftCalculator(["tenure", "workday", "wfh_prev_workday"], chunk_size=1000).fit(reference)
    assert by_dtype.continuous_column_names == ["tenure"]
    with pytest.raises(edgekit.InvalidInputError, match="does not apply"):
        nml.UnivariateDriftCalculator(["tenure"], continuous_methods=["chi2"]).fit(reference)
    with pytest.raises(edgekit.InvalidInputError, match="unknown|variant"):
        nml.UnivariateDriftCalculator(["tenure"], continuous_methods=["energy"]).fit(reference)
    with pytest.raises(edgekit.InvalidInputError, match="missing"):
        calc.calculate(analysis.drop(columns=["tenure"]))
    with pytest.raises(edgekit.InvalidInputError, match="numerical"):
        nml.UnivariateDriftCalculator(["workday"], treat_as_numerical="workday").fit(reference)


def test_severity_levels_in_every_calculator(data):
    """A warning band next to the alert thresholds: ``severity`` is "critical" exactly where a
    cell alerts and "warning" exactly where it leaves only the warning band; ``to_df()`` shows
    the severity fields only when warning thresholds were set (NannyML's layout otherwise)."""
    reference, analysis = data
    narrow = nml.StandardDeviationThreshold(1, 1)
    calcs = [
        nml.UnivariateDriftCalculator(["tenure", "workday"], chunk_size=500,
                                      warning_thresholds={"jensen_shannon": narrow}),
        nml.DataReconstructionDriftCalculator(["tenure", "gas_price_per_litre"], chunk_size=500,
                                              warning_threshold=narrow),
        nml.PerformanceCalculator(metrics=["f1", "confusion_matrix"], y_pred_proba="y_pred_proba", y_pred="y_pred",
                                  y_true="work_home_actual", problem_type="classification_binary", chunk_size=500,
                                  warning_thresholds={"f1": narrow, "confusion_matrix": narrow}),
        nml.CBPE(metrics=["roc_auc"], y_pred_proba="y_pred_proba", y_pred="y_pred", y_true="work_home_actual",
                 problem_type="classification_binary", chunk_size=500, warning_thresholds={"roc_auc": narrow}),
    ]
    levels = set()
    for calc in calcs:
        calc.fit(reference)
        result = calc.estimate(analysis) if isinstance(calc, nml.CBPE) else calc.calculate(analysis)
        frame = result.to_df()
        assert any(c[-1] == "severity" for c in frame.columns)
        for column in [c for c in frame.columns if c[-1] == "severity"]:
            group = column[:-1]
            for _, row in frame.iterrows():
                value, alert = row[(*group, "value")], bool(row[(*group, "alert")])
                lower, upper = row[(*group, "warning_lower_threshold")], row[(*group, "warning_upper_threshold")]
                outside = (lower is not None and not pd.isna(lower) and value < lower) or (
                    upper is not None and not pd.isna(upper) and value > upper)
                want = "critical" if alert else "warning" if outside else None
                got = None if not isinstance(row[column], str) else row[column]  # pandas: None or NaN
                assert got == want, (type(calc).__name__, group)
                levels.add(want)
        back = type(calc).from_json(calc.to_json())
        again = back.estimate(analysis) if isinstance(calc, nml.CBPE) else back.calculate(analysis)
        assert again.to_df().equals(frame)
    assert levels == {None, "warning", "critical"}
    plain = nml.UnivariateDriftCalculator(["tenure"], chunk_size=500).fit(reference).calculate(analysis)
    assert not any(c[-1] == "severity" for c in plain.to_df().columns)
    assert plain.to_dict()[0]["cells"][0]["severity"] is None
    with pytest.raises(edgekit.InputTypeError, match="warning_thresholds"):
        nml.UnivariateDriftCalculator(["tenure"], warning_thresholds=[narrow])
