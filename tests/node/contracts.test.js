// Options are core's contracts (edgekit::contract): the Node face only converts them, so an
// unknown key is refused by its camelCase name, unset and `undefined` keys take core's
// defaults, and integers are never wrapped or truncated.
const test = require('node:test');
const assert = require('node:assert/strict');
const { drift } = require('../../bindings-node');

const a = [0.1, 0.5, 0.9, 1.3, 1.7, 2.2, 2.4, 3.1];
const b = [0.4, 0.8, 1.5, 1.9, 2.6, 3.0, 3.3, 3.9];

const withOptions = {
  ks2samp: { method: 'auto', alternative: 'two-sided', threshold: 0.05 },
  tTest: { equalVar: false, threshold: 0.05 },
  mannWhitney: { alternative: 'less', threshold: 0.05 },
  mmd: { threshold: 0.1, permutations: 100, maxSamples: 2000, seed: 0 },
  psi: { bins: 10, binning: 'quantile', threshold: 0.1, categorical: false },
  klDiv: { bins: 10, binning: 'quantile', threshold: 0.1, categorical: false },
  jensenshannon: { bins: 10, binning: 'quantile', threshold: 0.1, categorical: false },
  hellinger: { threshold: 0.1, categorical: false },
  tvd: { threshold: 0.05, permutations: 1000, seed: 0 },
};

test('unknown option keys are refused by their camelCase name', () => {
  for (const name of Object.keys(withOptions)) {
    assert.throws(
      () => drift[name](a, b, { nResample: 5 }),
      (e) => e.code === 'EDGEKIT_INVALID_TYPE' && /unknown option `nResample`/.test(e.message),
      name,
    );
  }
  assert.throws(
    () => drift.ks2samp(a, b, { treshold: 0.1 }),
    (e) => /expected one of `method`, `alternative`, `threshold`/.test(e.message),
  );
  assert.throws(
    () => drift.mmd(a, b, { maxSample: 10 }),
    (e) => /unknown option `maxSample`.*`maxSamples`/.test(e.message),
  );
});

test('the defaults are core\'s: writing them out changes nothing', () => {
  for (const [name, defaults] of Object.entries(withOptions)) {
    assert.deepEqual(drift[name](a, b, defaults), drift[name](a, b), name);
    assert.deepEqual(drift[name](a, b, { threshold: undefined }), drift[name](a, b), name);
  }
  assert.deepEqual(drift.wasserstein(a, b, 0.1), drift.wasserstein(a, b));
  assert.deepEqual(drift.chisquare(a, b, 0.05), drift.chisquare(a, b));
});

test('integers are checked, never wrapped or truncated', () => {
  assert.throws(() => drift.tvd(a, b, { permutations: 2.7 }), (e) => e.code === 'EDGEKIT_INVALID_TYPE');
  assert.throws(() => drift.tvd(a, b, { permutations: -1 }), (e) => e.code === 'EDGEKIT_INVALID_INPUT');
  assert.throws(
    () => drift.tvd(a, b, { permutations: 2 ** 32 + 2 }),
    (e) => e.code === 'EDGEKIT_LIMIT_EXCEEDED',
  );
  assert.throws(() => drift.ks2samp(a, b, { threshold: NaN }), (e) => e.code === 'EDGEKIT_INVALID_INPUT');
  assert.throws(() => drift.wasserstein(a, b, Infinity), (e) => e.code === 'EDGEKIT_INVALID_INPUT');
  assert.throws(() => drift.ks2samp(a, b, { alternative: 'sideways' }), (e) => e.code === 'EDGEKIT_INVALID_INPUT');
  assert.throws(() => drift.ks2samp(a, b, 'exact'), (e) => e.code === 'EDGEKIT_INVALID_TYPE');
  const big = drift.tvd(a, b, { permutations: 200, seed: 2n ** 63n });
  assert.ok(big.pvalue >= 0 && big.pvalue <= 1);
  assert.notDeepEqual(drift.tvd(a, b, { permutations: 200, seed: 2 ** 40 }), undefined);
});

test('the async twin reads the same contract and rejects, never throws', async () => {
  const p = drift.ks2sampAsync(a, b, { treshold: 0.1 });
  assert.ok(p instanceof Promise);
  await assert.rejects(p, (e) => e.code === 'EDGEKIT_INVALID_TYPE');
  assert.deepEqual(await drift.ks2sampAsync(a, b, { alternative: 'less' }), drift.ks2samp(a, b, { alternative: 'less' }));
});

