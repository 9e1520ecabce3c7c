//! Two-candle patterns, as TA-Lib defines them.

use super::scan::{Measures, scan};
use super::settings::CandleSettings;

pub(super) fn engulfing(m: &Measures, _: &CandleSettings) -> Vec<i32> {
    // TA-Lib's lookback for engulfing is 2 although only one prior candle is read.
    // Written without short-circuits: on real bars the colours alternate unpredictably, and
    // a branch per comparison would be mispredicted about half the time.
    scan(m, 2, &[], |c, i, _| {
        let (o, cl, o1, c1) = (c.o(i), c.c(i), c.o(i - 1), c.c(i - 1));
        let (white, white1) = (cl >= o, c1 >= o1);
        let bullish = white & !white1 & (((cl >= o1) & (o < c1)) | ((cl > o1) & (o <= c1)));
        let bearish = !white & white1 & (((o >= c1) & (cl < o1)) | ((o > c1) & (cl <= o1)));
        let strength = if (o != c1) & (cl != o1) { 100 } else { 80 };
        let signal = if white { strength } else { -strength };
        if bullish | bearish { signal } else { 0 }
    })
}

/// A long candle then a small one inside its body: harami (short body) or harami cross
/// (doji). Fully inside gives ±100, touching an end ±80.
fn harami_like(m: &Measures, s: &CandleSettings, doji: bool) -> Vec<i32> {
    let second = if doji { s.body_doji } else { s.body_short };
    scan(m, 1, &[(s.body_long, 1), (second, 0)], |c, i, a| {
        if !(c.body(i - 1) > a[0].at(c, i) && c.body(i) <= a[1].at(c, i)) {
            return 0;
        }
        let (top, bottom) = (c.c(i).max(c.o(i)), c.c(i).min(c.o(i)));
        let (top1, bottom1) = (c.c(i - 1).max(c.o(i - 1)), c.c(i - 1).min(c.o(i - 1)));
        if top < top1 && bottom > bottom1 {
            -c.color(i - 1) * 100
        } else if top <= top1 && bottom >= bottom1 {
            -c.color(i - 1) * 80
        } else {
            0
        }
    })
}

pub(super) fn harami(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    harami_like(m, s, false)
}

pub(super) fn harami_cross(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    harami_like(m, s, true)
}

pub(super) fn piercing(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 1, &[(s.body_long, 1), (s.body_long, 0)], |c, i, a| {
        let hit = c.color(i - 1) == -1
            && c.body(i - 1) > a[0].at(c, i)
            && c.color(i) == 1
            && c.body(i) > a[1].at(c, i)
            && c.o(i) < c.l(i - 1)
            && c.c(i) < c.o(i - 1)
            && c.c(i) > c.c(i - 1) + c.body(i - 1) * 0.5;
        if hit { 100 } else { 0 }
    })
}

pub(super) fn dark_cloud_cover(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    let penetration = 0.5;
    scan(m, 1, &[(s.body_long, 1)], |c, i, a| {
        let hit = c.color(i - 1) == 1
            && c.body(i - 1) > a[0].at(c, i)
            && c.color(i) == -1
            && c.o(i) > c.h(i - 1)
            && c.c(i) > c.o(i - 1)
            && c.c(i) < c.c(i - 1) - c.body(i - 1) * penetration;
        if hit { -100 } else { 0 }
    })
}

pub(super) fn homing_pigeon(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 1, &[(s.body_long, 1), (s.body_short, 0)], |c, i, a| {
        let hit = c.color(i - 1) == -1
            && c.color(i) == -1
            && c.body(i - 1) > a[0].at(c, i)
            && c.body(i) <= a[1].at(c, i)
            && c.o(i) < c.o(i - 1)
            && c.c(i) > c.c(i - 1);
        if hit { 100 } else { 0 }
    })
}

/// A long black candle then a white one opening below its low and closing near its low or
/// close: on-neck, in-neck, thrusting differ only in where the close lands.
/// `close_ok(close, prior low, prior close, prior body, equal)`.
fn neck(
    m: &Measures,
    s: &CandleSettings,
    close_ok: impl Fn(f64, f64, f64, f64, f64) -> bool,
) -> Vec<i32> {
    scan(m, 1, &[(s.equal, 1), (s.body_long, 1)], |c, i, a| {
        let hit = c.color(i - 1) == -1
            && c.body(i - 1) > a[1].at(c, i)
            && c.color(i) == 1
            && c.o(i) < c.l(i - 1)
            && close_ok(c.c(i), c.l(i - 1), c.c(i - 1), c.body(i - 1), a[0].at(c, i));
        if hit { -100 } else { 0 }
    })
}

