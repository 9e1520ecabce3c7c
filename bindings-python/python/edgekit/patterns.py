"""Candlestick patterns (TA-Lib's, bar for bar), chart structure (swings, trend, levels, fair
value gaps, inside and narrow-range bars), timeframes (resampling, session VWAP) and bar
indicators (SMA, EMA, ATR, RSI, rolling extremes). Columns are 1-D float arrays; contiguous
float64 numpy arrays are read in place. Timestamps are int64 seconds since the epoch, or any
numpy/pandas datetime64 values.
"""

import numpy as np

from edgekit._convert import Record
from edgekit._edgekit import _option_defaults
from edgekit._edgekit import patterns as _native

candles = _native.candles
candle_patterns = _native.candle_patterns
candle_settings = _native.candle_settings
sma = _native.sma
ema = _native.ema
atr = _native.atr
rsi = _native.rsi
highest = _native.highest
lowest = _native.lowest
swings = _native.swings
trend_structure = _native.trend_structure
levels = _native.levels
fair_value_gaps = _native.fair_value_gaps
inside_bars = _native.inside_bars
narrow_range = _native.narrow_range
chart_patterns = _native.chart_patterns
breakouts = _native.breakouts
runs_test = _native.runs_test
regimes = _native.regimes
_resample = _native._resample
_session_vwap = _native._session_vwap


GameLog = _native.GameLog
_evaluate = _native._evaluate
_check_filters = _native._check_filters
_mine = _native._mine
_walk_forward = _native._walk_forward
_analyze_games = _native._analyze_games



class Level(Record):
    """A support/resistance level from clustered swings (fields as attributes or keys)."""

    __slots__ = ()


class FairValueGap(Record):
    """A three-bar imbalance and the bar that filled it, if any."""

    __slots__ = ()


class ChartPattern(Record):
    """A double top/bottom, head and shoulders or triangle, with its neckline and target."""

    __slots__ = ()


class Breakout(Record):
    """A close through a level, its retest and whether the retest held."""

    __slots__ = ()


class Regime(Record):
    """A stretch of a series between change points: start, end, mean, std."""

    __slots__ = ()


class RunsTest(Record):
    """The Wald-Wolfowitz runs test: runs, expected, above, below, z, pvalue."""

    __slots__ = ()


class BetRecord(Record):
    """A system's betting record: wins, losses, pushes, win_rate, avg_margin, avg_ats_margin,
    units, roi, wilson (95% interval), break_even, pvalue."""

    __slots__ = ()


class MineResult(Record):
    """``tried`` (systems searched) and ``systems`` (dicts: filters, train, qvalue, test)."""

    __slots__ = ()


class WalkForwardStep(Record):
    """One season of a walk-forward run: season, tried, selected, in_sample and out_of_sample
    (wins, losses)."""

    __slots__ = ()


class GameAnalysis(Record):
    """A game side and the systems that match it: game, day, team, opponent, systems."""

    __slots__ = ()

class System:
    """An AND of filters on a team's row (``opp.`` for its opponent's), e.g.
    ``System(["site == away", "favorite", "rest_days >= 10"])``. Bad filters raise at once."""

    def __init__(self, filters):
        self.filters = [filters] if isinstance(filters, str) else list(filters)
        _check_filters(self.filters)

    def __repr__(self):
        return f"System({self.filters!r})"


# Core's defaults of the options these wrappers take positionally, so they are written once.
_DEFAULTS = _option_defaults()


def evaluate(system, log, market=_DEFAULTS["patterns.evaluate"]["market"], **options):
    """The system's record on ``log``: wins, losses, pushes, win_rate, avg_margin,
    avg_ats_margin, units, roi, wilson (95%), break_even and the exact binomial p-value of at
    least that many wins at the break-even rate. ``market``: "su", "ats" or "ou" (over)."""
    filters = system.filters if isinstance(system, System) else System(system).filters
    return _evaluate(log, filters, market=market, **options)


def mine(log, space, max_filters=_DEFAULTS["patterns.mine"]["max_filters"], **options):
    """Every AND of up to ``max_filters`` filters from ``space``, graded on the ``train``
    seasons (first, last) with Benjamini-Hochberg q-values over all systems tried, and on the
    ``test`` seasons beside. Returns {"tried": n, "systems": [...]} by training p-value."""
    return _mine(log, list(space), max_filters=max_filters, **options)


