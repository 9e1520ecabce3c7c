'use strict'
// calibration against scikit-learn and the conformal formula (tests/vectors/calibration.json,
// recorded by tests/vectors/generate_calibration.py); tolerances as in
// core/tests/calibration_vectors.rs (Platt to 1e-6: scikit-learn's L-BFGS stops at a gradient of
// 1e-6; everything else to 1e-12).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { calibration } = require('../../bindings-node')

const ROOT = path.join(__dirname, '..', '..')
const V = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'vectors', 'calibration.json'), 'utf8'))

function binary (file) {
  const lines = fs.readFileSync(path.join(ROOT, 'examples', 'data', 'nannyml', file), 'utf8').trim().split('\n')
  const header = lines[0].split(',')
  const [p, y] = ['y_pred_proba', 'work_home_actual'].map((n) => header.indexOf(n))
  const rows = lines.slice(1).map((l) => l.split(','))
  return { p: Float64Array.from(rows, (r) => Number(r[p])), y: Float64Array.from(rows, (r) => Number(r[y])) }
}
const REF = binary('binary_reference.csv')
const ANA = binary('binary_analysis.csv')
const margins = (p) => p.map((v) => { const c = Math.min(Math.max(v, 0.005), 0.995); return 3 * Math.log(c / (1 - c)) })

function nfl (first, last) {
  const out = { total: [], line: [], group: [] }
  const lines = fs.readFileSync(path.join(ROOT, 'examples', 'data', 'spreadspoke_scores.csv'), 'utf8').split(/\r?\n/).slice(1)
  for (const row of lines) {
    const c = row.split(',')
    const [season, home, away, ou] = [c[1], c[5], c[6], c[10]].map((v) => (v === undefined || v === '' ? NaN : Number(v)))
    if ([season, home, away, ou].some(Number.isNaN) || season < first || season > last) continue
    out.total.push(home + away)
    out.line.push(ou)
    out.group.push(c[16] === 'indoor' ? 'indoor' : 'outdoor')
  }
  return out
}

const near = (got, want, tol, what) => {
  assert.equal(got.length, want.length, what)
  got.forEach((g, i) => assert.ok(Math.abs(g - want[i]) <= tol * Math.max(1, Math.abs(want[i])), `${what}[${i}]: ${g} vs ${want[i]}`))
}

test('reliability curves match scikit-learn', () => {
  for (const c of V.curves) {
    const curve = calibration.reliabilityCurve(ANA.y, ANA.p, { nBins: c.n_bins, strategy: c.strategy })
    near(curve.probTrue, c.prob_true, 1e-12, 'probTrue')
    near(curve.probPred, c.prob_pred, 1e-12, 'probPred')
    near(curve.binEdges, c.bin_edges, 1e-12, 'binEdges')
    assert.deepEqual(curve.counts, c.counts)
    near([curve.ece, curve.mce, curve.brier], [c.ece, c.mce, c.brier], 1e-12, 'errors')
  }
})

test('Platt and isotonic calibration match scikit-learn', () => {
  for (const c of V.calibrators) {
    const [fit, fresh] = c.scores === 'margins' ? [margins(REF.p), margins(ANA.p)] : [REF.p, ANA.p]
    const sampled = fresh.filter((_, i) => i % c.analysis_every === 0)
    const sigmoid = new calibration.Calibrator({ method: 'sigmoid' }).fit(fit, REF.y)
    near(sigmoid.sigmoidParameters, [c.sigmoid.a, c.sigmoid.b], 1e-6, 'a, b')
    near(sigmoid.predict(sampled), c.sigmoid.analysis, 1e-7, 'sigmoid')
    near(sigmoid.predict(c.probe), c.sigmoid.probe, 1e-7, 'sigmoid probe')
    const isotonic = new calibration.Calibrator({ method: 'isotonic' }).fit(Array.from(fit), Array.from(REF.y))
    near(isotonic.predict(sampled), c.isotonic.analysis, 1e-12, 'isotonic')
    near(isotonic.predict(c.probe), c.isotonic.probe, 1e-12, 'isotonic probe')
    assert.equal(isotonic.sigmoidParameters, null)
    const after = calibration.reliabilityCurve(ANA.y, isotonic.predict(fresh), { nBins: 10 })
    near([after.ece], [c.analysis_curve_after.isotonic.ece], 1e-12, 'ece after')
    assert.deepEqual(calibration.Calibrator.fromJson(sigmoid.toJson()).predict(c.probe), sigmoid.predict(c.probe))
  }
})

