"""edgekit.ltp Layer 1 against the dashboard's own code (tests/vectors/ltp.json, recorded from a
checkout of n8kahl/kcu-coach-dashboard by tests/vectors/dashboard/record.mjs): exact equality,
the level score by the dashboard's formula (``level_formula="dashboard"``)."""

import functools
import json
import math
import pathlib

import numpy as np
import pytest

import edgekit
from edgekit import ltp

V = json.loads((pathlib.Path(__file__).parents[1] / "vectors" / "ltp.json").read_text())


def rows(cols):
    """The dashboard's Bar objects from the vector's columns."""
    return [
        {"o": o, "h": h, "l": l, "c": c, "v": v, "t": i}
        for i, (o, h, l, c, v) in enumerate(zip(cols["o"], cols["h"], cols["l"], cols["c"], cols["v"]))
    ]


def test_scores_match_the_dashboard():
    for c in V["calculate_ltp_score"]:
        assert ltp.calculate_ltp_score(*c["args"]) == c["want"], c
    for c in V["calculate_ema"]:
        assert ltp.calculate_ema(c["data"], c["period"]) == c["want"], c
    for i, c in enumerate(V["calculate_vwap"]):
        # alternate the accepted shapes: dict of columns and the dashboard's list of dicts
        bars = c["bars"] if i % 2 else rows(c["bars"])
        assert ltp.calculate_vwap(bars) == c["want"], c
    for c in V["detect_patience_candle"]:
        got = ltp.detect_patience_candle(rows(c["bars"]), c["level"], c["max_candle_size"])
        assert got == c["want"], c
    for c in V["score_level_proximity"]:
        got = ltp.score_level_proximity(c["price"], c["levels"], c["threshold"], level_formula="dashboard")
        assert got == c["want"], c
    for c in V["score_trend_alignment"]:
        got = ltp.score_trend_alignment(c["analyses"], c["direction"], c["weights"])
        assert got == c["want"], c
    for c in V["score_patience_quality"]:
        assert ltp.score_patience_quality(c["result"]) == c["want"]
    for c in V["calculate_trade_params"]:
        assert ltp.calculate_trade_params(c["price"], c["level"], c["direction"]) == c["want"], c
    for c in V["get_ltp_grade"]:
        assert ltp.get_ltp_grade(c["score"]) == c["want"]
    for c in V["generate_coach_note"]:
        got = ltp.generate_coach_note(c["level_result"], c["trend_score"], c["patience"], c["direction"])
        assert got == c["want"], c


def test_detector_matches_the_dashboard():
    for c in V["key_levels"]:
        assert ltp.key_levels(c["daily"], rows(c["intraday"])) == c["want"], c
    for c in V["analyze_timeframe"]:
        assert ltp.analyze_timeframe(c["bars"], c["timeframe"]) == c["want"], c
    for c in V["analyze_symbol"][:20]:
        got = ltp.analyze_symbol(
            c["symbol"], c["price"], c["daily"], c["intraday"], c["timeframes"], c["patience"],
            level_formula="dashboard",
        )
        assert got == c["want"], c
    inputs = [{k: c[k] for k in ("symbol", "price", "daily", "intraday", "timeframes", "patience")}
              for c in V["analyze_symbol"]]
    wanted = [c["want"] for c in V["analyze_symbol"]]
    assert ltp.analyze_symbols(inputs, level_formula="dashboard") == wanted
    # The module-wide setting gives the same, and is put back.
    previous = ltp.set_level_formula("dashboard")
    try:
        assert ltp.get_level_formula() == "dashboard"
        assert ltp.analyze_symbols(inputs) == wanted
    finally:
        ltp.set_level_formula(previous)
    assert ltp.get_level_formula() is None


def test_the_corrected_level_formula_stays_within_100_and_differs_from_the_dashboards():
    changed = 0
    for c in V["score_level_proximity"]:
        corrected = ltp.score_level_proximity(c["price"], c["levels"], c["threshold"])
        assert 0 <= corrected["score"] <= 100
        assert corrected == ltp.score_level_proximity(c["price"], c["levels"], c["threshold"], level_formula="corrected")
        changed += corrected["score"] != c["want"]["score"]
    assert changed > 0
    with pytest.raises(edgekit.InvalidInputError, match="level_formula"):
        ltp.score_level_proximity(100, [], 0.3, level_formula="newest")
    with pytest.raises(edgekit.InvalidInputError, match="level_formula"):
        ltp.set_level_formula("newest")
    assert ltp.get_level_formula() is None


