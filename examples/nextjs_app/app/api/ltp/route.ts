// The trading-coach dashboard's setup detection, from edgekit/ltp (its own function names).
// A symbol that cannot be analysed never fails the others: its setup is null and its error is
// listed; the request is refused (422) only when no symbol could be analysed.
import { analyzeSymbolsDetailedAsync, type SetupBatch, type SymbolBars } from 'edgekit/ltp'
import { body, failure } from '../../../lib/respond'

export const runtime = 'nodejs'

export async function POST (request: Request): Promise<Response> {
  try {
    const { symbols } = (await body(request)) as { symbols: SymbolBars[] }
    const batch: SetupBatch = await analyzeSymbolsDetailedAsync(symbols)
    const first = batch.errors[0]
    if (first !== undefined && batch.errors.length === batch.setups.length) {
      return Response.json({ code: first.code, message: first.message, errors: batch.errors }, { status: 422 })
    }
    return Response.json(batch)
  } catch (error) {
    return failure(error)
  }
}
