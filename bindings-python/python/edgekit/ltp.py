"""KCU Level-Trend-Patience setups.

Layer 1 is the trading-coach dashboard's TypeScript engine (``ltp-engine.ts``,
``ltp-detector.ts``) as snake_case twins that return the same numbers and the same dict shapes,
JavaScript rounding included. Bars are accepted as a pandas DataFrame or dict of columns
(``o/h/l/c/v`` or ``open/high/low/close/volume``) or as the dashboard's list of
``{"o", "h", "l", "c", "v", "t"}`` dicts; contiguous float64 columns are read in place.

LTP 2.0 is the dashboard's gamma engine (``ltp-gamma-engine.ts``): :func:`calculate_ltp2_score`
and its companions take and return dicts with the dashboard's camelCase keys (``currentPrice``,
``callWall``, ...), so the same JSON feeds all three faces.

The level score has two formulas (``level_formula``): ``"corrected"`` (the default,
``(1 - d/threshold)·50``) and ``"dashboard"`` (``((1 - d)/threshold)·50``, what the dashboard
computes today, up to 217 points). Pass it per call, or set it for the module with
:func:`set_level_formula`.
"""

import datetime as _datetime
import time as _time
from collections.abc import Mapping

import numpy as np

from edgekit._convert import Record
from edgekit._edgekit import _option_defaults
from edgekit._edgekit import ltp as _native
from edgekit.errors import InputTypeError, InvalidInputError

__all__ = [
    "analyze_symbol",
    "analyze_symbols",
    "analyze_symbols_detailed",
    "analyze_timeframe",
    "GAMMA_WEIGHTS",
    "GRADE_THRESHOLDS",
    "HYSTERESIS_BUFFER",
    "FVG_TIMEFRAMES",
    "SWING_TIMEFRAME_CONFIGS",
    "analyze_fvgs",
    "detect_fvgs",
    "count_touches_at_level",
    "detect_swing_points",
    "filter_nearby_levels",
    "merge_mtf_levels",
    "calculate_ema",
    "calculate_gamma_ema",
    "calculate_ltp2_score",
    "calculate_ltp_score",
    "create_market_context",
    "detect_inside_patience_candle",
    "generate_ltp2_score_explanation",
    "calculate_trade_params",
    "calculate_vwap",
    "detect_patience_candle",
    "determine_trend",
    "generate_coach_note",
    "generate_score_explanation",
    "get_ltp_grade",
    "identify_key_levels",
    "identify_patience_candles",
    "get_level_formula",
    "key_levels",
    "score_level_proximity",
    "set_level_formula",
    "score_patience_quality",
    "score_trend_alignment",
]

_KEYS = (("o", "open"), ("h", "high"), ("l", "low"), ("c", "close"))


def _columns(bars, name="bars"):
    """(open, high, low, close, volume or None) for any accepted bar shape."""
    if isinstance(bars, (list, tuple)) and (not bars or isinstance(bars[0], Mapping)):
        try:
            cols = [np.array([b[k] for b in bars], dtype=np.float64) for k in "ohlc"]
            volume = np.array([b.get("v", 0) or 0 for b in bars], dtype=np.float64)
        except (KeyError, TypeError, ValueError) as error:
            raise InputTypeError(f"{name}: each bar needs numeric o, h, l, c ({error!r})") from None
        return (*cols, volume)
    if hasattr(bars, "columns") or isinstance(bars, Mapping):
        # Column names match in any case: "o", "open", "Open", "OPEN".
        keys = {str(k).lower(): k for k in (bars.columns if hasattr(bars, "columns") else bars.keys())}

        def find(short, long):
            key = keys.get(short, keys.get(long))
            return None if key is None else np.asarray(bars[key], dtype=np.float64)

        cols = []
        for short, long in _KEYS:
            column = find(short, long)
            if column is None:
                raise InvalidInputError(f"{name} has no {short!r} or {long!r} column")
            cols.append(column)
        return (*cols, find("v", "volume"))
    raise InputTypeError(
        f"{name} must be a DataFrame, a dict of columns or a list of bar dicts, "
        f"not {type(bars).__name__}"
    )


