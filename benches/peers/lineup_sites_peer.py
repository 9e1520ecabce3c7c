"""pydfs-lineup-optimizer (PuLP + CBC) and edgekit's Python wheel on the same runs, in one process:
20 lineups on each salary file of the sites and sports added in session 20 (golf, MMA, League of
Legends, college and MLB showdown, FanDuel MLB single game), and 20 lineups on the DraftKings
NFL 2019 week-1 slate under a capped team stack (QB/WR/TE stack of 3 with max_exposure 0.25;
then 0.3 with HOU and MIN capped at 0.1). The runs are the ones tests/vectors records (the
recording scripts' shared `run`), so the table also says whether the projections agree.

    pip install pydfs-lineup-optimizer==3.6.1
    python benches/peers/lineup_sites_peer.py
"""

import pathlib
import sys
import time
from importlib.metadata import version

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "vectors"))

from pydfs_common import DATA, run  # noqa: E402
from pydfs_lineup_optimizer import Site, Sport, TeamStack  # noqa: E402

from edgekit import lineup  # noqa: E402

CAPTAIN = Site.DRAFTKINGS_CAPTAIN_MODE
STACK = {"type": "team", "size": 3, "positions": ["QB", "WR", "TE"]}


def pydfs_stack(**stack):
    def setup(opt):
        opt.add_stack(TeamStack(3, for_positions=["QB", "TE", "WR"], **stack))

    return setup


CASES = [
    # name, file, pydfs (site, sport, budget, setup), edgekit (site, sport, rules)
    ("DK golf", "dk_golf_classic_2021-04_masters_longenbach.csv", (Site.DRAFTKINGS, Sport.GOLF, None, None), ("draftkings", "golf", None)),
    ("DK MMA", "dk_mma_classic_2026-08-29_ufc-contest-sim.csv", (Site.DRAFTKINGS, Sport.MMA, None, None), ("draftkings", "mma", None)),
    ("DK League of Legends", "dk_lol_classic_2020-04-12_clark-teeple.csv", (CAPTAIN, Sport.LEAGUE_OF_LEGENDS, None, None), ("draftkings", "lol", None)),
    ("DK college showdown", "dk_cfb_showdown_2023-11-25_FSU@UF_mainstringargs.csv", (CAPTAIN, Sport.BASKETBALL, None, None), ("draftkings", "cfb", None)),
    ("DK MLB showdown", "dk_mlb_showdown_2019-06-30_ATL@NYM_draftfast.csv", (CAPTAIN, Sport.BASEBALL, None, None), ("draftkings", "mlb", None)),
    ("FD MLB single game", "fd_mlb_single_game_NYY@SEA_draftfast.csv", (Site.FANDUEL_SINGLE_GAME, Sport.BASEBALL, 35_000, None), ("fanduel", "mlb", None)),
    (
        "DK NFL, team stack capped at 0.25",
        "dk_nfl_classic_2019wk1_seenahuang.csv",
        (Site.DRAFTKINGS, Sport.FOOTBALL, None, pydfs_stack(max_exposure=0.25)),
        ("draftkings", "nfl", {"stacks": [dict(STACK, max_exposure=0.25)]}),
    ),
    (
        "DK NFL, stack 0.3, HOU and MIN 0.1",
        "dk_nfl_classic_2019wk1_seenahuang.csv",
        (Site.DRAFTKINGS, Sport.FOOTBALL, None, pydfs_stack(max_exposure=0.3, max_exposure_per_team={"HOU": 0.1, "MIN": 0.1})),
        ("draftkings", "nfl", {"stacks": [dict(STACK, max_exposure=0.3, max_exposure_per_team={"HOU": 0.1, "MIN": 0.1})]}),
    ),
]


def main(n=20):
    print(f"pydfs-lineup-optimizer {version('pydfs-lineup-optimizer')}, edgekit {version('edgekit')}, {n} lineups each")
    print("| work | pydfs-lineup-optimizer (CBC) | edgekit (Python) | ratio | projections equal |")
    print("| --- | --- | --- | --- | --- |")
    for name, file, (site, sport, budget, setup), (ek_site, ek_sport, rules) in CASES:
        start = time.perf_counter()
        theirs = run(file, site, sport, n, budget=budget, setup=setup)
        pydfs_seconds = time.perf_counter() - start
        start = time.perf_counter()
        slate = lineup.Slate.from_csv(pathlib.Path(DATA) / file, site=ek_site, sport=ek_sport)
        ours = lineup.optimize(slate, n=n, rules=rules)
        edgekit_seconds = time.perf_counter() - start
        equal = sum(abs(a - b.projection) <= 1e-3 for a, b in zip(theirs["projections"], ours))
        print(
            f"| {name} | {pydfs_seconds:.2f} s | {1000 * edgekit_seconds:.1f} ms "
            f"| {pydfs_seconds / edgekit_seconds:,.0f}× | {equal}/{n} |"
        )


if __name__ == "__main__":
    main()
