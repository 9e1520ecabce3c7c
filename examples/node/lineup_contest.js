'use strict'
// Five DraftKings showdown entries (IND@HOU, 2019-01-05) chosen by simulated return, from Node:
// a prize table read from CSV text, a stand-in ownership merged as a projections file (within
// CPT and FLEX rows, shares in proportion to projection³ / salary; a vendor's ownership goes
// here), the choice off the event loop, and the upload CSV with each entry's results.
//
//   node examples/node/lineup_contest.js
const path = require('node:path')
const { lineup } = require('../../bindings-node')

const file = path.join(__dirname, '..', 'data', 'lineup', 'dk_nfl_showdown_2019-01-05_IND@HOU_draftfast.csv')
const slate = lineup.Slate.fromCsv(file, 'draftkings', 'nfl')

const players = slate.players
const weight = (p) => (p.projection > 0 ? p.projection ** 3 / p.salary : 0)
const total = { CPT: 0, FLEX: 0 }
for (const p of players) total[p.rosterSlot] += weight(p)
const rows = ['id,projection,ownership']
for (const p of players) {
  const spots = p.rosterSlot === 'CPT' ? 1 : 5
  rows.push(`${p.id},${p.projection},${Math.min(80, (100 * spots * weight(p)) / total[p.rosterSlot]).toFixed(3)}`)
}
slate.mergeProjections(rows.join('\n') + '\n')

// A $5 single-game tournament of 2,000 entries paying the top 500.
const contest = lineup.readPayoutCsv(
  'place,prize\n1,1000\n2,500\n3,300\n4-5,150\n6-10,75\n11-25,40\n26-100,20\n101-500,8\n',
  { fieldSize: 2000, entryFee: 5, maxEntries: 20 }
)

async function main () {
  const started = process.hrtime.bigint()
  const result = await lineup.contestPortfolio(slate, {
    contest, n: 5, seed: 3, rules: { maxExposure: 0.8 }, options: { simulations: 2000, candidates: 400 },
  })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  const { field, portfolio } = result
  console.log(`5 entries from ${result.candidates} candidates over ${result.simulations} slates ` +
    `against ${field.entries} field lineups in ${ms.toFixed(0)} ms`)
  console.log(`field: mean projection ${field.meanProjection.toFixed(1)} (optimal ${field.optimalProjection.toFixed(1)}), ` +
    `${(100 * field.duplicateShare).toFixed(1)} % duplicated`)
  console.log(`set: expected profit $${portfolio.expectedProfit.toFixed(0)} ± ${portfolio.profitStdError.toFixed(0)} on $${portfolio.cost}`)
  for (const e of result.entries) {
    const s = e.stats
    console.log(`${e.lineup.projection.toFixed(2).padStart(7)} pts  ROI ${(100 * s.roi).toFixed(0)} %  ` +
      `cash ${(100 * s.cashRate).toFixed(1)} %  win ${(100 * s.winRate).toFixed(2)} %  marginal $${e.marginalProfit.toFixed(1)}`)
  }
  console.log('\n' + lineup.contestCsv(slate, result).split('\n').slice(0, 2).join('\n'))
}

main().catch((e) => {
  console.error(e.code, e.message)
  process.exit(1)
})
