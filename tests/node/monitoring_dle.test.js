'use strict'
// monitoring.DLE against NannyML 0.13.1's DLE (LightGBM loss models) on its car price data
// (tests/vectors/nannyml_dle.json, recorded by tests/vectors/generate_nannyml_dle.py).
// Sampling errors, thresholds and realized values to 1e-9; the estimates and their bands within
// one of NannyML's sampling errors of the chunk (see core/tests/nannyml_dle.rs); alerts exactly
// wherever NannyML's estimate lies farther than that from a threshold.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { monitoring } = require('../../bindings-node')

const ROOT = path.join(__dirname, '..', '..')
const V = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'vectors', 'nannyml_dle.json'), 'utf8'))
const FEATURES = V.provenance.features
const LABELS = new Set(['timestamp', 'fuel', 'transmission'])
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase())

function frame (file) {
  const lines = fs.readFileSync(path.join(ROOT, 'examples', 'data', 'nannyml', file), 'utf8').trim().split(/\r?\n/)
  const header = lines[0].split(',')
  const rows = lines.slice(1).map((line) => line.split(','))
  const out = {}
  header.forEach((name, k) => {
    out[name] = LABELS.has(name) ? rows.map((r) => r[k]) : Float64Array.from(rows, (r) => Number(r[k]))
  })
  return out
}

/** The recorder's rule: every 97th km_driven and 89th fuel missing, every 53rd analysis
 * transmission unseen. */
function holes (data, analysis) {
  return {
    ...data,
    km_driven: data.km_driven.map((v, i) => (i % 97 === 0 ? NaN : v)),
    fuel: data.fuel.map((v, i) => (i % 89 === 0 ? null : v)),
    transmission: data.transmission.map((v, i) => (analysis && i % 53 === 0 ? 'semi-automatic' : v))
  }
}

function optionsOf (recorded) {
  const options = { featureColumnNames: FEATURES, yPred: 'y_pred', yTrue: 'y_true', timestampColumnName: 'timestamp' }
  for (const [key, value] of Object.entries(recorded)) {
    if (key !== 'late' && key !== 'holes') options[camel(key)] = value
  }
  return options
}

function dataOf (recorded) {
  let reference = frame('regression_reference.csv')
  let analysis = frame('regression_analysis.csv')
  if (recorded.holes) {
    reference = holes(reference, false)
    analysis = holes(analysis, true)
  }
  if (recorded.late) {
    analysis = { ...analysis, y_true: analysis.y_true.map((v, i) => (i % 3 === 0 ? NaN : v)) }
  } else {
    const { y_true: _, ...rest } = analysis
    analysis = rest
  }
  return { reference, analysis }
}

const close = (a, b, rel) => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), 1e-12)

test('DLE estimates stay within NannyML\'s sampling error', async () => {
  for (const kase of V.dle) {
    const { reference, analysis } = dataOf(kase.options)
    const estimator = new monitoring.DLE(optionsOf(kase.options))
    await estimator.fitAsync(reference)
    const rows = await estimator.estimateAsync(analysis)
    assert.equal(rows.length, kase.rows.length)
    const metrics = estimator.metrics
    rows.forEach((got, i) => {
      const want = kase.rows[i]
      for (const f of ['key', 'chunk_index', 'start_index', 'end_index', 'period']) {
        assert.equal(got.chunk[camel(f)], want.chunk[f], `${i} ${f}`)
      }
      for (const metric of metrics) {
        const g = got[metric]
        const w = want[metric]
        for (const field of ['sampling_error', 'realized', 'upper_threshold', 'lower_threshold']) {
          if (w[field] === null) assert.equal(g[camel(field)], null, `${i} ${metric}.${field}`)
          else assert.ok(close(g[camel(field)], w[field], 1e-9), `${i} ${metric}.${field}: ${g[camel(field)]} vs ${w[field]}`)
        }
        const sigma = w.sampling_error
        for (const field of ['value', 'upper_confidence_boundary', 'lower_confidence_boundary']) {
          assert.ok(Math.abs(g[camel(field)] - w[field]) <= sigma, `${i} ${metric}.${field}`)
        }
        const clear = ['lower_threshold', 'upper_threshold'].every((t) => w[t] === null || Math.abs(w[t] - w.value) > sigma)
        if (clear) assert.equal(g.alert, w.alert, `${i} ${metric}.alert`)
      }
    })
    const restored = monitoring.DLE.fromJson(estimator.toJson())
    assert.deepEqual(restored.estimate(analysis), rows)
    assert.deepEqual(restored.metrics, metrics)
    assert.doesNotThrow(() => JSON.stringify(rows))
  }
})

test('DLE reads LightGBM hyperparameter maps and names bad input', async () => {
  const reference = frame('regression_reference.csv')
  const base = { featureColumnNames: FEATURES, yPred: 'y_pred', yTrue: 'y_true', chunkSize: 1000, metrics: ['mae'] }
  const plain = new monitoring.DLE(base).fit(reference)
  const nannyml = new monitoring.DLE({
    ...base,
    hyperparameters: { boosting_type: 'gbdt', n_estimators: 100, num_leaves: 31, n_jobs: -1, random_state: 13, subsample: 1.0 }
  }).fit(reference)
  assert.deepEqual(nannyml.estimate(reference), plain.estimate(reference))
  const aliased = new monitoring.DLE({ ...base, hyperparameters: { numLeaves: 7, minDataInLeaf: 50 } }).fit(reference)
  assert.notDeepEqual(aliased.estimate(reference), plain.estimate(reference))
  const code = (fn, pattern) => assert.throws(fn, (e) => e.code === 'EDGEKIT_INVALID_INPUT' && pattern.test(e.message))
  code(() => new monitoring.DLE({ ...base, hyperparameters: { subsample: 0.5 } }), /subsample = 0.5/)
  assert.throws(() => new monitoring.DLE({ ...base, hyperparameters: { numLeafs: 8 } }),
    (e) => e.code === 'EDGEKIT_INVALID_TYPE' && /numLeafs/.test(e.message))
  code(() => new monitoring.DLE({ ...base, featureColumnNames: [] }), /featureColumnNames/)
  code(() => new monitoring.DLE({ ...base, yPred: undefined }), /yPred is required/)
  code(() => new monitoring.DLE(base).estimate(reference), /before estimate/)
  const { fuel: _, ...noFuel } = reference
  code(() => plain.estimate(noFuel), /missing the columns/)
  code(() => plain.estimate({ ...reference, y_pred: reference.y_pred.map(() => NaN) }), /y_pred/)
  code(() => monitoring.DLE.fromJson('{}'), /not a saved DLE/)
  assert.throws(() => new monitoring.DLE({ ...base, hyperparameters: { numLeaves: 2 ** 40 } }), (e) => e.code === 'EDGEKIT_LIMIT_EXCEEDED')
  await assert.rejects(new monitoring.DLE(base).fitAsync({ ...reference, y_true: reference.y_true.map(() => NaN) }),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /no targets/.test(e.message))
})
