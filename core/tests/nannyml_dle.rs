//! Direct loss estimation per chunk against NannyML 0.13.1's `DLE` (LightGBM loss models) on
//! its synthetic car price data (tests/vectors/nannyml_dle.json; data in
//! examples/data/nannyml/regression_*.csv, every 10th row).
//!
//! Exact (1e-9 relative): chunk keys, indices and dates, sampling errors, thresholds and
//! realized values — they depend on the data alone. The estimates come from a different
//! implementation of the same learner (LightGBM's defaults, its own binning), so each is
//! held within [`TOLERANCE`] of NannyML's own sampling error of that chunk: the two models'
//! disagreement must stay well inside the noise NannyML itself reports for the estimate.
//! Alerts must agree wherever NannyML's estimate lies farther than that from a threshold.

use edgekit::drift::{Column, ColumnValues, Dle, DleOptions, RegressionOutputs, parse_timestamp};
use serde_json::Value;

/// Largest accepted |edgekit − NannyML| as a multiple of the chunk's sampling error. Measured:
/// at most 0.22 without missing values, 0.76 in the "holes" case (missing numbers, a missing
/// category, an unseen category); LightGBM itself moves its estimates of the drifted chunks by
/// up to 2 sampling errors when `max_bin` goes from 255 to 511.
const TOLERANCE: f64 = 1.0;

struct Frame {
    timestamps: Vec<i64>,
    numbers: Vec<(&'static str, Vec<f64>)>,
    labels: Vec<(&'static str, Vec<Option<String>>)>,
    y_pred: Vec<f64>,
    y_true: Vec<f64>,
}

const NUMBERS: [&str; 5] = [
    "car_age",
    "km_driven",
    "price_new",
    "accident_count",
    "door_count",
];
const LABELS: [&str; 2] = ["fuel", "transmission"];

fn frame(file: &str) -> Frame {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/nannyml")
        .join(file);
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let mut out = Frame {
        timestamps: Vec::new(),
        numbers: NUMBERS.iter().map(|&n| (n, Vec::new())).collect(),
        labels: LABELS.iter().map(|&n| (n, Vec::new())).collect(),
        y_pred: Vec::new(),
        y_true: Vec::new(),
    };
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        out.timestamps
            .push(parse_timestamp(cells[at("timestamp")]).unwrap());
        for (name, values) in &mut out.numbers {
            values.push(cells[at(name)].parse().unwrap());
        }
        for (name, values) in &mut out.labels {
            values.push(Some(cells[at(name)].to_owned()));
        }
        out.y_pred.push(cells[at("y_pred")].parse().unwrap());
        out.y_true.push(cells[at("y_true")].parse().unwrap());
    }
    out
}

/// The recorder's "holes" rule: every 97th `km_driven` and 89th `fuel` missing, every 53rd
/// analysis `transmission` unseen.
fn punch_holes(frame: &mut Frame, analysis: bool) {
    for (name, values) in &mut frame.numbers {
        if *name == "km_driven" {
            values.iter_mut().step_by(97).for_each(|v| *v = f64::NAN);
        }
    }
    for (name, values) in &mut frame.labels {
        if *name == "fuel" {
            values.iter_mut().step_by(89).for_each(|v| *v = None);
        }
        if *name == "transmission" && analysis {
            values
                .iter_mut()
                .step_by(53)
                .for_each(|v| *v = Some("semi-automatic".into()));
        }
    }
}

fn columns(frame: &Frame) -> Vec<Column<'_>> {
    let numbers = frame.numbers.iter().map(|(name, values)| Column {
        name,
        values: ColumnValues::Numbers(values),
        categorical: false,
    });
    let labels = frame.labels.iter().map(|(name, values)| Column {
        name,
        values: ColumnValues::Labels(values),
        categorical: false,
    });
    numbers.chain(labels).collect()
}

fn exact(got: &Value, want: &Value, what: &str) {
    match (got.as_f64(), want.as_f64()) {
        (Some(a), Some(b)) => assert!(
            (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12),
            "{what}: {a} vs {b}"
        ),
        _ => assert_eq!(got, want, "{what}"),
    }
}

