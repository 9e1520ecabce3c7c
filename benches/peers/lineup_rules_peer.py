"""pydfs-lineup-optimizer (PuLP + CBC) and edgekit's Python wheel on the same runs of the session-19
rules, in one process: on the DraftKings NBA slate of 2018-12-03, 12 lineups with max_exposure 0.5
counted after each lineup and 20 with progressive bumps of 2 %; on the DraftKings MLB slate of
2020-09-24 (batting orders from the test fixture), 30 lineups with hitters spaced within 3
batting spots and 30 with at least 7 confirmed starters (spots 1-5 of the posted lineups). The
table gives each tool's time, the ratio, and how many lineup projections agree (pydfs' CBC
runs at its default gap, so its MLB sequences are not always exact; the vectors' tests hold
edgekit to them).

    pip install pydfs-lineup-optimizer==3.6.1
    python benches/peers/lineup_rules_peer.py
"""

import csv
import os
import pathlib
import tempfile
import time
from importlib.metadata import version

from pydfs_lineup_optimizer import AfterEachExposureStrategy, Site, Sport, get_optimizer
from pydfs_lineup_optimizer.fantasy_points_strategy import ProgressiveFantasyPointsStrategy

from edgekit import lineup

DATA = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data" / "lineup"
NBA = DATA / "dk_nba_classic_2018-12-03_draftfast.csv"
MLB = DATA / "dk_mlb_classic_2020-09-24_draftfast.csv"
ORDERS = DATA / "dk_mlb_2020-09-24_batting_orders.csv"
HITTERS = ["C", "1B", "2B", "3B", "SS", "OF"]


def orders():
    with open(ORDERS) as f:
        return {r["id"]: int(r["batting_order"]) for r in csv.DictReader(f)}


def mlb_for_pydfs():
    """The MLB salary file with pydfs' "Roster Order" and "Confirmed Starter" columns."""
    spots = orders()
    rows = list(csv.DictReader(open(MLB)))
    out = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="")
    w = csv.DictWriter(out, fieldnames=list(rows[0]) + ["Roster Order", "Confirmed Starter"])
    w.writeheader()
    for r in rows:
        spot = spots.get(r["ID"])
        w.writerow({**r, "Roster Order": spot or "", "Confirmed Starter": "Y" if spot and spot <= 5 else ""})
    out.close()
    return out.name


def pydfs(file, sport, n, setup=None, **optimize):
    opt = get_optimizer(Site.DRAFTKINGS, sport)
    opt.load_players_from_csv(str(file))
    for p in list(opt.player_pool.all_players):
        if p.fppg <= 0:
            opt.player_pool.remove_player(p)
    if setup:
        setup(opt)
    start = time.perf_counter()
    got = [l.fantasy_points_projection for l in opt.optimize(n=n, **optimize)]
    return time.perf_counter() - start, got


def edgekit(slate, n, rules):
    start = time.perf_counter()
    got = [l.projection for l in lineup.optimize(slate, n=n, rules=rules)]
    return time.perf_counter() - start, got


def main():
    nba = lineup.Slate.from_csv(NBA, site="draftkings", sport="nba")
    spots = orders()
    text = "id,projection,batting_order,confirmed_starter\n"
    mlb = lineup.Slate.from_csv(MLB, site="draftkings", sport="mlb")
    proj = {p["id"]: p["projection"] for p in mlb.players}
    text += "".join(f"{i},{proj[i]},{o},{'yes' if o <= 5 else 'no'}\n" for i, o in spots.items())
    mlb, _ = mlb.with_projections(text)
    mlb_file = mlb_for_pydfs()
    cases = [
        ("NBA after-each exposure 0.5", 12,
         lambda: pydfs(NBA, Sport.BASKETBALL, 12, max_exposure=0.5, exposure_strategy=AfterEachExposureStrategy),
         lambda: edgekit(nba, 12, lineup.Rules(max_exposure=0.5, exposure_strategy="after_each"))),
        ("NBA progressive 2 %", 20,
         lambda: pydfs(NBA, Sport.BASKETBALL, 20, setup=lambda o: o.set_fantasy_points_strategy(ProgressiveFantasyPointsStrategy(0.02))),
         lambda: edgekit(nba, 20, lineup.Rules(progressive={"scale": 0.02}))),
        ("MLB position spacing 3", 30,
         lambda: pydfs(mlb_file, Sport.BASEBALL, 30, setup=lambda o: o.set_spacing_for_positions(HITTERS, 3)),
         lambda: edgekit(mlb, 30, lineup.Rules(position_spacing={"positions": HITTERS, "spacing": 3}))),
        ("MLB min starters 7", 30,
         lambda: pydfs(mlb_file, Sport.BASEBALL, 30, setup=lambda o: o.set_min_starters(7)),
         lambda: edgekit(mlb, 30, lineup.Rules(min_starters=7))),
    ]
    print(f"pydfs-lineup-optimizer {version('pydfs-lineup-optimizer')}, edgekit {version('edgekit')}")
    print(f"{'run':32} {'n':>3} {'pydfs s':>9} {'edgekit s':>10} {'ratio':>7} {'equal':>6}")
    try:
        for name, n, peer, ours in cases:
            t_peer, p = peer()
            t_ours, e = ours()
            equal = sum(abs(a - b) < 1e-6 for a, b in zip(p, e))
            print(f"{name:32} {n:>3} {t_peer:>9.2f} {t_ours:>10.4f} {t_peer / t_ours:>6.0f}x {equal:>3}/{n}")
    finally:
        os.unlink(mlb_file)


if __name__ == "__main__":
    main()
