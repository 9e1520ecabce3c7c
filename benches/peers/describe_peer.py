"""edgekit.stats.describe vs the tools users pick today (numpy + scipy), same data, one run.

    python benches/peers/describe_peer.py [--n 10000000] [--repeat 5]

Needs the edgekit wheel, numpy and scipy in the current environment. Prints the median wall
time of each variant and the ratio peer/edgekit (above 1: edgekit is faster).
"""

import argparse
import os
import platform
import statistics
import time

import numpy as np
import scipy
import scipy.stats

import edgekit


def timed(fn, repeat):
    fn()  # warm-up: page faults, lazy imports
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    rng = np.random.default_rng(42)
    x = rng.uniform(size=args.n) * rng.uniform(size=args.n) * 100.0 - 20.0
    probs = (0.25, 0.5, 0.75)

    rows = [
        ("moments only",
         lambda: scipy.stats.describe(x),
         lambda: edgekit.stats.describe(x, quantiles=())),
        ("moments + quartiles",
         lambda: (scipy.stats.describe(x), np.quantile(x, probs)),
         lambda: edgekit.stats.describe(x, quantiles=probs)),
        ("quartiles only (numpy.quantile)",
         lambda: np.quantile(x, probs),
         None),
    ]
    print(f"n = {args.n:,}; {platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
          f"numpy {np.__version__}, scipy {scipy.__version__}, edgekit {edgekit.__version__}")
    print(f"{'work':<34} {'numpy/scipy':>12} {'edgekit':>10} {'ratio':>7}")
    for label, peer, ours in rows:
        t_peer = timed(peer, args.repeat)
        if ours is None:
            print(f"{label:<34} {t_peer * 1e3:>10.1f}ms")
            continue
        t_ours = timed(ours, args.repeat)
        print(f"{label:<34} {t_peer * 1e3:>10.1f}ms {t_ours * 1e3:>8.1f}ms {t_peer / t_ours:>6.1f}x")


if __name__ == "__main__":
    main()
