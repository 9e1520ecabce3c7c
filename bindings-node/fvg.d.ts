// Types of `edgekit/fvg`: the dashboard's fair value gap detector (src/lib/fvg-detector.ts) as a drop-in.

export interface Candle {
  timestamp: number
  open: number
  high: number
  low: number
  close: number
  volume: number
}

export interface FairValueGap {
  id: string
  type: 'bullish' | 'bearish'
  timeframe: string
  startTime: number
  endTime: number
  topPrice: number
  bottomPrice: number
  midPrice: number
  gapSize: number
  gapSizePercent: number
  filled: boolean
  fillPercent: number
  strength: 'strong' | 'medium' | 'weak'
  /** The caller's own candle objects. */
  formationCandles: { candle1: Candle; candle2: Candle; candle3: Candle }
  context: {
    trendDirection: 'up' | 'down' | 'sideways'
    volumeProfile: 'high' | 'normal' | 'low'
    nearLevel: boolean
  }
}

export interface FVGAnalysis {
  symbol: string
  timestamp: string
  currentPrice: number
  fvgs: {
    '5m': FairValueGap[]
    '15m': FairValueGap[]
    '1h': FairValueGap[]
    '4h': FairValueGap[]
    'daily': FairValueGap[]
  }
  nearestBullishFVG: FairValueGap | null
  nearestBearishFVG: FairValueGap | null
  tradingContext: {
    bullishTargets: number[]
    bearishTargets: number[]
    supportZones: { top: number; bottom: number; strength: string }[]
    resistanceZones: { top: number; bottom: number; strength: string }[]
    summary: string
  }
}

/** The dashboard's market-data service, as `getFullAnalysis` uses it. */
export interface FVGMarketData {
  getQuote (symbol: string): Promise<{ price?: number } | null | undefined>
  getHistoricalBars (symbol: string, from: string, to: string, span: 'minute' | 'hour' | 'day', multiplier: number):
    Promise<Array<{ t: number; o: number; h: number; l: number; c: number; v: number }> | null | undefined>
}

export interface FVGDetector {
  detectFVGs (candles: Candle[], timeframe: string, currentPrice: number, minGapPercent?: number): FairValueGap[]
  /** `options.now` (a Date or epoch ms; default the current time) stamps the analysis. */
  getFullAnalysis (symbol: string, options?: { now?: Date | number }): Promise<FVGAnalysis>
}

/** `detectFVGs` as the dashboard's; its `getFullAnalysis` rejects: use `createFVGDetector`. */
export declare const fvgDetector: FVGDetector
/** The dashboard's detector over your market-data service. */
export declare function createFVGDetector (marketData: FVGMarketData): FVGDetector
/** `getFullAnalysis` on candles you fetched, per timeframe ('5m', '15m', '1h', '4h', 'daily'). */
export declare function analyzeFVGs (
  symbol: string, currentPrice: number, candlesByTimeframe: Partial<Record<'5m' | '15m' | '1h' | '4h' | 'daily', Candle[]>>,
  options?: { now?: Date | number }
): FVGAnalysis
export declare const FVG_TIMEFRAMES: ReadonlyArray<{ key: string; multiplier: number; span: 'minute' | 'hour' | 'day'; bars: number; minGapPercent: number }>
