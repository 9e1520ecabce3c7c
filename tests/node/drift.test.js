'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const ek = require('../../bindings-node').drift

const ROOT = path.join(__dirname, '..', '..')
const V = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'vectors', 'drift.json'), 'utf8'))

function csvColumns (file) {
  const lines = fs.readFileSync(path.join(ROOT, 'examples', 'data', file), 'utf8').trim().split('\n')
  const header = lines[0].split(',')
  const rows = lines.slice(1).map((line) => line.split(','))
  return Object.fromEntries(header.map((h, k) => [h, Float64Array.from(rows, (r) => Number(r[k]))]))
}

const RAIN = csvColumns('rainfall.csv')
const NAMES = Object.keys(RAIN).slice(1)
const column = (name) => RAIN[NAMES[V.columns.indexOf(name)]]
const part = ([name, start, stop]) => column(name).slice(start, stop)

function close (got, want, rel, what) {
  const ok = Math.abs(got - want) <= rel * Math.abs(want) || (want === 0 && Math.abs(got) < 1e-300)
  assert.ok(ok, `${what}: got ${got}, want ${want}`)
}

test('ks2samp matches scipy; the async form agrees', async () => {
  for (const c of V.ks_2samp) {
    const opts = { method: c.method, alternative: c.alternative }
    const r = ek.ks2samp(part(c.reference), part(c.current), opts)
    close(r.statistic, c.statistic, 1e-12, `ks ${c.reference}`)
    close(r.pvalue, c.pvalue, 1e-9, `ks ${c.reference}`)
    assert.equal(r.drifted, r.pvalue < 0.05)
    assert.deepEqual(await ek.ks2sampAsync(part(c.reference), part(c.current), opts), r)
  }
})

test('numeric tests and distances match scipy and Evidently', () => {
  for (const c of V.numeric) {
    const [a, b] = [part(c.reference), part(c.current)]
    const what = (t) => `${t} ${c.reference}`
    close(ek.wasserstein(a, b).statistic, c.wasserstein, 1e-9, what('wasserstein'))
    close(ek.energyDistance(a, b).statistic, c.energy, 1e-9, what('energy'))
    for (const [equalVar, key] of [[true, 't_student'], [false, 't_welch']]) {
      const r = ek.tTest(a, b, { equalVar })
      close(r.statistic, c[key][0], 1e-9, what(key)); close(r.pvalue, c[key][1], 1e-9, what(key))
    }
    for (const [alternative, key] of [['less', 'mann_whitney_less'], ['two-sided', 'mann_whitney_two_sided']]) {
      const r = ek.mannWhitney(a, b, { alternative })
      close(r.statistic, c[key][0], 1e-12, what(key)); close(r.pvalue, c[key][1], 1e-9, what(key))
    }
    close(ek.psi(a, b, { binning: 'sturges' }).statistic, c.psi_sturges, 1e-9, what('psi'))
    close(ek.klDiv(a, b, { binning: 'sturges' }).statistic, c.kl_sturges, 1e-9, what('kl'))
    close(ek.jensenshannon(a, b, { binning: 'sturges' }).statistic, c.jensenshannon_sturges, 1e-9, what('js'))
    close(ek.hellinger(a, b).statistic, c.hellinger, 1e-9, what('hellinger'))
    close(ek.psi(a, b).statistic, c.psi_quantile_10, 1e-9, what('psi10'))
    close(ek.psi(a, b, { bins: 4 }).statistic, c.psi_quantile_4, 1e-9, what('psi4'))
    assert.equal(ek.psi(a, b).pvalue, null)
  }
})

test('categorical tests match scipy and Evidently, for numbers and strings', () => {
  for (const c of V.categorical) {
    const values = (spec) => {
      const v = part(spec)
      if (spec[0] === 'rain') return v
      const floored = v.map(Math.floor)
      return c.labels ? Array.from(floored, (x) => `b${x === 0 ? 0 : x}`) : floored
    }
    const [a, b] = [values(c.reference), values(c.current)]
    const what = (t) => `${t} ${c.reference} labels=${c.labels}`
    close(ek.chisquare(a, b).pvalue, c.chisquare, 1e-9, what('chisquare'))
    close(ek.zTest(a, b).pvalue, c.z, 1e-9, what('z'))
    const cat = { binning: 'sturges', categorical: true }
    close(ek.psi(a, b, cat).statistic, c.psi, 1e-9, what('psi'))
    close(ek.klDiv(a, b, cat).statistic, c.kl, 1e-9, what('kl'))
    close(ek.jensenshannon(a, b, cat).statistic, c.jensenshannon, 1e-9, what('js'))
    close(ek.hellinger(a, b, { categorical: true }).statistic, c.hellinger, 1e-9, what('hellinger'))
    close(ek.tvd(a, b, { permutations: 50, seed: 2 }).statistic, c.tvd_statistic, 1e-12, what('tvd'))
    if (c.g_test) {
      const r = ek.gTest(a, b)
      close(r.statistic, c.g_test[0], 1e-9, what('g')); close(r.pvalue, c.g_test[1], 1e-9, what('g'))
    }
    if (c.fisher) {
      const r = ek.fisherExact(a, b)
      close(r.statistic, c.fisher[0], 1e-9, what('fisher')); close(r.pvalue, c.fisher[1], 1e-9, what('fisher'))
    }
  }
})

