//! Game-log systems against an independent pandas computation (tests/vectors/games.json).

use edgekit::patterns::games::*;
use serde_json::Value;

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

fn close(what: &str, got: f64, want: &Value) {
    let want = want.as_f64().unwrap();
    assert!(
        (got - want).abs() <= 1e-9 * want.abs() + 1e-15,
        "{what}: {got} vs {want}"
    );
}

#[test]
fn system_records_match_pandas() {
    let doc: Value = serde_json::from_str(&read("tests/vectors/games.json")).unwrap();
    let log = GameLog::from_spreadspoke(
        &read("examples/data/spreadspoke_scores.csv"),
        &read("examples/data/nfl_teams.csv"),
    )
    .unwrap();
    assert_eq!(log.skipped.len(), 2, "{:?}", log.skipped);
    let rows = team_rows(&log);
    assert_eq!(rows.len() as u64, doc["rows"].as_u64().unwrap());
    let odds = doc["odds"].as_f64().unwrap();
    for case in doc["systems"].as_array().unwrap() {
        let filters: Vec<Filter> = case["filters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap().parse().unwrap())
            .collect();
        let market: Market = case["market"].as_str().unwrap().parse().unwrap();
        let name = format!("{:?} {:?}", case["filters"], market);
        let r = record(&rows, &select(&rows, &filters, None), market, odds).unwrap();
        let w = &case["expected"];
        assert_eq!(
            (r.wins, r.losses, r.pushes),
            (
                w["wins"].as_u64().unwrap() as u32,
                w["losses"].as_u64().unwrap() as u32,
                w["pushes"].as_u64().unwrap() as u32
            ),
            "{name}"
        );
        close(
            &format!("{name} avg_margin"),
            r.avg_margin.unwrap(),
            &w["avg_margin"],
        );
        close(
            &format!("{name} avg_ats_margin"),
            r.avg_ats_margin.unwrap(),
            &w["avg_ats_margin"],
        );
        close(&format!("{name} units"), r.units, &w["units"]);
        close(&format!("{name} wilson.0"), r.wilson.0, &w["wilson"][0]);
        close(&format!("{name} wilson.1"), r.wilson.1, &w["wilson"][1]);
        close(
            &format!("{name} break_even"),
            r.break_even,
            &w["break_even"],
        );
        close(&format!("{name} pvalue"), r.pvalue, &w["pvalue"]);
    }
}

#[test]
fn mining_reports_the_search_size_and_out_of_sample_records() {
    let log = GameLog::from_spreadspoke(
        &read("examples/data/spreadspoke_scores.csv"),
        &read("examples/data/nfl_teams.csv"),
    )
    .unwrap();
    let rows = team_rows(&log);
    let space: Vec<Filter> = [
        "home",
        "away",
        "favorite",
        "underdog",
        "division_game",
        "rest_days >= 10",
        "prev_ats == loss",
        "line >= 7",
    ]
    .iter()
    .map(|f| f.parse().unwrap())
    .collect();
    let options = MineOptions {
        max_filters: 2,
        train: (1978, 2015),
        test: (2016, 2024),
        market: Market::Ats,
        odds: -110.0,
        min_games: 100,
    };
    let found = mine(&rows, &space, &options).unwrap();
    assert_eq!(found.tried, 8 + 28);
    for s in &found.systems {
        assert!(s.train.wins + s.train.losses >= 100);
        assert!(s.qvalue >= s.train.pvalue && s.qvalue <= 1.0);
        // The training record is the same as grading the system directly.
        let filters: Vec<Filter> = s.filters.iter().map(|f| f.parse().unwrap()).collect();
        let direct = record(
            &rows,
            &select(&rows, &filters, Some((1978, 2015))),
            Market::Ats,
            -110.0,
        )
        .unwrap();
        assert_eq!((direct.wins, direct.losses), (s.train.wins, s.train.losses));
        let test = record(
            &rows,
            &select(&rows, &filters, Some((2016, 2024))),
            Market::Ats,
            -110.0,
        )
        .unwrap();
        assert_eq!(
            (test.wins, test.losses, test.pushes),
            (s.test.wins, s.test.losses, s.test.pushes)
        );
    }
    assert!(
        found
            .systems
            .windows(2)
            .all(|w| w[0].train.pvalue <= w[1].train.pvalue)
    );
}

#[test]
fn bad_filters_and_rows_are_named() {
    let err = "rest_dayz >= 3".parse::<Filter>().unwrap_err().to_string();
    assert!(
        err.starts_with("filter \"rest_dayz >= 3\": unknown field \"rest_dayz\""),
        "{err}"
    );
    let err = "site < away".parse::<Filter>().unwrap_err().to_string();
    assert!(err.contains("only == and != apply"), "{err}");
    let teams = read("examples/data/nfl_teams.csv");
    let scores = "schedule_date,schedule_season,schedule_week,schedule_playoff,team_home,score_home,score_away,team_away,team_favorite_id,spread_favorite,over_under_line,stadium,stadium_neutral\n9/2/1990,1990,1,FALSE,Nowhere Nomads,10,7,Miami Dolphins,,,,X,FALSE\n";
    let err = GameLog::from_spreadspoke(scores, &teams)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "game file line 2: team \"Nowhere Nomads\" is not in nfl_teams.csv"
    );
}

