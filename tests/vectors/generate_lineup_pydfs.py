"""Records pydfs-lineup-optimizer's k-best lineups on two bundled DraftKings slates.

pydfs-lineup-optimizer 3.6.1 (PuLP 2.4, bundled CBC) re-solves a MILP per lineup, each
constrained to differ from every earlier one by at least one player: the reference k-best
sequence for edgekit.lineup (issue 3). Pool: every row with AvgPointsPerGame > 0 (edgekit's
default hygiene drops zero projections), site rules as pydfs applies them (DK classic: two games;
showdown: at most five players from one team). Run: python generate_lineup_pydfs.py
(needs `pip install pydfs-lineup-optimizer==3.6.1`; about four minutes).
"""

import json
import os
import sys
import time

import pulp
import pydfs_lineup_optimizer as pydfs
from pydfs_lineup_optimizer import Site, Sport, get_optimizer

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "examples", "data", "lineup")


def run(file, site, sport, n):
    opt = get_optimizer(site, sport)
    opt.load_players_from_csv(os.path.join(DATA, file))
    for p in list(opt.player_pool.all_players):
        if p.fppg <= 0:
            opt.player_pool.remove_player(p)
    start = time.perf_counter()
    lineups = list(opt.optimize(n=n))
    seconds = time.perf_counter() - start
    return {
        "file": file,
        "n": n,
        "pool": len(opt.player_pool.filtered_players),
        "seconds": round(seconds, 1),
        "projections": [round(l.fantasy_points_projection, 4) for l in lineups],
        "salaries": [int(l.salary_costs) for l in lineups],
        "player_ids": [sorted(p.id for p in l.players) for l in lineups],
    }


def main():
    out = {
        "provenance": (
            "pydfs-lineup-optimizer %s with PuLP %s (CBC), recorded by tests/vectors/generate_lineup_pydfs.py "
            "on Python %s" % (pydfs.__version__ if hasattr(pydfs, "__version__") else "3.6.1", pulp.__version__, sys.version.split()[0])
        ),
        "showdown": run("dk_nfl_showdown_2019-01-05_IND@HOU_draftfast.csv", Site.DRAFTKINGS_CAPTAIN_MODE, Sport.FOOTBALL, 40),
        "classic": run("dk_nfl_classic_2019wk1_seenahuang.csv", Site.DRAFTKINGS, Sport.FOOTBALL, 150),
    }
    with open(os.path.join(HERE, "lineup_pydfs.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
