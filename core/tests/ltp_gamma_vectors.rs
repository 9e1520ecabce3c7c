//! LTP 2.0 against the dashboard's own code (tests/vectors/ltp_gamma.json, recorded from
//! src/lib/ltp-gamma-engine.ts of a checkout of n8kahl/kcu-coach-dashboard by
//! tests/vectors/dashboard/record.mjs): every value bit for bit.

mod dashboard;

use dashboard::check;
use edgekit::ltp::*;
use serde_json::{Map, Value};

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

fn parse<T: serde::de::DeserializeOwned>(v: &Value) -> T {
    serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{v}: {e}"))
}

/// A tagged value (encoding.cjs) as a number: `None` for null and undefined, which only the
/// JavaScript faces read (as 0 and NaN).
fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::Object(tag) => match tag.get("$").and_then(Value::as_str) {
            Some("NaN") => Some(f64::NAN),
            Some("Infinity") => Some(f64::INFINITY),
            Some("-Infinity") => Some(f64::NEG_INFINITY),
            Some("-0") => Some(-0.0),
            _ => None,
        },
        _ => None,
    }
}

/// `want` without the keys the dashboard left `undefined` (absent in Rust's serialization).
fn without_undefined(want: &Value) -> Value {
    match want {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| v.get("$").and_then(Value::as_str) != Some("undefined"))
                .map(|(k, v)| (k.clone(), without_undefined(v)))
                .collect::<Map<_, _>>(),
        ),
        other => other.clone(),
    }
}

#[test]
fn constants_are_the_dashboards() {
    let v = dashboard::vectors("ltp_gamma.json");
    check("WEIGHTS", 0, WEIGHTS, &v["constants"]["WEIGHTS"]);
    check(
        "GRADE_THRESHOLDS",
        0,
        GRADE_THRESHOLDS,
        &v["constants"]["GRADE_THRESHOLDS"],
    );
    assert_eq!(HYSTERESIS_BUFFER, f(&v["constants"]["HYSTERESIS_BUFFER"]));
}

#[test]
fn scores_match_the_dashboard() {
    let v = dashboard::vectors("ltp_gamma.json");
    for (i, c) in v["calculate_ltp2_score"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let context: MarketContext = parse(&c["args"][0]);
        let state: Option<ScoreHysteresisState> = c["args"].get(1).map(parse);
        let got = calculate_ltp2_score(&context, state.as_ref()).unwrap();
        check("calculate_ltp2_score", i, got, &c["want"]);
    }
    let mut steps = 0;
    for run in v["hysteresis_runs"].as_array().unwrap() {
        for (i, step) in run.as_array().unwrap().iter().enumerate() {
            let context: MarketContext = parse(&step["context"]);
            let state: ScoreHysteresisState = parse(&step["state"]);
            check(
                "hysteresis_runs",
                i,
                calculate_ltp2_score(&context, Some(&state)).unwrap(),
                &step["want"],
            );
            steps += 1;
        }
    }
    assert!(steps >= 300);
}

#[test]
fn candles_emas_contexts_and_explanations_match_the_dashboard() {
    let v = dashboard::vectors("ltp_gamma.json");
    for (i, c) in v["detect_patience_candle"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let a: Vec<f64> = parse(&c["args"]);
        check(
            "detect_patience_candle",
            i,
            detect_inside_patience_candle(a[0], a[1], a[2], a[3], a[4], a[5]),
            &c["want"],
        );
    }
    for (i, c) in v["calculate_ema"].as_array().unwrap().iter().enumerate() {
        let prices: Vec<f64> = parse(&c["args"][0]);
        assert_eq!(
            calculate_gamma_ema(&prices, f(&c["args"][1])).unwrap(),
            f(&c["want"]),
            "calculate_ema[{i}]"
        );
    }
    for (i, c) in v["create_market_context"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let a = c["args"].as_array().unwrap();
        let chart: ChartData = parse(&a[0]);
        let gamma: GammaLevels = parse(&a[3]);
        let patience: Option<PatienceFlag> = a.get(4).map(parse);
        let got = create_market_context(&chart, &parse(&a[1]), f(&a[2]), &gamma, patience.as_ref());
        check(
            "create_market_context",
            i,
            got,
            &without_undefined(&c["want"]),
        );
    }
    for (i, c) in v["generate_ltp2_score_explanation"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let context: MarketContext = parse(&c["args"][1]);
        let result: Ltp2Score = parse(&c["args"][2]);
        let got = generate_ltp2_score_explanation(
            c["args"][0].as_str().unwrap(),
            &context,
            &result,
            f(&c["now"]),
        )
        .unwrap();
        check("generate_ltp2_score_explanation", i, got, &c["want"]);
    }
}

