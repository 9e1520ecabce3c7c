//! abtest speed targets: Welch on 2×10^7 values, 10^5 two-proportion tests from columns,
//! a BCa bootstrap of the mean difference on 2×10^5 values with 9,999 resamples; and the
//! newer pieces: 10^5 t tests from summary columns, a median bootstrap, Barnard's exact test,
//! a five-look group-sequential design.

use criterion::{Criterion, criterion_group, criterion_main};
use edgekit::abtest::{
    BootstrapOptions, BootstrapStatistic, MeansOptions, ProportionTest, TwoProportionsOptions,
    bootstrap, group_sequential, t_test_batch, two_proportions, two_proportions_batch, welch,
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
    let summaries: Vec<Vec<f64>> = (0..6)
        .map(|k| {
            (0..rows)
                .map(|i| match k % 3 {
                    0 => 100.0 + (i % 977) as f64,
                    1 => 10.0 + ((i * 7 + k) % 13) as f64 / 100.0,
                    _ => 1.0 + ((i * 3 + k) % 11) as f64 / 4.0,
                })
                .collect()
        })
        .collect();
    group.bench_function("t_test_batch_1e5", |bench| {
        bench.iter(|| {
            t_test_batch(
                [&summaries[0], &summaries[1], &summaries[2]],
                [&summaries[3], &summaries[4], &summaries[5]],
                &MeansOptions::default(),
            )
            .unwrap()
        })
    });
    let barnard = TwoProportionsOptions {
        method: ProportionTest::Barnard,
        ..Default::default()
    };
    group.bench_function("barnard_60_vs_60", |bench| {
        bench.iter(|| two_proportions(21, 60, 33, 60, &barnard).unwrap())
    });
    group.bench_function("group_sequential_5_looks", |bench| {
        bench.iter(|| {
            group_sequential(&[0.2, 0.4, 0.6, 0.8, 1.0], &[], &Default::default()).unwrap()
        })
    });
    let small_a = skewed_values(10_000, 5);
    let small_b = skewed_values(10_000, 6);
    let medians = BootstrapOptions {
        statistic: BootstrapStatistic::MedianDiff,
        ..Default::default()
    };
    group.bench_function("bootstrap_median_bca_2x1e4_9999", |bench| {
        bench.iter(|| bootstrap(black_box(&small_a), black_box(&small_b), &medians).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench_abtest);
criterion_main!(benches);
