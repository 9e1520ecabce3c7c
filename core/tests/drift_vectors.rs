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

fn csv_column(file: &str, name: &str) -> Vec<f64> {
    let text = std::fs::read_to_string(root().join("examples/data").join(file)).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let index = header.iter().position(|h| *h == name).unwrap();
    lines
        .map(|line| line.split(',').nth(index).unwrap().parse().unwrap())
        .collect()
}

fn detector(name: &str, p: &Value) -> Box<dyn DriftDetector> {
    let f = |k: &str, default: f64| p.get(k).and_then(Value::as_f64).unwrap_or(default);
    let u = |k: &str, default: u64| p.get(k).and_then(Value::as_u64).unwrap_or(default);
    let b = |k: &str| p.get(k).and_then(Value::as_bool).unwrap_or(false);
    match name {
        "ADWIN" => Box::new(
            Adwin::new(
                f("delta", 0.002),
                u("clock", 32) as u32,
                u("max_buckets", 5) as usize,
                u("min_window_length", 5) as u32,
                u("grace_period", 10) as u32,
            )
            .unwrap(),
        ),
        "PageHinkley" => Box::new(
            PageHinkley::new(
                u("min_instances", 30),
                f("delta", 0.005),
                f("threshold", 50.0),
                f("alpha", 1.0 - 0.0001),
                p.get("mode").and_then(Value::as_str).unwrap_or("both"),
            )
            .unwrap(),
        ),
        "DDM" => Box::new(
            Ddm::new(
                u("warm_start", 30),
                f("warning_threshold", 2.0),
                f("drift_threshold", 3.0),
            )
            .unwrap(),
        ),
        "EDDM" => {
            Box::new(Eddm::new(u("warm_start", 30), f("alpha", 0.95), f("beta", 0.9)).unwrap())
        }
        "HDDM_A" => Box::new(
            HddmA::new(
                f("drift_confidence", 0.001),
                f("warning_confidence", 0.005),
                b("two_sided_test"),
            )
            .unwrap(),
        ),
        "HDDM_W" => Box::new(
            HddmW::new(
                f("drift_confidence", 0.001),
                f("warning_confidence", 0.005),
                f("lambda_val", 0.05),
                b("two_sided_test"),
            )
            .unwrap(),
        ),
        "FHDDM" => Box::new(
            Fhddm::new(
                u("sliding_window_size", 100) as usize,
                f("confidence_level", 0.000001),
                p.get("short_window_size")
                    .and_then(Value::as_u64)
                    .map(|v| v as usize),
            )
            .unwrap(),
        ),
        other => panic!("unknown detector {other}"),
    }
}

#[test]
fn detectors_fire_where_river_fires() {
    let doc = vectors();
    let data = Data::load(&doc);
    let col = |name: &str| data.columns[data.names.iter().position(|n| n == name).unwrap()].clone();
    let errors: Vec<f64> = col("dew_point")
        .iter()
        .zip(col("rain"))
        .map(|(d, r)| f64::from(((*d > 0.6) as u8 as f64) != r))
        .collect();
    for case in doc["detectors"].as_array().unwrap() {
        let name = case["detector"].as_str().unwrap();
        let stream = match case["stream"].as_str().unwrap() {
            "errors" => errors.clone(),
            "correct" => errors.iter().map(|e| 1.0 - e).collect(),
            "brent" => csv_column("brent_crude_oil.csv", "DPB"),
            "apple_close" => csv_column("apple.csv", "Close"),
            column => col(column),
        };
        let mut d = detector(name, &case["params"]);
        let (mut fired, mut warned) = (Vec::new(), Vec::new());
        for (i, &x) in stream.iter().enumerate() {
            if d.update(x).unwrap() {
                fired.push(i as u64);
            }
            if d.warning_detected() {
                warned.push(i as u64);
            }
        }
        let want = |k: &str| -> Vec<u64> {
            case[k]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap())
                .collect()
        };
        assert_eq!(
            fired,
            want("fired"),
            "{name} {} drift indices",
            case["params"]
        );
        assert_eq!(
            warned,
            want("warned"),
            "{name} {} warning indices",
            case["params"]
        );
        // The batch path gives the same indices.
        let mut again = detector(name, &case["params"]);
        let batch: Vec<u64> = again
            .update_many(&stream)
            .unwrap()
            .into_iter()
            .map(|i| i as u64)
            .collect();
        assert_eq!(batch, fired, "{name} update_many");
    }
}

