// Stands in for the dashboard's src/lib/market-data (a network client) while recording: it
// serves the quote and bars the recorder set for each symbol (globalThis.__recorder.market),
// keyed by `${multiplier}:${limit}` as the detector requests them (or `*`: any request), so each
// recorded case states its whole input. A request no case set is a miss: it is noted
// (globalThis.__recorder.misses) and throws, as a failed fetch would.
'use strict'
const market = () => globalThis.__recorder.market

function missing (symbol, what) {
  globalThis.__recorder.misses.push(`${symbol} ${what}`)
  throw new Error(`the recorder has no ${what} bars for ${symbol}`)
}

const marketDataService = {
  isConfigured: () => true,
  async getQuote (symbol) {
    const m = market()[symbol]
    return m && m.quote != null ? { symbol, last: m.quote, price: m.quote } : null
  },
  async getAggregates (symbol, multiplier, limit) {
    const m = market()[symbol]
    const bars = m && (m.aggregates[`${multiplier}:${limit}`] ?? m.aggregates['*'])
    return bars === undefined ? missing(symbol, `${multiplier}:${limit}`) : bars
  },
  async getHistoricalBars (symbol, from, to, span, multiplier) {
    const m = market()[symbol]
    const bars = m && (m.aggregates[`${multiplier}:${span}`] ?? m.aggregates['*'])
    return bars === undefined ? missing(symbol, `${multiplier}:${span}`) : bars
  }
}
module.exports = { marketDataService }
