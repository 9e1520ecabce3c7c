//! Ownership in the optimizer: total and product ownership caps hold on every lineup and give
//! the exact MILP's k-best values; the leverage objectives (projection less a linear or log
//! ownership penalty) give the MILP's values of that objective while lineups report their real
//! projections; missing ownership and impossible caps are refused by rule name.

use edgekit::lineup::*;

mod common;
use common::{assert_valid, rules, slate};

/// Ownership (percent) from value per salary dollar, so the chalk is the usual chalk.
fn with_ownership(mut s: Slate) -> Slate {
    for p in &mut s.players {
        let value = p.projection / (f64::from(p.salary) / 1000.0).max(0.1);
        p.extra.ownership = Some((3.0 * value).clamp(0.2, 60.0));
    }
    s
}

fn ownership_of(s: &Slate, l: &Lineup) -> Vec<f64> {
    l.players
        .iter()
        .map(|p| s.players[p.row].extra.ownership.unwrap())
        .collect()
}

fn run(s: &Slate, n: usize, r: &Rules, method: Method) -> Vec<Lineup> {
    let lineups = Optimizer::new(s, r.clone())
        .unwrap()
        .method(method)
        .optimize(n, None)
        .unwrap();
    for l in &lineups {
        assert_valid(s, l);
    }
    lineups
}

fn assert_close(a: &[f64], b: &[f64]) {
    assert_eq!(a.len(), b.len());
    for (k, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(
            (x - y).abs() < 1e-6,
            "lineup {}: search {x}, MILP {y}",
            k + 1
        );
    }
}

/// Showdown slates only: on classic slates a tight cap makes the search work for seconds to
/// minutes (its bound table does not see ownership yet; docs/lineup.md has the measurements).
#[test]
fn ownership_caps_hold_and_match_the_milp() {
    for name in ["dk_showdown"] {
        let s = with_ownership(slate(name));
        let plain = run(&s, 1, &Rules::default(), Method::Search);
        let total: f64 = ownership_of(&s, &plain[0]).iter().sum();
        let product: f64 = ownership_of(&s, &plain[0])
            .iter()
            .map(|o| o / 100.0)
            .product();
        // Caps the unconstrained best breaks, so the rules must bite.
        let caps = [
            format!(r#"{{"max_total_ownership": {}}}"#, 0.8 * total),
            format!(r#"{{"max_product_ownership": {:e}}}"#, product / 20.0),
        ];
        for json in caps {
            let r = rules(&json);
            let fast = run(&s, 4, &r, Method::Search);
            let milp = run(&s, 4, &r, Method::Milp);
            let values = |ls: &[Lineup]| ls.iter().map(|l| l.projection).collect::<Vec<_>>();
            assert_close(&values(&fast), &values(&milp));
            for l in &fast {
                let own = ownership_of(&s, l);
                if json.contains("total") {
                    assert!(
                        own.iter().sum::<f64>() <= 0.8 * total + 1e-6,
                        "{name} {json}"
                    );
                } else {
                    let p: f64 = own
                        .iter()
                        .map(|o| (o / 100.0).max(OWNERSHIP_FLOOR))
                        .product();
                    assert!(p <= product / 20.0 * (1.0 + 1e-9), "{name} {json}");
                }
            }
            assert!(fast[0].projection < plain[0].projection, "{name} {json}");
        }
    }
}

#[test]
fn leverage_objectives_match_the_milp_and_report_real_projections() {
    let s = with_ownership(slate("dk_nfl"));
    let plain = run(&s, 3, &Rules::default(), Method::Search);
    let zero = run(
        &s,
        3,
        &rules(r#"{"ownership_penalty": {"weight": 0}}"#),
        Method::Search,
    );
    assert_eq!(plain, zero);
    for (json, penalty) in [
        (
            r#"{"ownership_penalty": {"weight": 2.0}}"#,
            (|o: f64| 2.0 * o) as fn(f64) -> f64,
        ),
        (
            r#"{"ownership_penalty": {"weight": 5.0, "kind": "log"}}"#,
            |o: f64| 5.0 * (o / 100.0).max(OWNERSHIP_FLOOR).ln(),
        ),
    ] {
        let r = rules(json);
        let objective =
            |l: &Lineup| l.projection - ownership_of(&s, l).into_iter().map(penalty).sum::<f64>();
        let fast = run(&s, 3, &r, Method::Search);
        let milp = run(&s, 3, &r, Method::Milp);
        let values = |ls: &[Lineup]| ls.iter().map(objective).collect::<Vec<_>>();
        assert_close(&values(&fast), &values(&milp));
        // The leverage lineups own less than the plain best, and give up points for it.
        let owned = |l: &Lineup| ownership_of(&s, l).iter().sum::<f64>();
        assert!(owned(&fast[0]) <= owned(&plain[0]) + 1e-9, "{json}");
        assert!(fast[0].projection <= plain[0].projection + 1e-9, "{json}");
        // Points are kept to 1/10,000 per player, so objectives compare to that grain.
        assert!(objective(&fast[0]) >= objective(&plain[0]) - 1e-3, "{json}");
        assert_ne!(
            fast[0], plain[0],
            "{json}: the penalty must change the best lineup"
        );
        let reported: f64 = fast[0].players.iter().map(|p| p.projection).sum();
        assert!((reported - fast[0].projection).abs() < 1e-9);
    }
}

#[test]
fn ownership_rules_are_checked_by_name() {
    let bare = slate("dk_nfl");
    let err = optimize(&bare, 1, &rules(r#"{"max_total_ownership": 150}"#), None).unwrap_err();
    assert!(
        matches!(&err, LineupError::Rule { rule, .. } if rule == "max_total_ownership"),
        "{err}"
    );
    assert!(err.to_string().contains("ownership"), "{err}");
    let s = with_ownership(slate("dk_nfl"));
    for (json, rule) in [
        (r#"{"max_total_ownership": -5}"#, "max_total_ownership"),
        (r#"{"max_product_ownership": 2}"#, "max_product_ownership"),
        (
            r#"{"ownership_penalty": {"weight": -1}}"#,
            "ownership_penalty.weight",
        ),
    ] {
        let err = optimize(&s, 1, &rules(json), None).unwrap_err();
        assert!(
            matches!(&err, LineupError::Rule { rule: r, .. } if r == rule),
            "{json}: {err}"
        );
    }
    let err = optimize(&s, 1, &rules(r#"{"max_total_ownership": 1}"#), None).unwrap_err();
    let LineupError::Infeasible { rules: names, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(names, &["max_total_ownership"], "{err}");
}
