//! Monitoring speed targets (issue 18): PCA reconstruction drift on a reference of 10^5 × 20
//! and 10 analysis chunks of 10^4 rows, ≥ 20× NannyML (timed by benches/peers/monitoring_peer.py).

use criterion::{Criterion, criterion_group, criterion_main};
use edgekit::drift::{Column, ColumnValues, ReconstructionDrift, ReconstructionOptions};
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

criterion_group!(benches, bench_reconstruction);
criterion_main!(benches);
