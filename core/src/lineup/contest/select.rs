//! Prizes won by a set of the user's entries, who compete with each other as well as with the
//! field: each simulation ranks the set's entries among themselves and against the field and
//! pays every entry by the prize table, ties split.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::payouts::ContestSpec;
use super::simulate::Records;

/// One entry's simulated results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct EntryStats {
    /// Mean prize won.
    pub expected_payout: f64,
    /// Standard error of that mean (Monte Carlo).
    pub payout_std_error: f64,
    /// `expected_payout / entry_fee − 1` (0 in a free contest).
    pub roi: f64,
    /// Share of simulations it wins a prize.
    pub cash_rate: f64,
    /// Share it finishes in the top 1 % of the contest.
    pub top1_rate: f64,
    /// Share it finishes first (alone or tied).
    pub win_rate: f64,
    /// Mean finishing place (1 = first).
    pub mean_finish: f64,
    /// 10th, 50th and 90th percentiles of the finishing place.
    pub finish_p10: f64,
    /// Median finishing place.
    pub finish_p50: f64,
    /// 90th percentile of the finishing place.
    pub finish_p90: f64,
    /// Mean simulated points.
    pub mean_score: f64,
    /// Standard deviation of the simulated points.
    pub std_score: f64,
}

/// The whole set of the user's entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct PortfolioStats {
    /// Entries.
    pub entries: usize,
    /// Entry fees paid.
    pub cost: f64,
    /// Mean prizes won by the set.
    pub expected_payout: f64,
    /// Mean prizes less the fees.
    pub expected_profit: f64,
    /// Standard error of the expected profit (Monte Carlo).
    pub profit_std_error: f64,
    /// `expected_profit / cost` (0 in a free contest).
    pub roi: f64,
    /// 10th percentile of the profit.
    pub profit_p10: f64,
    /// Median profit.
    pub profit_p50: f64,
    /// 90th percentile of the profit.
    pub profit_p90: f64,
    /// Share of simulations in which at least one entry cashes.
    pub cash_rate: f64,
    /// Share in which at least one entry finishes in the top 1 %.
    pub top1_rate: f64,
    /// Share in which an entry finishes first.
    pub win_rate: f64,
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1]
}

fn ratio(x: f64, cost: f64) -> f64 {
    if cost > 0.0 { x / cost } else { 0.0 }
}

/// Results of `members` (indices of tracked entries) entered together.
pub(crate) fn joint_stats(
    records: &Records,
    members: &[usize],
    contest: &ContestSpec,
) -> (Vec<EntryStats>, PortfolioStats) {
    let n = members.len();
    let sims = records.simulations;
    let top1 = (contest.field_size / 100).max(1) as u32;
    // Per block: per member [payout, payout², cash, top1, win, finish, score, score²], the
    // members' finishes, and per simulation [payout, cash, top1, win].
    type Block = (Vec<[f64; 8]>, Vec<u32>, Vec<[f64; 4]>);
    let blocks: Vec<Block> = (0..records.blocks())
        .into_par_iter()
        .map(|b| {
            let len = records.block_len(b);
            let mut sums = vec![[0.0; 8]; n];
            let mut finishes = vec![0u32; n * len];
            let mut per_sim = vec![[0.0; 4]; len];
            let mut order: Vec<(f32, u32, u16, usize)> = Vec::with_capacity(n);
            for k in 0..len {
                order.clear();
                for (m, &c) in members.iter().enumerate() {
                    let i = records.at(b, c) + k;
                    order.push((records.score[i], records.above[i], records.tied[i], m));
                }
                order.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.3.cmp(&y.3)));
                let mut start = 0;
                while start < n {
                    let mut end = start + 1;
                    while end < n && order[end].0 == order[start].0 {
                        end += 1;
                    }
                    for &(x, above, tied, m) in &order[start..end] {
                        let ahead = above as usize + start;
                        let level = tied as usize + (end - start - 1);
                        let prize = contest.prize_for(ahead, level);
                        let s = &mut sums[m];
                        s[0] += prize;
                        s[1] += prize * prize;
                        let cash = f64::from(u8::from(prize > 0.0));
                        let in_top = f64::from(u8::from((ahead as u32) < top1));
                        let won = f64::from(u8::from(ahead == 0));
                        s[2] += cash;
                        s[3] += in_top;
                        s[4] += won;
                        s[5] += (ahead + 1) as f64;
                        s[6] += f64::from(x);
                        s[7] += f64::from(x) * f64::from(x);
                        finishes[m * len + k] = (ahead + 1) as u32;
                        let p = &mut per_sim[k];
                        p[0] += prize;
                        p[1] = p[1].max(cash);
                        p[2] = p[2].max(in_top);
                        p[3] = p[3].max(won);
                    }
                    start = end;
                }
            }
            (sums, finishes, per_sim)
        })
        .collect();
    let mut sums = vec![[0.0; 8]; n];
    let mut per_sim: Vec<[f64; 4]> = Vec::with_capacity(sims);
    for (part, _, sim) in &blocks {
        for (total, s) in sums.iter_mut().zip(part) {
            for (t, v) in total.iter_mut().zip(s) {
                *t += v;
            }
        }
        per_sim.extend_from_slice(sim);
    }
    let fee = contest.entry_fee;
    let count = sims as f64;
    let entries = (0..n)
        .map(|m| {
            let s = &sums[m];
            let mut finish: Vec<f64> = Vec::with_capacity(sims);
            for (b, (_, f, _)) in blocks.iter().enumerate() {
                let len = records.block_len(b);
                finish.extend(f[m * len..(m + 1) * len].iter().map(|&v| f64::from(v)));
            }
            finish.sort_by(f64::total_cmp);
            let mean = s[0] / count;
            let var = (s[1] / count - mean * mean).max(0.0);
            let mean_score = s[6] / count;
            EntryStats {
                expected_payout: mean,
                payout_std_error: (var / count).sqrt(),
                roi: ratio(mean - fee, fee),
                cash_rate: s[2] / count,
                top1_rate: s[3] / count,
                win_rate: s[4] / count,
                mean_finish: s[5] / count,
                finish_p10: percentile(&finish, 0.1),
                finish_p50: percentile(&finish, 0.5),
                finish_p90: percentile(&finish, 0.9),
                mean_score,
                std_score: (s[7] / count - mean_score * mean_score).max(0.0).sqrt(),
            }
        })
        .collect();
    let cost = fee * n as f64;
    let mut profit: Vec<f64> = per_sim.iter().map(|p| p[0] - cost).collect();
    let mean = profit.iter().sum::<f64>() / count;
    let var = profit.iter().map(|p| (p - mean).powi(2)).sum::<f64>() / count;
    profit.sort_by(f64::total_cmp);
    let share = |k: usize| per_sim.iter().map(|p| p[k]).sum::<f64>() / count;
    let portfolio = PortfolioStats {
        entries: n,
        cost,
        expected_payout: mean + cost,
        expected_profit: mean,
        profit_std_error: (var / count).sqrt(),
        roi: ratio(mean, cost),
        profit_p10: percentile(&profit, 0.1),
        profit_p50: percentile(&profit, 0.5),
        profit_p90: percentile(&profit, 0.9),
        cash_rate: share(1),
        top1_rate: share(2),
        win_rate: share(3),
    };
    (entries, portfolio)
}
