"""Candlestick patterns (TA-Lib's, bar for bar) and bar indicators (SMA, EMA, ATR, RSI,
rolling extremes). Columns are 1-D float arrays; contiguous float64 numpy arrays are read in
place.
"""

from edgekit._convert import typed_errors
from edgekit._edgekit import patterns as _native

candles = typed_errors(_native.candles)
candle_patterns = typed_errors(_native.candle_patterns)
sma = typed_errors(_native.sma)
ema = typed_errors(_native.ema)
atr = typed_errors(_native.atr)
rsi = typed_errors(_native.rsi)
highest = typed_errors(_native.highest)
lowest = typed_errors(_native.lowest)

__all__ = ["atr", "candle_patterns", "candles", "ema", "highest", "lowest", "rsi", "sma"]
