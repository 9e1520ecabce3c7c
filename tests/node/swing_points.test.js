'use strict'
// edgekit/swing-points (the dashboard's swing-point detector, drop-in) against the dashboard's own
// code: tests/vectors/ltp_swing_points.json, recorded by tests/vectors/dashboard/record.mjs.
// Equality is JSON.stringify byte for byte, so key order counts.
const test = require('node:test')
const assert = require('node:assert/strict')
const swings = require('../../bindings-node/swing-points.js')
const { decode, encode } = require('../vectors/dashboard/encoding.cjs')
const { assertDocumented } = require('./strictness.js')
const V = require('../vectors/ltp_swing_points.json')

const same = (got, want, what) => assert.equal(JSON.stringify(encode(got)), JSON.stringify(want), what)
const barsOf = (cols) => cols.time.map((time, i) => ({ time, open: cols.open[i], high: cols.high[i], low: cols.low[i], close: cols.close[i] }))

test('TIMEFRAME_CONFIGS and the default export are the dashboard\'s', () => {
  same(swings.TIMEFRAME_CONFIGS, V.TIMEFRAME_CONFIGS)
  assert.equal(swings.default, swings.detectSwingPoints)
  assert.ok(Object.isFrozen(swings.TIMEFRAME_CONFIGS['1H']))
})

test('detectSwingPoints matches, 10^5 bars included', async () => {
  V.detect_swing_points.forEach((c, i) => {
    const [bars, ...rest] = decode(c.args)
    same(swings.detectSwingPoints(barsOf(bars), ...rest), c.want, `case ${i}`)
  })
  const { bigBars } = await import('../vectors/dashboard/swings.mjs')
  for (const c of V.big) {
    const bars = barsOf(bigBars(c.seed, c.n))
    assert.equal(bars.length, 100000)
    same(swings.detectSwingPoints(bars, c.timeframe), c.want, `10^5 bars, ${c.timeframe}`)
  }
})

test('countTouchesAtLevel, filterNearbyLevels and mergeMTFLevels match', () => {
  for (const c of V.count_touches_at_level) {
    const [bars, ...rest] = decode(c.args)
    assert.equal(swings.countTouchesAtLevel(barsOf(bars), ...rest), c.want)
  }
  for (const c of V.filter_nearby_levels) {
    const levels = c.args[0]
    const got = swings.filterNearbyLevels(...c.args)
    assert.deepEqual(got.map((l) => levels.indexOf(l)), c.want, 'the caller\'s own objects, in order')
  }
  for (const c of V.merge_mtf_levels) same(swings.mergeMTFLevels(...c.args), c.want)
})

test('edge inputs: the dashboard\'s answer or a coded error, never a different answer', () => {
  const outcome = { same: 0, refused: [] }
  for (const e of V.edges) {
    let got
    try {
      got = swings[e.fn](...decode(e.args))
    } catch (error) {
      assert.match(String(error.code), /^EDGEKIT_/, `${e.fn} ${JSON.stringify(e.args).slice(0, 200)}: ${error.message}`)
      outcome.refused.push(e)
      continue
    }
    assert.equal(e.threw, null, `${e.fn} ${JSON.stringify(e.args).slice(0, 200)}: the dashboard throws ${e.threw}, the drop-in answers`)
    same(got, e.want, `${e.fn} ${JSON.stringify(e.args).slice(0, 300)}`)
    outcome.same++
  }
  assertDocumented('| swing function | argument | input |', outcome.refused)
  console.log(`swing edges: ${outcome.same} answered as the dashboard does, ${outcome.refused.length} refused`)
})
