'use strict'
// The dashboard's swing-point detector as a drop-in: the same names, arguments and object shapes
// as src/lib/swing-point-detector.ts, computed by the native engine on Float64Array columns.
const { ltp: native } = require('./main.js')

function typeError (message) {
  const error = new TypeError(message)
  error.code = 'EDGEKIT_INVALID_TYPE'
  return error
}

function objects (values, name) {
  if (!Array.isArray(values)) throw typeError(`${name} must be an array`)
  values.forEach((x, i) => { if (x === null || typeof x !== 'object') throw typeError(`${name}[${i}] must be an object`) })
  return values
}

/** One field of every bar as a Float64Array, read as the engine's comparisons read it (null is 0). */
const columnOf = (bars, key) => Float64Array.from(bars, (b) => b[key])

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
  return native.detectSwingPoints(columnOf(bars, 'high'), columnOf(bars, 'low'), columnOf(bars, 'time'), timeframe, given)
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

function mergeMTFLevels (levels4H, levels1H, tolerancePct = 0.3) {
  objects(levels4H, 'levels4H')
  objects(levels1H, 'levels1H')
  // Merged levels keep the 4-hour level's keys (extra ones too) with the new numbers; the
  // others are the caller's own objects.
  return native.mergeMtfLevels(levels4H, levels1H, Number(tolerancePct)).map((m) =>
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
