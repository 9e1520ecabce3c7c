'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const edgekit = require('../../bindings-node')

const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'describe.json'), 'utf8'))

// Vector encoding: null is NaN, "inf"/"-inf" are infinities.
const decode = (xs) => Float64Array.from(xs, (v) => (v === null ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v))

const jsOptions = (o) => {
  const out = {}
  if (o.quantiles !== undefined) out.quantiles = o.quantiles
  if (o.nan_policy !== undefined) out.nanPolicy = o.nan_policy
  if (o.bias !== undefined) out.bias = o.bias
  return out
}

const close = (got, want, rtol, atol = 0) => {
  if (want === null) return got === null
  return got !== null && (Math.abs(got - want) <= rtol * Math.abs(want) || Math.abs(got - want) <= atol)
}

test('matches the reference vectors', () => {
  const { rtol, atol_dimensionless: atol } = vectors.tolerance
  for (const c of vectors.cases) {
    const d = edgekit.describe(decode(c.x), jsOptions(c.options))
    const want = c.expected
    assert.equal(d.count, want.count, c.name)
    assert.equal(d.min, want.min, c.name)
    assert.equal(d.max, want.max, c.name)
    for (const f of ['mean', 'variance', 'std']) assert.ok(close(d[f], want[f], rtol), `${c.name}.${f}: ${d[f]} vs ${want[f]}`)
    for (const f of ['skewness', 'kurtosis']) assert.ok(close(d[f], want[f], rtol, atol), `${c.name}.${f}: ${d[f]} vs ${want[f]}`)
    assert.deepEqual(d.quantiles.map((q) => q.probability), want.quantiles.map(([p]) => p), c.name)
    d.quantiles.forEach((q, i) => assert.ok(close(q.value, want.quantiles[i][1], rtol), `${c.name} q${q.probability}`))
  }
})

test('plain arrays give the same answer as Float64Array', () => {
  const c = vectors.cases.find((c) => c.name === 'goog_log_returns')
  const typed = edgekit.describe(decode(c.x))
  assert.deepEqual(edgekit.describe(Array.from(decode(c.x))), typed)
})

test('shared error cases throw coded errors', () => {
  for (const c of vectors.errors) {
    assert.throws(
      () => edgekit.describe(decode(c.x), jsOptions(c.options)),
      (e) => e instanceof Error && e.code === c.code && e.message.includes(c.message_contains),
      c.name,
    )
  }
})

test('wrong types throw EDGEKIT_INVALID_TYPE', () => {
  for (const bad of ['1,2,3', 42, { length: 2 }, [1, 'a'], [1, {}], new Int8Array(3), undefined]) {
    assert.throws(() => edgekit.describe(bad), (e) => e.code === 'EDGEKIT_INVALID_TYPE', String(bad))
  }
})

test('null and undefined in arrays are missing values', () => {
  assert.throws(() => edgekit.describe([1, null, 3]), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /x\[1\] is NaN/.test(e.message))
  const d = edgekit.describe([1, null, 3, undefined], { nanPolicy: 'omit' })
  assert.equal(d.count, 2)
  assert.equal(d.mean, 2)
})

test('other typed arrays are converted', () => {
  assert.equal(edgekit.describe(new Int32Array([1, 2, 3, 6])).mean, 3)
  assert.equal(edgekit.describe(new Float32Array([0.5, 1.5])).mean, 1)
})

test('undefined quantities are null', () => {
  const d = edgekit.describe([4])
  assert.deepEqual([d.variance, d.std, d.skewness, d.kurtosis], [null, null, null, null])
})

test('describeAsync resolves to the same result and rejects with codes', async () => {
  const x = new Float64Array(300_000).map((_, i) => Math.sin(i) * 10 + (i % 7))
  assert.deepEqual(await edgekit.describeAsync(x), edgekit.describe(x))
  await assert.rejects(edgekit.describeAsync([1, NaN]), (e) => e instanceof Error && e.code === 'EDGEKIT_INVALID_INPUT')
  // A Promise-returning call never throws: a bad argument rejects.
  await assert.rejects(edgekit.describeAsync('nope'), (e) => e.code === 'EDGEKIT_INVALID_TYPE')
})

test('does not modify the caller array', () => {
  const x = Float64Array.from([5, 3, 9, 1, 7])
  edgekit.describe(x, { quantiles: [0.2, 0.5] })
  assert.deepEqual(Array.from(x), [5, 3, 9, 1, 7])
})
