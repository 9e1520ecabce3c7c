// The 10⁵-bar cases of tests/vectors/ltp.json and ltp_fvg.json (see record.mjs): the dashboard's
// functions on one long seeded walk each, which the tests regenerate from the seed with
// `bigColumns` (the bars are not stored, only what the dashboard answered).
import { mulberry32 } from './common.mjs'

/** `n` bars as columns {o, h, l, c, v, t} (t in ms, five minutes apart) from `seed`. */
export function bigColumns (seed, n) {
  const next = mulberry32(seed)
  const cents = (x) => Math.round(x * 100) / 100
  const cols = { o: [], h: [], l: [], c: [], v: [], t: [] }
  let price = 100 + next() * 300
  for (let i = 0; i < n; i++) {
    // A jump now and then, so gaps form; a calm stretch now and then, so patience candles do.
    if (next() < 0.02) price *= 1 + (next() < 0.5 ? -1 : 1) * (0.003 + 0.01 * next())
    const vol = i % 400 < 20 ? 0.0003 : 0.004
    const o = cents(price)
    const c = cents(price * (1 + vol * (next() * 2 - 1)))
    cols.o.push(o)
    cols.c.push(c)
    cols.h.push(cents(Math.max(o, c) * (1 + vol * next() * 0.5)))
    cols.l.push(cents(Math.min(o, c) * (1 - vol * next() * 0.5)))
    cols.v.push(next() < 0.02 ? 0 : Math.floor(100 + next() * 1e5))
    cols.t.push(1700000000000 + i * 300000)
    price = c
  }
  return cols
}

export const BIG = { seed: 20261211, n: 100000 }
const rows = (cols) => cols.o.map((o, i) => ({ o, h: cols.h[i], l: cols.l[i], c: cols.c[i], v: cols.v[i], t: cols.t[i] }))

/** The engine's and detector's functions on 10⁵ bars. (`keyLevels` is left out: the dashboard's
 * `Math.max(...highs)` overflows the call stack on that many bars and it returns no levels.) */
export async function bigLtpCases (engine, analyzeTimeframe) {
  const bars = rows(bigColumns(BIG.seed, BIG.n))
  const closes = bars.map((b) => b.c)
  const level = bars[BIG.n - 1].c
  return [
    { fn: 'calculateEMA', args: ['closes', 21], want: engine.calculateEMA(closes, 21) },
    { fn: 'calculateVWAP', args: ['bars'], want: engine.calculateVWAP(bars) },
    { fn: 'detectPatienceCandle', args: ['bars', level], want: engine.detectPatienceCandle(bars, level) },
    { fn: 'identifyKeyLevels', args: ['bars'], want: engine.identifyKeyLevels(bars) },
    { fn: 'determineTrend', args: ['bars'], want: engine.determineTrend(bars) },
    // The dashboard returns the bar objects themselves: recorded as their indices.
    { fn: 'identifyPatienceCandles', args: ['bars'], want: engine.identifyPatienceCandles(bars).map((b) => bars.indexOf(b)) },
    { fn: 'analyzeTimeframe', args: ['bars', '5m'], want: await analyzeTimeframe(bars, '5m') }
  ].map((c) => ({ ...BIG, ...c }))
}

/** `detectFVGs` on 10⁵ candles, formation candles recorded by position. */
export function bigFvgCases (detector) {
  const cols = bigColumns(BIG.seed, BIG.n)
  const candles = cols.o.map((open, i) => ({ timestamp: cols.t[i], open, high: cols.h[i], low: cols.l[i], close: cols.c[i], volume: cols.v[i] }))
  const price = cols.c[BIG.n - 1]
  return [0.05, 0.1].map((min) => ({
    ...BIG,
    args: ['candles', '5m', price, min],
    want: detector.detectFVGs(candles, '5m', price, min).map((g) => ({ ...g, formationCandles: Object.values(g.formationCandles).map((c) => candles.indexOf(c)) }))
  }))
}
