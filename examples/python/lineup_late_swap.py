"""Late swap of a real DraftKings entries file at 8:30 PM ET, from Python.

The input is DraftKings' own `DKEntries.csv` for the NBA slate of 18 January 2019
(examples/data/lineup/dk_nba_entries_2019-01-18_bobbymay.csv): nine entries of one contest with
their lineups, the 7-game player pool beside them with each game's start time (7:00 to
10:30 PM ET). Two entries are turned into reservations (blank lineups, as DraftKings exports an
entry not yet filled) to show them filled too. Points are the file's AvgPointsPerGame (a
projections file goes here: `slate.with_projections(...)`).

At 8:30 PM ET the 7:00 and 8:00 PM games are under way: players in them stay in their slots,
everyone else may be swapped, the nine entries are re-optimized in order as one portfolio (no
player in more than 70 % of them), and the upload file is written with each entry's Entry ID,
contest and fee, ready for DraftKings' "edit entries" upload.

    python examples/python/lineup_late_swap.py [output_dir]
"""

import datetime as dt
import pathlib
import sys
import tempfile

from edgekit import lineup

path = pathlib.Path(__file__).resolve().parents[1] / "data" / "lineup" / "dk_nba_entries_2019-01-18_bobbymay.csv"
out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(tempfile.mkdtemp())
out.mkdir(parents=True, exist_ok=True)

slate = lineup.Slate.from_csv(path, site="draftkings", sport="nba")
entries = lineup.read_entries(path, slate)
for reserved in entries["entries"][-2:]:
    reserved["lineup"] = None
print(f"{len(entries['entries'])} entries of {entries['entries'][0]['contest_name']!r}, "
      f"{len(slate)} players on the slate")

eastern = dt.timezone(dt.timedelta(hours=-5))  # EST in January
now = dt.datetime(2019, 1, 18, 20, 30, tzinfo=eastern)
started = sorted({p["game"] for p in slate.players if p["starts_at"] <= now.timestamp()})
print(f"at {now:%H:%M} ET these games have started: {', '.join(started)}")

swapped = lineup.late_swap(slate, entries, now=now, rules={"max_exposure": 0.7})
for before, after in zip(entries["entries"], swapped["entries"]):
    old = before["lineup"].projection if before["lineup"] else None
    new = after["lineup"]
    names = ", ".join(p.name for p in new.players if p.id not in after["locked"])
    print(f"  {after['entry_id']}: {len(after['locked'])} held, "
          f"{'reserved' if old is None else f'{old:6.1f}'} -> {new.projection:6.1f}  (in: {names})")

text = lineup.export_entries_csv(swapped, slate, out / "DKEntries_upload.csv")
print(f"upload: {out / 'DKEntries_upload.csv'}")
print(text.splitlines()[0])
print(text.splitlines()[1])
