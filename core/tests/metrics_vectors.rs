//! Realized performance metrics against scikit-learn 1.9.1 (tests/vectors/metrics.json, recorded
//! by tests/vectors/generate_metrics.py). Counts match exactly; ratios of counts too; means of
//! floats to 1e-12 relative (NumPy sums pairwise, edgekit in index order).

use edgekit::drift::{classification_metrics, regression_metrics};
use serde_json::Value;

fn vectors() -> Value {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/metrics.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn ints(v: &Value) -> Vec<i64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_i64().unwrap())
        .collect()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn close(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() <= 1e-12 * want.abs().max(1.0),
        "{what}: got {got}, want {want}"
    );
}

#[test]
fn classification_matches_scikit_learn() {
    let v = vectors();
    for (i, c) in v["classification"].as_array().unwrap().iter().enumerate() {
        let labels = ints(&c["labels"]);
        let m = classification_metrics(&ints(&c["y_true"]), &ints(&c["y_pred"]), Some(&labels))
            .unwrap();
        let w = &c["want"];
        let matrix: Vec<Vec<u64>> = serde_json::from_value(w["confusion_matrix"].clone()).unwrap();
        assert_eq!(m.confusion_matrix, matrix, "case {i}");
        assert_eq!(
            m.support,
            serde_json::from_value::<Vec<u64>>(w["support"].clone()).unwrap()
        );
        for (name, got) in [
            ("precision", &m.precision),
            ("recall", &m.recall),
            ("f1", &m.f1),
            ("specificity", &m.specificity),
        ] {
            for (g, e) in got.iter().zip(floats(&w[name])) {
                close(*g, e, &format!("case {i} {name}"));
            }
        }
        close(m.accuracy, w["accuracy"].as_f64().unwrap(), "accuracy");
        close(
            m.balanced_accuracy,
            w["balanced_accuracy"].as_f64().unwrap(),
            "balanced_accuracy",
        );
        close(
            m.macro_specificity,
            w["macro_specificity"].as_f64().unwrap(),
            "macro_specificity",
        );
        for (name, got) in [
            ("macro", m.macro_avg),
            ("micro", m.micro_avg),
            ("weighted", m.weighted_avg),
        ] {
            let a = &w["averages"][name];
            close(
                got.precision,
                a["precision"].as_f64().unwrap(),
                &format!("case {i} {name} precision"),
            );
            close(
                got.recall,
                a["recall"].as_f64().unwrap(),
                &format!("case {i} {name} recall"),
            );
            close(
                got.f1,
                a["f1"].as_f64().unwrap(),
                &format!("case {i} {name} f1"),
            );
        }
    }
}

#[test]
fn regression_matches_scikit_learn() {
    let v = vectors();
    for (i, c) in v["regression"].as_array().unwrap().iter().enumerate() {
        let m = regression_metrics(&floats(&c["y_true"]), &floats(&c["y_pred"])).unwrap();
        let w = &c["want"];
        for (name, got) in [
            ("mae", m.mae),
            ("mape", m.mape),
            ("mse", m.mse),
            ("rmse", m.rmse),
            ("r2", m.r2),
        ] {
            close(got, w[name].as_f64().unwrap(), &format!("case {i} {name}"));
        }
        match (w.get("msle"), m.msle) {
            (Some(want), Some(got)) => {
                close(got, want.as_f64().unwrap(), &format!("case {i} msle"));
                close(
                    m.rmsle.unwrap(),
                    w["rmsle"].as_f64().unwrap(),
                    &format!("case {i} rmsle"),
                );
            }
            (None, None) => {}
            (want, got) => panic!("case {i} msle: got {got:?}, want {want:?}"),
        }
    }
}

#[test]
fn refuses_what_has_no_answer() {
    assert!(classification_metrics(&[0, 1], &[0], None).is_err());
    assert!(classification_metrics(&[], &[], None).is_err());
    assert!(classification_metrics(&[0], &[0], Some(&[0, 0])).is_err());
    assert!(regression_metrics(&[1.0, f64::NAN], &[1.0, 2.0]).is_err());
    // Labels default to every label seen, sorted.
    assert_eq!(
        classification_metrics(&[5, 2], &[2, 9], None)
            .unwrap()
            .labels,
        vec![2, 5, 9]
    );
}