test('conformal regression matches the formula on NFL totals', () => {
  const cal = nfl(2000, 2012)
  const hold = nfl(2013, 2024)
  for (const c of V.regression) {
    const fitted = new calibration.ConformalRegressor({ alpha: c.alpha }).fit(cal.total, cal.line, c.grouped ? cal.group : undefined)
    assert.deepEqual({ ...fitted.halfWidths }, c.half_widths)
    const result = fitted.evaluate(hold.total, hold.line, c.grouped ? hold.group : undefined)
    assert.equal(result.n, c.n)
    near([result.coverage, result.meanSize], [c.coverage, c.mean_width], 1e-12, 'coverage, width')
    const { lower, upper } = fitted.predict(hold.line.slice(0, 3), c.grouped ? hold.group.slice(0, 3) : undefined)
    assert.ok(lower instanceof Float64Array && upper[0] > lower[0])
    assert.deepEqual({ ...calibration.ConformalRegressor.fromJson(fitted.toJson()).halfWidths }, c.half_widths)
  }
})

test('conformal sets match the formula on the NannyML classifier', () => {
  const columns = (p) => [p.map((v) => 1 - v), p]
  for (const c of V.classification) {
    const fitted = new calibration.ConformalClassifier({ alpha: c.alpha, classConditional: c.class_conditional })
      .fit(columns(REF.p), REF.y)
    near(fitted.thresholds, c.thresholds, 1e-12, 'thresholds')
    const result = fitted.evaluate(columns(ANA.p), ANA.y)
    near([result.coverage, result.meanSize], [c.coverage, c.mean_size], 1e-12, 'coverage, size')
    const sets = fitted.predictSets(columns(ANA.p.subarray(0, 20)))
    assert.deepEqual(sets, c.first_sets.map((row) => row.flatMap((inside, k) => (inside ? [k] : []))))
    const restored = calibration.ConformalClassifier.fromJson(fitted.toJson())
    assert.deepEqual(restored.predictSets(columns(ANA.p.subarray(0, 20))), sets)
  }
})

test('bad input carries an EDGEKIT code', () => {
  const code = (fn, expected, pattern) => assert.throws(fn, (e) => e.code === expected && pattern.test(e.message))
  code(() => new calibration.ConformalRegressor({ alpha: 0.1 }).fit([1, 2, 3], [1, 2, 3]), 'EDGEKIT_INVALID_INPUT', /at least 9/)
  code(() => new calibration.ConformalRegressor({ alpha: 2 }), 'EDGEKIT_INVALID_INPUT', /alpha/)
  code(() => calibration.reliabilityCurve([0, 1], [0.2, 1.5]), 'EDGEKIT_INVALID_INPUT', /y_prob\[1\]/)
  code(() => calibration.reliabilityCurve([0, 1], [0.2, 0.5], { nBins: 1e13 }), 'EDGEKIT_LIMIT_EXCEEDED', /n_bins|nBins/)
  code(() => new calibration.Calibrator({ method: 'beta' }), 'EDGEKIT_INVALID_INPUT', /beta/)
  code(() => new calibration.Calibrator().predict([0.5]), 'EDGEKIT_INVALID_INPUT', /fit the calibrator/)
  code(() => new calibration.ConformalClassifier().fit([[0.5], [0.5]], [1.5]), 'EDGEKIT_INVALID_TYPE', /labels\[0\]/)
  code(() => new calibration.ConformalClassifier().fit([[0.5], [0.5]], [2 ** 60]), 'EDGEKIT_INVALID_INPUT', /labels\[0\]/)
  code(() => new calibration.ConformalClassifier({ classConditional: 'yes' }), 'EDGEKIT_INVALID_TYPE', /classConditional/)
  code(() => calibration.ConformalRegressor.fromJson('{}'), 'EDGEKIT_INVALID_INPUT', /not a saved/)
})
