//! Late swap: started players keep their slots, other players of started games are out, and
//! the entries are swapped in order as one portfolio (distinct, exposure over all of them),
//! each one the MILP's optimum given the entries swapped before it.

use std::collections::{BTreeSet, HashMap};

use edgekit::lineup::*;

mod common;
use common::{assert_valid, rules, slate};

fn game_of(s: &Slate, p: &LineupPlayer) -> String {
    s.players[p.row].game.clone().unwrap()
}

#[test]
fn late_swap_keeps_started_games_and_reoptimizes_the_rest() {
    let s = slate("dk_nfl");
    let run = optimize(&s, 3, &Rules::default(), None).unwrap();
    // An entries file as DraftKings writes it, read back.
    let cells: Vec<String> = run[2]
        .players
        .iter()
        .map(|p| format!("{} ({})", p.name, p.id))
        .collect();
    let entries_csv = format!(
        "Entry ID,Contest Name,Contest ID,Entry Fee,QB,RB,RB,WR,WR,WR,TE,FLEX,DST\n1,Main,9,$3,{}\n",
        cells.join(",")
    );
    let entries = read_upload_csv(&s, &entries_csv).unwrap();
    let qb = &entries[0].players[0];
    let game = s.players[qb.row].game.clone().unwrap();
    let r = rules(r#"{"max_per_team": 3}"#);
    let optimizer = Optimizer::new(&s, r.clone()).unwrap();
    let swapped = optimizer.late_swap(&entries, &[game.as_str()]).unwrap();
    let milp = Optimizer::new(&s, r)
        .unwrap()
        .method(Method::Milp)
        .late_swap(&entries, &[game.as_str()])
        .unwrap();
    assert!((swapped[0].projection - milp[0].projection).abs() < 1e-6);
    let l = &swapped[0];
    assert_valid(&s, l);
    for (old, new) in entries[0].players.iter().zip(&l.players) {
        if s.players[old.row].game.as_deref() == Some(game.as_str()) {
            assert_eq!(old, new, "a started player keeps his slot");
        } else {
            assert_ne!(
                s.players[new.row].game.as_deref(),
                Some(game.as_str()),
                "no new player from a started game"
            );
        }
    }
    assert!(l.projection >= entries[0].projection - 1e-9);
}

#[test]
fn entries_are_swapped_as_one_portfolio() {
    let s = slate("dk_nfl");
    // Six near-identical entries (the six best lineups) after the first one's QB game and its
    // DST game have started.
    let entries = optimize(&s, 6, &Rules::default(), None).unwrap();
    let started = [
        game_of(&s, &entries[0].players[0]),
        game_of(&s, &entries[0].players[8]),
    ];
    let started: Vec<&str> = started.iter().map(String::as_str).collect();
    let r = rules(r#"{"max_exposure": 0.5}"#);
    let optimizer = Optimizer::new(&s, r.clone()).unwrap();
    let swapped = optimizer.late_swap(&entries, &started).unwrap();
    assert_eq!(swapped.len(), entries.len());
    let in_started = |p: &LineupPlayer| started.contains(&game_of(&s, p).as_str());
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut distinct = BTreeSet::new();
    for (entry, l) in entries.iter().zip(&swapped) {
        assert_valid(&s, l);
        for (old, new) in entry.players.iter().zip(&l.players) {
            if in_started(old) {
                assert_eq!(old, new, "a started player keeps his slot");
            } else {
                assert!(!in_started(new), "no new player from a started game");
                *counts.entry(new.id.as_str()).or_default() += 1;
            }
        }
        let mut ids = l.player_ids();
        ids.sort_unstable();
        assert!(distinct.insert(ids), "swapped entries are distinct");
    }
    assert!(counts.values().all(|&c| c <= 3), "{counts:?}");
    // Each swap is the MILP's optimum given the swaps before it.
    let milp = Optimizer::new(&s, r).unwrap().method(Method::Milp);
    for k in 0..swapped.len() {
        let best = milp
            .late_swap_after(&swapped[..k], &entries[k..], &started)
            .unwrap();
        assert!(
            (best[0].projection - swapped[k].projection).abs() < 1e-6,
            "entry {}: search {}, MILP {}",
            k + 1,
            swapped[k].projection,
            best[0].projection
        );
    }
}

#[test]
fn late_swap_errors_name_the_entry_and_the_rule() {
    let s = slate("dk_nfl");
    let entries = optimize(&s, 2, &Rules::default(), None).unwrap();
    let qb = &entries[0].players[0];
    let game = game_of(&s, qb);
    // The rules drop the started QB's team, yet he cannot be swapped.
    let team = format!(r#"{{"exclude_teams": ["{}"]}}"#, qb.team);
    match Optimizer::new(&s, rules(&team))
        .unwrap()
        .late_swap(&entries, &[game.as_str()])
    {
        Err(LineupError::Rule { rule, message }) => {
            assert_eq!(rule, "late_swap");
            assert!(
                message.contains("entry 1") && message.contains(&qb.name),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    // A stack the held players cannot meet names the stack and the held QB.
    let stack = format!(
        r#"{{"stacks": [{{"type": "team", "size": 3, "positions": ["WR"], "teams": ["{}"]}}]}}"#,
        qb.team
    );
    match Optimizer::new(&s, rules(&stack))
        .unwrap()
        .late_swap(&entries[..1], &[game.as_str()])
    {
        Err(LineupError::Infeasible { rules, message }) => {
            assert!(message.starts_with("entry 1"), "{message}");
            assert!(rules.iter().any(|r| r.contains("stack")), "{rules:?}");
        }
        other => panic!("{other:?}"),
    }
    // An entry whose games have all started comes back as it was.
    let every_game: BTreeSet<String> = entries[1].players.iter().map(|p| game_of(&s, p)).collect();
    let every_game: Vec<&str> = every_game.iter().map(String::as_str).collect();
    let same = Optimizer::new(&s, Rules::default())
        .unwrap()
        .late_swap(&entries[1..], &every_game)
        .unwrap();
    assert_eq!(same[0], entries[1]);
}
