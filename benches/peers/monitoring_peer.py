"""edgekit.monitoring against NannyML on the same data in one run (issue 18's speed table).

    python -m venv /tmp/nml && /tmp/nml/bin/pip install nannyml==0.13.1 statsmodels
    /tmp/nml/bin/pip install target/wheels/edgekit-*.whl   # a release wheel
    /tmp/nml/bin/python benches/peers/monitoring_peer.py [--repeat 3]

Work: (1) PCA reconstruction drift, reference 10^5 rows × 20 correlated numeric columns (five
shared factors plus noise), analysis 10 chunks of 10^4 rows whose factor loadings tilt; fit on
the reference, then calculate on the analysis. (2) CBPE of a binary classifier (six metrics:
roc_auc, f1, precision, recall, specificity, accuracy): fit on 10^5 reference predictions, then
estimate 10^6 predictions (targets present, so `realized` is filled too) in 100 chunks. (3)
Realized regression performance (six metrics: mae, mape, mse, msle, rmse, rmsle): fit on 10^5
reference predictions, calculate 10^6 in 100 chunks. (4) CBPE of a three-class classifier
(seven metrics: the six macro averages and the confusion matrix): fit on 10^5, estimate 10^6 in
100 chunks. (5) Univariate drift (Jensen-Shannon, NannyML's default method) of 15 columns (10
continuous, 5 categorical): fit on 10^5 rows, calculate 10 chunks of 10^4. (6) DLE (all six
metrics) on NannyML's own synthetic car price data, full size: fit on its 60,000 reference rows
(7 features, 2 of them categorical), estimate its 60,000 analysis rows in 10 chunks. (6b) The
fitted CBPE estimator of (2) fed the 10^6 rows as a service sees them, 1,000 batches of 1,000:
NannyML has no streaming monitor, so its side buffers the batches and estimates each chunk of
10^4 as it fills; edgekit pushes every batch into a ``ChunkMonitor``. (7) The
domain classifier (5-fold cross-validated boosted trees per chunk) on the binary data's 7
features, reference 10,000 rows and analysis 10,000 rows in 5 chunks of 2,000 (every 5th row of
NannyML's synthetic sets; production drifts in its second half). All
tools read the same pandas DataFrames and their answers are compared. Prints each time and the
ratio NannyML / edgekit (above 1: edgekit is faster).
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


def classifier(rows, seed):
    """Targets half positive, scores a noisy logistic of them, labels at 0.5."""
    rng = np.random.default_rng(seed)
    y = (rng.uniform(size=rows) < 0.5).astype(float)
    p = 1 / (1 + np.exp(-(3 * y - 1.5 + rng.normal(scale=1.2, size=rows))))
    return pd.DataFrame({"p": p, "label": (p >= 0.5).astype(float), "y": y})


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
    parser.add_argument("--only", nargs="*", default=None,
                        choices=["reconstruction", "cbpe", "stream", "multiclass", "univariate", "regression", "dle",
                                 "domain"],
                        help="run these cases only")
    arguments = parser.parse_args()
    repeat = arguments.repeat

    def chosen(case):
        return arguments.only is None or case in arguments.only

    print(f"nannyml {nml.__version__}, numpy {np.__version__}, pandas {pd.__version__}, {os.cpu_count()} cores")

    metrics = ["roc_auc", "f1", "precision", "recall", "specificity", "accuracy"]

    if chosen("reconstruction"):
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

    if chosen("cbpe"):
        ref_outputs, outputs = classifier(100_000, 11), classifier(1_000_000, 12)

        def cbpe_run(module, **extra):
            estimator = module.CBPE(metrics=metrics, y_pred_proba="p", y_pred="label", y_true="y",
                                    problem_type="classification_binary", chunk_size=10_000, **extra)
            estimator.fit(ref_outputs)
            return estimator, estimator.estimate(outputs)

        peer, peer_result = cbpe_run(nml)
        ours, our_result = cbpe_run(ek, calibrate=peer.needs_calibration)
        want, got = peer_result.to_df(), our_result.to_df()
        for metric in metrics:
            assert np.allclose(got[(metric, "value")], want[(metric, "value")], rtol=1e-9), metric
            assert np.allclose(got[(metric, "realized")], want[(metric, "realized")], rtol=1e-9), metric
        row("CBPE, 6 metrics, fit 1e5, estimate 1e6 in 100 chunks",
            timed(lambda: cbpe_run(nml), repeat), timed(lambda: cbpe_run(ek), repeat))

    if chosen("stream"):
        ref_outputs, outputs = classifier(100_000, 11), classifier(1_000_000, 12)
        batches = [outputs.iloc[i:i + 1000] for i in range(0, len(outputs), 1000)]

        def fitted(module, **extra):
            estimator = module.CBPE(metrics=metrics, y_pred_proba="p", y_pred="label", y_true="y",
                                    problem_type="classification_binary", chunk_size=10_000, **extra)
            return estimator.fit(ref_outputs)

        peer = fitted(nml)
        ours = fitted(ek, calibrate=peer.needs_calibration)

        def nannyml_stream():
            # NannyML has no streaming monitor: buffer the batches and estimate each chunk as it fills.
            pending, rows = [], []
            for batch in batches:
                pending.append(batch)
                if sum(len(b) for b in pending) >= 10_000:
                    chunk = pd.concat(pending, ignore_index=True)
                    rows.append(peer.estimate(chunk).filter(period="analysis").to_df())
                    pending = []
            return pd.concat(rows, ignore_index=True)

        def edgekit_stream():
            monitor = ours.monitor()
            for batch in batches:
                monitor.push(batch)
            return monitor.result().filter(period="analysis").to_df()

        want, got = nannyml_stream(), edgekit_stream()
        assert len(want) == len(got) == 100
        for metric in metrics:
            assert np.allclose(got[(metric, "value")], want[(metric, "value")], rtol=1e-9), metric
        row("CBPE fitted, 1e6 rows in 1000 batches, a row per 1e4 chunk",
            timed(nannyml_stream, repeat), timed(edgekit_stream, repeat))

    if chosen("multiclass"):
        multiclass_metrics = [*metrics, "confusion_matrix"]
        ref_three, three = three_classes(100_000, 31), three_classes(1_000_000, 32)
        proba = {c: f"p_{c}" for c in ("a", "b", "c")}

        def multiclass_run(module, **extra):
            estimator = module.CBPE(metrics=multiclass_metrics, y_pred_proba=proba, y_pred="label", y_true="y",
                                    problem_type="classification_multiclass", chunk_size=10_000, **extra)
            estimator.fit(ref_three)
            return estimator, estimator.estimate(three)

        peer, peer_result = multiclass_run(nml)
        decided = {type(c).__name__ != "NoopCalibrator" for c in peer._calibrators.values()}
        assert len(decided) == 1, "the classes' calibration decisions differ; force them one by one"
        forced = decided.pop()
        ours, our_result = multiclass_run(ek, calibrate=forced)
        want, got = peer_result.to_df(), our_result.to_df()
        assert list(got.columns) == list(want.columns)
        for column in want.columns:
            if column[0] == "chunk" or column[1] == "alert":
                continue
            tolerance = 1e-4 if column[0] == "roc_auc" else 1e-9  # tied scores: see nannyml_multiclass.rs
            assert np.allclose(got[column].astype(float), want[column].astype(float), rtol=tolerance), column
        row("CBPE multiclass (3), 7 metrics, fit 1e5, estimate 1e6 in 100 chunks",
            timed(lambda: multiclass_run(nml), repeat), timed(lambda: multiclass_run(ek, calibrate=forced), repeat))

    if chosen("univariate"):
        wide_reference, wide = mixed_frame(100_000, 41, 0.0), mixed_frame(100_000, 42, 0.3)
        wide_names = list(wide_reference.columns)

        def univariate_run(module):
            calc = module.UnivariateDriftCalculator(column_names=wide_names, chunk_size=10_000)
            calc.fit(wide_reference)
            return calc.calculate(wide)

        want, got = univariate_run(nml).to_df(), univariate_run(ek).to_df()
        for column in want.columns:
            if column[0] != "chunk" and column[2] == "value":
                assert np.allclose(got[column], want[column], rtol=1e-9), column
        row("Univariate drift (JS), 15 columns, fit 1e5, 10 chunks of 1e4",
            timed(lambda: univariate_run(nml), repeat), timed(lambda: univariate_run(ek), repeat))

    if chosen("regression"):
        regression_metrics = ["mae", "mape", "mse", "msle", "rmse", "rmsle"]
        ref_cars, cars = regressor(100_000, 21), regressor(1_000_000, 22)

        def regression_run(module):
            calc = module.PerformanceCalculator(metrics=regression_metrics, y_pred="y_pred", y_true="y_true",
                                                problem_type="regression", chunk_size=10_000)
            calc.fit(ref_cars)
            return calc.calculate(cars)

        want, got = regression_run(nml).to_df(), regression_run(ek).to_df()
        for metric in regression_metrics:
            assert np.allclose(got[(metric, "value")], want[(metric, "value")], rtol=1e-9), metric
            assert np.allclose(got[(metric, "sampling_error")], want[(metric, "sampling_error")], rtol=1e-9), metric
        row("Realized regression, 6 metrics, fit 1e5, 1e6 in 100 chunks",
            timed(lambda: regression_run(nml), repeat), timed(lambda: regression_run(ek), repeat))

    if chosen("dle"):
        # NannyML 0.13's DLE reshapes object columns, which pandas 3's Arrow strings refuse.
        pd.options.future.infer_string = False
        cars_reference, cars_analysis, _ = nml.load_synthetic_car_price_dataset()
        for frame in (cars_reference, cars_analysis):
            for column in ("fuel", "transmission"):
                frame[column] = frame[column].astype(object)
        features = ["car_age", "km_driven", "price_new", "accident_count", "door_count", "fuel", "transmission"]

        def dle_run(module):
            estimator = module.DLE(feature_column_names=features, y_pred="y_pred", y_true="y_true",
                                   timestamp_column_name="timestamp", chunk_size=6_000)
            estimator.fit(cars_reference)
            return estimator.estimate(cars_analysis)

        want, got = dle_run(nml).to_df(), dle_run(ek).to_df()
        for metric in ["mae", "mape", "mse", "rmse", "msle", "rmsle"]:
            off = (got[(metric, "value")] - want[(metric, "value")]).abs() / want[(metric, "sampling_error")]
            assert off.max() <= 1.0, (metric, off.max())  # within NannyML's own sampling error
        row("DLE, 6 metrics, fit 6e4 (7 features), estimate 6e4 in 10 chunks",
            timed(lambda: dle_run(nml), repeat), timed(lambda: dle_run(ek), repeat))

    if chosen("domain"):
        pd.options.future.infer_string = False
        wfh_reference, wfh_analysis, _ = nml.load_synthetic_binary_classification_dataset()
        # Every 5th row of each: 10^4 rows a side, production drifting in its second half.
        wfh_reference = wfh_reference.iloc[::5].reset_index(drop=True)
        wfh_analysis = wfh_analysis.iloc[::5].reset_index(drop=True)
        wfh_features = ["distance_from_office", "salary_range", "gas_price_per_litre", "public_transportation_cost",
                        "wfh_prev_workday", "workday", "tenure"]
        for frame in (wfh_reference, wfh_analysis):
            for column in ("salary_range", "workday"):
                frame[column] = frame[column].astype(object)

        def domain_run(module):
            calc = module.DomainClassifierCalculator(feature_column_names=wfh_features, chunk_size=2_000)
            calc.fit(wfh_reference)
            return calc.calculate(wfh_analysis)

        want, got = domain_run(nml).to_df(), domain_run(ek).to_df()
        column = ("domain_classifier_auroc", "value")
        size = 2_000
        others = np.where(want[("chunk", "period")] == "reference", len(wfh_reference) - size, len(wfh_reference))
        se = np.sqrt((size + others + 1) / (12 * size * others))  # an AUC of 0.5's standard error
        # Where nothing drifts both classifiers fit noise; 3 standard errors bound two such draws.
        assert ((got[column] - want[column]).abs() <= 3 * se).all(), (got[column], want[column])
        row("Domain classifier, 7 features, ref 1e4, 5 chunks of 2e3, 5 folds",
            timed(lambda: domain_run(nml), repeat), timed(lambda: domain_run(ek), repeat))


def mixed_frame(rows, seed, shift):
    """Ten continuous columns (some skewed) and five categorical ones (3 to 12 categories)."""
    rng = np.random.default_rng(seed)
    frame = {f"x{j}": rng.gamma(1 + j, 1.0, size=rows) + shift * j for j in range(10)}
    for j in range(5):
        k = 3 + 2 * j + (1 if j > 2 else 0)
        weights = np.linspace(1, 2 + shift * 5, k)
        frame[f"c{j}"] = rng.choice([f"v{i}" for i in range(k)], size=rows, p=weights / weights.sum())
    return pd.DataFrame(frame)


def three_classes(rows, seed):
    """Three classes; scores a softmax of noisy class evidence, rounded to 2 decimals as
    NannyML's own multiclass data are (so ties occur), labels the most probable class."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, size=rows)
    logits = rng.normal(scale=1.0, size=(rows, 3))
    logits[np.arange(rows), y] += 1.5
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    p = np.round(p, 2)
    # Rows still sum to 1, as scikit-learn insists: the third class takes the rest, and a
    # negative rest (two rounded up) comes off the first.
    rest = np.round(1 - p[:, 0] - p[:, 1], 2)
    p[:, 0] = np.round(p[:, 0] + np.minimum(rest, 0), 2)
    p[:, 2] = np.maximum(rest, 0)
    names = np.array(["a", "b", "c"])
    return pd.DataFrame({"p_a": p[:, 0], "p_b": p[:, 1], "p_c": p[:, 2], "label": names[p.argmax(axis=1)],
                         "y": names[y]})


def regressor(rows, seed):
    """Prices around 5,000 and a model off by a noisy 15 %."""
    rng = np.random.default_rng(seed)
    y = rng.gamma(4.0, 1250.0, size=rows)
    return pd.DataFrame({"y_true": y, "y_pred": y * (1 + rng.normal(scale=0.15, size=rows)).clip(0.2)})


if __name__ == "__main__":
    main()