_score = _native.calculate_ltp_score
_ema = _native.calculate_ema
_vwap = _native.calculate_vwap
_patience = _native.detect_patience_candle
_level = _native.score_level_proximity
_trend = _native.score_trend_alignment
_patience_quality = _native.score_patience_quality
_trade = _native.calculate_trade_params
_grade = _native.get_ltp_grade
_note = _native.generate_coach_note
_key_levels = _native.key_levels
_timeframe = _native.analyze_timeframe
_symbols = _native.analyze_symbols


def _patience_fields(result, name):
    """(detected, count) of a patience result, refused rather than coerced: a count of 2.5 is
    not 2, and "yes" is not True."""
    try:
        detected, count = result["detected"], result["count"]
    except (KeyError, TypeError):
        raise InputTypeError(f"{name} must have 'detected' and 'count'") from None
    if not isinstance(detected, (bool, np.bool_)):
        raise InputTypeError(f"{name}['detected'] must be a bool, got {type(detected).__name__}")
    if isinstance(count, (bool, np.bool_)) or not isinstance(count, (int, np.integer)):
        if not (isinstance(count, (float, np.floating)) and float(count).is_integer()):
            raise InputTypeError(f"{name}['count'] must be a whole number, got {count!r}")
    if not 0 <= count <= 2**32 - 1:
        raise InvalidInputError(f"{name}['count'] = {count} must be in [0, 4294967295]")
    return bool(detected), int(count)


def calculate_ltp_score(level, trend, patience):
    """Clamp each component to [0, 100]; ``overall = round(0.35 L + 0.35 T + 0.30 P)``.
    Returns ``{"level", "trend", "patience", "overall"}``."""
    return _score(level, trend, patience)


def calculate_ema(data, period):
    """Final EMA value seeded with the mean of the first ``period`` values (the last value when
    there are fewer, 0 when empty or ``period`` is 0)."""
    return _ema(data, period)


def calculate_vwap(bars):
    """Σ(typical price · volume) / Σ volume, 0 without volume."""
    return _vwap(_columns(bars))


# The dashboard's defaults, from core (ltp::PATIENCE_MAX_CANDLE, ltp::PROXIMITY_THRESHOLD).
_DEFAULTS = _option_defaults()


def detect_patience_candle(bars, level_price,
                           max_candle_size=_DEFAULTS["ltp.detect_patience_candle"]["max_candle_size"]):
    """Of the last five bars, those with a body under ``max_candle_size`` % and a close within
    0.3 % of the level. Returns ``{"detected": count >= 2, "count"}``."""
    detected, count = _patience(_columns(bars), level_price, max_candle_size)
    return {"detected": detected, "count": count}


_level_formula = None  # None: core's default ("corrected")


def set_level_formula(formula):
    """Sets the level formula of every later call that does not name one: ``"corrected"``,
    ``"dashboard"``, or None for the default. Returns the previous setting."""
    global _level_formula
    if formula is not None:
        _level(1.0, [], 0.3, formula)  # core checks the name
    previous, _level_formula = _level_formula, formula
    return previous


def get_level_formula():
    """The module-wide level formula (None: the default, ``"corrected"``)."""
    return _level_formula


def score_level_proximity(price, levels,
                          threshold=_DEFAULTS["ltp.score_level_proximity"]["threshold"],
                          level_formula=None):
    """Best level within ``threshold`` % of the price: proximity points by ``level_formula``
    (default ``(1 - d/threshold)·50``; ``"dashboard"``: ``((1 - d)/threshold)·50``) plus
    strength/2. ``levels`` are ``{"type", "price", "timeframe", "strength"}`` dicts. Returns
    ``{"score", "level"}`` (``level`` None when none is near)."""
    return _level(price, list(levels), threshold, level_formula or _level_formula)


def score_trend_alignment(analyses, direction, weights=None):
    """Σ weight·100 over the analyses whose ``trend`` equals ``direction``, rounded. ``weights``
    (timeframe → weight) replace the defaults; a missing or zero weight counts 0.1."""
    w = None if weights is None else dict(weights)
    return _trend(list(analyses), direction, w)


