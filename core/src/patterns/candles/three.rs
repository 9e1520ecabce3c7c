//! Patterns of three or more candles, as TA-Lib defines them.

use super::scan::{Candle, Measures, scan};
use super::settings::CandleSettings;

/// TA-Lib's default penetration for the star patterns.
const STAR_PENETRATION: f64 = 0.3;

/// Morning/evening (doji) star: a long body, a small (or doji) body gapping away from it, then
/// a real body closing well into the first. `bullish` picks the morning version.
fn star(m: &Measures, s: &CandleSettings, doji: bool, bullish: bool) -> Vec<i32> {
    let middle = if doji { s.body_doji } else { s.body_short };
    scan(
        m,
        2,
        &[(s.body_long, 2), (middle, 1), (s.body_short, 0)],
        |c, i, a| {
            let first = if bullish { -1 } else { 1 };
            let gap = if bullish {
                c.body_gap_down(i - 1, i - 2)
            } else {
                c.body_gap_up(i - 1, i - 2)
            };
            let reach = c.body(i - 2) * STAR_PENETRATION;
            let closes_into = if bullish {
                c.c(i) > c.c(i - 2) + reach
            } else {
                c.c(i) < c.c(i - 2) - reach
            };
            let hit = c.body(i - 2) > a[0].at(c, i)
                && c.color(i - 2) == first
                && c.body(i - 1) <= a[1].at(c, i)
                && gap
                && c.body(i) > a[2].at(c, i)
                && c.color(i) == -first
                && closes_into;
            if hit { -first * 100 } else { 0 }
        },
    )
}

pub(super) fn morning_star(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    star(m, s, false, true)
}

pub(super) fn evening_star(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    star(m, s, false, false)
}

pub(super) fn morning_doji_star(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    star(m, s, true, true)
}

pub(super) fn evening_doji_star(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    star(m, s, true, false)
}

pub(super) fn three_white_soldiers(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    let averages = [
        (s.shadow_very_short, 2),
        (s.shadow_very_short, 1),
        (s.shadow_very_short, 0),
        (s.near, 2),
        (s.near, 1),
        (s.far, 2),
        (s.far, 1),
        (s.body_short, 0),
    ];
    scan(m, 2, &averages, |c, i, a| {
        let hit = c.color(i - 2) == 1
            && c.upper(i - 2) < a[0].at(c, i)
            && c.color(i - 1) == 1
            && c.upper(i - 1) < a[1].at(c, i)
            && c.color(i) == 1
            && c.upper(i) < a[2].at(c, i)
            && c.c(i) > c.c(i - 1)
            && c.c(i - 1) > c.c(i - 2)
            && c.o(i - 1) > c.o(i - 2)
            && c.o(i - 1) <= c.c(i - 2) + a[3].at(c, i)
            && c.o(i) > c.o(i - 1)
            && c.o(i) <= c.c(i - 1) + a[4].at(c, i)
            && c.body(i - 1) > c.body(i - 2) - a[5].at(c, i)
            && c.body(i) > c.body(i - 1) - a[6].at(c, i)
            && c.body(i) > a[7].at(c, i);
        if hit { 100 } else { 0 }
    })
}

pub(super) fn three_black_crows(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    let averages = [
        (s.shadow_very_short, 2),
        (s.shadow_very_short, 1),
        (s.shadow_very_short, 0),
    ];
    scan(m, 3, &averages, |c, i, a| {
        let hit = c.color(i - 3) == 1
            && c.color(i - 2) == -1
            && c.lower(i - 2) < a[0].at(c, i)
            && c.color(i - 1) == -1
            && c.lower(i - 1) < a[1].at(c, i)
            && c.color(i) == -1
            && c.lower(i) < a[2].at(c, i)
            && c.o(i - 1) < c.o(i - 2)
            && c.o(i - 1) > c.c(i - 2)
            && c.o(i) < c.o(i - 1)
            && c.o(i) > c.c(i - 1)
            && c.h(i - 3) > c.c(i - 2)
            && c.c(i - 2) > c.c(i - 1)
            && c.c(i - 1) > c.c(i);
        if hit { -100 } else { 0 }
    })
}

