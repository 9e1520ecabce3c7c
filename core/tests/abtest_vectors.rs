//! Checks the abtest engine against the scipy/statsmodels/gbstats vectors shared with the
//! Python and Node suites.
#![cfg(feature = "abtest")]

use edgekit::abtest::*;
use serde_json::Value;

fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/abtest.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("vector file")).expect("valid JSON")
}

fn num(v: &Value) -> f64 {
    match v {
        Value::String(s) if s == "inf" => f64::INFINITY,
        Value::String(s) if s == "-inf" => f64::NEG_INFINITY,
        Value::Null => f64::NAN,
        v => v.as_f64().unwrap_or_else(|| panic!("not a number: {v}")),
    }
}

fn close(what: &str, got: f64, want: &Value, tol: &Value) {
    let want = num(want);
    let (rtol, atol) = (num(&tol["rtol"]), num(&tol["atol"]));
    let ok = if want.is_infinite() {
        got == want
    } else {
        (got - want).abs() <= rtol * want.abs() + atol
    };
    assert!(ok, "{what}: got {got:e}, want {want:e}");
}

fn str_option<T: std::str::FromStr>(o: &Value, key: &str) -> Option<T>
where
    T::Err: std::fmt::Debug,
{
    o.get(key)
        .map(|v| v.as_str().unwrap().parse::<T>().unwrap())
}

