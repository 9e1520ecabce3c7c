'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const ek = require('../../bindings-node')

const V = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'abtest.json'), 'utf8'))
const num = (v) => (v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v)
const close = (got, want, tol = V.tolerance) => {
  want = num(want)
  // A one-sided interval's open end is infinite: null in a plain (JSON-safe) result,
  // ±Infinity in a batch's Float64Array columns.
  if (!Number.isFinite(want)) return got === null || got === want
  return Math.abs(got - want) <= tol.rtol * Math.abs(want) + tol.atol
}
const camel = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_(\w)/g, (_, c) => c.toUpperCase()), v]))

test('twoProportions matches statsmodels, scipy and gbstats', () => {
  for (const c of V.two_proportions) {
    const { x_a, n_a, x_b, n_b } = c.args
    const r = ek.twoProportions(x_a, n_a, x_b, n_b, camel(c.options))
    const w = c.expected
    for (const f of ['statistic', 'pvalue', 'effect']) assert.ok(close(r[f], w[f]), `${c.name}.${f}: ${r[f]} vs ${w[f]}`)
    assert.ok(close(r.ci[0], w.ci[0]) && close(r.ci[1], w.ci[1]), `${c.name}.ci`)
    if (w.relative_effect !== undefined) {
      assert.ok(close(r.relativeEffect, w.relative_effect), `${c.name}.relative`)
      assert.ok(close(r.relativeCi[0], w.relative_ci[0]) && close(r.relativeCi[1], w.relative_ci[1]), `${c.name}.relative_ci`)
    } else {
      assert.equal(r.relativeEffect, null)
    }
  }
})

test('batch rows equal single tests; sync and async agree', async () => {
  const rows = V.two_proportions.filter((c) => c.options.method === 'z-pooled' && c.options.alternative === 'two-sided' && c.options.ci_method === 'wald')
  const col = (k) => Float64Array.from(rows, (c) => c.args[k])
  const batch = ek.twoProportionsBatch(col('x_a'), col('n_a'), col('x_b'), col('n_b'))
  rows.forEach((c, i) => {
    const single = ek.twoProportions(c.args.x_a, c.args.n_a, c.args.x_b, c.args.n_b)
    assert.equal(batch.pvalue[i], single.pvalue)
    assert.equal(batch.ciLow[i], single.ci[0])
  })
  assert.deepEqual(await ek.twoProportionsBatchAsync(col('x_a'), col('n_a'), col('x_b'), col('n_b')), batch)
  await assert.rejects(ek.twoProportionsBatchAsync([1, 1], [10, 10], [2, 12], [10, 10]), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /row 1/.test(e.message))
})

test('proportionCi matches statsmodels', () => {
  for (const c of V.proportion_ci) {
    const [low, high] = ek.proportionCi(c.x, c.n, { method: c.method, confidence: c.confidence })
    assert.ok(close(low, c.expected[0]) && close(high, c.expected[1]), JSON.stringify(c))
  }
})

test('welch and tTestFromSums match scipy and gbstats', async () => {
  for (const c of V.t_test) {
    const opts = camel(c.options)
    const s = c.summary
    const sums = (g) => ({ n: s[g].n, sum: s[g].mean * s[g].n, sumOfSquares: s[g].variance * (s[g].n - 1) + s[g].mean ** 2 * s[g].n })
    const loose = { rtol: 1e-7, atol: 1e-10 }
    const results = [[ek.tTestFromSums(sums('a'), sums('b'), opts), loose]]
    if (c.values) {
      results.push([ek.welch(Float64Array.from(c.values.a), c.values.b, opts), V.tolerance])
      results.push([await ek.welchAsync(c.values.a, Float64Array.from(c.values.b), opts), V.tolerance])
    }
    for (const [r, tol] of results) {
      for (const [f, w] of [['statistic', 'statistic'], ['pvalue', 'pvalue'], ['df', 'df'], ['effect', 'effect'], ['relativeEffect', 'relative_effect']]) {
        assert.ok(close(r[f], c.expected[w], tol), `${c.name}.${f}`)
      }
      assert.ok(close(r.ci[0], c.expected.ci[0], tol) && close(r.ci[1], c.expected.ci[1], tol), `${c.name}.ci`)
    }
  }
})

