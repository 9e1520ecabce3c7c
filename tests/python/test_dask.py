"""edgekit.dask on a real Dask engine (issue 20): a distributed.LocalCluster with two worker
processes on loopback (real scheduler, real pickling between processes) over Parquet files in
a temporary folder. Every result is compared with the single-process answer on the same rows."""

import math
import pathlib

import numpy as np
import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import edgekit  # noqa: E402
from edgekit import abtest, drift  # noqa: E402
from edgekit import dask as ekd  # noqa: E402

ROWS = 40_000


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, silence_logs=40,
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def experiment(seed=0, rows=ROWS):
    rng = np.random.default_rng(seed)
    arm = rng.choice(["control", "treatment"], rows, p=[0.5, 0.5])
    country = rng.choice(["US", "CA", "MX"], rows, p=[0.6, 0.3, 0.1])
    pre = rng.gamma(2.0, 10.0, rows)
    lift = np.where(arm == "treatment", 0.4, 0.0)
    revenue = 100.0 + 0.8 * pre + rng.normal(lift, 5.0, rows)
    sessions = rng.poisson(3.0, rows) + 1.0
    converted = (rng.random(rows) < np.where(arm == "treatment", 0.11, 0.10)).astype(float)
    return pd.DataFrame({"arm": arm, "country": country, "revenue": revenue, "revenue_pre": pre,
                         "sessions": sessions, "converted": converted})


def features(seed, shift=0.0, rows=ROWS):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "x": rng.normal(shift, 1.0, rows),
        "rounded": np.round(rng.normal(shift, 1.0, rows), 2),
        "plan": rng.choice(["free", "pro", "team"], rows, p=[0.6, 0.3, 0.1] if shift == 0 else [0.5, 0.3, 0.2]),
    })


def on_parquet(frame, folder, partitions=8):
    path = pathlib.Path(folder)
    dd.from_pandas(frame, npartitions=partitions).to_parquet(path, write_index=False)
    return dd.read_parquet(path)


def close(a, b, rel=1e-12):
    assert math.isclose(a, b, rel_tol=rel, abs_tol=1e-300), (a, b)


def assert_results_equal(got, want, rel=1e-12):
    got = got.to_dict() if hasattr(got, "to_dict") else got
    want = want.to_dict() if hasattr(want, "to_dict") else want
    for key, value in want.items():
        if isinstance(value, float):
            # The Student t CDF behind a p-value (a regularized incomplete beta) is accurate to
            # ~1e-12 relative: inputs one unit in the last place apart can land 4e-12 apart.
            close(got[key], value, max(rel, 1e-11) if "pvalue" in key else rel)
        elif isinstance(value, (list, tuple)) and value and isinstance(value[0], float):
            for g, w in zip(got[key], value):
                close(g, w, rel)


def assert_reports_equal(got, want, rel=1e-12):
    """Equal reports: the same tests, flags and p-values; statistics to `rel` (a merged
    profile's mean and variance, which scale some statistics, agree to rounding)."""
    assert [c["column"] for c in got["columns"]] == [c["column"] for c in want["columns"]]
    for g, w in zip(got["columns"], want["columns"]):
        for key, value in w.items():
            if isinstance(value, float):
                close(g[key], value, rel)
            else:
                assert g[key] == value, (key, g[key], value)
    for key in ("drifted_columns", "dataset_drift", "share_drifted", "reference_only", "current_only"):
        assert got[key] == want[key]


def test_a_profile_fitted_on_the_workers_is_the_whole_frames(client, tmp_path):
    frame = features(1)
    ddf = on_parquet(frame, tmp_path / "reference")
    for capacity in (None, 1_000):  # exact, then sampled (bottom-k)
        options = {} if capacity is None else {"capacity": capacity}
        distributed_profile = ekd.fit_profile(ddf, categorical=(), **options)
        whole = drift.Profile.fit(frame, **options)
        assert distributed_profile.describe() == whole.describe()
        current = features(2, shift=0.05)
        assert_reports_equal(drift.report(distributed_profile, current), drift.report(whole, current))


def test_a_report_with_both_sides_on_the_cluster_equals_the_single_process_one(client, tmp_path):
    reference, current = features(1), features(2, shift=0.1)
    ref_ddf = on_parquet(reference, tmp_path / "reference")
    cur_ddf = on_parquet(current, tmp_path / "current", partitions=5)
    # "rounded" and "plan" are exact in any profile (few distinct values): equal outright.
    got = ekd.report(ref_ddf, cur_ddf, columns=["rounded", "plan"])
    assert_reports_equal(got, drift.report(reference[["rounded", "plan"]], current[["rounded", "plan"]]))
    # "x" has 40,000 distinct values: exact with a large enough capacity ...
    exact = ekd.report(ref_ddf, cur_ddf, columns=["x"], capacity=ROWS, tests={"x": "ks"})
    assert_reports_equal(exact, drift.report(reference[["x"]], current[["x"]], tests={"x": "ks"}))
    # ... and within the sampled profile's bound (DKW at α = 0.01, on each side) below it.
    k = 4_000
    sampled = ekd.report(ref_ddf, cur_ddf, columns=["x"], capacity=k, tests={"x": "ks"})
    bound = 2 * math.sqrt(math.log(2 / 0.01) / (2 * k))
    assert abs(sampled["columns"][0]["statistic"] - exact["columns"][0]["statistic"]) <= bound


