"""Records pydfs-lineup-optimizer's k-best lineups on the bundled DraftKings soccer and tennis
slates (issue 19, item 5).

pydfs-lineup-optimizer 3.6.1 (PuLP 2.4, bundled CBC), pool = every row with
AvgPointsPerGame > 0 (edgekit's default hygiene), each lineup distinct from the earlier ones,
the site rules as pydfs has them (soccer: GK, 2 D, 2 M, 2 F, UTIL, players from at least three
teams; tennis: six players). Runs: "soccer" and "tennis", 20 lineups each.
Run: python generate_lineup_pydfs_sports.py (needs `pip install pydfs-lineup-optimizer==3.6.1`).
"""

import json
import os

from pydfs_common import HERE, provenance, run
from pydfs_lineup_optimizer import Site, Sport


def main():
    out = {
        "provenance": provenance("generate_lineup_pydfs_sports.py"),
        "soccer": run("dk_soccer_classic_2018-12_draftfast.csv", Site.DRAFTKINGS, Sport.SOCCER, 20),
        "tennis": run("dk_tennis_classic_2020-02-17_draftfast.csv", Site.DRAFTKINGS, Sport.TENNIS, 20),
    }
    with open(os.path.join(HERE, "lineup_pydfs_sports.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