def test_dataframes_and_numpy_are_accepted():
    pd = pytest.importorskip("pandas")
    c = V["calculate_vwap"][5]
    frame = pd.DataFrame({"open": c["bars"]["o"], "high": c["bars"]["h"], "low": c["bars"]["l"],
                          "close": c["bars"]["c"], "volume": c["bars"]["v"]})
    assert ltp.calculate_vwap(frame) == c["want"]
    e = V["calculate_ema"][10]
    assert ltp.calculate_ema(np.array(e["data"]), e["period"]) == e["want"]


def test_bad_inputs_raise_typed_errors():
    with pytest.raises(edgekit.InvalidInputError, match="data\\[1\\] is NaN"):
        ltp.calculate_ema([1.0, float("nan")], 2)
    with pytest.raises(edgekit.InvalidInputError, match="timeframe \"3m\" is unknown"):
        ltp.analyze_timeframe({"o": [1.0], "h": [1.0], "l": [1.0], "c": [1.0]}, "3m")
    with pytest.raises(edgekit.InvalidInputError, match="direction \"up\" is unknown"):
        ltp.score_trend_alignment([], "up")
    # The chart helpers read a contradictory bar as numbers, as the dashboard does; a NaN is refused.
    contradictory = [{"o": 10, "h": 11, "l": 9, "c": 10, "v": 1}, {"o": 10, "h": 9, "l": 8, "c": 9, "v": 1}]
    assert ltp.calculate_vwap(contradictory) == ((11 + 9 + 10) / 3 + (9 + 8 + 9) / 3) / 2
    with pytest.raises(edgekit.InvalidInputError, match=r"bars: high\[0\] is NaN"):
        ltp.calculate_vwap([{"o": 10, "h": float("nan"), "l": 9, "c": 10, "v": 1}])
    with pytest.raises(edgekit.InvalidInputError, match=r"levels\[0\]\.price. must be finite"):
        ltp.score_level_proximity(100, [{"type": "pdh", "price": float("nan"), "timeframe": "daily", "strength": 80}])
    # As the dashboard's detector: a symbol that cannot be analysed is None; the reason is in
    # analyze_symbols_detailed.
    bad = {"o": [1.0], "h": [0.5], "l": [0.4], "c": [1.0]}
    assert ltp.analyze_symbol("SPY", 1.0, bad, bad, {"daily": bad}) is None
    batch = ltp.analyze_symbols_detailed([{"symbol": "SPY", "price": 1.0, "daily": bad, "intraday": bad,
                                            "timeframes": {"daily": bad}}])
    assert batch["setups"] == [None]
    assert [(e["index"], e["symbol"], e["code"]) for e in batch["errors"]] == [(0, "SPY", "EDGEKIT_INVALID_INPUT")]
    assert "SPY daily: bar 0" in batch["errors"][0]["message"]
    with pytest.raises(edgekit.InputTypeError):
        ltp.calculate_vwap(42)
    with pytest.raises(edgekit.EdgekitError):
        ltp.calculate_ltp_score(float("nan"), 1, 1)
    # An infinite score clamps to 100, as the dashboard's Math.min(100, ...) does.
    assert ltp.calculate_ltp_score(float("inf"), 1, 1)["level"] == 100


# Layers 2 and 3: the shared hand-built sessions (tests/vectors/ltp_tracker.json) and EURUSD.

T = json.loads((pathlib.Path(__file__).parents[1] / "vectors" / "ltp_tracker.json").read_text())
DATA = pathlib.Path(__file__).parents[2] / "examples" / "data"


def day_two(events):
    return [
        [e["kind"], e["reason"], e["level_type"]]
        for e in events
        if e["timestamp"] >= T["day_two_open"] and e["kind"] != "level_approach"
    ]


def test_shared_scenarios_give_the_expected_lifecycle():
    for s in T["scenarios"]:
        b = s["bars"]
        tracker = ltp.Tracker(T["profile"])
        events = tracker.update_many(["SPY"] * len(b["t"]), np.array(b["t"], dtype=np.int64),
                                     b["o"], b["h"], b["l"], b["c"], b["v"])
        assert day_two(events) == s["expect"], s["name"]
        ready = next(e for e in events if e["kind"] == "setup_ready" and e["level_type"] == "pdh")
        assert ready["entry"] == pytest.approx(T["ready"]["entry"], abs=1e-9)
        assert ready["stop"] == pytest.approx(T["ready"]["stop"], abs=1e-9)
        assert ready["symbol"] == "SPY" and ready["direction"] == "bullish"
        ev = tracker.evaluation("SPY")
        assert set(ev) >= {"levels", "level_score", "trend_score", "patience_score", "score", "grade", "plan"}


