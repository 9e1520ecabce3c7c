//! Multivariate MMD against a direct numpy computation of alibi-detect's `MMDDrift`
//! (tests/vectors/mmd_multivariate.json, recorded by tests/vectors/generate_mmd.py on
//! examples/data/nannyml/).
//!
//! The bandwidth and the observed MMD² are deterministic and match to 1e-10 relative (summation
//! order differs). The p-value is a permutation estimate on both sides: the recording drew
//! 20,000 permutations, edgekit draws its own 1,000 from the seed, so each must fall inside the
//! binomial band `p ± 4.5·√(p(1−p)/1000) + 2/1000` of the recorded one.

use edgekit::drift::{MmdDrift, MmdDriftOptions};
use serde_json::Value;

fn columns(file: &str, names: &[&str], rows: (usize, usize)) -> Vec<f64> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/nannyml")
        .join(file);
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let index: Vec<usize> = names
        .iter()
        .map(|n| header.iter().position(|h| h == n).unwrap())
        .collect();
    lines
        .skip(rows.0)
        .take(rows.1 - rows.0)
        .flat_map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            index
                .iter()
                .map(|&i| cells[i].parse::<f64>().unwrap())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * a.abs().max(b.abs()).max(1e-300)
}

#[test]
fn mmd_matches_the_direct_alibi_detect_computation() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors/mmd_multivariate.json");
    let vectors: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for case in vectors["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let names: Vec<&str> = case["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let rows = |key: &str| {
            let r = case[key].as_array().unwrap();
            (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            )
        };
        let reference = columns("binary_reference.csv", &names, rows("reference_rows"));
        let current = columns("binary_analysis.csv", &names, rows("current_rows"));
        let options = MmdDriftOptions {
            n_permutations: 1000,
            sigma: case["sigma"].as_f64(),
            seed: 7,
            ..Default::default()
        };
        let detector = MmdDrift::fit(&reference, names.len(), options).unwrap();
        let result = detector.test(&current).unwrap();
        let expected = &case["expected"];
        let sigma = expected["sigma"].as_f64().unwrap();
        assert!(
            close(result.sigma, sigma, 1e-12),
            "{name}: sigma {}",
            result.sigma
        );
        let distance = expected["distance"].as_f64().unwrap();
        assert!(
            close(result.distance, distance, 1e-10),
            "{name}: distance {} vs {distance}",
            result.distance
        );
        let p = expected["p_val"].as_f64().unwrap();
        let band = 4.5 * (p * (1.0 - p) / 1000.0).sqrt() + 0.002;
        assert!(
            (result.p_val - p).abs() <= band,
            "{name}: p {} vs {p}",
            result.p_val
        );
        assert_eq!(result.is_drift, result.p_val < 0.05, "{name}");
        let threshold = expected["distance_threshold_05"].as_f64().unwrap();
        assert!(
            (result.distance_threshold - threshold).abs() <= 0.25 * threshold,
            "{name}: threshold {} vs {threshold}",
            result.distance_threshold
        );
    }
}