def score_patience_quality(result):
    """0 when not detected, else ``min(20·count, 60) + 40``."""
    return _patience_quality(*_patience_fields(result, "result"))


def calculate_trade_params(price, level, direction):
    """Entry at the price, stop 1 % of price beyond the level, targets at 1R/2R/3R, to the cent;
    all None without a level."""
    return _trade(price, level, direction)


def get_ltp_grade(score):
    """≥ 90 A, ≥ 80 B, ≥ 70 C, ≥ 60 D, else F."""
    return _grade(score)


def generate_coach_note(level_result, trend_score, patience_result, direction):
    """The dashboard's one-line coach note."""
    return _note(
        level_result,
        trend_score,
        *_patience_fields(patience_result, "patience_result"),
        direction,
    )


def identify_key_levels(bars):
    """Support and resistance from swing points (a high above the two highs on each side, a low
    mirrored), clustered within 0.5 %; clusters of two or more become levels (strength 25 per
    point, at most 100, price to the cent), strongest first, at most ten. Under 10 bars: none.
    Returns ``{"price", "type", "timeframe", "strength"}`` dicts."""
    return _native.identify_key_levels(_columns(bars))


def determine_trend(bars):
    """``"uptrend"`` when higher highs and higher lows each reach half the bar count,
    ``"downtrend"`` for lower ones, else ``"range"``; None under 5 bars."""
    return _native.determine_trend(_columns(bars))


def identify_patience_candles(bars):
    """Small-bodied inside bars (body under half the average body, inside the previous bar).
    Returns the caller's own bar dicts for a list of dicts, else ``{"o", "h", "l", "c", "v"}``
    dicts built from the columns."""
    columns = _columns(bars)
    found = _native.identify_patience_candles(columns)
    if isinstance(bars, (list, tuple)):
        return [bars[i] for i in found]
    o, h, l, c, v = columns
    return [{"o": float(o[i]), "h": float(h[i]), "l": float(l[i]), "c": float(c[i]),
             "v": 0.0 if v is None else float(v[i])} for i in found]


def _now_ms(now):
    """Milliseconds since the epoch of ``now`` (a datetime or a number; None: the current time)."""
    if now is None:
        return _time.time() * 1000.0
    if isinstance(now, _datetime.datetime):
        return now.timestamp() * 1000.0
    return now


def generate_score_explanation(symbol, direction, current_price, level_result, trend_score,
                               patience_result, mtf_analyses, now=None):
    """The dashboard's ``ScoreExplanation`` for its AI coach: scores, grade, one reason per
    component (numbers written as JavaScript writes them) and the inputs. ``now`` (a datetime
    or milliseconds since the epoch; default the current time) is its timestamp."""
    return _native.generate_score_explanation(
        symbol, direction, current_price, level_result, trend_score,
        dict(zip(("detected", "count"), _patience_fields(patience_result, "patience_result"))),
        list(mtf_analyses), _now_ms(now),
    )


GAMMA_WEIGHTS = _native.GAMMA_WEIGHTS
GRADE_THRESHOLDS = _native.GRADE_THRESHOLDS
HYSTERESIS_BUFFER = _native.HYSTERESIS_BUFFER


def calculate_ltp2_score(context, hysteresis_state=None):
    """LTP 2.0 (``calculateLTP2Score``): an EMA-cloud, VWAP, gamma-wall, gamma-regime and
    patience score from 0 to 90 with its grade ("Sniper", "Decent", "Dumb Shit"), direction,
    confidence, warnings and recommendation. ``context`` is a ``MarketContext`` dict (see
    :func:`create_market_context`); ``hysteresis_state`` (``previousGrade``,
    ``previousScores``, ``candlesAtGrade``) smooths the score and holds the grade."""
    return _native.calculate_ltp2_score(context, hysteresis_state)


