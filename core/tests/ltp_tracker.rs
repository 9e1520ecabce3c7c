//! Layers 2 and 3 on hand-built bar sequences whose setup lifecycle is known.

use edgekit::ltp::*;

/// 2024-01-02 09:30 New York (EST) in UTC seconds.
const DAY1_OPEN: i64 = 1_704_205_800;
const DAY: i64 = 86_400;

/// Five 1-minute bars making one 5-minute candle that visits `path` in order and ends at its
/// last point (o → ... → c).
fn candle(t: i64, path: &[f64]) -> Vec<Bar> {
    let mut points = path.to_vec();
    while points.len() < 6 {
        points.push(*points.last().unwrap());
    }
    (0..5)
        .map(|i| {
            let (a, b) = (points[i], points[i + 1]);
            Bar {
                t: t + 60 * i as i64,
                o: a,
                h: a.max(b),
                l: a.min(b),
                c: b,
                v: 1000.0,
            }
        })
        .collect()
}

/// A quick profile: one 5-minute EMA cloud (2/4), ATR 3, no premarket or structure votes.
fn profile() -> Profile {
    Profile {
        trend_minutes: vec![5],
        ema_fast: 2,
        ema_slow: 4,
        atr_period: 3,
        premarket_weight: 0.0,
        structure_weight: 0.0,
        ..Profile::default()
    }
}

/// Day 1: a quiet session between 99 and 101 closing at 100.50 (PDH 101, PDL 99, PDC 100.5).
fn day_one() -> Vec<Bar> {
    let mut bars = Vec::new();
    for k in 0..78 {
        let t = DAY1_OPEN + 300 * k;
        let path: &[f64] = match k {
            10 => &[100.0, 101.0, 100.0],
            20 => &[100.0, 99.0, 100.0],
            77 => &[100.0, 100.2, 100.5],
            _ => &[100.0, 100.2, 99.8, 100.0],
        };
        bars.extend(candle(t, path));
    }
    bars
}

/// Day 2 up to a ready long at PDH: a rising open, a push into 101, then a small inside candle.
fn day_two_until_ready() -> (i64, Vec<Bar>) {
    let open = DAY1_OPEN + DAY;
    let specs: [&[f64]; 9] = [
        &[100.40, 100.35, 100.55, 100.50],
        &[100.50, 100.45, 100.65, 100.60],
        &[100.60, 100.55, 100.75, 100.70],
        &[100.70, 100.65, 100.85, 100.80],
        &[100.80, 100.75, 100.95, 100.90],
        &[100.90, 100.85, 101.02, 100.98],
        &[100.98, 100.90, 101.05, 100.99],
        // the patience candle: inside the prior one, body 0.01
        &[100.99, 100.95, 101.02, 101.00],
        &[101.00, 100.97, 101.01, 101.00],
    ];
    let mut bars = Vec::new();
    for (k, path) in specs.iter().enumerate() {
        bars.extend(candle(open + 300 * k as i64, path));
    }
    (open + 300 * specs.len() as i64, bars)
}

fn run(bars: &[Bar]) -> (Tracker, Vec<Event>) {
    let mut tracker = Tracker::new(profile()).unwrap();
    let mut events = Vec::new();
    for bar in bars {
        events.extend(tracker.update("SPY", bar).unwrap());
    }
    (tracker, events)
}

fn kinds(events: &[Event]) -> Vec<EventKind> {
    events.iter().map(|e| e.kind).collect()
}

/// Day one, day two up to the ready long, then `after` (5-minute paths from the next slot);
/// returns the day-two events.
fn scenario(after: &[&[f64]]) -> Vec<Event> {
    let mut bars = day_one();
    let (mut t, more) = day_two_until_ready();
    bars.extend(more);
    for path in after {
        bars.extend(candle(t, path));
        t += 300;
    }
    let (_, events) = run(&bars);
    events
        .into_iter()
        .filter(|e| e.timestamp >= DAY1_OPEN + DAY)
        .collect()
}

use EventKind::*;

