'use strict'
// monitoring beyond monitoring.test.js: MMDDrift and realized regression performance.
// MMDDrift against a direct numpy computation of alibi-detect's MMDDrift
// (tests/vectors/mmd_multivariate.json, recorded by tests/vectors/generate_mmd.py). Bandwidth and
// observed MMD² to 1e-10 relative; the p-value (1,000 seeded permutations against the
// recording's 20,000) inside the binomial band of the recorded one, as in the Rust and Python tests.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { monitoring } = require('../../bindings-node')

const ROOT = path.join(__dirname, '..', '..')
const V = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'vectors', 'mmd_multivariate.json'), 'utf8'))

function frame (file) {
  const lines = fs.readFileSync(path.join(ROOT, 'examples', 'data', 'nannyml', file), 'utf8').trim().split('\n')
  const header = lines[0].split(',')
  const rows = lines.slice(1).map((line) => line.split(','))
  return (columns, [start, end]) => {
    const out = {}
    for (const name of columns) {
      const k = header.indexOf(name)
      out[name] = Float64Array.from(rows.slice(start, end), (r) => Number(r[k]))
    }
    return out
  }
}
const REFERENCE = frame('binary_reference.csv')
const ANALYSIS = frame('binary_analysis.csv')
const close = (a, b, tol) => Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b))

for (const kase of V.cases) {
  test(`MMDDrift matches the direct computation: ${kase.name}`, async () => {
    const options = { columnNames: kase.columns, nPermutations: 1000, seed: 7 }
    if (kase.sigma !== null) options.sigma = kase.sigma
    const detector = new monitoring.MMDDrift(options).fit(REFERENCE(kase.columns, kase.reference_rows))
    const data = ANALYSIS(kase.columns, kase.current_rows)
    const got = detector.predict(data)
    const want = kase.expected
    assert.ok(close(got.sigma, want.sigma, 1e-12) && close(detector.sigma, want.sigma, 1e-12))
    assert.ok(close(got.distance, want.distance, 1e-10), `${got.distance} vs ${want.distance}`)
    const p = want.p_val
    assert.ok(Math.abs(got.pVal - p) <= 4.5 * Math.sqrt(p * (1 - p) / 1000) + 0.002, `${got.pVal} vs ${p}`)
    assert.equal(got.isDrift, got.pVal < 0.05)
    assert.ok(Math.abs(got.distanceThreshold - want.distance_threshold_05) <= 0.25 * want.distance_threshold_05)
    assert.deepEqual(await detector.predictAsync(data), got)
    assert.deepEqual(Object.keys(got).sort(), ['distance', 'distanceThreshold', 'isDrift', 'pVal', 'sigma', 'threshold'])
  })
}

test('MMDDrift takes plain arrays, saves and loads back, and names bad input', async () => {
  const columns = ['gas_price_per_litre', 'tenure']
  const typed = REFERENCE(columns, [0, 200])
  const plain = Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, Array.from(v)]))
  const x = ANALYSIS(columns, [0, 150])
  const detector = new monitoring.MMDDrift({ columnNames: columns, nPermutations: 50 }).fit(typed)
  const same = new monitoring.MMDDrift({ columnNames: columns, nPermutations: 50 }).fit(plain)
  assert.deepEqual(same.predict(x), detector.predict(x))
  const restored = monitoring.MMDDrift.fromJson(detector.toJson())
  assert.deepEqual(restored.predict(x), detector.predict(x))
  const code = (fn, expected, pattern) => assert.throws(fn, (e) => e.code === expected && pattern.test(e.message))
  code(() => new monitoring.MMDDrift({ columnNames: [] }), 'EDGEKIT_INVALID_INPUT', /at least one/)
  code(() => new monitoring.MMDDrift({ columnNames: columns, pVal: 2 }), 'EDGEKIT_INVALID_INPUT', /pVal|p_val/)
  code(() => new monitoring.MMDDrift({ columnNames: columns, nPermutations: 1e15 }), 'EDGEKIT_LIMIT_EXCEEDED', /nPermutations|n_permutations/)
  code(() => new monitoring.MMDDrift({ columnNames: columns }).predict(x), 'EDGEKIT_INVALID_INPUT', /fit the detector/)
  code(() => detector.predict({ gas_price_per_litre: [1, 2] }), 'EDGEKIT_INVALID_INPUT', /missing the column "tenure"/)
  code(() => detector.predict({ gas_price_per_litre: [1, 2], tenure: [1] }), 'EDGEKIT_INVALID_INPUT', /has 1 values/)
  code(() => detector.predict({ gas_price_per_litre: [1, null], tenure: [1, 2] }), 'EDGEKIT_INVALID_INPUT', /row 1, column 0 is NaN/)
  code(() => monitoring.MMDDrift.fromJson('{"column_names": ["a"], "fitted": {}}'), 'EDGEKIT_INVALID_INPUT', /not a saved/)
  await assert.rejects(new monitoring.MMDDrift({ columnNames: columns }).fit(typed).predictAsync({ tenure: [1] }).catch((e) => { throw e }),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT')
})

