//! Exposure counted after each lineup and progressive projection bumps, against
//! pydfs-lineup-optimizer's recorded runs on the DraftKings NBA slate
//! (tests/vectors/lineup_pydfs_strategies.json) and against the MILP through the same loop.

use std::collections::HashMap;

use edgekit::lineup::*;

mod common;
use common::{assert_same_run, recorded, rules, slate, sorted_ids};

#[test]
fn after_each_exposure_matches_pydfs_and_spreads_players() {
    let s = slate("dk_nba");
    let r = rules(r#"{"max_exposure": 0.5, "exposure_strategy": "after_each"}"#);
    let run = assert_same_run(
        &s,
        &r,
        &recorded("lineup_pydfs_strategies.json", "after_each"),
    );
    // Before each lineup, nobody whose share so far reached the cap is in it.
    let mut used: HashMap<String, usize> = HashMap::new();
    for (k, l) in run.iter().enumerate() {
        for id in l.player_ids() {
            let share = used.get(id).map_or(0.0, |&u| u as f64 / k as f64);
            assert!(k == 0 || share < 0.5, "lineup {}: {id} at {share}", k + 1);
        }
        for id in l.player_ids() {
            *used.entry(id.to_owned()).or_default() += 1;
        }
    }
    // Not in decreasing projection, unlike the total strategy's run.
    assert!(run.windows(2).any(|w| w[1].projection > w[0].projection));
    let total = optimize(&s, run.len(), &rules(r#"{"max_exposure": 0.5}"#), None).unwrap();
    assert!(
        total
            .windows(2)
            .all(|w| w[1].projection <= w[0].projection + 1e-9)
    );
    assert_ne!(
        run.iter().map(sorted_ids).collect::<Vec<_>>(),
        total.iter().map(sorted_ids).collect::<Vec<_>>()
    );
    // "afterEach" (the Node spelling) is the same strategy; a cap of 1 never binds.
    let camel = rules(r#"{"max_exposure": 0.5, "exposure_strategy": "afterEach"}"#);
    assert_eq!(optimize(&s, 4, &camel, None).unwrap(), run[..4].to_vec());
    let free = optimize(&s, 4, &Rules::default(), None).unwrap();
    let one = rules(r#"{"max_exposure": 1.0, "exposure_strategy": "after_each"}"#);
    assert_eq!(optimize(&s, 4, &one, None).unwrap(), free);
}

#[test]
fn progressive_bumps_match_pydfs_and_report_real_projections() {
    let s = slate("dk_nba");
    let r = rules(r#"{"progressive": {"scale": 0.02}}"#);
    let run = assert_same_run(
        &s,
        &r,
        &recorded("lineup_pydfs_strategies.json", "progressive"),
    );
    for l in &run {
        let real: f64 = l.players.iter().map(|p| s.players[p.row].projection).sum();
        assert!((l.projection - real).abs() < 1e-6);
    }
    // Scale 0 is the plain k-best run; the default scale is pydfs' 0.01.
    let flat = optimize(&s, 5, &rules(r#"{"progressive": {"scale": 0}}"#), None).unwrap();
    assert_eq!(flat, optimize(&s, 5, &Rules::default(), None).unwrap());
    let default: Rules = rules(r#"{"progressive": {}}"#);
    assert_eq!(default.progressive.unwrap().scale, 0.01);
}

#[test]
fn strategy_rules_are_checked() {
    let s = slate("dk_nba");
    for (json, rule) in [
        (r#"{"progressive": {"scale": 2}}"#, "progressive.scale"),
        (r#"{"progressive": {"scale": -0.1}}"#, "progressive.scale"),
        (
            r#"{"progressive": {}, "randomness": {"mode": "std"}}"#,
            "progressive",
        ),
    ] {
        match Optimizer::new(&s, rules(json)) {
            Err(LineupError::Rule { rule: got, .. }) => assert_eq!(got, rule, "{json}"),
            other => panic!("{json}: {:?}", other.err()),
        }
    }
    assert!(serde_json::from_str::<Rules>(r#"{"exposure_strategy": "sometimes"}"#).is_err());
}
