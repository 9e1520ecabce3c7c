import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, Iterable, List, Optional, Tuple, TypedDict, Union, overload

from edgekit.errors import InfeasibleError as InfeasibleError

PathOrText = Union[str, os.PathLike]

class Slate:
    roster: Dict[str, Any]
    @classmethod
    def from_csv(cls, path: PathOrText, site: str = ..., sport: str = ..., contest: Optional[str] = ...) -> Slate: ...
    @classmethod
    def from_records(cls, records: Any, site: str = ..., sport: str = ..., contest: Optional[str] = ...) -> Slate: ...
    @classmethod
    def from_csv_text(cls, text: str, site: str = ..., sport: str = ..., contest: Optional[str] = ...) -> Slate: ...
    def with_projections(self, path_or_text: PathOrText) -> Tuple[Slate, Dict[str, Any]]: ...
    @property
    def players(self) -> List[Dict[str, Any]]: ...
    @property
    def site(self) -> str: ...
    @property
    def sport(self) -> str: ...
    @property
    def contest(self) -> str: ...
    def __len__(self) -> int: ...

@dataclass
class Rules:
    min_salary: Optional[int] = ...
    max_salary: Optional[int] = ...
    locks: List[Any] = ...
    excludes: List[str] = ...
    exclude_teams: List[str] = ...
    max_per_team: Optional[int] = ...
    min_teams: Optional[int] = ...
    max_teams: Optional[int] = ...
    stacks: List[Dict[str, Any]] = ...
    restrict_opposing: List[Dict[str, Any]] = ...
    restrict_same_team: List[Dict[str, Any]] = ...
    groups: List[Dict[str, Any]] = ...
    max_exposure: Optional[float] = ...
    max_team_exposure: Optional[float] = ...
    team_exposures: List[Dict[str, Any]] = ...
    max_captain_exposure: Optional[float] = ...
    max_flex_exposure: Optional[float] = ...
    max_repeating: Optional[int] = ...
    randomness: Optional[Dict[str, Any]] = ...
    drop_zero_projections: Optional[bool] = ...
    drop_injury: Optional[List[str]] = ...
    max_total_ownership: Optional[float] = ...
    max_product_ownership: Optional[float] = ...
    ownership_penalty: Optional[Dict[str, Any]] = ...
    position_spacing: Optional[Dict[str, Any]] = ...
    min_starters: Optional[int] = ...
    exposure_strategy: Optional[str] = ...
    progressive: Optional[Dict[str, Any]] = ...
    def to_dict(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class LineupPlayer:
    slot: str
    id: str
    name: str
    team: str
    position: str
    salary: int
    projection: float

class Lineup:
    slate: Slate
    projection: float
    salary: int
    players: List[LineupPlayer]
    @property
    def player_ids(self) -> List[str]: ...
    def to_dict(self) -> Dict[str, Any]: ...

def optimize(
    slate: Slate,
    n: int = ...,
    rules: Optional[Union[Rules, Dict[str, Any]]] = ...,
    seed: Optional[int] = ...,
    method: str = ...,
) -> List[Lineup]: ...
def rosters() -> List[Dict[str, Any]]: ...
def upload_csv(lineups: Iterable[Lineup], site: Optional[str] = ...) -> str: ...
def export_csv(lineups: Iterable[Lineup], path: PathOrText, site: Optional[str] = ...) -> str: ...
def export_readable_csv(lineups: Iterable[Lineup], path: PathOrText) -> str: ...
def read_csv(path_or_text: PathOrText, slate: Slate) -> List[Lineup]: ...
class PortfolioPick(TypedDict):
    lineup: Lineup
    mean: float
    std: float
    p90: float
    gain: float

def portfolio(
    slate: Slate,
    n: int = ...,
    rules: Optional[Union[Rules, Dict[str, Any]]] = ...,
    seed: int = ...,
    *,
    simulations: int = 2000,
    candidates: int = 0,
    team_correlation: float = 0.15,
    stack_correlation: float = 0.25,
    game_correlation: float = 0.05,
    default_std: float = 0.35,
) -> List[PortfolioPick]: ...
class Entry(TypedDict):
    line: int
    entry_id: str
    contest_name: Optional[str]
    contest_id: Optional[str]
    entry_fee: Optional[str]
    info: List[str]
    lineup: Optional[Lineup]
    locked: List[str]

class EntriesFile(TypedDict):
    columns: List[str]
    entries: List[Entry]

TimeLike = Union[datetime, str, int, float]

@overload
def late_swap(
    slate: Slate,
    entries: EntriesFile,
    started: Union[str, Iterable[str]] = ...,
    rules: Optional[Union[Rules, Dict[str, Any]]] = ...,
    now: Optional[TimeLike] = ...,
) -> EntriesFile: ...
@overload
def late_swap(
    slate: Slate,
    entries: Iterable[Lineup],
    started: Union[str, Iterable[str]] = ...,
    rules: Optional[Union[Rules, Dict[str, Any]]] = ...,
    now: Optional[TimeLike] = ...,
) -> List[Lineup]: ...
def read_entries(path_or_text: PathOrText, slate: Slate) -> EntriesFile: ...
def fill_entries(entries: EntriesFile, lineups: Iterable[Lineup]) -> EntriesFile: ...
def entries_csv(entries: EntriesFile, slate: Slate) -> str: ...
def export_entries_csv(entries: EntriesFile, slate: Slate, path: PathOrText) -> str: ...
def parse_time(text: str) -> int: ...

class PrizeRange(TypedDict):
    first: int
    last: int
    prize: float

class ContestSpec(TypedDict):
    field_size: int
    entry_fee: float
    max_entries: int
    payouts: List[PrizeRange]

class EntryStats(TypedDict):
    expected_payout: float
    payout_std_error: float
    roi: float
    cash_rate: float
    top1_rate: float
    win_rate: float
    mean_finish: float
    finish_p10: float
    finish_p50: float
    finish_p90: float
    mean_score: float
    std_score: float

class ContestEntry(TypedDict):
    lineup: Lineup
    stats: EntryStats
    marginal_profit: Optional[float]

class PortfolioStats(TypedDict):
    entries: int
    cost: float
    expected_payout: float
    expected_profit: float
    profit_std_error: float
    roi: float
    profit_p10: float
    profit_p50: float
    profit_p90: float
    cash_rate: float
    top1_rate: float
    win_rate: float

class FieldOwnership(TypedDict):
    id: str
    name: str
    roster_slot: Optional[str]
    projected: float
    field: float

class FieldSummary(TypedDict):
    entries: int
    mean_salary: float
    mean_projection: float
    optimal_projection: float
    stacked_share: float
    duplicate_share: float
    ownership_gap: float
    ownership: List[FieldOwnership]

class PositionCorrelation(TypedDict, total=False):
    a: str
    b: str
    opponent: bool
    value: float

class PlayerCorrelation(TypedDict):
    a: str
    b: str
    value: float

class OutcomeModel(TypedDict, total=False):
    team_correlation: float
    stack_correlation: float
    game_correlation: float
    default_std: float
    position_correlations: List[PositionCorrelation]
    player_correlations: List[PlayerCorrelation]

class OutcomeCorrelations(TypedDict):
    players: List[str]
    correlations: List[List[float]]
    largest_repair: float

class ContestResult(TypedDict):
    entries: List[ContestEntry]
    portfolio: PortfolioStats
    field: FieldSummary
    simulations: int
    candidates: int

def read_payouts(path_or_text: PathOrText, field_size: int, entry_fee: float, max_entries: int = ...) -> ContestSpec: ...
def simulate_contest(
    slate: Slate,
    contest: ContestSpec,
    lineups: Iterable[Lineup],
    seed: int = ...,
    *,
    simulations: int = 1000,
    outcomes: Optional[OutcomeModel] = None,
    field: Optional[Dict[str, Any]] = None,
) -> ContestResult: ...
def select_by_roi(
    slate: Slate,
    contest: ContestSpec,
    candidates: Iterable[Lineup],
    n: int,
    rules: Optional[Union[Rules, Dict[str, Any]]] = ...,
    seed: int = ...,
    *,
    simulations: int = 1000,
    outcomes: Optional[OutcomeModel] = None,
    field: Optional[Dict[str, Any]] = None,
) -> ContestResult: ...
def contest_portfolio(
    slate: Slate,
    contest: ContestSpec,
    n: int = ...,
    rules: Optional[Union[Rules, Dict[str, Any]]] = ...,
    seed: int = ...,
    *,
    simulations: int = 1000,
    candidates: int = 0,
    outcomes: Optional[OutcomeModel] = None,
    field: Optional[Dict[str, Any]] = None,
) -> ContestResult: ...
def sample_field(
    slate: Slate,
    entries: int,
    seed: int = ...,
    *,
    stack_rate: Optional[float] = None,
    stack_size: Optional[int] = None,
    min_salary_share: float = 0.98,
    max_off_optimal: float = 0.25,
    calibration_rounds: int = 4,
) -> Tuple[List[Lineup], FieldSummary]: ...
def outcome_correlations(
    slate: Slate,
    players: Iterable[str],
    *,
    team_correlation: float = 0.15,
    stack_correlation: float = 0.25,
    game_correlation: float = 0.05,
    default_std: float = 0.35,
    position_correlations: Optional[List[PositionCorrelation]] = None,
    player_correlations: Optional[List[PlayerCorrelation]] = None,
) -> OutcomeCorrelations: ...
def candidate_pool(slate: Slate, n: int, rules: Optional[Union[Rules, Dict[str, Any]]] = ...) -> List[Lineup]: ...
def contest_csv(result: ContestResult) -> str: ...
def export_contest_csv(result: ContestResult, path: PathOrText) -> str: ...

__all__ = [
    "InfeasibleError",
    "Lineup",
    "LineupPlayer",
    "Rules",
    "Slate",
    "export_csv",
    "export_readable_csv",
    "late_swap",
    "optimize",
    "portfolio",
    "read_csv",
    "upload_csv",
    "read_payouts",
    "simulate_contest",
    "select_by_roi",
    "contest_portfolio",
    "sample_field",
    "outcome_correlations",
    "candidate_pool",
    "contest_csv",
    "export_contest_csv",
    "read_entries",
    "fill_entries",
    "entries_csv",
    "export_entries_csv",
    "parse_time",
    "rosters",
]
