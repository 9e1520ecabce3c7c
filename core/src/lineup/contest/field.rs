//! The simulated field: the other entries of a contest, each a valid lineup on the site built
//! the way real fields build them — players drawn by projected ownership, a share of lineups
//! built around a stack, salary used nearly to the cap — then reweighted over a few rounds so
//! the field's ownership comes close to the projections (drawing slot by slot over-picks
//! players eligible for several slots; the rounds undo that).

use serde::{Deserialize, Serialize};

use super::builder::Builder;
use super::outcomes::stream_seed;
use crate::lineup::error::LineupError;
use crate::lineup::slate::Slate;

/// How the simulated field builds its lineups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct FieldModel {
    /// Share of field lineups built around a stack (default: the sport's, in `lineup/sports.rs`:
    /// NFL and college 0.7, MLB 0.6, NHL and League of Legends 0.5, soccer 0.4; basketball,
    /// single-game contests and sports played alone 0).
    pub stack_rate: Option<f64>,
    /// Players in such a stack (default: NFL 2, a QB and a pass catcher; MLB 4 hitters; NHL 3
    /// skaters; League of Legends 3).
    pub stack_size: Option<usize>,
    /// Least salary a field lineup spends, as a share of the cap (default 0.98).
    pub min_salary_share: f64,
    /// Most a field lineup's projection may fall short of the optimal lineup's, as a share of
    /// it (default 0.25; a stack-built lineup may fall 1.25 times as far short). Real fields are
    /// built by people chasing points, not drawn at random.
    pub max_off_optimal: f64,
    /// Rounds of reweighting toward the projected ownership (default 4; 0 draws by ownership
    /// as given).
    pub calibration_rounds: usize,
}

impl Default for FieldModel {
    fn default() -> Self {
        FieldModel {
            stack_rate: None,
            stack_size: None,
            min_salary_share: 0.98,
            max_off_optimal: 0.25,
            calibration_rounds: 4,
        }
    }
}

/// One player's projected ownership and his share of the simulated field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct FieldOwnership {
    /// Site ID.
    pub id: String,
    /// Name.
    pub name: String,
    /// Roster slot the row is for (showdown captain rows), if any.
    pub roster_slot: Option<String>,
    /// Projected ownership, percent.
    pub projected: f64,
    /// Percent of field lineups holding the row.
    pub field: f64,
}

/// What the simulated field looks like.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct FieldSummary {
    /// Field lineups (the contest's entries less the user's).
    pub entries: usize,
    /// Mean salary of a field lineup.
    pub mean_salary: f64,
    /// Mean projection of a field lineup.
    pub mean_projection: f64,
    /// Projection of the optimal lineup under the site's rules, the field's yardstick.
    pub optimal_projection: f64,
    /// Share built around a stack.
    pub stacked_share: f64,
    /// Share of field lineups identical to another field lineup.
    pub duplicate_share: f64,
    /// Mean absolute gap between projected and field ownership over the rows with projected
    /// ownership, percentage points.
    pub ownership_gap: f64,
    /// Every row with projected or field ownership, most owned first.
    pub ownership: Vec<FieldOwnership>,
}

/// The field's lineups as slate rows in roster slot order, `width` per lineup.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub rows: Vec<u32>,
    pub width: usize,
    pub stacked: usize,
}

impl Field {
    pub fn len(&self) -> usize {
        self.rows.len() / self.width.max(1)
    }
    pub fn lineup(&self, i: usize) -> &[u32] {
        &self.rows[i * self.width..(i + 1) * self.width]
    }
}

/// Percent of field lineups holding each row.
fn exposure(field: &Field, rows: usize) -> Vec<f64> {
    let mut count = vec![0usize; rows];
    for &r in &field.rows {
        count[r as usize] += 1;
    }
    let n = field.len().max(1) as f64;
    count.iter().map(|&c| 100.0 * c as f64 / n).collect()
}

