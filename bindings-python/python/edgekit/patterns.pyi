from typing_extensions import Self, final
from typing import Any, Dict, List, Literal, Optional, Sequence, Tuple, TypedDict, Union

import numpy as np
import numpy.typing as npt

from edgekit._convert import Record


class BetRecord(Record):
    wins: int
    losses: int
    pushes: int
    win_rate: Optional[float]
    avg_margin: Optional[float]
    avg_ats_margin: Optional[float]
    units: float
    roi: Optional[float]
    wilson: List[float]
    break_even: float
    pvalue: float

class MinedSystem(TypedDict):
    filters: List[str]
    train: Dict[str, Any]
    qvalue: float
    test: Dict[str, Any]

class MineResult(Record):
    tried: int
    systems: List[MinedSystem]

class WalkForwardStep(Record):
    season: int
    tried: int
    selected: int
    in_sample: List[int]
    out_of_sample: List[int]

class SystemMatch(TypedDict):
    filters: List[str]
    train: Dict[str, Any]
    test: Dict[str, Any]
    confidence: float

class GameAnalysis(Record):
    game: int
    day: int
    team: str
    opponent: str
    systems: List[SystemMatch]

class Level(Record):
    price: float
    touches: int
    highs: int
    lows: int
    first_index: int
    last_index: int
    strength: float

class FairValueGap(Record):
    index: int
    bullish: bool
    bottom: float
    top: float
    filled_at: Optional[int]

class ChartPattern(Record):
    kind: Literal["double_top", "double_bottom", "head_and_shoulders", "inverse_head_and_shoulders",
                  "ascending_triangle", "descending_triangle", "symmetric_triangle"]
    pivots: List[int]
    neckline: float
    target: float
    confirmed_at: Optional[int]

class Breakout(Record):
    level: float
    index: int
    up: bool
    retest_at: Optional[int]
    held: Optional[bool]

class Regime(Record):
    start: int
    end: int
    mean: float
    std: float

class RunsTest(Record):
    runs: int
    expected: float
    above: int
    below: int
    z: float
    pvalue: float

def candles(open: npt.ArrayLike, high: npt.ArrayLike, low: npt.ArrayLike, close: npt.ArrayLike,
            patterns: Optional[Sequence[str]] = ...,
            settings: Optional[Dict[str, Dict[str, Any]]] = ...) -> Dict[str, np.ndarray]: ...
def candle_patterns() -> List[str]: ...
def candle_settings() -> Dict[str, Dict[str, Any]]: ...
def sma(values: npt.ArrayLike, period: int) -> np.ndarray: ...
def ema(values: npt.ArrayLike, period: int, *, seed: Literal["sma", "first"] = 'sma') -> np.ndarray: ...
def atr(high: npt.ArrayLike, low: npt.ArrayLike, close: npt.ArrayLike,
        period: int = ...) -> np.ndarray: ...
def rsi(values: npt.ArrayLike, period: int = ...) -> np.ndarray: ...
def highest(values: npt.ArrayLike, period: int) -> np.ndarray: ...
def lowest(values: npt.ArrayLike, period: int) -> np.ndarray: ...
def swings(open: npt.ArrayLike, high: npt.ArrayLike, low: npt.ArrayLike, close: npt.ArrayLike, *,
           method: Literal["fractal", "zigzag"] = 'fractal', left: int = 2, right: int = 2,
           threshold: float = 0.05, atr: Optional[npt.ArrayLike] = None) -> Dict[str, np.ndarray]: ...
def trend_structure(open: npt.ArrayLike, high: npt.ArrayLike, low: npt.ArrayLike,
                    close: npt.ArrayLike, *, method: Literal["fractal", "zigzag"] = 'fractal',
                    left: int = 2, right: int = 2, threshold: float = 0.05,
                    atr: Optional[npt.ArrayLike] = None) -> np.ndarray: ...
def levels(open: npt.ArrayLike, high: npt.ArrayLike, low: npt.ArrayLike, close: npt.ArrayLike, *,
           method: Literal["fractal", "zigzag"] = 'fractal', left: int = 2, right: int = 2,
           threshold: float = 0.05, tolerance: float = 0.005,
           min_touches: int = 2, atr: Optional[npt.ArrayLike] = None) -> List[Level]: ...
def fair_value_gaps(open: npt.ArrayLike, high: npt.ArrayLike, low: npt.ArrayLike,
                    close: npt.ArrayLike) -> List[FairValueGap]: ...
