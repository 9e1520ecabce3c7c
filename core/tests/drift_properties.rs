//! Properties of the drift engine that hold whatever the data: profile merges, serialization,
//! sampling error bounds, invariances.

use edgekit::drift::*;

fn noise(n: usize, seed: u64, shift: f64) -> Vec<f64> {
    let mut rng = fastrand::Rng::with_seed(seed);
    // Sum of uniforms: smooth, mostly distinct values.
    (0..n)
        .map(|_| (0..4).map(|_| rng.f64()).sum::<f64>() + shift)
        .collect()
}

fn column<'a>(name: &'a str, values: &'a [f64]) -> Column<'a> {
    Column {
        name,
        values: ColumnValues::Numbers(values),
        categorical: false,
    }
}

#[test]
fn sampled_profiles_merge_to_the_profile_of_the_whole() {
    let whole = noise(20_000, 1, 0.0);
    let fit = |v: &[f64]| Profile::fit(&[column("x", v)], Some(500), 7).unwrap();
    let merged = fit(&whole[..7_000])
        .merge(&fit(&whole[7_000..13_000]))
        .unwrap()
        .merge(&fit(&whole[13_000..]))
        .unwrap();
    let direct = fit(&whole);
    let (m, d) = (
        merged.columns[0].numeric.as_ref().unwrap(),
        direct.columns[0].numeric.as_ref().unwrap(),
    );
    assert!(!d.is_exact() && d.values.len() == 500);
    assert_eq!(
        (&m.values, &m.counts, m.cutoff, m.count, m.min, m.max),
        (&d.values, &d.counts, d.cutoff, d.count, d.min, d.max)
    );
    assert!((m.mean - d.mean).abs() < 1e-12 * d.mean.abs() && (m.m2 - d.m2).abs() < 1e-9 * d.m2);
    // Both serializations round-trip.
    assert_eq!(
        Profile::from_bytes(&merged.to_bytes().unwrap()).unwrap(),
        merged
    );
    let json = serde_json::to_string(&merged).unwrap();
    assert_eq!(serde_json::from_str::<Profile>(&json).unwrap(), merged);
}

#[test]
fn sampled_ks_stays_within_the_documented_bound() {
    let reference = noise(200_000, 2, 0.0);
    let current = noise(5_000, 3, 0.05);
    let exact = ks_2samp(&reference, &current, &KsOptions::default())
        .unwrap()
        .statistic;
    let profile = Profile::fit(&[column("x", &reference)], Some(1 << 14), 11).unwrap();
    let found = report(
        Reference::Profile(&profile),
        &[column("x", &current)],
        &ReportOptions {
            numerical_test: Some("ks".into()),
            ..ReportOptions::default()
        },
    )
    .unwrap();
    // DKW at α = 0.05 for k = 2^14 kept values: √(ln 40 / 2^15) = 0.0106.
    let bound = ((2.0f64 / 0.05).ln() / (2.0 * (1u64 << 14) as f64)).sqrt();
    assert!(
        (found.columns[0].statistic - exact).abs() <= bound,
        "{} vs {exact}",
        found.columns[0].statistic
    );
}

#[test]
fn report_flags_missing_values_and_unseen_categories() {
    let reference: Vec<f64> = noise(3_000, 4, 0.0);
    let mut current = noise(3_000, 5, 0.0);
    current.iter_mut().step_by(3).for_each(|v| *v = f64::NAN);
    let old: Vec<Option<String>> = (0..3_000)
        .map(|i| Some(["a", "b", "c"][i % 3].to_string()))
        .collect();
    let new: Vec<Option<String>> = (0..3_000)
        .map(|i| {
            if i % 10 == 0 {
                None
            } else {
                Some(["a", "b", "d"][i % 3].to_string())
            }
        })
        .collect();
    let found = report(
        Reference::Columns(&[
            column("x", &reference),
            Column {
                name: "g",
                values: ColumnValues::Labels(&old),
                categorical: true,
            },
        ]),
        &[
            column("x", &current),
            Column {
                name: "g",
                values: ColumnValues::Labels(&new),
                categorical: true,
            },
        ],
        &ReportOptions::default(),
    )
    .unwrap();
    let x = &found.columns[0];
    assert!(
        x.missing_drifted
            && x.reference_missing == 0.0
            && (x.current_missing - 1.0 / 3.0).abs() < 1e-3
    );
    assert!(!x.drifted, "the non-missing values did not move");
    let g = &found.columns[1];
    assert_eq!(g.unseen_categories, vec!["d".to_string()]);
    assert!(g.unseen_drifted && g.unseen_share > 0.3);
    assert!(g.missing_drifted);
}

