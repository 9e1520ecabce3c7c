"""edgekit.monitoring.ChunkMonitor: a fitted calculator fed batch by batch gives, once flushed,
exactly the calculator's result over all the rows (NannyML's synthetic binary data, batches of
uneven sizes, by size and by calendar month); saved midway it carries on; a refused batch
changes nothing; threads may push at once."""

import json
import threading

import numpy as np
import pandas as pd
import pytest

import edgekit
import edgekit.monitoring as nml
from conftest import VECTORS

DATA = VECTORS.parent.parent / "examples/data/nannyml"
FEATURES = ["distance_from_office", "salary_range", "gas_price_per_litre", "public_transportation_cost",
            "wfh_prev_workday", "workday", "tenure"]


@pytest.fixture(scope="module")
def frames():
    out = [pd.read_csv(DATA / f"binary_{name}.csv", parse_dates=["timestamp"]) for name in ("reference", "analysis")]
    for frame in out:
        frame["wfh_prev_workday"] = frame["wfh_prev_workday"].astype(bool)
    return out


def calculators(chunking):
    return {
        "univariate": nml.UnivariateDriftCalculator(FEATURES, timestamp_column_name="timestamp", **chunking),
        "reconstruction": nml.DataReconstructionDriftCalculator(FEATURES, timestamp_column_name="timestamp",
                                                                **chunking),
        "cbpe": nml.CBPE(["roc_auc", "f1", "confusion_matrix"], y_pred_proba="y_pred_proba", y_pred="y_pred",
                         y_true="work_home_actual", problem_type="classification_binary",
                         timestamp_column_name="timestamp", **chunking),
        "realized": nml.PerformanceCalculator(["roc_auc", "accuracy"], y_pred_proba="y_pred_proba", y_pred="y_pred",
                                              y_true="work_home_actual", problem_type="classification_binary",
                                              timestamp_column_name="timestamp", **chunking),
    }


def batch_result(calc, analysis):
    return calc.estimate(analysis) if isinstance(calc, nml.CBPE) else calc.calculate(analysis)


def uneven_batches(frame, seed):
    cuts = np.sort(np.random.default_rng(seed).choice(np.arange(1, len(frame)), size=17, replace=False))
    return [frame.iloc[a:b] for a, b in zip([0, *cuts], [*cuts, len(frame)])]


@pytest.mark.parametrize("chunking", [{"chunk_size": 700}, {"chunk_period": "M"},
                                      {"chunker": nml.SizeBasedChunker(600, incomplete="drop")}],
                         ids=["size", "month", "size-drop"])
@pytest.mark.parametrize("kind", ["univariate", "reconstruction", "cbpe", "realized"])
def test_pushed_batches_give_the_calculators_result(frames, chunking, kind):
    reference, analysis = frames
    calc = calculators(chunking)[kind].fit(reference)
    expected = batch_result(calc, analysis)
    monitor = calc.monitor()
    for i, batch in enumerate(uneven_batches(analysis, 3)):
        if i == 9:
            monitor = nml.ChunkMonitor.from_json(monitor.to_json())
        monitor.push(batch)
    assert monitor.pending_rows > 0 or "chunk_size" in chunking
    monitor.flush()
    assert monitor.pending_rows == 0
    got = monitor.result()
    assert type(got) is type(expected)
    assert got.to_dict() == expected.to_dict()
    pd.testing.assert_frame_equal(got.to_df(), expected.to_df())
    json.dumps(got.to_dict(), allow_nan=False)


def test_chunks_close_as_they_fill(frames):
    reference, analysis = frames
    monitor = nml.UnivariateDriftCalculator(FEATURES, chunk_size=1000).fit(reference).monitor()
    monitor.push(analysis.iloc[:2500])
    analysed = monitor.result().filter(period="analysis").to_df()
    assert list(analysed[("chunk", "chunk", "key")]) == ["[0:999]", "[1000:1999]"]
    assert monitor.pending_rows == 500
    monitor.push(analysis.iloc[2500:3000])
    assert len(monitor.result().filter(period="analysis")) == 3
    assert repr(monitor).startswith("<ChunkMonitor of UnivariateDriftCalculator")


def test_a_refused_batch_changes_nothing(frames):
    reference, analysis = frames
    calc = calculators({"chunk_period": "M"})["cbpe"].fit(reference)
    monitor = calc.monitor().push(analysis.iloc[:1000])
    saved = monitor.to_json()
    bad = analysis.iloc[1000:1200].copy()
    bad.loc[bad.index[50], "y_pred_proba"] = 1.5
    with pytest.raises(edgekit.InvalidInputError):
        monitor.push(bad)
    assert monitor.to_json() == saved
    with pytest.raises(edgekit.InvalidInputError, match="has closed"):
        monitor.push(analysis.iloc[10:20])  # an earlier month, closed by the first batch
    assert monitor.to_json() == saved
    monitor.push(analysis.iloc[1000:1200])
    assert monitor.pending_rows > 0


