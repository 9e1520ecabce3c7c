//! ltp speed: Layer 1 functions on 10^5 bars/levels, `analyze_symbols` over 5,000 symbols
//! (target ≤ 200 ms on 2 cores) and the tracker streaming 1-minute bars (target ≥ 5 M/s).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use edgekit::ltp::{
    Bar, KeyLevel, LevelFormula, Profile, SymbolInput, Tracker, analyze_symbols, analyze_timeframe,
    calculate_ema, calculate_vwap, key_levels, score_level_proximity,
};
use edgekit::patterns::Bars;
use edgekit_benches::walk_bars;

fn volume(n: usize) -> Vec<f64> {
    (0..n).map(|i| 1000.0 + (i % 97) as f64 * 10.0).collect()
}

fn bench_layer_one(c: &mut Criterion) {
    let n = 100_000;
    let [o, h, l, cl] = walk_bars(n, 11);
    let v = volume(n);
    let bars = Bars::new(&o, &h, &l, &cl, Some(&v)).unwrap();
    let levels: Vec<KeyLevel> = cl
        .iter()
        .enumerate()
        .map(|(i, &p)| KeyLevel::new("level", p, "5m", (i % 100) as f64))
        .collect();
    let price = cl[n / 2];
    let mut group = c.benchmark_group("ltp_layer1_1e5");
    group.bench_function("calculate_ema", |b| {
        b.iter(|| calculate_ema(&cl, 21).unwrap())
    });
    group.bench_function("calculate_vwap", |b| {
        b.iter(|| calculate_vwap(bars).unwrap())
    });
    group.bench_function("score_level_proximity", |b| {
        b.iter(|| score_level_proximity(price, &levels, 0.3, LevelFormula::Corrected).unwrap())
    });
    group.bench_function("key_levels", |b| b.iter(|| key_levels(bars, bars)));
    group.bench_function("analyze_timeframe", |b| {
        b.iter(|| analyze_timeframe(bars, "5m").unwrap())
    });
    group.finish();
}

/// Per symbol: 60 daily bars, 78 five-minute bars, and the five timeframes' bars the
/// dashboard fetches (48, 32, 24, 30 and 50).
struct Owned {
    sets: Vec<([Vec<f64>; 4], Vec<f64>)>,
}

fn symbols(count: usize) -> Vec<Owned> {
    (0..count)
        .map(|s| Owned {
            sets: [60, 78, 48, 32, 24, 30, 50]
                .iter()
                .enumerate()
                .map(|(k, &n)| (walk_bars(n, (s * 7 + k) as u64 + 1), volume(n)))
                .collect(),
        })
        .collect()
}

fn bench_analyze(c: &mut Criterion) {
    let owned = symbols(5000);
    let names: Vec<String> = (0..5000).map(|i| format!("S{i}")).collect();
    let inputs: Vec<SymbolInput> = owned
        .iter()
        .zip(&names)
        .map(|(s, name)| {
            let bars: Vec<Bars> = s
                .sets
                .iter()
                .map(|([o, h, l, c], v)| Bars::new(o, h, l, c, Some(v)).unwrap())
                .collect();
            SymbolInput {
                symbol: name,
                price: s.sets[1].0[3][77],
                daily: bars[0],
                intraday: bars[1],
                timeframes: ["5m", "15m", "1h", "4h", "daily"]
                    .into_iter()
                    .zip(bars[2..].iter().copied())
                    .collect(),
                patience: None,
            }
        })
        .collect();
    let mut group = c.benchmark_group("ltp_analyze");
    group.sample_size(20);
    group.throughput(Throughput::Elements(5000));
    group.bench_function("analyze_symbols_5000", |b| {
        b.iter(|| analyze_symbols(&inputs, LevelFormula::Corrected).unwrap())
    });
    group.finish();
}

/// A session of 1-minute bars for `symbols` symbols, interleaved in time order.
pub fn session(symbols: usize, minutes: usize) -> (Vec<u32>, Vec<Bar>) {
    let open = 1_704_205_800; // 2024-01-02 09:30 New York
    let walks: Vec<[Vec<f64>; 4]> = (0..symbols)
        .map(|s| walk_bars(minutes, s as u64 + 100))
        .collect();
    let mut ids = Vec::with_capacity(symbols * minutes);
    let mut bars = Vec::with_capacity(symbols * minutes);
    for m in 0..minutes {
        for (s, [o, h, l, c]) in walks.iter().enumerate() {
            ids.push(s as u32);
            bars.push(Bar {
                t: open + 60 * m as i64,
                o: o[m],
                h: h[m],
                l: l[m],
                c: c[m],
                v: 1000.0,
            });
        }
    }
    (ids, bars)
}

fn bench_stream(c: &mut Criterion) {
    let (ids, bars) = session(5000, 390);
    let mut group = c.benchmark_group("ltp_stream");
    group.sample_size(10);
    group.throughput(Throughput::Elements(bars.len() as u64));
    group.bench_function("tracker_5000_symbols_390_minutes", |b| {
        b.iter_batched(
            || {
                let mut t = Tracker::new(Profile::default()).unwrap();
                for i in 0..5000 {
                    t.symbol_id(&format!("S{i}"));
                }
                t
            },
            |mut tracker| tracker.update_many(&ids, &bars).unwrap(),
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench_layer_one, bench_analyze, bench_stream);
criterion_main!(benches);
