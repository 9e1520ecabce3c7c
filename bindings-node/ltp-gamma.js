'use strict'
// The dashboard's LTP 2.0 gamma engine as a drop-in: the same names, arguments and object shapes
// as src/lib/ltp-gamma-engine.ts, computed by the native engine. Numbers are read with
// Number(x), as the engine's arithmetic and comparisons read them (null is 0, undefined NaN);
// core refuses what would answer NaN or Infinity.
const { ltp: native } = require('./main.js')
const { codedExports, typeError } = require('./coded.js')

function objectArgument (value, name) {
  if (value === null || typeof value !== 'object') throw typeError(`${name} must be an object`)
  return value
}

/** `null` is present (0 in the engine's arithmetic); only `undefined` is absent. */
const optionalNumber = (x) => (x === undefined ? undefined : Number(x))

/** The context as the native engine reads it. */
function contextOf (context) {
  const c = objectArgument(context, 'context')
  return {
    currentPrice: Number(c.currentPrice),
    previousClose: Number(c.previousClose),
    ema8: Number(c.ema8),
    ema21: Number(c.ema21),
    vwap: Number(c.vwap),
    callWall: Number(c.callWall),
    putWall: Number(c.putWall),
    zeroGamma: Number(c.zeroGamma),
    gammaExposure: Number(c.gammaExposure),
    hasPatienceCandle: Boolean(c.hasPatienceCandle),
    // Only 'bullish' and 'bearish' match a cloud; null is no direction.
    patienceDirection: c.patienceDirection ?? undefined,
    previousHigh: optionalNumber(c.previousHigh),
    previousLow: optionalNumber(c.previousLow),
    currentHigh: optionalNumber(c.currentHigh),
    currentLow: optionalNumber(c.currentLow)
  }
}

function calculateLTP2Score (context, hysteresisState) {
  let state
  // A state whose previous grade is null reads as no state (the engine uses the plain thresholds).
  if (hysteresisState && hysteresisState.previousGrade !== null) {
    const s = hysteresisState
    if (!Array.isArray(s.previousScores)) throw typeError('hysteresisState.previousScores must be an array of numbers')
    // The engine would smooth without a grade to hold: outside its type, refused.
    if (s.previousGrade === undefined) throw typeError('hysteresisState.previousGrade must be "Sniper", "Decent", "Dumb Shit" or null')
    state = { previousGrade: s.previousGrade, previousScores: s.previousScores.map(Number), candlesAtGrade: Number(s.candlesAtGrade) }
  }
  const c = objectArgument(context, 'context')
  // Numbers packed into one reused array (see calculateLtp2ScorePacked); null reads as 0 and
  // undefined as NaN, as in the engine's arithmetic.
  const n = packedContext
  n[0] = c.currentPrice; n[1] = c.previousClose; n[2] = c.ema8; n[3] = c.ema21; n[4] = c.vwap
  n[5] = c.callWall; n[6] = c.putWall; n[7] = c.zeroGamma; n[8] = c.gammaExposure
  const candleGiven = c.previousHigh !== undefined && c.previousLow !== undefined && c.currentHigh !== undefined && c.currentLow !== undefined
  n[9] = c.previousHigh; n[10] = c.previousLow; n[11] = c.currentHigh; n[12] = c.currentLow
  return native.calculateLtp2ScorePacked(n, candleGiven, Boolean(c.hasPatienceCandle), c.patienceDirection ?? undefined, state)
}

const packedContext = new Float64Array(13)

const ECHOED = ['currentPrice', 'ema8', 'ema21', 'vwap', 'callWall', 'putWall', 'gammaExposure']

/** `generateLTP2ScoreExplanation(symbol, context, ltp2Result)`; `options.now` (a Date or epoch ms) fixes its timestamp. */
function generateLTP2ScoreExplanation (symbol, context, ltp2Result, options) {
  const c = objectArgument(context, 'context')
  // The explanation writes these back: they must be numbers (the dashboard writes null back, or
  // throws on `.toFixed` of it).
  for (const key of ECHOED) {
    if (typeof c[key] !== 'number') throw typeError(`context.${key} must be a number, not ${c[key] === null ? 'null' : typeof c[key]}`)
  }
  const now = options == null || options.now == null ? Date.now() : +options.now
  return native.generateLtp2ScoreExplanation(String(symbol), contextOf(c), objectArgument(ltp2Result, 'ltp2Result'), now)
}

/** `createMarketContext`: names and shapes only (the values are the caller's own), in the dashboard's key order. */
function createMarketContext (chartData, emaData, vwap, gammaData, patienceCandle) {
  const chart = objectArgument(chartData, 'chartData')
  const ema = objectArgument(emaData, 'emaData')
  const gamma = objectArgument(gammaData, 'gammaData')
  return {
    currentPrice: chart.close,
    previousClose: chart.previousClose ?? chart.close,
    ema8: ema.ema8,
    ema21: ema.ema21,
    vwap,
    callWall: gamma.callWall,
    putWall: gamma.putWall,
    zeroGamma: gamma.zeroGamma,
    gammaExposure: gamma.gammaExposure,
    hasPatienceCandle: patienceCandle?.detected ?? false,
    patienceDirection: patienceCandle?.direction,
    previousHigh: chart.previousHigh,
    previousLow: chart.previousLow,
    currentHigh: chart.high,
    currentLow: chart.low
  }
}

/** `calculateEMA(prices, period)`: null prices count 0 in the sums, as in the engine. */
function calculateEMA (prices, period) {
  if (prices instanceof Float64Array) return native.calculateGammaEma(prices, Number(period))
  if (!Array.isArray(prices)) throw typeError('prices must be an array of numbers or a Float64Array')
  // With fewer prices than the period the engine answers the last one as it is: null is no number.
  if (prices.length > 0 && prices.length < Number(period) && prices[prices.length - 1] === null) {
    throw typeError(`prices[${prices.length - 1}] is null, and it would be the answer`)
  }
  return native.calculateGammaEma(Float64Array.from(prices), Number(period))
}

const constants = native.gammaConstants()
const freeze = (o) => Object.freeze({ ...o })

module.exports = {
  calculateLTP2Score,
  detectPatienceCandle: (previousHigh, previousLow, currentHigh, currentLow, currentClose, currentOpen) =>
    native.detectInsidePatienceCandle(Number(previousHigh), Number(previousLow), Number(currentHigh), Number(currentLow), Number(currentClose), Number(currentOpen)),
  calculateEMA,
  createMarketContext,
  generateLTP2ScoreExplanation,
  GRADE_THRESHOLDS: freeze(constants.GRADE_THRESHOLDS),
  WEIGHTS: freeze(constants.WEIGHTS),
  HYSTERESIS_BUFFER: constants.HYSTERESIS_BUFFER
}

codedExports(module.exports, ['calculateLTP2Score', 'detectPatienceCandle', 'calculateEMA', 'createMarketContext', 'generateLTP2ScoreExplanation'])
