//! One row per team per game, with the situational fields systems filter on, each computed
//! from games before this one only (no look-ahead).

use serde::{Deserialize, Serialize};

use super::log::GameLog;

/// Win, loss or tie / push, from the team's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Won (straight up), covered (ATS), or over (O/U).
    Win,
    /// Lost, failed to cover, or under.
    Loss,
    /// Tie or push.
    Push,
}

impl Outcome {
    fn of(value: f64) -> Outcome {
        if value > 0.0 {
            Outcome::Win
        } else if value < 0.0 {
            Outcome::Loss
        } else {
            Outcome::Push
        }
    }

    fn sign(self) -> i32 {
        match self {
            Outcome::Win => 1,
            Outcome::Loss => -1,
            Outcome::Push => 0,
        }
    }
}

/// A team's view of one game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamRow {
    /// Index of the game in [`GameLog::games`].
    pub game: usize,
    /// Index of the row of the same game from the opponent's side.
    pub opponent_row: usize,
    /// Team index.
    pub team: usize,
    /// Opponent index.
    pub opponent: usize,
    /// Season.
    pub season: i32,
    /// Week number for regular-season weeks (`None` for playoff rounds).
    pub week: Option<f64>,
    /// Playoff game.
    pub playoff: bool,
    /// "home", "away" or "neutral".
    pub site: &'static str,
    /// The team is favoured.
    pub favorite: bool,
    /// The opponent is favoured.
    pub underdog: bool,
    /// The team's spread: negative when favoured (−3.5), positive as underdog, 0 pick'em.
    pub line: Option<f64>,
    /// Over/under line.
    pub total: Option<f64>,
    /// Points scored, allowed (None for unplayed games).
    pub points_for: Option<f64>,
    /// Points allowed.
    pub points_against: Option<f64>,
    /// `points_for − points_against`.
    pub margin: Option<f64>,
    /// `margin + line` (positive: covered).
    pub ats_margin: Option<f64>,
    /// Straight-up result.
    pub su: Option<Outcome>,
    /// Against-the-spread result.
    pub ats: Option<Outcome>,
    /// Over/under result (win = over).
    pub ou: Option<Outcome>,
    /// Days since the team's previous game (`None` for its first in the log).
    pub rest_days: Option<f64>,
    /// Previous game's straight-up result, ATS result and margin (any season).
    pub prev_su: Option<Outcome>,
    /// Previous ATS result.
    pub prev_ats: Option<Outcome>,
    /// Previous margin.
    pub prev_margin: Option<f64>,
    /// Consecutive straight-up wins (positive) or losses (negative) before this game; ties break it.
    pub su_streak: i32,
    /// The same against the spread (pushes break it).
    pub ats_streak: i32,
    /// Consecutive overs (positive) or unders (negative).
    pub ou_streak: i32,
    /// Games played this season before this one.
    pub games_played: u32,
    /// Season-to-date average points scored before this game (`None` in week 1).
    pub points_for_avg: Option<f64>,
    /// Season-to-date average points allowed.
    pub points_against_avg: Option<f64>,
    /// Both teams in the same division (current alignment).
    pub division_game: bool,
    /// Both teams in the same conference.
    pub conference_game: bool,
}

fn streak(previous: i32, outcome: Option<Outcome>) -> i32 {
    match outcome.map(Outcome::sign) {
        Some(1) if previous > 0 => previous + 1,
        Some(1) => 1,
        Some(-1) if previous < 0 => previous - 1,
        Some(-1) => -1,
        _ => 0,
    }
}

/// Per-team running state while walking the log in date order.
#[derive(Default, Clone)]
struct History {
    last_day: Option<i32>,
    last: Option<(Option<Outcome>, Option<Outcome>, Option<f64>)>,
    su_streak: i32,
    ats_streak: i32,
    ou_streak: i32,
    season: i32,
    played: u32,
    points_for: f64,
    points_against: f64,
}

/// Two rows per game (home first), in game order.
pub fn team_rows(log: &GameLog) -> Vec<TeamRow> {
    let mut history = vec![History::default(); log.teams.len()];
    let mut rows = Vec::with_capacity(2 * log.games.len());
    for (g, game) in log.games.iter().enumerate() {
        let sides = [
            (game.home, game.away, game.score_home, game.score_away, true),
            (
                game.away,
                game.home,
                game.score_away,
                game.score_home,
                false,
            ),
        ];
        let base = rows.len();
        for (k, &(team, opponent, scored, allowed, home)) in sides.iter().enumerate() {
            let h = &mut history[team];
            if h.season != game.season {
                h.season = game.season;
                h.played = 0;
                h.points_for = 0.0;
                h.points_against = 0.0;
            }
            let line = game.spread.map(|s| match game.favorite {
                Some(f) if f == team => s,
                Some(_) => -s,
                None => 0.0,
            });
            let margin = scored.zip(allowed).map(|(f, a)| f - a);
            let ats_margin = margin.zip(line).map(|(m, l)| m + l);
            let su = margin.map(Outcome::of);
            let ats = ats_margin.map(Outcome::of);
            let ou = scored
                .zip(allowed)
                .zip(game.total)
                .map(|((f, a), t)| Outcome::of(f + a - t));
            let (t, o) = (&log.teams[team], &log.teams[opponent]);
            let averages = (h.played > 0).then(|| {
                (
                    h.points_for / f64::from(h.played),
                    h.points_against / f64::from(h.played),
                )
            });
            rows.push(TeamRow {
                game: g,
                opponent_row: base + 1 - k,
                team,
                opponent,
                season: game.season,
                week: if game.playoff {
                    None
                } else {
                    game.week.parse().ok()
                },
                playoff: game.playoff,
                site: if game.neutral {
                    "neutral"
                } else if home {
                    "home"
                } else {
                    "away"
                },
                favorite: game.favorite == Some(team),
                underdog: game.favorite == Some(opponent),
                line,
                total: game.total,
                points_for: scored,
                points_against: allowed,
                margin,
                ats_margin,
                su,
                ats,
                ou,
                rest_days: h.last_day.map(|d| f64::from(game.day - d)),
                prev_su: h.last.and_then(|l| l.0),
                prev_ats: h.last.and_then(|l| l.1),
                prev_margin: h.last.and_then(|l| l.2),
                su_streak: h.su_streak,
                ats_streak: h.ats_streak,
                ou_streak: h.ou_streak,
                games_played: h.played,
                points_for_avg: averages.map(|a| a.0),
                points_against_avg: averages.map(|a| a.1),
                division_game: !t.division.is_empty() && t.division == o.division,
                conference_game: t.conference == o.conference,
            });
            if margin.is_some() {
                h.last_day = Some(game.day);
                h.last = Some((su, ats, margin));
                h.su_streak = streak(h.su_streak, su);
                h.ats_streak = streak(h.ats_streak, ats);
                h.ou_streak = streak(h.ou_streak, ou);
                h.played += 1;
                h.points_for += scored.unwrap_or(0.0);
                h.points_against += allowed.unwrap_or(0.0);
            }
        }
    }
    rows
}
