//! TA-Lib's CandleSettings: what "long", "short", "doji", "near" mean, as averages of a
//! candle measure over the previous candles.

use serde::{Deserialize, Serialize};

use crate::patterns::PatternError;

/// The candle measure a setting averages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum RangeType {
    /// `|close − open|`.
    RealBody,
    /// `high − low`.
    HighLow,
    /// Upper plus lower shadow (the average is halved: one shadow's worth).
    Shadows,
}

/// One setting: `factor × mean(measure over the previous avg_period candles)`, or the
/// current candle's measure when `avg_period` is 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct CandleSetting {
    /// The measure.
    pub range_type: RangeType,
    /// Candles averaged (excluding the current one).
    pub avg_period: usize,
    /// Multiplier.
    pub factor: f64,
}

impl RangeType {
    /// `"real_body"`, `"high_low"` or `"shadows"`.
    pub fn as_str(self) -> &'static str {
        match self {
            RangeType::RealBody => "real_body",
            RangeType::HighLow => "high_low",
            RangeType::Shadows => "shadows",
        }
    }
}

const fn setting(range_type: RangeType, avg_period: usize, factor: f64) -> CandleSetting {
    CandleSetting {
        range_type,
        avg_period,
        factor,
    }
}

/// All settings, defaulting to TA-Lib's `TA_CandleDefaultSettings`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct CandleSettings {
    /// Real body is long when longer than the average of the 10 previous bodies.
    pub body_long: CandleSetting,
    /// Real body is very long when longer than 3 times that average.
    pub body_very_long: CandleSetting,
    /// Real body is short when shorter than the average of the 10 previous bodies.
    pub body_short: CandleSetting,
    /// Real body is doji-like when at most 10% of the average of the 10 previous ranges.
    pub body_doji: CandleSetting,
    /// A shadow is long when longer than the real body.
    pub shadow_long: CandleSetting,
    /// A shadow is very long when longer than twice the real body.
    pub shadow_very_long: CandleSetting,
    /// A shadow is short when shorter than half the average of the 10 previous shadow sums.
    pub shadow_short: CandleSetting,
    /// A shadow is very short when shorter than 10% of the average of the 10 previous ranges.
    pub shadow_very_short: CandleSetting,
    /// "Near": within 20% of the average of the 5 previous ranges.
    pub near: CandleSetting,
    /// "Far": beyond 60% of that average.
    pub far: CandleSetting,
    /// "Equal": within 5% of that average.
    pub equal: CandleSetting,
}

impl Default for CandleSettings {
    fn default() -> Self {
        use RangeType::*;
        CandleSettings {
            body_long: setting(RealBody, 10, 1.0),
            body_very_long: setting(RealBody, 10, 3.0),
            body_short: setting(RealBody, 10, 1.0),
            body_doji: setting(HighLow, 10, 0.1),
            shadow_long: setting(RealBody, 0, 1.0),
            shadow_very_long: setting(RealBody, 0, 2.0),
            shadow_short: setting(Shadows, 10, 1.0),
            shadow_very_short: setting(HighLow, 10, 0.1),
            near: setting(HighLow, 5, 0.2),
            far: setting(HighLow, 5, 0.6),
            equal: setting(HighLow, 5, 0.05),
        }
    }
}

/// The names [`CandleSettings::set`] accepts (TA-Lib's, in snake case).
pub const CANDLE_SETTING_NAMES: [&str; 11] = [
    "body_long",
    "body_very_long",
    "body_short",
    "body_doji",
    "shadow_long",
    "shadow_very_long",
    "shadow_short",
    "shadow_very_short",
    "near",
    "far",
    "equal",
];

