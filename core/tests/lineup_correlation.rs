//! User correlations of simulated points: the factor model's documented correlations, position
//! and player rules replacing them pair by pair, the repair of a matrix that is not one, the
//! simulated spread of a lineup's points equal to what the matrix implies, and the refusals.

use edgekit::lineup::*;

mod common;
use common::slate;

/// A team's players at a position, best projected first.
fn at(s: &Slate, team: &str, position: &str) -> Vec<String> {
    let mut rows: Vec<&Player> = s
        .players
        .iter()
        .filter(|p| p.team == team && p.positions[0] == position)
        .collect();
    rows.sort_by(|a, b| b.projection.total_cmp(&a.projection));
    rows.into_iter().map(|p| p.id.clone()).collect()
}

fn opponent(s: &Slate, team: &str) -> String {
    let p = s.players.iter().find(|p| p.team == team).unwrap();
    p.opponent.clone().unwrap()
}

fn position(a: &str, b: &str, opponent: bool, value: f64) -> PositionCorrelation {
    PositionCorrelation {
        a: a.into(),
        b: b.into(),
        opponent,
        value,
    }
}

fn pair(a: &str, b: &str, value: f64) -> PlayerCorrelation {
    PlayerCorrelation {
        a: a.into(),
        b: b.into(),
        value,
    }
}

#[test]
fn the_factor_model_implies_its_documented_correlations() {
    let s = slate("fd_nfl");
    let team = "NE";
    let opp = opponent(&s, team);
    let players = vec![
        at(&s, team, "QB")[0].clone(),
        at(&s, team, "WR")[0].clone(),
        at(&s, team, "RB")[0].clone(),
        at(&s, &opp, "QB")[0].clone(),
        at(&s, &opp, "D")[0].clone(),
    ];
    let m = OutcomeModel::default();
    let c = outcome_correlations(&s, &players, &m).unwrap();
    let (t, st, g) = (m.team_correlation, m.stack_correlation, m.game_correlation);
    let expected = [
        (0, 1, t + st + g), // QB and his receiver: team script, passing game, pace
        (0, 2, t + g),      // QB and his running back: team script and pace
        (0, 3, g),          // the two QBs: the game's pace
        (0, 4, -(t + g)),   // a defense against the quarterback it faces
        (1, 2, t + g),
    ];
    for (i, j, value) in expected {
        assert!(
            (c.correlations[i][j] - value).abs() < 1e-12,
            "{i} {j}: {} vs {value}",
            c.correlations[i][j]
        );
        assert_eq!(c.correlations[i][j], c.correlations[j][i]);
    }
    assert!((0..5).all(|i| c.correlations[i][i] == 1.0));
    assert_eq!(c.largest_repair, 0.0);
}

#[test]
fn position_and_player_rules_replace_the_model_pair_by_pair() {
    let s = slate("fd_nfl");
    let team = "NE";
    let opp = opponent(&s, team);
    let (qb, wr, rb) = (
        at(&s, team, "QB")[0].clone(),
        at(&s, team, "WR")[0].clone(),
        at(&s, team, "RB")[0].clone(),
    );
    let (opp_qb, te) = (at(&s, &opp, "QB")[0].clone(), at(&s, team, "TE")[0].clone());
    let name_of_rb = s.players.iter().find(|p| p.id == rb).unwrap().name.clone();
    let m = OutcomeModel {
        position_correlations: vec![
            position("QB", "WR", false, 0.2),
            position("WR", "QB", false, 0.5), // later entries win, either order of a and b
            position("QB", "QB", true, 0.25),
        ],
        player_correlations: vec![pair(&qb, &name_of_rb, 0.3)],
        ..OutcomeModel::default()
    };
    let players = vec![qb, wr, rb, opp_qb, te];
    let c = outcome_correlations(&s, &players, &m).unwrap();
    // Rules written pair by pair can leave the slate's matrix slightly invalid; no pair moves
    // by more than the repair reports.
    assert!(c.largest_repair < 0.05, "{}", c.largest_repair);
    let close =
        |i: usize, j: usize, v: f64| (c.correlations[i][j] - v).abs() <= c.largest_repair + 1e-9;
    assert!(close(0, 1, 0.5), "{:?}", c.correlations);
    assert!(close(0, 2, 0.3));
    assert!(close(0, 3, 0.25));
    // No rule for QB–TE: the model's team script and passing game.
    assert!(close(
        0,
        4,
        m.team_correlation + m.stack_correlation + m.game_correlation
    ));
}

