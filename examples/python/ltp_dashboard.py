"""The trading-coach dashboard's other screens on real prices, from Python: swing levels on the
bundled EUR/USD hours and their 4-hour bars (merged where they agree), the fair value gaps near
the last price, and an LTP 2.0 score with its explanation. The same functions as Node's
``edgekit/swing-points``, ``edgekit/fvg`` and ``edgekit/ltp-gamma``, with the same dict shapes.

    python examples/python/ltp_dashboard.py
"""

import pathlib

import pandas as pd

from edgekit import ltp

hours = pd.read_csv(pathlib.Path(__file__).parents[1] / "data" / "EURUSD.csv", index_col=0, parse_dates=True)
hours["time"] = hours.index.astype("int64") // 1_000_000  # epoch milliseconds, as the dashboard's bars
four = hours.resample("4h").agg({"time": "first", "Open": "first", "High": "max", "Low": "min", "Close": "last"}).dropna()
last = hours.iloc[-1]

# Swing levels (prices to the cent, as the dashboard rounds them), merged, within 1 % of the price.
levels_1h = ltp.detect_swing_points(hours.tail(500), "1H")
levels_4h = ltp.detect_swing_points(four.tail(125), "4H")
near = ltp.filter_nearby_levels(ltp.merge_mtf_levels(levels_4h, levels_1h), last.Close, 1)
print("swing levels:", "; ".join(f"{l['type']} {l['price']} ({l['touchCount']} touches, {l['timeframe']})" for l in near))

# Fair value gaps on the last 100 hours.
candles = hours.tail(100).rename(columns={"time": "timestamp"})
gaps = ltp.detect_fvgs(candles, "1h", last.Close, 0.05)
print("unfilled gaps:", "; ".join(f"{g['type']} {g['bottomPrice']}-{g['topPrice']} ({g['strength']})" for g in gaps) or "none")
print(ltp.analyze_fvgs("EURUSD", last.Close, {"1h": candles, "4h": four.tail(50).rename(columns={"time": "timestamp"}).assign(volume=0)},
                       now=last.time)["tradingContext"]["summary"])

# LTP 2.0 at the last hour; walls stand in from the levels above and below.
closes = hours.Close.to_numpy()
session = hours.tail(24).rename(columns=str.lower)
prices = [l["price"] for l in near] or [last.Close]
context = ltp.create_market_context(
    {"close": last.Close, "high": last.High, "low": last.Low, "open": last.Open, "previousClose": hours.Close.iloc[-2],
     "previousHigh": hours.High.iloc[-2], "previousLow": hours.Low.iloc[-2]},
    {"ema8": ltp.calculate_gamma_ema(closes, 8), "ema21": ltp.calculate_gamma_ema(closes, 21)},
    ltp.calculate_vwap(session),
    {"callWall": max(prices + [last.Close * 1.01]), "putWall": min(prices + [last.Close * 0.99]), "zeroGamma": last.Close, "gammaExposure": 1.0},
)
score = ltp.calculate_ltp2_score(context)
why = ltp.generate_ltp2_score_explanation("EURUSD", context, score, now=float(last.time))
print(f"LTP 2.0: {score['score']} ({score['grade']}, {score['direction']}); {why['breakdown']['cloud']['reason']}; {score['recommendation']}")
