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
        "dk_golf" => (Site::DraftKings, Sport::Golf),
        "dk_mma" => (Site::DraftKings, Sport::Mma),
        "dk_lol" => (Site::DraftKings, Sport::Lol),
        "dk_cfb_showdown" => (Site::DraftKings, Sport::Cfb),
        "dk_mlb_showdown" => (Site::DraftKings, Sport::Mlb),
        "fd_mlb_single_game" => (Site::FanDuel, Sport::Mlb),
        "yahoo_nba" => (Site::Yahoo, Sport::Nba),
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
        "dk_golf" => "dk_golf_classic_2021-04_masters_longenbach.csv",
        "dk_mma" => "dk_mma_classic_2026-08-29_ufc-contest-sim.csv",
        "dk_lol" => "dk_lol_classic_2020-04-12_clark-teeple.csv",
        "dk_cfb_showdown" => "dk_cfb_showdown_2023-11-25_FSU@UF_mainstringargs.csv",
        "dk_mlb_showdown" => "dk_mlb_showdown_2019-06-30_ATL@NYM_draftfast.csv",
        "fd_mlb_single_game" => "fd_mlb_single_game_NYY@SEA_draftfast.csv",
        "yahoo_nba" => "yahoo_nba_classic_2015-12_pydfs.csv",
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

/// A run recorded from pydfs-lineup-optimizer (tests/vectors/lineup_pydfs_*.json).
pub struct Recorded {
    pub projections: Vec<f64>,
    pub player_ids: Vec<Vec<String>>,
}

/// Run `case` of the vector file `file` (in tests/vectors).
pub fn recorded(file: &str, case: &str) -> Recorded {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/vectors")
            .join(file),
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    Recorded {
        projections: serde_json::from_value(v[case]["projections"].clone()).unwrap(),
        player_ids: serde_json::from_value(v[case]["player_ids"].clone()).unwrap(),
    }
}

/// The lineup's player IDs, sorted (as the vectors record them).
pub fn sorted_ids(l: &Lineup) -> Vec<String> {
    let mut ids: Vec<String> = l.player_ids().into_iter().map(String::from).collect();
    ids.sort();
    ids
}

/// pydfs reports a lineup's projection rounded to 3 decimals.
const PYDFS_PRECISION: f64 = 1e-3;

/// pydfs solves each lineup with CBC at its default optimality gap, so its k-best sequence is
/// not always exact. What must hold: edgekit's run is in decreasing projection; its k-th best
/// is at least the k-th best of any k distinct valid lineups, pydfs' included; nearly all values
/// are shared (as multisets: a lineup pydfs skips shifts the rest of its sequence); and every
/// pydfs lineup above edgekit's last is among edgekit's.
pub fn assert_dominates(got: &[Lineup], reference: &Recorded) {
    assert_eq!(got.len(), reference.projections.len());
    for w in got.windows(2) {
        assert!(w[0].projection >= w[1].projection - 1e-9);
    }
    let mut sorted = reference.projections.clone();
    sorted.sort_by(|a, b| b.total_cmp(a));
    for (k, (g, e)) in got.iter().zip(&sorted).enumerate() {
        assert!(
            g.projection >= e - PYDFS_PRECISION,
            "lineup {}: edgekit {}, pydfs {e}",
            k + 1,
            g.projection
        );
    }
    let mut unmatched: Vec<f64> = got.iter().map(|l| l.projection).collect();
    let mut equal = 0;
    for e in &sorted {
        if let Some(k) = unmatched
            .iter()
            .position(|g| (g - e).abs() <= PYDFS_PRECISION)
        {
            unmatched.swap_remove(k);
            equal += 1;
        }
    }
    assert!(
        equal * 10 >= got.len() * 9,
        "{equal} of {} equal",
        got.len()
    );
    let last = got.last().unwrap().projection;
    let ours: Vec<Vec<String>> = got.iter().map(sorted_ids).collect();
    for (ids, p) in reference.player_ids.iter().zip(&reference.projections) {
        if *p > last + 1e-6 {
            assert!(ours.contains(ids), "pydfs lineup {ids:?} ({p}) missing");
        }
    }
}

/// edgekit's default run dominates pydfs' recorded one (see `assert_dominates`), every lineup
/// is valid, and the MILP finds the same values.
pub fn assert_matches_pydfs(s: &Slate, reference: &Recorded) -> Vec<Lineup> {
    let n = reference.projections.len();
    let got = optimize(s, n, &Rules::default(), None).unwrap();
    for l in &got {
        assert_valid(s, l);
    }
    assert_dominates(&got, reference);
    let milp = Optimizer::new(s, Rules::default())
        .unwrap()
        .method(Method::Milp)
        .optimize(n, None)
        .unwrap();
    for (a, b) in got.iter().zip(&milp) {
        assert!((a.projection - b.projection).abs() < 1e-6);
    }
    got
}

/// The same lineups in the same order as pydfs, and the MILP through the same loop agrees.
pub fn assert_same_run(s: &Slate, r: &Rules, reference: &Recorded) -> Vec<Lineup> {
    let got = optimize(s, reference.projections.len(), r, None).unwrap();
    for (k, (l, p)) in got.iter().zip(&reference.projections).enumerate() {
        assert_valid(s, l);
        assert!(
            (l.projection - p).abs() < 1e-6,
            "lineup {}: edgekit {}, pydfs {p}",
            k + 1,
            l.projection
        );
        assert_eq!(sorted_ids(l), reference.player_ids[k], "lineup {}", k + 1);
    }
    let milp = Optimizer::new(s, r.clone())
        .unwrap()
        .method(Method::Milp)
        .optimize(got.len(), None)
        .unwrap();
    for (k, (a, b)) in got.iter().zip(&milp).enumerate() {
        assert!(
            (a.projection - b.projection).abs() < 1e-6,
            "lineup {}: search {}, MILP {}",
            k + 1,
            a.projection,
            b.projection
        );
    }
    got
}
