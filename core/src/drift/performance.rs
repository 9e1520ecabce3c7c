//! Model-performance monitoring: metrics of (probability, label) pairs over a sliding window
//! (the last `n` pairs or the last `t` seconds), alerts when they cross thresholds, and a test
//! of the current window against a baseline window.
//!
//! Metrics: accuracy at 0.5, Brier score, log-loss (probabilities clipped to [1e-15, 1 − 1e-15]
//! as scikit-learn does), expected calibration error over equal-width bins, and ROC AUC (ties
//! count one half). The baseline comparison uses a two-proportion z test for accuracy, Welch's
//! t test on the per-pair losses for Brier and log-loss, and DeLong's variance (DeLong et al.
//! 1988) for the difference of two independent AUCs.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::DriftError;
use crate::abtest::{self, GroupSummary, MeansOptions};
use crate::stats::dist::norm_sf;

/// The window a [`PerformanceMonitor`] keeps.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "size")]
pub enum Window {
    /// The last `n` pairs.
    Count(usize),
    /// Pairs whose time is within `seconds` of the newest.
    Time(f64),
}

/// A metric the monitor tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Metric {
    /// Share of pairs with `(p ≥ 0.5) == label`.
    Accuracy,
    /// Mean squared error of the probability.
    Brier,
    /// Mean negative log-likelihood (`logLoss` as JavaScript spells it).
    #[serde(alias = "logloss", alias = "logLoss")]
    LogLoss,
    /// Expected calibration error.
    Ece,
    /// Area under the ROC curve.
    Auc,
}

impl Metric {
    /// Parses `"accuracy"`, `"brier"`, `"log_loss"`, `"ece"`, `"auc"`.
    pub fn parse(name: &str) -> Result<Self, DriftError> {
        super::by_serde_name(
            "metric",
            name,
            "\"accuracy\", \"brier\", \"log_loss\", \"ece\" or \"auc\"",
        )
    }

    fn higher_is_better(self) -> bool {
        matches!(self, Metric::Accuracy | Metric::Auc)
    }
}

/// An alert rule: warn or escalate when a metric is worse than a level.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// The metric.
    pub metric: Metric,
    /// "warning" when worse than this (below for accuracy/AUC, above for losses).
    pub warning: Option<f64>,
    /// "critical" when worse than this.
    pub critical: Option<f64>,
}

/// The level of [`PerformanceMonitor::compare`] when none is given.
pub const COMPARE_ALPHA: f64 = 0.05;

/// An alert raised by [`PerformanceMonitor::update`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct Alert {
    /// The metric.
    pub metric: Metric,
    /// Its value on the window.
    pub value: f64,
    /// The level crossed.
    pub threshold: f64,
    /// `"warning"` or `"critical"`.
    #[cfg_attr(feature = "typescript", ts(type = "'warning' | 'critical'"))]
    pub severity: String,
    /// Index of the pair that raised it.
    pub at: u64,
}

/// Metrics of one window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct WindowMetrics {
    /// Pairs in the window.
    pub count: usize,
    /// Accuracy at threshold 0.5.
    pub accuracy: f64,
    /// Brier score.
    pub brier: f64,
    /// Log-loss.
    pub log_loss: f64,
    /// Expected calibration error.
    pub ece: f64,
    /// ROC AUC (None when the window has a single class).
    pub auc: Option<f64>,
    /// Share of positive labels.
    pub positive_rate: f64,
}

/// A test of the current window against the baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct MetricComparison {
    /// The metric.
    pub metric: Metric,
    /// Baseline value.
    pub baseline: f64,
    /// Current value.
    pub current: f64,
    /// Test statistic (z or t).
    pub statistic: f64,
    /// Two-sided p-value.
    pub pvalue: f64,
    /// Whether the current window is significantly worse at `alpha`.
    pub degraded: bool,
}