const CLASSES = { ADWIN: ek.ADWIN, PageHinkley: ek.PageHinkley, DDM: ek.DDM, EDDM: ek.EDDM, HDDM_A: ek.HDDM_A, HDDM_W: ek.HDDM_W, FHDDM: ek.FHDDM }
const camel = (params) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k.replace(/_(\w)/g, (_, ch) => ch.toUpperCase()), v]))

function stream (name) {
  const dew = column('dew_point'); const rain = column('rain')
  const errors = Float64Array.from(dew, (d, i) => Number((d > 0.6 ? 1 : 0) !== rain[i]))
  if (name === 'errors') return errors
  if (name === 'correct') return errors.map((e) => 1 - e)
  if (name === 'brent') return csvColumns('brent_crude_oil.csv').DPB
  if (name === 'apple_close') return csvColumns('apple.csv').Close
  return column(name)
}

test('detectors fire where River fires, one value at a time and in batch', () => {
  for (const c of V.detectors) {
    const values = stream(c.stream)
    const d = new CLASSES[c.detector](camel(c.params))
    const fired = []; const warned = []
    values.forEach((x, i) => {
      if (d.update(x)) fired.push(i)
      if (d.warningDetected) warned.push(i)
    })
    assert.deepEqual(fired, c.fired, `${c.detector} ${JSON.stringify(c.params)}`)
    assert.deepEqual(warned, c.warned, `${c.detector} warnings`)
    const batch = new CLASSES[c.detector](camel(c.params)).updateMany(values)
    assert.ok(batch instanceof Uint32Array)
    assert.deepEqual(Array.from(batch), c.fired)
  }
})

test('detector state survives a restart', () => {
  const values = stream('temperature')
  const whole = Array.from(new ek.ADWIN().updateMany(values))
  const first = new ek.ADWIN()
  const head = Array.from(first.updateMany(values.slice(0, 7000)))
  const restored = ek.ADWIN.fromJson(first.toJson())
  const tail = Array.from(restored.updateMany(values.slice(7000)), (i) => i + 7000)
  assert.deepEqual(head.concat(tail), whole)
  assert.throws(() => ek.DDM.fromJson('{}'), { code: 'EDGEKIT_INVALID_INPUT' })
})

test('bad input throws coded errors', async () => {
  assert.throws(() => ek.ks2samp([1, NaN], [1, 2]), { code: 'EDGEKIT_INVALID_INPUT', message: /reference\[1\] is NaN/ })
  assert.throws(() => ek.psi([], [1]), { code: 'EDGEKIT_INVALID_INPUT', message: /empty/ })
  assert.throws(() => ek.ks2samp([1], [2], { method: 'fast' }), { code: 'EDGEKIT_INVALID_INPUT' })
  assert.throws(() => new ek.DDM().update(0.5), { code: 'EDGEKIT_INVALID_INPUT' })
  assert.throws(() => new ek.PageHinkley().updateMany([1, 2, Infinity]), { code: 'EDGEKIT_INVALID_INPUT', message: /values\[2\]/ })
  assert.throws(() => ek.wasserstein('abc', [1]), { code: 'EDGEKIT_INVALID_TYPE' })
  assert.throws(() => new ek.ADWIN({ delta: 2 }), { code: 'EDGEKIT_INVALID_INPUT' })
  await assert.rejects(ek.ks2sampAsync([], [1]), { code: 'EDGEKIT_INVALID_INPUT' })
})

