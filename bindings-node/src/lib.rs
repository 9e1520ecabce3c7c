//! The `edgekit` Node addon: type conversion and error mapping only.
//! All logic lives in the `edgekit` crate.

mod errors;
mod input;
mod stats;