def test_bar_by_bar_equals_batch_and_state_resumes():
    s = T["scenarios"][1]
    b = s["bars"]
    rows_ = list(zip(b["t"], b["o"], b["h"], b["l"], b["c"], b["v"]))
    one = ltp.Tracker(T["profile"])
    events = []
    for i, row in enumerate(rows_):
        if i == 300:  # save and restore mid-stream, through bytes, JSON and pickle
            import pickle
            one = pickle.loads(pickle.dumps(ltp.Tracker.from_json(ltp.Tracker.from_bytes(one.to_bytes()).to_json())))
        events += one.update("SPY", *row)
    batch = ltp.Tracker(T["profile"]).update_many(["SPY"] * len(rows_), np.array(b["t"]), b["o"], b["h"], b["l"], b["c"], b["v"])
    assert events == batch


def test_eurusd_replay_runs_every_stage():
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(DATA / "EURUSD.csv")
    df["t"] = pd.to_datetime(df.iloc[:, 0])
    events, last = ltp.replay(df, profile=ltp.forex_hourly_profile(), symbol="EURUSD")
    kinds = {e["kind"] for e in events}
    assert kinds == {"level_approach", "setup_forming", "setup_ready", "triggered", "stopped", "target_hit", "expired"}
    # every trade outcome follows its trigger, and every trigger follows a ready setup
    open_trade = None
    for e in events:
        if e["kind"] == "setup_ready":
            open_trade = "ready"
        elif e["kind"] == "triggered":
            assert open_trade == "ready"
            open_trade = "triggered"
        elif e["kind"] in ("stopped", "target_hit"):
            assert open_trade == "triggered"
            open_trade = None
    assert last["grade"] in {"A+", "A", "B", "C", "D", "F"}
    assert 0 <= last["score"] <= 100


def test_tracker_errors_are_typed():
    tracker = ltp.Tracker()
    tracker.update("SPY", 1_704_205_800, 100, 100.5, 99.5, 100.2, 10)
    with pytest.raises(edgekit.InvalidInputError, match="is not after the previous bar"):
        tracker.update("SPY", 1_704_205_800, 100, 100.5, 99.5, 100.2, 10)
    with pytest.raises(edgekit.InvalidInputError, match="close is NaN"):
        tracker.update("SPY", 1_704_205_860, 100, 100.5, 99.5, float("nan"), 10)
    with pytest.raises(edgekit.InvalidInputError, match="setup_minutes = 7"):
        ltp.Tracker({"setup_minutes": 7})
    with pytest.raises(edgekit.InvalidInputError, match="unknown field"):
        ltp.Tracker({"setup_minute": 5})
    with pytest.raises(edgekit.InvalidInputError, match="tracker state cannot be read"):
        ltp.Tracker.from_bytes(b"\x01\x02")
    with pytest.raises(edgekit.InvalidInputError, match="symbols has 2 rows but t has 1"):
        tracker.update_many(["A", "B"], np.array([1]), [1.0], [1.0], [1.0], [1.0], [1.0])
    assert ltp.default_profile()["setup_minutes"] == 5


def test_chart_helpers_and_explanations_match_the_dashboard():
    for i, c in enumerate(V["identify_key_levels"]):
        bars = c["bars"] if i % 2 else rows(c["bars"])
        got = ltp.identify_key_levels(bars)
        assert got == c["want"], (i, c)
        assert [list(level) for level in got] == [list(level) for level in c["want"]]  # key order
    for i, c in enumerate(V["determine_trend"]):
        assert ltp.determine_trend(c["bars"] if i % 2 else rows(c["bars"])) == c["want"], (i, c)
    for i, c in enumerate(V["identify_patience_candles"]):
        given = rows(c["bars"])
        found = ltp.identify_patience_candles(given)
        # The caller's own bar dicts come back, as the dashboard returns its bar objects.
        assert [next(k for k, b in enumerate(given) if b is f) for f in found] == c["want"], (i, c)
        from_columns = ltp.identify_patience_candles(c["bars"])
        assert [b["c"] for b in from_columns] == [c["bars"]["c"][k] for k in c["want"]]
    def shape(x):
        """The keys of every nested dict, in order."""
        if isinstance(x, dict):
            return [(k, shape(v)) for k, v in x.items()]
        return [shape(v) for v in x] if isinstance(x, list) else None

    for i, c in enumerate(V["generate_score_explanation"]):
        got = ltp.generate_score_explanation(*c["args"], now=c["now"])
        assert got == c["want"] and shape(got) == shape(c["want"]), (i, got, c["want"])


