//! Streaming drift detectors: feed one value at a time (or an array) and learn at once when
//! the stream's distribution moved.
//!
//! Real-valued streams: [`Adwin`] (Bifet & Gavaldà 2007), [`PageHinkley`] (Page 1954),
//! [`Kswin`] (Raab, Heusinger & Schleif 2020), [`Cusum`] (two-sided tabular CUSUM).
//! Binary error streams (1 = the model erred): [`Ddm`] (Gama et al. 2004), [`Eddm`]
//! (Baena-García et al. 2006), [`HddmA`] and [`HddmW`] (Frías-Blanco et al. 2015), [`Fhddm`]
//! (Pesaranghader & Viktor 2016). Bayesian online change points: [`Bocpd`] (Adams & MacKay 2007). Parameters, defaults and detection indices follow River
//! 0.26 for every detector River has; after a detection the next update starts afresh, as in
//! River. Every detector is `serde`-serializable so a service can persist it.

mod adwin;
mod binary;
mod bocpd;
mod cusum;
mod hddm;
mod kswin;
mod options;
mod page_hinkley;

pub use adwin::Adwin;
pub use binary::{Ddm, Eddm, Fhddm};
pub use bocpd::Bocpd;
pub use cusum::Cusum;
pub use hddm::{HddmA, HddmW};
pub use kswin::Kswin;
pub use options::{
    AdwinOptions, BocpdOptions, CusumOptions, DdmOptions, EddmOptions, FhddmOptions, HddmAOptions,
    HddmWOptions, KswinOptions, PageHinkleyOptions,
};
pub use page_hinkley::PageHinkley;

use super::DriftError;

/// What every streaming detector offers.
pub trait DriftDetector {
    /// Feeds one value; returns whether drift was detected at this value.
    fn update(&mut self, x: f64) -> Result<bool, DriftError>;
    /// Whether the last update detected drift.
    fn drift_detected(&self) -> bool;
    /// Whether the last update raised a warning (detectors without warnings: always false).
    fn warning_detected(&self) -> bool {
        false
    }
    /// Feeds every value in order; returns the positions where drift fired. Stops at the first
    /// invalid value with an error naming its position (values before it are consumed).
    fn update_many(&mut self, values: &[f64]) -> Result<Vec<usize>, DriftError> {
        let mut fired = Vec::new();
        for (i, &x) in values.iter().enumerate() {
            let detected = self.update(x).map_err(|e| at_position(e, i))?;
            if detected {
                fired.push(i);
            }
        }
        Ok(fired)
    }
}

fn at_position(error: DriftError, index: usize) -> DriftError {
    match error {
        DriftError::NotFinite { value, .. } => DriftError::NotFinite {
            argument: "values",
            index,
            value,
        },
        DriftError::OutOfRange { value, range, .. } => DriftError::Undefined(format!(
            "values[{index}] = {value} is not a valid input: expected {range}"
        )),
        other => other,
    }
}

pub(crate) fn check_value(x: f64) -> Result<(), DriftError> {
    if x.is_finite() {
        Ok(())
    } else {
        Err(DriftError::NotFinite {
            argument: "x",
            index: 0,
            value: x,
        })
    }
}

pub(crate) fn check_binary(x: f64) -> Result<(), DriftError> {
    if x == 0.0 || x == 1.0 {
        Ok(())
    } else {
        Err(DriftError::OutOfRange {
            argument: "x",
            value: x,
            range: "{0, 1} (1 = the model erred)",
        })
    }
}

pub(crate) fn check_option(
    argument: &'static str,
    value: f64,
    ok: bool,
    range: &'static str,
) -> Result<(), DriftError> {
    if ok && !value.is_nan() {
        Ok(())
    } else {
        Err(DriftError::OutOfRange {
            argument,
            value,
            range,
        })
    }
}

/// River's `stats.Mean`: `mean += (x − mean) / n`.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct RunningMean {
    pub n: f64,
    pub mean: f64,
}

impl RunningMean {
    pub fn update(&mut self, x: f64) {
        self.n += 1.0;
        self.mean += (1.0 / self.n) * (x - self.mean);
    }
}