// abtest: each function's options are core's struct (edgekit::abtest::*Options).
const abtest = require('../../bindings-node');
const g = (n, mean, variance) => ({ n, mean, variance });
const abtestCalls = {
  welch: [[a, b], { alternative: 'two-sided', confidence: 0.95, equalVar: false }],
  tTestFromSums: [[{ n: 8, sum: 14, sumOfSquares: 32 }, { n: 8, sum: 19, sumOfSquares: 52 }], { confidence: 0.95 }],
  cuped: [[a, b, a.map((v) => v + 0.3), b.map((v) => v - 0.2)], { alternative: 'two-sided', confidence: 0.95 }],
  ratioMetric: [[a, a.map((v) => v + 2), b, b.map((v) => v + 2)], { confidence: 0.95 }],
  mannWhitney: [[a, b], { alternative: 'two-sided', method: 'auto', useContinuity: true }],
  bootstrap: [[a, b], { nResamples: 9999, seed: 0 }],
  permutationTest: [[a, b], { nResamples: 9999, seed: 0 }],
  bayesGaussian: [[g(800, 0.1, 1), g(800, 0.2, 1)], { relative: true, confidence: 0.95 }],
  bayesConversions: [[120, 1000, 150, 1000], { relative: true, priorMean: 0, priorVariance: 1, properPrior: false }],
  sequential: [[g(800, 0.1, 1), g(800, 0.2, 1)], { relative: true, tuning: 5000, confidence: 0.95 }],
  msprt: [[g(800, 0.1, 1), g(800, 0.2, 1)], { tuning: 5000, relative: false, previousCi: null }],
  bayesBinomial: [[120, 1000, 150, 1000], { priorAlpha: 1, priorBeta: 1, method: 'exact' }],
  mcnemarCounts: [[13, 25], { exact: true, correction: true }],
  twoProportions: [[120, 1000, 150, 1000], { alternative: 'two-sided', method: 'z-pooled', ciMethod: 'wald', confidence: 0.95 }],
  groupSequential: [[[0.25, 0.5, 0.75, 1], [0.8, 1.4, 2.1, 2.5]], { alpha: 0.05, spending: 'obrien-fleming' }],
  dieboldMariano: [[a, b], { horizon: 1, harvey: true, variance: 'acf', alternative: 'two-sided' }],
};

test('abtest options: core\'s defaults, unknown keys refused', () => {
  for (const [name, [args, defaults]] of Object.entries(abtestCalls)) {
    assert.deepEqual(abtest[name](...args, defaults), abtest[name](...args), name);
    assert.throws(
      () => abtest[name](...args, { confidenceLevel: 0.9 }),
      (e) => e.code === 'EDGEKIT_INVALID_TYPE' && /unknown option `confidenceLevel`/.test(e.message),
      name,
    );
  }
  assert.throws(
    () => abtest.twoProportions(1, 10, 2, 10, { alternative: 'bigger' }),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /alternative "bigger" is unknown/.test(e.message),
  );
  assert.throws(
    () => abtest.msprt(g(800, 0.1, 1), g(800, 0.2, 1), { previousCi: [0.1] }),
    (e) => e.code === 'EDGEKIT_INVALID_TYPE' && /previousCi/.test(e.message),
  );
  assert.throws(
    () => abtest.bootstrap(a, b, { nResamples: 2 ** 40 }),
    (e) => e.code === 'EDGEKIT_LIMIT_EXCEEDED',
  );
});

test('report and PerformanceMonitor read core\'s options', () => {
  const reference = { x: a, y: ['u', 'v', 'u', 'v', 'u', 'v', 'u', 'v'] };
  const current = { x: b, y: ['u', 'u', 'u', 'v', 'u', 'v', 'w', 'v'] };
  assert.deepEqual(
    drift.report(reference, current, { driftShare: 0.5, missingThreshold: 0.05, seed: 0, tests: null }),
    drift.report(reference, current),
  );
  assert.throws(
    () => drift.report(reference, current, { driftshare: 0.4 }),
    (e) => e.code === 'EDGEKIT_INVALID_TYPE' && /unknown option `driftshare`.*`driftShare`/.test(e.message),
  );
  const codes = drift.report({ c: [1, 2, 1, 2] }, { c: [1, 1, 1, 2] }, { categorical: ['c'] });
  assert.equal(codes.columns[0].kind, 'categorical');

  const byMap = new drift.PerformanceMonitor({ window: 50, thresholds: { accuracy: [0.8, 0.6], brier: 0.3 } });
  const byRules = new drift.PerformanceMonitor({
    window: 50,
    thresholds: [
      { metric: 'accuracy', warning: 0.8, critical: 0.6 },
      { metric: 'brier', warning: 0.3, critical: null },
    ],
  });
  const p = Float64Array.from({ length: 60 }, (_, i) => (i % 3) / 3 + 0.1);
  const y = Float64Array.from({ length: 60 }, (_, i) => (i % 2));
  assert.deepEqual(byMap.updateMany(p, y), byRules.updateMany(p, y));
  assert.throws(
    () => new drift.PerformanceMonitor({ thresholds: { precision: 0.5 } }),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /"precision" is unknown/.test(e.message),
  );
  assert.throws(() => new drift.PerformanceMonitor({ windw: 5 }), (e) => e.code === 'EDGEKIT_INVALID_TYPE');
  assert.throws(() => new drift.PerformanceMonitor({ window: 2.5 }), (e) => e.code === 'EDGEKIT_INVALID_TYPE');
});

