//! Inputs that once crashed, hung or returned NaN through the bindings (found by the fuzz
//! suites of issue 15), pinned in core: each now gives a typed error or a finite answer.

use edgekit::abtest::{self, BootstrapOptions, PowerOptions};
use edgekit::drift::{self, ChangePointOptions, Fhddm, MmdOptions};
use edgekit::limits::{LimitError, MAX_RESAMPLES};
use edgekit::patterns::{Cutoff, regimes, runs_test};
use edgekit::stats::{DescribeOptions, describe};
use edgekit::{Error, ErrorCode};

fn code(err: impl Into<Error>) -> ErrorCode {
    err.into().code()
}

#[test]
fn counts_beyond_their_limits_fail_fast_with_the_limit_named() {
    let x: Vec<f64> = (0..20).map(f64::from).collect();
    let options = BootstrapOptions {
        n_resamples: 1_000_000_000_000,
        ..Default::default()
    };
    let err = abtest::bootstrap(&x, &x, &options).unwrap_err();
    assert_eq!(code(err.clone()), ErrorCode::LimitExceeded);
    assert!(
        err.to_string().contains("n_resamples")
            && err.to_string().contains(&MAX_RESAMPLES.to_string())
    );

    let err = Fhddm::new(usize::MAX >> 1, 1e-6, Some(usize::MAX >> 1)).unwrap_err();
    assert_eq!(code(err), ErrorCode::LimitExceeded);

    let mmd = MmdOptions {
        permutations: 1_000_000_000,
        ..Default::default()
    };
    assert_eq!(
        code(drift::mmd(&x, &x, &mmd).unwrap_err()),
        ErrorCode::LimitExceeded
    );
    let huge = MmdOptions {
        max_samples: 1 << 40,
        ..Default::default()
    };
    assert_eq!(
        code(drift::mmd(&x, &x, &huge).unwrap_err()),
        ErrorCode::LimitExceeded
    );
}

#[test]
fn a_mining_search_space_is_bounded_before_its_systems_are_built() {
    use edgekit::patterns::games::{self, Filter, GameLog, MineOptions};
    let log = GameLog::from_spreadspoke(
        include_str!("../../examples/data/spreadspoke_scores.csv"),
        include_str!("../../examples/data/nfl_teams.csv"),
    )
    .unwrap();
    let rows = games::team_rows(&log);
    let space: Vec<Filter> = (0..400).map(|_| "home".parse().unwrap()).collect();
    let options = MineOptions {
        max_filters: 3,
        train: (2000, 2010),
        test: (2011, 2015),
        market: games::Market::Ats,
        odds: -110.0,
        min_games: 50,
    };
    let err = games::mine(&rows, &space, &options).unwrap_err();
    assert_eq!(code(err), ErrorCode::LimitExceeded);
}

#[test]
fn resample_work_is_bounded_by_count_times_size() {
    let x = vec![1.0; 10_000];
    let options = BootstrapOptions {
        n_resamples: 5_000_000,
        ..Default::default()
    };
    let err = abtest::bootstrap(&x, &x, &options).unwrap_err();
    assert!(matches!(
        err,
        abtest::AbtestError::Limit(LimitError {
            argument: "n_resamples",
            ..
        })
    ));
}

#[test]
fn change_points_on_a_series_shorter_than_a_segment_are_refused() {
    let options = ChangePointOptions::default();
    assert_eq!(
        code(drift::pelt(&[1.5], &options).unwrap_err()),
        ErrorCode::InvalidInput
    );
    assert_eq!(
        code(drift::binary_segmentation(&[1.5], &options).unwrap_err()),
        ErrorCode::InvalidInput
    );
    assert!(regimes(&[1.5], &options).is_err());
    // Segments whose spread overflows f64 are refused instead of reporting std = inf.
    assert!(regimes(&[1e308, -1e308, 1e308], &options).is_err());
}

#[test]
fn extreme_effect_sizes_and_counts_finish_with_probabilities() {
    // A noncentrality of ~1e30 once spun forever in the Poisson-beta series.
    for test in [abtest::PowerTest::T, abtest::PowerTest::Z] {
        let options = PowerOptions {
            test,
            ..Default::default()
        };
        let p = abtest::power(1e30, 10.0, &options).unwrap();
        assert!((0.0..=1.0).contains(&p) && p > 0.999, "{p}");
    }
    // Beta quantiles with shapes near 2^31 once ran for minutes inside statrs.
    let r = abtest::bayes_binomial(552, 1 << 31, 0, 2195, &Default::default()).unwrap();
    assert!(r.ci_a.0 <= r.ci_a.1 && r.ci_b.0 <= r.ci_b.1);
    assert!((0.0..=1.0).contains(&r.chance_to_beat_control));
    // The exact sum grows with the conversions: beyond its bound it is refused, not run.
    let err = abtest::bayes_binomial(1 << 30, 1 << 31, 1 << 30, 1 << 31, &Default::default());
    assert_eq!(code(err.unwrap_err()), ErrorCode::LimitExceeded);
}

