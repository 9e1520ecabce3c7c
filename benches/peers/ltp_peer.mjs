// The dashboard's own TypeScript LTP functions (from a checkout you provide, bundled by
// tests/vectors/dashboard/bundle.mjs) against the addon, in one run, on the same inputs:
//   (cd tests/vectors/dashboard && npm install)
//   node benches/peers/ltp_peer.mjs /tmp/kcu      # a checkout of n8kahl/kcu-coach-dashboard
// "addon, Bar[]" is the drop-in (edgekit/ltp): it packs the dashboard's bar objects into
// Float64Arrays first; "addon, columns" passes columns the caller already holds. The
// detector's functions are async in the dashboard (they await its market-data client, here a
// stub serving the same bars from memory); they are timed as the dashboard calls them.
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { commitOf, detectorCalls, load } from '../../tests/vectors/dashboard/bundle.mjs'

const require = createRequire(import.meta.url)
const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const ltp = require(path.join(ROOT, 'bindings-node', 'ltp.js'))
const { ltp: native } = require(path.join(ROOT, 'bindings-node'))

const checkout = process.argv[2]
if (!checkout) {
  console.error('usage: node benches/peers/ltp_peer.mjs <kcu-coach-dashboard checkout>')
  process.exit(2)
}
const { engine: ref, detector, gamma: refGamma, swings: refSwings, fvg: refFvg } = await load(checkout)
const gamma = require(path.join(ROOT, 'bindings-node', 'ltp-gamma.js'))
const swings = require(path.join(ROOT, 'bindings-node', 'swing-points.js'))
const { fvgDetector } = require(path.join(ROOT, 'bindings-node', 'fvg.js'))
const dashboard = detectorCalls(detector)
console.error = () => {} // the detector logs the failures it catches

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

