// A typed use of the package as a Next.js route would write it: `tsc --noEmit --strict` over
// this file and the package's declarations (index.d.ts, ltp.d.ts) must pass with no casts.
import * as ek from '../../../bindings-node'
import * as ltp from '../../../bindings-node/ltp'

export async function route (csv: string): Promise<{ total: number, ids: string[], p: number }> {
  const d: ek.Describe = ek.describe(new Float64Array([1, 2, 3]), { quantiles: [0.5] })
  const viaPromise: ek.Describe = await ek.describeAsync([1, 2, 3])
  const variance: number | null = d.variance
  const ks: ek.drift.DriftResult = await ek.drift.ks2sampAsync([1, 2, 3], [2, 3, 4])
  const slate: ek.lineup.Slate = ek.lineup.Slate.fromCsvText(csv, 'draftkings', 'nfl')
  const lineups: ek.lineup.Lineup[] = await ek.lineup.optimize(slate, { n: 3 })
  const ids: string[] = lineups.flatMap((l) => l.players.map((p) => p.id))
  const total: number = lineups.reduce((sum, l) => sum + l.projection, 0) + viaPromise.count + (variance ?? 0)
  const setups: Array<ltp.DetectedSetup | null> = await ltp.analyzeSymbolsAsync([])
  // Results are core's types: an interval end may be open (null), enumerations are unions.
  const t: ek.TestResult = ek.twoProportions(120, 1000, 150, 1000, { alternative: 'larger' })
  const upper: number = t.ci[1] ?? Infinity
  const side: ek.Alternative = t.alternative
  const players: ek.lineup.Player[] = slate.players
  const cap: number = slate.roster.salaryCap
  const mined: ek.MineResult | null = null
  const tracker = new ek.ltp.Tracker({ setup_minutes: 15 })
  const evaluation: ek.ltp.Evaluation | null = tracker.evaluation('SPY')
  const grade: ek.ltp.Grade | undefined = evaluation?.grade
  const extra = players.length + cap + upper + side.length + (mined === null ? 0 : 1) + (grade === undefined ? 0 : 1)
  return { total: total + setups.length + extra, ids, p: ks.pvalue ?? 1 }
}

export function errors (error: unknown): string {
  return error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : 'none'
}
