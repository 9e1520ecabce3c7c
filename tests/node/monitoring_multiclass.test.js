'use strict'
// monitoring.CBPE and monitoring.PerformanceCalculator for multiclass models, and the confusion
// matrix of binary and multiclass models, against NannyML 0.13.1 on its own synthetic data
// (tests/vectors/nannyml_multiclass.json, recorded by tests/vectors/generate_nannyml_multiclass.py).
// Values to 1e-9; the ROC AUC sampling error to 2 % and its band to 3 × 2 % of it; the estimated
// multiclass ROC AUC to 5e-5 (tied scores; see core/tests/nannyml_multiclass.rs).

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { monitoring } = require('../../bindings-node')

const ROOT = path.join(__dirname, '..', '..')
const V = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'vectors', 'nannyml_multiclass.json'), 'utf8'))
const CLASSES = V.classes
const PROBA = CLASSES.map((c) => `y_pred_proba_${c}`)
const LABELS = new Set(['timestamp', 'y_pred', 'y_true'])

function frame (file, labels) {
  const lines = fs.readFileSync(path.join(ROOT, 'examples', 'data', 'nannyml', file), 'utf8').trim().split(/\r?\n/)
  const header = lines[0].split(',')
  const rows = lines.slice(1).map((line) => line.split(','))
  const out = {}
  header.forEach((name, k) => {
    out[name] = labels.has(name) ? rows.map((r) => r[k]) : Float64Array.from(rows, (r) => Number(r[k]))
  })
  return out
}

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase())
const lateTargets = (column) => Array.from(column, (t, i) => (i % 3 === 0 ? null : t))

function optionsOf (recorded, base) {
  const options = { ...base }
  for (const [key, value] of Object.entries(recorded)) {
    if (key !== 'late') options[camel(key)] = value
  }
  return options
}

/** A row in NannyML's layout: each confusion matrix cell as its own group. */
function groups (row, binary) {
  const out = { ...row }
  delete out.confusionMatrix
  for (const cell of row.confusionMatrix || []) {
    const { trueClass, predictedClass, ...fields } = cell
    const name = binary
      ? `${trueClass === predictedClass ? 'true' : 'false'}_${predictedClass === '1' ? 'positive' : 'negative'}`
      : `true_${trueClass}_pred_${predictedClass}`
    out[name] = fields
  }
  return out
}

function compare (rows, kase, binary, estimate) {
  assert.equal(rows.length, kase.rows.length)
  rows.forEach((row, i) => {
    const got = groups(row, binary)
    const want = kase.rows[i]
    for (const field of ['key', 'chunk_index', 'start_index', 'end_index', 'period']) {
      assert.deepEqual(got.chunk[camel(field)], want.chunk[field], `row ${i} ${field}`)
    }
    const tie = !binary && estimate ? 5e-5 : 1e-9
    for (const [group, fields] of Object.entries(want)) {
      if (group === 'chunk') continue
      const mine = got[group.startsWith('true_') || group.startsWith('false_') ? group : camel(group)]
      assert.ok(mine, `row ${i}: no ${group}`)
      const se = fields.sampling_error || 0
      for (const [field, value] of Object.entries(fields)) {
        const g = mine[camel(field)]
        const what = `row ${i} ${group}.${field}: ${g} vs ${value}`
        if (value === null || typeof value === 'boolean') {
          assert.equal(g, value, what)
        } else if (group === 'roc_auc' && field === 'sampling_error') {
          assert.ok(Math.abs(g - value) <= 2e-2 * value, what)
        } else if (group === 'roc_auc' && field.endsWith('confidence_boundary')) {
          assert.ok(Math.abs(g - value) <= 0.06 * se + tie, what)
        } else if (group === 'roc_auc' && field === 'value') {
          assert.ok(Math.abs(g - value) <= tie * Math.max(1, Math.abs(value)), what)
        } else {
          assert.ok(Math.abs(g - value) <= 1e-9 * Math.max(1, Math.abs(value)), what)
        }
      }
    }
  })
  JSON.stringify(rows)
}

const REFERENCE = frame('multiclass_reference.csv', LABELS)
const ANALYSIS = frame('multiclass_analysis.csv', LABELS)
const MULTICLASS = {
  metrics: V.metrics,
  classes: CLASSES,
  yPredProba: PROBA,
  yPred: 'y_pred',
  yTrue: 'y_true',
  problemType: 'classification_multiclass',
  timestampColumnName: 'timestamp'
}

for (const kase of V.cbpe) {
  test(`multiclass CBPE matches NannyML: ${JSON.stringify(kase.options)}`, () => {
    const decided = new Set(Object.values(kase.calibrated))
    assert.equal(decided.size, 1) // the recorded decisions agree across classes: force that one
    const options = optionsOf(kase.options, { ...MULTICLASS, calibrate: [...decided][0] })
    const estimator = new monitoring.CBPE(options).fit(REFERENCE)
    const data = { ...ANALYSIS }
    if (kase.options.late) delete data.y_true
    compare(estimator.estimate(data), kase, false, true)
  })
}

