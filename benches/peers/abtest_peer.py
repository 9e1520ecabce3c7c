"""edgekit.abtest vs scipy/statsmodels on the same data, one run.

    python benches/peers/abtest_peer.py [--repeat 3]

Needs the edgekit wheel, numpy, scipy and statsmodels. Prints median wall times and the ratio
peer / edgekit (above 1: edgekit is faster).
"""

import argparse
import os
import statistics
import time

import numpy as np
import scipy
import scipy.stats as ss
import statsmodels
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

import edgekit
from edgekit import abtest


def timed(fn, repeat):
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def numpy_ztests(x_a, n_a, x_b, n_b):
    """The vectorised pooled z test and Wald interval a careful numpy user writes."""
    pa, pb = x_a / n_a, x_b / n_b
    pooled = (x_a + x_b) / (n_a + n_b)
    z = (pb - pa) / np.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    p = 2 * ss.norm.sf(np.abs(z))
    half = ss.norm.ppf(0.975) * np.sqrt(pa * (1 - pa) / n_a + pb * (1 - pb) / n_b)
    return z, p, pb - pa - half, pb - pa + half


def statsmodels_loop(x_a, n_a, x_b, n_b):
    for i in range(len(x_a)):
        proportions_ztest([x_b[i], x_a[i]], [n_b[i], n_a[i]])
        confint_proportions_2indep(x_b[i], n_b[i], x_a[i], n_a[i], method="wald")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    a = rng.lognormal(1.0, 1.0, 10_000_000)
    b = rng.lognormal(1.01, 1.0, 10_000_000)
    rows = 100_000
    n_a = rng.integers(1_000, 10_000, rows)
    n_b = rng.integers(1_000, 10_000, rows)
    x_a = rng.binomial(n_a, 0.1)
    x_b = rng.binomial(n_b, 0.11)

    print(f"{os.cpu_count()} cores; scipy {scipy.__version__}, statsmodels {statsmodels.__version__}, "
          f"edgekit {edgekit.__version__}")
    print(f"{'work':<52} {'peer':>10} {'edgekit':>10} {'ratio':>8}")
    ours = timed(lambda: abtest.welch(a, b), args.repeat)
    peer = timed(lambda: ss.ttest_ind(b, a, equal_var=False).confidence_interval(), args.repeat)
    print(f"{'Welch t + CI, 2×10^7 values (scipy ttest_ind)':<52} {peer*1e3:>8.1f}ms {ours*1e3:>8.1f}ms {peer/ours:>7.1f}x")
    ours = timed(lambda: abtest.two_proportions_batch(x_a, n_a, x_b, n_b), args.repeat)
    peer = timed(lambda: numpy_ztests(x_a, n_a, x_b, n_b), args.repeat)
    print(f"{'10^5 pooled z tests + Wald CI (vectorised numpy)':<52} {peer*1e3:>8.1f}ms {ours*1e3:>8.1f}ms {peer/ours:>7.1f}x")
    peer = timed(lambda: statsmodels_loop(x_a, n_a, x_b, n_b), 1)
    print(f"{'10^5 pooled z tests + Wald CI (statsmodels, a loop)':<52} {peer*1e3:>8.1f}ms {ours*1e3:>8.1f}ms {peer/ours:>7.1f}x")

    # scipy needs 57 s (percentile) to 402 s (BCa) at 2×10^5 values: compare at 2×10^4.
    small_a, small_b = a[:10_000], b[:10_000]
    def diff(x, y, axis=-1):
        return np.mean(y, axis=axis) - np.mean(x, axis=axis)
    for method in ("percentile", "bca"):
        ours = timed(lambda: abtest.bootstrap(small_a, small_b, method=method, seed=1), 1)
        peer = timed(lambda: ss.bootstrap((small_a, small_b), diff, n_resamples=9999, method=method,
                                          vectorized=True, rng=np.random.default_rng(1)), 1)
        label = f"bootstrap {method}, 2×10^4 values, 9999 resamples"
        print(f"{label:<52} {peer*1e3:>8.1f}ms {ours*1e3:>8.1f}ms {peer/ours:>7.1f}x")
    def median_diff(x, y, axis=-1):
        return np.median(y, axis=axis) - np.median(x, axis=axis)
    ours = timed(lambda: abtest.bootstrap(small_a, small_b, statistic="median_diff", seed=1), 1)
    peer = timed(lambda: ss.bootstrap((small_a, small_b), median_diff, n_resamples=9999,
                                      vectorized=True, rng=np.random.default_rng(1)), 1)
    label = "bootstrap bca, median diff, 2×10^4 values"
    print(f"{label:<52} {peer*1e3:>8.1f}ms {ours*1e3:>8.1f}ms {peer/ours:>7.1f}x")
    big_a, big_b = a[:100_000], b[:100_000]
    ours = timed(lambda: abtest.bootstrap(big_a, big_b, method="bca", seed=1), 1)
    print(f"{'bootstrap bca, 2×10^5 values (edgekit only)':<52} {'':>10} {ours*1e3:>8.1f}ms")

    # Exact unconditional tests on a 60 vs 60 table.
    table = [[21, 33], [39, 27]]
    for name, peer_fn, method in [("barnard", ss.barnard_exact, "barnard"),
                                  ("boschloo", ss.boschloo_exact, "boschloo")]:
        ours = timed(lambda: abtest.two_proportions(21, 60, 33, 60, method=method), args.repeat)
        peer = timed(lambda: peer_fn(table), args.repeat)
        label = f"{name} exact, 60 vs 60 (scipy {name}_exact)"
        print(f"{label:<52} {peer*1e3:>8.1f}ms {ours*1e3:>8.1f}ms {peer/ours:>7.1f}x")

    # 10^4 metrics' Welch tests from summary columns.
    rows = 10_000
    cols = [rng.integers(100, 10_000, rows).astype(float), rng.normal(10, 1, rows),
            rng.uniform(1, 4, rows), rng.integers(100, 10_000, rows).astype(float),
            rng.normal(10.05, 1, rows), rng.uniform(1, 4, rows)]
    ours = timed(lambda: abtest.t_test_batch(*cols), args.repeat)
    def scipy_rows():
        """p-values from ttest_ind_from_stats plus the Welch interval a numpy user adds."""
        res = ss.ttest_ind_from_stats(cols[4], np.sqrt(cols[5]), cols[3], cols[1],
                                      np.sqrt(cols[2]), cols[0], equal_var=False)
        va, vb = cols[2] / cols[0], cols[5] / cols[3]
        df = (va + vb) ** 2 / (va ** 2 / (cols[0] - 1) + vb ** 2 / (cols[3] - 1))
        half = ss.t.ppf(0.975, df) * np.sqrt(va + vb)
        return res.pvalue, cols[4] - cols[1] - half, cols[4] - cols[1] + half
    peer = timed(scipy_rows, args.repeat)
    label = "10^4 Welch tests + CI from summaries (scipy, vectorised)"
    print(f"{label:<52} {peer*1e3:>8.1f}ms {ours*1e3:>8.1f}ms {peer/ours:>7.1f}x")

    from statsmodels.stats.power import TTestIndPower
    ours = timed(lambda: abtest.sample_size(0.05, test="t"), args.repeat)
    peer = timed(lambda: TTestIndPower().solve_power(0.05, power=0.8, alpha=0.05), args.repeat)
    label = "t-test sample size, d = 0.05 (TTestIndPower)"
    print(f"{label:<52} {peer*1e3:>8.1f}ms {ours*1e3:>8.1f}ms {peer/ours:>7.1f}x")


if __name__ == "__main__":
    main()