test('srm, adjustPvalues, power and sampleSize match references', () => {
  for (const c of V.srm) {
    const r = ek.srm(c.counts, c.weights)
    assert.ok(close(r.statistic, c.expected.statistic) && close(r.pvalue, c.expected.pvalue))
  }
  for (const c of V.adjust_pvalues) {
    const got = ek.adjustPvalues(c.pvalues, c.method)
    c.expected.forEach((w, i) => assert.ok(close(got[i], w), `${c.method}[${i}]`))
  }
  for (const c of V.power) {
    assert.ok(close(ek.power(c.effect_size, c.n_a, { alpha: c.alpha, ratio: c.ratio, alternative: c.alternative, test: c.test }), c.expected))
  }
  for (const c of V.sample_size) {
    const s = ek.sampleSize({ effectSize: c.effect_size, alpha: c.alpha, power: c.power, ratio: c.ratio, alternative: c.alternative, test: c.test })
    assert.ok(close(s.nA, c.expected_n_a, V.tolerance_sample_size))
    assert.equal(s.nARequired, Math.ceil(s.nA))
  }
  for (const c of V.proportion_effect_size) assert.ok(close(ek.proportionEffectSize(c.p_a, c.p_b), c.expected))
})

test('shared error cases throw coded errors', () => {
  const call = {
    two_proportions: (args, o) => ek.twoProportions(...args, o && camel(o)),
    welch: ([a, b]) => ek.welch(a, b),
    srm: ([counts, weights]) => ek.srm(counts, weights),
    adjust_pvalues: ([p]) => ek.adjustPvalues(p),
    sample_size: ([d]) => ek.sampleSize({ effectSize: d }),
  }
  for (const c of V.errors) {
    assert.throws(() => call[c.function](c.args, c.options), (e) => e.code === c.code && e.message.includes(c.message_contains), JSON.stringify(c))
  }
})

