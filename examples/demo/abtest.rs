//! The A/B section: the cookie_cats experiment (gate_30 = control, gate_40 = treatment) through
//! every lens the engine has: SRM, fixed-horizon tests with Holm adjustment, gbstats' Bayesian
//! and sequential views, and a BCa bootstrap.

use std::error::Error;

use edgekit::abtest::{
    BayesOptions, BootstrapOptions, Correction, DiffInterval, GroupSummary, MeansOptions,
    SequentialOptions, TestResult, TwoProportionsOptions, adjust_pvalues, bayes_gaussian,
    bootstrap, sequential, srm, two_proportions, welch,
};

use crate::data;

struct Arm {
    users: i64,
    retained_1: i64,
    retained_7: i64,
    rounds: Vec<f64>,
}

fn arms() -> Result<(Arm, Arm), Box<dyn Error>> {
    let path = data::dir().join("cookie_cats.csv");
    let columns = data::columns(
        &path,
        &["version", "retention_1", "retention_7", "sum_gamerounds"],
    )?;
    let [versions, retained_1, retained_7, rounds]: [Vec<String>; 4] =
        columns.try_into().map_err(|_| "expected four columns")?;
    let empty = || Arm {
        users: 0,
        retained_1: 0,
        retained_7: 0,
        rounds: Vec::new(),
    };
    let (mut control, mut treatment) = (empty(), empty());
    for (row, version) in versions.iter().enumerate() {
        let arm = match version.as_str() {
            "gate_30" => &mut control,
            "gate_40" => &mut treatment,
            other => {
                let line = row + 2;
                return Err(format!("{}:{line}: unknown version {other:?}", path.display()).into());
            }
        };
        arm.users += 1;
        arm.retained_1 += i64::from(retained_1[row] == "TRUE");
        arm.retained_7 += i64::from(retained_7[row] == "TRUE");
        arm.rounds.push(rounds[row].parse()?);
    }
    Ok((control, treatment))
}

fn row(metric: &str, (a, b): (&str, &str), r: &TestResult, q: f64) {
    println!(
        "{metric:<24} {a:>8} {b:>8} {:>+9.4} [{:>+8.4}, {:>+8.4}] {:>+7.2}% {:>9.2e} {q:>9.2e}  {}",
        r.effect,
        r.ci.0,
        r.ci.1,
        100.0 * r.relative_effect.unwrap_or(0.0),
        r.pvalue,
        if q < 0.05 {
            "significant"
        } else {
            "no evidence"
        },
    );
}

/// Bayesian (gbstats), sequential (always-valid) and bootstrap views of one metric; returns
/// which of the three see a difference (P(b wins) outside [2.5%, 97.5%], always-valid p below
/// 5%, a bootstrap interval excluding 0).
fn lenses(
    name: &str,
    a: (&GroupSummary, &[f64]),
    b: (&GroupSummary, &[f64]),
) -> Result<[bool; 3], Box<dyn Error>> {
    let bayes = bayes_gaussian(a.0, b.0, &BayesOptions::default())?;
    let seq = sequential(a.0, b.0, &SequentialOptions::default())?;
    let boot_options = BootstrapOptions {
        seed: 2026,
        n_resamples: 4999,
        ..Default::default()
    };
    let boot = bootstrap(a.1, b.1, &boot_options)?;
    println!(
        "{name:<24} {:>9.4} {:>9.3}% {:>9.4} [{:>+8.4}, {:>+8.4}] [{:>+9.5}, {:>+9.5}]",
        bayes.chance_to_win,
        100.0 * bayes.risk_treatment,
        seq.pvalue,
        seq.ci.0,
        seq.ci.1,
        boot.ci.0,
        boot.ci.1,
    );
    Ok([
        !(0.025..=0.975).contains(&bayes.chance_to_win),
        seq.pvalue < 0.05,
        boot.ci.0 > 0.0 || boot.ci.1 < 0.0,
    ])
}

