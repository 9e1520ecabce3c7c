// The recorded cases of tests/vectors/ltp_gamma.json (see record.mjs): the dashboard's LTP 2.0
// engine (src/lib/ltp-gamma-engine.ts) on seeded random market contexts placed around every
// threshold it grades by, on runs of evaluations with the hysteresis state passed back as its
// callers pass it, and on edge inputs (null, undefined and non-finite numbers, unknown grades).
// Values JSON cannot hold are tagged as in edges.mjs (encoding.cjs).
import { NOW, atNow, mulberry32 } from './common.mjs'
import encoding from './encoding.cjs'

const { encode } = encoding
const rand = mulberry32(20261206)
const uniform = (a, b) => a + (b - a) * rand()
const int = (a, b) => Math.floor(uniform(a, b + 1))
const pick = (xs) => xs[int(0, xs.length - 1)]
const cents = (x) => Math.round(x * 100) / 100
const GRADES = [null, 'Sniper', 'Decent', 'Dumb Shit']

/** A percentage near one of the engine's boundaries (on it, just inside, just outside), or anywhere. */
function nearBoundary (boundaries) {
  if (rand() < 0.25) return uniform(0, 3)
  const b = pick(boundaries)
  return Math.max(0, b + pick([0, 0, 1e-9, -1e-9, 0.004, -0.004, 0.02, -0.02]))
}

/** A market context: cloud spread, VWAP distance and wall distances near their thresholds. */
function randomContext () {
  const price = cents(uniform(5, 800))
  const sign = () => (rand() < 0.5 ? -1 : 1)
  const ema21 = rand() < 0.05 ? pick([0, -1]) : cents(price * (1 + uniform(-0.01, 0.01)))
  const ema8 = ema21 * (1 + sign() * nearBoundary([0.1, 0.15, 0.3, 0.5]) / 100)
  const vwap = rand() < 0.08 ? 0 : price / (1 + sign() * nearBoundary([0.05, 0.1, 0.15, 0.3, 0.5]) / 100)
  const callWall = rand() < 0.08 ? 0 : price * (1 + sign() * nearBoundary([0.5, 1, 1.5, 2]) / 100)
  const putWall = rand() < 0.08 ? 0 : price * (1 - sign() * nearBoundary([0.5, 1, 1.5, 2]) / 100)
  const context = {
    currentPrice: price,
    previousClose: cents(price * (1 + uniform(-0.004, 0.004))),
    ema8,
    ema21,
    vwap,
    callWall,
    putWall,
    zeroGamma: cents(price * uniform(0.95, 1.05)),
    gammaExposure: rand() < 0.1 ? 0 : sign() * Math.round(10 ** uniform(5, 10)),
    hasPatienceCandle: rand() < 0.5
  }
  if (rand() < 0.7) context.patienceDirection = pick(['bullish', 'bearish'])
  if (rand() < 0.6) {
    // Previous and current candles: inside bars (of every quality) half the time; the current
    // candle's middle sometimes right at VWAP or a wall.
    const prevRange = price * uniform(0, 0.01)
    const prevLow = price - prevRange * uniform(0.2, 0.8)
    const inside = rand() < 0.5
    const range = inside ? prevRange * pick([0.3, 0.45, 0.6, 0.69, 0.8, uniform(0, 1)]) : prevRange * uniform(0.5, 1.5)
    let low = inside ? prevLow + (prevRange - range) * uniform(0.01, 0.99) : prevLow + prevRange * uniform(-0.3, 0.3)
    if (rand() < 0.3) low = pick([vwap, putWall, callWall]) * (1 + uniform(-0.003, 0.003)) - range / 2
    Object.assign(context, { previousHigh: prevLow + prevRange, previousLow: prevLow, currentHigh: low + range, currentLow: low })
    if (rand() < 0.1) context.currentHigh = context.previousHigh // a tie is not inside
  }
  return context
}