def test_what_a_stream_cannot_follow_is_refused(frames):
    reference, _ = frames
    with pytest.raises(edgekit.InvalidInputError, match="chunk_size or chunk_period"):
        nml.UnivariateDriftCalculator(FEATURES).fit(reference).monitor()
    with pytest.raises(edgekit.InvalidInputError, match="append"):
        nml.UnivariateDriftCalculator(FEATURES, chunker=nml.SizeBasedChunker(100, incomplete="append")) \
            .fit(reference).monitor()
    with pytest.raises(edgekit.InvalidInputError, match="fit the calculator"):
        nml.ChunkMonitor(nml.UnivariateDriftCalculator(FEATURES, chunk_size=10))
    with pytest.raises(edgekit.InputTypeError):
        nml.ChunkMonitor("univariate")
    with pytest.raises(ValueError):
        nml.ChunkMonitor.from_json('{"kind": "MMDDrift"}')
    with pytest.raises(edgekit.EdgekitError):
        nml.ChunkMonitor.from_json('{"kind": "CBPE", "calculator": {}, "monitor": {"calculator": {}}}')


def test_threads_push_at_once(frames):
    reference, analysis = frames
    monitor = nml.DataReconstructionDriftCalculator(FEATURES, chunk_size=250).fit(reference).monitor()
    batches = uneven_batches(analysis, 5)
    errors = []

    def work(part):
        try:
            for b in part:
                monitor.push(b)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(batches[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(monitor.result().filter(period="analysis")) == len(analysis) // 250
    assert monitor.pending_rows == len(analysis) % 250


def test_aio_push_and_flush(frames):
    import asyncio

    from edgekit import aio

    reference, analysis = frames
    monitor = nml.UnivariateDriftCalculator(FEATURES, chunk_size=2000).fit(reference).monitor()

    async def main():
        await aio.monitoring.push(monitor, analysis)
        await aio.monitoring.flush(monitor)

    asyncio.run(main())
    assert len(monitor.result().filter(period="analysis")) == 3


def test_every_other_calculator_streams_to_its_result():
    """Multiclass CBPE and realized performance, regression performance, DLE and the domain
    classifier: pushed in uneven batches, saved and reloaded midway, flushed: their results."""
    frames = {name: pd.read_csv(DATA / f"{name}.csv", parse_dates=["timestamp"])
              for name in ("multiclass_reference", "multiclass_analysis", "regression_reference",
                           "regression_analysis", "binary_reference", "binary_analysis")}
    cards = ["highstreet_card", "prepaid_card", "upmarket_card"]
    multiclass = dict(y_pred_proba={c: f"y_pred_proba_{c}" for c in cards}, y_pred="y_pred", y_true="y_true",
                      problem_type="classification_multiclass", timestamp_column_name="timestamp")
    cars = ["car_age", "km_driven", "price_new", "accident_count", "door_count", "fuel", "transmission"]
    cases = [
        (nml.CBPE(["f1", "confusion_matrix"], chunk_size=700, **multiclass), "multiclass", "estimate"),
        (nml.PerformanceCalculator(["accuracy"], chunk_period="M", **multiclass), "multiclass", "calculate"),
        (nml.PerformanceCalculator(["mae", "rmse"], y_pred="y_pred", y_true="y_true", problem_type="regression",
                                   chunker=nml.SizeBasedChunker(650, incomplete="drop")), "regression", "calculate"),
        (nml.DLE(feature_column_names=cars, y_pred="y_pred", y_true="y_true", metrics=["mae"], chunk_size=1500,
                 hyperparameters={"n_estimators": 20}), "regression", "estimate"),
        (nml.DomainClassifierCalculator(feature_column_names=FEATURES, chunk_size=500, cv_folds_num=3,
                                        hyperparameters={"n_estimators": 10}), "binary", "calculate"),
    ]
    for calc, data, method in cases:
        reference, analysis = frames[f"{data}_reference"], frames[f"{data}_analysis"]
        if data == "binary":
            reference, analysis = reference.iloc[:1000], analysis.iloc[2000:3500].reset_index(drop=True)
        calc.fit(reference)
        expected = getattr(calc, method)(analysis)
        monitor = calc.monitor()
        for i, batch in enumerate(uneven_batches(analysis, 11)):
            if i == 6:
                monitor = nml.ChunkMonitor.from_json(monitor.to_json())
            monitor.push(batch)
        monitor.flush()
        got = monitor.result()
        assert type(got) is type(expected), type(calc).__name__
        assert got.to_dict() == expected.to_dict(), type(calc).__name__
        pd.testing.assert_frame_equal(got.to_df(), expected.to_df())
