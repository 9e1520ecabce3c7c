import datetime
from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Sequence, Tuple, TypedDict, Union

import numpy.typing as npt

from edgekit._convert import Record

Direction = Literal["bullish", "bearish"]
Timeframe = Literal["2m", "5m", "15m", "1h", "4h", "daily", "weekly"]
LevelFormula = Literal["corrected", "dashboard"]
# A DataFrame or dict of columns (o/h/l/c/v or open/high/low/close/volume, any case), or the
# dashboard's list of {"o", "h", "l", "c", "v", "t"} dicts.
BarsLike = Any

class KeyLevel(TypedDict):
    type: str
    price: float
    timeframe: str
    strength: float

class PatienceResult(TypedDict):
    detected: bool
    count: int

class LevelResult(TypedDict):
    score: float
    level: Optional[KeyLevel]

class LtpScore(TypedDict):
    level: float
    trend: float
    patience: float
    overall: float

class TradeParams(TypedDict):
    suggested_entry: Optional[float]
    suggested_stop: Optional[float]
    target_1: Optional[float]
    target_2: Optional[float]
    target_3: Optional[float]
    risk_reward: Optional[float]

class MtfAnalysis(TypedDict):
    timeframe: str
    trend: Literal["bullish", "bearish", "neutral"]
    structure: Literal["uptrend", "downtrend", "range"]
    ema_position: Literal["above_all", "below_all", "mixed"]
    momentum: Literal["strong", "moderate", "weak"]
    orb_status: None
    vwap_position: None

def calculate_ltp_score(level: float, trend: float, patience: float) -> LtpScore: ...
def calculate_ema(data: npt.ArrayLike, period: int) -> float: ...
def calculate_vwap(bars: BarsLike) -> float: ...
def detect_patience_candle(bars: BarsLike, level_price: float, max_candle_size: float = 0.5) -> PatienceResult: ...
def set_level_formula(formula: Optional[LevelFormula]) -> Optional[LevelFormula]: ...
def get_level_formula() -> Optional[LevelFormula]: ...
def score_level_proximity(price: float, levels: Sequence[KeyLevel], threshold: float = 0.3,
                          level_formula: Optional[LevelFormula] = ...) -> LevelResult: ...
def score_trend_alignment(analyses: Sequence[Mapping[str, Any]], direction: Direction,
                          weights: Optional[Mapping[str, float]] = ...) -> float: ...
def score_patience_quality(result: Mapping[str, Any]) -> float: ...
def calculate_trade_params(price: float, level: Optional[KeyLevel], direction: Direction) -> TradeParams: ...
def get_ltp_grade(score: float) -> Literal["A", "B", "C", "D", "F"]: ...
def generate_coach_note(level_result: Mapping[str, Any], trend_score: float,
                        patience_result: Mapping[str, Any], direction: Direction) -> str: ...
class IdentifiedLevel(TypedDict):
    price: float
    type: Literal["support", "resistance"]
    timeframe: str
    strength: float

def identify_key_levels(bars: BarsLike) -> List[IdentifiedLevel]: ...
def determine_trend(bars: BarsLike) -> Optional[Literal["uptrend", "downtrend", "range"]]: ...
def identify_patience_candles(bars: BarsLike) -> List[Dict[str, Any]]: ...
def generate_score_explanation(symbol: str, direction: Direction, current_price: float,
                               level_result: Mapping[str, Any], trend_score: float,
                               patience_result: Mapping[str, Any],
                               mtf_analyses: Sequence[Mapping[str, Any]],
                               now: Optional[Union[datetime.datetime, float]] = ...) -> Dict[str, Any]: ...
GAMMA_WEIGHTS: Dict[str, float]
GRADE_THRESHOLDS: Dict[str, float]
HYSTERESIS_BUFFER: float
def calculate_ltp2_score(context: Mapping[str, Any],
                         hysteresis_state: Optional[Mapping[str, Any]] = ...) -> Dict[str, Any]: ...
def create_market_context(chart_data: Mapping[str, float], ema_data: Mapping[str, float], vwap: float,
                          gamma_data: Mapping[str, float],
                          patience_candle: Optional[Mapping[str, Any]] = ...) -> Dict[str, Any]: ...
def generate_ltp2_score_explanation(symbol: str, context: Mapping[str, Any], ltp2_result: Mapping[str, Any],
                                    now: Optional[Union[datetime.datetime, float]] = ...) -> Dict[str, Any]: ...
def detect_inside_patience_candle(previous_high: float, previous_low: float, current_high: float,
                                  current_low: float, current_close: float,
                                  current_open: float) -> Dict[str, Any]: ...
def calculate_gamma_ema(prices: npt.ArrayLike, period: float) -> float: ...
SWING_TIMEFRAME_CONFIGS: Dict[str, Dict[str, float]]
def detect_swing_points(bars: Any, timeframe: str = ...,
                        config: Optional[Mapping[str, float]] = ...) -> List[Dict[str, Any]]: ...
def count_touches_at_level(bars: Any, level: float, type: str, tolerance_pct: float = ...,
                           start_index: float = ...) -> int: ...
def filter_nearby_levels(swings: Sequence[Mapping[str, Any]], current_price: float,
                         max_distance_pct: float = ...) -> List[Mapping[str, Any]]: ...
def merge_mtf_levels(levels_4h: Sequence[Mapping[str, Any]], levels_1h: Sequence[Mapping[str, Any]],
                     tolerance_pct: float = ...) -> List[Mapping[str, Any]]: ...
