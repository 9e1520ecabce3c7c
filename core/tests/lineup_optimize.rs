//! The lineup optimizer against an independent exact MILP (good_lp + microlp, `Method::Milp`)
//! on the four shared slates and on small random pools, plus validity checks computed from the
//! raw salary files: every slot filled by an eligible player, the cap, the sites' team and game
//! rules, every stack, exposure and repeating-player limits.

use std::collections::{BTreeSet, HashMap};

use edgekit::lineup::*;

mod common;
use common::{assert_valid, rules, slate};

/// Every bundled real slate.
const SLATES: [&str; 9] = [
    "dk_nfl",
    "dk_showdown",
    "dk_nba",
    "dk_nhl",
    "dk_mlb",
    "fd_nfl",
    "fd_mlb",
    "dk_soccer",
    "dk_tennis",
];

fn projections(lineups: &[Lineup]) -> Vec<f64> {
    lineups.iter().map(|l| l.projection).collect()
}

fn assert_same_values(a: &[f64], b: &[f64]) {
    assert_eq!(a.len(), b.len());
    for (k, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(
            (x - y).abs() < 1e-6,
            "lineup {}: search {x}, MILP {y}",
            k + 1
        );
    }
}

/// Each lineup of a run is the MILP's optimum given the run's earlier lineups (the property
/// portfolio rules promise; with ties, two exact methods may pick different but equal lineups
/// and then legitimately diverge, so whole sequences are not compared).
fn assert_each_optimal_given_earlier(slate: &Slate, r: &Rules, run: &[Lineup]) {
    let milp = Optimizer::new(slate, r.clone())
        .unwrap()
        .method(Method::Milp);
    for j in 0..run.len() {
        // The rest of the run keeps exposure fractions over the same total; its first lineup
        // is the optimum given the earlier ones.
        let best = milp.extend(&run[..j], run.len() - j, None).unwrap();
        assert!(
            (best[0].projection - run[j].projection).abs() < 1e-6,
            "lineup {}: search {}, MILP {} given the same earlier lineups",
            j + 1,
            run[j].projection,
            best[0].projection
        );
    }
}

fn both(slate: &Slate, n: usize, r: &Rules) -> (Vec<Lineup>, Vec<Lineup>) {
    let fast = Optimizer::new(slate, r.clone())
        .unwrap()
        .optimize(n, None)
        .unwrap();
    let milp = Optimizer::new(slate, r.clone())
        .unwrap()
        .method(Method::Milp)
        .optimize(n, None)
        .unwrap();
    for l in fast.iter().chain(&milp) {
        assert_valid(slate, l);
    }
    assert_same_values(&projections(&fast), &projections(&milp));
    (fast, milp)
}

#[test]
fn every_shared_slate_matches_the_milp() {
    for name in SLATES {
        let s = slate(name);
        let (fast, _) = both(&s, 3, &Rules::default());
        assert!(fast.windows(2).all(|w| w[0].projection >= w[1].projection));
    }
}

