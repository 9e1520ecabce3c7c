//! patterns speed: every candle pattern edgekit has on 10^6 bars (target: ≤ 0.6× TA-Lib's
//! time for the same patterns), ENGULFING alone (≤ 10 ms), and the indicators.

use criterion::{Criterion, criterion_group, criterion_main};
use edgekit::patterns::games::{
    Filter, GameLog, Market, MineOptions, WalkForwardOptions, mine, team_rows, walk_forward,
};
use edgekit::patterns::{Bars, CandleSettings, EmaSeed, atr, candle, candles, ema, rsi};
use edgekit_benches::walk_bars;

fn bench_patterns(c: &mut Criterion) {
    let [o, h, l, cl] = walk_bars(1_000_000, 7);
    let bars = Bars::new(&o, &h, &l, &cl, None).unwrap();
    let settings = CandleSettings::default();
    let mut group = c.benchmark_group("patterns");
    group.sample_size(10);
    group.bench_function("all_candles_1e6", |bench| {
        bench.iter(|| candles(bars, None, &settings).unwrap())
    });
    group.bench_function("engulfing_1e6", |bench| {
        bench.iter(|| candle("ENGULFING", bars, &settings).unwrap())
    });
    group.bench_function("bars_validation_1e6", |bench| {
        bench.iter(|| Bars::new(&o, &h, &l, &cl, None).unwrap())
    });
    group.bench_function("ema_atr_rsi_1e6", |bench| {
        bench.iter(|| {
            (
                ema(&cl, 20, EmaSeed::Sma).unwrap(),
                atr(&h, &l, &cl, 14).unwrap(),
                rsi(&cl, 14).unwrap(),
            )
        })
    });
    group.finish();
}

/// A 200-filter search space over the NFL rows: every boolean field, and thresholds on the
/// numeric ones.
fn search_space() -> Vec<Filter> {
    let mut texts: Vec<String> = [
        "home",
        "away",
        "favorite",
        "underdog",
        "division_game",
        "conference_game",
        "playoff",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for field in [
        "line",
        "opp.rest_days",
        "rest_days",
        "su_streak",
        "ats_streak",
        "total",
        "prev_margin",
        "week",
    ] {
        for k in -12i32..=12 {
            if texts.len() < 200 {
                let op = if k < 0 { "<=" } else { ">=" };
                let value = match field {
                    "total" => 38 + k.abs(),
                    "rest_days" | "opp.rest_days" => 4 + k.abs(),
                    "week" => 1 + k.abs(),
                    _ => k,
                };
                let text = format!("{field} {op} {value}");
                if !texts.contains(&text) {
                    texts.push(text);
                }
            }
        }
    }
    texts.iter().map(|t| t.parse().unwrap()).collect()
}

fn bench_games(c: &mut Criterion) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data");
    let read = |f: &str| std::fs::read_to_string(root.join(f)).unwrap();
    let log =
        GameLog::from_spreadspoke(&read("spreadspoke_scores.csv"), &read("nfl_teams.csv")).unwrap();
    let rows = team_rows(&log);
    let space = search_space();
    let mut group = c.benchmark_group("games");
    group.sample_size(10);
    group.bench_function("load_and_rows", |bench| {
        let (scores, teams) = (read("spreadspoke_scores.csv"), read("nfl_teams.csv"));
        bench.iter(|| team_rows(&GameLog::from_spreadspoke(&scores, &teams).unwrap()))
    });
    let options = MineOptions {
        max_filters: 2,
        train: (1978, 2014),
        test: (2015, 2024),
        market: Market::Ats,
        odds: -110.0,
        min_games: 100,
    };
    group.bench_function(format!("mine_{}_filters_pairs", space.len()), |bench| {
        bench.iter(|| mine(&rows, &space, &options).unwrap())
    });
    let walk = WalkForwardOptions {
        max_filters: 2,
        train_from: 1978,
        test: (2015, 2024),
        market: Market::Ats,
        odds: -110.0,
        min_games: 100,
        q_max: 0.1,
    };
    group.bench_function(
        format!("walk_forward_{}_filters_10_seasons", space.len()),
        |bench| bench.iter(|| walk_forward(&rows, &space, &walk).unwrap()),
    );
    group.finish();
}

criterion_group!(benches, bench_patterns, bench_games);
criterion_main!(benches);
