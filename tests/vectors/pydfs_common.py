"""What the pydfs-lineup-optimizer recording scripts share: the bundled slates' folder and a
k-best run over one salary file with edgekit's default hygiene (every row with a positive
projection) and no other rules."""

import os
import sys
import time

import pulp
from pydfs_lineup_optimizer import get_optimizer

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "examples", "data", "lineup")


def provenance(script):
    return "pydfs-lineup-optimizer 3.6.1 with PuLP %s (CBC), recorded by tests/vectors/%s on Python %s" % (
        pulp.__version__,
        script,
        sys.version.split()[0],
    )


def run(file, site, sport, n, budget=None, setup=None, drop=()):
    """The first `n` lineups pydfs finds on `file`, each distinct from the earlier ones;
    `budget` overrides the salary cap pydfs has for the site, `setup(optimizer)` adds rules,
    `drop` lists IDs left out of the pool."""
    opt = get_optimizer(site, sport)
    if budget is not None:
        opt.settings.budget = budget
    if setup is not None:
        setup(opt)
    opt.load_players_from_csv(os.path.join(DATA, file))
    for p in list(opt.player_pool.all_players):
        if p.fppg <= 0 or p.id in drop:
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
