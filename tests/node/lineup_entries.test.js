'use strict'
// lineup entries files from Node: a real DraftKings DKEntries.csv read with its pool, swapped
// at a time (the shared vector tests/vectors/lineup_late_swap.json: the same lineups as Rust
// and Python), written back with its entry columns; times as Dates, text or seconds; rejections
// with stable codes.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { lineup } = require('../../bindings-node')

const DATA = path.join(__dirname, '..', '..', 'examples', 'data', 'lineup')
const V = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'lineup_late_swap.json'), 'utf8'))
const FILE = path.join(DATA, V.file)

function slateAndFile () {
  const s = lineup.Slate.fromCsv(FILE, 'draftkings', 'nba')
  return [s, lineup.readEntriesCsv(s, fs.readFileSync(FILE, 'utf8'))]
}

function withReservations (file) {
  for (const k of V.reservations) file.entries[k].lineup = null
  return file
}

function checkVector (swapped) {
  assert.deepEqual(
    swapped.entries.map((e) => ({ entry_id: e.entryId, ids: e.lineup.players.map((p) => p.id), locked: e.locked })),
    V.entries.map((e) => ({ entry_id: e.entry_id, ids: e.ids, locked: e.locked }))
  )
  swapped.entries.forEach((e, k) => {
    assert.ok(Math.abs(e.lineup.projection - V.entries[k].projection) <= 1e-9 * V.entries[k].projection)
  })
}

test('the pool and the entries come from one file', () => {
  const [s, file] = slateAndFile()
  assert.equal(s.length, 234)
  const tatum = s.players.find((p) => p.name === 'Jayson Tatum')
  assert.equal(tatum.startsAt, lineup.parseTime('2019-01-19T00:00:00Z'))
  assert.equal(tatum.gameStarted, false)
  assert.deepEqual(file.columns, ['Entry ID', 'Contest Name', 'Contest ID', 'Entry Fee'])
  const e = file.entries[0]
  assert.deepEqual([e.entryId, e.contestId, e.entryFee], ['1375294759', '68196406', '$0.25'])
  assert.equal(e.lineup.players[7].id, '11971860')
})

for (const [what, now] of [
  ['the sites\' text', V.now],
  ['Unix seconds', V.now_unix],
  ['ISO 8601', '2019-01-18T20:30:00-05:00'],
  ['a Date', new Date(V.now_unix * 1000)],
  ['a Date with milliseconds', new Date(V.now_unix * 1000 + 999)]
]) {
  test(`the swap at a time (${what}) matches the shared vector`, async () => {
    const [s, file] = slateAndFile()
    const swapped = await lineup.lateSwapEntries(s, withReservations(file), { now, rules: V.rules })
    checkVector(swapped)
    assert.deepEqual(JSON.parse(JSON.stringify(swapped)), swapped)
    assert.equal(lineup.entriesCsv(s, swapped), V.upload)
  })
}

test('the sync twin, the upload read back, fresh lineups filled in', () => {
  const [s, file] = slateAndFile()
  const swapped = lineup.lateSwapEntriesSync(s, withReservations(file), { now: V.now, rules: V.rules })
  checkVector(swapped)
  const back = lineup.readEntriesCsv(s, lineup.entriesCsv(s, swapped))
  assert.deepEqual(back.entries.map((e) => e.lineup), swapped.entries.map((e) => e.lineup))
  const fresh = lineup.optimizeSync(s, { n: 9 })
  const filled = lineup.fillEntries(file, fresh)
  assert.deepEqual(filled.entries.map((e) => e.lineup), fresh)
  assert.deepEqual(filled.entries.map((e) => e.entryId), file.entries.map((e) => e.entryId))
})

test('bad times, files and arguments reject or throw with stable codes', async () => {
  const [s, file] = slateAndFile()
  for (const now of ['2019-01-18 20:30', 'yesterday', 1.5e9 + 0.5, new Date(NaN)]) {
    await assert.rejects(lineup.lateSwapEntries(s, file, { now }), (e) => e.code === 'EDGEKIT_INVALID_INPUT', String(now))
  }
  await assert.rejects(lineup.lateSwapEntries(s, { rows: [] }), (e) => e.code.startsWith('EDGEKIT_'))
  await assert.rejects(lineup.lateSwapEntries(s, file, { nope: 1 }), (e) => e.code === 'EDGEKIT_INVALID_TYPE' && /unknown option `nope`/.test(e.message))
  const partial = fs.readFileSync(FILE, 'utf8').replace('Shai Gilgeous-Alexander (11972194),', ',')
  assert.throws(() => lineup.readEntriesCsv(s, partial), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /line 2: entry 1375294759 fills 7 of its 8/.test(e.message))
  assert.throws(() => lineup.parseTime('soon'), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  assert.throws(() => lineup.fillEntries(file, lineup.optimizeSync(s, { n: 10 })), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
})
