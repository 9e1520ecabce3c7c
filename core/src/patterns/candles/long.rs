//! Patterns of three to five candles with several conditions per candle, as TA-Lib defines
//! them.

use super::scan::{Measures, scan};
use super::settings::CandleSettings;

pub(super) fn upside_downside_gap_three_methods(m: &Measures, _: &CandleSettings) -> Vec<i32> {
    scan(m, 2, &[], |c, i, _| {
        let first = c.color(i - 2);
        let hit = first == c.color(i - 1)
            && c.color(i - 1) == -c.color(i)
            && c.o(i) < c.c(i - 1).max(c.o(i - 1))
            && c.o(i) > c.c(i - 1).min(c.o(i - 1))
            && c.c(i) < c.c(i - 2).max(c.o(i - 2))
            && c.c(i) > c.c(i - 2).min(c.o(i - 2))
            && ((first == 1 && c.body_gap_up(i - 1, i - 2))
                || (first == -1 && c.body_gap_down(i - 1, i - 2)));
        if hit { first * 100 } else { 0 }
    })
}

pub(super) fn unique_three_river(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 2, &[(s.body_long, 2), (s.body_short, 0)], |c, i, a| {
        let hit = c.color(i - 2) == -1
            && c.body(i - 2) > a[0].at(c, i)
            && c.color(i - 1) == -1
            && c.c(i - 1) > c.c(i - 2)
            && c.o(i - 1) <= c.o(i - 2)
            && c.l(i - 1) < c.l(i - 2)
            && c.body(i) < a[1].at(c, i)
            && c.color(i) == 1
            && c.o(i) > c.l(i - 1);
        if hit { 100 } else { 0 }
    })
}

pub(super) fn ladder_bottom(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 4, &[(s.shadow_very_short, 1)], |c, i, a| {
        let hit = c.color(i - 4) == -1
            && c.color(i - 3) == -1
            && c.color(i - 2) == -1
            && c.o(i - 4) > c.o(i - 3)
            && c.o(i - 3) > c.o(i - 2)
            && c.c(i - 4) > c.c(i - 3)
            && c.c(i - 3) > c.c(i - 2)
            && c.color(i - 1) == -1
            && c.upper(i - 1) > a[0].at(c, i)
            && c.color(i) == 1
            && c.o(i) > c.o(i - 1)
            && c.c(i) > c.h(i - 1);
        if hit { 100 } else { 0 }
    })
}

pub(super) fn conceal_baby_swallow(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    let averages = [
        (s.shadow_very_short, 3),
        (s.shadow_very_short, 2),
        (s.shadow_very_short, 1),
    ];
    scan(m, 3, &averages, |c, i, a| {
        let (svs3, svs2, svs1) = (a[0].at(c, i), a[1].at(c, i), a[2].at(c, i));
        let hit = c.color(i - 3) == -1
            && c.color(i - 2) == -1
            && c.color(i - 1) == -1
            && c.color(i) == -1
            && c.lower(i - 3) < svs3
            && c.upper(i - 3) < svs3
            && c.lower(i - 2) < svs2
            && c.upper(i - 2) < svs2
            && c.body_gap_down(i - 1, i - 2)
            && c.upper(i - 1) > svs1
            && c.h(i - 1) > c.c(i - 2)
            && c.h(i) > c.h(i - 1)
            && c.l(i) < c.l(i - 1);
        if hit { 100 } else { 0 }
    })
}

pub(super) fn three_stars_in_south(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    let averages = [
        (s.body_long, 2),
        (s.shadow_long, 2),
        (s.shadow_very_short, 1),
        (s.shadow_very_short, 0),
        (s.body_short, 0),
    ];
    scan(m, 2, &averages, |c, i, a| {
        let svs0 = a[3].at(c, i);
        let hit = c.color(i - 2) == -1
            && c.color(i - 1) == -1
            && c.color(i) == -1
            && c.body(i - 2) > a[0].at(c, i)
            && c.lower(i - 2) > a[1].at(c, i)
            && c.body(i - 1) < c.body(i - 2)
            && c.o(i - 1) > c.c(i - 2)
            && c.o(i - 1) <= c.h(i - 2)
            && c.l(i - 1) < c.c(i - 2)
            && c.l(i - 1) >= c.l(i - 2)
            && c.lower(i - 1) > a[2].at(c, i)
            && c.body(i) < a[4].at(c, i)
            && c.lower(i) < svs0
            && c.upper(i) < svs0
            && c.l(i) > c.l(i - 1)
            && c.h(i) < c.h(i - 1);
        if hit { 100 } else { 0 }
    })
}

pub(super) fn breakaway(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    scan(m, 4, &[(s.body_long, 4)], |c, i, a| {
        let first = c.color(i - 4);
        let down = first == -1
            && c.body_gap_down(i - 3, i - 4)
            && c.h(i - 2) < c.h(i - 3)
            && c.l(i - 2) < c.l(i - 3)
            && c.h(i - 1) < c.h(i - 2)
            && c.l(i - 1) < c.l(i - 2)
            && c.c(i) > c.o(i - 3)
            && c.c(i) < c.c(i - 4);
        let up = first == 1
            && c.body_gap_up(i - 3, i - 4)
            && c.h(i - 2) > c.h(i - 3)
            && c.l(i - 2) > c.l(i - 3)
            && c.h(i - 1) > c.h(i - 2)
            && c.l(i - 1) > c.l(i - 2)
            && c.c(i) < c.o(i - 3)
            && c.c(i) > c.c(i - 4);
        let hit = c.body(i - 4) > a[0].at(c, i)
            && first == c.color(i - 3)
            && c.color(i - 3) == c.color(i - 1)
            && c.color(i - 1) == -c.color(i)
            && (down || up);
        if hit { c.color(i) * 100 } else { 0 }
    })
}

