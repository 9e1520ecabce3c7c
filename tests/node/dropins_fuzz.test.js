'use strict'
// The dashboard drop-ins (edgekit/ltp, ltp-gamma, swing-points, fvg) on hostile arguments: each
// call answers or throws an error carrying an EDGEKIT_* code, never a bare TypeError from a
// property read, and never NaN in an answer it computed. Bounded: a few hundred seeded runs.
const test = require('node:test')
const assert = require('node:assert/strict')
const fc = require('../../bindings-node/node_modules/fast-check')
const { inspect } = require('node:util')

const show = (x) => inspect(x, { depth: 3, breakLength: Infinity }).slice(0, 300)
const ltp = require('../../bindings-node/ltp.js')
const gamma = require('../../bindings-node/ltp-gamma.js')
const swings = require('../../bindings-node/swing-points.js')
const { fvgDetector, analyzeFVGs } = require('../../bindings-node/fvg.js')

const RUNS = Number(process.env.EDGEKIT_FUZZ_RUNS || 8) * 25

// Values a caller might pass by mistake, and near-misses of the right shapes.
const number = fc.oneof(fc.double(), fc.integer(), fc.bigInt(), fc.constantFrom(null, undefined, NaN, Infinity, -0, 2 ** 32 + 3, '5', Symbol('x')))
const bar = fc.record({ o: number, h: number, l: number, c: number, v: number, t: number }, { requiredKeys: [] })
const swingBar = fc.record({ time: number, open: number, high: number, low: number, close: number }, { requiredKeys: [] })
const candle = fc.record({ timestamp: number, open: number, high: number, low: number, close: number, volume: number }, { requiredKeys: [] })
const level = fc.record({ price: number, type: fc.constantFrom('high', 'low', 'pdh', null), timestamp: number, touchCount: number, timeframe: fc.constantFrom('1H', '4H'), strength: number }, { requiredKeys: [] })
const context = fc.record({
  currentPrice: number, previousClose: number, ema8: number, ema21: number, vwap: number, callWall: number, putWall: number,
  zeroGamma: number, gammaExposure: number, hasPatienceCandle: fc.anything(), patienceDirection: fc.constantFrom('bullish', 'bearish', 'up', null, undefined),
  previousHigh: number, previousLow: number, currentHigh: number, currentLow: number
}, { requiredKeys: [] })
const junk = fc.oneof(fc.anything({ maxDepth: 2, withBigInt: true }), fc.constant(null), fc.constant(undefined))
const list = (item) => fc.oneof(fc.array(item, { maxLength: 30 }), junk)

const CASES = {
  'ltp.calculateVWAP': [ltp.calculateVWAP, [list(bar)]],
  'ltp.calculateEMA': [ltp.calculateEMA, [list(number), number]],
  'ltp.identifyKeyLevels': [ltp.identifyKeyLevels, [list(bar)]],
  'ltp.determineTrend': [ltp.determineTrend, [list(bar)]],
  'ltp.analyzeTimeframe': [ltp.analyzeTimeframe, [list(bar), fc.constantFrom('5m', 'daily', '3m', null)]],
  'gamma.calculateLTP2Score': [gamma.calculateLTP2Score, [fc.oneof(context, junk), fc.oneof(fc.record({ previousGrade: fc.constantFrom('Sniper', 'Decent', 'Dumb Shit', null, 'A'), previousScores: list(number), candlesAtGrade: number }, { requiredKeys: [] }), junk)]],
  'gamma.generateLTP2ScoreExplanation': [(s, c) => gamma.generateLTP2ScoreExplanation(s, c, gamma.calculateLTP2Score({ currentPrice: 100, previousClose: 99, ema8: 101, ema21: 100, vwap: 99.5, callWall: 103, putWall: 97, zeroGamma: 98, gammaExposure: 1, hasPatienceCandle: false }), { now: 0 }), [junk, fc.oneof(context, junk)]],
  'gamma.detectPatienceCandle': [gamma.detectPatienceCandle, [number, number, number, number, number, number]],
  'gamma.calculateEMA': [gamma.calculateEMA, [list(number), number]],
  'swings.detectSwingPoints': [swings.detectSwingPoints, [list(swingBar), fc.constantFrom('1H', '4H', 'D', 'W', undefined, 5), fc.oneof(fc.record({ lookback: number, tolerance: number, minTouches: number }, { requiredKeys: [] }), fc.constant(undefined), junk)]],
  'swings.countTouchesAtLevel': [swings.countTouchesAtLevel, [list(swingBar), number, fc.constantFrom('high', 'low', null), number, number]],
  'swings.filterNearbyLevels': [swings.filterNearbyLevels, [list(level), number, number]],
  'swings.mergeMTFLevels': [swings.mergeMTFLevels, [list(level), list(level), number]],
  'fvg.detectFVGs': [fvgDetector.detectFVGs, [list(candle), fc.constantFrom('5m', null, 5), number, number]],
  'fvg.analyzeFVGs': [(s, p, c) => analyzeFVGs(s, p, c, { now: 0 }), [junk, number, fc.oneof(fc.record({ '5m': list(candle), daily: list(candle) }, { requiredKeys: [] }), junk)]]
}

/** A NaN anywhere in an answer (the caller's own objects handed back are skipped by the echo list). */
function hasNaN (x, depth = 0) {
  if (depth > 6) return false
  if (typeof x === 'number') return Number.isNaN(x)
  if (Array.isArray(x)) return x.some((v) => hasNaN(v, depth + 1))
  if (x && typeof x === 'object' && !ArrayBuffer.isView(x)) return Object.values(x).some((v) => hasNaN(v, depth + 1))
  return false
}
// Functions that hand the caller's own objects back (bars, levels, candles) may carry its NaNs.
const ECHOES = new Set(['swings.filterNearbyLevels', 'swings.mergeMTFLevels', 'fvg.detectFVGs', 'fvg.analyzeFVGs'])

for (const [name, [fn, args]] of Object.entries(CASES)) {
  test(`${name}: an answer or a coded error on hostile input`, () => {
    fc.assert(fc.property(fc.tuple(...args), (given) => {
      let result
      try {
        result = fn(...given)
      } catch (error) {
        assert.match(String(error && error.code), /^EDGEKIT_/, `${name}(${show(given)}): ${error && error.message}`)
        return
      }
      if (!ECHOES.has(name)) assert.ok(!hasNaN(result), `${name}(${show(given)}): NaN in ${show(result)}`)
    }), { numRuns: RUNS, seed: 20261206 })
  })
}
