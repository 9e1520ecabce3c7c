// The recorded detection cycles of tests/vectors/ltp_detector.json (see record.mjs): the
// dashboard's detector (src/lib/ltp-detector.ts) running `runOnce` over watchlists made of the
// symbols of ltp.json's `analyze_symbol` cases, with the market-data stub serving each symbol's
// recorded bars and quote, the broadcast stub collecting what it sends and the Supabase stub
// collecting the rows it upserts; on a fixed clock. Cases refer to those symbols by index.
import { NOW, mulberry32 } from './common.mjs'

const DETECTOR_TIMEFRAMES = { '5m': '5:48', '15m': '15:32', '1h': '60:24', '4h': '240:30', daily: 'day:50' }
const rows = (cols) => cols.o.map((o, i) => ({ o, h: cols.h[i], l: cols.l[i], c: cols.c[i], v: cols.v[i], t: i }))

export async function lifecycleCases (detector, symbolCases) {
  const rand = mulberry32(20261210)
  const runs = []
  const RealDate = Date
  const log = console.log
  console.log = () => {}
  globalThis.Date = class extends RealDate {
    constructor (...args) { if (args.length) super(...args); else super(NOW) }
    static now () { return NOW }
  }
  try {
    detector.removeSymbols(detector.getWatchlist())
    for (let r = 0; r < 8; r++) {
      const picked = symbolCases.map((_, i) => i).filter(() => rand() < 0.12)
      const market = {}
      for (const i of picked) {
        const c = symbolCases[i]
        const table = { 'day:60': rows(c.daily), '5:78': rows(c.intraday), '5:12': rows(c.patience || c.intraday) }
        for (const [tf, bars] of c.timeframes) table[DETECTOR_TIMEFRAMES[tf]] = rows(bars)
        // A tenth of the symbols have no quote, as when the feed has none.
        market[c.symbol] = { quote: rand() < 0.1 ? null : c.price, aggregates: table }
      }
      globalThis.__recorder.market = market
      globalThis.__recorder.broadcasts = []
      globalThis.__recorder.database = []
      detector.addSymbols(picked.map((i) => symbolCases[i].symbol.toLowerCase()))
      const setups = await detector.runOnce()
      runs.push({
        symbols: picked,
        quotes: picked.map((i) => market[symbolCases[i].symbol].quote),
        watchlist: detector.getWatchlist(),
        now: NOW,
        want: { setups, broadcasts: globalThis.__recorder.broadcasts, database: globalThis.__recorder.database }
      })
      detector.removeSymbols(detector.getWatchlist())
    }
  } finally {
    globalThis.Date = RealDate
    console.log = log
    globalThis.__recorder.database = undefined
  }
  return { runs }
}
