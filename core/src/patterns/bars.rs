//! A validated, columnar view of OHLC(V) bars over borrowed `f64` slices.

use super::PatternError;

/// Open, high, low, close (and optionally volume) columns of equal length, checked once:
/// every value finite, `high ≥ max(open, close)`, `low ≤ min(open, close)`.
#[derive(Debug, Clone, Copy)]
pub struct Bars<'a> {
    /// Opening prices.
    pub open: &'a [f64],
    /// Highs.
    pub high: &'a [f64],
    /// Lows.
    pub low: &'a [f64],
    /// Closing prices.
    pub close: &'a [f64],
    /// Volumes, if given (finite and ≥ 0).
    pub volume: Option<&'a [f64]>,
}

impl<'a> Bars<'a> {
    /// Validates the columns; errors name the first bad row.
    ///
    /// ```
    /// use edgekit::patterns::Bars;
    ///
    /// let bars = Bars::new(&[10.0, 10.5], &[11.0, 10.9], &[9.5, 10.1], &[10.4, 10.2], None)?;
    /// assert_eq!(bars.len(), 2);
    /// let bad = Bars::new(&[10.0], &[9.0], &[8.0], &[9.5], None).unwrap_err();
    /// assert!(bad.to_string().starts_with("bar 0: high 9 is below"));
    /// # Ok::<(), edgekit::patterns::PatternError>(())
    /// ```
    pub fn new(
        open: &'a [f64],
        high: &'a [f64],
        low: &'a [f64],
        close: &'a [f64],
        volume: Option<&'a [f64]>,
    ) -> Result<Self, PatternError> {
        let mut columns = vec![("high", high), ("low", low), ("close", close)];
        if let Some(v) = volume {
            columns.push(("volume", v));
        }
        same_length_as_open(open.len(), &columns)?;
        if all_rows_valid(open, high, low, close, volume) {
            return Ok(Bars {
                open,
                high,
                low,
                close,
                volume,
            });
        }
        columns.insert(0, ("open", open));
        for (name, column) in columns {
            if let Some(row) = column.iter().position(|v| !v.is_finite()) {
                return Err(PatternError::NotFinite {
                    column: name,
                    row,
                    value: column[row],
                });
            }
        }
        for row in 0..open.len() {
            let (o, h, l, c) = (open[row], high[row], low[row], close[row]);
            let reason = if h < o.max(c) {
                format!("high {h} is below max(open {o}, close {c})")
            } else if l > o.min(c) {
                format!("low {l} is above min(open {o}, close {c})")
            } else if volume.is_some_and(|v| v[row] < 0.0) {
                format!("volume {} is negative", volume.unwrap_or_default()[row])
            } else {
                continue;
            };
            return Err(PatternError::InvalidBar { row, reason });
        }
        Ok(Bars {
            open,
            high,
            low,
            close,
            volume,
        })
    }

    /// Checks equal lengths and finite values only, not the order of open, high, low and close
    /// nor the sign of volume: for readers that take each number as given, as the dashboard's
    /// chart helpers do (`calculateVWAP`, `identifyKeyLevels`, `determineTrend`,
    /// `identifyPatienceCandles` answer for a bar whose high is below its open).
    ///
    /// ```
    /// use edgekit::patterns::Bars;
    ///
    /// // A high below the open: contradictory, yet every number is finite.
    /// assert!(Bars::finite(&[10.0], &[9.0], &[8.0], &[9.5], None).is_ok());
    /// assert!(Bars::finite(&[10.0], &[f64::NAN], &[8.0], &[9.5], None).is_err());
    /// # Ok::<(), edgekit::patterns::PatternError>(())
    /// ```
    pub fn finite(
        open: &'a [f64],
        high: &'a [f64],
        low: &'a [f64],
        close: &'a [f64],
        volume: Option<&'a [f64]>,
    ) -> Result<Self, PatternError> {
        let mut columns = vec![
            ("open", open),
            ("high", high),
            ("low", low),
            ("close", close),
        ];
        if let Some(v) = volume {
            columns.push(("volume", v));
        }
        same_length_as_open(open.len(), &columns)?;
        for &(name, column) in &columns {
            if let Some(row) = column.iter().position(|v| !v.is_finite()) {
                return Err(PatternError::NotFinite {
                    column: name,
                    row,
                    value: column[row],
                });
            }
        }
        Ok(Bars {
            open,
            high,
            low,
            close,
            volume,
        })
    }

    /// Number of bars.
    pub fn len(&self) -> usize {
        self.open.len()
    }

    /// Whether there are no bars.
    pub fn is_empty(&self) -> bool {
        self.open.is_empty()
    }
}

fn same_length_as_open(n: usize, columns: &[(&'static str, &[f64])]) -> Result<(), PatternError> {
    match columns.iter().find(|(_, column)| column.len() != n) {
        Some(&(name, column)) => Err(PatternError::LengthMismatch {
            first: "open",
            first_len: n,
            second: name,
            second_len: column.len(),
        }),
        None => Ok(()),
    }
}

/// Whether every row is finite with `low ≤ min(open, close) ≤ max(open, close) ≤ high` (and a
/// finite volume ≥ 0): one branch-free pass the compiler vectorizes; a failure is located by
/// the slower checks in [`Bars::new`], which name the row.
fn all_rows_valid(
    open: &[f64],
    high: &[f64],
    low: &[f64],
    close: &[f64],
    volume: Option<&[f64]>,
) -> bool {
    // NaN fails every comparison, so |x| < ∞ is false for NaN and both infinities.
    let finite = |x: f64| x.abs() < f64::INFINITY;
    let mut ok = true;
    for (((&o, &h), &l), &c) in open.iter().zip(high).zip(low).zip(close) {
        ok &= finite(o) & finite(h) & finite(l) & finite(c);
        ok &= (h >= o) & (h >= c) & (l <= o) & (l <= c);
    }
    if let Some(v) = volume {
        for &x in v {
            ok &= finite(x) & (x >= 0.0);
        }
    }
    ok
}
