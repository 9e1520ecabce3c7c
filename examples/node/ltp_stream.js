'use strict'
// Streams two sessions of 1-minute bars for 2,000 symbols through the LTP tracker, the way a
// service fed by a market-data socket would, and prints what happened. The bars are seeded
// random walks (no public multi-symbol intraday data is bundled), so the run is reproducible:
//   node examples/node/ltp_stream.js
const path = require('node:path')
const ltp = require(path.join(__dirname, '..', '..', 'bindings-node', 'ltp.js'))

const SYMBOLS = 2000
const OPEN = [1704205800, 1704292200] // 09:30 New York on 2024-01-02 and 2024-01-03, UTC seconds

function rng (seed) {
  let s = seed >>> 0 || 1
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296 }
}

// One symbol's walk: calm drifts with occasional pauses, prices in cents.
const walkers = Array.from({ length: SYMBOLS }, (_, i) => {
  const u = rng(i + 1)
  return { u, price: 20 + 480 * u(), drift: (u() - 0.5) * 0.0004 }
})
function nextBar (w, t) {
  const cents = (x) => Math.round(x * 100) / 100
  const pause = w.u() < 0.3
  const o = cents(w.price)
  const c = cents(o * (1 + w.drift + (pause ? 0.0003 : 0.002) * (w.u() - 0.5)))
  const h = cents(Math.max(o, c) * (1 + 0.0008 * w.u()))
  const l = cents(Math.min(o, c) * (1 - 0.0008 * w.u()))
  w.price = c
  return { t, o, h, l, c, v: Math.round(1000 + 9000 * w.u()) }
}

const tracker = new ltp.Tracker() // US equities, 1-minute bars, setups on 5-minute candles
const ids = Uint32Array.from({ length: SYMBOLS }, (_, i) => tracker.symbolId(`SYM${String(i).padStart(4, '0')}`))
const counts = {}
const ready = []
let bars = 0
const started = process.hrtime.bigint()
for (const open of OPEN) {
  for (let minute = 0; minute < 390; minute++) {
    // one tick of the feed: the bar that just closed for every symbol, as columns
    const t = new Float64Array(SYMBOLS).fill(open + 60 * minute)
    const cols = { t, o: new Float64Array(SYMBOLS), h: new Float64Array(SYMBOLS), l: new Float64Array(SYMBOLS), c: new Float64Array(SYMBOLS), v: new Float64Array(SYMBOLS) }
    walkers.forEach((w, i) => {
      const b = nextBar(w, t[i])
      cols.o[i] = b.o; cols.h[i] = b.h; cols.l[i] = b.l; cols.c[i] = b.c; cols.v[i] = b.v
    })
    for (const e of tracker.updateMany(ids, cols)) {
      counts[e.kind] = (counts[e.kind] || 0) + 1
      if (e.kind === 'setup_ready' && open === OPEN[1]) ready.push(e)
    }
    bars += SYMBOLS
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9
console.log(`${bars.toLocaleString('en')} bars for ${SYMBOLS} symbols over two sessions in ${seconds.toFixed(2)} s ` +
  `(${(bars / seconds / 1e6).toFixed(2)} M bars/s including generating them)`)
console.log('events:', counts)
console.log('best ready setups of day two:')
ready.sort((a, b) => b.score - a.score)
for (const e of ready.slice(0, 5)) {
  const when = new Date(e.timestamp * 1000).toISOString().slice(11, 16)
  console.log(`  ${when} UTC ${e.symbol} ${e.direction} at ${e.level_type} ${e.level_price.toFixed(2)}: ` +
    `score ${e.score.toFixed(1)} (grade shown ${e.grade}: grades move after two evaluations), entry ${e.entry.toFixed(2)} stop ${e.stop.toFixed(2)} target ${e.target.toFixed(2)}`)
}
const best = ready[0]
const read = tracker.evaluation(best.symbol)
console.log(`${best.symbol} now: L ${read.level_score.toFixed(0)} T ${read.trend_score.toFixed(0)} ` +
  `P ${read.patience_score.toFixed(0)}, votes ${read.votes.map((v) => `${v.source}${v.minutes ? v.minutes : ''}:${v.vote}`).join(' ')}`)
const saved = tracker.toBytes()
const resumed = ltp.Tracker.fromBytes(saved)
console.log(`state of ${resumed.symbols.length} symbols saved in ${(saved.length / 1e6).toFixed(1)} MB and restored`)

// Layer 1, the dashboard's drop-in: score a setup from levels and timeframe analyses.
const levels = [{ type: 'pdh', price: 101, timeframe: 'daily', strength: 80 }, { type: 'vwap', price: 100.2, timeframe: 'intraday', strength: 75 }]
const level = ltp.scoreLevelProximity(100.95, levels)
const score = ltp.calculateLTPScore(level.score, 70, ltp.scorePatienceQuality({ detected: true, count: 2 }))
console.log(`dashboard scoring: level ${level.level.type} ${level.score}, overall ${score.overall} (${ltp.getLTPGrade(score.overall)})`)
