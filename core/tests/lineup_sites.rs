//! The sites and sports added from real public salary files (issue 19, item 5): DraftKings golf,
//! MMA and League of Legends classic, college football and MLB showdown, FanDuel MLB single
//! game. Each file read as the site writes it, k-best runs held to pydfs-lineup-optimizer's
//! recorded runs (tests/vectors/lineup_pydfs_sites.json) and to the MILP, and the upload file
//! read back.

use std::collections::BTreeSet;

use edgekit::lineup::*;

mod common;
use common::{assert_matches_pydfs, recorded, slate};

fn check(name: &str, contest: Contest, players: usize, header: &str) -> (Slate, Vec<Lineup>) {
    let s = slate(name);
    assert_eq!(s.roster.contest, contest, "{name}");
    assert_eq!(s.players.len(), players, "{name}");
    let got = assert_matches_pydfs(&s, &recorded("lineup_pydfs_sites.json", name));
    let upload = upload_csv(&s, &got);
    assert!(upload.starts_with(header), "{name}: {upload}");
    assert_eq!(read_upload_csv(&s, &upload).unwrap(), got, "{name}");
    (s, got)
}

#[test]
fn golf_is_six_golfers_from_one_tournament() {
    let (s, got) = check("dk_golf", Contest::Classic, 89, "G,G,G,G,G,G\n");
    assert!(
        s.players
            .iter()
            .all(|p| p.team == "Golf" && p.game.is_none())
    );
    // A "team" of every golfer is no limit: the roster has none.
    assert_eq!((s.roster.max_per_team, s.roster.min_teams), (None, 1));
    assert!(got.iter().all(|l| l.salary <= 50_000));
}

#[test]
fn mma_fighters_meet_their_opponents() {
    let (s, got) = check("dk_mma", Contest::Classic, 26, "F,F,F,F,F,F\n");
    let yadong = s.players.iter().find(|p| p.name == "Yadong Song").unwrap();
    assert_eq!(
        (yadong.team.as_str(), yadong.opponent.as_deref()),
        ("Yadong", Some("Nurmagomedov"))
    );
    assert_eq!(yadong.game.as_deref(), Some("Yadong@Nurmagomedov"));
    assert!(yadong.starts_at.is_some());
    // Nothing stops picking both sides of a fight, as on DraftKings (the best lineup does).
    let fights: BTreeSet<&str> = got[0]
        .players
        .iter()
        .filter_map(|p| s.players[p.row].game.as_deref())
        .collect();
    assert_eq!(fights.len(), 5);
}

#[test]
fn league_of_legends_classic_has_a_captain_and_named_slots() {
    let (s, got) = check(
        "dk_lol",
        Contest::Classic,
        176,
        "CPT,TOP,JNG,MID,ADC,SUP,TEAM\n",
    );
    // Every row keeps its one slot; a captain row and the same player's role row are one person.
    assert!(s.players.iter().all(|p| p.roster_slot.is_some()));
    assert!(s.players.iter().all(|p| !p.name.starts_with(' ')));
    for l in &got {
        assert_eq!(l.players[0].slot, "CPT");
        let people: BTreeSet<&str> = l.players.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(people.len(), 7, "{l:?}");
        let mut per_team = std::collections::HashMap::<&str, usize>::new();
        for p in &l.players {
            *per_team.entry(p.team.as_str()).or_default() += 1;
        }
        assert!(per_team.values().all(|&c| c <= 4));
        let games: BTreeSet<&str> = l
            .players
            .iter()
            .filter_map(|p| s.players[p.row].game.as_deref())
            .collect();
        assert!(games.len() >= 2);
    }
}

#[test]
fn college_showdown_reads_the_upload_template_export() {
    // DraftKings' export with the upload template (CPT, UTIL... and Instructions) on the left.
    let (s, got) = check(
        "dk_cfb_showdown",
        Contest::Showdown,
        160,
        "CPT,UTIL,UTIL,UTIL,UTIL,UTIL\n",
    );
    assert_eq!(s.players[0].line, 9, "lines are numbered as in the file");
    for l in &got {
        let teams: BTreeSet<&str> = l.players.iter().map(|p| p.team.as_str()).collect();
        assert_eq!(teams.len(), 2, "both teams appear");
    }
}

#[test]
fn mlb_showdown_matches_pydfs() {
    let (s, got) = check(
        "dk_mlb_showdown",
        Contest::Showdown,
        254,
        "CPT,UTIL,UTIL,UTIL,UTIL,UTIL\n",
    );
    assert_eq!(s.roster.slots[0].multiplier, 1.5);
    assert!(got[0].players[0].salary > 0);
}

#[test]
fn yahoo_nba_reads_the_2015_export() {
    // The export spells its ID column "Id"; salaries are Yahoo dollars under a $200 cap.
    let (s, got) = check(
        "yahoo_nba",
        Contest::Classic,
        119,
        "PG,SG,G,SF,PF,F,C,UTIL\n",
    );
    assert_eq!(s.roster.salary_cap, 200);
    let harden = s.players.iter().find(|p| p.name == "James Harden").unwrap();
    assert_eq!((harden.id.as_str(), harden.salary), ("nba.p.4563", 55));
    assert_eq!(harden.game.as_deref(), Some("HOU@SAC"));
    for l in &got {
        assert!(l.salary <= 200);
        let mut per_team = std::collections::HashMap::<&str, usize>::new();
        for p in &l.players {
            *per_team.entry(p.team.as_str()).or_default() += 1;
        }
        assert!(per_team.values().all(|&c| c <= 6), "{l:?}");
    }
}

#[test]
fn fanduel_mlb_single_game_boosts_mvp_and_star() {
    let (s, got) = check(
        "fd_mlb_single_game",
        Contest::Showdown,
        49,
        "MVP,STAR,UTIL,UTIL,UTIL\n",
    );
    assert_eq!(s.roster.salary_cap, 35_000);
    let m: Vec<f64> = s.roster.slots.iter().map(|x| x.multiplier).collect();
    assert_eq!(m, [2.0, 1.5, 1.0, 1.0, 1.0]);
    for l in &got {
        let mut per_team = std::collections::HashMap::<&str, usize>::new();
        for p in &l.players {
            *per_team.entry(p.team.as_str()).or_default() += 1;
        }
        assert!(per_team.values().all(|&c| c <= 4), "{l:?}");
    }
}

#[test]
fn contests_simulate_on_the_new_sports() {
    let contest =
        ContestSpec::from_payout_csv("place,prize\n1,100\n2-5,20\n6-20,5\n", 200, 3.0, 20).unwrap();
    for name in ["dk_golf", "dk_mma", "dk_lol"] {
        let mut s = slate(name);
        // No ownership in the files: a stand-in proportional to projection.
        let total: f64 = s.players.iter().map(|p| p.projection.max(0.0)).sum();
        let slots = s.roster.slots.len() as f64;
        for p in &mut s.players {
            p.extra.ownership = Some(100.0 * slots * p.projection.max(0.0) / total);
        }
        let pool = candidate_pool(&s, &Rules::default(), 30).unwrap();
        assert!(pool.len() >= 20, "{name}: {}", pool.len());
        let options = ContestOptions {
            simulations: 200,
            ..Default::default()
        };
        let result = select_by_roi(&s, &contest, &pool, 3, &Rules::default(), 7, &options)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(result.entries.len(), 3, "{name}");
        for e in &result.entries {
            assert!(e.stats.roi.is_finite(), "{name}");
            assert!((0.0..=1.0).contains(&e.stats.cash_rate), "{name}");
        }
    }
}
