'use strict'
// A faithful JavaScript transcription of the trading-coach dashboard's LTP engine, kept only to
// record tests/vectors/ltp.json (see generate_ltp.js). Source: github.com/n8kahl/kcu-coach-dashboard,
// src/lib/ltp-engine.ts and src/lib/ltp-detector.ts at commit e085b32 (types stripped; Supabase,
// market-data fetching and broadcasting left out: the detector's functions take the bars the
// dashboard would have fetched). One deliberate difference, which issue 7 specifies:
// scoreLevelProximity uses (1 - d/threshold)*50 as the dashboard did up to commit d728628; its
// later "safe division" refactor (7c92d84) computes (1 - d)/threshold*50, which exceeds 100.

const isFiniteNumber = (v) => typeof v === 'number' && Number.isFinite(v)
const isPositiveFinite = (v) => isFiniteNumber(v) && v > 0
function safeDivideValue (n, d, fallback = 0) {
  if (!isFiniteNumber(n) || !isFiniteNumber(d)) return fallback
  if (d === 0) return fallback
  const r = n / d
  return isFiniteNumber(r) ? r : fallback
}
function safeRiskReward (reward, risk) {
  if (!isPositiveFinite(risk)) return 0
  return safeDivideValue(Math.abs(reward), Math.abs(risk), 0)
}

function calculateLTPScore (levelScore, trendScore, patienceScore) {
  const level = Math.min(100, Math.max(0, levelScore))
  const trend = Math.min(100, Math.max(0, trendScore))
  const patience = Math.min(100, Math.max(0, patienceScore))
  const overall = (level * 0.35) + (trend * 0.35) + (patience * 0.30)
  return { level, trend, patience, overall: Math.round(overall) }
}

function calculateEMA (data, period) {
  if (data.length === 0 || period <= 0) return 0
  if (data.length < period) return data[data.length - 1] || 0
  const multiplier = 2 / (period + 1)
  let ema = safeDivideValue(data.slice(0, period).reduce((a, b) => a + b, 0), period, 0)
  for (let i = period; i < data.length; i++) ema = (data[i] - ema) * multiplier + ema
  return ema
}

function calculateVWAP (bars) {
  let tpv = 0
  let volume = 0
  for (const bar of bars) {
    const typical = (bar.h + bar.l + bar.c) / 3
    tpv += typical * bar.v
    volume += bar.v
  }
  return volume > 0 ? tpv / volume : 0
}

function detectPatienceCandle (bars, levelPrice, maxCandleSize = 0.5) {
  if (!bars || bars.length < 3) return { detected: false, count: 0 }
  let count = 0
  for (const bar of bars.slice(-5)) {
    const size = isPositiveFinite(bar.o) ? (Math.abs(bar.c - bar.o) / bar.o) * 100 : 0
    const distance = isPositiveFinite(levelPrice) ? (Math.abs(bar.c - levelPrice) / levelPrice) * 100 : 100
    if (size < maxCandleSize && distance < 0.3) count++
  }
  return { detected: count >= 2, count }
}

function scoreLevelProximity (currentPrice, levels, proximityThreshold = 0.3) {
  let maxScore = 0
  let bestLevel = null
  if (!isPositiveFinite(currentPrice) || proximityThreshold <= 0) return { score: 0, level: null }
  for (const level of levels) {
    const distance = (Math.abs(currentPrice - level.price) / currentPrice) * 100
    if (distance <= proximityThreshold) {
      const score = (1 - distance / proximityThreshold) * 50 + (level.strength / 100) * 50
      if (score > maxScore) {
        maxScore = score
        bestLevel = level
      }
    }
  }
  return { score: Math.round(maxScore), level: bestLevel }
}

const DEFAULT_WEIGHTS = { weekly: 0.15, daily: 0.20, '4h': 0.15, '1h': 0.20, '15m': 0.15, '5m': 0.10, '2m': 0.05 }

function scoreTrendAlignment (mtfAnalyses, direction, weights) {
  const tfWeights = weights || DEFAULT_WEIGHTS
  let score = 0
  for (const analysis of mtfAnalyses) {
    const weight = tfWeights[analysis.timeframe] || 0.1
    const aligned = (direction === 'bullish' && analysis.trend === 'bullish') ||
      (direction === 'bearish' && analysis.trend === 'bearish')
    if (aligned) score += weight * 100
  }
  return Math.round(score)
}

