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

/// DraftKings' entries file for an NBA slate of 18 January 2019 (bobbymay/DraftKings-Lineup-
/// Generator, see examples/data/README.md): nine entries of one contest, the pool beside them.
fn entries_file() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/lineup/dk_nba_entries_2019-01-18_bobbymay.csv"
    ))
    .unwrap()
}

#[test]
fn an_entries_file_swaps_at_a_time_and_uploads_with_its_entry_ids() {
    let text = entries_file();
    let s = Slate::from_csv_str(&text, Site::DraftKings, Sport::Nba, None).unwrap();
    // Game Info times are US Eastern: 7:00 PM on 18 January is midnight UTC.
    let seven = s.players.iter().find(|p| p.name == "Jayson Tatum").unwrap();
    assert_eq!(
        seven.starts_at,
        Some(parse_time("2019-01-19T00:00:00Z").unwrap())
    );
    let mut file = EntriesFile::read(&s, &text).unwrap();
    // Two entries become reservations, to be filled from the games still to come.
    file.entries[7].lineup = None;
    file.entries[8].lineup = None;
    let now = parse_time("2019-01-18T20:30:00-05:00").unwrap();
    let started = |p: &LineupPlayer| s.players[p.row].starts_at.unwrap() <= now;
    let r = rules(r#"{"max_exposure": 0.7}"#);
    let swapped = Optimizer::new(&s, r.clone())
        .unwrap()
        .late_swap_entries(&file, Some(now), &[])
        .unwrap();
    let mut distinct = BTreeSet::new();
    for (old, new) in file.entries.iter().zip(&swapped.entries) {
        assert_eq!((&old.entry_id, &old.info), (&new.entry_id, &new.info));
        let l = new.lineup.as_ref().unwrap();
        assert_valid(&s, l);
        if let Some(before) = &old.lineup {
            for (a, b) in before.players.iter().zip(&l.players) {
                if started(a) {
                    assert_eq!(a, b, "a started player keeps his slot");
                } else {
                    assert!(!started(b), "no new player from a started game");
                }
            }
        } else {
            assert!(
                l.players.iter().all(|p| !started(p)),
                "a reservation fills from later games"
            );
        }
        let held: Vec<&str> = l
            .players
            .iter()
            .filter(|p| started(p))
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(new.locked, held);
        let mut ids = l.player_ids();
        ids.sort_unstable();
        assert!(distinct.insert(ids), "swapped entries are distinct");
    }
    // Without reservations, the swap at a time equals the swap with the started games named,
    // and each entry is the MILP's optimum given the ones before it.
    let games: BTreeSet<String> = s
        .players
        .iter()
        .filter(|p| p.starts_at.unwrap() <= now)
        .filter_map(|p| p.game.clone())
        .collect();
    assert_eq!(games.len(), 4, "{games:?}");
    let games: Vec<&str> = games.iter().map(String::as_str).collect();
    let full = EntriesFile::read(&s, &text).unwrap();
    let filled: Vec<Lineup> = full
        .entries
        .iter()
        .map(|e| e.lineup.clone().unwrap())
        .collect();
    let at_time: Vec<Lineup> = Optimizer::new(&s, r.clone())
        .unwrap()
        .late_swap_entries(&full, Some(now), &[])
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.lineup.unwrap())
        .collect();
    let by_name = Optimizer::new(&s, r.clone())
        .unwrap()
        .late_swap(&filled, &games)
        .unwrap();
    assert_eq!(at_time, by_name);
    let milp = Optimizer::new(&s, r).unwrap().method(Method::Milp);
    for k in 0..filled.len() {
        let best = milp
            .late_swap_after(&at_time[..k], &filled[k..], &games)
            .unwrap();
        assert!(
            (best[0].projection - at_time[k].projection).abs() < 1e-6,
            "entry {}",
            k + 1
        );
    }
    // The upload: the entry columns as read, then the slots as IDs; it reads back.
    let upload = swapped.to_csv(&s);
    let mut lines = upload.lines();
    assert_eq!(
        lines.next(),
        Some("Entry ID,Contest Name,Contest ID,Entry Fee,PG,SG,SF,PF,C,G,F,UTIL")
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("1375294759,NBA $12K Quarter Jukebox,68196406,$0.25,")
    );
    let back = EntriesFile::read(&s, &upload).unwrap();
    assert_eq!(back.entries.len(), 9);
    for (a, b) in back.entries.iter().zip(&swapped.entries) {
        assert_eq!((&a.entry_id, &a.lineup), (&b.entry_id, &b.lineup));
    }
}