FVG_TIMEFRAMES: List[Dict[str, Any]]
def detect_fvgs(candles: Any, timeframe: str, current_price: float,
                min_gap_percent: float = ...) -> List[Dict[str, Any]]: ...
def analyze_fvgs(symbol: str, current_price: float, candles_by_timeframe: Mapping[str, Any],
                 now: Optional[Union[datetime.datetime, float]] = ...) -> Dict[str, Any]: ...
def key_levels(daily: BarsLike, intraday: BarsLike) -> List[KeyLevel]: ...
def analyze_timeframe(bars: BarsLike, timeframe: Timeframe) -> MtfAnalysis: ...
def analyze_symbol(symbol: str, price: float, daily: BarsLike, intraday: BarsLike,
                   timeframes: Union[Mapping[str, BarsLike], Sequence[Tuple[str, BarsLike]]],
                   patience: Optional[BarsLike] = ...,
                   level_formula: Optional[LevelFormula] = ...) -> Optional[Dict[str, Any]]: ...
class SymbolError(TypedDict):
    index: int
    symbol: str
    code: str
    message: str

class SetupBatch(TypedDict):
    setups: List[Optional[Dict[str, Any]]]
    errors: List[SymbolError]

def analyze_symbols_detailed(symbols: Iterable[Mapping[str, Any]],
                             level_formula: Optional[LevelFormula] = ...) -> SetupBatch: ...
def analyze_symbols(symbols: Iterable[Mapping[str, Any]],
                    level_formula: Optional[LevelFormula] = ...) -> List[Optional[Dict[str, Any]]]: ...

def default_profile() -> Dict[str, Any]: ...
def forex_hourly_profile() -> Dict[str, Any]: ...

Grade = Literal["A+", "A", "B", "C", "D", "F"]

class LevelRead(TypedDict):
    kind: str
    price: float
    weight: float
    distance: float
    slot: int

class LevelHit(TypedDict):
    kind: str
    price: float
    proximity: float
    stacked: List[str]
    king_queen: bool

class Vote(TypedDict):
    source: Literal["ema_cloud", "vwap", "opening_range", "premarket", "structure"]
    minutes: Optional[int]
    weight: float
    vote: int

class PatienceRead(TypedDict):
    inside: bool
    small_vs_atr: bool
    small_vs_prior: bool
    at_level: bool
    detected: bool

class Plan(TypedDict):
    entry: float
    stop: float
    target: float
    target_kind: str
    risk: float
    reward_r: float

class Evaluation(Record):
    timestamp: int
    price: float
    atr: Optional[float]
    band: float
    levels: List[LevelRead]
    level: Optional[LevelHit]
    level_score: float
    direction: Optional[Direction]
    votes: List[Vote]
    vwap_crosses: int
    chop: bool
    trend_score: float
    patience: PatienceRead
    patience_score: float
    score: float
    grade: Grade
    plan: Optional[Plan]

class TrackerEvent(Record):
    symbol: str
    timestamp: int
    kind: Literal["level_approach", "setup_forming", "setup_ready", "triggered", "stopped", "target_hit", "expired"]
    direction: Optional[Direction]
    level_type: str
    level_price: float
    score: float
    grade: Grade
    entry: Optional[float]
    stop: Optional[float]
    target: Optional[float]
    reason: Optional[Literal["no_trigger", "opposite_side_broken", "left_level", "trend_changed", "session_end"]]

class Tracker:
    def __init__(self, profile: Optional[Mapping[str, Any]] = ...) -> None: ...
    @property
    def profile(self) -> Dict[str, Any]: ...
    @property
    def symbols(self) -> List[str]: ...
    def set_levels(self, symbol: str, levels: Sequence[KeyLevel]) -> None: ...
    def update(self, symbol: str, t: int, o: float, h: float, l: float, c: float,
               v: float = ...) -> List[TrackerEvent]: ...
    def update_many(self, symbols: Sequence[str], t: npt.ArrayLike, o: npt.ArrayLike,
                    h: npt.ArrayLike, l: npt.ArrayLike, c: npt.ArrayLike,
                    v: Optional[npt.ArrayLike] = ...) -> List[TrackerEvent]: ...
    def update_frame(self, frame: Any, symbol_column: str = ...,
                     time_column: str = ...) -> List[TrackerEvent]: ...
    def evaluation(self, symbol: str) -> Optional[Evaluation]: ...
    def to_bytes(self) -> bytes: ...
    @classmethod
    def from_bytes(cls, data: bytes) -> "Tracker": ...
    def to_json(self) -> str: ...
    @classmethod
    def from_json(cls, text: str) -> "Tracker": ...

def replay(bars: BarsLike, profile: Optional[Mapping[str, Any]] = ..., levels: Sequence[KeyLevel] = ...,
           symbol: str = ..., time_column: str = ...) -> Tuple[List[TrackerEvent], Optional[Evaluation]]: ...

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
    "get_level_formula",
    "get_ltp_grade",
    "identify_key_levels",
    "identify_patience_candles",
    "key_levels",
    "score_level_proximity",
    "score_patience_quality",
    "score_trend_alignment",
    "set_level_formula",
    "Evaluation",
    "Tracker",
    "TrackerEvent",
    "default_profile",
    "forex_hourly_profile",
    "replay",
]
