//! `describe`: the summary of a sample, as `scipy.stats.describe` plus `numpy.quantile`.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::StatsError;
use super::moments::moments;
use super::quantile::{Sample, quantiles_unsorted, validate_probabilities};

/// What to do with NaN values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", try_from = "String")]
pub enum NanPolicy {
    /// Refuse the input, naming the first NaN's position (the default).
    #[default]
    Raise,
    /// Drop NaNs and summarise the rest (`count` is the number kept).
    Omit,
}

impl TryFrom<String> for NanPolicy {
    type Error = StatsError;

    fn try_from(name: String) -> Result<Self, Self::Error> {
        name.parse()
    }
}

impl FromStr for NanPolicy {
    type Err = StatsError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "raise" => Ok(NanPolicy::Raise),
            "omit" => Ok(NanPolicy::Omit),
            other => Err(StatsError::UnknownNanPolicy(other.to_owned())),
        }
    }
}

/// Options for [`describe`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DescribeOptions {
    /// Probabilities in `[0, 1]` at which to report quantiles (default 0.25, 0.5, 0.75).
    pub quantiles: Vec<f64>,
    /// What to do with NaN values (default [`NanPolicy::Raise`]).
    pub nan_policy: NanPolicy,
    /// `true` (the default, as scipy) reports the biased sample skewness `g1` and excess
    /// kurtosis `g2`; `false` reports the adjusted Fisher-Pearson `G1` and `G2`.
    pub bias: bool,
}

impl Default for DescribeOptions {
    fn default() -> Self {
        DescribeOptions {
            quantiles: vec![0.25, 0.5, 0.75],
            nan_policy: NanPolicy::Raise,
            bias: true,
        }
    }
}

/// One requested quantile.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct Quantile {
    /// The probability asked for.
    pub probability: f64,
    /// The quantile value (numpy's `"linear"` method).
    pub value: f64,
}

/// Summary of a sample.
///
/// Quantities that are undefined for the sample are `None` rather than NaN: the variance and
/// standard deviation of a single value, and the skewness and kurtosis of constant data (or of
/// too few values for the bias correction when `bias` is `false`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct Describe {
    /// Number of values summarised (NaNs excluded under [`NanPolicy::Omit`]).
    pub count: u64,
    /// Arithmetic mean.
    pub mean: f64,
    /// Sample variance with `ddof = 1`.
    pub variance: Option<f64>,
    /// Square root of `variance`.
    pub std: Option<f64>,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
    /// Sample skewness (see [`DescribeOptions::bias`]).
    pub skewness: Option<f64>,
    /// Excess (Fisher) kurtosis: 0 for a normal distribution. `None` when undefined, or when
    /// the fourth moment exceeds the range of `f64` (values beyond ~1e77 in magnitude).
    pub kurtosis: Option<f64>,
    /// The requested quantiles, in the order asked.
    pub quantiles: Vec<Quantile>,
}

