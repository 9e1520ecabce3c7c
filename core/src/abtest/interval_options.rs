//! Options of the interval functions ([`proportion_ci`](super::proportion_ci),
//! [`risk_ratio`](super::risk_ratio), [`odds_ratio`](super::odds_ratio)) as the faces take
//! them, with their defaults (statsmodels' methods at 95%); see [`contract`](crate::contract).

use serde::{Deserialize, Serialize};

use super::{OddsRatioInterval, ProportionInterval, RiskRatioInterval};

macro_rules! interval_options {
    ($(#[$doc:meta])* $name:ident, $method:ty, $default:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            /// The interval's method.
            pub method: $method,
            /// Confidence level (default 0.95).
            pub confidence: f64,
        }

        impl Default for $name {
            fn default() -> Self {
                Self {
                    method: $default,
                    confidence: 0.95,
                }
            }
        }
    };
}

interval_options!(
    /// Options of [`proportion_ci`](super::proportion_ci): Wilson's interval by default.
    ProportionCiOptions,
    ProportionInterval,
    ProportionInterval::Wilson
);
interval_options!(
    /// Options of [`risk_ratio`](super::risk_ratio): the adjusted log interval by default.
    RiskRatioOptions,
    RiskRatioInterval,
    RiskRatioInterval::LogAdjusted
);
interval_options!(
    /// Options of [`odds_ratio`](super::odds_ratio): the adjusted logit interval by default.
    OddsRatioOptions,
    OddsRatioInterval,
    OddsRatioInterval::LogitAdjusted
);