#[test]
fn locked_marks_and_under_way_games_count_as_started() {
    let text = entries_file();
    let s = Slate::from_csv_str(&text, Site::DraftKings, Sport::Nba, None).unwrap();
    // DraftKings marks a started player's cell " (LOCKED)" in a mid-slate export.
    let marked = text.replacen(
        "Jayson Tatum (11971860),,1.",
        "Jayson Tatum (11971860) (LOCKED),,1.",
        1,
    );
    assert_ne!(marked, text);
    let file = EntriesFile::read(&s, &marked).unwrap();
    assert_eq!(file.entries[0].locked, ["11971860"]);
    let swapped = Optimizer::new(&s, Rules::default())
        .unwrap()
        .late_swap_entries(&file, None, &[])
        .unwrap();
    // Tatum's game (MEM@BOS) has started for every entry: he is held, other players of that
    // game are out.
    for e in &swapped.entries {
        let l = e.lineup.as_ref().unwrap();
        assert_eq!(l.players[7].name, "Jayson Tatum");
        assert_eq!(e.locked, ["11971860"]);
        assert!(
            l.players[..7]
                .iter()
                .all(|p| s.players[p.row].game.as_deref() != Some("MEM@BOS"))
        );
    }
    // "In Progress" in Game Info: the game has started, with no time needed.
    let under_way = text.replace("MEM@BOS 01/18/2019 07:00PM ET", "In Progress");
    let s2 = Slate::from_csv_str(&under_way, Site::DraftKings, Sport::Nba, None).unwrap();
    let tatum = s2
        .players
        .iter()
        .find(|p| p.name == "Jayson Tatum")
        .unwrap();
    assert!(tatum.game_started && tatum.starts_at.is_none());
    let file = EntriesFile::read(&s2, &under_way).unwrap();
    let swapped = Optimizer::new(&s2, Rules::default())
        .unwrap()
        .late_swap_entries(&file, None, &[])
        .unwrap();
    assert_eq!(swapped.entries[0].locked, ["11971860"]);
    // Entries that fill some slots and not others are refused with their line.
    let partial = text.replacen("Shai Gilgeous-Alexander (11972194),", ",", 1);
    match EntriesFile::read(&s, &partial) {
        Err(LineupError::Csv { line, message }) => {
            assert_eq!(line, 2);
            assert!(
                message.contains("1375294759") && message.contains("7 of its 8"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_fanduel_entries_file_swaps_by_named_games_and_keeps_its_columns() {
    let salaries = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/lineup/fd_nfl_classic_2018wk13_draftfast.csv"
    ))
    .unwrap();
    let s = slate("fd_nfl");
    let run = optimize(&s, 2, &Rules::default(), None).unwrap();
    let slots: Vec<&str> = s.roster.slots.iter().map(|x| x.name).collect();
    // FanDuel's layout: entry columns, slots, a blank column, instructions; the pool below and
    // to the right. Cells as `ID:Name` or a bare ID.
    let mut text = format!(
        "entry_id,contest_id,contest_name,entry_fee,{},,Instructions\n",
        slots.join(",")
    );
    for (k, l) in run.iter().enumerate() {
        let cells: Vec<String> = l
            .players
            .iter()
            .map(|p| {
                if k == 0 {
                    format!("{}:{}", p.id, p.name)
                } else {
                    p.id.clone()
                }
            })
            .collect();
        text.push_str(&format!(
            "{},3000{k},\"Sunday, Main\",5,{},,\n",
            7000 + k,
            cells.join(",")
        ));
    }
    let pad = ",".repeat(4 + slots.len() + 1);
    for line in salaries.lines() {
        text.push_str(&pad);
        text.push_str(line);
        text.push('\n');
    }
    let from_entries = Slate::from_csv_str(&text, Site::FanDuel, Sport::Nfl, None).unwrap();
    assert_eq!(from_entries.players.len(), s.players.len());
    assert_eq!(from_entries.players[0].line, 5);
    let file = EntriesFile::read(&from_entries, &text).unwrap();
    assert_eq!(
        file.columns,
        ["entry_id", "contest_id", "contest_name", "entry_fee"]
    );
    assert_eq!(
        file.entries[1].contest_name.as_deref(),
        Some("Sunday, Main")
    );
    assert_eq!(
        file.entries[0].lineup.as_ref().unwrap().player_ids(),
        run[0].player_ids()
    );
    // FanDuel's files carry no start times: the started games are named.
    let game = s.players[run[0].players[0].row].game.clone().unwrap();
    let swapped = Optimizer::new(&from_entries, Rules::default())
        .unwrap()
        .late_swap_entries(&file, None, &[game.as_str()])
        .unwrap();
    let by_name = Optimizer::new(&s, Rules::default())
        .unwrap()
        .late_swap(&run, &[game.as_str()])
        .unwrap();
    for (e, l) in swapped.entries.iter().zip(&by_name) {
        assert_eq!(e.lineup.as_ref().unwrap().player_ids(), l.player_ids());
    }
    let upload = swapped.to_csv(&from_entries);
    assert!(upload.starts_with(&format!(
        "entry_id,contest_id,contest_name,entry_fee,{}\n7000,30000,\"Sunday, Main\",5,",
        slots.join(",")
    )));
}

/// The vector the Python and Node faces are held to (tests/vectors/lineup_late_swap.json): the
/// real entries file swapped at 8:30 PM ET with a max exposure, two entries made reservations.
/// Rewrite with `EDGEKIT_WRITE_VECTORS=1`.
#[test]
fn the_shared_late_swap_vector_holds() {
    let text = entries_file();
    let s = Slate::from_csv_str(&text, Site::DraftKings, Sport::Nba, None).unwrap();
    let mut file = EntriesFile::read(&s, &text).unwrap();
    file.entries[7].lineup = None;
    file.entries[8].lineup = None;
    let now = "01/18/2019 08:30PM ET";
    let swapped = Optimizer::new(&s, rules(r#"{"max_exposure": 0.7}"#))
        .unwrap()
        .late_swap_entries(&file, Some(parse_time(now).unwrap()), &[])
        .unwrap();
    let vector = serde_json::json!({
        "provenance": "edgekit core (core/tests/lineup_late_swap.rs, the_shared_late_swap_vector_holds); each swap is held to the MILP in an_entries_file_swaps_at_a_time_and_uploads_with_its_entry_ids",
        "file": "dk_nba_entries_2019-01-18_bobbymay.csv",
        "reservations": [7, 8],
        "now": now,
        "now_unix": parse_time(now).unwrap(),
        "rules": {"max_exposure": 0.7},
        "entries": swapped.entries.iter().map(|e| serde_json::json!({
            "entry_id": e.entry_id,
            "ids": e.lineup.as_ref().unwrap().player_ids(),
            "projection": e.lineup.as_ref().unwrap().projection,
            "locked": e.locked,
        })).collect::<Vec<_>>(),
        "upload": swapped.to_csv(&s),
    });
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors/lineup_late_swap.json");
    if std::env::var_os("EDGEKIT_WRITE_VECTORS").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&vector).unwrap() + "\n").unwrap();
    }
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(recorded, vector);
}

/// pydfs-lineup-optimizer's late swap of the same file at the same time (recorded by
/// benches/peers/lineup_late_swap_peer.py --record): every entry's projection, for the file's
/// 9 entries and for 150 (its rows repeated), equals edgekit's.
#[test]
fn the_swap_matches_pydfs_entry_by_entry() {
    let text = entries_file();
    let s = Slate::from_csv_str(&text, Site::DraftKings, Sport::Nba, None).unwrap();
    let file = EntriesFile::read(&s, &text).unwrap();
    let recorded: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/vectors/lineup_late_swap_pydfs.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let now = parse_time(recorded["now"].as_str().unwrap()).unwrap();
    let optimizer = Optimizer::new(&s, Rules::default()).unwrap();
    for n in [9usize, 150] {
        let mut many = file.clone();
        many.entries = (0..n)
            .map(|k| {
                let mut e = file.entries[k % file.entries.len()].clone();
                e.entry_id = (9_000_000_000u64 + k as u64).to_string();
                e
            })
            .collect();
        let swapped = optimizer.late_swap_entries(&many, Some(now), &[]).unwrap();
        let want: Vec<f64> = recorded["projections"][n.to_string()]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        assert_eq!(want.len(), n);
        for (k, (e, w)) in swapped.entries.iter().zip(&want).enumerate() {
            let got = e.lineup.as_ref().unwrap().projection;
            assert!(
                (got - w).abs() < 1e-6,
                "{n} entries, entry {}: edgekit {got}, pydfs {w}",
                k + 1
            );
        }
    }
}
