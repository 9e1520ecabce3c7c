//! Drift: notice when a model's inputs or accuracy move.
//!
//! Batch tests compare a reference sample with a current one and agree with scipy's
//! (`ks_2samp`, ...) and Evidently's conventions: hypothesis tests drift when the p-value falls
//! below the threshold, distances when they reach it.
//! References: scipy.stats; Simard & L'Ecuyer (2011) and van Mulbregt (2018) for the
//! Kolmogorov distributions; Hodges (1958) and Viehmann (2021) for exact two-sample KS.

mod binned;
mod boosting;
mod calibration;
mod categorical;
mod categories;
mod changepoint;
mod chunked;
mod error;
mod estimation;
mod goodness;
mod ks;
mod metrics;
mod mmd;
mod monitor_options;
mod monitored;
mod multivariate;
mod numeric;
mod options;
mod performance;
mod profile;
mod report;
mod result;
mod sample;
mod stream;
mod univariate;
mod weighted;

pub use binned::{BinnedOptions, Binning, hellinger, jensen_shannon, kl_divergence, psi};
pub use boosting::{BoostingOptions, MAX_ESTIMATORS, MAX_LEAVES};
pub use calibration::{
    BinStrategy, CalibrationMethod, Calibrator, ConformalClassifier, ConformalOptions,
    ConformalRegressor, Coverage, Intervals, ReliabilityCurve, ReliabilityOptions,
    reliability_curve,
};
pub use categorical::{chisquare, fisher_exact, g_test, tvd, z_test};
pub use categories::{CategoryCounts, Sample};
pub use changepoint::{
    ChangePointOptions, CostModel, PeltOptions, binary_segmentation, covering, default_penalty,
    f1_score, pelt,
};
pub use chunked::{
    BeyondLimit, BinaryBuffer, CalendarPeriod, Chunk, ChunkInfo, ChunkMonitor, ChunkPlan,
    ChunkThreshold, Chunked, Chunking, ColumnBuffer, DataPeriod, Incomplete, MetricCell, RowBuffer,
    SAMPLING_ERROR_RANGE, Severity, WarningBounds, alerts, parse_timestamp, performance_alerts,
    severity, split_chunks,
};
pub use error::DriftError;
pub use estimation::{
    BinaryOutputs, Cbpe, CbpeOptions, ClassificationMetric, ConfusionCell, ConfusionNormalization,
    Dle, DleOptions, DleRow, EstimatedCell, EstimatedRow, Isotonic, MAX_CLASSES, MetricName,
    MulticlassCbpe, MulticlassOutputs, MulticlassPerformance, RealizedCell, RealizedOptions,
    RealizedPerformance, RealizedRow, RegressionMetric, RegressionOptions, RegressionOutputs,
    RegressionPerformance, RegressionRow, SamplingComponents,
};
pub use goodness::{anderson_darling, cramer_von_mises, epps_singleton};
pub use ks::{KS_EXACT_MAX_N, KsAlternative, KsMethod, KsOptions, ks_2samp, kstwo_sf, smirnov_sf};
pub use metrics::{
    Averages, ClassificationMetrics, RegressionMetrics, classification_metrics, regression_metrics,
};
pub use mmd::{MmdOptions, mmd};
pub use monitor_options::{Levels, MonitorOptions, Thresholds};
pub use monitored::{
    CbpeMonitor, DleMonitor, DomainClassifierMonitor, Features, FeaturesAndOutputs,
    MulticlassCbpeMonitor, MulticlassRealizedMonitor, RealizedMonitor, ReconstructionMonitor,
    RegressionMonitor, UnivariateMonitor,
};
pub use multivariate::{
    Components, ContinuousImputer, DomainClassifier, DomainClassifierOptions, DomainClassifierRow,
    MAX_FOLDS, MAX_MMD_ROWS, MAX_MMD_WORK, MmdDrift, MmdDriftOptions, MmdDriftResult,
    ReconstructionDrift, ReconstructionOptions, ReconstructionRow,
};
pub use numeric::{
    MannWhitneyDriftOptions, TTestOptions, energy_distance, mann_whitney, t_test, wasserstein,
};
pub use options::{
    AndersonDarlingOptions, BinnedTestOptions, BinningName, ChisquareOptions,
    CramerVonMisesOptions, EnergyDistanceOptions, EppsSingletonOptions, FisherExactOptions,
    GTestOptions, HellingerOptions, TvdOptions, WassersteinOptions, ZTestOptions,
};
pub use performance::{
    Alert, COMPARE_ALPHA, Metric, MetricComparison, PerformanceMonitor, Threshold, Window,
    WindowMetrics,
};
pub use profile::{
    Column, ColumnKind, ColumnProfile, ColumnSummary, ColumnValues, NumericSummary,
    PROFILE_CAPACITY, Profile, ProfileOptions,
};
pub use report::{
    ColumnDrift, DriftReport, Reference, ReportOptions, Unmatched, report, report_profiles,
};
pub use result::DriftResult;
pub use stream::{
    Adwin, AdwinOptions, Bocpd, BocpdOptions, Cusum, CusumOptions, Ddm, DdmOptions, DriftDetector,
    Eddm, EddmOptions, Fhddm, FhddmOptions, HddmA, HddmAOptions, HddmW, HddmWOptions, Kswin,
    KswinOptions, PageHinkley, PageHinkleyOptions,
};
pub use univariate::{
    UnivariateCell, UnivariateDrift, UnivariateMethod, UnivariateOptions, UnivariateRow,
    default_univariate_threshold,
};

/// An enumeration parsed from its serde names (aliases included), the one spelling every face
/// uses; an unknown name is the drift engine's `UnknownOption` error.
fn by_serde_name<T: serde::de::DeserializeOwned>(
    argument: &'static str,
    name: &str,
    expected: &'static str,
) -> Result<T, DriftError> {
    crate::contract::parse_name(argument, argument, name).map_err(|_| DriftError::UnknownOption {
        argument,
        value: name.to_owned(),
        expected,
    })
}
