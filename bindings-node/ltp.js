'use strict'
// The dashboard's LTP engine as a drop-in: the same camelCase names, arguments and object shapes
// as src/lib/ltp-engine.ts (plus the detector's keyLevels/analyzeTimeframe/analyzeSymbol on the
// bars it fetches). Bars may be the dashboard's `{ o, h, l, c, v, t }[]` or columns of numbers;
// they are packed into Float64Arrays here and read in place by the native engine.
const { ltp: native } = require('./main.js')
const { codedExports, typeError } = require('./coded.js')

const LONG = { o: 'open', h: 'high', l: 'low', c: 'close', v: 'volume' }

function column (values) {
  if (values instanceof Float64Array) return values
  const n = values.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) { const x = values[i]; out[i] = x == null ? NaN : x }
  return out
}

/** `bars` (objects) into the columns from `at`; returns the next position. One small function
 * V8 optimizes on its own: this loop reads every bar the drop-in is given. `notABar(i)` says
 * what is wrong with item `i` when it is not an object. */
function copyBars (bars, at, o, h, l, c, v, notABar) {
  const n = bars.length
  for (let i = 0; i < n; i++, at++) {
    const b = bars[i]
    if (b === null || typeof b !== 'object') throw typeError(notABar(i))
    o[at] = b.o; h[at] = b.h; l[at] = b.l; c[at] = b.c; v[at] = b.v || 0
  }
  return at
}

