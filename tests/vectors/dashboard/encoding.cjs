'use strict'
// Values JSON cannot hold (NaN, ±Infinity, undefined, -0), tagged as {"$": "NaN"} and back:
// how tests/vectors/ltp.json writes the edge inputs (edges.mjs) for every face's tests.
const SPECIAL = { NaN, Infinity, '-Infinity': -Infinity, undefined, '-0': -0 }

/** A value with the numbers JSON cannot hold tagged. */
function encode (x) {
  if (x === undefined) return { $: 'undefined' }
  if (typeof x === 'number') {
    if (Number.isNaN(x)) return { $: 'NaN' }
    if (x === Infinity) return { $: 'Infinity' }
    if (x === -Infinity) return { $: '-Infinity' }
    if (Object.is(x, -0)) return { $: '-0' }
    return x
  }
  if (Array.isArray(x)) return x.map(encode)
  if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, encode(v)]))
  return x
}

/** The inverse of `encode`. */
function decode (x) {
  if (Array.isArray(x)) return x.map(decode)
  if (x !== null && typeof x === 'object') {
    const keys = Object.keys(x)
    if (keys.length === 1 && keys[0] === '$' && x.$ in SPECIAL) return SPECIAL[x.$]
    return Object.fromEntries(keys.map((k) => [k, decode(x[k])]))
  }
  return x
}

module.exports = { encode, decode }
