//! `drift.Profile` and `drift.report` / `drift.reportAsync` for the Node face.

use crate::convert::{Plain, plain};
use std::collections::HashMap;

use edgekit::drift::{self, DriftError};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::work::{Async, work};

use crate::errors::{Code, invalid_type, to_js};
use crate::input::{Values, float_values};

pub(crate) enum OwnedColumn {
    Numbers(String, Values, bool),
    Labels(String, Vec<Option<String>>),
}

fn label_column(
    value: &Unknown<'_>,
) -> std::result::Result<Option<Vec<Option<String>>>, Error<Code>> {
    if !value.is_array().unwrap_or(false) {
        return Ok(None);
    }
    // SAFETY: `is_array` said this is a JS array.
    let array = unsafe { value.cast::<Array>() }.map_err(|_| invalid_type("expected an array"))?;
    let mut is_text = false;
    for i in 0..array.len() {
        let element: Option<Unknown> = array.get(i).ok().flatten();
        match element.and_then(|e| e.get_type().ok()) {
            Some(ValueType::Null | ValueType::Undefined) | None => continue,
            Some(ValueType::String) => {
                is_text = true;
                break;
            }
            Some(_) => break,
        }
    }
    if !is_text {
        return Ok(None);
    }
    let mut labels = Vec::with_capacity(array.len() as usize);
    for i in 0..array.len() {
        let element: Option<Unknown> = array.get(i).ok().flatten();
        let label = match element {
            None => None,
            Some(e) => match e
                .get_type()
                .map_err(|_| invalid_type("unreadable element"))?
            {
                ValueType::Null | ValueType::Undefined => None,
                ValueType::String => Some(
                    unsafe { e.cast::<String>() }.map_err(|_| invalid_type("unreadable string"))?,
                ),
                other => {
                    return Err(invalid_type(format!(
                        "element {i} is a {other} in a column of strings"
                    )));
                }
            },
        };
        labels.push(label);
    }
    Ok(Some(labels))
}

pub(crate) fn owned_columns(
    columns: &Object<'_>,
    categorical: &[String],
) -> std::result::Result<Vec<OwnedColumn>, Error<Code>> {
    let names =
        Object::keys(columns).map_err(|_| invalid_type("columns must be an object of arrays"))?;
    owned_columns_named(columns, &names, categorical)
}

/// The columns `names` of `columns` (an object that may carry other columns too).
pub(crate) fn owned_columns_named(
    columns: &Object<'_>,
    names: &[String],
    categorical: &[String],
) -> std::result::Result<Vec<OwnedColumn>, Error<Code>> {
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let value: Unknown = columns
            .get(name)
            .map_err(|_| invalid_type(format!("column {name:?} is unreadable")))?
            .ok_or_else(|| invalid_type(format!("column {name:?} is missing")))?;
        if let Some(labels) = label_column(&value)? {
            out.push(OwnedColumn::Labels(name.clone(), labels));
        } else {
            let values = float_values(value, name)?;
            let is_categorical = categorical.contains(name);
            out.push(OwnedColumn::Numbers(name.clone(), values, is_categorical));
        }
    }
    Ok(out)
}

pub(crate) fn borrowed(columns: &[OwnedColumn]) -> Vec<drift::Column<'_>> {
    columns
        .iter()
        .map(|c| match c {
            OwnedColumn::Numbers(name, values, categorical) => drift::Column {
                name,
                values: drift::ColumnValues::Numbers(values),
                categorical: *categorical,
            },
            OwnedColumn::Labels(name, labels) => drift::Column {
                name,
                values: drift::ColumnValues::Labels(labels),
                categorical: true,
            },
        })
        .collect()
}

/// Options of `Profile.fit` (defaults: core's `ProfileOptions`).
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct ProfileOptions {
    /// Distinct values kept exactly per numeric column (default 131072).
    pub capacity: Option<f64>,
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<crate::input::Seed>,
    /// Numeric columns that hold category codes.
    pub categorical: Option<Vec<String>>,
}