#[test]
fn two_proportions_match_statsmodels_scipy_and_gbstats() {
    let doc = vectors();
    let tol = &doc["tolerance"];
    for case in doc["two_proportions"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let (args, o) = (&case["args"], &case["options"]);
        let options = TwoProportionsOptions {
            alternative: str_option(o, "alternative").unwrap(),
            method: str_option(o, "method").unwrap(),
            ci_method: str_option(o, "ci_method").unwrap(),
            confidence: num(&o["confidence"]),
        };
        let count = |k: &str| args[k].as_i64().unwrap();
        let r = two_proportions(
            count("x_a"),
            count("n_a"),
            count("x_b"),
            count("n_b"),
            &options,
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        let want = &case["expected"];
        close(
            &format!("{name}.statistic"),
            r.statistic,
            &want["statistic"],
            tol,
        );
        close(&format!("{name}.pvalue"), r.pvalue, &want["pvalue"], tol);
        close(&format!("{name}.effect"), r.effect, &want["effect"], tol);
        close(&format!("{name}.ci.low"), r.ci.0, &want["ci"][0], tol);
        close(&format!("{name}.ci.high"), r.ci.1, &want["ci"][1], tol);
        if let Some(rel) = want.get("relative_effect") {
            close(
                &format!("{name}.relative"),
                r.relative_effect.unwrap(),
                rel,
                tol,
            );
            let ci = r.relative_ci.unwrap();
            close(
                &format!("{name}.relative_ci.low"),
                ci.0,
                &want["relative_ci"][0],
                tol,
            );
            close(
                &format!("{name}.relative_ci.high"),
                ci.1,
                &want["relative_ci"][1],
                tol,
            );
        } else {
            assert_eq!(r.relative_effect, None, "{name}");
        }
    }
}

#[test]
fn proportion_intervals_match_statsmodels() {
    let doc = vectors();
    for case in doc["proportion_ci"].as_array().unwrap() {
        let method: ProportionInterval = str_option(case, "method").unwrap();
        let (x, n) = (case["x"].as_i64().unwrap(), case["n"].as_i64().unwrap());
        let (low, high) = proportion_ci(x, n, method, num(&case["confidence"])).unwrap();
        let what = format!("{x}/{n} {method:?} {}", case["confidence"]);
        close(
            &format!("{what} low"),
            low,
            &case["expected"][0],
            &doc["tolerance"],
        );
        close(
            &format!("{what} high"),
            high,
            &case["expected"][1],
            &doc["tolerance"],
        );
    }
}

#[test]
fn t_tests_match_scipy_and_gbstats() {
    let doc = vectors();
    let tol = &doc["tolerance"];
    for case in doc["t_test"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let o = &case["options"];
        let options = MeansOptions {
            alternative: str_option(o, "alternative").unwrap(),
            confidence: num(&o["confidence"]),
            equal_var: o["equal_var"].as_bool().unwrap(),
        };
        let summary = |g: &Value| GroupSummary {
            n: num(&g["n"]),
            mean: num(&g["mean"]),
            variance: num(&g["variance"]),
        };
        let from_summary = t_test(
            &summary(&case["summary"]["a"]),
            &summary(&case["summary"]["b"]),
            &options,
        )
        .unwrap();
        let mut results = vec![("summary", from_summary)];
        if let Some(values) = case.get("values") {
            let read =
                |k: &str| -> Vec<f64> { values[k].as_array().unwrap().iter().map(num).collect() };
            let a = GroupSummary::from_values(&read("a"), "a").unwrap();
            let b = GroupSummary::from_values(&read("b"), "b").unwrap();
            results.push(("values", t_test(&a, &b, &options).unwrap()));
        }
        let want = &case["expected"];
        for (source, r) in results {
            let what = format!("{name} ({source})");
            close(
                &format!("{what}.statistic"),
                r.statistic,
                &want["statistic"],
                tol,
            );
            close(&format!("{what}.pvalue"), r.pvalue, &want["pvalue"], tol);
            close(&format!("{what}.df"), r.df.unwrap(), &want["df"], tol);
            close(&format!("{what}.effect"), r.effect, &want["effect"], tol);
            close(&format!("{what}.ci.low"), r.ci.0, &want["ci"][0], tol);
            close(&format!("{what}.ci.high"), r.ci.1, &want["ci"][1], tol);
            close(
                &format!("{what}.relative"),
                r.relative_effect.unwrap(),
                &want["relative_effect"],
                tol,
            );
            let ci = r.relative_ci.unwrap();
            close(
                &format!("{what}.relative_ci.low"),
                ci.0,
                &want["relative_ci"][0],
                tol,
            );
            close(
                &format!("{what}.relative_ci.high"),
                ci.1,
                &want["relative_ci"][1],
                tol,
            );
        }
    }
}

#[test]
fn srm_adjustments_and_power_match_references() {
    let doc = vectors();
    let tol = &doc["tolerance"];
    for case in doc["srm"].as_array().unwrap() {
        let counts: Vec<i64> = case["counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_i64().unwrap())
            .collect();
        let weights: Vec<f64> = case["weights"]
            .as_array()
            .unwrap()
            .iter()
            .map(num)
            .collect();
        let r = srm(&counts, Some(&weights)).unwrap();
        close(
            "srm.statistic",
            r.statistic,
            &case["expected"]["statistic"],
            tol,
        );
        close("srm.pvalue", r.pvalue, &case["expected"]["pvalue"], tol);
        assert_eq!(r.df, num(&case["expected"]["df"]));
    }
    for case in doc["adjust_pvalues"].as_array().unwrap() {
        let pvalues: Vec<f64> = case["pvalues"]
            .as_array()
            .unwrap()
            .iter()
            .map(num)
            .collect();
        let method: Correction = str_option(case, "method").unwrap();
        let got = adjust_pvalues(&pvalues, method).unwrap();
        for (i, (g, w)) in got
            .iter()
            .zip(case["expected"].as_array().unwrap())
            .enumerate()
        {
            close(&format!("{method:?}[{i}] of {pvalues:?}"), *g, w, tol);
        }
    }
    for case in doc["power"].as_array().unwrap() {
        let options = PowerOptions {
            alpha: num(&case["alpha"]),
            ratio: num(&case["ratio"]),
            alternative: str_option(case, "alternative").unwrap(),
            test: str_option(case, "test").unwrap(),
            ..Default::default()
        };
        let got = power(num(&case["effect_size"]), num(&case["n_a"]), &options).unwrap();
        close("power", got, &case["expected"], tol);
    }
    for case in doc["sample_size"].as_array().unwrap() {
        let options = PowerOptions {
            alpha: num(&case["alpha"]),
            power: num(&case["power"]),
            ratio: num(&case["ratio"]),
            alternative: str_option(case, "alternative").unwrap(),
            test: str_option(case, "test").unwrap(),
        };
        let got = sample_size(num(&case["effect_size"]), &options).unwrap();
        close(
            "sample_size.n_a",
            got.n_a,
            &case["expected_n_a"],
            &doc["tolerance_sample_size"],
        );
        let back = power(num(&case["effect_size"]), got.n_a, &options).unwrap();
        // The noncentral t series carries ~1e-12 of rounding; the normal power is smooth.
        let exact = if options.test == PowerTest::T {
            1e-10
        } else {
            1e-12
        };
        assert!(
            (back - options.power).abs() < exact,
            "power at the solution is {back}"
        );
    }
    for case in doc["proportion_effect_size"].as_array().unwrap() {
        let got = proportion_effect_size(num(&case["p_a"]), num(&case["p_b"])).unwrap();
        close("cohen_h", got, &case["expected"], tol);
    }
}

#[test]
fn mann_whitney_matches_scipy() {
    let doc = vectors();
    let tol = &doc["tolerance"];
    for case in doc["mann_whitney"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let read = |k: &str| -> Vec<f64> { case[k].as_array().unwrap().iter().map(num).collect() };
        let o = &case["options"];
        let options = MannWhitneyOptions {
            alternative: str_option(o, "alternative").unwrap(),
            method: str_option(o, "method").unwrap(),
            use_continuity: o["use_continuity"].as_bool().unwrap(),
        };
        let r = mann_whitney(&read("a"), &read("b"), &options).unwrap();
        close(
            &format!("{name}.statistic"),
            r.statistic,
            &case["expected"]["statistic"],
            tol,
        );
        close(
            &format!("{name}.pvalue"),
            r.pvalue,
            &case["expected"]["pvalue"],
            tol,
        );
    }
}

#[test]
fn bayes_gaussian_matches_gbstats() {
    let doc = vectors();
    let tol = &doc["tolerance"];
    for case in doc["bayes_gaussian"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let summary = |g: &Value| GroupSummary {
            n: num(&g["n"]),
            mean: num(&g["mean"]),
            variance: num(&g["variance"]),
        };
        let (mut a, mut b) = (summary(&case["a"]), summary(&case["b"]));
        if case["kind"] == "conversions" {
            let c = &case["counts"];
            let count = |k: &str| c[k].as_i64().unwrap();
            a = GroupSummary::from_conversions(count("x_a"), count("n_a")).unwrap();
            b = GroupSummary::from_conversions(count("x_b"), count("n_b")).unwrap();
        }
        let o = &case["options"];
        let options = BayesOptions {
            relative: o["relative"].as_bool().unwrap(),
            prior_mean: num(&o["prior_mean"]),
            prior_variance: num(&o["prior_variance"]),
            proper_prior: o["proper_prior"].as_bool().unwrap(),
            confidence: num(&o["confidence"]),
        };
        let r = bayes_gaussian(&a, &b, &options).unwrap();
        let w = &case["expected"];
        close(&format!("{name}.expected"), r.expected, &w["expected"], tol);
        close(&format!("{name}.std"), r.std, &w["std"], tol);
        close(&format!("{name}.ci.low"), r.ci.0, &w["ci"][0], tol);
        close(&format!("{name}.ci.high"), r.ci.1, &w["ci"][1], tol);
        close(
            &format!("{name}.chance_to_win"),
            r.chance_to_win,
            &w["chance_to_win"],
            tol,
        );
        close(
            &format!("{name}.risk_control"),
            r.risk_control,
            &w["risk_control"],
            tol,
        );
        close(
            &format!("{name}.risk_treatment"),
            r.risk_treatment,
            &w["risk_treatment"],
            tol,
        );
    }
}

#[test]
fn sequential_matches_gbstats() {
    let doc = vectors();
    let tol = &doc["tolerance"];
    for case in doc["sequential"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let summary = |g: &Value| GroupSummary {
            n: num(&g["n"]),
            mean: num(&g["mean"]),
            variance: num(&g["variance"]),
        };
        let o = &case["options"];
        let options = SequentialOptions {
            relative: o["relative"].as_bool().unwrap(),
            tuning: num(&o["tuning"]),
            confidence: num(&o["confidence"]),
        };
        let r = sequential(&summary(&case["a"]), &summary(&case["b"]), &options).unwrap();
        let w = &case["expected"];
        close(&format!("{name}.effect"), r.effect, &w["effect"], tol);
        close(&format!("{name}.ci.low"), r.ci.0, &w["ci"][0], tol);
        close(&format!("{name}.ci.high"), r.ci.1, &w["ci"][1], tol);
        close(&format!("{name}.pvalue"), r.pvalue, &w["pvalue"], tol);
        // gbstats' asymptotic confidence sequence is the normal-mixture mSPRT with
        // τ² = V·n·ρ²: the default mSPRT must reproduce it.
        let mixture = MsprtOptions {
            relative: options.relative,
            tuning: options.tuning,
            confidence: options.confidence,
            ..Default::default()
        };
        let m = msprt(&summary(&case["a"]), &summary(&case["b"]), &mixture).unwrap();
        close(&format!("{name}.msprt.ci.low"), m.ci.0, &w["ci"][0], tol);
        close(&format!("{name}.msprt.ci.high"), m.ci.1, &w["ci"][1], tol);
        close(&format!("{name}.msprt.pvalue"), m.pvalue, &w["pvalue"], tol);
    }
}

#[test]
fn cuped_and_ratio_metrics_match_gbstats() {
    let doc = vectors();
    let tol = &doc["tolerance"];
    for case in doc["adjusted"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let v = &case["values"];
        let read = |k: &str| -> Vec<f64> { v[k].as_array().unwrap().iter().map(num).collect() };
        let a = PairedSummary::from_values(&read("a"), &read("a_pre"), ("a", "a_pre")).unwrap();
        let b = PairedSummary::from_values(&read("b"), &read("b_pre"), ("b", "b_pre")).unwrap();
        let o = &case["options"];
        let options = AdjustedOptions {
            alternative: str_option(o, "alternative").unwrap(),
            confidence: num(&o["confidence"]),
        };
        let r = if case["kind"] == "cuped" {
            close(
                &format!("{name}.theta"),
                cuped_theta(&a, &b),
                &case["expected"]["theta"],
                tol,
            );
            // CUPED of a ratio whose denominators are all 1 is plain CUPED: same vectors.
            let ones = |k: &str| vec![1.0; read(k).len()];
            let ratio = |arm: &str| {
                let pre = format!("{arm}_pre");
                let columns = [read(arm), ones(arm), read(&pre), ones(arm)];
                RatioCupedSummary::from_values(
                    [&columns[0], &columns[1], &columns[2], &columns[3]],
                    ["y", "n", "x", "m"],
                )
                .unwrap()
            };
            let via_ratio = cuped_ratio(&ratio("a"), &ratio("b"), &options).unwrap();
            let w = &case["expected"];
            close(
                &format!("{name}.ratio.effect"),
                via_ratio.effect,
                &w["effect"],
                tol,
            );
            close(
                &format!("{name}.ratio.ci.low"),
                via_ratio.ci.0,
                &w["ci"][0],
                tol,
            );
            close(
                &format!("{name}.ratio.ci.high"),
                via_ratio.ci.1,
                &w["ci"][1],
                tol,
            );
            cuped(&a, &b, &options).unwrap()
        } else {
            ratio_metric(&a, &b, &options).unwrap()
        };
        let w = &case["expected"];
        close(&format!("{name}.effect"), r.effect, &w["effect"], tol);
        close(&format!("{name}.ci.low"), r.ci.0, &w["ci"][0], tol);
        close(&format!("{name}.ci.high"), r.ci.1, &w["ci"][1], tol);
        if let Some(p) = w.get("pvalue") {
            close(&format!("{name}.pvalue"), r.pvalue, p, tol);
        }
        close(
            &format!("{name}.relative"),
            r.relative_effect.unwrap(),
            &w["relative_effect"],
            tol,
        );
        let rel = r.relative_ci.unwrap();
        close(
            &format!("{name}.relative_ci.low"),
            rel.0,
            &w["relative_ci"][0],
            tol,
        );
        close(
            &format!("{name}.relative_ci.high"),
            rel.1,
            &w["relative_ci"][1],
            tol,
        );
    }
}

#[test]
fn mcnemar_matches_statsmodels() {
    let doc = vectors();
    let tol = &doc["tolerance"];
    for case in doc["mcnemar"].as_array().unwrap() {
        let o = &case["options"];
        let options = McNemarOptions {
            exact: o["exact"].as_bool().unwrap(),
            correction: o["correction"].as_bool().unwrap(),
        };
        let (a, b) = (
            case["only_a"].as_i64().unwrap(),
            case["only_b"].as_i64().unwrap(),
        );
        let r = mcnemar_counts(a, b, &options).unwrap();
        let what = format!("mcnemar({a}, {b}, {options:?})");
        close(
            &format!("{what}.statistic"),
            r.statistic,
            &case["expected"]["statistic"],
            tol,
        );
        close(
            &format!("{what}.pvalue"),
            r.pvalue,
            &case["expected"]["pvalue"],
            tol,
        );
    }
}

#[test]
fn delong_matches_the_definition() {
    let doc = vectors();
    let tol = &doc["tolerance"];
    for case in doc["delong"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let labels: Vec<bool> = case["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_bool().unwrap())
            .collect();
        let read = |k: &str| -> Vec<f64> { case[k].as_array().unwrap().iter().map(num).collect() };
        let o = &case["options"];
        let options = DeLongOptions {
            alternative: str_option(o, "alternative").unwrap(),
            confidence: num(&o["confidence"]),
        };
        let r = delong(&labels, &read("a"), &read("b"), &options).unwrap();
        let w = &case["expected"];
        for (field, got) in [
            ("auc_a", r.auc_a),
            ("auc_b", r.auc_b),
            ("statistic", r.statistic),
            ("pvalue", r.pvalue),
            ("se", r.se),
        ] {
            close(&format!("{name}.{field}"), got, &w[field], tol);
        }
        close(&format!("{name}.ci.low"), r.ci.0, &w["ci"][0], tol);
        close(&format!("{name}.ci.high"), r.ci.1, &w["ci"][1], tol);
    }
}

#[test]
fn diebold_mariano_matches_the_dieboldmariano_package() {
    let doc = vectors();
    let tol = &doc["tolerance"];
    for case in doc["diebold_mariano"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let read = |k: &str| -> Vec<f64> { case[k].as_array().unwrap().iter().map(num).collect() };
        let o = &case["options"];
        let options = DieboldMarianoOptions {
            horizon: o["horizon"].as_u64().unwrap() as usize,
            harvey: o["harvey"].as_bool().unwrap(),
            variance: str_option(o, "variance").unwrap(),
            alternative: str_option(o, "alternative").unwrap(),
        };
        let r = diebold_mariano(&read("loss_a"), &read("loss_b"), &options).unwrap();
        close(
            &format!("{name}.statistic"),
            r.statistic,
            &case["expected"]["statistic"],
            tol,
        );
        close(
            &format!("{name}.pvalue"),
            r.pvalue,
            &case["expected"]["pvalue"],
            tol,
        );
    }
}

#[test]
fn bootstrap_agrees_with_scipy_within_monte_carlo_error() {
    let doc = vectors();
    let tol = &doc["tolerance"];
    for case in doc["bootstrap"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let read = |k: &str| -> Vec<f64> { case[k].as_array().unwrap().iter().map(num).collect() };
        let (a, b) = (read("a"), read("b"));
        let o = &case["options"];
        let options = BootstrapOptions {
            statistic: str_option(o, "statistic").unwrap(),
            method: str_option(o, "method").unwrap(),
            alternative: str_option(o, "alternative").unwrap(),
            confidence: num(&o["confidence"]),
            n_resamples: 9999,
            seed: 2026,
            quantile: o.get("quantile").map_or(0.5, num),
        };
        let w = &case["expected"];
        close(
            &format!("{name}.acceleration"),
            bca_acceleration(&a, &b, &options),
            &w["acceleration"],
            tol,
        );
        let r = bootstrap(&a, &b, &options).unwrap();
        close(&format!("{name}.estimate"), r.estimate, &w["estimate"], tol);
        let (low, high) = (num(&w["ci"][0]), num(&w["ci"][1]));
        let width = if low.is_finite() && high.is_finite() {
            high - low
        } else {
            2.0 * 1.96 * num(&w["standard_error"])
        };
        for (got, want) in [(r.ci.0, low), (r.ci.1, high)] {
            if want.is_infinite() {
                assert_eq!(got, want, "{name}");
            } else {
                assert!(
                    (got - want).abs() <= 0.05 * width,
                    "{name}: {got} vs {want} (width {width})"
                );
            }
        }
        let se = num(&w["standard_error"]);
        assert!(
            (r.standard_error - se).abs() <= 0.03 * se,
            "{name}: se {} vs {se}",
            r.standard_error
        );
    }
}

#[test]
fn brunner_munzel_matches_scipy() {
    let doc = vectors();
    let tol = &doc["tolerance"];
    for case in doc["brunner_munzel"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let read = |k: &str| -> Vec<f64> { case[k].as_array().unwrap().iter().map(num).collect() };
        let o = &case["options"];
        let options = BrunnerMunzelOptions {
            alternative: str_option(o, "alternative").unwrap(),
            t_distribution: o["t_distribution"].as_bool().unwrap(),
        };
        let (a, b) = (read("a"), read("b"));
        let r = brunner_munzel(&a, &b, &options).unwrap();
        close(
            &format!("{name}.statistic"),
            r.statistic,
            &case["expected"]["statistic"],
            tol,
        );
        close(
            &format!("{name}.pvalue"),
            r.pvalue,
            &case["expected"]["pvalue"],
            tol,
        );
        let u = mann_whitney(&a, &b, &MannWhitneyOptions::default()).unwrap();
        assert!((r.probability_of_superiority - u.probability_of_superiority).abs() < 1e-12);
    }
}

#[test]
fn risk_and_odds_ratio_intervals_match_statsmodels() {
    let doc = vectors();
    let tol = &doc["tolerance"];
    let cases = doc["ratios"].as_array().unwrap();
    assert!(cases.len() >= 30);
    for case in cases {
        let args = &case["args"];
        let count = |k: &str| args[k].as_i64().unwrap();
        let (xa, na, xb, nb) = (count("x_a"), count("n_a"), count("x_b"), count("n_b"));
        let confidence = num(&case["confidence"]);
        let method = case["method"].as_str().unwrap();
        let r = if case["compare"] == "ratio" {
            risk_ratio(xa, na, xb, nb, method.parse().unwrap(), confidence)
        } else {
            odds_ratio(xa, na, xb, nb, method.parse().unwrap(), confidence)
        };
        let what = format!("{} {method} {xa}/{na} vs {xb}/{nb}", case["compare"]);
        let r = r.unwrap_or_else(|e| panic!("{what}: {e}"));
        close(&format!("{what} low"), r.ci.0, &case["expected"][0], tol);
        close(&format!("{what} high"), r.ci.1, &case["expected"][1], tol);
    }
}

#[test]
fn permutation_test_agrees_with_scipy_within_monte_carlo_error() {
    let doc = vectors();
    for case in doc["permutation"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let read = |k: &str| -> Vec<f64> { case[k].as_array().unwrap().iter().map(num).collect() };
        let options = PermutationOptions {
            alternative: str_option(&case["options"], "alternative").unwrap(),
            n_resamples: 9999,
            seed: 2026,
        };
        let r = permutation_test(&read("a"), &read("b"), &options).unwrap();
        close(
            &format!("{name}.statistic"),
            r.statistic,
            &case["expected"]["statistic"],
            &doc["tolerance"],
        );
        let want = num(&case["expected"]["pvalue"]);
        let allowed = 4.0 * (want * (1.0 - want) / 9999.0).sqrt() + 2.0 / 9999.0;
        assert!(
            (r.pvalue - want).abs() <= allowed,
            "{name}: p {} vs scipy {want}",
            r.pvalue
        );
    }
}

#[test]
fn beta_binomial_matches_the_defining_integrals() {
    let doc = vectors();
    let tol = &doc["tolerance"];
    for case in doc["bayes_binomial"].as_array().unwrap() {
        let args = &case["args"];
        let count = |k: &str| args[k].as_i64().unwrap();
        let o = &case["options"];
        let options = BetaBinomialOptions {
            prior_alpha: num(&o["prior_alpha"]),
            prior_beta: num(&o["prior_beta"]),
            confidence: num(&o["confidence"]),
            ..Default::default()
        };
        let r = bayes_binomial(
            count("x_a"),
            count("n_a"),
            count("x_b"),
            count("n_b"),
            &options,
        )
        .unwrap();
        let w = &case["expected"];
        let what = format!("{args}");
        close(
            &format!("{what}.chance"),
            r.chance_to_beat_control,
            &w["chance_to_beat_control"],
            tol,
        );
        close(
            &format!("{what}.loss_b"),
            r.expected_loss_b,
            &w["expected_loss_b"],
            tol,
        );
        close(
            &format!("{what}.loss_a"),
            r.expected_loss_a,
            &w["expected_loss_a"],
            tol,
        );
        for (got, want) in [
            (r.ci_a.0, &w["ci_a"][0]),
            (r.ci_a.1, &w["ci_a"][1]),
            (r.ci_b.0, &w["ci_b"][0]),
            (r.ci_b.1, &w["ci_b"][1]),
        ] {
            close(&format!("{what}.ci"), got, want, tol);
        }
    }
}

#[test]
fn group_sequential_boundaries_match_references() {
    let doc = vectors();
    for case in doc["group_sequential"].as_array().unwrap() {
        let information: Vec<f64> = case["information"]
            .as_array()
            .unwrap()
            .iter()
            .map(num)
            .collect();
        let options = GroupSequentialOptions {
            alpha: num(&case["alpha"]),
            spending: str_option(case, "spending").unwrap(),
            alternative: str_option(case, "alternative").unwrap(),
        };
        let r = group_sequential(&information, &[], &options).unwrap();
        let rtol = num(&case["rtol"]);
        for (look, want) in r
            .looks
            .iter()
            .zip(case["expected_boundaries"].as_array().unwrap())
        {
            let want = num(want);
            assert!(
                (look.boundary - want).abs() <= rtol * want,
                "{information:?} {:?}: {} vs {want} ({})",
                options.spending,
                look.boundary,
                case["source"]
            );
        }
        let last = r.looks.last().unwrap();
        assert!((last.cumulative_alpha - options.alpha).abs() < 1e-12);
    }
}

#[test]
fn paired_bootstrap_agrees_with_scipy_within_monte_carlo_error() {
    let doc = vectors();
    let tol = &doc["tolerance"];
    for case in doc["paired_bootstrap"].as_array().unwrap() {
        let read = |k: &str| -> Vec<f64> { case[k].as_array().unwrap().iter().map(num).collect() };
        let metric: ModelMetric = str_option(case, "metric").unwrap();
        let options = BootstrapOptions {
            method: str_option(case, "method").unwrap(),
            alternative: str_option(case, "alternative").unwrap(),
            seed: 99,
            ..Default::default()
        };
        let r = paired_bootstrap(
            &read("y"),
            &read("pred_a"),
            &read("pred_b"),
            metric,
            &options,
        )
        .unwrap();
        let w = &case["expected"];
        close(
            &format!("{metric:?}.estimate"),
            r.estimate,
            &w["estimate"],
            tol,
        );
        let se = num(&w["standard_error"]);
        assert!((r.standard_error - se).abs() <= 0.03 * se, "{metric:?} se");
        let (low, high) = (num(&w["ci"][0]), num(&w["ci"][1]));
        let width = 2.0 * 1.96 * se;
        for (got, want) in [(r.ci.0, low), (r.ci.1, high)] {
            if want.is_infinite() {
                assert_eq!(got, want);
            } else {
                assert!(
                    (got - want).abs() <= 0.05 * width,
                    "{metric:?}: {got} vs {want}"
                );
            }
        }
    }
}

#[test]
fn beta_binomial_sampling_agrees_with_the_integrals_within_monte_carlo_error() {
    let doc = vectors();
    for case in doc["bayes_binomial_sampling"].as_array().unwrap() {
        let args = &case["args"];
        let count = |k: &str| args[k].as_i64().unwrap();
        let o = &case["options"];
        let options = BetaBinomialOptions {
            prior_alpha: num(&o["prior_alpha"]),
            prior_beta: num(&o["prior_beta"]),
            method: str_option(o, "method").unwrap(),
            samples: o["samples"].as_u64().unwrap() as usize,
            seed: o["seed"].as_u64().unwrap(),
            ..Default::default()
        };
        let run = || {
            bayes_binomial(
                count("x_a"),
                count("n_a"),
                count("x_b"),
                count("n_b"),
                &options,
            )
        };
        let r = run().unwrap();
        assert_eq!(r, run().unwrap(), "same seed, same draws");
        let w = &case["expected"];
        let chance = num(&w["chance_to_beat_control"]);
        let se = (chance * (1.0 - chance) / options.samples as f64).sqrt();
        assert!(
            (r.chance_to_beat_control - chance).abs() <= 5.0 * se,
            "{args} chance"
        );
        for (got, key) in [
            (r.expected_loss_b, "expected_loss_b"),
            (r.expected_loss_a, "expected_loss_a"),
        ] {
            let want = num(&w[key]);
            assert!(
                (got - want).abs() <= 0.03 * want,
                "{args} {key}: {got} vs {want}"
            );
        }
    }
}

#[test]
fn t_test_batch_matches_the_vectors_row_by_row() {
    let doc = vectors();
    let tol = &doc["tolerance"];
    for case in doc["t_test"].as_array().unwrap() {
        let s = &case["summary"];
        let column = |g: &str, f: &str| vec![num(&s[g][f]); 3];
        let o = &case["options"];
        let options = MeansOptions {
            alternative: str_option(o, "alternative").unwrap(),
            confidence: num(&o["confidence"]),
            equal_var: o["equal_var"].as_bool().unwrap(),
        };
        let (na, ma, va) = (
            column("a", "n"),
            column("a", "mean"),
            column("a", "variance"),
        );
        let (nb, mb, vb) = (
            column("b", "n"),
            column("b", "mean"),
            column("b", "variance"),
        );
        let r = t_test_batch([&na, &ma, &va], [&nb, &mb, &vb], &options).unwrap();
        let w = &case["expected"];
        for i in 0..3 {
            close("batch.statistic", r.statistic[i], &w["statistic"], tol);
            close("batch.pvalue", r.pvalue[i], &w["pvalue"], tol);
            close("batch.ci_low", r.ci_low[i], &w["ci"][0], tol);
        }
    }
}