/// Sliding-window performance monitor; serializable, so a service keeps it across restarts.
///
/// ```
/// use edgekit::drift::{Metric, PerformanceMonitor, Threshold, Window};
/// let mut monitor = PerformanceMonitor::new(Window::Count(100), 10, vec![
///     Threshold { metric: Metric::Accuracy, warning: Some(0.8), critical: Some(0.6) },
/// ])?;
/// let mut alerts = Vec::new();
/// for i in 0..300 {
///     let label = i % 2 == 0;
///     let good = if label { 0.9 } else { 0.1 };
///     let p = if i < 200 { good } else { 1.0 - good };
///     alerts.extend(monitor.update(p, label, None)?);
/// }
/// assert_eq!(alerts.iter().find(|a| a.severity == "critical").unwrap().metric, Metric::Accuracy);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PerformanceMonitor {
    window: Window,
    bins: usize,
    thresholds: Vec<Threshold>,
    pairs: VecDeque<(f64, f64, bool)>,
    baseline: Option<Vec<(f64, bool)>>,
    seen: u64,
    last_time: Option<f64>,
    /// Each rule's current level, so an alert fires when the level changes, not on every pair.
    levels: Vec<Option<String>>,
}

const CLIP: f64 = 1e-15;

impl PerformanceMonitor {
    /// A monitor over `window` with `bins` calibration bins and alert rules.
    pub fn new(
        window: Window,
        bins: usize,
        thresholds: Vec<Threshold>,
    ) -> Result<Self, DriftError> {
        match window {
            Window::Count(n) if n >= 1 => {}
            Window::Time(s) if s > 0.0 && s.is_finite() => {}
            Window::Count(n) => {
                return Err(DriftError::OutOfRange {
                    argument: "window",
                    value: n as f64,
                    range: "[1, ∞)",
                });
            }
            Window::Time(s) => {
                return Err(DriftError::OutOfRange {
                    argument: "window",
                    value: s,
                    range: "(0, ∞) seconds",
                });
            }
        }
        if bins == 0 {
            return Err(DriftError::OutOfRange {
                argument: "bins",
                value: 0.0,
                range: "[1, ∞)",
            });
        }
        let levels = vec![None; thresholds.len()];
        Ok(Self {
            window,
            bins,
            thresholds,
            pairs: VecDeque::new(),
            baseline: None,
            seen: 0,
            last_time: None,
            levels,
        })
    }

