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
