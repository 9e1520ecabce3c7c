'use strict'
// lineup from Node: pydfs' k-best sequence (tests/vectors/lineup_pydfs.json), the MILP
// cross-check on every shared slate, rules with camelCase keys, errors with stable codes, and
// upload files that read back.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { lineup } = require('../../bindings-node')

const DATA = path.join(__dirname, '..', '..', 'examples', 'data', 'lineup')
const V = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'lineup_pydfs.json'), 'utf8'))
const FILES = {
  dk_nfl: ['dk_nfl_classic_2019wk1_seenahuang.csv', 'draftkings', 'nfl'],
  dk_showdown: ['dk_nfl_showdown_2019-01-05_IND@HOU_draftfast.csv', 'draftkings', 'nfl'],
  dk_nba: ['dk_nba_classic_2018-12-03_draftfast.csv', 'draftkings', 'nba'],
  dk_nhl: ['dk_nhl_classic_2018-12-22_draftfast.csv', 'draftkings', 'nhl'],
  dk_mlb: ['dk_mlb_classic_2020-09-24_draftfast.csv', 'draftkings', 'mlb'],
  fd_nfl: ['fd_nfl_classic_2018wk13_draftfast.csv', 'fanduel', 'nfl'],
  fd_mlb: ['fd_mlb_classic_2023_draftfast.csv', 'fanduel', 'mlb'],
}
const slate = (name) => {
  const [file, site, sport] = FILES[name]
  return lineup.Slate.fromCsv(path.join(DATA, file), site, sport)
}

function assertValid (s, l) {
  const roster = s.roster
  assert.deepEqual(l.players.map((p) => p.slot), roster.slots.map((x) => x.name))
  const players = s.players
  const people = new Set()
  l.players.forEach((p, j) => {
    const row = players[p.row]
    assert.equal(row.id, p.id)
    const slot = roster.slots[j]
    if (row.rosterSlot === null) assert.ok(row.positions.some((x) => slot.accepts.includes(x)), `${row.name} in ${slot.name}`)
    else assert.equal(row.rosterSlot, slot.name)
    people.add(`${row.name}|${row.team}`)
  })
  assert.equal(people.size, roster.slots.length)
  assert.ok(l.salary <= roster.salaryCap)
}

for (const kase of ['classic', 'showdown']) {
  test(`k-best sequence matches pydfs (${kase})`, async () => {
    const v = V[kase]
    const s = lineup.Slate.fromCsv(path.join(DATA, v.file), 'draftkings', 'nfl')
    const got = await lineup.optimize(s, { n: v.n })
    assert.equal(got.length, v.projections.length)
    got.forEach((l, k) => assert.ok(Math.abs(l.projection - v.projections[k]) < 1e-6, `lineup ${k + 1}`))
    got.slice(0, 10).forEach((l) => assertValid(s, l))
  })
}

test('every shared slate matches the MILP', () => {
  for (const name of Object.keys(FILES)) {
    const s = slate(name)
    const fast = lineup.optimizeSync(s, { n: 2 })
    const milp = lineup.optimizeSync(s, { n: 2, method: 'milp' })
    fast.forEach((l, k) => assert.ok(Math.abs(l.projection - milp[k].projection) < 1e-6, name))
    fast.forEach((l) => assertValid(s, l))
  }
})

test('camelCase and snake_case rules agree; stacks hold', () => {
  const s = slate('dk_nfl')
  const stack = [{ type: 'positions', positions: ['QB', 'WR|TE', 'WR|TE'] }]
  const a = lineup.optimizeSync(s, { n: 3, rules: { maxExposure: 0.7, stacks: stack } })
  const b = lineup.optimizeSync(s, { n: 3, rules: { max_exposure: 0.7, stacks: stack } })
  assert.deepEqual(a, b)
  for (const l of a) {
    const qb = l.players.find((p) => p.slot === 'QB')
    assert.ok(l.players.filter((p) => p.team === qb.team && ['WR', 'TE'].includes(p.position)).length >= 2)
  }
})