async function best (fn, seconds = 1) {
  for (let i = 0; i < 3; i++) await fn()
  let bestMs = Infinity
  const until = Date.now() + seconds * 1000
  let runs = 0
  while (Date.now() < until || runs < 5) {
    const t0 = process.hrtime.bigint()
    await fn()
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
const asDashboardLevels = { levelFormula: 'dashboard' }
async function compare (name, js, dropIn, columns) {
  const tJs = await best(js)
  const tDrop = await best(dropIn)
  const tCols = columns ? await best(columns) : NaN
  rows.push({ name, js: tJs, dropIn: tDrop, columns: tCols })
}
await compare('calculateEMA (10^5 closes)', () => ref.calculateEMA(closes, 21), () => ltp.calculateEMA(closes, 21), () => native.calculateEMA(closesF64, 21))
await compare('calculateVWAP (10^5 bars)', () => ref.calculateVWAP(bars), () => ltp.calculateVWAP(bars), () => native.calculateVWAP(cols))
await compare('scoreLevelProximity (10^5 levels)', () => ref.scoreLevelProximity(price, levels), () => ltp.scoreLevelProximity(price, levels, 0.3, asDashboardLevels), null)
await compare('detectPatienceCandle (10^5 bars)', () => ref.detectPatienceCandle(bars, price), () => ltp.detectPatienceCandle(bars, price), () => native.detectPatienceCandle(cols, price))
await compare('analyzeTimeframe (10^5 bars)', () => dashboard.analyzeTimeframe(bars, '5m'), () => ltp.analyzeTimeframe(bars, '5m'), () => native.analyzeTimeframe(cols, '5m'))
// The dashboard catches its own failure here (Math.max over 10^5 spread arguments overflows
// the stack) and returns no levels: compare only when it returns some.
const keyLevelsJs = () => dashboard.keyLevels(bars, bars)
if ((await keyLevelsJs()).length === 0) rows.push({ name: 'keyLevels (10^5 bars): the TypeScript returns [] (its Math.max(...bars) fails; it catches and logs)' })
else await compare('keyLevels (10^5 bars)', keyLevelsJs, () => ltp.keyLevels(bars, bars), () => native.keyLevels(cols, cols))

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
// The dashboard analyses its watchlist one symbol after the other (runDetectionCycle).
const jsAll = async () => {
  const out = []
  for (const s of symbols) out.push(await dashboard.analyzeSymbol(s.symbol, s.price, s.daily, s.intraday, Object.entries(s.timeframes), s.intraday))
  return out
}
const asDashboard = { levelFormula: 'dashboard' }
await compare('analyzeSymbol × 5,000 symbols', jsAll, () => ltp.analyzeSymbols(symbols, asDashboard), () => native.analyzeSymbols({ ...packed, levelFormula: 'dashboard' }))
const same = JSON.stringify(await jsAll()) === JSON.stringify(ltp.analyzeSymbols(symbols, asDashboard))

// LTP 2.0 on the dashboard's shape: one market context per call (10^4 of them per timing).
const contexts = symbols.slice(0, 10000).map((s, i) => ({
  currentPrice: s.price, previousClose: s.intraday[76].c, ema8: s.price * (1 + 0.004 * Math.sin(i)), ema21: s.price,
  vwap: s.price * (1 - 0.002 * Math.cos(i)), callWall: s.price * 1.012, putWall: s.price * 0.985, zeroGamma: s.price * 0.99,
  gammaExposure: (i % 3 - 1) * 1e9, hasPatienceCandle: i % 2 === 0, patienceDirection: 'bullish',
  previousHigh: s.intraday[76].h, previousLow: s.intraday[76].l, currentHigh: s.intraday[77].h, currentLow: s.intraday[77].l
}))
const state = { previousGrade: 'Decent', previousScores: [60, 62, 58], candlesAtGrade: 3 }
await compare('calculateLTP2Score × 5,000 contexts', () => contexts.map((c) => refGamma.calculateLTP2Score(c, state)), () => contexts.map((c) => gamma.calculateLTP2Score(c, state)), null)

// Swing points and fair value gaps on 10^5 bars, and on the dashboard's own sizes.
const swingBars = bars.map((b, i) => ({ time: i * 3600000, open: b.o, high: b.h, low: b.l, close: b.c }))
await compare('detectSwingPoints (10^5 bars, 1H)', () => refSwings.detectSwingPoints(swingBars, '1H'), () => swings.detectSwingPoints(swingBars, '1H'), null)
await compare('detectSwingPoints × 1,000 (100 bars each, 4H)', () => { for (let k = 0; k < 1000; k++) refSwings.detectSwingPoints(swingBars.slice(k, k + 100), '4H') }, () => { for (let k = 0; k < 1000; k++) swings.detectSwingPoints(swingBars.slice(k, k + 100), '4H') }, null)
await compare('countTouchesAtLevel (10^5 bars)', () => refSwings.countTouchesAtLevel(swingBars, price, 'high'), () => swings.countTouchesAtLevel(swingBars, price, 'high'), null)
const levels4H = refSwings.detectSwingPoints(swingBars.slice(0, 3000), '4H')
const levels1H = refSwings.detectSwingPoints(swingBars.slice(0, 3000), '1H')
await compare(`mergeMTFLevels (${levels4H.length} + ${levels1H.length} levels)`, () => refSwings.mergeMTFLevels(levels4H, levels1H), () => swings.mergeMTFLevels(levels4H, levels1H), null)
const candles = bars.map((b, i) => ({ timestamp: i * 300000, open: b.o, high: b.h, low: b.l, close: b.c, volume: b.v }))
await compare('detectFVGs (10^5 candles)', () => refFvg.fvgDetector.detectFVGs(candles, '5m', price), () => fvgDetector.detectFVGs(candles, '5m', price), null)
await compare('detectFVGs × 1,000 (100 candles each)', () => { for (let k = 0; k < 1000; k++) refFvg.fvgDetector.detectFVGs(candles.slice(k, k + 100), '5m', price, 0.05) }, () => { for (let k = 0; k < 1000; k++) fvgDetector.detectFVGs(candles.slice(k, k + 100), '5m', price, 0.05) }, null)
const sameSwings = JSON.stringify(refSwings.detectSwingPoints(swingBars, '1H')) === JSON.stringify(swings.detectSwingPoints(swingBars, '1H'))
const sameGaps = JSON.stringify(refFvg.fvgDetector.detectFVGs(candles, '5m', price)) === JSON.stringify(fvgDetector.detectFVGs(candles, '5m', price))

console.log(`node ${process.version}; ${checkout} at ${commitOf(checkout).slice(0, 7)}; best of repeated runs, milliseconds; ratio = TypeScript / addon`)
console.log('| function | TypeScript | addon, Bar[] | ratio | addon, columns | ratio |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
for (const r of rows) {
  if (r.js === undefined) { console.log(`| ${r.name} | | | | | |`); continue }
  const f = (x) => (Number.isNaN(x) ? '–' : x.toFixed(3))
  const ratio = (x) => (Number.isNaN(x) ? '–' : (r.js / x).toFixed(1) + '×')
  console.log(`| ${r.name} | ${f(r.js)} | ${f(r.dropIn)} | ${ratio(r.dropIn)} | ${f(r.columns)} | ${ratio(r.columns)} |`)
}
console.log(`5,000 setups identical to the TypeScript's: ${same}; swing levels on 10^5 bars: ${sameSwings}; gaps on 10^5 candles: ${sameGaps}`)
