//! Stack exposure caps (pydfs-lineup-optimizer's `max_exposure` and `max_exposure_per_team` on
//! a stack): pydfs' recorded runs on the DraftKings NFL slate
//! (tests/vectors/lineup_pydfs_stack_exposure.json) reproduced lineup for lineup, the MILP
//! through the same loop, the caps held, the after-each count, and the rule's errors.

use std::collections::HashMap;

use edgekit::lineup::*;

mod common;
use common::{Recorded, assert_valid, recorded, rules, slate, sorted_ids};

/// pydfs' values lineup for lineup (its lineups too, but for ties: equal-valued lineups may
/// come in another order and spend other teams' shares). The MILP needs minutes per lineup on
/// this 951-player slate with a stack, so its cross-check runs on the NBA slate below.
fn assert_same_values(s: &Slate, r: &Rules, reference: &Recorded) -> Vec<Lineup> {
    let n = reference.projections.len();
    let got = optimize(s, n, r, None).unwrap();
    for (k, (l, p)) in got.iter().zip(&reference.projections).enumerate() {
        assert_valid(s, l);
        assert!(
            (l.projection - p).abs() < 1e-3,
            "lineup {}: edgekit {}, pydfs {p}",
            k + 1,
            l.projection
        );
    }
    let same = got
        .iter()
        .filter(|l| reference.player_ids.contains(&sorted_ids(l)))
        .count();
    assert!(same * 10 >= n * 8, "{same} of {n} lineups are pydfs'");
    got
}

/// Teams with three or more of QB/WR/TE in the lineup.
fn stacked_teams(s: &Slate, l: &Lineup) -> Vec<String> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for p in &l.players {
        let row = &s.players[p.row];
        if row
            .positions
            .iter()
            .any(|x| matches!(x.as_str(), "QB" | "WR" | "TE"))
        {
            *count.entry(row.team.as_str()).or_default() += 1;
        }
    }
    let mut teams: Vec<String> = count
        .into_iter()
        .filter(|&(_, c)| c >= 3)
        .map(|(t, _)| t.to_owned())
        .collect();
    teams.sort();
    teams
}

fn recorded_teams(case: &str) -> Vec<String> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/lineup_pydfs_stack_exposure.json"
    ))
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    serde_json::from_value(v[case]["stack_teams"].clone()).unwrap()
}

const STACK: &str = r#""type": "team", "size": 3, "positions": ["QB", "WR", "TE"]"#;

#[test]
fn a_team_cap_matches_pydfs_value_for_value() {
    let s = slate("dk_nfl");
    let r = rules(&format!(
        r#"{{"stacks": [{{{STACK}, "max_exposure": 0.25}}]}}"#
    ));
    let got = assert_same_values(
        &s,
        &r,
        &recorded("lineup_pydfs_stack_exposure.json", "team_cap"),
    );
    let teams: Vec<String> = got
        .iter()
        .map(|l| {
            let t = stacked_teams(&s, l);
            assert_eq!(t.len(), 1, "{t:?}");
            t[0].clone()
        })
        .collect();
    let mut recorded_uses: Vec<String> = recorded_teams("team_cap");
    let mut ours = teams.clone();
    recorded_uses.sort();
    ours.sort();
    assert_eq!(
        ours, recorded_uses,
        "each team's stack used as often as in pydfs' run"
    );
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for t in &teams {
        *uses.entry(t.as_str()).or_default() += 1;
    }
    assert!(uses.values().all(|&u| u <= 5), "{uses:?}");
}

#[test]
fn per_team_caps_override_the_stack_cap() {
    let s = slate("dk_nfl");
    let r = rules(&format!(
        r#"{{"stacks": [{{{STACK}, "max_exposure": 0.3, "max_exposure_per_team": {{"HOU": 0.1, "min": 0.1}}}}]}}"#
    ));
    let got = assert_same_values(
        &s,
        &r,
        &recorded("lineup_pydfs_stack_exposure.json", "per_team_cap"),
    );
    let teams: Vec<String> = got.iter().flat_map(|l| stacked_teams(&s, l)).collect();
    assert_eq!(teams.len(), 20);
    for (team, cap) in [("HOU", 2), ("MIN", 2), ("ATL", 6), ("KC", 6)] {
        assert!(teams.iter().filter(|t| *t == team).count() <= cap, "{team}");
    }
}

#[test]
fn after_each_counts_stack_shares_so_far() {
    let s = slate("dk_nfl");
    let r = rules(&format!(
        r#"{{"stacks": [{{{STACK}, "max_exposure": 0.4}}], "exposure_strategy": "after_each"}}"#
    ));
    let got = optimize(&s, 15, &r, None).unwrap();
    let mut uses: HashMap<String, usize> = HashMap::new();
    for (k, l) in got.iter().enumerate() {
        for t in stacked_teams(&s, l) {
            // Before lineup k + 1, a team at or above 40 % of the k so far sits out.
            let used = uses.get(&t).copied().unwrap_or(0);
            assert!(
                k == 0 || (used as f64) < 0.4 * k as f64,
                "lineup {}: {t} {used}",
                k + 1
            );
            *uses.entry(t).or_default() += 1;
        }
    }
}

#[test]
fn the_search_and_the_milp_agree_under_a_stack_cap() {
    let s = slate("dk_nba");
    let r = rules(r#"{"stacks": [{"type": "team", "size": 3, "max_exposure": 0.5}]}"#);
    let got = optimize(&s, 4, &r, None).unwrap();
    let milp = Optimizer::new(&s, r)
        .unwrap()
        .method(Method::Milp)
        .optimize(4, None)
        .unwrap();
    let mut uses: HashMap<String, usize> = HashMap::new();
    for (a, b) in got.iter().zip(&milp) {
        assert!((a.projection - b.projection).abs() < 1e-6);
        let mut count: HashMap<&str, usize> = HashMap::new();
        for p in &a.players {
            *count.entry(p.team.as_str()).or_default() += 1;
        }
        for (team, c) in count {
            if c >= 3 {
                *uses.entry(team.to_owned()).or_default() += 1;
            }
        }
    }
    // Half of 4 lineups: at most two meet the stack with any one team.
    assert!(uses.values().all(|&u| u <= 2), "{uses:?}");
}

#[test]
fn stack_caps_are_checked_and_named_when_they_run_out() {
    let s = slate("dk_nfl");
    for (json, message) in [
        (r#""max_exposure": 1.5"#, "max_exposure 1.5"),
        (r#""max_exposure_per_team": {"XYZ": 0.5}"#, "XYZ"),
    ] {
        let r = rules(&format!(r#"{{"stacks": [{{{STACK}, {json}}}]}}"#));
        let e = optimize(&s, 2, &r, None).unwrap_err();
        assert!(e.to_string().contains(message), "{e}");
    }
    // Only two teams may stack, each in at most one of ten lineups: two lineups exist.
    let r = rules(&format!(
        r#"{{"stacks": [{{{STACK}, "teams": ["HOU", "MIN"], "max_exposure": 0.1}}]}}"#
    ));
    let got = Optimizer::new(&s, r.clone())
        .unwrap()
        .optimize_up_to(10, None)
        .unwrap();
    assert_eq!(got.len(), 2);
    let e = optimize(&s, 10, &r, None).unwrap_err();
    assert!(e.to_string().contains("stacks[0] max_exposure"), "{e}");
}
