//! patterns speed: every candle pattern edgekit has on 10^6 bars (target: ≤ 0.6× TA-Lib's
//! time for the same patterns), ENGULFING alone (≤ 10 ms), and the indicators.

use criterion::{Criterion, criterion_group, criterion_main};
use edgekit::patterns::{Bars, CandleSettings, EmaSeed, atr, candle, candles, ema, rsi};
use edgekit_benches::walk_bars;

fn bench_patterns(c: &mut Criterion) {
    let [o, h, l, cl] = walk_bars(1_000_000, 7);
    let bars = Bars::new(&o, &h, &l, &cl, None).unwrap();
    let settings = CandleSettings::default();
    let mut group = c.benchmark_group("patterns");
    group.sample_size(10);
    group.bench_function("all_candles_1e6", |bench| {
        bench.iter(|| candles(bars, None, &settings).unwrap())
    });
    group.bench_function("engulfing_1e6", |bench| {
        bench.iter(|| candle("ENGULFING", bars, &settings).unwrap())
    });
    group.bench_function("bars_validation_1e6", |bench| {
        bench.iter(|| Bars::new(&o, &h, &l, &cl, None).unwrap())
    });
    group.bench_function("ema_atr_rsi_1e6", |bench| {
        bench.iter(|| {
            (
                ema(&cl, 20, EmaSeed::Sma).unwrap(),
                atr(&h, &l, &cl, 14).unwrap(),
                rsi(&cl, 14).unwrap(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench_patterns);
criterion_main!(benches);
