//! Offline change points: PELT (Killick, Fearnhead & Eckley 2012) and binary segmentation
//! (Scott & Knott 1974) for changes in the mean (L2 cost) or in mean and variance (Gaussian
//! likelihood cost), with the same costs, pruning and tie-breaking as the `ruptures` package
//! (`Pelt`, `Binseg` with `jump = 1`); and the TCPD F1 and cover scores (van den Burg &
//! Williams 2020) to grade them against annotations.

mod metrics;

pub use metrics::{covering, f1_score};

use serde::{Deserialize, Serialize};

use super::DriftError;
use super::sample::check_finite;

/// What a segment's cost measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CostModel {
    /// Changes in the mean: `Σ (x − x̄)²` (ruptures `"l2"`).
    #[default]
    #[serde(alias = "l2")]
    Mean,
    /// Changes in mean and variance: `n · ln(σ̂² + 10⁻⁶)` (ruptures `"normal"`).
    #[serde(alias = "normal")]
    MeanVar,
}

impl CostModel {
    /// Parses `"mean"` (or `"l2"`) and `"meanvar"` (or `"normal"`).
    pub fn parse(name: &str) -> Result<Self, DriftError> {
        super::by_serde_name("model", name, "\"mean\" or \"meanvar\"")
    }
}

/// Options of [`pelt`] and [`binary_segmentation`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChangePointOptions {
    /// The cost (default: mean).
    pub model: CostModel,
    /// Penalty per change point, in cost units. Default (BIC-like): `2 ln(n) σ̂²` for the mean
    /// model, with σ̂ from the median absolute first difference (robust to the changes
    /// themselves); `3 ln(n)` for mean-and-variance.
    pub penalty: Option<f64>,
    /// Shortest segment (default 2).
    pub min_size: usize,
    /// Binary segmentation only: stop after this many change points.
    pub max_changes: Option<usize>,
}

/// The options of [`pelt`] (and of `patterns::regimes`) as the faces take them: those of
/// [`ChangePointOptions`] without `max_changes`, which only binary segmentation uses.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PeltOptions {
    /// The cost (default: mean).
    pub model: CostModel,
    /// Penalty per change point (default: BIC-like, see [`ChangePointOptions::penalty`]).
    pub penalty: Option<f64>,
    /// Shortest segment (default 2).
    pub min_size: usize,
}

impl Default for PeltOptions {
    fn default() -> Self {
        let all = ChangePointOptions::default();
        Self {
            model: all.model,
            penalty: all.penalty,
            min_size: all.min_size,
        }
    }
}

impl From<PeltOptions> for ChangePointOptions {
    fn from(o: PeltOptions) -> Self {
        ChangePointOptions {
            model: o.model,
            penalty: o.penalty,
            min_size: o.min_size,
            max_changes: None,
        }
    }
}

impl Default for ChangePointOptions {
    fn default() -> Self {
        Self {
            model: CostModel::Mean,
            penalty: None,
            min_size: 2,
            max_changes: None,
        }
    }
}

/// Segment costs in O(1) from prefix sums of the centred series.
struct Costs {
    model: CostModel,
    sum: Vec<f64>,
    squares: Vec<f64>,
}

impl Costs {
    fn new(x: &[f64], model: CostModel) -> Self {
        let mean = x.iter().sum::<f64>() / x.len() as f64;
        let (mut sum, mut squares) = (vec![0.0; x.len() + 1], vec![0.0; x.len() + 1]);
        for (i, &v) in x.iter().enumerate() {
            let c = v - mean;
            sum[i + 1] = sum[i] + c;
            squares[i + 1] = squares[i] + c * c;
        }
        Self {
            model,
            sum,
            squares,
        }
    }

    fn cost(&self, start: usize, end: usize) -> f64 {
        let n = (end - start) as f64;
        let s = self.sum[end] - self.sum[start];
        let scatter = (self.squares[end] - self.squares[start] - s * s / n).max(0.0);
        match self.model {
            CostModel::Mean => scatter,
            CostModel::MeanVar => n * (scatter / n + 1e-6).ln(),
        }
    }
}

fn prepare(x: &[f64], options: &ChangePointOptions) -> Result<(Costs, f64), DriftError> {
    check_finite(x, "x")?;
    if options.min_size < 1 {
        return Err(DriftError::OutOfRange {
            argument: "min_size",
            value: 0.0,
            range: "[1, ∞)",
        });
    }
    if x.len() < options.min_size {
        return Err(DriftError::TooFew {
            argument: "x",
            needed: options.min_size,
            got: x.len(),
        });
    }
    let penalty = match options.penalty {
        Some(p) if p.is_finite() && p >= 0.0 => p,
        Some(p) => {
            return Err(DriftError::OutOfRange {
                argument: "penalty",
                value: p,
                range: "[0, ∞)",
            });
        }
        None => default_penalty(x, options.model),
    };
    Ok((Costs::new(x, options.model), penalty))
}

