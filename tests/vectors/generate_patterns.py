"""Records pattern-engine conformance vectors from TA-Lib.

Run from the repository root with the packages in tests/vectors/requirements.txt installed:
    python tests/vectors/generate_patterns.py
It rewrites tests/vectors/patterns.json, read by the Rust, Python and Node suites.

References: TA-Lib's C library as bundled by the PyPI wheel TA-Lib 0.8.2 (CandleSettings at
their defaults): all 61 CDL functions on every bar of examples/data/GOOG.csv,
examples/data/EURUSD.csv and two seeded random walks (prices rounded to cents so equal
opens/closes and zero shadows occur, as in real data), plus "rare_windows": 24-bar windows
ending at occurrences of every pattern that fires fewer than 10 times in those four, mined
from long seeded walks (one with gapping opens and bare shadows); SMA, EMA, ATR, RSI, MAX and
MIN on GOOG.
Candle outputs are stored sparsely as [index, value] pairs (every other bar is 0).
"""

import csv
import datetime
import json
import pathlib

import numpy as np
import talib

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "vectors" / "patterns.json"


def read_bars(name):
    with open(ROOT / "examples" / "data" / name) as f:
        rows = list(csv.DictReader(f))
    return {k: np.array([float(r[k.capitalize()]) for r in rows]) for k in
            ("open", "high", "low", "close", "volume")}


def random_walk(seed, n):
    """OHLC from a seeded geometric random walk with intrabar paths, rounded to cents."""
    rng = np.random.default_rng(seed)
    price = 100.0
    bars = {k: np.empty(n) for k in ("open", "high", "low", "close")}
    for i in range(n):
        open_ = round(price * np.exp(rng.normal(0, 0.004)), 2)
        path = open_ * np.exp(np.cumsum(rng.normal(0, 0.006, 12)))
        close = round(float(path[-1]) if rng.random() > 0.08 else open_, 2)
        high = round(max(open_, close, float(path.max())) if rng.random() > 0.1 else max(open_, close), 2)
        low = round(min(open_, close, float(path.min())) if rng.random() > 0.1 else min(open_, close), 2)
        bars["open"][i], bars["high"][i], bars["low"][i], bars["close"][i] = open_, high, low, close
        price = close
    return bars


def gappy_walk(seed, n):
    """A walk whose opens jump (30% of bars) and whose shadows are often zero: gaps and
    marubozu, which the kicking and separating-lines patterns need."""
    rng = np.random.default_rng(seed)
    price = 100.0
    bars = {k: np.empty(n) for k in ("open", "high", "low", "close")}
    for i in range(n):
        jump = rng.normal(0, 0.02) if rng.random() < 0.3 else rng.normal(0, 0.003)
        open_ = round(price * np.exp(jump), 2)
        close = round(open_ * np.exp(rng.normal(0, 0.012)), 2)
        top, bottom = max(open_, close), min(open_, close)
        high = top if rng.random() < 0.4 else round(top * (1 + abs(rng.normal(0, 0.004))), 2)
        low = bottom if rng.random() < 0.4 else round(bottom * (1 - abs(rng.normal(0, 0.004))), 2)
        bars["open"][i], bars["high"][i], bars["low"][i], bars["close"][i] = open_, high, low, close
        price = close
    return bars


def rare_windows(common, per_pattern=3, width=24):
    """Windows of `width` bars ending at occurrences of the patterns that fire fewer than 10
    times in the other datasets, mined from long seeded walks and concatenated, so every
    pattern is exercised. Each window carries the history its pattern's averages need."""
    sources = [random_walk(11, 100_000), random_walk(12, 100_000), gappy_walk(5, 100_000)]
    picked = []
    for name in talib.get_function_groups()["Pattern Recognition"]:
        if common.get(name[3:], 0) >= 10:
            continue
        taken = 0
        for bars in sources:
            hits = np.flatnonzero(getattr(talib, name)(bars["open"], bars["high"], bars["low"],
                                                       bars["close"]))
            for i in hits[hits >= width][:per_pattern - taken]:
                picked.append({k: bars[k][i + 1 - width:i + 1] for k in bars})
                taken += 1
            if taken == per_pattern:
                break
    return {k: np.concatenate([w[k] for w in picked]) for k in ("open", "high", "low", "close")}


