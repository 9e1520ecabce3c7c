'use strict'
// The boundary contract of the Node face: stable EDGEKIT_* codes, Promises that reject and
// never throw, JS integers never wrapped, and a bounded fast-check fuzz of every exported
// function (read from index.d.ts) with hostile arguments, each call in a child process so an
// abort or a hang is a failure here instead of a dead test run. EDGEKIT_FUZZ_RUNS sets the
// runs per function (CI: 8; the soak in docs/reliability.md uses 100).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { fork } = require('node:child_process')
const fc = require('../../bindings-node/node_modules/fast-check')
const ek = require('../../bindings-node')

const RUNS = Number(process.env.EDGEKIT_FUZZ_RUNS || 8)
const TIMEOUT_MS = Number(process.env.EDGEKIT_FUZZ_TIMEOUT_MS || 30000)
// Fuzzed paths must land in a scratch folder, not the repo.
const SCRATCH = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'edgekit-fuzz-'))

/** Exported functions, constructors, static and instance methods with their parameter counts,
 * from the generated declarations. */
function targets () {
  const dts = fs.readFileSync(path.join(__dirname, '..', '..', 'bindings-node', 'index.d.ts'), 'utf8')
  const count = (params) => (params.trim() === '' ? 0 : params.split(/,\s*(?=\w+\??:)/).length)
  const out = []
  let namespace = null
  let cls = null
  for (const line of dts.split('\n')) {
    const ns = /^export declare namespace (\w+)/.exec(line)
    if (ns) { namespace = ns[1]; continue }
    const c = /^\s*export (?:declare )?class (\w+)/.exec(line)
    if (c) { cls = namespace ? `${namespace}.${c[1]}` : c[1]; continue }
    if (cls && /^\s*}\s*$/.test(line) && line.indexOf('}') <= (namespace ? 2 : 0)) { cls = null; continue }
    if (!cls && /^}/.test(line)) { namespace = null; continue }
    if (cls) {
      const ctor = /^\s*constructor\((.*)\)/.exec(line)
      if (ctor) { out.push({ kind: 'constructor', path: cls, params: count(ctor[1]) }); continue }
      const method = /^\s*(static )?(?:get )?(\w+)\((.*)\)(?::|\s*$)/.exec(line)
      if (method && !line.trim().startsWith('*')) {
        out.push({ kind: method[1] ? 'static' : 'method', path: `${cls}.${method[2]}`, params: count(method[3]) })
      }
      continue
    }
    const fn = /^\s*(?:export )?(?:declare )?function (\w+)\((.*)\):/.exec(line)
    if (!fn) continue
    out.push({ kind: 'function', path: namespace ? `${namespace}.${fn[1]}` : fn[1], params: count(fn[2]), types: fn[2] })
  }
  return out
}

const hostileNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2.7, NaN, Infinity, -Infinity, 1e308, 5e-324, 2 ** 32 + 2, 2 ** 53 + 1, -(2 ** 31), 1e12, 0.5, 0.95, 7),
  fc.double(), fc.integer({ min: -1000, max: 100000 })
)
const numbers = fc.oneof(
  fc.array(hostileNumber, { maxLength: 12 }),
  fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 80 }),
  fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 80 }).map((a) => Float64Array.from(a)),
  fc.constantFrom(new Float64Array(0), Float64Array.of(1.5), Float64Array.of(NaN, 1), new Int32Array([1, -1]), [null, 1], ['a', 'b'])
)
const text = fc.oneof(fc.constantFrom('', '§', 'two-sided', 'raise', 'omit', 'draftkings', 'nfl', 'bullish', '1h', 'x'.repeat(300), '\u0000'), fc.string({ maxLength: 8 }))
const OPTION_KEYS = ['n', 'seed', 'nResamples', 'permutations', 'maxSamples', 'bins', 'window', 'period', 'alternative', 'method', 'confidence', 'threshold', 'minSize', 'timeframe', 'samples', 'horizon', 'left', 'right', 'quantiles', 'nanPolicy', 'capacity', 'count', 'detected']
const options = fc.dictionary(fc.constantFrom(...OPTION_KEYS), fc.oneof(hostileNumber, text, numbers, fc.boolean(), fc.constant(null)), { maxKeys: 3 })
const anything = fc.oneof(hostileNumber, text, numbers, options, fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant({}), fc.constant([]))

/** Options objects with the keys their interface declares and values of its types. */
function interfaces () {
  const dts = fs.readFileSync(path.join(__dirname, '..', '..', 'bindings-node', 'index.d.ts'), 'utf8')
  const out = {}
  let current = null
  for (const line of dts.split('\n')) {
    const start = /export interface (\w+) \{/.exec(line)
    if (start) { current = start[1]; out[current] = []; continue }
    if (current && /^\s*}/.test(line)) { current = null; continue }
    const field = current && /^\s*(\w+)\??: (.*)$/.exec(line)
    if (field) out[current].push([field[1], field[2]])
  }
  return out
}
const INTERFACES = interfaces()
const smallData = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { maxLength: 60 })
function valueOfType (type) {
  if (/Float64Array|ArrayLike<number|Array<number>/.test(type)) return fc.oneof(smallData, fc.constant([NaN, 1]))
  if (/^number/.test(type)) return fc.oneof(hostileNumber, fc.integer({ min: -5, max: 200 }))
  if (/^boolean/.test(type)) return fc.boolean()
  const literals = [...type.matchAll(/'([^']+)'/g)].map((m) => m[1])
  if (literals.length) return fc.oneof(fc.constantFrom(...literals), text)
  if (/string/.test(type)) return text
  const named = /(\w+)(?:\s*\|.*)?$/.exec(type)
  if (named && INTERFACES[named[1]]) return typedOptions(named[1])
  return fc.constant(undefined)
}
function typedOptions (name) {
  const record = {}
  for (const [key, type] of INTERFACES[name]) record[key] = fc.option(valueOfType(type), { nil: undefined })
  return fc.record(record)
}
/** Arguments drawn from a function's declared parameter types. */
function typedArguments (types) {
  const params = types.trim() === '' ? [] : types.split(/,\s*(?=\w+\??:)/)
  return fc.tuple(...params.map((p) => valueOfType(p.split(':').slice(1).join(':').trim())))
}