# Two tolerances, each for a reason. The cluster and one process run the same code on the same
# rows; only the partition merge order differs, so every result agrees to 1e-12 relative (the
# means to one unit in the last place: compensated sums, then pairwise merges; p-values to
# the t CDF's own 1e-11, see assert_results_equal). The
# raw-array tests (abtest.welch, abtest.cuped, ...) are an independent computation: their means
# are summed in another order, and an effect small against the means (a segment's) or a
# p-value far in the tail amplifies those last bits, so they agree to 1e-10.
SAME_CODE, INDEPENDENT = 1e-12, 1e-10

EXPERIMENT = dict(arm="arm", metrics=["revenue", "converted"], covariates={"revenue": "revenue_pre"},
                  ratios={"revenue_per_session": ("revenue", "sessions")})


def every_test(s):
    return {
        "t_test": s.t_test("revenue", "control", "treatment"),
        "cuped": s.cuped("revenue", "control", "treatment"),
        "ratio": s.ratio_metric("revenue_per_session", "control", "treatment"),
        "bayes": s.bayes("converted", "control", "treatment"),
        "sequential": s.sequential("revenue", "control", "treatment"),
        "proportions": s.proportions("converted", "control", "treatment"),
    }


def test_experiment_statistics_merged_on_the_workers_equal_the_single_machine_tests(client, tmp_path):
    frame = experiment()
    s = ekd.summaries(on_parquet(frame, tmp_path / "events", partitions=7), **EXPERIMENT)
    assert s.arms == ["control", "treatment"]
    local = ekd.summaries(frame, **EXPERIMENT)
    got, same = every_test(s), every_test(local)
    for name in got:
        assert_results_equal(got[name], same[name], SAME_CODE)
    a, b = (frame[frame.arm == arm] for arm in s.arms)
    triple = lambda v: (float(len(v)), float(np.mean(v)), float(np.var(v, ddof=1)))  # noqa: E731
    x = [int(v.converted.sum()) for v in (a, b)]
    independent = {
        "t_test": abtest.welch(a.revenue, b.revenue),
        "cuped": abtest.cuped(a.revenue, b.revenue, a.revenue_pre, b.revenue_pre),
        "ratio": abtest.ratio_metric(a.revenue, a.sessions, b.revenue, b.sessions),
        "bayes": abtest.bayes_gaussian(triple(a.converted), triple(b.converted)),
        "sequential": abtest.sequential(triple(a.revenue), triple(b.revenue)),
        "proportions": abtest.two_proportions(x[0], len(a), x[1], len(b)),
    }
    for name in got:
        assert_results_equal(got[name], independent[name], INDEPENDENT)
    assert s.srm() == abtest.srm([len(a), len(b)])
    for g, w in zip(s.to_dict()["groups"], local.to_dict()["groups"]):
        assert g["n"] == w["n"]
        for c, summary in w["summaries"].items():
            close(g["summaries"][c]["mean"], summary["mean"], SAME_CODE)
            close(g["summaries"][c]["variance"], summary["variance"], SAME_CODE)


def test_a_large_offset_loses_no_more_than_rounding(client, tmp_path):
    # Revenue of 10^6 ± 5: raw sums of squares cancel to noise; merged moments keep the
    # variance to the rounding of the means themselves (~1e-10 relative at 10^6).
    frame = experiment(seed=5).assign(revenue=lambda f: f.revenue + 1e6)
    s = ekd.summaries(on_parquet(frame, tmp_path / "offset", partitions=9), arm="arm", metrics=["revenue"])
    for arm in s.arms:
        values = frame[frame.arm == arm].revenue.to_numpy()
        got = s.summary("revenue", arm)
        close(got["variance"], float(np.var(values, ddof=1)), 1e-9)
        raw = (np.sum(values ** 2) - np.sum(values) ** 2 / len(values)) / (len(values) - 1)
        assert abs(raw / np.var(values, ddof=1) - 1) > 1e-6