/// Summarises `x`: count, mean, sample variance, std, min, max, skewness, excess
/// kurtosis and quantiles, matching `scipy.stats.describe` and `numpy.quantile`.
///
/// Moments take one pass over memory (parallel above 131,072 values, with the same result as
/// on one thread). Quantiles of large inputs take one more pass and no copy (sample brackets,
/// then a selection among the few values inside them); ask for none when moments suffice.
///
/// # Errors
/// [`StatsError`] when `x` is empty (or all NaN under `omit`), holds a NaN under `raise`,
/// holds an infinity, overflows `f64`, or a probability lies outside `[0, 1]`.
///
/// ```
/// use edgekit::stats::{describe, DescribeOptions, NanPolicy};
///
/// let options = DescribeOptions { nan_policy: NanPolicy::Omit, ..Default::default() };
/// let d = describe(&[2.0, f64::NAN, 4.0, 4.0, 5.0], &options)?;
/// assert_eq!(d.count, 4);
/// assert_eq!(d.mean, 3.75);
/// assert_eq!(d.variance, Some(19.0 / 12.0));
/// assert_eq!(d.quantiles[1].value, 4.0); // the median
/// # Ok::<(), edgekit::stats::StatsError>(())
/// ```
pub fn describe(x: &[f64], options: &DescribeOptions) -> Result<Describe, StatsError> {
    const ARGUMENT: &str = "x";
    validate_probabilities(&options.quantiles)?;
    if x.is_empty() {
        return Err(StatsError::Empty {
            argument: ARGUMENT,
            detail: "",
        });
    }
    let m = moments(x, options.nan_policy, ARGUMENT)?;
    if m.count == 0 {
        return Err(StatsError::Empty {
            argument: ARGUMENT,
            detail: " after omitting NaNs: every value is NaN",
        });
    }

    let n = m.count as f64;
    let variance = (m.count > 1).then(|| m.m2 / (n - 1.0));
    let constant = m.min == m.max;
    let (g1, g2) = if constant {
        (None, None)
    } else {
        let m2 = m.m2 / n;
        (
            Some((m.m3 / n) / (m2 * m2.sqrt())),
            Some((m.m4 / n) / (m2 * m2) - 3.0),
        )
    };
    let (skewness, kurtosis) = if options.bias {
        (g1, g2)
    } else {
        (
            g1.filter(|_| m.count > 2)
                .map(|g1| g1 * (n * (n - 1.0)).sqrt() / (n - 2.0)),
            g2.filter(|_| m.count > 3)
                .map(|g2| ((n + 1.0) * g2 + 6.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0))),
        )
    };

    // Fourth powers of values near 1e77 overflow f64 while the variance still fits: the shape
    // statistics are then reported as undefined (None), never as NaN or infinity.
    let (skewness, kurtosis) = (
        skewness.filter(|v| v.is_finite()),
        kurtosis.filter(|v| v.is_finite()),
    );

    let sample = Sample {
        values: x,
        count: m.count as usize,
        min: m.min,
        max: m.max,
    };
    let quantiles = quantiles_unsorted(sample, &options.quantiles)
        .into_iter()
        .zip(&options.quantiles)
        .map(|(value, &probability)| Quantile { probability, value })
        .collect();

    Ok(Describe {
        count: m.count,
        mean: m.mean,
        variance,
        std: variance.map(f64::sqrt),
        min: m.min,
        max: m.max,
        skewness,
        kurtosis,
        quantiles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_value_has_no_variance_or_shape() {
        let d = describe(&[7.0], &DescribeOptions::default()).unwrap();
        assert_eq!((d.count, d.mean, d.min, d.max), (1, 7.0, 7.0, 7.0));
        assert_eq!(
            (d.variance, d.std, d.skewness, d.kurtosis),
            (None, None, None, None)
        );
        assert!(d.quantiles.iter().all(|q| q.value == 7.0));
    }

    #[test]
    fn constant_data_has_zero_variance_and_no_shape() {
        let d = describe(&[2.5; 10], &DescribeOptions::default()).unwrap();
        assert_eq!(d.variance, Some(0.0));
        assert_eq!((d.skewness, d.kurtosis), (None, None));
    }

    #[test]
    fn errors_name_the_first_bad_position() {
        let opts = DescribeOptions::default();
        assert_eq!(
            describe(&[1.0, f64::NAN, f64::NAN], &opts),
            Err(StatsError::NaN {
                argument: "x",
                index: 1
            })
        );
        let omit = DescribeOptions {
            nan_policy: NanPolicy::Omit,
            ..opts.clone()
        };
        assert!(matches!(
            describe(&[1.0, f64::NAN, f64::NEG_INFINITY], &omit),
            Err(StatsError::Infinite { index: 2, .. })
        ));
        assert!(matches!(
            describe(&[f64::NAN, f64::NAN], &omit),
            Err(StatsError::Empty { .. })
        ));
        assert!(matches!(
            describe(&[], &opts),
            Err(StatsError::Empty { .. })
        ));
        let bad_q = DescribeOptions {
            quantiles: vec![0.5, 2.0],
            ..opts
        };
        assert!(matches!(
            describe(&[1.0], &bad_q),
            Err(StatsError::InvalidProbability { index: 1, .. })
        ));
    }

    #[test]
    fn nan_positions_are_found_beyond_the_first_block() {
        let mut xs = vec![1.0; 300_000];
        xs[250_001] = f64::NAN;
        let err = describe(&xs, &DescribeOptions::default()).unwrap_err();
        assert_eq!(
            err,
            StatsError::NaN {
                argument: "x",
                index: 250_001
            }
        );
    }

    #[test]
    fn shifting_data_moves_location_but_not_shape() {
        let xs: Vec<f64> = (0..5000).map(|i| ((i * 37) % 101) as f64).collect();
        let shifted: Vec<f64> = xs.iter().map(|x| x + 1e6).collect();
        let (a, b) = (
            describe(&xs, &DescribeOptions::default()).unwrap(),
            describe(&shifted, &DescribeOptions::default()).unwrap(),
        );
        assert!((b.mean - a.mean - 1e6).abs() < 1e-6);
        let rel = |x: f64, y: f64| (x - y).abs() / y.abs();
        assert!(rel(b.variance.unwrap(), a.variance.unwrap()) < 1e-9);
        assert!((b.skewness.unwrap() - a.skewness.unwrap()).abs() < 1e-7);
        assert!((b.kurtosis.unwrap() - a.kurtosis.unwrap()).abs() < 1e-7);
    }

    #[test]
    fn nan_policy_parses_from_strings() {
        assert_eq!("omit".parse::<NanPolicy>(), Ok(NanPolicy::Omit));
        assert!(matches!(
            "propagate".parse::<NanPolicy>(),
            Err(StatsError::UnknownNanPolicy(_))
        ));
    }
}
