//! Multiclass CBPE and realized performance, and the confusion matrix of binary and multiclass
//! models, against NannyML 0.13.1 on its own synthetic data (tests/vectors/nannyml_multiclass.json,
//! recorded by tests/vectors/generate_nannyml_multiclass.py; data in examples/data/nannyml/).
//!
//! Tolerance: 1e-9 relative on every value, threshold and band, exactly on keys, indices and
//! alerts, with two exceptions, both from tied scores (these take two decimals), which NannyML
//! leaves in numpy's unstable sort order:
//! - the ROC AUC sampling error ranks them (edgekit in input order): held to 2 %, its band to
//!   3 × 2 % of it, as in nannyml_vectors.rs;
//! - the estimated multiclass ROC AUC adds a curve point per row in that order, where tied
//!   rows' calibrated probabilities differ (they are rescaled per row); edgekit adds one point
//!   per distinct score, independent of row order. Measured difference at most 1.1e-5 over
//!   152 chunks; held to 5e-5 absolute (the smallest sampling error here is 0.007).

use edgekit::drift::{
    BinaryOutputs, Cbpe, CbpeOptions, MulticlassCbpe, MulticlassOutputs, MulticlassPerformance,
    RealizedOptions, RealizedPerformance, parse_timestamp,
};
use serde_json::{Map, Value};

struct Frame {
    timestamps: Vec<i64>,
    columns: Vec<(String, Vec<String>)>,
}

fn frame(file: &str) -> Frame {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/nannyml")
        .join(file);
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    Frame {
        timestamps: rows
            .iter()
            .map(|r| parse_timestamp(r[0]).unwrap())
            .collect(),
        columns: header
            .iter()
            .enumerate()
            .map(|(j, h)| {
                let cells = rows.iter().map(|r| r[j].to_owned()).collect();
                ((*h).to_owned(), cells)
            })
            .collect(),
    }
}

impl Frame {
    fn text(&self, name: &str) -> &[String] {
        &self.columns.iter().find(|(n, _)| n == name).unwrap().1
    }

    fn numbers(&self, name: &str) -> Vec<f64> {
        self.text(name).iter().map(|c| c.parse().unwrap()).collect()
    }

    /// Class labels as indexes into `classes`; every 3rd unknown when `late`.
    fn codes(&self, name: &str, classes: &[String], late: bool) -> Vec<f64> {
        self.text(name)
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if late && i % 3 == 0 {
                    f64::NAN
                } else {
                    classes.iter().position(|k| k == c).unwrap() as f64
                }
            })
            .collect()
    }
}

fn vectors() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors/nannyml_multiclass.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A row in NannyML's layout: the confusion matrix's cells as groups named as NannyML names
/// them (`true_{a}_pred_{b}`, or `true_positive`... for a binary model).
fn nannyml_groups(row: &Value, binary: bool) -> Map<String, Value> {
    let mut groups = row.as_object().unwrap().clone();
    if let Some(Value::Array(cells)) = groups.remove("confusion_matrix") {
        for cell in cells {
            let mut cell = cell.as_object().unwrap().clone();
            let t = cell.remove("true_class").unwrap();
            let p = cell.remove("predicted_class").unwrap();
            let (t, p) = (t.as_str().unwrap(), p.as_str().unwrap());
            let name = if binary {
                let kind = if t == p { "true" } else { "false" };
                let class = if p == "1" { "positive" } else { "negative" };
                format!("{kind}_{class}")
            } else {
                format!("true_{t}_pred_{p}")
            };
            groups.insert(name, Value::Object(cell));
        }
    }
    groups
}

fn close(got: &Value, want: &Value, what: &str) {
    match (got.as_f64(), want.as_f64()) {
        (Some(a), Some(b)) => assert!(
            (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0),
            "{what}: {a} vs {b}"
        ),
        _ => assert_eq!(got, want, "{what}"),
    }
}

