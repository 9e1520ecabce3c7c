'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const ek = require('../../bindings-node')

const ROOT = path.join(__dirname, '..', '..')
const V = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'vectors', 'games.json'), 'utf8'))
const LOG = ek.GameLog.fromCsv(path.join(ROOT, 'examples', 'data', 'spreadspoke_scores.csv'))
const close = (got, want) => Math.abs(got - want) <= 1e-9 * Math.abs(want) + 1e-15

test('the log loads every played game', () => {
  assert.equal(LOG.rows, V.rows)
  assert.equal(LOG.skipped.length, 2)
})

test('system records match pandas', () => {
  for (const c of V.systems) {
    const r = LOG.evaluate(c.filters, { market: c.market })
    const w = c.expected
    const name = `${c.filters} ${c.market}`
    assert.deepEqual([r.wins, r.losses, r.pushes], [w.wins, w.losses, w.pushes], name)
    for (const k of ['avgMargin', 'avgAtsMargin', 'units', 'breakEven', 'pvalue']) {
      const key = k.replace(/[A-Z]/g, (ch) => '_' + ch.toLowerCase())
      assert.ok(close(r[k], w[key]), `${name} ${k}`)
    }
    assert.ok(close(r.wilson[0], w.wilson[0]) && close(r.wilson[1], w.wilson[1]), name)
  }
})

test('mining reports the search size; bad filters throw with a code', () => {
  const space = ['home', 'away', 'favorite', 'underdog', 'division_game', 'rest_days >= 10', 'prev_ats == loss', 'line >= 7']
  const found = LOG.mine(space, { train: [1978, 2015], test: [2016, 2024], minGames: 100 })
  assert.equal(found.tried, 36)
  const top = found.systems[0]
  const direct = LOG.evaluate(top.filters, { seasons: [2016, 2024] })
  assert.deepEqual([direct.wins, direct.losses], [top.test.wins, top.test.losses])
  assert.throws(() => LOG.evaluate(['rest_dayz >= 3']), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /unknown field/.test(e.message))
  assert.throws(() => ek.GameLog.fromCsv('/nonexistent.csv'), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
})

test('walkForward pools the selected systems season by season', () => {
  const space = ['home', 'away', 'favorite', 'underdog', 'division_game', 'rest_days >= 10']
  const steps = LOG.walkForward(space, { trainFrom: 1978, test: [2021, 2022], qMax: 1, minGames: 100 })
  assert.deepEqual(steps.map((s) => s.season), [2021, 2022])
  const mined = LOG.mine(space, { train: [1978, 2021], test: [2022, 2022], minGames: 100 })
  assert.equal(steps[1].selected, mined.systems.length)
  assert.equal(steps[1].outOfSample[0], mined.systems.reduce((a, s) => a + s.test.wins, 0))
})

test('runsTest matches statsmodels; chartPatterns finds a double top', () => {
  for (const c of V.runs_tests) {
    const r = ek.runsTest(c.values, { cutoff: c.cutoff, correction: c.correction })
    assert.equal(r.runs, c.runs)
    assert.ok(close(r.z, c.expected.z) && close(r.pvalue, c.expected.pvalue), `${c.name} ${c.cutoff}`)
  }
  const close_ = [100, 104, 108, 110, 106, 101, 100, 103, 107, 110.4, 105, 99, 95]
  const found = ek.chartPatterns(close_, close_, close_, close_, { threshold: 0.04, tolerance: 0.01 })
  const top = found.filter((p) => p.kind === 'double_top')
  assert.equal(top.length, 1)
  assert.deepEqual(top[0].pivots, [3, 6, 9])
  assert.equal(top[0].confirmedAt, 11)
  assert.throws(() => ek.runsTest([1, 2, 3], { cutoff: 'mode' }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
})

test('analyzeGames lists applicable systems for unplayed games', () => {
  const found = LOG.analyzeGames([['home'], ['away', 'underdog']], { train: [1978, 2014], test: [2015, 2024] })
  assert.ok(found.length > 0)
  for (const side of found) {
    for (const s of side.systems) assert.ok(s.confidence >= 0 && s.confidence <= 1)
  }
})

test('a game log from columns', () => {
  const day = ['2024-09-08', '2024-09-15', '2024-09-22', '2024-09-29'].map((d) => Date.parse(d) / 86400000)
  const log = ek.GameLog.fromColumns({
    day,
    season: [2024, 2024, 2024, 2024],
    home: ['Hawks', 'Owls', 'Hawks', 'Owls'],
    away: ['Owls', 'Hawks', 'Owls', 'Hawks'],
    scoreHome: [24, 17, 10, null],
    scoreAway: [20, 21, 13, null],
    favorite: ['Hawks', 'Hawks', 'PICK', 'Owls'],
    spread: [-3, -6.5, 0, -2.5],
    total: [44, 40, 41.5, 42]
  })
  assert.equal(log.games, 4)
  const r = log.evaluate(['home'], { market: 'ats' })
  assert.deepEqual([r.wins, r.losses, r.pushes], [2, 1, 0])
  assert.throws(() => ek.GameLog.fromColumns({ day: [0], season: [2024], home: ['A'], away: ['A'], scoreHome: [1], scoreAway: [2] }),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /game row 0/.test(e.message))
})
