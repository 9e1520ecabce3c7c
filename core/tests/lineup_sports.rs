//! Soccer and tennis on DraftKings: the salary files read (soccer's `A vs B` Game Info without a
//! date, tennis' surnames as teams and matchups with spaces), k-best runs held to
//! pydfs-lineup-optimizer's recorded runs (tests/vectors/lineup_pydfs_sports.json) and to the
//! MILP, the upload file, and a contest simulated on each.

use std::collections::BTreeSet;

use edgekit::lineup::*;

mod common;
use common::{assert_matches_pydfs as assert_matches, assert_valid, recorded, slate};

#[test]
fn soccer_reads_vs_matchups_and_dual_positions_and_matches_pydfs() {
    let s = slate("dk_soccer");
    assert_eq!(s.players.len(), 112);
    let games: BTreeSet<&str> = s.players.iter().filter_map(|p| p.game.as_deref()).collect();
    assert_eq!(games, BTreeSet::from(["CEL vs LGN", "SHU vs WBA"]));
    let aspas = s.players.iter().find(|p| p.name == "Iago Aspas").unwrap();
    assert_eq!(
        (aspas.team.as_str(), aspas.opponent.as_deref()),
        ("CEL", Some("LGN"))
    );
    assert!(s.players.iter().all(|p| p.starts_at.is_none()));
    assert!(s.players.iter().any(|p| p.positions == ["M", "F"]));
    let got = assert_matches(&s, &recorded("lineup_pydfs_sports.json", "soccer"));
    for l in &got {
        let teams: BTreeSet<&str> = l.players.iter().map(|p| p.team.as_str()).collect();
        assert!(teams.len() >= 3, "{l:?}");
    }
    let upload = upload_csv(&s, &got);
    assert!(upload.starts_with("F,F,M,M,D,D,GK,UTIL\n"), "{upload}");
    assert_eq!(read_upload_csv(&s, &upload).unwrap(), got);
}

#[test]
fn tennis_reads_players_as_teams_and_matches_pydfs() {
    let s = slate("dk_tennis");
    assert_eq!(s.players.len(), 28);
    let matches: BTreeSet<&str> = s.players.iter().filter_map(|p| p.game.as_deref()).collect();
    assert_eq!(matches.len(), 14);
    let wild = s
        .players
        .iter()
        .find(|p| p.name == "Thiago Seyboth Wild")
        .unwrap();
    assert_eq!(
        (
            wild.team.as_str(),
            wild.opponent.as_deref(),
            wild.game.as_deref()
        ),
        (
            "Seyboth Wild",
            Some("Davidovich Fokina"),
            Some("Seyboth Wild@Davidovich Fokina")
        )
    );
    let moutet = s
        .players
        .iter()
        .find(|p| p.name == "Corentin Moutet")
        .unwrap();
    // 02/17/2020 03:50PM ET is 20:50 UTC.
    assert_eq!(moutet.starts_at, Some(1_581_972_600));
    let got = assert_matches(&s, &recorded("lineup_pydfs_sports.json", "tennis"));
    assert!(upload_csv(&s, &got).starts_with("P,P,P,P,P,P\n"));
}

#[test]
fn contests_simulate_on_soccer_and_tennis() {
    let contest =
        ContestSpec::from_payout_csv("place,prize\n1,100\n2-5,20\n6-20,5\n", 200, 3.0, 20).unwrap();
    for name in ["dk_soccer", "dk_tennis"] {
        let mut s = slate(name);
        // The files carry no ownership: a stand-in proportional to projection (percent,
        // summing to 100 per roster slot) lets the field be drawn.
        let total: f64 = s.players.iter().map(|p| p.projection.max(0.0)).sum();
        let slots = s.roster.slots.len() as f64;
        for p in &mut s.players {
            p.extra.ownership = Some(100.0 * slots * p.projection.max(0.0) / total);
        }
        let pool = candidate_pool(&s, &Rules::default(), 30).unwrap();
        assert!(pool.len() >= 20, "{name}: {}", pool.len());
        let options = ContestOptions {
            simulations: 200,
            ..Default::default()
        };
        let result = select_by_roi(&s, &contest, &pool, 3, &Rules::default(), 7, &options).unwrap();
        assert_eq!(result.entries.len(), 3, "{name}");
        for e in &result.entries {
            assert_valid(&s, &e.lineup);
            assert!(
                e.stats.roi.is_finite() && e.stats.cash_rate >= 0.0 && e.stats.cash_rate <= 1.0
            );
        }
        // Seeded: the same seed gives the same choice.
        let again = select_by_roi(&s, &contest, &pool, 3, &Rules::default(), 7, &options).unwrap();
        assert_eq!(
            result
                .entries
                .iter()
                .map(|e| e.lineup.clone())
                .collect::<Vec<_>>(),
            again
                .entries
                .iter()
                .map(|e| e.lineup.clone())
                .collect::<Vec<_>>()
        );
    }
}
