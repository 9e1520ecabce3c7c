//! Streaming detectors as JS classes named as in River (`ADWIN`, `HDDM_A`, ...).

use edgekit::drift::{self, DriftDetector};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::errors::{Code, invalid_type, to_js};
use crate::input::float_values;

macro_rules! detector_class {
    ($class:ident, $js:literal, $inner:ty, $core:ty, $ts:literal) => {
        #[napi(namespace = "drift", js_name = $js)]
        pub struct $class {
            inner: $inner,
        }

        #[edgekit_macros::boundary]
        #[napi(namespace = "drift")]
        impl $class {
            #[edgekit_macros::boundary]
            #[napi(constructor, ts_args_type = $ts)]
            pub fn new(options: Option<Unknown<'_>>) -> std::result::Result<Self, Error<Code>> {
                let options: $core = crate::convert::options(concat!("drift.", $js), options)?;
                Ok(Self {
                    inner: options.build().map_err(to_js)?,
                })
            }

            /// Feeds one value; returns whether drift was detected at it.
            #[edgekit_macros::boundary]
            #[napi]
            pub fn update(&mut self, x: f64) -> std::result::Result<bool, Error<Code>> {
                self.inner.update(x).map_err(to_js)
            }

            /// Feeds the values in order; returns the positions where drift fired.
            #[edgekit_macros::boundary]
            #[napi(
                namespace = "drift",
                ts_args_type = "values: Float64Array | ArrayLike<number> | ArrayBuffer"
            )]
            pub fn update_many(
                &mut self,
                values: Unknown<'_>,
            ) -> std::result::Result<Uint32Array, Error<Code>> {
                let values = float_values(values, "values")?;
                let fired = self.inner.update_many(&values).map_err(to_js)?;
                Ok(Uint32Array::new(
                    fired.into_iter().map(|i| i as u32).collect(),
                ))
            }

            /// Whether the last update detected drift.
            #[edgekit_macros::boundary]
            #[napi(getter)]
            pub fn drift_detected(&self) -> bool {
                self.inner.drift_detected()
            }

            /// Whether the last update raised a warning.
            #[edgekit_macros::boundary]
            #[napi(getter)]
            pub fn warning_detected(&self) -> bool {
                self.inner.warning_detected()
            }

            /// The whole state as JSON, for persisting the detector.
            #[edgekit_macros::boundary]
            #[napi]
            pub fn to_json(&self) -> std::result::Result<String, Error<Code>> {
                serde_json::to_string(&self.inner).map_err(|e| invalid_type(e.to_string()))
            }

            /// A detector restored from `toJson()` output.
            #[edgekit_macros::boundary]
            #[napi(writable = true, configurable = true, factory)]
            pub fn from_json(text: String) -> std::result::Result<Self, Error<Code>> {
                serde_json::from_str(&text)
                    .map(|inner| Self { inner })
                    .map_err(|e| {
                        to_js(drift::DriftError::Undefined(format!(
                            "not a saved {} state: {e}",
                            $js
                        )))
                    })
            }
        }
    };
}

/// Options of `ADWIN` (River's names, camelCased).
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct AdwinOptions {
    pub delta: Option<f64>,
    pub clock: Option<f64>,
    pub max_buckets: Option<f64>,
    pub min_window_length: Option<f64>,
    pub grace_period: Option<f64>,
}

detector_class!(
    Adwin,
    "ADWIN",
    drift::Adwin,
    drift::AdwinOptions,
    "options?: AdwinOptions | undefined | null"
);

/// Options of `PageHinkley`.
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct PageHinkleyOptions {
    pub min_instances: Option<f64>,
    pub delta: Option<f64>,
    pub threshold: Option<f64>,
    pub alpha: Option<f64>,
    #[napi(ts_type = "'up' | 'down' | 'both'")]
    pub mode: Option<String>,
}

detector_class!(
    PageHinkley,
    "PageHinkley",
    drift::PageHinkley,
    drift::PageHinkleyOptions,
    "options?: PageHinkleyOptions | undefined | null"
);

/// Options of `KSWIN`.
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct KswinOptions {
    pub alpha: Option<f64>,
    pub window_size: Option<f64>,
    pub stat_size: Option<f64>,
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<crate::input::Seed>,
}

detector_class!(
    Kswin,
    "KSWIN",
    drift::Kswin,
    drift::KswinOptions,
    "options?: KswinOptions | undefined | null"
);

/// Options of `CUSUM`.
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct CusumOptions {
    pub warm_start: Option<f64>,
    pub k: Option<f64>,
    pub h: Option<f64>,
}

detector_class!(
    Cusum,
    "CUSUM",
    drift::Cusum,
    drift::CusumOptions,
    "options?: CusumOptions | undefined | null"
);

/// Options of `DDM`.
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct DdmOptions {
    pub warm_start: Option<f64>,
    pub warning_threshold: Option<f64>,
    pub drift_threshold: Option<f64>,
}

detector_class!(
    Ddm,
    "DDM",
    drift::Ddm,
    drift::DdmOptions,
    "options?: DdmOptions | undefined | null"
);

/// Options of `EDDM`.
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct EddmOptions {
    pub warm_start: Option<f64>,
    pub alpha: Option<f64>,
    pub beta: Option<f64>,
}

detector_class!(
    Eddm,
    "EDDM",
    drift::Eddm,
    drift::EddmOptions,
    "options?: EddmOptions | undefined | null"
);

/// Options of `HDDM_A`.
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct HddmAOptions {
    pub drift_confidence: Option<f64>,
    pub warning_confidence: Option<f64>,
    pub two_sided_test: Option<bool>,
}

detector_class!(
    HddmA,
    "HDDM_A",
    drift::HddmA,
    drift::HddmAOptions,
    "options?: HddmAOptions | undefined | null"
);

/// Options of `HDDM_W`.
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct HddmWOptions {
    pub drift_confidence: Option<f64>,
    pub warning_confidence: Option<f64>,
    pub lambda_val: Option<f64>,
    pub two_sided_test: Option<bool>,
}

detector_class!(
    HddmW,
    "HDDM_W",
    drift::HddmW,
    drift::HddmWOptions,
    "options?: HddmWOptions | undefined | null"
);

/// Options of `FHDDM`.
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct FhddmOptions {
    pub sliding_window_size: Option<f64>,
    pub confidence_level: Option<f64>,
    pub short_window_size: Option<f64>,
}

detector_class!(
    Fhddm,
    "FHDDM",
    drift::Fhddm,
    drift::FhddmOptions,
    "options?: FhddmOptions | undefined | null"
);

/// Options of `BOCPD`.
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct BocpdOptions {
    pub expected_run: Option<f64>,
    pub mu0: Option<f64>,
    pub kappa0: Option<f64>,
    pub alpha0: Option<f64>,
    pub beta0: Option<f64>,
    /// Drift when the most probable run length falls by more than this (default 10).
    pub min_drop: Option<f64>,
    pub warm_start: Option<f64>,
    pub max_run: Option<f64>,
}

detector_class!(
    Bocpd,
    "BOCPD",
    drift::Bocpd,
    drift::BocpdOptions,
    "options?: BocpdOptions | undefined | null"
);
