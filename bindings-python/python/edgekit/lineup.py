"""Optimal daily-fantasy lineups: DraftKings, FanDuel and Yahoo salary files in, upload files out.

>>> from edgekit import lineup
>>> slate = lineup.Slate.from_csv("DKSalaries.csv", site="draftkings", sport="nfl")  # doctest: +SKIP
>>> best = lineup.optimize(slate, n=20, rules=lineup.Rules(max_exposure=0.6, stacks=[
...     {"type": "positions", "positions": ["QB", "WR|TE", "WR|TE"]}]), seed=7)  # doctest: +SKIP
>>> lineup.export_csv(best, "upload.csv", site="draftkings")  # doctest: +SKIP

Every lineup returned is optimal under the rules in force for it (an exact search, the same
engine as the Rust crate and the Node package). Rules are a :class:`Rules` dataclass or a plain
dict with the same keys; see docs/lineup.md for each rule.
"""

import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Dict, List, Optional

from edgekit._edgekit import lineup as _native
from edgekit.errors import InfeasibleError, InputTypeError

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

_from_text = _native.Slate.from_csv_text
_optimize = _native.optimize
_portfolio = _native.portfolio
_late_swap = _native.late_swap
_upload = _native.upload_csv
_readable = _native.readable_csv
_read = _native.read_upload_csv
_read_payouts = _native.read_payouts
_simulate_contest = _native.simulate_contest
_select_by_roi = _native.select_by_roi
_contest_portfolio = _native.contest_portfolio
_sample_field = _native.sample_field
_outcome_correlations = _native.outcome_correlations
_candidate_pool = _native.candidate_pool
_contest_csv = _native.contest_csv
_read_entries = _native.read_entries
_late_swap_entries = _native.late_swap_entries
_fill_entries = _native.fill_entries
_entries_csv = _native.entries_csv
parse_time = _native.parse_time


def rosters():
    """Every roster template as a dict: ``site``, ``sport``, ``contest``, ``slots`` (``name``,
    ``accepts``, ``multiplier``) in upload order, ``salary_cap`` and the site's rules
    (``min_games``, ``min_teams``, ``max_per_team``, ``team_limit_positions``, ``positions``)."""
    return _native.rosters()


def _text(path_or_text, what):
    if not isinstance(path_or_text, (str, os.PathLike)):
        raise InputTypeError(f"{what} must be a path or CSV text, not {type(path_or_text).__name__}")
    text = os.fspath(path_or_text)
    if "\n" not in text and os.path.exists(text):
        with open(text, encoding="utf-8-sig") as f:
            return f.read()
    if "\n" not in text:
        raise InputTypeError(f"{what}: no file {text!r}")
    return text


