'use strict'
// The dashboard's fair value gap detector as a drop-in: `fvgDetector.detectFVGs` with the same
// arguments and object shapes as src/lib/fvg-detector.ts, computed by the native engine
// (`formationCandles` are the caller's own candle objects, as in the dashboard). Its fetching
// method needs the app's market data: `createFVGDetector(marketDataService).getFullAnalysis`,
// or `analyzeFVGs` on candles the app fetched.
const { ltp: native } = require('./main.js')
const { coded, inputError, typeError } = require('./coded.js')

const TIMEFRAMES = native.fvgTimeframes()
const CANDLE_KEYS = ['timestamp', 'open', 'high', 'low', 'close', 'volume']

function notNumber (candle, i) {
  const key = CANDLE_KEYS.find((k) => typeof candle[k] !== 'number')
  return typeError(`candles[${i}].${key} must be a number, not ${candle[key] === null ? 'null' : typeof candle[key]}`)
}

const detectFVGs = coded(function detectFVGs (candles, timeframe, currentPrice, minGapPercent = 0.1) {
  if (!Array.isArray(candles)) throw typeError('candles must be an array of candle objects')
  if (typeof timeframe !== 'string') throw typeError('timeframe must be a string')
  const n = candles.length
  const columns = { timestamp: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) }
  for (let i = 0; i < n; i++) {
    const c = candles[i]
    if (c === null || typeof c !== 'object') throw typeError(`candles[${i}] must be a candle object`)
    const { timestamp, open, high, low, close, volume } = c
    // Gaps carry candle values (times, prices) back: each must be a number.
    if (typeof timestamp !== 'number' || typeof open !== 'number' || typeof high !== 'number' ||
        typeof low !== 'number' || typeof close !== 'number' || typeof volume !== 'number') throw notNumber(c, i)
    columns.timestamp[i] = timestamp; columns.open[i] = open; columns.high[i] = high
    columns.low[i] = low; columns.close[i] = close; columns.volume[i] = volume
  }
  const { gaps, indices } = native.detectFvgs(columns, timeframe, Number(currentPrice), Number(minGapPercent))
  gaps.forEach((gap, k) => {
    gap.formationCandles = { candle1: candles[indices[3 * k]], candle2: candles[indices[3 * k + 1]], candle3: candles[indices[3 * k + 2]] }
  })
  return gaps
})

/** The analysis of gaps already found per timeframe (`{ '5m': [...], ... }`). */
function analysisOf (symbol, currentPrice, fvgs, now) {
  const all = Object.values(fvgs).flat()
  const { timestamp, below, above, tradingContext } = native.fvgTradingContext(String(symbol), currentPrice, all, now)
  return {
    symbol,
    timestamp,
    currentPrice,
    fvgs,
    nearestBullishFVG: below == null ? null : all[below],
    nearestBearishFVG: above == null ? null : all[above],
    tradingContext
  }
}

const nowOf = (options) => (options == null || options.now == null ? Date.now() : +options.now)
const emptyFvgs = () => Object.fromEntries(TIMEFRAMES.map((tf) => [tf.key, []]))

/**
 * `getFullAnalysis` on candles the app fetched: `candlesByTimeframe` maps '5m', '15m', '1h',
 * '4h' and 'daily' to `Candle[]` (a missing or empty one has no gaps). `options.now` (a Date
 * or epoch ms) stamps it.
 */
const analyzeFVGs = coded(function analyzeFVGs (symbol, currentPrice, candlesByTimeframe, options) {
  const fvgs = emptyFvgs()
  for (const tf of TIMEFRAMES) {
    const candles = candlesByTimeframe?.[tf.key]
    if (candles && candles.length > 0) fvgs[tf.key] = detectFVGs(candles, tf.key, currentPrice, tf.minGapPercent)
  }
  return analysisOf(symbol, Number(currentPrice), fvgs, nowOf(options))
})

const isoDay = (ms) => new Date(ms).toISOString().split('T')[0]
const SPAN_MS = { minute: 60 * 1000, hour: 60 * 60 * 1000, day: 24 * 60 * 60 * 1000 }

/**
 * The dashboard's detector over the app's market data (its `marketDataService`: `getQuote(symbol)`
 * and `getHistoricalBars(symbol, from, to, span, multiplier)`), fetching as the dashboard does:
 * a timeframe whose fetch fails (or whose candles are refused) has no gaps, and is logged.
 */
const createFVGDetector = coded(function createFVGDetector (marketData) {
  if (marketData === null || typeof marketData !== 'object' || typeof marketData.getHistoricalBars !== 'function' || typeof marketData.getQuote !== 'function') {
    throw typeError('createFVGDetector needs the market data service: { getQuote(symbol), getHistoricalBars(symbol, from, to, span, multiplier) }')
  }
  return {
    detectFVGs,
    async getFullAnalysis (symbol, options) {
      const quote = await marketData.getQuote(symbol)
      const currentPrice = quote?.price || 0
      const now = nowOf(options)
      const fvgs = emptyFvgs()
      for (const tf of TIMEFRAMES) {
        try {
          const days = tf.span === 'day' ? 1 : tf.multiplier
          const aggregates = await marketData.getHistoricalBars(symbol, isoDay(now - tf.bars * days * SPAN_MS[tf.span]), isoDay(now), tf.span, tf.multiplier)
          if (aggregates && aggregates.length > 0) {
            const candles = aggregates.map((bar) => ({ timestamp: bar.t, open: bar.o, high: bar.h, low: bar.l, close: bar.c, volume: bar.v }))
            fvgs[tf.key] = detectFVGs(candles, tf.key, currentPrice, tf.minGapPercent)
          }
        } catch (error) {
          console.error(`[FVG] Error fetching ${tf.key} data for ${symbol}:`, error)
        }
      }
      return analysisOf(symbol, currentPrice, fvgs, now)
    }
  }
})

const fvgDetector = {
  detectFVGs,
  // The dashboard's detector fetches with its own market-data client; the drop-in has none.
  getFullAnalysis: async () => {
    throw inputError('fvgDetector.getFullAnalysis has no market data here: createFVGDetector(marketDataService).getFullAnalysis(symbol), or analyzeFVGs(symbol, price, candlesByTimeframe)')
  }
}

module.exports = { fvgDetector, createFVGDetector, analyzeFVGs, FVG_TIMEFRAMES: TIMEFRAMES }
