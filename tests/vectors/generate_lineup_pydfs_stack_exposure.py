"""Records pydfs-lineup-optimizer's runs with a capped team stack (issue 19, item 4) on the
bundled DraftKings NFL 2019 week-1 slate.

pydfs-lineup-optimizer 3.6.1 (PuLP, bundled CBC), pool = every row with a positive projection,
20 lineups each distinct from the earlier ones, a TeamStack of 3 from QB/WR/TE:
- "team_cap": max_exposure 0.25 (each team meets the stack in at most 5 of the 20);
- "per_team_cap": max_exposure 0.3 with max_exposure_per_team HOU 0.1 and MIN 0.1.
pydfs counts a stack "used" by the lineup's stack variable; the script checks that every
recorded lineup meets the stack with exactly one team, so that count is the lineups meeting
it, as edgekit counts. Once a team's share is spent pydfs holds that team to at most two of
QB/WR/TE, which is edgekit's "no later lineup meets the stack with it".
Run: python generate_lineup_pydfs_stack_exposure.py (needs pydfs-lineup-optimizer==3.6.1).
"""

import json
import os
from collections import Counter

from pydfs_common import DATA, HERE, provenance, run
from pydfs_lineup_optimizer import Site, Sport, TeamStack

FILE = "dk_nfl_classic_2019wk1_seenahuang.csv"
STACKED = {"QB", "WR", "TE"}


def stacked_teams(ids, players):
    counts = Counter(players[i]["team"] for i in ids if players[i]["positions"] & STACKED)
    return sorted(t for t, c in counts.items() if c >= 3)


def case(**stack):
    def setup(opt):
        opt.add_stack(TeamStack(3, for_positions=sorted(STACKED), **stack))

    out = run(FILE, Site.DRAFTKINGS, Sport.FOOTBALL, 20, setup=setup)
    import csv

    with open(os.path.join(DATA, FILE)) as f:
        players = {
            r["ID"]: {"team": r["TeamAbbrev"], "positions": set(r["Position"].split("/"))}
            for r in csv.DictReader(f)
        }
    met = [stacked_teams(ids, players) for ids in out["player_ids"]]
    assert all(len(m) == 1 for m in met), met
    out["stack_teams"] = [m[0] for m in met]
    return out


def main():
    out = {
        "provenance": provenance("generate_lineup_pydfs_stack_exposure.py"),
        "team_cap": dict(case(max_exposure=0.25), max_exposure=0.25),
        "per_team_cap": dict(
            case(max_exposure=0.3, max_exposure_per_team={"HOU": 0.1, "MIN": 0.1}),
            max_exposure=0.3,
            max_exposure_per_team={"HOU": 0.1, "MIN": 0.1},
        ),
    }
    with open(os.path.join(HERE, "lineup_pydfs_stack_exposure.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
