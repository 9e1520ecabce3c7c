//! Situational systems: an AND of filters on a team's row and its opponent's, evaluated as a
//! betting record with honest significance (Wilson interval; exact binomial p-value against
//! the break-even rate the odds imply, 52.38% at −110, not 50%).

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::rows::{Outcome, TeamRow};
use crate::patterns::PatternError;
use crate::stats::dist::norm_ppf;

/// A field value.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Number(f64),
    Bool(bool),
    Text(String),
}

fn outcome_text(o: Option<Outcome>) -> Option<Value> {
    o.map(|o| {
        Value::Text(
            match o {
                Outcome::Win => "win",
                Outcome::Loss => "loss",
                Outcome::Push => "push",
            }
            .to_owned(),
        )
    })
}

/// The fields a filter can name.
pub const FIELDS: &[&str] = &[
    "season",
    "week",
    "playoff",
    "site",
    "home",
    "away",
    "favorite",
    "underdog",
    "line",
    "total",
    "rest_days",
    "prev_su",
    "prev_ats",
    "prev_margin",
    "su_streak",
    "ats_streak",
    "ou_streak",
    "games_played",
    "points_for_avg",
    "points_against_avg",
    "division_game",
    "conference_game",
];

fn field(row: &TeamRow, name: &str) -> Option<Value> {
    let n = |v: f64| Some(Value::Number(v));
    match name {
        "season" => n(f64::from(row.season)),
        "week" => row.week.map(Value::Number),
        "playoff" => Some(Value::Bool(row.playoff)),
        "site" => Some(Value::Text(row.site.to_owned())),
        "home" => Some(Value::Bool(row.site == "home")),
        "away" => Some(Value::Bool(row.site == "away")),
        "favorite" => Some(Value::Bool(row.favorite)),
        "underdog" => Some(Value::Bool(row.underdog)),
        "line" => row.line.map(Value::Number),
        "total" => row.total.map(Value::Number),
        "rest_days" => row.rest_days.map(Value::Number),
        "prev_su" => outcome_text(row.prev_su),
        "prev_ats" => outcome_text(row.prev_ats),
        "prev_margin" => row.prev_margin.map(Value::Number),
        "su_streak" => n(f64::from(row.su_streak)),
        "ats_streak" => n(f64::from(row.ats_streak)),
        "ou_streak" => n(f64::from(row.ou_streak)),
        "games_played" => n(f64::from(row.games_played)),
        "points_for_avg" => row.points_for_avg.map(Value::Number),
        "points_against_avg" => row.points_against_avg.map(Value::Number),
        "division_game" => Some(Value::Bool(row.division_game)),
        "conference_game" => Some(Value::Bool(row.conference_game)),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// One condition: `[opp.]field [op value]`, e.g. `site == away`, `favorite`,
/// `rest_days >= 10`, `opp.prev_su == loss`. A bare field means `== true`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    /// The text it was parsed from.
    pub text: String,
    opponent: bool,
    field: String,
    op: Op,
    number: Option<f64>,
    word: Option<String>,
}

impl FromStr for Filter {
    type Err = PatternError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = |reason: String| PatternError::InvalidFilter {
            filter: text.to_owned(),
            reason,
        };
        let parts: Vec<&str> = text.split_whitespace().collect();
        let (subject, op, value) = match parts.as_slice() {
            [subject] => (*subject, Op::Eq, "true"),
            [subject, op, value] => {
                let op = match *op {
                    "==" | "=" => Op::Eq,
                    "!=" => Op::Ne,
                    "<" => Op::Lt,
                    "<=" => Op::Le,
                    ">" => Op::Gt,
                    ">=" => Op::Ge,
                    other => {
                        return Err(bad(format!(
                            "operator {other:?} is not one of == != < <= > >="
                        )));
                    }
                };
                (*subject, op, *value)
            }
            _ => return Err(bad("expected `field`, or `field op value`".to_owned())),
        };
        let (opponent, name) = match subject.strip_prefix("opp.") {
            Some(rest) => (true, rest),
            None => (false, subject),
        };
        if !FIELDS.contains(&name) {
            return Err(bad(format!(
                "unknown field {name:?}; fields: {}",
                FIELDS.join(", ")
            )));
        }
        let number = value.parse::<f64>().ok().filter(|v| v.is_finite());
        let word = match (number, value) {
            (Some(_), _) => None,
            (None, v) => Some(v.to_ascii_lowercase()),
        };
        if number.is_none() && !matches!(op, Op::Eq | Op::Ne) {
            return Err(bad(format!(
                "{value:?} is not a number, so only == and != apply"
            )));
        }
        Ok(Filter {
            text: text.to_owned(),
            opponent,
            field: name.to_owned(),
            op,
            number,
            word,
        })
    }
}

