//! The `edgekit` Node addon: type conversion and error mapping only.
//! All logic lives in the `edgekit` crate.

// napi-derive leaves out its export registration under cfg(test), so `cargo clippy
// --all-targets` would see every export as dead; the real build uses them all.
#![cfg_attr(test, allow(dead_code))]

mod abtest;
mod boundary;
mod calibration;
mod convert;
mod drift;
mod errors;
mod games;
mod input;
mod lineup;
mod lineup_entries;
mod ltp;
mod ltp_batch;
mod ltp_chart;
mod ltp_fvg;
mod ltp_gamma;
mod ltp_swings;
mod monitoring;
mod monitoring_cbpe;
mod monitoring_dle;
mod monitoring_domain;
mod monitoring_mmd;
mod monitoring_multiclass;
mod monitoring_outputs;
mod monitoring_performance;
mod monitoring_stream;
mod monitoring_univariate;
mod patterns;
mod stats;
mod structure;
mod work;
