//! Layer 2: the KCU read of one symbol at the close of a setup candle — levels within an
//! ATR-scaled band, trend votes, the patience candle, score, grade and trade plan.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::profile::{Grade, Profile};
use super::scores::Direction;

/// A level the symbol has now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct LevelRead {
    /// pdh, pdl, pdc, pmh, pml, orh, orl, vwap, hour_high, hour_low, or a user level's type.
    #[serde(rename = "type")]
    pub kind: Cow<'static, str>,
    /// Price.
    pub price: f64,
    /// Weight from the profile.
    pub weight: f64,
    /// |close − price|.
    pub distance: f64,
    /// Stable slot of this level: 0–9 the built-ins in the order above, 10+ user levels.
    pub slot: u8,
}

/// The best level within the band, with the levels stacked on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct LevelHit {
    /// Its type.
    #[serde(rename = "type")]
    pub kind: Cow<'static, str>,
    /// Its price.
    pub price: f64,
    /// 100 · weight · (1 − band_edge_loss · distance/θ), before bonuses.
    pub proximity: f64,
    /// Other levels within θ of it.
    pub stacked: Vec<Cow<'static, str>>,
    /// VWAP stacked with another level.
    pub king_queen: bool,
}

/// What a trend vote looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum VoteSource {
    /// A timeframe's 8/21 EMA cloud and the close against it.
    EmaCloud,
    /// The close against VWAP.
    Vwap,
    /// The close beyond the opening range.
    OpeningRange,
    /// The close beyond the premarket high/low.
    Premarket,
    /// Swing structure (HH/HL or LH/LL) confirmed by a break.
    Structure,
}

/// One trend vote: +1 bullish, −1 bearish, 0 none (or not yet known).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Vote {
    /// What votes.
    pub source: VoteSource,
    /// The timeframe in minutes, for EMA clouds.
    pub minutes: Option<u32>,
    /// Its weight.
    pub weight: f64,
    /// +1, −1 or 0.
    pub vote: i8,
}

/// The last setup candle against the patience rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct PatienceRead {
    /// Inside the prior candle's range.
    pub inside: bool,
    /// Body ≤ `patience_body_atr` · ATR.
    pub small_vs_atr: bool,
    /// Body ≤ `patience_body_prior` · prior body.
    pub small_vs_prior: bool,
    /// Its range (widened by θ) holds the level.
    pub at_level: bool,
    /// All four.
    pub detected: bool,
}

/// Entry one tick through the patience candle, stop one tick beyond it, target at the next
/// level at least `min_target_r` away, else `target_r`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Plan {
    /// Entry.
    pub entry: f64,
    /// Stop.
    pub stop: f64,
    /// Target.
    pub target: f64,
    /// The target level's type, or "2R" style text.
    pub target_kind: Cow<'static, str>,
    /// |entry − stop|.
    pub risk: f64,
    /// Reward at the target in R.
    pub reward_r: f64,
}

/// The full read at one setup candle's close.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Evaluation {
    /// Close time of the setup candle (its bucket start, UTC seconds).
    pub timestamp: i64,
    /// Its close.
    pub price: f64,
    /// ATR of setup candles, once known.
    pub atr: Option<f64>,
    /// θ = min(proximity_pct % of price, proximity_atr · ATR).
    pub band: f64,
    /// Every level the symbol has now.
    pub levels: Vec<LevelRead>,
    /// The best level within θ.
    pub level: Option<LevelHit>,
    /// L: proximity plus stacking bonuses, ≤ 100.
    pub level_score: f64,
    /// Direction of the weighted votes (None on a tie).
    pub direction: Option<Direction>,
    /// Every vote.
    pub votes: Vec<Vote>,
    /// VWAP crosses in the chop window.
    pub vwap_crosses: usize,
    /// A chop day: T is 0.
    pub chop: bool,
    /// T: weighted share of votes agreeing with the direction, × 100.
    pub trend_score: f64,
    /// The patience checks.
    pub patience: PatienceRead,
    /// P: at the level, the `patience_points` of the checks that pass (40 + 30 + 30).
    pub patience_score: f64,
    /// wL·L + wT·T + wP·P.
    pub score: f64,
    /// The grade of `score` (before hysteresis).
    pub grade: Grade,
    /// The trade plan when a patience candle is confirmed in a direction.
    pub plan: Option<Plan>,
}

/// A timeframe's last close with its fast and slow EMA.
pub(crate) type Cloud = (f64, f64, f64);

/// The symbol's state that an evaluation reads.
pub(crate) struct Snapshot {
    pub timestamp: i64,
    pub candle: super::rolling::Candle,
    pub prior: Option<super::rolling::Candle>,
    pub atr: Option<f64>,
    pub levels: Vec<LevelRead>,
    pub vwap: Option<f64>,
    pub opening_range: Option<(f64, f64)>,
    pub premarket: Option<(f64, f64)>,
    /// (minutes, (close, fast EMA, slow EMA) once known) per trend timeframe.
    pub clouds: Vec<(u32, Option<Cloud>)>,
    pub structure: i8,
    pub vwap_crosses: usize,
}

fn side(x: f64, above: f64, below: f64) -> i8 {
    if x > above {
        1
    } else if x < below {
        -1
    } else {
        0
    }
}

