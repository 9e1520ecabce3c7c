//! JS errors with a stable `code` property (`EDGEKIT_INVALID_INPUT`, ...).

use edgekit::ErrorCode;
use napi::bindgen_prelude::*;

/// The `code` of a thrown error; napi-rs sets it as the JS error's `code` property.
#[derive(Debug, Clone, Copy)]
pub struct Code(&'static str);

impl Code {
    pub const INVALID_INPUT: Code = Code(ErrorCode::InvalidInput.as_str());
    pub const INTERNAL: Code = Code(ErrorCode::Internal.as_str());
}

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        self.0
    }
}

pub type JsResult<T> = std::result::Result<T, Error<Code>>;

pub const INVALID_TYPE: Code = Code("EDGEKIT_INVALID_TYPE");

/// A thrown error for a core error, coded by its stable category.
pub fn to_js(err: impl Into<edgekit::Error>) -> Error<Code> {
    let err = err.into();
    let mut message = err.to_string();
    if !err.rules().is_empty() {
        // Structured details ride after a NUL; main.js moves them onto the error object.
        let details = serde_json::json!({ "rules": err.rules() });
        message.push('\u{0}');
        message.push_str(&details.to_string());
    }
    Error::new(Code(err.code().as_str()), message)
}

/// A thrown error for an argument of the wrong JS type.
pub fn invalid_type(message: impl ToString) -> Error<Code> {
    Error::new(INVALID_TYPE, message)
}

/// The error for a panic caught at the boundary of `function` (see `boundary`).
pub fn internal(function: &str, message: &str) -> Error<Code> {
    Error::new(
        Code::INTERNAL,
        format!("internal error in {function}: {message} (a bug in edgekit; please report it)"),
    )
}

/// Turns a coded error into a plain napi error that keeps its `code` when a Promise rejects
/// with it: the JS error object is built here, on the JS thread, and passed by reference.
pub fn into_rejection(env: &Env, err: Error<Code>) -> napi::Error {
    let js_error = JsError::from(err).into_unknown(*env);
    napi::Error::from(js_error)
}
