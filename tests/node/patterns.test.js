'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const ek = require('../../bindings-node')

const ROOT = path.join(__dirname, '..', '..')
const V = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'vectors', 'patterns.json'), 'utf8'))

function columns (dataset) {
  if (dataset.bars) return ['open', 'high', 'low', 'close'].map((k) => Float64Array.from(dataset.bars[k]))
  const lines = fs.readFileSync(path.join(ROOT, dataset.file), 'utf8').trim().split('\n').slice(1)
  return [1, 2, 3, 4].map((k) => Float64Array.from(lines, (line) => Number(line.split(',')[k])))
}

test('candles match TA-Lib on every bar; async equals sync', async () => {
  for (const dataset of V.datasets) {
    const [o, h, l, c] = columns(dataset)
    const found = ek.candles(o, h, l, c)
    assert.deepEqual(Object.keys(found).sort(), ek.candlePatterns().sort())
    for (const [name, got] of Object.entries(found)) {
      assert.ok(got instanceof Int32Array)
      const want = new Int32Array(dataset.length)
      for (const [i, v] of dataset.candles[name]) want[i] = v
      const bad = got.findIndex((v, i) => v !== want[i])
      assert.equal(bad, -1, `${dataset.name} ${name} at bar ${bad}: ${got[bad]} vs ${want[bad]}`)
    }
    const some = await ek.candlesAsync(o, h, l, c, ['ENGULFING', 'DOJI'])
    assert.deepEqual(Object.keys(some).sort(), ['DOJI', 'ENGULFING'])
    assert.deepEqual(some.DOJI, found.DOJI)
  }
})

test('indicators match TA-Lib', () => {
  const [, h, l, c] = columns(V.datasets[0])
  const want = V.indicators.values
  const got = {
    sma_20: ek.sma(c, 20),
    ema_20: ek.ema(c, 20),
    atr_14: ek.atr(h, l, c, 14),
    rsi_14: ek.rsi(c, 14),
    max_20: ek.highest(c, 20),
    min_20: ek.lowest(c, 20)
  }
  for (const [name, values] of Object.entries(got)) {
    want[name].forEach((w, i) => {
      if (w === null) assert.ok(Number.isNaN(values[i]), `${name}[${i}]`)
      else assert.ok(Math.abs(values[i] - w) <= 1e-12 * Math.abs(w) + 1e-12, `${name}[${i}]`)
    })
  }
})

