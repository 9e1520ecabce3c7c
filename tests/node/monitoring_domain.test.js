'use strict'
// monitoring.DomainClassifierCalculator against NannyML 0.13.1's (LightGBM classifiers,
// stratified k-fold) on its synthetic binary data (tests/vectors/nannyml_domain.json, recorded by
// tests/vectors/generate_nannyml_domain.py). Keys, indices and periods exactly; each AUC within
// two standard errors of an AUC of 0.5 between the chunk and the rows it is told from (see
// core/tests/nannyml_domain.rs); thresholds to 0.005; alerts wherever NannyML's value lies clear.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { monitoring } = require('../../bindings-node')

const ROOT = path.join(__dirname, '..', '..')
const V = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'vectors', 'nannyml_domain.json'), 'utf8'))
const FEATURES = V.provenance.features
const LABELS = new Set(['timestamp', 'salary_range', 'wfh_prev_workday', 'workday'])
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase())

function frame (file, unseen) {
  const lines = fs.readFileSync(path.join(ROOT, 'examples', 'data', 'nannyml', file), 'utf8').trim().split(/\r?\n/)
  const header = lines[0].split(',')
  const rows = lines.slice(1).map((line) => line.split(','))
  const out = {}
  header.forEach((name, k) => {
    if (LABELS.has(name)) {
      // The recorder's rule for the "unseen" case: every 53rd workday a "Holiday".
      out[name] = rows.map((r, i) => (unseen && name === 'workday' && i % 53 === 0 ? 'Holiday' : (r[k] === '' ? null : r[k])))
    } else {
      out[name] = Float64Array.from(rows, (r) => (r[k] === '' ? NaN : Number(r[k])))
    }
  })
  return out
}

const nullAucError = (a, b) => Math.sqrt((a + b + 1) / (12 * a * b))

function optionsOf (recorded) {
  const options = { featureColumnNames: FEATURES, timestampColumnName: 'timestamp' }
  for (const [key, value] of Object.entries(recorded)) {
    if (key !== 'unseen') options[camel(key)] = value
  }
  return options
}

test('the domain classifier stays close to NannyML', async () => {
  const reference = frame('binary_reference.csv', false)
  const referenceRows = reference.timestamp.length
  for (const kase of V.domain) {
    const calc = new monitoring.DomainClassifierCalculator(optionsOf(kase.options))
    await calc.fitAsync(reference)
    const rows = await calc.calculateAsync(frame('binary_analysis.csv', kase.options.unseen))
    assert.equal(rows.length, kase.rows.length)
    rows.forEach((got, i) => {
      const want = kase.rows[i]
      for (const f of ['key', 'chunk_index', 'start_index', 'end_index', 'period']) {
        assert.equal(got.chunk[camel(f)], want.chunk[f], `${i} ${f}`)
      }
      const size = want.chunk.end_index - want.chunk.start_index + 1
      const se = nullAucError(size, want.chunk.period === 'reference' ? referenceRows - size : referenceRows)
      const g = got.domainClassifierAuroc
      const w = want.domain_classifier_auroc
      assert.ok(Math.abs(g.value - w.value) <= 2 * se, `${i}: ${g.value} vs ${w.value}`)
      assert.equal(g.samplingError, null)
      for (const t of ['lower_threshold', 'upper_threshold']) {
        assert.ok(Math.abs(g[camel(t)] - w[t]) <= 0.005, `${i} ${t}`)
      }
      if (['lower_threshold', 'upper_threshold'].every((t) => Math.abs(w[t] - w.value) > 2 * se + 0.005)) {
        assert.equal(g.alert, w.alert, `${i} alert`)
      }
    })
    const restored = monitoring.DomainClassifierCalculator.fromJson(calc.toJson())
    assert.deepEqual(restored.thresholds, calc.thresholds)
  }
})

test('the domain classifier names bad input', async () => {
  const reference = frame('binary_reference.csv', false)
  const code = (fn, pattern, c = 'EDGEKIT_INVALID_INPUT') => assert.throws(fn, (e) => e.code === c && pattern.test(e.message))
  code(() => new monitoring.DomainClassifierCalculator({ featureColumnNames: [] }), /featureColumnNames/)
  code(() => new monitoring.DomainClassifierCalculator({ featureColumnNames: FEATURES }).calculate(reference), /before calculate/)
  code(() => new monitoring.DomainClassifierCalculator({ featureColumnNames: ['nope'], chunkSize: 500 }).fit(reference), /nope/)
  code(() => new monitoring.DomainClassifierCalculator({ featureColumnNames: FEATURES, cvFoldsNum: 1000 }), /cv_folds_num|cvFoldsNum/, 'EDGEKIT_LIMIT_EXCEEDED')
  code(() => new monitoring.DomainClassifierCalculator({ featureColumnNames: FEATURES, cvFoldsNum: 2 ** 53 }), /cvFoldsNum/, 'EDGEKIT_INVALID_TYPE')
  code(() => new monitoring.DomainClassifierCalculator({ featureColumnNames: FEATURES, chunkSize: 0 }), /chunk/, 'EDGEKIT_LIMIT_EXCEEDED')
  code(() => monitoring.DomainClassifierCalculator.fromJson('{"fitted": {}}'), /not a saved/)
  assert.equal(new monitoring.DomainClassifierCalculator({ featureColumnNames: FEATURES }).thresholds, null)
  const { tenure: _, ...noTenure } = reference
  await assert.rejects(new monitoring.DomainClassifierCalculator({ featureColumnNames: FEATURES, chunkSize: 500 }).fitAsync(noTenure)
    .catch((e) => { throw e }), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /tenure/.test(e.message))
})
