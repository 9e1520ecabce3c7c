'use strict'
// edgekit/ltp-gamma (the dashboard's LTP 2.0 engine, drop-in) against the dashboard's own code:
// tests/vectors/ltp_gamma.json, recorded by tests/vectors/dashboard/record.mjs from a checkout of
// n8kahl/kcu-coach-dashboard. Equality is JSON.stringify byte for byte, so key order counts.
const test = require('node:test')
const assert = require('node:assert/strict')
const gamma = require('../../bindings-node/ltp-gamma.js')
const { decode, encode } = require('../vectors/dashboard/encoding.cjs')
const { assertDocumented } = require('./strictness.js')
const V = require('../vectors/ltp_gamma.json')

const same = (got, want, what) => assert.equal(JSON.stringify(encode(got)), JSON.stringify(want), what)

test('constants are the dashboard\'s', () => {
  same({ WEIGHTS: gamma.WEIGHTS, GRADE_THRESHOLDS: gamma.GRADE_THRESHOLDS, HYSTERESIS_BUFFER: gamma.HYSTERESIS_BUFFER }, V.constants)
  assert.ok(Object.isFrozen(gamma.WEIGHTS))
})

test('calculateLTP2Score matches, hysteresis runs included', () => {
  V.calculate_ltp2_score.forEach((c, i) => same(gamma.calculateLTP2Score(...decode(c.args)), c.want, `case ${i}`))
  let steps = 0
  for (const run of V.hysteresis_runs) {
    for (const step of run) {
      same(gamma.calculateLTP2Score(decode(step.context), step.state), step.want, `step ${steps++}`)
    }
  }
  assert.ok(steps >= 300)
})

test('detectPatienceCandle, calculateEMA, createMarketContext and the explanation match', () => {
  for (const c of V.detect_patience_candle) same(gamma.detectPatienceCandle(...c.args), c.want)
  for (const c of V.calculate_ema) assert.equal(gamma.calculateEMA(...c.args), c.want)
  for (const c of V.create_market_context) same(gamma.createMarketContext(...c.args), c.want)
  for (const c of V.generate_ltp2_score_explanation) {
    same(gamma.generateLTP2ScoreExplanation(...decode(c.args), { now: c.now }), c.want)
  }
})

test('edge inputs: the dashboard\'s answer or a coded error, never a different answer', () => {
  const outcome = { same: 0, refused: [] }
  for (const e of V.edges) {
    const args = decode(e.args)
    if (e.fn === 'generateLTP2ScoreExplanation') args.push({ now: e.now })
    let got
    try {
      got = gamma[e.fn](...args)
    } catch (error) {
      assert.match(String(error.code), /^EDGEKIT_/, `${e.fn} ${JSON.stringify(e.args)}: ${error.message}`)
      outcome.refused.push(e)
      continue
    }
    assert.equal(e.threw, null, `${e.fn} ${JSON.stringify(e.args)}: the dashboard throws ${e.threw}, the drop-in answers`)
    same(got, e.want, `${e.fn} ${JSON.stringify(e.args)}`)
    outcome.same++
  }
  assertDocumented('| gamma function | argument | input |', outcome.refused)
  console.log(`gamma edges: ${outcome.same} answered as the dashboard does, ${outcome.refused.length} refused`)
})

test('bad inputs throw coded errors', () => {
  assert.throws(() => gamma.calculateLTP2Score(null), { code: 'EDGEKIT_INVALID_TYPE' })
  const context = gamma.createMarketContext({ close: 100, high: 101, low: 99, open: 99.5 }, { ema8: 100.6, ema21: 100 }, 99.5, { callWall: 105, putWall: 95, zeroGamma: 98, gammaExposure: 1e9 })
  assert.throws(() => gamma.calculateLTP2Score(context, { previousGrade: 'A', previousScores: [], candlesAtGrade: 1 }), { code: 'EDGEKIT_INVALID_TYPE', message: /previousGrade "A" is unknown/ })
  assert.throws(() => gamma.calculateLTP2Score({ ...context, currentPrice: NaN }), { code: 'EDGEKIT_INVALID_INPUT', message: /context.currentPrice is NaN/ })
  assert.throws(() => gamma.generateLTP2ScoreExplanation('SPY', { ...context, putWall: null }, gamma.calculateLTP2Score(context)), { code: 'EDGEKIT_INVALID_TYPE', message: /context.putWall must be a number/ })
  assert.equal(gamma.calculateLTP2Score(context).grade, 'Sniper')
})
