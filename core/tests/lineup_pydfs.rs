//! The k-best sequence against pydfs-lineup-optimizer (tests/vectors/lineup_pydfs.json).

use edgekit::lineup::*;

fn path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/lineup")
        .join(name)
}

fn vectors() -> serde_json::Value {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/lineup_pydfs.json"),
    )
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn check(case: &str) {
    let v = &vectors()[case];
    let slate = Slate::from_csv_path(
        path(v["file"].as_str().unwrap()),
        Site::DraftKings,
        Sport::Nfl,
        None,
    )
    .unwrap();
    let n = v["n"].as_u64().unwrap() as usize;
    let start = std::time::Instant::now();
    let lineups = optimize(&slate, n, &Rules::default(), None).unwrap();
    eprintln!("{case}: {n} lineups in {:?}", start.elapsed());
    let expected: Vec<f64> = v["projections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    let got: Vec<f64> = lineups.iter().map(|l| l.projection).collect();
    for (k, (g, e)) in got.iter().zip(&expected).enumerate() {
        assert!(
            (g - e).abs() < 1e-6,
            "lineup {}: edgekit {g}, pydfs {e}",
            k + 1
        );
    }
    assert_eq!(got.len(), expected.len());
}

#[test]
fn showdown_k_best_matches_pydfs() {
    check("showdown");
}

#[test]
fn classic_k_best_matches_pydfs() {
    check("classic");
}
