// The recorded cases of tests/vectors/ltp_fvg.json (see record.mjs): the dashboard's fair value
// gap detector (src/lib/fvg-detector.ts) on seeded random candles with jumps (so gaps form),
// some shuffled or with repeated times, at prices inside, beside and beyond the gaps; its
// getFullAnalysis with the market-data stub serving each timeframe's bars (some timeframes
// missing, as failed fetches); and edge inputs. The dashboard hands back the caller's candle
// objects in `formationCandles`: recorded as their positions ([i, j, k]) in the candles given.
import { NOW, atNow, mulberry32 } from './common.mjs'
import encoding from './encoding.cjs'

const { encode } = encoding
const rand = mulberry32(20261209)
const uniform = (a, b) => a + (b - a) * rand()
const int = (a, b) => Math.floor(uniform(a, b + 1))
const pick = (xs) => xs[int(0, xs.length - 1)]
const cents = (x) => Math.round(x * 100) / 100

/** `n` candles as columns, with jumps between some of them (gaps up and down). */
function candleColumns (n, start = uniform(20, 500)) {
  const cols = { timestamp: [], open: [], high: [], low: [], close: [], volume: [] }
  let price = start
  const vol = uniform(0.001, 0.006)
  for (let i = 0; i < n; i++) {
    if (rand() < 0.2) price *= 1 + (rand() < 0.5 ? -1 : 1) * uniform(0.003, 0.02)
    const o = cents(price)
    const c = cents(price * (1 + vol * (rand() * 2 - 1)))
    cols.timestamp.push(1700000000000 + i * 300000)
    cols.open.push(o)
    cols.close.push(c)
    cols.high.push(cents(Math.max(o, c) * (1 + vol * rand() * 0.3)))
    cols.low.push(cents(Math.min(o, c) * (1 - vol * rand() * 0.3)))
    cols.volume.push(rand() < 0.05 ? 0 : int(100, 100000))
    price = c
  }
  return cols
}

export const candlesOf = (cols) => cols.timestamp.map((timestamp, i) => ({ timestamp, open: cols.open[i], high: cols.high[i], low: cols.low[i], close: cols.close[i], volume: cols.volume[i] }))
const aggregatesOf = (cols) => cols.timestamp.map((t, i) => ({ t, o: cols.open[i], h: cols.high[i], l: cols.low[i], c: cols.close[i], v: cols.volume[i] }))

/** A gap with its formation candles as their positions in `candles`. */
const indexed = (gap, candles) => gap && ({
  ...gap,
  formationCandles: [gap.formationCandles.candle1, gap.formationCandles.candle2, gap.formationCandles.candle3].map((c) => candles.indexOf(c))
})

/** Shuffled (a fifth of the time) and with repeated times (a tenth): the detector sorts stably. */
function disorder (cols) {
  const n = cols.timestamp.length
  if (rand() < 0.1) for (let i = 1; i < n; i += 3) cols.timestamp[i] = cols.timestamp[i - 1]
  if (rand() < 0.2) {
    const order = cols.timestamp.map((_, i) => i).sort(() => rand() - 0.5)
    for (const key of Object.keys(cols)) cols[key] = order.map((i) => cols[key][i])
  }
  return cols
}

