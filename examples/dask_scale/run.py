"""edgekit on a Dask cluster at scale (issue 20): N rows x 20 columns of a year of logged
predictions with drift in the second half and an experiment running, written to partitioned
Parquet; then, on a LocalCluster of worker processes, the reference profile of months 1-6,
the drift report of months 7-12 against it, and the experiment's per-arm statistics with
CUPED and a per-region breakdown. Prints rows per second, each worker's peak memory, the same
profile fit on one worker, the raw Parquet read of the same columns (pyarrow alone: the floor),
and, when the data fits, the single-process time.

    python examples/dask_scale/run.py                 # 10^7 rows
    python examples/dask_scale/run.py --rows 100000000
    python examples/dask_scale/run.py --rows 200000   # a quick check (CI)
"""

import argparse
import pathlib
import resource
import tempfile
import time

import numpy as np
import pandas as pd

import dask
import dask.dataframe as dd
import distributed
import pyarrow.dataset as ds

from edgekit import dask as ekd
from edgekit import drift

FEATURES = [f"f{i}" for i in range(13)]


def month_rows(seed, rows):
    """One partition: `rows` predictions of one month (drift from month 7 on)."""
    rng = np.random.default_rng(seed)
    month = 1 + seed % 12
    later = month > 6
    data = {f: rng.normal(0.3 * later * (i % 3 == 0), 1.0 + 0.2 * later * (i % 4 == 1), rows).astype("float64")
            for i, f in enumerate(FEATURES)}
    data["plan"] = rng.choice(["free", "pro", "team"], rows, p=[0.6, 0.3, 0.1] if not later else [0.5, 0.32, 0.18])
    data["region"] = rng.choice(["na", "eu", "apac"], rows, p=[0.5, 0.3, 0.2])
    data["month"] = np.full(rows, month, dtype="int64")
    arm = rng.choice(["control", "treatment"], rows)
    pre = rng.gamma(2.0, 10.0, rows)
    data["arm"] = arm
    data["revenue_pre"] = pre
    data["revenue"] = 0.8 * pre + rng.normal(np.where(arm == "treatment", 0.3, 0.0), 6.0, rows)
    data["converted"] = (rng.random(rows) < np.where(arm == "treatment", 0.105, 0.10)).astype("float64")
    return pd.DataFrame(data)


def write(folder, rows, partitions):
    per = rows // partitions
    parts = [dask.delayed(month_rows)(seed, per) for seed in range(partitions)]
    meta = month_rows(0, 1).iloc[:0]
    dd.from_delayed(parts, meta=meta).to_parquet(folder, write_index=False)


def peak_memory_mb(client):
    usage = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return {addr.rsplit(":", 1)[-1]: kb / 1024 for addr, kb in usage.items()}


def timed(work):
    start = time.perf_counter()
    out = work()
    return out, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--partitions", type=int, default=0, help="default: one per ~1M rows, at least 24")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--folder", default=None, help="where the Parquet goes (default: a temporary folder)")
    parser.add_argument("--single", choices=["auto", "yes", "no"], default="auto",
                        help="also fit the profile in one process with pandas (auto: up to 2*10^7 rows)")
    args = parser.parse_args()
    partitions = args.partitions or max(24, args.rows // 1_000_000)
    folder = pathlib.Path(args.folder or tempfile.mkdtemp(prefix="edgekit-dask-")) / "logs"
    columns = FEATURES + ["plan", "region"]

    # One core per worker: edgekit's own threads (rayon) follow the worker's thread count, or
    # two workers would each run two threads on two cores.
    one_thread = {"RAYON_NUM_THREADS": "1"}
    with distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, env=one_thread,
                                  host="127.0.0.1", dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster) as client:
        _, seconds = timed(lambda: write(folder, args.rows, partitions))
        print(f"wrote {args.rows:,} rows x 20 columns in {partitions} partitions to {folder} in {seconds:.1f} s")
        logs = dd.read_parquet(folder)
        # Parquet filters skip the other half's files (their statistics say which).
        reference = dd.read_parquet(folder, filters=[("month", "<=", 6)], columns=columns)
        current = dd.read_parquet(folder, filters=[("month", ">", 6)], columns=columns)
        ref_rows = args.rows // 2

        profile, seconds = timed(lambda: ekd.fit_profile(reference, columns))
        print(f"reference profile of months 1-6 ({ref_rows:,} rows, {len(columns)} columns) on "
              f"{args.workers} workers: {seconds:.2f} s, {ref_rows / seconds:,.0f} rows/s")
        two = seconds

        found, seconds = timed(lambda: ekd.report(profile, current, columns=columns))
        print(f"drift report of months 7-12: {found['drifted_columns']}/{len(found['columns'])} columns drifted "
              f"(dataset drift: {found['dataset_drift']}) in {seconds:.2f} s")

        s, seconds = timed(lambda: ekd.summaries(logs, arm="arm", metrics=["revenue", "converted"],
                                                 covariates={"revenue": "revenue_pre"}, by="region"))
        cuped = s.cuped("revenue", "control", "treatment")
        print(f"experiment over {args.rows:,} rows in {seconds:.2f} s ({args.rows / seconds:,.0f} rows/s): "
              f"SRM p = {s.srm()['pvalue']:.3f}; revenue (CUPED) {cuped.effect:+.4f}, p = {cuped.pvalue:.2g}")
        for row in s.by_segment("t_test", "converted", "control", "treatment"):
            print(f"  conversion in {row['segment'][0]}: {row['result'].effect:+.4f}, "
                  f"holm-adjusted p = {row['adjusted_pvalue']:.3g}")
        print("peak memory per worker (MB):", {k: round(v) for k, v in peak_memory_mb(client).items()})

    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, env=one_thread,
                                  host="127.0.0.1", dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster):
        _, one = timed(lambda: ekd.fit_profile(dd.read_parquet(folder, filters=[("month", "<=", 6)], columns=columns)))
    print(f"the same profile on 1 worker: {one:.2f} s ({one / two:.2f}x the {args.workers}-worker time)")

    dataset = ds.dataset(folder, format="parquet")
    _, floor = timed(lambda: dataset.to_table(columns=columns, filter=ds.field("month") <= 6))
    print(f"raw Parquet read of the same columns (pyarrow, one process): {floor:.2f} s "
          f"({two / floor:.2f}x for the {args.workers}-worker profile)")

    if args.single == "yes" or (args.single == "auto" and args.rows <= 20_000_000):
        def single():
            return drift.Profile.fit(dataset.to_table(columns=columns, filter=ds.field("month") <= 6).to_pandas())
        whole, seconds = timed(single)
        same = whole.describe() == profile.describe()
        print(f"single process (pandas read + Profile.fit): {seconds:.2f} s; same profile: {same}")


if __name__ == "__main__":
    main()