test('wrong types throw EDGEKIT_INVALID_TYPE', () => {
  assert.throws(() => ek.twoProportions(1.5, 10, 2, 10), (e) => e.code === 'EDGEKIT_INVALID_TYPE')
  assert.throws(() => ek.welch('abc', [1, 2]), (e) => e.code === 'EDGEKIT_INVALID_TYPE')
  assert.throws(() => ek.sampleSize({ effectSize: 0.2, pA: 0.1, pB: 0.2 }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
})

test('mannWhitney matches scipy, sync and async', async () => {
  for (const c of V.mann_whitney) {
    const opts = camel(c.options)
    const r = ek.mannWhitney(Float64Array.from(c.a), c.b, opts)
    assert.ok(close(r.statistic, c.expected.statistic), `${c.name}.statistic`)
    assert.ok(close(r.pvalue, c.expected.pvalue), `${c.name}.pvalue`)
    assert.deepEqual(await ek.mannWhitneyAsync(c.a, c.b, opts), r)
  }
  assert.throws(() => ek.mannWhitney([1, 2], [1, NaN]), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /b\[1\] is NaN/.test(e.message))
})

test('bayesGaussian and bayesConversions match gbstats', () => {
  for (const c of V.bayes_gaussian) {
    const opts = camel(c.options)
    const r = c.kind === 'conversions'
      ? ek.bayesConversions(c.counts.x_a, c.counts.n_a, c.counts.x_b, c.counts.n_b, opts)
      : ek.bayesGaussian(c.a, c.b, opts)
    const w = c.expected
    for (const [f, k] of [['expected', 'expected'], ['std', 'std'], ['chanceToWin', 'chance_to_win'], ['riskControl', 'risk_control'], ['riskTreatment', 'risk_treatment']]) {
      assert.ok(close(r[f], w[k]), `${c.name}.${f}: ${r[f]} vs ${w[k]}`)
    }
    assert.ok(close(r.ci[0], w.ci[0]) && close(r.ci[1], w.ci[1]), `${c.name}.ci`)
  }
})

test('sequential matches gbstats', () => {
  for (const c of V.sequential) {
    const opts = camel(c.options)
    const r = c.kind === 'conversions'
      ? ek.sequentialConversions(c.counts.x_a, c.counts.n_a, c.counts.x_b, c.counts.n_b, opts)
      : ek.sequential(c.a, c.b, opts)
    assert.ok(close(r.effect, c.expected.effect) && close(r.pvalue, c.expected.pvalue), c.name)
    assert.ok(close(r.ci[0], c.expected.ci[0]) && close(r.ci[1], c.expected.ci[1]), `${c.name}.ci`)
  }
})

test('cuped and ratioMetric match gbstats', () => {
  for (const c of V.adjusted) {
    const v = c.values
    const opts = camel(c.options)
    const r = c.kind === 'cuped'
      ? ek.cuped(Float64Array.from(v.a), v.b, v.a_pre, Float64Array.from(v.b_pre), opts)
      : ek.ratioMetric(v.a, v.a_pre, v.b, v.b_pre, opts)
    const w = c.expected
    assert.ok(close(r.effect, w.effect) && close(r.relativeEffect, w.relative_effect), c.name)
    assert.ok(close(r.ci[0], w.ci[0]) && close(r.ci[1], w.ci[1]), `${c.name}.ci`)
    assert.ok(close(r.relativeCi[0], w.relative_ci[0]) && close(r.relativeCi[1], w.relative_ci[1]), `${c.name}.relative_ci`)
    if (w.pvalue !== undefined) assert.ok(close(r.pvalue, w.pvalue), `${c.name}.pvalue`)
  }
})

test('mcnemar matches statsmodels', () => {
  for (const c of V.mcnemar) {
    const r = ek.mcnemarCounts(c.only_a, c.only_b, c.options)
    assert.ok(close(r.statistic, c.expected.statistic) && close(r.pvalue, c.expected.pvalue), JSON.stringify(c))
  }
  const a = [true, true, false, false, true]
  const b = [true, false, true, true, true]
  const r = ek.mcnemar(a, b)
  assert.equal(r.onlyA, 1)
  assert.equal(r.onlyB, 2)
  assert.equal(r.pvalue, ek.mcnemarCounts(1, 2).pvalue)
})

test('delong matches the definition', () => {
  for (const c of V.delong) {
    const r = ek.delong(c.labels, Float64Array.from(c.a), c.b, camel(c.options))
    const w = c.expected
    for (const [f, k] of [['aucA', 'auc_a'], ['aucB', 'auc_b'], ['statistic', 'statistic'], ['pvalue', 'pvalue'], ['se', 'se']]) {
      assert.ok(close(r[f], w[k]), `${c.name}.${f}`)
    }
    assert.ok(close(r.ci[0], w.ci[0]) && close(r.ci[1], w.ci[1]), `${c.name}.ci`)
  }
})

test('dieboldMariano matches the dieboldmariano package', () => {
  for (const c of V.diebold_mariano) {
    const r = ek.dieboldMariano(Float64Array.from(c.loss_a), c.loss_b, camel(c.options))
    assert.ok(close(r.statistic, c.expected.statistic) && close(r.pvalue, c.expected.pvalue), c.name)
  }
})

test('bootstrap agrees with scipy within Monte Carlo error; seeded; async', async () => {
  for (const c of V.bootstrap) {
    const opts = { ...camel(c.options), nResamples: 9999, seed: 2026 }
    const r = ek.bootstrap(Float64Array.from(c.a), c.b, opts)
    const w = c.expected
    const [low, high] = w.ci.map(num)
    const width = Number.isFinite(low) && Number.isFinite(high) ? high - low : 3.92 * w.standard_error
    r.ci.forEach((got, i) => {
      const want = [low, high][i]
      assert.ok(Number.isFinite(want) ? Math.abs(got - want) <= 0.05 * width : got === null, `${c.name} ci[${i}]`)
    })
    assert.deepEqual(await ek.bootstrapAsync(c.a, c.b, opts), r)
  }
  assert.throws(() => ek.bootstrap([1, 2, 3], [2, 3, 4], { seed: -1 }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
})

test('brunnerMunzel matches scipy', () => {
  for (const c of V.brunner_munzel) {
    const r = ek.brunnerMunzel(Float64Array.from(c.a), c.b, { alternative: c.options.alternative, distribution: c.options.t_distribution ? 't' : 'normal' })
    assert.ok(close(r.statistic, c.expected.statistic) && close(r.pvalue, c.expected.pvalue), c.name)
  }
})

test('riskRatio and oddsRatio match statsmodels', () => {
  for (const c of V.ratios) {
    const fn = c.compare === 'ratio' ? ek.riskRatio : ek.oddsRatio
    const r = fn(c.args.x_a, c.args.n_a, c.args.x_b, c.args.n_b, { method: c.method, confidence: c.confidence })
    assert.ok(close(r.ci[0], c.expected[0]) && close(r.ci[1], c.expected[1]), JSON.stringify(c))
  }
})

test('permutationTest agrees with scipy within Monte Carlo error; async equals sync', async () => {
  for (const c of V.permutation) {
    const opts = { ...camel(c.options), seed: 2026 }
    const r = ek.permutationTest(Float64Array.from(c.a), c.b, opts)
    const want = c.expected.pvalue
    assert.ok(Math.abs(r.pvalue - want) <= 4 * Math.sqrt(want * (1 - want) / 9999) + 2 / 9999, c.name)
    assert.deepEqual(await ek.permutationTestAsync(c.a, c.b, opts), r)
  }
})

test('bayesBinomial matches the defining integrals', () => {
  for (const c of V.bayes_binomial) {
    const r = ek.bayesBinomial(c.args.x_a, c.args.n_a, c.args.x_b, c.args.n_b, camel(c.options))
    const w = c.expected
    assert.ok(close(r.chanceToBeatControl, w.chance_to_beat_control), 'chance')
    assert.ok(close(r.expectedLossB, w.expected_loss_b) && close(r.expectedLossA, w.expected_loss_a), 'loss')
    assert.ok(close(r.ciA[0], w.ci_a[0]) && close(r.ciB[1], w.ci_b[1]), 'ci')
  }
})

test('groupSequential matches scipy and published boundaries; decides', () => {
  for (const c of V.group_sequential) {
    const r = ek.groupSequential(c.information, null, { alpha: c.alpha, spending: c.spending, alternative: c.alternative })
    r.looks.forEach((look, i) => assert.ok(Math.abs(look.boundary - c.expected_boundaries[i]) <= c.rtol * c.expected_boundaries[i], c.source))
    assert.equal(r.decision, 'continue')
  }
  const r = ek.groupSequential([0.2, 0.4, 0.6, 0.8, 1.0], [1.1, 2.9, 3.1])
  assert.equal(r.stoppedAt, 2)
  assert.equal(r.decision, 'reject')
  assert.throws(() => ek.groupSequential([0.5, 0.4, 1.0]), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /strictly increasing/.test(e.message))
})

test('msprt with the default mixture equals gbstats sequence; keeps running minimum', () => {
  for (const c of V.sequential.filter((c) => c.kind !== 'conversions')) {
    const r = ek.msprt(c.a, c.b, camel(c.options))
    assert.ok(close(r.pvalue, c.expected.pvalue) && close(r.ci[0], c.expected.ci[0]) && close(r.ci[1], c.expected.ci[1]), c.name)
  }
  const first = ek.msprt({ n: 1000, mean: 0.2, variance: 0.16 }, { n: 1000, mean: 0.23, variance: 0.177 }, { mixingVariance: 1e-3 })
  const later = ek.msprt({ n: 2000, mean: 0.2, variance: 0.16 }, { n: 2000, mean: 0.2, variance: 0.16 }, { mixingVariance: 1e-3, previousPvalue: first.pvalue, previousCi: first.ci })
  assert.equal(later.pvalue, first.pvalue)
  assert.throws(() => ek.msprt({ n: 10, mean: 0, variance: 1 }, { n: 10, mean: 1, variance: 1 }, { mixingVariance: -1 }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
})

test('pairedBootstrap agrees with scipy within Monte Carlo error; async equals sync', async () => {
  for (const c of V.paired_bootstrap) {
    const opts = { metric: c.metric, method: c.method, alternative: c.alternative, seed: 99 }
    const r = ek.pairedBootstrap(Float64Array.from(c.y), c.pred_a, c.pred_b, opts)
    const w = c.expected
    assert.ok(close(r.estimate, w.estimate), c.metric)
    w.ci.map(num).forEach((want, i) => {
      const got = r.ci[i]
      assert.ok(Number.isFinite(want) ? Math.abs(got - want) <= 0.05 * 3.92 * w.standard_error : got === null, `${c.metric} ci[${i}]`)
    })
    assert.deepEqual(await ek.pairedBootstrapAsync(c.y, c.pred_a, c.pred_b, opts), r)
  }
  assert.throws(() => ek.pairedBootstrap([0, 1], [0.5, 1.5], [0.5, 0.5]), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /not a probability/.test(e.message))
  await assert.rejects(ek.pairedBootstrapAsync([0, 1, 1], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5], { metric: 'auc' }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  await assert.rejects(ek.pairedBootstrapAsync([0, 1, 2], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /0\/1 label/.test(e.message))
})

test('cupedRatio with unit denominators equals gbstats CUPED', () => {
  for (const c of V.adjusted.filter((c) => c.kind === 'cuped')) {
    const v = c.values
    const ones = (k) => new Float64Array(v[k].length).fill(1)
    const r = ek.cupedRatio(v.a, ones('a'), v.b, ones('b'), v.a_pre, ones('a'), v.b_pre, ones('b'), camel(c.options))
    assert.ok(close(r.effect, c.expected.effect) && close(r.ci[0], c.expected.ci[0]) && close(r.ci[1], c.expected.ci[1]), c.name)
  }
  assert.throws(() => ek.cupedRatio([1, 2], [1, 0], [1, 2], [1, 1], [1, 2], [1, 1], [1, 2], [1, 1, 1]), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
})

test('bayesBinomial sampling agrees with the integrals within Monte Carlo error', () => {
  for (const c of V.bayes_binomial_sampling) {
    const r = ek.bayesBinomial(c.args.x_a, c.args.n_a, c.args.x_b, c.args.n_b, camel(c.options))
    assert.deepEqual(ek.bayesBinomial(c.args.x_a, c.args.n_a, c.args.x_b, c.args.n_b, camel(c.options)), r)
    const p = c.expected.chance_to_beat_control
    assert.ok(Math.abs(r.chanceToBeatControl - p) <= 5 * Math.sqrt(p * (1 - p) / c.options.samples))
    assert.ok(Math.abs(r.expectedLossB - c.expected.expected_loss_b) <= 0.03 * c.expected.expected_loss_b)
  }
  assert.throws(() => ek.bayesBinomial(1, 10, 2, 10, { priorAlpha: 0.5 }), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /sampling/.test(e.message))
})

test('tTestBatch matches the t-test vectors row by row; async equals sync', async () => {
  const groups = new Map()
  for (const c of V.t_test) {
    const key = JSON.stringify(c.options)
    groups.set(key, [...(groups.get(key) || []), c])
  }
  for (const [key, cases] of groups) {
    const col = (g, f) => Float64Array.from(cases, (c) => c.summary[g][f])
    const args = [col('a', 'n'), col('a', 'mean'), col('a', 'variance'), col('b', 'n'), col('b', 'mean'), col('b', 'variance'), camel(JSON.parse(key))]
    const r = ek.tTestBatch(...args)
    cases.forEach((c, i) => {
      assert.ok(close(r.statistic[i], c.expected.statistic) && close(r.pvalue[i], c.expected.pvalue), c.name)
      assert.ok(close(r.ciLow[i], c.expected.ci[0]) && close(r.ciHigh[i], c.expected.ci[1]), c.name)
    })
    assert.deepEqual(await ek.tTestBatchAsync(...args), r)
  }
  assert.throws(() => ek.tTestBatch([10, 10], [1, 1], [1, 1], [10, 1], [2, 2], [1, 1]), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /row 1/.test(e.message))
})

test('adjustedConfidence makes intervals agree with Bonferroni', () => {
  const tables = [[200, 1000, 250, 1000], [200, 1000, 228, 1000], [50, 400, 71, 410]]
  const each = ek.adjustedConfidence(0.95, tables.length)
  const results = tables.map((t) => ek.twoProportions(...t, { method: 'z-unpooled', confidence: each }))
  const adjusted = ek.adjustPvalues(results.map((r) => r.pvalue), 'bonferroni')
  results.forEach((r, i) => assert.equal(r.ci[0] > 0 || r.ci[1] < 0, adjusted[i] < 0.05))
  assert.ok(Math.abs(ek.adjustedConfidence(0.95, 3, { method: 'fcr', selected: 1 }) - each) < 1e-15)
  assert.throws(() => ek.adjustedConfidence(0.95, 3, { method: 'fcr' }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
})