#[test]
fn estimates_stay_within_nannymls_sampling_error() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/nannyml_dle.json");
    let vectors: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut worst: f64 = 0.0;
    for case in vectors["dle"].as_array().unwrap() {
        let mut given = case["options"].clone();
        let given_map = given.as_object_mut().unwrap();
        let late = given_map.remove("late").is_some();
        let holes = given_map.remove("holes").is_some();
        let options: DleOptions = edgekit::contract::options("test", given).unwrap();
        let (mut reference, mut analysis) = (
            frame("regression_reference.csv"),
            frame("regression_analysis.csv"),
        );
        if holes {
            punch_holes(&mut reference, false);
            punch_holes(&mut analysis, true);
        }
        let outputs = RegressionOutputs {
            y_pred: &reference.y_pred,
            y_true: Some(&reference.y_true),
        };
        let fitted = Dle::fit(
            &columns(&reference),
            outputs,
            Some(&reference.timestamps),
            &options,
        )
        .unwrap();
        let targets: Vec<f64> = analysis
            .y_true
            .iter()
            .enumerate()
            .map(|(i, &t)| if i % 3 == 0 { f64::NAN } else { t })
            .collect();
        let data = RegressionOutputs {
            y_pred: &analysis.y_pred,
            y_true: late.then_some(&targets[..]),
        };
        let rows = fitted
            .estimate(&columns(&analysis), data, Some(&analysis.timestamps))
            .unwrap();
        let got = edgekit::contract::to_value(&rows);
        let want = case["rows"].as_array().unwrap();
        assert_eq!(got.as_array().unwrap().len(), want.len());
        let metrics: Vec<String> = fitted
            .metrics()
            .iter()
            .map(|m| m.name().to_owned())
            .collect();
        for (i, (g, w)) in got.as_array().unwrap().iter().zip(want).enumerate() {
            let what = format!("{} row {i}", case["options"]);
            for field in ["key", "chunk_index", "start_index", "end_index", "period"] {
                assert_eq!(g["chunk"][field], w["chunk"][field], "{what} {field}");
            }
            for metric in &metrics {
                let (g, w) = (&g[metric.as_str()], &w[metric.as_str()]);
                for field in [
                    "sampling_error",
                    "realized",
                    "upper_threshold",
                    "lower_threshold",
                ] {
                    exact(&g[field], &w[field], &format!("{what} {metric}.{field}"));
                }
                let sigma = w["sampling_error"].as_f64().unwrap();
                let value = w["value"].as_f64().unwrap();
                for field in [
                    "value",
                    "upper_confidence_boundary",
                    "lower_confidence_boundary",
                ] {
                    let (a, b) = (g[field].as_f64().unwrap(), w[field].as_f64().unwrap());
                    let off = (a - b).abs() / sigma;
                    worst = worst.max(off);
                    assert!(
                        off <= TOLERANCE,
                        "{what} {metric}.{field}: {a} vs {b} ({off:.2} sampling errors)"
                    );
                }
                let clear = ["lower_threshold", "upper_threshold"].iter().all(|t| {
                    w[*t]
                        .as_f64()
                        .is_none_or(|t| (t - value).abs() > TOLERANCE * sigma)
                });
                if clear {
                    assert_eq!(g["alert"], w["alert"], "{what} {metric}.alert");
                }
            }
        }
        let saved = Dle::from_json(&fitted.to_json()).unwrap();
        assert_eq!(saved, fitted);
    }
    println!("largest difference: {worst:.3} sampling errors");
}

#[test]
fn bad_inputs_are_named() {
    let x: Vec<f64> = (0..50).map(f64::from).collect();
    let y: Vec<f64> = x.iter().map(|v| v * 2.0).collect();
    let features = [Column {
        name: "x",
        values: ColumnValues::Numbers(&x),
        categorical: false,
    }];
    let outputs = RegressionOutputs {
        y_pred: &y,
        y_true: Some(&y),
    };
    let err = |r: Result<Dle, edgekit::drift::DriftError>| r.unwrap_err().to_string();
    let short = [Column {
        name: "x",
        values: ColumnValues::Numbers(&x[..10]),
        categorical: false,
    }];
    assert!(err(Dle::fit(&short, outputs, None, &Default::default())).contains("features has 10"));
    let bad = DleOptions {
        hyperparameters: edgekit::drift::BoostingOptions {
            num_leaves: 1,
            ..Default::default()
        },
        ..Default::default()
    };
    assert!(err(Dle::fit(&features, outputs, None, &bad)).contains("num_leaves"));
    let fitted = Dle::fit(&features, outputs, None, &Default::default()).unwrap();
    let renamed = [Column {
        name: "z",
        values: ColumnValues::Numbers(&x),
        categorical: false,
    }];
    let data = RegressionOutputs {
        y_pred: &y,
        y_true: None,
    };
    assert!(
        fitted
            .estimate(&renamed, data, None)
            .unwrap_err()
            .to_string()
            .contains("\"x\" is missing")
    );
    assert!(Dle::from_json("{}").is_err());
}
