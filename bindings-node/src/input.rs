//! Turning JS arguments into `f64` slices, without copying a `Float64Array`.

use std::ops::Deref;

use napi::bindgen_prelude::*;

use crate::errors::{JsResult, invalid_type};

/// Numbers from JS: a `Float64Array` borrowed in place, or a converted copy of anything else.
pub enum Values {
    Shared(Float64Array),
    Owned(Vec<f64>),
}

impl Deref for Values {
    type Target = [f64];

    fn deref(&self) -> &[f64] {
        match self {
            Values::Shared(array) => array,
            Values::Owned(values) => values,
        }
    }
}

/// Reads `value` as numbers: a `Float64Array` (zero-copy), a `Float32Array`/`Int32Array`/
/// `Uint32Array`, raw float64 bytes in the platform's byte order (a Node `Buffer` or an
/// `ArrayBuffer`, e.g. a request body: copied once, never parsed), or an array of numbers in
/// which `null` and `undefined` stand for missing (NaN).
pub fn float_values(value: Unknown<'_>, argument: &str) -> JsResult<Values> {
    let wrong = || {
        invalid_type(format!(
            "{argument} must be a Float64Array, an array of numbers, or a Buffer/ArrayBuffer of raw float64 bytes"
        ))
    };
    if value.is_arraybuffer().map_err(|_| wrong())? {
        // SAFETY: `is_arraybuffer` said this is an ArrayBuffer.
        let buffer = unsafe { value.cast::<ArrayBuffer>() }.map_err(|_| wrong())?;
        return raw_float64(&buffer, argument).map(Values::Owned);
    }
    if value.is_typedarray().map_err(|_| wrong())? {
        // SAFETY: `value` is a live typed array of this call; each cast checks its element type.
        if let Ok(array) = unsafe { value.cast::<Float64Array>() } {
            return Ok(Values::Shared(array));
        }
        if let Ok(array) = unsafe { value.cast::<Float32Array>() } {
            return Ok(Values::Owned(array.iter().map(|&v| f64::from(v)).collect()));
        }
        if let Ok(array) = unsafe { value.cast::<Int32Array>() } {
            return Ok(Values::Owned(array.iter().map(|&v| f64::from(v)).collect()));
        }
        if let Ok(array) = unsafe { value.cast::<Uint32Array>() } {
            return Ok(Values::Owned(array.iter().map(|&v| f64::from(v)).collect()));
        }
        if is_node_buffer(&value)
            && let Ok(bytes) = unsafe { value.cast::<Uint8Array>() }
        {
            return raw_float64(&bytes, argument).map(Values::Owned);
        }
        return Err(wrong());
    }
    if !value.is_array().map_err(|_| wrong())? {
        return Err(wrong());
    }
    // SAFETY: `is_array` said this is a JS array.
    let array = unsafe { value.cast::<Array>() }.map_err(|_| wrong())?;
    let mut out = Vec::with_capacity(array.len() as usize);
    for i in 0..array.len() {
        let element: Unknown = array.get(i).map_err(|_| wrong())?.ok_or_else(wrong)?;
        let number = match element.get_type().map_err(|_| wrong())? {
            ValueType::Number => unsafe { element.cast::<f64>() }.map_err(|_| wrong())?,
            ValueType::Null | ValueType::Undefined => f64::NAN,
            other => {
                return Err(invalid_type(format!(
                    "{argument}[{i}] is a {other}, not a number"
                )));
            }
        };
        out.push(number);
    }
    Ok(Values::Owned(out))
}

/// A Node `Buffer` (a `Uint8Array` made by `Buffer`): its bytes are data, while a plain
/// `Uint8Array` could as well be small numbers (labels, flags), which are refused rather than
/// silently read as floats.
fn is_node_buffer(value: &Unknown<'_>) -> bool {
    // SAFETY: every typed array is an object.
    let Ok(object) = (unsafe { value.cast::<Object>() }) else {
        return false;
    };
    object
        .get_named_property_unchecked::<Object>("constructor")
        .and_then(|constructor| constructor.get_named_property::<String>("name"))
        .is_ok_and(|name| name == "Buffer")
}

/// Whole float64 values from raw bytes in the platform's byte order (as a `Float64Array`
/// holds them), copied once: a Buffer from Node's pool need not be 8-byte aligned.
fn raw_float64(bytes: &[u8], argument: &str) -> JsResult<Vec<f64>> {
    if !bytes.len().is_multiple_of(8) {
        return Err(Error::new(
            crate::errors::Code::INVALID_INPUT,
            format!(
                "{argument} holds {} bytes, not whole float64 values (8 bytes each)",
                bytes.len()
            ),
        ));
    }
    Ok(bytes
        .chunks_exact(8)
        .map(|chunk| f64::from_ne_bytes(chunk.try_into().expect("chunks of 8")))
        .collect())
}

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A whole number from a JS number, never wrapped or truncated: NaN, ±Infinity and fractions
/// are type errors; values below `min` or past `Number.MAX_SAFE_INTEGER` are input errors.
/// (Core then checks the documented limit of what the number counts.)
pub fn integer(value: f64, min: i64, argument: &str) -> JsResult<i64> {
    if !value.is_finite() || value.fract() != 0.0 {
        return Err(invalid_type(format!(
            "{argument} = {value} must be a whole number"
        )));
    }
    if value < min as f64 || value.abs() > MAX_SAFE_INTEGER {
        return Err(Error::new(
            crate::errors::Code::INVALID_INPUT,
            format!("{argument} = {value} must be a whole number in [{min}, {MAX_SAFE_INTEGER}]"),
        ));
    }
    Ok(value as i64)
}

/// A whole number ≥ 0 (see [`integer`]).
pub fn whole(value: f64, argument: &str) -> JsResult<u64> {
    integer(value, 0, argument).map(|v| v as u64)
}

/// A count ≥ 0, or `default` when absent.
pub fn count_or(value: Option<f64>, default: usize, argument: &str) -> JsResult<usize> {
    value.map_or(Ok(default), |v| whole(v, argument).map(|v| v as usize))
}

/// A seed as JS gives it (declared in option interfaces): a whole number up to
/// `Number.MAX_SAFE_INTEGER`, or a `bigint` for the full `u64` range Python accepts, so one
/// seed reproduces one answer in both faces; `convert` reads both.
pub type Seed = Either<f64, BigInt>;
