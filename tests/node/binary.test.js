'use strict'
// Numbers from binary bodies: a Node Buffer or an ArrayBuffer of raw float64 values (platform
// byte order, as a Float64Array holds them) is read as that Float64Array would be, aligned or
// not; nothing else about bytes is guessed.
const test = require('node:test')
const assert = require('node:assert/strict')
const { describe, welch, drift } = require('../../bindings-node')

const values = Float64Array.from({ length: 257 }, (_, i) => Math.sin(i) * 10 + i / 7)
const other = Float64Array.from({ length: 300 }, (_, i) => Math.cos(i) * 9 + i / 6)

/** The bytes of `array` in a Buffer starting `offset` bytes into a larger allocation. */
function bufferAt (array, offset) {
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength)
  const backing = Buffer.alloc(bytes.length + offset)
  bytes.copy(backing, offset)
  return backing.subarray(offset)
}

const calls = {
  describe: (x, y) => describe(x),
  welch: (x, y) => welch(x, y),
  ks2samp: (x, y) => drift.ks2samp(x, y),
  psi: (x, y) => drift.psi(x, y)
}

for (const [name, call] of Object.entries(calls)) {
  test(`${name}: a Buffer (aligned or not) and an ArrayBuffer give the Float64Array's answer`, () => {
    const expected = call(values, other)
    for (const offset of [0, 1, 3]) {
      assert.deepEqual(call(bufferAt(values, offset), bufferAt(other, offset)), expected, `offset ${offset}`)
    }
    const a = values.slice().buffer
    const b = other.slice().buffer
    assert.deepEqual(call(a, b), expected)
  })
}

test('the async twins read a Buffer too', async () => {
  assert.deepEqual(await drift.ks2sampAsync(bufferAt(values, 5), bufferAt(other, 0)), drift.ks2samp(values, other))
})

test('bytes that are not whole float64 values: EDGEKIT_INVALID_INPUT naming the argument', () => {
  assert.throws(() => describe(Buffer.alloc(12)), { code: 'EDGEKIT_INVALID_INPUT', message: /x holds 12 bytes/ })
  assert.throws(() => drift.ks2samp(values, new ArrayBuffer(7)), { code: 'EDGEKIT_INVALID_INPUT', message: /current holds 7 bytes/ })
})

test('a plain Uint8Array is not guessed to be float64 bytes: EDGEKIT_INVALID_TYPE', () => {
  assert.throws(() => describe(new Uint8Array(16)), { code: 'EDGEKIT_INVALID_TYPE', message: /Buffer\/ArrayBuffer of raw float64 bytes/ })
})

test('non-finite values in raw bytes meet the same checks as in a Float64Array', () => {
  const withNan = Float64Array.from([1, 2, NaN, 4])
  const expected = (() => { try { return { ok: describe(withNan) } } catch (e) { return { code: e.code } } })()
  const actual = (() => { try { return { ok: describe(bufferAt(withNan, 1)) } } catch (e) { return { code: e.code } } })()
  assert.deepEqual(actual, expected)
})
