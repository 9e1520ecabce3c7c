'use strict'
// monitoring.ChunkMonitor: a fitted calculator fed batch by batch gives, once flushed, exactly
// the calculator's rows over all the data (NannyML's synthetic binary data, uneven batches, by
// size and by calendar month); saved midway it carries on; a refused batch changes nothing.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { monitoring } = require('../../bindings-node')

const ROOT = path.join(__dirname, '..', '..')
const FEATURES = ['distance_from_office', 'salary_range', 'gas_price_per_litre', 'public_transportation_cost',
  'wfh_prev_workday', 'workday', 'tenure']
const TEXT = new Set(['timestamp', 'salary_range', 'wfh_prev_workday', 'workday'])

function frame (file) {
  const lines = fs.readFileSync(path.join(ROOT, 'examples', 'data', 'nannyml', file), 'utf8').trim().split(/\r?\n/)
  const header = lines[0].split(',')
  const rows = lines.slice(1).map((line) => line.split(','))
  const out = {}
  header.forEach((name, k) => {
    out[name] = TEXT.has(name)
      ? rows.map((r) => (r[k] === '' ? null : r[k]))
      : Float64Array.from(rows, (r) => (r[k] === '' ? NaN : Number(r[k])))
  })
  return out
}

const REFERENCE = frame('binary_reference.csv')
const ANALYSIS = frame('binary_analysis.csv')
const ROWS = ANALYSIS.y_pred.length

const slice = (data, a, b) => Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.slice(a, b)]))

/** Seventeen cut points from a fixed generator, so batches are uneven. */
function batches (seed) {
  let state = seed
  const cuts = new Set()
  while (cuts.size < 17) {
    state = (state * 1103515245 + 12345) % 2147483648
    cuts.add(1 + (state % (ROWS - 1)))
  }
  const ends = [...cuts].sort((a, b) => a - b)
  return [0, ...ends].map((start, i) => [start, i < ends.length ? ends[i] : ROWS])
}

const OUTPUTS = { yPredProba: 'y_pred_proba', yPred: 'y_pred', yTrue: 'work_home_actual', problemType: 'classification_binary' }

function calculators (chunking) {
  const common = { timestampColumnName: 'timestamp', ...chunking }
  return {
    univariate: () => new monitoring.UnivariateDriftCalculator({ columnNames: FEATURES, ...common }),
    reconstruction: () => new monitoring.DataReconstructionDriftCalculator({ columnNames: FEATURES, ...common }),
    cbpe: () => new monitoring.CBPE({ metrics: ['roc_auc', 'f1', 'confusion_matrix'], ...OUTPUTS, ...common }),
    realized: () => new monitoring.PerformanceCalculator({ metrics: ['roc_auc', 'accuracy'], ...OUTPUTS, ...common })
  }
}

const whole = (calc, data) => (calc instanceof monitoring.CBPE ? calc.estimate(data) : calc.calculate(data))

for (const [name, chunking] of [['size', { chunkSize: 700 }], ['month', { chunkPeriod: 'M' }],
  ['size-drop', { chunkSize: 600, incomplete: 'drop' }]]) {
  for (const [kind, make] of Object.entries(calculators(chunking))) {
    test(`pushed batches give the calculator's rows: ${kind} by ${name}`, () => {
      const calc = make().fit(REFERENCE)
      const want = whole(calc, ANALYSIS)
      let monitor = calc.monitor()
      batches(7).forEach(([a, b], i) => {
        if (i === 9) monitor = monitoring.ChunkMonitor.fromJson(monitor.toJson())
        monitor.push(slice(ANALYSIS, a, b))
      })
      monitor.flush()
      assert.equal(monitor.pendingRows, 0)
      assert.deepEqual(monitor.rows(), want)
    })
  }
}

test('chunks close as they fill; pushAsync resolves and takes turns', async () => {
  const calc = new monitoring.DataReconstructionDriftCalculator({ columnNames: FEATURES, chunkSize: 250 }).fit(REFERENCE)
  const monitor = calc.monitor()
  assert.equal(monitor.kind, 'DataReconstructionDriftCalculator')
  monitor.push(slice(ANALYSIS, 0, 600))
  const analysed = () => monitor.rows().filter((r) => r.chunk.period === 'analysis')
  assert.deepEqual(analysed().map((r) => r.chunk.key), ['[0:249]', '[250:499]'])
  assert.equal(monitor.pendingRows, 100)
  await Promise.all(batches(3).map(([a, b]) => monitor.pushAsync(slice(ANALYSIS, a, b))))
  assert.equal(analysed().length, Math.floor((ROWS + 600) / 250))
  assert.equal(monitor.pendingRows, (ROWS + 600) % 250)
})

