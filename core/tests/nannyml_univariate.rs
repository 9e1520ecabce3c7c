//! Univariate drift per chunk against NannyML 0.13.1's `UnivariateDriftCalculator` on its
//! synthetic binary data (tests/vectors/nannyml_univariate.json, recorded by
//! tests/vectors/generate_nannyml_univariate.py; data in examples/data/nannyml/binary_*.csv).
//! Every value and threshold to 1e-9 relative, keys, indices and alerts exactly. NannyML's
//! order of columns is Python's set order (it varies from run to run), so cells are matched by
//! column and method, not position.

use edgekit::drift::{Column, ColumnValues, UnivariateDrift, UnivariateOptions, parse_timestamp};
use serde_json::Value;

const CATEGORICAL: [&str; 3] = ["salary_range", "wfh_prev_workday", "workday"];

struct Frame {
    timestamps: Vec<i64>,
    numbers: Vec<(String, Vec<f64>)>,
    labels: Vec<(String, Vec<Option<String>>)>,
}

fn frame(file: &str, unseen: bool) -> Frame {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/nannyml")
        .join(file);
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let mut out = Frame {
        timestamps: rows
            .iter()
            .map(|r| parse_timestamp(r[0]).unwrap())
            .collect(),
        numbers: Vec::new(),
        labels: Vec::new(),
    };
    for (j, name) in header.iter().enumerate().skip(1) {
        if CATEGORICAL.contains(name) {
            let labels = rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    // The recorder's rule for the "unseen" case: every 53rd workday a "Holiday".
                    if unseen && *name == "workday" && i % 53 == 0 {
                        return Some("Holiday".to_owned());
                    }
                    (!r[j].is_empty()).then(|| r[j].to_owned())
                })
                .collect();
            out.labels.push(((*name).to_owned(), labels));
        } else {
            let values = rows
                .iter()
                .map(|r| r[j].parse().unwrap_or(f64::NAN))
                .collect();
            out.numbers.push(((*name).to_owned(), values));
        }
    }
    out
}

impl Frame {
    fn columns(&self, continuous: &[String], categorical: &[String]) -> Vec<Column<'_>> {
        let mut out: Vec<Column<'_>> = continuous
            .iter()
            .map(|c| {
                let (name, values) = self.numbers.iter().find(|(n, _)| n == c).unwrap();
                Column {
                    name,
                    values: ColumnValues::Numbers(values),
                    categorical: false,
                }
            })
            .collect();
        out.extend(categorical.iter().map(|c| {
            let (name, labels) = self.labels.iter().find(|(n, _)| n == c).unwrap();
            Column {
                name,
                values: ColumnValues::Labels(labels),
                categorical: true,
            }
        }));
        out
    }
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
