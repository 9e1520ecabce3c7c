import { NOW, atNow, mulberry32 } from './common.mjs'
import { edges } from './edges.mjs'

// The recorded cases of tests/vectors/ltp.json (see record.mjs): seeded random inputs and
// hand-picked edges, each holding its inputs and the output the dashboard's code gave. Bars are
// stored as columns {o, h, l, c, v}.

const rand = mulberry32(20261122)
const uniform = (a, b) => a + (b - a) * rand()
const int = (a, b) => Math.floor(uniform(a, b + 1))
const pick = (xs) => xs[int(0, xs.length - 1)]
const cents = (x) => Math.round(x * 100) / 100

// A walk of n valid bars around `start` with per-bar volatility `vol` (fraction of price);
// `calm` bars at the end move 20× less, so patience candles appear.
function walk (n, start = uniform(20, 500), vol = uniform(0.001, 0.02), calm = 0) {
  const cols = { o: [], h: [], l: [], c: [], v: [] }
  let price = start
  for (let i = 0; i < n; i++) {
    const sigma = i >= n - calm ? vol / 20 : vol
    const o = cents(price)
    const c = cents(price * (1 + sigma * (rand() * 2 - 1)))
    const h = cents(Math.max(o, c) * (1 + sigma * rand() * 0.5))
    const l = cents(Math.min(o, c) * (1 - sigma * rand() * 0.5))
    cols.o.push(o); cols.h.push(h); cols.l.push(l); cols.c.push(c)
    cols.v.push(rand() < 0.05 ? 0 : int(100, 100000))
    price = c
  }
  return cols
}
const rows = (cols) => cols.o.map((o, i) => ({ o, h: cols.h[i], l: cols.l[i], c: cols.c[i], v: cols.v[i], t: i }))
const TIMEFRAMES = ['5m', '15m', '1h', '4h', 'daily']
const ALL_TIMEFRAMES = ['2m', '5m', '15m', '1h', '4h', 'daily', 'weekly']
const LEVEL_TYPES = ['pdh', 'pdl', 'pdc', 'vwap', 'orb_high', 'orb_low', 'hod', 'lod', 'ema_9', 'sma_200', 'support']