def test_score_explanation_timestamps():
    import datetime

    c = V["generate_score_explanation"][0]
    at = datetime.datetime.fromtimestamp(c["now"] / 1000, tz=datetime.timezone.utc)
    assert ltp.generate_score_explanation(*c["args"], now=at)["inputs"]["timestamp"] == c["want"]["inputs"]["timestamp"]
    stamped = ltp.generate_score_explanation(*c["args"])["inputs"]["timestamp"]
    now = datetime.datetime.now(datetime.timezone.utc)
    assert abs((datetime.datetime.fromisoformat(stamped.replace("Z", "+00:00")) - now).total_seconds()) < 60
    with pytest.raises(edgekit.InvalidInputError, match="now"):
        ltp.generate_score_explanation(*c["args"], now=float("inf"))


def test_one_bad_symbol_never_fails_the_batch():
    keys = ("symbol", "price", "daily", "intraday", "timeframes", "patience")
    good = [{k: c[k] for k in keys} for c in V["analyze_symbol"][:6]]
    want = [c["want"] for c in V["analyze_symbol"][:6]]
    broken = [
        {**good[0], "symbol": "HIGHLOW", "daily": {"o": [10.0], "h": [9.0], "l": [8.0], "c": [9.0], "v": [1.0]}},
        {**good[1], "symbol": "NANPRICE", "price": float("nan")},
        {**good[2], "symbol": "NOTBARS", "intraday": 42},
        {**good[3], "symbol": "BADTF", "timeframes": {"3m": good[3]["daily"]}},
        {"symbol": "MISSING"},
    ]
    inputs = [good[0], broken[0], good[1], broken[1], good[2], broken[2], good[3], broken[3], broken[4], good[4], good[5]]
    batch = ltp.analyze_symbols_detailed(inputs, level_formula="dashboard")
    assert batch["setups"] == [want[0], None, want[1], None, want[2], None, want[3], None, None, want[4], want[5]]
    assert [(e["index"], e["symbol"], e["code"]) for e in batch["errors"]] == [
        (1, "HIGHLOW", "EDGEKIT_INVALID_INPUT"), (3, "NANPRICE", "EDGEKIT_INVALID_INPUT"),
        (5, "NOTBARS", "EDGEKIT_INVALID_TYPE"), (7, "BADTF", "EDGEKIT_INVALID_INPUT"), (8, "MISSING", "EDGEKIT_INVALID_TYPE"),
    ]
    assert ltp.analyze_symbols(inputs, level_formula="dashboard") == batch["setups"]


def _decode(x):
    """The vectors' tags for values JSON cannot hold (tests/vectors/dashboard/encoding.cjs)."""
    special = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf"), "undefined": None, "-0": -0.0}
    if isinstance(x, list):
        return [_decode(v) for v in x]
    if isinstance(x, dict):
        if list(x) == ["$"] and x["$"] in special:
            return special[x["$"]]
        return {k: _decode(v) for k, v in x.items()}
    return x


def _same(a, b):
    """Equal, NaN equal to NaN."""
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


_TWINS = {
    "calculateEMA": ltp.calculate_ema, "calculateLTPScore": ltp.calculate_ltp_score, "getLTPGrade": ltp.get_ltp_grade,
    "scorePatienceQuality": ltp.score_patience_quality, "calculateTradeParams": ltp.calculate_trade_params,
    "scoreTrendAlignment": ltp.score_trend_alignment, "calculateVWAP": ltp.calculate_vwap,
    "detectPatienceCandle": ltp.detect_patience_candle, "identifyKeyLevels": ltp.identify_key_levels,
    "determineTrend": ltp.determine_trend, "identifyPatienceCandles": ltp.identify_patience_candles,
    "generateCoachNote": ltp.generate_coach_note,
}


