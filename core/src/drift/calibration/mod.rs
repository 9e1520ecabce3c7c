//! Calibration and conformal prediction for a model's scores: reliability curves with ECE/MCE
//! (scikit-learn's `calibration_curve` binning), Platt and isotonic calibration fitted on a
//! reference and applied to new scores (scikit-learn's `CalibratedClassifierCV` steps), and
//! split conformal prediction (Vovk et al. 2005; Lei et al. 2018): regression intervals and
//! classification sets with finite-sample coverage, marginal or per group (Mondrian).

mod calibrator;
mod conformal;
mod curve;

pub use calibrator::{CalibrationMethod, Calibrator};
pub use conformal::{
    ConformalClassifier, ConformalOptions, ConformalRegressor, Coverage, Intervals,
};
pub use curve::{BinStrategy, ReliabilityCurve, ReliabilityOptions, reliability_curve};
