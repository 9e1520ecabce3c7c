//! One regression tree grown leaf-wise (best-first, LightGBM's growth): the leaf whose best
//! split lowers the loss most is split next, until `num_leaves` leaves or no split pays.
//! A child's histogram is built from its rows only when it is the smaller child; the larger
//! one's is the parent's minus it.

use serde::{Deserialize, Serialize};

use super::BoostingOptions;
use super::bins::{Binned, FeatureBins};
use super::split::{Histogram, Rule, Split, Stats, best_split, histogram, leaf_output, subtract};

/// A node of a fitted tree, in raw-value terms so prediction needs no binning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Node {
    /// `value ≤ threshold` goes to `left`; a missing value goes left when `missing_left`.
    Below {
        feature: u32,
        #[serde(with = "crate::serde_float")]
        threshold: f64,
        missing_left: bool,
        left: u32,
        right: u32,
    },
    /// Category codes in `codes` (ascending) go left; any other value goes right.
    In {
        feature: u32,
        codes: Vec<u32>,
        left: u32,
        right: u32,
    },
    Leaf {
        value: f64,
    },
}

/// A fitted tree: node 0 is the root.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
}

impl Tree {
    /// The leaf value for the row whose feature `f` is `value(f)`.
    pub fn predict(&self, value: impl Fn(usize) -> f64) -> f64 {
        let mut at = 0usize;
        loop {
            match &self.nodes[at] {
                Node::Leaf { value } => return *value,
                Node::Below {
                    feature,
                    threshold,
                    missing_left,
                    left,
                    right,
                } => {
                    let x = value(*feature as usize);
                    let go_left = if x.is_nan() {
                        *missing_left
                    } else {
                        x <= *threshold
                    };
                    at = if go_left { *left } else { *right } as usize;
                }
                Node::In {
                    feature,
                    codes,
                    left,
                    right,
                } => {
                    let x = value(*feature as usize);
                    let inside = super::bins::category_code(x)
                        .is_some_and(|code| codes.binary_search(&code).is_ok());
                    at = if inside { *left } else { *right } as usize;
                }
            }
        }
    }

    pub fn is_stump(&self) -> bool {
        self.nodes.len() == 1
    }
}

/// A leaf while the tree grows: its rows are `order[start..start + len]`.
struct Growing {
    node: usize,
    start: usize,
    len: usize,
    depth: u32,
    total: Stats,
    hist: Histogram,
    best: Option<Split>,
}

/// A fitted tree and, per leaf, the training rows it holds (to update their scores without
/// walking the tree).
pub(crate) struct Grown {
    pub tree: Tree,
    pub leaves: Vec<(Vec<u32>, f64)>,
}

fn raw_node(bins: &FeatureBins, split: &Split, left: u32, right: u32) -> Node {
    let feature = split.feature as u32;
    match &split.rule {
        Rule::Threshold { bin, missing_left } => {
            let threshold = bins.upper(*bin);
            // Where training saw no missing value, a missing one is read as 0.
            let missing_left = if bins.missing_as_zero() {
                0.0 <= threshold
            } else {
                *missing_left
            };
            Node::Below {
                feature,
                threshold,
                missing_left,
                left,
                right,
            }
        }
        Rule::Categories { bins: chosen } => Node::In {
            feature,
            codes: chosen.iter().map(|&b| bins.code(b)).collect(),
            left,
            right,
        },
    }
}

/// Grows one tree on the gradients `grad` and hessians `hess` of every training row.
pub(crate) fn grow(
    data: &Binned,
    grad: &[f64],
    hess: &[f64],
    options: &BoostingOptions,
    order: &mut Vec<u32>,
    scratch: &mut Vec<u32>,
) -> Grown {
    order.clear();
    order.extend(0..data.rows as u32);
    let hist = histogram(data, order, grad, hess);
    let total = hist
        .first()
        .map(|bins| {
            bins.iter().fold(Stats::default(), |mut acc, &s| {
                acc += s;
                acc
            })
        })
        .unwrap_or_default();
    let depth_limit = u32::try_from(options.max_depth)
        .ok()
        .filter(|&d| d > 0)
        .unwrap_or(u32::MAX);
    let best = best_split(data, &hist, total, options);
    let mut nodes = vec![Node::Leaf { value: 0.0 }];
    let mut leaves = vec![Growing {
        node: 0,
        start: 0,
        len: data.rows,
        depth: 0,
        total,
        hist,
        best,
    }];
    let max_leaves = options.num_leaves as usize;
    while leaves.len() < max_leaves {
        let pick = leaves
            .iter()
            .enumerate()
            .filter(|(_, leaf)| leaf.depth < depth_limit)
            .filter_map(|(i, leaf)| leaf.best.as_ref().map(|s| (i, s.gain)))
            .fold(None::<(usize, f64)>, |acc, (i, gain)| match acc {
                Some((_, g)) if g >= gain => acc,
                _ => Some((i, gain)),
            });
        let Some((index, _)) = pick else { break };
        let leaf = leaves.swap_remove(index);
        let split = leaf.best.expect("picked leaves have a split");
        let missing_bin = data.bins[split.feature].len();
        let column = &data.columns[split.feature];
        // Stable partition keeps each side's rows ascending (cache-friendly histograms).
        let rows = &mut order[leaf.start..leaf.start + leaf.len];
        scratch.clear();
        let mut kept = 0;
        for i in 0..rows.len() {
            let row = rows[i];
            if split
                .rule
                .goes_left(usize::from(column[row as usize]), missing_bin)
            {
                rows[kept] = row;
                kept += 1;
            } else {
                scratch.push(row);
            }
        }
        rows[kept..].copy_from_slice(scratch);
        let (left_node, right_node) = (nodes.len(), nodes.len() + 1);
        nodes[leaf.node] = raw_node(
            &data.bins[split.feature],
            &split,
            left_node as u32,
            right_node as u32,
        );
        nodes.push(Node::Leaf { value: 0.0 });
        nodes.push(Node::Leaf { value: 0.0 });
        let (left_len, right_len) = (kept, leaf.len - kept);
        let left_small = left_len <= right_len;
        let small_range = if left_small {
            leaf.start..leaf.start + left_len
        } else {
            leaf.start + left_len..leaf.start + leaf.len
        };
        let small_hist = histogram(data, &order[small_range], grad, hess);
        let mut large_hist = leaf.hist;
        subtract(&mut large_hist, &small_hist);
        let (left_hist, right_hist) = if left_small {
            (small_hist, large_hist)
        } else {
            (large_hist, small_hist)
        };
        let depth = leaf.depth + 1;
        for (node, start, len, total, hist) in [
            (left_node, leaf.start, left_len, split.left, left_hist),
            (
                right_node,
                leaf.start + left_len,
                right_len,
                split.right,
                right_hist,
            ),
        ] {
            let best = best_split(data, &hist, total, options);
            leaves.push(Growing {
                node,
                start,
                len,
                depth,
                total,
                hist,
                best,
            });
        }
    }
    let rate = options.learning_rate;
    let leaves = leaves
        .into_iter()
        .map(|leaf| {
            let value = leaf_output(leaf.total, options) * rate;
            nodes[leaf.node] = Node::Leaf { value };
            (order[leaf.start..leaf.start + leaf.len].to_vec(), value)
        })
        .collect();
    Grown {
        tree: Tree { nodes },
        leaves,
    }
}
