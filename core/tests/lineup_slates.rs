//! The sites' salary files (examples/data/lineup) read into slates; malformed files refused with
//! the line named.

use edgekit::lineup::*;

fn path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/lineup")
        .join(name)
}

#[test]
fn the_shared_slates_load_with_their_contest_detected() {
    let dk = Slate::from_csv_path(
        path("dk_nfl_classic_2019wk1_seenahuang.csv"),
        Site::DraftKings,
        Sport::Nfl,
        None,
    )
    .unwrap();
    assert_eq!(dk.roster.contest, Contest::Classic);
    assert_eq!(dk.players.len(), 951);
    let zeke = &dk.players[0];
    assert_eq!(
        (zeke.name.as_str(), zeke.id.as_str(), zeke.salary),
        ("Ezekiel Elliott", "13245261", 9200)
    );
    assert_eq!(
        (
            zeke.team.as_str(),
            zeke.opponent.as_deref(),
            zeke.game.as_deref()
        ),
        ("DAL", Some("NYG"), Some("NYG@DAL"))
    );
    let games: std::collections::BTreeSet<_> =
        dk.players.iter().filter_map(|p| p.game.clone()).collect();
    assert_eq!(games.len(), 16);

    let showdown = Slate::from_csv_path(
        path("dk_nfl_showdown_2019-01-05_IND@HOU_draftfast.csv"),
        Site::DraftKings,
        Sport::Nfl,
        None,
    )
    .unwrap();
    assert_eq!(showdown.roster.contest, Contest::Showdown);
    assert_eq!(showdown.roster.slots[0].multiplier, 1.5);
    let captains = showdown
        .players
        .iter()
        .filter(|p| p.roster_slot.as_deref() == Some("CPT"))
        .count();
    assert_eq!((captains, showdown.players.len()), (36, 72));

    let nba = Slate::from_csv_path(
        path("dk_nba_classic_2018-12-03_draftfast.csv"),
        Site::DraftKings,
        Sport::Nba,
        None,
    )
    .unwrap();
    assert_eq!((nba.players.len(), nba.roster.slots.len()), (233, 8));
    assert_eq!(nba.players[0].positions, ["PF", "C"]);

    let fd = Slate::from_csv_path(
        path("fd_nfl_classic_2018wk13_draftfast.csv"),
        Site::FanDuel,
        Sport::Nfl,
        None,
    )
    .unwrap();
    assert_eq!(fd.roster.contest, Contest::Classic);
    assert_eq!(
        (
            fd.players.len(),
            fd.roster.salary_cap,
            fd.roster.max_per_team
        ),
        (537, 60_000, Some(4))
    );
    assert_eq!(fd.players[0].name, "Todd Gurley II");
    assert!(fd.players.iter().any(|p| p.injury.as_deref() == Some("IR")));
}

const DK_HEADER: &str =
    "Position,Name + ID,Name,ID,Roster Position,Salary,Game Info,TeamAbbrev,AvgPointsPerGame";

fn dk(rows: &[&str]) -> Result<Slate, LineupError> {
    let text = std::iter::once(DK_HEADER)
        .chain(rows.iter().copied())
        .collect::<Vec<_>>()
        .join("\n");
    Slate::from_csv_str(&text, Site::DraftKings, Sport::Nfl, None)
}

#[test]
fn malformed_files_name_the_line() {
    let good = "QB,A (1),A,1,QB,6000,NYG@DAL 09/08/2019 04:25PM ET,DAL,20.5";
    assert!(dk(&[good]).is_ok());
    let err = dk(&[
        good,
        "RB,B (2),B,2,RB/FLEX,6k,NYG@DAL 09/08/2019 04:25PM ET,NYG,9",
    ])
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 3: Salary = \"6k\": a salary must be a whole, non-negative number"
    );
    let err = dk(&[
        good,
        "QB,A (1),A,1,QB,6100,NYG@DAL 09/08/2019 04:25PM ET,DAL,20.5",
    ])
    .unwrap_err();
    assert_eq!(err.to_string(), "line 3: ID 1 already appeared on line 2");
    let err = dk(&[
        good,
        "P,C (3),C,3,P,5000,NYG@DAL 09/08/2019 04:25PM ET,DAL,3",
    ])
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("line 3: position \"P\" is not a DraftKings nfl position"),
        "{err}"
    );
    let err = dk(&[
        good,
        "RB,B (2),B,2,RB/FLEX,5000,NYG@DAL 09/08/2019 04:25PM ET,NYG,lots",
    ])
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("line 3: AvgPointsPerGame = \"lots\""),
        "{err}"
    );
    let err = dk(&[good, "RB,B (2),B,2,RB/FLEX,5000"]).unwrap_err();
    assert!(matches!(err, LineupError::Csv { line: 3, .. }), "{err}");
    let err = Slate::from_csv_str("Name,Salary\nA,5000\n", Site::DraftKings, Sport::Nfl, None)
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("line 1: no \"Position\" column"),
        "{err}"
    );
    let err = Slate::from_csv_str(DK_HEADER, Site::Yahoo, Sport::Nfl, None).unwrap_err();
    assert!(
        err.to_string().contains("no \"First Name\" column"),
        "{err}"
    );
    assert!("betfair".parse::<Site>().is_err());
    assert_eq!("FD".parse::<Site>().unwrap(), Site::FanDuel);
}