def create_market_context(chart_data, ema_data, vwap, gamma_data, patience_candle=None):
    """The ``MarketContext`` dict from the candle (``close``, ``high``, ``low``, ``open``,
    optional ``previousClose``/``previousHigh``/``previousLow``), ``{"ema8", "ema21"}``, VWAP,
    the gamma levels (``callWall``, ``putWall``, ``zeroGamma``, ``gammaExposure``) and an
    optional ``{"detected", "direction"}``."""
    return _native.create_market_context(chart_data, ema_data, vwap, gamma_data, patience_candle)


def generate_ltp2_score_explanation(symbol, context, ltp2_result, now=None):
    """The dashboard's ``LTP2ScoreExplanation``: each component's points with a reason, the
    warnings, the recommendation and the inputs, stamped ``now`` (a datetime or milliseconds
    since the epoch; default the current time)."""
    return _native.generate_ltp2_score_explanation(symbol, context, ltp2_result, _now_ms(now))


def detect_inside_patience_candle(previous_high, previous_low, current_high, current_low,
                                  current_close, current_open):
    """The gamma engine's ``detectPatienceCandle``: ``{"isPatienceCandle", "direction"}`` for an
    inside bar (bullish when it closed above its open; direction None when not inside)."""
    return _native.detect_inside_patience_candle(previous_high, previous_low, current_high,
                                                 current_low, current_close, current_open)


def calculate_gamma_ema(prices, period):
    """The gamma engine's ``calculateEMA``: as :func:`calculate_ema` for whole periods, with
    the dashboard's reading of any period (0 for none, the last price when there are fewer)."""
    return _native.calculate_gamma_ema(prices, period)


SWING_TIMEFRAME_CONFIGS = _native.SWING_TIMEFRAME_CONFIGS


def _swing_column(bars, key, name="bars"):
    """One field of the swing detector's bars (a list of ``{"time", "open", "high", "low",
    "close"}`` dicts, a dict of columns or a DataFrame; ``t``/``h``/``l`` also accepted)."""
    short = {"time": "t", "high": "h", "low": "l", "price": "price"}[key]
    if isinstance(bars, (list, tuple)) and (not bars or isinstance(bars[0], Mapping)):
        try:
            return np.array([b[key] if key in b else b[short] for b in bars], dtype=np.float64)
        except (KeyError, TypeError, ValueError) as error:
            raise InputTypeError(f"{name}: each item needs a numeric {key!r} ({error!r})") from None
    if hasattr(bars, "columns") or isinstance(bars, Mapping):
        keys = {str(k).lower(): k for k in (bars.columns if hasattr(bars, "columns") else bars.keys())}
        found = keys.get(key, keys.get(short))
        if found is None:
            raise InvalidInputError(f"{name} has no {key!r} column")
        return np.asarray(bars[found], dtype=np.float64)
    raise InputTypeError(f"{name} must be a list of dicts, a dict of columns or a DataFrame, not {type(bars).__name__}")


def detect_swing_points(bars, timeframe="1H", config=None):
    """The dashboard's ``detectSwingPoints``: swing highs and lows confirmed by ``lookback`` bars
    on each side, clustered within ``tolerance`` % into levels of at least ``minTouches``
    swings (``{"price", "type", "timestamp", "touchCount", "timeframe", "strength"}``),
    strongest then latest first. ``config`` (``{"lookback", "tolerance", "minTouches"}``)
    defaults to the timeframe's in :data:`SWING_TIMEFRAME_CONFIGS`."""
    return _native.detect_swing_points(_swing_column(bars, "high"), _swing_column(bars, "low"),
                                       _swing_column(bars, "time"), timeframe, config)


def count_touches_at_level(bars, level, type, tolerance_pct=0.2, start_index=0):  # noqa: A002 (the dashboard's name)
    """The dashboard's ``countTouchesAtLevel``: bars from ``start_index`` whose high (``type``
    "high") or low (otherwise) is within ``tolerance_pct`` % of ``level``."""
    column = _swing_column(bars, "high" if type == "high" else "low")
    return _native.count_touches_at_level(column, level, tolerance_pct, start_index)


