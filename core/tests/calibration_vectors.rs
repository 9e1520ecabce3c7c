//! Calibration and conformal prediction against scikit-learn and the conformal formula
//! (tests/vectors/calibration.json, recorded by tests/vectors/generate_calibration.py on
//! examples/data/nannyml/ and examples/data/spreadspoke_scores.csv).
//!
//! Tolerances: reliability curves, isotonic predictions and conformal thresholds, coverage and
//! widths to 1e-12 (same arithmetic); Platt's parameters to 1e-6 relative and its
//! probabilities to 1e-7 — scikit-learn stops its L-BFGS at a gradient of 1e-6, edgekit runs
//! Newton's method to the optimum.

use edgekit::drift::{
    BinStrategy, CalibrationMethod, Calibrator, ConformalClassifier, ConformalOptions,
    ConformalRegressor, ReliabilityOptions, reliability_curve,
};
use serde_json::Value;

fn path(relative: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

fn vectors() -> Value {
    serde_json::from_str(&std::fs::read_to_string(path("tests/vectors/calibration.json")).unwrap())
        .unwrap()
}

/// (probabilities, targets) of a NannyML file.
fn nannyml(file: &str) -> (Vec<f64>, Vec<f64>) {
    let text = std::fs::read_to_string(path("examples/data/nannyml").join(file)).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let (p, y) = (
        header.iter().position(|h| *h == "y_pred_proba").unwrap(),
        header
            .iter()
            .position(|h| *h == "work_home_actual")
            .unwrap(),
    );
    lines
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (
                cells[p].parse::<f64>().unwrap(),
                cells[y].parse::<f64>().unwrap(),
            )
        })
        .unzip()
}

fn margins(p: &[f64]) -> Vec<f64> {
    p.iter()
        .map(|&v| {
            let v = v.clamp(0.005, 0.995);
            3.0 * (v / (1.0 - v)).ln()
        })
        .collect()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn close_all(got: &[f64], want: &[f64], tolerance: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tolerance * w.abs().max(1.0),
            "{what}[{i}]: {g} vs {w}"
        );
    }
}

#[test]
fn reliability_curves_match_scikit_learn() {
    let (p, y) = nannyml("binary_analysis.csv");
    for case in vectors()["curves"].as_array().unwrap() {
        let strategy = match case["strategy"].as_str().unwrap() {
            "uniform" => BinStrategy::Uniform,
            _ => BinStrategy::Quantile,
        };
        let options = ReliabilityOptions {
            n_bins: case["n_bins"].as_u64().unwrap(),
            strategy,
        };
        let curve = reliability_curve(&y, &p, &options).unwrap();
        let what = format!("{options:?}");
        close_all(&curve.prob_true, &floats(&case["prob_true"]), 1e-12, &what);
        close_all(&curve.prob_pred, &floats(&case["prob_pred"]), 1e-12, &what);
        close_all(&curve.bin_edges, &floats(&case["bin_edges"]), 1e-12, &what);
        let counts: Vec<f64> = curve.counts.iter().map(|&c| c as f64).collect();
        close_all(&counts, &floats(&case["counts"]), 0.0, &what);
        for key in ["ece", "mce", "brier"] {
            let got = match key {
                "ece" => curve.ece,
                "mce" => curve.mce,
                _ => curve.brier,
            };
            close_all(&[got], &[case[key].as_f64().unwrap()], 1e-12, key);
        }
    }
}

#[test]
fn platt_and_isotonic_match_scikit_learn() {
    let (ref_p, ref_y) = nannyml("binary_reference.csv");
    let (ana_p, ana_y) = nannyml("binary_analysis.csv");
    for case in vectors()["calibrators"].as_array().unwrap() {
        let margins_case = case["scores"] == "margins";
        let (fit, new) = if margins_case {
            (margins(&ref_p), margins(&ana_p))
        } else {
            (ref_p.clone(), ana_p.clone())
        };
        let every = case["analysis_every"].as_u64().unwrap() as usize;
        let sampled: Vec<f64> = new.iter().step_by(every).copied().collect();
        let probe = floats(&case["probe"]);
        let sigmoid = Calibrator::fit(&fit, &ref_y, CalibrationMethod::Sigmoid).unwrap();
        let (a, b) = sigmoid.sigmoid_parameters().unwrap();
        let want = &case["sigmoid"];
        close_all(
            &[a, b],
            &[want["a"].as_f64().unwrap(), want["b"].as_f64().unwrap()],
            1e-6,
            "a, b",
        );
        close_all(
            &sigmoid.predict(&sampled).unwrap(),
            &floats(&want["analysis"]),
            1e-7,
            "sigmoid",
        );
        close_all(
            &sigmoid.predict(&probe).unwrap(),
            &floats(&want["probe"]),
            1e-7,
            "sigmoid probe",
        );
        let isotonic = Calibrator::fit(&fit, &ref_y, CalibrationMethod::Isotonic).unwrap();
        let want = &case["isotonic"];
        close_all(
            &isotonic.predict(&sampled).unwrap(),
            &floats(&want["analysis"]),
            1e-12,
            "isotonic",
        );
        close_all(
            &isotonic.predict(&probe).unwrap(),
            &floats(&want["probe"]),
            1e-12,
            "isotonic probe",
        );
        // Calibrating on the reference lowers the analysis ECE as scikit-learn's does.
        for (method, fitted) in [("sigmoid", &sigmoid), ("isotonic", &isotonic)] {
            let after = reliability_curve(
                &ana_y,
                &fitted.predict(&new).unwrap(),
                &ReliabilityOptions {
                    n_bins: 10,
                    strategy: BinStrategy::Uniform,
                },
            )
            .unwrap();
            let want = case["analysis_curve_after"][method]["ece"]
                .as_f64()
                .unwrap();
            let tolerance = if method == "sigmoid" { 1e-6 } else { 1e-12 };
            close_all(&[after.ece], &[want], tolerance, method);
        }
        let saved = Calibrator::from_json(&sigmoid.to_json()).unwrap();
        assert_eq!(saved, sigmoid);
        assert_eq!(
            Calibrator::from_json(&isotonic.to_json()).unwrap(),
            isotonic
        );
    }
}

