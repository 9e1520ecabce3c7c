//! The one options path between JS and core's contracts (see `edgekit::contract`): an options
//! object becomes a JSON value with snake_case keys that core reads into its options struct,
//! so names, defaults and the refusal of unknown keys are core's. Keys the caller left
//! `undefined` are absent; numbers that are whole and safe become integers (never wrapped),
//! NaN and ±inf are refused by name, BigInts become 64-bit integers, a Date its Unix seconds.
//!
//! Results take the one path back: core's serde value ([`edgekit::contract::to_value`], so
//! non-finite floats are `null`) with its field names in camelCase and every number a JS
//! number. Their TypeScript declarations come from the same core types
//! (`core/tests/typescript.rs`).

use napi::bindgen_prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};

use crate::errors::{Code, JsResult, invalid_type, to_js};

const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
/// Deeper than any options object; stops a cyclic or hostile value.
const MAX_DEPTH: usize = 32;

/// The options of `function` (its JS name) read into core's options struct.
pub fn options<T: DeserializeOwned>(function: &str, given: Option<Unknown<'_>>) -> JsResult<T> {
    options_and(function, given, &[]).map(|(options, _)| options)
}

/// A JSON-like argument (rules, lineups ...) read into its core type; `null` or `undefined`
/// gives the type's default.
pub fn argument<T: DeserializeOwned + Default>(
    function: &str,
    argument: &str,
    given: Option<Unknown<'_>>,
) -> JsResult<T> {
    let value = match given {
        Some(value) => to_json(value, argument, 0)?,
        None => Value::Null,
    };
    if value.is_null() {
        return Ok(T::default());
    }
    edgekit::contract::argument(function, argument, value).map_err(|e| to_js(e.renamed(camel_case)))
}

/// A required JSON-like argument (a result handed back, a list of levels) read into its core
/// type; `null` is refused by core as the wrong type.
pub fn required<T: DeserializeOwned>(
    function: &str,
    argument: &str,
    given: Unknown<'_>,
) -> JsResult<T> {
    let value = to_json(given, argument, 0)?;
    edgekit::contract::argument(function, argument, value).map_err(|e| to_js(e.renamed(camel_case)))
}

/// Like [`options`], for a function whose options object also carries an array it reads
/// itself (an ATR series): `array` is left out of the conversion (so a large `Float64Array`
/// is never walked) and handed back as numbers, zero-copy when it is a `Float64Array`.
pub fn options_with_array<T: DeserializeOwned>(
    function: &str,
    given: Option<Unknown<'_>>,
    array: &str,
) -> JsResult<(T, Option<crate::input::Values>)> {
    let mut found = None;
    let mut rest = Map::new();
    let value = match given {
        Some(value)
            if value.get_type().ok() == Some(ValueType::Object)
                && !value.is_array().unwrap_or(false) =>
        {
            let object = unsafe { value.cast::<Object>() }
                .map_err(|_| invalid_type(format!("{function}: options cannot be read")))?;
            for key in Object::keys(&object).map_err(|_| invalid_type("options cannot be read"))? {
                let item: Option<Unknown> = object
                    .get(&key)
                    .map_err(|_| invalid_type(format!("options.{key} cannot be read")))?;
                let Some(item) = item else { continue };
                if matches!(item.get_type(), Ok(ValueType::Undefined)) {
                    continue;
                }
                if key == array {
                    if !matches!(item.get_type(), Ok(ValueType::Null)) {
                        found = Some(crate::input::float_values(item, array)?);
                    }
                } else {
                    rest.insert(
                        snake_case(&key),
                        to_json(item, &format!("options.{key}"), 1)?,
                    );
                }
            }
            Value::Object(rest)
        }
        Some(value) => to_json(value, "options", 0)?,
        None => Value::Null,
    };
    let options =
        edgekit::contract::options(function, value).map_err(|e| to_js(e.renamed(camel_case)))?;
    Ok((options, found))
}

/// Like [`options`], for a function that also reads some keys itself (how to read its
/// columns, say): those keys (snake_case) are taken out first and handed back.
pub fn options_and<T: DeserializeOwned>(
    function: &str,
    given: Option<Unknown<'_>>,
    own: &[&str],
) -> JsResult<(T, Map<String, Value>)> {
    let mut value = match given {
        Some(value) => to_json(value, "options", 0)?,
        None => Value::Null,
    };
    let mut taken = Map::new();
    match &mut value {
        Value::Object(map) => {
            for key in own {
                if let Some(v) = map.remove(*key) {
                    taken.insert((*key).to_owned(), v);
                }
            }
        }
        Value::Null => {}
        _ => {
            return Err(invalid_type(format!(
                "{function}: options must be an object"
            )));
        }
    }
    let options =
        edgekit::contract::options(function, value).map_err(|e| to_js(e.renamed(camel_case)))?;
    Ok((options, taken))
}

