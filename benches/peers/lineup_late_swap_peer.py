"""pydfs-lineup-optimizer (PuLP + CBC) and edgekit's Python wheel on the same late swap, in one
run: DraftKings' entries file for the NBA slate of 18 January 2019
(examples/data/lineup/dk_nba_entries_2019-01-18_bobbymay.csv) swapped at 8:30 PM ET (the 7:00
and 8:00 PM games under way), first its 9 entries, then 150 entries (its rows repeated with new
entry IDs, as a 150-entry player's file looks). Both tools swap the entries in order, each
optimal given the ones before and distinct from them; the table gives each tool's time, the
ratio, and whether every entry's projection agrees.

pydfs reads the clock itself (`datetime.now()` in `Player.is_game_started`); the script sets
that clock to 8:30 PM on the slate's day. Both tools take the file's AvgPointsPerGame.

    pip install pydfs-lineup-optimizer==3.6.1
    python benches/peers/lineup_late_swap_peer.py [--record]

--record also writes pydfs' projections of every swapped entry to
tests/vectors/lineup_late_swap_pydfs.json, the reference core/tests/lineup_late_swap.rs holds
edgekit to.
"""

import csv
import datetime as dt
import json
import pathlib
import sys
import tempfile
import time
from importlib.metadata import version

import pydfs_lineup_optimizer.player as pydfs_player
from pydfs_lineup_optimizer import Site, Sport, get_optimizer

from edgekit import lineup

FILE = pathlib.Path(__file__).resolve().parents[2] / "examples/data/lineup/dk_nba_entries_2019-01-18_bobbymay.csv"
NOW_ET = dt.datetime(2019, 1, 18, 20, 30)


class SlateClock(dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return NOW_ET


pydfs_player.datetime = SlateClock


def with_entries(n):
    """The file with `n` entries: its entry rows repeated (new entry IDs), the pool as it is."""
    rows = list(csv.reader(open(FILE, newline="")))
    header, body = rows[0], rows[1:]
    entries = [r for r in body if r[0]]
    width = 4 + 8
    out = [header]
    for k in range(max(n, len(body))):
        left = entries[k % len(entries)][:width] if k < n else [""] * width
        left = [str(9_000_000_000 + k)] + left[1:] if k < n else left
        right = body[k][width:] if k < len(body) else []
        out.append(left + right)
    f = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="")
    csv.writer(f).writerows(out)
    f.close()
    return f.name


def run_pydfs(path):
    opt = get_optimizer(Site.DRAFTKINGS, Sport.BASKETBALL)
    opt.load_players_from_csv(path)
    entries = opt.load_lineups_from_csv(path)
    t = time.perf_counter()
    swapped = list(opt.optimize_lineups(entries))
    return time.perf_counter() - t, [l.fantasy_points_projection for l in swapped]


def run_edgekit(path):
    slate = lineup.Slate.from_csv(path, site="draftkings", sport="nba")
    entries = lineup.read_entries(path, slate)
    now = dt.datetime(2019, 1, 18, 20, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    t = time.perf_counter()
    swapped = lineup.late_swap(slate, entries, now=now)
    return time.perf_counter() - t, [e["lineup"].projection for e in swapped["entries"]]


print("| work | pydfs 3.6.1 | edgekit | ratio | projections agree |")
print("| --- | --- | --- | --- | --- |")
recorded = {}
for n in (9, 150):
    path = with_entries(n)
    p_time, p_points = run_pydfs(path)
    e_time, e_points = run_edgekit(path)
    agree = len(p_points) == len(e_points) and all(abs(a - b) < 1e-6 for a, b in zip(p_points, e_points))
    print(f"| late swap of {n} entries at 8:30 PM ET | {p_time:.2f} s | {e_time * 1000:.1f} ms | "
          f"{p_time / e_time:.0f}x | {'yes' if agree else 'NO'} |")
    if not agree:
        for k, (a, b) in enumerate(zip(p_points, e_points)):
            if abs(a - b) >= 1e-6:
                print(f"  entry {k + 1}: pydfs {a:.2f}, edgekit {b:.2f}")
                break
    pathlib.Path(path).unlink()
    recorded[str(n)] = p_points

if "--record" in sys.argv:
    out = pathlib.Path(__file__).resolve().parents[2] / "tests/vectors/lineup_late_swap_pydfs.json"
    out.write_text(json.dumps({
        "provenance": f"pydfs-lineup-optimizer {version('pydfs-lineup-optimizer')} (PuLP {version('PuLP')}, "
                      "its bundled CBC): LineupOptimizer.optimize_lineups on the entries file with its clock "
                      "at 2019-01-18 20:30 ET, default rules; recorded by "
                      "benches/peers/lineup_late_swap_peer.py --record",
        "file": FILE.name,
        "now": "01/18/2019 08:30PM ET",
        "entries": "the file's entry rows repeated in order to n entries",
        "projections": recorded,
    }, indent=1) + "\n")
    print(f"recorded {out}")
