//! The options objects of the Node face's `optimize` and `portfolio` (the Python face takes the
//! same values as arguments), written once here with their defaults (see
//! [`contract`](crate::contract)).

use serde::{Deserialize, Serialize};

use super::{
    ContestOptions, ContestSpec, FieldModel, LineupError, Method, OutcomeModel, PortfolioOptions,
    Rules,
};

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

fn required_contest(contest: &Option<ContestSpec>) -> Result<ContestSpec, LineupError> {
    match contest {
        Some(c) => c.checked(),
        None => Err(LineupError::Rule {
            rule: "contest".into(),
            message: "required: { fieldSize, entryFee, maxEntries, payouts }".into(),
        }),
    }
}

/// What `simulateContest` is asked for (the lineups are the call's own argument).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct SimulateContestRequest {
    /// The contest (required).
    pub contest: Option<ContestSpec>,
    /// Seed of the field and the simulated slates (default 0).
    pub seed: u64,
    /// Simulations, outcome model and field model.
    #[serde(deserialize_with = "crate::contract::null_as_default")]
    pub options: ContestOptions,
}

impl SimulateContestRequest {
    /// The contest, checked; an error when it is missing.
    pub fn contest(&self) -> Result<ContestSpec, LineupError> {
        required_contest(&self.contest)
    }
}

/// What `contestPortfolio` and `selectByRoi` are asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ContestPortfolioRequest {
    /// The contest (required).
    pub contest: Option<ContestSpec>,
    /// Entries wanted (default 20).
    pub n: usize,
    /// Rules of the candidates and of the chosen set's exposure (default none).
    #[serde(deserialize_with = "crate::contract::null_as_default")]
    pub rules: Rules,
    /// Seed (default 0).
    pub seed: u64,
    /// Simulations, candidates, outcome model and field model.
    #[serde(deserialize_with = "crate::contract::null_as_default")]
    pub options: ContestOptions,
}

impl Default for ContestPortfolioRequest {
    fn default() -> Self {
        Self {
            contest: None,
            n: 20,
            rules: Rules::default(),
            seed: 0,
            options: ContestOptions::default(),
        }
    }
}

impl ContestPortfolioRequest {
    /// The contest, checked; an error when it is missing.
    pub fn contest(&self) -> Result<ContestSpec, LineupError> {
        required_contest(&self.contest)
    }
}

/// What `outcomeCorrelations` is asked for.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CorrelationsRequest {
    /// Players: names or IDs.
    pub players: Vec<String>,
    /// The outcome model, with the user's correlations.
    #[serde(deserialize_with = "crate::contract::null_as_default")]
    pub outcomes: OutcomeModel,
}

/// What `sampleField` is asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FieldRequest {
    /// Field lineups (default 1,000).
    pub entries: usize,
    /// Seed (default 0).
    pub seed: u64,
    /// How the field builds its lineups.
    #[serde(deserialize_with = "crate::contract::null_as_default")]
    pub field: FieldModel,
}

impl Default for FieldRequest {
    fn default() -> Self {
        Self {
            entries: 1_000,
            seed: 0,
            field: FieldModel::default(),
        }
    }
}

/// The contest around a prize-table CSV (`readPayoutCsv`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PayoutTableRequest {
    /// Entries in the contest (required).
    pub field_size: usize,
    /// Cost of one entry (default 0).
    pub entry_fee: f64,
    /// Most entries one user may submit (default 150, at most the field).
    pub max_entries: usize,
}

impl Default for PayoutTableRequest {
    fn default() -> Self {
        Self {
            field_size: 0,
            entry_fee: 0.0,
            max_entries: 150,
        }
    }
}

/// What a late swap of an entries file is asked for: the time, the games named as started,
/// the rules.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LateSwapRequest {
    /// The time of the swap: ISO 8601 with an offset, the sites' `01/18/2019 08:30PM ET`, or
    /// Unix seconds (see [`parse_time`](super::parse_time)); games starting at or before it
    /// have started (default: only what `started` names and the file marks).
    #[serde(deserialize_with = "super::records::time_value")]
    pub now: Option<i64>,
    /// Games (`"NYG@DAL"`) or teams already started, for files without start times (FanDuel).
    pub started: Vec<String>,
    /// Rules beyond the site's (default none).
    #[serde(deserialize_with = "crate::contract::null_as_default")]
    pub rules: Rules,
}