test('goodness-of-fit tests match scipy', () => {
  for (const c of V.goodness) {
    const [a, b] = [part(c.reference), part(c.current)]
    const tests = { anderson: ek.andersonDarling, cramer_von_mises: ek.cramerVonMises, epps_singleton: ek.eppsSingleton }
    for (const [key, f] of Object.entries(tests)) {
      if (!c[key]) continue
      const r = f(a, b)
      close(r.statistic, c[key][0], 1e-9, `${key} ${c.reference}`)
      if (key === 'cramer_von_mises' && Math.abs(r.pvalue - c[key][1]) < 1e-13) continue
      close(r.pvalue, c[key][1], 1e-9, `${key} ${c.reference}`)
    }
    if (c.mmd_statistic !== undefined) close(ek.mmd(a, b, { permutations: 10 }).statistic, c.mmd_statistic, 1e-9, 'mmd')
  }
})

function frame ([start, stop]) {
  const names = Object.keys(RAIN).slice(1)
  const out = {}
  for (const n of names) out[n] = RAIN[n].slice(start, stop)
  out.temp_band = Array.from(out.temperature, (t) => `b${Math.floor(t) === 0 ? 0 : Math.floor(t)}`)
  return out
}

test('report matches Evidently, from raw columns and from a merged profile (sync and async)', async () => {
  for (const c of V.report) {
    const ref = frame(c.reference); const cur = frame(c.current)
    for (const [name, every] of Object.entries(c.current_nan_every || {})) {
      for (let i = 0; i < cur[name].length; i += every) cur[name][i] = NaN
    }
    const options = { ...c.options, categorical: c.categorical || [] }
    const found = ek.report(ref, cur, options)
    for (const row of found.columns) {
      const want = c.columns[row.column]
      assert.deepEqual([row.kind, row.test, row.threshold, row.drifted], [want.kind, want.test, want.threshold, want.drifted], `${c.name} ${row.column}`)
      if (row.test !== 'TVD') close(row.pvalue ?? row.statistic, want.score, 1e-9, `${c.name} ${row.column}`)
    }
    assert.equal(found.driftedColumns, c.drifted_columns)
    assert.equal(found.datasetDrift, c.dataset_drift)
    const half = Math.floor(ref.temperature.length / 2)
    const chunk = (lo, hi) => Object.fromEntries(Object.entries(ref).map(([k, v]) => [k, v.slice(lo, hi)]))
    const fit = (cols) => ek.Profile.fit(cols, { categorical: c.categorical || [] })
    const profile = ek.Profile.fromBytes(fit(chunk(0, half)).merge(fit(chunk(half, ref.temperature.length))).toBytes())
    const again = await ek.reportAsync(profile, cur, options)
    assert.deepEqual(again.columns.map((r) => r.drifted), found.columns.map((r) => r.drifted))
    // Both sides as profiles (each fitted where its rows live): the same report.
    const exact = ek.Profile.fit(cur, { categorical: c.categorical || [], capacity: 1e6 })
    assert.deepEqual(ek.reportProfiles(profile, exact, options), ek.report(profile, cur, options))
  }
})

test('report validates its options and inputs', async () => {
  const a = { x: Float64Array.from({ length: 50 }, (_, i) => i) }
  assert.throws(() => ek.report(a, a, { numericalTest: 'magic' }), { code: 'EDGEKIT_INVALID_INPUT', message: /magic/ })
  assert.throws(() => ek.report(a, { x: [{}] }), { code: 'EDGEKIT_INVALID_TYPE' })
  await assert.rejects(ek.reportAsync(a, { y: a.x }, { columns: ['x'] }), { code: 'EDGEKIT_INVALID_INPUT' })
  const g = ek.report({ g: ['a', 'b', null] }, { g: ['a', 'c', 'c'] })
  assert.deepEqual(g.columns[0].unseenCategories, ['c'])
})

function tcpdSeries (name) {
  if (name === 'apple') return csvColumns('apple.csv').Close.filter((_, i) => i % 3 === 0)
  if (name === 'brent') {
    const lines = fs.readFileSync(path.join(ROOT, 'examples', 'data', 'brent_crude_oil.csv'), 'utf8').trim().split('\n').slice(1)
    const kept = lines.filter((l) => Number(l.split(',')[0].slice(-4)) >= 2000).map((l) => Number(l.split(',')[1]))
    return Float64Array.from(kept.filter((_, i) => i % 10 === 0))
  }
  return csvColumns('airline_passengers.csv')['Total Passengers']
}

test('change points match ruptures; TCPD scores match', () => {
  for (const c of V.changepoints.cases) {
    const x = tcpdSeries(c.series)
    const options = { model: c.model === 'l2' ? 'mean' : 'meanvar', penalty: c.penalty }
    const found = Array.from(ek.pelt(x, options))
    assert.deepEqual(found, c.pelt, `${c.series} ${c.model} ${c.penalty}`)
    assert.deepEqual(Array.from(ek.binarySegmentation(x, options)), c.binseg)
    const annotations = V.changepoints.annotations[c.series]
    close(ek.f1Score(annotations, found), c.pelt_f1, 1e-12, 'f1')
    close(ek.covering(annotations, found, x.length), c.pelt_cover, 1e-12, 'cover')
  }
})