/// A core result on its way to JS as a plain, JSON-safe object (see the module doc).
pub struct Plain(Shape);

enum Shape {
    /// A value built here, for results whose keys are renamed.
    Value(Value),
    /// JSON text, for results with core's own key spelling.
    Text(String),
}

impl Plain {
    /// Field names in camelCase, as every result of the main module.
    pub fn of<T: Serialize + ?Sized>(result: &T) -> Self {
        Plain(Shape::Value(js_shape(
            edgekit::contract::to_value(result),
            true,
        )))
    }

    /// A value built by the face itself (core's result with a unit converted), field names
    /// in camelCase.
    pub fn of_value(value: Value) -> Self {
        Plain(Shape::Value(js_shape(value, true)))
    }

    /// Field names as core spells them: the dashboard's shapes in `edgekit/ltp`. Written
    /// straight to JSON text (no value tree in between): numbers as JavaScript reads them back
    /// (integers and floats alike), non-finite floats as `null`, as `to_value` writes them.
    pub fn verbatim<T: Serialize + ?Sized>(result: &T) -> Self {
        match serde_json::to_string(result) {
            Ok(text) => Plain(Shape::Text(text)),
            Err(_) => Plain(Shape::Value(js_shape(
                edgekit::contract::to_value(result),
                false,
            ))),
        }
    }
}

/// `finish` of an async function whose result takes the plain path.
pub fn plain<T: Serialize>(result: T) -> JsResult<Plain> {
    Ok(Plain::of(&result))
}

