//! The roster templates, one table row per site, sport and contest: the slots in the site's
//! upload order, the salary cap and the site's own limits. Sources: the sites' rules pages as
//! pydfs-lineup-optimizer 3.6.1 and draftfast encode them, checked against the real salary
//! files bundled in `examples/data/lineup/` where one exists (docs/lineup.md lists which).

use super::roster::Contest::{self, Classic, Showdown};
use super::roster::Site::{self, DraftKings, FanDuel, Yahoo};
use super::roster::Sport::{self, *};

/// A run of identical slots: label, accepted positions, how many, points multiplier.
pub(super) struct Slots {
    pub name: &'static str,
    pub accepts: &'static [&'static str],
    pub count: usize,
    pub multiplier: f64,
}

/// `count` plain slots.
const fn n(name: &'static str, accepts: &'static [&'static str], count: usize) -> Slots {
    Slots {
        name,
        accepts,
        count,
        multiplier: 1.0,
    }
}

/// One slot scoring `multiplier` times (captain, MVP, star, pro).
const fn x(name: &'static str, accepts: &'static [&'static str], multiplier: f64) -> Slots {
    Slots {
        name,
        accepts,
        count: 1,
        multiplier,
    }
}

/// One template row.
pub(super) struct Template {
    pub site: Site,
    pub sport: Sport,
    pub contest: Contest,
    pub slots: &'static [Slots],
    pub salary_cap: u32,
    pub min_games: usize,
    pub min_teams: usize,
    pub max_per_team: Option<usize>,
    /// Positions that count toward `max_per_team` (empty: all).
    pub team_limit_positions: &'static [&'static str],
}

const fn row(
    (site, sport, contest): (Site, Sport, Contest),
    slots: &'static [Slots],
    salary_cap: u32,
    (min_games, min_teams, max_per_team): (usize, usize, Option<usize>),
) -> Template {
    Template {
        site,
        sport,
        contest,
        slots,
        salary_cap,
        min_games,
        min_teams,
        max_per_team,
        team_limit_positions: &[],
    }
}

/// Baseball sites limit hitters per team; a team's pitcher does not count.
const fn hitters_only(mut t: Template) -> Template {
    t.team_limit_positions = &["C", "1B", "2B", "3B", "SS", "OF"];
    t
}

const QB: &[&str] = &["QB"];
const RB: &[&str] = &["RB"];
const WR: &[&str] = &["WR"];
const TE: &[&str] = &["TE"];
const FOOTBALL_FLEX: &[&str] = &["RB", "WR", "TE"];
const NBA: &[&str] = &["PG", "SG", "SF", "PF", "C"];
const GUARDS: &[&str] = &["PG", "SG"];
const FORWARDS: &[&str] = &["SF", "PF"];
// WNBA files have listed both the NBA's five positions and DraftKings' G/F/C.
const WNBA_G: &[&str] = &["G", "PG", "SG"];
const WNBA_F: &[&str] = &["F", "SF", "PF"];
const WNBA: &[&str] = &["G", "PG", "SG", "F", "SF", "PF", "C"];
const DK_MLB: &[&str] = &["SP", "RP", "C", "1B", "2B", "3B", "SS", "OF"];
const MLB_HITTERS: &[&str] = &["C", "1B", "2B", "3B", "SS", "OF"];
const DK_NHL: &[&str] = &["C", "W", "LW", "RW", "D", "G"];
const DK_NHL_WINGS: &[&str] = &["W", "LW", "RW"];
const NHL_SKATERS_FD: &[&str] = &["C", "W", "D"];
const SOCCER_OUTFIELD: &[&str] = &["F", "M", "D"];
const SOCCER: &[&str] = &["F", "M", "D", "GK"];
const DK_FOOTBALL_SHOWDOWN: &[&str] = &["QB", "RB", "WR", "TE", "DST", "K"];
const LOL: &[&str] = &["TOP", "JNG", "MID", "ADC", "SUP", "TEAM"];

/// DraftKings' single-game format: a captain at 1.5× and five FLEX (UTIL in basketball).
const fn dk_captain(flex: &'static str, any: &'static [&'static str]) -> [Slots; 2] {
    [x("CPT", any, 1.5), n(flex, any, 5)]
}

const DK_SHOWDOWN_FOOTBALL: [Slots; 2] = dk_captain("FLEX", DK_FOOTBALL_SHOWDOWN);
const DK_SHOWDOWN_NBA: [Slots; 2] = dk_captain("UTIL", NBA);
// College showdown files name the five UTIL, as basketball's do.
const DK_SHOWDOWN_CFB: [Slots; 2] = dk_captain("UTIL", DK_FOOTBALL_SHOWDOWN);
const DK_SHOWDOWN_WNBA: [Slots; 2] = dk_captain("UTIL", WNBA);
const DK_SHOWDOWN_MLB: [Slots; 2] = dk_captain("UTIL", DK_MLB);
const DK_SHOWDOWN_NHL: [Slots; 2] = dk_captain("FLEX", DK_NHL);
const DK_SHOWDOWN_SOCCER: [Slots; 2] = dk_captain("FLEX", SOCCER);
/// Both teams must appear in a DraftKings showdown: at most five of the six from one team.
const DK_SHOWDOWN_LIMITS: (usize, usize, Option<usize>) = (1, 2, Some(5));

const DK: u32 = 50_000;
/// A tournament or a race: no games, no teams.
const NO_GAMES: (usize, usize, Option<usize>) = (0, 1, None);

/// Every template. Adding a site or sport is adding a row here (and, for a new sport, its
/// traits in `sports.rs`).
pub(super) const TEMPLATES: &[Template] = &[
    // DraftKings classic.
    row(
        (DraftKings, Nfl, Classic),
        &[
            n("QB", QB, 1),
            n("RB", RB, 2),
            n("WR", WR, 3),
            n("TE", TE, 1),
            n("FLEX", FOOTBALL_FLEX, 1),
            n("DST", &["DST"], 1),
        ],
        DK,
        (2, 1, None),
    ),
    row(
        (DraftKings, Nba, Classic),
        &[
            n("PG", &["PG"], 1),
            n("SG", &["SG"], 1),
            n("SF", &["SF"], 1),
            n("PF", &["PF"], 1),
            n("C", &["C"], 1),
            n("G", GUARDS, 1),
            n("F", FORWARDS, 1),
            n("UTIL", NBA, 1),
        ],
        DK,
        (2, 1, None),
    ),
    hitters_only(row(
        (DraftKings, Mlb, Classic),
        &[
            n("P", &["SP", "RP"], 2),
            n("C", &["C"], 1),
            n("1B", &["1B"], 1),
            n("2B", &["2B"], 1),
            n("3B", &["3B"], 1),
            n("SS", &["SS"], 1),
            n("OF", &["OF"], 3),
        ],
        DK,
        (2, 1, Some(5)),
    )),
    row(
        (DraftKings, Nhl, Classic),
        &[
            n("C", &["C"], 2),
            n("W", DK_NHL_WINGS, 3),
            n("D", &["D"], 2),
            n("G", &["G"], 1),
            n("UTIL", &["C", "W", "LW", "RW", "D"], 1),
        ],
        DK,
        (2, 3, None),
    ),
    row(
        (DraftKings, Soccer, Classic),
        &[
            n("F", &["F"], 2),
            n("M", &["M"], 2),
            n("D", &["D"], 2),
            n("GK", &["GK"], 1),
            n("UTIL", SOCCER_OUTFIELD, 1),
        ],
        DK,
        (1, 3, None),
    ),
    row(
        (DraftKings, Tennis, Classic),
        &[n("P", &["P"], 6)],
        DK,
        (1, 1, None),
    ),
    row(
        (DraftKings, Golf, Classic),
        &[n("G", &["G"], 6)],
        DK,
        NO_GAMES,
    ),
    row(
        (DraftKings, Mma, Classic),
        &[n("F", &["F"], 6)],
        DK,
        (1, 1, None),
    ),
    row(
        (DraftKings, Nascar, Classic),
        &[n("D", &["D"], 6)],
        DK,
        NO_GAMES,
    ),
    row(
        (DraftKings, Wnba, Classic),
        &[n("G", WNBA_G, 2), n("F", WNBA_F, 3), n("UTIL", WNBA, 1)],
        DK,
        (2, 1, None),
    ),
    row(
        (DraftKings, Cfb, Classic),
        &[
            n("QB", QB, 1),
            n("RB", RB, 2),
            n("WR", WR, 3),
            n("FLEX", &["RB", "WR"], 1),
            n("SUPER FLEX", &["QB", "RB", "WR"], 1),
        ],
        DK,
        (2, 1, None),
    ),
    row(
        (DraftKings, Cfl, Classic),
        &[
            n("QB", QB, 1),
            n("RB", RB, 1),
            n("WR", WR, 2),
            n("FLEX", &["RB", "WR"], 2),
            n("DST", &["DST"], 1),
        ],
        DK,
        (1, 2, None),
    ),
    // DraftKings' League of Legends classic carries a captain of its own.
    row(
        (DraftKings, Lol, Classic),
        &[
            x("CPT", LOL, 1.5),
            n("TOP", &["TOP"], 1),
            n("JNG", &["JNG"], 1),
            n("MID", &["MID"], 1),
            n("ADC", &["ADC"], 1),
            n("SUP", &["SUP"], 1),
            n("TEAM", &["TEAM"], 1),
        ],
        DK,
        (2, 1, Some(4)),
    ),
    // DraftKings showdown (captain mode).
    row(
        (DraftKings, Nfl, Showdown),
        &DK_SHOWDOWN_FOOTBALL,
        DK,
        DK_SHOWDOWN_LIMITS,
    ),
    row(
        (DraftKings, Cfb, Showdown),
        &DK_SHOWDOWN_CFB,
        DK,
        DK_SHOWDOWN_LIMITS,
    ),
    row(
        (DraftKings, Nba, Showdown),
        &DK_SHOWDOWN_NBA,
        DK,
        DK_SHOWDOWN_LIMITS,
    ),
    row(
        (DraftKings, Wnba, Showdown),
        &DK_SHOWDOWN_WNBA,
        DK,
        DK_SHOWDOWN_LIMITS,
    ),
    row(
        (DraftKings, Mlb, Showdown),
        &DK_SHOWDOWN_MLB,
        DK,
        DK_SHOWDOWN_LIMITS,
    ),
    row(
        (DraftKings, Nhl, Showdown),
        &DK_SHOWDOWN_NHL,
        DK,
        DK_SHOWDOWN_LIMITS,
    ),
    row(
        (DraftKings, Soccer, Showdown),
        &DK_SHOWDOWN_SOCCER,
        DK,
        DK_SHOWDOWN_LIMITS,
    ),
    // FanDuel classic. FanDuel dropped kickers from classic NFL in 2020.
    row(
        (FanDuel, Nfl, Classic),
        &[
            n("QB", QB, 1),
            n("RB", RB, 2),
            n("WR", WR, 3),
            n("TE", TE, 1),
            n("FLEX", FOOTBALL_FLEX, 1),
            n("DEF", &["D"], 1),
        ],
        60_000,
        (1, 3, Some(4)),
    ),
    row(
        (FanDuel, Nba, Classic),
        &[
            n("PG", &["PG"], 2),
            n("SG", &["SG"], 2),
            n("SF", &["SF"], 2),
            n("PF", &["PF"], 2),
            n("C", &["C"], 1),
        ],
        60_000,
        (1, 3, Some(4)),
    ),
    hitters_only(row(
        (FanDuel, Mlb, Classic),
        &[
            n("P", &["P"], 1),
            n("C/1B", &["C", "1B"], 1),
            n("2B", &["2B"], 1),
            n("3B", &["3B"], 1),
            n("SS", &["SS"], 1),
            n("OF", &["OF"], 3),
            n("UTIL", MLB_HITTERS, 1),
        ],
        35_000,
        (1, 3, Some(4)),
    )),
    row(
        (FanDuel, Nhl, Classic),
        &[
            n("C", &["C"], 2),
            n("W", &["W"], 2),
            n("D", &["D"], 2),
            n("UTIL", NHL_SKATERS_FD, 2),
            n("G", &["G"], 1),
        ],
        55_000,
        (1, 3, Some(4)),
    ),
    row(
        (FanDuel, Wnba, Classic),
        &[n("G", WNBA_G, 3), n("F", &["F", "SF", "PF", "C"], 4)],
        40_000,
        (1, 3, Some(4)),
    ),
    row(
        (FanDuel, Golf, Classic),
        &[n("G", &["G"], 6)],
        60_000,
        NO_GAMES,
    ),
    row(
        (FanDuel, Nascar, Classic),
        &[n("D", &["D"], 5)],
        50_000,
        NO_GAMES,
    ),
    row(
        (FanDuel, Mma, Classic),
        &[x("MVP", &["F"], 1.5), n("F", &["F"], 5)],
        100,
        (1, 1, None),
    ),
    // FanDuel single game: every slot takes any player, the first ones score more.
    row(
        (FanDuel, Nfl, Showdown),
        &[
            x("MVP", &["QB", "RB", "WR", "TE", "D", "K"], 1.5),
            n("AnyFLEX", &["QB", "RB", "WR", "TE", "D", "K"], 4),
        ],
        60_000,
        (1, 1, None),
    ),
    row(
        (FanDuel, Nba, Showdown),
        &[
            x("MVP", NBA, 2.0),
            x("STAR", NBA, 1.5),
            x("PRO", NBA, 1.2),
            n("UTIL", NBA, 2),
        ],
        60_000,
        (1, 1, None),
    ),
    row(
        (FanDuel, Mlb, Showdown),
        &[
            x("MVP", MLB_HITTERS, 2.0),
            x("STAR", MLB_HITTERS, 1.5),
            n("UTIL", MLB_HITTERS, 3),
        ],
        35_000,
        (1, 1, Some(4)),
    ),
    row(
        (FanDuel, Nhl, Showdown),
        &[
            x("CAPTAIN", NHL_SKATERS_FD, 1.5),
            n("UTIL", NHL_SKATERS_FD, 4),
        ],
        60_000,
        (1, 1, Some(4)),
    ),
    // Yahoo: a $200 cap, at most six from one team.
    row(
        (Yahoo, Nfl, Classic),
        &[
            n("QB", QB, 1),
            n("RB", RB, 2),
            n("WR", WR, 3),
            n("TE", TE, 1),
            n("FLEX", FOOTBALL_FLEX, 1),
            n("DEF", &["DEF"], 1),
        ],
        200,
        (2, 3, Some(6)),
    ),
    row(
        (Yahoo, Nba, Classic),
        &[
            n("PG", &["PG"], 1),
            n("SG", &["SG"], 1),
            n("G", GUARDS, 1),
            n("SF", &["SF"], 1),
            n("PF", &["PF"], 1),
            n("F", FORWARDS, 1),
            n("C", &["C"], 1),
            n("UTIL", NBA, 1),
        ],
        200,
        (2, 3, Some(6)),
    ),
    hitters_only(row(
        (Yahoo, Mlb, Classic),
        &[
            n("P", &["P", "SP", "RP"], 2),
            n("C", &["C"], 1),
            n("1B", &["1B"], 1),
            n("2B", &["2B"], 1),
            n("3B", &["3B"], 1),
            n("SS", &["SS"], 1),
            n("OF", &["OF", "LF", "CF", "RF"], 3),
        ],
        200,
        (2, 3, Some(6)),
    )),
    row(
        (Yahoo, Nhl, Classic),
        &[
            n("G", &["G"], 2),
            n("C", &["C"], 2),
            n("W", &["LW", "RW", "W"], 3),
            n("D", &["D"], 2),
        ],
        200,
        (2, 3, Some(6)),
    ),
    row((Yahoo, Golf, Classic), &[n("G", &["G"], 6)], 200, NO_GAMES),
    row(
        (Yahoo, Soccer, Classic),
        &[
            n("GK", &["GK"], 1),
            n("D", &["D"], 3),
            n("M", &["M"], 4),
            n("F", &["F"], 2),
            n("UTIL", SOCCER_OUTFIELD, 1),
        ],
        200,
        (2, 3, Some(6)),
    ),
];
