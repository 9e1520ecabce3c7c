"""edgekit.patterns vs TA-Lib on the same 10^6 bars, one run.

    python benches/peers/patterns_peer.py [--repeat 3]

Needs the edgekit wheel, numpy and TA-Lib (PyPI `TA-Lib`). Times the candle patterns edgekit
implements, one call each in TA-Lib against one `candles` call, and prints the ratio
TA-Lib / edgekit (above 1: edgekit is faster).
"""

import argparse
import os
import statistics
import time

import numpy as np
import talib

import edgekit
from edgekit import patterns


def timed(fn, repeat):
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def walk(n, seed=7):
    rng = np.random.default_rng(seed)
    close = np.round(100 * np.exp(np.cumsum(rng.normal(0, 0.006, n))), 2)
    open_ = np.round(np.r_[100.0, close[:-1]] * (1 + rng.uniform(-0.002, 0.002, n)), 2)
    high = np.round(np.maximum(open_, close) * (1 + rng.uniform(0, 0.006, n)), 2)
    low = np.round(np.minimum(open_, close) * (1 - rng.uniform(0, 0.006, n)), 2)
    return open_, high, low, close


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    o, h, l, c = walk(1_000_000)
    names = patterns.candle_patterns()
    print(f"{os.cpu_count()} cores; TA-Lib {talib.__version__}, edgekit {edgekit.__version__}; "
          f"{len(names)} patterns, 10^6 bars")

    def talib_all():
        return {n: getattr(talib, "CDL" + n)(o, h, l, c) for n in names}

    ours = timed(lambda: patterns.candles(o, h, l, c), args.repeat)
    peer = timed(talib_all, args.repeat)
    print(f"{'all patterns':<24} TA-Lib {peer*1e3:8.1f} ms  edgekit {ours*1e3:8.1f} ms  {peer/ours:5.2f}x")
    ours = timed(lambda: patterns.candles(o, h, l, c, ["ENGULFING"]), args.repeat)
    peer = timed(lambda: talib.CDLENGULFING(o, h, l, c), args.repeat)
    print(f"{'ENGULFING':<24} TA-Lib {peer*1e3:8.1f} ms  edgekit {ours*1e3:8.1f} ms  {peer/ours:5.2f}x")
    ours = timed(lambda: (patterns.ema(c, 20), patterns.atr(h, l, c), patterns.rsi(c)), args.repeat)
    peer = timed(lambda: (talib.EMA(c, 20), talib.ATR(h, l, c), talib.RSI(c)), args.repeat)
    print(f"{'EMA + ATR + RSI':<24} TA-Lib {peer*1e3:8.1f} ms  edgekit {ours*1e3:8.1f} ms  {peer/ours:5.2f}x")
    same = all(np.array_equal(patterns.candles(o, h, l, c, [n])[n], getattr(talib, "CDL" + n)(o, h, l, c))
               for n in names)
    print(f"outputs identical to TA-Lib on these bars: {same}")


if __name__ == "__main__":
    main()
