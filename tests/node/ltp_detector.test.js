'use strict'
// edgekit/ltp-detector (the dashboard's detector service over injected market data, database and
// broadcasts) against the dashboard's own detection cycles: tests/vectors/ltp_detector.json,
// recorded by tests/vectors/dashboard/record.mjs over the symbols of ltp.json's analyze_symbol
// cases. Setups, upserted rows and broadcasts are compared with JSON.stringify (key order counts).
const test = require('node:test')
const assert = require('node:assert/strict')
const { createDetector, DEFAULTS } = require('../../bindings-node/ltp-detector.js')
const D = require('../vectors/ltp_detector.json')
const L = require('../vectors/ltp.json')

const rows = (cols) => cols.o.map((o, i) => ({ o, h: cols.h[i], l: cols.l[i], c: cols.c[i], v: cols.v[i], t: i }))
const BARS = { 'day:60': 'daily', '5:78': 'intraday' }
const TIMEFRAMES = { '5:48': '5m', '15:32': '15m', '60:24': '1h', '240:30': '4h', 'day:50': 'daily' }

/** The recorded symbols as the dashboard's market-data service would serve them. */
function marketData (run) {
  const bySymbol = new Map(run.symbols.map((i, k) => [L.analyze_symbol[i].symbol, { c: L.analyze_symbol[i], quote: run.quotes[k] }]))
  return {
    isConfigured: () => true,
    getQuote: async (symbol) => {
      const m = bySymbol.get(symbol)
      return m && m.quote != null ? { symbol, last: m.quote, price: m.quote } : null
    },
    getAggregates: async (symbol, multiplier, limit) => {
      const { c } = bySymbol.get(symbol)
      const key = `${multiplier}:${limit}`
      if (key === '5:12') return rows(c.patience || c.intraday)
      if (BARS[key]) return rows(c[BARS[key]])
      const found = c.timeframes.find(([tf]) => tf === TIMEFRAMES[key])
      if (!found) throw new Error(`no ${key} bars`)
      return rows(found[1])
    }
  }
}

function quietly (call) {
  const saved = [console.log, console.error, console.warn]
  console.log = console.error = console.warn = () => {}
  return Promise.resolve().then(call).finally(() => { [console.log, console.error, console.warn] = saved })
}

test('runOnce stores and broadcasts what the dashboard does, setup for setup', async () => {
  const realNow = Date.now
  try {
    for (const run of D.runs) {
      Date.now = () => run.now
      const database = []
      const broadcasts = []
      const detector = createDetector({
        marketData: marketData(run),
        store: async (row) => { database.push({ table: 'detected_setups', row, options: { onConflict: 'symbol' } }) },
        broadcastReady: async (event) => { broadcasts.push({ kind: 'ready', event }) },
        broadcastForming: async (event) => { broadcasts.push({ kind: 'forming', event }) },
        watchlist: [],
        levelFormula: 'dashboard'
      })
      detector.addSymbols(run.symbols.map((i) => L.analyze_symbol[i].symbol.toLowerCase()))
      assert.deepEqual(detector.getWatchlist(), run.watchlist)
      const setups = await quietly(() => detector.runOnce())
      assert.equal(JSON.stringify(setups), JSON.stringify(run.want.setups))
      assert.equal(JSON.stringify(broadcasts), JSON.stringify(run.want.broadcasts))
      // detected_at is the ISO time of the (fixed) clock in both.
      const iso = new Date(run.now).toISOString()
      assert.equal(JSON.stringify(database.map((d) => ({ ...d, row: { ...d.row, detected_at: iso } }))), JSON.stringify(run.want.database))
    }
  } finally {
    Date.now = realNow
  }
})

test('the lifecycle: start runs a cycle now and then every interval, stop stops; on-demand analysis', async () => {
  const run = D.runs[0]
  let cycles = 0
  const detector = createDetector({
    marketData: { ...marketData(run), getQuote: async (symbol) => { if (symbol === 'SYM2') cycles++; return marketData(run).getQuote(symbol) } },
    store: async () => {},
    broadcastReady: async () => {},
    broadcastForming: async () => {},
    watchlist: ['SYM2'],
    intervalMs: 25,
    levelFormula: 'dashboard'
  })
  assert.equal(detector.isDetectorRunning(), false)
  await quietly(async () => {
    detector.startDetector()
    detector.startDetector() // already running: nothing more
    assert.equal(detector.isDetectorRunning(), true)
    await new Promise((resolve) => setTimeout(resolve, 140))
    detector.stopDetector()
  })
  const seen = cycles
  assert.ok(seen >= 3, `${seen} cycles in 140 ms at 25 ms`)
  await new Promise((resolve) => setTimeout(resolve, 80))
  assert.equal(cycles, seen, 'no cycle after stop')
  assert.equal(detector.default.isRunning(), false)
  const setup = await quietly(() => detector.analyzeOnDemand('SYM2'))
  assert.equal(JSON.stringify(setup), JSON.stringify(run.want.setups.find((s) => s.symbol === 'SYM2')))
  assert.equal(await quietly(() => detector.analyzeOnDemand('NOPE')), null)
  detector.removeSymbols(['sym2'])
  assert.deepEqual(detector.getWatchlist(), [])
  assert.deepEqual(createDetector({ marketData: marketData(run), store () {}, broadcastReady () {}, broadcastForming () {} }).getWatchlist(), DEFAULTS.defaultWatchlist)
  // Not configured: start does nothing, as in the dashboard.
  const idle = createDetector({ marketData: { ...marketData(run), isConfigured: () => false }, store () {}, broadcastReady () {}, broadcastForming () {} })
  await quietly(() => idle.startDetector())
  assert.equal(idle.isDetectorRunning(), false)
  assert.throws(() => createDetector({ marketData: {} }), { code: 'EDGEKIT_INVALID_TYPE' })
})

test('onEvent streams the tracker\'s lifecycle events from the bars each cycle fetches', async () => {
  // A session of 5-minute bars that rises, pauses and breaks out, fetched in two cycles.
  const bars = []
  let price = 100
  for (let i = 0; i < 78; i++) {
    const step = i < 30 ? 0.15 : i < 40 ? 0.01 : 0.2
    const o = price
    price += step
    bars.push({ t: Date.UTC(2024, 0, 2, 14, 30) + i * 300000, o, h: Math.max(o, price) + 0.05, l: Math.min(o, price) - 0.05, c: price, v: 1000 + i })
  }
  let visible = 40
  const events = []
  const detector = createDetector({
    marketData: {
      getQuote: async () => ({ last: bars[visible - 1].c }),
      getAggregates: async (symbol, multiplier, limit) => (multiplier === '5' && limit === 78 ? bars.slice(0, visible) : bars.slice(0, Math.min(visible, limit)))
    },
    store: async () => {},
    broadcastReady: async () => {},
    broadcastForming: async () => {},
    watchlist: ['SPY'],
    onEvent: (event) => events.push(event)
  })
  await quietly(() => detector.runOnce())
  const first = events.length
  visible = 78
  await quietly(() => detector.runOnce())
  await quietly(() => detector.runOnce()) // nothing new: no bar is fed twice
  assert.ok(events.every((e) => e.symbol === 'SPY' && typeof e.kind === 'string'))
  assert.ok(events.length >= first)
  console.log(`tracker events: ${events.map((e) => e.kind).join(', ') || 'none'}`)
})