class Slate:
    """A site's player pool with its roster template (slots, cap, site rules)."""

    def __init__(self, native):
        self._native = native
        self._players = None
        self.roster = native.roster()

    @classmethod
    def from_csv(cls, path, site="draftkings", sport="nfl", contest=None):
        """Reads a salary CSV as the site exports it, or the player pool of an entries file
        (DraftKings' ``DKEntries.csv``, FanDuel's entries export). The contest (``"classic"`` or
        ``"showdown"``) is detected from the file unless given."""
        return cls(_from_text(_text(path, "path"), site, sport, contest))

    @classmethod
    def from_csv_text(cls, text, site="draftkings", sport="nfl", contest=None):
        """:meth:`from_csv` on CSV text."""
        return cls(_from_text(text, site, sport, contest))

    @classmethod
    def from_records(cls, records, site="draftkings", sport="nfl", contest=None):
        """A slate from the app's own player rows: a list of dicts or a pandas DataFrame with
        ``id``, ``name``, ``positions`` (a list or ``"PG/SG"``), ``team``, ``salary``,
        ``projection`` and optionally ``opponent``, ``game``, ``injury``, ``roster_slot``,
        ``floor``, ``ceiling``, ``std``, ``ownership``, ``min_exposure``, ``max_exposure``,
        ``batting_order``, ``confirmed_starter``, ``starts_at`` (ISO 8601 text with an offset, ``"01/18/2019 07:00PM
        ET"`` or Unix seconds), ``game_started``. Checked as a salary file is (errors name the record, from 1);
        missing values (None, NaN) are absent."""
        if hasattr(records, "to_dict") and hasattr(records, "columns"):
            records = records.to_dict("records")
        rows = [
            {k: v for k, v in dict(r).items() if not (v is None or (isinstance(v, float) and v != v))}
            if isinstance(r, Mapping) else r
            for r in records
        ]
        for r in rows:
            if isinstance(r, dict) and hasattr(r.get("starts_at"), "isoformat"):
                r["starts_at"] = _now(r["starts_at"])
        return cls(_native.Slate.from_records(rows, site, sport, contest))

    def with_projections(self, path_or_text):
        """A new slate with a projections CSV merged in (by ``id`` or name; ``projection``,
        optional ``floor``, ``ceiling``, ``std``, ``ownership``, ``min_exposure``,
        ``max_exposure``, ``batting_order`` 1-9 for baseball, ``confirmed_starter`` yes/no). Returns ``(slate, report)``; the report counts ``matched`` rows,
        lists ``unmatched`` ``[line, key]`` pairs and counts slate rows ``missing`` from the file."""
        native, report = self._native.with_projections(_text(path_or_text, "projections"))
        return Slate(native), report

    @property
    def players(self) -> List[Dict[str, Any]]:
        """Players as dicts (id, name, positions, team, opponent, game, salary, projection, ...)."""
        if self._players is None:
            self._players = self._native.players()
        return self._players

    @property
    def site(self):
        return self.roster["site"]

    @property
    def sport(self):
        return self.roster["sport"]

    @property
    def contest(self):
        return self.roster["contest"]

    def __len__(self):
        return len(self._native)

    def __repr__(self):
        return f"Slate({self.site} {self.sport} {self.contest}, {len(self)} players)"