#[test]
fn report_survives_empty_and_constant_columns() {
    let constant = vec![1.0; 500];
    let missing = vec![f64::NAN; 500];
    let found = report(
        Reference::Columns(&[column("c", &constant), column("m", &constant)]),
        &[column("c", &constant), column("m", &missing)],
        &ReportOptions::default(),
    )
    .unwrap();
    assert_eq!(found.columns[0].error, None);
    assert!(!found.columns[0].drifted);
    assert!(
        found.columns[1]
            .error
            .as_deref()
            .unwrap()
            .contains("no non-missing")
    );
    assert!(!found.columns[1].drifted && found.columns[1].missing_drifted);
}

#[test]
fn corrections_only_make_drift_harder_to_declare() {
    let reference: Vec<Vec<f64>> = (0..6).map(|k| noise(400, 10 + k, 0.0)).collect();
    let current: Vec<Vec<f64>> = (0..6)
        .map(|k| noise(400, 20 + k, 0.02 * k as f64))
        .collect();
    let names = ["a", "b", "c", "d", "e", "f"];
    let cols = |data: &'_ [Vec<f64>]| -> Vec<Vec<f64>> { data.to_vec() };
    let (r, c) = (cols(&reference), cols(&current));
    let reference: Vec<Column> = names.iter().zip(&r).map(|(n, v)| column(n, v)).collect();
    let current: Vec<Column> = names.iter().zip(&c).map(|(n, v)| column(n, v)).collect();
    let plain = report(
        Reference::Columns(&reference),
        &current,
        &ReportOptions::default(),
    )
    .unwrap();
    for method in ["bonferroni", "holm", "bh"] {
        let options = ReportOptions {
            correction: Some(method.into()),
            ..ReportOptions::default()
        };
        let corrected = report(Reference::Columns(&reference), &current, &options).unwrap();
        for (p, q) in plain.columns.iter().zip(&corrected.columns) {
            assert!(q.adjusted_pvalue.unwrap() >= p.pvalue.unwrap());
            assert!(!q.drifted || p.drifted, "{method}: {}", p.column);
        }
    }
}

#[test]
fn ks_is_symmetric_in_two_sided_form_and_invariant_to_order() {
    let a = noise(700, 30, 0.0);
    let b = noise(900, 31, 0.1);
    let ab = ks_2samp(&a, &b, &KsOptions::default()).unwrap();
    let ba = ks_2samp(&b, &a, &KsOptions::default()).unwrap();
    assert_eq!(ab.statistic, ba.statistic);
    assert!((ab.pvalue.unwrap() - ba.pvalue.unwrap()).abs() < 1e-12);
    let mut reversed = a.clone();
    reversed.reverse();
    assert_eq!(ks_2samp(&reversed, &b, &KsOptions::default()).unwrap(), ab);
}

#[test]
fn bad_input_is_refused_with_named_errors() {
    let err = ks_2samp(&[1.0, f64::NAN], &[1.0], &KsOptions::default()).unwrap_err();
    assert!(err.to_string().contains("reference[1] is NaN"));
    let err = psi(&[] as &[f64; 0], &[1.0], &BinnedOptions::default()).unwrap_err();
    assert!(matches!(
        err,
        DriftError::Empty {
            argument: "reference"
        }
    ));
    let labels = vec!["a".to_string()];
    let err = chisquare(Sample::Labels(&labels), Sample::Numbers(&[1.0]), 0.05).unwrap_err();
    assert!(
        err.to_string()
            .contains("both be numbers or both be labels")
    );
    let err = report(
        Reference::Columns(&[]),
        &[column("x", &[1.0]), column("x", &[2.0])],
        &ReportOptions::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("appears twice"));
    let options = ReportOptions {
        numerical_test: Some("magic".into()),
        ..ReportOptions::default()
    };
    assert!(
        report(Reference::Columns(&[]), &[], &options)
            .unwrap_err()
            .to_string()
            .contains("magic")
    );
    assert!(Adwin::new(2.0, 32, 5, 5, 10).is_err());
    assert!(Ddm::default().update(2.0).is_err());
}

fn gaussian(n: usize, seed: u64) -> Vec<f64> {
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..n)
        .map(|_| {
            let (u, v) = (rng.f64().max(1e-300), rng.f64());
            (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
        })
        .collect()
}