def test_segments_are_tested_one_by_one_and_corrected_together(client, tmp_path):
    frame = experiment(seed=3)
    s = ekd.summaries(on_parquet(frame, tmp_path / "events"), arm="arm", metrics=["revenue"], by="country")
    local = ekd.summaries(frame, arm="arm", metrics=["revenue"], by="country")
    assert s.segments == [("CA",), ("MX",), ("US",)]
    rows = s.by_segment("t_test", "revenue", "control", "treatment", correction="holm")
    same = local.by_segment("t_test", "revenue", "control", "treatment", correction="holm")
    pvalues = []
    for row, twin in zip(rows, same):
        assert row["segment"] == twin["segment"]
        assert_results_equal(row["result"], twin["result"], SAME_CODE)
        close(row["adjusted_pvalue"], twin["adjusted_pvalue"], 1e-11)
        part = frame[frame.country == row["segment"][0]]
        want = abtest.welch(part[part.arm == "control"].revenue, part[part.arm == "treatment"].revenue)
        assert_results_equal(row["result"], want, INDEPENDENT)
        pvalues.append(row["pvalue"])
    np.testing.assert_allclose([r["adjusted_pvalue"] for r in rows],
                               abtest.adjust_pvalues(pvalues, method="holm"), rtol=1e-15)
    # Without a segment: the arms' totals over every segment.
    assert_results_equal(s.t_test("revenue", "control", "treatment"),
                         abtest.welch(frame[frame.arm == "control"].revenue, frame[frame.arm == "treatment"].revenue),
                         INDEPENDENT)


def test_refusals_name_the_problem(client, tmp_path):
    frame = experiment(rows=2_000)
    ddf = on_parquet(frame, tmp_path / "events", partitions=2)
    with pytest.raises(edgekit.InvalidInputError, match="not in the data"):
        ekd.summaries(ddf, arm="arm", metrics=["nope"])
    with pytest.raises(edgekit.InvalidInputError, match="covariate"):
        ekd.summaries(ddf, arm="arm", metrics=["revenue"], covariates={"converted": "revenue_pre"})
    broken = frame.assign(revenue=frame.revenue.where(frame.index != 5))
    with pytest.raises(edgekit.InvalidInputError, match="'revenue'|\"revenue\" holds NaN"):
        ekd.summaries(on_parquet(broken, tmp_path / "broken", partitions=2), arm="arm", metrics=["revenue"]).arms
    s = ekd.summaries(ddf, arm="arm", metrics=["revenue"])
    with pytest.raises(edgekit.InvalidInputError, match="no rows in arm"):
        s.t_test("revenue", "control", "nobody")
    with pytest.raises(edgekit.InvalidInputError, match="no covariate"):
        s.cuped("revenue", "control", "treatment")
    with pytest.raises(edgekit.InvalidInputError):
        abtest.cuped_from_summary({"n": 10, "mean_y": 1, "mean_x": 1, "var_y": 1, "var_x": 1, "cov": 5},
                                  {"n": 10, "mean_y": 1, "mean_x": 1, "var_y": 1, "var_x": 1, "cov": 0})
    with pytest.raises(edgekit.EdgekitError):
        abtest.t_test_from_summary({"n": 10, "mean": 1, "varience": 1}, {"n": 10, "mean": 1, "variance": 1})


def monitored(seed=4, rows=24_000):
    rng = np.random.default_rng(seed)
    stamps = pd.Timestamp("2026-01-01") + pd.to_timedelta(np.sort(rng.uniform(0, 180, rows)), unit="D")
    drifted = stamps > pd.Timestamp("2026-04-01")
    x = rng.normal(np.where(drifted, 0.5, 0.0), 1.0)
    p = 1.0 / (1.0 + np.exp(-x))
    return pd.DataFrame({
        "timestamp": stamps, "x": x, "c": rng.choice(["a", "b"], rows, p=[0.7, 0.3]),
        "p": p, "pred": (p > 0.5).astype(int), "label": (rng.random(rows) < p).astype(int),
    })


def test_chunked_monitoring_computes_each_period_where_its_rows_live(client, tmp_path):
    from edgekit import monitoring

    reference, analysis = monitored(4), monitored(5)
    ddf = on_parquet(analysis, tmp_path / "analysis", partitions=6)
    calculators = [
        monitoring.UnivariateDriftCalculator(["x", "c"], timestamp_column_name="timestamp", chunk_period="M"),
        monitoring.CBPE(metrics=["roc_auc", "accuracy"], y_pred_proba="p", y_pred="pred", y_true="label",
                        problem_type="classification_binary", timestamp_column_name="timestamp", chunk_period="M"),
    ]
    for calc in calculators:
        calc.fit(reference)
        got = ekd.chunked(calc, ddf).to_df()
        want = (calc.calculate if hasattr(calc, "calculate") else calc.estimate)(analysis).to_df()
        assert got.shape == want.shape and list(got.columns) == list(want.columns)
        for column in want.columns:
            if want[column].dtype.kind == "f":
                np.testing.assert_allclose(got[column], want[column], rtol=1e-12, atol=1e-15, err_msg=str(column))
            else:
                assert got[column].tolist() == want[column].tolist(), column
    size_chunks = monitoring.UnivariateDriftCalculator(["x"], chunk_size=1000).fit(reference)
    with pytest.raises(edgekit.InvalidInputError, match="calendar-period"):
        ekd.chunked(size_chunks, ddf)
