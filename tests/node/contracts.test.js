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
