"""Records pydfs-lineup-optimizer's k-best lineups on the bundled slates of the sites and sports
added for issue 19, item 5: DraftKings golf, MMA and League of Legends classic, college
football and MLB showdown, FanDuel MLB single game, and Yahoo NBA.

pydfs-lineup-optimizer 3.6.1 (PuLP, bundled CBC), pool = every row with a positive projection
(edgekit's default hygiene), each lineup distinct from the earlier ones, the site rules as
pydfs has them, with two adaptations, each named in the run:
- college football showdown: pydfs has no college captain mode and its NFL one names the five
  FLEX slots, while DraftKings' college files name them UTIL; the run uses pydfs' captain mode
  for basketball, whose rules (a 1.5x captain, five UTIL, at most five from a team, cap 50,000)
  are the college showdown's.
- FanDuel MLB single game: pydfs keeps its 60,000 single-game cap; FanDuel's MLB single game cap
  is 35,000 (draftfast's salary-cap table), so the run sets it.
- Yahoo NBA: Yahoo's 2015 export spells its first column "Id" (edgekit reads both); pydfs reads
  only "ID", so the run reads a copy with that header renamed. pydfs leaves out every player
  with an injury status; edgekit's default leaves out the injured and the out (Yahoo's "INJ" and
  "O") and keeps a game-time decision ("GTD"), as it keeps FanDuel's "Q": the run keeps pydfs'
  injured players and drops those two statuses itself.
Run: python generate_lineup_pydfs_sites.py (needs `pip install pydfs-lineup-optimizer==3.6.1`).
"""

import csv
import json
import os
import tempfile

from pydfs_common import DATA, HERE, provenance, run
from pydfs_lineup_optimizer import Site, Sport

CAPTAIN = Site.DRAFTKINGS_CAPTAIN_MODE
YAHOO_NBA = "yahoo_nba_classic_2015-12_pydfs.csv"


def with_id_header(file):
    """A copy of `file` whose "Id" column is named "ID" (absolute path)."""
    with open(os.path.join(DATA, file)) as f:
        text = f.read()
    assert text.startswith("Id,")
    copy = os.path.join(tempfile.mkdtemp(), file)
    with open(copy, "w") as f:
        f.write("ID," + text[len("Id,"):])
    return copy


def yahoo_out(file):
    """IDs whose Yahoo injury status is "INJ" or "O"."""
    with open(os.path.join(DATA, file)) as f:
        return {r["Id"] for r in csv.DictReader(f) if r["Injury Status"].strip() in ("INJ", "O")}


def keep_injured(opt):
    opt.player_pool.with_injured = True


def main():
    out = {
        "provenance": provenance("generate_lineup_pydfs_sites.py"),
        "dk_golf": run("dk_golf_classic_2021-04_masters_longenbach.csv", Site.DRAFTKINGS, Sport.GOLF, 20),
        "dk_mma": run("dk_mma_classic_2026-08-29_ufc-contest-sim.csv", Site.DRAFTKINGS, Sport.MMA, 20),
        "dk_lol": run("dk_lol_classic_2020-04-12_clark-teeple.csv", CAPTAIN, Sport.LEAGUE_OF_LEGENDS, 20),
        "dk_cfb_showdown": dict(
            run("dk_cfb_showdown_2023-11-25_FSU@UF_mainstringargs.csv", CAPTAIN, Sport.BASKETBALL, 20),
            adaptation="pydfs' basketball captain mode (CPT + five UTIL), the college file's slot names",
        ),
        "dk_mlb_showdown": run("dk_mlb_showdown_2019-06-30_ATL@NYM_draftfast.csv", CAPTAIN, Sport.BASEBALL, 20),
        "fd_mlb_single_game": dict(
            run("fd_mlb_single_game_NYY@SEA_draftfast.csv", Site.FANDUEL_SINGLE_GAME, Sport.BASEBALL, 20, budget=35_000),
            adaptation="salary cap 35,000 (FanDuel MLB single game) instead of pydfs' 60,000",
        ),
        "yahoo_nba": dict(
            run(with_id_header(YAHOO_NBA), Site.YAHOO, Sport.BASKETBALL, 20, setup=keep_injured, drop=yahoo_out(YAHOO_NBA)),
            file=YAHOO_NBA,
            adaptation='the file\'s "Id" header renamed "ID" for pydfs; injured ("INJ") and out ("O") players left out, game-time decisions kept',
        ),
    }
    with open(os.path.join(HERE, "lineup_pydfs_sites.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
