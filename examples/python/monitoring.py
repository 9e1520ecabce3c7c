"""Monitoring a deployed classifier over time, the NannyML way, with edgekit doing the work.

NannyML's synthetic "work from home" model (examples/data/nannyml/): a reference period where
the model was validated, then production. The calculator is NannyML's, by name and arguments;
only the import changes (``import nannyml as nml`` → ``import edgekit.monitoring as nml``).

    python examples/python/monitoring.py
"""
import pathlib

import pandas as pd

import edgekit.monitoring as nml

DATA = pathlib.Path(__file__).resolve().parents[1] / "data" / "nannyml"
reference = pd.read_csv(DATA / "binary_reference.csv")
analysis = pd.read_csv(DATA / "binary_analysis.csv")
features = ["distance_from_office", "salary_range", "gas_price_per_litre", "public_transportation_cost",
            "wfh_prev_workday", "workday", "tenure"]

# Multivariate drift: PCA reconstruction error per quarter, thresholds from the reference quarters.
calc = nml.DataReconstructionDriftCalculator(column_names=features, timestamp_column_name="timestamp",
                                             chunk_period="Q")
calc.fit(reference)
results = calc.calculate(analysis)
lower, upper = calc.thresholds
print(f"PCA keeps {calc.n_components_} components; alert outside ({lower:.4f}, {upper:.4f})")

table = results.filter(period="analysis").to_df(multilevel=False)
view = table[["chunk_key", "chunk_start_date", "reconstruction_error_value",
              "reconstruction_error_upper_confidence_boundary", "reconstruction_error_alert"]].copy()
view.columns = ["quarter", "starts", "error", "error + 3 s.e.", "alert"]
view["starts"] = view["starts"].dt.date
print(view.to_string(index=False, float_format=lambda v: f"{v:.4f}"))
alerts = table.loc[table["reconstruction_error_alert"], "chunk_key"].tolist()
print(f"drift alerts in {len(alerts)} of {len(table)} quarters, first in {alerts[0] if alerts else '—'}")

# A fitted calculator is plain data: save it with the model, load it in the service.
restored = nml.DataReconstructionDriftCalculator.from_json(calc.to_json())
assert restored.calculate(analysis).to_dict() == results.to_dict()

# Performance before the labels arrive: CBPE estimates it from the model's probabilities.
estimator = nml.CBPE(metrics=["roc_auc", "f1"], y_pred_proba="y_pred_proba", y_pred="y_pred",
                     y_true="work_home_actual", problem_type="classification_binary",
                     timestamp_column_name="timestamp", chunk_period="Q")
estimator.fit(reference)
estimated = estimator.estimate(analysis.drop(columns=["work_home_actual"])).filter(period="analysis").to_df()
# ... and once they have arrived, the realized values for comparison.
realized = nml.PerformanceCalculator(metrics=["roc_auc", "f1"], y_pred_proba="y_pred_proba", y_pred="y_pred",
                                     y_true="work_home_actual", problem_type="classification_binary",
                                     timestamp_column_name="timestamp", chunk_period="Q")
actual = realized.fit(reference).calculate(analysis).filter(period="analysis").to_df()
side = pd.DataFrame({
    "quarter": estimated[("chunk", "key")],
    "estimated F1": estimated[("f1", "value")],
    "realized F1": actual[("f1", "value")],
    "estimate alerts": estimated[("f1", "alert")],
})
print(f"\nCBPE (calibrated: {estimator.needs_calibration}) against the realized F1:")
print(side.to_string(index=False, float_format=lambda v: f"{v:.4f}"))

# A kernel two-sample test on the joint distribution (alibi-detect's MMDDrift, same arguments):
# the first 500 reference rows against an early and a late stretch of production.
numeric = ["gas_price_per_litre", "public_transportation_cost", "tenure", "y_pred_proba"]
detector = nml.MMDDrift(reference[numeric].iloc[:500], p_val=0.05, n_permutations=500, seed=1)
print(f"\nMMD (sigma {detector.sigma:.3f}):")
for label, rows in [("early production", slice(0, 500)), ("late production", slice(4000, 4400))]:
    found = detector.predict(analysis[numeric].iloc[rows])["data"]
    print(f"  {label:17} MMD² {found['distance']:.5f}  p {found['p_val']:.3f}  drift {bool(found['is_drift'])}")

# A regression model (NannyML's car price data): realized error per week, once prices are known.
cars_reference = pd.read_csv(DATA / "regression_reference.csv")
cars = pd.read_csv(DATA / "regression_analysis.csv")
weekly = nml.PerformanceCalculator(metrics=["mae", "rmse"], y_pred="y_pred", y_true="y_true", problem_type="regression",
                                   timestamp_column_name="timestamp", chunk_period="W").fit(cars_reference)
errors = weekly.calculate(cars).filter(period="analysis").to_df()
print("\nCar price model, weekly MAE (alert outside the reference band):")
for key, mae, alert in zip(errors[("chunk", "key")], errors[("mae", "value")], errors[("mae", "alert")]):
    print(f"  {key}  {mae:8.1f}  {'ALERT' if alert else ''}")

