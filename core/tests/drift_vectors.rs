//! Drift tests against scipy on the bundled rainfall data (tests/vectors/drift.json).

use edgekit::drift::*;
use serde_json::Value;

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn vectors() -> Value {
    let text = std::fs::read_to_string(root().join("tests/vectors/drift.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The rainfall columns, in the order `vectors["columns"]` names them.
fn rainfall() -> Vec<Vec<f64>> {
    let text = std::fs::read_to_string(root().join("examples/data/rainfall.csv")).unwrap();
    let mut columns: Vec<Vec<f64>> = Vec::new();
    for line in text.lines().skip(1) {
        let fields: Vec<f64> = line
            .split(',')
            .skip(1)
            .map(|f| f.parse().unwrap())
            .collect();
        columns.resize(fields.len(), Vec::new());
        for (column, value) in columns.iter_mut().zip(fields) {
            column.push(value);
        }
    }
    columns
}

struct Data {
    names: Vec<String>,
    columns: Vec<Vec<f64>>,
}

impl Data {
    fn load(doc: &Value) -> Self {
        let names = doc["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        Self {
            names,
            columns: rainfall(),
        }
    }

    /// `[column, start, stop]` as the generator wrote it.
    fn slice(&self, spec: &Value) -> &[f64] {
        let name = spec[0].as_str().unwrap();
        let index = self.names.iter().position(|n| n == name).unwrap();
        let (start, stop) = (spec[1].as_u64().unwrap(), spec[2].as_u64().unwrap());
        &self.columns[index][start as usize..stop as usize]
    }
}

fn close(got: f64, want: f64, rel: f64, what: &str) {
    let tolerance = rel * want.abs().max(1e-300);
    assert!(
        (got - want).abs() <= tolerance || (want == 0.0 && got.abs() < 1e-300),
        "{what}: got {got:e}, want {want:e}"
    );
}

#[test]
fn ks_2samp_matches_scipy() {
    let doc = vectors();
    let data = Data::load(&doc);
    for case in doc["ks_2samp"].as_array().unwrap() {
        let options = KsOptions {
            method: KsMethod::parse(case["method"].as_str().unwrap()).unwrap(),
            alternative: KsAlternative::parse(case["alternative"].as_str().unwrap()).unwrap(),
            ..KsOptions::default()
        };
        let result = ks_2samp(
            data.slice(&case["reference"]),
            data.slice(&case["current"]),
            &options,
        )
        .unwrap();
        let what = format!("{} vs {}", case["reference"], case["current"]);
        close(
            result.statistic,
            case["statistic"].as_f64().unwrap(),
            1e-12,
            &what,
        );
        close(
            result.pvalue.unwrap(),
            case["pvalue"].as_f64().unwrap(),
            1e-9,
            &what,
        );
    }
}

#[test]
fn kolmogorov_distributions_match_scipy() {
    let doc = vectors();
    for case in doc["kstwo_sf"].as_array().unwrap() {
        let (n, x) = (case["n"].as_u64().unwrap(), case["x"].as_f64().unwrap());
        close(
            kstwo_sf(n, x),
            case["sf"].as_f64().unwrap(),
            1e-9,
            &format!("kstwo n={n} x={x}"),
        );
    }
    for case in doc["smirnov_sf"].as_array().unwrap() {
        let (n, x) = (case["n"].as_u64().unwrap(), case["x"].as_f64().unwrap());
        close(
            smirnov_sf(n, x),
            case["sf"].as_f64().unwrap(),
            1e-9,
            &format!("smirnov n={n} x={x}"),
        );
    }
}

#[test]
fn numeric_tests_match_scipy_and_evidently() {
    let doc = vectors();
    let data = Data::load(&doc);
    let pair = |v: &Value| (v[0].as_f64().unwrap(), v[1].as_f64().unwrap());
    for case in doc["numeric"].as_array().unwrap() {
        let (a, b) = (data.slice(&case["reference"]), data.slice(&case["current"]));
        let what = |test: &str| format!("{test} {} vs {}", case["reference"], case["current"]);
        let want = |k: &str| case[k].as_f64().unwrap();
        close(
            wasserstein(a, b, 0.1).unwrap().statistic,
            want("wasserstein"),
            1e-9,
            &what("wasserstein"),
        );
        close(
            energy_distance(a, b, 0.1).unwrap().statistic,
            want("energy"),
            1e-9,
            &what("energy"),
        );
        for (equal_var, key) in [(true, "t_student"), (false, "t_welch")] {
            let r = t_test(
                a,
                b,
                &TTestOptions {
                    equal_var,
                    ..TTestOptions::default()
                },
            )
            .unwrap();
            let (s, p) = pair(&case[key]);
            close(r.statistic, s, 1e-9, &what(key));
            close(r.pvalue.unwrap(), p, 1e-9, &what(key));
        }
        for (alternative, key) in [
            (KsAlternative::Less, "mann_whitney_less"),
            (KsAlternative::TwoSided, "mann_whitney_two_sided"),
        ] {
            let options = MannWhitneyDriftOptions {
                alternative,
                ..Default::default()
            };
            let r = mann_whitney(a, b, &options).unwrap();
            let (s, p) = pair(&case[key]);
            close(r.statistic, s, 1e-12, &what(key));
            close(r.pvalue.unwrap(), p, 1e-9, &what(key));
        }
        let sturges = BinnedOptions {
            binning: Binning::Sturges,
            ..Default::default()
        };
        close(
            psi(a, b, &sturges).unwrap().statistic,
            want("psi_sturges"),
            1e-9,
            &what("psi"),
        );
        close(
            kl_divergence(a, b, &sturges).unwrap().statistic,
            want("kl_sturges"),
            1e-9,
            &what("kl"),
        );
        close(
            jensen_shannon(a, b, &sturges).unwrap().statistic,
            want("jensenshannon_sturges"),
            1e-9,
            &what("js"),
        );
        close(
            hellinger(a, b, 0.1).unwrap().statistic,
            want("hellinger"),
            1e-9,
            &what("hellinger"),
        );
        for (bins, key) in [(10, "psi_quantile_10"), (4, "psi_quantile_4")] {
            let options = BinnedOptions {
                binning: Binning::Quantile(bins),
                ..Default::default()
            };
            close(
                psi(a, b, &options).unwrap().statistic,
                want(key),
                1e-9,
                &what(key),
            );
        }
    }
}

#[test]
fn categorical_tests_match_scipy_and_evidently() {
    let doc = vectors();
    let data = Data::load(&doc);
    for case in doc["categorical"].as_array().unwrap() {
        let labels = case["labels"].as_bool().unwrap();
        let numbers = |spec: &Value| -> Vec<f64> {
            let values = data.slice(spec);
            if spec[0] == "rain" {
                values.to_vec()
            } else {
                values.iter().map(|v| v.floor()).collect()
            }
        };
        let (na, nb) = (numbers(&case["reference"]), numbers(&case["current"]));
        let text =
            |v: &[f64]| -> Vec<String> { v.iter().map(|x| format!("b{}", *x as i64)).collect() };
        let (la, lb) = (text(&na), text(&nb));
        let (a, b): (Sample, Sample) = if labels {
            (la.as_slice().into(), lb.as_slice().into())
        } else {
            (Sample::Codes(&na), Sample::Codes(&nb))
        };
        let what = |test: &str| {
            format!(
                "{test} {} vs {} labels={labels}",
                case["reference"], case["current"]
            )
        };
        let want = |k: &str| case[k].as_f64().unwrap();
        close(
            chisquare(a, b, 0.05).unwrap().pvalue.unwrap(),
            want("chisquare"),
            1e-9,
            &what("chisquare"),
        );
        close(
            z_test(a, b, 0.05).unwrap().pvalue.unwrap(),
            want("z"),
            1e-9,
            &what("z"),
        );
        let options = BinnedOptions {
            binning: Binning::Sturges,
            ..Default::default()
        };
        close(
            psi(a, b, &options).unwrap().statistic,
            want("psi"),
            1e-9,
            &what("psi"),
        );
        close(
            kl_divergence(a, b, &options).unwrap().statistic,
            want("kl"),
            1e-9,
            &what("kl"),
        );
        close(
            jensen_shannon(a, b, &options).unwrap().statistic,
            want("jensenshannon"),
            1e-9,
            &what("js"),
        );
        close(
            hellinger(a, b, 0.1).unwrap().statistic,
            want("hellinger"),
            1e-9,
            &what("hellinger"),
        );
        let tvd_result = tvd(a, b, 0.05, 200, 1).unwrap();
        close(
            tvd_result.statistic,
            want("tvd_statistic"),
            1e-12,
            &what("tvd"),
        );
        if let Some(g) = case["g_test"].as_array() {
            let r = g_test(a, b, 0.05).unwrap();
            close(
                r.statistic,
                g[0].as_f64().unwrap(),
                1e-9,
                &what("g statistic"),
            );
            close(
                r.pvalue.unwrap(),
                g[1].as_f64().unwrap(),
                1e-9,
                &what("g pvalue"),
            );
        }
        if let Some(f) = case.get("fisher").and_then(Value::as_array) {
            let r = fisher_exact(a, b, 0.05).unwrap();
            close(
                r.statistic,
                f[0].as_f64().unwrap(),
                1e-9,
                &what("fisher odds"),
            );
            close(
                r.pvalue.unwrap(),
                f[1].as_f64().unwrap(),
                1e-9,
                &what("fisher p"),
            );
        }
    }
}
