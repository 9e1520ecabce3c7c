//! A chunk monitor fed any split of the rows, in order, gives the calculator's own table row
//! for row; saved midway it carries on as if never stopped; a batch it refuses changes nothing.

use edgekit::drift::{
    BinaryOutputs, CalendarPeriod, Cbpe, CbpeOptions, ChunkMonitor, Chunked, ClassificationMetric,
    Column, ColumnValues, Incomplete, RealizedOptions, RealizedPerformance, ReconstructionDrift,
    ReconstructionOptions, UnivariateDrift, UnivariateOptions,
};
use proptest::prelude::*;
use serde::Serialize;

const HOUR: i64 = 3_600_000_000_000;

/// Deterministic pseudo-random numbers in [0, 1).
fn uniform(seed: u64, n: usize) -> Vec<f64> {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    (0..n)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

struct Features {
    x: Vec<f64>,
    y: Vec<f64>,
    color: Vec<Option<String>>,
}

impl Features {
    fn new(seed: u64, n: usize, shift: f64) -> Self {
        let u = uniform(seed, 3 * n);
        Features {
            x: (0..n).map(|i| u[i] + shift).collect(),
            y: (0..n)
                .map(|i| {
                    if u[n + i] < 0.05 {
                        f64::NAN
                    } else {
                        u[i] * 2.0 + u[n + i]
                    }
                })
                .collect(),
            color: (0..n)
                .map(|i| match (u[2 * n + i] * (3.0 + shift)) as usize {
                    0 => Some("red".to_owned()),
                    1 => Some("blue".to_owned()),
                    2 => None,
                    _ => Some("green".to_owned()),
                })
                .collect(),
        }
    }

    fn columns(&self, rows: std::ops::Range<usize>) -> Vec<Column<'_>> {
        vec![
            Column {
                name: "x",
                values: ColumnValues::Numbers(&self.x[rows.clone()]),
                categorical: false,
            },
            Column {
                name: "color",
                values: ColumnValues::Labels(&self.color[rows.clone()]),
                categorical: false,
            },
            Column {
                name: "y",
                values: ColumnValues::Numbers(&self.y[rows]),
                categorical: false,
            },
        ]
    }
}

struct Outputs {
    proba: Vec<f64>,
    pred: Vec<f64>,
    truth: Vec<f64>,
}

impl Outputs {
    fn new(seed: u64, n: usize) -> Self {
        let u = uniform(seed, 2 * n);
        let proba: Vec<f64> = u[..n].to_vec();
        Outputs {
            pred: proba.iter().map(|&p| f64::from(p >= 0.5)).collect(),
            truth: (0..n).map(|i| f64::from(u[n + i] < proba[i])).collect(),
            proba,
        }
    }

    fn view(&self, rows: std::ops::Range<usize>, targets: bool) -> BinaryOutputs<'_> {
        BinaryOutputs {
            y_pred_proba: &self.proba[rows.clone()],
            y_pred: &self.pred[rows.clone()],
            y_true: targets.then(|| &self.truth[rows]),
        }
    }
}

/// Hourly stamps with gaps: each row 0 to 40 minutes after the one before.
fn stamps(seed: u64, n: usize) -> Vec<i64> {
    let mut t = 1_700_000_000 * 1_000_000_000;
    uniform(seed, n)
        .into_iter()
        .map(|u| {
            t += (u * 2.0 / 3.0 * HOUR as f64) as i64;
            t
        })
        .collect()
}

fn json<T: Serialize>(rows: &[T]) -> serde_json::Value {
    serde_json::to_value(rows).unwrap()
}

/// Batch ends from cut points in (0, n).
fn batches(n: usize, cuts: &[usize]) -> Vec<std::ops::Range<usize>> {
    let mut ends: Vec<usize> = cuts.iter().map(|c| c % n).filter(|&c| c > 0).collect();
    ends.push(n);
    ends.sort_unstable();
    ends.dedup();
    let mut start = 0;
    ends.into_iter()
        .map(|end| {
            let r = start..end;
            start = end;
            r
        })
        .collect()
}

