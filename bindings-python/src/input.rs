//! Turning Python arguments into `f64` slices without copying when they already are.

use numpy::{PyReadonlyArray1, PyUntypedArrayMethods};
use pyo3::prelude::*;

use crate::errors;

/// A contiguous float64 view of `x`: the numpy array itself when it already is one, else a
/// converted copy (`numpy.ascontiguousarray(x, dtype=float64)`) of any array-like.
pub fn float_array<'py>(
    x: &Bound<'py, PyAny>,
    argument: &str,
) -> PyResult<PyReadonlyArray1<'py, f64>> {
    if let Ok(array) = x.extract::<PyReadonlyArray1<'py, f64>>()
        && array.is_contiguous()
    {
        return Ok(array);
    }
    let numpy = x.py().import("numpy")?;
    let converted = numpy.call_method1("asarray", (x, "float64")).map_err(|e| {
        errors::input_type(format!(
            "{argument} must be a 1-D array-like of numbers ({e})"
        ))
    })?;
    let ndim: usize = converted.getattr("ndim")?.extract()?;
    if ndim != 1 {
        return Err(errors::invalid_input(format!(
            "{argument} must be one-dimensional, got an array with {ndim} dimensions"
        )));
    }
    let contiguous = numpy.call_method1("ascontiguousarray", (converted,))?;
    contiguous.extract::<PyReadonlyArray1<'py, f64>>()
}

/// The slice behind a contiguous view.
pub fn as_slice<'a>(array: &'a PyReadonlyArray1<'_, f64>) -> &'a [f64] {
    array
        .as_slice()
        .expect("float_array returns only contiguous arrays")
}

/// Whole numbers for counts: a contiguous int64 numpy array read in place, or any other
/// array-like of integers (or of integral floats) converted; 1.5 is refused, not truncated.
pub enum Counts<'py> {
    Shared(PyReadonlyArray1<'py, i64>),
    Owned(Vec<i64>),
}

impl Counts<'_> {
    pub fn as_slice(&self) -> &[i64] {
        match self {
            Counts::Shared(array) => array.as_slice().expect("only contiguous arrays are shared"),
            Counts::Owned(values) => values,
        }
    }
}

pub fn count_array<'py>(x: &Bound<'py, PyAny>, argument: &str) -> PyResult<Counts<'py>> {
    if let Ok(array) = x.extract::<PyReadonlyArray1<'py, i64>>()
        && array.is_contiguous()
    {
        return Ok(Counts::Shared(array));
    }
    let numpy = x.py().import("numpy")?;
    let converted = numpy.call_method1("asarray", (x,))?;
    let kind: String = converted.getattr("dtype")?.getattr("kind")?.extract()?;
    match kind.as_str() {
        "i" | "u" | "b" => {
            let as_int = converted.call_method1("astype", ("int64",))?;
            let array = numpy.call_method1("ascontiguousarray", (as_int,))?;
            let array = array.extract::<PyReadonlyArray1<'py, i64>>().map_err(|_| {
                errors::invalid_input(format!("{argument} must be one-dimensional"))
            })?;
            Ok(Counts::Owned(array.as_slice()?.to_vec()))
        }
        "f" => {
            let floats = float_array(&converted, argument)?;
            let values = as_slice(&floats);
            values
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    if v.is_finite() && v.fract() == 0.0 && v.abs() <= 9.007_199_254_740_992e15 {
                        Ok(v as i64)
                    } else {
                        Err(errors::input_type(format!(
                            "{argument}[{i}] = {v} is not a whole number"
                        )))
                    }
                })
                .collect::<PyResult<Vec<i64>>>()
                .map(Counts::Owned)
        }
        _ => Err(errors::input_type(format!(
            "{argument} must be an array-like of whole numbers"
        ))),
    }
}

// Argument extractors for `#[pyo3(from_py_with = ...)]`: pyo3's own conversions raise a plain
// `TypeError`/`OverflowError`, which are not `edgekit.EdgekitError`s; these raise
// `InputTypeError` for a wrong type and `InvalidInputError` for a number out of range.

fn type_name(ob: &Bound<'_, PyAny>) -> String {
    ob.get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string())
}

/// A real number (a Python `int` or `float`, or anything with `__float__`, but not `bool`).
pub fn real(ob: &Bound<'_, PyAny>) -> PyResult<f64> {
    if ob.is_instance_of::<pyo3::types::PyBool>() {
        return Err(errors::input_type(
            "expected a number, got a bool".to_owned(),
        ));
    }
    ob.extract::<f64>()
        .map_err(|_| errors::input_type(format!("expected a number, got {}", type_name(ob))))
}

/// `None` or a real number.
pub fn real_or_none(ob: &Bound<'_, PyAny>) -> PyResult<Option<f64>> {
    if ob.is_none() {
        Ok(None)
    } else {
        real(ob).map(Some)
    }
}
