'use strict'
// How many of the dashboard's setups change when the level score switches from the dashboard's
// formula to the corrected one, on real prices: the bundled EUR/USD hourly bars
// (examples/data/EURUSD.csv), seen hour by hour as the dashboard's detector would see a symbol.
// Its detector wants daily, 5-minute and multi-timeframe bars; this replay gives it, at each
// hour, the 60 daily bars before that day (aggregated from the hours), the last 78 hourly bars in
// place of the 5-minute session, the last 48/32/24/30/50 hourly, 3-hour, 6-hour, 12-hour and
// daily bars as the 5m/15m/1h/4h/daily timeframes, and the last 12 hourly bars for patience.
//
//   node examples/node/ltp_level_formulas.js
const fs = require('node:fs')
const path = require('node:path')
const ltp = require('../../bindings-node/ltp.js')

function readBars (file) {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1)
  return lines.map((line) => {
    const [time, o, h, l, c, v] = line.split(',')
    return { day: time.slice(0, 10), o: +o, h: +h, l: +l, c: +c, v: +v, t: Date.parse(time.replace(' ', 'T') + 'Z') }
  })
}

/** Bars merged `size` at a time (the last group may be short), in time order. */
function merged (bars, size) {
  const out = []
  for (let i = 0; i < bars.length; i += size) {
    const group = bars.slice(i, i + size)
    out.push({
      o: group[0].o,
      h: Math.max(...group.map((b) => b.h)),
      l: Math.min(...group.map((b) => b.l)),
      c: group[group.length - 1].c,
      v: group.reduce((s, b) => s + b.v, 0),
      t: group[0].t
    })
  }
  return out
}

/** The detector's inputs at each hour from the 1000th on (so every window is full). */
function inputsOf (bars) {
  const dayIndex = new Map()
  const days = []
  for (const bar of bars) {
    if (!dayIndex.has(bar.day)) { dayIndex.set(bar.day, days.length); days.push([]) }
    days[dayIndex.get(bar.day)].push(bar)
  }
  const daily = days.map((group) => merged(group, group.length)[0])
  const inputs = []
  for (let i = 1000; i < bars.length; i++) {
    const seen = bars.slice(0, i + 1)
    const today = dayIndex.get(bars[i].day)
    const last = (xs, n) => xs.slice(Math.max(0, xs.length - n))
    inputs.push({
      symbol: 'EURUSD',
      price: bars[i].c,
      daily: last(daily.slice(0, today), 60),
      intraday: last(seen, 78),
      timeframes: {
        '5m': last(seen, 48),
        '15m': last(merged(last(seen, 96), 3), 32),
        '1h': last(merged(last(seen, 144), 6), 24),
        '4h': last(merged(last(seen, 360), 12), 30),
        daily: last(daily.slice(0, today + 1), 50)
      },
      patience: last(seen, 12)
    })
  }
  return inputs
}

/** Setups under both formulas and how they differ. */
function compare (inputs) {
  const dashboard = ltp.analyzeSymbols(inputs, { levelFormula: 'dashboard' })
  const corrected = ltp.analyzeSymbols(inputs, { levelFormula: 'corrected' })
  const count = { hours: inputs.length, setups: 0, levelScoreDiffers: 0, stageChanges: 0, readyToForming: 0, broadcastChanges: 0, dashboardOver100: 0 }
  for (let i = 0; i < inputs.length; i++) {
    const a = dashboard[i]
    const b = corrected[i]
    if (!a || !b) continue
    count.setups++
    if (a.level_score !== b.level_score) count.levelScoreDiffers++
    if (a.level_score > 100) count.dashboardOver100++
    if (a.setup_stage !== b.setup_stage) count.stageChanges++
    if (a.setup_stage === 'ready' && b.setup_stage === 'forming') count.readyToForming++
    // The detector stores and broadcasts setups with a confluence of 50 or more.
    if ((a.confluence_score >= 50) !== (b.confluence_score >= 50)) count.broadcastChanges++
  }
  return count
}

function main () {
  const bars = readBars(path.join(__dirname, '..', 'data', 'EURUSD.csv'))
  const count = compare(inputsOf(bars))
  console.log(JSON.stringify(count))
  return count
}

if (require.main === module) main()
module.exports = { main }
