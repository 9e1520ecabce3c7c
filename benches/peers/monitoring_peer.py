"""edgekit.monitoring against NannyML on the same data in one run (issue 18's speed table).

    python -m venv /tmp/nml && /tmp/nml/bin/pip install nannyml==0.13.1 statsmodels
    /tmp/nml/bin/pip install target/wheels/edgekit-*.whl   # a release wheel
    /tmp/nml/bin/python benches/peers/monitoring_peer.py [--repeat 3]

Work: PCA reconstruction drift, reference 10^5 rows × 20 correlated numeric columns (five
shared factors plus noise), analysis 10 chunks of 10^4 rows whose factor loadings tilt; fit on
the reference, then calculate on the analysis. Both read the same pandas DataFrames. Prints
each time and the ratio NannyML / edgekit (above 1: edgekit is faster).
"""

import argparse
import os
import statistics
import time
import warnings

os.environ.setdefault("NML_DISABLE_USAGE_LOGGING", "1")
import nannyml as nml  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import edgekit.monitoring as ek  # noqa: E402

warnings.simplefilter("ignore")


def factor_frame(rows, columns, seed, shift):
    rng = np.random.default_rng(seed)
    factors = rng.normal(size=(rows, 5))
    loadings = np.array([[((j * 7 + k * 3) % 5) / 5 + 0.2 for k in range(5)] for j in range(columns)])
    data = factors @ loadings.T + 0.5 * rng.normal(size=(rows, columns))
    data[:, columns // 2:] += shift * factors[:, [(j + 1) % 5 for j in range(columns // 2, columns)]]
    return pd.DataFrame(data, columns=[f"f{j}" for j in range(columns)])


def timed(fn, repeat):
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def row(name, peer, ours):
    print(f"{name:<58} nannyml {peer * 1e3:9.1f} ms   edgekit {ours * 1e3:8.2f} ms   {peer / ours:7.1f}x")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    print(f"nannyml {nml.__version__}, numpy {np.__version__}, pandas {pd.__version__}, {os.cpu_count()} cores")

    reference = factor_frame(100_000, 20, 1, 0.0)
    analysis = factor_frame(100_000, 20, 2, 0.5)
    names = list(reference.columns)

    def nannyml_run():
        calc = nml.DataReconstructionDriftCalculator(column_names=names, chunk_size=10_000)
        calc.fit(reference)
        return calc.calculate(analysis)

    def edgekit_run():
        calc = ek.DataReconstructionDriftCalculator(column_names=names, chunk_size=10_000)
        calc.fit(reference)
        return calc.calculate(analysis)

    want = nannyml_run().to_df()[("reconstruction_error", "value")].to_numpy()
    got = edgekit_run().to_df()[("reconstruction_error", "value")].to_numpy()
    assert np.allclose(got, want, rtol=1e-9), (got, want)
    row("PCA reconstruction drift, ref 1e5x20, 10 chunks of 1e4", timed(nannyml_run, repeat), timed(edgekit_run, repeat))


if __name__ == "__main__":
    main()
