'use strict'
// The pydfs-style rules of issue 19 from Node (camelCase keys): exposure counted after each
// lineup and progressive bumps on the DraftKings NBA slate of 2018-12-03, and DraftKings tennis
// (2020-02-17: a "team" is the player, a "game" his match) with its upload file as text.
//
//   node examples/node/lineup_rules.js
const path = require('node:path')
const { lineup } = require('../../bindings-node')

const data = path.join(__dirname, '..', 'data', 'lineup')

async function main () {
  const nba = lineup.Slate.fromCsv(path.join(data, 'dk_nba_classic_2018-12-03_draftfast.csv'), 'draftkings', 'nba')
  for (const [name, rules] of [
    ['after-each exposure 0.5', { maxExposure: 0.5, exposureStrategy: 'afterEach' }],
    ['progressive bumps 2 %', { progressive: { scale: 0.02 } }]
  ]) {
    const run = await lineup.optimize(nba, { n: 10, rules })
    console.log(`NBA, ${name}: ${run.map((l) => l.projection.toFixed(2)).join(' ')}`)
  }
  const tennis = lineup.Slate.fromCsv(path.join(data, 'dk_tennis_classic_2020-02-17_draftfast.csv'), 'draftkings', 'tennis')
  const best = await lineup.optimize(tennis, { n: 3 })
  for (const l of best) console.log(`tennis ${l.projection.toFixed(2)}: ${l.players.map((p) => p.name).join(', ')}`)
  console.log(lineup.uploadCsv(tennis, best).split('\n')[0])
}

main().catch((e) => { console.error(e); process.exit(1) })
