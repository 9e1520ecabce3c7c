'use strict'
// edgekit/ltp (the dashboard drop-in) against the dashboard's own code: tests/vectors/ltp.json,
// recorded from a checkout of n8kahl/kcu-coach-dashboard by tests/vectors/dashboard/record.mjs;
// strict deep equality (signed zeros included), the level score by the dashboard's formula.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const ltp = require('../../bindings-node/ltp.js')
const { ltp: native } = require('../../bindings-node')

const V = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'ltp.json'), 'utf8'))
const rows = (cols) => cols.o.map((o, i) => ({ o, h: cols.h[i], l: cols.l[i], c: cols.c[i], v: cols.v[i], t: i }))

test('scores match the dashboard', () => {
  for (const c of V.calculate_ltp_score) assert.deepEqual(ltp.calculateLTPScore(...c.args), c.want)
  for (const c of V.calculate_ema) assert.equal(ltp.calculateEMA(c.data, c.period), c.want)
  V.calculate_vwap.forEach((c, i) => assert.equal(ltp.calculateVWAP(i % 2 ? c.bars : rows(c.bars)), c.want))
  for (const c of V.detect_patience_candle) {
    assert.deepEqual(ltp.detectPatienceCandle(rows(c.bars), c.level, c.max_candle_size), c.want)
  }
  for (const c of V.score_level_proximity) {
    assert.deepEqual(ltp.scoreLevelProximity(c.price, c.levels, c.threshold, { levelFormula: 'dashboard' }), c.want)
  }
  for (const c of V.score_trend_alignment) {
    assert.equal(ltp.scoreTrendAlignment(c.analyses, c.direction, c.weights || undefined), c.want)
  }
  for (const c of V.score_patience_quality) assert.equal(ltp.scorePatienceQuality(c.result), c.want)
  for (const c of V.calculate_trade_params) assert.deepEqual(ltp.calculateTradeParams(c.price, c.level, c.direction), c.want)
  for (const c of V.get_ltp_grade) assert.equal(ltp.getLTPGrade(c.score), c.want)
  for (const c of V.generate_coach_note) {
    assert.equal(ltp.generateCoachNote(c.level_result, c.trend_score, c.patience, c.direction), c.want)
  }
})

test('detector matches the dashboard; async equals sync', async () => {
  for (const c of V.key_levels) assert.deepEqual(ltp.keyLevels(rows(c.daily), c.intraday), c.want)
  for (const c of V.analyze_timeframe) assert.deepEqual(ltp.analyzeTimeframe(rows(c.bars), c.timeframe), c.want)
  const inputs = V.analyze_symbol.map((c) => ({
    symbol: c.symbol,
    price: c.price,
    daily: rows(c.daily),
    intraday: c.intraday,
    timeframes: Object.fromEntries(c.timeframes.map(([tf, b]) => [tf, rows(b)])),
    patience: c.patience && rows(c.patience)
  }))
  const dashboard = { levelFormula: 'dashboard' }
  inputs.forEach((input, i) => assert.deepEqual(ltp.analyzeSymbol(input, dashboard), V.analyze_symbol[i].want))
  const want = V.analyze_symbol.map((c) => c.want)
  assert.deepEqual(ltp.analyzeSymbols(inputs, dashboard), want)
  assert.deepEqual(await ltp.analyzeSymbolsAsync(inputs, dashboard), want)
  // The module-wide setting gives the same, and is put back.
  const previous = ltp.setLevelFormula('dashboard')
  try {
    assert.equal(ltp.getLevelFormula(), 'dashboard')
    assert.deepEqual(ltp.analyzeSymbols(inputs), want)
    assert.deepEqual(ltp.scoreLevelProximity(V.score_level_proximity[5].price, V.score_level_proximity[5].levels, V.score_level_proximity[5].threshold), V.score_level_proximity[5].want)
  } finally {
    ltp.setLevelFormula(previous)
  }
  assert.equal(ltp.getLevelFormula(), null)
})