def candles(bars):
    out = {}
    for name in talib.get_function_groups()["Pattern Recognition"]:
        values = getattr(talib, name)(bars["open"], bars["high"], bars["low"], bars["close"])
        out[name[3:]] = [[int(i), int(values[i])] for i in np.flatnonzero(values)]
    return out


def main():
    datasets = []
    sources = [("GOOG", read_bars("GOOG.csv"), False),
               ("EURUSD", read_bars("EURUSD.csv"), False),
               ("walk_1", random_walk(1, 1500), True),
               ("walk_2", random_walk(2, 1500), True)]
    common = {}
    for _, bars, _ in sources:
        for name, pairs in candles(bars).items():
            common[name] = common.get(name, 0) + len(pairs)
    sources.append(("rare_windows", rare_windows(common), True))
    for label, bars, store in sources:
        entry = {"name": label, "length": len(bars["close"]), "candles": candles(bars)}
        if store:
            entry["bars"] = {k: bars[k].tolist() for k in ("open", "high", "low", "close")}
        else:
            entry["file"] = f"examples/data/{label}.csv"
        datasets.append(entry)

    goog = read_bars("GOOG.csv")
    h, l, c = goog["high"], goog["low"], goog["close"]

    def series(values):
        return [None if np.isnan(v) else float(v) for v in values]

    indicators = {
        "sma_20": series(talib.SMA(c, 20)),
        "ema_20": series(talib.EMA(c, 20)),
        "atr_14": series(talib.ATR(h, l, c, 14)),
        "rsi_14": series(talib.RSI(c, 14)),
        "max_20": series(talib.MAX(c, 20)),
        "min_20": series(talib.MIN(c, 20)),
    }
    # Overridden candle settings (TA-Lib's TA_SetCandleSettings), every pattern on GOOG.
    from talib import _ta_lib as core
    names = ["body_long", "body_very_long", "body_short", "body_doji", "shadow_long", "shadow_very_long",
             "shadow_short", "shadow_very_short", "near", "far", "equal"]
    ranges = {"real_body": 0, "high_low": 1, "shadows": 2}
    overrides = [
        {"body_doji": {"range_type": "high_low", "avg_period": 10, "factor": 0.05}},
        {"body_long": {"range_type": "high_low", "avg_period": 20, "factor": 0.6},
         "near": {"range_type": "high_low", "avg_period": 10, "factor": 0.3}},
        {"shadow_very_short": {"range_type": "real_body", "avg_period": 5, "factor": 0.2},
         "equal": {"range_type": "high_low", "avg_period": 0, "factor": 0.02}},
    ]
    with_settings = []
    for override in overrides:
        for name, setting in override.items():
            core._ta_set_candle_settings(names.index(name), ranges[setting["range_type"]],
                                         setting["avg_period"], setting["factor"])
        with_settings.append({"dataset": "GOOG", "settings": override, "candles": candles(goog)})
        for name in override:
            core._ta_restore_candle_default_settings(names.index(name))
    document = {
        "settings": with_settings,
        "provenance": {
            "generator": "tests/vectors/generate_patterns.py",
            "talib_python": talib.__version__,
            "talib_c": talib.__ta_version__.decode() if isinstance(talib.__ta_version__, bytes)
            else str(talib.__ta_version__),
            "numpy": np.__version__,
            "generated": datetime.date.today().isoformat(),
        },
        "datasets": datasets,
        "indicators": {"dataset": "GOOG", "tolerance": {"rtol": 1e-12, "atol": 1e-12},
                       "values": indicators},
    }
    OUT.write_text(json.dumps(document, separators=(",", ":")) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
