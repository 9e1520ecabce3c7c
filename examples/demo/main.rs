//! The main job: runs edgekit's engines over the real data bundled in `examples/data` and prints
//! a readable report. Run with `cargo run --release -p edgekit-examples --bin demo`.

mod abtest;
mod data;
mod drift;
mod lineup;
mod ltp;
mod monitoring;
mod patterns;

use std::error::Error;
use std::time::Instant;

use edgekit::stats::{Describe, DescribeOptions, describe};

fn log_returns(prices: &[f64]) -> Vec<f64> {
    prices.windows(2).map(|w| (w[1] / w[0]).ln()).collect()
}

/// Six significant digits, switching to scientific notation for very large or small values.
fn sig(v: f64) -> String {
    if v == 0.0 {
        return "0".to_owned();
    }
    let magnitude = v.abs().log10().floor() as i32;
    if !(-4..6).contains(&magnitude) {
        format!("{v:.4e}")
    } else {
        format!("{v:.*}", (5 - magnitude) as usize)
    }
}

fn fmt(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_owned(), |v| format!("{v:.4}"))
}

fn row(label: &str, d: &Describe) {
    let q = |i: usize| d.quantiles[i].value;
    println!(
        "{label:<26} {:>5} {:>11} {:>11} {:>11} {:>11} {:>11} {:>11} {:>11} {:>8} {:>8}",
        d.count,
        sig(d.mean),
        d.std.map_or_else(|| "—".to_owned(), sig),
        sig(d.min),
        sig(q(0)),
        sig(q(1)),
        sig(q(2)),
        sig(d.max),
        fmt(d.skewness),
        fmt(d.kurtosis),
    );
}

fn main() -> Result<(), Box<dyn Error>> {
    stats_section()?;
    abtest::section()?;
    patterns::section()?;
    ltp::section()?;
    lineup::section()?;
    drift::section()?;
    monitoring::section()
}

fn stats_section() -> Result<(), Box<dyn Error>> {
    let goog = data::dir().join("GOOG.csv");
    let eurusd = data::dir().join("EURUSD.csv");

    let goog_close = data::numbers(&goog, "Close")?;
    let series = [
        ("GOOG daily close (USD)", goog_close.clone()),
        ("GOOG daily log return", log_returns(&goog_close)),
        ("GOOG daily volume", data::numbers(&goog, "Volume")?),
        (
            "EURUSD hourly log return",
            log_returns(&data::numbers(&eurusd, "Close")?),
        ),
    ];

    let options = DescribeOptions {
        quantiles: vec![0.05, 0.5, 0.95],
        ..Default::default()
    };
    println!(
        "edgekit {} — demo over real bundled data (examples/data)\n",
        env!("CARGO_PKG_VERSION")
    );
    println!(
        "stats.describe (scipy.stats.describe conventions: ddof = 1, biased skew, excess kurtosis)"
    );
    println!(
        "{:<26} {:>5} {:>11} {:>11} {:>11} {:>11} {:>11} {:>11} {:>11} {:>8} {:>8}",
        "series", "n", "mean", "std", "min", "p5", "median", "p95", "max", "skew", "kurt"
    );
    let started = Instant::now();
    let mut summaries = Vec::new();
    for (label, values) in &series {
        let d = describe(values, &options)?;
        row(label, &d);
        summaries.push((*label, d));
    }
    let elapsed = started.elapsed();

    println!();
    for (label, d) in summaries.iter().filter(|(l, _)| l.contains("return")) {
        let std = d.std.unwrap_or(0.0);
        let (lo, hi) = (d.quantiles[0].value, d.quantiles[2].value);
        println!(
            "{label}: excess kurtosis {} (normal: 0), so tails are {}; the 5–95% range [{lo:.4}, {hi:.4}] is {:.2} std wide (normal: 3.29).",
            fmt(d.kurtosis),
            if d.kurtosis.unwrap_or(0.0) > 1.0 {
                "fat"
            } else {
                "near normal"
            },
            (hi - lo) / std,
        );
    }
    let total: usize = series.iter().map(|(_, v)| v.len()).sum();
    println!(
        "\nsummarised {total} values in {:.3} ms",
        elapsed.as_secs_f64() * 1e3
    );
    Ok(())
}