# The same model before the prices are known (NannyML's DLE): boosted trees learn each car's absolute
# error from its features on the reference; a chunk's MAE is the mean predicted error. The analysis
# rows keep their prices here only so that the realized MAE prints beside the estimate.
dle = nml.DLE(feature_column_names=["car_age", "km_driven", "price_new", "accident_count", "door_count", "fuel",
                                    "transmission"], y_pred="y_pred", y_true="y_true", timestamp_column_name="timestamp",
              chunk_size=1000, metrics=["mae"]).fit(cars_reference)
estimated = dle.estimate(cars).filter(period="analysis").to_df()
print("\nCar price model, MAE estimated without the prices (DLE) and realized:")
for i, key in enumerate(estimated[("chunk", "key")]):
    value, error, real = (estimated[("mae", f)].iloc[i] for f in ("value", "sampling_error", "realized"))
    alert = "ALERT" if estimated[("mae", "alert")].iloc[i] else ""
    print(f"  {key}  estimated {value:6.1f} ± {3 * error:4.1f}  realized {real:6.1f}  {alert}")

# A three-class model (NannyML's credit card offers): estimated macro F1 and the estimated share of
# each true class predicted right (the confusion matrix normalized by true class), before labels.
offers_reference = pd.read_csv(DATA / "multiclass_reference.csv")
offers = pd.read_csv(DATA / "multiclass_analysis.csv")
cards = ["highstreet_card", "prepaid_card", "upmarket_card"]
offers_cbpe = nml.CBPE(metrics=["f1", "confusion_matrix"], y_pred_proba={c: f"y_pred_proba_{c}" for c in cards},
                       y_pred="y_pred", y_true="y_true", problem_type="classification_multiclass",
                       timestamp_column_name="timestamp", chunk_size=1000, normalize_confusion_matrix="true")
offers_estimated = offers_cbpe.fit(offers_reference).estimate(offers.drop(columns=["y_true"]))
table = offers_estimated.filter(period="analysis").to_df()
print("\nCredit card offers, estimated macro F1 and per-class recall (diagonal of the matrix):")
for i, key in enumerate(table[("chunk", "key")]):
    recalls = "  ".join(f"{c[:4]} {table[(f'true_{c}_pred_{c}', 'value')].iloc[i]:.3f}" for c in cards)
    alert = "ALERT" if table[("f1", "alert")].iloc[i] else ""
    print(f"  {key}  F1 {table[('f1', 'value')].iloc[i]:.3f}  {recalls}  {alert}")

# Which columns drifted, 500 rows at a time (NannyML's UnivariateDriftCalculator, same arguments).
univariate = nml.UnivariateDriftCalculator(
    column_names=["distance_from_office", "gas_price_per_litre", "tenure", "workday", "salary_range"],
    timestamp_column_name="timestamp", continuous_methods=["jensen_shannon", "kolmogorov_smirnov"],
    categorical_methods=["jensen_shannon", "chi2"], chunk_size=500).fit(reference)
drifted = univariate.calculate(analysis).filter(period="analysis").to_dict()
print("\nUnivariate drift alerts per 500 rows (column/method):")
for row in drifted:
    alerts = [f"{c['column']}/{c['method']}" for c in row["cells"] if c["alert"]]
    print(f"  {row['chunk']['key']}  {', '.join(alerts) or '-'}")

# The same drift told by a classifier (NannyML's DomainClassifierCalculator): per 1,000 rows, the
# cross-validated ROC AUC of boosted trees telling production from the reference (0.5: they cannot).
domain = nml.DomainClassifierCalculator(feature_column_names=features, timestamp_column_name="timestamp",
                                        chunk_size=1000).fit(reference)
told = domain.calculate(analysis).filter(period="analysis").to_df()
print("\nDomain classifier ROC AUC per 1,000 rows (alert outside 0.45-0.65):")
for key, auc, alert in zip(told[("chunk", "key")], told[("domain_classifier_auroc", "value")],
                           told[("domain_classifier_auroc", "alert")]):
    print(f"  {key}  {auc:.3f}  {'ALERT' if alert else ''}")

# The service's view: production rows arrive a request at a time. A ChunkMonitor keeps the open
# chunk's rows and closes each chunk of 500 as it fills; its table is calculate()'s, row for row.
live = univariate.monitor()
for start in range(0, len(analysis), 137):  # batches of any size, as requests come
    live.push(analysis.iloc[start:start + 137])
live.flush()
assert live.result().to_dict() == univariate.calculate(analysis).to_dict()
saved = live.to_json()  # closed chunks and open rows, to carry on after a restart
print(f"\nStreamed {len(analysis)} rows in batches of 137: {len(live.result().filter(period='analysis'))} chunks, "
      f"the same table as calculate(); saved state {len(saved) // 1024} KiB")
