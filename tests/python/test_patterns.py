import json
import pathlib

import numpy as np
import pandas as pd
import pytest

import edgekit
from edgekit import patterns

ROOT = pathlib.Path(__file__).resolve().parents[2]
VECTORS = json.loads((ROOT / "tests/vectors/patterns.json").read_text())


def columns(dataset):
    if "bars" in dataset:
        return [np.array(dataset["bars"][k]) for k in ("open", "high", "low", "close")]
    frame = pd.read_csv(ROOT / dataset["file"])
    return [frame[k].to_numpy(float) for k in ("Open", "High", "Low", "Close")]


@pytest.mark.parametrize("dataset", VECTORS["datasets"], ids=lambda d: d["name"])
def test_candles_match_talib_on_every_bar(dataset):
    o, h, l, c = columns(dataset)
    found = patterns.candles(o, h, l, c)
    assert sorted(found) == sorted(patterns.candle_patterns())
    for name, got in found.items():
        assert got.dtype == np.int32 and len(got) == dataset["length"]
        want = np.zeros(dataset["length"], dtype=np.int32)
        for i, v in dataset["candles"][name]:
            want[i] = v
        bad = np.flatnonzero(got != want)
        assert bad.size == 0, f"{name}: bars {bad[:5]} edgekit {got[bad[:5]]} TA-Lib {want[bad[:5]]}"


def test_indicators_match_talib():
    o, h, l, c = columns(VECTORS["datasets"][0])
    want = VECTORS["indicators"]["values"]
    got = {"sma_20": patterns.sma(c, 20), "ema_20": patterns.ema(c, 20),
           "atr_14": patterns.atr(h, l, c, 14), "rsi_14": patterns.rsi(c, 14),
           "max_20": patterns.highest(c, 20), "min_20": patterns.lowest(c, 20)}
    for name, values in got.items():
        expected = np.array([np.nan if v is None else v for v in want[name]])
        np.testing.assert_allclose(values, expected, rtol=1e-12, atol=1e-12, equal_nan=True,
                                   err_msg=name)


def test_ema_first_seed_is_pandas_ewm():
    values = np.random.default_rng(3).normal(100, 5, 300)
    want = pd.Series(values).ewm(span=12, adjust=False).mean().to_numpy()
    np.testing.assert_allclose(patterns.ema(values, 12, seed="first"), want, rtol=1e-12)


def test_bad_bars_name_the_row_and_bad_names_are_refused():
    with pytest.raises(edgekit.InvalidInputError, match="bar 1: low 2.1 is above"):
        patterns.candles([1.0, 2.0], [1.5, 2.5], [0.5, 2.1], [1.2, 2.0])
    with pytest.raises(edgekit.InvalidInputError, match="open has 1 values but high has 2"):
        patterns.candles([1.0], [1.5, 2.0], [0.5], [1.2])
    with pytest.raises(edgekit.InvalidInputError, match="NOPE"):
        patterns.candles([1.0], [1.5], [0.5], [1.2], patterns=["DOJI", "NOPE"])
    with pytest.raises(edgekit.InvalidInputError, match="values\\[2\\] is NaN"):
        patterns.sma([1.0, 2.0, np.nan], 2)
    with pytest.raises(edgekit.InvalidInputError, match="period"):
        patterns.rsi([1.0, 2.0, 3.0], 1)
    with pytest.raises(edgekit.InputTypeError):
        patterns.sma(["a", "b"], 1)


def eurusd():
    frame = pd.read_csv(ROOT / "examples/data/EURUSD.csv", index_col=0, parse_dates=True)
    return frame


def test_resample_matches_pandas_on_eurusd():
    frame = eurusd()
    cols = [frame[k].to_numpy(float) for k in ("Open", "High", "Low", "Close", "Volume")]
    for timeframe, rule in (("4h", "4h"), ("1d", "1D")):
        got = patterns.resample(frame.index, *cols, timeframe=timeframe)
        want = frame.resample(rule).agg({"Open": "first", "High": "max", "Low": "min",
                                         "Close": "last", "Volume": "sum"}).dropna()
        assert len(got["close"]) == len(want)
        np.testing.assert_array_equal(got["timestamps"],
                                      want.index.values.astype("datetime64[s]").astype(np.int64))
        for key, column in (("open", "Open"), ("high", "High"), ("low", "Low"),
                            ("close", "Close")):
            np.testing.assert_array_equal(got[key], want[column].to_numpy())
        np.testing.assert_allclose(got["volume"], want["Volume"].to_numpy(), rtol=1e-12)


def test_session_vwap_matches_pandas_groupby():
    frame = eurusd()
    h, l, c, v = (frame[k].to_numpy(float) for k in ("High", "Low", "Close", "Volume"))
    # Sessions starting 22:00 UTC (the FX day), expressed as start 22:00 at offset 0.
    got = patterns.session_vwap(frame.index, h, l, c, v, session_start=22 * 60)
    session = (frame.index - pd.Timedelta(hours=22)).floor("1D")
    typical = (frame["High"] + frame["Low"] + frame["Close"]) / 3
    weighted = (typical * frame["Volume"]).groupby(session).cumsum()
    want = (weighted / frame["Volume"].groupby(session).cumsum()).to_numpy()
    np.testing.assert_allclose(got, want, rtol=1e-12, equal_nan=True)


