//! Checks `stats::describe` against the scipy/numpy vectors shared with the Python and Node suites.

use edgekit::stats::{DescribeOptions, NanPolicy, describe};
use serde_json::Value;

fn vectors() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/describe.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("vector file")).expect("valid JSON")
}

fn decode_x(x: &Value) -> Vec<f64> {
    x.as_array()
        .unwrap()
        .iter()
        .map(|v| match v {
            Value::Null => f64::NAN,
            Value::String(s) if s == "inf" => f64::INFINITY,
            Value::String(s) if s == "-inf" => f64::NEG_INFINITY,
            v => v.as_f64().unwrap(),
        })
        .collect()
}

fn options(o: &Value) -> Result<DescribeOptions, edgekit::Error> {
    let mut opts = DescribeOptions::default();
    if let Some(q) = o.get("quantiles") {
        opts.quantiles = q
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_f64().unwrap())
            .collect();
    }
    if let Some(p) = o.get("nan_policy") {
        opts.nan_policy = p.as_str().unwrap().parse::<NanPolicy>()?;
    }
    if let Some(b) = o.get("bias") {
        opts.bias = b.as_bool().unwrap();
    }
    Ok(opts)
}

fn check(case: &str, field: &str, got: Option<f64>, want: &Value, atol: f64, rtol: f64) {
    match (got, want.as_f64()) {
        (None, None) => {}
        (Some(g), Some(w)) => assert!(
            (g - w).abs() <= rtol * w.abs() || (g - w).abs() <= atol,
            "{case}.{field}: got {g:e}, want {w:e} (diff {:e})",
            (g - w).abs()
        ),
        (g, _) => panic!("{case}.{field}: got {g:?}, want {want}"),
    }
}

#[test]
fn describe_matches_scipy_and_numpy_vectors() {
    let doc = vectors();
    let rtol = doc["tolerance"]["rtol"].as_f64().unwrap();
    let atol_shape = doc["tolerance"]["atol_dimensionless"].as_f64().unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 15);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let d = describe(&decode_x(&case["x"]), &options(&case["options"]).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let want = &case["expected"];
        assert_eq!(d.count, want["count"].as_u64().unwrap(), "{name}.count");
        assert_eq!(d.min, want["min"].as_f64().unwrap(), "{name}.min");
        assert_eq!(d.max, want["max"].as_f64().unwrap(), "{name}.max");
        check(name, "mean", Some(d.mean), &want["mean"], 0.0, rtol);
        check(name, "variance", d.variance, &want["variance"], 0.0, rtol);
        check(name, "std", d.std, &want["std"], 0.0, rtol);
        check(
            name,
            "skewness",
            d.skewness,
            &want["skewness"],
            atol_shape,
            rtol,
        );
        check(
            name,
            "kurtosis",
            d.kurtosis,
            &want["kurtosis"],
            atol_shape,
            rtol,
        );
        let quantiles = want["quantiles"].as_array().unwrap();
        assert_eq!(d.quantiles.len(), quantiles.len(), "{name}.quantiles");
        for (got, pair) in d.quantiles.iter().zip(quantiles) {
            assert_eq!(got.probability, pair[0].as_f64().unwrap());
            check(name, "quantile", Some(got.value), &pair[1], 0.0, rtol);
        }
    }
}

#[test]
fn describe_rejects_the_shared_error_cases() {
    let doc = vectors();
    for case in doc["errors"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let err = options(&case["options"])
            .and_then(|o| describe(&decode_x(&case["x"]), &o).map_err(Into::into))
            .expect_err(name);
        assert_eq!(
            err.code().as_str(),
            case["code"].as_str().unwrap(),
            "{name}"
        );
        let needle = case["message_contains"].as_str().unwrap();
        assert!(err.to_string().contains(needle), "{name}: {err}");
    }
}