def walk_forward(log, space, max_filters=_DEFAULTS["patterns.walk_forward"]["max_filters"],
                 **options):
    """For each season Y in ``test`` (first, last): mine on ``train_from``..Y−1, keep systems
    with q ≤ ``q_max``, and pool their records in sample and in season Y. Returns a list of
    {season, tried, selected, in_sample: (wins, losses), out_of_sample: (wins, losses)}."""
    return _walk_forward(log, list(space), max_filters=max_filters, **options)


def game_log(data):
    """A GameLog from a dict of columns or a pandas DataFrame: ``date`` (datetime-like) or
    ``day`` (days since 1970-01-01), ``season``, ``home``, ``away``, ``score_home``,
    ``score_away`` (NaN/None: not played), and optionally ``favorite`` (a team name, "PICK"
    or empty), ``spread`` (the favourite's line, ≤ 0), ``total``, ``week``, ``playoff``,
    ``neutral``. Team names are the ids."""
    def column(name, default=None):
        if name in data:
            return list(data[name])
        if default is None:
            from edgekit.errors import InvalidInputError
            raise InvalidInputError(f"game columns need {name!r}")
        return default

    def numbers(values):
        return [None if v is None or (isinstance(v, float) and np.isnan(v)) else float(v)
                for v in values]

    if "day" in data:
        day = [int(v) for v in data["day"]]
    else:
        dates = np.asarray(column("date"), dtype="datetime64[D]")
        day = dates.astype(np.int64).tolist()
    n = len(day)
    text = lambda values: ["" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
                           for v in values]
    return GameLog._from_columns(
        day, [int(v) for v in column("season")], text(column("home")), text(column("away")),
        numbers(column("score_home")), numbers(column("score_away")),
        text(column("favorite", [""] * n)), numbers(column("spread", [None] * n)),
        numbers(column("total", [None] * n)), text(column("week", [])),
        [bool(v) for v in column("playoff", [])], [bool(v) for v in column("neutral", [])])


def analyze_games(log, systems, **options):
    """For every unplayed game in ``log``, each side's applicable systems (lists of filters,
    System objects, or mine()'s system dicts) with their training and test records and a
    confidence: the posterior probability (uniform prior) that the system's true win rate
    beats break-even, from its out-of-sample record alone. ``day`` is days since 1970-01-01."""
    filters = [s["filters"] if isinstance(s, dict) else (s.filters if isinstance(s, System) else list(s))
               for s in systems]
    return _analyze_games(log, filters, **options)


def _seconds(timestamps):
    values = np.asarray(timestamps)
    if values.dtype.kind == "M":
        return values.astype("datetime64[s]").astype(np.int64)
    return values


def resample(timestamps, open, high, low, close, volume=None, **options):
    """Bars of a higher timeframe ("1m", "5m", "15m", "1h", "4h", "1d", "1w", ...), anchored
    at the session start (minutes after local midnight) in local time (``utc_offset`` minutes
    from UTC). Returns a dict of arrays: timestamps (bucket starts, int64 seconds), open, high,
    low, close, volume, first_index."""
    return _resample(_seconds(timestamps), open, high, low, close, volume, **options)


def session_vwap(timestamps, high, low, close, volume, **options):
    """VWAP of the typical price restarted each session; NaN only before a session's first
    volume."""
    return _session_vwap(_seconds(timestamps), high, low, close, volume, **options)


__all__ = ["BetRecord", "GameAnalysis", "MineResult", "WalkForwardStep", "Breakout", "ChartPattern", "FairValueGap", "Level", "Regime", "RunsTest", "GameLog", "System", "analyze_games", "game_log", "atr", "breakouts", "chart_patterns", "evaluate", "mine", "runs_test",
           "walk_forward", "candle_patterns", "candle_settings", "candles", "regimes", "ema", "fair_value_gaps", "highest",
           "inside_bars", "levels", "lowest", "narrow_range", "resample", "rsi",
           "session_vwap", "sma", "swings", "trend_structure"]