/// Rows' projected ownership, checked: at least one row has some.
pub(crate) fn projected_ownership(slate: &Slate) -> Result<Vec<f64>, LineupError> {
    let own: Vec<f64> = slate
        .players
        .iter()
        .map(|p| {
            p.extra
                .ownership
                .filter(|o| o.is_finite() && *o > 0.0)
                .unwrap_or(0.0)
        })
        .collect();
    if own.iter().all(|&o| o == 0.0) {
        return Err(LineupError::Rule {
            rule: "field".into(),
            message: "the field is drawn from projected ownership and no player has any: merge projections with an ownership column".into(),
        });
    }
    Ok(own)
}

/// Samples `entries` field lineups (seeded), calibrated toward the projected ownership.
pub(crate) fn sample_field(
    slate: &Slate,
    person_of_row: &[u32],
    model: &FieldModel,
    entries: usize,
    seed: u64,
) -> Result<(Field, FieldSummary), LineupError> {
    let target = projected_ownership(slate)?;
    crate::limits::check_count("calibration_rounds", model.calibration_rounds, 0, 50)?;
    let optimal = crate::lineup::optimizer::optimize(slate, 1, &Default::default(), None)?
        .first()
        .map_or(0.0, |l| l.projection);
    let mut weights = target.clone();
    let pilot = entries.clamp(1, 2_000);
    for round in 0..model.calibration_rounds {
        let builder = Builder::new(slate, person_of_row, model, &weights, optimal)?;
        let trial = builder.field(pilot, stream_seed(seed, 1_000 + round as u64))?;
        let seen = exposure(&trial, slate.players.len());
        for ((w, &t), &s) in weights.iter_mut().zip(&target).zip(&seen) {
            if t > 0.0 {
                *w *= if s > 0.0 {
                    (t / s).powf(0.75).clamp(0.25, 4.0)
                } else {
                    4.0
                };
            }
        }
    }
    let builder = Builder::new(slate, person_of_row, model, &weights, optimal)?;
    let field = builder.field(entries, seed)?;
    let seen = exposure(&field, slate.players.len());
    let mut ownership: Vec<FieldOwnership> = slate
        .players
        .iter()
        .enumerate()
        .filter(|(r, _)| target[*r] > 0.0 || seen[*r] > 0.0)
        .map(|(r, p)| FieldOwnership {
            id: p.id.clone(),
            name: p.name.clone(),
            roster_slot: p.roster_slot.clone(),
            projected: target[r],
            field: seen[r],
        })
        .collect();
    ownership.sort_by(|a, b| {
        b.projected
            .total_cmp(&a.projected)
            .then(b.field.total_cmp(&a.field))
    });
    let owned: Vec<&FieldOwnership> = ownership.iter().filter(|o| o.projected > 0.0).collect();
    let ownership_gap = owned
        .iter()
        .map(|o| (o.projected - o.field).abs())
        .sum::<f64>()
        / owned.len().max(1) as f64;
    let n = field.len();
    let mean_salary = field
        .rows
        .iter()
        .map(|&r| f64::from(slate.players[r as usize].salary))
        .sum::<f64>()
        / n.max(1) as f64;
    let mut sorted: Vec<Vec<u32>> = (0..n)
        .map(|i| {
            let mut l: Vec<u32> = field.lineup(i).to_vec();
            l.sort_unstable();
            l
        })
        .collect();
    sorted.sort_unstable();
    let mut duplicates = 0;
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && sorted[j] == sorted[i] {
            j += 1;
        }
        if j - i > 1 {
            duplicates += j - i;
        }
        i = j;
    }
    let mean_projection =
        (0..n).map(|i| builder.points(field.lineup(i))).sum::<f64>() / n.max(1) as f64;
    let summary = FieldSummary {
        entries: n,
        mean_salary,
        mean_projection,
        optimal_projection: optimal,
        stacked_share: field.stacked as f64 / n.max(1) as f64,
        duplicate_share: duplicates as f64 / n.max(1) as f64,
        ownership_gap,
        ownership,
    };
    Ok((field, summary))
}