/// The edge inputs whose numbers Rust can hold (NaN, ±Infinity, −0; not null or undefined):
/// the dashboard's answer, or an error where its answer holds NaN or Infinity or it threw.
#[test]
fn edge_numbers_give_the_dashboards_answer_or_an_error() {
    let v = dashboard::vectors("ltp_gamma.json");
    let (mut same, mut refused) = (0, 0);
    for e in v["edges"].as_array().unwrap() {
        let args = e["args"].as_array().unwrap();
        let got = match e["fn"].as_str().unwrap() {
            "calculateLTP2Score" if args.len() == 1 => {
                let Some(context) = context_of(&args[0]) else {
                    continue;
                };
                calculate_ltp2_score(&context, None).map(|r| serde_json::to_value(r).unwrap())
            }
            "generateLTP2ScoreExplanation" => {
                let Some(context) = context_of(&args[1]) else {
                    continue;
                };
                let result: Ltp2Score = parse(&args[2]);
                generate_ltp2_score_explanation("SPY", &context, &result, f(&e["now"]))
                    .map(|r| serde_json::to_value(r).unwrap())
            }
            "calculateEMA" => {
                let (Some(prices), Some(period)) = (
                    args[0]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(number)
                        .collect::<Option<Vec<f64>>>(),
                    number(&args[1]),
                ) else {
                    continue;
                };
                calculate_gamma_ema(&prices, period).map(|x| serde_json::json!(x))
            }
            _ => continue,
        };
        match got {
            Ok(got) => {
                assert!(e["threw"].is_null(), "{e}: the dashboard threw");
                let want = &e["want"];
                let want = untagged(want);
                assert!(
                    dashboard::same(&got, &want),
                    "{}: got {got}, want {want}",
                    e["fn"]
                );
                same += 1;
            }
            Err(_) => refused += 1,
        }
    }
    assert!(
        same > 60 && refused > 10,
        "{same} answered, {refused} refused"
    );
}

/// A recorded answer with its tagged −0 as a number (NaN, ±Infinity and undefined stay tagged:
/// an answer holding one is never matched).
fn untagged(v: &Value) -> Value {
    match v {
        Value::Object(map) if map.get("$").and_then(Value::as_str) == Some("-0") => {
            serde_json::json!(-0.0)
        }
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, x)| (k.clone(), untagged(x))).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(untagged).collect()),
        other => other.clone(),
    }
}

fn context_of(v: &Value) -> Option<MarketContext> {
    let n = |k: &str| number(&v[k]);
    let optional = |k: &str| match v.get(k) {
        None => Some(None),
        Some(x) => number(x).map(Some),
    };
    Some(MarketContext {
        current_price: n("currentPrice")?,
        previous_close: n("previousClose")?,
        ema8: n("ema8")?,
        ema21: n("ema21")?,
        vwap: n("vwap")?,
        call_wall: n("callWall")?,
        put_wall: n("putWall")?,
        zero_gamma: n("zeroGamma")?,
        gamma_exposure: n("gammaExposure")?,
        has_patience_candle: v["hasPatienceCandle"].as_bool()?,
        // Directions other than bullish and bearish are outside the Rust type.
        patience_direction: match v.get("patienceDirection") {
            None => None,
            Some(d) => Some(serde_json::from_value(d.clone()).ok()?),
        },
        previous_high: optional("previousHigh")?,
        previous_low: optional("previousLow")?,
        current_high: optional("currentHigh")?,
        current_low: optional("currentLow")?,
    })
}
