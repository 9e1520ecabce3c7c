"""150 DraftKings NFL lineups chosen for a tournament by simulated return, from Python.

Inputs, as a user brings them: the site's salary file (DraftKings' export for the 2019 week-1
main slate, examples/data/lineup/dk_nfl_classic_2019wk1_seenahuang.csv), a projections file
with ownership, and the contest's prize table (examples/data/lineup/dk_gpp_payouts_illustrative.csv,
an illustrative $20 tournament of 10,150 entries). No public projections or ownership exist for
that week, so the example writes the projections file the way a user's model would: the file's
season average as the projection, a 40 % spread, and a stand-in ownership that rises with
points and points per dollar within each position (a vendor's ownership projections go here).

It then builds a pool of 3,000 candidate lineups (the exact best, the best on each team's
QB stack, ownership-leveraged runs), simulates the contest 2,000 times against a field of
10,000 lineups drawn from the ownership, chooses the 150 entries that together earn the most,
and writes DraftKings' upload file with each entry's simulated ROI, cash, top-1 % and win rates.

    python examples/python/lineup_contest.py [output_dir]
"""

import collections
import pathlib
import sys
import tempfile
import time

from edgekit import lineup

data = pathlib.Path(__file__).resolve().parents[1] / "data" / "lineup"
out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(tempfile.mkdtemp())
out.mkdir(parents=True, exist_ok=True)

slate = lineup.Slate.from_csv(data / "dk_nfl_classic_2019wk1_seenahuang.csv", site="draftkings", sport="nfl")

# The projections file: projection, std and ownership per player. Each position's ownership
# sums to the roster spots it usually fills (QB 1, RB 2.5, WR 3.5, TE 1, DST 1), shared in
# proportion to projection³ / salary.
spots = {"QB": 1.0, "RB": 2.5, "WR": 3.5, "TE": 1.0, "DST": 1.0}
weight = {p["id"]: (p["projection"] ** 3 / p["salary"] if p["projection"] > 0 else 0.0) for p in slate.players}
by_position = collections.defaultdict(float)
for p in slate.players:
    by_position[p["positions"][0]] += weight[p["id"]]
rows = ["id,projection,std,ownership"]
for p in slate.players:
    total = by_position[p["positions"][0]]
    own = min(100 * spots[p["positions"][0]] * weight[p["id"]] / total, 80) if total else 0.0
    rows.append(f'{p["id"]},{p["projection"]},{0.4 * p["projection"]:.3f},{own:.3f}')
projections = out / "projections.csv"
projections.write_text("\n".join(rows) + "\n")
slate, report = slate.with_projections(projections)
print(f"{slate}; projections merged for {report['matched']} players")

contest = lineup.read_payouts(data / "dk_gpp_payouts_illustrative.csv", field_size=10_150, entry_fee=20, max_entries=150)
print(f"contest: {contest['field_size']:,} entries at ${contest['entry_fee']:.0f}, "
      f"{contest['payouts'][-1]['last']:,} paid")

start = time.perf_counter()
result = lineup.contest_portfolio(
    slate, contest, n=150, rules={"max_exposure": 0.5}, seed=7,
    simulations=2_000, candidates=3_000,
)
seconds = time.perf_counter() - start
field, portfolio = result["field"], result["portfolio"]
print(f"150 entries from {result['candidates']:,} candidates over {result['simulations']:,} simulated "
      f"slates against {field['entries']:,} field lineups: {seconds:.1f} s")
print(f"field: mean salary ${field['mean_salary']:,.0f}, mean projection {field['mean_projection']:.1f} "
      f"(optimal {field['optimal_projection']:.1f}), {field['stacked_share']:.0%} stacked, "
      f"ownership within {field['ownership_gap']:.1f} points of projected on average")
print(f"set: cost ${portfolio['cost']:,.0f}, expected profit ${portfolio['expected_profit']:,.0f} "
      f"± {portfolio['profit_std_error']:,.0f} (ROI {portfolio['roi']:.1%}), an entry cashes in "
      f"{portfolio['cash_rate']:.0%} of slates, one finishes top 1 % in {portfolio['top1_rate']:.0%}")
for e in result["entries"][:3]:
    s = e["stats"]
    print(f"  {e['lineup'].projection:.1f} pts: ROI {s['roi']:.1%}, cash {s['cash_rate']:.1%}, "
          f"top 1% {s['top1_rate']:.1%}, marginal ${e['marginal_profit']:,.0f}")

# The same entries under a correlation matrix of your own (chanzer0-style, by position; a named
# pair would win over these). Pairs not listed keep the model's.
correlations = {"position_correlations": [
    {"a": "QB", "b": "WR", "value": 0.55}, {"a": "QB", "b": "TE", "value": 0.4},
    {"a": "QB", "b": "RB", "value": 0.1}, {"a": "QB", "b": "QB", "opponent": True, "value": 0.25},
    {"a": "DST", "b": "QB", "opponent": True, "value": -0.5},
    {"a": "DST", "b": "WR", "opponent": True, "value": -0.3},
]}
first = result["entries"][0]["lineup"]
qb = next(p for p in first.players if p.position == "QB")
wr = next(p for p in first.players if p.position == "WR")
drawn = lineup.outcome_correlations(slate, [qb.id, wr.id], **correlations)
print(f"your matrix: {qb.name}-{wr.name} drawn at {drawn['correlations'][0][1]:.2f} "
      f"(largest repair on the slate {drawn['largest_repair']:.3f})")
again = lineup.simulate_contest(slate, contest, [e["lineup"] for e in result["entries"]], seed=8,
                                simulations=2_000, outcomes=correlations)
print(f"the set under your matrix: expected profit ${again['portfolio']['expected_profit']:,.0f} "
      f"± {again['portfolio']['profit_std_error']:,.0f}, top 1 % in {again['portfolio']['top1_rate']:.0%} of slates")
path = out / "DKEntries_upload.csv"
lineup.export_contest_csv(result, path)
print(f"wrote {path}")