#[test]
fn stacks_and_bring_back_match_the_milp_and_hold() {
    let s = slate("dk_nfl");
    let r = rules(
        r#"{"stacks": [{"type": "positions", "positions": ["QB", "WR|TE", "WR|TE"], "bring_back": ["WR|TE|RB"]}]}"#,
    );
    let (fast, _) = both(&s, 3, &r);
    for l in &fast {
        let qb = l.players.iter().find(|p| p.slot == "QB").unwrap();
        let mates = l
            .players
            .iter()
            .filter(|p| p.team == qb.team && (p.position == "WR" || p.position == "TE"))
            .count();
        assert!(mates >= 2, "{l:?}");
        let opponent = s.players[qb.row].opponent.clone().unwrap();
        assert!(
            l.players
                .iter()
                .any(|p| p.team == opponent && p.position != "DST")
        );
    }
    // Game stacks: checked as a property (microlp needs ~40 s for this model; the search 0.3 s).
    let game = rules(r#"{"stacks": [{"type": "game", "size": 4, "min_from_each_team": 1}]}"#);
    let unstacked = optimize(&s, 1, &Rules::default(), None).unwrap()[0].projection;
    for l in optimize(&s, 2, &game, None).unwrap() {
        assert_valid(&s, &l);
        assert!(l.projection <= unstacked);
        let met = l.players.iter().any(|p| {
            let g = s.players[p.row].game.clone();
            let in_game: Vec<&LineupPlayer> = l
                .players
                .iter()
                .filter(|q| s.players[q.row].game == g)
                .collect();
            let teams: BTreeSet<&str> = in_game.iter().map(|q| q.team.as_str()).collect();
            in_game.len() >= 4 && teams.len() == 2
        });
        assert!(met, "{l:?}");
    }
    let team = rules(r#"{"stacks": [{"type": "team", "size": 3, "teams": ["KC", "LAR"]}]}"#);
    let (fast, _) = both(&s, 2, &team);
    for l in &fast {
        let kc = l.players.iter().filter(|p| p.team == "KC").count();
        let lar = l.players.iter().filter(|p| p.team == "LAR").count();
        assert!(kc >= 3 || lar >= 3);
    }
}

#[test]
fn team_opponent_salary_group_and_lock_rules_match_the_milp() {
    let s = slate("dk_nfl");
    let r = rules(
        r#"{"max_per_team": 2, "min_teams": 6, "min_salary": 49800,
            "restrict_opposing": [{"positions": ["DST"], "opposing": ["QB", "RB", "WR", "TE"]}],
            "locks": ["Christian McCaffrey"], "excludes": ["Michael Thomas"],
            "groups": [{"players": ["Patrick Mahomes", "Lamar Jackson", "Deshaun Watson"], "max": 0}]}"#,
    );
    let (fast, _) = both(&s, 3, &r);
    for l in &fast {
        assert!(l.salary >= 49_800);
        assert!(l.players.iter().any(|p| p.name == "Christian McCaffrey"));
        assert!(
            !l.players
                .iter()
                .any(|p| p.name == "Michael Thomas" || p.name == "Patrick Mahomes")
        );
        let teams: BTreeSet<_> = l.players.iter().map(|p| p.team.as_str()).collect();
        assert!(teams.len() >= 6);
    }
    // A lock into a showdown slot, and a group with a dependency.
    let sd = slate("dk_showdown");
    let r = rules(
        r#"{"locks": [{"player": "T.Y. Hilton", "slot": "CPT"}],
            "groups": [{"players": ["Andrew Luck"], "min": 1, "depends_on": "T.Y. Hilton"}]}"#,
    );
    let (fast, _) = both(&sd, 4, &r);
    for l in &fast {
        assert_eq!(l.players[0].name, "T.Y. Hilton");
        assert!(l.players.iter().any(|p| p.name == "Andrew Luck"));
    }
    // NBA: the multi-position automaton under a team limit.
    both(&slate("dk_nba"), 3, &rules(r#"{"max_per_team": 2}"#));
}

#[test]
fn portfolio_rules_hold_over_the_run_and_each_lineup_is_optimal_given_the_earlier_ones() {
    let s = slate("dk_showdown");
    let r = rules(r#"{"max_exposure": 0.5, "max_repeating": 4}"#);
    let fast = optimize(&s, 10, &r, None).unwrap();
    assert_each_optimal_given_earlier(&s, &r, &fast);
    for l in &fast {
        assert_valid(&s, l);
    }
    let people = |l: &Lineup| -> BTreeSet<(String, String)> {
        l.players
            .iter()
            .map(|p| (p.name.clone(), p.team.clone()))
            .collect()
    };
    for (a, la) in fast.iter().enumerate() {
        for lb in &fast[a + 1..] {
            assert!(people(la).intersection(&people(lb)).count() <= 4);
        }
    }
    let mut count: HashMap<(String, String), usize> = HashMap::new();
    for l in &fast {
        for p in people(l) {
            *count.entry(p).or_default() += 1;
        }
    }
    assert!(count.values().all(|&c| c <= 5), "{count:?}");
}

#[test]
fn small_random_pools_give_the_milp_k_best_sequence() {
    let mut rng = fastrand::Rng::with_seed(7);
    let teams = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"];
    for round in 0..3 {
        let mut csv = String::from(
            "Position,Name + ID,Name,ID,Roster Position,Salary,Game Info,TeamAbbrev,AvgPointsPerGame\n",
        );
        let mut id = 1000;
        for (pos, count) in [("QB", 5), ("RB", 8), ("WR", 10), ("TE", 5), ("DST", 4)] {
            for _ in 0..count {
                let t = rng.usize(0..teams.len());
                let (home, away) = if t.is_multiple_of(2) {
                    (teams[t], teams[t + 1])
                } else {
                    (teams[t], teams[t - 1])
                };
                let salary = 3000 + 100 * rng.u32(0..60);
                let points = (salary as f64 / 400.0 + rng.f64() * 8.0).round();
                csv.push_str(&format!(
                    "{pos},P{id} ({id}),P{id},{id},{pos}/FLEX,{salary},{away}@{home} 09/08/2019 01:00PM ET,{home},{points}\n"
                ));
                id += 1;
            }
        }
        let s = Slate::from_csv_str(&csv, Site::DraftKings, Sport::Nfl, None).unwrap();
        // Integer points make exact ties common: the sequences must still agree value by value.
        both(&s, 12, &Rules::default());
        if round == 0 {
            let r = rules(r#"{"max_repeating": 6, "max_per_team": 3, "max_exposure": 0.7}"#);
            let run = optimize(&s, 8, &r, None).unwrap();
            assert_each_optimal_given_earlier(&s, &r, &run);
        }
    }
}

#[test]
fn infeasible_rules_are_named() {
    let s = slate("dk_nfl");
    let err = optimize(
        &s,
        1,
        &rules(r#"{"locks": ["Patrick Mahomes", "Lamar Jackson"], "max_per_team": 3}"#),
        None,
    )
    .unwrap_err();
    match &err {
        LineupError::Infeasible { rules, .. } => {
            assert_eq!(
                rules,
                &["lock Patrick Mahomes", "lock Lamar Jackson"],
                "{err}"
            );
        }
        other => panic!("{other}"),
    }
    assert_eq!(
        edgekit::Error::from(err).code().as_str(),
        "EDGEKIT_INFEASIBLE"
    );

    let err = optimize(
        &s,
        1,
        &rules(
            r#"{"max_per_team": 2, "stacks": [{"type": "positions", "positions": ["QB", "WR", "WR"]}]}"#,
        ),
        None,
    )
    .unwrap_err();
    let LineupError::Infeasible { rules: names, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(names.len(), 2, "{err}");
    assert!(
        names[0].starts_with("max_per_team 2") && names[1].starts_with("stacks[0]"),
        "{err}"
    );

    // Portfolio limits that cannot hold are refused before any lineup is built.
    let err = optimize(
        &s,
        10,
        &rules(r#"{"locks": ["Saquon Barkley"], "max_exposure": 0.5}"#),
        None,
    )
    .unwrap_err();
    assert!(matches!(err, LineupError::Infeasible { .. }), "{err}");
    assert!(err.to_string().contains("Saquon Barkley"), "{err}");
}

#[test]
fn bad_rules_name_the_rule() {
    let s = slate("dk_nfl");
    let cases = [
        (r#"{"locks": ["Nobody Atall"]}"#, "locks[0]"),
        (r#"{"exclude_teams": ["XYZ"]}"#, "exclude_teams[0]"),
        (
            r#"{"stacks": [{"type": "positions", "positions": ["QB", "PG"]}]}"#,
            "stacks[0]",
        ),
        (r#"{"max_exposure": 1.5}"#, "max_exposure"),
        (
            r#"{"locks": [{"player": "Saquon Barkley", "slot": "CPT"}]}"#,
            "locks[0]",
        ),
    ];
    for (json, rule) in cases {
        let err = Optimizer::new(&s, rules(json)).err().expect(json);
        assert!(
            matches!(&err, LineupError::Rule { rule: r, .. } if r == rule),
            "{json}: {err}"
        );
    }
    assert!(serde_json::from_str::<Rules>(r#"{"max_exposur": 0.5}"#).is_err());
}

#[test]
fn randomized_runs_repeat_with_their_seed_and_stay_valid() {
    let s = slate("dk_nfl");
    let r = rules(r#"{"randomness": {"mode": "std", "scale": 1.0}}"#);
    let a = optimize(&s, 5, &r, Some(11)).unwrap();
    let b = optimize(&s, 5, &r, Some(11)).unwrap();
    let c = optimize(&s, 5, &r, Some(12)).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, c);
    let ids: BTreeSet<Vec<&str>> = a.iter().map(|l| l.player_ids()).collect();
    assert_eq!(ids.len(), 5, "distinct lineups");
    for l in a.iter().chain(&c) {
        assert_valid(&s, l);
    }
    let best = optimize(&s, 1, &Rules::default(), None).unwrap()[0].projection;
    assert!(a.iter().all(|l| l.projection <= best + 1e-9));
}

#[test]
fn min_exposure_from_the_projections_file_is_met() {
    let mut s = slate("dk_nfl");
    s.merge_projections_str("name,team,projection,min_exposure\nAustin Ekeler,LAC,14.0,0.4\n")
        .unwrap();
    let lineups = optimize(&s, 10, &Rules::default(), None).unwrap();
    let with = lineups
        .iter()
        .filter(|l| l.players.iter().any(|p| p.name == "Austin Ekeler"))
        .count();
    assert!(with >= 4, "{with}");
    for l in &lineups {
        assert_valid(&s, l);
    }
}

#[test]
fn upload_csv_round_trips_on_every_slate() {
    for name in SLATES {
        let s = slate(name);
        let lineups = optimize(&s, 5, &Rules::default(), None).unwrap();
        let text = upload_csv(&s, &lineups);
        assert_eq!(text.lines().count(), 6);
        assert_eq!(read_upload_csv(&s, &text).unwrap(), lineups, "{name}");
        let json = serde_json::to_string(&lineups).unwrap();
        let back: Vec<Lineup> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, lineups);
        assert_eq!(
            readable_csv(&lineups).lines().count(),
            1 + 5 * s.roster.slots.len()
        );
    }
    // A DraftKings entries file: slot columns after the entry columns, cells "Name (ID)".
    let s = slate("dk_nfl");
    let l = &optimize(&s, 1, &Rules::default(), None).unwrap()[0];
    let cells: Vec<String> = l
        .players
        .iter()
        .map(|p| format!("{} ({})", p.name, p.id))
        .collect();
    let entries = format!(
        "Entry ID,Contest Name,Contest ID,Entry Fee,QB,RB,RB,WR,WR,WR,TE,FLEX,DST\n1,Main,9,$3,{}\n",
        cells.join(",")
    );
    assert_eq!(&read_upload_csv(&s, &entries).unwrap()[0], l);
    let bad = "QB,RB,RB,WR,WR,WR,TE,FLEX,DST\n1,2,3,4,5,6,7,8,9\n";
    let err = read_upload_csv(&s, bad).unwrap_err();
    assert!(err.to_string().starts_with("line 2:"), "{err}");
}

#[test]
fn portfolio_mode_is_seeded_greedy_on_the_expected_best() {
    let s = slate("dk_nfl");
    let options = PortfolioOptions {
        simulations: 400,
        candidates: 60,
        ..Default::default()
    };
    // Exposure 0.6 of 8 (4 lineups each) exhausts these 60 near-copies: the exact optimizer
    // then continues the chosen set, so the run still completes within the limit.
    let tight = rules(r#"{"max_exposure": 0.6}"#);
    let p = portfolio(&s, 8, &tight, 3, &options).unwrap();
    assert!(p.candidates > 60);
    let mut count: HashMap<&str, usize> = HashMap::new();
    for l in &p.lineups {
        for q in &l.lineup.players {
            *count.entry(q.id.as_str()).or_default() += 1;
        }
    }
    assert!(count.values().all(|&c| c <= 4), "{count:?}");

    let r = rules(r#"{"max_exposure": 0.75}"#);
    let a = portfolio(&s, 8, &r, 3, &options).unwrap();
    assert_eq!(a, portfolio(&s, 8, &r, 3, &options).unwrap());
    assert_ne!(a, portfolio(&s, 8, &r, 4, &options).unwrap());
    assert_eq!(a.candidates, 60);
    // Greedy gains of a monotone submodular objective are non-negative and non-increasing.
    for w in a.lineups.windows(2) {
        assert!(w[1].gain >= -1e-9 && w[1].gain <= w[0].gain + 1e-9);
    }
    let total: f64 = a.lineups.iter().map(|l| l.gain).sum();
    assert!((total - a.expected_best).abs() < 1e-6);
    assert!(a.expected_best >= a.lineups.iter().map(|l| l.mean).fold(f64::MIN, f64::max) - 1e-9);
    let mut count: HashMap<&str, usize> = HashMap::new();
    for l in &a.lineups {
        assert_valid(&s, &l.lineup);
        assert!(l.p90 >= l.mean - 1e-9 && l.std > 0.0);
        for p in &l.lineup.players {
            *count.entry(p.id.as_str()).or_default() += 1;
        }
    }
    assert!(count.values().all(|&c| c <= 6), "{count:?}");

    // Without spread every simulation is the projection: the portfolio is the k-best order.
    let mut flat = s.clone();
    for p in &mut flat.players {
        p.extra.std = Some(0.0);
    }
    let p = portfolio(&flat, 5, &Rules::default(), 1, &options).unwrap();
    let top = optimize(&flat, 5, &Rules::default(), None).unwrap();
    let got: Vec<Lineup> = p.lineups.into_iter().map(|l| l.lineup).collect();
    assert_eq!(got, top);
}

#[test]
fn captain_only_exposure_caps_captains_and_matches_the_milp() {
    let s = slate("dk_showdown");
    let r = rules(r#"{"max_captain_exposure": 0.2}"#);
    let run = optimize(&s, 10, &r, None).unwrap();
    assert_each_optimal_given_earlier(&s, &r, &run);
    let mut captains: HashMap<&str, usize> = HashMap::new();
    for l in &run {
        *captains.entry(l.players[0].name.as_str()).or_default() += 1;
    }
    assert!(captains.values().all(|&c| c <= 2), "{captains:?}");
    // Without the cap the top ten use fewer captains.
    let free = optimize(&s, 10, &Rules::default(), None).unwrap();
    let free_captains: BTreeSet<&str> = free.iter().map(|l| l.players[0].name.as_str()).collect();
    assert!(free_captains.len() < captains.len());
}

#[test]
fn optimize_up_to_returns_every_lineup_that_exists_when_fewer_than_asked() {
    // Seven players in a showdown: 7 captains × C(6, 5) flex sets = 42 lineups, all under the
    // cap and all holding both teams (a team has at most four players).
    let mut csv = String::from(
        "Position,Name + ID,Name,ID,Roster Position,Salary,Game Info,TeamAbbrev,AvgPointsPerGame\n",
    );
    for k in 0..7 {
        let team = if k < 4 { "AAA" } else { "BBB" };
        let name = format!("Player {k}");
        for (slot, id, salary) in [("CPT", 100 + k, 1500), ("FLEX", 200 + k, 1000)] {
            csv.push_str(&format!(
                "WR,{name} ({id}),{name},{id},{slot},{salary},AAA@BBB 01/05/2019 04:35PM ET,{team},{}\n",
                5 + k
            ));
        }
    }
    let s =
        Slate::from_csv_str(&csv, Site::DraftKings, Sport::Nfl, Some(Contest::Showdown)).unwrap();
    let optimizer = Optimizer::new(&s, Rules::default()).unwrap();
    let all = optimizer.optimize_up_to(100, None).unwrap();
    assert_eq!(all.len(), 42);
    let distinct: BTreeSet<Vec<String>> = all
        .iter()
        .map(|l| l.players.iter().map(|p| p.id.clone()).collect())
        .collect();
    assert_eq!(distinct.len(), 42);
    assert!(all.windows(2).all(|w| w[0].projection >= w[1].projection));
    assert_eq!(optimizer.optimize_up_to(10, None).unwrap(), all[..10]);
    assert!(matches!(
        optimizer.optimize(100, None),
        Err(LineupError::Infeasible { .. })
    ));
    // Rules no lineup meets: none, not an error.
    let none = Optimizer::new(&s, rules(r#"{"min_salary": 50000}"#)).unwrap();
    assert!(none.optimize_up_to(5, None).unwrap().is_empty());
}

/// Opposing players at the restricted positions each first player faces, in a lineup.
fn most_facing(s: &Slate, l: &Lineup, first: &[&str], second: &[&str]) -> usize {
    let at = |p: &LineupPlayer, ps: &[&str]| p.position.split('/').any(|x| ps.contains(&x));
    let opponent = |p: &LineupPlayer| s.players[p.row].opponent.clone();
    l.players
        .iter()
        .filter(|x| at(x, first))
        .map(|x| {
            l.players
                .iter()
                .filter(|y| y.row != x.row && at(y, second))
                .filter(|y| opponent(x).as_deref() == Some(y.team.as_str()))
                .count()
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn opposing_limits_with_max_allowed_and_same_team_restrictions_match_the_milp() {
    // Showdown: one game, so every player faces the other side. Unrestricted, the best
    // lineups' QB faces up to four opposing skill players and most pair a QB with his own RB.
    let s = slate("dk_showdown");
    let skill = ["RB", "WR", "TE"];
    let free = optimize(&s, 40, &Rules::default(), None).unwrap();
    assert!(
        free.iter()
            .any(|l| most_facing(&s, l, &["QB"], &skill) >= 3)
    );
    for allowed in [0usize, 1, 2] {
        let r = rules(&format!(
            r#"{{"restrict_opposing": [{{"positions": ["QB"], "opposing": ["RB", "WR", "TE"], "max_allowed": {allowed}}}]}}"#
        ));
        let (fast, _) = both(&s, 5, &r);
        for l in &fast {
            assert!(
                most_facing(&s, l, &["QB"], &skill) <= allowed,
                "{allowed}: {l:?}"
            );
        }
    }
    let same_team = |l: &Lineup, a: &str, b: &str| {
        l.players.iter().any(|x| {
            x.position == a
                && l.players.iter().any(|y| {
                    y.row != x.row && y.name != x.name && y.team == x.team && y.position == b
                })
        })
    };
    assert!(free.iter().any(|l| same_team(l, "QB", "RB")));
    assert!(free.iter().any(|l| same_team(l, "RB", "RB")));
    let r = rules(
        r#"{"restrict_same_team": [{"positions": ["QB"], "teammates": ["RB"]}, {"positions": ["RB"], "teammates": ["RB"]}]}"#,
    );
    let (fast, _) = both(&s, 5, &r);
    for l in &fast {
        assert!(
            !same_team(l, "QB", "RB") && !same_team(l, "RB", "RB"),
            "{l:?}"
        );
    }
    assert!(
        optimize(
            &s,
            1,
            &rules(r#"{"locks": ["Marlon Mack", "Nyheim Hines"]}"#),
            None
        )
        .is_ok()
    );
    // Named when they make a lineup impossible: two locked teammates at RB.
    let err = optimize(
        &s,
        1,
        &rules(
            r#"{"locks": ["Marlon Mack", "Nyheim Hines"],
                "restrict_same_team": [{"positions": ["RB"], "teammates": ["RB"]}]}"#,
        ),
        None,
    )
    .unwrap_err();
    match err {
        LineupError::Infeasible { rules, message } => {
            assert!(
                rules.iter().any(|r| r == "restrict_same_team[0]"),
                "{rules:?} {message}"
            );
        }
        other => panic!("{other:?}"),
    }
    let err = optimize(
        &s,
        1,
        &rules(
            r#"{"locks": ["Andrew Luck", "DeAndre Hopkins"],
                "restrict_opposing": [{"positions": ["QB"], "opposing": ["WR"]}]}"#,
        ),
        None,
    )
    .unwrap_err();
    match err {
        LineupError::Infeasible { rules, .. } => {
            assert!(
                rules.iter().any(|r| r == "restrict_opposing[0]"),
                "{rules:?}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn team_exposure_caps_hold_over_the_run_and_each_lineup_is_optimal_given_the_earlier_ones() {
    let s = slate("dk_nba");
    let free = optimize(&s, 8, &Rules::default(), None).unwrap();
    let teams_in = |run: &[Lineup]| {
        let mut count: HashMap<String, usize> = HashMap::new();
        for l in run {
            let teams: BTreeSet<&str> = l.players.iter().map(|p| p.team.as_str()).collect();
            for t in teams {
                *count.entry(t.to_owned()).or_default() += 1;
            }
        }
        count
    };
    let busiest = teams_in(&free).into_iter().max_by_key(|(_, c)| *c).unwrap();
    assert!(busiest.1 > 6, "{busiest:?}");
    let r = rules(&format!(
        r#"{{"max_team_exposure": 0.75, "team_exposures": [{{"team": "{}", "max_exposure": 0.25}}]}}"#,
        busiest.0
    ));
    let run = optimize(&s, 8, &r, None).unwrap();
    let count = teams_in(&run);
    assert!(
        count.get(&busiest.0).copied().unwrap_or(0) <= 2,
        "{count:?}"
    );
    assert!(count.values().all(|&c| c <= 6), "{count:?}");
    assert_each_optimal_given_earlier(&s, &r, &run);
    // Refused outside [0, 1] and for a team not on the slate.
    for bad in [
        r#"{"max_team_exposure": 1.5}"#,
        r#"{"team_exposures": [{"team": "ZZZ", "max_exposure": 0.5}]}"#,
    ] {
        assert!(matches!(
            Optimizer::new(&s, rules(bad)),
            Err(LineupError::Rule { .. })
        ));
    }
}
