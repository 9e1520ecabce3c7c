'use strict'
// Monitoring a deployed classifier over time from Node: NannyML's data reconstruction drift
// calculator in camelCase, over column objects, on NannyML's synthetic "work from home" data
// (examples/data/nannyml/). The work runs on the libuv pool (calculateAsync).
//   node examples/node/monitoring.js
const fs = require('node:fs')
const path = require('node:path')
const { monitoring } = require('../../bindings-node')

const CATEGORICAL = new Set(['salary_range', 'wfh_prev_workday', 'workday', 'timestamp', 'fuel', 'transmission'])

function columns (file) {
  const lines = fs.readFileSync(path.join(__dirname, '..', 'data', 'nannyml', file), 'utf8').trim().split('\n')
  const header = lines[0].split(',')
  const rows = lines.slice(1).map((line) => line.split(','))
  return Object.fromEntries(header.map((name, k) => {
    if (CATEGORICAL.has(name)) return [name, rows.map((r) => (r[k] === '' ? null : r[k]))]
    const values = new Float64Array(rows.length)
    for (let i = 0; i < rows.length; i++) values[i] = rows[i][k] === '' ? NaN : Number(rows[i][k])
    return [name, values]
  }))
}

async function main () {
  const calc = new monitoring.DataReconstructionDriftCalculator({
    columnNames: ['distance_from_office', 'salary_range', 'gas_price_per_litre',
      'public_transportation_cost', 'wfh_prev_workday', 'workday', 'tenure'],
    timestampColumnName: 'timestamp', // ISO strings, Dates or ms since the epoch
    chunkPeriod: 'Q'
  }).fit(columns('binary_reference.csv'))
  const [lower, upper] = calc.thresholds
  console.log(`PCA keeps ${calc.explainedVarianceRatio.length} components; alert outside (${lower.toFixed(4)}, ${upper.toFixed(4)})`)
  const rows = await calc.calculateAsync(columns('binary_analysis.csv'))
  for (const { chunk, reconstructionError: e } of rows.filter((r) => r.chunk.period === 'analysis')) {
    const start = new Date(chunk.startDate).toISOString().slice(0, 10)
    console.log(`${chunk.key.padEnd(8)} ${start}  ${e.value.toFixed(4)}  ${e.alert ? 'ALERT' : '-'}`)
  }
  // Performance before the labels arrive (CBPE), then the realized values once they have.
  const outputs = { yPredProba: 'y_pred_proba', yPred: 'y_pred', yTrue: 'work_home_actual',
    problemType: 'classification_binary', timestampColumnName: 'timestamp', chunkPeriod: 'Q', metrics: ['f1'] }
  const estimator = new monitoring.CBPE(outputs).fit(columns('binary_reference.csv'))
  const production = columns('binary_analysis.csv')
  const { work_home_actual: targets, ...unlabelled } = production
  const estimated = await estimator.estimateAsync(unlabelled)
  const realized = new monitoring.PerformanceCalculator(outputs).fit(columns('binary_reference.csv')).calculate(production)
  console.log(`CBPE (calibrated: ${estimator.needsCalibration}); estimated vs realized F1 (${targets.length} targets):`)
  estimated.forEach((row, i) => {
    if (row.chunk.period !== 'analysis') return
    const real = realized[i].f1.value
    console.log(`${row.chunk.key.padEnd(8)} ${row.f1.value.toFixed(4)}  ${real === null ? '—' : real.toFixed(4)}`)
  })
  // Saved with the model, loaded by the API route.
  const restored = monitoring.DataReconstructionDriftCalculator.fromJson(calc.toJson())
  console.log(`restored: ${restored.calculate(columns('binary_analysis.csv')).length} chunks`)
  // A regression model (NannyML's car price data): realized error per week.
  const cars = (file) => {
    const data = columns(file)
    return { y_pred: data.y_pred, y_true: data.y_true, timestamp: data.timestamp }
  }
  const weekly = new monitoring.PerformanceCalculator({ metrics: ['mae'], yPred: 'y_pred', yTrue: 'y_true', problemType: 'regression',
    timestampColumnName: 'timestamp', chunkPeriod: 'W' }).fit(cars('regression_reference.csv'))
  for (const row of (await weekly.calculateAsync(cars('regression_analysis.csv'))).filter((r) => r.chunk.period === 'analysis')) {
    console.log(`car prices ${row.chunk.key}  MAE ${row.mae.value.toFixed(1)}  ${row.mae.alert ? 'ALERT' : ''}`)
  }
  // The same model before the prices are known (NannyML's DLE): boosted trees learn each car's
  // absolute error from its features; a chunk's MAE is the mean predicted error.
  const features = ['car_age', 'km_driven', 'price_new', 'accident_count', 'door_count', 'fuel', 'transmission']
  const dle = new monitoring.DLE({ featureColumnNames: features, yPred: 'y_pred', yTrue: 'y_true', timestampColumnName: 'timestamp',
    chunkSize: 1000, metrics: ['mae'] })
  await dle.fitAsync(columns('regression_reference.csv'))
  const { y_true: _prices, ...unpriced } = columns('regression_analysis.csv')
  for (const row of (await dle.estimateAsync(unpriced)).filter((r) => r.chunk.period === 'analysis')) {
    const { value, samplingError, alert } = row.mae
    console.log(`car prices ${row.chunk.key}  estimated MAE ${value.toFixed(1)} ± ${(3 * samplingError).toFixed(1)}  ${alert ? 'ALERT' : ''}`)
  }
  // A kernel two-sample test on the joint distribution (alibi-detect's MMDDrift).
  const numeric = ['gas_price_per_litre', 'public_transportation_cost', 'tenure', 'y_pred_proba']
  const slice = (data, start, end) => Object.fromEntries(numeric.map((n) => [n, data[n].subarray(start, end)]))
  const mmd = new monitoring.MMDDrift({ columnNames: numeric, nPermutations: 500, seed: 1 })
    .fit(slice(columns('binary_reference.csv'), 0, 500))
  for (const [label, start, end] of [['early production', 0, 500], ['late production', 4000, 4400]]) {
    const found = await mmd.predictAsync(slice(production, start, end))
    console.log(`MMD ${label.padEnd(17)} ${found.distance.toFixed(5)}  p ${found.pVal.toFixed(3)}  drift ${found.isDrift}`)
  }
  // A three-class model (NannyML's credit card offers): estimated macro F1 and confusion matrix.
  const cards = ['highstreet_card', 'prepaid_card', 'upmarket_card']
  const offers = (file) => {
    const data = columns(file)
    return { ...data, y_pred: labels(file, 'y_pred'), y_true: labels(file, 'y_true') }
  }
  const cbpe = new monitoring.CBPE({
    metrics: ['f1', 'confusion_matrix'], problemType: 'classification_multiclass', classes: cards,
    yPredProba: cards.map((c) => `y_pred_proba_${c}`), yPred: 'y_pred', yTrue: 'y_true',
    chunkSize: 1000, normalizeConfusionMatrix: 'true' }).fit(offers('multiclass_reference.csv'))
  const { y_true: _unknown, ...offersUnlabelled } = offers('multiclass_analysis.csv')
  for (const row of (await cbpe.estimateAsync(offersUnlabelled)).filter((r) => r.chunk.period === 'analysis')) {
    const right = row.confusionMatrix.filter((c) => c.trueClass === c.predictedClass)
      .map((c) => `${c.trueClass.slice(0, 4)} ${c.value.toFixed(3)}`).join('  ')
    console.log(`offers ${row.chunk.key}  F1 ${row.f1.value.toFixed(3)}  ${right}  ${row.f1.alert ? 'ALERT' : ''}`)
  }
  // Which columns drifted, 500 rows at a time (NannyML's UnivariateDriftCalculator).
  const univariate = new monitoring.UnivariateDriftCalculator({
    columnNames: ['distance_from_office', 'gas_price_per_litre', 'tenure', 'workday', 'salary_range'],
    timestampColumnName: 'timestamp', continuousMethods: ['jensen_shannon', 'kolmogorov_smirnov'],
    categoricalMethods: ['jensen_shannon', 'chi2'], chunkSize: 500 }).fit(columns('binary_reference.csv'))
  for (const row of (await univariate.calculateAsync(production)).filter((r) => r.chunk.period === 'analysis')) {
    const alerts = row.cells.filter((c) => c.alert).map((c) => `${c.column}/${c.method}`)
    console.log(`univariate ${row.chunk.key}  ${alerts.join(', ') || '-'}`)
  }
  // The service's view: rows arrive a request at a time. A ChunkMonitor keeps the open chunk's
  // rows and closes each chunk of 500 as it fills; its rows are calculate()'s, row for row.
  const live = univariate.monitor()
  const total = production.tenure.length
  for (let start = 0; start < total; start += 137) {
    const batch = Object.fromEntries(Object.entries(production).map(([k, v]) => [k, v.slice(start, start + 137)]))
    await live.pushAsync(batch)
  }
  live.flush()
  const streamed = live.rows().filter((r) => r.chunk.period === 'analysis')
  console.log(`streamed ${total} rows in batches of 137: ${streamed.length} chunks, ${live.pendingRows} rows open`)
  // The same drift told by a classifier (NannyML's DomainClassifierCalculator): per 1,000 rows,
  // the cross-validated ROC AUC of boosted trees telling production from the reference.
  const domain = new monitoring.DomainClassifierCalculator({
    featureColumnNames: ['distance_from_office', 'salary_range', 'gas_price_per_litre', 'public_transportation_cost',
      'wfh_prev_workday', 'workday', 'tenure'],
    timestampColumnName: 'timestamp', chunkSize: 1000 })
  await domain.fitAsync(columns('binary_reference.csv'))
  for (const row of (await domain.calculateAsync(production)).filter((r) => r.chunk.period === 'analysis')) {
    const { value, alert } = row.domainClassifierAuroc
    console.log(`domain classifier ${row.chunk.key}  AUC ${value.toFixed(3)}  ${alert ? 'ALERT' : ''}`)
  }
}

/** A label column read as strings. */
function labels (file, name) {
  const lines = fs.readFileSync(path.join(__dirname, '..', 'data', 'nannyml', file), 'utf8').trim().split(/\r?\n/)
  const k = lines[0].split(',').indexOf(name)
  return lines.slice(1).map((line) => line.split(',')[k])
}

main().catch((e) => { console.error(e); process.exit(1) })