#[test]
fn the_long_at_pdh_becomes_ready_with_its_plan() {
    let events = scenario(&[]);
    assert_eq!(
        kinds(&events),
        [
            LevelApproach,
            LevelApproach,
            LevelApproach,
            SetupForming,
            LevelApproach,
            Expired,
            SetupForming,
            SetupReady
        ]
    );
    let left = &events[5];
    assert_eq!(
        (left.level_type.as_ref(), left.reason),
        ("orh", Some(ExpireReason::LeftLevel))
    );
    let ready = events.last().unwrap();
    assert_eq!(ready.direction, Some(Direction::Bullish));
    assert_eq!(
        (ready.level_type.as_ref(), ready.level_price),
        ("pdh", 101.0)
    );
    // entry and stop one tick beyond the patience candle (high 101.01, low 100.97), target 2R
    let (entry, stop, target) = (
        ready.entry.unwrap(),
        ready.stop.unwrap(),
        ready.target.unwrap(),
    );
    assert!(
        (entry - 101.02).abs() < 1e-9 && (stop - 100.96).abs() < 1e-9,
        "{entry} {stop}"
    );
    assert!((target - (entry + 2.0 * (entry - stop))).abs() < 1e-9);
    assert!(ready.score >= 70.0);
}

#[test]
fn a_trigger_then_the_target() {
    let events = scenario(&[&[101.00, 101.04, 101.20]]);
    assert_eq!(kinds(&events[8..]), [Triggered, TargetHit]);
}

#[test]
fn a_trigger_then_the_stop() {
    let events = scenario(&[&[101.00, 101.04, 100.95]]);
    assert_eq!(kinds(&events[8..]), [Triggered, Stopped]);
}

#[test]
fn the_stop_side_breaking_first_expires_the_setup() {
    let events = scenario(&[&[101.00, 100.95, 101.04]]);
    assert_eq!(kinds(&events[8..]), [Expired]);
    assert_eq!(events[8].reason, Some(ExpireReason::OppositeSideBroken));
}

#[test]
fn no_trigger_within_the_allowed_candles_expires_the_setup() {
    let quiet: &[f64] = &[101.00, 101.01, 100.98, 101.00];
    let events = scenario(&[quiet, quiet, quiet]);
    assert_eq!(
        kinds(&events[8..]),
        [] as [EventKind; 0],
        "three quiet candles are allowed"
    );
    let events = scenario(&[quiet, quiet, quiet, quiet]);
    assert_eq!(kinds(&events[8..]), [Expired]);
    assert_eq!(events[8].reason, Some(ExpireReason::NoTrigger));
}

#[test]
fn an_open_trade_expires_at_the_session_end() {
    let mut after: Vec<&[f64]> = vec![&[101.00, 101.04, 101.06]];
    // 10:15 to 16:00 is 69 five-minute candles; hold between stop and target.
    after.extend(std::iter::repeat_n(
        &[101.06, 101.07, 101.05, 101.06][..],
        68,
    ));
    let events: Vec<Event> = scenario(&after)
        .into_iter()
        .filter(|e| e.kind != LevelApproach)
        .collect();
    assert_eq!(kinds(&events[4..]), [Triggered, Expired]);
    let end = &events[5];
    assert_eq!(end.reason, Some(ExpireReason::SessionEnd));
    assert_eq!(
        end.timestamp,
        DAY1_OPEN + DAY + 390 * 60 - 60,
        "the last bar of the session"
    );
}

#[test]
fn state_saved_mid_stream_resumes_identically() {
    let mut bars = day_one();
    let (t, more) = day_two_until_ready();
    bars.extend(more);
    bars.extend(candle(t, &[101.00, 101.04, 101.20]));
    let (_, all) = run(&bars);
    let cut = bars.len() - 12;
    let (first, mut events) = run(&bars[..cut]);
    let mut restored = Tracker::from_bytes(&first.to_bytes()).unwrap();
    for bar in &bars[cut..] {
        events.extend(restored.update("SPY", bar).unwrap());
    }
    assert_eq!(events, all);
    assert!(Tracker::from_bytes(&[1, 2, 3]).is_err());
}

#[test]
fn many_symbols_keep_separate_state() {
    let mut bars = day_one();
    let (t, more) = day_two_until_ready();
    bars.extend(more);
    bars.extend(candle(t, &[101.00, 101.04, 101.20]));
    let (_, alone) = run(&bars);
    let mut tracker = Tracker::new(profile()).unwrap();
    let (spy, qqq) = (tracker.symbol_id("SPY"), tracker.symbol_id("QQQ"));
    let mut ids = Vec::new();
    let mut interleaved = Vec::new();
    for bar in &bars {
        ids.extend([spy, qqq]);
        let mirrored = Bar {
            o: 200.0 - bar.o,
            h: 200.0 - bar.l,
            l: 200.0 - bar.h,
            c: 200.0 - bar.c,
            ..*bar
        };
        interleaved.extend([*bar, mirrored]);
    }
    let events = tracker.update_many(&ids, &interleaved).unwrap();
    let spy_events: Vec<Event> = events.iter().filter(|e| e.symbol == spy).cloned().collect();
    assert_eq!(spy_events, alone);
    let qqq_ready: Vec<&Event> = events
        .iter()
        .filter(|e| e.symbol == qqq && e.kind == SetupReady)
        .collect();
    assert_eq!(
        qqq_ready.last().unwrap().direction,
        Some(Direction::Bearish),
        "the mirror image shorts"
    );
    assert_eq!(tracker.symbol_name(qqq), Some("QQQ"));
}

