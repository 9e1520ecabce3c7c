'use strict'
// Late swap of a real DraftKings entries file at 8:30 PM ET, from Node (as a Next.js route
// would run it): DraftKings' DKEntries.csv for the NBA slate of 18 January 2019 (nine entries,
// the pool beside them with Game Info start times), swapped at a time given as a Date, and the
// upload written with each entry's Entry ID, contest and fee.
//
//     node examples/node/lineup_late_swap.js
const fs = require('node:fs')
const path = require('node:path')
const { lineup } = require('../../bindings-node')

async function main () {
  const file = path.join(__dirname, '..', 'data', 'lineup', 'dk_nba_entries_2019-01-18_bobbymay.csv')
  const text = fs.readFileSync(file, 'utf8')
  const slate = lineup.Slate.fromCsvText(text, 'draftkings', 'nba')
  const entries = lineup.readEntriesCsv(slate, text)
  const now = new Date('2019-01-18T20:30:00-05:00')
  const started = [...new Set(slate.players.filter((p) => p.startsAt <= now / 1000).map((p) => p.game))].sort()
  console.log(`${entries.entries.length} entries; at 8:30 PM ET started: ${started.join(', ')}`)
  const swapped = await lineup.lateSwapEntries(slate, entries, { now, rules: { maxExposure: 0.7 } })
  swapped.entries.forEach((e, k) => {
    const before = entries.entries[k].lineup.projection
    console.log(`  ${e.entryId}: ${e.locked.length} held, ${before.toFixed(1)} -> ${e.lineup.projection.toFixed(1)}`)
  })
  const upload = lineup.entriesCsv(slate, swapped)
  console.log(upload.split('\n').slice(0, 2).join('\n'))
}

main().catch((error) => { console.error(error); process.exit(1) })
