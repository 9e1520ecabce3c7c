'use strict'
// lineup user correlations from Node: the shared vector (tests/vectors/lineup_correlation.json,
// the same numbers as Rust and Python), the factor model's documented values, rejections with
// stable codes.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { lineup } = require('../../bindings-node')

const DATA = path.join(__dirname, '..', '..', 'examples', 'data', 'lineup')
const VECTORS = path.join(__dirname, '..', 'vectors')
const C = JSON.parse(fs.readFileSync(path.join(VECTORS, 'lineup_contest.json'), 'utf8'))
const V = JSON.parse(fs.readFileSync(path.join(VECTORS, 'lineup_correlation.json'), 'utf8'))

function ownedSlate () {
  const s = lineup.Slate.fromCsv(path.join(DATA, C.slate), 'draftkings', 'nfl')
  const rows = ['id,projection,ownership']
  for (const p of s.players) rows.push(`${p.id},${p.projection},${C.ownership[p.id]}`)
  s.mergeProjections(rows.join('\n') + '\n')
  return s
}

const camel = (k) => k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
const camelKeys = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), v]))
function close (a, b, what) {
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`)
}

test('the shared correlation vector', async () => {
  const s = ownedSlate()
  const outcomes = camelKeys(V.outcomes)
  const got = lineup.outcomeCorrelations(s, { players: V.players, outcomes })
  assert.deepEqual(got.players, V.players)
  V.correlations.forEach((row, i) => row.forEach((value, j) => close(got.correlations[i][j], value, `${i},${j}`)))
  close(got.largestRepair, V.largest_repair, 'largestRepair')
  const lineups = lineup.optimizeSync(s, { n: C.lineups.length })
  const result = await lineup.simulateContest(s, lineups, {
    contest: C.contest, seed: V.seed, options: { simulations: V.simulations, outcomes }
  })
  V.entries.forEach((stats, k) => {
    for (const [key, value] of Object.entries(stats)) close(result.entries[k].stats[camel(key)], value, key)
  })
  assert.doesNotThrow(() => JSON.stringify(got))
})

test('the factor model without rules', () => {
  const s = ownedSlate()
  const qb = s.players.find((p) => p.positions[0] === 'QB' && p.team === 'HOU')
  const wr = s.players.find((p) => p.positions[0] === 'WR' && p.team === 'HOU')
  const got = lineup.outcomeCorrelations(s, { players: [qb.id, wr.id], outcomes: { teamCorrelation: 0.2, stackCorrelation: 0.1 } })
  close(got.correlations[0][1], 0.2 + 0.1 + 0.05, 'QB-WR')
  assert.equal(got.largestRepair, 0)
})

test('bad correlations are rejected with stable codes', () => {
  const s = ownedSlate()
  const some = s.players[0].id
  assert.throws(() => lineup.outcomeCorrelations(s, { players: [some], outcomes: { playerCorrelations: [{ a: some, b: 'Nobody', value: 0.1 }] } }),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /playerCorrelations\[0\]|player_correlations\[0\]/.test(e.message) && /Nobody/.test(e.message))
  assert.throws(() => lineup.outcomeCorrelations(s, { players: [some], outcomes: { positionCorrelations: [{ a: 'QB', b: 'WR', value: 2 }] } }),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /\[-1, 1\]/.test(e.message))
  assert.throws(() => lineup.outcomeCorrelations(s, { players: ['Nobody'] }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  assert.throws(() => lineup.outcomeCorrelations(s, { players: [] }), (e) => e.code === 'EDGEKIT_LIMIT_EXCEEDED')
  assert.throws(() => lineup.outcomeCorrelations(s, { players: [some], outcomes: { positionCorrelations: [{ a: 'QB', b: 'WR', value: 'high' }] } }),
    (e) => e.code.startsWith('EDGEKIT_'))
  assert.throws(() => lineup.outcomeCorrelations(s, { players: [some], outcomes: { positionCorrelations: [{ a: 'QB', b: 'WR', value: 0.1, opponent: 3 }] } }),
    (e) => e.code.startsWith('EDGEKIT_'))
})
