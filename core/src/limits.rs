//! The documented bounds on every count a caller hands in.
//!
//! A count (resamples, permutations, window, bins, lineups, simulations ...) decides how much
//! memory a call allocates and how long it runs. Every public function checks its counts here,
//! before it allocates or loops, so a typo like `n_resamples=10**12` is an immediate
//! [`LimitError`] naming the argument, the value and the limit, never an out-of-memory abort or
//! a call that runs for hours. The limits sit far above what any real analysis needs; each is a
//! `pub const` so a service can quote it in its own validation.
//!
//! ```
//! use edgekit::limits::{check_count, MAX_RESAMPLES};
//!
//! assert_eq!(check_count("n_resamples", 9_999, 1, MAX_RESAMPLES)?, 9_999);
//! let err = check_count("n_resamples", 10_u64.pow(12), 1, MAX_RESAMPLES).unwrap_err();
//! assert!(err.to_string().contains("n_resamples"));
//! # Ok::<(), edgekit::limits::LimitError>(())
//! ```

/// Bootstrap, permutation and Monte-Carlo resamples in one call.
pub const MAX_RESAMPLES: u64 = 10_000_000;
/// Resamples times values resampled: about a minute of work on two cores.
pub const MAX_RESAMPLE_WORK: u64 = 20_000_000_000;
/// Elements a sliding window, histogram or reservoir may hold (80 MB of `f64`).
pub const MAX_WINDOW: u64 = 10_000_000;
/// Values per side in a kernel test (MMD): its kernel matrix holds `(2 n)²` values, 288 MB at
/// 3,000.
pub const MAX_KERNEL_SAMPLES: u64 = 3_000;
/// Histogram bins or quantile cut points.
pub const MAX_BINS: u64 = 1_000_000;
/// Lineups, candidates or simulations asked of the lineup engine in one call.
pub const MAX_LINEUPS: u64 = 100_000;
/// Systems a game-log mining run tries (every AND of up to three filters of its search space).
pub const MAX_SYSTEMS: u64 = 2_000_000;
/// Terms of an exact sum whose length grows with the counts: the exact Beta-Binomial chance
/// to beat control sums `prior_alpha + conversions` terms (10^7 terms take about 4 s); past
/// it, use the seeded sampling method.
pub const MAX_EXACT_TERMS: u64 = 10_000_000;

/// A count outside its documented range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{argument} = {value} is outside [{min}, {max}]{why}")]
pub struct LimitError {
    /// The argument's name.
    pub argument: &'static str,
    /// What was given (as text: it may not fit the argument's type).
    pub value: String,
    /// The smallest accepted value.
    pub min: u64,
    /// The largest accepted value.
    pub max: u64,
    /// Extra context, e.g. which product exceeded the work bound.
    pub why: String,
}

impl LimitError {
    /// The error for `argument = value` outside `[min, max]`.
    pub fn new(argument: &'static str, value: impl ToString, min: u64, max: u64) -> Self {
        LimitError {
            argument,
            value: value.to_string(),
            min,
            max,
            why: String::new(),
        }
    }

    /// The same error with a reason appended (e.g. "n_resamples x len(a)").
    pub fn because(mut self, why: impl Into<String>) -> Self {
        self.why = format!(" ({})", why.into());
        self
    }
}

/// `value` as a `usize` when it lies in `[min, max]`, else a [`LimitError`].
pub fn check_count<T>(
    argument: &'static str,
    value: T,
    min: u64,
    max: u64,
) -> Result<usize, LimitError>
where
    T: TryInto<u64> + Copy + ToString,
{
    match value.try_into() {
        Ok(v) if (min..=max).contains(&v) => {
            usize::try_from(v).map_err(|_| LimitError::new(argument, value, min, max))
        }
        _ => Err(LimitError::new(argument, value, min, max)),
    }
}

/// Checks that `count x size` (work that grows with both) stays within `max`.
pub fn check_work(
    argument: &'static str,
    count: usize,
    size: usize,
    max: u64,
) -> Result<(), LimitError> {
    let work = (count as u128) * (size as u128);
    if work <= u128::from(max) {
        Ok(())
    } else {
        Err(
            LimitError::new(argument, count, 1, max / (size.max(1) as u64)).because(format!(
                "{count} x {size} values is {work} steps, over the bound of {max}"
            )),
        )
    }
}
