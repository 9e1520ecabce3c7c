//! A contest's entry structure and prize table, read from a CSV or JSON the user exports from
//! the site's contest page, and the prize an entry wins from its finish with ties split as
//! DraftKings and FanDuel split them: tied entries share equally the prizes of the places they
//! occupy together.

use serde::{Deserialize, Serialize};

use crate::lineup::error::LineupError;

/// Most entries in one simulated contest (DraftKings' largest NFL tournaments hold a few
/// hundred thousand).
pub const MAX_FIELD_SIZE: u64 = 2_000_000;

/// One row of a prize table: every finish from `first` to `last` (1-based, inclusive) wins
/// `prize`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct PrizeRange {
    /// Best finish of the range (1 = first place).
    pub first: usize,
    /// Worst finish of the range.
    pub last: usize,
    /// Prize for each finish in the range.
    pub prize: f64,
}

/// A contest: how many entries, what each costs, how many one user may enter, and what each
/// finish pays.
///
/// ```
/// use edgekit::lineup::ContestSpec;
///
/// let table = "place,prize\n1,1000\n2,500\n3-5,100\n6th - 20th,25\n";
/// let contest = ContestSpec::from_payout_csv(table, 200, 10.0, 20)?;
/// assert_eq!(contest.paid_places(), 20);
/// assert_eq!(contest.prize_pool(), 1000.0 + 500.0 + 300.0 + 375.0);
/// // Two entries tied for second share the second and third prizes.
/// assert_eq!(contest.prize_for(1, 1), (500.0 + 100.0) / 2.0);
/// # Ok::<(), edgekit::lineup::LineupError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct ContestSpec {
    /// Entries in the contest, the user's own included.
    pub field_size: usize,
    /// Cost of one entry.
    pub entry_fee: f64,
    /// Most entries one user may submit.
    pub max_entries: usize,
    /// The prize table, best places first; places it does not list pay nothing.
    pub payouts: Vec<PrizeRange>,
    /// Running sum of the prizes by place (index k = places 1..=k).
    #[serde(skip)]
    #[cfg_attr(feature = "typescript", ts(skip))]
    cumulative: Vec<f64>,
    /// Prize of each paid place (index 0 = first).
    #[serde(skip)]
    #[cfg_attr(feature = "typescript", ts(skip))]
    prize_at: Vec<f64>,
}

impl ContestSpec {
    /// A contest from its parts, checked: a field of 1 to 2,000,000 entries, a finite fee ≥ 0,
    /// 1 ≤ `max_entries` ≤ `field_size`, prize ranges that are in order, do not overlap, lie
    /// within the field and pay a finite amount ≥ 0.
    pub fn new(
        field_size: usize,
        entry_fee: f64,
        max_entries: usize,
        payouts: Vec<PrizeRange>,
    ) -> Result<ContestSpec, LineupError> {
        let bad = |message: String| LineupError::Rule {
            rule: "contest".into(),
            message,
        };
        crate::limits::check_count("field_size", field_size, 1, MAX_FIELD_SIZE)?;
        crate::limits::check_count("max_entries", max_entries, 1, field_size as u64)?;
        if !(entry_fee.is_finite() && entry_fee >= 0.0) {
            return Err(bad(format!(
                "entry_fee {entry_fee} must be a finite amount ≥ 0"
            )));
        }
        let mut next = 1;
        for (i, r) in payouts.iter().enumerate() {
            if r.first < next || r.last < r.first || r.last > field_size {
                return Err(bad(format!(
                    "payouts[{i}]: places {}-{} must follow place {} in order, without overlap, within a field of {field_size}",
                    r.first,
                    r.last,
                    next - 1
                )));
            }
            if !(r.prize.is_finite() && r.prize >= 0.0) {
                return Err(bad(format!(
                    "payouts[{i}]: prize {} must be a finite amount ≥ 0",
                    r.prize
                )));
            }
            next = r.last + 1;
        }
        let paid = payouts.last().map_or(0, |r| r.last);
        let mut cumulative = vec![0.0; paid + 1];
        let mut prize_at = vec![0.0; paid];
        for r in &payouts {
            prize_at[r.first - 1..r.last].fill(r.prize);
        }
        for (k, p) in prize_at.iter().enumerate() {
            cumulative[k + 1] = cumulative[k] + p;
        }
        Ok(ContestSpec {
            field_size,
            entry_fee,
            max_entries,
            payouts,
            cumulative,
            prize_at,
        })
    }