/// A fitted reference profile: merge chunks, serialize, report against it.
#[napi(namespace = "drift")]
pub struct Profile {
    inner: drift::Profile,
}

#[edgekit_macros::boundary]
#[napi(namespace = "drift")]
impl Profile {
    /// Fits from `{ column: Float64Array | number[] | (string | null)[] }`.
    #[edgekit_macros::boundary]
    #[napi(
        writable = true,
        configurable = true,
        factory,
        ts_args_type = "columns: Record<string, Float64Array | ArrayLike<number> | ArrayBuffer | (string | null)[]>, options?: ProfileOptions"
    )]
    pub fn fit(
        columns: Object<'_>,
        options: Option<Unknown<'_>>,
    ) -> std::result::Result<Self, Error<Code>> {
        let (o, categorical): (drift::ProfileOptions, _) =
            read_options("drift.Profile.fit", options)?;
        let owned = owned_columns(&columns, &categorical)?;
        drift::Profile::fit(&borrowed(&owned), Some(o.capacity), o.seed)
            .map(|inner| Self { inner })
            .map_err(to_js)
    }

    /// The profile of both chunks together.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn merge(&self, other: &Profile) -> std::result::Result<Profile, Error<Code>> {
        self.inner
            .merge(&other.inner)
            .map(|inner| Profile { inner })
            .map_err(to_js)
    }

    /// Compact binary form.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn to_bytes(&self) -> std::result::Result<Buffer, Error<Code>> {
        self.inner.to_bytes().map(Buffer::from).map_err(to_js)
    }

    /// Reads `toBytes()` output.
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_bytes(bytes: Buffer) -> std::result::Result<Self, Error<Code>> {
        drift::Profile::from_bytes(&bytes)
            .map(|inner| Self { inner })
            .map_err(to_js)
    }

    /// JSON form.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn to_json(&self) -> std::result::Result<String, Error<Code>> {
        serde_json::to_string(&self.inner).map_err(|e| invalid_type(e.to_string()))
    }

    /// Reads `toJson()` output.
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_json(text: String) -> std::result::Result<Self, Error<Code>> {
        serde_json::from_str(&text)
            .map(|inner| Self { inner })
            .map_err(|e| to_js(DriftError::Undefined(format!("not a saved profile: {e}"))))
    }

    /// Column names, in order.
    #[edgekit_macros::boundary]
    #[napi(getter)]
    pub fn columns(&self) -> Vec<String> {
        self.inner.columns.iter().map(|c| c.name.clone()).collect()
    }
}

/// Options of `report` (Evidently's test names).
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct ReportOptions {
    pub tests: Option<HashMap<String, String>>,
    pub numerical_test: Option<String>,
    pub categorical_test: Option<String>,
    pub thresholds: Option<HashMap<String, f64>>,
    pub threshold: Option<f64>,
    #[napi(
        ts_type = "'bonferroni' | 'holm' | 'bh' | 'by' | 'sidak' | 'holm-sidak' | 'hochberg' | 'hommel'"
    )]
    pub correction: Option<String>,
    pub drift_share: Option<f64>,
    pub missing_threshold: Option<f64>,
    pub unseen_threshold: Option<f64>,
    pub columns: Option<Vec<String>>,
    /// A column in one sample only: 'error' (default) or 'report' (listed in the report).
    #[napi(ts_type = "'error' | 'report'")]
    pub unmatched: Option<String>,
    /// Numeric columns that hold category codes.
    pub categorical: Option<Vec<String>>,
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<crate::input::Seed>,
}