test('the corrected level formula (the default) stays within 100 and differs from the dashboard', () => {
  let changed = 0
  for (const c of V.score_level_proximity) {
    const corrected = ltp.scoreLevelProximity(c.price, c.levels, c.threshold)
    assert.ok(corrected.score >= 0 && corrected.score <= 100, JSON.stringify(corrected))
    assert.deepEqual(ltp.scoreLevelProximity(c.price, c.levels, c.threshold, { levelFormula: 'corrected' }), corrected)
    if (corrected.score !== c.want.score) changed++
  }
  assert.ok(changed > 0)
  assert.throws(() => ltp.scoreLevelProximity(100, [], 0.3, { levelFormula: 'newest' }), { code: 'EDGEKIT_INVALID_INPUT', message: /levelFormula/ })
  assert.throws(() => ltp.setLevelFormula('newest'), { code: 'EDGEKIT_INVALID_INPUT', message: /levelFormula/ })
  assert.equal(ltp.getLevelFormula(), null)
})

test("results have the dashboard's key order (JSON.stringify is byte-identical)", () => {
  const same = (got, want, what) => assert.equal(JSON.stringify(got), JSON.stringify(want), what)
  for (const c of V.calculate_ltp_score) same(ltp.calculateLTPScore(...c.args), c.want, 'calculateLTPScore')
  for (const c of V.detect_patience_candle) same(ltp.detectPatienceCandle(rows(c.bars), c.level, c.max_candle_size), c.want, 'detectPatienceCandle')
  for (const c of V.score_level_proximity) same(ltp.scoreLevelProximity(c.price, c.levels, c.threshold, { levelFormula: 'dashboard' }), c.want, 'scoreLevelProximity')
  for (const c of V.calculate_trade_params) same(ltp.calculateTradeParams(c.price, c.level, c.direction), c.want, 'calculateTradeParams')
  for (const c of V.key_levels) same(ltp.keyLevels(rows(c.daily), c.intraday), c.want, 'keyLevels')
  for (const c of V.analyze_timeframe) same(ltp.analyzeTimeframe(rows(c.bars), c.timeframe), c.want, 'analyzeTimeframe')
  for (const c of V.analyze_symbol) {
    const input = { symbol: c.symbol, price: c.price, daily: c.daily, intraday: c.intraday, timeframes: c.timeframes, patience: c.patience }
    same(ltp.analyzeSymbol(input, { levelFormula: 'dashboard' }), c.want, 'analyzeSymbol')
  }
})

test("the chart helpers and the score explanation match the dashboard, key order included", () => {
  const same = (got, want, what) => assert.equal(JSON.stringify(got), JSON.stringify(want), what)
  V.identify_key_levels.forEach((c, i) => same(ltp.identifyKeyLevels(i % 2 ? c.bars : rows(c.bars)), c.want, `identifyKeyLevels ${i}`))
  V.determine_trend.forEach((c, i) => same(ltp.determineTrend(i % 2 ? c.bars : rows(c.bars)), c.want, `determineTrend ${i}`))
  V.identify_patience_candles.forEach((c, i) => {
    const given = rows(c.bars)
    const found = ltp.identifyPatienceCandles(given)
    // The caller's own bar objects come back, as in the dashboard.
    assert.deepEqual(found.map((b) => given.indexOf(b)), c.want, `identifyPatienceCandles ${i}`)
    assert.deepEqual(ltp.identifyPatienceCandles(c.bars).map((b) => b.c), c.want.map((k) => c.bars.c[k]))
  })
  V.generate_score_explanation.forEach((c, i) => {
    same(ltp.generateScoreExplanation(...c.args, { now: c.now }), c.want, `generateScoreExplanation ${i}`)
  })
  const now = Date.now()
  const stamped = ltp.generateScoreExplanation(...V.generate_score_explanation[0].args)
  assert.ok(Math.abs(Date.parse(stamped.inputs.timestamp) - now) < 60000, 'stamped with the current time by default')
  assert.equal(ltp.generateScoreExplanation(...V.generate_score_explanation[0].args, { now: new Date(V.generate_score_explanation[0].now) }).inputs.timestamp,
    V.generate_score_explanation[0].want.inputs.timestamp)
})