#[test]
fn statistics_that_would_be_nan_are_undefined_or_finite() {
    // Subnormal spreads: the second moment underflows to 0 while the data are not constant;
    // the shape statistics are undefined, not 0/0.
    let d = describe(&[5e-324, 0.0, 1e-323], &DescribeOptions::default()).unwrap();
    assert!(d.kurtosis.is_none_or(f64::is_finite) && d.skewness.is_none_or(f64::is_finite));
    // Two values, one each side: the runs are fixed by the counts.
    let r = runs_test(&[1.0, -1.0], Cutoff::Mean, true).unwrap();
    assert!(r.z == 0.0 && r.pvalue == 1.0);
    // Constant samples: Epps-Singleton is undefined.
    assert!(drift::epps_singleton(&[2.0; 10], &[2.0; 12], 0.05).is_err());
    // Values whose squared distances overflow: MMD refuses instead of returning NaN.
    let big = [1e308, -1e308, 1e308, 0.0];
    assert!(drift::mmd(&big, &[1.0, 2.0, 3.0], &MmdOptions::default()).is_err());
}

#[test]
fn relative_effects_of_means_near_zero_are_undefined_not_nan() {
    // Found by the Node options fuzz: a near-zero mean of `a` and a near-zero confidence.
    let a = [
        2.2088453390370177e-235,
        7.220838750104974e-128,
        -6.048468423941796e-152,
    ];
    let b = [
        5.696133712299529e-148,
        7.778296286725931e-181,
        -1.1205914897462793e-65,
        -6.509000784463579e-277,
        2.570176555415357e-29,
        -5.345769912424129e-214,
        -9.829983309620184e-141,
        -1.2842227660556691e-86,
        4.394036339727245e-39,
        -1.6055061815462957e-172,
    ];
    let options = abtest::MeansOptions {
        confidence: 9.4e-323,
        equal_var: true,
        ..Default::default()
    };
    let r = abtest::welch(&a, &b, &options).unwrap();
    assert!(r.relative_effect.is_none_or(f64::is_finite));
    assert!(
        r.relative_ci
            .is_none_or(|(low, high)| !low.is_nan() && !high.is_nan())
    );
}

#[test]
fn saved_detector_state_with_infinities_loads_back() {
    let fresh = drift::Ddm::default();
    let text = serde_json::to_string(&fresh).unwrap();
    assert!(text.contains("\"Infinity\"") && !text.contains("null"));
    let back: drift::Ddm = serde_json::from_str(&text).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
    let ph = drift::PageHinkley::default();
    let text = serde_json::to_string(&ph).unwrap();
    let back: drift::PageHinkley = serde_json::from_str(&text).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
}

#[test]
fn tvd_permutations_are_bounded_before_any_work() {
    let (a, b) = ([0.0, 1.0, 1.0, 0.0], [1.0, 1.0, 0.0, 1.0]);
    let err = edgekit::drift::tvd(&a[..], &b[..], 0.05, 4_294_967_298, 0).unwrap_err();
    assert!(matches!(err, edgekit::drift::DriftError::Limit(_)), "{err}");
    let err = edgekit::drift::tvd(&a[..], &b[..], 0.05, 0, 0).unwrap_err();
    assert!(err.to_string().contains("permutations"), "{err}");
}

#[test]
fn sequential_refuses_summaries_that_are_not_groups() {
    use edgekit::abtest::{GroupSummary, SequentialOptions, sequential};
    // Found by the Node soak: n = 0 or a subnormal n gave a NaN confidence sequence.
    let good = GroupSummary {
        n: 100.0,
        mean: 0.5,
        variance: 2.0,
    };
    for bad in [
        GroupSummary {
            n: 0.0,
            mean: 5e-324,
            variance: 1e308,
        },
        GroupSummary {
            n: 5e-324,
            mean: 0.0,
            variance: 2.0,
        },
    ] {
        assert!(sequential(&bad, &good, &SequentialOptions::default()).is_err());
        assert!(sequential(&good, &bad, &SequentialOptions::default()).is_err());
    }
    let huge = GroupSummary {
        n: 1e308,
        mean: -1.0,
        variance: 5e-324,
    };
    let tight = GroupSummary {
        n: 1e10,
        mean: 7.0,
        variance: 100.0,
    };
    let options = SequentialOptions {
        relative: false,
        tuning: 0.5,
        confidence: 0.5,
    };
    match sequential(&tight, &huge, &options) {
        Ok(r) => assert!(r.ci.0.is_finite() && r.ci.1.is_finite() && !r.pvalue.is_nan()),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}