@dataclass
class Rules:
    """Lineup rules; every field optional (``None``/empty keeps only the site's rules).

    ``locks`` items are an ID/name or ``{"player", "slot"}``; ``stacks`` items are dicts with
    ``type`` ``"team"`` (``size``, ``positions``, ``teams``, ``bring_back``,
    ``bring_back_positions``, ``spacing``: baseball, the players come from that many consecutive
    batting-order spots), ``"positions"`` (``positions`` like ``["QB", "WR|TE"]``, ``teams``,
    ``bring_back``) or ``"game"`` (``size``, ``min_from_each_team``, ``games``); team and
    positions stacks take ``max_exposure`` (the share of lineups that may meet the stack with
    any one team; once spent, later lineups do not meet it with that team) and
    ``max_exposure_per_team`` (``{"HOU": 0.1}``), game stacks ``max_exposure`` per game;
    ``restrict_opposing`` items are ``{"positions", "opposing", "max_allowed"}`` (each player at
    ``positions`` faces at most ``max_allowed``, default 0, at ``opposing``);
    ``restrict_same_team`` items are ``{"positions", "teammates"}`` (a player at ``positions`` and
    a different teammate at ``teammates`` never share a lineup); ``max_team_exposure`` caps the
    share of lineups any team appears in, ``team_exposures`` items ``{"team", "max_exposure"}``
    per team; ``groups`` items are
    ``{"players", "min", "max", "depends_on"}``; ``randomness`` is ``{"mode": "std"|"range",
    "scale"}``. Ownership (needs every player's projected ``ownership``, percent):
    ``max_total_ownership`` caps a lineup's summed ownership (percent), ``max_product_ownership``
    the product of its ownership fractions; ``ownership_penalty`` ``{"weight", "kind":
    "linear"|"log"}`` optimizes projection − weight × ownership % (or − weight × ln ownership).
    Baseball: ``position_spacing`` ``{"positions", "spacing"}`` keeps teammates at those
    positions (all, if empty) within ``spacing`` consecutive batting-order spots, stacked or not;
    ``min_starters`` asks for that many players whose ``confirmed_starter`` is true.
    ``exposure_strategy`` ``"total"`` (default: a cap of e allows floor(e × n) lineups) or
    ``"after_each"`` (before each lineup, whoever's share so far is at or above his cap sits it
    out); ``progressive`` ``{"scale": 0.01}`` bumps each player left out of a lineup by that
    share of his projection for the next one, cumulatively (pydfs' progressive strategy).
    """

    min_salary: Optional[int] = None
    max_salary: Optional[int] = None
    locks: List[Any] = field(default_factory=list)
    excludes: List[str] = field(default_factory=list)
    exclude_teams: List[str] = field(default_factory=list)
    max_per_team: Optional[int] = None
    min_teams: Optional[int] = None
    max_teams: Optional[int] = None
    stacks: List[Dict[str, Any]] = field(default_factory=list)
    restrict_opposing: List[Dict[str, Any]] = field(default_factory=list)
    restrict_same_team: List[Dict[str, Any]] = field(default_factory=list)
    groups: List[Dict[str, Any]] = field(default_factory=list)
    max_exposure: Optional[float] = None
    max_team_exposure: Optional[float] = None
    team_exposures: List[Dict[str, Any]] = field(default_factory=list)
    max_captain_exposure: Optional[float] = None
    max_flex_exposure: Optional[float] = None
    max_repeating: Optional[int] = None
    randomness: Optional[Dict[str, Any]] = None
    drop_zero_projections: Optional[bool] = None
    drop_injury: Optional[List[str]] = None
    max_total_ownership: Optional[float] = None
    max_product_ownership: Optional[float] = None
    ownership_penalty: Optional[Dict[str, Any]] = None
    position_spacing: Optional[Dict[str, Any]] = None
    min_starters: Optional[int] = None
    exposure_strategy: Optional[str] = None
    progressive: Optional[Dict[str, Any]] = None

    def to_dict(self):
        return {k: v for k, v in asdict(self).items() if v is not None and v != []}


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
    """One lineup: ``players`` in slot order, total ``projection`` and ``salary``."""

    def __init__(self, data, slate):
        self._data = data
        self.slate = slate
        self.projection = data["projection"]
        self.salary = data["salary"]
        self.players = [
            LineupPlayer(p["slot"], p["id"], p["name"], p["team"], p["position"], p["salary"], p["projection"])
            for p in data["players"]
        ]

    @property
    def player_ids(self):
        return [p.id for p in self.players]

    def to_dict(self):
        return {
            "projection": self.projection,
            "salary": self.salary,
            "players": [asdict(p) for p in self.players],
        }

    def __eq__(self, other):
        return isinstance(other, Lineup) and self._data == other._data

    def __repr__(self):
        names = ", ".join(f"{p.slot} {p.name}" for p in self.players)
        return f"Lineup({self.projection:.2f} pts, ${self.salary}: {names})"


def _rules(rules):
    if rules is None:
        return None
    if isinstance(rules, Rules):
        rules = rules.to_dict()
    if not isinstance(rules, dict):
        raise InputTypeError(f"rules must be a Rules or a dict, not {type(rules).__name__}")
    return rules


def optimize(slate, n=1, rules=None, seed=None, method="search"):
    """The ``n`` best lineups in decreasing projection, each optimal under ``rules`` given the
    lineups before it. ``seed`` drives randomized projections. ``method="milp"`` solves each
    lineup as a mixed-integer programme instead (slower; for cross-checks). Raises
    :class:`InfeasibleError` (with ``.rules``) when the rules leave no lineup."""
    if not isinstance(slate, Slate):
        raise InputTypeError(f"slate must be a lineup.Slate, not {type(slate).__name__}")
    out = _optimize(slate._native, n, _rules(rules), seed, method)
    return [Lineup(d, slate) for d in out]