#[test]
fn user_levels_are_scored() {
    let mut tracker = Tracker::new(profile()).unwrap();
    tracker
        .set_levels(
            "SPY",
            vec![KeyLevel::new("weekly_high", 100.98, "weekly", 90.0)],
        )
        .unwrap();
    let mut bars = day_one();
    bars.extend(day_two_until_ready().1);
    for bar in &bars {
        tracker.update("SPY", bar).unwrap();
    }
    let ev = tracker.evaluation("SPY").unwrap();
    assert!(ev.levels.iter().any(|l| l.kind == "weekly_high"));
    let hit = ev.level.as_ref().unwrap();
    assert!(
        hit.stacked.iter().any(|k| k == "weekly_high" || k == "pdh"),
        "{hit:?}"
    );
}

#[test]
fn bad_bars_and_profiles_are_refused() {
    let mut tracker = Tracker::new(profile()).unwrap();
    let bar = Bar {
        t: DAY1_OPEN,
        o: 100.0,
        h: 100.5,
        l: 99.5,
        c: 100.2,
        v: 10.0,
    };
    tracker.update("SPY", &bar).unwrap();
    let err = tracker.update("SPY", &bar).unwrap_err();
    assert!(matches!(err, LtpError::OutOfOrder { .. }), "{err}");
    let nan = Bar {
        t: DAY1_OPEN + 60,
        c: f64::NAN,
        ..bar
    };
    assert_eq!(
        tracker.update("SPY", &nan).unwrap_err().to_string(),
        format!("SPY: bar at {}: close is NaN", DAY1_OPEN + 60)
    );
    let low = Bar {
        t: DAY1_OPEN + 60,
        h: 100.1,
        ..bar
    };
    assert!(
        tracker
            .update("SPY", &low)
            .unwrap_err()
            .to_string()
            .contains("high 100.1 is below")
    );
    let bad = Profile {
        setup_minutes: 7,
        ..Profile::default()
    };
    assert!(
        Tracker::new(bad)
            .unwrap_err()
            .to_string()
            .starts_with("setup_minutes = 7")
    );
    let bad = Profile {
        grade_floors: [90.0, 95.0, 70.0, 60.0, 50.0],
        ..Profile::default()
    };
    assert!(Tracker::new(bad).is_err());
}

#[test]
fn grades_change_after_two_evaluations() {
    let mut h = GradeHysteresis::default();
    assert_eq!(h.update(Grade::B), Grade::B);
    assert_eq!(h.update(Grade::A), Grade::B, "one A is not enough");
    assert_eq!(h.update(Grade::B), Grade::B);
    assert_eq!(h.update(Grade::A), Grade::B);
    assert_eq!(h.update(Grade::A), Grade::A, "two in a row");
    assert_eq!(
        Grade::of(90.0, &Profile::default().grade_floors),
        Grade::APlus
    );
    assert_eq!(Grade::of(49.9, &Profile::default().grade_floors), Grade::F);
}

/// The shared scenarios (tests/vectors/ltp_tracker.json) that Python and Node run too.
#[test]
fn shared_scenarios_give_the_expected_lifecycle() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/ltp_tracker.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let profile: Profile = serde_json::from_value(v["profile"].clone()).unwrap();
    let day_two = v["day_two_open"].as_i64().unwrap();
    for s in v["scenarios"].as_array().unwrap() {
        let col = |k: &str| -> Vec<f64> {
            s["bars"][k]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap())
                .collect()
        };
        let (t, o, h, l, c, vol) = (col("t"), col("o"), col("h"), col("l"), col("c"), col("v"));
        let bars: Vec<Bar> = (0..t.len())
            .map(|i| Bar {
                t: t[i] as i64,
                o: o[i],
                h: h[i],
                l: l[i],
                c: c[i],
                v: vol[i],
            })
            .collect();
        let (events, _) = replay("SPY", &bars, &[], profile.clone()).unwrap();
        let got: Vec<serde_json::Value> = events
            .iter()
            .filter(|e| e.timestamp >= day_two && e.kind != LevelApproach)
            .map(|e| serde_json::json!([e.kind, e.reason, e.level_type]))
            .collect();
        assert_eq!(serde_json::Value::from(got), s["expect"], "{}", s["name"]);
        let ready = events
            .iter()
            .find(|e| e.kind == SetupReady && e.level_type == "pdh")
            .unwrap();
        assert!((ready.entry.unwrap() - v["ready"]["entry"].as_f64().unwrap()).abs() < 1e-9);
        assert!((ready.stop.unwrap() - v["ready"]["stop"].as_f64().unwrap()).abs() < 1e-9);
    }
}

