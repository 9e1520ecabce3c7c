"""KCU LTP setups on real EUR/USD hourly bars (examples/data/EURUSD.csv) from Python:
a replay through the tracker with the 24-hour profile, the lifecycle of its setups, the
KCU read at the last candle, and the dashboard-compatible scoring functions.

    python examples/python/ltp_eurusd.py
"""

import collections
import pathlib

import pandas as pd

from edgekit import ltp

data = pathlib.Path(__file__).resolve().parents[1] / "data" / "EURUSD.csv"
bars = pd.read_csv(data)
bars["t"] = pd.to_datetime(bars.iloc[:, 0])

profile = ltp.forex_hourly_profile()
events, last = ltp.replay(bars, profile=profile, symbol="EURUSD")
print(f"{len(bars)} hourly bars, {len(events)} events:", dict(collections.Counter(e["kind"] for e in events)))

# Follow every ready setup to its end.
outcomes = collections.Counter()
ready = None
for e in events:
    if e["kind"] == "setup_ready":
        ready = e
    elif ready and e["kind"] in ("stopped", "target_hit"):
        outcomes[e["kind"]] += 1
        r = abs(ready["entry"] - ready["stop"])
        outcomes["R"] += (abs(ready["target"] - ready["entry"]) / r) if e["kind"] == "target_hit" else -1.0
        ready = None
    elif ready and e["kind"] == "expired":
        outcomes["expired: " + e["reason"]] += 1
        ready = None
print("ready setups ended as:", dict(outcomes))

print("\nthe last five setups to become ready:")
for e in [e for e in events if e["kind"] == "setup_ready"][-5:]:
    when = pd.Timestamp(e["timestamp"], unit="s")
    print(f"  {when} {e['direction']:<8} at {e['level_type']:<9} {e['level_price']:.5f}  score {e['score']:.1f}"
          f"  entry {e['entry']:.5f} stop {e['stop']:.5f} target {e['target']:.5f}")

print(f"\nlast read at {pd.Timestamp(last['timestamp'], unit='s')}: price {last['price']:.5f}, "
      f"L {last['level_score']:.0f} T {last['trend_score']:.0f} P {last['patience_score']:.0f} "
      f"-> {last['score']:.1f} ({last['grade']}), direction {last['direction']}, chop day: {last['chop']}")
for v in last["votes"]:
    print(f"  vote {v['source']}{'' if v['minutes'] is None else ' ' + str(v['minutes']) + 'm'}: {v['vote']:+d} (weight {v['weight']})")

# Layer 1, the dashboard's functions: key levels from daily and intraday bars, then a setup.
daily = bars.set_index("t")[["Open", "High", "Low", "Close", "Volume"]].resample("1D").agg(
    {"Open": "first", "High": "max", "Low": "min", "Close": "last", "Volume": "sum"}).dropna()
today = bars.tail(24)
levels = ltp.key_levels(daily, today)
price = float(bars["Close"].iloc[-1])
print("\ndashboard key levels:", ", ".join(f"{lv['type']} {lv['price']:.5f}" for lv in levels))
setup = ltp.analyze_symbol("EURUSD", price, daily, today, {"1h": bars.tail(60), "4h": bars.tail(120)[::4], "daily": daily})
print(f"dashboard setup: {setup['direction']} {setup['setup_stage']}, confluence {setup['confluence_score']}, "
      f"grade {ltp.get_ltp_grade(setup['confluence_score'])}: {setup['coach_note']}")
