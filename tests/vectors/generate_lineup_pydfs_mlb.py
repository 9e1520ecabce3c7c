"""Records pydfs-lineup-optimizer's k-best lineups on the bundled DraftKings MLB slate.

pydfs-lineup-optimizer 3.6.1 (PuLP 2.4, bundled CBC) re-solves a MILP per lineup, each
constrained to differ from every earlier one: the reference sequence for edgekit.lineup's
baseball rules (issue 3). Pool: every row with AvgPointsPerGame > 0 (edgekit's default hygiene),
site rules as pydfs applies them (two games; at most five hitters from one team, pitchers not
counted). Runs:
- "classic": 60 lineups, site rules only;
- "spaced_stack": 30 lineups with TeamStack(4, hitters, spacing=5): four hitters of one team
  from five consecutive batting-order spots (wrapping 9 -> 1). Batting orders come from
  examples/data/lineup/dk_mlb_2020-09-24_batting_orders.csv, given to pydfs as its
  "Roster Order" column;
- "position_spacing": 30 lineups with set_spacing_for_positions(hitters, 3): teammates' hitters
  fewer than 3 spots apart around the order (the orders as above);
- "min_starters": 30 lineups with set_min_starters(7), the players at spots 1-5 of the orders
  fixture marked in pydfs' "Confirmed Starter" column (the whole posted lineups would not bind:
  the best lineups use posted hitters only).
Run: python generate_lineup_pydfs_mlb.py (needs `pip install pydfs-lineup-optimizer==3.6.1`).
"""

import csv
import json
import os
import sys
import tempfile
import time

import pulp
from pydfs_lineup_optimizer import Site, Sport, get_optimizer
from pydfs_lineup_optimizer.stacks import TeamStack

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "examples", "data", "lineup")
SALARIES = "dk_mlb_classic_2020-09-24_draftfast.csv"
ORDERS = "dk_mlb_2020-09-24_batting_orders.csv"
HITTERS = ["C", "1B", "2B", "3B", "SS", "OF"]


def with_roster_order():
    """The salary file with pydfs' "Roster Order" and "Confirmed Starter" columns filled from the
    orders fixture."""
    with open(os.path.join(DATA, ORDERS)) as f:
        order = {r["id"]: r["batting_order"] for r in csv.DictReader(f)}
    with open(os.path.join(DATA, SALARIES)) as f:
        rows = list(csv.DictReader(f))
    out = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="")
    fields = list(rows[0].keys()) + ["Roster Order", "Confirmed Starter"]
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    for r in rows:
        spot = order.get(r["ID"], "")
        confirmed = "Y" if spot and int(spot) <= 5 else ""
        writer.writerow({**r, "Roster Order": spot, "Confirmed Starter": confirmed})
    out.close()
    return out.name


def run(path, n, stack=None, spacing=None, min_starters=None):
    opt = get_optimizer(Site.DRAFTKINGS, Sport.BASEBALL)
    opt.load_players_from_csv(path)
    for p in list(opt.player_pool.all_players):
        if p.fppg <= 0:
            opt.player_pool.remove_player(p)
    if stack is not None:
        opt.add_stack(stack)
    if spacing is not None:
        opt.set_spacing_for_positions(HITTERS, spacing)
    if min_starters is not None:
        opt.set_min_starters(min_starters)
    start = time.perf_counter()
    lineups = list(opt.optimize(n=n))
    seconds = time.perf_counter() - start
    return {
        "n": n,
        "pool": len(opt.player_pool.filtered_players),
        "seconds": round(seconds, 1),
        "projections": [round(l.fantasy_points_projection, 4) for l in lineups],
        "salaries": [int(l.salary_costs) for l in lineups],
        "player_ids": [sorted(p.id for p in l.players) for l in lineups],
    }


def main():
    path = with_roster_order()
    try:
        out = {
            "provenance": (
                "pydfs-lineup-optimizer 3.6.1 with PuLP %s (CBC), recorded by "
                "tests/vectors/generate_lineup_pydfs_mlb.py on Python %s"
                % (pulp.__version__, sys.version.split()[0])
            ),
            "file": SALARIES,
            "orders": ORDERS,
            "classic": run(path, 60),
            "spaced_stack": run(path, 30, TeamStack(4, for_positions=HITTERS, spacing=5)),
            "position_spacing": run(path, 30, spacing=3),
            "min_starters": run(path, 30, min_starters=7),
        }
    finally:
        os.unlink(path)
    with open(os.path.join(HERE, "lineup_pydfs_mlb.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
