"""Scan GOOG's daily bars for candlestick patterns with edgekit.patterns and pandas.

    python examples/python/scan_goog.py

Prints how often each TA-Lib pattern fired, the last ten signals with RSI(14) and ATR(14)
beside them, and the mean 5-day return after each signal direction.
"""

import pathlib

import numpy as np
import pandas as pd

from edgekit import patterns

DATA = pathlib.Path(__file__).resolve().parents[1] / "data" / "GOOG.csv"


def main():
    bars = pd.read_csv(DATA, index_col=0, parse_dates=True)
    o, h, l, c = (bars[k].to_numpy(float) for k in ("Open", "High", "Low", "Close"))
    signals = pd.DataFrame(patterns.candles(o, h, l, c), index=bars.index)
    bars["rsi_14"] = patterns.rsi(c, 14)
    bars["atr_14"] = patterns.atr(h, l, c, 14)

    counts = pd.DataFrame({"bullish": (signals > 0).sum(), "bearish": (signals < 0).sum()})
    counts = counts[counts.sum(axis=1) > 0].sort_values("bullish", ascending=False)
    print(f"{len(bars)} GOOG daily bars, {len(signals.columns)} patterns scanned")
    print(counts.head(12).to_string())

    events = signals.stack()
    events = events[events != 0].rename("signal").reset_index()
    events.columns = ["date", "pattern", "signal"]
    events = events.join(bars[["Close", "rsi_14", "atr_14"]], on="date")
    with pd.option_context("display.float_format", "{:.2f}".format, "display.width", 120):
        print(events.tail(10).to_string(index=False))

    forward = bars["Close"].shift(-5) / bars["Close"] - 1
    for name in ("ENGULFING", "HAMMER", "SHOOTINGSTAR"):
        for direction, mask in (("bullish", signals[name] > 0), ("bearish", signals[name] < 0)):
            if mask.any():
                print(f"{name:<13} {direction:<8} n = {int(mask.sum()):>4}  mean 5-day return "
                      f"{100 * np.nanmean(forward[mask]):+.2f}% (all bars {100 * forward.mean():+.2f}%)")


if __name__ == "__main__":
    main()