pub fn section() -> Result<(), Box<dyn Error>> {
    let (a, b) = arms()?;
    println!("\nabtest: cookie_cats (gate_30 = a, control; gate_40 = b, treatment; examples/data)");
    let check = srm(&[a.users, b.users], Some(&[0.5, 0.5]))?;
    let verdict = if check.pvalue < 0.001 {
        "sample-ratio mismatch (GrowthBook flags p < 0.001): stop"
    } else {
        "passes GrowthBook's SRM threshold (p < 0.001 flags a broken split)"
    };
    println!(
        "SRM check: {} vs {} users, chi2 = {:.3}, p = {:.4} → {verdict}",
        a.users, b.users, check.statistic, check.pvalue
    );

    let newcomb = TwoProportionsOptions {
        ci_method: DiffInterval::Newcomb,
        ..Default::default()
    };
    let results = [
        two_proportions(a.retained_1, a.users, b.retained_1, b.users, &newcomb)?,
        two_proportions(a.retained_7, a.users, b.retained_7, b.users, &newcomb)?,
        welch(&a.rounds, &b.rounds, &MeansOptions::default())?,
    ];
    let pvalues: Vec<f64> = results.iter().map(|r| r.pvalue).collect();
    let q = adjust_pvalues(&pvalues, Correction::Holm)?;
    println!("\nfixed horizon (z for rates, Welch t for rounds; Holm across the three metrics):");
    println!(
        "{:<24} {:>8} {:>8} {:>9} {:>20} {:>8} {:>9} {:>9}  decision at 5%",
        "metric", "a", "b", "b − a", "95% CI", "relative", "p", "adjusted"
    );
    let rate = |x: i64, n: i64| format!("{:.4}", x as f64 / n as f64);
    let mean = |v: &[f64]| format!("{:.3}", v.iter().sum::<f64>() / v.len() as f64);
    let r1 = (rate(a.retained_1, a.users), rate(b.retained_1, b.users));
    let r7 = (rate(a.retained_7, a.users), rate(b.retained_7, b.users));
    let rounds = (mean(&a.rounds), mean(&b.rounds));
    row("1-day retention", (&r1.0, &r1.1), &results[0], q[0]);
    row("7-day retention", (&r7.0, &r7.1), &results[1], q[1]);
    row("game rounds", (&rounds.0, &rounds.1), &results[2], q[2]);

    println!(
        "\nBayesian (gbstats, relative), sequential (always valid, relative) and bootstrap (BCa, b − a):"
    );
    println!(
        "{:<24} {:>9} {:>10} {:>9} {:>20} {:>22}",
        "metric", "P(b wins)", "risk of b", "seq. p", "confidence sequence", "bootstrap 95% CI"
    );
    let indicator =
        |x: i64, n: i64| -> Vec<f64> { (0..n).map(|i| f64::from(u8::from(i < x))).collect() };
    let mut verdicts = Vec::new();
    for (name, xa, xb) in [
        ("1-day retention", a.retained_1, b.retained_1),
        ("7-day retention", a.retained_7, b.retained_7),
    ] {
        let (va, vb) = (indicator(xa, a.users), indicator(xb, b.users));
        let ga = GroupSummary::from_conversions(xa, a.users)?;
        let gb = GroupSummary::from_conversions(xb, b.users)?;
        verdicts.push((name, lenses(name, (&ga, &va), (&gb, &vb))?));
    }
    let ga = GroupSummary::from_values(&a.rounds, "a")?;
    let gb = GroupSummary::from_values(&b.rounds, "b")?;
    verdicts.push((
        "game rounds",
        lenses("game rounds", (&ga, &a.rounds), (&gb, &b.rounds))?,
    ));

    println!("\ndecision table (which lenses see a difference at the 5% level):");
    for ((name, [bayes, seq, boot]), q) in verdicts.iter().zip(&q) {
        let lenses = [
            (*q < 0.05, "fixed horizon (Holm)"),
            (*bayes, "Bayesian"),
            (*seq, "sequential"),
            (*boot, "bootstrap"),
        ];
        let seen: Vec<&str> = lenses.iter().filter(|l| l.0).map(|l| l.1).collect();
        let verdict = match seen.len() {
            0 => "no lens sees a difference: no evidence of a change".to_owned(),
            4 => "every lens sees a difference".to_owned(),
            n => format!("{n} of 4 lenses see a difference ({})", seen.join(", ")),
        };
        println!("  {name:<16} {verdict}");
    }
    Ok(())
}