test('bad bars and names throw with a code', () => {
  assert.throws(() => ek.candles([1, 2], [1.5, 2.5], [0.5, 2.1], [1.2, 2]), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /bar 1: low 2.1/.test(e.message))
  assert.throws(() => ek.candles([1], [1.5], [0.5], [1.2], ['NOPE']), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  assert.throws(() => ek.sma([1, 2, NaN], 2), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /values\[2\]/.test(e.message))
  assert.throws(() => ek.ema([1, 2], 2, { seed: 'median' }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
})

test('structure on hand-built bars', () => {
  const high = [10, 12, 11, 12.1, 11, 13, 11, 10, 9]
  const low = [9, 11, 10, 11, 10.05, 12, 10, 9, 8]
  const close = [9.5, 11.5, 10.5, 11.5, 10.5, 12.5, 10.5, 9.5, 8.5]
  const s = ek.swings(close, high, low, close, { left: 1, right: 1 })
  assert.deepEqual(s.index, [1, 2, 3, 4, 5])
  assert.deepEqual(s.kind, [1, -1, 1, -1, 1])
  assert.deepEqual(s.confirmedAt, [2, 3, 4, 5, 6])
  assert.deepEqual([...ek.trendStructure(close, high, low, close, { left: 1, right: 1 })], [0, 0, 0, 0, 0, 1, 1, -1, -1])
  const found = ek.levels(close, high, low, close, { left: 1, right: 1, tolerance: 0.01 })
  assert.deepEqual(found.map((l) => [Math.round(l.price * 1000) / 1000, l.touches]), [[10.025, 2], [12.05, 2]])
  const gaps = ek.fairValueGaps([9.5, 11, 12, 12, 10.5, 12], [10, 12, 13, 12.5, 11, 12.2], [9, 10.5, 11, 11.5, 10, 11.8], [9.5, 11, 12, 12, 10.5, 12])
  assert.deepEqual(gaps, [{ index: 1, bullish: true, bottom: 10, top: 11, filledAt: 4 }])
  assert.throws(() => ek.swings(close, high, low, close, { method: 'pivots' }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
})

test('resample and sessionVwap on EURUSD agree with direct computation', () => {
  const lines = fs.readFileSync(path.join(ROOT, 'examples', 'data', 'EURUSD.csv'), 'utf8').trim().split('\n').slice(1)
  const rows = lines.map((line) => line.split(','))
  const t = Float64Array.from(rows, (r) => Date.parse(r[0].replace(' ', 'T') + 'Z') / 1000)
  const [o, h, l, c, v] = [1, 2, 3, 4, 5].map((k) => Float64Array.from(rows, (r) => Number(r[k])))
  const daily = ek.resample(t, o, h, l, c, v, { timeframe: '1d' })
  // Direct: group by UTC day.
  const days = new Map()
  rows.forEach((r, i) => {
    const day = Math.floor(t[i] / 86400)
    const d = days.get(day) || { open: o[i], high: -Infinity, low: Infinity, close: 0, volume: 0 }
    d.high = Math.max(d.high, h[i]); d.low = Math.min(d.low, l[i]); d.close = c[i]; d.volume += v[i]
    days.set(day, d)
  })
  const want = [...days.entries()]
  assert.equal(daily.close.length, want.length)
  want.forEach(([day, d], k) => {
    assert.equal(daily.timestamps[k], day * 86400)
    assert.equal(daily.open[k], d.open); assert.equal(daily.high[k], d.high); assert.equal(daily.low[k], d.low); assert.equal(daily.close[k], d.close)
  })
  const vwap = ek.sessionVwap(t, h, l, c, v)
  let [day, weighted, total] = [null, 0, 0]
  for (let i = 0; i < t.length; i++) {
    const d = Math.floor(t[i] / 86400)
    if (d !== day) { day = d; weighted = 0; total = 0 }
    weighted += (h[i] + l[i] + c[i]) / 3 * v[i]; total += v[i]
    const expected = total > 0 ? weighted / total : NaN
    assert.ok(Number.isNaN(expected) ? Number.isNaN(vwap[i]) : Math.abs(vwap[i] - expected) <= 1e-12 * expected, `vwap[${i}]`)
  }
  assert.throws(() => ek.resample([0, 60, 60], [1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1]), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /must increase/.test(e.message))
})

test('breakouts and retests', () => {
  const close = [99, 99.5, 101, 102, 100.3, 101.5, 98, 97, 99.9]
  const low = [98.5, 99, 99.8, 101, 100.05, 100.8, 97.5, 96.5, 97]
  const high = [99.5, 100, 101.5, 102.5, 102, 102, 101.6, 98, 100.1]
  assert.deepEqual(ek.breakouts(close, high, low, close, [100], { tolerance: 0.001, maxBars: 10 }), [
    { level: 100, index: 2, up: true, retestAt: 4, held: true },
    { level: 100, index: 6, up: false, retestAt: 8, held: true }
  ])
})

test('regimes split a per-game series at the drift engine change points', () => {
  const points = Float64Array.from({ length: 45 }, (_, i) => (i < 20 ? 12 : 21) + ((i * 7) % 5) - 2)
  const found = ek.regimes(points, { penalty: 120 })
  assert.deepEqual(found.map((r) => r.start), [0, 20])
  assert.equal(found[1].end, 45)
  assert.throws(() => ek.regimes([1, NaN]), { code: 'EDGEKIT_INVALID_INPUT' })
})

test('candles follow overridden settings like TA-Lib; async agrees', async () => {
  const goog = V.datasets.find((d) => d.name === 'GOOG')
  const [o, h, l, c] = columns(goog)
  assert.deepEqual(ek.candleSettings().bodyDoji, { rangeType: 'high_low', avgPeriod: 10, factor: 0.1 })
  const camel = (settings) => Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, { rangeType: v.range_type, avgPeriod: v.avg_period, factor: v.factor }]))
  for (const s of V.settings) {
    const found = ek.candles(o, h, l, c, null, camel(s.settings))
    for (const [name, got] of Object.entries(found)) {
      const want = new Int32Array(c.length)
      for (const [i, v] of s.candles[name]) want[i] = v
      const bad = got.findIndex((v, i) => v !== want[i])
      assert.equal(bad, -1, `${name} with ${JSON.stringify(s.settings)} at ${bad}`)
    }
  }
  const partial = await ek.candlesAsync(o, h, l, c, ['DOJI'], { body_doji: { factor: 0.05 } })
  assert.deepEqual(partial.DOJI, ek.candles(o, h, l, c, ['DOJI'], camel(V.settings[0].settings)).DOJI)
  assert.throws(() => ek.candles(o, h, l, c, null, { body_tiny: { factor: 1 } }), { code: 'EDGEKIT_INVALID_INPUT' })
})
