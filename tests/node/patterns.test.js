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