pub(super) fn mat_hold(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    let penetration = 0.5;
    let averages = [
        (s.body_long, 4),
        (s.body_short, 3),
        (s.body_short, 2),
        (s.body_short, 1),
    ];
    scan(m, 4, &averages, |c, i, a| {
        let bottom = |k: usize| c.o(k).min(c.c(k));
        let top = |k: usize| c.o(k).max(c.c(k));
        let floor = c.c(i - 4) - c.body(i - 4) * penetration;
        let hit = c.body(i - 4) > a[0].at(c, i)
            && c.body(i - 3) < a[1].at(c, i)
            && c.body(i - 2) < a[2].at(c, i)
            && c.body(i - 1) < a[3].at(c, i)
            && c.color(i - 4) == 1
            && c.color(i - 3) == -1
            && c.color(i) == 1
            && c.body_gap_up(i - 3, i - 4)
            && bottom(i - 2) < c.c(i - 4)
            && bottom(i - 1) < c.c(i - 4)
            && bottom(i - 2) > floor
            && bottom(i - 1) > floor
            && top(i - 2) < c.o(i - 3)
            && top(i - 1) < top(i - 2)
            && c.o(i) > c.c(i - 1)
            && c.c(i) > c.h(i - 3).max(c.h(i - 2)).max(c.h(i - 1));
        if hit { 100 } else { 0 }
    })
}

pub(super) fn rise_fall_three_methods(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    let averages = [
        (s.body_long, 4),
        (s.body_short, 3),
        (s.body_short, 2),
        (s.body_short, 1),
        (s.body_long, 0),
    ];
    scan(m, 4, &averages, |c, i, a| {
        let trend = c.color(i - 4);
        let t = f64::from(trend);
        let within = |k: usize| c.o(k).min(c.c(k)) < c.h(i - 4) && c.o(k).max(c.c(k)) > c.l(i - 4);
        let hit = c.body(i - 4) > a[0].at(c, i)
            && c.body(i - 3) < a[1].at(c, i)
            && c.body(i - 2) < a[2].at(c, i)
            && c.body(i - 1) < a[3].at(c, i)
            && c.body(i) > a[4].at(c, i)
            && trend == -c.color(i - 3)
            && c.color(i - 3) == c.color(i - 2)
            && c.color(i - 2) == c.color(i - 1)
            && c.color(i - 1) == -c.color(i)
            && within(i - 3)
            && within(i - 2)
            && within(i - 1)
            && c.c(i - 2) * t < c.c(i - 3) * t
            && c.c(i - 1) * t < c.c(i - 2) * t
            && c.o(i) * t > c.c(i - 1) * t
            && c.c(i) * t > c.c(i - 4) * t;
        if hit { 100 * trend } else { 0 }
    })
}

pub(super) fn advance_block(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    let averages = [
        (s.shadow_short, 2),
        (s.shadow_short, 1),
        (s.shadow_short, 0),
        (s.shadow_long, 1),
        (s.shadow_long, 0),
        (s.near, 2),
        (s.near, 1),
        (s.far, 2),
        (s.far, 1),
        (s.body_long, 2),
    ];
    scan(m, 2, &averages, |c, i, a| {
        // `&`/`|` rather than `&&`/`||`: cheap comparisons, branches that mispredict.
        let (body, body1, body2) = (c.body(i), c.body(i - 1), c.body(i - 2));
        let weakening = ((body1 < body2 - a[7].at(c, i)) & (body < body1 + a[6].at(c, i)))
            | (body < body1 - a[8].at(c, i))
            | ((body < body1)
                & (body1 < body2)
                & ((c.upper(i) > a[2].at(c, i)) | (c.upper(i - 1) > a[1].at(c, i))))
            | ((body < body1) & (c.upper(i) > a[4].at(c, i)));
        let hit = (c.color(i - 2) == 1)
            & (c.color(i - 1) == 1)
            & (c.color(i) == 1)
            & (c.c(i) > c.c(i - 1))
            & (c.c(i - 1) > c.c(i - 2))
            & (c.o(i - 1) > c.o(i - 2))
            & (c.o(i - 1) <= c.c(i - 2) + a[5].at(c, i))
            & (c.o(i) > c.o(i - 1))
            & (c.o(i) <= c.c(i - 1) + a[6].at(c, i))
            & (body2 > a[9].at(c, i))
            & (c.upper(i - 2) < a[0].at(c, i))
            & weakening;
        let _ = a[3].at(c, i);
        if hit { -100 } else { 0 }
    })
}

pub(super) fn stalled_pattern(m: &Measures, s: &CandleSettings) -> Vec<i32> {
    let averages = [
        (s.body_long, 2),
        (s.body_long, 1),
        (s.shadow_very_short, 1),
        (s.near, 2),
        (s.near, 1),
        (s.body_short, 0),
    ];
    scan(m, 2, &averages, |c, i, a| {
        let hit = c.color(i - 2) == 1
            && c.color(i - 1) == 1
            && c.color(i) == 1
            && c.c(i) > c.c(i - 1)
            && c.c(i - 1) > c.c(i - 2)
            && c.body(i - 2) > a[0].at(c, i)
            && c.body(i - 1) > a[1].at(c, i)
            && c.upper(i - 1) < a[2].at(c, i)
            && c.o(i - 1) > c.o(i - 2)
            && c.o(i - 1) <= c.c(i - 2) + a[3].at(c, i)
            && c.body(i) < a[5].at(c, i)
            && c.o(i) >= c.c(i - 1) - c.body(i) - a[4].at(c, i);
        if hit { -100 } else { 0 }
    })
}
