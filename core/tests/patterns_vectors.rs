//! Candle patterns and indicators against TA-Lib, bar for bar (tests/vectors/patterns.json).

use edgekit::patterns::*;
use serde_json::Value;

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn vectors() -> Value {
    let text = std::fs::read_to_string(root().join("tests/vectors/patterns.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// OHLC columns of a vector dataset: stored inline, or read from the bundled CSV.
fn columns(dataset: &Value) -> [Vec<f64>; 4] {
    if let Some(bars) = dataset.get("bars") {
        let read = |k: &str| {
            bars[k]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect()
        };
        return [read("open"), read("high"), read("low"), read("close")];
    }
    let text = std::fs::read_to_string(root().join(dataset["file"].as_str().unwrap())).unwrap();
    let mut cols: [Vec<f64>; 4] = Default::default();
    for line in text.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        for (k, col) in cols.iter_mut().enumerate() {
            col.push(fields[k + 1].parse().unwrap());
        }
    }
    cols
}

#[test]
fn candles_match_talib_on_every_bar() {
    let doc = vectors();
    let mut checked = 0;
    for dataset in doc["datasets"].as_array().unwrap() {
        let [o, h, l, c] = columns(dataset);
        assert_eq!(o.len() as u64, dataset["length"].as_u64().unwrap());
        let bars = Bars::new(&o, &h, &l, &c, None).unwrap();
        let all = candles(bars, None, &CandleSettings::default()).unwrap();
        for (name, got) in all {
            let mut want = vec![0; o.len()];
            for pair in dataset["candles"][&name].as_array().unwrap() {
                want[pair[0].as_u64().unwrap() as usize] = pair[1].as_i64().unwrap() as i32;
            }
            let diff: Vec<(usize, i32, i32)> = got
                .iter()
                .zip(&want)
                .enumerate()
                .filter(|(_, (g, w))| g != w)
                .map(|(i, (g, w))| (i, *g, *w))
                .take(5)
                .collect();
            assert!(
                diff.is_empty(),
                "{} {name}: (bar, edgekit, TA-Lib) {diff:?}",
                dataset["name"]
            );
            checked += 1;
        }
    }
    assert_eq!(
        checked,
        doc["datasets"].as_array().unwrap().len() * candle_patterns().len()
    );
}

#[test]
fn indicators_match_talib() {
    let doc = vectors();
    let dataset = &doc["datasets"][0];
    let [o, h, l, c] = columns(dataset);
    Bars::new(&o, &h, &l, &c, None).unwrap();
    let want = &doc["indicators"]["values"];
    let got = [
        ("sma_20", sma(&c, 20).unwrap()),
        ("ema_20", ema(&c, 20, EmaSeed::Sma).unwrap()),
        ("atr_14", atr(&h, &l, &c, 14).unwrap()),
        ("rsi_14", rsi(&c, 14).unwrap()),
        ("max_20", highest(&c, 20).unwrap()),
        ("min_20", lowest(&c, 20).unwrap()),
    ];
    for (name, values) in got {
        for (i, (g, w)) in values
            .iter()
            .zip(want[name].as_array().unwrap())
            .enumerate()
        {
            match w.as_f64() {
                None => assert!(g.is_nan(), "{name}[{i}] = {g}, TA-Lib has no value"),
                Some(w) => assert!(
                    (g - w).abs() <= 1e-12 * w.abs() + 1e-12,
                    "{name}[{i}]: {g} vs {w}"
                ),
            }
        }
    }
}

#[test]
fn bad_bars_and_names_are_refused_with_the_row_or_name() {
    let err = Bars::new(&[1.0, 2.0], &[1.5, 2.5], &[0.5, 2.1], &[1.2, 2.0], None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "bar 1: low 2.1 is above min(open 2, close 2)"
    );
    let err = Bars::new(
        &[1.0, f64::NAN],
        &[1.5, 2.5],
        &[0.5, 1.0],
        &[1.2, 2.0],
        None,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "open[1] is NaN: bars must be finite");
    let bars = Bars::new(&[1.0], &[1.5], &[0.5], &[1.2], None).unwrap();
    let err = candles(bars, Some(&["DOJI", "NOPE"]), &CandleSettings::default()).unwrap_err();
    assert!(err.to_string().contains("\"NOPE\""));
    assert!(sma(&[1.0], 0).is_err());
}

#[test]
fn candles_follow_overridden_settings_like_talib() {
    let doc = vectors();
    let goog = doc["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "GOOG")
        .unwrap();
    let [o, h, l, c] = columns(goog);
    let bars = Bars::new(&o, &h, &l, &c, None).unwrap();
    for case in doc["settings"].as_array().unwrap() {
        let mut settings = CandleSettings::default();
        for (name, s) in case["settings"].as_object().unwrap() {
            settings
                .set(
                    name,
                    s["range_type"].as_str(),
                    s["avg_period"].as_u64().map(|p| p as usize),
                    s["factor"].as_f64(),
                )
                .unwrap();
        }
        for (name, got) in candles(bars, None, &settings).unwrap() {
            let mut want = vec![0; o.len()];
            for pair in case["candles"][&name].as_array().unwrap() {
                want[pair[0].as_u64().unwrap() as usize] = pair[1].as_i64().unwrap() as i32;
            }
            let bad = got.iter().zip(&want).position(|(g, w)| g != w);
            assert_eq!(
                bad, None,
                "{name} with {}: first difference at bar {bad:?}",
                case["settings"]
            );
        }
    }
}