def test_edge_inputs_give_the_dashboards_answer_or_an_edgekit_error():
    """Never a different answer: where the Python twin answers, the dashboard answered the same
    (recorded edge inputs: null options, non-finite numbers, unknown directions, odd bars)."""
    answered = refused = 0
    for e in V["edges"]:
        if e["fn"] not in _TWINS or "undefined" in json.dumps(e["args"]):
            continue
        args = _decode(e["args"])
        try:
            got = _TWINS[e["fn"]](*args)
        except edgekit.EdgekitError:
            refused += 1
            continue
        assert e["threw"] is None, (e["fn"], e["args"], e["threw"], got)
        assert _same(got, _decode(e["want"])), (e["fn"], e["args"], got, e["want"])
        answered += 1
    assert answered > 40


# LTP 2.0 (the dashboard's ltp-gamma-engine.ts) against tests/vectors/ltp_gamma.json.
G = json.loads((pathlib.Path(__file__).parents[1] / "vectors" / "ltp_gamma.json").read_text())


def _defined(x):
    """A recorded value with the keys the dashboard left undefined removed (absent in Python)."""
    if isinstance(x, dict):
        return {k: _defined(v) for k, v in x.items() if v != {"$": "undefined"}}
    return x


def test_gamma_constants_and_scores_match_the_dashboard():
    assert {"WEIGHTS": ltp.GAMMA_WEIGHTS, "GRADE_THRESHOLDS": ltp.GRADE_THRESHOLDS,
            "HYSTERESIS_BUFFER": ltp.HYSTERESIS_BUFFER} == G["constants"]
    for c in G["calculate_ltp2_score"]:
        assert ltp.calculate_ltp2_score(*c["args"]) == c["want"]
    for run in G["hysteresis_runs"]:
        for step in run:
            assert ltp.calculate_ltp2_score(step["context"], step["state"]) == step["want"]


def test_gamma_candles_emas_contexts_and_explanations_match_the_dashboard():
    for c in G["detect_patience_candle"]:
        assert ltp.detect_inside_patience_candle(*c["args"]) == c["want"]
    for c in G["calculate_ema"]:
        assert ltp.calculate_gamma_ema(*c["args"]) == c["want"]
    for c in G["create_market_context"]:
        assert ltp.create_market_context(*c["args"]) == _defined(c["want"])
    for c in G["generate_ltp2_score_explanation"]:
        assert ltp.generate_ltp2_score_explanation(*c["args"], now=c["now"]) == c["want"]


_GAMMA_TWINS = {
    "calculateLTP2Score": ltp.calculate_ltp2_score, "detectPatienceCandle": ltp.detect_inside_patience_candle,
    "calculateEMA": ltp.calculate_gamma_ema, "createMarketContext": ltp.create_market_context,
}


def test_gamma_edge_inputs_give_the_dashboards_answer_or_an_edgekit_error():
    answered = refused = 0
    for e in G["edges"]:
        args = _decode(_defined(e["args"]))
        call = _GAMMA_TWINS.get(e["fn"])
        if e["fn"] == "generateLTP2ScoreExplanation":
            args, call = args + [e["now"]], ltp.generate_ltp2_score_explanation
        try:
            got = call(*args)
        except edgekit.EdgekitError:
            refused += 1
            continue
        assert e["threw"] is None, (e["fn"], e["args"], e["threw"], got)
        assert _same(got, _decode(_defined(e["want"]))), (e["fn"], e["args"], got, e["want"])
        answered += 1
    assert answered > 100 and refused > 20, (answered, refused)


def test_gamma_bad_inputs_raise_typed_errors():
    context = ltp.create_market_context({"close": 100, "high": 101, "low": 99, "open": 99.5}, {"ema8": 100.6, "ema21": 100},
                                        99.5, {"callWall": 105, "putWall": 95, "zeroGamma": 98, "gammaExposure": 1e9})
    assert ltp.calculate_ltp2_score(context)["grade"] == "Sniper"
    with pytest.raises(edgekit.InvalidInputError, match="previousGrade"):
        ltp.calculate_ltp2_score(context, {"previousGrade": "A", "previousScores": [], "candlesAtGrade": 1})
    with pytest.raises(edgekit.InvalidInputError, match="currentPrice"):
        ltp.calculate_ltp2_score({**context, "currentPrice": float("nan")})
    with pytest.raises(edgekit.InvalidInputError, match="unknown field"):
        ltp.calculate_ltp2_score({**context, "price": 1})