#[test]
fn every_template_is_consistent() {
    let all = Roster::supported();
    assert!(all.len() >= 35, "{}", all.len());
    for (i, &(site, sport, contest)) in all.iter().enumerate() {
        let label = format!("{site:?} {sport:?} {contest:?}");
        assert!(!all[..i].contains(&all[i]), "{label} listed twice");
        assert_eq!(sport.as_str().parse::<Sport>().unwrap(), sport);
        let r = Roster::of(site, sport, contest).unwrap();
        assert!((5..=11).contains(&r.slots.len()), "{label}");
        assert!(r.salary_cap > 0 && r.min_teams <= r.slots.len(), "{label}");
        for slot in &r.slots {
            assert!(
                !slot.accepts.is_empty() && slot.multiplier >= 1.0,
                "{label}"
            );
            assert!(
                slot.accepts.iter().all(|p| r.positions.contains(p)),
                "{label}"
            );
        }
        for p in &r.positions {
            assert!(r.slots.iter().any(|s| s.accepts.contains(p)), "{label} {p}");
        }
        // Boosted slots (captain, MVP, star, pro) come first, in decreasing order.
        let m: Vec<f64> = r.slots.iter().map(|s| s.multiplier).collect();
        assert!(m.windows(2).all(|w| w[0] >= w[1]), "{label} {m:?}");
        // A per-team cap below the roster size, so it limits something.
        assert!(
            r.max_per_team.is_none_or(|cap| cap < r.slots.len()),
            "{label}"
        );
    }
}

#[test]
fn projections_merge_by_id_or_name() {
    let mut dk = Slate::from_csv_path(
        path("dk_nfl_classic_2019wk1_seenahuang.csv"),
        Site::DraftKings,
        Sport::Nfl,
        None,
    )
    .unwrap();
    let by_id = "ID,Projection,Floor,Ceiling,Ownership\n13245261,21.7,12,34,31.5%\n99999999,5,,,\n";
    let report = dk.merge_projections_str(by_id).unwrap();
    assert_eq!(
        (report.matched, report.unmatched.clone()),
        (1, vec![(3, "99999999".to_owned())])
    );
    assert_eq!(report.missing, 950);
    let zeke = &dk.players[0];
    assert_eq!(
        (
            zeke.projection,
            zeke.extra.floor,
            zeke.extra.ceiling,
            zeke.extra.ownership
        ),
        (21.7, Some(12.0), Some(34.0), Some(31.5))
    );

    // by name, ignoring case, punctuation and suffixes; a team column separates namesakes
    let by_name = "player,proj\nSAQUON BARKLEY,19.5\n";
    assert_eq!(dk.merge_projections_str(by_name).unwrap().matched, 1);
    assert_eq!(dk.players[1].projection, 19.5);
    let namesakes: Vec<String> = dk
        .players
        .iter()
        .filter(|p| p.name == "Ryan Griffin")
        .map(|p| p.team.clone())
        .collect();
    assert_eq!(
        namesakes.len(),
        2,
        "the 2019 slate has two Ryan Griffins (TB QB, NYJ TE)"
    );
    let err = dk
        .merge_projections_str("name,projection\nRyan Griffin,9\n")
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("line 2: name = \"Ryan Griffin\": matches players on"),
        "{err}"
    );
    let team = namesakes[0].clone();
    dk.merge_projections_str(&format!("name,team,projection\nRyan Griffin,{team},9.5\n"))
        .unwrap();
    assert_eq!(dk.players.iter().filter(|p| p.projection == 9.5).count(), 1);

    // errors leave the slate as it was
    let before = dk.clone();
    let err = dk
        .merge_projections_str("id,projection\n13245261,22\n13245263,many\n")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 3: projection = \"many\": must be a finite number"
    );
    assert_eq!(dk, before);
    assert!(
        dk.merge_projections_str("id,points_scored\n1,2\n")
            .unwrap_err()
            .to_string()
            .contains("no \"projection\" column")
    );

    // showdown: the CPT and FLEX rows of a player get the same projection
    let mut sd = Slate::from_csv_path(
        path("dk_nfl_showdown_2019-01-05_IND@HOU_draftfast.csv"),
        Site::DraftKings,
        Sport::Nfl,
        None,
    )
    .unwrap();
    sd.merge_projections_str("name,projection\nDeAndre Hopkins,20\n")
        .unwrap();
    let rows: Vec<_> = sd
        .players
        .iter()
        .filter(|p| p.name == "DeAndre Hopkins")
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|p| p.projection == 20.0));
}