pub(super) fn identical_three_crows(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    let averages = [
        (s.shadow_very_short, 2),
        (s.shadow_very_short, 1),
        (s.shadow_very_short, 0),
        (s.equal, 2),
        (s.equal, 1),
    ];
    scan(m, 2, &averages, |c, i, a| {
        let (eq2, eq1) = (a[3].at(c, i), a[4].at(c, i));
        let hit = c.color(i - 2) == -1
            && c.lower(i - 2) < a[0].at(c, i)
            && c.color(i - 1) == -1
            && c.lower(i - 1) < a[1].at(c, i)
            && c.color(i) == -1
            && c.lower(i) < a[2].at(c, i)
            && c.c(i - 2) > c.c(i - 1)
            && c.c(i - 1) > c.c(i)
            && c.o(i - 1) <= c.c(i - 2) + eq2
            && c.o(i - 1) >= c.c(i - 2) - eq2
            && c.o(i) <= c.c(i - 1) + eq1
            && c.o(i) >= c.c(i - 1) - eq1;
        if hit { -100 } else { 0 }
    })
}

pub(super) fn three_inside(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 2, &[(s.body_long, 2), (s.body_short, 1)], |c, i, a| {
        let inside = c.c(i - 1).max(c.o(i - 1)) < c.c(i - 2).max(c.o(i - 2))
            && c.c(i - 1).min(c.o(i - 1)) > c.c(i - 2).min(c.o(i - 2));
        let confirms = (c.color(i - 2) == 1 && c.color(i) == -1 && c.c(i) < c.o(i - 2))
            || (c.color(i - 2) == -1 && c.color(i) == 1 && c.c(i) > c.o(i - 2));
        let hit =
            c.body(i - 2) > a[0].at(c, i) && c.body(i - 1) <= a[1].at(c, i) && inside && confirms;
        if hit { -c.color(i - 2) * 100 } else { 0 }
    })
}

pub(super) fn three_outside(m: &Measures, _: &CandleSettings) -> Vec<i32> {
    scan(m, 3, &[], |c, i, _| {
        let up = c.color(i - 1) == 1
            && c.color(i - 2) == -1
            && c.c(i - 1) > c.o(i - 2)
            && c.o(i - 1) < c.c(i - 2)
            && c.c(i) > c.c(i - 1);
        let down = c.color(i - 1) == -1
            && c.color(i - 2) == 1
            && c.o(i - 1) > c.c(i - 2)
            && c.c(i - 1) < c.o(i - 2)
            && c.c(i) < c.c(i - 1);
        if up || down { c.color(i - 1) * 100 } else { 0 }
    })
}

pub(super) fn two_crows(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 2, &[(s.body_long, 2)], |c, i, a| {
        let hit = c.color(i - 2) == 1
            && c.body(i - 2) > a[0].at(c, i)
            && c.color(i - 1) == -1
            && c.body_gap_up(i - 1, i - 2)
            && c.color(i) == -1
            && c.o(i) < c.o(i - 1)
            && c.o(i) > c.c(i - 1)
            && c.c(i) > c.o(i - 2)
            && c.c(i) < c.c(i - 2);
        if hit { -100 } else { 0 }
    })
}

pub(super) fn upside_gap_two_crows(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 2, &[(s.body_long, 2), (s.body_short, 1)], |c, i, a| {
        let hit = c.color(i - 2) == 1
            && c.body(i - 2) > a[0].at(c, i)
            && c.color(i - 1) == -1
            && c.body(i - 1) <= a[1].at(c, i)
            && c.body_gap_up(i - 1, i - 2)
            && c.color(i) == -1
            && c.o(i) > c.o(i - 1)
            && c.c(i) < c.c(i - 1)
            && c.c(i) > c.c(i - 2);
        if hit { -100 } else { 0 }
    })
}