test('errors carry stable codes', async () => {
  const s = slate('dk_nfl')
  await assert.rejects(lineup.optimize(s, { rules: { locks: ['Patrick Mahomes', 'Lamar Jackson'] } }),
    (e) => e.code === 'EDGEKIT_INFEASIBLE' && /lock Patrick Mahomes \+ lock Lamar Jackson/.test(e.message))
  // The conflicting rules come as a list too, as Python's InfeasibleError.rules, in both the
  // Promise and the synchronous call.
  for (const attempt of [() => lineup.optimizeSync(s, { rules: { locks: ['Patrick Mahomes', 'Lamar Jackson'] } })]) {
    assert.throws(attempt, (e) => e.code === 'EDGEKIT_INFEASIBLE' &&
      JSON.stringify(e.rules) === JSON.stringify(['lock Patrick Mahomes', 'lock Lamar Jackson']) && !e.message.includes('\u0000'))
  }
  await assert.rejects(lineup.optimize(s, { rules: { locks: ['Patrick Mahomes', 'Lamar Jackson'] } }),
    (e) => Array.isArray(e.rules) && e.rules.length === 2)
  // Seeds: a bigint reaches the full u64 range Python accepts; a negative one is refused.
  const big = await lineup.optimize(s, { n: 2, seed: 2n ** 63n + 5n })
  assert.equal(big.length, 2)
  await assert.rejects(lineup.optimize(s, { n: 2, seed: -1n }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  assert.throws(() => lineup.optimizeSync(s, { rules: { locks: ['Nobody Atall'] } }),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /locks\[0\]/.test(e.message))
  assert.throws(() => lineup.optimizeSync(s, { rules: { maxExposur: 0.5 } }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
  assert.throws(() => lineup.optimizeSync(s, { rules: 'loose' }), (e) => e.code === 'EDGEKIT_INVALID_TYPE')
  const header = 'Position,Name + ID,Name,ID,Roster Position,Salary,Game Info,TeamAbbrev,AvgPointsPerGame\n'
  const row = 'QB,A (1),A,1,QB,6k,NYG@DAL 09/08/2019 04:25PM ET,DAL,20.5\n'
  assert.throws(() => lineup.Slate.fromCsvText(header + row), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /^line 2: Salary/.test(e.message))
})

test('upload CSV round trips; projections merge', () => {
  const s = slate('dk_showdown')
  const report = s.mergeProjections('name,projection\nAndrew Luck,30\n')
  assert.equal(report.matched, 1)
  const best = lineup.optimizeSync(s, { n: 4 })
  assert.equal(best[0].players[0].name, 'Andrew Luck')
  const text = lineup.uploadCsv(s, best)
  assert.equal(text.split('\n')[0], 'CPT,FLEX,FLEX,FLEX,FLEX,FLEX')
  assert.deepEqual(lineup.readUploadCsv(s, text), best)
  assert.equal(lineup.readableCsv(best).trim().split('\n').length, 1 + 4 * 6)
})

test('portfolio mode resolves with simulated scores, repeatable by seed', async () => {
  const s = slate('dk_showdown')
  const a = await lineup.portfolio(s, { n: 4, seed: 2, options: { simulations: 400 } })
  const b = await lineup.portfolio(s, { n: 4, seed: 2, options: { simulations: 400 } })
  assert.deepEqual(a, b)
  assert.equal(a.lineups.length, 4)
  assert.ok(a.expectedBest >= Math.max(...a.lineups.map((e) => e.mean)) - 1e-9)
  for (const e of a.lineups) {
    assertValid(s, e.lineup)
    assert.ok(e.p90 >= e.mean && e.std > 0)
  }
  await assert.rejects(lineup.portfolio(s, { options: { teamCorrelation: 2 } }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
})

test('late swap keeps started players and swaps entries as one portfolio', async () => {
  const s = slate('dk_nfl')
  const entry = lineup.optimizeSync(s, { n: 2 })[1]
  const swapped = lineup.lateSwapSync(s, [entry], [entry.players[0].team], { maxPerTeam: 3 })
  assert.deepEqual(swapped[0].players[0], entry.players[0])
  assert.ok(swapped[0].projection >= entry.projection - 1e-9)
  assertValid(s, swapped[0])
  // Four copies of one entry: the swaps keep its QB, are distinct and respect max exposure.
  const many = await lineup.lateSwap(s, [entry, entry, entry, entry], [entry.players[0].team], { maxExposure: 0.5 })
  const keys = new Set(many.map((l) => l.players.map((p) => p.id).sort().join()))
  assert.equal(keys.size, 4)
  const players = s.players
  const startedGame = players[entry.players[0].row].game
  const counts = {}
  for (const l of many) {
    assertValid(s, l)
    assert.deepEqual(l.players[0], entry.players[0])
    for (const p of l.players) {
      if (players[p.row].game !== startedGame) counts[p.id] = (counts[p.id] || 0) + 1
    }
  }
  assert.ok(Math.max(...Object.values(counts)) <= 2)
  for (let k = 1; k < many.length; k++) assert.ok(many[k].projection <= many[k - 1].projection + 1e-9)
})

test('MLB spaced team stack matches pydfs and uses batting orders', async () => {
  const v = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'lineup_pydfs_mlb.json'), 'utf8'))
  const s = lineup.Slate.fromCsv(path.join(DATA, v.file), 'draftkings', 'mlb')
  const report = s.mergeProjections(fs.readFileSync(path.join(DATA, v.orders), 'utf8'))
  assert.equal(report.matched, 108)
  const rules = { stacks: [{ type: 'team', size: 4, positions: ['C', '1B', '2B', '3B', 'SS', 'OF'], spacing: 5 }] }
  const got = await lineup.optimize(s, { n: v.spaced_stack.n, rules })
  got.forEach((l, k) => assert.ok(Math.abs(l.projection - v.spaced_stack.projections[k]) < 1e-6, `lineup ${k + 1}`))
  const bare = lineup.Slate.fromCsv(path.join(DATA, v.file), 'draftkings', 'mlb')
  assert.throws(() => lineup.optimizeSync(bare, { rules }), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /batting_order/.test(e.message))
})

test('MLB position spacing and min starters match pydfs and the MILP', async () => {
  const v = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'lineup_pydfs_mlb.json'), 'utf8'))
  const rows = fs.readFileSync(path.join(DATA, v.orders), 'utf8').trim().split(/\r?\n/)
  // The recording marks spots 1-5 of the posted lineups as confirmed starters.
  const marked = [rows[0] + ',confirmed_starter', ...rows.slice(1).map((r) => r + (Number(r.split(',').pop()) <= 5 ? ',yes' : ',no'))]
  const s = lineup.Slate.fromCsv(path.join(DATA, v.file), 'draftkings', 'mlb')
  assert.equal(s.mergeProjections(marked.join('\n') + '\n').matched, 108)
  const starters = new Set(s.players.filter((p) => p.confirmedStarter).map((p) => p.id))
  assert.equal(starters.size, 60)
  const dominates = (got, reference) => {
    const theirs = [...reference.projections].sort((a, b) => b - a)
    got.forEach((l, k) => assert.ok(l.projection >= theirs[k] - 1e-6, `lineup ${k + 1}`))
    const left = got.map((l) => l.projection)
    let shared = 0
    for (const b of theirs) {
      const k = left.findIndex((a) => Math.abs(a - b) < 1e-6)
      if (k >= 0) { left.splice(k, 1); shared++ }
    }
    assert.ok(shared * 10 >= got.length * 9, `${shared} of ${got.length}`)
  }
  const hitters = ['C', '1B', '2B', '3B', 'SS', 'OF']
  const spacing = { positionSpacing: { positions: hitters, spacing: 3 } }
  const spaced = await lineup.optimize(s, { n: v.position_spacing.n, rules: spacing })
  dominates(spaced, v.position_spacing)
  const milp = lineup.optimizeSync(s, { n: 5, rules: spacing, method: 'milp' })
  milp.forEach((l, k) => assert.ok(Math.abs(l.projection - spaced[k].projection) < 1e-6))
  const atLeast7 = { minStarters: 7 }
  const got = await lineup.optimize(s, { n: v.min_starters.n, rules: atLeast7 })
  dominates(got, v.min_starters)
  for (const l of got) assert.ok(l.players.filter((p) => starters.has(p.id)).length >= 7)
  await assert.rejects(lineup.optimize(s, { rules: { minStarters: 9 } }), (e) => e.code === 'EDGEKIT_INFEASIBLE' && e.rules.includes('min_starters 9'))
  const bare = lineup.Slate.fromCsv(path.join(DATA, v.file), 'draftkings', 'mlb')
  assert.throws(() => lineup.optimizeSync(bare, { rules: spacing }), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /position_spacing/.test(e.message))
})