function randomState () {
  const scores = []
  for (let j = int(0, 5); j > 0; j--) scores.push(rand() < 0.7 ? int(0, 90) : uniform(0, 90))
  return { previousGrade: pick(GRADES), previousScores: scores, candlesAtGrade: int(1, 12) }
}

export function gammaCases (gamma) {
  const V = {}
  V.constants = { WEIGHTS: gamma.WEIGHTS, GRADE_THRESHOLDS: gamma.GRADE_THRESHOLDS, HYSTERESIS_BUFFER: gamma.HYSTERESIS_BUFFER }

  V.calculate_ltp2_score = []
  for (let i = 0; i < 500; i++) {
    const context = randomContext()
    const state = rand() < 0.5 ? undefined : randomState()
    const args = state === undefined ? [context] : [context, state]
    V.calculate_ltp2_score.push({ args: encode(args), want: gamma.calculateLTP2Score(...args) })
  }

  // Runs as the dashboard's callers keep state: the last grade, the raw scores, the count.
  V.hysteresis_runs = []
  for (let r = 0; r < 12; r++) {
    let context = randomContext()
    let state = { previousGrade: null, previousScores: [], candlesAtGrade: 0 }
    const steps = []
    for (let i = 0; i < 25; i++) {
      // Drift the EMAs, VWAP and price a little each candle so grades cross their thresholds.
      const drift = 1 + uniform(-0.004, 0.004)
      context = { ...context, currentPrice: cents(context.currentPrice * drift), ema8: context.ema8 * (1 + uniform(-0.002, 0.002)), vwap: context.vwap * (1 + uniform(-0.001, 0.001)) }
      const want = gamma.calculateLTP2Score(context, state)
      steps.push({ context: encode(context), state, want })
      state = { previousGrade: want.grade, previousScores: [...state.previousScores, want.stability.rawScore].slice(-10), candlesAtGrade: want.stability.candlesAtGrade }
    }
    V.hysteresis_runs.push(steps)
  }

  V.detect_patience_candle = []
  for (let i = 0; i < 300; i++) {
    const ph = cents(uniform(10, 500)); const pl = cents(ph * uniform(0.97, 1))
    const ch = pick([ph, cents(uniform(pl, ph * 1.01))]); const cl = pick([pl, cents(uniform(pl * 0.99, ch))])
    const co = cents(uniform(cl, ch)); const cc = pick([co, cents(uniform(cl, ch))])
    const args = [ph, pl, ch, cl, cc, co]
    V.detect_patience_candle.push({ args, want: gamma.detectPatienceCandle(...args) })
  }

  V.calculate_ema = []
  for (let i = 0; i < 200; i++) {
    const prices = []
    for (let j = int(0, 60); j > 0; j--) prices.push(cents(uniform(10, 500)))
    const period = pick([1, 2, 3, 8, 9, 21, 50, 100])
    V.calculate_ema.push({ args: [prices, period], want: gamma.calculateEMA(prices, period) })
  }

  V.create_market_context = []
  for (let i = 0; i < 100; i++) {
    const c = randomContext()
    const chart = { close: c.currentPrice, high: cents(c.currentPrice * 1.002), low: cents(c.currentPrice * 0.998), open: c.previousClose }
    if (rand() < 0.5) chart.previousClose = c.previousClose
    if (rand() < 0.5) Object.assign(chart, { previousHigh: cents(c.currentPrice * 1.004), previousLow: cents(c.currentPrice * 0.996) })
    const args = [chart, { ema8: c.ema8, ema21: c.ema21 }, c.vwap, { callWall: c.callWall, putWall: c.putWall, zeroGamma: c.zeroGamma, gammaExposure: c.gammaExposure }]
    if (rand() < 0.5) args.push({ detected: rand() < 0.5, direction: pick(['bullish', 'bearish']) })
    V.create_market_context.push({ args, want: encode(gamma.createMarketContext(...args)) })
  }

  // generateLTP2ScoreExplanation stamps the current time: recorded on a fixed clock.
  V.generate_ltp2_score_explanation = []
  for (let i = 0; i < 120; i++) {
    const context = randomContext()
    const result = gamma.calculateLTP2Score(context, rand() < 0.3 ? randomState() : undefined)
    const args = [`SYM${i}`, context, result]
    V.generate_ltp2_score_explanation.push({ args: encode(args), now: NOW, want: atNow(() => gamma.generateLTP2ScoreExplanation(...args)) })
  }

  V.edges = gammaEdges(gamma)
  return V
}