def filter_nearby_levels(swings, current_price, max_distance_pct=5):
    """The dashboard's ``filterNearbyLevels``: the given level dicts (the same objects) within
    ``max_distance_pct`` % of ``current_price``, in order."""
    swings = list(swings)
    indices = _native.nearby_levels(_swing_column(swings, "price", "swings"), current_price, max_distance_pct)
    return [swings[i] for i in indices]


def merge_mtf_levels(levels_4h, levels_1h, tolerance_pct=0.3):
    """The dashboard's ``mergeMTFLevels``: each 4-hour level merges with the first unused 1-hour
    level of its type within ``tolerance_pct`` % (mean price, summed touches, strength + 15 up
    to 100, timeframe "4H"; the 4-hour dict's other keys kept); the 1-hour levels left follow;
    strongest, then most touched, first. Unmerged levels are the given dicts."""
    levels_4h, levels_1h = list(levels_4h), list(levels_1h)
    out = []
    for m in _native.merge_mtf_levels(levels_4h, levels_1h, tolerance_pct):
        four, one, level = m["from4h"], m["from1h"], m["level"]
        if four is None:
            out.append(levels_1h[one])
        elif one is None:
            out.append(levels_4h[four])
        else:
            out.append({**levels_4h[four], "price": level["price"], "touchCount": level["touchCount"],
                        "strength": level["strength"], "timeframe": "4H"})
    return out


FVG_TIMEFRAMES = _native.FVG_TIMEFRAMES
_CANDLE_KEYS = ("timestamp", "open", "high", "low", "close", "volume")


def _candle_columns(candles, name="candles"):
    """The six candle columns of a list of ``Candle`` dicts, a dict of columns or a DataFrame."""
    if isinstance(candles, (list, tuple)) and (not candles or isinstance(candles[0], Mapping)):
        try:
            return tuple(np.array([c[k] for c in candles], dtype=np.float64) for k in _CANDLE_KEYS)
        except (KeyError, TypeError, ValueError) as error:
            raise InputTypeError(f"{name}: each candle needs numeric {', '.join(_CANDLE_KEYS)} ({error!r})") from None
    if hasattr(candles, "columns") or isinstance(candles, Mapping):
        keys = {str(k).lower(): k for k in (candles.columns if hasattr(candles, "columns") else candles.keys())}
        missing = [k for k in _CANDLE_KEYS if k not in keys]
        if missing:
            raise InvalidInputError(f"{name} has no {missing[0]!r} column")
        return tuple(np.asarray(candles[keys[k]], dtype=np.float64) for k in _CANDLE_KEYS)
    raise InputTypeError(f"{name} must be a list of candle dicts, a dict of columns or a DataFrame, "
                         f"not {type(candles).__name__}")


def detect_fvgs(candles, timeframe, current_price, min_gap_percent=0.1):
    """The dashboard's ``fvgDetector.detectFVGs``: unfilled fair value gaps of at least
    ``min_gap_percent`` % (of the middle close), nearest the price first, at most ten, each a
    ``FairValueGap`` dict (camelCase keys, as the dashboard's)."""
    return _native.detect_fvgs(_candle_columns(candles), timeframe, current_price, min_gap_percent)


def analyze_fvgs(symbol, current_price, candles_by_timeframe, now=None):
    """The dashboard's ``getFullAnalysis`` on candles you fetched: ``candles_by_timeframe`` maps
    "5m", "15m", "1h", "4h" and "daily" to candles (a missing or empty one has no gaps); the
    gaps per timeframe, the nearest on each side of the price, targets, zones and a summary,
    stamped ``now`` (a datetime or epoch milliseconds; default the current time)."""
    given = candles_by_timeframe or {}
    per_timeframe = []
    for tf in FVG_TIMEFRAMES:
        candles = given.get(tf["key"])
        per_timeframe.append(None if candles is None or len(candles) == 0 else _candle_columns(candles, tf["key"]))
    return _native.analyze_fvgs(symbol, current_price, per_timeframe, _now_ms(now))


def key_levels(daily, intraday):
    """PDH/PDL/PDC and the 200-day SMA from daily bars; VWAP, opening range, HOD/LOD and EMA
    9/21 from the session's 5-minute bars, as level dicts."""
    return _key_levels(_columns(daily, "daily"), _columns(intraday, "intraday"))


