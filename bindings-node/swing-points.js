'use strict'
// The dashboard's swing-point detector as a drop-in: the same names, arguments and object shapes
// as src/lib/swing-point-detector.ts, computed by the native engine on Float64Array columns.
const { ltp: native } = require('./main.js')
const { codedExports, inputError, typeError } = require('./coded.js')

function objects (values, name) {
  if (!Array.isArray(values)) throw typeError(`${name} must be an array`)
  values.forEach((x, i) => { if (x === null || typeof x !== 'object') throw typeError(`${name}[${i}] must be an object`) })
  return values
}

/** One field of every item as a Float64Array, read as the engine's comparisons read it (null
 * is 0, undefined NaN). A plain loop: `Float64Array.from` with a mapping function is 20× slower. */
function columnOf (items, key) {
  const n = items.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = items[i][key]
  return out
}

/** The highs, lows and times of the bars, in one pass. */
function barColumns (bars) {
  const n = bars.length
  const high = new Float64Array(n)
  const low = new Float64Array(n)
  const time = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const b = bars[i]
    high[i] = b.high; low[i] = b.low; time[i] = b.time
  }
  return [high, low, time]
}

const TIMEFRAME_CONFIGS = native.swingTimeframeConfigs()
for (const config of Object.values(TIMEFRAME_CONFIGS)) Object.freeze(config)
Object.freeze(TIMEFRAME_CONFIGS)

function detectSwingPoints (bars, timeframe = '1H', config) {
  objects(bars, 'bars')
  if (typeof timeframe !== 'string') throw typeError('timeframe must be a string such as "1H", "4H" or "D"')
  let given
  if (config !== undefined) {
    if (config === null || typeof config !== 'object') throw typeError('config must be an object')
    // A null lookback indexes bars["null"] in the dashboard, which throws.
    if (config.lookback === null) throw typeError('config.lookback must be a number')
    given = { lookback: Number(config.lookback), tolerance: Number(config.tolerance), minTouches: Number(config.minTouches) }
  }
  return native.detectSwingPoints(...barColumns(bars), timeframe, given)
}

function countTouchesAtLevel (bars, level, type, tolerancePct = 0.2, startIndex = 0) {
  objects(bars, 'bars')
  // A null start indexes bars["null"] in the dashboard, which throws.
  if (startIndex === null && bars.length > 0) throw typeError('startIndex must be a number')
  return native.countTouchesAtLevel(columnOf(bars, type === 'high' ? 'high' : 'low'), Number(level), Number(tolerancePct), Number(startIndex))
}

function filterNearbyLevels (swings, currentPrice, maxDistancePct = 5) {
  objects(swings, 'swings')
  return native.nearbyLevels(columnOf(swings, 'price'), Number(currentPrice), Number(maxDistancePct)).map((i) => swings[i])
}

/** What merging reads of levels, as columns; a type other than "high" or "low" is refused. */
function levelColumns (levels, name) {
  const n = levels.length
  const out = { price: new Float64Array(n), high: new Uint8Array(n), touchCount: new Float64Array(n), strength: new Float64Array(n) }
  for (let i = 0; i < n; i++) {
    const l = levels[i]
    if (l.type !== 'high' && l.type !== 'low') {
      throw inputError(`${name}[${i}].type ${JSON.stringify(l.type)} is unknown; expected "high" or "low"`)
    }
    out.price[i] = l.price; out.high[i] = l.type === 'high' ? 1 : 0; out.touchCount[i] = l.touchCount; out.strength[i] = l.strength
  }
  return out
}

function mergeMTFLevels (levels4H, levels1H, tolerancePct = 0.3) {
  objects(levels4H, 'levels4H')
  objects(levels1H, 'levels1H')
  // Merged levels keep the 4-hour level's keys (extra ones too) with the new numbers; the
  // others are the caller's own objects.
  return native.mergeMtfLevels(levelColumns(levels4H, 'levels4H'), levelColumns(levels1H, 'levels1H'), Number(tolerancePct)).map((m) =>
    m.from4H == null
      ? levels1H[m.from1H]
      : m.from1H == null
        ? levels4H[m.from4H]
        : { ...levels4H[m.from4H], price: m.price, touchCount: m.touchCount, strength: m.strength, timeframe: '4H' })
}

// `import detectSwingPoints from 'edgekit/swing-points'` reads `default`, as from the dashboard's module.
module.exports = {
  __esModule: true,
  detectSwingPoints,
  countTouchesAtLevel,
  filterNearbyLevels,
  mergeMTFLevels,
  TIMEFRAME_CONFIGS,
  default: detectSwingPoints
}

codedExports(module.exports, ['detectSwingPoints', 'countTouchesAtLevel', 'filterNearbyLevels', 'mergeMTFLevels'])
module.exports.default = module.exports.detectSwingPoints
