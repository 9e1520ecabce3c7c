//! lineup speed on the DraftKings NFL 2019 week-1 slate (951 rows, 502 with a projection):
//! 1 lineup (target ≤ 10 ms), 150 with the default rules (≤ 50 ms), 150 with max repeating 6 and
//! max exposure 0.5 (≤ 100 ms), the same plus a QB + 2 WR/TE stack (≤ 300 ms). The pydfs peer
//! runs the same work: benches/peers/lineup_peer.py. Baseball: the DraftKings MLB 2020-09-24
//! slate with the batting-order fixture, 150 lineups with four hitters of one team from five
//! consecutive batting spots and max exposure 0.5.

use criterion::{Criterion, criterion_group, criterion_main};
use edgekit::lineup::{Rules, Site, Slate, Sport, optimize};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/lineup/");

fn slate() -> Slate {
    let path = format!("{DATA}dk_nfl_classic_2019wk1_seenahuang.csv");
    Slate::from_csv_path(path, Site::DraftKings, Sport::Nfl, None).expect("bundled slate")
}

fn mlb_slate() -> Slate {
    let path = format!("{DATA}dk_mlb_classic_2020-09-24_draftfast.csv");
    let mut slate =
        Slate::from_csv_path(path, Site::DraftKings, Sport::Mlb, None).expect("bundled slate");
    let orders = std::fs::read_to_string(format!("{DATA}dk_mlb_2020-09-24_batting_orders.csv"))
        .expect("bundled orders");
    slate.merge_projections_str(&orders).expect("orders");
    slate
}

fn bench(c: &mut Criterion) {
    let slate = slate();
    let portfolio: Rules =
        serde_json::from_str(r#"{"max_exposure": 0.5, "max_repeating": 6}"#).expect("rules");
    let stacked: Rules = serde_json::from_str(
        r#"{"max_exposure": 0.5, "max_repeating": 6,
            "stacks": [{"type": "positions", "positions": ["QB", "WR|TE", "WR|TE"]}]}"#,
    )
    .expect("rules");
    let mut group = c.benchmark_group("lineup_dk_nfl_2019wk1");
    group.sample_size(10);
    group.bench_function("1 lineup", |b| {
        b.iter(|| optimize(&slate, 1, &Rules::default(), None).unwrap())
    });
    group.bench_function("150 lineups", |b| {
        b.iter(|| optimize(&slate, 150, &Rules::default(), None).unwrap())
    });
    group.bench_function("150, repeating 6, exposure 0.5", |b| {
        b.iter(|| optimize(&slate, 150, &portfolio, None).unwrap())
    });
    group.bench_function("150, + QB + 2 WR/TE stack", |b| {
        b.iter(|| optimize(&slate, 150, &stacked, None).unwrap())
    });
    group.finish();

    let mlb = mlb_slate();
    let spaced: Rules = serde_json::from_str(
        r#"{"max_exposure": 0.5, "stacks": [{"type": "team", "size": 4, "spacing": 5,
            "positions": ["C", "1B", "2B", "3B", "SS", "OF"]}]}"#,
    )
    .expect("rules");
    let mut group = c.benchmark_group("lineup_dk_mlb_2020-09-24");
    group.sample_size(10);
    group.bench_function("150 lineups", |b| {
        b.iter(|| optimize(&mlb, 150, &Rules::default(), None).unwrap())
    });
    group.bench_function("150, 4 hitters in 5 batting spots, exposure 0.5", |b| {
        b.iter(|| optimize(&mlb, 150, &spaced, None).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