for (const kase of V.performance) {
  test(`multiclass PerformanceCalculator matches NannyML: ${JSON.stringify(kase.options)}`, async () => {
    const calc = new monitoring.PerformanceCalculator(optionsOf(kase.options, MULTICLASS)).fit(REFERENCE)
    const data = kase.options.late ? { ...ANALYSIS, y_true: lateTargets(ANALYSIS.y_true) } : ANALYSIS
    const rows = calc.calculate(data)
    compare(rows, kase, false, false)
    assert.deepEqual(await calc.calculateAsync(data), rows)
    assert.deepEqual(monitoring.PerformanceCalculator.fromJson(calc.toJson()).calculate(data), rows)
  })
}

const BINARY_REFERENCE = frame('binary_reference.csv', new Set(['timestamp', 'salary_range', 'workday']))
const BINARY_ANALYSIS = frame('binary_analysis.csv', new Set(['timestamp', 'salary_range', 'workday']))

V.binary_cbpe.forEach((kase, k) => {
  test(`binary confusion matrix matches NannyML: ${JSON.stringify(kase.options)}`, () => {
    const base = {
      metrics: ['confusion_matrix', 'f1'],
      yPredProba: 'y_pred_proba',
      yPred: 'y_pred',
      yTrue: 'work_home_actual',
      problemType: 'classification_binary',
      timestampColumnName: 'timestamp'
    }
    const data = kase.options.late
      ? { ...BINARY_ANALYSIS, work_home_actual: lateTargets(BINARY_ANALYSIS.work_home_actual) }
      : BINARY_ANALYSIS
    const estimator = new monitoring.CBPE(optionsOf(kase.options, { ...base, calibrate: kase.needs_calibration }))
      .fit(BINARY_REFERENCE)
    compare(estimator.estimate(data), kase, true, true)
    const calc = new monitoring.PerformanceCalculator(optionsOf(kase.options, base)).fit(BINARY_REFERENCE)
    compare(calc.calculate(data), V.binary_performance[k], true, false)
  })
})

test('multiclass CBPE: async twin, saved state, numeric labels and coded errors', async () => {
  const options = { ...MULTICLASS, metrics: ['f1', 'confusion_matrix'], chunkSize: 1000, timestampColumnName: undefined }
  const estimator = new monitoring.CBPE(options).fit(REFERENCE)
  assert.equal(estimator.problemType, 'classification_multiclass')
  assert.equal(estimator.calibratedClasses.length, 3)
  const want = estimator.estimate(ANALYSIS)
  assert.deepEqual(want[0].confusionMatrix[1], { ...want[0].confusionMatrix[1], trueClass: CLASSES[0], predictedClass: CLASSES[1] })
  assert.deepEqual(await estimator.estimateAsync(ANALYSIS), want)
  assert.deepEqual(monitoring.CBPE.fromJson(estimator.toJson()).estimate(ANALYSIS), want)
  // Numbers as labels, matched by their decimal form.
  const codes = (column) => Float64Array.from(column, (c) => CLASSES.indexOf(c))
  const numeric = { ...REFERENCE, y_pred: codes(REFERENCE.y_pred), y_true: codes(REFERENCE.y_true) }
  const byNumber = new monitoring.CBPE({ ...options, classes: ['0', '1', '2'] }).fit(numeric)
  const rows = byNumber.estimate({ ...numeric })
  assert.equal(rows[0].confusionMatrix[5].trueClass, '1')
  const C = monitoring.CBPE
  const bad = [
    [{ ...options, classes: ['a', 'b'] }, 'EDGEKIT_INVALID_INPUT'],
    [{ ...options, classes: 'abc' }, 'EDGEKIT_INVALID_TYPE'],
    [{ ...options, yPredProba: PROBA[0] }, 'EDGEKIT_INVALID_TYPE'],
    [{ ...options, normalizeConfusionMatrix: 'rows' }, 'EDGEKIT_INVALID_INPUT']
  ]
  for (const [given, code] of bad) {
    assert.throws(() => new C(given), (e) => e.code === code, JSON.stringify(given))
  }
  const unknown = { ...ANALYSIS, y_pred: ANALYSIS.y_pred.map((c, i) => (i === 7 ? 'gold_card' : c)) }
  assert.throws(() => estimator.estimate(unknown), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /gold_card/.test(e.message))
  await assert.rejects(estimator.estimateAsync({ ...ANALYSIS, y_pred: null }), (e) => e.code.startsWith('EDGEKIT_'))
  const twice = new C({ ...options, classes: ['a', 'a', 'b'], yPredProba: PROBA })
  assert.throws(() => twice.fit({ ...REFERENCE, y_pred: REFERENCE.y_pred.map(() => 'a'), y_true: REFERENCE.y_true.map(() => 'b') }),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /twice/.test(e.message))
})