def portfolio(slate, n=20, rules=None, seed=0, **options):
    """``n`` lineups chosen to maximise the expected best score of the set over ``simulations``
    seeded outcomes (the contest simulator's model: players correlated within a team, QBs with
    their pass catchers, both teams through the game's pace, defenses against the opposing
    offense), greedily from an exact run of ``candidates`` lineups (0: max(10n, 300)). Options
    (``simulations``, ``candidates``, ``team_correlation``, ``stack_correlation``,
    ``game_correlation``, ``default_std``) are core's ``lineup::PortfolioOptions``. Returns a
    list of dicts ``{"lineup", "mean", "std", "p90", "gain"}`` in pick order."""
    if not isinstance(slate, Slate):
        raise InputTypeError(f"slate must be a lineup.Slate, not {type(slate).__name__}")
    out = _portfolio(slate._native, n, _rules(rules), seed, **options)
    for entry in out["lineups"]:
        entry["lineup"] = Lineup(entry["lineup"], slate)
    return out["lineups"]


def late_swap(slate, entries, started=(), rules=None, now=None):
    """Re-optimizes entries after some games have begun: their players stay in their slots,
    other players from those games are out, the rest is re-chosen under ``rules``. A game has
    begun when ``started`` names it (game keys like ``"NYG@DAL"`` or team abbreviations), when
    its start time (DraftKings' Game Info) is at or before ``now`` (an aware ``datetime``, ISO
    8601 text with an offset, DraftKings' ``"01/18/2019 08:30PM ET"`` or Unix seconds), when
    the file lists it as under way, or when the entries file marks one of its players
    ``(LOCKED)``. Entries are swapped in order as one portfolio (as pydfs-lineup-optimizer
    does): each is optimal given the ones before, distinct from them, and ``max_exposure``
    counts over all the entries; an entry whose games have all started comes back unchanged.

    ``entries`` is an entries file from :func:`read_entries` (then a new entries file comes
    back, reservations filled, each entry's ``locked`` players listed, ready for
    :func:`entries_csv`) or a list of lineups (then one lineup per entry comes back). The GIL
    is released while it runs."""
    if isinstance(started, str):
        started = [started]
    started = list(started)
    if isinstance(entries, Mapping):
        out = _late_swap_entries(slate._native, _entries_in(entries), now=_now(now),
                                 started=started, rules=_rules(rules))
        return _entries_out(out, slate)
    _, data = _lineup_data(entries)
    if now is None:
        out = _late_swap(slate._native, data, started, _rules(rules))
        return [Lineup(d, slate) for d in out]
    file = {"columns": [], "entries": [
        {"line": k + 1, "entry_id": str(k + 1), "contest_name": None, "contest_id": None,
         "entry_fee": None, "info": [], "lineup": d, "locked": []}
        for k, d in enumerate(data)]}
    out = _late_swap_entries(slate._native, file, now=_now(now), started=started, rules=_rules(rules))
    return [Lineup(e["lineup"], slate) for e in out["entries"]]


def _now(now):
    if now is None or isinstance(now, str):
        return now
    if isinstance(now, bool):
        raise InputTypeError("now must be a datetime, text or Unix seconds, not a bool")
    if isinstance(now, (int, float)):
        return now
    if hasattr(now, "isoformat") and hasattr(now, "tzinfo"):
        if now.tzinfo is None or now.utcoffset() is None:
            raise InputTypeError("now must be a timezone-aware datetime (the slate's times are US Eastern)")
        return now.isoformat()
    raise InputTypeError(f"now must be a datetime, text or Unix seconds, not {type(now).__name__}")


def _entries_in(file):
    if not isinstance(file, Mapping) or "entries" not in file:
        raise InputTypeError("entries must be an entries file from lineup.read_entries")
    entries = []
    for e in file["entries"]:
        e = dict(e)
        if isinstance(e.get("lineup"), Lineup):
            e["lineup"] = e["lineup"]._data
        entries.append(e)
    return dict(file, entries=entries)


def _entries_out(out, slate):
    for e in out["entries"]:
        if e["lineup"] is not None:
            e["lineup"] = Lineup(e["lineup"], slate)
    return out


