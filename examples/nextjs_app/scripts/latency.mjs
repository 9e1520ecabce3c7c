// Request latencies of each route of the built app (`next start`, URL in EDGEKIT_APP_URL),
// one request at a time over HTTP on 127.0.0.1: median and 95th percentile of N calls after a
// warm-up call. Prints a markdown table for docs/integration.md.
//
//   EDGEKIT_APP_URL=http://127.0.0.1:3000 node examples/nextjs_app/scripts/latency.mjs [N]
import { bars, players } from './fixtures.mjs'

const BASE = process.env.EDGEKIT_APP_URL ?? 'http://127.0.0.1:3000'
const N = Number(process.argv[2] ?? 20)

const json = (path, body) => () => fetch(`${BASE}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const rows = players()
const daily = bars(60, 7)
const intraday = bars(78, 8)
const reference = Array.from({ length: 10_000 }, (_, i) => Math.sin(i * 0.37) * 10)
const current = reference.slice(0, 2_000).map((v) => v + 1)
const raw = Float64Array.from({ length: 200_000 }, (_, i) => Math.sin(i * 1.3))

const calls = [
  ['POST /api/lineups (951 players, 20 lineups)', json('/api/lineups', { players: rows, site: 'draftkings', sport: 'nfl', n: 20 })],
  ['POST /api/ltp (1 symbol, 3 frames)', json('/api/ltp', { symbols: [{ symbol: 'SPY', price: intraday.at(-1).c, daily, intraday, timeframes: { '5m': intraday, '1h': bars(40, 9) } }] })],
  ['POST /api/drift (10⁴ vs 2·10³ values)', json('/api/drift', { reference: { x: reference }, current: { x: current } })],
  ['POST /api/drift/ks (2·10⁵ raw float64)', () => fetch(`${BASE}/api/drift/ks?split=100000`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: raw })]
]

console.log('| route | median | p95 |\n| --- | --- | --- |')
for (const [name, call] of calls) {
  const first = await call()
  if (first.status !== 200) throw new Error(`${name}: ${first.status} ${await first.text()}`)
  await first.arrayBuffer()
  const times = []
  for (let i = 0; i < N; i++) {
    const start = performance.now()
    const response = await call()
    await response.arrayBuffer()
    times.push(performance.now() - start)
    if (response.status !== 200) throw new Error(`${name}: ${response.status}`)
  }
  times.sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)]
  const p95 = times[Math.min(times.length - 1, Math.floor(0.95 * times.length))]
  console.log(`| ${name} | ${median.toFixed(1)} ms | ${p95.toFixed(1)} ms |`)
}