/// Pushes the batches (saving and reloading the monitor after `reload_after` of them) and
/// flushes.
fn stream<C: Chunked>(
    calculator: C,
    ranges: &[std::ops::Range<usize>],
    reload_after: usize,
    mut push: impl FnMut(&mut ChunkMonitor<C>, std::ops::Range<usize>),
) -> ChunkMonitor<C> {
    let mut monitor = ChunkMonitor::new(calculator).unwrap();
    for (i, r) in ranges.iter().enumerate() {
        if i == reload_after {
            monitor = ChunkMonitor::from_json(&monitor.to_json()).unwrap();
        }
        push(&mut monitor, r.clone());
    }
    monitor.flush().unwrap();
    monitor
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn univariate_and_reconstruction_streams_match_the_batch(
        n in 60usize..400,
        size in 7usize..90,
        drop in any::<bool>(),
        cuts in proptest::collection::vec(0usize..1000, 0..12),
        reload_after in 0usize..6,
        seed in 0u64..1000,
    ) {
        let reference = Features::new(seed, 500, 0.0);
        let data = Features::new(seed + 1, n, 0.3);
        let incomplete = if drop { Incomplete::Drop } else { Incomplete::Keep };
        prop_assume!(!drop || n >= size);
        let options = UnivariateOptions { chunk_size: Some(size as u64), incomplete, ..Default::default() };
        let fitted = UnivariateDrift::fit(&reference.columns(0..500), None, &options).unwrap();
        let expected = fitted.calculate(&data.columns(0..n), None).unwrap();
        let ranges = batches(n, &cuts);
        let monitor = stream(fitted, &ranges, reload_after, |m, r| m.push(&data.columns(r), None).unwrap());
        prop_assert_eq!(json(monitor.rows()), json(&expected));
        prop_assert_eq!(monitor.pending_rows(), 0);

        let options = ReconstructionOptions { chunk_size: Some(size as u64), incomplete, ..Default::default() };
        let fitted = ReconstructionDrift::fit(&reference.columns(0..500), None, &options).unwrap();
        let expected = fitted.calculate(&data.columns(0..n), None).unwrap();
        let monitor = stream(fitted, &ranges, reload_after, |m, r| m.push(&data.columns(r), None).unwrap());
        prop_assert_eq!(json(monitor.rows()), json(&expected));
    }

    #[test]
    fn cbpe_and_realized_streams_match_the_batch_by_period(
        n in 50usize..400,
        cuts in proptest::collection::vec(0usize..1000, 0..12),
        reload_after in 0usize..6,
        targets in any::<bool>(),
        seed in 0u64..1000,
    ) {
        let reference = Outputs::new(seed, 600);
        let ref_stamps = stamps(seed, 600);
        let data = Outputs::new(seed + 7, n);
        let data_stamps = stamps(seed + 7, n);
        let metrics = vec![ClassificationMetric::RocAuc, ClassificationMetric::F1, ClassificationMetric::ConfusionMatrix];
        let options = CbpeOptions {
            metrics: metrics.clone(),
            chunk_period: Some(CalendarPeriod::Hour),
            ..Default::default()
        };
        let fitted = Cbpe::fit(reference.view(0..600, true), Some(&ref_stamps), &options).unwrap();
        let expected = fitted.estimate(data.view(0..n, targets), Some(&data_stamps)).unwrap();
        let ranges = batches(n, &cuts);
        let monitor = stream(fitted, &ranges, reload_after, |m, r| {
            m.push(data.view(r.clone(), targets), Some(&data_stamps[r])).unwrap()
        });
        prop_assert_eq!(json(monitor.rows()), json(&expected));

        let options = RealizedOptions { metrics, chunk_size: Some(40), ..Default::default() };
        let fitted = RealizedPerformance::fit(reference.view(0..600, true), None, &options).unwrap();
        let expected = fitted.calculate(data.view(0..n, true), Some(&data_stamps)).unwrap();
        let monitor = stream(fitted, &ranges, reload_after, |m, r| {
            m.push(data.view(r.clone(), true), Some(&data_stamps[r])).unwrap()
        });
        prop_assert_eq!(json(monitor.rows()), json(&expected));
    }
}