def test_structure_on_hand_built_bars():
    high = np.array([10.0, 12.0, 11.0, 12.1, 11.0, 13.0, 11.0, 10.0, 9.0])
    low = np.array([9.0, 11.0, 10.0, 11.0, 10.05, 12.0, 10.0, 9.0, 8.0])
    close = np.array([9.5, 11.5, 10.5, 11.5, 10.5, 12.5, 10.5, 9.5, 8.5])
    s = patterns.swings(close, high, low, close, left=1, right=1)
    assert s["index"].tolist() == [1, 2, 3, 4, 5]
    assert s["kind"].tolist() == [1, -1, 1, -1, 1]
    assert s["confirmed_at"].tolist() == [2, 3, 4, 5, 6]
    trend = patterns.trend_structure(close, high, low, close, left=1, right=1)
    assert trend.tolist() == [0, 0, 0, 0, 0, 1, 1, -1, -1]
    found = patterns.levels(close, high, low, close, left=1, right=1, tolerance=0.01)
    assert [(round(x["price"], 3), x["touches"]) for x in found] == [(10.025, 2), (12.05, 2)]
    gaps = patterns.fair_value_gaps([9.5, 11, 12, 12, 10.5, 12], [10, 12, 13, 12.5, 11, 12.2],
                                    [9, 10.5, 11, 11.5, 10, 11.8], [9.5, 11, 12, 12, 10.5, 12])
    assert gaps == [{"index": 1, "bullish": True, "bottom": 10.0, "top": 11.0, "filled_at": 4}]
    with pytest.raises(edgekit.InvalidInputError, match="method \"pivots\""):
        patterns.swings(close, high, low, close, method="pivots")
    with pytest.raises(edgekit.InvalidInputError, match="timestamps must increase"):
        patterns.resample([0, 60, 60], [1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1])
    with pytest.raises(edgekit.InvalidInputError, match="timeframe \"7x\""):
        patterns.resample([0, 60], [1, 1], [1, 1], [1, 1], [1, 1], timeframe="7x")


def test_breakouts_and_retests():
    close = [99.0, 99.5, 101.0, 102.0, 100.3, 101.5, 98.0, 97.0, 99.9]
    low = [98.5, 99.0, 99.8, 101.0, 100.05, 100.8, 97.5, 96.5, 97.0]
    high = [99.5, 100.0, 101.5, 102.5, 102.0, 102.0, 101.6, 98.0, 100.1]
    found = patterns.breakouts(close, high, low, close, [100.0], tolerance=0.001, max_bars=10)
    assert found == [
        {"level": 100.0, "index": 2, "up": True, "retest_at": 4, "held": True},
        {"level": 100.0, "index": 6, "up": False, "retest_at": 8, "held": True},
    ]
    with pytest.raises(edgekit.InvalidInputError, match="levels"):
        patterns.breakouts(close, high, low, close, [float("nan")])


def test_regimes_split_a_series_at_its_change_points():
    # A player's fantasy points: a role change after game 20.
    rng = np.random.default_rng(4)
    points = np.r_[rng.normal(12, 3, 20), rng.normal(21, 3, 25)]
    found = patterns.regimes(points, penalty=120.0)
    assert [r["start"] for r in found] == [0, 20]
    assert found[1]["end"] == 45 and abs(found[1]["mean"] - points[20:].mean()) < 1e-12
    assert patterns.regimes(points, penalty=1e9) == [
        {"start": 0, "end": 45, "mean": pytest.approx(points.mean()), "std": pytest.approx(points.std())}]
    with pytest.raises(edgekit.InvalidInputError):
        patterns.regimes([1.0, float("nan")])


def test_candles_follow_overridden_settings_like_talib():
    goog = next(d for d in VECTORS["datasets"] if d["name"] == "GOOG")
    o, h, l, c = columns(goog)
    assert patterns.candle_settings()["body_doji"] == {"range_type": "high_low", "avg_period": 10, "factor": 0.1}
    for case in VECTORS["settings"]:
        found = patterns.candles(o, h, l, c, settings=case["settings"])
        for name, got in found.items():
            want = np.zeros(len(c), dtype=np.int32)
            for i, v in case["candles"][name]:
                want[i] = v
            assert np.array_equal(got, want), (name, case["settings"])
    # Partial overrides keep the other fields.
    partial = patterns.candles(o, h, l, c, ["DOJI"], settings={"body_doji": {"factor": 0.05}})
    full = patterns.candles(o, h, l, c, ["DOJI"], settings=VECTORS["settings"][0]["settings"])
    assert np.array_equal(partial["DOJI"], full["DOJI"])
    with pytest.raises(edgekit.InvalidInputError, match="body_tiny"):
        patterns.candles(o, h, l, c, settings={"body_tiny": {"factor": 1.0}})
    with pytest.raises(edgekit.InvalidInputError, match="factor"):
        patterns.candles(o, h, l, c, settings={"near": {"factor": -1.0}})
