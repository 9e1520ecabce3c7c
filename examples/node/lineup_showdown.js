'use strict'
// Ten DraftKings showdown lineups (IND@HOU, 2019-01-05 wild card; the site's own salary export in
// examples/data/lineup) from Node: the optimizer runs off the event loop (a Promise), rules use
// camelCase keys, and the upload CSV comes back as text.
//
//   node examples/node/lineup_showdown.js
const path = require('node:path')
const { lineup } = require('../../bindings-node')

const file = path.join(__dirname, '..', 'data', 'lineup', 'dk_nfl_showdown_2019-01-05_IND@HOU_draftfast.csv')
const slate = lineup.Slate.fromCsv(file, 'draftkings', 'nfl')
console.log(`${slate.length} rows, ${slate.contest}: captain at 1.5x points and salary`)

async function main () {
  const rules = {
    maxExposure: 0.7,
    maxRepeating: 4,
    // A quarterback with one of his receivers, and someone from the other side.
    stacks: [{ type: 'positions', positions: ['QB', 'WR|TE'], bringBack: ['WR|TE|RB'] }],
  }
  const started = process.hrtime.bigint()
  const lineups = await lineup.optimize(slate, { n: 10, rules })
  console.log(`10 lineups in ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)} ms`)
  for (const l of lineups) {
    const names = l.players.map((p) => `${p.slot === 'CPT' ? 'CPT ' : ''}${p.name}`).join(', ')
    console.log(`${l.projection.toFixed(2).padStart(7)}  $${l.salary}  ${names}`)
  }
  console.log('\nupload CSV:\n' + lineup.uploadCsv(slate, lineups).split('\n').slice(0, 3).join('\n'))
  try {
    // DraftKings showdown needs both teams: excluding one cannot work, and the error says why.
    await lineup.optimize(slate, { rules: { excludeTeams: ['HOU'] } })
  } catch (e) {
    console.log(`\n${e.code}: ${e.message}`)
  }
}

main().catch((e) => { console.error(e); process.exit(1) })
