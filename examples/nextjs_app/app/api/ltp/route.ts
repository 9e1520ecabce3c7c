// The trading-coach dashboard's setup detection, from edgekit/ltp (its own function names).
import { analyzeSymbolsAsync, type DetectedSetup, type SymbolBars } from 'edgekit/ltp'
import { body, failure } from '../../../lib/respond'

export const runtime = 'nodejs'

export async function POST (request: Request): Promise<Response> {
  try {
    const { symbols } = (await body(request)) as { symbols: SymbolBars[] }
    const setups: Array<DetectedSetup | null> = await analyzeSymbolsAsync(symbols)
    return Response.json({ setups })
  } catch (error) {
    return failure(error)
  }
}