pub(super) fn abandoned_baby(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(
        m,
        2,
        &[(s.body_long, 2), (s.body_doji, 1), (s.body_short, 0)],
        |c, i, a| {
            let reach = c.body(i - 2) * STAR_PENETRATION;
            let down = c.color(i - 2) == 1
                && c.color(i) == -1
                && c.c(i) < c.c(i - 2) - reach
                && c.gap_up(i - 1, i - 2)
                && c.gap_down(i, i - 1);
            let up = c.color(i - 2) == -1
                && c.color(i) == 1
                && c.c(i) > c.c(i - 2) + reach
                && c.gap_down(i - 1, i - 2)
                && c.gap_up(i, i - 1);
            let hit = c.body(i - 2) > a[0].at(c, i)
                && c.body(i - 1) <= a[1].at(c, i)
                && c.body(i) > a[2].at(c, i)
                && (down || up);
            if hit { c.color(i) * 100 } else { 0 }
        },
    )
}

pub(super) fn tristar(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 2, &[(s.body_doji, 2)], |c, i, a| {
        let doji = a[0].at(c, i);
        if !(c.body(i - 2) <= doji && c.body(i - 1) <= doji && c.body(i) <= doji) {
            return 0;
        }
        let (top, top1) = (c.o(i).max(c.c(i)), c.o(i - 1).max(c.c(i - 1)));
        let (bottom, bottom1) = (c.o(i).min(c.c(i)), c.o(i - 1).min(c.c(i - 1)));
        if c.body_gap_up(i - 1, i - 2) && top < top1 {
            -100
        } else if c.body_gap_down(i - 1, i - 2) && bottom > bottom1 {
            100
        } else {
            0
        }
    })
}

pub(super) fn stick_sandwich(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 2, &[(s.equal, 2)], |c, i, a| {
        let equal = a[0].at(c, i);
        let hit = c.color(i - 2) == -1
            && c.color(i - 1) == 1
            && c.color(i) == -1
            && c.l(i - 1) > c.c(i - 2)
            && c.c(i) <= c.c(i - 2) + equal
            && c.c(i) >= c.c(i - 2) - equal;
        if hit { 100 } else { 0 }
    })
}

pub(super) fn three_line_strike(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 3, &[(s.near, 3), (s.near, 2)], |c, i, a| {
        let color = c.color(i - 1);
        let within = |k: usize, near: f64| {
            c.o(k) >= c.o(k - 1).min(c.c(k - 1)) - near
                && c.o(k) <= c.o(k - 1).max(c.c(k - 1)) + near
        };
        let same = c.color(i - 3) == color && c.color(i - 2) == color && c.color(i) == -color;
        let trend = if color == 1 {
            c.c(i - 1) > c.c(i - 2)
                && c.c(i - 2) > c.c(i - 3)
                && c.o(i) > c.c(i - 1)
                && c.c(i) < c.o(i - 3)
        } else {
            c.c(i - 1) < c.c(i - 2)
                && c.c(i - 2) < c.c(i - 3)
                && c.o(i) < c.c(i - 1)
                && c.c(i) > c.o(i - 3)
        };
        let hit = same && within(i - 2, a[0].at(c, i)) && within(i - 1, a[1].at(c, i)) && trend;
        if hit { color * 100 } else { 0 }
    })
}

pub(super) fn tasuki_gap(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 2, &[(s.near, 1)], |c, i, a| {
        let near = a[0].at(c, i);
        let similar = (c.body(i - 1) - c.body(i)).abs() < near;
        let up = c.body_gap_up(i - 1, i - 2)
            && c.color(i - 1) == 1
            && c.color(i) == -1
            && c.o(i) < c.c(i - 1)
            && c.o(i) > c.o(i - 1)
            && c.c(i) < c.o(i - 1)
            && c.c(i) > c.c(i - 2).max(c.o(i - 2))
            && similar;
        let down = c.body_gap_down(i - 1, i - 2)
            && c.color(i - 1) == -1
            && c.color(i) == 1
            && c.o(i) < c.o(i - 1)
            && c.o(i) > c.c(i - 1)
            && c.c(i) > c.o(i - 1)
            && c.c(i) < c.c(i - 2).min(c.o(i - 2))
            && similar;
        if up {
            100
        } else if down {
            -100
        } else {
            0
        }
    })
}

