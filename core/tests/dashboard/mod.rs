//! What the tests against the dashboard's recorded vectors share: reading a recording and JSON
//! equality with numbers compared as exact doubles (JavaScript writes 80, serde 80.0).

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
