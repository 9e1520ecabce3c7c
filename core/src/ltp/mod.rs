//! KCU Level-Trend-Patience setups.
//!
//! Layer 1 ([`scores`](self) and the detector) reproduces the trading-coach dashboard's
//! TypeScript engine (`ltp-engine.ts`, `ltp-detector.ts` in n8kahl/kcu-coach-dashboard)
//! operation for operation, JavaScript rounding included, so the Node addon is a drop-in.
//! Bars are the pattern engine's validated [`Bars`](crate::patterns::Bars).
//!
//! LTP 2.0 (the dashboard's `ltp-gamma-engine.ts`: [`calculate_ltp2_score`]) adds dealers'
//! gamma walls and regime to an EMA-cloud and VWAP score, with hysteresis between grades.
//!
//! Layer 2 ([`Profile`], [`Evaluation`]) scores the KCU way on resampled candles: levels
//! (previous day, premarket, opening range, VWAP, last hour, user levels) within an ATR-scaled
//! band with stacking bonuses; trend from 8/21 EMA clouds on several timeframes, VWAP side,
//! opening-range and premarket breaks and swing structure confirmed on a break (chop days score
//! no trend); the patience candle (inside bar, small body against ATR and the prior body) with
//! entry and stop a tick beyond it; grades A+ to F with two-evaluation hysteresis.
//!
//! Layer 3 ([`Tracker`]) keeps that state per symbol, updated bar by bar, and emits each setup's
//! life as [`Event`]s (approach, forming, ready, triggered, stopped, target, expired with a
//! reason); its state saves to JSON or postcard bytes.

mod chart;
mod detector;
mod error;
mod evaluation;
mod explanation;
mod fvg;
mod gamma;
mod js;
mod lenient;
mod levels;
mod packed;
mod profile;
mod rolling;
mod scores;
mod state;
mod swing_points;
mod tracker;

pub use chart::{
    BarTrend, IdentifiedLevel, determine_trend, identify_key_levels, identify_patience_candles,
};
pub use detector::{
    DASHBOARD_TIMEFRAMES, DetectedSetup, SetupBatch, SetupStage, SymbolError, SymbolInput,
    TIMEFRAMES, analyze_symbol, analyze_symbols, analyze_symbols_each, analyze_timeframe,
    check_timeframe, key_levels,
};
pub use error::LtpError;
pub use evaluation::{Evaluation, LevelHit, LevelRead, PatienceRead, Plan, Vote, VoteSource};
pub use explanation::{
    ExplanationInputs, ExplanationReasons, LevelUsed, ScoreExplanation, generate_score_explanation,
};
pub use fvg::{
    Candle, CandleColumns, FVG_TIMEFRAMES, FairValueGap, FormationCandles, FvgAnalysis,
    FvgTimeframe, FvgsByTimeframe, GapContext, GapKind, GapStrength, GapSummary, TradingContext,
    Zone, analyze_fvgs, detect_fvgs, fvg_trading_context,
};
pub use gamma::{
    ChartData, CloudDirection, CloudEmas, CloudStrength, ComponentReason, GRADE_THRESHOLDS,
    GammaLevels, GammaWeights, GradeThresholds, HYSTERESIS_BUFFER, InsideCandle, Ltp2Breakdown,
    Ltp2Grade, Ltp2Inputs, Ltp2Score, Ltp2ScoreExplanation, MarketContext, PatienceFlag,
    ScoreBreakdown, ScoreHysteresisState, Stability, WEIGHTS, calculate_gamma_ema,
    calculate_ltp2_score, create_market_context, detect_inside_patience_candle,
    generate_ltp2_score_explanation,
};
pub use js::{js_iso_timestamp, js_number_string, js_to_fixed};
pub use lenient::{
    calculate_ema_js, calculate_trade_params_js, generate_coach_note_js, patience_points,
    score_trend_alignment_js,
};
pub use levels::{
    LevelFormula, LevelResult, PROXIMITY_THRESHOLD, best_level, score_level_proximity,
};
pub use packed::PackedSymbols;
pub use profile::{Grade, Profile};
pub use scores::{
    Direction, EmaPosition, KeyLevel, LtpScore, Momentum, MtfAnalysis, PATIENCE_MAX_CANDLE,
    PatienceResult, Structure, TradeParams, TrendState, calculate_ema, calculate_ltp_score,
    calculate_trade_params, calculate_vwap, default_trend_weights, detect_patience_candle,
    generate_coach_note, get_ltp_grade, js_round, score_patience_quality, score_trend_alignment,
};
pub use state::{Bar, Event, EventKind, ExpireReason, GradeHysteresis, NamedEvent};
pub use swing_points::{
    DEFAULT_SWING_CONFIG, MergedLevel, SWING_TIMEFRAME_CONFIGS, SwingKind, SwingPoint,
    SwingPointConfig, count_touches_at_level, detect_swing_points, merge_mtf_levels, nearby_levels,
    swing_config_for, swing_lookback_js,
};
pub use tracker::{Tracker, replay};
