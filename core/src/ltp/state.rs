//! Layer 3: one symbol's incremental state — session levels, VWAP, ATR, EMA clouds and swing
//! structure on resampled candles — and its setup's life, advanced one input bar at a time.

use std::borrow::Cow;
use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::error::LtpError;
use super::evaluation::{Evaluation, LevelRead, Snapshot, evaluate};
use super::profile::{Grade, Profile};
use super::rolling::{Aggregator, Candle, RollingAtr, RollingEma};
use super::scores::{Direction, KeyLevel};

/// One input bar: start time in UTC seconds, OHLC and volume.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    /// Start time, seconds since the Unix epoch (UTC).
    pub t: i64,
    /// Open.
    pub o: f64,
    /// High.
    pub h: f64,
    /// Low.
    pub l: f64,
    /// Close.
    pub c: f64,
    /// Volume (≥ 0).
    pub v: f64,
}

/// What happened to a symbol's setup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum EventKind {
    /// A setup candle closed within θ of a level (once until price leaves 2θ).
    LevelApproach,
    /// Score ≥ `forming_score` at a level with a trend direction.
    SetupForming,
    /// A patience candle confirmed and score ≥ `ready_score`: entry, stop, target set.
    SetupReady,
    /// Price traded through the entry.
    Triggered,
    /// Price hit the stop after the trigger.
    Stopped,
    /// Price reached the target.
    TargetHit,
    /// The setup ended without a trade outcome; see `reason`.
    Expired,
}

/// Why a setup expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum ExpireReason {
    /// Ready for `expire_bars` setup candles without a trigger.
    NoTrigger,
    /// The stop side broke before the entry.
    OppositeSideBroken,
    /// Price moved more than `leave_level_bands` θ from the level before the setup was ready.
    LeftLevel,
    /// The trend vote turned against the forming setup.
    TrendChanged,
    /// The regular session ended (or a new day began) with the setup open.
    SessionEnd,
}

/// One event for one symbol.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Index of the symbol in its tracker ([`Tracker::symbol_name`](super::Tracker::symbol_name)).
    pub symbol: u32,
    /// Time of the bar that caused it (UTC seconds).
    pub timestamp: i64,
    /// What happened.
    pub kind: EventKind,
    /// The setup's (or approach's trend) direction.
    pub direction: Option<Direction>,
    /// The level's type.
    pub level_type: Cow<'static, str>,
    /// The level's price.
    pub level_price: f64,
    /// Score at the last evaluation.
    pub score: f64,
    /// Grade after hysteresis.
    pub grade: Grade,
    /// Entry, stop and target once ready.
    pub entry: Option<f64>,
    /// Stop.
    pub stop: Option<f64>,
    /// Target.
    pub target: Option<f64>,
    /// Why it expired.
    pub reason: Option<ExpireReason>,
}