#[test]
fn a_matrix_that_is_not_a_correlation_matrix_is_repaired_and_the_change_reported() {
    let s = slate("fd_nfl");
    let wr = at(&s, "NE", "WR");
    let m = OutcomeModel {
        player_correlations: vec![
            pair(&wr[0], &wr[1], 0.95),
            pair(&wr[1], &wr[2], 0.95),
            pair(&wr[0], &wr[2], -0.95),
        ],
        ..OutcomeModel::default()
    };
    let c = outcome_correlations(&s, &wr[..3], &m).unwrap();
    assert!(c.largest_repair > 0.1, "{}", c.largest_repair);
    let r = &c.correlations;
    assert!((0..3).all(|i| (r[i][i] - 1.0).abs() < 1e-12));
    // A 3×3 correlation matrix is valid when its determinant is not negative.
    let det = 1.0 + 2.0 * r[0][1] * r[1][2] * r[0][2]
        - r[0][1].powi(2)
        - r[1][2].powi(2)
        - r[0][2].powi(2);
    assert!(det > -1e-9, "{det}");
    // The repair moves the pairs toward each other, not past.
    assert!(r[0][1] < 0.95 && r[0][2] > -0.95);
}

/// Standard deviation of a lineup's points implied by the simulator's correlations.
fn implied_std(s: &Slate, lineup: &Lineup, model: &OutcomeModel) -> f64 {
    let ids: Vec<String> = lineup.players.iter().map(|p| p.id.clone()).collect();
    let sd: Vec<f64> = lineup
        .players
        .iter()
        .map(|p| model.default_std * s.players[p.row].projection.abs())
        .collect();
    let c = outcome_correlations(s, &ids, model).unwrap();
    let mut variance = 0.0;
    for i in 0..ids.len() {
        for j in 0..ids.len() {
            variance += sd[i] * sd[j] * c.correlations[i][j];
        }
    }
    variance.sqrt()
}

#[test]
fn a_lineups_simulated_spread_is_what_the_matrix_implies() {
    let mut s = slate("fd_nfl");
    for p in &mut s.players {
        p.extra.ownership = Some(p.projection.max(0.0));
    }
    let rules: Rules = serde_json::from_str(
        r#"{"stacks": [{"type": "positions", "positions": ["QB", "WR", "WR"]}]}"#,
    )
    .unwrap();
    let lineup = optimize(&s, 1, &rules, None).unwrap().remove(0);
    let contest = ContestSpec::new(
        200,
        10.0,
        1,
        vec![PrizeRange {
            first: 1,
            last: 40,
            prize: 40.0,
        }],
    )
    .unwrap();
    let simulations = 20_000;
    let strong = OutcomeModel {
        position_correlations: vec![
            position("QB", "WR", false, 0.85),
            position("WR", "WR", false, 0.6),
            position("QB", "RB", false, 0.5),
            position("WR", "RB", false, 0.5),
        ],
        ..OutcomeModel::default()
    };
    let mut spreads = Vec::new();
    for model in [OutcomeModel::default(), strong] {
        let options = ContestOptions {
            simulations,
            outcomes: model.clone(),
            ..ContestOptions::default()
        };
        let r = simulate_contest(&s, &contest, std::slice::from_ref(&lineup), 3, &options).unwrap();
        let stats = &r.entries[0].stats;
        let expected = implied_std(&s, &lineup, &model);
        // The sample standard deviation's own error is about σ/√(2N).
        let tolerance = 4.0 * expected / (2.0 * simulations as f64).sqrt();
        assert!(
            (stats.std_score - expected).abs() < tolerance,
            "simulated {} vs implied {expected} ± {tolerance}",
            stats.std_score
        );
        let mean_tolerance = 4.0 * expected / (simulations as f64).sqrt();
        assert!((stats.mean_score - lineup.projection).abs() < mean_tolerance);
        spreads.push(stats.std_score);
    }
    assert!(spreads[1] > spreads[0] * 1.05, "{spreads:?}");
}

