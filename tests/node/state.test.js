'use strict'
// Saved state of every stateful class loads back exactly (fresh and used), and the addon runs
// in worker_threads alongside the main thread with the same answers.
const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { Worker } = require('node:worker_threads')
const ek = require('../../bindings-node')

const BINARY = new Set(['DDM', 'EDDM', 'HDDM_A', 'HDDM_W', 'FHDDM'])
const NAMES = ['ADWIN', 'PageHinkley', 'KSWIN', 'CUSUM', 'DDM', 'EDDM', 'HDDM_A', 'HDDM_W', 'FHDDM', 'BOCPD']

function stream (name, n = 4000, seed = 1) {
  let s = seed
  const random = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648 }
  return Float64Array.from({ length: n }, (_, i) => {
    if (BINARY.has(name)) return random() < (i < n / 2 ? 0.1 : 0.4) ? 1 : 0
    return (i < n / 2 ? 0 : 2) + Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random())
  })
}

for (const name of NAMES) {
  test(`${name}: state round-trips fresh and used, and the restored detector continues identically`, () => {
    const Detector = ek.drift[name]
    const fresh = new Detector()
    const text = fresh.toJson()
    JSON.parse(text)
    assert.equal(Detector.fromJson(text).toJson(), text)
    const used = new Detector()
    const values = stream(name)
    used.updateMany(values.subarray(0, 1500))
    const restored = Detector.fromJson(used.toJson())
    assert.deepEqual(Array.from(restored.updateMany(values.subarray(1500))), Array.from(used.updateMany(values.subarray(1500))))
    assert.equal(restored.toJson(), used.toJson())
  })
}

test('worker_threads: four workers and the main thread compute the same answers at once', async () => {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads')
    const ek = require(workerData.addon)
    const x = Float64Array.from({ length: 200000 }, (_, i) => Math.sin(i) * 10 + (i % 7))
    const d = ek.describe(x)
    const adwin = new ek.drift.ADWIN()
    const fired = Array.from(adwin.updateMany(Float64Array.from({ length: 5000 }, (_, i) => (i < 2500 ? 0 : 3) + Math.sin(i))))
    ek.describeAsync(x).then((a) => parentPort.postMessage({ d, a, fired }))
  `
  const addon = path.join(__dirname, '..', '..', 'bindings-node')
  const runs = Array.from({ length: 4 }, () => new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { addon } })
    w.once('message', resolve)
    w.once('error', reject)
  }))
  const x = Float64Array.from({ length: 200000 }, (_, i) => Math.sin(i) * 10 + (i % 7))
  const mine = ek.describe(x)
  const results = await Promise.all(runs)
  for (const r of results) {
    assert.deepEqual(r.d, mine)
    assert.deepEqual(r.a, mine)
    assert.deepEqual(r.fired, results[0].fired)
  }
})
