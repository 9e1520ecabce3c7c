// A KS test on a raw float64 body (reference then current, `?split=n` values of reference):
// the bytes go to edgekit as an ArrayBuffer, with no JSON to build or parse.
import { drift } from 'edgekit'
import { failure } from '../../../../lib/respond'

export const runtime = 'nodejs'

export async function POST (request: Request): Promise<Response> {
  try {
    const bytes = await request.arrayBuffer()
    const split = Number(new URL(request.url).searchParams.get('split'))
    if (!Number.isInteger(split) || split <= 0 || split * 8 >= bytes.byteLength) {
      return Response.json({ code: 'EDGEKIT_INVALID_INPUT', message: `split must be inside the body's ${Math.floor(bytes.byteLength / 8)} values` }, { status: 422 })
    }
    const result: drift.DriftResult = await drift.ks2sampAsync(bytes.slice(0, split * 8), bytes.slice(split * 8))
    return Response.json(result)
  } catch (error) {
    return failure(error)
  }
}