/** `{ o, h, l, c, v }` Float64Array columns from Bar objects or from columns. */
function toColumns (bars, name = 'bars') {
  if (Array.isArray(bars)) {
    const n = bars.length
    const o = new Float64Array(n); const h = new Float64Array(n); const l = new Float64Array(n)
    const c = new Float64Array(n); const v = new Float64Array(n)
    copyBars(bars, 0, o, h, l, c, v, (i) => `${name}[${i}] must be a bar object`)
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

// Column buffers the synchronous calls reuse (slots 0 and 1: keyLevels reads two bar lists at
// once; slot 2: the batch packer).
// The engine reads them in place during the call and keeps nothing; a fresh 5 × 8 bytes per
// bar on every call costs allocation, page faults and garbage collection, about half the time
// of reading the bars.
const slots = [0, 1, 2].map(() => ({ size: 0, columns: [] }))

// A slot keeps at most this many values per column (5 × 16 MB); a larger call gets fresh arrays
// that are not kept, so one huge call does not pin its memory for the life of the process.
const KEPT_VALUES = 1 << 21

/** Slot `slot`'s five columns, grown to hold at least `n` values. */
function grown (slot, n) {
  if (n > KEPT_VALUES) return [0, 1, 2, 3, 4].map(() => new Float64Array(n))
  const s = slots[slot]
  if (s.size < n || s.columns.length === 0) {
    s.size = Math.min(KEPT_VALUES, Math.max(n, 2 * s.size))
    s.columns = [0, 1, 2, 3, 4].map(() => new Float64Array(s.size))
  }
  return s.columns
}

/** Bar objects into a reused slot's columns (views of its length); columns as `toColumns` reads them. */
function columnsFor (bars, name = 'bars', slot = 0) {
  if (!Array.isArray(bars)) return toColumns(bars, name)
  const n = bars.length
  const [o, h, l, c, v] = grown(slot, n)
  copyBars(bars, 0, o, h, l, c, v, (i) => `${name}[${i}] must be a bar object`)
  return { o: o.subarray(0, n), h: h.subarray(0, n), l: l.subarray(0, n), c: c.subarray(0, n), v: v.subarray(0, n) }
}

function barCount (bars) {
  return Array.isArray(bars) ? bars.length : (bars.c ?? bars.close ?? []).length
}

/** A symbol's error as the native batch reports one (`index` is the position in the input). */
function symbolError (index, symbol, error) {
  return { index, symbol: String(symbol), code: error.code || 'EDGEKIT_INVALID_TYPE', message: error.message }
}

/**
 * Packs many symbols' bars into shared columns for the native `analyzeSymbols`. A symbol whose
 * bars are not bar objects or columns is packed empty and its error added to `errors`: one bad
 * symbol never stops the others.
 */
// Packing reuses slot 2 of the column buffers (see `columnsFor`): the native call reads, or for
// the async twins copies, them before it returns.
function buffers (total, reuse) {
  return reuse ? grown(2, total) : [0, 1, 2, 3, 4].map(() => new Float64Array(total))
}

function pack (inputs, timeframes, errors = null, reuse = false) {
  const withPatience = inputs.some((s) => s.patience != null)
  const sets = (s) => [s.daily, s.intraday, ...timeframes.map((tf) => s.timeframes[tf]), ...(withPatience ? [s.patience ?? s.intraday] : [])]
  let total = 0
  for (const s of inputs) {
    try {
      for (const b of sets(s)) total += barCount(b)
    } catch (_) {} // reported when the symbol is packed below
  }
  const [o, h, l, c, v] = buffers(total, reuse)
  const perSymbol = 2 + timeframes.length + (withPatience ? 1 : 0)
  const offsets = new Uint32Array(inputs.length * perSymbol + 1)
  let at = 0
  inputs.forEach((s, n) => {
    const start = at
    let k = n * perSymbol
    try {
      for (const bars of sets(s)) {
        offsets[k++] = at
        if (Array.isArray(bars)) {
          at = copyBars(bars, at, o, h, l, c, v, (i) => `${s.symbol}: bar ${i} must be a bar object`)
        } else {
          const cols = toColumns(bars, s.symbol)
          o.set(cols.o, at); h.set(cols.h, at); l.set(cols.l, at); c.set(cols.c, at)
          if (cols.v) v.set(cols.v, at)
          else v.fill(0, at, at + cols.c.length)
          at += cols.c.length
        }
      }
    } catch (error) {
      if (errors === null) throw error
      errors.push(symbolError(s.index ?? n, s.symbol, error))
      at = start
      for (let j = n * perSymbol; j < (n + 1) * perSymbol; j++) offsets[j] = start
    }
  })
  offsets[inputs.length * perSymbol] = at
  const end = (x) => x.subarray(0, at)
  return {
    symbols: inputs.map((s) => String(s.symbol)),
    prices: Float64Array.from(inputs, (s) => s.price),
    timeframes,
    withPatience,
    offsets,
    o: end(o), h: end(h), l: end(l), c: end(c), v: end(v)
  }
}

function frames (s) {
  if (s === null || typeof s !== 'object') throw typeError('a symbol must be an object')
  if (s.timeframes == null || typeof s.timeframes !== 'object') throw typeError(`${s.symbol}: timeframes must map timeframe → bars`)
  return Array.isArray(s.timeframes) ? s.timeframes : Object.entries(s.timeframes)
}

/**
 * Batches of symbols that share their timeframe labels (in order), ready to pack; each item
 * keeps its position in `inputs` as `index`. A symbol whose timeframes cannot be read goes to
 * `errors` (or throws when `errors` is null).
 */
function batches (inputs, errors = null) {
  const out = []
  inputs.forEach((s, index) => {
    let pairs
    try {
      pairs = frames(s)
    } catch (error) {
      if (errors === null) throw error
      errors.push(symbolError(index, s && s.symbol, error))
      return
    }
    const labels = pairs.map(([tf]) => tf)
    const normal = { ...s, index, timeframes: Object.fromEntries(pairs) }
    const last = out[out.length - 1]
    if (last && last.labels.length === labels.length && last.labels.every((x, i) => x === labels[i])) last.items.push(normal)
    else out.push({ labels, items: [normal] })
  })
  return out
}

/** Setups in input order and errors by index, from the per-batch native answers. */
function merge (inputs, parts, errors) {
  const setups = new Array(inputs.length).fill(null)
  for (const [batch, answer] of parts) {
    answer.setups.forEach((setup, k) => { setups[batch.items[k].index] = setup })
    for (const e of answer.errors) errors.push({ ...e, index: batch.items[e.index].index })
  }
  errors.sort((a, b) => a.index - b.index)
  return { setups, errors }
}

// The level score's formula for calls that do not name one: null is core's default
// ('corrected'); 'dashboard' reproduces the dashboard's numbers (see setLevelFormula).
let moduleLevelFormula = null

function formulaOf (options) {
  const given = options == null ? undefined : options.levelFormula
  return given ?? moduleLevelFormula ?? undefined
}

/** Sets the level formula of every later call that does not name one; returns the previous. */
function setLevelFormula (formula) {
  // Core owns the names: an unknown one is refused here, not at a later call.
  if (formula != null) native.bestLevel(1, new Float64Array(0), new Float64Array(0), 0.3, formula)
  const previous = moduleLevelFormula
  moduleLevelFormula = formula ?? null
  return previous
}

/**
 * `{ setups, errors }`: one setup (or null) per symbol in order, and what was wrong with each
 * symbol that could not be analysed (`{ index, symbol, code, message }`).
 */
function analyzeSymbolsDetailed (inputs, options) {
  const levelFormula = formulaOf(options)
  const errors = []
  const parts = batches(inputs, errors).map((b) => [b, native.analyzeSymbolsEach({ ...pack(b.items, b.labels, errors, true), levelFormula })])
  return merge(inputs, parts, errors)
}

async function analyzeSymbolsDetailedAsync (inputs, options) {
  const levelFormula = formulaOf(options)
  const errors = []
  const work = batches(inputs, errors).map(async (b) => [b, await native.analyzeSymbolsEachAsync({ ...pack(b.items, b.labels, errors, true), levelFormula })])
  return merge(inputs, await Promise.all(work), errors)
}

// As the dashboard's detector, a symbol that cannot be analysed gives null (its error is in
// analyzeSymbolsDetailed); one bad symbol never fails the batch.
const analyzeSymbols = (inputs, options) => analyzeSymbolsDetailed(inputs, options).setups
const analyzeSymbolsAsync = async (inputs, options) => (await analyzeSymbolsDetailedAsync(inputs, options)).setups

function scoreLevelProximity (price, levels, threshold = 0.3, options) {
  const n = levels.length
  const prices = new Float64Array(n)
  const strengths = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const level = levels[i]
    if (level === null || typeof level !== 'object') throw typeError(`levels[${i}] must be a level object`)
    prices[i] = level.price; strengths[i] = level.strength
  }
  // A null threshold is 0 to the dashboard (`null <= 0`): no level is near.
  const best = native.bestLevel(Number(price), prices, strengths, Number(threshold), formulaOf(options))
  return { score: best.score, level: best.index < 0 ? null : levels[best.index] }
}

/** The bars at `indices`: the caller's own objects for `Bar[]`, new `{ o, h, l, c, v }` rows for columns. */
function barsAt (bars, indices) {
  if (Array.isArray(bars)) return indices.map((i) => bars[i])
  const cols = toColumns(bars)
  return indices.map((i) => ({ o: cols.o[i], h: cols.h[i], l: cols.l[i], c: cols.c[i], v: cols.v ? cols.v[i] : 0 }))
}

function generateScoreExplanation (symbol, direction, currentPrice, levelResult, trendScore, patienceResult, mtfAnalyses, options) {
  const now = options == null || options.now == null ? Date.now() : +options.now
  return native.generateScoreExplanation(symbol, direction, currentPrice, levelResult, trendScore, patienceResult, mtfAnalyses, now)
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
  // Numbers are read with Number(x), as the dashboard's arithmetic and comparisons read them
  // (null is 0, undefined NaN); core then refuses what would answer NaN or Infinity.
  calculateLTPScore: (level, trend, patience) => native.calculateLTPScore(Number(level), Number(trend), Number(patience)),
  calculateEMA: (data, period) => {
    if (!(data instanceof Float64Array) && !Array.isArray(data)) throw typeError('data must be an array of numbers or a Float64Array')
    return native.calculateEMA(data instanceof Float64Array ? data : Float64Array.from(data), Number(period))
  },
  calculateVWAP: (bars) => native.calculateVWAP(columnsFor(bars)),
  // Only the last five bars count: only they are packed (and validated).
  detectPatienceCandle: (bars, levelPrice, maxCandleSize = 0.5) =>
    bars ? native.detectPatienceCandle(columnsFor(Array.isArray(bars) ? bars.slice(-5) : bars), Number(levelPrice), Number(maxCandleSize)) : { detected: false, count: 0 },
  scoreLevelProximity,
  // `weights || defaults`; each weight read as Number(w) (a null weight is 0, which counts 0.1).
  scoreTrendAlignment: (analyses, direction, weights) => native.scoreTrendAlignment(analyses, String(direction),
    weights ? Object.fromEntries(Object.entries(weights).map(([tf, w]) => [tf, Number(w)])) : null),
  scorePatienceQuality: (result) => {
    if (result === null || typeof result !== 'object') throw typeError('result must be a patience result object')
    return native.patiencePoints(Boolean(result.detected), Number(result.count))
  },
  calculateTradeParams: (price, level, direction) => native.calculateTradeParams(Number(price), level ?? null, direction ?? null),
  getLTPGrade: (score) => native.getLTPGrade(Number(score)),
  identifyKeyLevels: (bars) => native.identifyKeyLevels(columnsFor(bars)),
  determineTrend: (bars) => native.determineTrend(columnsFor(bars)),
  identifyPatienceCandles: (bars) => barsAt(bars, native.identifyPatienceCandles(columnsFor(bars))),
  generateScoreExplanation,
  // The note prints the direction as a template string would (`${null}` is "null").
  generateCoachNote: (levelResult, trendScore, patienceResult, direction) =>
    native.generateCoachNote(levelResult, Number(trendScore), patienceResult, String(direction)),
  keyLevels: (daily, intraday) => native.keyLevels(columnsFor(daily, 'daily', 0), columnsFor(intraday, 'intraday', 1)),
  analyzeTimeframe: (bars, timeframe) => native.analyzeTimeframe(columnsFor(bars, timeframe), timeframe),
  analyzeSymbol: (input, options) => analyzeSymbols([input], options)[0],
  analyzeSymbols,
  analyzeSymbolsAsync,
  analyzeSymbolsDetailed,
  analyzeSymbolsDetailedAsync,
  setLevelFormula,
  getLevelFormula: () => moduleLevelFormula,
  toColumns,
  /** The packed columns `require('edgekit').ltp.analyzeSymbols` takes (one timeframe list). */
  packSymbols: (inputs) => {
    const [batch, ...rest] = batches(inputs)
    if (rest.length) throw typeError('packSymbols needs the same timeframes, in the same order, for every symbol')
    return pack(batch ? batch.items : [], batch ? batch.labels : [])
  },
  Tracker: native.Tracker,
  defaultProfile: native.defaultProfile,
  replay
}

// Every function's errors carry an EDGEKIT_* code (the Tracker class is the engine's own).
codedExports(module.exports, Object.keys(module.exports).filter((k) => typeof module.exports[k] === 'function' && k !== 'Tracker'))
