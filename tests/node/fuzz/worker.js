'use strict'
// The child process that makes fuzzed calls (see ../boundary.test.js): an abort or a hang of
// the addon costs the parent one recorded outcome. Messages: { path, args } in,
// { outcome, detail } out; outcome is ok | error (EDGEKIT_* code) | foreign | panic | violation.
const path = require('node:path')
const ek = require(path.join(__dirname, '..', '..', '..', 'bindings-node'))

function resolve (dotted) {
  let owner = null
  let value = ek
  for (const key of dotted.split('.')) { owner = value; value = value[key] }
  return { owner, value }
}

const PROBABILITY = new Set(['pvalue', 'pValue', 'chanceToWin', 'chanceToBeatControl', 'probability', 'power'])

function check (value, where = 'result', depth = 0) {
  if (depth > 6 || value === null || value === undefined) return null
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return `${where} is NaN`
    const key = where.split('.').pop()
    if (PROBABILITY.has(key) && !(value >= 0 && value <= 1)) return `${where} = ${value} is not a probability`
    return null
  }
  if (ArrayBuffer.isView(value)) return null // series may hold NaN warm-up values (TA-Lib's convention)
  if (Array.isArray(value)) {
    for (let i = 0; i < Math.min(value.length, 200); i++) {
      const p = check(value[i], `${where}[${i}]`, depth + 1)
      if (p) return p
    }
    return null
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = check(v, `${where}.${k}`, depth + 1)
      if (p) return p
    }
    // An open end of a one-sided interval is null in a plain result (−∞ below, +∞ above).
    const end = (v, open) => (v === null ? open : v)
    if (Array.isArray(value.ci) && value.ci.length === 2 && end(value.ci[0], -Infinity) > end(value.ci[1], Infinity)) return `${where}.ci low > high`
    const text = JSON.stringify(value, (k, v) => (ArrayBuffer.isView(v) ? null : v))
  }
  return null
}

function classify (error) {
  const code = error && error.code
  if (code === 'EDGEKIT_INTERNAL') return { outcome: 'panic', detail: String(error.message).slice(0, 200) }
  if (typeof code === 'string' && code.startsWith('EDGEKIT_')) return { outcome: 'error', detail: code }
  return { outcome: 'foreign', detail: `${code}: ${String(error && error.message).slice(0, 200)}` }
}

const DATA = path.join(__dirname, '..', '..', '..', 'examples', 'data')
/** An instance to call methods on: the default constructor, else a real object. */
function instance (dotted) {
  const { value: Cls } = resolve(dotted)
  switch (dotted) {
    case 'lineup.Slate': return Cls.fromCsv(path.join(DATA, 'lineup', 'dk_nfl_classic_2019wk1_seenahuang.csv'), 'draftkings', 'nfl')
    case 'GameLog': return Cls.fromCsv(path.join(DATA, 'spreadspoke_scores.csv'))
    case 'drift.Profile': return Cls.fit({ x: Float64Array.from({ length: 50 }, (_, i) => i), c: Array.from({ length: 50 }, (_, i) => (i % 2 ? 'a' : 'b')) })
    case 'monitoring.ChunkMonitor': return new ek.monitoring.UnivariateDriftCalculator({ columnNames: ['x'], chunkSize: 5 })
      .fit({ x: Float64Array.from({ length: 50 }, (_, i) => i) }).monitor()
    default: return new Cls()
  }
}
const instances = new Map()

process.on('message', async ({ path: dotted, kind, args }) => {
  let reply
  try {
    let result
    if (kind === 'constructor') {
      const { value: Cls } = resolve(dotted)
      result = new Cls(...args)
    } else if (kind === 'method') {
      const owner = dotted.slice(0, dotted.lastIndexOf('.'))
      if (!instances.has(owner)) instances.set(owner, instance(owner))
      const target = instances.get(owner)
      const member = target[dotted.slice(dotted.lastIndexOf('.') + 1)]
      result = typeof member === 'function' ? member.apply(target, args) : member
    } else {
      const { owner, value } = resolve(dotted)
      result = value.apply(owner, args)
    }
    if (result && typeof result.then === 'function') result = await result
    const problem = check(result)
    reply = problem ? { outcome: 'violation', detail: problem } : { outcome: 'ok' }
  } catch (error) {
    reply = classify(error)
  }
  process.send(reply)
})
process.send({ ready: true })
