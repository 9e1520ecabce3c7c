// Types of `edgekit/ltp`: the dashboard's LTP engine (src/lib/ltp-engine.ts) as a drop-in.

export interface Bar { o: number; h: number; l: number; c: number; v: number; t: number }
/** Bars as columns (`open`/`high`/... also accepted); Float64Arrays are read in place. */
export interface BarColumns {
  o: Float64Array | ArrayLike<number>; h: Float64Array | ArrayLike<number>
  l: Float64Array | ArrayLike<number>; c: Float64Array | ArrayLike<number>
  v?: Float64Array | ArrayLike<number>
}
export type Bars = Bar[] | BarColumns
export type Direction = 'bullish' | 'bearish'
export type Timeframe = '2m' | '5m' | '15m' | '1h' | '4h' | 'daily' | 'weekly'

export interface KeyLevel { type: string; price: number; timeframe: string; strength: number }
export interface MTFAnalysis {
  timeframe: string
  trend: 'bullish' | 'bearish' | 'neutral'
  structure: 'uptrend' | 'downtrend' | 'range'
  ema_position: 'above_all' | 'below_all' | 'mixed'
  momentum: 'strong' | 'moderate' | 'weak'
  orb_status: string | null
  vwap_position: string | null
}
export interface PatienceResult { detected: boolean; count: number }
export interface LevelResult { score: number; level: KeyLevel | null }
/** The dashboard's settings type (its screens import it; no function here reads it). */
export interface LTPConfig {
  ltp_detection_thresholds?: {
    level_proximity_percent?: number
    patience_candle_max_size_percent?: number
    confluence_threshold?: number
  }
  mtf_timeframes?: {
    enabled_timeframes?: string[]
    weights?: Record<string, number>
  }
}
/**
 * The level score's proximity points: 'corrected' (default) `(1 − d/θ)·50`, or 'dashboard'
 * `((1 − d)/θ)·50`, the dashboard's formula today (a level score reaches 217).
 */
export type LevelFormula = 'corrected' | 'dashboard'
export interface LevelOptions { levelFormula?: LevelFormula | null }
export interface LTPScore { level: number; trend: number; patience: number; overall: number }
export interface TradeParams {
  suggested_entry: number | null; suggested_stop: number | null
  target_1: number | null; target_2: number | null; target_3: number | null
  risk_reward: number | null
}
export interface DetectedSetup extends TradeParams {
  symbol: string
  direction: Direction
  setup_stage: 'forming' | 'ready' | 'triggered'
  confluence_score: number
  level_score: number
  trend_score: number
  patience_score: number
  mtf_score: number
  primary_level_type: string | null
  primary_level_price: number | null
  patience_candles: number
  coach_note: string
}
/** One symbol's quote and the bars the dashboard's detector fetches. */
export interface SymbolBars {
  symbol: string
  price: number
  daily: Bars
  /** Today's 5-minute bars. */
  intraday: Bars
  /** Timeframe → bars, analysed in insertion order (the dashboard: 5m, 15m, 1h, 4h, daily). */
  timeframes: Partial<Record<Timeframe, Bars>> | Array<[Timeframe, Bars]>
  /** Bars for the patience check; `intraday` by default. */
  patience?: Bars | null
}

export function calculateLTPScore(levelScore: number, trendScore: number, patienceScore: number): LTPScore
export function calculateEMA(data: ArrayLike<number>, period: number): number
export function calculateVWAP(bars: Bars): number
export function detectPatienceCandle(bars: Bars, levelPrice: number, maxCandleSize?: number): PatienceResult
export function scoreLevelProximity(currentPrice: number, levels: KeyLevel[], proximityThreshold?: number, options?: LevelOptions): LevelResult
/** Sets the level formula of every later call that does not name one; returns the previous setting. */
export function setLevelFormula(formula: LevelFormula | null): LevelFormula | null
export function getLevelFormula(): LevelFormula | null
export function scoreTrendAlignment(mtfAnalyses: MTFAnalysis[], direction: Direction, weights?: Record<string, number>): number
export function scorePatienceQuality(patienceResult: PatienceResult): number
export function calculateTradeParams(currentPrice: number, level: KeyLevel | null, direction: Direction): TradeParams
export function getLTPGrade(overallScore: number): 'A' | 'B' | 'C' | 'D' | 'F'
/** A level of `identifyKeyLevels` (its keys in the dashboard's order: price first). */
export interface IdentifiedLevel { price: number; type: 'support' | 'resistance'; timeframe: string; strength: number }
export interface ScoreExplanation {
  scores: { level: number; trend: number; patience: number; overall: number }
  grade: 'A' | 'B' | 'C' | 'D' | 'F'
  reasons: { level: string; trend: string; patience: string }
  inputs: {
    symbol: string
    direction: Direction
    currentPrice: number
    levelUsed: { type: string; price: number } | null
    timeframesAnalyzed: string[]
    patienceCandleCount: number
    timestamp: string
  }
}
/** Support and resistance from clustered swing points, strongest first, at most ten. */
export function identifyKeyLevels(bars: Bars): IdentifiedLevel[]
/** Up/down/range from bar-to-bar highs and lows; null under 5 bars. */
export function determineTrend(bars: Bars): 'uptrend' | 'downtrend' | 'range' | null
/** Small-bodied inside bars (the caller's own bar objects). */
export function identifyPatienceCandles(bars: Bar[]): Bar[]
export function identifyPatienceCandles(bars: Bars): Array<Bar | { o: number; h: number; l: number; c: number; v: number }>
/** The score explanation for the AI coach; `now` (default: the current time) is its timestamp. */
export function generateScoreExplanation(symbol: string, direction: Direction, currentPrice: number, levelResult: LevelResult, trendScore: number, patienceResult: PatienceResult, mtfAnalyses: Array<Pick<MTFAnalysis, 'timeframe' | 'trend'>>, options?: { now?: Date | number }): ScoreExplanation
export function generateCoachNote(levelResult: LevelResult, trendScore: number, patienceResult: PatienceResult, direction: Direction): string
export function keyLevels(dailyBars: Bars, intradayBars: Bars): KeyLevel[]
export function analyzeTimeframe(bars: Bars, timeframe: Timeframe): MTFAnalysis
/** What was wrong with one symbol of a batch (`index`: its position in the input). */
export interface SymbolError { index: number; symbol: string; code: string; message: string }
export interface SetupBatch { setups: Array<DetectedSetup | null>; errors: SymbolError[] }
/** One setup (or null) per symbol, and the errors of the symbols that could not be analysed. */
export function analyzeSymbolsDetailed(inputs: SymbolBars[], options?: LevelOptions): SetupBatch
export function analyzeSymbolsDetailedAsync(inputs: SymbolBars[], options?: LevelOptions): Promise<SetupBatch>
/** null when there is no setup, or when the input cannot be analysed (as the dashboard's detector). */
export function analyzeSymbol(input: SymbolBars, options?: LevelOptions): DetectedSetup | null
export function analyzeSymbols(inputs: SymbolBars[], options?: LevelOptions): Array<DetectedSetup | null>
export function analyzeSymbolsAsync(inputs: SymbolBars[], options?: LevelOptions): Promise<Array<DetectedSetup | null>>
export function packSymbols(inputs: SymbolBars[]): { symbols: string[]; prices: Float64Array; timeframes: string[]; withPatience: boolean; offsets: Uint32Array; o: Float64Array; h: Float64Array; l: Float64Array; c: Float64Array; v: Float64Array }
export function toColumns(bars: Bars, name?: string): { o: Float64Array; h: Float64Array; l: Float64Array; c: Float64Array; v?: Float64Array }

