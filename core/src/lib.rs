//! # edgekit
//!
//! One pure-Rust analytics core for sports-prediction, fantasy-sports and trading-coach
//! products, with thin Python (pyo3) and Node (napi-rs) faces that give the same answers.
//!
//! Every engine lives in its own module folder and reports failures through its own
//! `thiserror` enum; [`Error`] wraps them all and gives each a stable [`ErrorCode`] that the
//! bindings map to Python exception classes and JavaScript `error.code` strings.
//!
//! | module | what it does |
//! | --- | --- |
//! | [`stats`] | shared numerics: one-pass summaries ([`stats::describe`]) and quantiles |
//! | `abtest` | A/B and model-vs-model statistics: proportions, means, SRM, corrections, power |
//! | `drift` | drift tests (scipy/Evidently parity), column reports, mergeable reference profiles, streaming detectors (River parity), change points (ruptures parity), performance monitoring |
//! | `patterns` | OHLC bars: TA-Lib's candlestick patterns bar for bar, SMA/EMA/ATR/RSI/extremes |
//! | `lineup` | daily-fantasy rosters as data and the sites' salary CSVs read into slates (optimizer in progress) |
//! | `ltp` | KCU Level-Trend-Patience setups: the dashboard's engine exactly, the KCU profile, a streaming tracker |
//!
//! ```
//! use edgekit::stats::{describe, DescribeOptions};
//!
//! let summary = describe(&[1.0, 2.0, 3.0, 4.0], &DescribeOptions::default())?;
//! assert_eq!(summary.count, 4);
//! assert_eq!(summary.mean, 2.5);
//! # Ok::<(), edgekit::Error>(())
//! ```

#[cfg(feature = "abtest")]
pub mod abtest;
pub mod contract;
#[cfg(feature = "drift")]
pub mod drift;
mod error;
pub mod limits;
#[cfg(feature = "lineup")]
pub mod lineup;
#[cfg(feature = "ltp")]
pub mod ltp;
#[cfg(feature = "patterns")]
pub mod patterns;
#[cfg(feature = "drift")]
mod serde_float;
pub mod state;
pub mod stats;

pub use error::{Error, ErrorCode};
