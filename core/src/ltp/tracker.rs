//! Layer 3: many symbols, one input bar at a time; events out; state saved and restored.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::error::{LtpError, finite};
use super::evaluation::Evaluation;
use super::profile::Profile;
use super::scores::KeyLevel;
use super::state::{Bar, Event, SymbolState};

/// Streams bars for any number of symbols and reports each setup's life as [`Event`]s.
///
/// ```
/// use edgekit::ltp::{Bar, EventKind, Profile, Tracker};
///
/// let mut tracker = Tracker::new(Profile::default())?;
/// // 09:30 New York on 2024-01-02 is 14:30 UTC.
/// let open = 1_704_205_800;
/// let mut events = Vec::new();
/// for i in 0..60 {
///     let price = 100.0 + (i as f64 * 0.3).sin();
///     let bar = Bar { t: open + 60 * i, o: price, h: price + 0.05, l: price - 0.05, c: price, v: 1000.0 };
///     events.extend(tracker.update("SPY", &bar)?);
/// }
/// assert!(events.iter().all(|e| e.symbol == 0));
/// assert!(tracker.evaluation("SPY").is_some());
/// let restored = Tracker::from_bytes(&tracker.to_bytes())?;
/// assert_eq!(restored.evaluation("SPY"), tracker.evaluation("SPY"));
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
/// Serializes with serde (any format: JSON, postcard via [`Tracker::to_bytes`], ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "TrackerData")]
pub struct Tracker {
    profile: Profile,
    names: Vec<String>,
    #[serde(skip)]
    index: HashMap<String, u32>,
    states: Vec<SymbolState>,
}

impl Tracker {
    /// A tracker with a validated profile and no symbols yet.
    pub fn new(profile: Profile) -> Result<Self, LtpError> {
        profile.validate()?;
        Ok(Tracker {
            profile,
            names: Vec::new(),
            index: HashMap::new(),
            states: Vec::new(),
        })
    }

    /// The profile in force.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The id of `symbol`, registering it on first sight.
    pub fn symbol_id(&mut self, symbol: &str) -> u32 {
        if let Some(&id) = self.index.get(symbol) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(symbol.to_owned());
        self.index.insert(symbol.to_owned(), id);
        self.states.push(SymbolState::new(&self.profile));
        id
    }

    /// The name behind an id from [`Event::symbol`].
    pub fn symbol_name(&self, id: u32) -> Option<&str> {
        self.names.get(id as usize).map(String::as_str)
    }

    /// `events` with their symbols' names, as the faces hand them out.
    ///
    /// ```
    /// use edgekit::ltp::{Bar, Profile, Tracker};
    /// let mut tracker = Tracker::new(Profile::default())?;
    /// let bar = Bar { t: 1_700_000_000, o: 10.0, h: 10.5, l: 9.5, c: 10.2, v: 1e4 };
    /// let events = tracker.update("SPY", &bar)?;
    /// assert!(tracker.named(&events).iter().all(|e| e.symbol == "SPY"));
    /// # Ok::<(), edgekit::ltp::LtpError>(())
    /// ```
    pub fn named<'a>(&'a self, events: &'a [Event]) -> Vec<super::state::NamedEvent<'a>> {
        events
            .iter()
            .map(|e| super::state::NamedEvent {
                symbol: self.symbol_name(e.symbol).unwrap_or_default(),
                timestamp: e.timestamp,
                kind: e.kind,
                direction: e.direction,
                level_type: &e.level_type,
                level_price: e.level_price,
                score: e.score,
                grade: e.grade,
                entry: e.entry,
                stop: e.stop,
                target: e.target,
                reason: e.reason,
            })
            .collect()
    }

    /// Symbols seen so far, by id.
    pub fn symbols(&self) -> &[String] {
        &self.names
    }

    /// User levels for a symbol (weekly levels, a gap fill...), scored with the profile's
    /// weight for their type, or `custom` × strength/100. Replaces earlier user levels.
    pub fn set_levels(&mut self, symbol: &str, levels: Vec<KeyLevel>) -> Result<(), LtpError> {
        for (i, l) in levels.iter().enumerate() {
            finite(|| format!("{symbol} levels[{i}].price"), l.price)?;
            finite(|| format!("{symbol} levels[{i}].strength"), l.strength)?;
        }
        let id = self.symbol_id(symbol);
        self.states[id as usize].set_levels(levels);
        Ok(())
    }

    /// Applies one bar of `symbol` and returns the events it causes.
    pub fn update(&mut self, symbol: &str, bar: &Bar) -> Result<Vec<Event>, LtpError> {
        let id = self.symbol_id(symbol);
        let mut out = Vec::new();
        self.update_id(id, bar, &mut out)?;
        Ok(out)
    }

    /// Applies one bar of the symbol with id `symbol`, appending events to `out`.
    pub fn update_id(
        &mut self,
        symbol: u32,
        bar: &Bar,
        out: &mut Vec<Event>,
    ) -> Result<(), LtpError> {
        let i = symbol as usize;
        let name = self.names.get(i).ok_or_else(|| LtpError::OutOfRange {
            argument: "symbol id".into(),
            value: f64::from(symbol),
            range: "an id from symbol_id",
        })?;
        self.states[i].update(symbol, name, bar, &self.profile, out)
    }

