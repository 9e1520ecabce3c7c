// A typed use of the package as a Next.js route would write it: `tsc --noEmit --strict` over
// this file and the package's declarations (index.d.ts, ltp.d.ts, ltp-gamma.d.ts, swing-points.d.ts, fvg.d.ts, ltp-detector.d.ts) must pass with no casts.
import * as ek from '../../../bindings-node'
import * as ltp from '../../../bindings-node/ltp'
import * as gamma from '../../../bindings-node/ltp-gamma'
import detectSwingPoints, * as swings from '../../../bindings-node/swing-points'
import { createDetector, type SetupEvent } from '../../../bindings-node/ltp-detector'
import { analyzeFVGs, createFVGDetector, fvgDetector, type FairValueGap, type FVGAnalysis } from '../../../bindings-node/fvg'

export async function route (csv: string): Promise<{ total: number, ids: string[], p: number }> {
  const d: ek.Describe = ek.describe(new Float64Array([1, 2, 3]), { quantiles: [0.5] })
  const viaPromise: ek.Describe = await ek.describeAsync([1, 2, 3])
  const variance: number | null = d.variance
  const ks: ek.drift.DriftResult = await ek.drift.ks2sampAsync([1, 2, 3], [2, 3, 4])
  const slate: ek.lineup.Slate = ek.lineup.Slate.fromCsvText(csv, 'draftkings', 'nfl')
  const lineups: ek.lineup.Lineup[] = await ek.lineup.optimize(slate, { n: 3 })
  const ids: string[] = lineups.flatMap((l) => l.players.map((p) => p.id))
  const contest: ek.lineup.ContestSpec = ek.lineup.readPayoutCsv('place,prize\n1,100\n', { fieldSize: 100, entryFee: 5 })
  const sim: ek.lineup.ContestResult = await ek.lineup.simulateContest(slate, lineups, { contest, seed: 1, options: { simulations: 100 } })
  const roi: number = sim.entries[0].stats.roi + sim.portfolio.expectedProfit + sim.field.meanSalary
  const chosen: ek.lineup.ContestResult = await ek.lineup.contestPortfolio(slate, { contest, n: 2 })
  const marginal: number | null = chosen.entries[0].marginalProfit
  const field: ek.lineup.FieldSample = await ek.lineup.sampleField(slate, { entries: 10 })
  const rule: ek.lineup.PositionCorrelation = { a: 'QB', b: 'WR', value: 0.6 }
  const matrix: ek.lineup.OutcomeCorrelations = ek.lineup.outcomeCorrelations(slate, { players: ids.slice(0, 2), outcomes: { positionCorrelations: [rule] } })
  const spread: number = matrix.correlations[0][1] + matrix.largestRepair
  const entries: ek.lineup.EntriesFile = ek.lineup.readEntriesCsv(slate, csv)
  const swapped: ek.lineup.EntriesFile = await ek.lineup.lateSwapEntries(slate, entries, { now: new Date(), started: ['NYG@DAL'], rules: { maxExposure: 0.5 } })
  const locked: string[] = swapped.entries.flatMap((e) => e.locked.concat(e.lineup?.players.map((p) => p.id) ?? []))
  const starts: number | null = slate.players[0].startsAt
  const refill: string = ek.lineup.entriesCsv(slate, ek.lineup.fillEntries(swapped, lineups)) + String(ek.lineup.parseTime('01/18/2019 07:00PM ET') + (starts ?? 0) + locked.length)
  const upload: string = ek.lineup.contestCsv(slate, chosen) + refill + String(roi + (marginal ?? 0) + field.lineups.length + spread)
  const total: number = lineups.reduce((sum, l) => sum + l.projection, 0) + viaPromise.count + (variance ?? 0)
  const setups: Array<ltp.DetectedSetup | null> = await ltp.analyzeSymbolsAsync([])
  // Results are core's types: an interval end may be open (null), enumerations are unions.
  const t: ek.TestResult = ek.twoProportions(120, 1000, 150, 1000, { alternative: 'larger' })
  const arm: ek.PairedMoments = { n: 100, meanY: 1, meanX: 2, varY: 1, varX: 1, cov: 0.5 }
  const fromMoments: ek.TestResult = ek.cupedFromSummary(arm, { ...arm, meanY: 1.2 }, { confidence: 0.9 })
  const summed: number = fromMoments.pvalue + ek.tTestFromSummary({ n: 10, mean: 1, variance: 1 }, { n: 10, mean: 2, variance: 1 }).statistic
  const upper: number = t.ci[1] ?? Infinity
  const side: ek.Alternative = t.alternative
  const players: ek.lineup.Player[] = slate.players
  const cap: number = slate.roster.salaryCap
  const mined: ek.MineResult | null = null
  const tracker = new ek.ltp.Tracker({ setup_minutes: 15 })
  const evaluation: ek.ltp.Evaluation | null = tracker.evaluation('SPY')
  const grade: ek.ltp.Grade | undefined = evaluation?.grade
  // The dashboard drop-in: its chart helpers, score explanation and level formula.
  const bars: ltp.Bar[] = [{ o: 1, h: 2, l: 0.5, c: 1.5, v: 10, t: 0 }]
  const found: ltp.IdentifiedLevel[] = ltp.identifyKeyLevels(bars)
  const trend: 'uptrend' | 'downtrend' | 'range' | null = ltp.determineTrend(bars)
  const calm: ltp.Bar[] = ltp.identifyPatienceCandles(bars)
  const level: ltp.LevelResult = ltp.scoreLevelProximity(1.5, [], 0.3, { levelFormula: 'dashboard' })
  const previous: ltp.LevelFormula | null = ltp.setLevelFormula(null)
  const why: ltp.ScoreExplanation = ltp.generateScoreExplanation('SPY', 'bullish', 1.5, level, 70,
    { detected: false, count: 0 }, [{ timeframe: '5m', trend: 'bullish' }], { now: new Date(0) })
  const config: ltp.LTPConfig = { mtf_timeframes: { weights: { '5m': 0.1 } } }
  // LTP 2.0, with the hysteresis state passed back.
  const context: gamma.MarketContext = gamma.createMarketContext({ close: 101, high: 101.5, low: 100.4, open: 100.6 },
    { ema8: 100.6, ema21: 100 }, 100.2, { callWall: 110, putWall: 95, zeroGamma: 98, gammaExposure: 1e9 })
  const first: gamma.LTP2Score = gamma.calculateLTP2Score(context)
  const state: gamma.ScoreHysteresisState = { previousGrade: first.grade, previousScores: [first.stability?.rawScore ?? first.score], candlesAtGrade: 1 }
  const next: gamma.LTP2Score = gamma.calculateLTP2Score(context, state)
  const told: gamma.LTP2ScoreExplanation = gamma.generateLTP2ScoreExplanation('SPY', context, next, { now: 0 })
  const sniper: number = gamma.GRADE_THRESHOLDS.SNIPER + gamma.WEIGHTS.PATIENCE_CANDLE + gamma.HYSTERESIS_BUFFER
  // Swing levels on two timeframes, merged.
  const hourly: swings.Bar[] = [{ time: 0, open: 1, high: 2, low: 0.5, close: 1.5 }]
  const levels4H: swings.SwingPoint[] = swings.detectSwingPoints(hourly, '4H', swings.TIMEFRAME_CONFIGS['4H'])
  const merged: swings.SwingPoint[] = swings.mergeMTFLevels(levels4H, detectSwingPoints(hourly))
  const near: swings.SwingPoint[] = swings.filterNearbyLevels(merged, 1.5)
  const touches: number = swings.countTouchesAtLevel(hourly, 2, 'high')
  // Fair value gaps: detected, and analysed over the app's market data.
  const candles = [{ timestamp: 0, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }]
  const gaps: FairValueGap[] = fvgDetector.detectFVGs(candles, '5m', 1.5)
  const detector = createFVGDetector({ getQuote: async () => ({ price: 1.5 }), getHistoricalBars: async () => [] })
  const full: FVGAnalysis = await detector.getFullAnalysis('SPY', { now: new Date(0) })
  const offline: FVGAnalysis = analyzeFVGs('SPY', 1.5, { '5m': candles })
  // The detector service over the app's market data, database and broadcasts.
  const sent: SetupEvent[] = []
  const service = createDetector({
    marketData: { getQuote: async () => ({ last: 1 }), getAggregates: async () => [] },
    store: async () => undefined,
    broadcastReady: async (event) => { sent.push(event) },
    broadcastForming: (event) => { sent.push(event) },
    levelFormula: 'dashboard',
    onEvent: (event) => { sent.length += event.kind.length * 0 }
  })
  const cycle: ltp.DetectedSetup[] = await service.runOnce()
  service.default.stop()
  // Realized performance once labels arrive.
  const report: ek.drift.ClassificationMetrics = ek.drift.classificationMetrics([0, 1, 1], [0, 1, 0])
  const errorStats: ek.drift.RegressionMetrics = ek.drift.regressionMetrics([1, 2], [1.5, 2])
  // Multivariate drift over column objects.
  const mmd = new ek.monitoring.MMDDrift({ columnNames: ['a', 'b'], nPermutations: 20, seed: 1 })
    .fit({ a: new Float64Array([0, 1, 2, 3]), b: [1, 0, 1, 0] })
  const tested: ek.monitoring.MmdDriftResult = await mmd.predictAsync({ a: [0, 1, 2], b: [1, 1, 0] })
  // A regression model's performance before its targets arrive (DLE).
  const dle = new ek.monitoring.DLE({ featureColumnNames: ['x', 'kind'], yPred: 'p', yTrue: 'y', chunkSize: 2,
    metrics: ['mae', 'rmse'], hyperparameters: { numLeaves: 7, n_jobs: -1 } })
  await dle.fitAsync({ x: [1, 2, 3, 4], kind: ['a', 'b', 'a', null], p: [1, 2, 3, 4], y: [1.5, 2, 2.5, 4] })
  const estimated: ek.monitoring.DleRow[] = await dle.estimateAsync({ x: [5, 6], kind: ['a', 'b'], p: [5, 6] })
  const mae = estimated[0].mae?.value ?? 0
  // Multivariate drift by a domain classifier (cross-validated ROC AUC per chunk).
  const domain = new ek.monitoring.DomainClassifierCalculator({ featureColumnNames: ['x', 'kind'], chunkSize: 2,
    cvFoldsNum: 2, threshold: { type: 'constant', lower: 0.4, upper: 0.7 } })
  await domain.fitAsync({ x: [1, 2, 3, 4], kind: ['a', 'b', 'a', null] })
  const scored: ek.monitoring.DomainClassifierRow[] = await domain.calculateAsync({ x: [5, 6], kind: ['a', 'b'] })
  const auc = (scored[0].domainClassifierAuroc.value ?? 0) + (domain.thresholds?.[1] ?? 0)
  // Univariate drift fed batch by batch as rows arrive.
  const watcher: ek.monitoring.ChunkMonitor = new ek.monitoring.UnivariateDriftCalculator({ columnNames: ['x'], chunkSize: 2 })
    .fit({ x: [1, 2, 3, 4] }).monitor()
  watcher.push({ x: [1, 5, 6] })
  await watcher.pushAsync({ x: new Float64Array([7]) })
  watcher.flush()
  const streamed = watcher.rows().length + watcher.pendingRows + ek.monitoring.ChunkMonitor.fromJson(watcher.toJson()).kind.length
  // Calibration and conformal prediction.
  const curve: ek.calibration.ReliabilityCurve = ek.calibration.reliabilityCurve([0, 1, 1], [0.2, 0.7, 0.9], { nBins: 5, strategy: 'quantile' })
  const platt = new ek.calibration.Calibrator({ method: 'sigmoid' }).fit([0.2, 0.7, 0.9, 0.4], [0, 1, 1, 0])
  const calibrated: Float64Array = platt.predict([0.5])
  const conformal = new ek.calibration.ConformalRegressor({ alpha: 0.2 }).fit([1, 2, 3, 4, 5], [1.5, 2, 2.5, 4, 5])
  const band = conformal.predict([3])
  const covered: ek.calibration.Coverage = new ek.calibration.ConformalClassifier({ alpha: 0.2, classConditional: false })
    .fit([[0.9, 0.2, 0.6, 0.3], [0.1, 0.8, 0.4, 0.7]], [0, 1, 0, 1]).evaluate([[0.5], [0.5]], [1])
  const drift = curve.ece + calibrated[0] + band.upper[0] - band.lower[0] + covered.coverage + (platt.sigmoidParameters?.[0] ?? 0) + tested.pVal + (tested.isDrift ? 1 : 0) + tested.distanceThreshold + (mmd.sigma ?? 0) + mae + auc + streamed
  const drop = drift + report.macroAvg.f1 + errorStats.mae + (errorStats.msle ?? 0) + cycle.length + sent.length + gaps.length + full.fvgs['5m'].length + offline.tradingContext.summary.length + near.length + touches + sniper + told.breakdown.cloud.score + Object.keys(config).length + found.length + calm.length + (trend ?? '').length + (previous ?? '').length + why.scores.overall
  const extra = players.length + cap + upper + side.length + (mined === null ? 0 : 1) + (grade === undefined ? 0 : 1) + drop
  return { total: total + setups.length + extra, ids, p: ks.pvalue ?? 1 }
}

export function errors (error: unknown): string {
  return error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : 'none'
}
