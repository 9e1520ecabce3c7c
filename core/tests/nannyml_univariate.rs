//! Univariate drift per chunk against NannyML 0.13.1's `UnivariateDriftCalculator` on its
//! synthetic binary data (tests/vectors/nannyml_univariate.json, recorded by
//! tests/vectors/generate_nannyml_univariate.py; data in examples/data/nannyml/binary_*.csv).
//! Every value and threshold to 1e-9 relative, keys, indices and alerts exactly. NannyML's
//! order of columns is Python's set order (it varies from run to run), so cells are matched by
//! column and method, not position.

mod nannyml_binary;

use edgekit::drift::{UnivariateDrift, UnivariateOptions};
use nannyml_binary::frame;
use serde_json::Value;

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
fn univariate_drift_matches_nannyml() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors/nannyml_univariate.json");
    let vectors: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let names =
        |key: &str| -> Vec<String> { serde_json::from_value(vectors[key].clone()).unwrap() };
    let (continuous, categorical) = (names("continuous"), names("categorical"));
    let reference = frame("binary_reference.csv", false);
    for case in vectors["cases"].as_array().unwrap() {
        let mut given = case["options"].clone();
        let map = given.as_object_mut().unwrap();
        let unseen = map.remove("unseen").is_some();
        map.insert(
            "continuous_methods".into(),
            vectors["continuous_methods"].clone(),
        );
        map.insert(
            "categorical_methods".into(),
            vectors["categorical_methods"].clone(),
        );
        let options: UnivariateOptions = edgekit::contract::options("test", given).unwrap();
        let fitted = UnivariateDrift::fit(
            &reference.columns(&continuous, &categorical),
            Some(&reference.timestamps),
            &options,
        )
        .unwrap();
        let analysis = frame("binary_analysis.csv", unseen);
        let rows = fitted
            .calculate(
                &analysis.columns(&continuous, &categorical),
                Some(&analysis.timestamps),
            )
            .unwrap();
        let got = edgekit::contract::to_value(&rows);
        let want = case["rows"].as_array().unwrap();
        assert_eq!(got.as_array().unwrap().len(), want.len());
        let mut compared = 0;
        for (i, (g, w)) in got.as_array().unwrap().iter().zip(want).enumerate() {
            let what = format!("{} row {i}", case["options"]);
            for field in ["key", "chunk_index", "start_index", "end_index", "period"] {
                assert_eq!(g["chunk"][field], w["chunk"][field], "{what} {field}");
            }
            for cell in g["cells"].as_array().unwrap() {
                let (column, method) = (
                    cell["column"].as_str().unwrap(),
                    cell["method"].as_str().unwrap(),
                );
                let recorded = &w[column][method];
                for (field, value) in recorded.as_object().unwrap() {
                    close(
                        &cell[field],
                        value,
                        &format!("{what} {column}.{method}.{field}"),
                    );
                    compared += 1;
                }
            }
        }
        // Every recorded (column, method) was produced: 5 × 4 + 3 × 4 groups of 4 fields.
        assert_eq!(compared, want.len() * 32 * 4, "{}", case["options"]);
        let saved = UnivariateDrift::from_json(&fitted.to_json()).unwrap();
        assert_eq!(saved, fitted);
    }
}
