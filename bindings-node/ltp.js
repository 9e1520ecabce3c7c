'use strict'
// The dashboard's LTP engine as a drop-in: the same camelCase names, arguments and object shapes
// as src/lib/ltp-engine.ts (plus the detector's keyLevels/analyzeTimeframe/analyzeSymbol on the
// bars it fetches). Bars may be the dashboard's `{ o, h, l, c, v, t }[]` or columns of numbers;
// they are packed into Float64Arrays here and read in place by the native engine.
const { ltp: native } = require('./index.js')

function typeError (message) {
  const error = new TypeError(message)
  error.code = 'EDGEKIT_INVALID_TYPE'
  return error
}

const LONG = { o: 'open', h: 'high', l: 'low', c: 'close', v: 'volume' }

function column (values) {
  return values instanceof Float64Array ? values : Float64Array.from(values, (x) => (x == null ? NaN : x))
}

/** `{ o, h, l, c, v }` Float64Array columns from Bar objects or from columns. */
function toColumns (bars, name = 'bars') {
  if (Array.isArray(bars)) {
    const n = bars.length
    const o = new Float64Array(n); const h = new Float64Array(n); const l = new Float64Array(n)
    const c = new Float64Array(n); const v = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const b = bars[i]
      if (b === null || typeof b !== 'object') throw typeError(`${name}[${i}] must be a bar object`)
      o[i] = b.o; h[i] = b.h; l[i] = b.l; c[i] = b.c; v[i] = b.v || 0
    }
    return { o, h, l, c, v }
  }
  if (bars !== null && typeof bars === 'object') {
    const out = {}
    for (const key of ['o', 'h', 'l', 'c', 'v']) {
      const values = bars[key] ?? bars[LONG[key]]
      if (values == null) {
        if (key === 'v') continue
        throw typeError(`${name} has no ${key} (or ${LONG[key]}) column`)
      }
      out[key] = column(values)
    }
    return out
  }
  throw typeError(`${name} must be an array of bars or an object of columns`)
}

function symbolColumns (s) {
  const frames = Array.isArray(s.timeframes) ? s.timeframes : Object.entries(s.timeframes || {})
  return {
    symbol: s.symbol,
    price: s.price,
    daily: toColumns(s.daily, `${s.symbol} daily`),
    intraday: toColumns(s.intraday, `${s.symbol} intraday`),
    timeframes: frames.map(([timeframe, bars]) => ({ timeframe, bars: toColumns(bars, `${s.symbol} ${timeframe}`) })),
    patience: s.patience == null ? undefined : toColumns(s.patience, `${s.symbol} patience`)
  }
}

/** Layer 2 on one symbol's bars (`{ t, o, h, l, c, v }[]` or columns with `t`). */
function replay (bars, { profile = null, levels = [], symbol = 'symbol', timeUnit = 's' } = {}) {
  const scale = timeUnit === 'ms' ? 1 / 1000 : timeUnit === 's' ? 1 : null
  if (scale === null) throw typeError(`timeUnit must be 's' or 'ms', not ${JSON.stringify(timeUnit)}`)
  const cols = toColumns(bars)
  const times = Array.isArray(bars) ? bars.map((b) => b.t) : (bars.t ?? bars.time)
  if (times == null) throw typeError('bars need a t (time) field or column')
  const t = Float64Array.from(times, (x) => x * scale)
  const tracker = new native.Tracker(profile)
  if (levels.length) tracker.setLevels(symbol, levels)
  const ids = new Uint32Array(t.length).fill(tracker.symbolId(symbol))
  const events = tracker.updateMany(ids, { t, ...cols })
  return { events, evaluation: tracker.evaluation(symbol) }
}

module.exports = {
  calculateLTPScore: (level, trend, patience) => native.calculateLTPScore(level, trend, patience),
  calculateEMA: (data, period) => native.calculateEMA(column(data), period <= 0 ? 0 : period),
  calculateVWAP: (bars) => native.calculateVWAP(toColumns(bars)),
  detectPatienceCandle: (bars, levelPrice, maxCandleSize = 0.5) =>
    bars ? native.detectPatienceCandle(toColumns(bars), levelPrice, maxCandleSize) : { detected: false, count: 0 },
  scoreLevelProximity: (price, levels, threshold = 0.3) => native.scoreLevelProximity(price, levels, threshold),
  scoreTrendAlignment: (analyses, direction, weights) => native.scoreTrendAlignment(analyses, direction, weights ?? null),
  scorePatienceQuality: (result) => native.scorePatienceQuality(result),
  calculateTradeParams: (price, level, direction) => native.calculateTradeParams(price, level ?? null, direction),
  getLTPGrade: (score) => native.getLTPGrade(score),
  generateCoachNote: (levelResult, trendScore, patienceResult, direction) =>
    native.generateCoachNote(levelResult, trendScore, patienceResult, direction),
  keyLevels: (daily, intraday) => native.keyLevels(toColumns(daily, 'daily'), toColumns(intraday, 'intraday')),
  analyzeTimeframe: (bars, timeframe) => native.analyzeTimeframe(toColumns(bars, timeframe), timeframe),
  analyzeSymbol: (input) => native.analyzeSymbol(symbolColumns(input)),
  analyzeSymbols: (inputs) => native.analyzeSymbols(inputs.map(symbolColumns)),
  analyzeSymbolsAsync: (inputs) => native.analyzeSymbolsAsync(inputs.map(symbolColumns)),
  toColumns,
  Tracker: native.Tracker,
  defaultProfile: native.defaultProfile,
  replay
}
