//! Maps core errors to the exception classes defined in `edgekit/errors.py`.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

static INVALID_INPUT: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static INPUT_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static INFEASIBLE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static LIMIT: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static INTERNAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static BASE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn raise(cell: &'static PyOnceLock<Py<PyType>>, class: &str, message: String) -> PyErr {
    Python::attach(|py| match cell.import(py, "edgekit.errors", class) {
        Ok(ty) => PyErr::from_type(ty.clone(), message),
        Err(import_failure) => import_failure,
    })
}

/// The exception for a core error, chosen by its stable code.
pub fn to_py(err: impl Into<edgekit::Error>) -> PyErr {
    let err = err.into();
    match err.code() {
        edgekit::ErrorCode::InvalidInput => {
            raise(&INVALID_INPUT, "InvalidInputError", err.to_string())
        }
        edgekit::ErrorCode::Infeasible => {
            let (message, rules) = (err.to_string(), err.rules().to_vec());
            Python::attach(|py| {
                let made = (|| -> PyResult<PyErr> {
                    let class = INFEASIBLE.import(py, "edgekit.errors", "InfeasibleError")?;
                    Ok(PyErr::from_value(class.call1((message, rules))?))
                })();
                made.unwrap_or_else(|e| e)
            })
        }
        edgekit::ErrorCode::LimitExceeded => raise(&LIMIT, "LimitExceededError", err.to_string()),
        edgekit::ErrorCode::InvalidType => raise(&INPUT_TYPE, "InputTypeError", err.to_string()),
        _ => raise(&BASE, "EdgekitError", err.to_string()),
    }
}

/// `InvalidInputError` for a problem the binding itself finds (shape, dimensions).
pub fn invalid_input(message: String) -> PyErr {
    raise(&INVALID_INPUT, "InvalidInputError", message)
}

/// `InputTypeError` (a `TypeError` too) for arguments of the wrong Python type.
pub fn input_type(message: String) -> PyErr {
    raise(&INPUT_TYPE, "InputTypeError", message)
}

/// `InternalError` for a panic caught at the boundary of `function`.
pub fn internal(function: &str, message: &str) -> PyErr {
    raise(
        &INTERNAL,
        "InternalError",
        format!("internal error in {function}: {message} (a bug in edgekit; please report it)"),
    )
}
