//! Monitoring speed targets (issue 18): PCA reconstruction drift on a reference of 10^5 × 20
//! and 10 analysis chunks of 10^4 rows, ≥ 20× NannyML; CBPE over 10^6 predictions in 100
//! chunks, ≥ 20× NannyML (both timed against NannyML by benches/peers/monitoring_peer.py);
//! multivariate MMD of 5,000 × 5,000 rows × 10 columns with 1,000 permutations, ≤ 2 s. DLE
//! (boosted loss models) fitted on 6 × 10^4 rows of 8 features, estimating 6 × 10^4. The
//! CBPE rows once more through a `ChunkMonitor`, pushed in batches of 1,000.

use criterion::{Criterion, criterion_group, criterion_main};
use edgekit::drift::{
    BinaryOutputs, Cbpe, CbpeOptions, ChunkMonitor, ClassificationMetric, Column, ColumnValues,
    Dle, DleOptions, MmdDrift, MmdDriftOptions, ReconstructionDrift, ReconstructionOptions,
    RegressionOutputs,
};
use edgekit_benches::factor_columns;

fn columns<'a>(names: &'a [String], values: &'a [Vec<f64>]) -> Vec<Column<'a>> {
    names
        .iter()
        .zip(values)
        .map(|(name, v)| Column {
            name,
            values: ColumnValues::Numbers(v),
            categorical: false,
        })
        .collect()
}

fn bench_reconstruction(c: &mut Criterion) {
    let names: Vec<String> = (0..20).map(|j| format!("f{j}")).collect();
    let reference = factor_columns(100_000, 20, 1, 0.0);
    let analysis = factor_columns(100_000, 20, 2, 0.5);
    let options = ReconstructionOptions {
        chunk_size: Some(10_000),
        ..Default::default()
    };
    let mut group = c.benchmark_group("monitoring");
    group.sample_size(10);
    group.bench_function("reconstruction_fit_1e5x20", |b| {
        b.iter(|| ReconstructionDrift::fit(&columns(&names, &reference), None, &options).unwrap())
    });
    let fitted = ReconstructionDrift::fit(&columns(&names, &reference), None, &options).unwrap();
    group.bench_function("reconstruction_calculate_10x1e4", |b| {
        b.iter(|| fitted.calculate(&columns(&names, &analysis), None).unwrap())
    });
    group.finish();
}

/// A classifier's outputs: targets half positive, scores a noisy logistic of them, labels at 0.5.
fn classifier(rows: usize, seed: u64) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let noise = edgekit_benches::skewed_values(rows, seed);
    let coin = edgekit_benches::skewed_values(rows, seed + 1);
    let y_true: Vec<f64> = coin.iter().map(|&c| f64::from(c > 5.0)).collect();
    let scores: Vec<f64> = y_true
        .iter()
        .zip(&noise)
        .map(|(&t, &n)| 1.0 / (1.0 + (-(3.0 * t - 1.5 + n / 25.0 - 1.0)).exp()))
        .collect();
    let y_pred = scores.iter().map(|&p| f64::from(p >= 0.5)).collect();
    (scores, y_pred, y_true)
}

fn bench_cbpe(c: &mut Criterion) {
    let (ref_scores, ref_pred, ref_true) = classifier(100_000, 11);
    let (scores, pred, truth) = classifier(1_000_000, 12);
    let options = CbpeOptions {
        metrics: vec![
            ClassificationMetric::RocAuc,
            ClassificationMetric::F1,
            ClassificationMetric::Precision,
            ClassificationMetric::Recall,
            ClassificationMetric::Specificity,
            ClassificationMetric::Accuracy,
        ],
        chunk_size: Some(10_000),
        ..Default::default()
    };
    let reference = BinaryOutputs {
        y_pred_proba: &ref_scores,
        y_pred: &ref_pred,
        y_true: Some(&ref_true),
    };
    let mut group = c.benchmark_group("monitoring");
    group.sample_size(10);
    group.bench_function("cbpe_fit_1e5", |b| {
        b.iter(|| Cbpe::fit(reference, None, &options).unwrap())
    });
    let fitted = Cbpe::fit(reference, None, &options).unwrap();
    let analysis = BinaryOutputs {
        y_pred_proba: &scores,
        y_pred: &pred,
        y_true: Some(&truth),
    };
    group.bench_function("cbpe_estimate_1e6_in_100_chunks", |b| {
        b.iter(|| fitted.estimate(analysis, None).unwrap())
    });
    // The same rows as a service sees them: 1,000 batches of 1,000, each chunk closing as it
    // fills.
    group.bench_function("cbpe_monitor_1e6_in_1000_batches", |b| {
        b.iter(|| {
            let mut monitor = ChunkMonitor::new(fitted.clone()).unwrap();
            for start in (0..scores.len()).step_by(1000) {
                let batch = BinaryOutputs {
                    y_pred_proba: &scores[start..start + 1000],
                    y_pred: &pred[start..start + 1000],
                    y_true: Some(&truth[start..start + 1000]),
                };
                monitor.push(batch, None).unwrap();
            }
            monitor
        })
    });
    group.finish();
}