def analyze_timeframe(bars, timeframe):
    """Trend, structure, EMA position and momentum of one timeframe's bars. ``timeframe`` is
    one of "2m", "5m", "15m", "1h", "4h", "daily", "weekly"."""
    return _timeframe(_columns(bars, timeframe), timeframe)


def _symbol_tuple(symbol, price, daily, intraday, timeframes, patience=None):
    pairs = timeframes.items() if isinstance(timeframes, Mapping) else timeframes
    frames = [(tf, _columns(b, f"{symbol} {tf}")) for tf, b in pairs]
    p = None if patience is None else _columns(patience, f"{symbol} patience")
    return (
        symbol,
        price,
        _columns(daily, f"{symbol} daily"),
        _columns(intraday, f"{symbol} intraday"),
        frames,
        p,
    )


def analyze_symbol(symbol, price, daily, intraday, timeframes, patience=None, level_formula=None):
    """The dashboard's ``analyzeSymbol`` on the bars it would fetch: ``timeframes`` maps
    timeframe → bars (the dashboard uses 5m, 15m, 1h, 4h, daily); ``patience`` defaults to
    ``intraday``. Returns the setup dict, or None without levels or timeframes, or when the
    inputs cannot be analysed (as the dashboard's detector; the reason is in
    :func:`analyze_symbols_detailed`)."""
    given = {"symbol": symbol, "price": price, "daily": daily, "intraday": intraday,
             "timeframes": timeframes, "patience": patience}
    return analyze_symbols([given], level_formula)[0]


def analyze_symbols_detailed(symbols, level_formula=None):
    """``{"setups", "errors"}``: one setup (or None) per symbol (dicts of
    :func:`analyze_symbol`'s arguments) in order, analysed in parallel with the GIL released,
    and ``{"index", "symbol", "code", "message"}`` for each symbol that could not be analysed.
    One bad symbol never fails the others."""
    prepared, errors = [], []
    for index, given in enumerate(symbols):
        try:
            prepared.append((index, _symbol_tuple(**given)))
        except Exception as error:  # noqa: BLE001 - reported per symbol, as the batch goes on
            name = given.get("symbol") if isinstance(given, Mapping) else None
            errors.append({"index": index, "symbol": str(name), "code": getattr(error, "code", "EDGEKIT_INVALID_TYPE"),
                           "message": str(error)})
    answer = _symbols([t for _, t in prepared], level_formula or _level_formula)
    setups = [None] * (len(prepared) + len(errors))
    for (index, _), setup in zip(prepared, answer["setups"]):
        setups[index] = setup
    for error in answer["errors"]:
        errors.append({**error, "index": prepared[error["index"]][0]})
    errors.sort(key=lambda e: e["index"])
    return {"setups": setups, "errors": errors}


def analyze_symbols(symbols, level_formula=None):
    """``analyze_symbol`` for many symbols (dicts of its arguments) in parallel, GIL released;
    None for a symbol whose inputs cannot be analysed (see :func:`analyze_symbols_detailed`)."""
    return analyze_symbols_detailed(symbols, level_formula)["setups"]


# Layers 2 and 3: the KCU profile and the streaming setup tracker.

_default_profile = _native.default_profile


def default_profile():
    """Every KCU parameter with its default (US equities, 1-minute bars, New York winter time).
    Pass a dict with any subset of these keys as ``profile=`` to override them."""
    return _default_profile(False)


def forex_hourly_profile():
    """The profile for a 24-hour market on hourly bars (UTC days, no premarket)."""
    return _default_profile(True)


class TrackerEvent(Record):
    """One event of a :class:`Tracker` (fields as attributes or keys): ``symbol``,
    ``timestamp``, ``kind``, ``direction``, ``level_type``, ``level_price``, ``score``,
    ``grade``, ``entry``, ``stop``, ``target``, ``reason``."""

    __slots__ = ()


class Evaluation(Record):
    """The KCU read at a symbol's last setup candle: levels, votes, L/T/P scores, score,
    grade and plan (fields as attributes or keys)."""

    __slots__ = ()


