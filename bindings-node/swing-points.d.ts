// Types of `edgekit/swing-points`: the dashboard's swing-point detector (src/lib/swing-point-detector.ts) as a drop-in.

export interface SwingPoint {
  price: number
  type: 'high' | 'low'
  timestamp: number
  touchCount: number
  timeframe: '1H' | '4H' | 'D'
  strength: number
}

export interface SwingPointConfig {
  /** Bars on each side that confirm a swing (default 5). */
  lookback: number
  /** Price tolerance in percent for clustering nearby swings (default 0.3). */
  tolerance: number
  /** Touches a level needs (default 2). */
  minTouches: number
}

export interface Bar {
  time: number
  open: number
  high: number
  low: number
  close: number
  volume?: number
}

export declare const TIMEFRAME_CONFIGS: Readonly<Record<string, Readonly<SwingPointConfig>>>
export declare function detectSwingPoints (bars: Bar[], timeframe?: '1H' | '4H' | 'D', config?: SwingPointConfig): SwingPoint[]
export declare function countTouchesAtLevel (bars: Bar[], level: number, type: 'high' | 'low', tolerancePct?: number, startIndex?: number): number
/** The caller's own level objects within `maxDistancePct` % of the price, in order. */
export declare function filterNearbyLevels (swings: SwingPoint[], currentPrice: number, maxDistancePct?: number): SwingPoint[]
export declare function mergeMTFLevels (levels4H: SwingPoint[], levels1H: SwingPoint[], tolerancePct?: number): SwingPoint[]
export default detectSwingPoints
