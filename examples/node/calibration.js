'use strict'
// Calibrated probabilities and intervals with guaranteed coverage, on real data (see
// examples/python/calibration.py for the story): NannyML's classifier recalibrated on its
// reference, and 90 % conformal intervals around the NFL over/under line.
//
//     node examples/node/calibration.js
const fs = require('node:fs')
const path = require('node:path')
const { calibration } = require('../../bindings-node')

const DATA = path.join(__dirname, '..', 'data')

function binary (file) {
  const lines = fs.readFileSync(path.join(DATA, 'nannyml', file), 'utf8').trim().split('\n')
  const header = lines[0].split(',')
  const [p, y] = ['y_pred_proba', 'work_home_actual'].map((n) => header.indexOf(n))
  const rows = lines.slice(1).map((l) => l.split(','))
  return { p: Float64Array.from(rows, (r) => Number(r[p])), y: Float64Array.from(rows, (r) => Number(r[y])) }
}

function games (first, last) {
  const out = { total: [], line: [], venue: [] }
  for (const row of fs.readFileSync(path.join(DATA, 'spreadspoke_scores.csv'), 'utf8').split(/\r?\n/).slice(1)) {
    const c = row.split(',')
    const [season, home, away, ou] = [c[1], c[5], c[6], c[10]].map((v) => (v ? Number(v) : NaN))
    if ([season, home, away, ou].some(Number.isNaN) || season < first || season > last) continue
    out.total.push(home + away)
    out.line.push(ou)
    out.venue.push(c[16] === 'indoor' ? 'indoor' : 'outdoor')
  }
  return out
}

const reference = binary('binary_reference.csv')
const production = binary('binary_analysis.csv')
const before = calibration.reliabilityCurve(production.y, production.p, { nBins: 10 })
console.log(`production ECE ${before.ece.toFixed(4)}, MCE ${before.mce.toFixed(4)}`)
for (const method of ['sigmoid', 'isotonic']) {
  const calibrator = new calibration.Calibrator({ method }).fit(reference.p, reference.y)
  const after = calibration.reliabilityCurve(production.y, calibrator.predict(production.p), { nBins: 10 })
  console.log(`  after ${method.padEnd(8)} calibration: ECE ${after.ece.toFixed(4)}`)
}

const past = games(2000, 2012)
const recent = games(2013, 2024)
const byVenue = new calibration.ConformalRegressor({ alpha: 0.1 }).fit(past.total, past.line, past.venue)
const widths = Object.entries(byVenue.halfWidths).map(([k, v]) => `${k} ± ${v}`).join(', ')
const check = byVenue.evaluate(recent.total, recent.line, recent.venue)
console.log(`NFL totals, 90 % intervals per venue (${widths}): coverage ${check.coverage.toFixed(3)} on ${check.n} later games`)
