'use strict'
// lineup contests from Node: the shared vector (tests/vectors/lineup_contest.json, the same
// numbers as Rust and Python), JSON-safe results and the CSV round trip, the field, the pool,
// rejections with stable codes.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { lineup } = require('../../bindings-node')

const DATA = path.join(__dirname, '..', '..', 'examples', 'data', 'lineup')
const V = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'lineup_contest.json'), 'utf8'))

function ownedSlate () {
  const s = lineup.Slate.fromCsv(path.join(DATA, V.slate), 'draftkings', 'nfl')
  const rows = ['id,projection,ownership']
  for (const p of s.players) rows.push(`${p.id},${p.projection},${V.ownership[p.id]}`)
  const report = s.mergeProjections(rows.join('\n') + '\n')
  assert.equal(report.matched, s.length)
  return s
}

const camel = (k) => k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
function close (a, b, what) {
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`)
}

test('the shared contest vector', async () => {
  const s = ownedSlate()
  const lineups = lineup.optimizeSync(s, { n: 3 })
  assert.deepEqual(lineups.map((l) => l.players.map((p) => p.id)), V.lineups)
  const options = { simulations: V.simulations }
  const got = await lineup.simulateContest(s, lineups, { contest: V.contest, seed: V.seed, options })
  V.simulate.entries.forEach((stats, k) => {
    for (const [key, value] of Object.entries(stats)) close(got.entries[k].stats[camel(key)], value, key)
  })
  for (const [key, value] of Object.entries(V.simulate.portfolio)) close(got.portfolio[camel(key)], value, key)
  close(got.field.meanSalary, V.simulate.field_mean_salary, 'meanSalary')
  close(got.field.meanProjection, V.simulate.field_mean_projection, 'meanProjection')
  const candidates = lineup.optimizeSync(s, { n: V.select.candidates })
  const chosen = await lineup.selectByRoi(s, candidates, { contest: V.contest, n: V.select.n, seed: V.seed, options })
  assert.deepEqual(chosen.entries.map((e) => e.lineup.players.map((p) => p.id)), V.select.lineups)
  chosen.entries.forEach((e, k) => close(e.marginalProfit, V.select.marginal_profit[k], 'marginalProfit'))
  close(chosen.portfolio.expectedProfit, V.select.expected_profit, 'expectedProfit')
})

test('results are JSON-safe and the contest CSV reads back', async () => {
  const s = ownedSlate()
  const contest = lineup.readPayoutCsv('place,prize\n1,200\n2,100\n3-12,$15\n', { fieldSize: 60, entryFee: 10, maxEntries: 20 })
  assert.deepEqual(contest.payouts[2], { first: 3, last: 12, prize: 15 })
  const result = await lineup.contestPortfolio(s, { contest, n: 3, seed: 4, options: { simulations: 200, candidates: 60 } })
  assert.equal(result.entries.length, 3)
  const marginal = result.entries.reduce((a, e) => a + e.marginalProfit, 0)
  close(marginal, result.portfolio.expectedProfit, 'marginal sum')
  assert.deepEqual(JSON.parse(JSON.stringify(result)), result)
  const text = lineup.contestCsv(s, result)
  assert.ok(text.split('\n')[0].endsWith('Win rate,Mean finish,Marginal profit'))
  const back = lineup.readUploadCsv(s, text)
  assert.deepEqual(back.map((l) => l.players.map((p) => p.id)), result.entries.map((e) => e.lineup.players.map((p) => p.id)))
})

test('the field and the pool', async () => {
  const s = ownedSlate()
  const field = await lineup.sampleField(s, { entries: 300, seed: 2, field: { minSalaryShare: 0.95 } })
  assert.equal(field.lineups.length, 300)
  assert.ok(field.lineups.every((l) => l.salary >= 47500))
  assert.ok(field.summary.meanProjection <= field.summary.optimalProjection)
  const pool = await lineup.candidatePool(s, { n: 50 })
  assert.ok(pool.length >= 40 && pool.length <= 50)
})

test('contest calls reject with stable codes', async () => {
  const plain = lineup.Slate.fromCsv(path.join(DATA, V.slate), 'draftkings', 'nfl')
  const lineups = lineup.optimizeSync(plain, { n: 2 })
  await assert.rejects(lineup.simulateContest(plain, lineups, { contest: V.contest, options: { simulations: 20 } }),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /ownership/.test(e.message))
  const s = ownedSlate()
  await assert.rejects(lineup.simulateContest(s, lineups, { contest: V.contest, options: { simulations: 0 } }),
    (e) => e.code === 'EDGEKIT_LIMIT_EXCEEDED')
  await assert.rejects(lineup.simulateContest(s, lineups, { options: { simulations: 20 } }),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /contest/.test(e.message))
  await assert.rejects(lineup.simulateContest(s, lineups, { contest: { ...V.contest, fieldSize: 2 ** 53 } }),
    (e) => e.code.startsWith('EDGEKIT_'))
  await assert.rejects(lineup.simulateContest(s, [{ players: [] }], { contest: V.contest }),
    (e) => e.code.startsWith('EDGEKIT_'))
  await assert.rejects(lineup.contestPortfolio(s, { contest: V.contest, n: 2, rules: { maxExposure: 0 }, options: { simulations: 20, candidates: 20 } }),
    (e) => e.code === 'EDGEKIT_INFEASIBLE')
  assert.throws(() => lineup.readPayoutCsv('place,prize\nfirst,10\n', { fieldSize: 10 }),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /line 2/.test(e.message))
})