test('one bad symbol never fails the batch: its setup is null and its error is listed', async () => {
  const good = V.analyze_symbol.slice(0, 6).map((c) => ({ symbol: c.symbol, price: c.price, daily: rows(c.daily), intraday: c.intraday, timeframes: Object.fromEntries(c.timeframes.map(([tf, b]) => [tf, rows(b)])), patience: c.patience && rows(c.patience) }))
  const want = V.analyze_symbol.slice(0, 6).map((c) => c.want)
  const broken = [
    { ...good[0], symbol: 'HIGHLOW', daily: [{ o: 10, h: 9, l: 8, c: 9, v: 1 }, ...good[0].daily] },
    { ...good[1], symbol: 'NANPRICE', price: NaN },
    { ...good[2], symbol: 'NOTBARS', intraday: [null] },
    { ...good[3], symbol: 'NOFRAMES', timeframes: null },
    { ...good[4], symbol: 'BADTF', timeframes: { '3m': good[4].daily } }
  ]
  const inputs = [good[0], broken[0], good[1], broken[1], good[2], broken[2], broken[3], good[3], broken[4], good[4], good[5]]
  const dashboard = { levelFormula: 'dashboard' }
  const { setups, errors } = ltp.analyzeSymbolsDetailed(inputs, dashboard)
  assert.deepEqual(setups, [want[0], null, want[1], null, want[2], null, null, want[3], null, want[4], want[5]])
  assert.deepEqual(errors.map((e) => [e.index, e.symbol, e.code]), [
    [1, 'HIGHLOW', 'EDGEKIT_INVALID_INPUT'], [3, 'NANPRICE', 'EDGEKIT_INVALID_INPUT'], [5, 'NOTBARS', 'EDGEKIT_INVALID_TYPE'],
    [6, 'NOFRAMES', 'EDGEKIT_INVALID_TYPE'], [8, 'BADTF', 'EDGEKIT_INVALID_INPUT']
  ])
  assert.match(errors[0].message, /HIGHLOW daily: bar 0/)
  assert.deepEqual(ltp.analyzeSymbols(inputs, dashboard), setups)
  assert.deepEqual(await ltp.analyzeSymbolsDetailedAsync(inputs, dashboard), { setups, errors })
  assert.deepEqual(await ltp.analyzeSymbolsAsync(inputs, dashboard), setups)
})

test('edge inputs: the dashboard\'s answer or a coded error, never a different answer', () => {
  const { decode, encode } = require('../vectors/dashboard/encoding.cjs')
  const previous = ltp.setLevelFormula('dashboard')
  const outcome = { same: 0, refused: [] }
  try {
    for (const e of V.edges) {
      const args = decode(e.args)
      let got
      try {
        got = ltp[e.fn](...args)
      } catch (error) {
        assert.match(String(error.code), /^EDGEKIT_/, `${e.fn} ${JSON.stringify(e.args)}: ${error.message}`)
        outcome.refused.push(e)
        continue
      }
      // Where the drop-in answers, the dashboard answered the same (NaN and ±Infinity in it
      // only as the caller's own objects passed back).
      assert.equal(e.threw, null, `${e.fn} ${JSON.stringify(e.args)}: the dashboard throws ${e.threw}, the drop-in answers ${JSON.stringify(encode(got))}`)
      assert.equal(JSON.stringify(encode(got)), JSON.stringify(e.want), `${e.fn} ${JSON.stringify(e.args)}`)
      outcome.same++
    }
  } finally {
    ltp.setLevelFormula(previous)
  }
  // Every refusal is a row of the strictness table in docs/ltp-dashboard.md.
  require('./strictness.js').assertDocumented('| function | argument | input |', outcome.refused)
  const answered = outcome.refused.filter((e) => e.json_safe).length
  console.log(`edges: ${outcome.same} answered as the dashboard does, ${outcome.refused.length} refused (${answered} of which the dashboard answers)`)
})

test('signed zeros and strict equality, as recorded', () => {
  const zeros = (key, value) => value === '-0' ? -0 : value
  for (const c of V.signed_zeros) {
    assert.deepStrictEqual(ltp[c.fn](...c.args), JSON.parse(JSON.stringify(c.want), zeros), c.fn)
  }
})

