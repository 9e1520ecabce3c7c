//! DraftKings NFL lineups on the 2019 week-1 main slate: the best lineup, a 150-lineup run with
//! the default rules and a stacked portfolio run, with their timings.

use std::error::Error;
use std::time::Instant;

use edgekit::lineup::{Lineup, Rules, Site, Slate, Sport, optimize};

use crate::data;

fn show(l: &Lineup) {
    for p in &l.players {
        println!(
            "    {:<5} {:<24} {:<4} {:<4} ${:>5} {:>7.2}",
            p.slot, p.name, p.team, p.position, p.salary, p.projection
        );
    }
    println!("    total ${} {:.2} points", l.salary, l.projection);
}

pub fn section() -> Result<(), Box<dyn Error>> {
    println!("\n## Lineups: DraftKings NFL classic, 2019 week 1 (951 players, 16 games)\n");
    let path = data::dir().join("lineup/dk_nfl_classic_2019wk1_seenahuang.csv");
    let slate = Slate::from_csv_path(&path, Site::DraftKings, Sport::Nfl, None)?;
    println!(
        "Projections: the file's AvgPointsPerGame; players averaging 0 are dropped (pool hygiene).\n"
    );

    let start = Instant::now();
    let best = optimize(&slate, 1, &Rules::default(), None)?;
    println!("Best lineup ({:.1} ms):", ms(start));
    show(&best[0]);

    let start = Instant::now();
    let run = optimize(&slate, 150, &Rules::default(), None)?;
    let distinct: std::collections::BTreeSet<&str> = run
        .iter()
        .flat_map(|l| l.players.iter().map(|p| p.id.as_str()))
        .collect();
    println!(
        "\n150 lineups, default rules: {:.1} ms, projections {:.2} … {:.2}, {} distinct players",
        ms(start),
        run[0].projection,
        run[149].projection,
        distinct.len()
    );

    let rules: Rules = serde_json::from_str(
        r#"{"max_exposure": 0.5, "max_repeating": 6,
            "stacks": [{"type": "positions", "positions": ["QB", "WR|TE", "WR|TE"], "bring_back": ["WR|TE|RB"]}],
            "restrict_opposing": [{"positions": ["DST"], "opposing": ["QB", "RB", "WR", "TE"]}]}"#,
    )?;
    let start = Instant::now();
    let run = optimize(&slate, 150, &rules, None)?;
    let distinct: std::collections::BTreeSet<&str> = run
        .iter()
        .flat_map(|l| l.players.iter().map(|p| p.id.as_str()))
        .collect();
    println!(
        "150 lineups, QB + 2 WR/TE stack with a bring-back, no offense against the DST, \
         max exposure 0.5, at most 6 shared players: {:.1} ms, projections {:.2} … {:.2}, {} distinct players",
        ms(start),
        run[0].projection,
        run[149].projection,
        distinct.len()
    );
    println!("Its best lineup:");
    show(&run[0]);
    Ok(())
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}
