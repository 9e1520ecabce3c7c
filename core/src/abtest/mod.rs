//! Experiment statistics: decide A/B tests and model-vs-model comparisons.
//!
//! Every two-sample function takes control `a` then treatment `b` and reports `b − a`, with
//! alternatives named as statsmodels names them ("two-sided", "larger": `b > a`, "smaller").
//! References: statsmodels (`proportions_ztest`, `test_proportions_2indep`,
//! `confint_proportions_2indep`, `proportion_confint`, `multipletests`, `NormalIndPower`),
//! scipy (`ttest_ind`, `chi2_contingency`, `fisher_exact`, `chisquare`); Miettinen & Nurminen
//! (1985), Newcombe (1998), Agresti & Caffo (2000), Hommel (1988) with Wright (1992).

mod adjusted;
mod alternative;
mod batch;
mod bayes;
mod beta_binomial;
mod bootstrap;
mod delong;
mod design;
mod error;
mod forecast;
mod group_sequential;
mod interval_options;
mod means;
mod model_bootstrap;
mod moments;
mod multiple;
mod paired;
mod permutation;
mod power;
mod proportions;
mod rank;
mod ratio_cuped;
mod ratios;
mod result;
mod sequential;
mod srm;
mod unconditional;

pub use adjusted::{AdjustedOptions, PairedSummary, cuped, cuped_theta, ratio_metric};
pub use alternative::Alternative;
pub use batch::{BatchResult, t_test_batch, two_proportions_batch};
pub use bayes::{BayesOptions, BayesResult, bayes_gaussian};
pub use beta_binomial::{
    BetaBinomialMethod, BetaBinomialOptions, BetaBinomialResult, bayes_binomial,
};
pub use bootstrap::{
    BootstrapMethod, BootstrapOptions, BootstrapResult, BootstrapStatistic, bca_acceleration,
    bootstrap,
};
pub use delong::{DeLongOptions, DeLongResult, delong};
pub use design::{PowerOfTestOptions, SampleSizeOptions};
pub use error::AbtestError;
pub use forecast::{DieboldMarianoOptions, DieboldMarianoResult, LongRunVariance, diebold_mariano};
pub use group_sequential::{
    GroupSequentialOptions, GroupSequentialResult, Look, Spending, group_sequential,
};
pub use interval_options::{OddsRatioOptions, ProportionCiOptions, RiskRatioOptions};
pub use means::{GroupSummary, MeansOptions, t_test, welch};
pub use model_bootstrap::{ModelMetric, PairedBootstrapOptions, paired_bootstrap};
pub use moments::{MAX_MOMENT_COLUMNS, Moments};
pub use multiple::{
    AdjustOptions, AdjustedConfidenceOptions, Correction, IntervalCorrection, adjust_pvalues,
    adjusted_confidence,
};
pub use paired::{McNemarOptions, McNemarResult, mcnemar, mcnemar_counts};
pub use permutation::{PermutationOptions, PermutationResult, permutation_test};
pub use power::{
    Effect, PowerOptions, PowerTest, SampleSize, minimum_detectable_effect, power,
    proportion_effect_size, sample_size,
};
pub use proportions::{
    DiffInterval, ProportionInterval, ProportionTest, TwoProportionsOptions, proportion_ci,
    two_proportions,
};
pub use rank::{
    BrunnerMunzelOptions, BrunnerMunzelResult, MannWhitneyOptions, RankMethod, RankTestResult,
    brunner_munzel, mann_whitney,
};
pub use ratio_cuped::{RatioCupedSummary, cuped_ratio};
pub use ratios::{OddsRatioInterval, RatioEstimate, RiskRatioInterval, odds_ratio, risk_ratio};
pub use result::TestResult;
pub use sequential::{
    MsprtOptions, MsprtResult, SequentialOptions, SequentialResult, msprt, sequential,
};
pub use srm::{SrmResult, srm};