test('after-each exposure and progressive bumps match pydfs lineup for lineup', async () => {
  const v = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'lineup_pydfs_strategies.json'), 'utf8'))
  const s = lineup.Slate.fromCsv(path.join(DATA, v.file), 'draftkings', 'nba')
  for (const [name, rules] of [['after_each', { maxExposure: 0.5, exposureStrategy: 'afterEach' }], ['progressive', { progressive: { scale: 0.02 } }]]) {
    const ref = v[name]
    const got = await lineup.optimize(s, { n: ref.n, rules })
    got.forEach((l, k) => {
      assert.ok(Math.abs(l.projection - ref.projections[k]) < 1e-6, `${name} lineup ${k + 1}`)
      assert.deepEqual(l.players.map((p) => p.id).sort(), ref.player_ids[k], `${name} lineup ${k + 1}`)
    })
  }
  await assert.rejects(lineup.optimize(s, { rules: { progressive: { scale: 2 } } }), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /progressive/.test(e.message))
})

test('soccer and tennis match pydfs', async () => {
  const v = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'lineup_pydfs_sports.json'), 'utf8'))
  for (const sport of ['soccer', 'tennis']) {
    const ref = v[sport]
    const s = lineup.Slate.fromCsv(path.join(DATA, ref.file), 'draftkings', sport)
    const got = await lineup.optimize(s, { n: ref.n })
    const theirs = [...ref.projections].sort((a, b) => b - a)
    got.forEach((l, k) => assert.ok(l.projection >= theirs[k] - 1e-6, `${sport} lineup ${k + 1}`))
    const left = got.map((l) => l.projection)
    let shared = 0
    for (const b of theirs) {
      const k = left.findIndex((a) => Math.abs(a - b) < 1e-6)
      if (k >= 0) { left.splice(k, 1); shared++ }
    }
    assert.ok(shared * 10 >= got.length * 9, `${sport}: ${shared} of ${got.length}`)
    if (sport === 'soccer') for (const l of got) assert.ok(new Set(l.players.map((p) => p.team)).size >= 3)
  }
})

