//! Contest simulation and choice by return: the simulator against a plain reference of its
//! documented model, prize tables and tie splits, the field's validity and ownership, the
//! greedy's marginal profits adding up to the set's profit under exposure caps, determinism
//! across thread counts, and the refusals.

use edgekit::lineup::*;

mod common;
use common::{assert_valid, slate};

/// Projected ownership (percent) concentrated the way real ownership is, on players who score
/// much and cheaply: within each position, shares rise with projection³ / salary, and each position's
/// shares sum to the roster spots it usually takes. Players projected at zero are owned by
/// nobody.
fn with_ownership(mut s: Slate) -> Slate {
    let spots: Vec<(&str, f64)> = match (s.roster.sport, s.roster.contest) {
        (_, Contest::Showdown) => vec![("CPT", 1.0), ("FLEX", 5.0)],
        (Sport::Nfl, _) => vec![
            ("QB", 1.0),
            ("RB", 2.5),
            ("WR", 3.5),
            ("TE", 1.0),
            ("DST", 1.0),
            ("D", 1.0),
        ],
        _ => Vec::new(),
    };
    let value = |p: &Player| {
        if p.projection > 0.0 {
            p.projection.powi(3) / f64::from(p.salary.max(1))
        } else {
            0.0
        }
    };
    let group = |p: &Player| -> String {
        match &p.roster_slot {
            Some(slot) => slot.clone(),
            None => p.positions[0].clone(),
        }
    };
    let mut totals: std::collections::HashMap<String, f64> = Default::default();
    for p in &s.players {
        *totals.entry(group(p)).or_default() += value(p);
    }
    let slots = s.roster.slots.len() as f64;
    let groups = totals.len() as f64;
    let players = s.players.clone();
    for (p, orig) in s.players.iter_mut().zip(&players) {
        let g = group(orig);
        let share = spots
            .iter()
            .find(|(pos, _)| *pos == g)
            .map_or(slots / groups, |x| x.1);
        let total = totals[&g];
        p.extra.ownership = Some(if total > 0.0 {
            (100.0 * share * value(orig) / total).min(80.0)
        } else {
            0.0
        });
    }
    s
}

fn gpp(field_size: usize, fee: f64) -> ContestSpec {
    // A top-heavy table paying about the top 22 % (DraftKings' usual shape).
    let paid = field_size * 22 / 100;
    let pool = field_size as f64 * fee * 0.85;
    let mut ranges = Vec::new();
    let mut first = 1;
    let mut left = pool;
    let min_cash = 2.0 * fee;
    let flat = min_cash * (paid as f64 * 0.6);
    left -= flat;
    let top = paid - (paid as f64 * 0.6) as usize;
    for k in 1..=top {
        let prize = (left * 0.25 / (k as f64).powf(1.1)).max(min_cash);
        ranges.push(PrizeRange {
            first,
            last: first,
            prize: (prize * 100.0).round() / 100.0,
        });
        first += 1;
        let _ = k;
    }
    ranges.push(PrizeRange {
        first,
        last: paid,
        prize: min_cash,
    });
    ContestSpec::new(field_size, fee, 150, ranges).unwrap()
}

/// 150 lineups by ROI from 5,000 candidates, a 10,000-entry field, 10,000 simulated slates
/// (the speed target; run in release with `--ignored --nocapture`).
#[test]
#[ignore]
fn speed_probe() {
    let s = with_ownership(slate("dk_nfl"));
    let contest = gpp(10_150, 20.0);
    let t = std::time::Instant::now();
    let pool = candidate_pool(&s, &Rules::default(), 5000).unwrap();
    eprintln!("pool {} in {:?}", pool.len(), t.elapsed());
    let options = ContestOptions {
        simulations: 10_000,
        ..Default::default()
    };
    let r = select_by_roi(&s, &contest, &pool, 150, &Rules::default(), 1, &options).unwrap();
    eprintln!("pool and choice in {:?}: {:?}", t.elapsed(), r.portfolio);
    eprintln!(
        "field {:?}",
        (
            r.field.mean_projection,
            r.field.optimal_projection,
            r.field.mean_salary,
            r.field.stacked_share,
            r.field.duplicate_share,
            r.field.ownership_gap
        )
    );
}