test('a refused batch changes nothing', async () => {
  const monitor = calculators({ chunkPeriod: 'M' }).cbpe().fit(REFERENCE).monitor()
  monitor.push(slice(ANALYSIS, 0, 1000))
  const saved = monitor.toJson()
  const bad = slice(ANALYSIS, 1000, 1200)
  bad.y_pred_proba[50] = 1.5
  assert.throws(() => monitor.push(bad), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  assert.equal(monitor.toJson(), saved)
  assert.throws(() => monitor.push(slice(ANALYSIS, 10, 20)), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /has closed/.test(e.message))
  await assert.rejects(monitor.pushAsync(slice(ANALYSIS, 10, 20)), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  assert.equal(monitor.toJson(), saved)
  assert.throws(() => monitor.push({ y_pred: [1] }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  monitor.push(slice(ANALYSIS, 1000, 1200))
  assert.ok(monitor.pendingRows > 0)
})

test('what a stream cannot follow is refused', () => {
  const refuse = (calc, pattern) => assert.throws(() => calc.monitor(),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT' && pattern.test(e.message))
  refuse(new monitoring.UnivariateDriftCalculator({ columnNames: FEATURES }).fit(REFERENCE), /chunk_size or chunk_period/)
  refuse(new monitoring.UnivariateDriftCalculator({ columnNames: FEATURES, chunkSize: 100, incomplete: 'append' })
    .fit(REFERENCE), /append/)
  refuse(new monitoring.UnivariateDriftCalculator({ columnNames: FEATURES, chunkSize: 100 }), /fit the calculator/)
  assert.throws(() => monitoring.ChunkMonitor.fromJson('{"kind": "MMDDrift"}'), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  assert.throws(() => monitoring.ChunkMonitor.fromJson('[]'), (e) => /^EDGEKIT_/.test(e.code))
})

/** A CSV of examples/data/nannyml read as columns: numbers where every value is one, else text. */
function anyFrame (file) {
  const lines = fs.readFileSync(path.join(ROOT, 'examples', 'data', 'nannyml', file), 'utf8').trim().split(/\r?\n/)
  const header = lines[0].split(',')
  const rows = lines.slice(1).map((line) => line.split(','))
  return Object.fromEntries(header.map((name, k) => {
    const numeric = name !== 'timestamp' && rows.every((r) => r[k] === '' || !Number.isNaN(Number(r[k])))
    return [name, numeric ? Float64Array.from(rows, (r) => (r[k] === '' ? NaN : Number(r[k]))) : rows.map((r) => (r[k] === '' ? null : r[k]))]
  }))
}

test('every other calculator streams to its rows: multiclass, regression, DLE, domain classifier', async () => {
  const cards = ['highstreet_card', 'prepaid_card', 'upmarket_card']
  const multiclass = { problemType: 'classification_multiclass', classes: cards, yPredProba: cards.map((c) => `y_pred_proba_${c}`),
    yPred: 'y_pred', yTrue: 'y_true', timestampColumnName: 'timestamp' }
  const cars = ['car_age', 'km_driven', 'price_new', 'accident_count', 'door_count', 'fuel', 'transmission']
  const data = {
    multiclass: [anyFrame('multiclass_reference.csv'), anyFrame('multiclass_analysis.csv')],
    regression: [anyFrame('regression_reference.csv'), anyFrame('regression_analysis.csv')],
    binary: [slice(REFERENCE, 0, 1000), slice(ANALYSIS, 2000, 3500)]
  }
  const cases = [
    [new monitoring.CBPE({ metrics: ['f1', 'confusion_matrix'], chunkSize: 700, ...multiclass }), 'multiclass', 'estimate'],
    [new monitoring.PerformanceCalculator({ metrics: ['accuracy'], chunkPeriod: 'M', ...multiclass }), 'multiclass', 'calculate'],
    [new monitoring.PerformanceCalculator({ metrics: ['mae', 'rmse'], yPred: 'y_pred', yTrue: 'y_true', problemType: 'regression',
      chunkSize: 650, incomplete: 'drop' }), 'regression', 'calculate'],
    [new monitoring.DLE({ featureColumnNames: cars, yPred: 'y_pred', yTrue: 'y_true', metrics: ['mae'], chunkSize: 1500,
      hyperparameters: { n_estimators: 20 } }), 'regression', 'estimate'],
    [new monitoring.DomainClassifierCalculator({ featureColumnNames: FEATURES, chunkSize: 500, cvFoldsNum: 3,
      hyperparameters: { n_estimators: 10 } }), 'binary', 'calculate']
  ]
  for (const [calc, kind, method] of cases) {
    const [reference, analysis] = data[kind]
    calc.fit(reference)
    const want = calc[method](analysis)
    let monitor = calc.monitor()
    const rows = Object.values(analysis)[0].length
    const cuts = [0, 137, 138, 901, 1177, 1400, rows]
    for (let i = 0; i + 1 < cuts.length; i++) {
      if (i === 3) monitor = monitoring.ChunkMonitor.fromJson(monitor.toJson())
      await monitor.pushAsync(slice(analysis, cuts[i], cuts[i + 1]))
    }
    monitor.flush()
    assert.deepEqual(monitor.rows(), want, monitor.kind)
  }
})
