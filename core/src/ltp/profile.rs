//! Layer 2 parameters: every weight and threshold of the KCU profile, with its default.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::LtpError;

/// Every parameter of the KCU scoring and the setup tracker. `Profile::default()` is a US
/// equity session in New York winter time on 1-minute bars; [`Profile::forex_hourly`] suits a
/// 24-hour market on hourly bars. Fields left out of a JSON/dict override keep their default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Profile {
    /// Length of the input bars in minutes (1).
    pub bar_minutes: u32,
    /// Local time minus UTC in minutes (−300, New York winter).
    pub utc_offset_minutes: i64,
    /// Premarket start, minutes after local midnight (240 = 04:00); equal to
    /// `session_start_minute` for no premarket.
    pub premarket_start_minute: i64,
    /// Regular session start (570 = 09:30).
    pub session_start_minute: i64,
    /// Regular session end (960 = 16:00).
    pub session_end_minute: i64,
    /// Opening range length in minutes (15); no setup forms before it is complete.
    pub opening_range_minutes: i64,
    /// No new setup forms at or after this local minute (930 = 15:30).
    pub last_setup_minute: i64,
    /// Setup (and patience candle) timeframe in minutes (5).
    pub setup_minutes: u32,
    /// Timeframes whose 8/21 EMA cloud votes on the trend, in minutes ([5, 15, 60]).
    pub trend_minutes: Vec<u32>,
    /// Weight of each level type (pdh/pdl 0.9, pdc 0.7, pmh/pml 0.8, orh/orl 0.85, vwap 1,
    /// hour_high/hour_low 0.6, custom 0.8 for user levels without their own entry).
    pub level_weights: BTreeMap<String, f64>,
    /// Proximity band θ = min(`proximity_pct` % of price, `proximity_atr` × ATR): 0.3 %.
    pub proximity_pct: f64,
    /// … and 0.25 ATR.
    pub proximity_atr: f64,
    /// ATR period on setup bars, Wilder's smoothing (14).
    pub atr_period: usize,
    /// Share of a level's weight lost at the band's edge (0.5): L = 100·w·(1 − share·d/θ).
    pub band_edge_loss: f64,
    /// A level approach re-arms once price is this many θ away again (2).
    pub approach_rearm_bands: f64,
    /// Bonus when VWAP and another level sit within θ of each other ("King & Queen"): 15.
    pub king_queen_bonus: f64,
    /// Bonus per further level stacked within θ of the best one: 5.
    pub stack_bonus: f64,
    /// Fast and slow EMA of the cloud (8, 21).
    pub ema_fast: usize,
    /// Slow EMA period.
    pub ema_slow: usize,
    /// Trend vote weights: each timeframe's EMA cloud (1 each), VWAP side, opening-range
    /// break, premarket break and swing structure.
    pub cloud_weight: f64,
    /// Weight of the close's side of VWAP (1).
    pub vwap_weight: f64,
    /// Weight of an opening-range break (1).
    pub orb_weight: f64,
    /// Weight of a premarket high/low break (0.5).
    pub premarket_weight: f64,
    /// Weight of swing structure confirmed on a break (1.5).
    pub structure_weight: f64,
    /// A swing high (low) is a setup candle's high (low) above (below) this many candles on
    /// each side (2).
    pub swing_strength: usize,
    /// A chop day scores no trend: at least `chop_crosses` VWAP crosses (4) …
    pub chop_crosses: usize,
    /// … in the last `chop_lookback` setup bars (12).
    pub chop_lookback: usize,
    /// A patience candle's body is at most this many ATRs (0.5) …
    pub patience_body_atr: f64,
    /// … and at most this multiple of the prior candle's body (1).
    pub patience_body_prior: f64,
    /// P points for inside the prior candle, small vs ATR, small vs the prior body (40, 30, 30).
    pub patience_points: [f64; 3],
    /// Price increment: entries and stops sit one tick beyond the patience candle (0.01).
    pub tick: f64,
    /// Weights of L, T and P in the score (0.35, 0.35, 0.30).
    pub score_weights: [f64; 3],
    /// Grade floors for A+, A, B, C, D (90, 80, 70, 60, 50); below is F.
    pub grade_floors: [f64; 5],
    /// Score at which a setup is forming (50) …
    pub forming_score: f64,
    /// … and ready, with a patience candle (70).
    pub ready_score: f64,
    /// Target when no level lies beyond the entry, in R (2).
    pub target_r: f64,
    /// Minimum reward, in R, for a level to serve as the target (1).
    pub min_target_r: f64,
    /// A ready setup expires after this many setup bars without a trigger (3).
    pub expire_bars: usize,
    /// A forming setup expires when price is farther than this many θ from its level (3).
    pub leave_level_bands: f64,
    /// Active setups expire when the regular session ends (true; false for 24-hour markets).
    pub expire_at_session_end: bool,
}