impl TypeName for Plain {
    fn type_name() -> &'static str {
        "Object"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl ToNapiValue for Plain {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> Result<sys::napi_value> {
        // Building a JS object property by property costs two napi calls per key (a fresh key
        // string, then the set), about 0.5 µs; V8's JSON.parse builds the same objects from text
        // at a fraction of that, once the call to it (about 1 µs) is paid: small results are
        // built directly.
        match val.0 {
            Shape::Value(value) if nodes_over(&value, JSON_PARSE_FROM) => {
                match serde_json::to_string(&value) {
                    Ok(text) => unsafe { json_parse(env, &text) },
                    Err(_) => unsafe { Value::to_napi_value(env, value) },
                }
            }
            Shape::Value(value) => unsafe { Value::to_napi_value(env, value) },
            Shape::Text(text) if text.len() >= JSON_PARSE_FROM_BYTES => unsafe {
                json_parse(env, &text)
            },
            Shape::Text(text) => {
                let value: Value = serde_json::from_str(&text)
                    .map_err(|e| Error::from_reason(format!("a result: {e}")))?;
                unsafe { Value::to_napi_value(env, js_shape(value, false)) }
            }
        }
    }
}

/// Results with more values than this go through `JSON.parse` (see `Plain`).
const JSON_PARSE_FROM: usize = 24;
/// The same, for results already written as text.
const JSON_PARSE_FROM_BYTES: usize = 320;

/// Whether `value` holds more than `limit` values, counting no further than that.
fn nodes_over(value: &Value, limit: usize) -> bool {
    fn count(value: &Value, budget: &mut usize) -> bool {
        if *budget == 0 {
            return true;
        }
        *budget -= 1;
        match value {
            Value::Array(items) => items.iter().any(|v| count(v, budget)),
            Value::Object(map) => map.values().any(|v| count(v, budget)),
            _ => false,
        }
    }
    let mut budget = limit;
    count(value, &mut budget)
}

/// `JSON.parse(text)` in the calling environment. Keys keep their order; a `__proto__` key
/// becomes an own property (never the prototype); numbers read back bit for bit (serde_json
/// writes the shortest text that does, and `-0.0` for −0).
unsafe fn json_parse(env: sys::napi_env, text: &str) -> Result<sys::napi_value> {
    use std::ptr::null_mut;
    let (json, parse) = unsafe { json_and_parse(env)? };
    let mut input = null_mut();
    let mut out = null_mut();
    unsafe {
        check_status!(sys::napi_create_string_utf8(
            env,
            text.as_ptr().cast(),
            text.len() as isize,
            &mut input
        ))?;
        check_status!(sys::napi_call_function(
            env, json, parse, 1, &input, &mut out
        ))?;
    }
    Ok(out)
}

/// `JSON` and `JSON.parse` of one environment, held by references.
#[derive(Clone, Copy)]
struct Parser {
    env: sys::napi_env,
    json: sys::napi_ref,
    parse: sys::napi_ref,
}

thread_local! {
    /// The parsers of the environments on this thread (one, in Node; looking `JSON.parse` up by
    /// name costs more than a small result's parse). An environment's entry is made once, with
    /// one cleanup hook that removes it when the environment goes: N-API aborts the process if
    /// the same hook is registered twice, and a later environment at the same address must
    /// never read the old references.
    static PARSERS: std::cell::RefCell<Vec<Parser>> = const { std::cell::RefCell::new(Vec::new()) };
}

unsafe fn json_and_parse(env: sys::napi_env) -> Result<(sys::napi_value, sys::napi_value)> {
    use std::ptr::null_mut;
    let value_of = |reference: sys::napi_ref| -> Result<sys::napi_value> {
        let mut value = null_mut();
        check_status!(unsafe { sys::napi_get_reference_value(env, reference, &mut value) })?;
        Ok(value)
    };
    if let Some(parser) = PARSERS.with_borrow(|all| all.iter().find(|p| p.env == env).copied()) {
        return Ok((value_of(parser.json)?, value_of(parser.parse)?));
    }
    let mut global = null_mut();
    let mut json = null_mut();
    let mut parse = null_mut();
    let (mut json_ref, mut parse_ref) = (null_mut(), null_mut());
    unsafe {
        check_status!(sys::napi_get_global(env, &mut global))?;
        check_status!(sys::napi_get_named_property(
            env,
            global,
            c"JSON".as_ptr(),
            &mut json
        ))?;
        check_status!(sys::napi_get_named_property(
            env,
            json,
            c"parse".as_ptr(),
            &mut parse
        ))?;
        check_status!(sys::napi_create_reference(env, json, 1, &mut json_ref))?;
        check_status!(sys::napi_create_reference(env, parse, 1, &mut parse_ref))?;
    }
    // Never panics (a panic here would abort): at teardown the thread's storage may be gone.
    unsafe extern "C" fn forget(env: *mut std::ffi::c_void) {
        let _ = PARSERS.try_with(|cell| {
            if let Ok(mut all) = cell.try_borrow_mut() {
                all.retain(|p| p.env.cast() != env);
            }
        });
    }
    // Registered only here, where the environment has no entry yet: once per environment.
    check_status!(unsafe { sys::napi_add_env_cleanup_hook(env, Some(forget), env.cast()) })?;
    PARSERS.with_borrow_mut(|all| {
        all.push(Parser {
            env,
            json: json_ref,
            parse: parse_ref,
        })
    });
    Ok((json, parse))
}

/// Keys to camelCase (when asked) and every number to a float, so napi never makes a BigInt
/// of a large count.
fn js_shape(value: Value, camel: bool) -> Value {
    match value {
        Value::Number(n) => n
            .as_f64()
            .and_then(Number::from_f64)
            .map_or(Value::Null, Value::Number),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| js_shape(v, camel)).collect())
        }
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (if camel { camel_case(&k) } else { k }, js_shape(v, camel)))
                .collect(),
        ),
        other => other,
    }
}

/// `n_resamples` → `nResamples`: core's names as the JS face spells them.
pub fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `nResamples` → `n_resamples`.
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn invalid_input(message: String) -> Error<Code> {
    Error::new(Code::INVALID_INPUT, message)
}

/// Options whose value is a map keyed by data (column names, level types), not by field
/// names: their keys are kept as given, never turned into snake_case.
const DATA_KEYED: &[&str] = &["tests", "thresholds", "level_weights"];
/// Such maps at any depth (a lineup stack's per-team caps, keyed by team).
const DATA_KEYED_ANYWHERE: &[&str] = &["max_exposure_per_team"];

fn to_json(value: Unknown<'_>, path: &str, depth: usize) -> JsResult<Value> {
    to_json_keys(value, path, depth, Keys::Fields)
}

/// How an object's keys are read.
#[derive(Clone, Copy, PartialEq)]
enum Keys {
    /// Field names: camelCase → snake_case.
    Fields,
    /// Data (column names, level types): kept, and the objects below hold field names.
    Data,
    /// Kept here and below: a dashboard shape, whose camelCase core reads as it is.
    Verbatim,
}

/// A required argument with the dashboard's own key spelling (an `LTP2Score` handed back),
/// read into its core type with every key as given.
pub fn required_verbatim<T: DeserializeOwned>(
    function: &str,
    argument: &str,
    given: Unknown<'_>,
) -> JsResult<T> {
    let value = to_json_keys(given, argument, 0, Keys::Verbatim)?;
    edgekit::contract::argument(function, argument, value).map_err(to_js)
}

