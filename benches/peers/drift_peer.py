"""edgekit.drift against the tools users pick today, on the same data in one run.

    python benches/peers/drift_peer.py [--repeat 3]

Needs the edgekit wheel, numpy, pandas<3, scipy, river and evidently (see
tests/vectors/requirements-drift.txt). Prints each peer's time, edgekit's, and the ratio
peer / edgekit (above 1: edgekit is faster).
"""

import argparse
import os
import statistics
import time
import warnings

import numpy as np
import pandas as pd
import scipy
import scipy.stats as st

import edgekit
from edgekit import drift

warnings.simplefilter("ignore")


def timed(fn, repeat):
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def row(name, peer, ours, peer_name):
    print(f"{name:<34} {peer_name:<10} {peer*1e3:10.1f} ms   edgekit {ours*1e3:9.2f} ms   {peer/ours:8.1f}x")


def numpy_psi(ref, cur, bins=10):
    edges = np.unique(np.quantile(ref, np.arange(1, bins) / bins))
    r = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=len(edges) + 1) / len(ref)
    c = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=len(edges) + 1) / len(cur)
    r = np.where(r == 0, 1e-4, r)
    c = np.where(c == 0, 1e-4, c)
    return np.sum((r - c) * np.log(r / c))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import river
    import evidently
    print(f"{os.cpu_count()} cores; scipy {scipy.__version__}, river {river.__version__}, "
          f"evidently {evidently.__version__}, edgekit {edgekit.__version__}")
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=1_000_000), rng.normal(0.01, 1, size=1_000_000)
    row("KS 1e6 vs 1e6", timed(lambda: st.ks_2samp(a, b), args.repeat),
        timed(lambda: drift.ks_2samp(a, b), args.repeat), "scipy")
    row("PSI 1e6 vs 1e6 (fit + score)", timed(lambda: numpy_psi(a, b), args.repeat),
        timed(lambda: drift.psi(a, b), args.repeat), "numpy")

    from river import drift as rdrift
    stream = rng.normal(size=1_000_000)

    def river_adwin(values):
        d = rdrift.ADWIN()
        for x in values:
            d.update(x)
    small = stream[:100_000]
    peer = timed(lambda: river_adwin(small), 1) * 10
    ours = timed(lambda: drift.ADWIN().update_many(stream), args.repeat)
    row("ADWIN 1e6 updates", peer, ours, "river")
    print(f"{'':<34} edgekit ADWIN through update_many: {1e6/ours/1e6:.1f} M updates/s")

    def river_kswin(values):
        d = rdrift.KSWIN(seed=1)
        for x in values:
            d.update(x)
    few = stream[:5_000]
    peer = timed(lambda: river_kswin(few), 1) * 200
    ours = timed(lambda: drift.KSWIN(seed=1).update_many(stream), 1)
    row("KSWIN 1e6 updates", peer, ours, "river")
    print(f"{'':<34} edgekit KSWIN through update_many: {1e6/ours/1e6:.2f} M updates/s")

    # 100,000 rows x 20 columns: 16 numerical, 4 categorical.
    def frame(shift, seed):
        g = np.random.default_rng(seed)
        data = {f"n{k}": g.normal(shift * (k % 3), 1, 100_000) for k in range(16)}
        for k in range(4):
            data[f"c{k}"] = g.choice(list("abcdefgh"), 100_000)
        return pd.DataFrame(data)
    ref, cur = frame(0.0, 1), frame(0.05, 2)
    from evidently.legacy.metrics import DataDriftTable
    from evidently.legacy.report import Report

    def evidently_report():
        report = Report(metrics=[DataDriftTable()])
        report.run(reference_data=ref, current_data=cur)
        return report.as_dict()
    peer = timed(evidently_report, 1)
    ours = timed(lambda: drift.report(ref, cur), args.repeat)
    row("report 1e5 x 20", peer, ours, "evidently")


if __name__ == "__main__":
    main()
