'use strict'
// The dashboard's TypeScript LTP functions (transcribed with types stripped in
// tests/vectors/ltp_reference.js) against the addon, in one run, on the same inputs:
//   node benches/peers/ltp_peer.js
// "addon, Bar[]" is the drop-in (edgekit/ltp): it packs the dashboard's bar objects into
// Float64Arrays first; "addon, columns" passes columns the caller already holds.
const path = require('node:path')
const ref = require('../../tests/vectors/ltp_reference.js')
const ltp = require(path.join(__dirname, '..', '..', 'bindings-node', 'ltp.js'))
const { ltp: native } = require(path.join(__dirname, '..', '..', 'bindings-node'))

function walk (n, seed) {
  let s = seed >>> 0 || 1
  const u = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296 }
  const cents = (x) => Math.round(x * 100) / 100
  const bars = []
  let price = 100
  for (let i = 0; i < n; i++) {
    const o = cents(price * (1 + 0.004 * (u() - 0.5)))
    const c = cents(o * (1 + 0.02 * (u() - 0.5)))
    bars.push({ o, h: cents(Math.max(o, c) * (1 + 0.006 * u())), l: cents(Math.min(o, c) * (1 - 0.006 * u())), c, v: 1000 + (i % 97) * 10, t: i })
    price = c
  }
  return bars
}

function best (fn, seconds = 1) {
  for (let i = 0; i < 3; i++) fn()
  let bestMs = Infinity
  const until = Date.now() + seconds * 1000
  let runs = 0
  while (Date.now() < until || runs < 5) {
    const t0 = process.hrtime.bigint()
    fn()
    bestMs = Math.min(bestMs, Number(process.hrtime.bigint() - t0) / 1e6)
    runs++
  }
  return bestMs
}

const n = 100000
const bars = walk(n, 11)
const cols = ltp.toColumns(bars)
const closes = bars.map((b) => b.c)
const closesF64 = Float64Array.from(closes)
const levels = bars.map((b, i) => ({ type: 'level', price: b.c, timeframe: '5m', strength: i % 100 }))
const price = bars[n / 2].c

const rows = []
function compare (name, js, dropIn, columns) {
  const tJs = best(js)
  const tDrop = best(dropIn)
  const tCols = columns ? best(columns) : NaN
  rows.push({ name, js: tJs, dropIn: tDrop, columns: tCols })
}
compare('calculateEMA (10^5 closes)', () => ref.calculateEMA(closes, 21), () => ltp.calculateEMA(closes, 21), () => native.calculateEMA(closesF64, 21))
compare('calculateVWAP (10^5 bars)', () => ref.calculateVWAP(bars), () => ltp.calculateVWAP(bars), () => native.calculateVWAP(cols))
compare('scoreLevelProximity (10^5 levels)', () => ref.scoreLevelProximity(price, levels), () => ltp.scoreLevelProximity(price, levels), null)
compare('detectPatienceCandle (10^5 bars)', () => ref.detectPatienceCandle(bars, price), () => ltp.detectPatienceCandle(bars, price), () => native.detectPatienceCandle(cols, price))
compare('analyzeTimeframe (10^5 bars)', () => ref.analyzeTimeframe(bars, '5m'), () => ltp.analyzeTimeframe(bars, '5m'), () => native.analyzeTimeframe(cols, '5m'))
let keyLevelsJs = () => ref.keyLevels(bars, bars)
try { keyLevelsJs() } catch (e) { keyLevelsJs = null; rows.push({ name: `keyLevels (10^5 bars): the TypeScript throws ${e.constructor.name}: ${e.message}` }) }
if (keyLevelsJs) compare('keyLevels (10^5 bars)', keyLevelsJs, () => ltp.keyLevels(bars, bars), () => native.keyLevels(cols, cols))

// analyzeSymbol for 5,000 symbols: 60 daily, 78 five-minute, and the five timeframes' bars.
const symbols = []
for (let s = 0; s < 5000; s++) {
  const sets = [60, 78, 48, 32, 24, 30, 50].map((m, k) => walk(m, s * 7 + k + 1))
  symbols.push({
    symbol: `S${s}`,
    price: sets[1][77].c,
    daily: sets[0],
    intraday: sets[1],
    timeframes: { '5m': sets[2], '15m': sets[3], '1h': sets[4], '4h': sets[5], daily: sets[6] }
  })
}
const packed = ltp.packSymbols(symbols)
const jsAll = () => symbols.map((s) => ref.analyzeSymbol(s.symbol, s.price, s.daily, s.intraday, Object.entries(s.timeframes), s.intraday))
compare('analyzeSymbol × 5,000 symbols', jsAll, () => ltp.analyzeSymbols(symbols), () => native.analyzeSymbols(packed))
const same = JSON.stringify(jsAll()) === JSON.stringify(ltp.analyzeSymbols(symbols))

console.log(`node ${process.version}; best of repeated runs, milliseconds; ratio = TypeScript / addon`)
console.log('| function | TypeScript | addon, Bar[] | ratio | addon, columns | ratio |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
for (const r of rows) {
  if (r.js === undefined) { console.log(`| ${r.name} | | | | | |`); continue }
  const f = (x) => (Number.isNaN(x) ? '–' : x.toFixed(3))
  const ratio = (x) => (Number.isNaN(x) ? '–' : (r.js / x).toFixed(1) + '×')
  console.log(`| ${r.name} | ${f(r.js)} | ${f(r.dropIn)} | ${ratio(r.dropIn)} | ${f(r.columns)} | ${ratio(r.columns)} |`)
}
console.log(`5,000 setups identical to the TypeScript's: ${same}`)
