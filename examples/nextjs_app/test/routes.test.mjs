// The built app, started with `next start` on 127.0.0.1 (URL in EDGEKIT_APP_URL), called over
// HTTP: good answers, 422 with the EDGEKIT_* code on bad input, and the server still up after.
import test from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const BASE = process.env.EDGEKIT_APP_URL ?? 'http://127.0.0.1:3000'
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

const post = async (path, payload) => {
  const r = await fetch(`${BASE}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof payload === 'string' ? payload : JSON.stringify(payload) })
  return { status: r.status, body: await r.json() }
}

// Player rows as an app's database would hold them, from the bundled DraftKings salary file.
function players () {
  const lines = readFileSync(join(ROOT, 'examples', 'data', 'lineup', 'dk_nfl_classic_2019wk1_seenahuang.csv'), 'utf8').trim().split(/\r?\n/)
  const header = lines[0].split(',')
  const col = (name) => header.indexOf(name)
  return lines.slice(1).map((line) => {
    const f = line.split(',')
    const game = f[col('Game Info')].split(' ')[0]
    const [away, home] = game.split('@')
    const team = f[col('TeamAbbrev')]
    return { id: f[col('ID')], name: f[col('Name')], positions: f[col('Position')], team, opponent: team === away ? home : away, game, salary: Number(f[col('Salary')]), projection: Number(f[col('AvgPointsPerGame')]) }
  })
}

function bars (n, seed) {
  let x = seed
  const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648)
  const out = []
  let price = 100
  for (let i = 0; i < n; i++) {
    const o = price
    price += (rand() - 0.5)
    out.push({ o, h: Math.max(o, price) + 0.2, l: Math.min(o, price) - 0.2, c: price, v: 1000, t: 1_704_205_800 + 300 * i })
  }
  return out
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
  const r = await post('/api/ltp', { symbols: [{ symbol: 'SPY', price: intraday.at(-1).c, daily, intraday, timeframes: { '5m': intraday, '1h': bars(40, 9) } }] })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.equal(r.body.setups.length, 1)
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