function scorePatienceQuality (result) {
  if (!result.detected) return 0
  return Math.min(result.count * 20, 60) + 40
}

function calculateTradeParams (currentPrice, level, direction) {
  if (!level) {
    return { suggested_entry: null, suggested_stop: null, target_1: null, target_2: null, target_3: null, risk_reward: null }
  }
  const atr = currentPrice * 0.01
  const entry = currentPrice
  let stop, t1, t2, t3
  if (direction === 'bullish') {
    stop = level.price - atr
    t1 = entry + (entry - stop)
    t2 = entry + (entry - stop) * 2
    t3 = entry + (entry - stop) * 3
  } else {
    stop = level.price + atr
    t1 = entry - (stop - entry)
    t2 = entry - (stop - entry) * 2
    t3 = entry - (stop - entry) * 3
  }
  const rr = safeRiskReward(Math.abs(t2 - entry), Math.abs(entry - stop))
  const cents = (x) => Math.round(x * 100) / 100
  return {
    suggested_entry: cents(entry),
    suggested_stop: cents(stop),
    target_1: cents(t1),
    target_2: cents(t2),
    target_3: cents(t3),
    risk_reward: Math.round(rr * 10) / 10
  }
}

function getLTPGrade (score) {
  if (score >= 90) return 'A'
  if (score >= 80) return 'B'
  if (score >= 70) return 'C'
  if (score >= 60) return 'D'
  return 'F'
}

function generateCoachNote (levelResult, trendScore, patienceResult, direction) {
  const notes = []
  if (levelResult.score >= 70) notes.push(`Strong ${levelResult.level?.type?.toUpperCase()} level confluence.`)
  else if (levelResult.score >= 50) notes.push(`Price near ${levelResult.level?.type?.toUpperCase()}.`)
  if (trendScore >= 70) notes.push(`MTF trend strongly ${direction}.`)
  else if (trendScore >= 50) notes.push(`Trend leaning ${direction}.`)
  if (patienceResult.detected) notes.push(`${patienceResult.count} patience candle(s) confirmed.`)
  else notes.push('Waiting for patience candle confirmation.')
  return notes.join(' ')
}

// ltp-detector.ts calculateKeyLevels, given the bars it fetches.
function keyLevels (dailyBars, intradayBars) {
  const levels = []
  if (dailyBars.length >= 2) {
    const prev = dailyBars[dailyBars.length - 2]
    levels.push(
      { type: 'pdh', price: prev.h, timeframe: 'daily', strength: 80 },
      { type: 'pdl', price: prev.l, timeframe: 'daily', strength: 80 },
      { type: 'pdc', price: prev.c, timeframe: 'daily', strength: 70 })
  }
  if (intradayBars.length > 0) {
    levels.push({ type: 'vwap', price: calculateVWAP(intradayBars), timeframe: 'intraday', strength: 75 })
    const orb = intradayBars.slice(0, 3)
    if (orb.length >= 3) {
      levels.push(
        { type: 'orb_high', price: Math.max(...orb.map((b) => b.h)), timeframe: 'intraday', strength: 85 },
        { type: 'orb_low', price: Math.min(...orb.map((b) => b.l)), timeframe: 'intraday', strength: 85 })
    }
    levels.push(
      { type: 'hod', price: Math.max(...intradayBars.map((b) => b.h)), timeframe: 'intraday', strength: 70 },
      { type: 'lod', price: Math.min(...intradayBars.map((b) => b.l)), timeframe: 'intraday', strength: 70 })
    if (intradayBars.length >= 21) {
      const closes = intradayBars.map((b) => b.c)
      levels.push(
        { type: 'ema_9', price: calculateEMA(closes, 9), timeframe: 'intraday', strength: 65 },
        { type: 'ema_21', price: calculateEMA(closes, 21), timeframe: 'intraday', strength: 70 })
    }
  }
  if (dailyBars.length >= 200) {
    const closes = dailyBars.slice(-200).map((b) => b.c)
    levels.push({ type: 'sma_200', price: closes.reduce((a, b) => a + b, 0) / 200, timeframe: 'daily', strength: 95 })
  }
  return levels
}

