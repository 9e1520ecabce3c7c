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