/// Core's report options and the `categorical` column names the JS face reads itself.
fn read_options<T: serde::de::DeserializeOwned>(
    function: &str,
    options: Option<Unknown<'_>>,
) -> std::result::Result<(T, Vec<String>), Error<Code>> {
    let (options, own) = crate::convert::options_and(function, options, &["categorical"])?;
    let categorical = match own.get("categorical") {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(value) => serde_json::from_value(value.clone()).map_err(|_| {
            crate::errors::invalid_type(format!(
                "{function}: categorical must be an array of column names"
            ))
        })?,
    };
    Ok((options, categorical))
}

enum ReferenceInput {
    Profile(drift::Profile),
    Columns(Vec<OwnedColumn>),
}

fn reference_input(
    reference: Either<&Profile, Object<'_>>,
    categorical: &[String],
) -> std::result::Result<ReferenceInput, Error<Code>> {
    Ok(match reference {
        Either::A(profile) => ReferenceInput::Profile(profile.inner.clone()),
        Either::B(columns) => ReferenceInput::Columns(owned_columns(&columns, categorical)?),
    })
}

fn run(
    reference: &ReferenceInput,
    current: &[OwnedColumn],
    options: &drift::ReportOptions,
) -> std::result::Result<drift::DriftReport, DriftError> {
    let current = borrowed(current);
    match reference {
        ReferenceInput::Profile(profile) => {
            drift::report(drift::Reference::Profile(profile), &current, options)
        }
        ReferenceInput::Columns(columns) => drift::report(
            drift::Reference::Columns(&borrowed(columns)),
            &current,
            options,
        ),
    }
}

/// Drift report of `current` against a `Profile` or raw columns, Evidently's default tests.
#[edgekit_macros::boundary]
#[napi(
    namespace = "drift",
    ts_args_type = "reference: Profile | Record<string, Float64Array | ArrayLike<number> | ArrayBuffer | (string | null)[]>, current: Record<string, Float64Array | ArrayLike<number> | ArrayBuffer | (string | null)[]>, options?: ReportOptions",
    ts_return_type = "DriftReport"
)]
pub fn report(
    reference: Either<&Profile, Object<'_>>,
    current: Object<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let (options, categorical) = read_options("drift.report", options)?;
    let reference = reference_input(reference, &categorical)?;
    let current = owned_columns(&current, &categorical)?;
    run(&reference, &current, &options)
        .map(|r| Plain::of(&r))
        .map_err(to_js)
}

/// The drift report of a current profile against a reference profile: profiles fitted where
/// the rows live (another process, another machine) and merged. Equal to `report` on the raw
/// current columns while they are exact (at most `capacity` distinct values per column).
#[edgekit_macros::boundary]
#[napi(
    namespace = "drift",
    ts_args_type = "reference: Profile, current: Profile, options?: ReportOptions",
    ts_return_type = "DriftReport"
)]
pub fn report_profiles(
    reference: &Profile,
    current: &Profile,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let (options, _categorical): (drift::ReportOptions, Vec<String>) =
        read_options("drift.reportProfiles", options)?;
    drift::report_profiles(&reference.inner, &current.inner, &options)
        .map(|r| Plain::of(&r))
        .map_err(to_js)
}

/// `report` on the libuv thread pool (a Promise): the data is copied once, then the event loop is free.
#[edgekit_macros::boundary]
#[napi(
    namespace = "drift",
    ts_args_type = "reference: Profile | Record<string, Float64Array | ArrayLike<number> | ArrayBuffer | (string | null)[]>, current: Record<string, Float64Array | ArrayLike<number> | ArrayBuffer | (string | null)[]>, options?: ReportOptions",
    ts_return_type = "Promise<DriftReport>"
)]
pub fn report_async(
    reference: Either<&Profile, Object<'_>>,
    current: Object<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Async<drift::DriftReport, Plain>, Error<Code>> {
    let (options, categorical) = read_options("drift.reportAsync", options)?;
    let reference = reference_input(reference, &categorical)?;
    let current = owned_columns(&current, &categorical)?;
    Ok(work(
        "drift.reportAsync",
        move || run(&reference, &current, &options),
        plain,
    ))
}
