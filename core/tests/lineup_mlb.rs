//! Baseball: the DraftKings MLB slate against pydfs-lineup-optimizer
//! (tests/vectors/lineup_pydfs_mlb.json) and the MILP, the site's hitters-only team limit, and
//! team stacks spaced in the batting order (orders from the fixture
//! examples/data/lineup/dk_mlb_2020-09-24_batting_orders.csv).

use std::collections::HashMap;

use edgekit::lineup::*;

mod common;
use common::{Recorded, assert_dominates, recorded};

const HITTERS: [&str; 6] = ["C", "1B", "2B", "3B", "SS", "OF"];

fn data(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/lineup")
        .join(name)
}

fn slate() -> Slate {
    let mut slate = Slate::from_csv_path(
        data("dk_mlb_classic_2020-09-24_draftfast.csv"),
        Site::DraftKings,
        Sport::Mlb,
        None,
    )
    .unwrap();
    let orders = std::fs::read_to_string(data("dk_mlb_2020-09-24_batting_orders.csv")).unwrap();
    let report = slate.merge_projections_str(&orders).unwrap();
    assert_eq!(report.matched, 108);
    slate
}

fn rules(json: &str) -> Rules {
    serde_json::from_str(json).unwrap()
}

fn is_hitter(p: &Player) -> bool {
    p.positions.iter().any(|x| HITTERS.contains(&x.as_str()))
}

/// Roster, cap, two games, at most five hitters per team (pitchers free), from the raw rows.
fn assert_valid(slate: &Slate, l: &Lineup) {
    assert_eq!(l.players.len(), 10);
    let mut hitters: HashMap<&str, usize> = HashMap::new();
    let mut games = std::collections::BTreeSet::new();
    for (p, slot) in l.players.iter().zip(&slate.roster.slots) {
        let row = &slate.players[p.row];
        assert!(
            row.positions
                .iter()
                .any(|x| slot.accepts.contains(&x.as_str())),
            "{} cannot play {}",
            row.name,
            slot.name
        );
        if is_hitter(row) {
            *hitters.entry(row.team.as_str()).or_default() += 1;
        }
        games.extend(row.game.clone());
    }
    assert!(l.salary <= 50_000);
    assert!(games.len() >= 2);
    assert!(hitters.values().all(|&c| c <= 5), "{hitters:?}");
}

/// Whether some team has `size` hitters within `spacing` consecutive batting spots (9 → 1 wraps).
fn has_spaced_stack(slate: &Slate, l: &Lineup, size: usize, spacing: u8) -> bool {
    let mut by_team: HashMap<&str, Vec<u8>> = HashMap::new();
    for p in &l.players {
        let row = &slate.players[p.row];
        if let (true, Some(o)) = (is_hitter(row), row.extra.batting_order) {
            by_team.entry(row.team.as_str()).or_default().push(o);
        }
    }
    by_team.values().any(|orders| {
        (1..=9u8).any(|first| {
            orders
                .iter()
                .filter(|&&o| (o + 9 - first) % 9 < spacing)
                .count()
                >= size
        })
    })
}

fn pydfs(case: &str) -> Recorded {
    recorded("lineup_pydfs_mlb.json", case)
}

#[test]
fn classic_k_best_matches_pydfs() {
    let s = slate();
    let reference = pydfs("classic");
    let lineups = optimize(&s, reference.projections.len(), &Rules::default(), None).unwrap();
    for l in &lineups {
        assert_valid(&s, l);
    }
    assert_dominates(&lineups, &reference);
}

#[test]
fn spaced_team_stack_matches_pydfs_and_holds() {
    let s = slate();
    let r = rules(
        r#"{"stacks": [{"type": "team", "size": 4, "positions": ["C", "1B", "2B", "3B", "SS", "OF"], "spacing": 5}]}"#,
    );
    let reference = pydfs("spaced_stack");
    let lineups = optimize(&s, reference.projections.len(), &r, None).unwrap();
    for l in &lineups {
        assert_valid(&s, l);
        assert!(has_spaced_stack(&s, l, 4, 5), "{l:?}");
    }
    assert_dominates(&lineups, &reference);
    // The spacing binds: without it some of the best stacked lineups are not spaced, and the
    // k-th best under the tighter rule is never above the k-th best under the looser one.
    let loose = rules(
        r#"{"stacks": [{"type": "team", "size": 4, "positions": ["C", "1B", "2B", "3B", "SS", "OF"]}]}"#,
    );
    let free = optimize(&s, lineups.len(), &loose, None).unwrap();
    assert!(free.iter().any(|l| !has_spaced_stack(&s, l, 4, 5)));
    for (a, b) in lineups.iter().zip(&free) {
        assert!(a.projection <= b.projection + 1e-9);
    }
}

