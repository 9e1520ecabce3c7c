'use strict'
// monitoring.DataReconstructionDriftCalculator against NannyML 0.13.1 on its own synthetic data
// (tests/vectors/nannyml.json, recorded by tests/vectors/generate_nannyml.py). Values to 1e-9
// relative (see core/tests/nannyml_vectors.rs), keys, indices and alerts exactly; dates come back
// in ms (JavaScript's Date unit) and match NannyML's ns to the microsecond.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const util = require('node:util')

const { monitoring } = require('../../bindings-node')

const ROOT = path.join(__dirname, '..', '..')
const V = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'vectors', 'nannyml.json'), 'utf8'))
const FEATURES = V.provenance.features
const CATEGORICAL = new Set(['salary_range', 'wfh_prev_workday', 'workday'])

function frame (file) {
  const lines = fs.readFileSync(path.join(ROOT, 'examples', 'data', 'nannyml', file), 'utf8').trim().split('\n')
  const header = lines[0].split(',')
  const rows = lines.slice(1).map((line) => line.split(','))
  const out = {}
  header.forEach((name, k) => {
    if (name === 'timestamp' || CATEGORICAL.has(name)) {
      out[name] = rows.map((r) => (r[k] === '' ? null : r[k]))
    } else {
      const column = new Float64Array(rows.length)
      for (let i = 0; i < rows.length; i++) column[i] = r2n(rows[i][k])
      out[name] = column
    }
  })
  return out
}
const r2n = (cell) => (cell === '' ? NaN : Number(cell))

const REFERENCE = frame('binary_reference.csv')
const ANALYSIS = frame('binary_analysis.csv')

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase())

function optionsOf (recorded) {
  const options = { columnNames: FEATURES, timestampColumnName: 'timestamp' }
  for (const [key, value] of Object.entries(recorded)) {
    if (key === 'unseen') continue
    if (key === 'threshold') {
      options.threshold = Object.fromEntries(Object.entries(value).map(([k, v]) => [camel(k), v]))
    } else {
      options[camel(key)] = value
    }
  }
  return options
}

function same (got, want, what) {
  if (typeof want === 'number' && !Number.isInteger(want)) {
    assert.ok(typeof got === 'number' && Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)),
      `${what}: ${got} vs ${want}`)
  } else {
    assert.deepEqual(got, want, what)
  }
}

for (const kase of V.reconstruction) {
  test(`reconstruction error matches NannyML: ${JSON.stringify(kase.options)}`, () => {
    const calc = new monitoring.DataReconstructionDriftCalculator(optionsOf(kase.options)).fit(REFERENCE)
    assert.equal(calc.explainedVarianceRatio.length, kase.n_components)
    // The recorder's rule for the "unseen" case: every 53rd workday a "Holiday".
    const analysis = kase.options.unseen
      ? { ...ANALYSIS, workday: ANALYSIS.workday.map((w, i) => (i % 53 === 0 ? 'Holiday' : w)) }
      : ANALYSIS
    const rows = calc.calculate(analysis)
    assert.equal(rows.length, kase.rows.length)
    rows.forEach((row, i) => {
      const want = kase.rows[i]
      for (const [field, value] of Object.entries(want.chunk)) {
        const got = row.chunk[camel(field)]
        if (field.endsWith('_date') && value !== null) {
          assert.ok(Math.abs(got * 1e6 - value) < 2000, `row ${i} ${field}: ${got} ms vs ${value} ns`)
        } else {
          same(got, value, `row ${i} ${field}`)
        }
      }
      for (const [field, value] of Object.entries(want.reconstruction_error)) {
        same(row.reconstructionError[camel(field)], value, `row ${i} ${field}`)
      }
    })
    JSON.stringify(rows) // plain, JSON-safe objects
  })
}

test('calculateAsync resolves to the same rows; saved state loads back', async () => {
  const calc = new monitoring.DataReconstructionDriftCalculator({ columnNames: FEATURES, chunkSize: 700 }).fit(REFERENCE)
  const want = calc.calculate(ANALYSIS)
  assert.deepEqual(await calc.calculateAsync(ANALYSIS), want)
  const back = monitoring.DataReconstructionDriftCalculator.fromJson(calc.toJson())
  assert.deepEqual(back.calculate(ANALYSIS), want)
  assert.deepEqual(back.thresholds, calc.thresholds)
  const broken = JSON.parse(calc.toJson())
  broken.fitted.components[0] = broken.fitted.components[0].slice(0, 2)
  assert.throws(() => monitoring.DataReconstructionDriftCalculator.fromJson(JSON.stringify(broken)),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /do not fit together/.test(e.message))
})