impl Filter {
    /// Whether the row (with its opponent's row) passes; a missing value never passes.
    pub fn passes(&self, row: &TeamRow, opponent: &TeamRow) -> bool {
        let subject = if self.opponent { opponent } else { row };
        let Some(value) = field(subject, &self.field) else {
            return false;
        };
        let ordered = |a: f64, b: f64| match self.op {
            Op::Eq => a == b,
            Op::Ne => a != b,
            Op::Lt => a < b,
            Op::Le => a <= b,
            Op::Gt => a > b,
            Op::Ge => a >= b,
        };
        match (value, self.number, self.word.as_deref()) {
            (Value::Number(v), Some(x), _) => ordered(v, x),
            (Value::Bool(b), _, Some(w @ ("true" | "false"))) => {
                (b == (w == "true")) == (self.op == Op::Eq)
            }
            (Value::Text(t), _, Some(w)) => (t == w) == (self.op == Op::Eq),
            _ => false,
        }
    }
}

/// A market to grade a system on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Market {
    /// Straight up (break-even 50%).
    Su,
    /// Against the spread (the default).
    #[default]
    Ats,
    /// Over/under (betting the over).
    Ou,
}

impl FromStr for Market {
    type Err = PatternError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "su" => Ok(Market::Su),
            "ats" => Ok(Market::Ats),
            "ou" => Ok(Market::Ou),
            other => Err(PatternError::InvalidFilter {
                filter: other.to_owned(),
                reason: "market must be \"su\", \"ats\" or \"ou\"".to_owned(),
            }),
        }
    }
}

/// A system's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase", rename = "SystemRecord")
)]
pub struct Record {
    /// Wins (covers, overs).
    pub wins: u32,
    /// Losses.
    pub losses: u32,
    /// Ties / pushes (not bets).
    pub pushes: u32,
    /// `wins / (wins + losses)` (`None` without bets).
    pub win_rate: Option<f64>,
    /// Mean margin of the selected team (`None` without played games).
    pub avg_margin: Option<f64>,
    /// Mean ATS margin (`margin + line`) where a line exists.
    pub avg_ats_margin: Option<f64>,
    /// Profit in units staked 1 per bet at the odds.
    pub units: f64,
    /// `units / bets` (`None` without bets).
    pub roi: Option<f64>,
    /// 95% Wilson interval of the win rate.
    pub wilson: (f64, f64),
    /// The win rate needed to break even at the odds.
    pub break_even: f64,
    /// One-sided exact binomial p-value of at least this many wins at the break-even rate.
    pub pvalue: f64,
}

/// Profit per unit staked at American odds (−110 → 0.909…; +150 → 1.5).
fn payout(odds: f64) -> f64 {
    if odds < 0.0 {
        100.0 / -odds
    } else {
        odds / 100.0
    }
}

/// `P(X ≥ k)` for `X ~ Bin(n, p)`: the tail on the short side of the mode is summed by the
/// term-ratio recurrence from one log-gamma start until the terms stop mattering (so a
/// p-value costs O(√n), not O(n) log-gammas); above the mode it is `1 −` the lower tail.
pub(crate) fn binomial_upper(k: u32, n: u32, p: f64) -> f64 {
    use statrs::function::gamma::ln_gamma;
    if k == 0 {
        return 1.0;
    }
    if k > n {
        return 0.0;
    }
    let (nf, q) = (f64::from(n), 1.0 - p);
    let log_term = |i: u32| {
        let i = f64::from(i);
        ln_gamma(nf + 1.0) - ln_gamma(i + 1.0) - ln_gamma(nf - i + 1.0)
            + i * p.ln()
            + (nf - i) * q.ln()
    };
    let mode = (nf + 1.0) * p;
    if f64::from(k) >= mode {
        // Terms fall from k upward.
        let mut term = log_term(k).exp();
        let mut total = term;
        for i in k..n {
            term *= f64::from(n - i) / f64::from(i + 1) * (p / q);
            total += term;
            if term <= total * 1e-17 {
                break;
            }
        }
        total.min(1.0)
    } else {
        // P(X ≥ k) = 1 − P(X ≤ k − 1); terms fall from k − 1 downward.
        let mut term = log_term(k - 1).exp();
        let mut lower = term;
        for i in (1..k).rev() {
            term *= f64::from(i) / f64::from(n - i + 1) * (q / p);
            lower += term;
            if term <= lower * 1e-17 {
                break;
            }
        }
        (1.0 - lower).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::binomial_upper;

    #[test]
    fn binomial_tails_match_scipy() {
        // scipy.stats.binom.sf(k - 1, n, p), scipy 1.17.1.
        let cases = [
            (315, 608, 0.5238095238095238, 0.6268098377954662),
            (60, 100, 0.5, 0.028443966820490444),
            (3, 10, 0.5238095238095238, 0.9601615862326334),
            (700, 1000, 0.5, 8.832839003974784e-38),
            (5, 5, 0.5238095238095238, 0.03943364769872246),
        ];
        for (k, n, p, want) in cases {
            let got = binomial_upper(k, n, p);
            assert!(
                (got - want).abs() <= 1e-10 * want,
                "{k} {n}: {got} vs {want}"
            );
        }
    }
}

/// Sums over the graded rows a system selects, from which its [`Record`] follows.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tally {
    pub wins: u32,
    pub losses: u32,
    pub pushes: u32,
    pub margin_sum: f64,
    pub margin_n: u32,
    pub ats_sum: f64,
    pub ats_n: u32,
}