#[test]
fn spaced_stacks_and_hitter_limits_match_the_milp() {
    let s = slate();
    for json in [
        r#"{"stacks": [{"type": "team", "size": 3, "spacing": 3, "teams": ["LAD", "ATL", "HOU"]}]}"#,
        r#"{"stacks": [{"type": "team", "size": 5, "positions": ["C", "1B", "2B", "3B", "SS", "OF"]}], "max_exposure": 0.5}"#,
        r#"{"locks": ["Clayton Kershaw"], "stacks": [{"type": "team", "size": 5, "teams": ["LAD"], "positions": ["C", "1B", "2B", "3B", "SS", "OF"]}]}"#,
    ] {
        assert_search_equals_milp(&s, &rules(json), 8);
    }
}

#[test]
fn a_pitcher_does_not_count_toward_the_hitter_limit() {
    let s = slate();
    // Five Dodger hitters and a Dodger pitcher: legal on DraftKings.
    let r = rules(
        r#"{"locks": ["Clayton Kershaw"], "stacks": [{"type": "team", "size": 5, "teams": ["LAD"], "positions": ["C", "1B", "2B", "3B", "SS", "OF"]}]}"#,
    );
    let l = &optimize(&s, 1, &r, None).unwrap()[0];
    let dodgers = l
        .players
        .iter()
        .filter(|p| s.players[p.row].team == "LAD")
        .count();
    assert_eq!(dodgers, 6);
    // Six hitters from one team are not, and the report names the site's limit.
    let six = rules(
        r#"{"stacks": [{"type": "team", "size": 6, "teams": ["LAD"], "positions": ["C", "1B", "2B", "3B", "SS", "OF"]}]}"#,
    );
    match optimize(&s, 1, &six, None) {
        Err(LineupError::Infeasible { rules, .. }) => {
            assert!(rules.iter().any(|r| r.contains("per team")), "{rules:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn spacing_needs_orders_and_orders_are_checked() {
    let bare = Slate::from_csv_path(
        data("dk_mlb_classic_2020-09-24_draftfast.csv"),
        Site::DraftKings,
        Sport::Mlb,
        None,
    )
    .unwrap();
    let r = rules(r#"{"stacks": [{"type": "team", "size": 3, "spacing": 4}]}"#);
    match Optimizer::new(&bare, r) {
        Err(LineupError::Rule { rule, message }) => {
            assert_eq!(rule, "stacks[0]");
            assert!(message.contains("batting_order"), "{message}");
        }
        other => panic!("{:?}", other.err()),
    }
    let mut s = bare.clone();
    let err = s
        .merge_projections_str("id,projection,batting_order\n15485563,11.37,1\n15485564,11.19,10\n")
        .unwrap_err();
    match err {
        LineupError::BadValue { line, column, .. } => {
            assert_eq!((line, column.as_str()), (3, "batting_order"));
        }
        other => panic!("{other:?}"),
    }
    let zero = rules(r#"{"stacks": [{"type": "team", "size": 3, "spacing": 0}]}"#);
    assert!(matches!(
        Optimizer::new(&slate(), zero),
        Err(LineupError::Rule { .. })
    ));
}

#[test]
fn exposure_caps_on_a_star_keep_each_lineup_optimal() {
    // Josh Lindblom's file average (110 points) dwarfs everyone's: once his exposure is used up
    // the search rebuilds without him. Each lineup must still be the MILP's optimum given the
    // earlier ones.
    let s = slate();
    let r = rules(r#"{"max_exposure": 0.2, "max_repeating": 7}"#);
    let run = optimize(&s, 15, &r, None).unwrap();
    let milp = Optimizer::new(&s, r.clone()).unwrap().method(Method::Milp);
    for j in 0..run.len() {
        assert_valid(&s, &run[j]);
        let best = milp.extend(&run[..j], run.len() - j, None).unwrap();
        assert!(
            (best[0].projection - run[j].projection).abs() < 1e-6,
            "lineup {}: search {}, MILP {}",
            j + 1,
            run[j].projection,
            best[0].projection
        );
    }
    let with_star = run
        .iter()
        .filter(|l| l.players.iter().any(|p| p.name == "Josh Lindblom"))
        .count();
    assert_eq!(with_star, 3);
}

#[test]
fn fanduel_batting_orders_come_from_the_salary_file_and_drive_spaced_stacks() {
    let mut s = Slate::from_csv_path(
        data("fd_mlb_classic_2023_draftfast.csv"),
        Site::FanDuel,
        Sport::Mlb,
        None,
    )
    .unwrap();
    let ordered: Vec<&Player> = s
        .players
        .iter()
        .filter(|p| p.extra.batting_order.is_some())
        .collect();
    // FanDuel posted one lineup (1–9); its "0" rows are players outside a posted lineup.
    let mut spots: Vec<u8> = ordered
        .iter()
        .filter_map(|p| p.extra.batting_order)
        .collect();
    spots.sort_unstable();
    assert_eq!(spots, (1..=9).collect::<Vec<u8>>());
    let team = ordered[0].team.clone();
    assert!(ordered.iter().all(|p| p.team == team));
    // A projections file without an order column keeps the file's orders.
    let first = ordered[0].id.clone();
    s.merge_projections_str(&format!("id,projection\n{first},12.5\n"))
        .unwrap();
    assert!(
        s.players
            .iter()
            .filter(|p| p.extra.batting_order.is_some())
            .count()
            == 9
    );
    let r = rules(r#"{"stacks": [{"type": "team", "size": 3, "spacing": 4}]}"#);
    let fast = optimize(&s, 5, &r, None).unwrap();
    let milp = Optimizer::new(&s, r.clone())
        .unwrap()
        .method(Method::Milp)
        .optimize(5, None)
        .unwrap();
    for (a, b) in fast.iter().zip(&milp) {
        assert!((a.projection - b.projection).abs() < 1e-6);
        let orders: Vec<u8> = a
            .players
            .iter()
            .filter_map(|p| s.players[p.row].extra.batting_order)
            .collect();
        assert!(
            (1..=9u8).any(|w| orders.iter().filter(|&&o| (o + 9 - w) % 9 < 4).count() >= 3),
            "{orders:?}"
        );
    }
    let bad = "Id,Position,Nickname,FPPG,Salary,Game,Team,Opponent,Injury Indicator,Batting Order\n\
               1-1,OF,A B,10,3000,MIL@CHC,MIL,CHC,,12\n";
    match Slate::from_csv_str(bad, Site::FanDuel, Sport::Mlb, None) {
        Err(LineupError::BadValue { line, column, .. }) => {
            assert_eq!((line, column.as_str()), (2, "Batting Order"));
        }
        other => panic!("{other:?}"),
    }
}

/// Whether two teammates at hitter positions sit `spacing` or more spots apart (9 → 1 wraps).
fn breaks_spacing(slate: &Slate, l: &Lineup, spacing: u8) -> bool {
    let hitters: Vec<&Player> = l
        .players
        .iter()
        .map(|p| &slate.players[p.row])
        .filter(|p| is_hitter(p))
        .collect();
    hitters.iter().enumerate().any(|(k, a)| {
        hitters[k + 1..].iter().any(|b| {
            let (Some(x), Some(y)) = (a.extra.batting_order, b.extra.batting_order) else {
                return false;
            };
            let d = x.abs_diff(y);
            a.team == b.team && d.min(9 - d) >= spacing
        })
    })
}

/// The search's and the MILP's runs: valid, and equal value for value.
fn assert_search_equals_milp(s: &Slate, r: &Rules, n: usize) {
    let fast = optimize(s, n, r, None).unwrap();
    let milp = Optimizer::new(s, r.clone())
        .unwrap()
        .method(Method::Milp)
        .optimize(n, None)
        .unwrap();
    for l in fast.iter().chain(&milp) {
        assert_valid(s, l);
    }
    for (k, (a, b)) in fast.iter().zip(&milp).enumerate() {
        assert!(
            (a.projection - b.projection).abs() < 1e-6,
            "lineup {}: search {}, MILP {}",
            k + 1,
            a.projection,
            b.projection
        );
    }
}

#[test]
fn position_spacing_matches_pydfs_and_the_milp_and_holds() {
    let s = slate();
    let r = rules(
        r#"{"position_spacing": {"positions": ["C", "1B", "2B", "3B", "SS", "OF"], "spacing": 3}}"#,
    );
    let reference = pydfs("position_spacing");
    let lineups = optimize(&s, reference.projections.len(), &r, None).unwrap();
    for l in &lineups {
        assert_valid(&s, l);
        assert!(!breaks_spacing(&s, l, 3), "{l:?}");
    }
    assert_dominates(&lineups, &reference);
    // It binds: the free run's best lineups break it.
    let free = optimize(&s, 10, &Rules::default(), None).unwrap();
    assert!(free.iter().any(|l| breaks_spacing(&s, l, 3)));
    assert_search_equals_milp(&s, &r, 8);
    // Stacked players obey it too: a spaced stack of three inside a window of three.
    let both = rules(
        r#"{"position_spacing": {"spacing": 3}, "stacks": [{"type": "team", "size": 3, "positions": ["C", "1B", "2B", "3B", "SS", "OF"]}]}"#,
    );
    for l in optimize(&s, 5, &both, None).unwrap() {
        assert!(!breaks_spacing(&s, &l, 3), "{l:?}");
    }
    assert_search_equals_milp(&s, &both, 5);
}

#[test]
fn min_starters_match_pydfs_and_the_milp_and_hold() {
    let mut s = slate();
    // The top five of each posted lineup are the confirmed starters (as the recording marks
    // them: all posted hitters would not bind).
    for p in &mut s.players {
        p.extra.confirmed_starter = Some(p.extra.batting_order.is_some_and(|o| o <= 5));
    }
    let r = rules(r#"{"min_starters": 7}"#);
    let reference = pydfs("min_starters");
    let lineups = optimize(&s, reference.projections.len(), &r, None).unwrap();
    let starters = |l: &Lineup| {
        l.players
            .iter()
            .filter(|p| s.players[p.row].extra.confirmed_starter == Some(true))
            .count()
    };
    for l in &lineups {
        assert_valid(&s, l);
        assert!(starters(l) >= 7, "{l:?}");
    }
    assert_dominates(&lineups, &reference);
    let free = optimize(&s, 30, &Rules::default(), None).unwrap();
    assert!(free.iter().any(|l| starters(l) < 7));
    assert_search_equals_milp(&s, &r, 8);
    // Nine starters cannot be had (pitchers are not in the posted lineups): named.
    match optimize(&s, 1, &rules(r#"{"min_starters": 9}"#), None) {
        Err(LineupError::Infeasible { rules, .. }) => {
            assert!(rules.contains(&"min_starters 9".to_owned()), "{rules:?}");
        }
        other => panic!("{other:?}"),
    }
    // More than the roster holds is a bad rule, not an infeasible one.
    assert!(matches!(
        Optimizer::new(&s, rules(r#"{"min_starters": 11}"#)),
        Err(LineupError::Rule { rule, .. }) if rule == "min_starters"
    ));
}

#[test]
fn position_spacing_needs_orders_and_starters_come_from_a_projections_column() {
    let mut bare = Slate::from_csv_path(
        data("dk_mlb_classic_2020-09-24_draftfast.csv"),
        Site::DraftKings,
        Sport::Mlb,
        None,
    )
    .unwrap();
    let r = rules(r#"{"position_spacing": {"spacing": 4}}"#);
    match Optimizer::new(&bare, r) {
        Err(LineupError::Rule { rule, message }) => {
            assert_eq!(rule, "position_spacing");
            assert!(message.contains("batting_order"), "{message}");
        }
        other => panic!("{:?}", other.err()),
    }
    assert!(matches!(
        Optimizer::new(&slate(), rules(r#"{"position_spacing": {"spacing": 0}}"#)),
        Err(LineupError::Rule { .. })
    ));
    bare.merge_projections_str(
        "id,projection,Confirmed Starter\n15485570,11.36,Yes\n15485564,11.19,no\n15485563,11.37,\n",
    )
    .unwrap();
    let flag = |id: &str| {
        bare.players
            .iter()
            .find(|p| p.id == id)
            .unwrap()
            .extra
            .confirmed_starter
    };
    assert_eq!(
        (flag("15485570"), flag("15485564"), flag("15485563")),
        (Some(true), Some(false), None)
    );
    let err = bare
        .merge_projections_str("id,projection,starter\n15485570,11.36,maybe\n")
        .unwrap_err();
    assert!(
        matches!(err, LineupError::BadValue { line: 2, ref column, .. } if column == "confirmed_starter")
    );
}
