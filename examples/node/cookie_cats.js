// Analyse the cookie_cats A/B test with the edgekit Node addon, as a Next.js API route would.
//
//     node examples/node/cookie_cats.js
//
// gate_30 is the control (a), gate_40 the treatment (b).
'use strict'
const fs = require('node:fs')
const path = require('node:path')
const { srm, twoProportions, welchAsync, adjustPvalues } = require('../../bindings-node')

async function main() {
  const text = fs.readFileSync(path.join(__dirname, '..', 'data', 'cookie_cats.csv'), 'utf8')
  const arms = { gate_30: { users: 0, r1: 0, r7: 0, rounds: [] }, gate_40: { users: 0, r1: 0, r7: 0, rounds: [] } }
  for (const line of text.trim().split(/\r?\n/).slice(1)) {
    const [, version, rounds, r1, r7] = line.split(',')
    const arm = arms[version]
    arm.users += 1
    arm.r1 += r1 === 'TRUE'
    arm.r7 += r7 === 'TRUE'
    arm.rounds.push(Number(rounds))
  }
  const [a, b] = [arms.gate_30, arms.gate_40]
  const check = srm([a.users, b.users], [0.5, 0.5])
  console.log(`SRM: ${a.users} vs ${b.users} users, p = ${check.pvalue.toFixed(4)}`)

  const results = {
    '1-day retention': twoProportions(a.r1, a.users, b.r1, b.users, { ciMethod: 'newcomb' }),
    '7-day retention': twoProportions(a.r7, a.users, b.r7, b.users, { ciMethod: 'newcomb' }),
    // Off the event loop: a route handler stays responsive while 90k values are summarised.
    'game rounds': await welchAsync(Float64Array.from(a.rounds), Float64Array.from(b.rounds)),
  }
  const adjusted = adjustPvalues(Object.values(results).map((r) => r.pvalue), 'holm')
  Object.entries(results).forEach(([metric, r], i) => {
    const decision = adjusted[i] < 0.05 ? 'significant' : 'no evidence'
    console.log(`${metric.padEnd(16)} effect ${r.effect.toFixed(4)} [${r.ci[0].toFixed(4)}, ${r.ci[1].toFixed(4)}] p ${r.pvalue.toExponential(2)} holm ${adjusted[i].toExponential(2)} ${decision}`)
  })
}

main().catch((error) => {
  console.error(error.code, error.message)
  process.exit(1)
})
