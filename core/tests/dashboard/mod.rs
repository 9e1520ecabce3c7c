//! What the tests against the dashboard's recorded vectors share: reading a recording and JSON
//! equality with numbers compared as exact doubles (JavaScript writes 80, serde 80.0).

// Each test crate uses a part of this module.
#![allow(dead_code)]

use serde_json::Value;

/// tests/vectors/`name`, parsed.
pub fn vectors(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// JSON equality, numbers as exact doubles.
pub fn same(got: &Value, want: &Value) -> bool {
    match (got, want) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, x)| b.get(k).is_some_and(|y| same(x, y)))
        }
        _ => got == want,
    }
}

/// Asserts that `got`, serialized, is `want`.
pub fn check(section: &str, case: usize, got: impl serde::Serialize, want: &Value) {
    let got = serde_json::to_value(got).unwrap();
    assert!(
        same(&got, want),
        "{section}[{case}]: got {got}, want {want}"
    );
}

/// The recordings' generator (tests/vectors/dashboard/common.mjs's mulberry32).
pub fn mulberry32(seed: u32) -> impl FnMut() -> f64 {
    let mut state = seed;
    move || {
        state = state.wrapping_add(0x6D2B_79F5);
        let mut t = (state ^ (state >> 15)).wrapping_mul(1 | state);
        t = t.wrapping_add((t ^ (t >> 7)).wrapping_mul(61 | t)) ^ t;
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }
}

/// tests/vectors/dashboard/big.mjs's `bigColumns`: the 10⁵-bar walk of the big cases, as
/// `[open, high, low, close, volume, time]`.
pub fn big_columns(seed: u32, n: usize) -> [Vec<f64>; 6] {
    let mut draw = mulberry32(seed);
    // JavaScript's Math.round, to the cent.
    let cents = |x: f64| (x * 100.0 + 0.5).floor() / 100.0;
    let mut cols: [Vec<f64>; 6] = Default::default();
    let mut price = 100.0 + draw() * 300.0;
    for i in 0..n {
        if draw() < 0.02 {
            let sign = if draw() < 0.5 { -1.0 } else { 1.0 };
            price *= 1.0 + sign * (0.003 + 0.01 * draw());
        }
        let vol = if i % 400 < 20 { 0.0003 } else { 0.004 };
        let o = cents(price);
        let c = cents(price * (1.0 + vol * (draw() * 2.0 - 1.0)));
        let h = cents(o.max(c) * (1.0 + vol * draw() * 0.5));
        let l = cents(o.min(c) * (1.0 - vol * draw() * 0.5));
        let v = if draw() < 0.02 {
            0.0
        } else {
            (100.0 + draw() * 1e5).floor()
        };
        for (column, x) in cols
            .iter_mut()
            .zip([o, h, l, c, v, 1.7e12 + i as f64 * 300_000.0])
        {
            column.push(x);
        }
        price = c;
    }
    cols
}