/// An [`Event`] with its symbol's name in place of the id: what the faces hand out
/// ([`Tracker::named`](super::Tracker::named)).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "TrackerEvent"))]
pub struct NamedEvent<'a> {
    /// The symbol's name.
    pub symbol: &'a str,
    /// Time of the bar that caused it (UTC seconds).
    pub timestamp: i64,
    /// What happened.
    pub kind: EventKind,
    /// The setup's (or approach's trend) direction.
    pub direction: Option<Direction>,
    /// The level's type.
    pub level_type: &'a str,
    /// The level's price.
    pub level_price: f64,
    /// Score at the last evaluation.
    pub score: f64,
    /// Grade after hysteresis.
    pub grade: Grade,
    /// Entry once ready.
    pub entry: Option<f64>,
    /// Stop.
    pub stop: Option<f64>,
    /// Target.
    pub target: Option<f64>,
    /// Why it expired.
    pub reason: Option<ExpireReason>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Stage {
    Forming,
    Ready,
    Triggered,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Setup {
    stage: Stage,
    direction: Direction,
    level_type: Cow<'static, str>,
    level_price: f64,
    score: f64,
    entry: f64,
    stop: f64,
    target: f64,
    candles_ready: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct TrendFrame {
    minutes: u32,
    candles: Aggregator,
    fast: RollingEma,
    slow: RollingEma,
    close: f64,
}

/// A grade that changes only when two evaluations in a row agree on the new one.
///
/// ```
/// use edgekit::ltp::{Grade, GradeHysteresis};
///
/// let mut h = GradeHysteresis::default();
/// assert_eq!(h.update(Grade::C), Grade::C);
/// assert_eq!(h.update(Grade::A), Grade::C);
/// assert_eq!(h.update(Grade::A), Grade::A);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct GradeHysteresis {
    shown: Option<Grade>,
    pending: Option<Grade>,
}

impl GradeHysteresis {
    /// Feeds one evaluation's grade; returns the grade to show.
    pub fn update(&mut self, raw: Grade) -> Grade {
        match self.shown {
            None => self.shown = Some(raw),
            Some(g) if g == raw => self.pending = None,
            Some(_) if self.pending == Some(raw) => {
                self.shown = Some(raw);
                self.pending = None;
            }
            Some(_) => self.pending = Some(raw),
        }
        self.shown.unwrap_or(raw)
    }
}

const BUILTIN: [&str; 10] = [
    "pdh",
    "pdl",
    "pdc",
    "pmh",
    "pml",
    "orh",
    "orl",
    "vwap",
    "hour_high",
    "hour_low",
];

/// Everything the tracker keeps per symbol; serializable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct SymbolState {
    last_t: Option<i64>,
    day: i64,
    previous_day: Option<[f64; 3]>,
    today: Option<[f64; 3]>,
    premarket: Option<(f64, f64)>,
    opening_range: Option<(f64, f64)>,
    opening_range_done: bool,
    vwap_pv: f64,
    vwap_v: f64,
    hour: Option<(f64, f64)>,
    hour_candles: Aggregator,
    setup_candles: Aggregator,
    recent: VecDeque<(Candle, Option<f64>)>,
    atr: RollingAtr,
    frames: Vec<TrendFrame>,
    swing_highs: [Option<f64>; 2],
    swing_lows: [Option<f64>; 2],
    structure: i8,
    custom: Vec<KeyLevel>,
    approached: u64,
    grade: GradeHysteresis,
    setup: Option<Setup>,
    last: Option<Evaluation>,
}

fn check_bar(bar: &Bar) -> Result<(), String> {
    for (name, v) in [
        ("open", bar.o),
        ("high", bar.h),
        ("low", bar.l),
        ("close", bar.c),
        ("volume", bar.v),
    ] {
        if !v.is_finite() {
            return Err(format!("{name} is {v}"));
        }
    }
    if bar.h < bar.o.max(bar.c) {
        return Err(format!(
            "high {} is below max(open {}, close {})",
            bar.h, bar.o, bar.c
        ));
    }
    if bar.l > bar.o.min(bar.c) {
        return Err(format!(
            "low {} is above min(open {}, close {})",
            bar.l, bar.o, bar.c
        ));
    }
    if bar.v < 0.0 {
        return Err(format!("volume {} is negative", bar.v));
    }
    Ok(())
}

impl SymbolState {
    pub(crate) fn new(p: &Profile) -> Self {
        SymbolState {
            last_t: None,
            day: i64::MIN,
            previous_day: None,
            today: None,
            premarket: None,
            opening_range: None,
            opening_range_done: false,
            vwap_pv: 0.0,
            vwap_v: 0.0,
            hour: None,
            hour_candles: Aggregator::new(),
            setup_candles: Aggregator::new(),
            recent: VecDeque::with_capacity(history(p) + 1),
            atr: RollingAtr::new(p.atr_period),
            frames: p
                .trend_minutes
                .iter()
                .map(|&minutes| TrendFrame {
                    minutes,
                    candles: Aggregator::new(),
                    fast: RollingEma::new(p.ema_fast),
                    slow: RollingEma::new(p.ema_slow),
                    close: 0.0,
                })
                .collect(),
            swing_highs: [None; 2],
            swing_lows: [None; 2],
            structure: 0,
            custom: Vec::new(),
            approached: 0,
            grade: GradeHysteresis::default(),
            setup: None,
            last: None,
        }
    }

