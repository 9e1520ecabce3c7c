//! A slate built from player records (what an app's database holds) is the slate its salary
//! file gives: same players, same lineups; bad records fail as bad rows do, named.

use edgekit::contract::argument;
use edgekit::lineup::{PlayerRecord, Rules, Site, Slate, Sport, optimize};
use serde_json::{Value, json};

fn slate(file: &str, site: Site, sport: Sport) -> Slate {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/lineup")
        .join(file);
    Slate::from_csv_path(path, site, sport, None).unwrap()
}

/// The records an app would store for a slate's players (its rows, as JSON).
fn records_of(slate: &Slate) -> Vec<PlayerRecord> {
    let rows: Vec<Value> = slate
        .players
        .iter()
        .map(|p| {
            json!({
                "id": p.id, "name": p.name, "positions": p.positions, "team": p.team,
                "opponent": p.opponent, "game": p.game, "salary": p.salary,
                "projection": p.projection, "injury": p.injury, "roster_slot": p.roster_slot,
            })
        })
        .collect();
    argument("lineup.from_records", "records", Value::Array(rows)).unwrap()
}

#[test]
fn records_give_the_salary_files_slate_and_lineups() {
    for (file, site, sport) in [
        (
            "dk_nfl_classic_2019wk1_seenahuang.csv",
            Site::DraftKings,
            Sport::Nfl,
        ),
        (
            "dk_nfl_showdown_2019-01-05_IND@HOU_draftfast.csv",
            Site::DraftKings,
            Sport::Nfl,
        ),
        (
            "fd_nfl_classic_2018wk13_draftfast.csv",
            Site::FanDuel,
            Sport::Nfl,
        ),
    ] {
        let from_file = slate(file, site, sport);
        let from_records = Slate::from_records(records_of(&from_file), site, sport, None).unwrap();
        assert_eq!(from_records.roster, from_file.roster, "{file}");
        for (a, b) in from_records.players.iter().zip(&from_file.players) {
            assert_eq!(
                (&a.id, &a.positions, a.salary, &a.game),
                (&b.id, &b.positions, b.salary, &b.game)
            );
        }
        let want = optimize(&from_file, 3, &Rules::default(), None).unwrap();
        let got = optimize(&from_records, 3, &Rules::default(), None).unwrap();
        let projections =
            |l: &[edgekit::lineup::Lineup]| l.iter().map(|l| l.projection).collect::<Vec<_>>();
        assert_eq!(projections(&got), projections(&want), "{file}");
    }
}

#[test]
fn bad_records_are_named_like_bad_rows() {
    let base = json!({"id": "1", "name": "A", "positions": "QB", "team": "DAL", "salary": 6000,
                      "projection": 20.5});
    let with = |key: &str, value: Value| {
        let mut r = base.clone();
        r[key] = value;
        json!([base.clone(), r])
    };
    let build = |rows: Value| {
        let records: Vec<PlayerRecord> =
            argument("from_records", "records", rows).map_err(|e| e.to_string())?;
        Slate::from_records(records, Site::DraftKings, Sport::Nfl, None).map_err(|e| e.to_string())
    };
    let err = build(with("salary", json!(-5))).unwrap_err();
    assert!(err.contains("line 2") && err.contains("salary"), "{err}");
    let err = build(with("positions", json!("QX"))).unwrap_err();
    assert!(err.contains("QX"), "{err}");
    let err = build(with("batting_order", json!(12))).unwrap_err();
    assert!(err.contains("batting_order"), "{err}");
    // the same ID twice is refused as in a file
    let err = build(json!([base.clone(), base.clone()])).unwrap_err();
    assert!(err.contains("1"), "{err}");
    // an unknown field is a typed error naming it
    let unknown: Result<Vec<PlayerRecord>, _> =
        argument("from_records", "records", with("salry", json!(1)));
    assert!(unknown.unwrap_err().to_string().contains("salry"));
    // numbers as ids, positions as a list
    let ok: Vec<PlayerRecord> = argument(
        "from_records",
        "records",
        json!([{"id": 7, "name": "B", "positions": ["RB", "WR"], "team": "NYG", "opponent": "DAL",
                "salary": 5000, "projection": 11.0}]),
    )
    .unwrap();
    let s = Slate::from_records(ok, Site::DraftKings, Sport::Nfl, None).unwrap();
    assert_eq!(
        (s.players[0].id.as_str(), s.players[0].game.as_deref()),
        ("7", Some("DAL@NYG"))
    );
}
