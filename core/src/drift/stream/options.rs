//! Each detector's options as the faces take them (River's names and defaults), written once:
//! the Python keywords, the Node options object and the stubs all come from these structs
//! (see [`contract`](crate::contract)). `build()` checks them and makes the detector.

use serde::{Deserialize, Serialize};

use super::{Adwin, Bocpd, Cusum, Ddm, Eddm, Fhddm, HddmA, HddmW, Kswin, PageHinkley};
use crate::drift::DriftError;

macro_rules! detector_options {
    ($(#[$doc:meta])* $name:ident => $detector:ty {
        $($(#[$field_doc:meta])* $field:ident: $ty:ty = $default:expr,)*
    } |$o:ident| $build:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            $($(#[$field_doc])* pub $field: $ty,)*
        }

        impl Default for $name {
            fn default() -> Self {
                Self { $($field: $default,)* }
            }
        }

        impl $name {
            /// The detector these options describe (checked as its constructor checks them).
            pub fn build(&self) -> Result<$detector, DriftError> {
                let $o = self;
                $build
            }
        }
    };
}

detector_options!(
    /// Options of [`Adwin`] (River's `ADWIN`).
    AdwinOptions => Adwin {
        /// Confidence of the cut test.
        delta: f64 = 0.002,
        /// Check for a cut every this many values.
        clock: u32 = 32,
        /// Buckets per row of the exponential histogram.
        max_buckets: usize = 5,
        /// Shortest sub-window compared.
        min_window_length: u32 = 5,
        /// Values before the first check.
        grace_period: u32 = 10,
    } |o| Adwin::new(o.delta, o.clock, o.max_buckets, o.min_window_length, o.grace_period)
);

detector_options!(
    /// Options of [`PageHinkley`] (River's `PageHinkley`).
    PageHinkleyOptions => PageHinkley {
        /// Values before drift can be declared.
        min_instances: u64 = 30,
        /// Tolerated change.
        delta: f64 = 0.005,
        /// Drift when the cumulative deviation exceeds this.
        threshold: f64 = 50.0,
        /// Forgetting factor of the running mean.
        alpha: f64 = 1.0 - 0.0001,
        /// `"up"`, `"down"` or `"both"`.
        mode: String = "both".to_owned(),
    } |o| PageHinkley::new(o.min_instances, o.delta, o.threshold, o.alpha, &o.mode)
);

detector_options!(
    /// Options of [`Kswin`] (River's `KSWIN`; seeded).
    KswinOptions => Kswin {
        /// Significance of the KS test.
        alpha: f64 = 0.005,
        /// Values kept.
        window_size: usize = 100,
        /// Size of the recent sample and of the seeded older sample.
        stat_size: usize = 30,
        /// Seed of the older sample.
        seed: u64 = 0,
    } |o| Kswin::new(o.alpha, o.window_size, o.stat_size, o.seed)
);

detector_options!(
    /// Options of [`Cusum`].
    CusumOptions => Cusum {
        /// Values that estimate the mean and spread before monitoring.
        warm_start: u64 = 30,
        /// Allowance, in standard deviations.
        k: f64 = 0.5,
        /// Decision interval, in standard deviations.
        h: f64 = 5.0,
    } |o| Cusum::new(o.warm_start, o.k, o.h)
);

detector_options!(
    /// Options of [`Ddm`] (River's `DDM`).
    DdmOptions => Ddm {
        /// Values before monitoring.
        warm_start: u64 = 30,
        /// Warning at this many standard deviations.
        warning_threshold: f64 = 2.0,
        /// Drift at this many standard deviations.
        drift_threshold: f64 = 3.0,
    } |o| Ddm::new(o.warm_start, o.warning_threshold, o.drift_threshold)
);

detector_options!(
    /// Options of [`Eddm`] (River's `EDDM`).
    EddmOptions => Eddm {
        /// Errors before monitoring.
        warm_start: u64 = 30,
        /// Drift level.
        alpha: f64 = 0.95,
        /// Warning level.
        beta: f64 = 0.9,
    } |o| Eddm::new(o.warm_start, o.alpha, o.beta)
);

detector_options!(
    /// Options of [`HddmA`] (River's `HDDM_A`).
    HddmAOptions => HddmA {
        /// Confidence of the drift test.
        drift_confidence: f64 = 0.001,
        /// Confidence of the warning test.
        warning_confidence: f64 = 0.005,
        /// Also detect decreases.
        two_sided_test: bool = false,
    } |o| HddmA::new(o.drift_confidence, o.warning_confidence, o.two_sided_test)
);

detector_options!(
    /// Options of [`HddmW`] (River's `HDDM_W`).
    HddmWOptions => HddmW {
        /// Confidence of the drift test.
        drift_confidence: f64 = 0.001,
        /// Confidence of the warning test.
        warning_confidence: f64 = 0.005,
        /// Weight of the newest value in the EWMA.
        lambda_val: f64 = 0.05,
        /// Also detect decreases.
        two_sided_test: bool = false,
    } |o| HddmW::new(o.drift_confidence, o.warning_confidence, o.lambda_val, o.two_sided_test)
);

detector_options!(
    /// Options of [`Fhddm`] (River's `FHDDM`).
    FhddmOptions => Fhddm {
        /// Values in the sliding window.
        sliding_window_size: usize = 100,
        /// Confidence of the Hoeffding bound.
        confidence_level: f64 = 0.000001,
        /// A second, short window (FHDDM-S) when set.
        short_window_size: Option<usize> = None,
    } |o| Fhddm::new(o.sliding_window_size, o.confidence_level, o.short_window_size)
);

detector_options!(
    /// Options of [`Bocpd`] (Adams & MacKay's online change points, Normal-Gamma prior).
    BocpdOptions => Bocpd {
        /// Expected run length (the hazard is its inverse).
        expected_run: f64 = 250.0,
        /// Prior mean.
        mu0: f64 = 0.0,
        /// Prior pseudo-count of the mean.
        kappa0: f64 = 1.0,
        /// Prior shape of the precision.
        alpha0: f64 = 1.0,
        /// Prior rate of the precision.
        beta0: f64 = 1.0,
        /// Drift when the most probable run length falls by more than this.
        min_drop: usize = 10,
        /// Values before drift can be declared.
        warm_start: usize = 20,
        /// Longest run length kept.
        max_run: usize = 1000,
    } |o| Bocpd::new(
        o.expected_run,
        [o.mu0, o.kappa0, o.alpha0, o.beta0],
        o.min_drop,
        o.warm_start,
        o.max_run
    )
);