/// Issue 18's bar: 5,000 × 5,000 rows of 10 columns, 1,000 permutations, ≤ 2 s on 2 cores.
fn bench_mmd(c: &mut Criterion) {
    let mut rng = fastrand::Rng::with_seed(5);
    let mut normal = move || {
        let (u, v): (f64, f64) = (rng.f64().max(1e-300), rng.f64());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    };
    let reference: Vec<f64> = (0..5_000 * 10).map(|_| normal()).collect();
    let current: Vec<f64> = (0..5_000 * 10)
        .map(|i| normal() + if i % 10 == 0 { 0.05 } else { 0.0 })
        .collect();
    let options = MmdDriftOptions {
        n_permutations: 1000,
        ..Default::default()
    };
    let mut group = c.benchmark_group("monitoring");
    group.sample_size(10);
    group.bench_function("mmd_5000x5000x10_1000_permutations", |b| {
        b.iter(|| {
            MmdDrift::fit(&reference, 10, options)
                .unwrap()
                .test(&current)
                .unwrap()
        })
    });
    group.finish();
}

fn bench_dle(c: &mut Criterion) {
    // Seven features driving a model's error, and the prediction itself (DLE's eighth input).
    let names: Vec<String> = (0..7).map(|j| format!("f{j}")).collect();
    let features = factor_columns(60_000, 7, 5, 0.0);
    let analysis = factor_columns(60_000, 7, 6, 0.5);
    let outputs = |x: &[Vec<f64>], seed: u64| {
        let mut rng = fastrand::Rng::with_seed(seed);
        // Positive prices, and a model whose relative error grows with |x2|.
        let y_true: Vec<f64> = (0..x[0].len())
            .map(|i| 100.0 * (0.3 * (x[0][i] + x[1][i])).exp())
            .collect();
        let y_pred: Vec<f64> = y_true
            .iter()
            .enumerate()
            .map(|(i, y)| y * (1.0 + (0.1 + 0.1 * x[2][i].abs().min(4.0)) * (rng.f64() - 0.5)))
            .collect();
        (y_pred, y_true)
    };
    let (y_pred, y_true) = outputs(&features, 1);
    let (analysis_pred, _) = outputs(&analysis, 2);
    let options = DleOptions {
        chunk_size: Some(6_000),
        ..Default::default()
    };
    let reference = RegressionOutputs {
        y_pred: &y_pred,
        y_true: Some(&y_true),
    };
    let mut group = c.benchmark_group("monitoring");
    group.sample_size(10);
    group.bench_function("dle_fit_6e4x8_six_metrics", |b| {
        b.iter(|| Dle::fit(&columns(&names, &features), reference, None, &options).unwrap())
    });
    let fitted = Dle::fit(&columns(&names, &features), reference, None, &options).unwrap();
    let data = RegressionOutputs {
        y_pred: &analysis_pred,
        y_true: None,
    };
    group.bench_function("dle_estimate_6e4_in_10_chunks", |b| {
        b.iter(|| {
            fitted
                .estimate(&columns(&names, &analysis), data, None)
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_reconstruction,
    bench_cbpe,
    bench_mmd,
    bench_dle
);
criterion_main!(benches);