# The dashboard's swing-point levels against tests/vectors/ltp_swing_points.json.
S = json.loads((pathlib.Path(__file__).parents[1] / "vectors" / "ltp_swing_points.json").read_text())


def _swing_bars(cols):
    return [{"time": t, "open": o, "high": h, "low": lo, "close": c}
            for t, o, h, lo, c in zip(cols["time"], cols["open"], cols["high"], cols["low"], cols["close"])]


def test_swing_points_match_the_dashboard():
    assert ltp.SWING_TIMEFRAME_CONFIGS == S["TIMEFRAME_CONFIGS"]
    for c in S["detect_swing_points"]:
        bars, *rest = _decode(c["args"])
        rest = ["1H" if r is None else r for r in rest]  # an undefined timeframe is the default
        assert ltp.detect_swing_points(_swing_bars(bars), *rest) == c["want"]
        # Columns (a dict or a DataFrame) give the same levels.
        assert ltp.detect_swing_points(bars, *rest) == c["want"]
    for c in S["count_touches_at_level"]:
        bars, *rest = _decode(c["args"])
        defaults = [0.2, 0]
        rest = rest[:2] + [defaults[i] if v is None else v for i, v in enumerate(rest[2:])]
        assert ltp.count_touches_at_level(_swing_bars(bars), *rest) == c["want"]
    for c in S["filter_nearby_levels"]:
        levels = c["args"][0]
        got = ltp.filter_nearby_levels(*c["args"])
        assert [next(i for i, x in enumerate(levels) if x is g) for g in got] == c["want"]
    for c in S["merge_mtf_levels"]:
        assert ltp.merge_mtf_levels(*c["args"]) == c["want"]


def test_swing_edges_give_the_dashboards_answer_or_an_edgekit_error():
    twins = {"detectSwingPoints": ltp.detect_swing_points, "countTouchesAtLevel": ltp.count_touches_at_level,
             "filterNearbyLevels": ltp.filter_nearby_levels, "mergeMTFLevels": ltp.merge_mtf_levels}
    answered = refused = 0
    for e in S["edges"]:
        # Python's None is "not given", the dashboard's null a value: those edges are JavaScript's.
        if "null" in json.dumps(e["args"]) or "undefined" in json.dumps(e["args"]):
            continue
        args = _decode(e["args"])
        if e["fn"] in ("detectSwingPoints", "countTouchesAtLevel"):
            args[0] = _swing_bars({k: [b[k] for b in args[0]] for k in ("time", "open", "high", "low", "close")})
        try:
            got = twins[e["fn"]](*args)
        except edgekit.EdgekitError:
            refused += 1
            continue
        assert e["threw"] is None, (e["fn"], e["args"], e["threw"], got)
        assert _same(got, _decode(e["want"])), (e["fn"], str(e["args"])[-200:], got, e["want"])
        answered += 1
    assert answered > 25 and refused > 5, (answered, refused)


# The dashboard's fair value gaps against tests/vectors/ltp_fvg.json (formation candles recorded
# as their positions in the candles given).
F = json.loads((pathlib.Path(__file__).parents[1] / "vectors" / "ltp_fvg.json").read_text())
_FVG_REQUESTS = {"5m": "5:minute", "15m": "15:minute", "1h": "1:hour", "4h": "4:hour", "daily": "1:day"}


def _positioned(gap, candles):
    """A gap as recorded: its formation candles by their positions in ``candles``."""
    if gap is None:
        return None
    return {**gap, "formationCandles": [candles.index(c) for c in gap["formationCandles"].values()]}


def test_fvgs_match_the_dashboard():
    for c in F["detect_fvgs"]:
        cols, *rest = c["args"]
        candles = [dict(zip(cols, row)) for row in zip(*cols.values())]
        assert [_positioned(g, candles) for g in ltp.detect_fvgs(candles, *rest)] == c["want"]
        # Columns give the same gaps.
        assert [_positioned(g, candles) for g in ltp.detect_fvgs(cols, *rest)] == c["want"]


