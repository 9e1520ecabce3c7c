//! Histograms of gradient statistics per bin, and the best split of a leaf read off them:
//! thresholds for numbers (trying missing values on either side), one category against the
//! rest for features with few categories, and for more categories the categories sorted by
//! their mean gradient and cut, as LightGBM splits them.

use std::ops::{AddAssign, SubAssign};

use rayon::prelude::*;

use super::BoostingOptions;
use super::bins::Binned;

/// LightGBM's `max_cat_to_onehot`: up to this many categories, a split is one category
/// against the rest.
const MAX_CAT_TO_ONEHOT: usize = 4;
/// LightGBM's `max_cat_threshold`: the most categories one side of a sorted split takes.
const MAX_CAT_THRESHOLD: usize = 32;
/// LightGBM's `cat_smooth`: smooths each category's mean gradient, and a category with fewer
/// rows takes no part in a sorted split.
const CAT_SMOOTH: f64 = 10.0;
/// LightGBM's `cat_l2`: extra L2 regularization of sorted categorical splits.
const CAT_L2: f64 = 10.0;
/// LightGBM's `min_data_per_group`: rows each step of a sorted split must add.
const MIN_DATA_PER_GROUP: u32 = 100;

/// Sums of gradients, hessians and rows.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Stats {
    pub grad: f64,
    pub hess: f64,
    pub count: u32,
}

impl AddAssign for Stats {
    fn add_assign(&mut self, other: Stats) {
        self.grad += other.grad;
        self.hess += other.hess;
        self.count += other.count;
    }
}

impl SubAssign for Stats {
    fn sub_assign(&mut self, other: Stats) {
        self.grad -= other.grad;
        self.hess -= other.hess;
        self.count -= other.count;
    }
}

impl std::ops::Sub for Stats {
    type Output = Stats;
    fn sub(mut self, other: Stats) -> Stats {
        self -= other;
        self
    }
}

/// One leaf's statistics per feature and bin (the missing bin last).
pub(crate) type Histogram = Vec<Vec<Stats>>;

/// Work (rows × features) below which a histogram is built on one thread.
const PARALLEL_WORK: usize = 64 * 1024;

/// The histogram of the rows `rows` (ascending row indices).
pub(crate) fn histogram(data: &Binned, rows: &[u32], grad: &[f64], hess: &[f64]) -> Histogram {
    // Every row (the root): all reads are sequential. Otherwise the leaf's gradients are
    // gathered once, in leaf order, so that each feature's pass reads them sequentially
    // (LightGBM's ordered gradients) and only its own bin column by row.
    let all = rows.len() == data.rows;
    let ordered: Vec<(f64, f64)> = if all {
        Vec::new()
    } else {
        rows.iter()
            .map(|&r| (grad[r as usize], hess[r as usize]))
            .collect()
    };
    let build = |f: usize| {
        let column = &data.columns[f];
        let mut bins = vec![Stats::default(); data.bins[f].len() + 1];
        let mut add = |bin: u8, g: f64, h: f64| {
            let bin = &mut bins[usize::from(bin)];
            bin.grad += g;
            bin.hess += h;
            bin.count += 1;
        };
        if all {
            for ((&bin, &g), &h) in column.iter().zip(grad).zip(hess) {
                add(bin, g, h);
            }
        } else {
            for (&row, &(g, h)) in rows.iter().zip(&ordered) {
                add(column[row as usize], g, h);
            }
        }
        bins
    };
    let features = data.columns.len();
    if rows.len() * features >= PARALLEL_WORK {
        (0..features).into_par_iter().map(build).collect()
    } else {
        (0..features).map(build).collect()
    }
}

/// `parent − child`, in place in `parent`.
pub(crate) fn subtract(parent: &mut Histogram, child: &Histogram) {
    for (p, c) in parent.iter_mut().zip(child) {
        for (p, &c) in p.iter_mut().zip(c) {
            *p -= c;
        }
    }
}

/// How a split sends rows left.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Rule {
    /// Bins up to `bin` go left; the missing bin goes left when `missing_left`.
    Threshold { bin: usize, missing_left: bool },
    /// These bins go left; every other bin (unseen categories, missing values) goes right.
    Categories { bins: Vec<usize> },
}

impl Rule {
    /// Whether `bin` (of a feature with `missing` as its missing bin) goes left.
    pub fn goes_left(&self, bin: usize, missing: usize) -> bool {
        match self {
            Rule::Threshold {
                bin: cut,
                missing_left,
            } => {
                if bin == missing {
                    *missing_left
                } else {
                    bin <= *cut
                }
            }
            Rule::Categories { bins } => bins.contains(&bin),
        }
    }
}

/// The best split of a leaf.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Split {
    pub feature: usize,
    pub rule: Rule,
    pub gain: f64,
    pub left: Stats,
    pub right: Stats,
}

/// LightGBM's L1 soft threshold of a gradient sum.
fn shrink(grad: f64, alpha: f64) -> f64 {
    grad.signum() * (grad.abs() - alpha).max(0.0)
}

/// A leaf's score: how much it lowers the loss (up to a factor) with its best output.
fn leaf_gain(s: Stats, alpha: f64, lambda: f64) -> f64 {
    let g = shrink(s.grad, alpha);
    g * g / (s.hess + lambda)
}

/// The leaf's output (before the learning rate).
pub(crate) fn leaf_output(s: Stats, options: &BoostingOptions) -> f64 {
    let value = -shrink(s.grad, options.reg_alpha) / (s.hess + options.reg_lambda);
    if value.is_finite() { value } else { 0.0 }
}

