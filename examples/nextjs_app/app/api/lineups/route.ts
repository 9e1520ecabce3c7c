// Lineups from the players the app already has (its database rows), not from a CSV file.
import { lineup } from 'edgekit'
import { body, failure } from '../../../lib/respond'

export const runtime = 'nodejs'

interface LineupRequest {
  players: lineup.PlayerRecord[]
  site?: lineup.Site
  sport?: lineup.Sport
  n?: number
  rules?: Record<string, unknown>
}

export async function POST (request: Request): Promise<Response> {
  try {
    const { players, site, sport, n, rules } = (await body(request)) as LineupRequest
    const slate = lineup.Slate.fromRecords(players, { site, sport })
    const found: lineup.Lineup[] = await lineup.optimize(slate, { n: n ?? 1, rules })
    return Response.json({ lineups: found, uploadCsv: lineup.uploadCsv(slate, found) })
  } catch (error) {
    return failure(error)
  }
}
