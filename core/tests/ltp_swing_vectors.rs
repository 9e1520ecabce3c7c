//! The dashboard's swing-point levels against its own code (tests/vectors/ltp_swing_points.json,
//! recorded from src/lib/swing-point-detector.ts by tests/vectors/dashboard/record.mjs). The
//! 10⁵-bar cases, which the recording regenerates from a seed, are checked by the Node tests.

mod dashboard;

use dashboard::check;
use edgekit::ltp::*;
use serde_json::Value;

fn column(bars: &Value, name: &str) -> Vec<f64> {
    bars[name]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn config_of(args: &[Value]) -> SwingPointConfig {
    let timeframe = args.get(1).and_then(Value::as_str).unwrap_or("1H");
    match args.get(2) {
        Some(c) => serde_json::from_value(c.clone()).unwrap(),
        None => swing_config_for(timeframe),
    }
}

#[test]
fn configurations_are_the_dashboards() {
    let v = dashboard::vectors("ltp_swing_points.json");
    let configs: serde_json::Map<String, Value> = SWING_TIMEFRAME_CONFIGS
        .iter()
        .map(|(label, config)| (label.to_string(), serde_json::to_value(config).unwrap()))
        .collect();
    check("TIMEFRAME_CONFIGS", 0, configs, &v["TIMEFRAME_CONFIGS"]);
}

#[test]
fn swing_points_match_the_dashboard() {
    let v = dashboard::vectors("ltp_swing_points.json");
    for (i, c) in v["detect_swing_points"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let args = c["args"].as_array().unwrap();
        let bars = &args[0];
        // An undefined timeframe is the default "1H" (tagged in the recording).
        let timeframe = args.get(1).and_then(Value::as_str).unwrap_or("1H");
        let got = detect_swing_points(
            &column(bars, "high"),
            &column(bars, "low"),
            &column(bars, "time"),
            timeframe,
            &config_of(args),
        )
        .unwrap();
        check("detect_swing_points", i, got, &c["want"]);
    }
}

#[test]
fn touches_nearby_levels_and_merges_match_the_dashboard() {
    let v = dashboard::vectors("ltp_swing_points.json");
    for (i, c) in v["count_touches_at_level"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let args = c["args"].as_array().unwrap();
        let kind = if args[2] == "high" { "high" } else { "low" };
        let tolerance = args.get(3).and_then(Value::as_f64).unwrap_or(0.2);
        let start = args.get(4).and_then(Value::as_f64).unwrap_or(0.0);
        let got = count_touches_at_level(
            &column(&args[0], kind),
            args[1].as_f64().unwrap(),
            tolerance,
            start,
        )
        .unwrap();
        assert_eq!(
            got as f64,
            c["want"].as_f64().unwrap(),
            "count_touches_at_level[{i}]"
        );
    }
    for (i, c) in v["filter_nearby_levels"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let args = c["args"].as_array().unwrap();
        let prices: Vec<f64> = args[0]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["price"].as_f64().unwrap())
            .collect();
        let got = nearby_levels(
            &prices,
            args[1].as_f64().unwrap(),
            args.get(2).and_then(Value::as_f64).unwrap_or(5.0),
        );
        check("filter_nearby_levels", i, got, &c["want"]);
    }
    for (i, c) in v["merge_mtf_levels"].as_array().unwrap().iter().enumerate() {
        let args = c["args"].as_array().unwrap();
        let four: Vec<SwingPoint> = serde_json::from_value(args[0].clone()).unwrap();
        let one: Vec<SwingPoint> = serde_json::from_value(args[1].clone()).unwrap();
        let got = merge_mtf_levels(
            &four,
            &one,
            args.get(2).and_then(Value::as_f64).unwrap_or(0.3),
        )
        .unwrap();
        let levels: Vec<SwingPoint> = got.into_iter().map(|m| m.level).collect();
        check("merge_mtf_levels", i, levels, &c["want"]);
    }
}
