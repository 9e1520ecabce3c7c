// Types of `edgekit/ltp-detector`: the dashboard's detector service (src/lib/ltp-detector.ts) over
// the app's market data, database and broadcasts.
import type { DetectedSetup, LevelFormula } from './ltp'
import type { ltp } from './index'

/** A bar as the dashboard's market data serves it. */
export interface AggregateBar { o: number; h: number; l: number; c: number; v: number; t: number }

/** The dashboard's market-data service, as the detector uses it. */
export interface DetectorMarketData {
  getQuote (symbol: string): Promise<{ last: number } | null | undefined>
  getAggregates (symbol: string, multiplier: string, limit: number): Promise<AggregateBar[]>
  isConfigured? (): boolean
}

/** The dashboard's `SetupEvent`, as it broadcasts it. */
export interface SetupEvent {
  id: string
  symbol: string
  direction: 'bullish' | 'bearish'
  confluenceScore: number
  levelScore: number
  trendScore: number
  patienceScore: number
  mtfScore: number
  coachNote: string
  suggestedEntry?: number
  suggestedStop?: number
  target1?: number
  target2?: number
  target3?: number
  riskReward?: number
}

/** A stored setup row (the dashboard upserts it into `detected_setups` on `symbol`). */
export type SetupRow = DetectedSetup & { detected_at: string; detected_by: 'system' }

export interface DetectorDeps {
  marketData: DetectorMarketData
  store (row: SetupRow): unknown | Promise<unknown>
  broadcastReady (event: SetupEvent): unknown | Promise<unknown>
  broadcastForming (event: SetupEvent): unknown | Promise<unknown>
  /** Default: the dashboard's ten symbols. */
  watchlist?: string[]
  /** Default 50. */
  minConfluenceScore?: number
  /** Default 60000. */
  intervalMs?: number
  /** 'corrected' (default) or 'dashboard', as in `edgekit/ltp`. */
  levelFormula?: LevelFormula
  /** The streaming tracker's lifecycle events on the 5-minute bars each cycle fetches. */
  onEvent? (event: ltp.TrackerEvent): void
  trackerProfile?: Partial<ltp.Profile>
}

export interface Detector {
  startDetector (): void
  stopDetector (): void
  isDetectorRunning (): boolean
  addSymbols (symbols: string[]): void
  removeSymbols (symbols: string[]): void
  getWatchlist (): string[]
  runOnce (): Promise<DetectedSetup[]>
  analyzeOnDemand (symbol: string): Promise<DetectedSetup | null>
  /** The dashboard's default export. */
  default: {
    start (): void
    stop (): void
    isRunning (): boolean
    addSymbols (symbols: string[]): void
    removeSymbols (symbols: string[]): void
    getWatchlist (): string[]
    runOnce (): Promise<DetectedSetup[]>
    analyzeOnDemand (symbol: string): Promise<DetectedSetup | null>
  }
}

export declare function createDetector (deps: DetectorDeps): Detector
export declare const DEFAULTS: Readonly<{ minConfluenceScore: number; detectionIntervalMs: number; defaultWatchlist: readonly string[] }>
