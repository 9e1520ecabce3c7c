//! Scale check for reference profiles (issue 4): a reference of 10^7 rows × 100 numerical
//! columns, fitted chunk by chunk (10 chunks of 10^6 rows) and merged, then a report of
//! 10^5 current rows against it. Prints the time of each phase; run under `/usr/bin/time -v`
//! for peak memory: `cargo run --release -p edgekit-examples --bin profile_scale`.

use std::time::Instant;

use edgekit::drift::{Column, ColumnValues, Profile, Reference, ReportOptions, report};

const COLUMNS: usize = 100;

/// Column `k` of rows `start..start + n`: a seeded, column-specific smooth distribution.
fn column(k: usize, start: usize, n: usize, shift: f64) -> Vec<f64> {
    let mut rng = fastrand::Rng::with_seed((k as u64) << 32 | start as u64);
    (0..n)
        .map(|_| (0..3).map(|_| rng.f64()).sum::<f64>() * (1.0 + k as f64 / 10.0) + shift)
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let names: Vec<String> = (0..COLUMNS).map(|k| format!("x{k}")).collect();
    let started = Instant::now();
    let mut profile: Option<Profile> = None;
    let (mut generating, mut fitting) = (0.0, 0.0);
    for chunk in 0..10 {
        let t = Instant::now();
        let data: Vec<Vec<f64>> = (0..COLUMNS)
            .map(|k| column(k, chunk * 1_000_000, 1_000_000, 0.0))
            .collect();
        generating += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let columns: Vec<Column> = names
            .iter()
            .zip(&data)
            .map(|(name, values)| Column {
                name,
                values: ColumnValues::Numbers(values),
                categorical: false,
            })
            .collect();
        let fitted = Profile::fit(&columns, None, 0)?;
        profile = Some(match profile {
            None => fitted,
            Some(p) => p.merge(&fitted)?,
        });
        fitting += t.elapsed().as_secs_f64();
    }
    let profile = profile.expect("ten chunks");
    let t = Instant::now();
    let current_data: Vec<Vec<f64>> = (0..COLUMNS)
        .map(|k| {
            column(
                k,
                99_000_000,
                100_000,
                if k % 10 == 0 {
                    0.3 * (1.0 + k as f64 / 10.0)
                } else {
                    0.0
                },
            )
        })
        .collect();
    let current: Vec<Column> = names
        .iter()
        .zip(&current_data)
        .map(|(name, values)| Column {
            name,
            values: ColumnValues::Numbers(values),
            categorical: false,
        })
        .collect();
    let found = report(
        Reference::Profile(&profile),
        &current,
        &ReportOptions::default(),
    )?;
    let reporting = t.elapsed().as_secs_f64();
    println!(
        "10^7 x {COLUMNS} reference: generate {generating:.1} s, fit + merge {fitting:.1} s; report of 10^5 rows: {reporting:.2} s; \
         total {:.1} s; profile {} MB; {} of {COLUMNS} columns drift (every 10th was shifted)",
        started.elapsed().as_secs_f64(),
        profile.to_bytes()?.len() / 1_000_000,
        found.drifted_columns
    );
    Ok(())
}
