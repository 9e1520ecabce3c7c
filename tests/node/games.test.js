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