    /// A contest from a prize-table CSV: a `place` (or `rank`) column holding `1`, `4-5` or
    /// `4th - 5th`, or `first`/`last` (or `min_rank`/`max_rank`) columns, and a `prize` (or
    /// `payout`) column; `$` and thousands separators are allowed in prizes.
    pub fn from_payout_csv(
        text: &str,
        field_size: usize,
        entry_fee: f64,
        max_entries: usize,
    ) -> Result<ContestSpec, LineupError> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let header = crate::lineup::slate::normalized_headers(&mut reader)?;
        let find = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
        let place = find(&["place", "rank", "places", "ranks", "finish"]);
        let first = find(&["first", "min_rank", "rank_from", "from"]);
        let last = find(&["last", "max_rank", "rank_to", "to"]);
        let prize = find(&["prize", "payout", "amount", "prize_amount"]);
        let missing = |column: &str| LineupError::MissingColumn {
            column: column.into(),
            site: "prize table",
            expected: "place (or first and last) and prize columns",
        };
        let prize = prize.ok_or_else(|| missing("prize"))?;
        if place.is_none() && (first.is_none() || last.is_none()) {
            return Err(missing("place"));
        }
        let mut payouts = Vec::new();
        for (k, record) in reader.records().enumerate() {
            let line = k + 2;
            let record = record.map_err(|e| LineupError::Csv {
                line,
                message: e.to_string(),
            })?;
            let cell = |i: usize| record.get(i).unwrap_or("").trim();
            let bad = |column: &str, value: &str, reason: &str| LineupError::BadValue {
                line,
                column: column.into(),
                value: value.into(),
                reason: reason.into(),
            };
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let (a, b) = match place {
                Some(i) => parse_places(cell(i)).ok_or_else(|| {
                    bad(
                        "place",
                        cell(i),
                        "expected a place like 1, 4-5 or 4th - 5th",
                    )
                })?,
                None => {
                    let (fi, li) = (first.unwrap_or(0), last.unwrap_or(0));
                    let a = parse_place(cell(fi))
                        .ok_or_else(|| bad("first", cell(fi), "expected a place"))?;
                    let b = parse_place(cell(li))
                        .ok_or_else(|| bad("last", cell(li), "expected a place"))?;
                    (a, b)
                }
            };
            let raw = cell(prize);
            let amount: f64 = raw
                .replace(['$', ',', '€', '£'], "")
                .trim()
                .parse()
                .map_err(|_| bad("prize", raw, "expected an amount"))?;
            payouts.push(PrizeRange {
                first: a,
                last: b,
                prize: amount,
            });
        }
        ContestSpec::new(field_size, entry_fee, max_entries, payouts)
    }

    /// A contest from its JSON (`field_size`, `entry_fee`, `max_entries`, `payouts` as
    /// `{first, last, prize}` objects), checked as [`ContestSpec::new`] checks.
    pub fn from_json(text: &str) -> Result<ContestSpec, LineupError> {
        let raw: ContestSpec = serde_json::from_str(text).map_err(|e| LineupError::Rule {
            rule: "contest".into(),
            message: e.to_string(),
        })?;
        ContestSpec::new(raw.field_size, raw.entry_fee, raw.max_entries, raw.payouts)
    }

    /// The contest checked again after deserializing (serde skips the prize cache).
    pub fn checked(&self) -> Result<ContestSpec, LineupError> {
        ContestSpec::new(
            self.field_size,
            self.entry_fee,
            self.max_entries,
            self.payouts.clone(),
        )
    }

    /// Places that pay anything or are listed (the last listed place).
    pub fn paid_places(&self) -> usize {
        self.prize_at.len()
    }

    /// Sum of every listed prize.
    pub fn prize_pool(&self) -> f64 {
        self.cumulative.last().copied().unwrap_or(0.0)
    }

    /// What one entry wins when `above` entries finish strictly ahead of it and `tied` others
    /// finish level with it: the prizes of places `above + 1 ..= above + tied + 1`, shared.
    #[inline]
    pub fn prize_for(&self, above: usize, tied: usize) -> f64 {
        let paid = self.prize_at.len();
        if above >= paid {
            return 0.0;
        }
        if tied == 0 {
            return self.prize_at[above];
        }
        let end = (above + tied + 1).min(paid);
        (self.cumulative[end] - self.cumulative[above]) / (tied + 1) as f64
    }
}

fn parse_place(s: &str) -> Option<usize> {
    let digits = s
        .trim()
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .replace(',', "");
    digits.trim().parse().ok().filter(|&v| v >= 1)
}

fn parse_places(s: &str) -> Option<(usize, usize)> {
    match s.split_once(['-', '–']) {
        Some((a, b)) => Some((parse_place(a)?, parse_place(b)?)),
        None => parse_place(s).map(|v| (v, v)),
    }
}
