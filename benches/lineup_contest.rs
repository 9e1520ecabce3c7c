//! Contest simulation and choice by return on the DraftKings NFL 2019 week-1 slate (issue 19's
//! target: 150 entries chosen from 5,000 candidates against a 10,000-entry simulated field over
//! 10,000 simulated slates in ≤ 10 s on 2 cores), plus a single-lineup simulation for the
//! throughput (lineup-simulations per second). Ownership is the stand-in of
//! examples/python/lineup_contest.py (projection³ / salary within each position); the prize
//! table is examples/data/lineup/dk_gpp_payouts_illustrative.csv.

use std::collections::HashMap;

use criterion::{Criterion, criterion_group, criterion_main};
use edgekit::lineup::{
    ContestOptions, ContestSpec, Rules, Site, Slate, Sport, candidate_pool, select_by_roi,
    simulate_contest,
};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/lineup/");

fn owned_slate() -> Slate {
    let path = format!("{DATA}dk_nfl_classic_2019wk1_seenahuang.csv");
    let mut slate =
        Slate::from_csv_path(path, Site::DraftKings, Sport::Nfl, None).expect("bundled slate");
    let spots = HashMap::from([
        ("QB", 1.0),
        ("RB", 2.5),
        ("WR", 3.5),
        ("TE", 1.0),
        ("DST", 1.0),
    ]);
    let weight = |p: &edgekit::lineup::Player| {
        if p.projection > 0.0 {
            p.projection.powi(3) / f64::from(p.salary)
        } else {
            0.0
        }
    };
    let mut totals: HashMap<String, f64> = HashMap::new();
    for p in &slate.players {
        *totals.entry(p.positions[0].clone()).or_default() += weight(p);
    }
    let weights: Vec<f64> = slate.players.iter().map(weight).collect();
    for (p, w) in slate.players.iter_mut().zip(weights) {
        let total = totals[&p.positions[0]];
        let share = spots.get(p.positions[0].as_str()).copied().unwrap_or(1.0);
        p.extra.ownership = Some(if total > 0.0 {
            (100.0 * share * w / total).min(80.0)
        } else {
            0.0
        });
    }
    slate
}

fn bench(c: &mut Criterion) {
    let slate = owned_slate();
    let table = std::fs::read_to_string(format!("{DATA}dk_gpp_payouts_illustrative.csv"))
        .expect("bundled prize table");
    let contest = ContestSpec::from_payout_csv(&table, 10_150, 20.0, 150).expect("prize table");
    let pool = candidate_pool(&slate, &Rules::default(), 5_000).expect("pool");
    let options = ContestOptions {
        simulations: 10_000,
        ..Default::default()
    };
    let mut group = c.benchmark_group("lineup_contest_dk_nfl_2019wk1");
    group.sample_size(10);
    group.bench_function("pool of 5,000 candidates", |b| {
        b.iter(|| candidate_pool(&slate, &Rules::default(), 5_000).unwrap())
    });
    group.bench_function("150 by ROI of 5,000, field 10,000, 10,000 slates", |b| {
        b.iter(|| {
            select_by_roi(&slate, &contest, &pool, 150, &Rules::default(), 1, &options).unwrap()
        })
    });
    group.bench_function("simulate 150 lineups, field 10,000, 10,000 slates", |b| {
        b.iter(|| simulate_contest(&slate, &contest, &pool[..150], 1, &options).unwrap())
    });
    let correlated = ContestOptions {
        outcomes: serde_json::from_str(
            r#"{"position_correlations": [
                {"a": "QB", "b": "WR", "value": 0.55}, {"a": "QB", "b": "TE", "value": 0.4},
                {"a": "QB", "b": "RB", "value": 0.1}, {"a": "RB", "b": "DST", "value": 0.2},
                {"a": "QB", "b": "QB", "opponent": true, "value": 0.25},
                {"a": "WR", "b": "WR", "opponent": true, "value": 0.15},
                {"a": "DST", "b": "QB", "opponent": true, "value": -0.5},
                {"a": "DST", "b": "WR", "opponent": true, "value": -0.3}]}"#,
        )
        .expect("outcome model"),
        ..options.clone()
    };
    group.bench_function(
        "simulate 150 lineups, field 10,000, 10,000 slates, position correlations",
        |b| b.iter(|| simulate_contest(&slate, &contest, &pool[..150], 1, &correlated).unwrap()),
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