/// (total, over/under line, group) for the seasons in `seasons`.
fn nfl(seasons: std::ops::RangeInclusive<i64>) -> (Vec<f64>, Vec<f64>, Vec<String>) {
    let text = std::fs::read_to_string(path("examples/data/spreadspoke_scores.csv")).unwrap();
    let (mut total, mut line, mut group) = (Vec::new(), Vec::new(), Vec::new());
    for row in text.lines().skip(1) {
        let cells: Vec<&str> = row.split(',').collect();
        let number = |i: usize| cells.get(i).and_then(|c| c.parse::<f64>().ok());
        let (Some(season), Some(home), Some(away), Some(ou)) =
            (number(1), number(5), number(6), number(10))
        else {
            continue;
        };
        if seasons.contains(&(season as i64)) {
            total.push(home + away);
            line.push(ou);
            group.push(
                if cells.get(16) == Some(&"indoor") {
                    "indoor"
                } else {
                    "outdoor"
                }
                .to_owned(),
            );
        }
    }
    (total, line, group)
}

#[test]
fn conformal_regression_matches_the_formula_on_nfl_totals() {
    let (y, pred, groups) = nfl(2000..=2012);
    let (hold_y, hold_pred, hold_groups) = nfl(2013..=2024);
    for case in vectors()["regression"].as_array().unwrap() {
        let alpha = case["alpha"].as_f64().unwrap();
        let grouped = case["grouped"].as_bool().unwrap();
        let options = ConformalOptions { alpha };
        let fitted =
            ConformalRegressor::fit(&y, &pred, grouped.then_some(groups.as_slice()), options)
                .unwrap();
        for (group, width) in case["half_widths"].as_object().unwrap() {
            let key = (!group.is_empty()).then_some(group.as_str());
            assert_eq!(
                fitted.half_width(key),
                width.as_f64(),
                "alpha {alpha} {group}"
            );
        }
        let holdout = fitted
            .evaluate(
                &hold_y,
                &hold_pred,
                grouped.then_some(hold_groups.as_slice()),
            )
            .unwrap();
        assert_eq!(holdout.n, case["n"].as_u64().unwrap());
        close_all(
            &[holdout.coverage],
            &[case["coverage"].as_f64().unwrap()],
            1e-12,
            "coverage",
        );
        close_all(
            &[holdout.mean_size],
            &[case["mean_width"].as_f64().unwrap()],
            1e-12,
            "width",
        );
        let saved = ConformalRegressor::from_json(&fitted.to_json()).unwrap();
        assert_eq!(saved, fitted);
    }
}

#[test]
fn conformal_sets_match_the_formula_on_the_nannyml_classifier() {
    let rows = |p: &[f64]| -> Vec<f64> { p.iter().flat_map(|&v| [1.0 - v, v]).collect() };
    let (ref_p, ref_y) = nannyml("binary_reference.csv");
    let (ana_p, ana_y) = nannyml("binary_analysis.csv");
    let labels = |y: &[f64]| -> Vec<usize> { y.iter().map(|&v| v as usize).collect() };
    for case in vectors()["classification"].as_array().unwrap() {
        let alpha = case["alpha"].as_f64().unwrap();
        let conditional = case["class_conditional"].as_bool().unwrap();
        let fitted = ConformalClassifier::fit(
            &rows(&ref_p),
            2,
            &labels(&ref_y),
            conditional,
            ConformalOptions { alpha },
        )
        .unwrap();
        close_all(
            fitted.thresholds(),
            &floats(&case["thresholds"]),
            1e-12,
            "thresholds",
        );
        let holdout = fitted.evaluate(&rows(&ana_p), &labels(&ana_y)).unwrap();
        close_all(
            &[holdout.coverage],
            &[case["coverage"].as_f64().unwrap()],
            1e-12,
            "coverage",
        );
        close_all(
            &[holdout.mean_size],
            &[case["mean_size"].as_f64().unwrap()],
            1e-12,
            "size",
        );
        let sets = fitted.predict_sets(&rows(&ana_p[..20])).unwrap();
        let want: Vec<bool> = case["first_sets"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r.as_array().unwrap().iter().map(|v| v.as_u64() == Some(1)))
            .collect();
        assert_eq!(sets, want);
    }
}

