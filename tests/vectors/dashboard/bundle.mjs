// Runs the trading-coach dashboard's own TypeScript from a checkout you provide (used by
// record.mjs and benches/peers/ltp_peer.mjs). esbuild bundles the files of FILES for Node; three imports are replaced by the stubs beside this file:
// `./supabase` (refuses any call), `./broadcast` (collects events) and `./market-data` (serves
// the bars each call sets, by the (multiplier, limit) the detector requests). The detector's
// analysis functions are module-private, so the bundle re-exports them
// (`export { calculateKeyLevels, analyzeTimeframe, analyzeSymbol }` appended in memory);
// nothing else of the source is touched, and nothing of it is written into this repository.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
export const REPO = 'n8kahl/kcu-coach-dashboard'
export const FILES = {
  engine: 'src/lib/ltp-engine.ts',
  detector: 'src/lib/ltp-detector.ts',
  gamma: 'src/lib/ltp-gamma-engine.ts',
  swings: 'src/lib/swing-point-detector.ts',
  fvg: 'src/lib/fvg-detector.ts'
}
const PRIVATE = { detector: ['calculateKeyLevels', 'analyzeTimeframe', 'analyzeSymbol'] }
const STUBBED = new Set(['./supabase', './broadcast', './market-data'])

globalThis.__recorder = globalThis.__recorder ?? { market: {}, broadcasts: [], misses: [] }

export const esbuildVersion = () => require('esbuild/package.json').version

/** The checkout's commit (the recording names it), or `--commit <sha>` when it is not a git tree. */
export function commitOf (checkout) {
  const given = process.argv.indexOf('--commit')
  if (given > 0) return process.argv[given + 1]
  return execFileSync('git', ['-C', checkout, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim()
}

/** The files bundled for Node with the stubs and re-exports; returns their modules. */
export async function load (checkout) {
  const esbuild = require('esbuild')
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgekit-dashboard-'))
  const entryPoints = Object.fromEntries(Object.entries(FILES).map(([name, file]) => [name, path.join(checkout, file)]))
  for (const file of Object.values(entryPoints)) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: is ${checkout} a checkout of ${REPO}?`)
  }
  await esbuild.build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    logLevel: 'warning',
    plugins: [{
      name: 'edgekit-recorder',
      setup (build) {
        build.onResolve({ filter: /^\.\/(supabase|broadcast|market-data)$/ }, (args) =>
          STUBBED.has(args.path) ? { path: path.join(HERE, 'stubs', `${args.path.slice(2)}.js`) } : undefined)
        for (const [name, names] of Object.entries(PRIVATE)) {
          const file = entryPoints[name]
          build.onLoad({ filter: new RegExp(`${path.basename(file).replace('.', '\\.')}$`) }, (args) => {
            if (args.path !== file) return undefined
            const source = fs.readFileSync(file, 'utf8')
            return { contents: `${source}\nexport { ${names.join(', ')} };\n`, loader: 'ts' }
          })
        }
      }
    }]
  })
  return Object.fromEntries(Object.keys(FILES).map((name) => [name, require(path.join(outdir, `${name}.js`))]))
}

// The (multiplier:limit) requests of the dashboard's detector, each served its own bars.
const DETECTOR_TIMEFRAMES = { '5m': '5:48', '15m': '15:32', '1h': '60:24', '4h': '240:30', daily: 'day:50' }

/** Runs `call` with `symbol`'s market set to `table`; a request the table lacks fails the
 * recording unless `allowMisses` (a case that means to leave data out). */
async function withMarket (symbol, quote, table, call, allowMisses = false) {
  globalThis.__recorder.market = { [symbol]: { quote, aggregates: table } }
  globalThis.__recorder.misses = []
  const result = await call()
  if (!allowMisses && globalThis.__recorder.misses.length) {
    throw new Error(`the detector asked for bars this case does not set: ${globalThis.__recorder.misses.join(', ')}`)
  }
  return result
}

/** The detector's analysis functions on given bars (async, as the dashboard's). */
export function detectorCalls (detector) {
  return {
    keyLevels: (daily, intraday) =>
      withMarket('LVL', null, { 'day:60': daily, '5:78': intraday }, () => detector.calculateKeyLevels('LVL')),
    analyzeTimeframe: (bars, timeframe) =>
      withMarket('TF', null, { '*': bars }, () => detector.analyzeTimeframe('TF', timeframe)),
    analyzeSymbol: (symbol, price, daily, intraday, timeframes, patience) => {
      const table = { 'day:60': daily, '5:78': intraday, '5:12': patience ?? intraday }
      for (const [tf, bars] of timeframes) table[DETECTOR_TIMEFRAMES[tf]] = bars
      return withMarket(symbol, price, table, () => detector.analyzeSymbol(symbol), timeframes.length === 0)
    }
  }
}