test('bad inputs throw coded errors naming the input', () => {
  const bad = [{ o: 10, h: 11, l: 9, c: 10, v: 1 }, { o: 10, h: 9, l: 8, c: 9, v: 1 }]
  // The chart helpers read a contradictory bar as numbers, as the dashboard does; analysis refuses it.
  assert.equal(ltp.calculateVWAP(bad), ((11 + 9 + 10) / 3 + (9 + 8 + 9) / 3) / 2)
  assert.throws(() => ltp.analyzeTimeframe(bad, '5m'), { code: 'EDGEKIT_INVALID_INPUT', message: /bar 1: high 9 is below/ })
  assert.throws(() => ltp.calculateVWAP([{ o: 10, h: NaN, l: 9, c: 10, v: 1 }]), { code: 'EDGEKIT_INVALID_INPUT', message: /^bars: high\[0\] is NaN/ })
  // A NaN in the seed is the dashboard's safeDivideValue fallback (0); one after it reaches the answer.
  assert.equal(ltp.calculateEMA([1, NaN], 2), 0)
  assert.throws(() => ltp.calculateEMA([1, 2, NaN], 2), { code: 'EDGEKIT_INVALID_INPUT', message: /data\[2\] is NaN/ })
  assert.throws(() => ltp.analyzeTimeframe(bad.slice(0, 1), '3m'), { code: 'EDGEKIT_INVALID_INPUT', message: /timeframe "3m" is unknown/ })
  // A direction other than bullish/bearish aligns with nothing, as in the dashboard.
  assert.equal(ltp.scoreTrendAlignment([{ timeframe: '5m', trend: 'bullish' }], 'up'), 0)
  assert.throws(() => ltp.calculateVWAP(42), { code: 'EDGEKIT_INVALID_TYPE' })
  assert.throws(() => ltp.calculateVWAP([{ o: 1, h: 1, l: 1 }]), { code: 'EDGEKIT_INVALID_INPUT', message: /close\[0\] is NaN/ })
  // A level whose price is not a number is never near, as in the dashboard.
  assert.deepEqual(ltp.scoreLevelProximity(100, [{ type: 'x', price: 'a', timeframe: 'd', strength: 1 }]), { score: 0, level: null })
  // As the dashboard's detector: a symbol that cannot be analysed is null, its error reported
  // by analyzeSymbolsDetailed.
  assert.equal(ltp.analyzeSymbol({ symbol: 'SPY', price: 1, daily: bad, intraday: [], timeframes: {} }), null)
  assert.equal(typeof native.calculateVWAP, 'function')
})

// Layers 2 and 3: the shared hand-built sessions (tests/vectors/ltp_tracker.json) and EURUSD.
const T = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'ltp_tracker.json'), 'utf8'))
const dayTwo = (events) => events
  .filter((e) => e.timestamp >= T.day_two_open && e.kind !== 'level_approach')
  .map((e) => [e.kind, e.reason, e.level_type])

test('shared scenarios give the expected lifecycle', () => {
  for (const s of T.scenarios) {
    const b = s.bars
    const tracker = new ltp.Tracker(T.profile)
    const columns = Object.fromEntries(['t', 'o', 'h', 'l', 'c', 'v'].map((k) => [k, Float64Array.from(b[k])]))
    const events = tracker.updateMany(new Array(b.t.length).fill('SPY'), columns)
    assert.deepEqual(dayTwo(events), s.expect, s.name)
    const ready = events.find((e) => e.kind === 'setup_ready' && e.level_type === 'pdh')
    assert.ok(Math.abs(ready.entry - T.ready.entry) < 1e-9 && Math.abs(ready.stop - T.ready.stop) < 1e-9)
    assert.equal(ready.symbol, 'SPY')
    const ev = tracker.evaluation('SPY')
    for (const key of ['levels', 'level_score', 'trend_score', 'patience_score', 'score', 'grade', 'plan']) assert.ok(key in ev)
  }
})

test('bar by bar equals batch; state resumes from bytes and JSON', () => {
  const b = T.scenarios[1].bars
  let one = new ltp.Tracker(T.profile)
  const events = []
  for (let i = 0; i < b.t.length; i++) {
    if (i === 300) one = ltp.Tracker.fromJSONString(ltp.Tracker.fromBytes(one.toBytes()).toJSONString())
    events.push(...one.update('SPY', { t: b.t[i], o: b.o[i], h: b.h[i], l: b.l[i], c: b.c[i], v: b.v[i] }))
  }
  const bars = b.t.map((t, i) => ({ t, o: b.o[i], h: b.h[i], l: b.l[i], c: b.c[i], v: b.v[i] }))
  const { events: batch } = ltp.replay(bars, { profile: T.profile, symbol: 'SPY' })
  assert.deepEqual(events, batch)
  const ms = ltp.replay(bars.map((x) => ({ ...x, t: x.t * 1000 })), { profile: T.profile, symbol: 'SPY', timeUnit: 'ms' })
  assert.deepEqual(ms.events, batch)
})