#[test]
fn a_refused_batch_changes_nothing() {
    let reference = Outputs::new(3, 600);
    let options = CbpeOptions {
        chunk_size: Some(50),
        ..Default::default()
    };
    let fitted = Cbpe::fit(reference.view(0..600, true), None, &options).unwrap();
    let mut monitor = ChunkMonitor::new(fitted).unwrap();
    let data = Outputs::new(4, 120);
    monitor.push(data.view(0..30, false), None).unwrap();
    let before = monitor.to_json();
    let mut bad = data.proba[30..90].to_vec();
    bad[45] = 1.5;
    let outputs = BinaryOutputs {
        y_pred_proba: &bad,
        y_pred: &data.pred[30..90],
        y_true: None,
    };
    assert!(monitor.push(outputs, None).is_err());
    assert_eq!(monitor.to_json(), before);
    let stamps = stamps(4, 60);
    let err = monitor
        .push(data.view(30..90, false), Some(&stamps))
        .unwrap_err();
    assert!(err.to_string().contains("without timestamps"), "{err}");
    assert_eq!(monitor.to_json(), before);
    monitor.push(data.view(30..90, false), None).unwrap();
    assert_eq!(monitor.analysis_rows().len(), 1);
    assert_eq!(monitor.pending_rows(), 40);
    assert_eq!(monitor.analysis_rows()[0].chunk.key, "[0:49]");
}

#[test]
fn a_period_that_has_closed_refuses_late_rows() {
    let reference = Outputs::new(5, 600);
    let ref_stamps = stamps(5, 600);
    let options = CbpeOptions {
        chunk_period: Some(CalendarPeriod::Hour),
        ..Default::default()
    };
    let fitted = Cbpe::fit(reference.view(0..600, true), Some(&ref_stamps), &options).unwrap();
    let mut monitor = ChunkMonitor::new(fitted).unwrap();
    let data = Outputs::new(6, 3);
    let t0 = 1_800_000_000 * 1_000_000_000 / HOUR * HOUR;
    monitor
        .push(data.view(0..2, false), Some(&[t0, t0 + HOUR]))
        .unwrap();
    assert_eq!(monitor.analysis_rows().len(), 1);
    let err = monitor
        .push(data.view(2..3, false), Some(&[t0 + 5]))
        .unwrap_err();
    assert!(err.to_string().contains("has closed"), "{err}");
    assert!(
        monitor
            .push(data.view(2..3, false), None)
            .unwrap_err()
            .to_string()
            .contains("with timestamps")
    );
}

#[test]
fn chunkings_a_stream_cannot_follow_are_refused() {
    let reference = Features::new(1, 200, 0.0);
    for options in [
        UnivariateOptions {
            chunk_number: Some(4),
            ..Default::default()
        },
        UnivariateOptions::default(),
        UnivariateOptions {
            chunk_size: Some(10),
            incomplete: Incomplete::Append,
            ..Default::default()
        },
    ] {
        let fitted = UnivariateDrift::fit(&reference.columns(0..200), None, &options).unwrap();
        assert!(ChunkMonitor::new(fitted).is_err());
    }
}