    /// Adds a batch of pairs in order and returns the alerts they raise. Labels are 0 or 1
    /// (as floats, the form every face receives them in). The whole batch is checked before
    /// any pair is added: on an error the monitor is unchanged.
    ///
    /// ```
    /// use edgekit::drift::{PerformanceMonitor, Window};
    ///
    /// let mut monitor = PerformanceMonitor::new(Window::Count(100), 10, Vec::new())?;
    /// monitor.update_many(&[0.9, 0.2, 0.7], &[1.0, 0.0, 1.0], None)?;
    /// assert!(monitor.update_many(&[0.5, 0.5], &[1.0, 2.0], None).is_err());
    /// assert_eq!(monitor.metrics().count, 3);
    /// # Ok::<(), edgekit::drift::DriftError>(())
    /// ```
    pub fn update_many(
        &mut self,
        probabilities: &[f64],
        labels: &[f64],
        times: Option<&[f64]>,
    ) -> Result<Vec<Alert>, DriftError> {
        let n = probabilities.len();
        let mismatch = |second: &'static str, second_len: usize| DriftError::LengthMismatch {
            first: "predictions",
            first_len: n,
            second,
            second_len,
        };
        if labels.len() != n {
            return Err(mismatch("labels", labels.len()));
        }
        if let Some(t) = times
            && t.len() != n
        {
            return Err(mismatch("times", t.len()));
        }
        if let Some(i) = labels.iter().position(|&y| y != 0.0 && y != 1.0) {
            return Err(DriftError::Undefined(format!(
                "labels[{i}] = {}: labels are 0 or 1",
                labels[i]
            )));
        }
        let mut last = self.last_time;
        for (i, &probability) in probabilities.iter().enumerate() {
            if let Some(t) = self.pair_time(probability, times.map(|t| t[i]), last, i)? {
                last = Some(t);
            }
        }
        let mut alerts = Vec::new();
        for i in 0..n {
            let time = times.map(|t| t[i]);
            alerts.extend(self.update(probabilities[i], labels[i] == 1.0, time)?);
        }
        Ok(alerts)
    }

    /// Checks one pair (`index` in its batch) after a pair filed at `last`; its time, if given.
    fn pair_time(
        &self,
        probability: f64,
        time: Option<f64>,
        last: Option<f64>,
        index: usize,
    ) -> Result<Option<f64>, DriftError> {
        if !(0.0..=1.0).contains(&probability) {
            return Err(DriftError::OutOfRange {
                argument: "prediction",
                value: probability,
                range: "[0, 1]",
            });
        }
        match (self.window, time) {
            (Window::Time(_), None) => Err(DriftError::Undefined(
                "a time window needs a time for every pair".into(),
            )),
            (_, Some(t)) if !t.is_finite() => Err(DriftError::NotFinite {
                argument: "time",
                index,
                value: t,
            }),
            (_, Some(t)) if last.is_some_and(|last| t < last) => Err(DriftError::Undefined(
                format!("time {t} is earlier than the previous pair's"),
            )),
            (_, t) => Ok(t),
        }
    }

    /// Adds a pair (probability of the positive class, label, optional time in seconds) and
    /// returns the alerts it raises: one when a rule's level changes to warning or critical
    /// (recovering to normal raises none; crossing again raises again).
    pub fn update(
        &mut self,
        probability: f64,
        label: bool,
        time: Option<f64>,
    ) -> Result<Vec<Alert>, DriftError> {
        let t = self
            .pair_time(probability, time, self.last_time, 0)?
            .unwrap_or(self.seen as f64);
        self.last_time = Some(t);
        self.pairs.push_back((t, probability, label));
        match self.window {
            Window::Count(n) => {
                while self.pairs.len() > n {
                    self.pairs.pop_front();
                }
            }
            Window::Time(seconds) => {
                while self
                    .pairs
                    .front()
                    .is_some_and(|&(old, _, _)| old < t - seconds)
                {
                    self.pairs.pop_front();
                }
            }
        }
        self.seen += 1;
        if self.thresholds.is_empty() {
            return Ok(Vec::new());
        }
        let full = match self.window {
            Window::Count(n) => self.pairs.len() == n,
            Window::Time(_) => true,
        };
        if !full {
            return Ok(Vec::new());
        }
        let metrics = self.metrics();
        let mut alerts = Vec::new();
        for (rule, state) in self.thresholds.iter().zip(self.levels.iter_mut()) {
            let Some(value) = metrics.value(rule.metric) else {
                continue;
            };
            let worse = |level: f64| {
                if rule.metric.higher_is_better() {
                    value < level
                } else {
                    value > level
                }
            };
            let crossed = match (rule.critical, rule.warning) {
                (Some(c), _) if worse(c) => Some(("critical", c)),
                (_, Some(w)) if worse(w) => Some(("warning", w)),
                _ => None,
            };
            let now = crossed.map(|(severity, _)| severity.to_string());
            if now != *state
                && let Some((severity, level)) = crossed
            {
                alerts.push(Alert {
                    metric: rule.metric,
                    value,
                    threshold: level,
                    severity: severity.into(),
                    at: self.seen - 1,
                });
            }
            *state = now;
        }
        Ok(alerts)
    }

    /// Metrics of the current window.
    pub fn metrics(&self) -> WindowMetrics {
        let pairs: Vec<(f64, bool)> = self.pairs.iter().map(|&(_, p, y)| (p, y)).collect();
        window_metrics(&pairs, self.bins)
    }

    /// Freezes the current window as the baseline for [`PerformanceMonitor::compare`].
    pub fn set_baseline(&mut self) {
        self.baseline = Some(self.pairs.iter().map(|&(_, p, y)| (p, y)).collect());
    }

    /// Tests the current window against the baseline, metric by metric, at level `alpha`
    /// ([`COMPARE_ALPHA`] when a face's caller gives none).
    pub fn compare(&self, alpha: f64) -> Result<Vec<MetricComparison>, DriftError> {
        let baseline = self
            .baseline
            .as_ref()
            .ok_or_else(|| DriftError::Undefined("no baseline: call set_baseline first".into()))?;
        let current: Vec<(f64, bool)> = self.pairs.iter().map(|&(_, p, y)| (p, y)).collect();
        compare_windows(baseline, &current, self.bins, alpha)
    }
}

