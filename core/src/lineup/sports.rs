//! What the contest simulation knows of each sport, one table row per sport: who plays alone,
//! whose points fall as the opponent's rise, who shares a passing game, and the stack the
//! candidate pool is built around and the field uses.

use super::roster::Sport::{self, *};

/// A sport's traits.
pub(crate) struct SportTraits {
    pub sport: Sport,
    /// Each entrant competes alone (golf, MMA, NASCAR, tennis): no teammates, no stacks, and
    /// head-to-head opponents (a fight, a match) move in opposite directions.
    pub individual: bool,
    /// Positions whose points fall as the opposing offense's rise (a defense, a pitcher, a
    /// goalie).
    pub against_opponent: &'static [&'static str],
    /// Positions sharing a team's passing game.
    pub passing: &'static [&'static str],
    /// Stack anchors: one of these first (empty: any partner starts the stack).
    pub stack_anchors: &'static [&'static str],
    /// Positions joining the stack (empty: any position).
    pub stack_partners: &'static [&'static str],
    /// Players in a stack, anchor included (0: the sport does not stack).
    pub stack_size: usize,
    /// Share of simulated field lineups built around a stack.
    pub field_stack_rate: f64,
}

const fn team_sport(
    sport: Sport,
    against_opponent: &'static [&'static str],
    stack_partners: &'static [&'static str],
    stack_size: usize,
    field_stack_rate: f64,
) -> SportTraits {
    SportTraits {
        sport,
        individual: false,
        against_opponent,
        passing: &[],
        stack_anchors: &[],
        stack_partners,
        stack_size,
        field_stack_rate,
    }
}

/// A QB and a pass catcher; a defense against the opposing offense.
const fn football(sport: Sport, pass_catchers: &'static [&'static str]) -> SportTraits {
    SportTraits {
        sport,
        individual: false,
        against_opponent: &["DST", "D", "DEF"],
        passing: &["QB", "WR", "TE"],
        stack_anchors: &["QB"],
        stack_partners: pass_catchers,
        stack_size: 2,
        field_stack_rate: 0.7,
    }
}

const fn individual(sport: Sport) -> SportTraits {
    SportTraits {
        sport,
        individual: true,
        against_opponent: &[],
        passing: &[],
        stack_anchors: &[],
        stack_partners: &[],
        stack_size: 0,
        field_stack_rate: 0.0,
    }
}

const TRAITS: &[SportTraits] = &[
    football(Nfl, &["WR", "TE"]),
    football(Cfb, &["WR", "TE"]),
    football(Cfl, &["WR"]),
    // Basketball lineups pair teammates in the candidate pool; fields rarely stack them.
    team_sport(Nba, &[], &[], 2, 0.0),
    team_sport(Wnba, &[], &[], 2, 0.0),
    team_sport(
        Mlb,
        &["P", "SP", "RP"],
        &["C", "1B", "2B", "3B", "SS", "OF"],
        4,
        0.6,
    ),
    team_sport(Nhl, &["G"], &["C", "W", "LW", "RW", "D"], 3, 0.5),
    team_sport(Soccer, &["GK"], &["F", "M"], 2, 0.4),
    // A League of Legends team's players win together.
    team_sport(Lol, &[], &[], 3, 0.5),
    individual(Tennis),
    individual(Golf),
    individual(Mma),
    individual(Nascar),
];

impl Sport {
    pub(crate) fn traits(self) -> &'static SportTraits {
        // The table has a row per sport; the test below holds it to that.
        TRAITS
            .iter()
            .find(|t| t.sport == self)
            .unwrap_or(&TRAITS[0])
    }

    /// Whether a player at any of `positions` scores against the opposing offense.
    pub(crate) fn is_against_opponent(self, positions: &[String]) -> bool {
        let against = self.traits().against_opponent;
        positions.iter().any(|p| against.contains(&p.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sport_has_one_row() {
        for t in TRAITS {
            assert_eq!(TRAITS.iter().filter(|u| u.sport == t.sport).count(), 1);
            assert_eq!(t.sport.traits().sport, t.sport);
        }
        let every: Vec<Sport> = super::super::roster::Roster::supported()
            .into_iter()
            .map(|(_, s, _)| s)
            .collect();
        for s in every {
            assert_eq!(s.traits().sport, s, "{}", s.as_str());
        }
    }
}
