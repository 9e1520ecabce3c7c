'use strict'
// Tests from per-arm summaries (what a distributed engine merges, docs/scale.md): equal to the
// same tests on the raw arrays the summaries describe, and refused when no data has them.
const test = require('node:test')
const assert = require('node:assert/strict')
const ek = require('../../bindings-node')

function arm (seed, n, lift) {
  let s = seed
  const next = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648 }
  const pre = []; const post = []; const den = []
  for (let i = 0; i < n; i++) {
    const x = 20 + 10 * next()
    pre.push(x); post.push(0.8 * x + lift + 5 * (next() - 0.5)); den.push(1 + Math.floor(4 * next()))
  }
  return { pre, post, den }
}

function moments (y, x) {
  const n = y.length
  const my = y.reduce((a, b) => a + b, 0) / n
  const mx = x.reduce((a, b) => a + b, 0) / n
  let syy = 0; let sxx = 0; let sxy = 0
  for (let i = 0; i < n; i++) { syy += (y[i] - my) ** 2; sxx += (x[i] - mx) ** 2; sxy += (y[i] - my) * (x[i] - mx) }
  return { n, meanY: my, meanX: mx, varY: syy / (n - 1), varX: sxx / (n - 1), cov: sxy / (n - 1) }
}

function close (a, b, what) {
  assert.ok(Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`)
}
function same (got, want) {
  for (const key of ['statistic', 'pvalue', 'effect']) close(got[key], want[key], key)
  close(got.ci[0], want.ci[0], 'ci'); close(got.ci[1], want.ci[1], 'ci')
}

test('tests from summaries equal the tests on the raw values', () => {
  const a = arm(1, 3000, 0); const b = arm(2, 2800, 0.3)
  const ma = moments(a.post, a.pre); const mb = moments(b.post, b.pre)
  same(ek.cupedFromSummary(ma, mb), ek.cuped(a.post, b.post, a.pre, b.pre))
  const ra = moments(a.post, a.den); const rb = moments(b.post, b.den)
  same(ek.ratioMetricFromSummary(ra, rb), ek.ratioMetric(a.post, a.den, b.post, b.den))
  const summary = (m) => ({ n: m.n, mean: m.meanY, variance: m.varY })
  same(ek.tTestFromSummary(summary(ma), summary(mb), { alternative: 'larger' }),
    ek.welch(a.post, b.post, { alternative: 'larger' }))
})

test('summaries no data could have are refused with stable codes', () => {
  const ok = { n: 10, meanY: 1, meanX: 1, varY: 1, varX: 1, cov: 0 }
  assert.throws(() => ek.cupedFromSummary({ ...ok, cov: 5 }, ok), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  assert.throws(() => ek.cupedFromSummary({ ...ok, n: 1.5 }, ok), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  assert.throws(() => ek.tTestFromSummary({ n: 10, mean: 1, varience: 1 }, { n: 10, mean: 1, variance: 1 }),
    (e) => e.code.startsWith('EDGEKIT_') && /varience/.test(e.message))
  assert.throws(() => ek.ratioMetricFromSummary(ok), (e) => e.code.startsWith('EDGEKIT_'))
})