/// The guarantee itself: over many exchangeable splits, coverage averages at least 1 − alpha
/// (and at most 1 − alpha + 1/(n + 1)), marginally and within each group.
#[test]
fn coverage_holds_on_exchangeable_splits() {
    let mut rng = fastrand::Rng::with_seed(42);
    let (mut marginal, mut per_group) = (0.0, [0.0, 0.0]);
    let trials = 400;
    let n = 99;
    for _ in 0..trials {
        let draw = |rng: &mut fastrand::Rng, k: usize| -> (Vec<f64>, Vec<f64>, Vec<String>) {
            let mut y = Vec::new();
            let mut p = Vec::new();
            let mut g = Vec::new();
            for _ in 0..k {
                let noisy = rng.bool();
                let pred = rng.f64() * 10.0;
                let noise = (rng.f64() - 0.5) * if noisy { 8.0 } else { 1.0 };
                y.push(pred + noise);
                p.push(pred);
                g.push(if noisy { "noisy" } else { "calm" }.to_owned());
            }
            (y, p, g)
        };
        let (y, p, g) = draw(&mut rng, n);
        let (hy, hp, hg) = draw(&mut rng, 200);
        let options = ConformalOptions { alpha: 0.1 };
        let plain = ConformalRegressor::fit(&y, &p, None, options).unwrap();
        marginal += plain.evaluate(&hy, &hp, None).unwrap().coverage;
        if let Ok(mondrian) = ConformalRegressor::fit(&y, &p, Some(&g), options) {
            for (k, name) in ["calm", "noisy"].iter().enumerate() {
                let idx: Vec<usize> = (0..hy.len()).filter(|&i| hg[i] == *name).collect();
                let pick = |v: &[f64]| idx.iter().map(|&i| v[i]).collect::<Vec<_>>();
                let groups: Vec<String> = idx.iter().map(|&i| hg[i].clone()).collect();
                per_group[k] += mondrian
                    .evaluate(&pick(&hy), &pick(&hp), Some(&groups))
                    .unwrap()
                    .coverage;
            }
        }
    }
    let marginal = marginal / trials as f64;
    assert!(
        (0.885..=0.925).contains(&marginal),
        "marginal coverage {marginal}"
    );
    for (k, total) in per_group.iter().enumerate() {
        let c = total / trials as f64;
        assert!((0.88..=0.94).contains(&c), "group {k} coverage {c}");
    }
}

#[test]
fn bad_inputs_are_named() {
    let err = |e: edgekit::drift::DriftError| e.to_string();
    let options = ConformalOptions { alpha: 0.1 };
    assert!(
        err(ConformalRegressor::fit(&[1.0; 5], &[1.0; 5], None, options).unwrap_err())
            .contains("at least 9")
    );
    assert!(
        err(
            ConformalRegressor::fit(&[1.0; 5], &[1.0; 5], None, ConformalOptions { alpha: 1.0 })
                .unwrap_err()
        )
        .contains("alpha")
    );
    assert!(
        err(reliability_curve(&[0.0, 2.0], &[0.1, 0.2], &Default::default()).unwrap_err())
            .contains("y_true[1]")
    );
    assert!(
        err(reliability_curve(&[0.0, 1.0], &[0.1, 1.2], &Default::default()).unwrap_err())
            .contains("y_prob[1]")
    );
    assert!(
        err(
            Calibrator::fit(&[0.1, f64::NAN], &[0.0, 1.0], CalibrationMethod::Sigmoid).unwrap_err()
        )
        .contains("scores[1]")
    );
    let fitted = ConformalClassifier::fit(&[0.9, 0.1].repeat(20), 2, &[0; 20], true, options);
    assert!(err(fitted.unwrap_err()).contains("of class 1"));
    let ok = ConformalRegressor::fit(&[1.0; 20], &[1.0; 20], None, options).unwrap();
    assert!(
        err(ok.predict(&[1.0], Some(&["a".to_owned()])).unwrap_err()).contains("without groups")
    );
    assert!(
        err(Calibrator::from_json("{\"map\":{\"method\":\"sigmoid\",\"a\":1}}").unwrap_err())
            .contains("not a saved calibrator")
    );
}