#[test]
fn a_saved_monitor_with_tampered_rows_is_refused() {
    let reference = Features::new(1, 200, 0.0);
    let options = UnivariateOptions {
        chunk_size: Some(20),
        ..Default::default()
    };
    let fitted = UnivariateDrift::fit(&reference.columns(0..200), None, &options).unwrap();
    let mut monitor = ChunkMonitor::new(fitted).unwrap();
    monitor.push(&reference.columns(0..30), None).unwrap();
    let saved: serde_json::Value = serde_json::from_str(&monitor.to_json()).unwrap();
    let mut short = saved.clone();
    short["pending"]["columns"][0]["values"]["numbers"]
        .as_array_mut()
        .unwrap()
        .pop();
    assert!(ChunkMonitor::<UnivariateDrift>::from_json(&short.to_string()).is_err());
    assert!(ChunkMonitor::<UnivariateDrift>::from_json("{}").is_err());
    let reloaded = ChunkMonitor::<UnivariateDrift>::from_json(&saved.to_string()).unwrap();
    assert_eq!(reloaded.to_json(), monitor.to_json());
}

/// Three classes: probabilities from a seeded softmax, predictions their argmax, targets drawn.
fn three_classes(seed: u64, n: usize) -> (Vec<Vec<f64>>, Vec<f64>, Vec<f64>) {
    let u = uniform(seed, 4 * n);
    let mut proba: Vec<Vec<f64>> = (0..3).map(|_| Vec::with_capacity(n)).collect();
    let (mut pred, mut truth) = (Vec::new(), Vec::new());
    for i in 0..n {
        let e: Vec<f64> = (0..3).map(|k| (2.0 * u[k * n + i]).exp()).collect();
        let total: f64 = e.iter().sum();
        let p: Vec<f64> = e.iter().map(|v| v / total).collect();
        let best = (0..3).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap();
        let draw = u[3 * n + i];
        let target = if draw < p[0] {
            0
        } else if draw < p[0] + p[1] {
            1
        } else {
            2
        };
        for k in 0..3 {
            proba[k].push(p[k]);
        }
        pred.push(best as f64);
        truth.push(target as f64);
    }
    (proba, pred, truth)
}