// ltp-detector.ts analyzeTimeframe, given the bars it fetches.
function analyzeTimeframe (bars, timeframe) {
  if (bars.length < 21) {
    return { timeframe, trend: 'neutral', structure: 'range', ema_position: 'mixed', momentum: 'weak', orb_status: null, vwap_position: null }
  }
  const closes = bars.map((b) => b.c)
  const price = closes[closes.length - 1]
  const ema9 = calculateEMA(closes, 9)
  const ema21 = calculateEMA(closes, 21)
  let trend = 'neutral'
  if (price > ema9 && ema9 > ema21) trend = 'bullish'
  else if (price < ema9 && ema9 < ema21) trend = 'bearish'
  const highs = bars.slice(-5).map((b) => b.h)
  const lows = bars.slice(-5).map((b) => b.l)
  let structure = 'range'
  const hh = highs.every((h, i) => i === 0 || h >= highs[i - 1])
  const hl = lows.every((l, i) => i === 0 || l >= lows[i - 1])
  const lh = highs.every((h, i) => i === 0 || h <= highs[i - 1])
  const ll = lows.every((l, i) => i === 0 || l <= lows[i - 1])
  if (hh && hl) structure = 'uptrend'
  else if (lh && ll) structure = 'downtrend'
  let emaPosition = 'mixed'
  if (price > ema9 && price > ema21) emaPosition = 'above_all'
  else if (price < ema9 && price < ema21) emaPosition = 'below_all'
  const change = ((price - closes[0]) / closes[0]) * 100
  let momentum = 'weak'
  if (Math.abs(change) > 2) momentum = 'strong'
  else if (Math.abs(change) > 1) momentum = 'moderate'
  return { timeframe, trend, structure, ema_position: emaPosition, momentum, orb_status: null, vwap_position: null }
}

// ltp-detector.ts analyzeSymbol, given the quote and the bars it fetches.
function analyzeSymbol (symbol, currentPrice, dailyBars, intradayBars, timeframes, patienceBars) {
  const levels = keyLevels(dailyBars, intradayBars)
  if (levels.length === 0) return null
  const mtf = timeframes.map(([tf, bars]) => analyzeTimeframe(bars, tf))
  if (mtf.length === 0) return null
  const bullish = mtf.filter((a) => a.trend === 'bullish').length
  const bearish = mtf.filter((a) => a.trend === 'bearish').length
  const direction = bullish > bearish ? 'bullish' : 'bearish'
  const levelResult = scoreLevelProximity(currentPrice, levels)
  const trendScore = scoreTrendAlignment(mtf, direction)
  const patienceResult = levelResult.level
    ? detectPatienceCandle(patienceBars, levelResult.level.price)
    : { detected: false, count: 0 }
  const patienceScore = scorePatienceQuality(patienceResult)
  const confluence = Math.round(levelResult.score * 0.35 + trendScore * 0.35 + patienceScore * 0.3)
  const stage = confluence >= 70 && patienceResult.detected ? 'ready' : 'forming'
  return {
    symbol,
    direction,
    setup_stage: stage,
    confluence_score: confluence,
    level_score: levelResult.score,
    trend_score: trendScore,
    patience_score: patienceScore,
    mtf_score: trendScore,
    primary_level_type: levelResult.level?.type || null,
    primary_level_price: levelResult.level?.price || null,
    patience_candles: patienceResult.count,
    ...calculateTradeParams(currentPrice, levelResult.level, direction),
    coach_note: generateCoachNote(levelResult, trendScore, patienceResult, direction)
  }
}

module.exports = {
  calculateLTPScore,
  calculateEMA,
  calculateVWAP,
  detectPatienceCandle,
  scoreLevelProximity,
  scoreTrendAlignment,
  scorePatienceQuality,
  calculateTradeParams,
  getLTPGrade,
  generateCoachNote,
  keyLevels,
  analyzeTimeframe,
  analyzeSymbol
}