/// Scores candidate splits of one leaf.
struct Scorer<'a> {
    options: &'a BoostingOptions,
    total: Stats,
    /// The gain a split must beat: the parent's own score plus `min_split_gain`.
    floor: f64,
}

impl Scorer<'_> {
    fn allowed(&self, side: Stats) -> bool {
        u64::from(side.count) >= self.options.min_child_samples
            && side.hess >= self.options.min_child_weight
    }

    /// The split's gain over the parent, if it is allowed and beats the floor.
    fn gain(&self, left: Stats, extra_lambda: f64) -> Option<f64> {
        let right = self.total - left;
        if !self.allowed(left) || !self.allowed(right) {
            return None;
        }
        let (alpha, lambda) = (
            self.options.reg_alpha,
            self.options.reg_lambda + extra_lambda,
        );
        let gain = leaf_gain(left, alpha, lambda) + leaf_gain(right, alpha, lambda);
        (gain > self.floor).then_some(gain)
    }
}

fn better(best: &mut Option<Split>, candidate: Split) {
    if best.as_ref().is_none_or(|b| candidate.gain > b.gain) {
        *best = Some(candidate);
    }
}

/// The best split over all features of a leaf with histogram `hist`, if any beats not
/// splitting.
pub(crate) fn best_split(
    data: &Binned,
    hist: &Histogram,
    total: Stats,
    options: &BoostingOptions,
) -> Option<Split> {
    let parent = leaf_gain(total, options.reg_alpha, options.reg_lambda);
    let scorer = Scorer {
        options,
        total,
        floor: parent + options.min_split_gain,
    };
    let mut best = None;
    for (feature, bins) in hist.iter().enumerate() {
        let candidate = if data.bins[feature].is_categorical() {
            categorical_split(feature, bins, &scorer)
        } else {
            numeric_split(feature, bins, &scorer)
        };
        if let Some(candidate) = candidate {
            better(&mut best, candidate);
        }
    }
    best.map(|mut split| {
        split.gain -= parent;
        split
    })
}

fn numeric_split(feature: usize, bins: &[Stats], scorer: &Scorer<'_>) -> Option<Split> {
    let (values, missing) = bins.split_at(bins.len() - 1);
    let missing = missing[0];
    let mut best = None;
    let sides: &[bool] = if missing.count > 0 {
        &[false, true]
    } else {
        &[false]
    };
    for &missing_left in sides {
        let mut left = if missing_left {
            missing
        } else {
            Stats::default()
        };
        for (bin, &stats) in values.iter().enumerate() {
            left += stats;
            if let Some(gain) = scorer.gain(left, 0.0) {
                better(
                    &mut best,
                    Split {
                        feature,
                        rule: Rule::Threshold { bin, missing_left },
                        gain,
                        left,
                        right: scorer.total - left,
                    },
                );
            }
        }
    }
    best
}

fn categorical_split(feature: usize, bins: &[Stats], scorer: &Scorer<'_>) -> Option<Split> {
    let values = &bins[..bins.len() - 1];
    let mut used: Vec<usize> = (0..values.len()).filter(|&b| values[b].count > 0).collect();
    let mut best = None;
    if used.len() <= MAX_CAT_TO_ONEHOT {
        // Most frequent first, as LightGBM orders category bins: of two equal splits (always
        // so with two categories) the frequent category is the one listed, so values unseen
        // in training go with the rarer ones.
        used.sort_by(|&a, &b| values[b].count.cmp(&values[a].count).then(a.cmp(&b)));
        for &bin in &used {
            let left = values[bin];
            if let Some(gain) = scorer.gain(left, 0.0) {
                better(
                    &mut best,
                    Split {
                        feature,
                        rule: Rule::Categories { bins: vec![bin] },
                        gain,
                        left,
                        right: scorer.total - left,
                    },
                );
            }
        }
        return best;
    }
    let mut sorted: Vec<usize> = used
        .into_iter()
        .filter(|&b| f64::from(values[b].count) >= CAT_SMOOTH)
        .collect();
    let smoothed = |b: usize| values[b].grad / (values[b].hess + CAT_SMOOTH);
    sorted.sort_by(|&a, &b| smoothed(a).total_cmp(&smoothed(b)).then(a.cmp(&b)));
    let most = MAX_CAT_THRESHOLD.min(sorted.len().div_ceil(2));
    // The best prefix of either end of the sorted categories: (gain, from the low end, length,
    // left, right). Its category list is built once, for the winner only.
    let mut winner: Option<(f64, bool, usize, Stats, Stats)> = None;
    for from_low in [true, false] {
        let mut left = Stats::default();
        let mut group = 0u32;
        for taken in 0..most {
            let bin = if from_low {
                sorted[taken]
            } else {
                sorted[sorted.len() - 1 - taken]
            };
            left += values[bin];
            group += values[bin].count;
            if group < MIN_DATA_PER_GROUP {
                continue;
            }
            let right = scorer.total - left;
            if right.count < MIN_DATA_PER_GROUP {
                break;
            }
            group = 0;
            if let Some(gain) = scorer.gain(left, CAT_L2)
                && winner.is_none_or(|w| gain > w.0)
            {
                winner = Some((gain, from_low, taken + 1, left, right));
            }
        }
    }
    winner.map(|(gain, from_low, length, left, right)| {
        let mut chosen: Vec<usize> = if from_low {
            sorted[..length].to_vec()
        } else {
            sorted[sorted.len() - length..].to_vec()
        };
        chosen.sort_unstable();
        Split {
            feature,
            rule: Rule::Categories { bins: chosen },
            gain,
            left,
            right,
        }
    })
}