/// Compares every group and field NannyML recorded.
fn compare(got: &Value, want: &[Value], label: &str, binary: bool) {
    let got = got.as_array().unwrap();
    assert_eq!(got.len(), want.len(), "{label}: rows");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        let g = nannyml_groups(g, binary);
        let what = format!("{label} row {i}");
        for field in ["key", "chunk_index", "start_index", "end_index", "period"] {
            assert_eq!(g["chunk"][field], w["chunk"][field], "{what} {field}");
        }
        if let Some(rate) = w["chunk"].get("targets_missing_rate") {
            close(&g["chunk"]["targets_missing_rate"], rate, &what);
        }
        for (group, fields) in w.as_object().unwrap() {
            if group == "chunk" {
                continue;
            }
            let got_group = g.get(group).unwrap_or_else(|| panic!("{what}: no {group}"));
            for (field, value) in fields.as_object().unwrap() {
                let got = &got_group[field];
                let what = format!("{what} {group}.{field}");
                let se = w[group]["sampling_error"].as_f64().unwrap_or(0.0);
                // Only CBPE's multiclass estimate depends on tie order (a realized AUC counts
                // ties half).
                let estimate = w[group].get("realized").is_some();
                let tie = if !binary && estimate { 5e-5 } else { 1e-9 };
                match (group.as_str(), field.as_str(), got.as_f64(), value.as_f64()) {
                    ("roc_auc", "value", Some(a), Some(b)) => {
                        assert!((a - b).abs() <= tie, "{what}: {a} vs {b}")
                    }
                    ("roc_auc", "sampling_error", Some(a), Some(b)) => {
                        assert!((a - b).abs() <= 2e-2 * b, "{what}: {a} vs {b}")
                    }
                    (
                        "roc_auc",
                        "upper_confidence_boundary" | "lower_confidence_boundary",
                        Some(a),
                        Some(b),
                    ) => assert!((a - b).abs() <= 0.06 * se + tie, "{what}: {a} vs {b}"),
                    _ => close(got, value, &what),
                }
            }
        }
    }
}

fn parsed<T: serde::de::DeserializeOwned>(case: &Value, metrics: &Value) -> (T, bool) {
    let mut given = case["options"].clone();
    let map = given.as_object_mut().unwrap();
    let late = map.remove("late").is_some();
    map.insert("metrics".into(), metrics.clone());
    (edgekit::contract::options("test", given).unwrap(), late)
}

#[test]
fn multiclass_cbpe_matches_nannyml() {
    let vectors = vectors();
    let classes: Vec<String> = serde_json::from_value(vectors["classes"].clone()).unwrap();
    let (reference, analysis) = (
        frame("multiclass_reference.csv"),
        frame("multiclass_analysis.csv"),
    );
    let proba = |f: &Frame| -> Vec<Vec<f64>> {
        classes
            .iter()
            .map(|c| f.numbers(&format!("y_pred_proba_{c}")))
            .collect()
    };
    let (reference_proba, analysis_proba) = (proba(&reference), proba(&analysis));
    let reference_columns: Vec<&[f64]> = reference_proba.iter().map(Vec::as_slice).collect();
    let analysis_columns: Vec<&[f64]> = analysis_proba.iter().map(Vec::as_slice).collect();
    let (y_pred, y_true) = (
        reference.codes("y_pred", &classes, false),
        reference.codes("y_true", &classes, false),
    );
    let fit_outputs = MulticlassOutputs {
        classes: &classes,
        y_pred_proba: &reference_columns,
        y_pred: &y_pred,
        y_true: Some(&y_true),
    };
    for case in vectors["cbpe"].as_array().unwrap() {
        let (mut options, late): (CbpeOptions, bool) = parsed(case, &vectors["metrics"]);
        let decided: Vec<bool> = classes
            .iter()
            .map(|c| case["calibrated"][c].as_bool().unwrap())
            .collect();
        // Calibrate or not is decided on random splits (NannyML: scikit-learn's
        // StratifiedShuffleSplit; edgekit: its own seeded ones). These probabilities are nearly
        // calibrated already, and the decision flips with the split seed in NannyML itself
        // (seeds 42, 1, 2, 3 give different answers for two of the classes), so the values are
        // compared under NannyML's recorded decision.
        if decided.iter().any(|&d| d != decided[0]) {
            panic!("the recorded decisions differ by class; force them per class to compare");
        }
        options.calibrate = Some(decided[0]);
        let fitted =
            MulticlassCbpe::fit(fit_outputs, Some(&reference.timestamps), &options).unwrap();
        let (a_pred, a_true) = (
            analysis.codes("y_pred", &classes, false),
            analysis.codes("y_true", &classes, false),
        );
        let data = MulticlassOutputs {
            classes: &classes,
            y_pred_proba: &analysis_columns,
            y_pred: &a_pred,
            y_true: (!late).then_some(a_true.as_slice()),
        };
        let rows = fitted.estimate(data, Some(&analysis.timestamps)).unwrap();
        let label = format!("cbpe {}", case["options"]);
        compare(
            &edgekit::contract::to_value(&rows),
            case["rows"].as_array().unwrap(),
            &label,
            false,
        );
    }
}

