//! Which systems apply to upcoming games, with their in-sample and out-of-sample records and
//! a confidence a service can show.

use serde::{Deserialize, Serialize};
use statrs::function::beta::beta_reg;

use super::log::GameLog;
use super::rows::TeamRow;
use super::systems::{Filter, Market, Record, break_even, check_odds, record, select};
use crate::patterns::PatternError;

/// A system that applies to one side of an upcoming game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct SystemMatch {
    /// The system's filters.
    pub filters: Vec<String>,
    /// Record on the training seasons.
    pub train: Record,
    /// Record on the test seasons.
    pub test: Record,
    /// Posterior probability (uniform Beta prior) that the system's true win rate beats
    /// break-even, from its out-of-sample record alone.
    pub confidence: f64,
}

/// One side of one upcoming game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct GameAnalysis {
    /// Index in [`GameLog::games`].
    pub game: usize,
    /// Days since 1970-01-01.
    pub day: i32,
    /// The side's franchise id.
    pub team: String,
    /// The opponent's franchise id.
    pub opponent: String,
    /// Systems whose filters the side passes, most confident first.
    pub systems: Vec<SystemMatch>,
}

/// For every unplayed game in the log, the systems that apply to each side.
pub fn analyze_games(
    log: &GameLog,
    rows: &[TeamRow],
    systems: &[Vec<Filter>],
    train: (i32, i32),
    test: (i32, i32),
    market: Market,
    odds: f64,
) -> Result<Vec<GameAnalysis>, PatternError> {
    check_odds(odds)?;
    let p0 = break_even(market, odds);
    let graded: Vec<(Vec<String>, Record, Record, f64)> = systems
        .iter()
        .map(|filters| {
            let train_record = record(rows, &select(rows, filters, Some(train)), market, odds)?;
            let test_record = record(rows, &select(rows, filters, Some(test)), market, odds)?;
            let (w, l) = (f64::from(test_record.wins), f64::from(test_record.losses));
            // P(rate > p0) under Beta(1 + w, 1 + l).
            let confidence = 1.0 - beta_reg(1.0 + w, 1.0 + l, p0);
            Ok((
                filters.iter().map(|f| f.text.clone()).collect(),
                train_record,
                test_record,
                confidence,
            ))
        })
        .collect::<Result<_, PatternError>>()?;
    let mut out = Vec::new();
    for row in rows {
        if row.margin.is_some() {
            continue;
        }
        let opponent = &rows[row.opponent_row];
        let mut matches: Vec<SystemMatch> = systems
            .iter()
            .zip(&graded)
            .filter(|(filters, _)| filters.iter().all(|f| f.passes(row, opponent)))
            .map(|(_, (texts, train, test, confidence))| SystemMatch {
                filters: texts.clone(),
                train: train.clone(),
                test: test.clone(),
                confidence: *confidence,
            })
            .collect();
        matches.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
        out.push(GameAnalysis {
            game: row.game,
            day: log.games[row.game].day,
            team: log.teams[row.team].id.clone(),
            opponent: log.teams[row.opponent].id.clone(),
            systems: matches,
        });
    }
    Ok(out)
}