/// The permutation path (one blocked product over many splits) against the alibi-detect
/// definition evaluated split by split on an explicit kernel matrix, on a sample spanning
/// several kernel blocks with a ragged last block.
#[test]
fn every_split_agrees_with_the_naive_statistic_bit_for_bit_in_distribution() {
    let rows = 700;
    let sample = |shift: f64, seed: u64| -> Vec<f64> {
        let mut rng = fastrand::Rng::with_seed(seed);
        (0..rows * 3)
            .map(|i| rng.f64() + if i % 3 == 0 { shift } else { 0.0 })
            .collect()
    };
    let (x, y) = (sample(0.0, 1), sample(0.15, 2));
    let options = MmdDriftOptions {
        n_permutations: 300,
        seed: 11,
        ..Default::default()
    };
    let result = MmdDrift::fit(&x, 3, options).unwrap().test(&y).unwrap();
    // Naive unbiased MMD² of the observed split.
    let pooled: Vec<&[f64]> = x.chunks(3).chain(y.chunks(3)).collect();
    let gamma = 1.0 / (2.0 * result.sigma * result.sigma);
    let k = |i: usize, j: usize| -> f64 {
        let d: f64 = pooled[i]
            .iter()
            .zip(pooled[j])
            .map(|(a, b)| (a - b) * (a - b))
            .sum();
        (-gamma * d).exp()
    };
    let (n, m) = (rows, rows);
    let (mut xx, mut yy, mut xy) = (0.0, 0.0, 0.0);
    for i in 0..n + m {
        for j in 0..n + m {
            if i == j {
                continue;
            }
            match (i < n, j < n) {
                (true, true) => xx += k(i, j),
                (false, false) => yy += k(i, j),
                (false, true) => xy += k(i, j),
                (true, false) => {}
            }
        }
    }
    let naive = xx / (n * (n - 1)) as f64 + yy / (m * (m - 1)) as f64 - 2.0 * xy / (n * m) as f64;
    assert!(
        close(result.distance, naive, 1e-10),
        "{} vs {naive}",
        result.distance
    );
    assert!(result.is_drift && result.p_val < 0.01);
    // Same seed, same answer, whatever the thread count.
    let again = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| MmdDrift::fit(&x, 3, options).unwrap().test(&y).unwrap());
    assert_eq!(result, again);
}

fn err<T: std::fmt::Debug>(r: Result<T, edgekit::drift::DriftError>) -> String {
    r.unwrap_err().to_string()
}

#[test]
fn bad_inputs_are_named() {
    let ok = [0.0, 1.0, 2.0, 3.0];
    assert!(err(MmdDrift::fit(&[0.0, 1.0, 2.0], 2, Default::default())).contains("whole number"));
    assert!(
        err(MmdDrift::fit(
            &[0.0, f64::NAN, 2.0, 3.0],
            2,
            Default::default()
        ))
        .contains("reference row 0, column 1 is NaN")
    );
    assert!(err(MmdDrift::fit(&[1.0, 1.0, 1.0, 1.0], 2, Default::default())).contains("median"));
    let bad = MmdDriftOptions {
        p_val: 1.5,
        ..Default::default()
    };
    assert!(err(MmdDrift::fit(&ok, 2, bad)).contains("p_val"));
    let bad = MmdDriftOptions {
        n_permutations: 0,
        ..Default::default()
    };
    assert!(err(MmdDrift::fit(&ok, 2, bad)).contains("n_permutations"));
    let bad = MmdDriftOptions {
        sigma: Some(-1.0),
        ..Default::default()
    };
    assert!(err(MmdDrift::fit(&ok, 2, bad)).contains("sigma"));
    let detector = MmdDrift::fit(&ok, 2, Default::default()).unwrap();
    assert!(err(detector.test(&[1.0, 2.0])).contains("current needs at least 2"));
    assert!(err(detector.test(&[1.0, 2.0, 3.0])).contains("whole number"));
    let huge = MmdDriftOptions {
        n_permutations: 10_000_000,
        ..Default::default()
    };
    let detector = MmdDrift::fit(&ok, 2, huge).unwrap();
    assert!(err(detector.test(&vec![0.5; 2 * 100_000])).contains("n_permutations"));
}

#[test]
fn saved_detectors_load_back_and_bad_saves_are_refused() {
    let x: Vec<f64> = (0..120).map(|i| (i as f64 * 0.77).sin()).collect();
    let y: Vec<f64> = (0..90).map(|i| (i as f64 * 0.31).cos()).collect();
    let detector = MmdDrift::fit(&x, 3, Default::default()).unwrap();
    let loaded = MmdDrift::from_json(&detector.to_json()).unwrap();
    assert_eq!(loaded, detector);
    assert_eq!(loaded.test(&y).unwrap(), detector.test(&y).unwrap());
    let text = detector.to_json().replace("\"columns\":3", "\"columns\":7");
    assert!(err(MmdDrift::from_json(&text)).contains("whole number"));
    assert!(err(MmdDrift::from_json("{}")).contains("not a saved MMD detector"));
}
