//! Domain classifier drift per chunk against NannyML 0.13.1's `DomainClassifierCalculator`
//! (LightGBM classifiers, stratified k-fold) on its synthetic binary data
//! (tests/vectors/nannyml_domain.json, recorded by tests/vectors/generate_nannyml_domain.py;
//! data in examples/data/nannyml/binary_*.csv).
//!
//! Keys, indices, periods and constant thresholds exactly. The AUCs come from a different
//! implementation of the same learner (LightGBM's defaults and binning, scikit-learn's folds),
//! so each is held within [`TOLERANCE`] of NannyML's; thresholds set from them within 0.005
//! (measured: 0.0011); alerts must agree wherever NannyML's value lies farther than that from
//! a threshold.

mod nannyml_binary;

use edgekit::drift::{DomainClassifier, DomainClassifierOptions};
use nannyml_binary::frame;
use serde_json::Value;

/// Largest accepted |edgekit − NannyML|, in standard errors of an AUC of 0.5 between the chunk
/// and the rows it is told from (Hanley & McNeil: 0.0135 for a 500-row chunk against 5,000):
/// the noise any classifier's AUC carries where there is nothing to find. Measured: at most
/// 1.8; LightGBM itself moves by up to 1.45 on the quarterly case when `max_bin` goes from
/// 255 to 511.
const TOLERANCE: f64 = 2.0;

/// The standard error of a ROC AUC of 0.5 between `a` and `b` rows (Hanley & McNeil 1982;
/// the Mann-Whitney statistic's under the null).
fn null_auc_error(a: usize, b: usize) -> f64 {
    let (a, b) = (a as f64, b as f64);
    ((a + b + 1.0) / (12.0 * a * b)).sqrt()
}

#[test]
fn aucs_stay_close_to_nannymls() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors/nannyml_domain.json");
    let vectors: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let features: Vec<String> =
        serde_json::from_value(vectors["provenance"]["features"].clone()).unwrap();
    let (mut worst, mut thresholds): (f64, f64) = (0.0, 0.0);
    for case in vectors["domain"].as_array().unwrap() {
        // An unoptimized build trains ~10× slower: there, only the smallest case (4 chunks, 3
        // folds, 40 small trees) runs; the Python and Node suites, on release builds, run every
        // case against these vectors, and `cargo test --release` does here.
        if cfg!(debug_assertions) && case["options"]["chunk_number"].is_null() {
            continue;
        }
        let mut given = case["options"].clone();
        let unseen = given.as_object_mut().unwrap().remove("unseen").is_some();
        let options: DomainClassifierOptions = edgekit::contract::options("test", given).unwrap();
        let reference = frame("binary_reference.csv", false);
        let reference_rows = reference.timestamps.len();
        let analysis = frame("binary_analysis.csv", unseen);
        let fitted = DomainClassifier::fit(
            &reference.features(&features),
            Some(&reference.timestamps),
            &options,
        )
        .unwrap();
        let rows = fitted
            .calculate(&analysis.features(&features), Some(&analysis.timestamps))
            .unwrap();
        let got = edgekit::contract::to_value(&rows);
        let want = case["rows"].as_array().unwrap();
        assert_eq!(got.as_array().unwrap().len(), want.len());
        for (i, (g, w)) in got.as_array().unwrap().iter().zip(want).enumerate() {
            let what = format!("{} row {i}", case["options"]);
            for field in ["key", "chunk_index", "start_index", "end_index", "period"] {
                assert_eq!(g["chunk"][field], w["chunk"][field], "{what} {field}");
            }
            let chunk_rows = (w["chunk"]["end_index"].as_f64().unwrap()
                - w["chunk"]["start_index"].as_f64().unwrap()
                + 1.0) as usize;
            let others = if w["chunk"]["period"] == "reference" {
                reference_rows - chunk_rows
            } else {
                reference_rows
            };
            let (g, w) = (&g["domain_classifier_auroc"], &w["domain_classifier_auroc"]);
            let (a, b) = (g["value"].as_f64().unwrap(), w["value"].as_f64().unwrap());
            let se = null_auc_error(chunk_rows, others);
            worst = worst.max((a - b).abs() / se);
            assert!((a - b).abs() <= TOLERANCE * se, "{what}: {a} vs {b}");
            for t in ["lower_threshold", "upper_threshold"] {
                let (gt, wt) = (g[t].as_f64().unwrap(), w[t].as_f64().unwrap());
                thresholds = thresholds.max((gt - wt).abs());
                // Thresholds from the reference chunks' AUCs (mean ± k sd) inherit their noise.
                assert!((gt - wt).abs() <= 0.005, "{what} {t}: {gt} vs {wt}");
            }
            let clear = ["lower_threshold", "upper_threshold"]
                .iter()
                .all(|t| (w[*t].as_f64().unwrap() - b).abs() > TOLERANCE * se + 0.005);
            if clear {
                assert_eq!(g["alert"], w["alert"], "{what} alert");
            }
        }
        // Missing values make the state NaN-bearing (NaN ≠ NaN), so the saved form is compared.
        let saved = DomainClassifier::from_json(&fitted.to_json()).unwrap();
        assert!(
            saved.to_json() == fitted.to_json(),
            "the saved state reads back"
        );
    }
    println!("largest AUC difference: {worst:.3} standard errors; thresholds {thresholds:.4}");
}
