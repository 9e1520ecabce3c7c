// A drift report of the current batch against a reference batch, off the event loop.
import { drift } from 'edgekit'
import { body, failure } from '../../../lib/respond'

export const runtime = 'nodejs'

type Columns = Record<string, number[] | Array<string | null>>

export async function POST (request: Request): Promise<Response> {
  try {
    const { reference, current, categorical } = (await body(request)) as { reference: Columns, current: Columns, categorical?: string[] }
    const report: drift.DriftReport = await drift.reportAsync(reference, current, { categorical })
    return Response.json({ datasetDrift: report.datasetDrift, columns: report.columns })
  } catch (error) {
    return failure(error)
  }
}
