//! JavaScript's number formatting, as the dashboard's strings use it: `Number.prototype.toFixed`,
//! `String(number)` and `Date.prototype.toISOString` (ECMA-262 §21.1.3.3, §6.1.6.1.20,
//! §21.4.4.36), so a text built from numbers reads the same in every face.

/// `x.toFixed(digits)`: the integer `n` nearest to `x·10^digits` (the larger one on an exact
/// tie, where Rust's formatting picks the even one), written with `digits` decimals; `String(x)`
/// from 10²¹ up. `digits` is at most 20, as in JavaScript.
///
/// ```
/// use edgekit::ltp::js_to_fixed;
///
/// assert_eq!(js_to_fixed(0.125, 2), "0.13"); // an exact tie: up (Rust's "{:.2}" gives 0.12)
/// assert_eq!(js_to_fixed(1.005, 2), "1.00"); // 1.005 is 1.00499999999999989...
/// assert_eq!(js_to_fixed(-0.001, 2), "-0.00");
/// assert_eq!(js_to_fixed(1e21, 2), "1e+21");
/// ```
pub fn js_to_fixed(x: f64, digits: u32) -> String {
    let digits = digits.min(20);
    if x.is_nan() {
        return "NaN".to_owned();
    }
    if x.abs() >= 1e21 {
        return js_number_string(x);
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let n = nearest_scaled(x.abs(), digits);
    let text = n.to_string();
    if digits == 0 {
        return format!("{sign}{text}");
    }
    let width = digits as usize + 1;
    let padded = format!("{text:0>width$}");
    let (whole, fraction) = padded.split_at(padded.len() - digits as usize);
    format!("{sign}{whole}.{fraction}")
}

/// The integer nearest to `x·10^digits` for a finite `0 ≤ x < 10²¹`, ties up, computed exactly
/// from `x = m·2^e`.
fn nearest_scaled(x: f64, digits: u32) -> u128 {
    if x == 0.0 {
        return 0;
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, power) = if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), exponent - 1075)
    };
    let scaled = u128::from(mantissa) * 10u128.pow(digits);
    if power >= 0 {
        // x < 10²¹ < 2^70 and 10^20 < 2^67: the product fits.
        return scaled << power;
    }
    let shift = power.unsigned_abs();
    if shift >= 127 {
        // x·10^digits < 2^120 / 2^127 < ½: rounds to 0.
        return 0;
    }
    let denominator = 1u128 << shift;
    let (quotient, remainder) = (scaled / denominator, scaled % denominator);
    if remainder >= denominator - remainder {
        quotient + 1
    } else {
        quotient
    }
}

/// `String(x)` for a number: the shortest digits that read back as `x`, positioned as
/// JavaScript does (plain from 10⁻⁶ up to 10²¹, else `d.ddde±n`).
///
/// ```
/// use edgekit::ltp::js_number_string;
///
/// assert_eq!(js_number_string(80.0), "80");
/// assert_eq!(js_number_string(72.5), "72.5");
/// assert_eq!(js_number_string(1e-7), "1e-7");
/// assert_eq!(js_number_string(1.5e21), "1.5e+21");
/// assert_eq!(js_number_string(-0.0), "0");
/// ```
pub fn js_number_string(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_owned();
    }
    if x == 0.0 {
        return "0".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    if x < 0.0 {
        return format!("-{}", js_number_string(-x));
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "d.ddde±n".
    let scientific = format!("{x:e}");
    let (mantissa, exponent) = scientific
        .split_once('e')
        .expect("`{:e}` always writes an exponent");
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i32;
    // x = 0.digits × 10^n
    let n = exponent.parse::<i32>().expect("an integer exponent") + 1;
    if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        let (whole, fraction) = digits.split_at(n as usize);
        format!("{whole}.{fraction}")
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let sign = if n > 0 { "+" } else { "-" };
        let (first, rest) = digits.split_at(1);
        let dot = if rest.is_empty() { "" } else { "." };
        format!("{first}{dot}{rest}e{sign}{}", (n - 1).abs())
    }
}

/// `new Date(ms).toISOString()`: `YYYY-MM-DDTHH:mm:ss.sssZ` (years outside 0–9999 as ±YYYYYY),
/// or `None` for a time JavaScript's `Date` cannot hold (not finite, or beyond ±8.64·10¹⁵ ms).
///
/// ```
/// use edgekit::ltp::js_iso_timestamp;
///
/// assert_eq!(js_iso_timestamp(0.0).as_deref(), Some("1970-01-01T00:00:00.000Z"));
/// assert_eq!(js_iso_timestamp(1_704_205_800_123.9).as_deref(), Some("2024-01-02T14:30:00.123Z"));
/// assert_eq!(js_iso_timestamp(f64::NAN), None);
/// ```
pub fn js_iso_timestamp(ms: f64) -> Option<String> {
    if !ms.is_finite() || ms.abs() > 8.64e15 {
        return None;
    }
    // `new Date(ms)` keeps the integer part (TimeClip truncates towards zero).
    let ms = ms.trunc() as i64;
    let days = ms.div_euclid(86_400_000);
    let in_day = ms.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    let (hours, minutes) = (in_day / 3_600_000, in_day / 60_000 % 60);
    let (seconds, millis) = (in_day / 1000 % 60, in_day % 1000);
    let year = if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else {
        format!("{}{:06}", if year < 0 { "-" } else { "+" }, year.abs())
    };
    Some(format!(
        "{year}-{month:02}-{day:02}T{hours:02}:{minutes:02}:{seconds:02}.{millis:03}Z"
    ))
}

/// The proleptic Gregorian (year, month, day) of a day count since 1970-01-01 (Howard
/// Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_fixed_matches_javascript_on_known_values() {
        // Values and results from Node (V8).
        for (x, want) in [
            (2.675, "2.67"),
            (0.5, "0.50"),
            (123.456, "123.46"),
            (-1.005, "-1.00"),
            (-0.0, "0.00"),
            (1e-10, "0.00"),
            (0.005, "0.01"),
            (99.995, "100.00"),
            (5e-324, "0.00"),
        ] {
            assert_eq!(js_to_fixed(x, 2), want, "{x}");
        }
        assert_eq!(js_to_fixed(2.5, 0), "3");
        assert_eq!(js_to_fixed(1.45, 1), "1.4");
    }

    #[test]
    fn number_strings_match_javascript_on_known_values() {
        for (x, want) in [
            (100.0, "100"),
            (0.1, "0.1"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123_456_789_012_345_680_000.0, "123456789012345680000"),
            (0.000_001, "0.000001"),
            (1.234e-7, "1.234e-7"),
            (-2.5, "-2.5"),
            (f64::INFINITY, "Infinity"),
        ] {
            assert_eq!(js_number_string(x), want, "{x}");
        }
    }

    #[test]
    fn iso_timestamps_cover_the_date_range() {
        assert_eq!(
            js_iso_timestamp(-1.0).as_deref(),
            Some("1969-12-31T23:59:59.999Z")
        );
        assert_eq!(
            js_iso_timestamp(8.64e15).as_deref(),
            Some("+275760-09-13T00:00:00.000Z")
        );
        assert_eq!(
            js_iso_timestamp(-8.64e15).as_deref(),
            Some("-271821-04-20T00:00:00.000Z")
        );
        assert_eq!(js_iso_timestamp(8.64e15 + 1.0), None);
    }
}