impl WindowMetrics {
    /// The value of one metric.
    pub fn value(&self, metric: Metric) -> Option<f64> {
        match metric {
            Metric::Accuracy => Some(self.accuracy),
            Metric::Brier => Some(self.brier),
            Metric::LogLoss => Some(self.log_loss),
            Metric::Ece => Some(self.ece),
            Metric::Auc => self.auc,
        }
    }
}

fn log_loss_one(p: f64, y: bool) -> f64 {
    let p = p.clamp(CLIP, 1.0 - CLIP);
    -(if y { p.ln() } else { (1.0 - p).ln() })
}

fn window_metrics(pairs: &[(f64, bool)], bins: usize) -> WindowMetrics {
    let n = pairs.len();
    if n == 0 {
        return WindowMetrics {
            count: 0,
            accuracy: 0.0,
            brier: 0.0,
            log_loss: 0.0,
            ece: 0.0,
            auc: None,
            positive_rate: 0.0,
        };
    }
    let nf = n as f64;
    let accuracy = pairs.iter().filter(|&&(p, y)| (p >= 0.5) == y).count() as f64 / nf;
    let brier = pairs
        .iter()
        .map(|&(p, y)| (p - f64::from(u8::from(y))).powi(2))
        .sum::<f64>()
        / nf;
    let log_loss = pairs.iter().map(|&(p, y)| log_loss_one(p, y)).sum::<f64>() / nf;
    let (mut count, mut confidence, mut hits) =
        (vec![0usize; bins], vec![0.0; bins], vec![0.0; bins]);
    for &(p, y) in pairs {
        let bin = ((p * bins as f64) as usize).min(bins - 1);
        count[bin] += 1;
        confidence[bin] += p;
        hits[bin] += f64::from(u8::from(y));
    }
    let ece = (0..bins)
        .filter(|&b| count[b] > 0)
        .map(|b| (hits[b] - confidence[b]).abs())
        .sum::<f64>()
        / nf;
    let positive_rate = pairs.iter().filter(|p| p.1).count() as f64 / nf;
    WindowMetrics {
        count: n,
        accuracy,
        brier,
        log_loss,
        ece,
        auc: auc_with_variance(pairs).map(|(a, _)| a),
        positive_rate,
    }
}

/// AUC and its DeLong variance `var(V10)/m + var(V01)/n`.
fn auc_with_variance(pairs: &[(f64, bool)]) -> Option<(f64, f64)> {
    let mut positives: Vec<f64> = pairs.iter().filter(|p| p.1).map(|p| p.0).collect();
    let mut negatives: Vec<f64> = pairs.iter().filter(|p| !p.1).map(|p| p.0).collect();
    if positives.is_empty() || negatives.is_empty() {
        return None;
    }
    positives.sort_unstable_by(f64::total_cmp);
    negatives.sort_unstable_by(f64::total_cmp);
    // Placement values: for a score s, (count below + ½ count equal) in the other class.
    let placement = |sorted: &[f64], s: f64| -> f64 {
        let below = sorted.partition_point(|&v| v < s);
        let equal = sorted.partition_point(|&v| v <= s) - below;
        below as f64 + 0.5 * equal as f64
    };
    let (m, n) = (positives.len() as f64, negatives.len() as f64);
    let v10: Vec<f64> = positives
        .iter()
        .map(|&s| placement(&negatives, s) / n)
        .collect();
    let v01: Vec<f64> = negatives
        .iter()
        .map(|&s| 1.0 - placement(&positives, s) / m)
        .collect();
    let auc = v10.iter().sum::<f64>() / m;
    let variance = |v: &[f64]| -> f64 {
        if v.len() < 2 {
            return 0.0;
        }
        let mean = v.iter().sum::<f64>() / v.len() as f64;
        v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (v.len() - 1) as f64
    };
    Some((auc, variance(&v10) / m + variance(&v01) / n))
}

