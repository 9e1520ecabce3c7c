//! Candlestick patterns and indicators on GOOG's daily bars.

use std::error::Error;

use edgekit::patterns::{Bars, CandleSettings, atr, candles, rsi};

use crate::data;

pub fn section() -> Result<(), Box<dyn Error>> {
    let path = data::dir().join("GOOG.csv");
    let [o, h, l, c] = ["Open", "High", "Low", "Close"].map(|name| data::numbers(&path, name));
    let (o, h, l, c) = (o?, h?, l?, c?);
    let dates = data::columns(&path, &[""])?.remove(0);
    let bars = Bars::new(&o, &h, &l, &c, None)?;
    let found = candles(bars, None, &CandleSettings::default())?;

    println!(
        "\n== patterns: TA-Lib candlestick patterns on GOOG daily bars ({} bars)",
        c.len()
    );
    println!(
        "{:<18} {:>8} {:>8}   latest",
        "pattern", "bullish", "bearish"
    );
    let mut rows: Vec<_> = found
        .iter()
        .map(|(name, signal)| {
            let bullish = signal.iter().filter(|&&s| s > 0).count();
            let bearish = signal.iter().filter(|&&s| s < 0).count();
            let latest = signal.iter().rposition(|&s| s != 0);
            (
                name,
                bullish,
                bearish,
                latest.map(|i| (dates[i].clone(), signal[i])),
            )
        })
        .filter(|r| r.1 + r.2 > 0)
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.1 + r.2));
    for (name, bullish, bearish, latest) in rows.iter().take(12) {
        let latest = latest
            .as_ref()
            .map_or_else(String::new, |(date, s)| format!("{date} ({s:+})"));
        println!("{name:<18} {bullish:>8} {bearish:>8}   {latest}");
    }

    // Did a bullish engulfing bar after a fall (RSI(14) < 35) beat the average next 5 days?
    let engulfing = &found
        .iter()
        .find(|(n, _)| n == "ENGULFING")
        .expect("known")
        .1;
    let strength = rsi(&c, 14)?;
    let range = atr(&h, &l, &c, 14)?;
    let horizon = 5;
    let forward = |i: usize| c[i + horizon] / c[i] - 1.0;
    let all: Vec<f64> = (14..c.len() - horizon).map(forward).collect();
    let signals: Vec<usize> = (14..c.len() - horizon)
        .filter(|&i| engulfing[i] == 100 && strength[i] < 35.0)
        .collect();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let after: Vec<f64> = signals.iter().map(|&i| forward(i)).collect();
    println!(
        "bullish engulfing with RSI(14) < 35: {} bars; mean 5-day return {:+.2}% vs {:+.2}% on all bars; \
         median ATR(14) there {:.2}",
        signals.len(),
        100.0 * mean(&after),
        100.0 * mean(&all),
        {
            let mut a: Vec<f64> = signals.iter().map(|&i| range[i]).collect();
            a.sort_by(f64::total_cmp);
            a.get(a.len() / 2).copied().unwrap_or(f64::NAN)
        }
    );
    Ok(())
}
