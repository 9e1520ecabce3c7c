//! Streaming detectors as JS classes named as in River (`ADWIN`, `HDDM_A`, ...).

use edgekit::drift::{self, DriftDetector};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::input::{count_or, small_or, whole_or};

use crate::errors::{Code, JsResult, invalid_type, to_js};
use crate::input::float_values;

macro_rules! detector_class {
    ($class:ident, $js:literal, $inner:ty, $options:ident, $build:expr) => {
        #[napi(namespace = "drift", js_name = $js)]
        pub struct $class {
            inner: $inner,
        }

        #[edgekit_macros::boundary]
        #[napi(namespace = "drift")]
        impl $class {
            #[edgekit_macros::boundary]
            #[napi(constructor)]
            pub fn new(options: Option<$options>) -> std::result::Result<Self, Error<Code>> {
                let build: fn($options) -> JsResult<$inner> = $build;
                Ok(Self {
                    inner: build(options.unwrap_or_default())?,
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
                ts_args_type = "values: Float64Array | ArrayLike<number>"
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
#[derive(Default)]
pub struct AdwinOptions {
    pub delta: Option<f64>,
    pub clock: Option<f64>,
    pub max_buckets: Option<f64>,
    pub min_window_length: Option<f64>,
    pub grace_period: Option<f64>,
}

detector_class!(Adwin, "ADWIN", drift::Adwin, AdwinOptions, |o| {
    drift::Adwin::new(
        o.delta.unwrap_or(0.002),
        small_or(o.clock, 32, "clock")?,
        count_or(o.max_buckets, 5, "maxBuckets")?,
        small_or(o.min_window_length, 5, "minWindowLength")?,
        small_or(o.grace_period, 10, "gracePeriod")?,
    )
    .map_err(to_js)
});

/// Options of `PageHinkley`.
#[napi(object, namespace = "drift")]
#[derive(Default)]
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
    PageHinkleyOptions,
    |o| {
        drift::PageHinkley::new(
            whole_or(o.min_instances, 30, "minInstances")?,
            o.delta.unwrap_or(0.005),
            o.threshold.unwrap_or(50.0),
            o.alpha.unwrap_or(1.0 - 0.0001),
            o.mode.as_deref().unwrap_or("both"),
        )
        .map_err(to_js)
    }
);

/// Options of `KSWIN`.
#[napi(object, namespace = "drift")]
#[derive(Default)]
pub struct KswinOptions {
    pub alpha: Option<f64>,
    pub window_size: Option<f64>,
    pub stat_size: Option<f64>,
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<crate::input::Seed>,
}

detector_class!(Kswin, "KSWIN", drift::Kswin, KswinOptions, |o| {
    drift::Kswin::new(
        o.alpha.unwrap_or(0.005),
        count_or(o.window_size, 100, "windowSize")?,
        count_or(o.stat_size, 30, "statSize")?,
        crate::input::seed_or(o.seed, 0)?,
    )
    .map_err(to_js)
});

/// Options of `CUSUM`.
#[napi(object, namespace = "drift")]
#[derive(Default)]
pub struct CusumOptions {
    pub warm_start: Option<f64>,
    pub k: Option<f64>,
    pub h: Option<f64>,
}

detector_class!(Cusum, "CUSUM", drift::Cusum, CusumOptions, |o| {
    drift::Cusum::new(
        whole_or(o.warm_start, 30, "warmStart")?,
        o.k.unwrap_or(0.5),
        o.h.unwrap_or(5.0),
    )
    .map_err(to_js)
});

/// Options of `DDM`.
#[napi(object, namespace = "drift")]
#[derive(Default)]
pub struct DdmOptions {
    pub warm_start: Option<f64>,
    pub warning_threshold: Option<f64>,
    pub drift_threshold: Option<f64>,
}

detector_class!(Ddm, "DDM", drift::Ddm, DdmOptions, |o| {
    drift::Ddm::new(
        whole_or(o.warm_start, 30, "warmStart")?,
        o.warning_threshold.unwrap_or(2.0),
        o.drift_threshold.unwrap_or(3.0),
    )
    .map_err(to_js)
});

/// Options of `EDDM`.
#[napi(object, namespace = "drift")]
#[derive(Default)]
pub struct EddmOptions {
    pub warm_start: Option<f64>,
    pub alpha: Option<f64>,
    pub beta: Option<f64>,
}

detector_class!(Eddm, "EDDM", drift::Eddm, EddmOptions, |o| {
    drift::Eddm::new(
        whole_or(o.warm_start, 30, "warmStart")?,
        o.alpha.unwrap_or(0.95),
        o.beta.unwrap_or(0.9),
    )
    .map_err(to_js)
});

/// Options of `HDDM_A`.
#[napi(object, namespace = "drift")]
#[derive(Default)]
pub struct HddmAOptions {
    pub drift_confidence: Option<f64>,
    pub warning_confidence: Option<f64>,
    pub two_sided_test: Option<bool>,
}

detector_class!(HddmA, "HDDM_A", drift::HddmA, HddmAOptions, |o| {
    drift::HddmA::new(
        o.drift_confidence.unwrap_or(0.001),
        o.warning_confidence.unwrap_or(0.005),
        o.two_sided_test.unwrap_or(false),
    )
    .map_err(to_js)
});

/// Options of `HDDM_W`.
#[napi(object, namespace = "drift")]
#[derive(Default)]
pub struct HddmWOptions {
    pub drift_confidence: Option<f64>,
    pub warning_confidence: Option<f64>,
    pub lambda_val: Option<f64>,
    pub two_sided_test: Option<bool>,
}

detector_class!(HddmW, "HDDM_W", drift::HddmW, HddmWOptions, |o| {
    drift::HddmW::new(
        o.drift_confidence.unwrap_or(0.001),
        o.warning_confidence.unwrap_or(0.005),
        o.lambda_val.unwrap_or(0.05),
        o.two_sided_test.unwrap_or(false),
    )
    .map_err(to_js)
});

/// Options of `FHDDM`.
#[napi(object, namespace = "drift")]
#[derive(Default)]
pub struct FhddmOptions {
    pub sliding_window_size: Option<f64>,
    pub confidence_level: Option<f64>,
    pub short_window_size: Option<f64>,
}

detector_class!(Fhddm, "FHDDM", drift::Fhddm, FhddmOptions, |o| {
    let short = match o.short_window_size {
        None => None,
        Some(v) => Some(crate::input::whole(v, "shortWindowSize")? as usize),
    };
    drift::Fhddm::new(
        count_or(o.sliding_window_size, 100, "slidingWindowSize")?,
        o.confidence_level.unwrap_or(0.000001),
        short,
    )
    .map_err(to_js)
});

/// Options of `BOCPD`.
#[napi(object, namespace = "drift")]
#[derive(Default)]
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

detector_class!(Bocpd, "BOCPD", drift::Bocpd, BocpdOptions, |o| {
    drift::Bocpd::new(
        o.expected_run.unwrap_or(250.0),
        [
            o.mu0.unwrap_or(0.0),
            o.kappa0.unwrap_or(1.0),
            o.alpha0.unwrap_or(1.0),
            o.beta0.unwrap_or(1.0),
        ],
        count_or(o.min_drop, 10, "minDrop")?,
        count_or(o.warm_start, 20, "warmStart")?,
        count_or(o.max_run, 1000, "maxRun")?,
    )
    .map_err(to_js)
});
