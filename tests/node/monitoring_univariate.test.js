'use strict'
// monitoring.UnivariateDriftCalculator against NannyML 0.13.1's UnivariateDriftCalculator on its
// own synthetic data (tests/vectors/nannyml_univariate.json, recorded by
// tests/vectors/generate_nannyml_univariate.py). Every value and threshold to 1e-9, alerts exactly.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { monitoring } = require('../../bindings-node')

const ROOT = path.join(__dirname, '..', '..')
const V = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'vectors', 'nannyml_univariate.json'), 'utf8'))
const TEXT = new Set(['timestamp', ...V.categorical])

function frame (file, unseen = false) {
  const lines = fs.readFileSync(path.join(ROOT, 'examples', 'data', 'nannyml', file), 'utf8').trim().split(/\r?\n/)
  const header = lines[0].split(',')
  const rows = lines.slice(1).map((line) => line.split(','))
  const out = {}
  header.forEach((name, k) => {
    if (TEXT.has(name)) {
      // The recorder's rule for the "unseen" case: every 53rd workday a "Holiday".
      out[name] = rows.map((r, i) => (unseen && name === 'workday' && i % 53 === 0 ? 'Holiday' : r[k] === '' ? null : r[k]))
    } else {
      out[name] = Float64Array.from(rows, (r) => (r[k] === '' ? NaN : Number(r[k])))
    }
  })
  return out
}

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase())
const REFERENCE = frame('binary_reference.csv')

function optionsOf (recorded) {
  const options = {
    columnNames: [...V.continuous, ...V.categorical],
    timestampColumnName: 'timestamp',
    continuousMethods: V.continuous_methods,
    categoricalMethods: V.categorical_methods
  }
  for (const [key, value] of Object.entries(recorded)) {
    if (key !== 'unseen') options[camel(key)] = value
  }
  return options
}

for (const kase of V.cases) {
  test(`univariate drift matches NannyML: ${JSON.stringify(kase.options)}`, async () => {
    const calc = new monitoring.UnivariateDriftCalculator(optionsOf(kase.options)).fit(REFERENCE)
    const analysis = frame('binary_analysis.csv', kase.options.unseen)
    const rows = calc.calculate(analysis)
    assert.equal(rows.length, kase.rows.length)
    let compared = 0
    rows.forEach((row, i) => {
      const want = kase.rows[i]
      for (const field of ['key', 'chunk_index', 'start_index', 'end_index', 'period']) {
        assert.deepEqual(row.chunk[camel(field)], want.chunk[field], `row ${i} ${field}`)
      }
      for (const cell of row.cells) {
        for (const [field, value] of Object.entries(want[cell.column][cell.method])) {
          const got = cell[camel(field)]
          const what = `row ${i} ${cell.column}.${cell.method}.${field}: ${got} vs ${value}`
          if (typeof value === 'number') {
            assert.ok(Math.abs(got - value) <= 1e-9 * Math.max(Math.abs(value), 1e-3), what)
          } else {
            assert.equal(got, value, what)
          }
          compared++
        }
      }
    })
    assert.equal(compared, rows.length * 32 * 4)
    assert.deepEqual(await calc.calculateAsync(analysis), rows)
    assert.deepEqual(monitoring.UnivariateDriftCalculator.fromJson(calc.toJson()).calculate(analysis), rows)
    JSON.stringify(rows)
  })
}

test('univariate drift: coded errors', async () => {
  const C = monitoring.UnivariateDriftCalculator
  const bad = [
    [{ columnNames: ['tenure'], continuousMethods: ['chi2'] }, 'EDGEKIT_INVALID_INPUT'],
    [{ columnNames: ['tenure'], continuousMethods: ['energy'] }, 'EDGEKIT_INVALID_INPUT'],
    [{ columnNames: 'tenure' }, 'EDGEKIT_INVALID_TYPE'],
    [{ columnNames: ['tenure'], chunkSize: 10, chunkNumber: 3 }, 'EDGEKIT_INVALID_INPUT']
  ]
  for (const [options, code] of bad) {
    assert.throws(() => new C(options), (e) => e.code === code, JSON.stringify(options))
  }
  const calc = new C({ columnNames: ['tenure', 'workday'], chunkSize: 1000 })
  assert.throws(() => calc.calculate(REFERENCE), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  await assert.rejects(calc.calculateAsync(REFERENCE), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  calc.fit(REFERENCE)
  const { tenure: _dropped, ...withoutTenure } = REFERENCE
  assert.throws(() => calc.calculate(withoutTenure), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /tenure/.test(e.message))
})

test('severity levels: critical where a cell alerts, warning where it leaves only the warning band', async () => {
  const narrow = { type: 'standard_deviation', stdLowerMultiplier: 1, stdUpperMultiplier: 1 }
  const analysis = frame('binary_analysis.csv')
  const levels = new Set()
  const check = (cell) => {
    const v = cell.value
    const outside = v !== null && ((cell.warningLowerThreshold !== null && v < cell.warningLowerThreshold) ||
      (cell.warningUpperThreshold !== null && v > cell.warningUpperThreshold))
    const want = cell.alert ? 'critical' : outside ? 'warning' : null
    assert.equal(cell.severity, want, JSON.stringify(cell))
    levels.add(want)
  }
  const univariate = new monitoring.UnivariateDriftCalculator({ columnNames: ['tenure', 'workday'], chunkSize: 500,
    warningThresholds: { jensen_shannon: narrow } }).fit(REFERENCE)
  for (const row of univariate.calculate(analysis)) row.cells.forEach(check)
  const reconstruction = new monitoring.DataReconstructionDriftCalculator({ columnNames: ['tenure', 'gas_price_per_litre'],
    chunkSize: 500, warningThreshold: narrow }).fit(REFERENCE)
  for (const row of await reconstruction.calculateAsync(analysis)) check(row.reconstructionError)
  const base = { yPredProba: 'y_pred_proba', yPred: 'y_pred', yTrue: 'work_home_actual', problemType: 'classification_binary', chunkSize: 500 }
  const cbpe = new monitoring.CBPE({ ...base, metrics: ['roc_auc', 'confusion_matrix'], warningThresholds: { roc_auc: narrow, confusion_matrix: narrow } })
    .fit(REFERENCE)
  for (const row of cbpe.estimate(analysis)) { check(row.rocAuc); row.confusionMatrix.forEach(check) }
  assert.deepEqual(monitoring.CBPE.fromJson(cbpe.toJson()).estimate(analysis), cbpe.estimate(analysis))
  const realized = new monitoring.PerformanceCalculator({ ...base, metrics: ['f1'], warningThresholds: { f1: narrow } }).fit(REFERENCE)
  for (const row of realized.calculate(analysis)) check(row.f1)
  assert.deepEqual([...levels].sort(), ['critical', 'warning', null].sort())
  assert.throws(() => new monitoring.CBPE({ ...base, metrics: ['f1'], warningThresholds: { f1: { type: 'constant', lower: 2, upper: 1 } } }),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT')
})