test('the sites and sports added from real files match pydfs', async () => {
  const v = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'lineup_pydfs_sites.json'), 'utf8'))
  const cases = {
    dk_golf: ['draftkings', 'golf', 'G,G,G,G,G,G\n'],
    dk_mma: ['draftkings', 'mma', 'F,F,F,F,F,F\n'],
    dk_lol: ['draftkings', 'lol', 'CPT,TOP,JNG,MID,ADC,SUP,TEAM\n'],
    dk_cfb_showdown: ['draftkings', 'cfb', 'CPT,UTIL,UTIL,UTIL,UTIL,UTIL\n'],
    dk_mlb_showdown: ['draftkings', 'mlb', 'CPT,UTIL,UTIL,UTIL,UTIL,UTIL\n'],
    fd_mlb_single_game: ['fanduel', 'mlb', 'MVP,STAR,UTIL,UTIL,UTIL\n'],
    yahoo_nba: ['yahoo', 'nba', 'PG,SG,G,SF,PF,F,C,UTIL\n'],
  }
  for (const [name, [site, sport, header]] of Object.entries(cases)) {
    const ref = v[name]
    const s = lineup.Slate.fromCsv(path.join(DATA, ref.file), site, sport)
    const got = await lineup.optimize(s, { n: ref.n })
    // pydfs reports lineup projections to 3 decimals.
    const theirs = [...ref.projections].sort((a, b) => b - a)
    got.forEach((l, k) => assert.ok(l.projection >= theirs[k] - 1e-3, `${name} lineup ${k + 1}`))
    const left = got.map((l) => l.projection)
    let shared = 0
    for (const b of theirs) {
      const k = left.findIndex((a) => Math.abs(a - b) <= 1e-3)
      if (k >= 0) { left.splice(k, 1); shared++ }
    }
    assert.ok(shared * 10 >= got.length * 9, `${name}: ${shared} of ${got.length}`)
    const upload = lineup.uploadCsv(s, got)
    assert.ok(upload.startsWith(header), `${name}: ${upload.slice(0, 60)}`)
    assert.deepEqual(lineup.readUploadCsv(s, upload).map((l) => l.projection), got.map((l) => l.projection))
  }
  const all = lineup.rosters()
  assert.ok(all.some((r) => r.site === 'draftkings' && r.sport === 'golf' && r.contest === 'classic'))
  for (const r of all) assert.ok(r.slots.length >= 5 && r.salaryCap > 0)
  assert.throws(() => lineup.Slate.fromCsv(path.join(DATA, v.dk_golf.file), 'draftkings', 'darts'), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /sport "darts" is unknown/.test(e.message))
})

