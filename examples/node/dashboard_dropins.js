'use strict'
// The trading-coach dashboard's other screens on real prices, through the drop-ins: the bundled
// EUR/USD hourly bars (examples/data/EURUSD.csv) give swing levels on 1H and 4H (merged where they
// agree), the fair value gaps near the last price, and an LTP 2.0 score with its explanation and
// a hysteresis state carried from one hour to the next.
//
//   node examples/node/dashboard_dropins.js
const fs = require('node:fs')
const path = require('node:path')
const swings = require('../../bindings-node/swing-points.js')
const { fvgDetector } = require('../../bindings-node/fvg.js')
const gamma = require('../../bindings-node/ltp-gamma.js')
const ltp = require('../../bindings-node/ltp.js')

const rows = fs.readFileSync(path.join(__dirname, '..', 'data', 'EURUSD.csv'), 'utf8').trim().split('\n').slice(1)
const hours = rows.map((line) => {
  const [time, open, high, low, close, volume] = line.split(',')
  return { time: Date.parse(time.replace(' ', 'T') + 'Z'), open: +open, high: +high, low: +low, close: +close, volume: +volume }
})
const fourHours = []
for (let i = 0; i + 4 <= hours.length; i += 4) {
  const group = hours.slice(i, i + 4)
  fourHours.push({ time: group[0].time, open: group[0].open, high: Math.max(...group.map((b) => b.high)), low: Math.min(...group.map((b) => b.low)), close: group[3].close })
}
const last = hours[hours.length - 1]

// Swing levels: the last 500 hours and their 4-hour bars, merged, near the price (to the cent,
// as the dashboard rounds them: coarse for a currency pair, exact for its stocks).
const levels1H = swings.detectSwingPoints(hours.slice(-500), '1H')
const levels4H = swings.detectSwingPoints(fourHours.slice(-125), '4H')
const near = swings.filterNearbyLevels(swings.mergeMTFLevels(levels4H, levels1H), last.close, 1)
console.log(`swing levels within 1 % of ${last.close}: ${near.map((l) => `${l.type} ${l.price} (${l.touchCount} touches, ${l.timeframe})`).join('; ') || 'none'}`)

// Fair value gaps on the last 100 hours, 0.05 % and larger.
const candles = hours.slice(-100).map((b) => ({ timestamp: b.time, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume }))
const gaps = fvgDetector.detectFVGs(candles, '1h', last.close, 0.05)
console.log(`unfilled gaps: ${gaps.map((g) => `${g.type} ${g.bottomPrice}–${g.topPrice} (${g.strength})`).join('; ') || 'none'}`)

// LTP 2.0 over the last 24 hours, the state passed back each hour; walls stand in from the
// strongest levels above and below (the dashboard reads them from its options data).
let state
for (const i of Array.from({ length: 24 }, (_, k) => hours.length - 24 + k)) {
  const closes = hours.slice(0, i + 1).map((b) => b.close)
  const session = hours.slice(i - 23, i + 1).map((b) => ({ o: b.open, h: b.high, l: b.low, c: b.close, v: b.volume }))
  const context = gamma.createMarketContext(
    { close: hours[i].close, high: hours[i].high, low: hours[i].low, open: hours[i].open, previousClose: hours[i - 1].close, previousHigh: hours[i - 1].high, previousLow: hours[i - 1].low },
    { ema8: gamma.calculateEMA(closes, 8), ema21: gamma.calculateEMA(closes, 21) },
    ltp.calculateVWAP(session),
    { callWall: Math.max(...near.map((l) => l.price), last.close * 1.01), putWall: Math.min(...near.map((l) => l.price), last.close * 0.99), zeroGamma: last.close, gammaExposure: 1 }
  )
  const score = gamma.calculateLTP2Score(context, state)
  state = { previousGrade: score.grade, previousScores: [...(state?.previousScores ?? []), score.stability.rawScore].slice(-3), candlesAtGrade: score.stability.candlesAtGrade }
  if (i === hours.length - 1) {
    const why = gamma.generateLTP2ScoreExplanation('EURUSD', context, score, { now: last.time })
    console.log(`LTP 2.0 at ${new Date(last.time).toISOString()}: ${score.score} (${score.grade}, ${score.direction}, ${score.stability.candlesAtGrade} hours at this grade)`)
    console.log(`  ${why.breakdown.cloud.reason}; ${why.breakdown.vwap.reason}; ${score.recommendation}`)
  }
}
