//! DraftKings NFL lineups on the 2019 week-1 main slate: the best lineup, a 150-lineup run with
//! the default rules and a stacked portfolio run, with their timings; then 20 tournament entries
//! chosen by simulated return against an ownership-drawn field.

use std::error::Error;
use std::time::Instant;

use edgekit::lineup::{
    ContestOptions, ContestSpec, Lineup, Rules, Site, Slate, Sport, contest_portfolio, optimize,
};

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
    contest(slate)
}

/// 20 entries of an illustrative $20 tournament chosen by simulated return. The slate has no
/// ownership projections, so a stand-in is set: within each position, shares in proportion to
/// projection³ / salary, summing to the spots the position usually fills.
fn contest(mut slate: Slate) -> Result<(), Box<dyn Error>> {
    let spots = |position: &str| match position {
        "RB" => 2.5,
        "WR" => 3.5,
        _ => 1.0,
    };
    let weight = |projection: f64, salary: u32| {
        if projection > 0.0 {
            projection.powi(3) / f64::from(salary)
        } else {
            0.0
        }
    };
    let mut totals = std::collections::HashMap::<String, f64>::new();
    for p in &slate.players {
        *totals.entry(p.positions[0].clone()).or_default() += weight(p.projection, p.salary);
    }
    for p in &mut slate.players {
        let total = totals[&p.positions[0]];
        let own = 100.0 * spots(&p.positions[0]) * weight(p.projection, p.salary) / total;
        p.extra.ownership = Some(if total > 0.0 { own.min(80.0) } else { 0.0 });
    }
    let table =
        std::fs::read_to_string(data::dir().join("lineup/dk_gpp_payouts_illustrative.csv"))?;
    let contest = ContestSpec::from_payout_csv(&table, 10_150, 20.0, 150)?;
    let options = ContestOptions {
        simulations: 2_000,
        candidates: 1_000,
        ..Default::default()
    };
    let start = Instant::now();
    let rules = Rules {
        max_exposure: Some(0.5),
        ..Rules::default()
    };
    let result = contest_portfolio(&slate, &contest, 20, &rules, 7, &options)?;
    let (field, set) = (&result.field, &result.portfolio);
    println!(
        "\n20 entries of an illustrative $20 tournament (10,150 entries, prize table \
         examples/data/lineup/dk_gpp_payouts_illustrative.csv; stand-in ownership), chosen by \
         simulated return from {} candidates over {} slates against {} field lineups: {:.1} ms",
        result.candidates,
        result.simulations,
        field.entries,
        ms(start)
    );
    println!(
        "Field: mean salary ${:.0}, mean projection {:.1} (optimal {:.1}), {:.0} % stacked. \
         Set: expected profit ${:.0} ± {:.0} on ${:.0}; some entry cashes in {:.0} % of slates \
         (returns against this model field, weaker than a real one: docs/lineup.md).",
        field.mean_salary,
        field.mean_projection,
        field.optimal_projection,
        100.0 * field.stacked_share,
        set.expected_profit,
        set.profit_std_error,
        set.cost,
        100.0 * set.cash_rate
    );
    for e in result.entries.iter().take(3) {
        println!(
            "    {:.2} points: ROI {:.0} %, cash {:.1} %, top 1 % {:.1} %, marginal ${:.0}",
            e.lineup.projection,
            100.0 * e.stats.roi,
            100.0 * e.stats.cash_rate,
            100.0 * e.stats.top1_rate,
            e.marginal_profit.unwrap_or(0.0)
        );
    }
    Ok(())
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}
