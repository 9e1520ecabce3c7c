// Request bodies shared by the route tests and the latency script: player rows from the bundled
// DraftKings salary file, and seeded bars.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

// Player rows as an app's database would hold them, from the bundled DraftKings salary file.
export function players () {
  const lines = readFileSync(join(ROOT, 'examples', 'data', 'lineup', 'dk_nfl_classic_2019wk1_seenahuang.csv'), 'utf8').trim().split(/\r?\n/)
  const header = lines[0].split(',')
  const col = (name) => header.indexOf(name)
  return lines.slice(1).map((line) => {
    const f = line.split(',')
    const game = f[col('Game Info')].split(' ')[0]
    const [away, home] = game.split('@')
    const team = f[col('TeamAbbrev')]
    return { id: f[col('ID')], name: f[col('Name')], positions: f[col('Position')], team, opponent: team === away ? home : away, game, salary: Number(f[col('Salary')]), projection: Number(f[col('AvgPointsPerGame')]) }
  })
}

export function bars (n, seed) {
  let x = seed
  const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648)
  const out = []
  let price = 100
  for (let i = 0; i < n; i++) {
    const o = price
    price += (rand() - 0.5)
    out.push({ o, h: Math.max(o, price) + 0.2, l: Math.min(o, price) - 0.2, c: price, v: 1000, t: 1_704_205_800 + 300 * i })
  }
  return out
}