    pub(crate) fn set_levels(&mut self, levels: Vec<KeyLevel>) {
        self.custom = levels;
        self.approached &= (1 << BUILTIN.len()) - 1;
    }

    pub(crate) fn last_evaluation(&self) -> Option<&Evaluation> {
        self.last.as_ref()
    }

    /// Validates and applies one bar, appending what it causes to `out`.
    pub(crate) fn update(
        &mut self,
        symbol: u32,
        name: &str,
        bar: &Bar,
        p: &Profile,
        out: &mut Vec<Event>,
    ) -> Result<(), LtpError> {
        check_bar(bar).map_err(|reason| LtpError::InvalidBar {
            symbol: name.to_owned(),
            timestamp: bar.t,
            reason,
        })?;
        if let Some(previous) = self.last_t
            && bar.t <= previous
        {
            return Err(LtpError::OutOfOrder {
                symbol: name.to_owned(),
                timestamp: bar.t,
                previous,
            });
        }
        self.last_t = Some(bar.t);
        let local = bar.t + 60 * p.utc_offset_minutes;
        let day = local.div_euclid(86_400);
        let minute = local.rem_euclid(86_400) / 60;
        if day != self.day {
            self.new_day(day, symbol, bar.t, p, out);
        }
        let bar_minutes = i64::from(p.bar_minutes);
        if minute >= p.premarket_start_minute && minute < p.session_start_minute {
            self.premarket = Some(match self.premarket {
                Some((h, l)) => (h.max(bar.h), l.min(bar.l)),
                None => (bar.h, bar.l),
            });
            return Ok(());
        }
        if minute < p.session_start_minute || minute >= p.session_end_minute {
            return Ok(());
        }
        self.check_setup(symbol, bar, out);
        self.today = Some(match self.today {
            Some([h, l, _]) => [h.max(bar.h), l.min(bar.l), bar.c],
            None => [bar.h, bar.l, bar.c],
        });
        self.vwap_pv += (bar.h + bar.l + bar.c) / 3.0 * bar.v;
        self.vwap_v += bar.v;
        let range_end = p.session_start_minute + p.opening_range_minutes;
        if minute < range_end {
            self.opening_range = Some(match self.opening_range {
                Some((h, l)) => (h.max(bar.h), l.min(bar.l)),
                None => (bar.h, bar.l),
            });
        }
        if minute + bar_minutes >= range_end {
            self.opening_range_done = true;
        }
        let candle = Candle {
            t: bar.t,
            o: bar.o,
            h: bar.h,
            l: bar.l,
            c: bar.c,
            v: bar.v,
        };
        let bar_end = bar.t + 60 * bar_minutes;
        let (key, start, end) = bucket(local, day, 60, p);
        for h in self
            .hour_candles
            .push(key, start, end, &candle, bar_end)
            .into_iter()
            .flatten()
        {
            self.hour = Some((h.h, h.l));
        }
        for frame in &mut self.frames {
            let (key, start, end) = bucket(local, day, frame.minutes, p);
            for c in frame
                .candles
                .push(key, start, end, &candle, bar_end)
                .into_iter()
                .flatten()
            {
                frame.fast.push(c.c);
                frame.slow.push(c.c);
                frame.close = c.c;
            }
        }
        let (key, start, end) = bucket(local, day, p.setup_minutes, p);
        let done = self.setup_candles.push(key, start, end, &candle, bar_end);
        for c in done.into_iter().flatten() {
            self.close_setup_candle(symbol, c, bar.t, p, out);
        }
        if p.expire_at_session_end && minute + bar_minutes >= p.session_end_minute {
            self.expire(symbol, bar.t, ExpireReason::SessionEnd, out);
        }
        Ok(())
    }

