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