/// Feeds one session of 5-minute candles with closes `closes`, each opening at the previous
/// close, reaching 0.05 beyond its close and 0.01 behind its open (so turning candles make
/// strict swing points).
fn session_of(closes: &[f64], profile: Profile) -> Tracker {
    let mut tracker = Tracker::new(profile).unwrap();
    let mut previous = closes[0];
    for (k, &c) in closes.iter().enumerate() {
        let path = if c >= previous {
            [previous, previous - 0.01, c + 0.05, c]
        } else {
            [previous, previous + 0.01, c - 0.05, c]
        };
        for bar in candle(DAY1_OPEN + 300 * k as i64, &path) {
            tracker.update("SPY", &bar).unwrap();
        }
        previous = c;
    }
    tracker
}

fn vote(ev: &Evaluation, source: VoteSource) -> i8 {
    ev.votes.iter().find(|v| v.source == source).unwrap().vote
}

#[test]
fn structure_votes_after_a_break_of_the_last_swing() {
    // three up, two down, higher each time: swing lows rise, swing highs rise, closes break them
    let mut closes = Vec::new();
    let mut base = 100.0;
    for _ in 0..8 {
        for step in [0.3, 0.6, 0.9, 0.6, 0.45] {
            closes.push(base + step);
        }
        base += 0.5;
    }
    let up = session_of(&closes, Profile::default());
    assert_eq!(
        vote(up.evaluation("SPY").unwrap(), VoteSource::Structure),
        1
    );
    let mirrored: Vec<f64> = closes.iter().map(|c| 200.0 - c).collect();
    let down = session_of(&mirrored, Profile::default());
    assert_eq!(
        vote(down.evaluation("SPY").unwrap(), VoteSource::Structure),
        -1
    );
    let flat = session_of(&[100.0; 40], Profile::default());
    assert_eq!(
        vote(flat.evaluation("SPY").unwrap(), VoteSource::Structure),
        0
    );
}

#[test]
fn a_chop_day_scores_no_trend() {
    // closes see-saw across VWAP
    let closes: Vec<f64> = (0..40)
        .map(|k| if k % 2 == 0 { 100.3 } else { 99.7 })
        .collect();
    let ev = session_of(&closes, Profile::default())
        .evaluation("SPY")
        .unwrap()
        .clone();
    assert!(
        ev.chop && ev.vwap_crosses >= 4,
        "{} crosses",
        ev.vwap_crosses
    );
    assert_eq!(ev.trend_score, 0.0);
    let calm = Profile {
        chop_crosses: 100,
        ..Profile::default()
    };
    let ev = session_of(&closes, calm).evaluation("SPY").unwrap().clone();
    assert!(!ev.chop);
}

#[test]
fn vwap_stacked_with_a_level_is_king_and_queen() {
    let closes = [100.0; 30];
    let mut tracker = Tracker::new(Profile::default()).unwrap();
    tracker
        .set_levels(
            "SPY",
            vec![KeyLevel::new("weekly_low", 100.01, "weekly", 100.0)],
        )
        .unwrap();
    let mut previous = closes[0];
    for (k, &c) in closes.iter().enumerate() {
        for bar in candle(
            DAY1_OPEN + 300 * k as i64,
            &[previous, c + 0.05, c - 0.05, c],
        ) {
            tracker.update("SPY", &bar).unwrap();
        }
        previous = c;
    }
    let ev = tracker.evaluation("SPY").unwrap();
    let hit = ev.level.as_ref().unwrap();
    assert!(hit.king_queen, "{hit:?}");
    let p = tracker.profile();
    assert!(ev.level_score >= hit.proximity + p.king_queen_bonus - 1e-9 || ev.level_score == 100.0);
}