/** Edge inputs with the dashboard's answer (or that it threw), as edges.mjs records them. */
function gammaEdges (gamma) {
  const base = { currentPrice: 100, previousClose: 99.8, ema8: 100.4, ema21: 100, vwap: 99.9, callWall: 101, putWall: 98, zeroGamma: 99, gammaExposure: 5e8, hasPatienceCandle: true, patienceDirection: 'bullish' }
  const candle = { previousHigh: 100.5, previousLow: 99.5, currentHigh: 100.2, currentLow: 99.9 }
  const out = []
  const NUMBERS = [null, undefined, NaN, Infinity, -Infinity, 0, -0, -1]
  for (const key of Object.keys({ ...base, ...candle })) {
    if (typeof base[key] === 'boolean' || key === 'patienceDirection') continue
    for (const x of NUMBERS) {
      const context = { ...base, ...candle, [key]: x }
      out.push(['calculateLTP2Score', [context]])
      out.push(['generateLTP2ScoreExplanation', ['SPY', context, gamma.calculateLTP2Score({ ...base, ...candle })]])
    }
  }
  for (const direction of ['up', null, undefined]) out.push(['calculateLTP2Score', [{ ...base, patienceDirection: direction }]])
  for (const flag of [0, 1, null, 'yes']) out.push(['calculateLTP2Score', [{ ...base, hasPatienceCandle: flag }]])
  for (const state of [null, undefined, {}, { previousGrade: 'A', previousScores: [80], candlesAtGrade: 2 },
    { previousGrade: 'Sniper', previousScores: [], candlesAtGrade: 1 }, { previousGrade: 'Sniper', previousScores: [NaN], candlesAtGrade: 1 },
    { previousGrade: 'Decent', previousScores: [50, 50, 50, 50], candlesAtGrade: null }, { previousGrade: 'Decent', previousScores: [70], candlesAtGrade: Infinity },
    { previousGrade: null, previousScores: null, candlesAtGrade: 3 }]) {
    out.push(['calculateLTP2Score', [base, state]])
  }
  for (const x of NUMBERS) {
    out.push(['detectPatienceCandle', [101, 99, 100.5, x, 100.2, 100]])
    out.push(['calculateEMA', [[1, 2, 3, 4], x]], ['calculateEMA', [[x], 5]])
  }
  out.push(['calculateEMA', [[1, 2, 3], 2.5]], ['calculateEMA', [[], 3]], ['calculateEMA', [[5], 2 ** 32 + 3]])
  out.push(['createMarketContext', [{ close: 100, high: 101, low: 99, open: 99.5, previousClose: null }, { ema8: 1, ema21: 1 }, 100, { callWall: 1, putWall: 1, zeroGamma: 1, gammaExposure: 1 }]])
  out.push(['createMarketContext', [{ close: 100, high: 101, low: 99, open: 99.5 }, { ema8: 1, ema21: 1 }, 100, { callWall: 1, putWall: 1, zeroGamma: 1, gammaExposure: 1 }, null]])
  out.push(['generateLTP2ScoreExplanation', ['SPY', base, { ...gamma.calculateLTP2Score(base), direction: 'neutral', breakdown: { ...gamma.calculateLTP2Score(base).breakdown, resistancePenalty: -5 } }]])
  return out.map(([fn, args]) => {
    let result
    let threw = null
    try {
      result = atNow(() => gamma[fn](...args))
    } catch (error) {
      threw = `${error.constructor.name}: ${error.message}`
    }
    return { fn, args: encode(args), now: NOW, want: threw === null ? encode(result) : null, threw }
  })
}