/// The default penalty described on [`ChangePointOptions::penalty`].
pub fn default_penalty(x: &[f64], model: CostModel) -> f64 {
    let n = x.len().max(2) as f64;
    match model {
        CostModel::MeanVar => 3.0 * n.ln(),
        CostModel::Mean => {
            let mut diffs: Vec<f64> = x.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
            let sigma = if diffs.is_empty() {
                0.0
            } else {
                let mid = diffs.len() / 2;
                let (_, median, _) = diffs.select_nth_unstable_by(mid, f64::total_cmp);
                *median / (std::f64::consts::SQRT_2 * 0.674_489_750_196_081_7)
            };
            2.0 * n.ln() * sigma * sigma
        }
    }
}

/// PELT: the exact minimiser of `Σ cost(segment) + penalty · (#changes)`, pruned.
/// Returns the change points: the first index of each new segment.
///
/// ```
/// use edgekit::drift::{pelt, ChangePointOptions};
/// let x: Vec<f64> = (0..60).map(|i| if i < 25 { 0.0 } else { 5.0 } + (i % 3) as f64 * 0.1).collect();
/// assert_eq!(pelt(&x, &ChangePointOptions::default())?, vec![25]);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn pelt(x: &[f64], options: &ChangePointOptions) -> Result<Vec<usize>, DriftError> {
    let (costs, penalty) = prepare(x, options)?;
    let n = x.len();
    let min = options.min_size;
    // best[t]: optimal penalised cost of x[..t]; last[t]: start of its final segment.
    let mut best = vec![f64::INFINITY; n + 1];
    let mut last = vec![usize::MAX; n + 1];
    best[0] = 0.0;
    let mut admissible: Vec<usize> = Vec::new();
    let ends: Vec<usize> = (min..n).chain(std::iter::once(n)).collect();
    for &end in &ends {
        admissible.push(end - min);
        let mut candidates: Vec<(usize, f64)> = Vec::with_capacity(admissible.len());
        for &t in &admissible {
            if best[t].is_finite() && end - t >= min {
                candidates.push((t, best[t] + costs.cost(t, end) + penalty));
            }
        }
        if let Some(&(t, value)) = candidates.iter().min_by(|a, b| a.1.total_cmp(&b.1)) {
            best[end] = value;
            last[end] = t;
        }
        admissible = candidates
            .iter()
            .filter(|(_, v)| *v <= best[end] + penalty)
            .map(|(t, _)| *t)
            .collect();
    }
    let mut changes = Vec::new();
    let mut end = n;
    while end > 0 && last[end] != usize::MAX {
        let start = last[end];
        if start > 0 {
            changes.push(start);
        }
        end = start;
    }
    changes.reverse();
    Ok(changes)
}

/// Binary segmentation: repeatedly split the segment whose best split gains most, while the
/// gain exceeds the penalty (or until `max_changes`).
///
/// ```
/// use edgekit::drift::{binary_segmentation, ChangePointOptions};
/// let x: Vec<f64> = (0..90).map(|i| [0.0, 4.0, 1.0][i / 30] + (i % 4) as f64 * 0.1).collect();
/// assert_eq!(binary_segmentation(&x, &ChangePointOptions::default())?, vec![30, 60]);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn binary_segmentation(
    x: &[f64],
    options: &ChangePointOptions,
) -> Result<Vec<usize>, DriftError> {
    let (costs, penalty) = prepare(x, options)?;
    let n = x.len();
    let min = options.min_size;
    let mut bounds = vec![n];
    loop {
        let mut best: Option<(f64, usize)> = None;
        let mut start = 0;
        for &end in &bounds {
            let whole = costs.cost(start, end);
            for split in start..end {
                if split - start >= min && end - split >= min {
                    let gain = whole - costs.cost(start, split) - costs.cost(split, end);
                    // ruptures keeps the largest (gain, split) pair.
                    if best.is_none_or(|(g, s)| (gain, split) > (g, s)) {
                        best = Some((gain, split));
                    }
                }
            }
            start = end;
        }
        let Some((gain, split)) = best else { break };
        let more = match options.max_changes {
            Some(k) => bounds.len() - 1 < k,
            None => gain > penalty,
        };
        if !more {
            break;
        }
        bounds.push(split);
        bounds.sort_unstable();
    }
    bounds.pop();
    Ok(bounds)
}