// Realized regression performance (NannyML's PerformanceCalculator, problemType 'regression') on
// its synthetic car price data: every value, sampling error and threshold to 1e-9 relative.
const NML = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'vectors', 'nannyml.json'), 'utf8'))
function regressionFrame (file) {
  const lines = fs.readFileSync(path.join(ROOT, 'examples', 'data', 'nannyml', file), 'utf8').trim().split('\n')
  const header = lines[0].split(',')
  const rows = lines.slice(1).map((l) => l.split(','))
  const column = (name) => Float64Array.from(rows, (r) => Number(r[header.indexOf(name)]))
  return { timestamp: rows.map((r) => r[header.indexOf('timestamp')]), y_pred: column('y_pred'), y_true: column('y_true') }
}

test('PerformanceCalculator matches NannyML for regression', async () => {
  const reference = regressionFrame('regression_reference.csv')
  const analysis = regressionFrame('regression_analysis.csv')
  for (const kase of NML.regression) {
    const { late, thresholds, chunk_size: chunkSize, chunk_number: chunkNumber, chunk_period: chunkPeriod, metrics } = kase.options
    const options = { yPred: 'y_pred', yTrue: 'y_true', problemType: 'regression', timestampColumnName: 'timestamp', metrics }
    if (chunkSize) options.chunkSize = chunkSize
    if (chunkNumber) options.chunkNumber = chunkNumber
    if (chunkPeriod) options.chunkPeriod = chunkPeriod
    if (thresholds) options.thresholds = thresholds
    const calc = new monitoring.PerformanceCalculator(options).fit(reference)
    assert.equal(calc.problemType, 'regression')
    const data = late ? { ...analysis, y_true: analysis.y_true.map((v, i) => (i % 3 === 0 ? NaN : v)) } : analysis
    const rows = await calc.calculateAsync(data)
    assert.equal(rows.length, kase.rows.length)
    rows.forEach((got, i) => {
      const want = kase.rows[i]
      for (const f of ['key', 'chunk_index', 'start_index', 'end_index', 'period']) {
        assert.equal(got.chunk[f.replace(/_([a-z])/g, (_, c) => c.toUpperCase())], want.chunk[f], `${i} ${f}`)
      }
      assert.ok(close(got.chunk.targetsMissingRate, want.chunk.targets_missing_rate, 1e-12) || want.chunk.targets_missing_rate === 0)
      for (const metric of metrics) {
        for (const [field, value] of Object.entries(want[metric])) {
          const g = got[metric][field.replace(/_([a-z])/g, (_, c) => c.toUpperCase())]
          if (typeof value === 'number') assert.ok(close(g, value, 1e-9), `${i} ${metric}.${field}: ${g} vs ${value}`)
          else assert.equal(g, value, `${i} ${metric}.${field}`)
        }
      }
    })
    const restored = monitoring.PerformanceCalculator.fromJson(calc.toJson())
    assert.equal(restored.problemType, 'regression')
    assert.deepEqual(restored.calculate(data), rows)
  }
  const code = (fn, pattern) => assert.throws(fn, (e) => e.code === 'EDGEKIT_INVALID_INPUT' && pattern.test(e.message))
  code(() => new monitoring.PerformanceCalculator({ yTrue: 'y', problemType: 'regression', metrics: ['mae'] }), /yPred is required/)
  code(() => new monitoring.PerformanceCalculator({ yTrue: 'y', yPred: 'p', problemType: 'regression', metrics: ['roc_auc'] }), /metrics/)
  code(() => new monitoring.CBPE({ yTrue: 'y', yPred: 'p', yPredProba: 'q', problemType: 'regression', metrics: ['f1'] }), /problemType/)
  code(() => new monitoring.PerformanceCalculator({ yTrue: 'y', yPred: 'p', problemType: 'regression', metrics: ['msle'] })
    .fit({ y: [1, 2, 3], p: [1, -5, 3] }), /yPred\[1\]|y_pred\[1\]/)
})
