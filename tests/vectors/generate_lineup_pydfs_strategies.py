"""Records pydfs-lineup-optimizer's exposure and projection strategies on the bundled DraftKings
NBA slate (examples/data/lineup/dk_nba_classic_2018-12-03_draftfast.csv).

pydfs-lineup-optimizer 3.6.1 (PuLP 2.4, bundled CBC), pool = every row with AvgPointsPerGame > 0
(edgekit's default hygiene), each lineup distinct from the earlier ones. Runs:
- "after_each": 12 lineups, max_exposure 0.5 with AfterEachExposureStrategy (a player is out of
  the next lineup while his uses so far / lineups so far >= 0.5);
- "progressive": 20 lineups with ProgressiveFantasyPointsStrategy(0.02) (a player left out of a
  lineup gains 2 % of his projection for the next one, cumulatively; a player used goes back to
  his projection). Reported projections are the real ones.
Run: python generate_lineup_pydfs_strategies.py (needs `pip install pydfs-lineup-optimizer==3.6.1`).
"""

import json
import os
import sys
import time

import pulp
from pydfs_lineup_optimizer import AfterEachExposureStrategy, Site, Sport, get_optimizer
from pydfs_lineup_optimizer.fantasy_points_strategy import ProgressiveFantasyPointsStrategy

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "examples", "data", "lineup")
SLATE = "dk_nba_classic_2018-12-03_draftfast.csv"


def run(n, **optimize):
    opt = get_optimizer(Site.DRAFTKINGS, Sport.BASKETBALL)
    opt.load_players_from_csv(os.path.join(DATA, SLATE))
    for p in list(opt.player_pool.all_players):
        if p.fppg <= 0:
            opt.player_pool.remove_player(p)
    strategy = optimize.pop("points_strategy", None)
    if strategy is not None:
        opt.set_fantasy_points_strategy(strategy)
    start = time.perf_counter()
    lineups = list(opt.optimize(n=n, **optimize))
    seconds = time.perf_counter() - start
    return {
        "n": n,
        "pool": len(opt.player_pool.filtered_players),
        "seconds": round(seconds, 1),
        "projections": [round(l.fantasy_points_projection, 4) for l in lineups],
        "player_ids": [sorted(p.id for p in l.players) for l in lineups],
    }


def main():
    out = {
        "provenance": (
            "pydfs-lineup-optimizer 3.6.1 with PuLP %s (CBC), recorded by "
            "tests/vectors/generate_lineup_pydfs_strategies.py on Python %s"
            % (pulp.__version__, sys.version.split()[0])
        ),
        "file": SLATE,
        "after_each": run(12, max_exposure=0.5, exposure_strategy=AfterEachExposureStrategy),
        "progressive": run(20, points_strategy=ProgressiveFantasyPointsStrategy(0.02)),
    }
    with open(os.path.join(HERE, "lineup_pydfs_strategies.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
