//! The one conversion path between Python and core's contracts (see `edgekit::contract`):
//! keyword options become a JSON value that core reads into its options struct, and a core
//! result comes back as Python objects through `pythonize`, wrapped in its typed class.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};

use crate::errors;

/// The options of `function` from its `**options`, read into core's options struct.
pub fn options<T: DeserializeOwned>(
    function: &str,
    given: Option<&Bound<'_, PyDict>>,
) -> PyResult<T> {
    let value = match given {
        Some(dict) => to_json(dict.as_any(), "")?,
        None => Value::Null,
    };
    edgekit::contract::options(function, value).map_err(errors::to_py)
}

/// A JSON-like Python value (a list of levels, a profile ...) read into its core type.
pub fn argument<T: DeserializeOwned>(
    function: &str,
    argument: &str,
    given: &Bound<'_, PyAny>,
) -> PyResult<T> {
    let value = to_json(given, argument)?;
    edgekit::contract::argument(function, argument, value).map_err(errors::to_py)
}

/// A core result as plain Python objects (dicts, lists, floats; non-finite floats as None).
pub fn plain<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    result: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let value = edgekit::contract::to_value(result);
    pythonize::pythonize(py, &value).map_err(|e| errors::internal("a result", &e.to_string()))
}

static MAKE_RECORD: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static MAKE_RESULT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A core result as its typed Python class (`class_name`, an `edgekit._convert.Result`): the
/// fields with their exact values (a one-sided bound stays ±inf; tuples stay tuples), made
/// JSON-safe by the class's `to_dict()`.
pub fn result<T: Serialize + ?Sized>(
    py: Python<'_>,
    class_name: &str,
    result: &T,
) -> PyResult<Py<PyAny>> {
    let fields = pythonize::pythonize(py, result)
        .map_err(|e| errors::internal("a result", &e.to_string()))?;
    let make = MAKE_RESULT.import(py, "edgekit._convert", "make_result")?;
    Ok(make.call1((class_name, fields))?.unbind())
}

/// A core result as its typed Python class (`class_name`, a `Record` in `edgekit._convert`).
pub fn record<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    class_name: &str,
    result: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let data = plain(py, result)?;
    let make = MAKE_RECORD.import(py, "edgekit._convert", "make_record")?;
    make.call1((class_name, data))
}

/// Each element of `results` as its typed class.
pub fn records<'py, T: Serialize>(
    py: Python<'py>,
    class_name: &str,
    results: &[T],
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for result in results {
        list.append(record(py, class_name, result)?)?;
    }
    Ok(list)
}

fn at(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// A Python value as JSON: bool, int, finite float, str, None, and lists, tuples and dicts
/// (string keys) of them; numpy scalars and arrays by their Python equivalents.
fn to_json(x: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    if x.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = x.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if x.is_instance_of::<PyInt>() {
        if let Ok(i) = x.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = x.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(errors::invalid_input(format!(
            "`{path}` = {x} does not fit a 64-bit integer"
        )));
    }
    if x.is_instance_of::<PyFloat>() {
        return float(x.extract::<f64>()?, path);
    }
    if let Ok(s) = x.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(dict) = x.cast::<PyDict>() {
        let mut map = Map::with_capacity(dict.len());
        for (key, item) in dict.iter() {
            let key = key.cast::<PyString>().map_err(|_| {
                errors::input_type(format!(
                    "option names must be strings, got {key:?} in `{path}`"
                ))
            })?;
            let key = key.to_cow()?.into_owned();
            let item = to_json(&item, &at(path, &key))?;
            map.insert(key, item);
        }
        return Ok(Value::Object(map));
    }
    if x.is_instance_of::<PyList>() || x.is_instance_of::<PyTuple>() {
        let items = x
            .try_iter()?
            .enumerate()
            .map(|(i, item)| to_json(&item?, &format!("{path}[{i}]")))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(Value::Array(items));
    }
    // numpy scalars and arrays, and other objects that become plain Python on request.
    if x.hasattr("tolist")? {
        let plain = x.call_method0("tolist")?;
        if !plain.is(x) {
            return to_json(&plain, path);
        }
    }
    if x.hasattr("__index__")? {
        return to_json(&x.call_method0("__index__")?, path);
    }
    if x.hasattr("__float__")? && !x.hasattr("__len__")? {
        return float(x.call_method0("__float__")?.extract::<f64>()?, path);
    }
    let kind = x.get_type().name()?;
    Err(errors::input_type(format!(
        "`{path}` cannot be a {kind}: use numbers, strings, booleans, None, lists and dicts"
    )))
}

fn float(v: f64, path: &str) -> PyResult<Value> {
    Number::from_f64(v)
        .map(Value::Number)
        .ok_or_else(|| errors::invalid_input(format!("`{path}` must be finite, got {v}")))
}
