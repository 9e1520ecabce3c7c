//! The dashboard's fair value gaps against its own code (tests/vectors/ltp_fvg.json, recorded
//! from src/lib/fvg-detector.ts by tests/vectors/dashboard/record.mjs). Formation candles are
//! recorded as their positions in the candles given.

mod dashboard;

use dashboard::check;
use edgekit::ltp::*;
use serde_json::Value;

fn column(cols: &Value, name: &str) -> Vec<f64> {
    cols[name]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// Owned columns: timestamp, open, high, low, close, volume.
struct Owned([Vec<f64>; 6]);

impl Owned {
    fn of(cols: &Value, names: [&str; 6]) -> Self {
        Owned(names.map(|n| column(cols, n)))
    }

    fn from_bars(bars: &Value) -> Self {
        let field = |k: &str| {
            bars.as_array()
                .unwrap()
                .iter()
                .map(|b| b[k].as_f64().unwrap())
                .collect()
        };
        Owned(["t", "o", "h", "l", "c", "v"].map(field))
    }

    fn columns(&self) -> CandleColumns<'_> {
        let [timestamp, open, high, low, close, volume] = &self.0;
        CandleColumns {
            timestamp,
            open,
            high,
            low,
            close,
            volume,
        }
    }
}

/// A gap as recorded: its formation candles replaced by their positions.
fn recorded(gap: &FairValueGap) -> Value {
    let mut value = serde_json::to_value(gap).unwrap();
    value["formationCandles"] = serde_json::json!(gap.formation_indices);
    value
}

#[test]
fn gaps_match_the_dashboard() {
    let v = dashboard::vectors("ltp_fvg.json");
    for (i, c) in v["detect_fvgs"].as_array().unwrap().iter().enumerate() {
        let args = c["args"].as_array().unwrap();
        let owned = Owned::of(
            &args[0],
            ["timestamp", "open", "high", "low", "close", "volume"],
        );
        let min = args.get(3).and_then(Value::as_f64).unwrap_or(0.1);
        let gaps = detect_fvgs(
            owned.columns(),
            args[1].as_str().unwrap(),
            args[2].as_f64().unwrap(),
            min,
        )
        .unwrap();
        check(
            "detect_fvgs",
            i,
            gaps.iter().map(recorded).collect::<Vec<_>>(),
            &c["want"],
        );
    }
}

#[test]
fn full_analyses_match_the_dashboard() {
    let v = dashboard::vectors("ltp_fvg.json");
    const REQUESTS: [&str; 5] = ["5:minute", "15:minute", "1:hour", "4:hour", "1:day"];
    for (i, c) in v["full_analysis"].as_array().unwrap().iter().enumerate() {
        let owned: Vec<Option<Owned>> = REQUESTS
            .iter()
            .map(|r| c["aggregates"].get(*r).map(Owned::from_bars))
            .collect();
        let candles: [Option<CandleColumns>; 5] =
            std::array::from_fn(|k| owned[k].as_ref().map(Owned::columns));
        // `quote?.price || 0`.
        let price = c["quote"].as_f64().unwrap_or(0.0);
        let got = analyze_fvgs(
            c["symbol"].as_str().unwrap(),
            price,
            candles,
            c["now"].as_f64().unwrap(),
        )
        .unwrap();
        let mut value = serde_json::to_value(&got).unwrap();
        for (key, gaps) in [
            ("5m", &got.fvgs.m5),
            ("15m", &got.fvgs.m15),
            ("1h", &got.fvgs.h1),
            ("4h", &got.fvgs.h4),
            ("daily", &got.fvgs.daily),
        ] {
            value["fvgs"][key] = gaps.iter().map(recorded).collect();
        }
        for (key, gap) in [
            ("nearestBullishFVG", &got.nearest_bullish_fvg),
            ("nearestBearishFVG", &got.nearest_bearish_fvg),
        ] {
            value[key] = gap.as_ref().map_or(Value::Null, recorded);
        }
        check("full_analysis", i, value, &c["want"]);
    }
}

/// 10⁵ candles, regenerated from the recorded seed.
#[test]
fn big_cases_match_the_dashboard() {
    let v = dashboard::vectors("ltp_fvg.json");
    for (i, c) in v["big"].as_array().unwrap().iter().enumerate() {
        let [open, high, low, close, volume, timestamp] = dashboard::big_columns(
            c["seed"].as_u64().unwrap() as u32,
            c["n"].as_u64().unwrap() as usize,
        );
        let columns = CandleColumns {
            timestamp: &timestamp,
            open: &open,
            high: &high,
            low: &low,
            close: &close,
            volume: &volume,
        };
        let args = c["args"].as_array().unwrap();
        let gaps = detect_fvgs(
            columns,
            args[1].as_str().unwrap(),
            args[2].as_f64().unwrap(),
            args[3].as_f64().unwrap(),
        )
        .unwrap();
        check(
            "big",
            i,
            gaps.iter().map(recorded).collect::<Vec<_>>(),
            &c["want"],
        );
    }
}
