// Edge inputs for the dashboard's engine functions (record.mjs writes them to the `edges`
// section of tests/vectors/ltp.json): null and missing options, non-finite and fractional
// numbers, unknown directions and timeframes, contradictory bars, zero volume, ties. Values JSON
// cannot hold are written as {"$": "NaN" | "Infinity" | "-Infinity" | "undefined" | "-0"}, in the
// arguments and in the dashboard's answer (`want`, or `threw` with its error). `json_safe` says
// whether that answer is finite and JSON-safe (no NaN, ±Infinity or undefined in it).

import encoding from './encoding.cjs'

const { encode } = encoding

/** Finite numbers, strings, booleans and null all the way down. */
function jsonSafe (x) {
  if (x === undefined) return false
  if (typeof x === 'number') return Number.isFinite(x)
  if (Array.isArray(x)) return x.every(jsonSafe)
  if (x !== null && typeof x === 'object') return Object.values(x).every(jsonSafe)
  return true
}

const bar = (o, h, l, c, v = 100, t = 0) => ({ o, h, l, c, v, t })
const GOOD = [bar(10, 11, 9, 10.5), bar(10.5, 11.2, 10, 11), bar(11, 11.5, 10.8, 11.1), bar(11.1, 11.3, 10.9, 11.0), bar(11, 11.2, 10.95, 11.05)]
const INVERTED = [bar(10, 9, 8, 9), ...GOOD] // high below the open: contradictory, but numbers
const HOLED = [{ o: 10, h: 11, l: 9, c: null, v: 1 }, ...GOOD]
const NANBAR = [bar(10, NaN, 9, 10), ...GOOD]
const NOVOLUME = GOOD.map((b) => ({ ...b, v: 0 }))
const NOVFIELD = GOOD.map(({ v, ...rest }) => rest)
const LEVEL = { type: 'pdh', price: 11, timeframe: 'daily', strength: 80 }
const NUMBERS = [null, undefined, NaN, Infinity, -Infinity, -1, 0, 2.5, 2 ** 32 + 3, 1e308, -0]
const DIRECTIONS = ['bullish', 'bearish', 'up', '', null]
const BARSETS = [GOOD, [], GOOD.slice(0, 1), INVERTED, HOLED, NANBAR, NOVOLUME, NOVFIELD]
const ANALYSIS = (timeframe, trend) => ({ timeframe, trend, structure: 'range', ema_position: 'mixed', momentum: 'weak', orb_status: null, vwap_position: null })

/** [function name, arguments] pairs. */
function inputs () {
  const out = []
  for (const p of NUMBERS) out.push(['calculateEMA', [[1, 2, 3, 4], p]])
  for (const d of [[1, null, 3], [1, NaN, 3], [], [5]]) out.push(['calculateEMA', [d, 2]])
  for (const x of NUMBERS) out.push(['calculateLTPScore', [x, 50, 50]], ['getLTPGrade', [x]])
  for (const count of NUMBERS) out.push(['scorePatienceQuality', [{ detected: true, count }]])
  for (const detected of [1, 0, null, 'yes']) out.push(['scorePatienceQuality', [{ detected, count: 2 }]])
  for (const d of DIRECTIONS) {
    out.push(['calculateTradeParams', [100, LEVEL, d]], ['scoreTrendAlignment', [[ANALYSIS('5m', 'bullish'), ANALYSIS('1h', 'up')], d]])
    out.push(['generateCoachNote', [{ score: 80, level: LEVEL }, 70, { detected: false, count: 0 }, d]])
  }
  for (const price of NUMBERS) out.push(['calculateTradeParams', [price, LEVEL, 'bullish']], ['scoreLevelProximity', [price, [LEVEL]]])
  for (const field of ['price', 'strength']) for (const x of [null, NaN, Infinity]) out.push(['scoreLevelProximity', [11, [{ ...LEVEL, [field]: x }]]])
  for (const t of [null, undefined, NaN, 0, -1]) out.push(['scoreLevelProximity', [11, [LEVEL], t]])
  out.push(['scoreLevelProximity', [11, [LEVEL, { ...LEVEL, type: 'twin' }]]]) // a tie: the first wins
  out.push(['scoreTrendAlignment', [[ANALYSIS('3m', 'bullish'), ANALYSIS('monthly', 'bullish')], 'bullish']])
  out.push(['scoreTrendAlignment', [[ANALYSIS('5m', 'bullish')], 'bullish', null]], ['scoreTrendAlignment', [[ANALYSIS('5m', 'bullish')], 'bullish', { '5m': null }]])
  for (const bars of BARSETS) {
    out.push(['calculateVWAP', [bars]], ['detectPatienceCandle', [bars, 11]], ['identifyKeyLevels', [[...bars, ...bars, ...bars]]])
    out.push(['determineTrend', [bars]], ['identifyPatienceCandles', [bars]])
  }
  for (const level of [0, -5, NaN, null]) out.push(['detectPatienceCandle', [GOOD, level]])
  for (const max of [null, 0, NaN]) out.push(['detectPatienceCandle', [GOOD, 11, max]])
  out.push(['detectPatienceCandle', [null, 11]])
  return out
}

/** Every edge input with the dashboard's answer (or that it threw). */
export function edges (engine) {
  return inputs().map(([fn, args]) => {
    let result
    let threw = null
    try {
      result = engine[fn](...args)
    } catch (error) {
      threw = `${error.constructor.name}: ${error.message}`
    }
    return { fn, args: encode(args), json_safe: threw === null && jsonSafe(result), want: threw === null ? encode(result) : null, threw }
  })
}