test('EURUSD replay runs every stage in order', () => {
  const lines = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'data', 'EURUSD.csv'), 'utf8').trim().split('\n').slice(1)
  const bars = lines.map((line) => {
    const [time, o, h, l, c, v] = line.split(',')
    return { t: Date.parse(time.replace(' ', 'T') + 'Z') / 1000, o: +o, h: +h, l: +l, c: +c, v: +v }
  })
  const { events, evaluation } = ltp.replay(bars, { profile: ltp.defaultProfile(true), symbol: 'EURUSD' })
  assert.deepEqual(new Set(events.map((e) => e.kind)),
    new Set(['level_approach', 'setup_forming', 'setup_ready', 'triggered', 'stopped', 'target_hit', 'expired']))
  let state = null
  for (const e of events) {
    if (e.kind === 'setup_ready') state = 'ready'
    else if (e.kind === 'triggered') { assert.equal(state, 'ready'); state = 'triggered' } else if (e.kind === 'stopped' || e.kind === 'target_hit') { assert.equal(state, 'triggered'); state = null }
  }
  assert.ok(['A+', 'A', 'B', 'C', 'D', 'F'].includes(evaluation.grade))
})

test('tracker errors carry codes', () => {
  const tracker = new ltp.Tracker()
  const bar = { t: 1704205800, o: 100, h: 100.5, l: 99.5, c: 100.2, v: 10 }
  tracker.update('SPY', bar)
  assert.throws(() => tracker.update('SPY', bar), { code: 'EDGEKIT_INVALID_INPUT', message: /is not after the previous bar/ })
  assert.throws(() => tracker.update('SPY', { ...bar, t: bar.t + 60, c: NaN }), { code: 'EDGEKIT_INVALID_INPUT', message: /close is NaN/ })
  assert.throws(() => tracker.update('SPY', { ...bar, t: 1.5 }), { code: 'EDGEKIT_INVALID_INPUT', message: /whole seconds/ })
  assert.throws(() => new ltp.Tracker({ setup_minutes: 7 }), { code: 'EDGEKIT_INVALID_INPUT', message: /setup_minutes = 7/ })
  // camelCase keys read as core's snake_case names, as in every options object of this face
  assert.deepEqual(new ltp.Tracker({ setupMinutes: 15 }).profile, new ltp.Tracker({ setup_minutes: 15 }).profile)
  assert.throws(() => new ltp.Tracker({ setupMinute: 5 }), { code: 'EDGEKIT_INVALID_INPUT', message: /unknown field `setupMinute`/ })
  // level weights are keyed by level type (data): their keys are kept as given
  assert.equal(new ltp.Tracker({ level_weights: { PDH: 2 } }).profile.level_weights.PDH, 2)
  assert.throws(() => ltp.Tracker.fromBytes(Buffer.from([1, 2])), { code: 'EDGEKIT_INVALID_INPUT', message: /tracker state cannot be read/ })
  assert.throws(() => ltp.replay([bar], { timeUnit: 'h' }), { code: 'EDGEKIT_INVALID_TYPE' })
})

test('the level-formula comparison in docs/ltp-dashboard.md is what the bundled data gives', () => {
  const { main } = require('../../examples/node/ltp_level_formulas.js')
  const log = console.log
  console.log = () => {}
  let count
  try { count = main() } finally { console.log = log }
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'ltp-dashboard.md'), 'utf8')
  const recorded = JSON.parse(doc.match(/<!-- level-formulas: (\{.*\}) -->/)[1])
  assert.deepEqual(count, recorded)
  assert.ok(count.stageChanges > 0 && count.stageChanges <= count.setups)
})

test('10^5 bars: the drop-in gives what the dashboard gave (bars regenerated from the seed)', async () => {
  const { bigColumns } = await import('../vectors/dashboard/big.mjs')
  const { seed, n } = V.big[0]
  const cols = bigColumns(seed, n)
  const bars = cols.o.map((o, i) => ({ o, h: cols.h[i], l: cols.l[i], c: cols.c[i], v: cols.v[i], t: cols.t[i] }))
  const named = { bars, closes: cols.c }
  for (const c of V.big) {
    const args = c.args.map((a) => named[a] ?? a)
    let got = ltp[c.fn](...args)
    if (c.fn === 'identifyPatienceCandles') got = got.map((b) => bars.indexOf(b))
    assert.equal(JSON.stringify(got), JSON.stringify(c.want), c.fn)
  }
})
