//! Alert severity levels: a warning band set next to each calculator's thresholds gives every
//! cell `severity` = `critical` exactly where it alerts, `warning` exactly where its value leaves
//! only the warning band, and changes nothing else (values, thresholds, alerts).

use edgekit::drift::{
    BinaryOutputs, Cbpe, CbpeOptions, ChunkThreshold, ClassificationMetric, Column, ColumnValues,
    ReconstructionDrift, ReconstructionOptions, RegressionMetric, RegressionOptions,
    RegressionOutputs, RegressionPerformance, UnivariateDrift, UnivariateMethod, UnivariateOptions,
};
use serde_json::Value;

/// A band one standard deviation wide (the alerts' default is three).
fn narrow() -> ChunkThreshold {
    ChunkThreshold::StandardDeviation {
        std_lower_multiplier: Some(1.0),
        std_upper_multiplier: Some(1.0),
    }
}

/// Checks every cell (any object with `alert`) of `with` against the same cell of `without`.
fn check(with: &Value, without: &Value, seen: &mut [usize; 3]) {
    match (with, without) {
        (Value::Object(a), Value::Object(b)) if a.contains_key("alert") => {
            let (lower, upper) = (&a["warning_lower_threshold"], &a["warning_upper_threshold"]);
            let value = a["value"].as_f64();
            let outside = value.is_some_and(|v| {
                lower.as_f64().is_some_and(|l| v < l) || upper.as_f64().is_some_and(|u| v > u)
            });
            let expected = if a["alert"] == true {
                seen[2] += 1;
                "critical"
            } else if outside {
                seen[1] += 1;
                "warning"
            } else {
                seen[0] += 1;
                ""
            };
            assert_eq!(a["severity"].as_str().unwrap_or(""), expected, "{a:?}");
            for (key, v) in b {
                if !key.starts_with("warning_") && key != "severity" {
                    assert_eq!(&a[key], v, "{key}");
                }
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            for (key, v) in a {
                check(v, &b[key], seen);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(b) {
                check(x, y, seen);
            }
        }
        _ => {}
    }
}

fn drifting(n: usize, shift_from: usize, seed: u64) -> Vec<f64> {
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..n)
        .map(|i| {
            let base = rng.f64() + rng.f64() + rng.f64();
            if i >= shift_from { base + 0.3 } else { base }
        })
        .collect()
}

#[test]
fn every_calculator_grades_its_alerts() {
    let mut seen = [0usize; 3];
    let reference = drifting(4000, usize::MAX, 1);
    let analysis = drifting(4000, 2000, 2);
    // Univariate drift and reconstruction over one shifting column and an independent one.
    let noise_a = drifting(4000, usize::MAX, 3);
    let noise_b = drifting(4000, usize::MAX, 4);
    let columns = |x: &'static [f64], y: &'static [f64]| {
        vec![
            Column {
                name: "x",
                values: ColumnValues::Numbers(x),
                categorical: false,
            },
            Column {
                name: "y",
                values: ColumnValues::Numbers(y),
                categorical: false,
            },
        ]
    };
    let leak = |v: Vec<f64>| -> &'static [f64] { Box::leak(v.into_boxed_slice()) };
    let (r, a, na, nb) = (
        leak(reference),
        leak(analysis),
        leak(noise_a),
        leak(noise_b),
    );
    let mut options = UnivariateOptions {
        chunk_size: Some(250),
        continuous_methods: vec![
            UnivariateMethod::JensenShannon,
            UnivariateMethod::Wasserstein,
        ],
        ..Default::default()
    };
    let plain = UnivariateDrift::fit(&columns(r, na), None, &options).unwrap();
    options
        .warning_thresholds
        .insert(UnivariateMethod::Wasserstein, narrow());
    options
        .warning_thresholds
        .insert(UnivariateMethod::JensenShannon, narrow());
    let graded = UnivariateDrift::fit(&columns(r, na), None, &options).unwrap();
    let without = edgekit::contract::to_value(&plain.calculate(&columns(a, nb), None).unwrap());
    let with = edgekit::contract::to_value(&graded.calculate(&columns(a, nb), None).unwrap());
    check(&with, &without, &mut seen);

    let mut options = ReconstructionOptions {
        chunk_size: Some(250),
        ..Default::default()
    };
    let plain = ReconstructionDrift::fit(&columns(r, na), None, &options).unwrap();
    options.warning_threshold = Some(narrow());
    let graded = ReconstructionDrift::fit(&columns(r, na), None, &options).unwrap();
    let without = edgekit::contract::to_value(&plain.calculate(&columns(a, nb), None).unwrap());
    let with = edgekit::contract::to_value(&graded.calculate(&columns(a, nb), None).unwrap());
    check(&with, &without, &mut seen);

    // Realized regression performance: predictions that degrade.
    let y_pred: Vec<f64> = a.iter().zip(nb).map(|(t, e)| t + 0.2 * (e - 1.5)).collect();
    let mut options = RegressionOptions {
        metrics: vec![RegressionMetric::Mae, RegressionMetric::Rmse],
        chunk_size: Some(500),
        ..Default::default()
    };
    let outputs = RegressionOutputs {
        y_pred: &y_pred,
        y_true: Some(r),
    };
    let later = RegressionOutputs {
        y_pred: &y_pred,
        y_true: Some(a),
    };
    let plain = RegressionPerformance::fit(outputs, None, &options).unwrap();
    options
        .warning_thresholds
        .insert(RegressionMetric::Mae, narrow());
    let graded = RegressionPerformance::fit(outputs, None, &options).unwrap();
    check(
        &edgekit::contract::to_value(&graded.calculate(later, None).unwrap()),
        &edgekit::contract::to_value(&plain.calculate(later, None).unwrap()),
        &mut seen,
    );

    // CBPE with the confusion matrix: scores that drift towards the positive class.
    let scores: Vec<f64> = a.iter().map(|v| (v / 3.6).clamp(0.0, 1.0)).collect();
    let labels: Vec<f64> = scores
        .iter()
        .map(|&p| f64::from(u8::from(p >= 0.5)))
        .collect();
    let targets: Vec<f64> = scores
        .iter()
        .zip(nb)
        .map(|(p, e)| f64::from(u8::from(*p > e / 3.0)))
        .collect();
    let outputs = BinaryOutputs {
        y_pred_proba: &scores,
        y_pred: &labels,
        y_true: Some(&targets),
    };
    let mut options = CbpeOptions {
        metrics: vec![
            ClassificationMetric::F1,
            ClassificationMetric::ConfusionMatrix,
        ],
        chunk_size: Some(400),
        calibrate: Some(false),
        ..Default::default()
    };
    let plain = Cbpe::fit(outputs, None, &options).unwrap();
    options
        .warning_thresholds
        .insert(ClassificationMetric::F1, narrow());
    options
        .warning_thresholds
        .insert(ClassificationMetric::ConfusionMatrix, narrow());
    let graded = Cbpe::fit(outputs, None, &options).unwrap();
    check(
        &edgekit::contract::to_value(&graded.estimate(outputs, None).unwrap()),
        &edgekit::contract::to_value(&plain.estimate(outputs, None).unwrap()),
        &mut seen,
    );
    // Every level occurred somewhere (the test would prove little otherwise).
    assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
    // Saved state keeps the warning band.
    assert_eq!(Cbpe::from_json(&graded.to_json()).unwrap(), graded);
}