export async function cases ({ engine, keyLevels, analyzeTimeframe, analyzeSymbol }) {
  const V = {}
  V.calculate_ltp_score = []
  for (const triple of [[80, 70, 90], [150, 70, 70], [-50, 70, 70], [100, 100, 100], [50, 50, 50], [0, 0, 0], [10, 10, 15], [70, 70, 70]]) {
    V.calculate_ltp_score.push({ args: triple, want: engine.calculateLTPScore(...triple) })
  }
  for (let i = 0; i < 200; i++) {
    const args = [0, 1, 2].map(() => rand() < 0.5 ? int(-20, 120) : uniform(-20, 120))
    V.calculate_ltp_score.push({ args, want: engine.calculateLTPScore(...args) })
  }

  V.calculate_ema = [
    { data: [], period: 5, want: engine.calculateEMA([], 5) },
    { data: [42], period: 5, want: engine.calculateEMA([42], 5) },
    { data: [10, 11, 12], period: 5, want: engine.calculateEMA([10, 11, 12], 5) },
    { data: [1, 2, 3], period: 0, want: engine.calculateEMA([1, 2, 3], 0) },
    { data: [10, 11, 12, 13, 14, 15, 14, 13, 12, 11], period: 5, want: engine.calculateEMA([10, 11, 12, 13, 14, 15, 14, 13, 12, 11], 5) }
  ]
  for (let i = 0; i < 150; i++) {
    const data = walk(int(0, 120)).c
    const period = int(1, 30)
    V.calculate_ema.push({ data, period, want: engine.calculateEMA(data, period) })
  }

  V.calculate_vwap = [{ bars: walk(0), want: 0 }]
  for (let i = 0; i < 100; i++) {
    const bars = walk(int(1, 60))
    if (i % 10 === 0) bars.v = bars.v.map(() => 0)
    V.calculate_vwap.push({ bars, want: engine.calculateVWAP(rows(bars)) })
  }

  V.detect_patience_candle = []
  for (let i = 0; i < 200; i++) {
    const bars = walk(int(0, 12), uniform(20, 500), uniform(0.0005, 0.01), int(0, 6))
    const last = bars.c.length ? bars.c[bars.c.length - 1] : 100
    const level = pick([last, cents(last * (1 + uniform(-0.004, 0.004))), cents(last * 1.02), 0, -5])
    const max = pick([0.5, 0.5, 0.2, 1.0, 0.05])
    V.detect_patience_candle.push({ bars, level, max_candle_size: max, want: engine.detectPatienceCandle(rows(bars), level, max) })
  }

  function randomLevels (price, n) {
    const levels = []
    for (let j = 0; j < n; j++) {
      levels.push({
        type: pick(LEVEL_TYPES),
        price: cents(price * (1 + uniform(-0.006, 0.006))),
        timeframe: pick(['daily', 'intraday', '5m']),
        strength: pick([65, 70, 75, 80, 85, 95, int(0, 100), uniform(0, 100)])
      })
    }
    if (n > 1 && rand() < 0.3) levels.push({ ...levels[0], type: 'duplicate' })
    return levels
  }
  V.score_level_proximity = [
    { price: 100, levels: [], threshold: 0.3, want: engine.scoreLevelProximity(100, [], 0.3) },
    { price: 0, levels: randomLevels(100, 3), threshold: 0.3 },
    { price: -3, levels: randomLevels(100, 3), threshold: 0.3 },
    { price: 100, levels: randomLevels(100, 3), threshold: 0 }
  ]
  for (const c of V.score_level_proximity.slice(1)) c.want = engine.scoreLevelProximity(c.price, c.levels, c.threshold)
  for (let i = 0; i < 300; i++) {
    const price = cents(uniform(5, 800))
    const levels = randomLevels(price, int(0, 12))
    const threshold = pick([0.3, 0.3, 0.1, 0.5, uniform(0.05, 1)])
    V.score_level_proximity.push({ price, levels, threshold, want: engine.scoreLevelProximity(price, levels, threshold) })
  }

  function randomAnalysis (tf) {
    return {
      timeframe: tf,
      trend: pick(['bullish', 'bearish', 'neutral']),
      structure: pick(['uptrend', 'downtrend', 'range']),
      ema_position: pick(['above_all', 'below_all', 'mixed']),
      momentum: pick(['strong', 'moderate', 'weak']),
      orb_status: null,
      vwap_position: null
    }
  }
  V.score_trend_alignment = []
  for (let i = 0; i < 200; i++) {
    const analyses = []
    const n = int(0, 8)
    for (let j = 0; j < n; j++) analyses.push(randomAnalysis(pick([...ALL_TIMEFRAMES, '3m', 'monthly'])))
    const direction = pick(['bullish', 'bearish'])
    let weights = null
    if (rand() < 0.4) {
      weights = {}
      for (const tf of ALL_TIMEFRAMES) if (rand() < 0.7) weights[tf] = pick([0, 0.05, 0.1, 0.2, 0.25, uniform(0, 0.5)])
    }
    V.score_trend_alignment.push({ analyses, direction, weights, want: engine.scoreTrendAlignment(analyses, direction, weights || undefined) })
  }

  V.score_patience_quality = []
  for (const detected of [false, true]) {
    for (let count = 0; count <= 5; count++) V.score_patience_quality.push({ result: { detected, count }, want: engine.scorePatienceQuality({ detected, count }) })
  }

  V.calculate_trade_params = [
    { price: 100, level: null, direction: 'bullish', want: engine.calculateTradeParams(100, null, 'bullish') },
    { price: 100, level: { type: 'pdh', price: 101, timeframe: 'daily', strength: 80 }, direction: 'bullish' },
    { price: 100, level: { type: 'pdl', price: 99, timeframe: 'daily', strength: 80 }, direction: 'bearish' }
  ]
  for (const c of V.calculate_trade_params.slice(1)) c.want = engine.calculateTradeParams(c.price, c.level, c.direction)
  for (let i = 0; i < 300; i++) {
    const price = cents(uniform(1, 1000))
    const level = randomLevels(price, 1)[0]
    const direction = pick(['bullish', 'bearish'])
    V.calculate_trade_params.push({ price, level, direction, want: engine.calculateTradeParams(price, level, direction) })
  }

  V.get_ltp_grade = []
  for (const s of [100, 95, 90, 89.999, 89.5, 85, 80, 79, 75, 70, 69.9, 65, 60, 59, 0, -5]) V.get_ltp_grade.push({ score: s, want: engine.getLTPGrade(s) })

  V.generate_coach_note = []
  for (let i = 0; i < 200; i++) {
    const score = pick([0, 30, 49, 50, 55, 69, 70, 85, 100])
    const level = rand() < 0.9 ? { type: pick(LEVEL_TYPES), price: 100, timeframe: 'daily', strength: 80 } : null
    const levelResult = { score, level }
    const trend = pick([0, 20, 49, 50, 65, 69, 70, 100])
    const count = int(0, 5)
    const patience = { detected: count >= 2, count }
    const direction = pick(['bullish', 'bearish'])
    V.generate_coach_note.push({ level_result: levelResult, trend_score: trend, patience, direction, want: engine.generateCoachNote(levelResult, trend, patience, direction) })
  }

  V.key_levels = []
  for (let i = 0; i < 60; i++) {
    const start = uniform(20, 500)
    const daily = walk(pick([0, 1, 2, 5, 30, 199, 200, 210]), start)
    const intraday = walk(pick([0, 1, 2, 3, 20, 21, 78]), start, 0.002)
    V.key_levels.push({ daily, intraday, want: await keyLevels(rows(daily), rows(intraday)) })
  }

  V.analyze_timeframe = []
  for (let i = 0; i < 200; i++) {
    const n = pick([0, 5, 20, 21, 22, 30, 48, 60])
    let bars = walk(n, uniform(20, 500), uniform(0.001, 0.03))
    if (i % 7 === 0) { // monotone runs exercise uptrend/downtrend structure
      const step = pick([1, -1]) * uniform(0.1, 2)
      const base = uniform(50, 200)
      const c = Array.from({ length: n }, (_, k) => cents(base + step * k))
      bars = { o: c.map((x) => cents(x - step / 2)), h: c.map((x) => cents(x + Math.abs(step))), l: c.map((x) => cents(x - Math.abs(step))), c, v: c.map(() => 1000) }
    }
    const tf = pick(ALL_TIMEFRAMES)
    V.analyze_timeframe.push({ bars, timeframe: tf, want: await analyzeTimeframe(rows(bars), tf) })
  }

  V.analyze_symbol = []
  for (let i = 0; i < 120; i++) {
    const start = uniform(20, 500)
    const daily = walk(pick([0, 1, 30, 205]), start, 0.015)
    const intraday = walk(pick([0, 2, 12, 30, 78]), start, uniform(0.0005, 0.004), int(0, 6))
    const timeframes = []
    const tfs = i % 5 === 0 ? [] : TIMEFRAMES
    for (const tf of tfs) {
      const drift = pick([0.002, -0.002, 0])
      const bars = walk(pick([10, 30, 50]), start, 0.004)
      if (drift) for (const k of ['o', 'h', 'l', 'c']) bars[k] = bars[k].map((x, j) => cents(x * (1 + drift * j)))
      timeframes.push([tf, bars])
    }
    const last = intraday.c.length ? intraday.c[intraday.c.length - 1] : start
    const price = pick([last, cents(last * (1 + uniform(-0.002, 0.002))), cents(start)])
    const patience = rand() < 0.3 ? walk(12, last, 0.0005) : null
    const want = await analyzeSymbol('SYM' + i, price, rows(daily), rows(intraday),
      timeframes.map(([tf, b]) => [tf, rows(b)]), rows(patience || intraday))
    V.analyze_symbol.push({ symbol: 'SYM' + i, price, daily, intraday, timeframes, patience, want })
  }

  // The chart helpers other screens import (identifyKeyLevels, determineTrend,
  // identifyPatienceCandles) on walks and on oscillations whose swings repeat near one price.
  const oscillation = (n, period, amplitude, start = uniform(20, 500)) => {
    const cols = { o: [], h: [], l: [], c: [], v: [] }
    let previous = start
    for (let i = 0; i < n; i++) {
      const c = cents(start + amplitude * Math.sin(2 * Math.PI * i / period) + uniform(-0.1, 0.1))
      cols.o.push(previous); cols.c.push(c)
      cols.h.push(cents(Math.max(previous, c) + uniform(0, 0.3))); cols.l.push(cents(Math.min(previous, c) - uniform(0, 0.3)))
      cols.v.push(int(100, 10000))
      previous = c
    }
    return cols
  }
  const monotone = (n, step) => {
    const base = uniform(50, 200)
    const c = Array.from({ length: n }, (_, k) => cents(base + step * k))
    return { o: c.map((x) => cents(x - step / 2)), h: c.map((x) => cents(x + Math.abs(step))), l: c.map((x) => cents(x - Math.abs(step))), c, v: c.map(() => 1000) }
  }
  V.identify_key_levels = []
  for (let i = 0; i < 150; i++) {
    const bars = i % 3 === 0
      ? walk(pick([0, 5, 9, 10, 11, 40, 120, 400]), uniform(20, 500), uniform(0.001, 0.02))
      : oscillation(pick([10, 12, 30, 60, 200]), pick([5, 6, 8, 12]), uniform(0.5, 4))
    V.identify_key_levels.push({ bars, want: engine.identifyKeyLevels(rows(bars)) })
  }
  V.determine_trend = []
  for (let i = 0; i < 120; i++) {
    const n = pick([0, 4, 5, 6, 10, 30])
    const bars = i % 4 === 0 ? monotone(n, pick([1, -1]) * uniform(0.1, 2)) : i % 4 === 1 ? monotone(n, 0) : walk(n)
    V.determine_trend.push({ bars, want: engine.determineTrend(rows(bars)) })
  }
  V.identify_patience_candles = []
  for (let i = 0; i < 150; i++) {
    const bars = walk(pick([0, 1, 2, 3, 5, 12, 40]), uniform(20, 500), uniform(0.001, 0.01), int(0, 8))
    const given = rows(bars)
    // The dashboard returns the bar objects themselves: recorded as their indices.
    V.identify_patience_candles.push({ bars, want: engine.identifyPatienceCandles(given).map((b) => given.indexOf(b)) })
  }

  // generateScoreExplanation stamps the current time: the recording runs it on a fixed clock.
  V.generate_score_explanation = []
  for (let i = 0; i < 200; i++) {
    const price = i % 25 === 0 ? 0 : cents(uniform(1, 800))
    const level = rand() < 0.8 ? randomLevels(price || 100, 1)[0] : null
    const levelResult = { score: pick([0, 30, 50, 69, 70, 85, 100, 130, 217, -5, uniform(0, 100)]), level }
    const trend = pick([0, 20, 50, 70, 100, 120, uniform(0, 100)])
    const count = int(0, 5)
    const patience = { detected: count >= 2, count }
    const analyses = []
    for (let j = int(0, 6); j > 0; j--) analyses.push(randomAnalysis(pick(ALL_TIMEFRAMES)))
    const direction = pick(['bullish', 'bearish'])
    const args = ['SYM' + i, direction, price, levelResult, trend, patience, analyses]
    V.generate_score_explanation.push({ args, now: NOW, want: atNow(() => engine.generateScoreExplanation(...args)) })
  }

  V.edges = edges(engine)

  // Signed zeros, which JSON drops: written as "-0" here (decode with a reviver).
  const keepZeros = (x) => JSON.parse(JSON.stringify(x, (k, v) => Object.is(v, -0) ? '-0' : v))
  const pdl = { type: 'pdl', price: 100, timeframe: 'daily', strength: 80 }
  V.signed_zeros = [
    ...[[-1, -1, -1], [0, 0, -0.5], [100, 0, 0], [-10, -10, -10]].map((args) => ({ fn: 'calculateLTPScore', args })),
    { fn: 'calculateTradeParams', args: [100, pdl, 'bearish'] },
    { fn: 'detectPatienceCandle', args: [null, 100] }
  ].map((c) => ({ ...c, want: keepZeros(engine[c.fn](...c.args)) }))
  return V
}