impl Default for Profile {
    fn default() -> Self {
        let level_weights = [
            ("pdh", 0.9),
            ("pdl", 0.9),
            ("pdc", 0.7),
            ("pmh", 0.8),
            ("pml", 0.8),
            ("orh", 0.85),
            ("orl", 0.85),
            ("vwap", 1.0),
            ("hour_high", 0.6),
            ("hour_low", 0.6),
            ("custom", 0.8),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        Profile {
            bar_minutes: 1,
            utc_offset_minutes: -300,
            premarket_start_minute: 240,
            session_start_minute: 570,
            session_end_minute: 960,
            opening_range_minutes: 15,
            last_setup_minute: 930,
            setup_minutes: 5,
            trend_minutes: vec![5, 15, 60],
            level_weights,
            proximity_pct: 0.3,
            proximity_atr: 0.25,
            atr_period: 14,
            band_edge_loss: 0.5,
            approach_rearm_bands: 2.0,
            king_queen_bonus: 15.0,
            stack_bonus: 5.0,
            ema_fast: 8,
            ema_slow: 21,
            cloud_weight: 1.0,
            vwap_weight: 1.0,
            orb_weight: 1.0,
            premarket_weight: 0.5,
            structure_weight: 1.5,
            swing_strength: 2,
            chop_crosses: 4,
            chop_lookback: 12,
            patience_body_atr: 0.5,
            patience_body_prior: 1.0,
            patience_points: [40.0, 30.0, 30.0],
            tick: 0.01,
            score_weights: [0.35, 0.35, 0.30],
            grade_floors: [90.0, 80.0, 70.0, 60.0, 50.0],
            forming_score: 50.0,
            ready_score: 70.0,
            target_r: 2.0,
            min_target_r: 1.0,
            expire_bars: 3,
            leave_level_bands: 3.0,
            expire_at_session_end: true,
        }
    }
}

impl Profile {
    /// A 24-hour market on hourly bars (UTC days, no premarket, the first hour as the opening
    /// range, setups on hourly bars, trend from the 1h, 4h and daily clouds, pip ticks).
    ///
    /// ```
    /// let p = edgekit::ltp::Profile::forex_hourly();
    /// assert_eq!((p.bar_minutes, p.setup_minutes), (60, 60));
    /// p.validate()?;
    /// # Ok::<(), edgekit::ltp::LtpError>(())
    /// ```
    pub fn forex_hourly() -> Self {
        Profile {
            bar_minutes: 60,
            utc_offset_minutes: 0,
            premarket_start_minute: 0,
            session_start_minute: 0,
            session_end_minute: 1440,
            opening_range_minutes: 60,
            last_setup_minute: 1440,
            setup_minutes: 60,
            trend_minutes: vec![60, 240, 1440],
            tick: 0.00001,
            expire_bars: 4,
            expire_at_session_end: false,
            ..Profile::default()
        }
    }

