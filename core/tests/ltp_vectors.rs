//! Layer 1 against the dashboard's own code (tests/vectors/ltp.json, recorded from a checkout of
//! n8kahl/kcu-coach-dashboard by tests/vectors/dashboard/record.mjs): every value bit for bit,
//! the level score by the dashboard's formula ([`LevelFormula::Dashboard`]).

mod dashboard;

use std::collections::BTreeMap;

use dashboard::check;
use edgekit::ltp::*;
use edgekit::patterns::Bars;
use serde_json::Value;

fn vectors() -> Value {
    dashboard::vectors("ltp.json")
}

/// Columns {o, h, l, c, v} as owned vectors.
struct Columns([Vec<f64>; 5]);

impl Columns {
    fn of(v: &Value) -> Self {
        let col = |k: &str| -> Vec<f64> {
            v[k].as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap())
                .collect()
        };
        Columns([col("o"), col("h"), col("l"), col("c"), col("v")])
    }

    fn bars(&self) -> Bars<'_> {
        let [o, h, l, c, v] = &self.0;
        Bars::new(o, h, l, c, Some(v)).unwrap()
    }
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

fn levels(v: &Value) -> Vec<KeyLevel> {
    serde_json::from_value(v.clone()).unwrap()
}

#[test]
fn scores_match_the_dashboard() {
    let v = vectors();
    for (i, c) in v["calculate_ltp_score"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let a = &c["args"];
        let got = calculate_ltp_score(f(&a[0]), f(&a[1]), f(&a[2])).unwrap();
        check("calculate_ltp_score", i, got, &c["want"]);
    }
    for (i, c) in v["calculate_ema"].as_array().unwrap().iter().enumerate() {
        let data: Vec<f64> = serde_json::from_value(c["data"].clone()).unwrap();
        let got = calculate_ema(&data, c["period"].as_u64().unwrap() as usize).unwrap();
        check("calculate_ema", i, got, &c["want"]);
    }
    for (i, c) in v["calculate_vwap"].as_array().unwrap().iter().enumerate() {
        let cols = Columns::of(&c["bars"]);
        check(
            "calculate_vwap",
            i,
            calculate_vwap(cols.bars()).unwrap(),
            &c["want"],
        );
    }
    for (i, c) in v["detect_patience_candle"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let cols = Columns::of(&c["bars"]);
        let got =
            detect_patience_candle(cols.bars(), f(&c["level"]), f(&c["max_candle_size"])).unwrap();
        check("detect_patience_candle", i, got, &c["want"]);
    }
    for (i, c) in v["score_level_proximity"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let (price, levels, threshold) = (f(&c["price"]), levels(&c["levels"]), f(&c["threshold"]));
        let got =
            score_level_proximity(price, &levels, threshold, LevelFormula::Dashboard).unwrap();
        check("score_level_proximity", i, got, &c["want"]);
        let corrected =
            score_level_proximity(price, &levels, threshold, LevelFormula::Corrected).unwrap();
        assert_eq!(
            corrected.score,
            corrected_score(price, &levels, threshold),
            "case {i}"
        );
    }
    for (i, c) in v["score_trend_alignment"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let analyses: Vec<MtfAnalysis> = serde_json::from_value(c["analyses"].clone()).unwrap();
        let direction: Direction = c["direction"].as_str().unwrap().parse().unwrap();
        let weights: Option<BTreeMap<String, f64>> =
            serde_json::from_value(c["weights"].clone()).unwrap();
        let got = score_trend_alignment(&analyses, direction, weights.as_ref()).unwrap();
        check("score_trend_alignment", i, got, &c["want"]);
    }
    for (i, c) in v["score_patience_quality"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let result: PatienceResult = serde_json::from_value(c["result"].clone()).unwrap();
        check(
            "score_patience_quality",
            i,
            score_patience_quality(result),
            &c["want"],
        );
    }
    for (i, c) in v["calculate_trade_params"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let level: Option<KeyLevel> = serde_json::from_value(c["level"].clone()).unwrap();
        let direction: Direction = c["direction"].as_str().unwrap().parse().unwrap();
        let got = calculate_trade_params(f(&c["price"]), level.as_ref(), direction).unwrap();
        check("calculate_trade_params", i, got, &c["want"]);
    }
    for (i, c) in v["get_ltp_grade"].as_array().unwrap().iter().enumerate() {
        check(
            "get_ltp_grade",
            i,
            get_ltp_grade(f(&c["score"])),
            &c["want"],
        );
    }
    for (i, c) in v["generate_coach_note"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let level: LevelResult = serde_json::from_value(c["level_result"].clone()).unwrap();
        let patience: PatienceResult = serde_json::from_value(c["patience"].clone()).unwrap();
        let direction: Direction = c["direction"].as_str().unwrap().parse().unwrap();
        let got = generate_coach_note(&level, f(&c["trend_score"]), patience, direction);
        check("generate_coach_note", i, got, &c["want"]);
    }
}

