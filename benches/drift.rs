//! drift speed targets (issue 4): KS 10^6 vs 10^6 ≤ 20 ms; PSI fit + score 10^6 vs 10^6
//! ≤ 15 ms; report 10^5 rows × 20 columns ≤ 100 ms; ADWIN ≥ 20 M updates/s; KSWIN ≥ 1 M/s.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use edgekit::drift::{
    Adwin, BinnedOptions, ChangePointOptions, Column, ColumnValues, DriftDetector, KsOptions,
    Kswin, PageHinkley, Profile, Reference, ReportOptions, ks_2samp, pelt, psi, report,
};
use edgekit_benches::skewed_values;

type LabelPair = (Vec<Option<String>>, Vec<Option<String>>);

fn bench_batch(c: &mut Criterion) {
    let a = skewed_values(1_000_000, 1);
    let b = skewed_values(1_000_000, 2);
    let mut group = c.benchmark_group("drift");
    group.sample_size(10);
    group.bench_function("ks_1e6_vs_1e6", |bench| {
        bench.iter(|| ks_2samp(&a, &b, &KsOptions::default()).unwrap())
    });
    group.bench_function("psi_1e6_vs_1e6", |bench| {
        bench.iter(|| psi(a.as_slice(), b.as_slice(), &BinnedOptions::default()).unwrap())
    });
    // 10^5 rows × 20 columns: 16 numerical, 4 categorical with 8 labels.
    let numeric: Vec<(Vec<f64>, Vec<f64>)> = (0..16)
        .map(|k| {
            (
                skewed_values(100_000, 10 + k),
                skewed_values(100_000, 40 + k),
            )
        })
        .collect();
    let labels = |seed: u64| -> Vec<Option<String>> {
        skewed_values(100_000, seed)
            .iter()
            .map(|v| Some(format!("c{}", (v.abs() as u64) % 8)))
            .collect()
    };
    let categorical: Vec<LabelPair> = (0..4).map(|k| (labels(70 + k), labels(90 + k))).collect();
    let names: Vec<String> = (0..20).map(|k| format!("f{k}")).collect();
    let columns = |current: bool| {
        let mut out: Vec<Column> = numeric
            .iter()
            .enumerate()
            .map(|(k, pair)| Column {
                name: &names[k],
                values: ColumnValues::Numbers(if current { &pair.1 } else { &pair.0 }),
                categorical: false,
            })
            .collect();
        out.extend(categorical.iter().enumerate().map(|(k, pair)| Column {
            name: &names[16 + k],
            values: ColumnValues::Labels(if current { &pair.1 } else { &pair.0 }),
            categorical: true,
        }));
        out
    };
    let reference = columns(false);
    let current = columns(true);
    group.bench_function("report_1e5x20", |bench| {
        bench.iter(|| {
            report(
                Reference::Columns(&reference),
                &current,
                &ReportOptions::default(),
            )
            .unwrap()
        })
    });
    let profile = Profile::fit(&reference, None, 0).unwrap();
    group.bench_function("report_1e5x20_from_profile", |bench| {
        bench.iter(|| {
            report(
                Reference::Profile(&profile),
                &current,
                &ReportOptions::default(),
            )
            .unwrap()
        })
    });
    group.bench_function("profile_fit_1e5x20", |bench| {
        bench.iter(|| Profile::fit(&reference, None, 0).unwrap())
    });
    let series = skewed_values(10_000, 5);
    group.bench_function("pelt_1e4", |bench| {
        bench.iter(|| pelt(&series, &ChangePointOptions::default()).unwrap())
    });
    group.finish();
}

fn bench_streaming(c: &mut Criterion) {
    let stream = skewed_values(1_000_000, 3);
    let mut group = c.benchmark_group("drift_stream");
    group.sample_size(10);
    group.throughput(Throughput::Elements(stream.len() as u64));
    group.bench_function("adwin_1e6", |bench| {
        bench.iter(|| Adwin::default().update_many(&stream).unwrap())
    });
    group.bench_function("page_hinkley_1e6", |bench| {
        bench.iter(|| PageHinkley::default().update_many(&stream).unwrap())
    });
    let short = &stream[..100_000];
    group.throughput(Throughput::Elements(short.len() as u64));
    group.bench_function("kswin_1e5", |bench| {
        bench.iter(|| {
            Kswin::new(0.005, 100, 30, 1)
                .unwrap()
                .update_many(short)
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_batch, bench_streaming);
criterion_main!(benches);
