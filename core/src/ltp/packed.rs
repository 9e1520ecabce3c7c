//! Many symbols' bars packed into shared columns, the layout a server builds once per scan:
//! per symbol, in order, its daily bars, its intraday (5-minute) bars, one set per entry of
//! `timeframes`, then its patience bars when `with_patience`. `offsets` holds every set's
//! start and, last, the total, so a scan of thousands of symbols crosses a face boundary as
//! six arrays instead of thousands of objects.

use rayon::prelude::*;

use super::{DetectedSetup, LevelFormula, LtpError, SymbolInput, analyze_symbol};
use crate::patterns::Bars;

/// Packed columns of many symbols (see the module doc).
///
/// ```
/// use edgekit::ltp::{LevelFormula, PackedSymbols};
/// let (symbols, timeframes) = (vec!["SPY".to_owned()], Vec::<String>::new());
/// let empty: [&[f64]; 5] = [&[], &[], &[], &[], &[]];
/// let packed = PackedSymbols {
///     symbols: &symbols, prices: &[500.0], timeframes: &timeframes, with_patience: false,
///     offsets: &[0, 0, 0], columns: empty,
/// };
/// assert_eq!(packed.analyze(LevelFormula::Corrected)?, vec![None]); // no bars, no setup
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct PackedSymbols<'a> {
    /// The symbols, in order.
    pub symbols: &'a [String],
    /// Each symbol's current price.
    pub prices: &'a [f64],
    /// The timeframes analysed for every symbol, in order.
    pub timeframes: &'a [String],
    /// Whether each symbol has a set of patience bars last.
    pub with_patience: bool,
    /// Start of every set, then the total: `symbols.len() · sets + 1` values.
    pub offsets: &'a [u32],
    /// Open, high, low, close and volume of every bar of every set.
    pub columns: [&'a [f64]; 5],
}

impl PackedSymbols<'_> {
    /// Bar sets per symbol.
    fn sets(&self) -> usize {
        2 + self.timeframes.len() + usize::from(self.with_patience)
    }

    /// Checks the layout: lengths agree and offsets rise to the column length.
    pub fn check(&self) -> Result<(), LtpError> {
        let bad = |what: &str| LtpError::OutOfRange {
            argument: what.to_owned(),
            value: 0.0,
            range: "consistent with symbols, timeframes and the columns",
        };
        let n = self.symbols.len();
        if self.prices.len() != n {
            return Err(bad("prices length"));
        }
        let expected = n.checked_mul(self.sets()).and_then(|v| v.checked_add(1));
        if expected != Some(self.offsets.len()) {
            return Err(bad("offsets length"));
        }
        let total = self.columns[0].len();
        if self.columns.iter().any(|c| c.len() != total)
            || self.offsets.windows(2).any(|w| w[0] > w[1])
            || self.offsets.last().is_some_and(|&e| e as usize != total)
        {
            return Err(bad("offsets"));
        }
        Ok(())
    }

    /// The setups found, one per symbol in order (`None` where there is none), in parallel.
    /// The first bad symbol (malformed bars, a non-finite price, an unknown timeframe) fails
    /// the batch; [`PackedSymbols::analyze_each`] reports it in its own slot instead.
    pub fn analyze(&self, formula: LevelFormula) -> Result<Vec<Option<DetectedSetup>>, LtpError> {
        self.analyze_each(formula)?.into_iter().collect()
    }

    /// One result per symbol, in order: its setup (`None` where there is none) or what is
    /// wrong with its inputs, so one bad symbol never fails the others. Only a broken layout
    /// (lengths and offsets that disagree) fails the whole call.
    pub fn analyze_each(
        &self,
        formula: LevelFormula,
    ) -> Result<Vec<Result<Option<DetectedSetup>, LtpError>>, LtpError> {
        self.check()?;
        let inputs: Vec<Result<SymbolInput, LtpError>> =
            (0..self.symbols.len()).map(|i| self.input(i)).collect();
        Ok(inputs
            .par_iter()
            .map(|input| match input {
                Ok(input) => analyze_symbol(input, formula),
                Err(error) => Err(error.clone()),
            })
            .collect())
    }

    /// Symbol `i`'s bars, validated.
    fn input(&self, i: usize) -> Result<SymbolInput<'_>, LtpError> {
        let sets = self.sets();
        let [o, h, l, c, v] = self.columns;
        let symbol = &self.symbols[i];
        let set = |k: usize, name: &str| {
            let (a, b) = (
                self.offsets[i * sets + k] as usize,
                self.offsets[i * sets + k + 1] as usize,
            );
            Bars::new(&o[a..b], &h[a..b], &l[a..b], &c[a..b], Some(&v[a..b]))
                .map_err(LtpError::bars(&format!("{symbol} {name}")))
        };
        let mut timeframes = Vec::with_capacity(self.timeframes.len());
        for (k, tf) in self.timeframes.iter().enumerate() {
            timeframes.push((tf.as_str(), set(2 + k, tf)?));
        }
        Ok(SymbolInput {
            symbol,
            price: self.prices[i],
            daily: set(0, "daily")?,
            intraday: set(1, "intraday")?,
            timeframes,
            patience: if self.with_patience {
                Some(set(sets - 1, "patience")?)
            } else {
                None
            },
        })
    }
}