def test_fvg_full_analyses_match_the_dashboard():
    for c in F["full_analysis"]:
        per_tf = {k: [{"timestamp": b["t"], "open": b["o"], "high": b["h"], "low": b["l"], "close": b["c"], "volume": b["v"]}
                      for b in c["aggregates"][r]] for k, r in _FVG_REQUESTS.items() if r in c["aggregates"]}
        got = ltp.analyze_fvgs(c["symbol"], c["quote"] or 0, per_tf, now=c["now"])
        got["fvgs"] = {k: [_positioned(g, per_tf[k]) for g in gaps] for k, gaps in got["fvgs"].items()}
        for key in ("nearestBullishFVG", "nearestBearishFVG"):
            gap = got[key]
            got[key] = gap and _positioned(gap, per_tf[gap["timeframe"]])
        assert got == c["want"], c["symbol"]
    with pytest.raises(edgekit.InvalidInputError, match=r"candles\[1\].close = 0"):
        ltp.detect_fvgs({"timestamp": [1, 2, 3], "open": [100, 101, 103.5], "high": [101, 104, 105], "low": [99, 100.5, 103],
                         "close": [100.5, 0, 104.5], "volume": [1, 1, 1]}, "5m", 110)


def _mulberry32(seed):
    """The recordings' generator (tests/vectors/dashboard/common.mjs), in 32-bit arithmetic."""
    state = seed & 0xFFFFFFFF

    def draw():
        nonlocal state
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = ((state ^ (state >> 15)) * (1 | state)) & 0xFFFFFFFF
        t = ((t + (((t ^ (t >> 7)) * (61 | t)) & 0xFFFFFFFF)) & 0xFFFFFFFF) ^ t
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296
    return draw


@functools.lru_cache(maxsize=1)
def _big_columns(seed, n):
    """tests/vectors/dashboard/big.mjs's `bigColumns`: the 10^5-bar walk of the big cases."""
    draw = _mulberry32(seed)
    cents = lambda x: math.floor(x * 100 + 0.5) / 100  # noqa: E731 (JavaScript's Math.round)
    cols = {k: [] for k in "ohlcvt"}
    price = 100 + draw() * 300
    for i in range(n):
        if draw() < 0.02:
            price *= 1 + (-1 if draw() < 0.5 else 1) * (0.003 + 0.01 * draw())
        vol = 0.0003 if i % 400 < 20 else 0.004
        o = cents(price)
        c = cents(price * (1 + vol * (draw() * 2 - 1)))
        cols["o"].append(o)
        cols["c"].append(c)
        cols["h"].append(cents(max(o, c) * (1 + vol * draw() * 0.5)))
        cols["l"].append(cents(min(o, c) * (1 - vol * draw() * 0.5)))
        cols["v"].append(0 if draw() < 0.02 else math.floor(100 + draw() * 1e5))
        cols["t"].append(1700000000000 + i * 300000)
        price = c
    return cols


def test_big_cases_match_the_dashboard():
    """10^5 bars (regenerated from the recorded seed): the twins answer what the dashboard did."""
    cols = _big_columns(V["big"][0]["seed"], V["big"][0]["n"])
    frame = {k: np.array(cols[k], dtype=np.float64) for k in "ohlcv"}
    rows = [dict(zip("ohlcv", row)) for row in zip(*(cols[k] for k in "ohlcv"))]
    position = {id(bar): i for i, bar in enumerate(rows)}
    twins = {"calculateEMA": lambda p: ltp.calculate_ema(frame["c"], p), "calculateVWAP": lambda: ltp.calculate_vwap(frame),
             "detectPatienceCandle": lambda level: ltp.detect_patience_candle(frame, level),
             "identifyKeyLevels": lambda: ltp.identify_key_levels(frame), "determineTrend": lambda: ltp.determine_trend(frame),
             # The caller's own bar dicts come back: compared by position.
             "identifyPatienceCandles": lambda: [position[id(b)] for b in ltp.identify_patience_candles(rows)],
             "analyzeTimeframe": lambda tf: ltp.analyze_timeframe(frame, tf)}
    for c in V["big"]:
        got = twins[c["fn"]](*[a for a in c["args"] if a not in ("bars", "closes")])
        assert _same(got, c["want"]), c["fn"]
    for c in F["big"]:
        fcols = _big_columns(c["seed"], c["n"])
        candles = {"timestamp": fcols["t"], "open": fcols["o"], "high": fcols["h"], "low": fcols["l"], "close": fcols["c"], "volume": fcols["v"]}
        _, timeframe, price, minimum = c["args"]
        first = {}
        for i, row in enumerate(zip(*candles.values())):
            first.setdefault(row, i)
        got = [{**g, "formationCandles": [first[tuple(k.values())] for k in g["formationCandles"].values()]}
               for g in ltp.detect_fvgs(candles, timeframe, price, minimum)]
        assert got == c["want"]