test('detectors take core\'s options: River\'s names, unknown keys refused', () => {
  const stream = Float64Array.from({ length: 3000 }, (_, i) => (i < 1500 ? 0 : 3) + Math.sin(i * 7.1))
  const defaults = {
    ADWIN: { delta: 0.002, clock: 32, maxBuckets: 5, minWindowLength: 5, gracePeriod: 10 },
    PageHinkley: { minInstances: 30, delta: 0.005, threshold: 50, alpha: 1 - 0.0001, mode: 'both' },
    KSWIN: { alpha: 0.005, windowSize: 100, statSize: 30, seed: 0 },
    CUSUM: { warmStart: 30, k: 0.5, h: 5 },
    BOCPD: { expectedRun: 250, mu0: 0, kappa0: 1, alpha0: 1, beta0: 1, minDrop: 10, warmStart: 20, maxRun: 1000 },
  };
  for (const [name, options] of Object.entries(defaults)) {
    const a = new drift[name](options);
    const b = new drift[name]();
    assert.deepEqual(Array.from(a.updateMany(stream)), Array.from(b.updateMany(stream)), name);
    assert.throws(() => new drift[name]({ windowSise: 10 }), (e) => e.code === 'EDGEKIT_INVALID_TYPE', name);
  }
  assert.throws(() => new drift.KSWIN({ windowSize: 2 ** 32 + 100 }), (e) => e.code === 'EDGEKIT_LIMIT_EXCEEDED');
  assert.throws(() => new drift.ADWIN({ clock: 2 ** 32 }), (e) => e.code === 'EDGEKIT_INVALID_INPUT');
  assert.throws(() => new drift.DDM({ warmStart: 1.5 }), (e) => e.code === 'EDGEKIT_INVALID_TYPE');
});

