"""chanzer0's open NFL tournament simulator (NFL-DFS-Tools, src/nfl_gpp_simulator.py) and
edgekit's Python wheel on the same inputs, in one run: the DraftKings NFL 2019 week-1 slate
with the projections, spreads and stand-in ownership of examples/python/lineup_contest.py, the
illustrative $20 prize table of 10,150 entries, 10,000 simulated slates.

chanzer0 builds its own field of 10,150 lineups and simulates them all; edgekit builds a field of
10,000 and simulates it with 150 of the user's lineups (10,150 lineups per slate either way).
The table gives both tools' field-building and simulation times and their throughput in
lineup-simulations per second.

    python -m venv /tmp/c0 && /tmp/c0/bin/pip install "numpy<2" "pandas<2.3" "scipy<1.14" \\
        "numba<0.61" pulp matplotlib seaborn json5 pytz
    python benches/peers/lineup_contest_peer.py CHANZER0_CHECKOUT /tmp/c0/bin/python

The checkout is copied to a temporary directory (its inputs are written there, never into this
repository). Its `nfl_optimizer.py` imports a `timedelta` module it never uses and that the
package index here does not carry: an empty stand-in is created in the copy.
"""

import csv
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

from edgekit import lineup

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data" / "lineup"
SIMS = 10_000


def slate_with_projections(out):
    sys.argv = [sys.argv[0], str(out)]
    example = (ROOT / "examples" / "python" / "lineup_contest.py").read_text()
    # Only the projections part of the example: everything before the contest is read.
    head = example.split("contest = lineup.read_payouts")[0]
    scope = {"__file__": str(ROOT / "examples" / "python" / "lineup_contest.py")}
    exec(compile(head, "lineup_contest.py", "exec"), scope)
    return scope["slate"]


def main(checkout, python):
    work = pathlib.Path(tempfile.mkdtemp())
    run = work / "c0"
    shutil.copytree(checkout, run, ignore=shutil.ignore_patterns(".git"))
    (run / "src" / "timedelta.py").touch()
    slate = slate_with_projections(work)
    shutil.copy(DATA / "dk_nfl_classic_2019wk1_seenahuang.csv", run / "dk_data" / "player_ids.csv")
    with open(run / "dk_data" / "projections.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Name", "Position", "Team", "Salary", "Fpts", "Own%", "StdDev"])
        for p in slate.players:
            if p["projection"] > 0:
                w.writerow([p["name"], "/".join(p["positions"]), p["team"], p["salary"],
                            p["projection"], p["ownership"], p["std"]])
    with open(run / "dk_data" / "contest_structure.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Place", "Payout", "Field Size", "Entry Fee"])
        for line in (DATA / "dk_gpp_payouts_illustrative.csv").read_text().splitlines()[1:]:
            place, prize = line.split(",")
            w.writerow([place, prize, 10_150, 20])
    config = json.loads((run / "sample.config.json").read_text())
    config.update(at_most={}, at_least={}, custom_correlations={}, min_lineup_salary=49_000)
    (run / "config.json").write_text(json.dumps(config))
    log = subprocess.run([python, "main.py", "dk", "sim", "cid", str(SIMS)], cwd=run / "src",
                         capture_output=True, text=True, check=True).stdout
    c0_field = float(re.search(r"lineups took ([\d.]+) seconds", log).group(1))
    c0_sims = float(re.search(r"simulations finished in ([\d.]+)", log).group(1))

    contest = lineup.read_payouts(DATA / "dk_gpp_payouts_illustrative.csv", field_size=10_150, entry_fee=20)
    entries = lineup.optimize(slate, 150)
    start = time.perf_counter()
    lineup.sample_field(slate, 10_000, seed=1)
    ek_field = time.perf_counter() - start
    start = time.perf_counter()
    lineup.simulate_contest(slate, contest, entries, seed=1, simulations=SIMS)
    ek_total = time.perf_counter() - start
    per = 10_150 * SIMS
    print("| work | chanzer0 | edgekit (Python) | ratio |")
    print("| --- | --- | --- | --- |")
    print(f"| field of 10,150 / 10,000 lineups | {c0_field:.1f} s | {ek_field:.2f} s | {c0_field / ek_field:.0f}× |")
    print(f"| 10,000 slates (edgekit: field building included) | {c0_sims:.1f} s | {ek_total:.2f} s | {c0_sims / ek_total:.1f}× |")
    print(f"| lineup-simulations per second | {per / c0_sims / 1e6:.1f} M | {per / ek_total / 1e6:.1f} M | |")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]), sys.argv[2])
