//! The options of each batch drift test as the Python and Node faces take them: one struct per
//! function, its serde names and defaults the only ones any face uses (see
//! [`contract`](crate::contract)). Defaults are Evidently's for each test.

use serde::{Deserialize, Serialize};

use super::Binning;

macro_rules! threshold_options {
    ($(#[$doc:meta])* $name:ident, $default:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            /// Where drift is declared (p-value below it, or score reaching it).
            pub threshold: f64,
        }

        impl Default for $name {
            fn default() -> Self {
                Self { threshold: $default }
            }
        }
    };
}

threshold_options!(
    /// Options of [`wasserstein`](super::wasserstein): drift at a normed distance ≥ 0.1.
    WassersteinOptions,
    0.1
);
threshold_options!(
    /// Options of [`energy_distance`](super::energy_distance): drift at a distance ≥ 0.1.
    EnergyDistanceOptions,
    0.1
);
threshold_options!(
    /// Options of [`anderson_darling`](super::anderson_darling): drift at p < 0.1.
    AndersonDarlingOptions,
    0.1
);
threshold_options!(
    /// Options of [`cramer_von_mises`](super::cramer_von_mises): drift at p < 0.1.
    CramerVonMisesOptions,
    0.1
);
threshold_options!(
    /// Options of [`epps_singleton`](super::epps_singleton): drift at p < 0.05.
    EppsSingletonOptions,
    0.05
);
threshold_options!(
    /// Options of [`chisquare`](super::chisquare): drift at p < 0.05.
    ChisquareOptions,
    0.05
);
threshold_options!(
    /// Options of [`g_test`](super::g_test): drift at p < 0.1.
    GTestOptions,
    0.1
);
threshold_options!(
    /// Options of [`z_test`](super::z_test): drift at p < 0.05.
    ZTestOptions,
    0.05
);
threshold_options!(
    /// Options of [`fisher_exact`](super::fisher_exact): drift at p < 0.1.
    FisherExactOptions,
    0.1
);

/// How numbers are binned, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BinningName {
    /// Reference-quantile bins (`bins` of them).
    #[default]
    Quantile,
    /// Evidently's Sturges bins (`bins` is ignored).
    #[serde(alias = "evidently")]
    Sturges,
}

/// Options of [`psi`](super::psi), [`kl_divergence`](super::kl_divergence) and
/// [`jensen_shannon`](super::jensen_shannon) as the faces take them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BinnedTestOptions {
    /// Quantile bins (default 10).
    pub bins: usize,
    /// `"quantile"` (default) or `"sturges"`.
    pub binning: BinningName,
    /// Drift when the distance reaches this (default 0.1).
    pub threshold: f64,
    /// Treat numbers as category codes (text always is).
    pub categorical: bool,
}

impl Default for BinnedTestOptions {
    fn default() -> Self {
        Self {
            bins: 10,
            binning: BinningName::Quantile,
            threshold: 0.1,
            categorical: false,
        }
    }
}

impl BinnedTestOptions {
    /// The core options these name.
    pub fn binned(&self) -> super::BinnedOptions {
        super::BinnedOptions {
            binning: match self.binning {
                BinningName::Quantile => Binning::Quantile(self.bins),
                BinningName::Sturges => Binning::Sturges,
            },
            threshold: self.threshold,
        }
    }
}

/// Options of [`hellinger`](super::hellinger) as the faces take them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HellingerOptions {
    /// Drift when the distance reaches this (default 0.1).
    pub threshold: f64,
    /// Treat numbers as category codes (text always is).
    pub categorical: bool,
}

impl Default for HellingerOptions {
    fn default() -> Self {
        Self {
            threshold: 0.1,
            categorical: false,
        }
    }
}

/// Options of [`tvd`](super::tvd).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TvdOptions {
    /// Drift at a permutation p-value below this (default 0.05).
    pub threshold: f64,
    /// Seeded relabellings of the pooled sample (default 1,000).
    pub permutations: usize,
    /// Seed of the permutations.
    pub seed: u64,
}

impl Default for TvdOptions {
    fn default() -> Self {
        Self {
            threshold: 0.05,
            permutations: 1000,
            seed: 0,
        }
    }
}