class Child {
  constructor () { this.start() }
  start () {
    this.proc = fork(path.join(__dirname, 'fuzz', 'worker.js'), [], { cwd: SCRATCH, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] })
    this.ready = new Promise((resolve) => this.proc.once('message', resolve))
  }

  async call (job) {
    await this.ready
    return new Promise((resolve) => {
      const done = (reply) => { clearTimeout(timer); this.proc.removeListener('exit', onExit); resolve(reply) }
      const onExit = (code, signal) => { this.proc.removeListener('message', done); this.start(); resolve({ outcome: 'abort', detail: `exit ${code} ${signal}` }) }
      const timer = setTimeout(() => { this.proc.removeListener('message', done); this.proc.removeListener('exit', onExit); this.proc.kill('SIGKILL'); this.start(); resolve({ outcome: 'hang', detail: `${TIMEOUT_MS} ms` }) }, TIMEOUT_MS)
      this.proc.once('message', done)
      this.proc.once('exit', onExit)
      try { this.proc.send(job) } catch (e) { done({ outcome: 'foreign', detail: `unsendable arguments: ${e.message}` }) }
    })
  }

  close () { this.proc.kill() }
}

test('errors carry EDGEKIT_* codes and Promise calls reject instead of throwing', async () => {
  assert.throws(() => ek.describe('abc'), (e) => e.code === 'EDGEKIT_INVALID_TYPE')
  assert.throws(() => ek.welch(1, 2), (e) => e.code === 'EDGEKIT_INVALID_TYPE')
  const pending = ek.lineup.optimize(null, {})
  assert.ok(pending instanceof Promise)
  await assert.rejects(pending, (e) => e.code === 'EDGEKIT_INVALID_TYPE')
  await assert.rejects(ek.describeAsync(), (e) => e.code.startsWith('EDGEKIT_'))
})

test('JS integers are checked, never wrapped or truncated', () => {
  const x = Float64Array.from({ length: 40 }, (_, i) => Math.sin(i))
  for (const bad of [-1, 2.7, NaN, Infinity, 2 ** 53 + 2]) {
    assert.throws(() => ek.sma(x, bad), (e) => e.code === 'EDGEKIT_INVALID_TYPE' || e.code === 'EDGEKIT_INVALID_INPUT', String(bad))
  }
  assert.throws(() => ek.bootstrap(x, x, { nResamples: 2 ** 32 + 2000 }), (e) => e.code === 'EDGEKIT_LIMIT_EXCEEDED')
  assert.throws(() => ek.drift.mmd(x, x, { permutations: 1e9 }), (e) => e.code === 'EDGEKIT_LIMIT_EXCEEDED' && /permutations/.test(e.message))
  assert.equal(ek.sma(x, 3).length, 40)
  assert.throws(() => new ek.drift.ADWIN({ clock: 2 ** 32 + 2 }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  assert.throws(() => ek.lineup.optimizeSync(ek.lineup.Slate.fromCsvText('a'), { n: 2.7 }), (e) => e.code.startsWith('EDGEKIT_'))
})

test('a reported panic would not take the process down (pelt on one value is a typed error)', () => {
  assert.throws(() => ek.drift.pelt([1.5]), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  assert.throws(() => ek.regimes([1.5]), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
})

test('fuzz: every exported function meets its contract on hostile input', { timeout: 600000 }, async () => {
  const list = targets()
  assert.ok(list.length > 200, `only ${list.length} callables read from index.d.ts`)
  assert.ok(list.some((t) => t.kind === 'method') && list.some((t) => t.kind === 'constructor'))
  const child = new Child()
  const tally = {}
  const bad = []
  try {
    for (const target of list) {
      const hostile = fc.tuple(...Array.from({ length: Math.max(target.params, 1) }, () => fc.oneof(numbers, numbers, anything, options)))
      // Half the calls use the declared types (right option keys, plausible data), so they
      // reach the engines; the other half anything at all.
      const args = target.types === undefined ? hostile : fc.oneof(hostile, typedArguments(target.types))
      const samples = fc.sample(args, { numRuns: RUNS, seed: 42 })
      for (const sample of samples) {
        const reply = await child.call({ path: target.path, kind: target.kind, args: sample })
        tally[reply.outcome] = (tally[reply.outcome] || 0) + 1
        if (!['ok', 'error'].includes(reply.outcome)) bad.push({ target: target.path, ...reply })
      }
    }
  } finally {
    child.close()
  }
  if (process.env.EDGEKIT_FUZZ_REPORT) {
    fs.writeFileSync(process.env.EDGEKIT_FUZZ_REPORT, JSON.stringify({ functions: list.length, runs: RUNS, tally, bad: bad.slice(0, 100) }, null, 1))
  }
  assert.deepEqual(bad.slice(0, 10), [], `bad outcomes: ${JSON.stringify(tally)}`)
})
