'use strict'
// edgekit/fvg (the dashboard's fair value gap detector, drop-in) against the dashboard's own
// code: tests/vectors/ltp_fvg.json, recorded by tests/vectors/dashboard/record.mjs. Equality is
// JSON.stringify byte for byte (key order counts); formation candles are checked by identity.
const test = require('node:test')
const assert = require('node:assert/strict')
const { fvgDetector, createFVGDetector, analyzeFVGs } = require('../../bindings-node/fvg.js')
const { decode, encode } = require('../vectors/dashboard/encoding.cjs')
const { assertDocumented } = require('./strictness.js')
const V = require('../vectors/ltp_fvg.json')

const candlesOf = (cols) => cols.timestamp.map((timestamp, i) => ({ timestamp, open: cols.open[i], high: cols.high[i], low: cols.low[i], close: cols.close[i], volume: cols.volume[i] }))
/** A gap as recorded: formation candles by their positions in `candles` (the same objects). */
const recorded = (gap, candles) => gap && ({ ...gap, formationCandles: Object.values(gap.formationCandles).map((c) => candles.indexOf(c)) })
const same = (got, want, what) => assert.equal(JSON.stringify(encode(got)), JSON.stringify(want), what)

test('detectFVGs matches, formation candles being the caller\'s own objects', () => {
  V.detect_fvgs.forEach((c, i) => {
    const [cols, ...rest] = c.args
    const candles = candlesOf(cols)
    const gaps = fvgDetector.detectFVGs(candles, ...rest)
    same(gaps.map((g) => recorded(g, candles)), c.want, `case ${i}`)
  })
})

/** The recorded bars as the dashboard's market-data service would serve them. */
function marketData (c) {
  return {
    getQuote: async (symbol) => (c.quote == null ? null : { symbol, price: c.quote }),
    getHistoricalBars: async (symbol, from, to, span, multiplier) => {
      assert.match(from, /^\d{4}-\d{2}-\d{2}$/)
      const bars = c.aggregates[`${multiplier}:${span}`]
      if (bars === undefined) throw new Error('no bars')
      return bars
    }
  }
}

test('getFullAnalysis over the app\'s market data, and analyzeFVGs, match', async () => {
  const log = console.error
  console.error = () => {} // the failed fetches the recording left out are logged, as in the dashboard
  try {
    for (const c of V.full_analysis) {
      const analysis = await createFVGDetector(marketData(c)).getFullAnalysis(c.symbol, { now: c.now })
      const candlesOf = (gap) => gap.formationCandles // positions are taken against the fetched bars below
      const keys = { '5m': '5:minute', '15m': '15:minute', '1h': '1:hour', '4h': '4:hour', daily: '1:day' }
      const position = (gap) => gap && ({
        ...gap,
        formationCandles: Object.values(candlesOf(gap)).map((candle) => c.aggregates[keys[gap.timeframe]].findIndex((b) => b.t === candle.timestamp && b.o === candle.open && b.h === candle.high && b.l === candle.low && b.c === candle.close && b.v === candle.volume))
      })
      const got = { ...analysis, fvgs: Object.fromEntries(Object.entries(analysis.fvgs).map(([k, gaps]) => [k, gaps.map(position)])), nearestBullishFVG: position(analysis.nearestBullishFVG), nearestBearishFVG: position(analysis.nearestBearishFVG) }
      same(got, c.want, c.symbol)
      // The nearest gaps are the very objects of the timeframe lists, as in the dashboard.
      if (analysis.nearestBullishFVG) assert.ok(Object.values(analysis.fvgs).flat().includes(analysis.nearestBullishFVG))
      // analyzeFVGs on the same candles gives the same analysis.
      const candles = Object.fromEntries(Object.entries(keys).filter(([, r]) => c.aggregates[r]).map(([k, r]) => [k, c.aggregates[r].map((b) => ({ timestamp: b.t, open: b.o, high: b.h, low: b.l, close: b.c, volume: b.v }))]))
      same(analyzeFVGs(c.symbol, c.quote || 0, candles, { now: c.now }).tradingContext, c.want.tradingContext)
    }
  } finally {
    console.error = log
  }
  await assert.rejects(fvgDetector.getFullAnalysis('SPY'), { code: 'EDGEKIT_INVALID_INPUT', message: /createFVGDetector/ })
  assert.throws(() => createFVGDetector({}), { code: 'EDGEKIT_INVALID_TYPE' })
})

test('edge inputs: the dashboard\'s answer or a coded error, never a different answer', () => {
  const outcome = { same: 0, refused: [] }
  for (const e of V.edges) {
    const args = decode(e.args)
    let got
    try {
      got = fvgDetector[e.fn](...args).map((g) => recorded(g, args[0]))
    } catch (error) {
      assert.match(String(error.code), /^EDGEKIT_/, `${e.fn} ${JSON.stringify(e.args).slice(0, 300)}: ${error.message}`)
      outcome.refused.push(e)
      continue
    }
    assert.equal(e.threw, null, `${e.fn}: the dashboard throws ${e.threw}, the drop-in answers`)
    same(got, e.want, `${e.fn} ${JSON.stringify(e.args).slice(0, 400)}`)
    outcome.same++
  }
  assertDocumented('| FVG function | argument | input |', outcome.refused)
  console.log(`fvg edges: ${outcome.same} answered as the dashboard does, ${outcome.refused.length} refused`)
})

test('10^5 candles: the gaps the dashboard found (candles regenerated from the seed)', async () => {
  const { bigColumns } = await import('../vectors/dashboard/big.mjs')
  for (const c of V.big) {
    const cols = bigColumns(c.seed, c.n)
    const candles = cols.o.map((open, i) => ({ timestamp: cols.t[i], open, high: cols.h[i], low: cols.l[i], close: cols.c[i], volume: cols.v[i] }))
    const [, timeframe, price, min] = c.args
    same(fvgDetector.detectFVGs(candles, timeframe, price, min).map((g) => recorded(g, candles)), c.want, `min ${min}`)
  }
})
