'use strict'
// The dashboard's LTP detector service (src/lib/ltp-detector.ts) as a drop-in whose market data,
// database and broadcasts are the app's own, injected: `createDetector({ marketData, store,
// broadcastReady, broadcastForming })` returns `startDetector`, `stopDetector`,
// `isDetectorRunning`, `addSymbols`, `removeSymbols`, `getWatchlist`, `runOnce` and
// `analyzeOnDemand`, which fetch, store and broadcast as the dashboard's do, with every setup
// scored by the native engine in one batch per cycle. `onEvent` adds the streaming tracker's
// lifecycle (approach, forming, ready, triggered, stopped, target, expired) on the 5-minute bars
// each cycle fetches.
const { ltp: native } = require('./main.js')
const ltp = require('./ltp.js')
const { typeError } = require('./coded.js')

/** The dashboard's defaults (its `CONFIG`). */
const DEFAULTS = Object.freeze({
  minConfluenceScore: 50,
  detectionIntervalMs: 60000,
  defaultWatchlist: Object.freeze(['SPY', 'QQQ', 'NVDA', 'AAPL', 'TSLA', 'AMD', 'META', 'GOOGL', 'AMZN', 'MSFT'])
})

// What the dashboard asks its market data for: key levels, each timeframe, patience candles.
const LEVEL_BARS = [['day', 60], ['5', 78]]
const TIMEFRAME_BARS = { '5m': ['5', 48], '15m': ['15', 32], '1h': ['60', 24], '4h': ['240', 30], daily: ['day', 50] }
const PATIENCE_BARS = ['5', 12]

const needFunction = (deps, name) => {
  if (typeof deps[name] !== 'function') throw typeError(`createDetector: ${name} must be a function`)
}

/**
 * A detector over the app's services:
 * - `marketData`: the dashboard's `marketDataService` (`getQuote(symbol)` with `last`,
 *   `getAggregates(symbol, multiplier, limit)` with `{ o, h, l, c, v, t }` bars, and optionally
 *   `isConfigured()`);
 * - `store(row)`: writes a setup row (the dashboard upserts it into `detected_setups` on `symbol`);
 * - `broadcastReady(event)`, `broadcastForming(event)`: send a `SetupEvent`;
 * - options: `watchlist`, `minConfluenceScore` (50), `intervalMs` (60000), `levelFormula`
 *   ('corrected' or 'dashboard', as in `edgekit/ltp`), `onEvent(event)` for the tracker's
 *   lifecycle events and `trackerProfile` for its profile.
 */
