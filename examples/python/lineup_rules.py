"""The pydfs-style rules of issue 19 on real DraftKings files, from Python.

- Baseball (examples/data/lineup/dk_mlb_classic_2020-09-24_draftfast.csv, batting orders from the
  test fixture beside it, spots 1-5 marked as confirmed starters in the projections CSV): hitters
  of one team within three batting spots (``position_spacing``) and at least seven confirmed
  starters (``min_starters``).
- Basketball (dk_nba_classic_2018-12-03_draftfast.csv): exposure counted after each lineup and
  progressive bumps, each a run of ten in the order built.
- Soccer (dk_soccer_classic_2018-12_draftfast.csv): five lineups and the upload file.

    python examples/python/lineup_rules.py [output_dir]
"""

import csv
import pathlib
import sys
import tempfile

from edgekit import lineup

data = pathlib.Path(__file__).resolve().parents[1] / "data" / "lineup"
out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(tempfile.mkdtemp())
out.mkdir(parents=True, exist_ok=True)

mlb = lineup.Slate.from_csv(data / "dk_mlb_classic_2020-09-24_draftfast.csv", site="draftkings", sport="mlb")
with open(data / "dk_mlb_2020-09-24_batting_orders.csv") as f:
    rows = list(csv.DictReader(f))
text = "id,projection,batting_order,confirmed_starter\n" + "".join(
    f"{r['id']},{r['projection']},{r['batting_order']},{'yes' if int(r['batting_order']) <= 5 else 'no'}\n"
    for r in rows
)
mlb, report = mlb.with_projections(text)
print(f"MLB: {report['matched']} batting orders merged")
hitters = ["C", "1B", "2B", "3B", "SS", "OF"]
rules = lineup.Rules(position_spacing={"positions": hitters, "spacing": 3}, min_starters=7)
for l in lineup.optimize(mlb, n=3, rules=rules):
    print(f"  {l.projection:7.2f}  {', '.join(p.name for p in l.players)}")

nba = lineup.Slate.from_csv(data / "dk_nba_classic_2018-12-03_draftfast.csv", site="draftkings", sport="nba")
for name, rules in [
    ("after-each exposure 0.5", lineup.Rules(max_exposure=0.5, exposure_strategy="after_each")),
    ("progressive bumps 2 %", lineup.Rules(progressive={"scale": 0.02})),
]:
    run = lineup.optimize(nba, n=10, rules=rules)
    print(f"NBA, {name}: " + " ".join(f"{l.projection:.2f}" for l in run))

soccer = lineup.Slate.from_csv(data / "dk_soccer_classic_2018-12_draftfast.csv", site="draftkings", sport="soccer")
best = lineup.optimize(soccer, n=5)
lineup.export_csv(best, out / "dk_soccer_upload.csv")
print(f"soccer: {len(best)} lineups, best {best[0].projection:.2f}; upload in {out / 'dk_soccer_upload.csv'}")
