//! lineup speed on the DraftKings NFL 2019 week-1 slate (951 rows, 502 with a projection):
//! 1 lineup (target ≤ 10 ms), 150 with the default rules (≤ 50 ms), 150 with max repeating 6 and
//! max exposure 0.5 (≤ 100 ms), the same plus a QB + 2 WR/TE stack (≤ 300 ms). The pydfs peer
//! runs the same work: benches/peers/lineup_peer.py. Baseball: the DraftKings MLB 2020-09-24
//! slate with the batting-order fixture, 150 lineups with four hitters of one team from five
//! consecutive batting spots and max exposure 0.5.

use criterion::{Criterion, criterion_group, criterion_main};
use edgekit::lineup::{EntriesFile, Optimizer, Rules, Site, Slate, Sport, optimize, parse_time};

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

/// DraftKings' entries file for the NBA slate of 2019-01-18, its 9 entries repeated to 150,
/// swapped at 8:30 PM ET (four of seven games under way), as benches/peers/lineup_late_swap_peer.py
/// times pydfs-lineup-optimizer on it.
fn late_swap(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/lineup/dk_nba_entries_2019-01-18_bobbymay.csv"
    );
    let text = std::fs::read_to_string(path).expect("bundled entries file");
    let slate = Slate::from_csv_str(&text, Site::DraftKings, Sport::Nba, None).expect("pool");
    let file = EntriesFile::read(&slate, &text).expect("entries");
    let mut many = file.clone();
    many.entries = (0..150)
        .map(|k| file.entries[k % file.entries.len()].clone())
        .collect();
    let now = parse_time("01/18/2019 08:30PM ET").expect("time");
    let optimizer = Optimizer::new(&slate, Rules::default()).expect("rules");
    let mut group = c.benchmark_group("lineup_late_swap_dk_nba_2019-01-18");
    group.sample_size(10);
    group.bench_function("read the entries file", |b| {
        b.iter(|| EntriesFile::read(&slate, &text).unwrap())
    });
    group.bench_function("9 entries at 8:30 PM ET", |b| {
        b.iter(|| optimizer.late_swap_entries(&file, Some(now), &[]).unwrap())
    });
    group.bench_function("150 entries at 8:30 PM ET", |b| {
        b.iter(|| optimizer.late_swap_entries(&many, Some(now), &[]).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench, late_swap);
criterion_main!(benches);