fn to_json_keys(value: Unknown<'_>, path: &str, depth: usize, keys: Keys) -> JsResult<Value> {
    if depth > MAX_DEPTH {
        return Err(invalid_type(format!("{path} is nested too deeply")));
    }
    let wrong = |what: &str| invalid_type(format!("{path} cannot be {what}"));
    Ok(match value.get_type().map_err(|_| wrong("read"))? {
        ValueType::Undefined | ValueType::Null => Value::Null,
        ValueType::Boolean => {
            Value::Bool(unsafe { value.cast::<bool>() }.map_err(|_| wrong("read"))?)
        }
        ValueType::Number => {
            let v = unsafe { value.cast::<f64>() }.map_err(|_| wrong("read"))?;
            if !v.is_finite() {
                return Err(invalid_input(format!("{path} must be finite, got {v}")));
            }
            if v.fract() == 0.0 && v.abs() <= MAX_SAFE_INTEGER {
                Value::from(v as i64)
            } else {
                Number::from_f64(v)
                    .map(Value::Number)
                    .ok_or_else(|| wrong("read"))?
            }
        }
        ValueType::BigInt => {
            let big = unsafe { value.cast::<BigInt>() }.map_err(|_| wrong("read"))?;
            let (negative, magnitude, lossless) = big.get_u64();
            if !lossless {
                return Err(invalid_input(format!("{path} does not fit 64 bits")));
            }
            if negative {
                let v = i64::try_from(magnitude)
                    .map_err(|_| invalid_input(format!("{path} does not fit 64 bits")))?;
                Value::from(-v)
            } else {
                Value::from(magnitude)
            }
        }
        ValueType::String => {
            Value::String(unsafe { value.cast::<String>() }.map_err(|_| wrong("read"))?)
        }
        // A Date is a time: its whole Unix seconds, which core's times accept.
        ValueType::Object if value.is_date().unwrap_or(false) => {
            let date = unsafe { value.cast::<Date>() }.map_err(|_| wrong("read"))?;
            let ms = date.value_of().map_err(|_| wrong("read"))?;
            if !ms.is_finite() {
                return Err(invalid_input(format!("{path} is an invalid Date")));
            }
            Value::from((ms / 1000.0).floor() as i64)
        }
        ValueType::Object if value.is_array().unwrap_or(false) => {
            let array = unsafe { value.cast::<Array>() }.map_err(|_| wrong("read"))?;
            let mut items = Vec::with_capacity(array.len() as usize);
            for i in 0..array.len() {
                let item: Option<Unknown> = array.get(i).map_err(|_| wrong("read"))?;
                items.push(match item {
                    Some(item) => {
                        let below = if keys == Keys::Verbatim {
                            Keys::Verbatim
                        } else {
                            Keys::Fields
                        };
                        to_json_keys(item, &format!("{path}[{i}]"), depth + 1, below)?
                    }
                    None => Value::Null,
                });
            }
            Value::Array(items)
        }
        ValueType::Object => {
            let object = unsafe { value.cast::<Object>() }.map_err(|_| wrong("read"))?;
            let mut map = Map::new();
            for key in Object::keys(&object).map_err(|_| wrong("read"))? {
                let item: Option<Unknown> = object.get(&key).map_err(|_| wrong("read"))?;
                let Some(item) = item else { continue };
                if item.get_type().ok() == Some(ValueType::Undefined) {
                    continue;
                }
                let name = if keys == Keys::Fields {
                    snake_case(&key)
                } else {
                    key.clone()
                };
                // A data-keyed map at the top of an options object (or of a profile) keeps
                // its keys: `{ tests: { homeScore: 'ks' } }` names the column homeScore. A
                // field-keyed map of the same name (the monitor's metric thresholds) reads
                // snake_case names, which core's metric names accept in either spelling.
                let below = match keys {
                    Keys::Verbatim => Keys::Verbatim,
                    _ if depth == 0 && DATA_KEYED.contains(&name.as_str()) => Keys::Data,
                    _ if DATA_KEYED_ANYWHERE.contains(&name.as_str()) => Keys::Data,
                    _ => Keys::Fields,
                };
                let item = to_json_keys(item, &format!("{path}.{key}"), depth + 1, below)?;
                map.insert(name, item);
            }
            Value::Object(map)
        }
        other => return Err(wrong(&format!("a {other}"))),
    })
}