#[test]
fn goodness_of_fit_tests_match_scipy() {
    let doc = vectors();
    let data = Data::load(&doc);
    for case in doc["goodness"].as_array().unwrap() {
        let (a, b) = (data.slice(&case["reference"]), data.slice(&case["current"]));
        let what = |test: &str| format!("{test} {} vs {}", case["reference"], case["current"]);
        let mut checks = vec![
            ("anderson", anderson_darling(a, b, 0.1).unwrap()),
            ("cramer_von_mises", cramer_von_mises(a, b, 0.1).unwrap()),
        ];
        if let Some(want) = case.get("mmd_statistic").and_then(Value::as_f64) {
            let found = mmd(
                a,
                b,
                &MmdOptions {
                    permutations: 20,
                    ..MmdOptions::default()
                },
            )
            .unwrap();
            close(found.statistic, want, 1e-9, &what("mmd"));
        }
        if case.get("epps_singleton").is_some() {
            checks.push(("epps_singleton", epps_singleton(a, b, 0.05).unwrap()));
        }
        for (key, result) in checks {
            let want = case[key].as_array().unwrap();
            close(
                result.statistic,
                want[0].as_f64().unwrap(),
                1e-9,
                &what(key),
            );
            let (got, p) = (result.pvalue.unwrap(), want[1].as_f64().unwrap());
            // scipy's asymptotic CvM p-value is 1 − cdf: below ~1e-6 only its absolute error
            // (~1e-15) is meaningful.
            if key == "cramer_von_mises" && (got - p).abs() < 1e-13 {
                continue;
            }
            close(got, p, 1e-9, &what(key));
        }
    }
}

/// The rainfall frame as the generator builds it: CSV columns (original names) plus `temp_band`.
fn rainfall_frame(start: usize, stop: usize) -> (Vec<String>, Vec<Vec<f64>>, Vec<String>) {
    let text = std::fs::read_to_string(root().join("examples/data/rainfall.csv")).unwrap();
    let header: Vec<String> = text
        .lines()
        .next()
        .unwrap()
        .split(',')
        .skip(1)
        .map(String::from)
        .collect();
    let columns = rainfall();
    let part: Vec<Vec<f64>> = columns.iter().map(|c| c[start..stop].to_vec()).collect();
    let temperature = &part[header.iter().position(|h| h == "temperature").unwrap()];
    let bands = temperature
        .iter()
        .map(|t| format!("b{}", t.floor() as i64))
        .collect();
    (header, part, bands)
}