function createDetector (deps) {
  if (deps === null || typeof deps !== 'object') throw typeError('createDetector needs { marketData, store, broadcastReady, broadcastForming }')
  const { marketData } = deps
  if (marketData === null || typeof marketData !== 'object') throw typeError('createDetector: marketData must be the market-data service')
  for (const name of ['getQuote', 'getAggregates']) needFunction(marketData, name)
  for (const name of ['store', 'broadcastReady', 'broadcastForming']) needFunction(deps, name)
  if (deps.onEvent !== undefined) needFunction(deps, 'onEvent')
  const minConfluenceScore = deps.minConfluenceScore ?? DEFAULTS.minConfluenceScore
  const intervalMs = deps.intervalMs ?? DEFAULTS.detectionIntervalMs
  const options = { levelFormula: deps.levelFormula }
  const watched = new Set(deps.watchlist ?? DEFAULTS.defaultWatchlist)
  const tracker = deps.onEvent ? new native.Tracker(deps.trackerProfile ?? null) : null
  const lastBarTime = new Map()
  let running = false
  let interval = null

  /** What the dashboard fetches for a symbol, or null where it gives up (no quote, no levels). */
  async function fetchInput (symbol) {
    const quote = await marketData.getQuote(symbol)
    if (!quote) return null
    let daily, intraday
    try {
      [daily, intraday] = await Promise.all(LEVEL_BARS.map(([m, n]) => marketData.getAggregates(symbol, m, n)))
    } catch (error) {
      console.error(`[LTP Detector] Error calculating levels for ${symbol}:`, error)
      return null
    }
    const timeframes = {}
    for (const [tf, [m, n]] of Object.entries(TIMEFRAME_BARS)) {
      try {
        timeframes[tf] = await marketData.getAggregates(symbol, m, n)
      } catch (error) {
        console.error(`[LTP Detector] Error analyzing ${symbol} ${tf}:`, error)
      }
    }
    const patience = await marketData.getAggregates(symbol, ...PATIENCE_BARS)
    return { symbol, price: quote.last, daily, intraday, timeframes, patience }
  }

  /** The setups of `symbols` (null where the dashboard's analyzeSymbol gives null). */
  async function analyze (symbols) {
    const inputs = await Promise.all(symbols.map(async (symbol) => {
      try {
        return await fetchInput(symbol)
      } catch (error) {
        console.error(`[LTP Detector] Error analyzing ${symbol}:`, error)
        return null
      }
    }))
    const given = inputs.filter((x) => x !== null)
    const { setups, errors } = await ltp.analyzeSymbolsDetailedAsync(given, options)
    for (const e of errors) console.error(`[LTP Detector] Error analyzing ${e.symbol}: ${e.code} ${e.message}`)
    if (tracker) track(given)
    const bySymbol = new Map(given.map((input, i) => [input.symbol, setups[i]]))
    return symbols.map((symbol) => bySymbol.get(symbol) ?? null)
  }

  /** Feeds each symbol's new 5-minute bars (times in ms) to the tracker; its events go to onEvent. */
  function track (inputs) {
    for (const { symbol, intraday } of inputs) {
      if (!Array.isArray(intraday)) continue
      const after = lastBarTime.get(symbol) ?? -Infinity
      const fresh = intraday.filter((b) => b && b.t > after).sort((a, b) => a.t - b.t)
      for (const bar of fresh) {
        try {
          for (const event of tracker.update(symbol, { t: bar.t / 1000, o: bar.o, h: bar.h, l: bar.l, c: bar.c, v: bar.v ?? 0 })) deps.onEvent(event)
          lastBarTime.set(symbol, bar.t)
        } catch (error) {
          console.error(`[LTP Detector] Tracker skipped a ${symbol} bar:`, error)
        }
      }
    }
  }

  /** The dashboard's `SetupEvent` of a setup. */
  const eventOf = (s) => ({
    id: `${s.symbol}-${Date.now()}`,
    symbol: s.symbol,
    direction: s.direction,
    confluenceScore: s.confluence_score,
    levelScore: s.level_score,
    trendScore: s.trend_score,
    patienceScore: s.patience_score,
    mtfScore: s.mtf_score,
    coachNote: s.coach_note,
    suggestedEntry: s.suggested_entry || undefined,
    suggestedStop: s.suggested_stop || undefined,
    target1: s.target_1 || undefined,
    target2: s.target_2 || undefined,
    target3: s.target_3 || undefined,
    riskReward: s.risk_reward || undefined
  })

  async function runDetectionCycle () {
    const symbols = Array.from(watched)
    console.log(`[LTP Detector] Running detection for ${symbols.length} symbols`)
    const results = []
    const setups = await analyze(symbols)
    for (const setup of setups) {
      if (!setup || !(setup.confluence_score >= minConfluenceScore)) continue
      results.push(setup)
      try {
        try {
          await deps.store({ ...setup, detected_at: new Date().toISOString(), detected_by: 'system' })
        } catch (dbError) {
          console.error(`[LTP Detector] DB error for ${setup.symbol}:`, dbError)
        }
        const event = eventOf(setup)
        await (setup.setup_stage === 'ready' ? deps.broadcastReady(event) : deps.broadcastForming(event))
      } catch (error) {
        console.error(`[LTP Detector] Error processing ${setup.symbol}:`, error)
      }
    }
    console.log(`[LTP Detector] Detected ${results.length} setups`)
    return results
  }

  function startDetector () {
    if (running) {
      console.log('[LTP Detector] Already running')
      return
    }
    if (typeof marketData.isConfigured === 'function' && !marketData.isConfigured()) {
      console.warn('[LTP Detector] Market data API not configured, skipping')
      return
    }
    running = true
    console.log('[LTP Detector] Starting continuous detection')
    runDetectionCycle().catch(console.error)
    interval = setInterval(() => { runDetectionCycle().catch(console.error) }, intervalMs)
  }

  function stopDetector () {
    if (interval) {
      clearInterval(interval)
      interval = null
    }
    running = false
    console.log('[LTP Detector] Stopped')
  }

  const api = {
    startDetector,
    stopDetector,
    isDetectorRunning: () => running,
    addSymbols (symbols) {
      for (const symbol of symbols) watched.add(String(symbol).toUpperCase())
      console.log(`[LTP Detector] Watching ${watched.size} symbols`)
    },
    removeSymbols (symbols) {
      for (const symbol of symbols) watched.delete(String(symbol).toUpperCase())
    },
    getWatchlist: () => Array.from(watched),
    runOnce: () => runDetectionCycle(),
    analyzeOnDemand: async (symbol) => (await analyze([symbol]))[0]
  }
  // The dashboard's default export.
  api.default = {
    start: api.startDetector,
    stop: api.stopDetector,
    isRunning: api.isDetectorRunning,
    addSymbols: api.addSymbols,
    removeSymbols: api.removeSymbols,
    getWatchlist: api.getWatchlist,
    runOnce: api.runOnce,
    analyzeOnDemand: api.analyzeOnDemand
  }
  return api
}

module.exports = { createDetector, DEFAULTS }