#[test]
fn detector_matches_the_dashboard() {
    let v = vectors();
    for (i, c) in v["key_levels"].as_array().unwrap().iter().enumerate() {
        let (daily, intraday) = (Columns::of(&c["daily"]), Columns::of(&c["intraday"]));
        check(
            "key_levels",
            i,
            key_levels(daily.bars(), intraday.bars()),
            &c["want"],
        );
    }
    for (i, c) in v["analyze_timeframe"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let bars = Columns::of(&c["bars"]);
        let got = analyze_timeframe(bars.bars(), c["timeframe"].as_str().unwrap()).unwrap();
        check("analyze_timeframe", i, got, &c["want"]);
    }
    let cases = v["analyze_symbol"].as_array().unwrap();
    let owned: Vec<_> = cases
        .iter()
        .map(|c| {
            let frames: Vec<(String, Columns)> = c["timeframes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| (p[0].as_str().unwrap().to_owned(), Columns::of(&p[1])))
                .collect();
            let patience = (!c["patience"].is_null()).then(|| Columns::of(&c["patience"]));
            (
                Columns::of(&c["daily"]),
                Columns::of(&c["intraday"]),
                frames,
                patience,
            )
        })
        .collect();
    let inputs: Vec<SymbolInput> = cases
        .iter()
        .zip(&owned)
        .map(|(c, (daily, intraday, frames, patience))| SymbolInput {
            symbol: c["symbol"].as_str().unwrap(),
            price: f(&c["price"]),
            daily: daily.bars(),
            intraday: intraday.bars(),
            timeframes: frames
                .iter()
                .map(|(tf, b)| (tf.as_str(), b.bars()))
                .collect(),
            patience: patience.as_ref().map(Columns::bars),
        })
        .collect();
    for (i, (input, c)) in inputs.iter().zip(cases).enumerate() {
        check(
            "analyze_symbol",
            i,
            analyze_symbol(input, LevelFormula::Dashboard).unwrap(),
            &c["want"],
        );
    }
    let all = analyze_symbols(&inputs, LevelFormula::Dashboard).unwrap();
    for (i, (got, c)) in all.iter().zip(cases).enumerate() {
        check("analyze_symbols", i, got, &c["want"]);
    }
}

#[test]
fn bad_inputs_raise_named_errors() {
    let err = calculate_ema(&[1.0, f64::NAN], 2).unwrap_err();
    assert_eq!(err.to_string(), "data[1] is NaN: it must be finite");
    let err = "sideways".parse::<Direction>().unwrap_err();
    assert!(err.to_string().contains("\"sideways\""));
    let bars = Bars::new(&[1.0; 3], &[1.0; 3], &[1.0; 3], &[1.0; 3], None).unwrap();
    let err = analyze_timeframe(bars, "3m").unwrap_err();
    assert!(matches!(err, LtpError::UnknownTimeframe(ref tf) if tf == "3m"));
    // A level without a finite price is never near (the dashboard's reading), not an error.
    let level = KeyLevel::new("pdh", f64::INFINITY, "daily", 80.0);
    let r = score_level_proximity(100.0, &[level], 0.3, LevelFormula::Corrected).unwrap();
    assert_eq!((r.score, r.level), (0.0, None));
    assert!(
        calculate_vwap(bars).is_err(),
        "VWAP without volume is refused"
    );
    assert!(calculate_ltp_score(f64::NAN, 1.0, 1.0).is_err());
}

/// The corrected level score computed here from its definition: the best
/// (1 − d/θ)·50 + strength/2 over the levels within θ % of the price, rounded half up; always
/// within 0–100.
fn corrected_score(price: f64, levels: &[KeyLevel], threshold: f64) -> f64 {
    if !(price.is_finite() && price > 0.0) || threshold <= 0.0 {
        return 0.0;
    }
    let best = levels
        .iter()
        .map(|l| ((price - l.price).abs() / price * 100.0, l.strength))
        .filter(|&(d, _)| d <= threshold)
        .map(|(d, strength)| (1.0 - d / threshold) * 50.0 + strength / 100.0 * 50.0)
        .fold(0.0_f64, f64::max);
    assert!((0.0..=100.0).contains(&best));
    (best + 0.5).floor()
}

#[test]
fn chart_helpers_match_the_dashboard() {
    let v = vectors();
    let cases = |name: &str| v[name].as_array().unwrap().clone();
    for (i, c) in cases("identify_key_levels").iter().enumerate() {
        let bars = Columns::of(&c["bars"]);
        check(
            "identify_key_levels",
            i,
            identify_key_levels(bars.bars()),
            &c["want"],
        );
    }
    for (i, c) in cases("determine_trend").iter().enumerate() {
        let bars = Columns::of(&c["bars"]);
        check(
            "determine_trend",
            i,
            determine_trend(bars.bars()),
            &c["want"],
        );
    }
    for (i, c) in cases("identify_patience_candles").iter().enumerate() {
        let bars = Columns::of(&c["bars"]);
        let got = identify_patience_candles(bars.bars());
        check("identify_patience_candles", i, got, &c["want"]);
    }
}

#[test]
fn score_explanations_match_the_dashboard() {
    let v = vectors();
    for (i, c) in v["generate_score_explanation"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let a = c["args"].as_array().unwrap();
        let direction: Direction = a[1].as_str().unwrap().parse().unwrap();
        let level: LevelResult = serde_json::from_value(a[3].clone()).unwrap();
        let patience: PatienceResult = serde_json::from_value(a[5].clone()).unwrap();
        let analyses: Vec<MtfAnalysis> = serde_json::from_value(a[6].clone()).unwrap();
        let got = generate_score_explanation(
            a[0].as_str().unwrap(),
            direction,
            f(&a[2]),
            &level,
            f(&a[4]),
            patience,
            &analyses,
            f(&c["now"]),
        )
        .unwrap();
        check("generate_score_explanation", i, &got, &c["want"]);
        // Strings compare exactly (numbers inside them are JavaScript's formatting).
        assert_eq!(
            serde_json::to_value(&got.reasons).unwrap(),
            c["want"]["reasons"],
            "case {i}"
        );
    }
}

/// 10⁵ bars, regenerated from the recorded seed: what the dashboard answered.
#[test]
fn big_cases_match_the_dashboard() {
    let v = vectors();
    let big = v["big"].as_array().unwrap();
    let seed = big[0]["seed"].as_u64().unwrap() as u32;
    let [o, h, l, c, vol, _] = dashboard::big_columns(seed, big[0]["n"].as_u64().unwrap() as usize);
    let bars = Bars::new(&o, &h, &l, &c, Some(&vol)).unwrap();
    for case in big {
        let args = case["args"].as_array().unwrap();
        let got = match case["fn"].as_str().unwrap() {
            "calculateEMA" => {
                serde_json::json!(calculate_ema(&c, args[1].as_u64().unwrap() as usize).unwrap())
            }
            "calculateVWAP" => serde_json::json!(calculate_vwap(bars).unwrap()),
            "detectPatienceCandle" => serde_json::to_value(
                detect_patience_candle(bars, f(&args[1]), PATIENCE_MAX_CANDLE).unwrap(),
            )
            .unwrap(),
            "identifyKeyLevels" => serde_json::to_value(identify_key_levels(bars)).unwrap(),
            "determineTrend" => serde_json::to_value(determine_trend(bars)).unwrap(),
            "identifyPatienceCandles" => {
                serde_json::to_value(identify_patience_candles(bars)).unwrap()
            }
            "analyzeTimeframe" => {
                serde_json::to_value(analyze_timeframe(bars, args[1].as_str().unwrap()).unwrap())
                    .unwrap()
            }
            other => panic!("no big case for {other}"),
        };
        assert!(
            dashboard::same(&got, &case["want"]),
            "{}: got {got}",
            case["fn"]
        );
    }
}
