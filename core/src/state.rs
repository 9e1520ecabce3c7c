//! Saved state in a compact binary form: what Python's pickle, Dask, Ray, Spark and
//! `multiprocessing` move between processes, and what a service stores to resume. The payload
//! is CBOR (RFC 8949, by `ciborium`) of the same serde shape as the JSON state: self-describing,
//! so every state type that saves to JSON saves here too, fields added later with a default
//! still load, and floats keep every bit (NaN and infinities included). A short header names
//! the kind of object, so state saved by one class is refused by another with an error that
//! says so rather than decoded into nonsense.
//!
//! ```
//! use edgekit::state::{from_bytes, to_bytes};
//!
//! let saved = to_bytes("Counts", &vec![3u32, 1, 4])?;
//! let back: Vec<u32> = from_bytes("Counts", &saved)?;
//! assert_eq!(back, [3, 1, 4]);
//! assert!(from_bytes::<Vec<u32>>("Other", &saved).unwrap_err().to_string().contains("Counts"));
//! # Ok::<(), edgekit::state::StateError>(())
//! ```

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::ErrorCode;

/// First bytes of every saved state, then the format version.
const MAGIC: &[u8; 2] = b"EK";
/// Version of the layout (header and payload encoding); bumped if either ever changes.
pub const STATE_FORMAT: u8 = 1;

/// Saved state that cannot be written or read back.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct StateError(pub String);

impl StateError {
    /// Always [`ErrorCode::InvalidInput`]: the bytes are not a saved state of this kind.
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidInput
    }
}

/// `value` as saved state of `kind` (at most 255 bytes of name).
pub fn to_bytes<T: Serialize + ?Sized>(kind: &str, value: &T) -> Result<Vec<u8>, StateError> {
    let name = kind.as_bytes();
    let len = u8::try_from(name.len())
        .map_err(|_| StateError(format!("state kind '{kind}' is longer than 255 bytes")))?;
    let mut out = Vec::with_capacity(4 + name.len() + 64);
    out.extend_from_slice(MAGIC);
    out.push(STATE_FORMAT);
    out.push(len);
    out.extend_from_slice(name);
    ciborium::into_writer(value, &mut out)
        .map_err(|e| StateError(format!("could not save the {kind} state: {e}")))?;
    Ok(out)
}

/// The value of `kind` saved by [`to_bytes`].
pub fn from_bytes<T: DeserializeOwned>(kind: &str, bytes: &[u8]) -> Result<T, StateError> {
    let refuse = |why: String| StateError(format!("not a saved {kind} state: {why}"));
    let Some(rest) = bytes.strip_prefix(MAGIC.as_slice()) else {
        return Err(refuse("it does not start with edgekit's header".into()));
    };
    let (&format, rest) = rest
        .split_first()
        .ok_or_else(|| refuse("it ends after the header".into()))?;
    if format != STATE_FORMAT {
        return Err(refuse(format!(
            "it is in format {format}; this edgekit reads format {STATE_FORMAT}"
        )));
    }
    let (&len, rest) = rest
        .split_first()
        .ok_or_else(|| refuse("it ends after the header".into()))?;
    let len = usize::from(len);
    if rest.len() < len {
        return Err(refuse("it ends inside its kind's name".into()));
    }
    let (name, payload) = rest.split_at(len);
    if name != kind.as_bytes() {
        return Err(refuse(format!(
            "it holds a {} state",
            String::from_utf8_lossy(name)
        )));
    }
    let mut reader = payload;
    let value: T = ciborium::from_reader(&mut reader).map_err(|e| refuse(e.to_string()))?;
    if reader.is_empty() {
        Ok(value)
    } else {
        Err(refuse(format!("{} bytes follow the state", reader.len())))
    }
}

/// Saved state of a type that saves itself as JSON and checks itself when it loads (the
/// monitoring calculators, their chunk monitors, the calibrators): its JSON tree in the binary
/// form, so loading goes through the type's own `from_json`.
pub fn json_to_bytes(kind: &str, json: &str) -> Result<Vec<u8>, StateError> {
    let value: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| StateError(format!("could not save the {kind} state: {e}")))?;
    to_bytes(kind, &value)
}

/// The JSON text [`json_to_bytes`] saved, for the type's own `from_json`.
pub fn json_from_bytes(kind: &str, bytes: &[u8]) -> Result<String, StateError> {
    let value: serde_json::Value = from_bytes(kind, bytes)?;
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_state_comes_back_as_the_same_json() {
        let text = r#"{"b":[1.5,-0.1,3],"a":{"x":"NaN","y":null,"z":true}}"#;
        let saved = json_to_bytes("Calculator", text).unwrap();
        assert!(saved.len() < text.len());
        assert_eq!(json_from_bytes("Calculator", &saved).unwrap(), text);
    }

    #[test]
    fn non_finite_floats_keep_their_bits() {
        let values = vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0, 1e-310];
        let back: Vec<f64> = from_bytes("Floats", &to_bytes("Floats", &values).unwrap()).unwrap();
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&back), bits(&values));
    }

    #[test]
    fn truncated_foreign_and_padded_bytes_are_refused() {
        let saved = to_bytes("Pair", &(1.5f64, String::from("x"))).unwrap();
        assert!(saved.len() < 20, "{saved:?}");
        for cut in 0..saved.len() {
            assert!(
                from_bytes::<(f64, String)>("Pair", &saved[..cut]).is_err(),
                "{cut}"
            );
        }
        let mut padded = saved.clone();
        padded.push(0);
        assert!(from_bytes::<(f64, String)>("Pair", &padded).is_err());
        let mut future = saved.clone();
        future[2] = STATE_FORMAT + 1;
        assert!(
            from_bytes::<(f64, String)>("Pair", &future)
                .unwrap_err()
                .0
                .contains("format")
        );
        assert_eq!(
            from_bytes::<(f64, String)>("Pair", &saved).unwrap(),
            (1.5, "x".into())
        );
    }
}