#[test]
fn walk_forward_tests_each_season_with_systems_mined_before_it() {
    let log = GameLog::from_spreadspoke(
        &read("examples/data/spreadspoke_scores.csv"),
        &read("examples/data/nfl_teams.csv"),
    )
    .unwrap();
    let rows = team_rows(&log);
    let space: Vec<Filter> = [
        "home",
        "away",
        "favorite",
        "underdog",
        "division_game",
        "rest_days >= 10",
    ]
    .iter()
    .map(|f| f.parse().unwrap())
    .collect();
    let options = WalkForwardOptions {
        max_filters: 2,
        train_from: 1978,
        test: (2020, 2022),
        market: Market::Ats,
        odds: -110.0,
        min_games: 100,
        q_max: 1.0,
    };
    let steps = walk_forward(&rows, &space, &options).unwrap();
    assert_eq!(
        steps.iter().map(|s| s.season).collect::<Vec<_>>(),
        vec![2020, 2021, 2022]
    );
    for step in &steps {
        // With q_max = 1 every reported system is selected; its pooled test record is the
        // sum of each system's record in that season alone.
        let mined = mine(
            &rows,
            &space,
            &MineOptions {
                max_filters: 2,
                train: (1978, step.season - 1),
                test: (step.season, step.season),
                market: Market::Ats,
                odds: -110.0,
                min_games: 100,
            },
        )
        .unwrap();
        assert_eq!(step.selected, mined.systems.len());
        let wins: u32 = mined.systems.iter().map(|s| s.test.wins).sum();
        assert_eq!(step.out_of_sample.0, wins);
    }
    assert!(
        walk_forward(
            &rows,
            &space,
            &WalkForwardOptions {
                q_max: 0.0,
                ..options
            }
        )
        .is_err()
    );
}

#[test]
fn runs_tests_match_statsmodels() {
    use edgekit::patterns::{Cutoff, runs_test};
    let doc: Value = serde_json::from_str(&read("tests/vectors/games.json")).unwrap();
    for case in doc["runs_tests"].as_array().unwrap() {
        let values: Vec<f64> = case["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        let cutoff = if case["cutoff"] == "median" {
            Cutoff::Median
        } else {
            Cutoff::Mean
        };
        let r = runs_test(&values, cutoff, case["correction"].as_bool().unwrap()).unwrap();
        let name = format!("{} {} {}", case["name"], case["cutoff"], case["correction"]);
        assert_eq!(r.runs as u64, case["runs"].as_u64().unwrap(), "{name}");
        close(&format!("{name} z"), r.z, &case["expected"]["z"]);
        close(&format!("{name} p"), r.pvalue, &case["expected"]["pvalue"]);
    }
}