fn small_contest() -> ContestSpec {
    ContestSpec::from_payout_csv(
        "place,prize\n1,200\n2,100\n3,60\n4-5,30\n6th - 12th,15\n",
        60,
        10.0,
        20,
    )
    .unwrap()
}

/// A plain reference of the documented model, written here from the docs: its own random
/// numbers, the same field (drawn by `sample_field` with the same seed), every entry scored,
/// ranked and paid with ties split. The mean prize of each of our lineups must agree with
/// `simulate_contest` within Monte Carlo error.
#[test]
fn simulator_matches_a_plain_reference() {
    let s = with_ownership(slate("dk_showdown"));
    let contest = small_contest();
    let lineups = optimize(&s, 3, &Rules::default(), None).unwrap();
    let sims = 4_000;
    let options = ContestOptions {
        simulations: sims,
        ..Default::default()
    };
    let ours = simulate_contest(&s, &contest, &lineups, 11, &options).unwrap();
    let field = sample_field(&s, &options.field, 57, 11).unwrap().lineups;
    assert_eq!(ours.field.entries, 57);

    // The model: persons by (name, team); z = √t·team + √s·passing + √g·game + √(1−…)·own,
    // a defense loading −1 on the opposing team's script and the game.
    let m = &options.outcomes;
    let mut persons: Vec<(String, String)> = Vec::new();
    let person_of: Vec<usize> = s
        .players
        .iter()
        .map(|p| {
            let key = (p.name.clone(), p.team.clone());
            match persons.iter().position(|k| *k == key) {
                Some(i) => i,
                None => {
                    persons.push(key);
                    persons.len() - 1
                }
            }
        })
        .collect();
    let first_row: Vec<usize> = (0..persons.len())
        .map(|q| person_of.iter().position(|&x| x == q).unwrap())
        .collect();
    let teams: Vec<String> = {
        let mut t: Vec<String> = s.players.iter().map(|p| p.team.clone()).collect();
        t.sort();
        t.dedup();
        t
    };
    assert_eq!(teams.len(), 2);
    let team = |name: &str| teams.iter().position(|t| t == name).unwrap();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut uniform = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        ((state >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    };
    let mut normal = move || {
        let (u, v) = (uniform(), uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    };
    let entries: Vec<&Lineup> = field.iter().chain(&lineups).collect();
    let mut paid = vec![0.0; lineups.len()];
    let mut points = vec![0.0; persons.len()];
    for _ in 0..sims {
        let team_f = [normal(), normal()];
        let pass_f = [normal(), normal()];
        let game_f = normal();
        for (q, &row) in first_row.iter().enumerate() {
            let p = &s.players[row];
            let own = team(&p.team);
            let defense = p.positions.iter().any(|x| x == "DST");
            let passing = !defense
                && p.positions
                    .iter()
                    .any(|x| ["QB", "WR", "TE"].contains(&x.as_str()));
            let shared = m.team_correlation
                + m.game_correlation
                + if passing { m.stack_correlation } else { 0.0 };
            let mut z = (1.0 - shared).sqrt() * normal();
            if defense {
                z -= m.team_correlation.sqrt() * team_f[1 - own]
                    + m.game_correlation.sqrt() * game_f;
            } else {
                z += m.team_correlation.sqrt() * team_f[own] + m.game_correlation.sqrt() * game_f;
                if passing {
                    z += m.stack_correlation.sqrt() * pass_f[own];
                }
            }
            points[q] = p.projection + m.default_std * p.projection.abs() * z;
        }
        let score: Vec<f64> = entries
            .iter()
            .map(|l| {
                l.players
                    .iter()
                    .map(|pl| {
                        let multiplier = if pl.slot == "CPT" { 1.5 } else { 1.0 };
                        multiplier * points[person_of[pl.row]]
                    })
                    .sum()
            })
            .collect();
        for (k, slot) in paid.iter_mut().enumerate() {
            let x = score[field.len() + k];
            let ahead = score.iter().filter(|&&y| y > x + 1e-9).count();
            let level = score.iter().filter(|&&y| (y - x).abs() <= 1e-9).count();
            let places: f64 = (ahead + 1..=ahead + level)
                .map(|place| match place {
                    1 => 200.0,
                    2 => 100.0,
                    3 => 60.0,
                    4 | 5 => 30.0,
                    6..=12 => 15.0,
                    _ => 0.0,
                })
                .sum();
            *slot += places / level as f64;
        }
    }
    for (k, e) in ours.entries.iter().enumerate() {
        let reference = paid[k] / sims as f64;
        let error = 4.0 * (2.0f64).sqrt() * e.stats.payout_std_error;
        assert!(
            (e.stats.expected_payout - reference).abs() <= error,
            "lineup {k}: simulator {} vs reference {reference} (allowed {error})",
            e.stats.expected_payout
        );
    }
}

#[test]
fn prize_table_reading_and_tie_splitting() {
    let c = ContestSpec::from_payout_csv(
        "Rank From,Rank To,Payout\n1,1,\"$1,000\"\n2,3,$250.50\n4,10,20\n",
        1_000,
        5.0,
        150,
    )
    .unwrap();
    assert_eq!(c.paid_places(), 10);
    assert_eq!(c.prize_pool(), 1_000.0 + 501.0 + 140.0);
    // Ties share the places they occupy, so a tied group is paid what its places pay.
    for above in 0..12 {
        for tied in 0..6 {
            let group = c.prize_for(above, tied) * (tied + 1) as f64;
            let places: f64 = (above..above + tied + 1).map(|p| c.prize_for(p, 0)).sum();
            assert!((group - places).abs() < 1e-9, "{above} {tied}");
        }
    }
    let err = |text: &str| {
        ContestSpec::from_payout_csv(text, 100, 5.0, 10)
            .unwrap_err()
            .to_string()
    };
    assert!(err("place,prize\n1,10\n1-2,5\n").contains("payouts[1]"));
    assert!(err("place,prize\n1-200,1\n").contains("within a field of 100"));
    assert!(err("place,prize\n1,-5\n").contains("prize"));
    assert!(err("place,prize\nfirst,5\n").contains("line 2"));
    assert!(err("rank\n1\n").contains("prize"));
    assert!(ContestSpec::new(100, f64::NAN, 10, Vec::new()).is_err());
    assert!(ContestSpec::new(100, 5.0, 101, Vec::new()).is_err());
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(ContestSpec::from_json(&json).unwrap(), c);
}

/// When the user holds every entry, the set wins the whole prize pool in every simulation.
#[test]
fn a_contest_of_our_own_entries_pays_the_pool() {
    let s = with_ownership(slate("dk_showdown"));
    let contest =
        ContestSpec::from_payout_csv("place,prize\n1,50\n2,30\n3,20\n", 4, 40.0, 4).unwrap();
    let lineups = optimize(&s, 4, &Rules::default(), None).unwrap();
    let options = ContestOptions {
        simulations: 300,
        ..Default::default()
    };
    let r = simulate_contest(&s, &contest, &lineups, 3, &options).unwrap();
    assert_eq!(r.field.entries, 0);
    assert!((r.portfolio.expected_payout - 100.0).abs() < 1e-9);
    assert!((r.portfolio.expected_profit + 60.0).abs() < 1e-9);
    assert_eq!(r.portfolio.profit_std_error, 0.0);
    assert_eq!(r.portfolio.win_rate, 1.0);
    let wins: f64 = r.entries.iter().map(|e| e.stats.win_rate).sum();
    assert!((wins - 1.0).abs() < 1e-9);
}

#[test]
fn the_field_is_valid_salary_heavy_stacked_and_owned_as_projected() {
    let s = with_ownership(slate("dk_nfl"));
    let model = FieldModel::default();
    let sample = sample_field(&s, &model, 600, 5).unwrap();
    let (field, summary) = (sample.lineups, sample.summary);
    assert_eq!(field.len(), 600);
    let optimal = optimize(&s, 1, &Rules::default(), None).unwrap()[0].projection;
    assert!((summary.optimal_projection - optimal).abs() < 1e-9);
    for l in &field {
        assert_valid(&s, l);
        assert!(l.salary >= 49_000, "salary {}", l.salary);
        assert!(l.projection >= 0.75 * optimal * (1.0 - 0.25) - 1e-9);
    }
    let stacked = field
        .iter()
        .filter(|l| {
            l.players.iter().any(|qb| {
                qb.position == "QB"
                    && l.players
                        .iter()
                        .any(|p| p.team == qb.team && (p.position == "WR" || p.position == "TE"))
            })
        })
        .count() as f64
        / field.len() as f64;
    assert!(
        stacked >= summary.stacked_share - 1e-9,
        "{stacked} {}",
        summary.stacked_share
    );
    assert!(
        (summary.stacked_share - 0.7).abs() < 0.1,
        "{}",
        summary.stacked_share
    );
    let raw = FieldModel {
        calibration_rounds: 0,
        ..FieldModel::default()
    };
    let calibrated = sample_field(&s, &model, 3_000, 5).unwrap().summary;
    let uncalibrated = sample_field(&s, &raw, 3_000, 5).unwrap().summary;
    assert!(
        calibrated.ownership_gap < uncalibrated.ownership_gap,
        "calibrated {} vs raw {}",
        calibrated.ownership_gap,
        uncalibrated.ownership_gap
    );
    // Seeded.
    assert_eq!(
        sample_field(&s, &model, 50, 9).unwrap(),
        sample_field(&s, &model, 50, 9).unwrap()
    );
}

#[test]
fn choice_by_roi_adds_up_and_keeps_the_rules() {
    let s = with_ownership(slate("dk_nba"));
    let contest = ContestSpec::from_payout_csv(
        "place,prize\n1,500\n2,250\n3,120\n4-10,40\n11-60,12\n",
        300,
        5.0,
        20,
    )
    .unwrap();
    let rules = Rules {
        max_exposure: Some(0.5),
        ..Rules::default()
    };
    // A pool with a set that keeps the exposure cap (the optimizer's own 8 under it).
    let mut pool = candidate_pool(&s, &Rules::default(), 300).unwrap();
    pool.extend(
        optimize(&s, 8, &rules, None)
            .unwrap()
            .into_iter()
            .filter(|l| !pool.contains(l))
            .collect::<Vec<_>>(),
    );
    let options = ContestOptions {
        simulations: 400,
        ..Default::default()
    };
    let r = select_by_roi(&s, &contest, &pool, 8, &rules, 2, &options).unwrap();
    assert_eq!(r.entries.len(), 8);
    let marginal: f64 = r.entries.iter().map(|e| e.marginal_profit.unwrap()).sum();
    assert!(
        (marginal - r.portfolio.expected_profit).abs()
            < 1e-6 * r.portfolio.expected_profit.abs().max(1.0),
        "{marginal} vs {}",
        r.portfolio.expected_profit
    );
    let mut count = std::collections::HashMap::new();
    for e in &r.entries {
        for p in &e.lineup.players {
            *count.entry(p.id.clone()).or_insert(0) += 1;
        }
    }
    assert!(count.values().all(|&c| c <= 4), "{count:?}");
    // The first pick is the best single entry.
    let single = select_by_roi(&s, &contest, &pool, 1, &Rules::default(), 2, &options).unwrap();
    assert_eq!(single.entries[0].lineup, r.entries[0].lineup);
    let best_alone = pool
        .iter()
        .take(40)
        .map(|l| {
            simulate_contest(&s, &contest, std::slice::from_ref(l), 2, &options)
                .unwrap()
                .portfolio
                .expected_profit
        })
        .fold(f64::NEG_INFINITY, f64::max);
    assert!(single.portfolio.expected_profit >= best_alone - 1e-9);
    // Seeded and independent of the thread count.
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let again =
        one_thread.install(|| select_by_roi(&s, &contest, &pool, 8, &rules, 2, &options).unwrap());
    assert_eq!(again, r);
}

#[test]
fn contest_calls_refuse_what_they_cannot_do() {
    let plain = slate("dk_showdown");
    let contest = small_contest();
    let lineups = optimize(&plain, 2, &Rules::default(), None).unwrap();
    let options = ContestOptions {
        simulations: 50,
        ..Default::default()
    };
    let e = simulate_contest(&plain, &contest, &lineups, 1, &options).unwrap_err();
    assert!(e.to_string().contains("ownership"), "{e}");
    let s = with_ownership(plain);
    let other = slate("dk_nba");
    let foreign = optimize(&other, 1, &Rules::default(), None).unwrap();
    let e = simulate_contest(&s, &contest, &foreign, 1, &options).unwrap_err();
    assert!(e.to_string().contains("lineups[0]"), "{e}");
    let many = optimize(&s, 21, &Rules::default(), None).unwrap();
    let e = simulate_contest(&s, &contest, &many, 1, &options).unwrap_err();
    assert!(matches!(e, LineupError::Limit(_)), "{e}");
    let zero = ContestOptions {
        simulations: 0,
        ..Default::default()
    };
    assert!(matches!(
        simulate_contest(&s, &contest, &lineups, 1, &zero),
        Err(LineupError::Limit(_))
    ));
    let huge = ContestOptions {
        simulations: 1_000_000,
        ..Default::default()
    };
    let big = ContestSpec::new(2_000_000, 1.0, 150, Vec::new()).unwrap();
    assert!(matches!(
        simulate_contest(&s, &big, &lineups, 1, &huge),
        Err(LineupError::Limit(_))
    ));
    let bad = ContestOptions {
        outcomes: OutcomeModel {
            team_correlation: 0.9,
            stack_correlation: 0.5,
            ..Default::default()
        },
        ..options.clone()
    };
    assert!(
        simulate_contest(&s, &contest, &lineups, 1, &bad)
            .unwrap_err()
            .to_string()
            .contains("sum")
    );
    let r = contest_portfolio(&s, &contest, 3, &Rules::default(), 4, &options).unwrap();
    assert_eq!(r.entries.len(), 3);
    assert!(r.candidates >= 3);
}

/// The vector the Python and Node faces are held to (tests/vectors/lineup_contest.json):
/// inputs (each row's ownership, the contest, the lineups by ID, seed, options) and this
/// face's results. Rewrite with `EDGEKIT_WRITE_VECTORS=1`.
#[test]
fn the_shared_contest_vector_holds() {
    let s = with_ownership(slate("dk_showdown"));
    let contest = small_contest();
    let lineups = optimize(&s, 3, &Rules::default(), None).unwrap();
    let options = ContestOptions {
        simulations: 500,
        ..Default::default()
    };
    let result = simulate_contest(&s, &contest, &lineups, 21, &options).unwrap();
    let chosen = select_by_roi(
        &s,
        &contest,
        &optimize(&s, 40, &Rules::default(), None).unwrap(),
        4,
        &Rules::default(),
        21,
        &options,
    )
    .unwrap();
    let vector = serde_json::json!({
        "provenance": "edgekit core (core/tests/lineup_contest.rs, the_shared_contest_vector_holds); the simulator itself is checked against a plain reference in simulator_matches_a_plain_reference",
        "slate": "dk_nfl_showdown_2019-01-05_IND@HOU_draftfast.csv",
        "ownership": s.players.iter().map(|p| (p.id.clone(), p.extra.ownership.unwrap())).collect::<std::collections::BTreeMap<_, _>>(),
        "contest": contest,
        "lineups": lineups.iter().map(|l| l.player_ids()).collect::<Vec<_>>(),
        "seed": 21,
        "simulations": 500,
        "simulate": {
            "entries": result.entries.iter().map(|e| &e.stats).collect::<Vec<_>>(),
            "portfolio": result.portfolio,
            "field_mean_salary": result.field.mean_salary,
            "field_mean_projection": result.field.mean_projection,
        },
        "select": {
            "candidates": 40,
            "n": 4,
            "lineups": chosen.entries.iter().map(|e| e.lineup.player_ids()).collect::<Vec<_>>(),
            "marginal_profit": chosen.entries.iter().map(|e| e.marginal_profit.unwrap()).collect::<Vec<_>>(),
            "expected_profit": chosen.portfolio.expected_profit,
        },
    });
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors/lineup_contest.json");
    if std::env::var_os("EDGEKIT_WRITE_VECTORS").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&vector).unwrap() + "\n").unwrap();
    }
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(recorded, vector);
}
