//! Saved state that keeps non-finite floats: JSON has no NaN or infinity (serde_json writes
//! `null`, which then fails to load), so fields that legitimately start at ±∞ or NaN (a running
//! minimum before the first value) are written as the strings `"NaN"`, `"Infinity"` and
//! `"-Infinity"`, and read back from either form. Finite values stay plain numbers.

use serde::{Deserialize, Deserializer, Serializer};

pub(crate) fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.is_finite() {
        serializer.serialize_f64(*value)
    } else if value.is_nan() {
        serializer.serialize_str("NaN")
    } else if *value > 0.0 {
        serializer.serialize_str("Infinity")
    } else {
        serializer.serialize_str("-Infinity")
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Float<'a> {
    Number(f64),
    #[serde(borrow)]
    Text(&'a str),
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    match Float::deserialize(deserializer)? {
        Float::Number(value) => Ok(value),
        Float::Text("NaN") => Ok(f64::NAN),
        Float::Text("Infinity") => Ok(f64::INFINITY),
        Float::Text("-Infinity") => Ok(f64::NEG_INFINITY),
        Float::Text(other) => Err(serde::de::Error::custom(format!(
            "{other:?} is not a number (expected a number, \"NaN\", \"Infinity\" or \"-Infinity\")"
        ))),
    }
}
