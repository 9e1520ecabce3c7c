//! Where JS calls enter Rust: a panic becomes a JS error with code `EDGEKIT_INTERNAL` naming the
//! function (thrown, or a rejected Promise for async work) instead of aborting the Node process.
//! Every exported function and method carries `#[boundary]`; async work runs in `work::Work`,
//! which catches panics on the libuv thread itself.

use napi::bindgen_prelude::*;

use crate::errors::{Code, internal};

/// A result type a caught panic can turn into.
pub trait FromPanic {
    fn from_panic(function: &str, message: &str) -> Self;
}

impl<T> FromPanic for std::result::Result<T, Error<Code>> {
    fn from_panic(function: &str, message: &str) -> Self {
        Err(internal(function, message))
    }
}

impl<T> FromPanic for napi::Result<T> {
    fn from_panic(function: &str, message: &str) -> Self {
        // Methods of `#[napi] impl` blocks: napi-derive hands the attribute to the callback it
        // generates, which returns a plain napi error. That error keeps only a status, so the
        // message carries the stable code; main.js moves it to `error.code`.
        Err(napi::Error::new(
            Status::GenericFailure,
            format!("{INTERNAL_PREFIX}{}", internal(function, message).reason),
        ))
    }
}

const INTERNAL_PREFIX: &str = "EDGEKIT_INTERNAL: ";