#[test]
fn bad_correlations_are_named() {
    let s = slate("fd_nfl");
    let qb = at(&s, "NE", "QB")[0].clone();
    let message = |m: OutcomeModel| {
        outcome_correlations(&s, std::slice::from_ref(&qb), &m)
            .unwrap_err()
            .to_string()
    };
    let with_pairs = |pairs| OutcomeModel {
        player_correlations: pairs,
        ..OutcomeModel::default()
    };
    let e = message(with_pairs(vec![pair(&qb, "Nobody Atall", 0.2)]));
    assert!(
        e.contains("player_correlations[0]") && e.contains("Nobody Atall"),
        "{e}"
    );
    let e = message(with_pairs(vec![pair(&qb, &qb, 0.2)]));
    assert!(e.contains("same player"), "{e}");
    let e = message(with_pairs(vec![pair(&qb, &at(&s, "NE", "WR")[0], 1.5)]));
    assert!(e.contains("[-1, 1]"), "{e}");
    let e = message(OutcomeModel {
        position_correlations: vec![position("QB", "PG", false, 0.2)],
        ..OutcomeModel::default()
    });
    assert!(
        e.contains("position_correlations[0]") && e.contains("PG"),
        "{e}"
    );
    let e = outcome_correlations(&s, &["Nobody Atall".to_string()], &OutcomeModel::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("Nobody Atall"), "{e}");
    assert!(outcome_correlations(&s, &[], &OutcomeModel::default()).is_err());
}

/// The vector the Python and Node faces are held to (tests/vectors/lineup_correlation.json):
/// the contest of tests/vectors/lineup_contest.json simulated under user correlations, and
/// the correlations drawn between its first lineup's players. Rewrite with
/// `EDGEKIT_WRITE_VECTORS=1`.
#[test]
fn the_shared_correlation_vector_holds() {
    let vectors = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let contest_vector: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(vectors.join("lineup_contest.json")).unwrap(),
    )
    .unwrap();
    let mut s = slate("dk_showdown");
    for p in &mut s.players {
        p.extra.ownership = contest_vector["ownership"][&p.id].as_f64();
    }
    let contest: ContestSpec = serde_json::from_value(contest_vector["contest"].clone()).unwrap();
    let ids: Vec<Vec<String>> = serde_json::from_value(contest_vector["lineups"].clone()).unwrap();
    let lineups: Vec<Lineup> = optimize(&s, ids.len(), &Rules::default(), None).unwrap();
    assert_eq!(
        lineups.iter().map(|l| l.player_ids()).collect::<Vec<_>>(),
        ids
    );
    let players = ids[0].clone();
    let named = |id: &str| s.players.iter().find(|p| p.id == id).unwrap().name.clone();
    let model: OutcomeModel = serde_json::from_value(serde_json::json!({
        "position_correlations": [
            {"a": "QB", "b": "WR", "value": 0.6},
            {"a": "QB", "b": "TE", "value": 0.4},
            {"a": "QB", "b": "QB", "opponent": true, "value": 0.3},
            {"a": "DST", "b": "QB", "opponent": true, "value": -0.45},
        ],
        "player_correlations": [
            {"a": named(&players[1]), "b": players[2].clone(), "value": -0.2},
        ],
    }))
    .unwrap();
    let correlations = outcome_correlations(&s, &players, &model).unwrap();
    let options = ContestOptions {
        simulations: 500,
        outcomes: model.clone(),
        ..Default::default()
    };
    let result = simulate_contest(&s, &contest, &lineups, 21, &options).unwrap();
    let vector = serde_json::json!({
        "provenance": "edgekit core (core/tests/lineup_correlation.rs, the_shared_correlation_vector_holds); the slate, ownership, contest and lineups of lineup_contest.json. The simulated spread is checked against the matrix in a_lineups_simulated_spread_is_what_the_matrix_implies",
        "outcomes": model,
        "players": players,
        "correlations": correlations.correlations,
        "largest_repair": correlations.largest_repair,
        "seed": 21,
        "simulations": 500,
        "entries": result.entries.iter().map(|e| &e.stats).collect::<Vec<_>>(),
    });
    let path = vectors.join("lineup_correlation.json");
    if std::env::var_os("EDGEKIT_WRITE_VECTORS").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&vector).unwrap() + "\n").unwrap();
    }
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(recorded, vector);
}