test('timestamps as ms numbers, Dates and ISO strings give the same chunks', () => {
  const ms = REFERENCE.timestamp.map((t) => Date.parse(t.replace(' ', 'T') + 'Z'))
  const options = { columnNames: FEATURES, timestampColumnName: 't', chunkPeriod: 'Q' }
  const run = (stamps) => new monitoring.DataReconstructionDriftCalculator(options)
    .fit({ ...REFERENCE, t: stamps }).calculate({ ...ANALYSIS, t: ANALYSIS.timestamp })
  const want = run(REFERENCE.timestamp)
  assert.deepEqual(run(Float64Array.from(ms)), want)
  assert.deepEqual(run(ms.map((m) => new Date(m))), want)
  assert.equal(new Date(want[0].chunk.startDate).toISOString(), '2014-04-01T00:00:00.000Z')
})

test('bad options and data are coded errors, never crashes', async () => {
  const C = monitoring.DataReconstructionDriftCalculator
  const cases = [
    [{ columnNames: FEATURES, chunkSize: 10, chunkNumber: 3 }, 'EDGEKIT_INVALID_INPUT'],
    [{ columnNames: FEATURES, chunkSize: -1 }, 'EDGEKIT_INVALID_INPUT'],
    [{ columnNames: FEATURES, chunkSize: 2 ** 40 }, 'EDGEKIT_LIMIT_EXCEEDED'],
    [{ columnNames: FEATURES, chunkSize: 2 ** 53 }, 'EDGEKIT_INVALID_TYPE'],
    [{ columnNames: FEATURES, chunkSize: 2.5 }, 'EDGEKIT_INVALID_TYPE'],
    [{ columnNames: FEATURES, chunkPeriod: 'fortnight' }, 'EDGEKIT_INVALID_INPUT'],
    [{ columnNames: FEATURES, threshold: { type: 'constant', lower: 2, upper: 1 } }, 'EDGEKIT_INVALID_INPUT'],
    [{ columnNames: FEATURES, chunkSise: 10 }, 'EDGEKIT_INVALID_TYPE'],
    [{ columnNames: 'distance_from_office' }, 'EDGEKIT_INVALID_TYPE'],
    [{}, 'EDGEKIT_INVALID_TYPE'],
  ]
  for (const [options, code] of cases) {
    assert.throws(() => new C(options), (e) => e.code === code, util.inspect(options))
  }
  const calc = new C({ columnNames: FEATURES, nComponents: 1.5 })
  assert.throws(() => calc.fit(REFERENCE), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /nComponents|n_components/.test(e.message))
  assert.throws(() => calc.calculate(ANALYSIS), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /fit/.test(e.message))
  await assert.rejects(calc.calculateAsync(ANALYSIS).catch((e) => { throw e }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  const good = new C({ columnNames: FEATURES, timestampColumnName: 'timestamp', chunkSize: 500 })
  assert.throws(() => good.fit({ ...REFERENCE, tenure: undefined }), (e) => e.code.startsWith('EDGEKIT_'))
  const noTenure = { ...REFERENCE }
  delete noTenure.tenure
  assert.throws(() => good.fit(noTenure), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /missing the columns/.test(e.message))
  assert.throws(() => good.fit({ ...REFERENCE, timestamp: REFERENCE.timestamp.map((t, i) => (i === 7 ? 'yesterday' : t)) }),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /\[7\]/.test(e.message))
  assert.throws(() => good.fit({ ...REFERENCE, timestamp: new Float64Array(5000).fill(1e300) }),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT')
})

// --- CBPE ----------------------------------------------------------------------------------

const NUMBERS = (frameColumns) => frameColumns
const cbpeOptions = (recorded, extra = {}) => {
  const options = {
    metrics: V.cbpe_metrics,
    yPredProba: 'y_pred_proba',
    yPred: 'y_pred',
    yTrue: 'work_home_actual',
    problemType: 'classification_binary',
    timestampColumnName: 'timestamp',
    ...extra
  }
  for (const [key, value] of Object.entries(recorded)) {
    if (key === 'targets') continue
    if (key === 'thresholds') {
      options.thresholds = Object.fromEntries(Object.entries(value).map(([m, t]) => [m, t]))
    } else {
      options[camel(key)] = value
    }
  }
  return options
}

for (const kase of V.cbpe) {
  test(`CBPE matches NannyML: ${JSON.stringify(kase.options)}`, () => {
    const own = new monitoring.CBPE(cbpeOptions(kase.options)).fit(NUMBERS(REFERENCE))
    assert.equal(own.needsCalibration, kase.needs_calibration)
    const estimator = new monitoring.CBPE(cbpeOptions(kase.options, { calibrate: kase.needs_calibration })).fit(REFERENCE)
    const data = { ...ANALYSIS }
    if (kase.options.targets === false) delete data.work_home_actual
    const rows = estimator.estimate(data)
    assert.equal(rows.length, kase.rows.length)
    rows.forEach((row, i) => {
      const want = kase.rows[i]
      for (const field of ['key', 'chunk_index', 'start_index', 'end_index', 'period']) {
        assert.deepEqual(row.chunk[camel(field)], want.chunk[field], `row ${i} ${field}`)
      }
      for (const metric of V.cbpe_metrics) {
        const se = want[metric].sampling_error
        for (const [field, value] of Object.entries(want[metric])) {
          const got = row[camel(metric)][camel(field)]
          if (metric === 'roc_auc' && field === 'sampling_error') {
            assert.ok(Math.abs(got - value) <= 2e-2 * value, `row ${i} ${field}`)
          } else if (metric === 'roc_auc' && field.endsWith('confidence_boundary')) {
            assert.ok(Math.abs(got - value) <= 0.06 * se + 1e-12, `row ${i} ${field}`)
          } else {
            same(got, value, `row ${i} ${metric}.${field}`)
          }
        }
      }
    })
  })
}

test('CBPE: async twin, saved state, late targets and coded errors', async () => {
  const estimator = new monitoring.CBPE(cbpeOptions({ chunk_size: 700 })).fit(REFERENCE)
  const want = estimator.estimate(ANALYSIS)
  assert.deepEqual(await estimator.estimateAsync(ANALYSIS), want)
  assert.deepEqual(monitoring.CBPE.fromJson(estimator.toJson()).estimate(ANALYSIS), want)
  const late = { ...ANALYSIS, work_home_actual: Array.from(ANALYSIS.work_home_actual, (t, i) => (i % 3 === 0 ? null : t)) }
  const rows = estimator.estimate(late)
  assert.ok(rows.every((r) => r.f1.realized !== null))
  const C = monitoring.CBPE
  const base = cbpeOptions({})
  const bad = [
    [{ ...base, problemType: 'classification_multiclass' }, 'EDGEKIT_INVALID_TYPE'],
    [{ ...base, problemType: 'classification_trinary' }, 'EDGEKIT_INVALID_INPUT'],
    [{ ...base, yPred: undefined }, 'EDGEKIT_INVALID_INPUT'],
    [{ ...base, metrics: ['auc'] }, 'EDGEKIT_INVALID_INPUT'],
    [{ ...base, yPredProba: 7 }, 'EDGEKIT_INVALID_TYPE'],
    [{ ...base, seed: -1 }, 'EDGEKIT_INVALID_INPUT'],
    [{ ...base, thresholds: { f1: { type: 'constant', lower: 1, upper: 0 } } }, 'EDGEKIT_INVALID_INPUT'],
  ]
  for (const [options, code] of bad) {
    assert.throws(() => new C(options), (e) => e.code === code, util.inspect(options))
  }
  const fresh = new C(base)
  assert.throws(() => fresh.estimate(ANALYSIS), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  await assert.rejects(fresh.estimateAsync(ANALYSIS).catch((e) => { throw e }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  const doubled = { ...REFERENCE, y_pred_proba: REFERENCE.y_pred_proba.map((p) => p * 2) }
  assert.throws(() => fresh.fit(doubled), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /\[0, 1\]/.test(e.message))
  const noTargets = { ...REFERENCE }
  delete noTargets.work_home_actual
  assert.throws(() => fresh.fit(noTargets), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /not in the data/.test(e.message))
})

// --- realized performance ------------------------------------------------------------------

for (const kase of V.performance) {
  test(`PerformanceCalculator matches NannyML: ${JSON.stringify(kase.options)}`, async () => {
    const options = cbpeOptions({})
    for (const [key, value] of Object.entries(kase.options)) if (key !== 'late') options[camel(key)] = value
    const calc = new monitoring.PerformanceCalculator(options).fit(REFERENCE)
    // The recorder's rule for late targets: every 3rd analysis target not yet known.
    const data = kase.options.late
      ? { ...ANALYSIS, work_home_actual: Array.from(ANALYSIS.work_home_actual, (t, i) => (i % 3 === 0 ? null : t)) }
      : ANALYSIS
    const rows = await calc.calculateAsync(data)
    assert.equal(rows.length, kase.rows.length)
    rows.forEach((row, i) => {
      same(row.chunk.targetsMissingRate, kase.rows[i].chunk.targets_missing_rate, `row ${i}`)
      for (const metric of V.cbpe_metrics) {
        const want = kase.rows[i][metric]
        if (want.alert === null) continue // NannyML failed inside this cell (see core's test)
        for (const [field, value] of Object.entries(want)) {
          const got = row[camel(metric)][camel(field)]
          if (metric === 'roc_auc' && field === 'sampling_error') {
            assert.ok(Math.abs(got - value) <= 2e-2 * value, `row ${i} ${field}`)
          } else {
            same(got, value, `row ${i} ${metric}.${field}`)
          }
        }
      }
    })
    assert.deepEqual(monitoring.PerformanceCalculator.fromJson(calc.toJson()).calculate(data), rows)
  })
}

test('PerformanceCalculator refuses what it cannot compute, with codes', () => {
  const C = monitoring.PerformanceCalculator
  const base = cbpeOptions({})
  assert.throws(() => new C({ ...base, yPredProba: undefined }), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /roc_auc/.test(e.message))
  assert.throws(() => new C({ ...base, problemType: 'regression' }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  const calc = new C({ ...base, metrics: ['accuracy'], yPredProba: undefined }).fit(REFERENCE)
  const noTargets = { ...ANALYSIS }
  delete noTargets.work_home_actual
  assert.throws(() => calc.calculate(noTargets), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /not in the data/.test(e.message))
})