def read_entries(path_or_text, slate):
    """An entries file as the site exports it for editing entries (DraftKings'
    ``DKEntries.csv``, FanDuel's entries CSV), read against ``slate`` (which
    :meth:`Slate.from_csv` reads from the same file's player pool). Returns a JSON-safe dict
    ``{"columns", "entries"}``: ``columns`` are the leading column names as written; each entry
    has ``line``, ``entry_id``, ``contest_name``, ``contest_id``, ``entry_fee``, ``info`` (the
    leading cells), ``lineup`` (a :class:`Lineup`, ``None`` for a reservation) and ``locked``
    (IDs DraftKings marked ``(LOCKED)``)."""
    out = _read_entries(slate._native, _text(path_or_text, "path"))
    return _entries_out(out, slate)


def fill_entries(entries, lineups):
    """The entries file with ``lineups`` placed into its entries in order (fewer lineups leave
    the later entries as they were; more are refused)."""
    lineups, data = _lineup_data(lineups)
    slate = lineups[0].slate if lineups else None
    out = _fill_entries(_entries_in(entries), data)
    if slate is None:
        return entries
    return _entries_out(out, slate)


def entries_csv(entries, slate):
    """The upload that edits these entries: the entry columns as read (Entry ID, contest, fee),
    then each lineup's IDs in slot order."""
    return _entries_csv(_slate(slate), _entries_in(entries))


def export_entries_csv(entries, slate, path):
    """Writes :func:`entries_csv` to ``path``. Returns the text."""
    text = entries_csv(entries, slate)
    with open(path, "w", newline="") as f:
        f.write(text)
    return text


def _lineup_data(lineups):
    lineups = list(lineups)
    if not all(isinstance(l, Lineup) for l in lineups):
        raise InputTypeError("lineups must be Lineup objects from lineup.optimize or lineup.read_csv")
    return lineups, [l._data for l in lineups]


def upload_csv(lineups, site=None):
    """The site's upload CSV as text (slot header, one row of IDs per lineup), for an HTTP
    response. ``site``, when given, must be the lineups' site."""
    lineups, data = _lineup_data(lineups)
    if not lineups:
        raise InputTypeError("no lineups to export")
    slate = lineups[0].slate
    aliases = {"dk": "draftkings", "fd": "fanduel"}
    if site is not None and aliases.get(str(site).lower(), str(site).lower()) != slate.site:
        raise InputTypeError(f"these lineups are for {slate.site}, not {site}")
    return _upload(slate._native, data)


def export_csv(lineups, path, site=None):
    """Writes :func:`upload_csv` to ``path``. Returns the text."""
    text = upload_csv(lineups, site)
    with open(path, "w", newline="") as f:
        f.write(text)
    return text


def export_readable_csv(lineups, path):
    """Writes one row per player: lineup, slot, id, name, team, position, salary, projection."""
    _, data = _lineup_data(lineups)
    text = _readable(data)
    with open(path, "w", newline="") as f:
        f.write(text)
    return text


def read_csv(path_or_text, slate):
    """Lineups from an upload CSV (or a DraftKings entries CSV) checked against ``slate``."""
    text = _text(path_or_text, "path")
    return [Lineup(d, slate) for d in _read(slate._native, text)]


def _slate(slate):
    if not isinstance(slate, Slate):
        raise InputTypeError(f"slate must be a lineup.Slate, not {type(slate).__name__}")
    return slate._native


def read_payouts(path_or_text, field_size, entry_fee, max_entries=150):
    """A contest from its prize table: a CSV (path or text) with a ``place`` column (``1``,
    ``4-5``, ``4th - 5th``) or ``first``/``last`` columns, and a ``prize`` column (``$`` and
    thousands separators allowed), plus the contest's entry count, fee and per-user entry limit.
    Returns the contest as a JSON-safe dict ``{"field_size", "entry_fee", "max_entries",
    "payouts": [{"first", "last", "prize"}]}``, which the contest functions take."""
    return _read_payouts(_text(path_or_text, "payouts"), field_size, entry_fee, max_entries)


def _contest_result(out, slate):
    for entry in out["entries"]:
        entry["lineup"] = Lineup(entry["lineup"], slate)
    return out


