'use strict'
// Drift on NOAA daily weather (examples/data/rainfall.csv) from Node: the column report as a
// Promise (the event loop stays free), a profile shipped as bytes, and detectors on a stream.
//   node examples/node/rainfall_drift.js
const fs = require('node:fs')
const path = require('node:path')
const { drift } = require('../../bindings-node')

const lines = fs.readFileSync(path.join(__dirname, '..', 'data', 'rainfall.csv'), 'utf8').trim().split('\n')
const header = lines[0].split(',').slice(1)
const rows = lines.slice(1).map((line) => line.split(',').slice(1).map(Number))
const columns = (start, stop) =>
  Object.fromEntries(header.map((name, k) => [name, Float64Array.from(rows.slice(start, stop), (r) => r[k])]))

async function main () {
  const reference = columns(0, 10000)
  const current = columns(10000, rows.length)
  const report = await drift.reportAsync(reference, current, { categorical: ['rain'] })
  for (const c of report.columns) {
    console.log(`${c.column.padEnd(26)} ${c.test.padEnd(14)} ${c.statistic.toFixed(4)}  ${c.drifted ? 'DRIFT' : '-'}`)
  }
  console.log(`dataset drift: ${report.datasetDrift} (${report.driftedColumns} of ${report.columns.length})`)

  const bytes = drift.Profile.fit(reference, { categorical: ['rain'] }).toBytes()
  const again = drift.report(drift.Profile.fromBytes(bytes), current, { categorical: ['rain'] })
  console.log(`same verdicts from a ${bytes.length}-byte profile: ${again.columns.every((c, i) => c.drifted === report.columns[i].drifted)}`)

  const temperature = Float64Array.from(rows, (r) => r[0])
  const adwin = new drift.ADWIN()
  console.log('ADWIN detections on temperature:', Array.from(adwin.updateMany(temperature)).slice(0, 5), '...')
  const saved = adwin.toJson()
  console.log(`ADWIN state saved in ${saved.length} bytes; restored: ${drift.ADWIN.fromJson(saved).driftDetected === adwin.driftDetected}`)
}

main().catch((error) => { console.error(error); process.exit(1) })