// Layers 2 and 3: the KCU profile and the streaming setup tracker (times in UTC seconds).

/** Every KCU parameter; see docs/ltp.md for each one's meaning and default. */
export interface Profile {
  bar_minutes: number; utc_offset_minutes: number
  premarket_start_minute: number; session_start_minute: number; session_end_minute: number
  opening_range_minutes: number; last_setup_minute: number
  setup_minutes: number; trend_minutes: number[]
  level_weights: Record<string, number>
  proximity_pct: number; proximity_atr: number; atr_period: number
  band_edge_loss: number; approach_rearm_bands: number; patience_points: [number, number, number]
  king_queen_bonus: number; stack_bonus: number
  ema_fast: number; ema_slow: number
  cloud_weight: number; vwap_weight: number; orb_weight: number; premarket_weight: number; structure_weight: number
  swing_strength: number
  chop_crosses: number; chop_lookback: number
  patience_body_atr: number; patience_body_prior: number; tick: number
  score_weights: [number, number, number]; grade_floors: [number, number, number, number, number]
  forming_score: number; ready_score: number; target_r: number; min_target_r: number
  expire_bars: number; leave_level_bands: number; expire_at_session_end: boolean
}
export type Grade = 'A+' | 'A' | 'B' | 'C' | 'D' | 'F'
export interface TrackerEvent {
  symbol: string
  timestamp: number
  kind: 'level_approach' | 'setup_forming' | 'setup_ready' | 'triggered' | 'stopped' | 'target_hit' | 'expired'
  direction: Direction | null
  level_type: string
  level_price: number
  score: number
  grade: Grade
  entry: number | null; stop: number | null; target: number | null
  reason: 'no_trigger' | 'opposite_side_broken' | 'left_level' | 'trend_changed' | 'session_end' | null
}
export interface Evaluation {
  timestamp: number; price: number; atr: number | null; band: number
  levels: Array<{ type: string; price: number; weight: number; distance: number; slot: number }>
  level: { type: string; price: number; proximity: number; stacked: string[]; king_queen: boolean } | null
  level_score: number
  direction: Direction | null
  votes: Array<{ source: 'ema_cloud' | 'vwap' | 'opening_range' | 'premarket' | 'structure'; minutes: number | null; weight: number; vote: -1 | 0 | 1 }>
  vwap_crosses: number; chop: boolean; trend_score: number
  patience: { inside: boolean; small_vs_atr: boolean; small_vs_prior: boolean; at_level: boolean; detected: boolean }
  patience_score: number; score: number; grade: Grade
  plan: { entry: number; stop: number; target: number; target_kind: string; risk: number; reward_r: number } | null
}
export interface StreamBar { t: number; o: number; h: number; l: number; c: number; v?: number }
export interface StreamColumns { t: Float64Array; o: Float64Array; h: Float64Array; l: Float64Array; c: Float64Array; v?: Float64Array }

export class Tracker {
  constructor(profile?: Partial<Profile> | null)
  get profile(): Profile
  get symbols(): string[]
  symbolId(symbol: string): number
  setLevels(symbol: string, levels: KeyLevel[]): void
  update(symbol: string, bar: StreamBar): TrackerEvent[]
  updateMany(symbols: string[] | Uint32Array, bars: StreamColumns): TrackerEvent[]
  evaluation(symbol: string): Evaluation | null
  toBytes(): Buffer
  static fromBytes(bytes: Buffer): Tracker
  toJSONString(): string
  static fromJSONString(text: string): Tracker
}
export function defaultProfile(forexHourly?: boolean): Profile
export function replay(
  bars: Array<Bar> | (BarColumns & { t: ArrayLike<number> }),
  options?: { profile?: Partial<Profile> | null; levels?: KeyLevel[]; symbol?: string; timeUnit?: 's' | 'ms' }
): { events: TrackerEvent[]; evaluation: Evaluation | null }
