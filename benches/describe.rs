//! `stats::describe` on 10^7 values: moments alone, and with three quantiles.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use edgekit::stats::{DescribeOptions, describe};
use edgekit_benches::skewed_values;
use std::hint::black_box;

fn bench_describe(c: &mut Criterion) {
    let n = 10_000_000;
    let values = skewed_values(n, 42);
    let mut group = c.benchmark_group("describe_1e7");
    group.throughput(Throughput::Elements(n as u64));
    group.sample_size(20);
    let moments_only = DescribeOptions {
        quantiles: vec![],
        ..Default::default()
    };
    group.bench_function("moments", |b| {
        b.iter(|| describe(black_box(&values), &moments_only).unwrap())
    });
    let quartiles = DescribeOptions::default();
    group.bench_function("moments_and_quartiles", |b| {
        b.iter(|| describe(black_box(&values), &quartiles).unwrap())
    });
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    group.bench_function("moments_one_thread", |b| {
        b.iter(|| one_thread.install(|| describe(black_box(&values), &moments_only).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, bench_describe);
criterion_main!(benches);
