//! abtest speed targets: Welch on 2×10^7 values, 10^5 two-proportion tests from columns,
//! a BCa bootstrap of the mean difference on 2×10^5 values with 9,999 resamples.

use criterion::{Criterion, criterion_group, criterion_main};
use edgekit::abtest::{
    BootstrapOptions, MeansOptions, TwoProportionsOptions, bootstrap, two_proportions_batch, welch,
};
use edgekit_benches::skewed_values;
use std::hint::black_box;

fn bench_abtest(c: &mut Criterion) {
    let a = skewed_values(10_000_000, 1);
    let b = skewed_values(10_000_000, 2);
    let mut group = c.benchmark_group("abtest");
    group.sample_size(20);
    group.bench_function("welch_2x1e7", |bench| {
        bench.iter(|| welch(black_box(&a), black_box(&b), &MeansOptions::default()).unwrap())
    });
    let rows = 100_000;
    let n_a: Vec<i64> = (0..rows).map(|i| 1_000 + (i % 977) as i64 * 10).collect();
    let n_b: Vec<i64> = (0..rows).map(|i| 1_000 + (i % 811) as i64 * 10).collect();
    let x_a: Vec<i64> = n_a
        .iter()
        .enumerate()
        .map(|(i, n)| n * (5 + (i % 40) as i64) / 100)
        .collect();
    let x_b: Vec<i64> = n_b
        .iter()
        .enumerate()
        .map(|(i, n)| n * (5 + (i % 43) as i64) / 100)
        .collect();
    group.bench_function("two_proportions_batch_1e5", |bench| {
        bench.iter(|| {
            two_proportions_batch(&x_a, &n_a, &x_b, &n_b, &TwoProportionsOptions::default())
                .unwrap()
        })
    });
    let boot_a = skewed_values(100_000, 3);
    let boot_b = skewed_values(100_000, 4);
    group.sample_size(10);
    group.bench_function("bootstrap_bca_2x1e5_9999", |bench| {
        bench.iter(|| {
            bootstrap(
                black_box(&boot_a),
                black_box(&boot_b),
                &BootstrapOptions::default(),
            )
            .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_abtest);
criterion_main!(benches);