#[test]
fn multiclass_realized_performance_matches_nannyml() {
    let vectors = vectors();
    let classes: Vec<String> = serde_json::from_value(vectors["classes"].clone()).unwrap();
    let (reference, analysis) = (
        frame("multiclass_reference.csv"),
        frame("multiclass_analysis.csv"),
    );
    let proba = |f: &Frame| -> Vec<Vec<f64>> {
        classes
            .iter()
            .map(|c| f.numbers(&format!("y_pred_proba_{c}")))
            .collect()
    };
    let (reference_proba, analysis_proba) = (proba(&reference), proba(&analysis));
    let reference_columns: Vec<&[f64]> = reference_proba.iter().map(Vec::as_slice).collect();
    let analysis_columns: Vec<&[f64]> = analysis_proba.iter().map(Vec::as_slice).collect();
    let (y_pred, y_true) = (
        reference.codes("y_pred", &classes, false),
        reference.codes("y_true", &classes, false),
    );
    for case in vectors["performance"].as_array().unwrap() {
        let (options, late): (RealizedOptions, bool) = parsed(case, &vectors["metrics"]);
        let fit_outputs = MulticlassOutputs {
            classes: &classes,
            y_pred_proba: &reference_columns,
            y_pred: &y_pred,
            y_true: Some(&y_true),
        };
        let fitted =
            MulticlassPerformance::fit(fit_outputs, Some(&reference.timestamps), &options).unwrap();
        let (a_pred, a_true) = (
            analysis.codes("y_pred", &classes, false),
            analysis.codes("y_true", &classes, late),
        );
        let data = MulticlassOutputs {
            classes: &classes,
            y_pred_proba: &analysis_columns,
            y_pred: &a_pred,
            y_true: Some(&a_true),
        };
        let rows = fitted.calculate(data, Some(&analysis.timestamps)).unwrap();
        let label = format!("performance {}", case["options"]);
        compare(
            &edgekit::contract::to_value(&rows),
            case["rows"].as_array().unwrap(),
            &label,
            false,
        );
        let saved = MulticlassPerformance::from_json(&fitted.to_json()).unwrap();
        assert_eq!(saved, fitted);
    }
}

#[test]
fn binary_confusion_matrix_matches_nannyml() {
    let vectors = vectors();
    let (reference, analysis) = (frame("binary_reference.csv"), frame("binary_analysis.csv"));
    let metrics = serde_json::json!(["confusion_matrix", "f1"]);
    let (r_proba, r_pred, r_true) = (
        reference.numbers("y_pred_proba"),
        reference.numbers("y_pred"),
        reference.numbers("work_home_actual"),
    );
    let fit_outputs = BinaryOutputs {
        y_pred_proba: &r_proba,
        y_pred: &r_pred,
        y_true: Some(&r_true),
    };
    let (a_proba, a_pred) = (analysis.numbers("y_pred_proba"), analysis.numbers("y_pred"));
    for (case, performance) in vectors["binary_cbpe"]
        .as_array()
        .unwrap()
        .iter()
        .zip(vectors["binary_performance"].as_array().unwrap())
    {
        let (mut options, late): (CbpeOptions, bool) = parsed(case, &metrics);
        options.calibrate = case["needs_calibration"].as_bool();
        let a_true: Vec<f64> = analysis
            .numbers("work_home_actual")
            .iter()
            .enumerate()
            .map(|(i, &t)| if late && i % 3 == 0 { f64::NAN } else { t })
            .collect();
        let data = BinaryOutputs {
            y_pred_proba: &a_proba,
            y_pred: &a_pred,
            y_true: Some(&a_true),
        };
        let fitted = Cbpe::fit(fit_outputs, Some(&reference.timestamps), &options).unwrap();
        let rows = fitted.estimate(data, Some(&analysis.timestamps)).unwrap();
        let label = format!("binary cbpe {}", case["options"]);
        compare(
            &edgekit::contract::to_value(&rows),
            case["rows"].as_array().unwrap(),
            &label,
            true,
        );
        let (options, _): (RealizedOptions, bool) = parsed(performance, &metrics);
        let fitted =
            RealizedPerformance::fit(fit_outputs, Some(&reference.timestamps), &options).unwrap();
        let rows = fitted.calculate(data, Some(&analysis.timestamps)).unwrap();
        let label = format!("binary performance {}", performance["options"]);
        compare(
            &edgekit::contract::to_value(&rows),
            performance["rows"].as_array().unwrap(),
            &label,
            true,
        );
    }
}