#[test]
fn bocpd_posterior_is_a_distribution_and_finds_a_shift() {
    let mut detector = Bocpd::default();
    let mut stream = gaussian(600, 40);
    stream[300..].iter_mut().for_each(|v| *v += 2.0);
    let mut fired = Vec::new();
    for (i, &x) in stream.iter().enumerate() {
        if detector.update(x).unwrap() {
            fired.push(i);
        }
        let total: f64 = detector.run_length_posterior().iter().sum();
        assert!((total - 1.0).abs() < 1e-9);
    }
    assert!(fired.iter().any(|&i| (300..320).contains(&i)), "{fired:?}");
    assert!(fired.iter().filter(|&&i| i < 300).count() <= 1, "{fired:?}");
}

#[test]
fn monitor_state_round_trips_and_time_windows_evict() {
    let rules = vec![Threshold {
        metric: Metric::Brier,
        warning: Some(0.2),
        critical: Some(0.3),
    }];
    let mut a = PerformanceMonitor::new(Window::Time(60.0), 10, rules).unwrap();
    let pairs: Vec<(f64, bool, f64)> = (0..400)
        .map(|i| {
            let y = i % 3 == 0;
            let p = if i < 250 {
                if y { 0.8 } else { 0.2 }
            } else if y {
                0.3
            } else {
                0.7
            };
            (p, y, i as f64 * 0.5)
        })
        .collect();
    let mut alerts_a = Vec::new();
    for &(p, y, t) in &pairs[..200] {
        alerts_a.extend(a.update(p, y, Some(t)).unwrap());
    }
    let mut b: PerformanceMonitor =
        serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
    let mut alerts_b = alerts_a.clone();
    for &(p, y, t) in &pairs[200..] {
        alerts_a.extend(a.update(p, y, Some(t)).unwrap());
        alerts_b.extend(b.update(p, y, Some(t)).unwrap());
    }
    assert_eq!(alerts_a, alerts_b);
    assert!(alerts_a.iter().any(|x| x.severity == "critical"));
    assert_eq!(
        a.metrics().count,
        121,
        "60 s at two pairs a second, both ends included"
    );
    assert!(
        a.update(0.5, true, Some(1.0)).is_err(),
        "time must not go back"
    );
    assert!(a.update(1.5, true, Some(500.0)).is_err());
}

#[test]
fn monitor_compares_a_degraded_window_with_its_baseline() {
    let mut monitor = PerformanceMonitor::new(Window::Count(500), 10, vec![]).unwrap();
    let mut rng = fastrand::Rng::with_seed(9);
    let mut feed = |monitor: &mut PerformanceMonitor, noise: f64| {
        for _ in 0..500 {
            let y = rng.bool();
            let base = if y { 0.7 } else { 0.3 };
            let p = (base + noise * (rng.f64() - 0.5)).clamp(0.0, 1.0);
            monitor.update(p, y, None).unwrap();
        }
    };
    feed(&mut monitor, 0.2);
    monitor.set_baseline();
    feed(&mut monitor, 0.2);
    assert!(monitor.compare(0.01).unwrap().iter().all(|c| !c.degraded));
    feed(&mut monitor, 1.6);
    let compared = monitor.compare(0.01).unwrap();
    assert!(
        compared
            .iter()
            .any(|c| c.metric == Metric::Auc && c.degraded),
        "{compared:?}"
    );
    assert!(
        compared
            .iter()
            .any(|c| c.metric == Metric::Brier && c.degraded),
        "{compared:?}"
    );
}

#[test]
fn kswin_restored_mid_stream_fires_like_the_original() {
    let mut stream = gaussian(20_000, 77);
    stream[10_000..].iter_mut().for_each(|v| *v += 1.5);
    let whole = Kswin::new(0.005, 100, 30, 5)
        .unwrap()
        .update_many(&stream)
        .unwrap();
    let mut first = Kswin::new(0.005, 100, 30, 5).unwrap();
    let mut fired = first.update_many(&stream[..7_321]).unwrap();
    let mut restored: Kswin =
        serde_json::from_str(&serde_json::to_string(&first).unwrap()).unwrap();
    fired.extend(
        restored
            .update_many(&stream[7_321..])
            .unwrap()
            .into_iter()
            .map(|i| i + 7_321),
    );
    assert_eq!(fired, whole);
    assert!(
        whole.iter().any(|&i| (10_000..10_040).contains(&i)),
        "{whole:?}"
    );
}
