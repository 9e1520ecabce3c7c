//! Turning Python arguments into `f64` slices without copying when they already are.

use numpy::{PyReadonlyArray1, PyUntypedArrayMethods};
use pyo3::prelude::*;

use crate::errors;

/// A contiguous, aligned float64 view of `x`: the numpy array itself when it already is one;
/// raw float64 bytes in the platform's byte order (`bytes`, `bytearray`, a byte `memoryview`,
/// e.g. a request body) viewed in place; else a converted copy of any array-like
/// (`numpy.asarray(x, float64)`: typed buffers such as `array.array('d')`, pyarrow arrays
/// (zero-copy for float64 without nulls), lists, pandas/polars series).
pub fn float_array<'py>(
    x: &Bound<'py, PyAny>,
    argument: &str,
) -> PyResult<PyReadonlyArray1<'py, f64>> {
    if let Ok(array) = x.extract::<PyReadonlyArray1<'py, f64>>()
        && array.is_contiguous()
        && is_aligned(&array)
    {
        return Ok(array);
    }
    let numpy = x.py().import("numpy")?;
    let converted = if let Some(length) = raw_bytes_length(x)? {
        if !length.is_multiple_of(8) {
            return Err(errors::invalid_input(format!(
                "{argument} holds {length} bytes, not whole float64 values (8 bytes each)"
            )));
        }
        numpy
            .call_method1("frombuffer", (x, "float64"))
            .map_err(|e| errors::input_type(format!("{argument}: {e}")))?
    } else {
        numpy.call_method1("asarray", (x, "float64")).map_err(|e| {
            errors::input_type(format!(
                "{argument} must be a 1-D array-like of numbers or raw float64 bytes ({e})"
            ))
        })?
    };
    let ndim: usize = converted.getattr("ndim")?.extract()?;
    if ndim != 1 {
        return Err(errors::invalid_input(format!(
            "{argument} must be one-dimensional, got an array with {ndim} dimensions"
        )));
    }
    // Copies only when the data is strided or misaligned (a slice of bytes at an odd offset):
    // a Rust `&[f64]` must be aligned.
    let ready = numpy.call_method1("require", (converted, "float64", "CA"))?;
    ready.extract::<PyReadonlyArray1<'py, f64>>()
}

/// The length of `x` when it is untyped bytes (`bytes`, `bytearray`, or a `memoryview` of
/// unsigned bytes), which are read as raw float64 values; typed buffers keep their type.
fn raw_bytes_length(x: &Bound<'_, PyAny>) -> PyResult<Option<usize>> {
    if x.is_instance_of::<pyo3::types::PyBytes>() || x.is_instance_of::<pyo3::types::PyByteArray>()
    {
        return x.len().map(Some);
    }
    if x.is_instance_of::<pyo3::types::PyMemoryView>() {
        let format: String = x.getattr("format")?.extract()?;
        if matches!(format.as_str(), "B" | "c") {
            return x.getattr("nbytes")?.extract().map(Some);
        }
    }
    Ok(None)
}

fn is_aligned<T: numpy::Element>(array: &PyReadonlyArray1<'_, T>) -> bool {
    use numpy::PyArrayMethods;
    (array.data() as usize).is_multiple_of(std::mem::align_of::<T>())
}

/// Rows of floats as a C-contiguous float64 matrix, read in place when `x` already is one: a
/// 2-D numpy array or anything `numpy.asarray(x, float64)` takes (a DataFrame of numbers, a
/// list of rows). A 1-D input is one column; more dimensions are flattened after the first, as
/// alibi-detect flattens images.
pub fn float_matrix<'py>(
    x: &Bound<'py, PyAny>,
    argument: &str,
) -> PyResult<numpy::PyReadonlyArray2<'py, f64>> {
    if let Ok(array) = x.extract::<numpy::PyReadonlyArray2<'py, f64>>()
        && array.is_c_contiguous()
        && (numpy::PyArrayMethods::data(&*array) as usize)
            .is_multiple_of(std::mem::align_of::<f64>())
    {
        return Ok(array);
    }
    let numpy = x.py().import("numpy")?;
    let converted = numpy.call_method1("asarray", (x, "float64")).map_err(|e| {
        errors::input_type(format!(
            "{argument} must be rows of numbers (a 2-D array, a DataFrame of numeric columns) ({e})"
        ))
    })?;
    let shape: Vec<usize> = converted.getattr("shape")?.extract()?;
    let rows = match shape.first() {
        Some(&rows) => rows,
        None => {
            return Err(errors::invalid_input(format!(
                "{argument} must hold rows, got a scalar"
            )));
        }
    };
    let columns: usize = shape[1..].iter().product();
    if rows == 0 || columns == 0 {
        return Err(errors::invalid_input(format!(
            "{argument} is empty (shape {shape:?})"
        )));
    }
    let reshaped = converted.call_method1("reshape", ((rows, columns),))?;
    let ready = numpy.call_method1("require", (reshaped, "float64", "CA"))?;
    ready.extract::<numpy::PyReadonlyArray2<'py, f64>>()
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
        && is_aligned(&array)
    {
        return Ok(Counts::Shared(array));
    }
    let numpy = x.py().import("numpy")?;
    let converted = numpy.call_method1("asarray", (x,))?;
    let kind: String = converted.getattr("dtype")?.getattr("kind")?.extract()?;
    match kind.as_str() {
        "i" | "u" | "b" => {
            let as_int = converted.call_method1("astype", ("int64",))?;
            let array = numpy.call_method1("require", (as_int, "int64", "CA"))?;
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