impl CandleSettings {
    fn slot(&mut self, name: &str) -> Option<&mut CandleSetting> {
        Some(match name {
            "body_long" => &mut self.body_long,
            "body_very_long" => &mut self.body_very_long,
            "body_short" => &mut self.body_short,
            "body_doji" => &mut self.body_doji,
            "shadow_long" => &mut self.shadow_long,
            "shadow_very_long" => &mut self.shadow_very_long,
            "shadow_short" => &mut self.shadow_short,
            "shadow_very_short" => &mut self.shadow_very_short,
            "near" => &mut self.near,
            "far" => &mut self.far,
            "equal" => &mut self.equal,
            _ => return None,
        })
    }

    /// The setting called `name` (one of [`CANDLE_SETTING_NAMES`]).
    pub fn get(&self, name: &str) -> Option<CandleSetting> {
        let mut copy = *self;
        copy.slot(name).map(|s| *s)
    }

    /// Overrides parts of one setting (TA-Lib's `TA_SetCandleSettings`): `range_type`
    /// ("real_body", "high_low", "shadows"), `avg_period` and `factor`; `None` keeps the current
    /// value. Unknown names and negative or non-finite factors are refused.
    ///
    /// ```
    /// use edgekit::patterns::CandleSettings;
    /// let mut settings = CandleSettings::default();
    /// settings.set("body_doji", None, None, Some(0.05))?;
    /// assert_eq!(settings.body_doji.factor, 0.05);
    /// assert!(settings.set("body_tiny", None, None, Some(1.0)).is_err());
    /// # Ok::<(), edgekit::patterns::PatternError>(())
    /// ```
    pub fn set(
        &mut self,
        name: &str,
        range_type: Option<&str>,
        avg_period: Option<usize>,
        factor: Option<f64>,
    ) -> Result<(), PatternError> {
        let slot = self
            .slot(name)
            .ok_or_else(|| PatternError::UnknownSetting(name.to_string()))?;
        if let Some(range) = range_type {
            slot.range_type = match range {
                "real_body" => RangeType::RealBody,
                "high_low" => RangeType::HighLow,
                "shadows" => RangeType::Shadows,
                other => {
                    return Err(PatternError::UnknownSetting(format!(
                        "{name}.range_type = {other:?} (expected \"real_body\", \"high_low\" or \"shadows\")"
                    )));
                }
            };
        }
        if let Some(period) = avg_period {
            slot.avg_period = period;
        }
        if let Some(factor) = factor {
            if !(factor.is_finite() && factor >= 0.0) {
                return Err(PatternError::OutOfRange {
                    argument: "factor",
                    value: factor,
                    range: "finite and ≥ 0",
                });
            }
            slot.factor = factor;
        }
        Ok(())
    }
}

/// An override of one candle setting as the faces give it: any of its three parts.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CandleSettingOverride {
    /// The measure averaged.
    pub range_type: Option<RangeType>,
    /// Candles averaged.
    pub avg_period: Option<usize>,
    /// Multiplier.
    pub factor: Option<f64>,
}

/// Overrides by setting name (`{"body_doji": {"factor": 0.05}}`), as both faces take them.
pub type CandleSettingOverrides = std::collections::BTreeMap<String, CandleSettingOverride>;

impl CandleSettings {
    /// TA-Lib's defaults with `overrides` applied; unknown names and bad factors are refused.
    ///
    /// ```
    /// use edgekit::patterns::{CandleSettingOverride, CandleSettings};
    /// let doji = CandleSettingOverride { factor: Some(0.05), ..Default::default() };
    /// let s = CandleSettings::with_overrides(&[("body_doji".to_owned(), doji)].into())?;
    /// assert_eq!(s.body_doji.factor, 0.05);
    /// # Ok::<(), edgekit::patterns::PatternError>(())
    /// ```
    pub fn with_overrides(overrides: &CandleSettingOverrides) -> Result<Self, PatternError> {
        let mut out = CandleSettings::default();
        for (name, o) in overrides {
            out.set(
                name,
                o.range_type.map(RangeType::as_str),
                o.avg_period,
                o.factor,
            )?;
        }
        Ok(out)
    }
}