    fn new_day(&mut self, day: i64, symbol: u32, t: i64, p: &Profile, out: &mut Vec<Event>) {
        if p.expire_at_session_end {
            self.expire(symbol, t, ExpireReason::SessionEnd, out);
        }
        if let Some(today) = self.today.take() {
            self.previous_day = Some(today);
        }
        self.day = day;
        self.premarket = None;
        self.opening_range = None;
        self.opening_range_done = false;
        self.vwap_pv = 0.0;
        self.vwap_v = 0.0;
        self.hour = None;
        self.approached = 0;
    }

    fn levels(&self, price: f64, p: &Profile) -> Vec<LevelRead> {
        let mut levels = Vec::with_capacity(BUILTIN.len() + self.custom.len());
        let mut add = |slot: usize, kind: Cow<'static, str>, price_: f64, weight: f64| {
            levels.push(LevelRead {
                kind,
                price: price_,
                weight,
                distance: (price - price_).abs(),
                slot: slot.min(63) as u8,
            })
        };
        let builtin = [
            self.previous_day.map(|d| d[0]),
            self.previous_day.map(|d| d[1]),
            self.previous_day.map(|d| d[2]),
            self.premarket.map(|r| r.0),
            self.premarket.map(|r| r.1),
            self.opening_range
                .filter(|_| self.opening_range_done)
                .map(|r| r.0),
            self.opening_range
                .filter(|_| self.opening_range_done)
                .map(|r| r.1),
            (self.vwap_v > 0.0).then(|| self.vwap_pv / self.vwap_v),
            self.hour.map(|h| h.0),
            self.hour.map(|h| h.1),
        ];
        for (slot, (kind, value)) in BUILTIN.iter().zip(builtin).enumerate() {
            if let Some(v) = value {
                add(slot, Cow::Borrowed(kind), v, p.level_weight(kind));
            }
        }
        for (i, l) in self.custom.iter().enumerate() {
            let weight = p
                .level_weights
                .get(&l.kind)
                .copied()
                .unwrap_or_else(|| p.level_weight("custom") * l.strength / 100.0);
            add(
                BUILTIN.len() + i,
                Cow::Owned(l.kind.clone()),
                l.price,
                weight,
            );
        }
        levels
    }

    fn close_setup_candle(
        &mut self,
        symbol: u32,
        candle: Candle,
        t: i64,
        p: &Profile,
        out: &mut Vec<Event>,
    ) {
        self.atr.push(candle.h, candle.l, candle.c);
        let vwap = (self.vwap_v > 0.0).then(|| self.vwap_pv / self.vwap_v);
        if self.recent.len() > history(p) {
            self.recent.pop_front();
        }
        self.recent.push_back((candle, vwap));
        self.update_structure(candle.c, p.swing_strength);
        let n = self.recent.len();
        let window = self.recent.range(n.saturating_sub(p.chop_lookback)..);
        let sides: Vec<i8> = window
            .filter_map(|(c, v)| v.map(|v| side(c.c - v)))
            .filter(|&s| s != 0)
            .collect();
        let crosses = sides.windows(2).filter(|w| w[0] != w[1]).count();
        let snapshot = Snapshot {
            timestamp: candle.t,
            candle,
            prior: (n >= 2).then(|| self.recent[n - 2].0),
            atr: self.atr.value(),
            levels: self.levels(candle.c, p),
            vwap,
            opening_range: self.opening_range.filter(|_| self.opening_range_done),
            premarket: self.premarket,
            clouds: self
                .frames
                .iter()
                .map(|f| {
                    let cloud = f
                        .fast
                        .value()
                        .zip(f.slow.value())
                        .map(|(fast, slow)| (f.close, fast, slow));
                    (f.minutes, cloud)
                })
                .collect(),
            structure: self.structure,
            vwap_crosses: crosses,
        };
        let ev = evaluate(snapshot, p);
        let grade = self.grade.update(ev.grade);
        self.advance(symbol, t, &ev, grade, p, out);
        self.last = Some(ev);
    }

    fn update_structure(&mut self, close: f64, k: usize) {
        let n = self.recent.len();
        if n > 2 * k {
            let mid = self.recent[n - 1 - k].0;
            let others = (n - 1 - 2 * k..n).filter(|&i| i != n - 1 - k);
            let (mut high, mut low) = (true, true);
            for i in others {
                let c = self.recent[i].0;
                high &= mid.h > c.h;
                low &= mid.l < c.l;
            }
            if high {
                self.swing_highs = [Some(mid.h), self.swing_highs[0]];
            }
            if low {
                self.swing_lows = [Some(mid.l), self.swing_lows[0]];
            }
        }
        if let ([Some(high), Some(prev_high)], [Some(low), Some(prev_low)]) =
            (self.swing_highs, self.swing_lows)
        {
            if close > high && low > prev_low {
                self.structure = 1;
            } else if close < low && high < prev_high {
                self.structure = -1;
            }
        }
    }

    fn event(&self, symbol: u32, t: i64, kind: EventKind, grade: Grade) -> Option<Event> {
        let s = self.setup.as_ref()?;
        let ready = s.stage != Stage::Forming;
        Some(Event {
            symbol,
            timestamp: t,
            kind,
            direction: Some(s.direction),
            level_type: s.level_type.clone(),
            level_price: s.level_price,
            score: s.score,
            grade,
            entry: ready.then_some(s.entry),
            stop: ready.then_some(s.stop),
            target: ready.then_some(s.target),
            reason: None,
        })
    }

    fn shown_grade(&self) -> Grade {
        self.grade.shown.unwrap_or(Grade::F)
    }

    fn expire(&mut self, symbol: u32, t: i64, reason: ExpireReason, out: &mut Vec<Event>) {
        if let Some(mut e) = self.event(symbol, t, EventKind::Expired, self.shown_grade()) {
            e.reason = Some(reason);
            out.push(e);
        }
        self.setup = None;
    }

    fn finish(&mut self, symbol: u32, t: i64, kind: EventKind, out: &mut Vec<Event>) {
        out.extend(self.event(symbol, t, kind, self.shown_grade()));
        if kind != EventKind::Triggered {
            self.setup = None;
        }
    }

    /// Trigger, stop and target checks on every bar of the regular session.
    fn check_setup(&mut self, symbol: u32, bar: &Bar, out: &mut Vec<Event>) {
        let Some(s) = self.setup.as_ref() else {
            return;
        };
        let (hits_entry, hits_stop, hits_target) = match s.direction {
            Direction::Bullish => (bar.h >= s.entry, bar.l <= s.stop, bar.h >= s.target),
            Direction::Bearish => (bar.l <= s.entry, bar.h >= s.stop, bar.l <= s.target),
        };
        match s.stage {
            Stage::Forming => {}
            Stage::Ready if hits_entry => {
                if let Some(s) = self.setup.as_mut() {
                    s.stage = Stage::Triggered;
                }
                self.finish(symbol, bar.t, EventKind::Triggered, out);
                // Within one bar the order is unknown: a stop counts before a target.
                if hits_stop {
                    self.finish(symbol, bar.t, EventKind::Stopped, out);
                } else if hits_target {
                    self.finish(symbol, bar.t, EventKind::TargetHit, out);
                }
            }
            Stage::Ready if hits_stop => {
                self.expire(symbol, bar.t, ExpireReason::OppositeSideBroken, out)
            }
            Stage::Ready => {}
            Stage::Triggered if hits_stop => self.finish(symbol, bar.t, EventKind::Stopped, out),
            Stage::Triggered if hits_target => {
                self.finish(symbol, bar.t, EventKind::TargetHit, out)
            }
            Stage::Triggered => {}
        }
    }

    /// The setup's life at a setup candle's close.
    fn advance(
        &mut self,
        symbol: u32,
        t: i64,
        ev: &Evaluation,
        grade: Grade,
        p: &Profile,
        out: &mut Vec<Event>,
    ) {
        for l in &ev.levels {
            let bit = 1u64 << l.slot;
            if l.distance <= ev.band && self.approached & bit == 0 {
                self.approached |= bit;
                out.push(Event {
                    symbol,
                    timestamp: t,
                    kind: EventKind::LevelApproach,
                    direction: ev.direction,
                    level_type: l.kind.clone(),
                    level_price: l.price,
                    score: ev.score,
                    grade,
                    entry: None,
                    stop: None,
                    target: None,
                    reason: None,
                });
            } else if l.distance > p.approach_rearm_bands * ev.band {
                self.approached &= !bit;
            }
        }
        let local_minute = (t + 60 * p.utc_offset_minutes).rem_euclid(86_400) / 60;
        let may_form = local_minute >= p.session_start_minute + p.opening_range_minutes
            && local_minute < p.last_setup_minute;
        let Some(s) = self.setup.as_mut() else {
            let (Some(direction), Some(level)) = (ev.direction, ev.level.as_ref()) else {
                return;
            };
            if !may_form || ev.score < p.forming_score {
                return;
            }
            self.setup = Some(Setup {
                stage: Stage::Forming,
                direction,
                level_type: level.kind.clone(),
                level_price: level.price,
                score: ev.score,
                entry: 0.0,
                stop: 0.0,
                target: 0.0,
                candles_ready: 0,
            });
            out.extend(self.event(symbol, t, EventKind::SetupForming, grade));
            self.make_ready(symbol, t, ev, grade, p, out);
            return;
        };
        match s.stage {
            Stage::Forming => {
                s.score = ev.score;
                if (ev.price - s.level_price).abs() > p.leave_level_bands * ev.band {
                    self.expire(symbol, t, ExpireReason::LeftLevel, out);
                } else if ev.direction != Some(s.direction) {
                    self.expire(symbol, t, ExpireReason::TrendChanged, out);
                } else {
                    self.make_ready(symbol, t, ev, grade, p, out);
                }
            }
            Stage::Ready => {
                s.candles_ready += 1;
                if s.candles_ready > p.expire_bars {
                    self.expire(symbol, t, ExpireReason::NoTrigger, out);
                }
            }
            Stage::Triggered => {}
        }
    }

    fn make_ready(
        &mut self,
        symbol: u32,
        t: i64,
        ev: &Evaluation,
        grade: Grade,
        p: &Profile,
        out: &mut Vec<Event>,
    ) {
        let (Some(s), Some(plan)) = (self.setup.as_mut(), ev.plan.as_ref()) else {
            return;
        };
        if ev.score < p.ready_score || ev.direction != Some(s.direction) {
            return;
        }
        s.stage = Stage::Ready;
        s.entry = plan.entry;
        s.stop = plan.stop;
        s.target = plan.target;
        s.candles_ready = 0;
        out.extend(self.event(symbol, t, EventKind::SetupReady, grade));
    }
}

/// Setup candles kept: the chop window, and a swing's candles on both sides.
fn history(p: &Profile) -> usize {
    p.chop_lookback.max(2 * p.swing_strength + 1)
}

fn side(x: f64) -> i8 {
    if x > 0.0 {
        1
    } else if x < 0.0 {
        -1
    } else {
        0
    }
}

/// The bucket of `minutes` holding local time `local`: (key, start, end) with start and end in
/// UTC seconds, anchored at the session start and cut at the session end.
fn bucket(local: i64, day: i64, minutes: u32, p: &Profile) -> (i64, i64, i64) {
    let offset = 60 * p.utc_offset_minutes;
    let session_start = day * 86_400 + 60 * p.session_start_minute;
    let session_end = day * 86_400 + 60 * p.session_end_minute;
    let size = 60 * i64::from(minutes);
    let start = if minutes >= 1440 {
        session_start
    } else {
        session_start + (local - session_start).div_euclid(size) * size
    };
    let end = (start + size).min(session_end);
    (start, start - offset, end - offset)
}