/// `difference / se`, where a difference without any variance is infinitely significant.
fn ratio(difference: f64, se: f64) -> f64 {
    if se > 0.0 {
        difference / se
    } else if difference == 0.0 {
        0.0
    } else {
        f64::INFINITY.copysign(difference)
    }
}

fn compare_windows(
    baseline: &[(f64, bool)],
    current: &[(f64, bool)],
    bins: usize,
    alpha: f64,
) -> Result<Vec<MetricComparison>, DriftError> {
    if baseline.len() < 2 || current.len() < 2 {
        return Err(DriftError::TooFew {
            argument: "pairs per window",
            needed: 2,
            got: baseline.len().min(current.len()),
        });
    }
    let (b, c) = (
        window_metrics(baseline, bins),
        window_metrics(current, bins),
    );
    let mut out = Vec::new();
    // Accuracy: pooled two-proportion z.
    let (n1, n2) = (baseline.len() as f64, current.len() as f64);
    let pooled = (b.accuracy * n1 + c.accuracy * n2) / (n1 + n2);
    let se = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    let z = if se > 0.0 {
        (c.accuracy - b.accuracy) / se
    } else {
        0.0
    };
    out.push(MetricComparison {
        metric: Metric::Accuracy,
        baseline: b.accuracy,
        current: c.accuracy,
        statistic: z,
        pvalue: 2.0 * norm_sf(z.abs()),
        degraded: z < 0.0 && 2.0 * norm_sf(z.abs()) < alpha,
    });
    // Losses: Welch's t on the per-pair losses.
    let losses = |pairs: &[(f64, bool)], f: &dyn Fn(f64, bool) -> f64| -> Vec<f64> {
        pairs.iter().map(|&(p, y)| f(p, y)).collect()
    };
    let brier_one = |p: f64, y: bool| (p - f64::from(u8::from(y))).powi(2);
    for (metric, f) in [
        (Metric::Brier, &brier_one as &dyn Fn(f64, bool) -> f64),
        (Metric::LogLoss, &log_loss_one),
    ] {
        let (lb, lc) = (losses(baseline, f), losses(current, f));
        let summary = |v: &[f64]| {
            let n = v.len() as f64;
            let mean = v.iter().sum::<f64>() / n;
            GroupSummary {
                n,
                mean,
                variance: v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0),
            }
        };
        let (sb, sc) = (summary(&lb), summary(&lc));
        let (statistic, pvalue) = if sb.variance + sc.variance > 0.0 {
            let r = abtest::t_test(&sb, &sc, &MeansOptions::default())
                .map_err(|e| DriftError::Undefined(e.to_string()))?;
            (r.statistic, r.pvalue)
        } else {
            let t = ratio(sc.mean - sb.mean, 0.0);
            (t, if t == 0.0 { 1.0 } else { 0.0 })
        };
        out.push(MetricComparison {
            metric,
            baseline: sb.mean,
            current: sc.mean,
            statistic,
            pvalue,
            degraded: statistic > 0.0 && pvalue < alpha,
        });
    }
    if let (Some((ab, vb)), Some((ac, vc))) =
        (auc_with_variance(baseline), auc_with_variance(current))
    {
        let se = (vb + vc).sqrt();
        let z = ratio(ac - ab, se);
        let p = 2.0 * norm_sf(z.abs());
        out.push(MetricComparison {
            metric: Metric::Auc,
            baseline: ab,
            current: ac,
            statistic: z,
            pvalue: p,
            degraded: z < 0.0 && p < alpha,
        });
    }
    Ok(out)
}
