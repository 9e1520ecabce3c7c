"""Records pydfs-lineup-optimizer's k-best lineups on the bundled DraftKings soccer and tennis
slates (issue 19, item 5).

pydfs-lineup-optimizer 3.6.1 (PuLP 2.4, bundled CBC), pool = every row with
AvgPointsPerGame > 0 (edgekit's default hygiene), each lineup distinct from the earlier ones,
the site rules as pydfs has them (soccer: GK, 2 D, 2 M, 2 F, UTIL, players from at least three
teams; tennis: six players). Runs: "soccer" and "tennis", 20 lineups each.
Run: python generate_lineup_pydfs_sports.py (needs `pip install pydfs-lineup-optimizer==3.6.1`).
"""

import json
import os
import sys
import time

import pulp
from pydfs_lineup_optimizer import Site, Sport, get_optimizer

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "examples", "data", "lineup")


def run(file, sport, n):
    opt = get_optimizer(Site.DRAFTKINGS, sport)
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
        "player_ids": [sorted(p.id for p in l.players) for l in lineups],
    }


def main():
    out = {
        "provenance": (
            "pydfs-lineup-optimizer 3.6.1 with PuLP %s (CBC), recorded by "
            "tests/vectors/generate_lineup_pydfs_sports.py on Python %s"
            % (pulp.__version__, sys.version.split()[0])
        ),
        "soccer": run("dk_soccer_classic_2018-12_draftfast.csv", Sport.SOCCER, 20),
        "tennis": run("dk_tennis_classic_2020-02-17_draftfast.csv", Sport.TENNIS, 20),
    }
    with open(os.path.join(HERE, "lineup_pydfs_sports.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