impl Tally {
    pub fn add(&mut self, row: &TeamRow, market: Market) {
        let outcome = match market {
            Market::Su => row.su,
            Market::Ats => row.ats,
            Market::Ou => row.ou,
        };
        let Some(outcome) = outcome else { return };
        match outcome {
            Outcome::Win => self.wins += 1,
            Outcome::Loss => self.losses += 1,
            Outcome::Push => self.pushes += 1,
        }
        if let Some(m) = row.margin {
            self.margin_sum += m;
            self.margin_n += 1;
        }
        if let Some(a) = row.ats_margin {
            self.ats_sum += a;
            self.ats_n += 1;
        }
    }
}

pub(crate) fn check_odds(odds: f64) -> Result<(), PatternError> {
    if odds.is_finite() && (odds <= -100.0 || odds >= 100.0) {
        Ok(())
    } else {
        Err(PatternError::OutOfRange {
            argument: "odds",
            value: odds,
            range: "American odds: ≤ −100 or ≥ +100",
        })
    }
}

/// The win rate that breaks even at `odds` (50% straight up, where no price is modelled).
pub(crate) fn break_even(market: Market, odds: f64) -> f64 {
    if market == Market::Su {
        0.5
    } else {
        1.0 / (1.0 + payout(odds))
    }
}

pub(crate) fn record_from(t: &Tally, market: Market, odds: f64) -> Record {
    let (wins, losses) = (t.wins, t.losses);
    let bets = f64::from(wins + losses);
    let win = payout(odds);
    let break_even = break_even(market, odds);
    let units = f64::from(wins) * win - f64::from(losses);
    let z = norm_ppf(0.975);
    let wilson = if bets > 0.0 {
        let p = f64::from(wins) / bets;
        let denominator = 1.0 + z * z / bets;
        let center = (p + z * z / (2.0 * bets)) / denominator;
        let half = z * (p * (1.0 - p) / bets + z * z / (4.0 * bets * bets)).sqrt() / denominator;
        (center - half, center + half)
    } else {
        (0.0, 1.0)
    };
    let mean = |sum: f64, n: u32| (n > 0).then(|| sum / f64::from(n));
    Record {
        wins,
        losses,
        pushes: t.pushes,
        win_rate: (bets > 0.0).then(|| f64::from(wins) / bets),
        avg_margin: mean(t.margin_sum, t.margin_n),
        avg_ats_margin: mean(t.ats_sum, t.ats_n),
        units,
        roi: (bets > 0.0).then(|| units / bets),
        wilson,
        break_even,
        pvalue: binomial_upper(wins, wins + losses, break_even),
    }
}

/// Grades the rows a system selects (indices into `rows`) on a market.
pub fn record(
    rows: &[TeamRow],
    selected: &[usize],
    market: Market,
    odds: f64,
) -> Result<Record, PatternError> {
    check_odds(odds)?;
    let mut tally = Tally::default();
    for &i in selected {
        tally.add(&rows[i], market);
    }
    Ok(record_from(&tally, market, odds))
}

/// Parses filters and returns the rows (indices) where all pass, optionally within seasons
/// `[first, last]`.
pub fn select(rows: &[TeamRow], filters: &[Filter], seasons: Option<(i32, i32)>) -> Vec<usize> {
    (0..rows.len())
        .filter(|&i| {
            let row = &rows[i];
            seasons.is_none_or(|(a, b)| row.season >= a && row.season <= b)
                && filters
                    .iter()
                    .all(|f| f.passes(row, &rows[row.opponent_row]))
        })
        .collect()
}
