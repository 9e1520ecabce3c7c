"""Twenty stacked DraftKings NFL lineups and their upload file, from Python.

The salary file is DraftKings' own export for the 2019 week-1 main slate
(examples/data/lineup/dk_nfl_classic_2019wk1_seenahuang.csv). No public projections exist for
that week, so this example writes a projections CSV the way a user's model would: one row per
player with ``name, team, projection, std`` (here the file's season average and a 40 % spread),
plus an exposure cap on one player. It then merges it, builds 20 lineups with a QB + 2 WR/TE
stack and a bring-back, no offense against the lineup's own defense, at most 60 % exposure and
at most 6 players shared by any two lineups, and writes DraftKings' upload CSV.

    python examples/python/lineup_dk_nfl.py [output_dir]
"""

import collections
import csv
import pathlib
import sys
import tempfile
import time

from edgekit import lineup

data = pathlib.Path(__file__).resolve().parents[1] / "data" / "lineup"
out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(tempfile.mkdtemp())
out.mkdir(parents=True, exist_ok=True)

slate = lineup.Slate.from_csv(data / "dk_nfl_classic_2019wk1_seenahuang.csv", site="draftkings", sport="nfl")
print(slate)

# A user's projections file.
projections = out / "projections.csv"
with open(projections, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["name", "team", "projection", "std", "max_exposure"])
    for p in slate.players:
        if p["projection"] > 0:
            cap = 0.3 if p["name"] == "Christian McCaffrey" else ""
            w.writerow([p["name"], p["team"], p["projection"], round(0.4 * p["projection"], 2), cap])
slate, report = slate.with_projections(projections)
print(f"projections: {report['matched']} matched, {len(report['unmatched'])} unmatched, "
      f"{report['missing']} slate rows without one")

rules = lineup.Rules(
    stacks=[{"type": "positions", "positions": ["QB", "WR|TE", "WR|TE"], "bring_back": ["WR|TE|RB"]}],
    restrict_opposing=[{"positions": ["DST"], "opposing": ["QB", "RB", "WR", "TE"]}],
    max_exposure=0.6,
    max_repeating=6,
)
start = time.perf_counter()
lineups = lineup.optimize(slate, n=20, rules=rules)
print(f"20 lineups in {1e3 * (time.perf_counter() - start):.0f} ms\n")

for k, l in enumerate(lineups[:3], 1):
    print(f"#{k}", l)
print("...")
print(f"#20 {lineups[-1].projection:.2f} pts\n")

exposure = collections.Counter(p.name for l in lineups for p in l.players)
print("most used:", ", ".join(f"{name} {count / len(lineups):.0%}" for name, count in exposure.most_common(6)))
stacks = collections.Counter(next(p.team for p in l.players if p.slot == "QB") for l in lineups)
print("QB stacks by team:", dict(stacks))

upload = lineup.export_csv(lineups, out / "DKEntries_upload.csv", site="draftkings")
print(f"\n{out / 'DKEntries_upload.csv'}:")
print("\n".join(upload.splitlines()[:3]))
assert lineup.read_csv(out / "DKEntries_upload.csv", slate) == lineups
