//! The A/B section: the cookie_cats experiment (gate_30 = control, gate_40 = treatment).

use std::error::Error;

use edgekit::abtest::{
    Correction, DiffInterval, MeansOptions, TestResult, TwoProportionsOptions, adjust_pvalues, srm,
    two_proportions, welch,
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
    let empty = || Arm {
        users: 0,
        retained_1: 0,
        retained_7: 0,
        rounds: Vec::new(),
    };
    let (mut control, mut treatment) = (empty(), empty());
    let [versions, retained_1, retained_7, rounds]: [Vec<String>; 4] =
        columns.try_into().map_err(|_| "expected four columns")?;
    for (row, version) in versions.iter().enumerate() {
        let arm = match version.as_str() {
            "gate_30" => &mut control,
            "gate_40" => &mut treatment,
            other => {
                return Err(
                    format!("{}:{}: unknown version {other:?}", path.display(), row + 2).into(),
                );
            }
        };
        arm.users += 1;
        arm.retained_1 += i64::from(retained_1[row] == "TRUE");
        arm.retained_7 += i64::from(retained_7[row] == "TRUE");
        arm.rounds.push(rounds[row].parse()?);
    }
    Ok((control, treatment))
}

fn row(metric: &str, a: &str, b: &str, r: &TestResult, q: f64) {
    println!(
        "{metric:<26} {a:>10} {b:>10} {:>+10.4} [{:>+8.4}, {:>+8.4}] {:>+8.2}% {:>10.2e} {q:>9.2e}  {}",
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

pub fn section() -> Result<(), Box<dyn Error>> {
    let (a, b) = arms()?;
    println!("\nabtest: cookie_cats (gate_30 = a, control; gate_40 = b, treatment; examples/data)");
    let check = srm(&[a.users, b.users], &[0.5, 0.5])?;
    println!(
        "SRM check: {} vs {} users, chi2 = {:.3}, p = {:.4} → {}",
        a.users,
        b.users,
        check.statistic,
        check.pvalue,
        if check.pvalue < 0.001 {
            "split is broken: stop"
        } else {
            "split matches 50/50"
        }
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
    println!(
        "{:<26} {:>10} {:>10} {:>10} {:>20} {:>9} {:>10} {:>9}  decision (Holm, 5%)",
        "metric", "a", "b", "b − a", "95% CI", "relative", "p", "adjusted"
    );
    let rate = |x: i64, n: i64| format!("{:.4}", x as f64 / n as f64);
    let mean = |v: &[f64]| format!("{:.3}", v.iter().sum::<f64>() / v.len() as f64);
    row(
        "1-day retention (z)",
        &rate(a.retained_1, a.users),
        &rate(b.retained_1, b.users),
        &results[0],
        q[0],
    );
    row(
        "7-day retention (z)",
        &rate(a.retained_7, a.users),
        &rate(b.retained_7, b.users),
        &results[1],
        q[1],
    );
    row(
        "game rounds (Welch t)",
        &mean(&a.rounds),
        &mean(&b.rounds),
        &results[2],
        q[2],
    );
    Ok(())
}
