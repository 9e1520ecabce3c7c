//! One-candle patterns (some compare with the candle before), as TA-Lib defines them.

use super::scan::{Candle, Measures, scan};
use super::settings::{CandleSetting, CandleSettings};

pub(super) fn doji(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 0, &[(s.body_doji, 0)], |c, i, a| {
        if c.body(i) <= a[0].at(c, i) { 100 } else { 0 }
    })
}

pub(super) fn dragonfly_doji(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(
        m,
        0,
        &[(s.body_doji, 0), (s.shadow_very_short, 0)],
        |c, i, a| {
            let svs = a[1].at(c, i);
            let hit = c.body(i) <= a[0].at(c, i) && c.upper(i) < svs && c.lower(i) > svs;
            if hit { 100 } else { 0 }
        },
    )
}

pub(super) fn gravestone_doji(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(
        m,
        0,
        &[(s.body_doji, 0), (s.shadow_very_short, 0)],
        |c, i, a| {
            let svs = a[1].at(c, i);
            let hit = c.body(i) <= a[0].at(c, i) && c.lower(i) < svs && c.upper(i) > svs;
            if hit { 100 } else { 0 }
        },
    )
}

pub(super) fn long_legged_doji(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 0, &[(s.body_doji, 0), (s.shadow_long, 0)], |c, i, a| {
        let long = a[1].at(c, i);
        let hit = c.body(i) <= a[0].at(c, i) && (c.lower(i) > long || c.upper(i) > long);
        if hit { 100 } else { 0 }
    })
}

pub(super) fn rickshaw_man(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(
        m,
        0,
        &[(s.body_doji, 0), (s.shadow_long, 0), (s.near, 0)],
        |c, i, a| {
            let (long, near) = (a[1].at(c, i), a[2].at(c, i));
            let middle = c.l(i) + (c.h(i) - c.l(i)) / 2.0;
            let hit = c.body(i) <= a[0].at(c, i)
                && c.lower(i) > long
                && c.upper(i) > long
                && c.o(i).min(c.c(i)) <= middle + near
                && c.o(i).max(c.c(i)) >= middle - near;
            if hit { 100 } else { 0 }
        },
    )
}

pub(super) fn takuri(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(
        m,
        0,
        &[
            (s.body_doji, 0),
            (s.shadow_very_short, 0),
            (s.shadow_very_long, 0),
        ],
        |c, i, a| {
            let hit = c.body(i) <= a[0].at(c, i)
                && c.upper(i) < a[1].at(c, i)
                && c.lower(i) > a[2].at(c, i);
            if hit { 100 } else { 0 }
        },
    )
}

pub(super) fn spinning_top(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 0, &[(s.body_short, 0)], |c, i, a| {
        let body = c.body(i);
        let hit = (body < a[0].at(c, i)) & (c.upper(i) > body) & (c.lower(i) > body);
        if hit { c.color(i) * 100 } else { 0 }
    })
}

pub(super) fn high_wave(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(
        m,
        0,
        &[(s.body_short, 0), (s.shadow_very_long, 0)],
        |c, i, a| {
            let very_long = a[1].at(c, i);
            let hit =
                (c.body(i) < a[0].at(c, i)) & (c.upper(i) > very_long) & (c.lower(i) > very_long);
            if hit { c.color(i) * 100 } else { 0 }
        },
    )
}

// The hottest one-candle tests use `&` instead of `&&`: every operand is a cheap, side-effect
// free comparison, and on real bars a short-circuit branch is mispredicted about half the time.

/// Long or short body with both shadows under a shadow setting (marubozu, long/short line).
fn body_and_shadows(
    m: &Measures,
    body: super::settings::CandleSetting,
    long: bool,
    shadow: super::settings::CandleSetting,
) -> Vec<i32> {
    scan(m, 0, &[(body, 0), (shadow, 0)], |c, i, a| {
        let threshold = a[0].at(c, i);
        let body_ok = if long {
            c.body(i) > threshold
        } else {
            c.body(i) < threshold
        };
        let shadow = a[1].at(c, i);
        if body_ok & (c.upper(i) < shadow) & (c.lower(i) < shadow) {
            c.color(i) * 100
        } else {
            0
        }
    })
}

pub(super) fn marubozu(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    body_and_shadows(m, s.body_long, true, s.shadow_very_short)
}

pub(super) fn long_line(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    body_and_shadows(m, s.body_long, true, s.shadow_short)
}

pub(super) fn short_line(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    body_and_shadows(m, s.body_short, false, s.shadow_short)
}

pub(super) fn closing_marubozu(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(
        m,
        0,
        &[(s.body_long, 0), (s.shadow_very_short, 0)],
        |c, i, a| {
            let svs = a[1].at(c, i);
            let closes_at_extreme = if c.color(i) == 1 {
                c.upper(i) < svs
            } else {
                c.lower(i) < svs
            };
            if c.body(i) > a[0].at(c, i) && closes_at_extreme {
                c.color(i) * 100
            } else {
                0
            }
        },
    )
}

pub(super) fn belt_hold(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(
        m,
        0,
        &[(s.body_long, 0), (s.shadow_very_short, 0)],
        |c, i, a| {
            let svs = a[1].at(c, i);
            let opens_at_extreme = if c.color(i) == 1 {
                c.lower(i) < svs
            } else {
                c.upper(i) < svs
            };
            if c.body(i) > a[0].at(c, i) && opens_at_extreme {
                c.color(i) * 100
            } else {
                0
            }
        },
    )
}

/// Small body, one long and one very short shadow; `position` checks against the prior bar.
fn hammer_like(
    m: &Measures,
    s: &CandleSettings,
    lower_long: bool,
    near_prior: bool,
    position: impl Fn(&Candle, usize, f64) -> bool,
    value: i32,
) -> Vec<i32> {
    // Variants that do not compare with the prior candle get an empty near average, which
    // neither lengthens the lookback nor is read.
    let near = if near_prior {
        s.near
    } else {
        CandleSetting {
            avg_period: 0,
            ..s.near
        }
    };
    let averages = [
        (s.body_short, 0),
        (s.shadow_long, 0),
        (s.shadow_very_short, 0),
        (near, 1),
    ];
    scan(m, 1, &averages, |c, i, a| {
        let (long, short) = if lower_long {
            (c.lower(i), c.upper(i))
        } else {
            (c.upper(i), c.lower(i))
        };
        let near = if near_prior { a[3].at(c, i) } else { 0.0 };
        let hit = (c.body(i) < a[0].at(c, i))
            & (long > a[1].at(c, i))
            & (short < a[2].at(c, i))
            & position(c, i, near);
        if hit { value } else { 0 }
    })
}

pub(super) fn hammer(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    hammer_like(
        m,
        s,
        true,
        true,
        |c, i, near| c.c(i).min(c.o(i)) <= c.l(i - 1) + near,
        100,
    )
}

pub(super) fn hanging_man(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    hammer_like(
        m,
        s,
        true,
        true,
        |c, i, near| c.c(i).min(c.o(i)) >= c.h(i - 1) - near,
        -100,
    )
}

pub(super) fn inverted_hammer(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    hammer_like(m, s, false, false, |c, i, _| c.body_gap_down(i, i - 1), 100)
}

pub(super) fn shooting_star(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    hammer_like(m, s, false, false, |c, i, _| c.body_gap_up(i, i - 1), -100)
}