test('stack exposure caps match pydfs', async () => {
  const v = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'lineup_pydfs_stack_exposure.json'), 'utf8'))
  const s = slate('dk_nfl')
  const stack = { type: 'team', size: 3, positions: ['QB', 'WR', 'TE'] }
  for (const [name, caps] of [['team_cap', { maxExposure: 0.25 }], ['per_team_cap', { maxExposure: 0.3, maxExposurePerTeam: { HOU: 0.1, MIN: 0.1 } }]]) {
    const ref = v[name]
    const got = await lineup.optimize(s, { n: ref.n, rules: { stacks: [{ ...stack, ...caps }] } })
    got.forEach((l, k) => assert.ok(Math.abs(l.projection - ref.projections[k]) < 1e-3, `${name} lineup ${k + 1}`))
    const stacked = got.map((l) => {
      const count = {}
      for (const p of l.players) if (['QB', 'WR', 'TE'].includes(p.position)) count[p.team] = (count[p.team] || 0) + 1
      return Object.keys(count).filter((t) => count[t] >= 3)
    })
    assert.ok(stacked.every((t) => t.length === 1))
    assert.ok(stacked.filter((t) => t[0] === 'HOU').length <= (name === 'team_cap' ? 5 : 2))
  }
  await assert.rejects(lineup.optimize(s, { rules: { stacks: [{ ...stack, maxExposure: 1.5 }] } }), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /max_exposure 1.5/.test(e.message))
})

test('a slate from the app\'s player rows is the salary file\'s slate', () => {
  for (const name of ['dk_nfl', 'fd_nfl']) {
    const fromFile = slate(name)
    const rows = fromFile.players.map((p) => ({ id: p.id, name: p.name, positions: p.positions, team: p.team, opponent: p.opponent, game: p.game, salary: p.salary, projection: p.projection, injury: p.injury, rosterSlot: p.rosterSlot }))
    const [, site, sport] = FILES[name]
    const fromRows = lineup.Slate.fromRecords(rows, { site, sport })
    assert.equal(fromRows.length, fromFile.length)
    const proj = (ls) => ls.map((l) => l.projection)
    assert.deepEqual(proj(lineup.optimizeSync(fromRows, { n: 3 })), proj(lineup.optimizeSync(fromFile, { n: 3 })), name)
    assert.throws(() => lineup.Slate.fromRecords([rows[0], { ...rows[1], salary: -5 }], { site, sport }), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /line 2/.test(e.message))
    assert.throws(() => lineup.Slate.fromRecords([{ ...rows[0], salry: 1 }], { site, sport }), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /unknown field `salry`/.test(e.message))
  }
})

