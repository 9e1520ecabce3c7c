// The built app, started with `next start` on 127.0.0.1 (URL in EDGEKIT_APP_URL), called over
// HTTP: good answers, 422 with the EDGEKIT_* code on bad input, and the server still up after.
import test from 'node:test'
import assert from 'node:assert/strict'
import { bars, players } from '../scripts/fixtures.mjs'

const BASE = process.env.EDGEKIT_APP_URL ?? 'http://127.0.0.1:3000'

const post = async (path, payload) => {
  const r = await fetch(`${BASE}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof payload === 'string' ? payload : JSON.stringify(payload) })
  return { status: r.status, body: await r.json() }
}

test('lineups from player rows', async () => {
  const r = await post('/api/lineups', { players: players(), site: 'draftkings', sport: 'nfl', n: 3 })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.equal(r.body.lineups.length, 3)
  assert.ok(r.body.lineups[0].projection >= r.body.lineups[1].projection)
  assert.match(r.body.uploadCsv, /^QB,RB,RB,WR,WR,WR,TE,FLEX,DST/)
})

test('an LTP scan with edgekit/ltp', async () => {
  const daily = bars(60, 7)
  const intraday = bars(78, 8)
  const spy = { symbol: 'SPY', price: intraday.at(-1).c, daily, intraday, timeframes: { '5m': intraday, '1h': bars(40, 9) } }
  const r = await post('/api/ltp', { symbols: [spy] })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.equal(r.body.setups.length, 1)
  // A bad symbol beside it: listed with its code, and SPY's setup is the same.
  const mixed = await post('/api/ltp', { symbols: [{ ...spy, symbol: 'BAD', daily: [{ o: 10, h: 9, l: 8, c: 9, v: 1 }] }, spy] })
  assert.equal(mixed.status, 200, JSON.stringify(mixed.body))
  assert.deepEqual(mixed.body.setups, [null, r.body.setups[0]])
  assert.deepEqual(mixed.body.errors.map((e) => [e.index, e.symbol, e.code]), [[0, 'BAD', 'EDGEKIT_INVALID_INPUT']])
})

test('a drift report', async () => {
  const ref = Array.from({ length: 500 }, (_, i) => Math.sin(i) * 10)
  const cur = ref.map((v) => v + 3)
  const r = await post('/api/drift', { reference: { x: ref }, current: { x: cur } })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.equal(r.body.columns[0].column, 'x')
  assert.equal(r.body.datasetDrift, true)
})

test('a KS test on a raw float64 body', async () => {
  const values = Float64Array.from({ length: 4000 }, (_, i) => Math.sin(i * 1.7) * 5 + (i >= 2000 ? 1 : 0))
  const call = async (split, bytes) => {
    const r = await fetch(`${BASE}/api/drift/ks?split=${split}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: bytes })
    return { status: r.status, body: await r.json() }
  }
  const r = await call(2000, values)
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.equal(r.body.test, 'ks')
  assert.ok(r.body.pvalue < 0.01)
  const odd = await call(1, new Uint8Array(12))
  assert.equal(odd.status, 422)
  assert.equal(odd.body.code, 'EDGEKIT_INVALID_INPUT')
})

test('bad input is a 422 with its EDGEKIT_* code, and the server stays up', async () => {
  const cases = [
    ['/api/lineups', { players: [{ id: 1 }] }, 'EDGEKIT_INVALID_TYPE'],
    ['/api/lineups', { players: players(), site: 'betfair' }, 'EDGEKIT_INVALID_INPUT'],
    ['/api/lineups', { players: players(), n: -1 }, 'EDGEKIT_INVALID_INPUT'],
    ['/api/lineups', { players: players(), n: 2 ** 32 + 2 }, 'EDGEKIT_LIMIT_EXCEEDED'],
    ['/api/lineups', 'not json', 'EDGEKIT_INVALID_TYPE'],
    ['/api/drift', { reference: { age: [1, 2, 3] }, current: { Age: [1, 2, 3] } }, 'EDGEKIT_INVALID_INPUT'],
    ['/api/ltp', { symbols: [{ symbol: 'X', price: NaN }] }, null],
  ]
  for (const [path, payload, code] of cases) {
    const r = await post(path, payload)
    assert.equal(r.status, 422, `${path} ${JSON.stringify(payload).slice(0, 80)}: ${JSON.stringify(r.body)}`)
    if (code) assert.equal(r.body.code, code, JSON.stringify(r.body))
    else assert.match(r.body.code, /^EDGEKIT_/)
  }
  const again = await post('/api/drift', { reference: { x: [1, 2, 3, 4, 5, 6] }, current: { x: [1, 2, 3, 4, 5, 6] } })
  assert.equal(again.status, 200)
})