export function fvgCases (fvg) {
  const detector = fvg.fvgDetector
  const V = {}
  V.detect_fvgs = []
  for (let i = 0; i < 250; i++) {
    const cols = disorder(candleColumns(pick([0, 2, 3, 4, 12, 40, 100])))
    const candles = candlesOf(cols)
    const prices = candles.flatMap((c) => [c.high, c.low])
    const price = prices.length && rand() < 0.9 ? pick(prices) * (1 + uniform(-0.01, 0.01)) : pick([0, 100])
    const args = [cols, pick(['5m', '15m', '1h', '4h', 'daily', 'W']), price]
    const min = pick([undefined, 0, 0.05, 0.1, 0.5])
    if (min !== undefined) args.push(min)
    const want = detector.detectFVGs(candles, ...args.slice(1)).map((g) => indexed(g, candles))
    V.detect_fvgs.push({ args, want })
  }

  // getFullAnalysis with the stub serving each timeframe's bars by `${multiplier}:${span}`.
  const KEYS = { '5m': '5:minute', '15m': '15:minute', '1h': '1:hour', '4h': '4:hour', daily: '1:day' }
  V.full_analysis = []
  return (async () => {
    for (let i = 0; i < 30; i++) {
      const symbol = `FVG${i}`
      const start = uniform(20, 500)
      const table = {}
      for (const [key, request] of Object.entries(KEYS)) {
        if (rand() < 0.85) table[request] = aggregatesOf(candleColumns(pick([0, 2, 30, 80]), start * uniform(0.97, 1.03)))
      }
      const quote = rand() < 0.9 ? cents(start * uniform(0.97, 1.03)) : pick([null, 0])
      globalThis.__recorder.market = { [symbol]: { quote, aggregates: table } }
      globalThis.__recorder.misses = []
      const analysis = await atNowAsync(() => detector.getFullAnalysis(symbol))
      // Candles are the dashboard's own objects made from the bars: recorded by position.
      const positions = (gap) => {
        const bars = table[KEYS[gap.timeframe]]
        return { ...gap, formationCandles: [gap.formationCandles.candle1, gap.formationCandles.candle2, gap.formationCandles.candle3].map((c) => bars.findIndex((b) => b.t === c.timestamp && b.o === c.open && b.h === c.high && b.l === c.low && b.c === c.close && b.v === c.volume)) }
      }
      const fvgs = Object.fromEntries(Object.entries(analysis.fvgs).map(([k, gaps]) => [k, gaps.map(positions)]))
      V.full_analysis.push({
        symbol,
        quote,
        aggregates: table,
        now: NOW,
        want: { ...analysis, fvgs, nearestBullishFVG: analysis.nearestBullishFVG && positions(analysis.nearestBullishFVG), nearestBearishFVG: analysis.nearestBearishFVG && positions(analysis.nearestBearishFVG) }
      })
    }
    V.edges = fvgEdges(detector)
    return V
  })()
}

/** `atNow` for an async call: the clock stays fixed until the promise settles. */
async function atNowAsync (call) {
  const RealDate = Date
  globalThis.Date = class extends RealDate {
    constructor (...args) { if (args.length) super(...args); else super(NOW) }
    static now () { return NOW }
  }
  try { return await call() } finally { globalThis.Date = RealDate }
}

function fvgEdges (detector) {
  const cols = { timestamp: [1, 2, 3, 4, 5], open: [100, 101, 103.5, 104, 101], high: [101, 104, 105, 104.5, 101.5], low: [99, 100.5, 103, 102, 99.5], close: [100.5, 103.8, 104.5, 102.5, 100], volume: [1000, 5000, 1000, 2000, 3000] }
  const base = candlesOf(cols)
  const out = []
  const change = (i, key, value) => base.map((c, j) => (j === i ? { ...c, [key]: value } : c))
  for (const value of [NaN, null, undefined, Infinity]) {
    out.push(['detectFVGs', [change(2, 'low', value), '5m', 110]])
    out.push(['detectFVGs', [change(1, 'volume', value), '5m', 110]])
    out.push(['detectFVGs', [change(0, 'timestamp', value), '5m', 110]])
  }
  out.push(['detectFVGs', [change(1, 'close', 0), '5m', 110]], ['detectFVGs', [change(1, 'close', -100), '5m', 110]])
  for (const price of [NaN, null, undefined, Infinity, -Infinity, 0, 103, 101, 102]) out.push(['detectFVGs', [base, '5m', price]])
  for (const min of [NaN, null, -1, Infinity]) out.push(['detectFVGs', [base, '5m', 110, min]])
  for (const timeframe of [undefined, null, 5]) out.push(['detectFVGs', [base, timeframe, 110]])
  out.push(['detectFVGs', [base.slice(0, 2), '5m', 110]], ['detectFVGs', [[], '5m', 110]])
  out.push(['detectFVGs', [base.map((c) => ({ ...c, timestamp: 7 })), '5m', 110]]) // every time equal
  return out.map(([fn, args]) => {
    let result
    let threw = null
    try {
      result = detector[fn](...args).map((g) => indexed(g, args[0]))
    } catch (error) {
      threw = `${error.constructor.name}: ${error.message}`
    }
    return { fn, args: encode(args), want: threw === null ? encode(result) : null, threw }
  })
}
