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
export function scoreLevelProximity(currentPrice: number, levels: KeyLevel[], proximityThreshold?: number): LevelResult
export function scoreTrendAlignment(mtfAnalyses: MTFAnalysis[], direction: Direction, weights?: Record<string, number>): number
export function scorePatienceQuality(patienceResult: PatienceResult): number
export function calculateTradeParams(currentPrice: number, level: KeyLevel | null, direction: Direction): TradeParams
export function getLTPGrade(overallScore: number): 'A' | 'B' | 'C' | 'D' | 'F'
export function generateCoachNote(levelResult: LevelResult, trendScore: number, patienceResult: PatienceResult, direction: Direction): string
export function keyLevels(dailyBars: Bars, intradayBars: Bars): KeyLevel[]
export function analyzeTimeframe(bars: Bars, timeframe: Timeframe): MTFAnalysis
export function analyzeSymbol(input: SymbolBars): DetectedSetup | null
export function analyzeSymbols(inputs: SymbolBars[]): Array<DetectedSetup | null>
export function analyzeSymbolsAsync(inputs: SymbolBars[]): Promise<Array<DetectedSetup | null>>
export function toColumns(bars: Bars, name?: string): { o: Float64Array; h: Float64Array; l: Float64Array; c: Float64Array; v?: Float64Array }