#[test]
fn multiclass_regression_dle_and_domain_streams_match_the_batch() {
    use edgekit::drift::{
        Dle, DleOptions, DomainClassifier, DomainClassifierOptions, MulticlassCbpe,
        MulticlassOutputs, MulticlassPerformance, RegressionMetric, RegressionOptions,
        RegressionOutputs, RegressionPerformance,
    };
    let classes: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
    let (ref_proba, ref_pred, ref_true) = three_classes(1, 900);
    let (proba, pred, truth) = three_classes(2, 400);
    let view = |p: &'_ [Vec<f64>], r: std::ops::Range<usize>| -> Vec<Vec<f64>> {
        p.iter().map(|c| c[r.clone()].to_vec()).collect()
    };
    let ranges = batches(400, &[37, 38, 150, 151, 152, 299, 333]);
    let reference_slices: Vec<&[f64]> = ref_proba.iter().map(Vec::as_slice).collect();
    let reference = MulticlassOutputs {
        classes: &classes,
        y_pred_proba: &reference_slices,
        y_pred: &ref_pred,
        y_true: Some(&ref_true),
    };
    let all_slices: Vec<&[f64]> = proba.iter().map(Vec::as_slice).collect();
    let all = MulticlassOutputs {
        classes: &classes,
        y_pred_proba: &all_slices,
        y_pred: &pred,
        y_true: Some(&truth),
    };
    let options = CbpeOptions {
        metrics: vec![
            ClassificationMetric::F1,
            ClassificationMetric::ConfusionMatrix,
        ],
        chunk_size: Some(60),
        ..Default::default()
    };
    let fitted = MulticlassCbpe::fit(reference, None, &options).unwrap();
    let expected = fitted.estimate(all, None).unwrap();
    let monitor = stream(fitted, &ranges, 3, |m, r| {
        let p = view(&proba, r.clone());
        let slices: Vec<&[f64]> = p.iter().map(Vec::as_slice).collect();
        let outputs = MulticlassOutputs {
            classes: &classes,
            y_pred_proba: &slices,
            y_pred: &pred[r.clone()],
            y_true: Some(&truth[r]),
        };
        m.push(outputs, None).unwrap()
    });
    assert_eq!(json(monitor.rows()), json(&expected));

    let options = RealizedOptions {
        metrics: vec![
            ClassificationMetric::Accuracy,
            ClassificationMetric::ConfusionMatrix,
        ],
        chunk_size: Some(70),
        incomplete: Incomplete::Drop,
        ..Default::default()
    };
    let fitted = MulticlassPerformance::fit(reference, None, &options).unwrap();
    let expected = fitted.calculate(all, None).unwrap();
    let monitor = stream(fitted, &ranges, 2, |m, r| {
        let p = view(&proba, r.clone());
        let slices: Vec<&[f64]> = p.iter().map(Vec::as_slice).collect();
        let outputs = MulticlassOutputs {
            classes: &classes,
            y_pred_proba: &slices,
            y_pred: &pred[r.clone()],
            y_true: Some(&truth[r]),
        };
        m.push(outputs, None).unwrap()
    });
    assert_eq!(json(monitor.rows()), json(&expected));

    // A regression model: predictions a noisy copy of the targets, some targets not yet known.
    let features = Features::new(3, 900, 0.0);
    let y_ref: Vec<f64> = features.x.iter().map(|x| 10.0 * x + 1.0).collect();
    let p_ref: Vec<f64> = uniform(4, 900)
        .iter()
        .zip(&y_ref)
        .map(|(u, y)| y + u - 0.5)
        .collect();
    let current = Features::new(5, 400, 0.2);
    let y: Vec<f64> = current
        .x
        .iter()
        .enumerate()
        .map(|(i, x)| if i % 7 == 0 { f64::NAN } else { 10.0 * x + 1.0 })
        .collect();
    let p: Vec<f64> = uniform(6, 400)
        .iter()
        .zip(&current.x)
        .map(|(u, x)| 10.0 * x + 2.0 * u)
        .collect();
    let options = RegressionOptions {
        metrics: vec![RegressionMetric::Mae, RegressionMetric::Rmse],
        chunk_size: Some(55),
        ..Default::default()
    };
    let outputs = |r: std::ops::Range<usize>| RegressionOutputs {
        y_pred: &p[r.clone()],
        y_true: Some(&y[r]),
    };
    let reference_outputs = RegressionOutputs {
        y_pred: &p_ref,
        y_true: Some(&y_ref),
    };
    let fitted = RegressionPerformance::fit(reference_outputs, None, &options).unwrap();
    let expected = fitted.calculate(outputs(0..400), None).unwrap();
    let monitor = stream(fitted, &ranges, 4, |m, r| m.push(outputs(r), None).unwrap());
    assert_eq!(json(monitor.rows()), json(&expected));

    let options = DleOptions {
        metrics: vec![RegressionMetric::Mae],
        chunk_size: Some(100),
        ..Default::default()
    };
    let fitted = Dle::fit(&features.columns(0..900), reference_outputs, None, &options).unwrap();
    let expected = fitted
        .estimate(&current.columns(0..400), outputs(0..400), None)
        .unwrap();
    let monitor = stream(fitted, &ranges, 5, |m, r| {
        m.push((&current.columns(r.clone()), outputs(r)), None)
            .unwrap()
    });
    assert_eq!(json(monitor.rows()), json(&expected));

    let options = DomainClassifierOptions {
        chunk_size: Some(200),
        cv_folds_num: 3,
        ..Default::default()
    };
    let fitted = DomainClassifier::fit(&features.columns(0..600), None, &options).unwrap();
    let expected = fitted.calculate(&current.columns(0..400), None).unwrap();
    let monitor = stream(fitted, &ranges, 1, |m, r| {
        m.push(&current.columns(r), None).unwrap()
    });
    assert_eq!(json(monitor.rows()), json(&expected));
}