def inside_bars(open: npt.ArrayLike, high: npt.ArrayLike, low: npt.ArrayLike,
                close: npt.ArrayLike) -> np.ndarray: ...
def narrow_range(open: npt.ArrayLike, high: npt.ArrayLike, low: npt.ArrayLike,
                 close: npt.ArrayLike, n: int = 7) -> np.ndarray: ...
def resample(timestamps: npt.ArrayLike, open: npt.ArrayLike, high: npt.ArrayLike,
             low: npt.ArrayLike, close: npt.ArrayLike, volume: Optional[npt.ArrayLike] = ..., *,
             timeframe: str = '5m', session_start: int = 0,
             utc_offset: int = 0) -> Dict[str, np.ndarray]: ...
def session_vwap(timestamps: npt.ArrayLike, high: npt.ArrayLike, low: npt.ArrayLike,
                 close: npt.ArrayLike, volume: npt.ArrayLike, *, session_start: int = 0,
                 utc_offset: int = 0) -> np.ndarray: ...

@final
class GameLog:
    @staticmethod
    def from_csv(path: str, format: Literal["spreadspoke"] = ...,
                 teams: Optional[str] = ...) -> "GameLog": ...
    @staticmethod
    def from_spreadspoke(scores_csv: str, teams_csv: str) -> "GameLog": ...
    @property
    def games(self) -> int: ...
    @property
    def teams(self) -> List[str]: ...
    @property
    def skipped(self) -> List[Tuple[int, str]]: ...
    def rows(self) -> Dict[str, Any]: ...

class System:
    filters: List[str]
    def __init__(self, filters: Union[str, Sequence[str]]) -> None: ...

def evaluate(system: Union[System, Sequence[str]], log: GameLog,
             market: Literal["su", "ats", "ou"] = 'ats', *, odds: float = -110.0,
             seasons: Optional[Tuple[int, int]] = None) -> BetRecord: ...
def mine(log: GameLog, space: Sequence[str], max_filters: int = 2, *, train: Tuple[int, int],
         test: Tuple[int, int], market: Literal["su", "ats", "ou"] = 'ats', odds: float = -110.0,
         min_games: int = 50) -> MineResult: ...
def walk_forward(log: GameLog, space: Sequence[str], max_filters: int = 2, *, train_from: int,
                 test: Tuple[int, int], market: Literal["su", "ats", "ou"] = 'ats',
                 odds: float = -110.0, min_games: int = 50, q_max: float = 0.1) -> List[WalkForwardStep]: ...
def chart_patterns(open: npt.ArrayLike, high: npt.ArrayLike, low: npt.ArrayLike,
                   close: npt.ArrayLike, *, threshold: float = 0.05,
                   atr: Optional[npt.ArrayLike] = None, tolerance: float = 0.02) -> List[ChartPattern]: ...
def runs_test(values: npt.ArrayLike, *, cutoff: Union[Literal["median", "mean"], float] = 'median',
              correction: bool = True) -> RunsTest: ...
def breakouts(open: npt.ArrayLike, high: npt.ArrayLike, low: npt.ArrayLike, close: npt.ArrayLike,
              levels: Sequence[float], *, tolerance: float = 0.002,
              max_bars: int = 20) -> List[Breakout]: ...
def analyze_games(log: GameLog, systems: Sequence[Union[System, Sequence[str]]], *, train: Tuple[int, int],
                  test: Tuple[int, int], market: Literal["su", "ats", "ou"] = 'ats',
                  odds: float = -110.0) -> List[GameAnalysis]: ...
def game_log(data: Any) -> GameLog: ...

def regimes(values: npt.ArrayLike, *, model: Literal["mean", "meanvar", "l2", "normal"] = 'mean', penalty: Optional[float] = None, min_size: int = 2) -> List[Regime]: ...

__all__ = [
    "BetRecord",
    "GameAnalysis",
    "MineResult",
    "WalkForwardStep",
    "Breakout",
    "ChartPattern",
    "FairValueGap",
    "Level",
    "Regime",
    "RunsTest",
    "GameLog",
    "System",
    "analyze_games",
    "game_log",
    "atr",
    "breakouts",
    "chart_patterns",
    "evaluate",
    "mine",
    "runs_test",
    "walk_forward",
    "candle_patterns",
    "candle_settings",
    "candles",
    "ema",
    "fair_value_gaps",
    "highest",
    "inside_bars",
    "levels",
    "lowest",
    "narrow_range",
    "regimes",
    "resample",
    "rsi",
    "session_vwap",
    "sma",
    "swings",
    "trend_structure",
]