#[test]
fn upcoming_games_list_the_systems_that_apply() {
    let log = GameLog::from_spreadspoke(
        &read("examples/data/spreadspoke_scores.csv"),
        &read("examples/data/nfl_teams.csv"),
    )
    .unwrap();
    let rows = team_rows(&log);
    let systems: Vec<Vec<Filter>> = [vec!["home"], vec!["away", "underdog"], vec!["favorite"]]
        .iter()
        .map(|s| s.iter().map(|f| f.parse().unwrap()).collect())
        .collect();
    let found = analyze_games(
        &log,
        &rows,
        &systems,
        (1978, 2014),
        (2015, 2024),
        Market::Ats,
        -110.0,
    )
    .unwrap();
    let unplayed = rows.iter().filter(|r| r.margin.is_none()).count();
    assert_eq!(found.len(), unplayed);
    assert!(unplayed > 0);
    for side in &found {
        // Every side is home or away, so exactly one of the first two... the "home" system
        // applies to home sides only.
        let home = rows
            .iter()
            .any(|r| r.game == side.game && log.teams[r.team].id == side.team && r.site == "home");
        assert_eq!(side.systems.iter().any(|s| s.filters == ["home"]), home);
        for s in &side.systems {
            assert!((0.0..=1.0).contains(&s.confidence));
        }
    }
}

#[test]
fn a_log_from_columns_grades_like_the_file() {
    let log = GameLog::from_spreadspoke(
        &read("examples/data/spreadspoke_scores.csv"),
        &read("examples/data/nfl_teams.csv"),
    )
    .unwrap();
    let id = |i: usize| log.teams[i].id.clone();
    let g = &log.games;
    let columns = GameColumns {
        day: g.iter().map(|x| x.day).collect(),
        season: g.iter().map(|x| x.season).collect(),
        home: g.iter().map(|x| id(x.home)).collect(),
        away: g.iter().map(|x| id(x.away)).collect(),
        score_home: g.iter().map(|x| x.score_home).collect(),
        score_away: g.iter().map(|x| x.score_away).collect(),
        favorite: g
            .iter()
            .map(|x| match (x.favorite, x.spread) {
                (Some(f), _) => id(f),
                (None, Some(_)) => "PICK".to_owned(),
                (None, None) => String::new(),
            })
            .collect(),
        spread: g.iter().map(|x| x.spread).collect(),
        total: g.iter().map(|x| x.total).collect(),
        week: g.iter().map(|x| x.week.clone()).collect(),
        playoff: g.iter().map(|x| x.playoff).collect(),
        neutral: g.iter().map(|x| x.neutral).collect(),
    };
    let rebuilt = GameLog::from_columns(&columns).unwrap();
    let (a, b) = (team_rows(&log), team_rows(&rebuilt));
    for system in [
        vec!["home", "underdog"],
        vec!["rest_days >= 10", "favorite"],
        vec!["prev_ats == loss"],
    ] {
        let filters: Vec<Filter> = system.iter().map(|f| f.parse().unwrap()).collect();
        for market in [Market::Su, Market::Ats, Market::Ou] {
            let ra = record(&a, &select(&a, &filters, None), market, -110.0).unwrap();
            let rb = record(&b, &select(&b, &filters, None), market, -110.0).unwrap();
            assert_eq!(ra, rb, "{system:?} {market:?}");
        }
    }
    let mut broken = columns.clone();
    broken.favorite[5] = "Nobody".to_owned();
    let err = GameLog::from_columns(&broken).unwrap_err().to_string();
    assert!(
        err.contains("row 5: favourite \"Nobody\" is not playing"),
        "{err}"
    );
}
