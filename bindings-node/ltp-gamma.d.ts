// Types of `edgekit/ltp-gamma`: the dashboard's LTP 2.0 engine (src/lib/ltp-gamma-engine.ts) as a drop-in.

export interface MarketContext {
  currentPrice: number
  previousClose: number
  ema8: number
  ema21: number
  vwap: number
  callWall: number
  putWall: number
  zeroGamma: number
  /** Positive: the dealers' mean-reverting regime (bullish); negative: volatile (bearish). */
  gammaExposure: number
  hasPatienceCandle: boolean
  patienceDirection?: 'bullish' | 'bearish'
  /** The four candle prices are read only when all are given (null counts as 0, as in the dashboard). */
  previousHigh?: number
  previousLow?: number
  currentHigh?: number
  currentLow?: number
}

export type LTP2Grade = 'Sniper' | 'Decent' | 'Dumb Shit'
export type LTP2Direction = 'bullish' | 'bearish' | 'neutral'

export interface ScoreBreakdown {
  cloudScore: number
  vwapScore: number
  gammaWallScore: number
  gammaRegimeScore: number
  patienceScore: number
  resistancePenalty: number
  total: number
}

export interface LTP2Score {
  score: number
  grade: LTP2Grade
  direction: LTP2Direction
  /** 0–100, from how many factors align and how strongly. */
  confidence: number
  breakdown: ScoreBreakdown
  warnings: string[]
  recommendation: string
  stability?: {
    gradeLocked: boolean
    rawScore: number
    candlesAtGrade: number
    cloudStrength: 'strong' | 'moderate' | 'weak' | 'neutral'
  }
}

/** Pass the previous evaluation back to smooth the score and hold the grade. */
export interface ScoreHysteresisState {
  previousGrade: LTP2Grade | null
  previousScores: number[]
  candlesAtGrade: number
}

/** The engine's graded inside bar (its own type; the engine does not export a function returning it). */
export interface PatienceCandleResult {
  isPatienceCandle: boolean
  direction: 'bullish' | 'bearish' | null
  quality: 'high' | 'medium' | 'low'
  atLevel: boolean
  score: number
}

export interface LTP2ScoreExplanation {
  score: number
  grade: LTP2Grade
  direction: LTP2Direction
  confidence: number
  breakdown: {
    cloud: { score: number; reason: string }
    vwap: { score: number; reason: string }
    gammaWall: { score: number; reason: string }
    gammaRegime: { score: number; reason: string }
    patience: { score: number; reason: string }
    resistancePenalty: { score: number; reason: string }
  }
  warnings: string[]
  recommendation: string
  inputs: {
    symbol: string
    currentPrice: number
    ema8: number
    ema21: number
    vwap: number
    callWall: number
    putWall: number
    gammaExposure: number
    timestamp: string
  }
}

export declare function calculateLTP2Score (context: MarketContext, hysteresisState?: ScoreHysteresisState): LTP2Score
export declare function detectPatienceCandle (
  previousHigh: number, previousLow: number, currentHigh: number, currentLow: number, currentClose: number, currentOpen: number
): { isPatienceCandle: boolean; direction: 'bullish' | 'bearish' | null }
export declare function calculateEMA (prices: number[] | Float64Array, period: number): number
export declare function createMarketContext (
  chartData: { close: number; high: number; low: number; open: number; previousClose?: number; previousHigh?: number; previousLow?: number },
  emaData: { ema8: number; ema21: number },
  vwap: number,
  gammaData: { callWall: number; putWall: number; zeroGamma: number; gammaExposure: number },
  patienceCandle?: { detected: boolean; direction: 'bullish' | 'bearish' }
): MarketContext
/** `options.now` (a Date or epoch ms; default the current time) is the explanation's timestamp. */
export declare function generateLTP2ScoreExplanation (
  symbol: string, context: MarketContext, ltp2Result: LTP2Score, options?: { now?: Date | number }
): LTP2ScoreExplanation

export declare const GRADE_THRESHOLDS: Readonly<{ SNIPER: number; DECENT: number }>
export declare const WEIGHTS: Readonly<{
  BULLISH_CLOUD: number; BEARISH_CLOUD: number; ABOVE_VWAP: number; BELOW_VWAP: number
  ABOVE_PUT_WALL: number; BELOW_CALL_WALL: number; POSITIVE_GAMMA: number; NEGATIVE_GAMMA: number
  PATIENCE_CANDLE: number; RESISTANCE_PENALTY: number; SUPPORT_PENALTY: number
}>
export declare const HYSTERESIS_BUFFER: number