test('performance monitor matches scikit-learn, alerts, and survives a restart', () => {
  for (const c of V.performance) {
    const p = part(['dew_point', c.start, c.stop]).map((d) => 1 / (1 + Math.exp(-2 * d)))
    const y = part(['rain', c.start, c.stop])
    const monitor = new ek.PerformanceMonitor({ window: p.length })
    monitor.updateMany(p, y)
    const m = monitor.metrics()
    for (const key of ['accuracy', 'brier', 'ece', 'auc']) close(m[key], c[key], 1e-9, key)
    close(m.logLoss, c.log_loss, 1e-9, 'log_loss')
  }
  const monitor = new ek.PerformanceMonitor({ window: 100, thresholds: [{ metric: 'accuracy', warning: 0.8, critical: 0.6 }] })
  const y = Float64Array.from({ length: 400 }, (_, i) => i % 2)
  const p = y.map((v, i) => (i < 200 ? (v ? 0.9 : 0.1) : (v ? 0.1 : 0.9)))
  assert.deepEqual(monitor.updateMany(p.slice(0, 150), y.slice(0, 150)), [])
  monitor.setBaseline()
  const restored = ek.PerformanceMonitor.fromJson(monitor.toJson())
  const alerts = restored.updateMany(p.slice(150), y.slice(150))
  assert.ok(alerts.some((a) => a.severity === 'critical' && a.metric === 'accuracy'))
  assert.ok(restored.compare(0.01).find((r) => r.metric === 'accuracy').degraded)
  assert.throws(() => restored.updateMany([0.5], [3]), { code: 'EDGEKIT_INVALID_INPUT' })
})

test('BOCPD finds a shift', () => {
  const x = Float64Array.from({ length: 600 }, (_, i) => ((i * 37) % 11 - 5) / 5 + (i >= 300 ? 3 : 0))
  const fired = Array.from(new ek.BOCPD().updateMany(x))
  assert.ok(fired.some((i) => i >= 300 && i < 310), String(fired))
})

test('a column in one sample only is an error naming it, or reported by option', () => {
  const a = Float64Array.from({ length: 50 }, (_, i) => i)
  const b = a.map((v) => v + 3)
  assert.throws(() => ek.report({ age: a, x: a }, { Age: b, x: b }), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /reference only "age", current only "Age"/.test(e.message))
  const r = ek.report({ age: a, x: a }, { Age: b, x: b }, { unmatched: 'report' })
  assert.deepEqual([r.referenceOnly, r.currentOnly], [['age'], ['Age']])
  assert.deepEqual(r.columns.map((c) => c.column), ['x'])
})

test('realized performance metrics match scikit-learn 1.9.1 (tests/vectors/metrics.json)', () => {
  const M = require('../vectors/metrics.json')
  const close = (got, want, what) => assert.ok(Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)), `${what}: ${got} vs ${want}`)
  for (const c of M.classification) {
    const got = ek.classificationMetrics(new Int32Array(c.y_true), c.y_pred, c.labels)
    const w = c.want
    assert.deepEqual(got.confusionMatrix, w.confusion_matrix)
    assert.deepEqual(got.support, w.support)
    for (const name of ['precision', 'recall', 'f1', 'specificity']) got[name].forEach((x, i) => close(x, w[name][i], name))
    close(got.accuracy, w.accuracy, 'accuracy')
    close(got.balancedAccuracy, w.balanced_accuracy, 'balancedAccuracy')
    close(got.macroSpecificity, w.macro_specificity, 'macroSpecificity')
    for (const average of ['macro', 'micro', 'weighted']) {
      for (const key of ['precision', 'recall', 'f1']) close(got[`${average}Avg`][key], w.averages[average][key], `${average} ${key}`)
    }
  }
  for (const c of M.regression) {
    const got = ek.regressionMetrics(Float64Array.from(c.y_true), c.y_pred)
    for (const [name, want] of Object.entries(c.want)) close(got[name], want, name)
    if (!('msle' in c.want)) assert.equal(got.msle, null)
  }
  assert.throws(() => ek.classificationMetrics([0, 1], [0]), { code: 'EDGEKIT_INVALID_INPUT' })
  assert.throws(() => ek.classificationMetrics([0.5, 1], [0, 1]), { code: 'EDGEKIT_INVALID_TYPE' })
})
