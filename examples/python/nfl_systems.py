"""Mine NFL situational systems honestly with edgekit.patterns.

    python examples/python/nfl_systems.py

Builds one row per team per game from the bundled spreadspoke file (1966-2025), grades the
classic "road favourite off extra rest" system, then mines every 1- and 2-filter system from a
declared search space on 1978-2014, reports Benjamini-Hochberg q-values over everything tried
and each system's record on 2015-2024 beside its training record, and finally a rolled
walk-forward: systems a bettor would have picked each year, and how they did the next year.
"""

import pathlib

from edgekit import patterns

DATA = pathlib.Path(__file__).resolve().parents[1] / "data" / "spreadspoke_scores.csv"

SPACE = [
    "home", "away", "favorite", "underdog", "division_game", "conference_game", "playoff",
    "rest_days >= 10", "rest_days <= 6", "opp.rest_days >= 10", "opp.rest_days <= 6",
    "line <= -7", "line >= 7", "line >= 3", "line <= -3", "total >= 47", "total <= 40",
    "prev_su == loss", "prev_su == win", "prev_ats == loss", "prev_ats == win",
    "opp.prev_su == loss", "opp.prev_ats == win", "su_streak <= -2", "su_streak >= 3",
    "ats_streak <= -2", "ats_streak >= 3", "week >= 14", "week <= 4", "prev_margin <= -14",
]


def show(label, r):
    rate = "—" if r["win_rate"] is None else f"{100 * r['win_rate']:.1f}%"
    print(f"  {label:<14} {r['wins']:>4}-{r['losses']:<4}-{r['pushes']:<3} {rate:>6}  "
          f"ROI {100 * (r['roi'] or 0):+.1f}%  p {r['pvalue']:.3f}")


def main():
    log = patterns.GameLog.from_csv(DATA)
    print(f"{log.games} games, {2 * log.games} team rows; left out: {log.skipped}")

    system = patterns.System(["site == away", "favorite", "rest_days >= 10"])
    print(f"\n{system} against the spread (break-even at -110 is 52.38%, not 50%):")
    show("1978-2024", patterns.evaluate(system, log, "ats", seasons=(1978, 2024)))

    found = patterns.mine(log, SPACE, 2, train=(1978, 2014), test=(2015, 2024), min_games=150)
    print(f"\nMined {found['tried']} systems on 1978-2014; the 8 best by training p-value:")
    for s in found["systems"][:8]:
        print(f"{' and '.join(s['filters'])}   (q = {s['qvalue']:.3f})")
        show("in sample", s["train"])
        show("out of sample", s["test"])
    survivors = [s for s in found["systems"] if s["qvalue"] <= 0.1]
    print(f"\n{len(survivors)} of {found['tried']} survive BH at q <= 0.10.")

    steps = patterns.walk_forward(log, SPACE, 2, train_from=1978, test=(2015, 2024),
                                  min_games=150, q_max=0.1)
    wins = sum(s["out_of_sample"][0] for s in steps)
    losses = sum(s["out_of_sample"][1] for s in steps)
    print("\nWalk-forward (mine on all earlier seasons, bet the q <= 0.10 systems next season):")
    for s in steps:
        (wi, li), (wo, lo) = s["in_sample"], s["out_of_sample"]
        rate = f"{100 * wo / (wo + lo):.1f}%" if wo + lo else "—"
        print(f"  {s['season']}: {s['selected']:>3} systems, in sample {wi}-{li}, "
              f"next season {wo}-{lo} ({rate})")
    if wins + losses:
        print(f"  pooled out of sample: {wins}-{losses} ({100 * wins / (wins + losses):.1f}%)")


if __name__ == "__main__":
    main()