#[test]
fn report_matches_evidently_data_drift_table() {
    let doc = vectors();
    for case in doc["report"].as_array().unwrap() {
        let range = |k: &str| {
            (
                case[k][0].as_u64().unwrap() as usize,
                case[k][1].as_u64().unwrap() as usize,
            )
        };
        let categorical: Vec<&str> = case
            .get("categorical")
            .and_then(Value::as_array)
            .map(|v| v.iter().map(|s| s.as_str().unwrap()).collect())
            .unwrap_or_default();
        let (names, ref_cols, ref_bands) = {
            let (a, b) = range("reference");
            rainfall_frame(a, b)
        };
        let (_, mut cur_cols, cur_bands) = {
            let (a, b) = range("current");
            rainfall_frame(a, b)
        };
        if let Some(nan) = case.get("current_nan_every").and_then(Value::as_object) {
            for (name, every) in nan {
                let k = names.iter().position(|n| n == name).unwrap();
                let every = every.as_u64().unwrap() as usize;
                cur_cols[k]
                    .iter_mut()
                    .step_by(every)
                    .for_each(|v| *v = f64::NAN);
            }
        }
        let labels =
            |bands: &[String]| -> Vec<Option<String>> { bands.iter().cloned().map(Some).collect() };
        let (ref_labels, cur_labels) = (labels(&ref_bands), labels(&cur_bands));
        let mut reference: Vec<Column> = names
            .iter()
            .zip(&ref_cols)
            .map(|(n, v)| Column {
                name: n,
                values: ColumnValues::Numbers(v),
                categorical: categorical.contains(&n.as_str()),
            })
            .collect();
        reference.push(Column {
            name: "temp_band",
            values: ColumnValues::Labels(&ref_labels),
            categorical: true,
        });
        let mut current: Vec<Column> = names
            .iter()
            .zip(&cur_cols)
            .map(|(n, v)| Column {
                name: n,
                values: ColumnValues::Numbers(v),
                categorical: categorical.contains(&n.as_str()),
            })
            .collect();
        current.push(Column {
            name: "temp_band",
            values: ColumnValues::Labels(&cur_labels),
            categorical: true,
        });
        let options: ReportOptions = serde_json::from_value(case["options"].clone()).unwrap();
        let found = report(Reference::Columns(&reference), &current, &options).unwrap();
        // The same report from a profile fitted in two chunks.
        let half = ref_cols[0].len() / 2;
        let chunk = |range: std::ops::Range<usize>| -> Profile {
            let mut cols: Vec<Column> = names
                .iter()
                .zip(&ref_cols)
                .map(|(n, v)| Column {
                    name: n,
                    values: ColumnValues::Numbers(&v[range.clone()]),
                    categorical: categorical.contains(&n.as_str()),
                })
                .collect();
            cols.push(Column {
                name: "temp_band",
                values: ColumnValues::Labels(&ref_labels[range.clone()]),
                categorical: true,
            });
            Profile::fit(&cols, None, 0).unwrap()
        };
        let merged = chunk(0..half)
            .merge(&chunk(half..ref_cols[0].len()))
            .unwrap();
        let from_profile = report(Reference::Profile(&merged), &current, &options).unwrap();
        let name = case["name"].as_str().unwrap();
        for (a, b) in found.columns.iter().zip(&from_profile.columns) {
            assert_eq!(
                (&a.test, a.drifted),
                (&b.test, b.drifted),
                "{name} {} from a profile",
                a.column
            );
            close(
                b.statistic,
                a.statistic,
                1e-9,
                &format!("{name} {} profile statistic", a.column),
            );
        }
        for row in &found.columns {
            let want = &case["columns"][&row.column];
            let what = format!("{name} {}", row.column);
            assert!(row.error.is_none(), "{what}: {:?}", row.error);
            assert_eq!(
                row.kind.as_str(),
                want["kind"].as_str().unwrap(),
                "{what} kind"
            );
            assert_eq!(row.test, want["test"].as_str().unwrap(), "{what} test");
            assert_eq!(
                row.threshold,
                want["threshold"].as_f64().unwrap(),
                "{what} threshold"
            );
            assert_eq!(
                row.drifted,
                want["drifted"].as_bool().unwrap(),
                "{what} drifted"
            );
            let score = row.pvalue.unwrap_or(row.statistic);
            // TVD's p-value comes from unseeded permutations in Evidently: only the decision is compared.
            if row.test != "TVD" {
                close(score, want["score"].as_f64().unwrap(), 1e-9, &what);
            }
        }
        assert_eq!(
            found.drifted_columns as u64,
            case["drifted_columns"].as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(
            found.dataset_drift,
            case["dataset_drift"].as_bool().unwrap(),
            "{name}"
        );
    }
}

/// The TCPD series as the generator builds them.
fn tcpd_series(name: &str) -> Vec<f64> {
    match name {
        "apple" => csv_column("apple.csv", "Close")
            .into_iter()
            .step_by(3)
            .collect(),
        "brent" => {
            let text =
                std::fs::read_to_string(root().join("examples/data/brent_crude_oil.csv")).unwrap();
            text.lines()
                .skip(1)
                .filter(|l| {
                    let day = l.split(',').next().unwrap();
                    day[day.len() - 4..].parse::<u32>().unwrap() >= 2000
                })
                .map(|l| l.split(',').nth(1).unwrap().parse().unwrap())
                .step_by(10)
                .collect()
        }
        _ => csv_column("airline_passengers.csv", "Total Passengers"),
    }
}

#[test]
fn change_points_match_ruptures_and_scores_match_tcpd() {
    let doc = vectors();
    let cps = &doc["changepoints"];
    let indices = |v: &Value| -> Vec<usize> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_u64().unwrap() as usize)
            .collect()
    };
    for case in cps["cases"].as_array().unwrap() {
        let name = case["series"].as_str().unwrap();
        let x = tcpd_series(name);
        assert_eq!(x.len() as u64, case["n"].as_u64().unwrap());
        let options = ChangePointOptions {
            model: CostModel::parse(case["model"].as_str().unwrap()).unwrap(),
            penalty: Some(case["penalty"].as_f64().unwrap()),
            ..ChangePointOptions::default()
        };
        let what = format!("{name} {} pen={}", case["model"], case["penalty"]);
        let found = pelt(&x, &options).unwrap();
        assert_eq!(found, indices(&case["pelt"]), "PELT {what}");
        assert_eq!(
            binary_segmentation(&x, &options).unwrap(),
            indices(&case["binseg"]),
            "Binseg {what}"
        );
        let annotations: Vec<Vec<usize>> = cps["annotations"][name]
            .as_array()
            .unwrap()
            .iter()
            .map(indices)
            .collect();
        close(
            f1_score(&annotations, &found, 5),
            case["pelt_f1"].as_f64().unwrap(),
            1e-12,
            &what,
        );
        close(
            covering(&annotations, &found, x.len()),
            case["pelt_cover"].as_f64().unwrap(),
            1e-12,
            &what,
        );
    }
}

#[test]
fn window_metrics_match_scikit_learn() {
    let doc = vectors();
    let data = Data::load(&doc);
    let col = |name: &str| data.columns[data.names.iter().position(|n| n == name).unwrap()].clone();
    let (dew, rain) = (col("dew_point"), col("rain"));
    for case in doc["performance"].as_array().unwrap() {
        let (start, stop) = (
            case["start"].as_u64().unwrap() as usize,
            case["stop"].as_u64().unwrap() as usize,
        );
        let mut monitor = PerformanceMonitor::new(Window::Count(stop - start), 10, vec![]).unwrap();
        for i in start..stop {
            let p = 1.0 / (1.0 + (-2.0 * dew[i]).exp());
            monitor.update(p, rain[i] == 1.0, None).unwrap();
        }
        let m = monitor.metrics();
        let what = format!("rows {start}..{stop}");
        for (got, key) in [
            (m.accuracy, "accuracy"),
            (m.brier, "brier"),
            (m.log_loss, "log_loss"),
            (m.ece, "ece"),
            (m.auc.unwrap(), "auc"),
        ] {
            close(
                got,
                case[key].as_f64().unwrap(),
                1e-9,
                &format!("{key} {what}"),
            );
        }
    }
}