pub(super) fn gap_side_side_white(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 2, &[(s.near, 1), (s.equal, 1)], |c, i, a| {
        let (near, equal) = (a[0].at(c, i), a[1].at(c, i));
        let up = c.body_gap_up(i - 1, i - 2) && c.body_gap_up(i, i - 2);
        let down = c.body_gap_down(i - 1, i - 2) && c.body_gap_down(i, i - 2);
        let hit = (up || down)
            && c.color(i - 1) == 1
            && c.color(i) == 1
            && c.body(i) >= c.body(i - 1) - near
            && c.body(i) <= c.body(i - 1) + near
            && c.o(i) >= c.o(i - 1) - equal
            && c.o(i) <= c.o(i - 1) + equal;
        if !hit {
            0
        } else if up {
            100
        } else {
            -100
        }
    })
}

/// Hikkake: an inside bar, then a false breakout (±100); confirmed (±200) when price closes
/// beyond the inside bar's opposite extreme within three bars. Stateful, so not a [`scan`].
pub(super) fn hikkake(m: &Measures, _: &CandleSettings) -> Vec<i32> {
    let bars = m.bars;
    let n = bars.len();
    let mut out = vec![0; n];
    let lookback = 5;
    if n <= lookback {
        return out;
    }
    let c = Candle(bars);
    let breakout = |i: usize| {
        c.h(i - 1) < c.h(i - 2)
            && c.l(i - 1) > c.l(i - 2)
            && ((c.h(i) < c.h(i - 1) && c.l(i) < c.l(i - 1))
                || (c.h(i) > c.h(i - 1) && c.l(i) > c.l(i - 1)))
    };
    let (mut pattern_index, mut pattern_result) = (0usize, 0i32);
    for (i, slot) in out.iter_mut().enumerate().skip(lookback - 3) {
        let confirmed = |pattern_index: usize, pattern_result: i32| {
            pattern_index > 0
                && i <= pattern_index + 3
                && ((pattern_result > 0 && c.c(i) > c.h(pattern_index - 1))
                    || (pattern_result < 0 && c.c(i) < c.l(pattern_index - 1)))
        };
        let value = if breakout(i) {
            pattern_result = if c.h(i) < c.h(i - 1) { 100 } else { -100 };
            pattern_index = i;
            pattern_result
        } else if confirmed(pattern_index, pattern_result) {
            pattern_index = 0;
            pattern_result + 100 * pattern_result.signum()
        } else {
            0
        };
        if i >= lookback {
            *slot = value;
        }
    }
    out
}

/// Modified hikkake (Bettina Bergmann's refinement): two inside bars in a row, the first
/// closing near its low (bullish) or high (bearish), then the false breakout; confirmed as in
/// [`hikkake`].
pub(super) fn hikkake_modified(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    let bars = m.bars;
    let n = bars.len();
    let mut out = vec![0; n];
    let lookback = s.near.avg_period.max(1) + 5;
    if n <= lookback {
        return out;
    }
    let c = Candle(bars);
    let mut near = super::scan::Average::new(m, s.near, 2, lookback - 3);
    let (mut pattern_index, mut pattern_result) = (0usize, 0i32);
    for (i, slot) in out.iter_mut().enumerate().skip(lookback - 3) {
        let close_near = near.at(&c, i);
        let setup = c.h(i - 2) < c.h(i - 3)
            && c.l(i - 2) > c.l(i - 3)
            && c.h(i - 1) < c.h(i - 2)
            && c.l(i - 1) > c.l(i - 2)
            && ((c.h(i) < c.h(i - 1)
                && c.l(i) < c.l(i - 1)
                && c.c(i - 2) <= c.l(i - 2) + close_near)
                || (c.h(i) > c.h(i - 1)
                    && c.l(i) > c.l(i - 1)
                    && c.c(i - 2) >= c.h(i - 2) - close_near));
        let value = if setup {
            pattern_result = if c.h(i) < c.h(i - 1) { 100 } else { -100 };
            pattern_index = i;
            pattern_result
        } else if pattern_index > 0
            && i <= pattern_index + 3
            && ((pattern_result > 0 && c.c(i) > c.h(pattern_index - 1))
                || (pattern_result < 0 && c.c(i) < c.l(pattern_index - 1)))
        {
            pattern_index = 0;
            pattern_result + 100 * pattern_result.signum()
        } else {
            0
        };
        if i >= lookback {
            *slot = value;
        }
        near.advance(i);
    }
    out
}
