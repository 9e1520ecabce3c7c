// Records tests/vectors/ltp.json, ltp_detector.json, ltp_gamma.json, ltp_swing_points.json and
// ltp_fvg.json by running the trading-coach dashboard's own TypeScript (src/lib/ltp-engine.ts,
// ltp-detector.ts, ltp-gamma-engine.ts, swing-point-detector.ts and fvg-detector.ts of a
// checkout you provide; see bundle.mjs for how) on seeded random inputs and hand-picked edge
// cases (cases.mjs, gamma.mjs, swings.mjs, fvg.mjs, lifecycle.mjs). Nothing of the dashboard is
// kept in this repository: only the inputs and the outputs its code gave, with the checkout's
// commit.
//
//   git clone https://github.com/n8kahl/kcu-coach-dashboard /tmp/kcu
//   (cd tests/vectors/dashboard && npm install)
//   node tests/vectors/dashboard/record.mjs /tmp/kcu
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { FILES, REPO, commitOf, detectorCalls, esbuildVersion, load } from './bundle.mjs'
import { cases } from './cases.mjs'
import { gammaCases } from './gamma.mjs'
import { swingCases } from './swings.mjs'
import { fvgCases } from './fvg.mjs'
import { lifecycleCases } from './lifecycle.mjs'
import { bigFvgCases, bigLtpCases } from './big.mjs'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const checkout = process.argv[2]
if (!checkout || checkout.startsWith('--')) {
  console.error('usage: node tests/vectors/dashboard/record.mjs <kcu-coach-dashboard checkout> [--commit <sha>]')
  process.exit(2)
}
const commit = commitOf(checkout)
const { engine, detector, gamma, swings, fvg } = await load(checkout)
// The detector logs each failure it catches (a missing timeframe is one); the recording keeps
// the result, not the log.
const log = console.error
console.error = () => {}
const provenance = (files, seed) => ({
  repo: REPO,
  commit,
  files,
  recorded_by: 'node tests/vectors/dashboard/record.mjs <checkout> (esbuild bundle; supabase, broadcast and market-data stubbed)',
  esbuild: esbuildVersion(),
  node: process.version,
  seed
})
const ltpCases = await cases({ engine, ...detectorCalls(detector) })
const outputs = {
  'ltp.json': { provenance: provenance([FILES.engine, FILES.detector], 20261122), ...ltpCases, big: await bigLtpCases(engine, detectorCalls(detector).analyzeTimeframe) },
  'ltp_detector.json': { provenance: provenance([FILES.detector, FILES.engine], 20261210), ...await lifecycleCases(detector, ltpCases.analyze_symbol) },
  'ltp_gamma.json': { provenance: provenance([FILES.gamma], 20261206), ...gammaCases(gamma) },
  'ltp_swing_points.json': { provenance: provenance([FILES.swings], 20261207), ...swingCases(swings) },
  'ltp_fvg.json': { provenance: provenance([FILES.fvg], 20261209), ...await fvgCases(fvg), big: bigFvgCases(fvg.fvgDetector) }
}
console.error = log
for (const [name, vectors] of Object.entries(outputs)) {
  const target = path.join(HERE, '..', name)
  fs.writeFileSync(target, JSON.stringify(vectors) + '\n')
  const counts = Object.fromEntries(Object.entries(vectors).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, v.length]))
  console.log(`wrote ${path.relative(process.cwd(), target)} from ${REPO}@${commit.slice(0, 7)}`, counts)
}