pub(crate) fn evaluate(s: Snapshot, p: &Profile) -> Evaluation {
    let price = s.candle.c;
    let pct_band = p.proximity_pct / 100.0 * price.abs();
    let band = s
        .atr
        .map_or(pct_band, |a| pct_band.min(p.proximity_atr * a));

    // L
    let mut best: Option<(usize, f64)> = None;
    for (i, l) in s.levels.iter().enumerate() {
        if l.distance <= band && band > 0.0 {
            let proximity = 100.0 * l.weight * (1.0 - p.band_edge_loss * l.distance / band);
            if best.is_none_or(|(_, b)| proximity > b) {
                best = Some((i, proximity));
            }
        }
    }
    let (level, level_score) = match best {
        None => (None, 0.0),
        Some((i, proximity)) => {
            let anchor = &s.levels[i];
            let stacked: Vec<Cow<'static, str>> = s
                .levels
                .iter()
                .enumerate()
                .filter(|&(j, l)| j != i && (l.price - anchor.price).abs() <= band)
                .map(|(_, l)| l.kind.clone())
                .collect();
            let has_vwap = anchor.kind == "vwap" || stacked.iter().any(|k| k == "vwap");
            let king_queen = has_vwap && !stacked.is_empty();
            let bonus = p.stack_bonus * stacked.len() as f64
                + if king_queen { p.king_queen_bonus } else { 0.0 };
            let hit = LevelHit {
                kind: anchor.kind.clone(),
                price: anchor.price,
                proximity,
                stacked,
                king_queen,
            };
            (Some(hit), (proximity + bonus).min(100.0))
        }
    };

    // T
    let mut votes = Vec::with_capacity(8);
    for &(minutes, cloud) in &s.clouds {
        let vote = cloud.map_or(0, |(close, fast, slow)| {
            if fast > slow && close > fast {
                1
            } else if fast < slow && close < fast {
                -1
            } else {
                0
            }
        });
        votes.push(Vote {
            source: VoteSource::EmaCloud,
            minutes: Some(minutes),
            weight: p.cloud_weight,
            vote,
        });
    }
    let mut vote = |source, weight, vote| {
        votes.push(Vote {
            source,
            minutes: None,
            weight,
            vote,
        })
    };
    vote(
        VoteSource::Vwap,
        p.vwap_weight,
        s.vwap.map_or(0, |v| side(price, v, v)),
    );
    vote(
        VoteSource::OpeningRange,
        p.orb_weight,
        s.opening_range.map_or(0, |(h, l)| side(price, h, l)),
    );
    vote(
        VoteSource::Premarket,
        p.premarket_weight,
        s.premarket.map_or(0, |(h, l)| side(price, h, l)),
    );
    vote(VoteSource::Structure, p.structure_weight, s.structure);
    let total: f64 = votes.iter().map(|v| v.weight).sum();
    let net: f64 = votes.iter().map(|v| v.weight * f64::from(v.vote)).sum();
    let direction = if net > 0.0 {
        Some(Direction::Bullish)
    } else if net < 0.0 {
        Some(Direction::Bearish)
    } else {
        None
    };
    let chop = s.vwap_crosses >= p.chop_crosses;
    let trend_score = match direction {
        Some(d) if !chop && total > 0.0 => {
            let want = if d == Direction::Bullish { 1 } else { -1 };
            let agree: f64 = votes
                .iter()
                .filter(|v| v.vote == want)
                .map(|v| v.weight)
                .sum();
            100.0 * agree / total
        }
        _ => 0.0,
    };

    // P
    let mut patience = PatienceRead::default();
    if let (Some(prior), Some(atr)) = (s.prior, s.atr) {
        let c = s.candle;
        patience.inside = c.h <= prior.h && c.l >= prior.l;
        patience.small_vs_atr = c.body() <= p.patience_body_atr * atr;
        patience.small_vs_prior = c.body() <= p.patience_body_prior * prior.body();
        patience.at_level = level
            .as_ref()
            .is_some_and(|l| c.l - band <= l.price && l.price <= c.h + band);
        patience.detected = patience.inside
            && patience.small_vs_atr
            && patience.small_vs_prior
            && patience.at_level
            && direction.is_some();
    }
    let patience_score = if patience.at_level {
        let [inside, atr, prior] = p.patience_points;
        let point = |hit: bool, points: f64| if hit { points } else { 0.0 };
        point(patience.inside, inside)
            + point(patience.small_vs_atr, atr)
            + point(patience.small_vs_prior, prior)
    } else {
        0.0
    };

    let [wl, wt, wp] = p.score_weights;
    let score = wl * level_score + wt * trend_score + wp * patience_score;
    let plan = match direction {
        Some(d) if patience.detected => Some(plan(&s.candle, d, &s.levels, p)),
        _ => None,
    };
    Evaluation {
        timestamp: s.timestamp,
        price,
        atr: s.atr,
        band,
        levels: s.levels,
        level,
        level_score,
        direction,
        votes,
        vwap_crosses: s.vwap_crosses,
        chop,
        trend_score,
        patience,
        patience_score,
        score,
        grade: Grade::of(score, &p.grade_floors),
        plan,
    }
}

fn plan(c: &super::rolling::Candle, d: Direction, levels: &[LevelRead], p: &Profile) -> Plan {
    let sign = if d == Direction::Bullish { 1.0 } else { -1.0 };
    let (entry, stop) = match d {
        Direction::Bullish => (c.h + p.tick, c.l - p.tick),
        Direction::Bearish => (c.l - p.tick, c.h + p.tick),
    };
    let risk = (entry - stop).abs();
    let nearest = levels
        .iter()
        .filter(|l| sign * (l.price - entry) >= p.min_target_r * risk)
        .min_by(|a, b| (sign * (a.price - entry)).total_cmp(&(sign * (b.price - entry))));
    let (target, target_kind) = match nearest {
        Some(l) => (l.price, l.kind.clone()),
        None => (
            entry + sign * p.target_r * risk,
            Cow::Owned(format!("{}R", p.target_r)),
        ),
    };
    Plan {
        entry,
        stop,
        target,
        target_kind,
        risk,
        reward_r: if risk > 0.0 {
            (target - entry).abs() / risk
        } else {
            0.0
        },
    }
}
