//! LTP setups replayed over EUR/USD hourly bars: the tracker's events, hour by hour.

use std::collections::BTreeMap;
use std::error::Error;

use edgekit::ltp::{Bar, EventKind, Profile, replay};
use edgekit::patterns::parse_utc;

use crate::data;

/// EURUSD.csv as bars.
pub fn eurusd() -> Result<Vec<Bar>, Box<dyn Error>> {
    let path = data::dir().join("EURUSD.csv");
    let times = data::columns(&path, &[""])?.remove(0);
    let [o, h, l, c, v] =
        ["Open", "High", "Low", "Close", "Volume"].map(|name| data::numbers(&path, name));
    let (o, h, l, c, v) = (o?, h?, l?, c?, v?);
    times
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Ok(Bar {
                t: parse_utc(t)?,
                o: o[i],
                h: h[i],
                l: l[i],
                c: c[i],
                v: v[i],
            })
        })
        .collect()
}

pub fn section() -> Result<(), Box<dyn Error>> {
    let bars = eurusd()?;
    let (events, last) = replay("EURUSD", &bars, &[], Profile::forex_hourly())?;
    println!(
        "\n== ltp: KCU setups replayed over EUR/USD hourly bars ({} bars, forex_hourly profile)",
        bars.len()
    );
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for e in &events {
        *counts.entry(format!("{:?}", e.kind)).or_default() += 1;
    }
    println!("events: {counts:?}");
    println!("the first setups, from forming to their end:");
    let first_forming = events
        .iter()
        .position(|e| e.kind == EventKind::SetupForming)
        .unwrap_or(0);
    for e in events
        .iter()
        .skip(first_forming)
        .filter(|e| e.kind != EventKind::LevelApproach)
        .take(12)
    {
        let plan = match (e.entry, e.stop, e.target) {
            (Some(en), Some(st), Some(ta)) => format!(" entry {en:.5} stop {st:.5} target {ta:.5}"),
            _ => String::new(),
        };
        let reason = e.reason.map(|r| format!(" ({r:?})")).unwrap_or_default();
        println!(
            "  {} {:<13} {:<8} at {} {:.5}  score {:>5.1} grade {:<2}{plan}{reason}",
            e.timestamp,
            format!("{:?}", e.kind),
            e.direction.map_or("-", |d| d.as_str()),
            e.level_type,
            e.level_price,
            e.score,
            e.grade.as_str(),
        );
    }
    let (wins, losses) = events.iter().fold((0, 0), |(w, l), e| match e.kind {
        EventKind::TargetHit => (w + 1, l),
        EventKind::Stopped => (w, l + 1),
        _ => (w, l),
    });
    println!("outcomes of triggered setups: {wins} targets, {losses} stops");
    if let Some(ev) = last {
        println!(
            "last read: price {:.5}, L {:.0} T {:.0} P {:.0} → score {:.1} ({}), direction {:?}",
            ev.price,
            ev.level_score,
            ev.trend_score,
            ev.patience_score,
            ev.score,
            ev.grade.as_str(),
            ev.direction
        );
    }
    Ok(())
}