    /// Applies bars in order (`symbols[i]` is the id of `bars[i]`). On a bad bar it stops and
    /// reports it; the bars before it stay applied and their events are lost with the error,
    /// so validate upstream when that matters.
    pub fn update_many(&mut self, symbols: &[u32], bars: &[Bar]) -> Result<Vec<Event>, LtpError> {
        if symbols.len() != bars.len() {
            return Err(LtpError::OutOfRange {
                argument: "symbols.len()".into(),
                value: symbols.len() as f64,
                range: "equal to bars.len()",
            });
        }
        let mut out = Vec::new();
        for (&s, bar) in symbols.iter().zip(bars) {
            self.update_id(s, bar, &mut out)?;
        }
        Ok(out)
    }

    /// Applies rows given as columns, the form both bindings receive them in: `symbols[i]` is
    /// the id of row `i`, whose bar is `(t[i], o[i], h[i], l[i], c[i], v[i])` (volume 0 when
    /// `v` is `None`). Column lengths are checked before any row is applied; events are
    /// appended to `out`.
    ///
    /// ```
    /// use edgekit::ltp::{Profile, Tracker};
    ///
    /// let mut tracker = Tracker::new(Profile::default())?;
    /// let id = tracker.symbol_id("SPY");
    /// let mut events = Vec::new();
    /// let p = [500.0, 500.5];
    /// tracker.update_columns(&[id, id], &[0, 60], &p, &[501.0, 501.0], &[499.0, 499.5], &p, None, &mut events)?;
    /// assert!(tracker.update_columns(&[id], &[120, 180], &p, &p, &p, &p, None, &mut events).is_err());
    /// # Ok::<(), edgekit::ltp::LtpError>(())
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn update_columns(
        &mut self,
        symbols: &[u32],
        t: &[i64],
        o: &[f64],
        h: &[f64],
        l: &[f64],
        c: &[f64],
        v: Option<&[f64]>,
        out: &mut Vec<Event>,
    ) -> Result<(), LtpError> {
        let n = symbols.len();
        let columns = [
            ("t", t.len()),
            ("o", o.len()),
            ("h", h.len()),
            ("l", l.len()),
            ("c", c.len()),
            ("v", v.map_or(n, <[f64]>::len)),
        ];
        if let Some((name, len)) = columns.into_iter().find(|&(_, len)| len != n) {
            return Err(LtpError::ColumnLength {
                column: name,
                len,
                rows: n,
            });
        }
        for i in 0..n {
            let bar = Bar {
                t: t[i],
                o: o[i],
                h: h[i],
                l: l[i],
                c: c[i],
                v: v.map_or(0.0, |v| v[i]),
            };
            self.update_id(symbols[i], &bar, out)?;
        }
        Ok(())
    }

    /// The KCU read at the symbol's last setup candle.
    pub fn evaluation(&self, symbol: &str) -> Option<&Evaluation> {
        let id = *self.index.get(symbol)?;
        self.states[id as usize].last_evaluation()
    }

    /// Compact binary state (postcard).
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("tracker state always serializes")
    }

    /// A tracker from [`Tracker::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, LtpError> {
        postcard::from_bytes(bytes).map_err(|e| LtpError::InvalidState(e.to_string()))
    }
}

/// The serialized form; [`Tracker`] rebuilds its name index and checks it on the way in.
#[derive(Deserialize)]
struct TrackerData {
    profile: Profile,
    names: Vec<String>,
    states: Vec<SymbolState>,
}

impl TryFrom<TrackerData> for Tracker {
    type Error = LtpError;

    fn try_from(d: TrackerData) -> Result<Self, LtpError> {
        d.profile.validate()?;
        if d.names.len() != d.states.len() {
            return Err(LtpError::InvalidState(
                "symbols and states differ in number".into(),
            ));
        }
        let index = d
            .names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i as u32))
            .collect();
        Ok(Tracker {
            profile: d.profile,
            names: d.names,
            index,
            states: d.states,
        })
    }
}

/// Layer 2 on one symbol's bars: replays them through a fresh tracker and returns the events
/// and the read at the last setup candle.
///
/// ```
/// use edgekit::ltp::{replay, Bar, Profile};
///
/// let bars: Vec<Bar> = (0..48).map(|i| {
///     let p = 1.1 + 0.001 * (i as f64 / 5.0).sin();
///     Bar { t: 1_700_000_000 / 3600 * 3600 + 3600 * i, o: p, h: p + 0.0004, l: p - 0.0004, c: p, v: 1.0 }
/// }).collect();
/// let (events, last) = replay("EURUSD", &bars, &[], Profile::forex_hourly())?;
/// assert!(last.is_some());
/// # let _ = events;
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn replay(
    symbol: &str,
    bars: &[Bar],
    levels: &[KeyLevel],
    profile: Profile,
) -> Result<(Vec<Event>, Option<Evaluation>), LtpError> {
    let mut tracker = Tracker::new(profile)?;
    tracker.set_levels(symbol, levels.to_vec())?;
    let mut out = Vec::new();
    for bar in bars {
        tracker.update_id(0, bar, &mut out)?;
    }
    let last = tracker.evaluation(symbol).cloned();
    Ok((out, last))
}
