//! Shared by the lineup test files: the bundled slates and a validity check computed from the
//! raw salary rows (every slot filled by an eligible player, the cap, the sites' team and game
//! rules).
#![allow(dead_code)]

use std::collections::{BTreeSet, HashMap};

use edgekit::lineup::*;

pub fn path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/lineup")
        .join(name)
}

pub fn slate(name: &str) -> Slate {
    let (site, sport) = match name {
        "dk_nba" => (Site::DraftKings, Sport::Nba),
        "dk_nhl" => (Site::DraftKings, Sport::Nhl),
        "dk_mlb" => (Site::DraftKings, Sport::Mlb),
        "fd_nfl" => (Site::FanDuel, Sport::Nfl),
        "fd_mlb" => (Site::FanDuel, Sport::Mlb),
        "dk_soccer" => (Site::DraftKings, Sport::Soccer),
        "dk_tennis" => (Site::DraftKings, Sport::Tennis),
        _ => (Site::DraftKings, Sport::Nfl),
    };
    let file = match name {
        "dk_nfl" => "dk_nfl_classic_2019wk1_seenahuang.csv",
        "dk_showdown" => "dk_nfl_showdown_2019-01-05_IND@HOU_draftfast.csv",
        "dk_nba" => "dk_nba_classic_2018-12-03_draftfast.csv",
        "dk_nhl" => "dk_nhl_classic_2018-12-22_draftfast.csv",
        "dk_mlb" => "dk_mlb_classic_2020-09-24_draftfast.csv",
        "fd_nfl" => "fd_nfl_classic_2018wk13_draftfast.csv",
        "fd_mlb" => "fd_mlb_classic_2023_draftfast.csv",
        "dk_soccer" => "dk_soccer_classic_2018-12_draftfast.csv",
        "dk_tennis" => "dk_tennis_classic_2020-02-17_draftfast.csv",
        other => panic!("{other}"),
    };
    Slate::from_csv_path(path(file), site, sport, None).unwrap()
}

pub fn rules(json: &str) -> Rules {
    serde_json::from_str(json).unwrap()
}

/// Checks a lineup against the slate's raw rows and the site's rules.
pub fn assert_valid(slate: &Slate, l: &Lineup) {
    let roster = &slate.roster;
    assert_eq!(l.players.len(), roster.slots.len());
    let mut people = BTreeSet::new();
    let mut per_team: HashMap<&str, usize> = HashMap::new();
    let mut limited: HashMap<&str, usize> = HashMap::new();
    let mut games = BTreeSet::new();
    let mut points = 0.0;
    for (p, slot) in l.players.iter().zip(&roster.slots) {
        assert_eq!(p.slot, slot.name);
        let row = &slate.players[p.row];
        assert_eq!(row.id, p.id);
        let eligible = match &row.roster_slot {
            Some(rs) => rs == slot.name,
            None => row
                .positions
                .iter()
                .any(|x| slot.accepts.contains(&x.as_str())),
        };
        assert!(eligible, "{} cannot play {}", row.name, slot.name);
        assert!(
            people.insert((row.name.clone(), row.team.clone())),
            "{} twice",
            row.name
        );
        *per_team.entry(row.team.as_str()).or_default() += 1;
        let counted = &roster.team_limit_positions;
        if counted.is_empty() || row.positions.iter().any(|x| counted.contains(&x.as_str())) {
            *limited.entry(row.team.as_str()).or_default() += 1;
        }
        games.extend(row.game.clone());
        points += row.projection * slot.multiplier;
        assert!(
            row.projection > 0.0,
            "zero projections are dropped by default"
        );
    }
    assert!(l.salary <= roster.salary_cap);
    assert_eq!(l.salary, l.players.iter().map(|p| p.salary).sum::<u32>());
    assert!((points - l.projection).abs() < 1e-9);
    assert!(games.len() >= roster.min_games);
    assert!(per_team.len() >= roster.min_teams);
    if let Some(m) = roster.max_per_team {
        assert!(limited.values().all(|&c| c <= m), "{limited:?}");
    }
}