def simulate_contest(slate, contest, lineups, seed=0, **options):
    """Simulates ``contest`` (from :func:`read_payouts`) with ``lineups`` entered together:
    correlated player outcomes, a field of ``field_size − len(lineups)`` lineups drawn from
    projected ownership, every finish paid by the prize table with ties split. Options are
    core's ``ContestOptions``: ``simulations`` (default 1000), ``outcomes`` (``{"team_correlation",
    "stack_correlation", "game_correlation", "default_std"}``) and ``field`` (``{"stack_rate",
    "stack_size", "min_salary_share", "max_off_optimal", "calibration_rounds"}``). Returns a
    dict: ``entries`` (``{"lineup", "stats", "marginal_profit"}``; stats hold
    ``expected_payout``, ``roi``, ``cash_rate``, ``top1_rate``, ``win_rate``, finishes and
    scores), ``portfolio`` (the set's profit, ROI and rates), ``field`` (its summary). The GIL is
    released while it runs; seeded."""
    _, data = _lineup_data(lineups)
    return _contest_result(_simulate_contest(_slate(slate), contest, data, seed, **options), slate)


def select_by_roi(slate, contest, candidates, n, rules=None, seed=0, **options):
    """Chooses ``n`` of ``candidates`` (lineups) that together earn the most in ``contest``,
    keeping ``rules``' exposure and repeating-player limits over the chosen set; each entry's
    ``marginal_profit`` is what it added when chosen. Result as :func:`simulate_contest`."""
    _, data = _lineup_data(candidates)
    out = _select_by_roi(_slate(slate), contest, data, n, _rules(rules), seed, **options)
    return _contest_result(out, slate)


def contest_portfolio(slate, contest, n=20, rules=None, seed=0, **options):
    """:func:`select_by_roi` from a pool built under ``rules`` (``candidates`` option, default
    20 per entry and at least 1000: the exact best lineups, the best on each team's stack,
    ownership-leveraged runs and the optimizer's own ``n``)."""
    return _contest_result(_contest_portfolio(_slate(slate), contest, n, _rules(rules), seed, **options), slate)


def sample_field(slate, entries, seed=0, **model):
    """A simulated field of ``entries`` lineups as :func:`simulate_contest` draws it (options
    of core's ``FieldModel``). Returns ``(lineups, summary)``; the summary has the field's mean
    salary and projection, stacked and duplicated shares and each player's projected vs field
    ownership."""
    out = _sample_field(_slate(slate), entries, seed, **model)
    return [Lineup(d, slate) for d in out["lineups"]], out["summary"]


def outcome_correlations(slate, players, **outcomes):
    """The correlations the contest simulator draws between ``players`` (names or IDs) under the
    outcome model (``team_correlation``, ``stack_correlation``, ``game_correlation``,
    ``default_std``, ``position_correlations=[{"a": "QB", "b": "WR", "opponent": False,
    "value": 0.6}, ...]``, ``player_correlations=[{"a": name, "b": name, "value": 0.7}, ...]``).
    Returns ``{"players", "correlations", "largest_repair"}``."""
    return _outcome_correlations(_slate(slate), players, **outcomes)


def candidate_pool(slate, n, rules=None):
    """About ``n`` distinct candidate lineups under ``rules``: the exact best, the best on each
    team's stack, ownership-leveraged runs."""
    return [Lineup(d, slate) for d in _candidate_pool(_slate(slate), n, _rules(rules))]


def contest_csv(result):
    """The upload CSV of a contest result's entries, each row followed by its expected payout,
    ROI, cash, top-1 % and win rates, mean finish and marginal profit (:func:`read_csv` reads the
    lineups back)."""
    entries = result["entries"]
    if not entries:
        raise InputTypeError("no entries to export")
    slate = entries[0]["lineup"].slate
    plain = dict(result)
    plain["entries"] = [dict(e, lineup=e["lineup"]._data) for e in entries]
    return _contest_csv(slate._native, plain)


def export_contest_csv(result, path):
    """Writes :func:`contest_csv` to ``path``. Returns the text."""
    text = contest_csv(result)
    with open(path, "w", newline="") as f:
        f.write(text)
    return text