test('ownership caps and leverage (showdown)', async () => {
  const s = slate('dk_showdown')
  const rows = ['id,projection,ownership']
  const seen = new Set()
  for (const p of s.players) {
    if (seen.has(p.id)) continue
    seen.add(p.id)
    const value = p.projection / Math.max(p.salary / 1000, 0.1)
    rows.push(`${p.id},${p.projection},${Math.min(Math.max(3 * value, 0.2), 60).toFixed(4)}`)
  }
  s.mergeProjections(rows.join('\n') + '\n')
  const owned = new Map(s.players.map((p) => [p.id, p.ownership]))
  const total = (l) => l.players.reduce((sum, p) => sum + owned.get(p.id), 0)
  const plain = await lineup.optimize(s, { n: 3 })
  const cap = 0.8 * total(plain[0])
  const capped = await lineup.optimize(s, { n: 3, rules: { maxTotalOwnership: cap } })
  assert.ok(capped.every((l) => total(l) <= cap + 1e-9))
  assert.ok(capped[0].projection < plain[0].projection)
  const leverage = await lineup.optimize(s, { n: 3, rules: { ownershipPenalty: { weight: 2, kind: 'linear' } } })
  assert.notDeepEqual(leverage[0], plain[0])
  assert.ok(total(leverage[0]) <= total(plain[0]))
  await assert.rejects(lineup.optimize(slate('dk_showdown'), { n: 1, rules: { maxProductOwnership: 1e-6 } }),
    (e) => /^EDGEKIT_/.test(e.code) && /ownership/.test(e.message))
  await assert.rejects(lineup.optimize(s, { n: 1, rules: { maxTotalOwnership: 1 } }),
    (e) => e.code === 'EDGEKIT_INFEASIBLE' && /max_total_ownership/.test(e.message))
})

test('opposing limits with maxAllowed and same-team restrictions hold and are named', async () => {
  const s = slate('dk_showdown')
  const skill = new Set(['RB', 'WR', 'TE'])
  const facing = (l) => Math.max(0, ...l.players.filter((x) => x.position === 'QB')
    .map((x) => l.players.filter((y) => y.team !== x.team && skill.has(y.position)).length))
  assert.ok(Math.max(...(await lineup.optimize(s, { n: 40 })).map(facing)) >= 3)
  for (const maxAllowed of [0, 1, 2]) {
    const run = await lineup.optimize(s, { n: 5, rules: { restrictOpposing: [{ positions: ['QB'], opposing: ['RB', 'WR', 'TE'], maxAllowed }] } })
    assert.ok(run.every((l) => facing(l) <= maxAllowed))
  }
  const run = lineup.optimizeSync(s, { n: 5, rules: { restrictSameTeam: [{ positions: ['QB'], teammates: ['RB'] }, { positions: ['RB'], teammates: ['RB'] }] } })
  for (const l of run) {
    for (const x of l.players) {
      const mates = l.players.filter((y) => y.team === x.team && y.name !== x.name).map((y) => y.position)
      assert.ok(!((x.position === 'QB' || x.position === 'RB') && mates.includes('RB')))
    }
  }
  await assert.rejects(
    lineup.optimize(s, { rules: { locks: ['Marlon Mack', 'Nyheim Hines'], restrictSameTeam: [{ positions: ['RB'], teammates: ['RB'] }] } }),
    (e) => e.code === 'EDGEKIT_INFEASIBLE' && e.rules.includes('restrict_same_team[0]'))
})

test('team exposure caps hold over the run', async () => {
  const s = slate('dk_nba')
  const teamsIn = (run) => {
    const count = {}
    for (const l of run) for (const t of new Set(l.players.map((p) => p.team))) count[t] = (count[t] ?? 0) + 1
    return count
  }
  const [busiest, most] = Object.entries(teamsIn(await lineup.optimize(s, { n: 8 }))).sort((a, b) => b[1] - a[1])[0]
  assert.ok(most > 6)
  const run = await lineup.optimize(s, { n: 8, rules: { maxTeamExposure: 0.75, teamExposures: [{ team: busiest, maxExposure: 0.25 }] } })
  const count = teamsIn(run)
  assert.ok((count[busiest] ?? 0) <= 2 && Math.max(...Object.values(count)) <= 6, JSON.stringify(count))
  await assert.rejects(lineup.optimize(s, { rules: { teamExposures: [{ team: 'ZZZ', maxExposure: 0.5 }] } }), (e) => e.code === 'EDGEKIT_INVALID_INPUT')
})
