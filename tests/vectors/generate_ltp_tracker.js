'use strict'
// Writes tests/vectors/ltp_tracker.json: hand-built sessions whose setup lifecycle is known,
// for the Rust, Python and Node trackers alike:
//   node tests/vectors/generate_ltp_tracker.js
// Day one (2024-01-02, New York) is a quiet session between 99 and 101 closing at 100.50; day two
// opens higher, pushes into the previous day's high (101) and prints an inside candle there: a
// long becomes ready with entry 101.02 (a tick over the patience candle's 101.01), stop 100.96
// and a 2R target. Each scenario then adds candles and names the events expected after it,
// written by hand from the rules in docs/ltp.md — not computed here.
const fs = require('node:fs')
const path = require('node:path')

const DAY1_OPEN = 1704205800 // 09:30 New York on 2024-01-02, in UTC seconds
const DAY = 86400

// Five 1-minute bars making one 5-minute candle that visits `points` in order.
function candle (t, points) {
  const p = points.slice()
  while (p.length < 6) p.push(p[p.length - 1])
  const bars = []
  for (let i = 0; i < 5; i++) {
    const [a, b] = [p[i], p[i + 1]]
    bars.push({ t: t + 60 * i, o: a, h: Math.max(a, b), l: Math.min(a, b), c: b, v: 1000 })
  }
  return bars
}

function base () {
  const bars = []
  for (let k = 0; k < 78; k++) {
    const path = k === 10 ? [100, 101, 100] : k === 20 ? [100, 99, 100] : k === 77 ? [100, 100.2, 100.5] : [100, 100.2, 99.8, 100]
    bars.push(...candle(DAY1_OPEN + 300 * k, path))
  }
  const open = DAY1_OPEN + DAY
  const specs = [
    [100.40, 100.35, 100.55, 100.50], [100.50, 100.45, 100.65, 100.60], [100.60, 100.55, 100.75, 100.70],
    [100.70, 100.65, 100.85, 100.80], [100.80, 100.75, 100.95, 100.90], [100.90, 100.85, 101.02, 100.98],
    [100.98, 100.90, 101.05, 100.99], [100.99, 100.95, 101.02, 101.00], [101.00, 100.97, 101.01, 101.00]
  ]
  specs.forEach((path, k) => bars.push(...candle(open + 300 * k, path)))
  return { bars, next: open + 300 * specs.length }
}

// Events of day two before the added candles, level approaches left out.
const UNTIL_READY = [
  ['setup_forming', null, 'orh'], ['expired', 'left_level', 'orh'],
  ['setup_forming', null, 'pdh'], ['setup_ready', null, 'pdh']
]
const quiet = [101.00, 101.01, 100.98, 101.00]
const hold = [101.06, 101.07, 101.05, 101.06]
const SCENARIOS = [
  { name: 'ready at pdh', after: [], expect: [] },
  { name: 'trigger then target', after: [[101.00, 101.04, 101.20]], expect: [['triggered', null, 'pdh'], ['target_hit', null, 'pdh']] },
  { name: 'trigger then stop', after: [[101.00, 101.04, 100.95]], expect: [['triggered', null, 'pdh'], ['stopped', null, 'pdh']] },
  { name: 'stop side first', after: [[101.00, 100.95, 101.04]], expect: [['expired', 'opposite_side_broken', 'pdh']] },
  { name: 'three quiet candles', after: [quiet, quiet, quiet], expect: [] },
  { name: 'four quiet candles', after: [quiet, quiet, quiet, quiet], expect: [['expired', 'no_trigger', 'pdh']] },
  { name: 'open at the close', after: [[101.00, 101.04, 101.06], ...Array(68).fill(hold)], expect: [['triggered', null, 'pdh'], ['expired', 'session_end', 'pdh']] }
]

const profile = { trend_minutes: [5], ema_fast: 2, ema_slow: 4, atr_period: 3, premarket_weight: 0, structure_weight: 0 }
const out = {
  provenance: 'node tests/vectors/generate_ltp_tracker.js: hand-built sessions, expected events written by hand',
  profile,
  day_two_open: DAY1_OPEN + DAY,
  ready: { entry: 101.02, stop: 100.96, direction: 'bullish', level_type: 'pdh', level_price: 101 },
  scenarios: SCENARIOS.map(({ name, after, expect }) => {
    const { bars, next } = base()
    after.forEach((p, k) => bars.push(...candle(next + 300 * k, p)))
    const cols = { t: [], o: [], h: [], l: [], c: [], v: [] }
    for (const b of bars) for (const k of Object.keys(cols)) cols[k].push(b[k])
    return { name, bars: cols, expect: [...UNTIL_READY, ...expect] }
  })
}
fs.writeFileSync(path.join(__dirname, 'ltp_tracker.json'), JSON.stringify(out) + '\n')
console.log(out.scenarios.map((s) => `${s.name}: ${s.bars.t.length} bars`).join('\n'))
