//! The options objects of the Node face's `optimize` and `portfolio` (the Python face takes the
//! same values as arguments), written once here with their defaults (see
//! [`contract`](crate::contract)).

use serde::{Deserialize, Serialize};

use super::{Method, PortfolioOptions, Rules};

/// What `optimize` is asked for: how many lineups, under which rules, seeded how, by which
/// method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OptimizeRequest {
    /// Lineups wanted (default 1).
    pub n: usize,
    /// Rules beyond the site's (default none).
    #[serde(deserialize_with = "crate::contract::null_as_default")]
    pub rules: Rules,
    /// Seed of randomized projections (default: no randomness).
    pub seed: Option<u64>,
    /// `"search"` (default) or `"milp"`.
    pub method: Method,
}

impl Default for OptimizeRequest {
    fn default() -> Self {
        Self {
            n: 1,
            rules: Rules::default(),
            seed: None,
            method: Method::default(),
        }
    }
}

/// What `portfolio` is asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PortfolioRequest {
    /// Lineups wanted (default 20).
    pub n: usize,
    /// Rules beyond the site's (default none).
    #[serde(deserialize_with = "crate::contract::null_as_default")]
    pub rules: Rules,
    /// Seed of the simulations (default 0).
    pub seed: u64,
    /// Simulations, candidates and correlations.
    #[serde(deserialize_with = "crate::contract::null_as_default")]
    pub options: PortfolioOptions,
}

impl Default for PortfolioRequest {
    fn default() -> Self {
        Self {
            n: 20,
            rules: Rules::default(),
            seed: 0,
            options: PortfolioOptions::default(),
        }
    }
}
