//! Property tests over the parsers that read what users upload (salary CSVs, projections,
//! upload files, game logs, bar columns, times and timeframes) and over the count checks: on
//! any input they return a value or a typed error, never panic, and what they accept is valid.

use edgekit::limits::{check_count, check_work};
use edgekit::lineup::{Site, Slate, Sport, read_upload_csv};
use edgekit::patterns::games::GameLog;
use edgekit::patterns::{Bars, Timeframe, parse_utc};
use proptest::prelude::*;

const DK_NFL: &str =
    include_str!("../../examples/data/lineup/dk_nfl_classic_2019wk1_seenahuang.csv");
const SCORES: &str = include_str!("../../examples/data/spreadspoke_scores.csv");
const TEAMS: &str = include_str!("../../examples/data/nfl_teams.csv");

/// The first `lines` lines of a real file with `edits` bytes replaced.
fn mutated(text: &str, lines: usize, edits: &[(usize, u8)]) -> String {
    let mut bytes: Vec<u8> = text
        .lines()
        .take(lines)
        .collect::<Vec<_>>()
        .join("\n")
        .into_bytes();
    for &(at, byte) in edits {
        if !bytes.is_empty() {
            let i = at % bytes.len();
            bytes[i] = byte;
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn edits() -> impl Strategy<Value = Vec<(usize, u8)>> {
    prop::collection::vec(
        (
            any::<usize>(),
            prop_oneof![any::<u8>(), Just(b','), Just(b'"'), Just(b'\n')],
        ),
        0..6,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn salary_csvs_parse_or_name_the_problem(edits in edits(), lines in 1usize..60, junk in ".{0,80}") {
        for text in [mutated(DK_NFL, lines, &edits), junk.clone()] {
            for site in [Site::DraftKings, Site::FanDuel, Site::Yahoo] {
                if let Ok(slate) = Slate::from_csv_str(&text, site, Sport::Nfl, None) {
                    prop_assert!(slate.players.iter().all(|p| p.projection.is_finite()));
                }
            }
        }
    }

    #[test]
    fn projections_merge_all_or_nothing(text in ".{0,200}", edits in edits()) {
        let base = Slate::from_csv_str(DK_NFL, Site::DraftKings, Sport::Nfl, None).unwrap();
        let projections = mutated("name,projection\nAaron Rodgers,21.5\nDalvin Cook,18\n", 3, &edits);
        for text in [text, projections] {
            let mut slate = base.clone();
            if slate.merge_projections_str(&text).is_err() {
                let before: Vec<f64> = base.players.iter().map(|p| p.projection).collect();
                let after: Vec<f64> = slate.players.iter().map(|p| p.projection).collect();
                prop_assert_eq!(before, after);
            }
        }
    }

    #[test]
    fn upload_files_read_or_fail_typed(text in ".{0,300}", edits in edits()) {
        let slate = Slate::from_csv_str(DK_NFL, Site::DraftKings, Sport::Nfl, None).unwrap();
        let upload = mutated("QB,RB,RB,WR,WR,WR,TE,FLEX,DST\n", 1, &edits);
        let _ = read_upload_csv(&slate, &text);
        let _ = read_upload_csv(&slate, &upload);
    }

    #[test]
    fn game_logs_parse_in_date_order_or_fail_typed(edits in edits(), lines in 1usize..300) {
        let scores = mutated(SCORES, lines, &edits);
        if let Ok(log) = GameLog::from_spreadspoke(&scores, TEAMS) {
            prop_assert!(log.games.windows(2).all(|w| w[0].day <= w[1].day));
        }
        let _ = GameLog::from_spreadspoke(SCORES.lines().next().unwrap(), &mutated(TEAMS, 5, &edits));
    }

    #[test]
    fn accepted_bars_are_valid(rows in prop::collection::vec(
        (prop_oneof![any::<f64>(), -1e3..1e3f64], prop_oneof![any::<f64>(), -1e3..1e3f64],
         prop_oneof![any::<f64>(), -1e3..1e3f64], prop_oneof![any::<f64>(), -1e3..1e3f64]), 0..20),
        short in any::<bool>()) {
        let column = |k: usize| rows.iter().map(|r| [r.0, r.1, r.2, r.3][k]).collect::<Vec<f64>>();
        let (o, h, l, mut c) = (column(0), column(1), column(2), column(3));
        if short { c.pop(); }
        if let Ok(bars) = Bars::new(&o, &h, &l, &c, None) {
            prop_assert_eq!(bars.len(), o.len());
            for i in 0..o.len() {
                prop_assert!([o[i], h[i], l[i], c[i]].iter().all(|v| v.is_finite()));
                prop_assert!(l[i] <= o[i].min(c[i]) && h[i] >= o[i].max(c[i]));
            }
        }
    }

    #[test]
    fn times_and_timeframes_parse_or_fail_typed(text in "\\PC{0,24}", digits in "[0-9 :-]{0,20}") {
        let _ = parse_utc(&text);
        let _ = parse_utc(&digits);
        let _ = text.parse::<Timeframe>();
        let _ = format!("{digits}m").parse::<Timeframe>();
    }

    #[test]
    fn count_checks_accept_exactly_the_range(value in any::<i128>(), min in 0u64..10, span in 0u64..1_000_000) {
        let max = min + span;
        let ok = (min as i128..=max as i128).contains(&value);
        prop_assert_eq!(check_count("n", value, min, max).is_ok(), ok);
        if let Ok(v) = check_count("n", value, min, max) {
            prop_assert_eq!(v as i128, value);
        }
    }

    #[test]
    fn work_checks_never_overflow(count in any::<usize>(), size in any::<usize>(), max in any::<u64>()) {
        let ok = (count as u128) * (size as u128) <= max as u128;
        prop_assert_eq!(check_work("n", count, size, max).is_ok(), ok);
    }
}