    /// Checks ranges and that every timeframe is a whole multiple of the input bars.
    pub fn validate(&self) -> Result<(), LtpError> {
        let bad = |argument: &str, value: f64, range: &'static str| {
            Err(LtpError::OutOfRange {
                argument: argument.to_owned(),
                value,
                range,
            })
        };
        let bar = self.bar_minutes;
        if bar == 0 || 1440 % bar != 0 {
            return bad("bar_minutes", f64::from(bar), "a divisor of 1440");
        }
        for (name, m) in std::iter::once(("setup_minutes", self.setup_minutes))
            .chain(self.trend_minutes.iter().map(|&m| ("trend_minutes", m)))
        {
            if m < bar || m % bar != 0 || 1440 % m != 0 {
                return bad(
                    name,
                    f64::from(m),
                    "a multiple of bar_minutes dividing the day",
                );
            }
        }
        let (pre, start, end) = (
            self.premarket_start_minute,
            self.session_start_minute,
            self.session_end_minute,
        );
        if !(0 <= pre && pre <= start && start < end && end <= 1440) {
            return bad(
                "session minutes",
                start as f64,
                "0 ≤ premarket_start ≤ session_start < session_end ≤ 1440",
            );
        }
        let positive = [
            ("proximity_pct", self.proximity_pct),
            ("proximity_atr", self.proximity_atr),
            ("tick", self.tick),
            ("target_r", self.target_r),
            ("leave_level_bands", self.leave_level_bands),
        ];
        for (name, v) in positive {
            if !(v.is_finite() && v > 0.0) {
                return bad(name, v, "finite and > 0");
            }
        }
        let non_negative = [
            ("king_queen_bonus", self.king_queen_bonus),
            ("stack_bonus", self.stack_bonus),
            ("cloud_weight", self.cloud_weight),
            ("vwap_weight", self.vwap_weight),
            ("orb_weight", self.orb_weight),
            ("premarket_weight", self.premarket_weight),
            ("structure_weight", self.structure_weight),
            ("patience_body_atr", self.patience_body_atr),
            ("patience_body_prior", self.patience_body_prior),
            ("min_target_r", self.min_target_r),
            ("band_edge_loss", self.band_edge_loss),
            ("approach_rearm_bands", self.approach_rearm_bands),
        ];
        for (name, v) in non_negative
            .into_iter()
            .chain(self.score_weights.iter().map(|&w| ("score_weights", w)))
            .chain(self.patience_points.iter().map(|&w| ("patience_points", w)))
            .chain(self.level_weights.values().map(|&w| ("level_weights", w)))
        {
            if !(v.is_finite() && v >= 0.0) {
                return bad(name, v, "finite and ≥ 0");
            }
        }
        for (name, v) in [
            ("atr_period", self.atr_period),
            ("ema_fast", self.ema_fast),
            ("ema_slow", self.ema_slow),
            ("chop_lookback", self.chop_lookback),
            ("swing_strength", self.swing_strength),
            ("expire_bars", self.expire_bars),
        ] {
            if v == 0 {
                return bad(name, 0.0, "≥ 1");
            }
        }
        if self.grade_floors.iter().any(|f| !f.is_finite())
            || self.grade_floors.windows(2).any(|w| w[0] < w[1])
        {
            return bad("grade_floors", self.grade_floors[0], "non-increasing");
        }
        Ok(())
    }

    /// The weight of a level type (`custom` for unknown types).
    pub fn level_weight(&self, kind: &str) -> f64 {
        self.level_weights
            .get(kind)
            .or_else(|| self.level_weights.get("custom"))
            .copied()
            .unwrap_or(0.8)
    }
}

/// A letter grade with A+ on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Grade {
    /// ≥ 90 by default.
    #[serde(rename = "A+")]
    APlus,
    /// ≥ 80.
    A,
    /// ≥ 70.
    B,
    /// ≥ 60.
    C,
    /// ≥ 50.
    D,
    /// Below.
    F,
}

impl Grade {
    /// The grade of `score` under the profile's floors.
    pub fn of(score: f64, floors: &[f64; 5]) -> Grade {
        const GRADES: [Grade; 5] = [Grade::APlus, Grade::A, Grade::B, Grade::C, Grade::D];
        GRADES
            .iter()
            .zip(floors)
            .find(|(_, floor)| score >= **floor)
            .map_or(Grade::F, |(g, _)| *g)
    }

    /// "A+", "A", ... "F".
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::APlus => "A+",
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
            Grade::F => "F",
        }
    }
}
