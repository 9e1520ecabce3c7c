"""pydfs-lineup-optimizer (PuLP + CBC) and edgekit's Python wheel on the same work, in one run:
the DraftKings NFL 2019 week-1 slate, players with a positive average only (both tools), 1 and
150 lineups with the default rules, 150 with max repeating 6 and max exposure 0.5, and 150 with
a QB + 2 WR/TE stack added; then the DraftKings MLB 2020-09-24 slate with the batting-order
fixture (150 lineups; 150 with four hitters of one team from five consecutive batting spots and
max exposure 0.5). Prints a markdown table with the ratios.

    pip install pydfs-lineup-optimizer==3.6.1   # PuLP 2.4 with its bundled CBC; works offline
    python benches/peers/lineup_peer.py [--quick]

--quick runs pydfs on 10 lineups where the issue's work asks for 150 and scales nothing: the
table then says so. A full run takes pydfs several minutes per 150-lineup row.
"""

import csv
import os
import pathlib
import sys
import tempfile
import time

from pydfs_lineup_optimizer import Site, Sport, get_optimizer
from pydfs_lineup_optimizer.stacks import PositionsStack, TeamStack

from edgekit import lineup

DATA = pathlib.Path(__file__).resolve().parents[2] / "examples/data/lineup"
NFL = DATA / "dk_nfl_classic_2019wk1_seenahuang.csv"
MLB = DATA / "dk_mlb_classic_2020-09-24_draftfast.csv"
ORDERS = DATA / "dk_mlb_2020-09-24_batting_orders.csv"
HITTERS = ["C", "1B", "2B", "3B", "SS", "OF"]
QUICK = "--quick" in sys.argv


def mlb_with_roster_order():
    """The MLB salary file with pydfs' "Roster Order" column from the batting-order fixture."""
    with open(ORDERS) as f:
        order = {r["id"]: r["batting_order"] for r in csv.DictReader(f)}
    with open(MLB) as f:
        rows = list(csv.DictReader(f))
    out = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()) + ["Roster Order"])
    writer.writeheader()
    for r in rows:
        writer.writerow({**r, "Roster Order": order.get(r["ID"], "")})
    out.close()
    return out.name


def pydfs(n, mlb=False, repeating=None, exposure=None, stack=False):
    if mlb:
        opt = get_optimizer(Site.DRAFTKINGS, Sport.BASEBALL)
        path = mlb_with_roster_order()
        opt.load_players_from_csv(path)
        os.unlink(path)
    else:
        opt = get_optimizer(Site.DRAFTKINGS, Sport.FOOTBALL)
        opt.load_players_from_csv(str(NFL))
    for p in list(opt.player_pool.all_players):
        if p.fppg <= 0:
            opt.player_pool.remove_player(p)
    if repeating is not None:
        opt.set_max_repeating_players(repeating)
    if stack:
        opt.add_stack(TeamStack(4, for_positions=HITTERS, spacing=5) if mlb
                      else PositionsStack(["QB", ("WR", "TE"), ("WR", "TE")]))
    start = time.perf_counter()
    lineups = list(opt.optimize(n=n, max_exposure=exposure))
    return time.perf_counter() - start, [l.fantasy_points_projection for l in lineups]


def edgekit(n, mlb=False, repeating=None, exposure=None, stack=False):
    if mlb:
        slate = lineup.Slate.from_csv(MLB, site="draftkings", sport="mlb")
        slate, _ = slate.with_projections(ORDERS)
    else:
        slate = lineup.Slate.from_csv(NFL, site="draftkings", sport="nfl")
    rules = lineup.Rules(max_repeating=repeating, max_exposure=exposure)
    if stack:
        rules.stacks = [{"type": "team", "size": 4, "positions": HITTERS, "spacing": 5} if mlb
                        else {"type": "positions", "positions": ["QB", "WR|TE", "WR|TE"]}]
    best = None
    for _ in range(5):
        start = time.perf_counter()
        lineups = lineup.optimize(slate, n=n, rules=rules)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, [l.projection for l in lineups]


def main():
    rows = [
        ("1 lineup", dict(n=1)),
        ("150 lineups, default rules", dict(n=150)),
        ("150 lineups, max repeating 6, max exposure 0.5", dict(n=150, repeating=6, exposure=0.5)),
        ("150 lineups, + QB + 2 WR/TE stack", dict(n=150, repeating=6, exposure=0.5, stack=True)),
        ("MLB: 150 lineups, default rules", dict(n=150, mlb=True)),
        ("MLB: 150, 4 hitters in 5 batting spots, max exposure 0.5",
         dict(n=150, mlb=True, exposure=0.5, stack=True)),
    ]
    print("| work | pydfs-lineup-optimizer 3.6.1 (CBC) | edgekit (Python) | ratio | same projections |")
    print("| --- | --- | --- | --- | --- |")
    for label, kw in rows:
        peer_kw = dict(kw)
        if QUICK and peer_kw["n"] > 10:
            peer_kw["n"] = 10
        t_peer, p_peer = pydfs(**peer_kw)
        t_ek, p_ek = edgekit(**kw)
        same = all(abs(a - b) < 1e-6 for a, b in zip(p_peer, p_ek))
        note = f" ({peer_kw['n']} lineups)" if peer_kw["n"] != kw["n"] else ""
        ratio = t_peer / t_ek if peer_kw["n"] == kw["n"] else float("nan")
        print(f"| {label} | {t_peer * 1e3:,.0f} ms{note} | {t_ek * 1e3:,.1f} ms | {ratio:,.0f}× | "
              f"{'yes' if same else str(sum(1 for a, b in zip(p_peer, p_ek) if abs(a - b) < 1e-6)) + ' of ' + str(len(p_ek)) + ' equal'} |")


if __name__ == "__main__":
    main()