test('describe, pelt, binarySegmentation and regimes read core\'s options', () => {
  const ek = require('../../bindings-node');
  const series = Float64Array.from({ length: 200 }, (_, i) => (i < 100 ? 0 : 4) + Math.sin(i * 1.7));
  assert.deepEqual(ek.describe(a, { quantiles: [0.25, 0.5, 0.75], nanPolicy: 'raise', bias: true }), ek.describe(a));
  assert.throws(() => ek.describe(a, { nanPolicy: 'propagate' }),
    (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /NaN policy "propagate" is unknown/.test(e.message));
  assert.throws(() => ek.describe(a, { quantile: [0.5] }), (e) => e.code === 'EDGEKIT_INVALID_TYPE');
  assert.deepEqual(Array.from(drift.pelt(series, { model: 'mean', minSize: 2 })), Array.from(drift.pelt(series)));
  assert.deepEqual(Array.from(drift.pelt(series, { model: 'l2' })), Array.from(drift.pelt(series)));
  assert.throws(() => drift.pelt(series, { maxChanges: 1 }), (e) => e.code === 'EDGEKIT_INVALID_TYPE');
  assert.equal(drift.binarySegmentation(series, { maxChanges: 1 }).length, 1);
  assert.deepEqual(ek.regimes(series, { minSize: 2 }), ek.regimes(series));
});

test('chart-structure options are core\'s too; an ATR series may be a Float64Array', () => {
  const ek = require('../../bindings-node');
  const close = Float64Array.from({ length: 300 }, (_, i) => 100 + 8 * Math.sin(i / 9) + (i % 7) * 0.3);
  const open = Float64Array.from(close, (c, i) => (i ? close[i - 1] : c));
  const high = Float64Array.from(close, (c, i) => Math.max(c, open[i]) + 0.5);
  const low = Float64Array.from(close, (c, i) => Math.min(c, open[i]) - 0.5);
  const bars = [open, high, low, close];
  for (const [name, defaults] of [
    ['swings', { method: 'fractal', left: 2, right: 2, threshold: 0.05 }],
    ['levels', { method: 'fractal', left: 2, right: 2, threshold: 0.05, tolerance: 0.005, minTouches: 2 }],
    ['chartPatterns', { threshold: 0.05, tolerance: 0.02 }],
  ]) {
    assert.deepEqual(ek[name](...bars, defaults), ek[name](...bars), name);
    assert.throws(() => ek[name](...bars, { minTouch: 2 }), (e) => e.code === 'EDGEKIT_INVALID_TYPE' && /unknown option `minTouch`/.test(e.message), name);
  }
  const atr = ek.atr(high, low, close, 14);
  const zig = ek.swings(...bars, { method: 'zigzag', threshold: 2, atr });
  assert.deepEqual(ek.swings(...bars, { method: 'zigzag', threshold: 2, atr: Array.from(atr) }), zig);
  assert.ok(zig.index.length > 0);
  assert.throws(() => ek.swings(...bars, { method: 'zagzig' }), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /"zagzig" is unknown/.test(e.message));
  assert.deepEqual(ek.breakouts(...bars, [100], { tolerance: 0.002, maxBars: 20 }), ek.breakouts(...bars, [100]));
  assert.throws(() => ek.breakouts(...bars, [100], { maxBars: 2.5 }), (e) => e.code === 'EDGEKIT_INVALID_TYPE');
  assert.deepEqual(ek.runsTest(close, { cutoff: 'median', correction: true }), ek.runsTest(close));
  assert.throws(() => ek.runsTest(close, { cutoff: 'mode' }), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /cutoff "mode" is unknown/.test(e.message));
  const t = Float64Array.from({ length: 300 }, (_, i) => 1_704_205_800 + 60 * i);
  assert.deepEqual(ek.resample(t, ...bars, null, { timeframe: '5m', sessionStart: 0, utcOffset: 0 }), ek.resample(t, ...bars));
  assert.throws(() => ek.resample(t, ...bars, null, { timeframe: '§' }), (e) => e.code === 'EDGEKIT_INVALID_INPUT');
});

test('results are plain JSON-safe objects with camelCase fields: JSON.stringify changes nothing', () => {
  const ek = require('../../bindings-node');
  const larger = ek.twoProportions(120, 1000, 150, 1000, { alternative: 'larger' });
  assert.equal(larger.ci[1], null); // the open end of a one-sided interval
  assert.ok(Number.isFinite(larger.ci[0]) && 'relativeEffect' in larger && !('relative_effect' in larger));
  for (const result of [
    larger,
    drift.ks2samp(a, b),
    ek.describe([1, 2, 3, 4]),
    ek.bootstrap(a, b, { nResamples: 200, alternative: 'smaller' }),
    drift.report({ x: a }, { x: b }),
  ]) {
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
  }
});

test('game-system options are core\'s: defaults, required seasons, unknown keys', () => {
  const path = require('node:path');
  const { GameLog } = require('../../bindings-node');
  const log = GameLog.fromCsv(path.join(__dirname, '..', '..', 'examples', 'data', 'spreadspoke_scores.csv'));
  const system = ['site == home', 'favorite'];
  assert.deepEqual(log.evaluate(system, { market: 'ats', odds: -110 }), log.evaluate(system));
  assert.throws(() => log.evaluate(system, { market: 'moneyline' }), (e) => e.code === 'EDGEKIT_INVALID_INPUT' && /market "moneyline" is unknown/.test(e.message));
  const seasons = { train: [2010, 2014], test: [2015, 2016] };
  assert.deepEqual(log.mine(system, { ...seasons, maxFilters: 2, minGames: 50 }), log.mine(system, seasons));
  assert.throws(() => log.mine(system, { train: [2010, 2014] }), (e) => e.code === 'EDGEKIT_INVALID_TYPE' && /missing option `test`/.test(e.message));
  assert.throws(() => log.mine(system, { ...seasons, minGame: 5 }), (e) => e.code === 'EDGEKIT_INVALID_TYPE' && /unknown option `minGame`/.test(e.message));
  assert.throws(() => log.walkForward(system, { trainFrom: 2010.5, test: [2015, 2016] }), (e) => e.code === 'EDGEKIT_INVALID_TYPE');
});

test('maps keyed by data keep their keys: per-column tests and thresholds of a report', () => {
  // Field names are read in camelCase or snake_case; column names are data and stay as given
  // (a column `homeScore` or `Age` is not silently renamed and skipped).
  const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const y = x.map((v) => v + 1);
  const r = drift.report({ Age: x, homeScore: x }, { Age: y, homeScore: y }, { tests: { Age: 'wasserstein' }, thresholds: { homeScore: 0.5 } });
  assert.equal(r.columns.find((c) => c.column === 'Age').test, 'wasserstein');
  assert.equal(r.columns.find((c) => c.column === 'homeScore').threshold, 0.5);
  const monitor = new drift.PerformanceMonitor({ thresholds: { logLoss: [0.5, 0.8] } });
  assert.ok(monitor.metrics());
});