pub(super) fn on_neck(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    neck(m, s, |close, low1, _, _, equal| {
        close <= low1 + equal && close >= low1 - equal
    })
}

pub(super) fn in_neck(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    neck(m, s, |close, _, close1, _, equal| {
        close <= close1 + equal && close >= close1
    })
}

pub(super) fn thrusting(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    neck(m, s, |close, _, close1, body1, equal| {
        close > close1 + equal && close <= close1 + body1 * 0.5
    })
}

pub(super) fn matching_low(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 1, &[(s.equal, 1)], |c, i, a| {
        let equal = a[0].at(c, i);
        let hit = c.color(i - 1) == -1
            && c.color(i) == -1
            && c.c(i) <= c.c(i - 1) + equal
            && c.c(i) >= c.c(i - 1) - equal;
        if hit { 100 } else { 0 }
    })
}

pub(super) fn doji_star(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 1, &[(s.body_long, 1), (s.body_doji, 0)], |c, i, a| {
        let first = c.color(i - 1);
        let hit = c.body(i - 1) > a[0].at(c, i)
            && c.body(i) <= a[1].at(c, i)
            && ((first == 1 && c.body_gap_up(i, i - 1))
                || (first == -1 && c.body_gap_down(i, i - 1)));
        if hit { -first * 100 } else { 0 }
    })
}

/// Two opposite marubozu with a gap; `by_length` takes the direction from the longer one.
fn kicking_like(m: &Measures, s: &CandleSettings, by_length: bool) -> Vec<i32> {
    scan(
        m,
        1,
        &[
            (s.shadow_very_short, 1),
            (s.shadow_very_short, 0),
            (s.body_long, 1),
            (s.body_long, 0),
        ],
        |c, i, a| {
            let marubozu = |k: usize, svs: f64, long: f64| {
                c.body(k) > long && c.upper(k) < svs && c.lower(k) < svs
            };
            let hit = c.color(i - 1) == -c.color(i)
                && marubozu(i - 1, a[0].at(c, i), a[2].at(c, i))
                && marubozu(i, a[1].at(c, i), a[3].at(c, i))
                && ((c.color(i - 1) == -1 && c.gap_up(i, i - 1))
                    || (c.color(i - 1) == 1 && c.gap_down(i, i - 1)));
            if !hit {
                0
            } else if by_length && c.body(i - 1) >= c.body(i) {
                c.color(i - 1) * 100
            } else {
                c.color(i) * 100
            }
        },
    )
}

pub(super) fn kicking(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    kicking_like(m, s, false)
}

pub(super) fn kicking_by_length(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    kicking_like(m, s, true)
}

pub(super) fn counterattack(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(
        m,
        1,
        &[(s.equal, 1), (s.body_long, 1), (s.body_long, 0)],
        |c, i, a| {
            let equal = a[0].at(c, i);
            let hit = c.color(i - 1) == -c.color(i)
                && c.body(i - 1) > a[1].at(c, i)
                && c.body(i) > a[2].at(c, i)
                && c.c(i) <= c.c(i - 1) + equal
                && c.c(i) >= c.c(i - 1) - equal;
            if hit { c.color(i) * 100 } else { 0 }
        },
    )
}

pub(super) fn separating_lines(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(
        m,
        1,
        &[(s.shadow_very_short, 0), (s.body_long, 0), (s.equal, 1)],
        |c, i, a| {
            let (svs, equal) = (a[0].at(c, i), a[2].at(c, i));
            let hit = c.color(i - 1) == -c.color(i)
                && c.o(i) <= c.o(i - 1) + equal
                && c.o(i) >= c.o(i - 1) - equal
                && c.body(i) > a[1].at(c, i)
                && ((c.color(i) == 1 && c.lower(i) < svs)
                    || (c.color(i) == -1 && c.upper(i) < svs));
            if hit { c.color(i) * 100 } else { 0 }
        },
    )
}
