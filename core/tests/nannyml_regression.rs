//! Realized regression performance per chunk against NannyML 0.13.1's `PerformanceCalculator`
//! (`problem_type="regression"`) on its synthetic car price data (tests/vectors/nannyml.json,
//! `regression`; data in examples/data/nannyml/regression_*.csv, every 10th row). Every value,
//! sampling error and threshold to 1e-9 relative; keys, indices, dates and alerts exactly.

use edgekit::drift::{
    RegressionOptions, RegressionOutputs, RegressionPerformance, parse_timestamp,
};
use serde_json::Value;

struct Frame {
    timestamps: Vec<i64>,
    y_pred: Vec<f64>,
    y_true: Vec<f64>,
}

fn frame(file: &str) -> Frame {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/nannyml")
        .join(file);
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (t, p, y) = (at("timestamp"), at("y_pred"), at("y_true"));
    let mut out = Frame {
        timestamps: Vec::new(),
        y_pred: Vec::new(),
        y_true: Vec::new(),
    };
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        out.timestamps.push(parse_timestamp(cells[t]).unwrap());
        out.y_pred.push(cells[p].parse().unwrap());
        out.y_true.push(cells[y].parse().unwrap());
    }
    out
}

fn close(got: &Value, want: &Value, what: &str) {
    match (got.as_f64(), want.as_f64()) {
        (Some(a), Some(b)) => assert!(
            (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12),
            "{what}: {a} vs {b}"
        ),
        _ => assert_eq!(got, want, "{what}"),
    }
}

#[test]
fn realized_regression_performance_matches_nannyml() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/nannyml.json");
    let vectors: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let (reference, analysis) = (
        frame("regression_reference.csv"),
        frame("regression_analysis.csv"),
    );
    for case in vectors["regression"].as_array().unwrap() {
        let mut given = case["options"].clone();
        let late = given.as_object_mut().unwrap().remove("late").is_some();
        let options: RegressionOptions = edgekit::contract::options("test", given).unwrap();
        let outputs = RegressionOutputs {
            y_pred: &reference.y_pred,
            y_true: Some(&reference.y_true),
        };
        let fitted =
            RegressionPerformance::fit(outputs, Some(&reference.timestamps), &options).unwrap();
        // The recorder's rule for late targets: every 3rd analysis target not yet known.
        let targets: Vec<f64> = analysis
            .y_true
            .iter()
            .enumerate()
            .map(|(i, &t)| if late && i % 3 == 0 { f64::NAN } else { t })
            .collect();
        let data = RegressionOutputs {
            y_pred: &analysis.y_pred,
            y_true: Some(&targets),
        };
        let rows = fitted.calculate(data, Some(&analysis.timestamps)).unwrap();
        let got = edgekit::contract::to_value(&rows);
        let want = case["rows"].as_array().unwrap();
        assert_eq!(
            got.as_array().unwrap().len(),
            want.len(),
            "{}",
            case["options"]
        );
        for (i, (g, w)) in got.as_array().unwrap().iter().zip(want).enumerate() {
            let what = format!("{} row {i}", case["options"]);
            for field in [
                "key",
                "chunk_index",
                "start_index",
                "end_index",
                "period",
                "start_date",
            ] {
                assert_eq!(g["chunk"][field], w["chunk"][field], "{what} {field}");
            }
            let (ge, we) = (&g["chunk"]["end_date"], &w["chunk"]["end_date"]);
            match (ge.as_i64(), we.as_i64()) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1000, "{what} end_date {a} {b}"),
                _ => assert_eq!(ge, we, "{what} end_date"),
            }
            close(
                &g["chunk"]["targets_missing_rate"],
                &w["chunk"]["targets_missing_rate"],
                &what,
            );
            for metric in case["options"]["metrics"].as_array().unwrap() {
                let metric = metric.as_str().unwrap();
                for (field, value) in w[metric].as_object().unwrap() {
                    close(
                        &g[metric][field],
                        value,
                        &format!("{what} {metric}.{field}"),
                    );
                }
            }
        }
        let saved = RegressionPerformance::from_json(&fitted.to_json()).unwrap();
        assert_eq!(saved, fitted);
    }
}

#[test]
fn bad_inputs_are_named() {
    let y = [1.0, 2.0, 3.0, 4.0];
    let err =
        |r: Result<RegressionPerformance, edgekit::drift::DriftError>| r.unwrap_err().to_string();
    let options = RegressionOptions {
        metrics: vec![edgekit::drift::RegressionMetric::Msle],
        ..Default::default()
    };
    let negative = RegressionOutputs {
        y_pred: &[1.0, -2.0, 3.0, 4.0],
        y_true: Some(&y),
    };
    assert!(err(RegressionPerformance::fit(negative, None, &options)).contains("y_pred[1]"));
    let nan = RegressionOutputs {
        y_pred: &[1.0, f64::NAN, 3.0, 4.0],
        y_true: Some(&y),
    };
    assert!(err(RegressionPerformance::fit(nan, None, &Default::default())).contains("y_pred[1]"));
    let none = RegressionOutputs {
        y_pred: &y,
        y_true: Some(&[f64::NAN; 4]),
    };
    assert!(
        err(RegressionPerformance::fit(none, None, &Default::default())).contains("no targets")
    );
    let short = RegressionOutputs {
        y_pred: &y,
        y_true: Some(&[1.0]),
    };
    assert!(
        err(RegressionPerformance::fit(short, None, &Default::default())).contains("y_true has 1")
    );
}