def _seconds(t):
    t = np.asarray(t)
    if np.issubdtype(t.dtype, np.datetime64):
        return t.astype("datetime64[s]").astype(np.int64)
    if not np.issubdtype(t.dtype, np.integer):
        raise InputTypeError("timestamps must be integer seconds or datetime64 values")
    return np.ascontiguousarray(t, dtype=np.int64)


class Tracker:
    """KCU setups for many symbols, one bar at a time. Each bar may raise events (dicts):
    ``level_approach``, ``setup_forming``, ``setup_ready`` (with entry, stop, target),
    ``triggered``, ``stopped``, ``target_hit``, ``expired`` (with a ``reason``). The state
    pickles to bytes (``to_bytes``/``from_bytes``) or JSON so a service resumes where it stopped.
    """

    def __init__(self, profile=None, *, _native_tracker=None):
        self._t = _native_tracker or _native._Tracker(None if profile is None else dict(profile))

    @property
    def profile(self):
        return self._t.profile()

    @property
    def symbols(self):
        return self._t.symbols()

    def set_levels(self, symbol, levels):
        """User levels (``{"type", "price", "timeframe", "strength"}`` dicts) for a symbol."""
        self._t.set_levels(symbol, list(levels))

    def update(self, symbol, t, o, h, l, c, v=0.0):
        """One bar (``t`` in UTC seconds); returns the events it causes."""
        return self._t.update(symbol, int(t), o, h, l, c, v)

    def update_many(self, symbols, t, o, h, l, c, v=None):
        """Bars of many symbols in time order as columns (``symbols[i]`` names row i);
        ``t`` is int64 seconds or datetime64. The GIL is released while they stream."""
        symbols = [str(s) for s in symbols]
        v = np.zeros(len(symbols)) if v is None else v
        return self._t.update_many(symbols, _seconds(t), o, h, l, c, v)

    def update_frame(self, frame, symbol_column="symbol", time_column="t"):
        """``update_many`` from a DataFrame with symbol, time and o/h/l/c/v (or
        open/high/low/close/volume) columns."""
        o, h, l, c, v = _columns(frame, "frame")
        return self.update_many(frame[symbol_column], frame[time_column], o, h, l, c, v)

    def evaluation(self, symbol):
        """The KCU read at the symbol's last setup candle (levels, votes, L/T/P, score, grade,
        plan), or None before its first setup candle."""
        return self._t.evaluation(symbol)

    def to_bytes(self):
        return self._t.to_bytes()

    @classmethod
    def from_bytes(cls, data):
        return cls(_native_tracker=_native._Tracker.from_bytes(bytes(data)))

    def to_json(self):
        return self._t.to_json()

    @classmethod
    def from_json(cls, text):
        return cls(_native_tracker=_native._Tracker.from_json(text))

    def __getstate__(self):
        return self.to_bytes()

    def __setstate__(self, state):
        self._t = _native._Tracker.from_bytes(state)


def replay(bars, profile=None, levels=(), symbol="symbol", time_column="t"):
    """Layer 2 on one symbol's bars (a DataFrame or dict of columns with a time column, or the
    dashboard's list of bar dicts with ``t``): returns ``(events, last evaluation)``."""
    if isinstance(bars, (list, tuple)):
        t = [b["t"] for b in bars]
    elif time_column in bars:
        t = bars[time_column]
    elif hasattr(bars, "index") and np.issubdtype(np.asarray(bars.index).dtype, np.datetime64):
        t = np.asarray(bars.index)
    else:
        raise InvalidInputError(f"bars has no {time_column!r} column or datetime index")
    o, h, l, c, v = _columns(bars)
    tracker = Tracker(profile)
    if levels:
        tracker.set_levels(symbol, levels)
    events = tracker.update_many([symbol] * len(o), t, o, h, l, c, v)
    return events, tracker.evaluation(symbol)


__all__ += ["Evaluation", "Tracker", "TrackerEvent", "default_profile", "forex_hourly_profile", "replay"]
