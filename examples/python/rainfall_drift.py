"""Drift on NOAA daily weather (examples/data/rainfall.csv): which features drift after the
first 10,000 days, the same report from a profile fitted in chunks, detectors on a naive
forecast's error stream, and a monitored probabilistic forecast.

    python examples/python/rainfall_drift.py
"""
import pathlib

import numpy as np
import pandas as pd

from edgekit import drift

DATA = pathlib.Path(__file__).resolve().parents[1] / "data" / "rainfall.csv"
frame = pd.read_csv(DATA).drop(columns=["row"])
reference, current = frame.iloc[:10_000], frame.iloc[10_000:]

report = drift.report(reference, current, categorical=["rain"])
table = report.to_pandas()[["kind", "test", "statistic", "threshold", "drifted", "current_missing"]]
print(table.to_string(float_format=lambda v: f"{v:.4f}"))
print(f"dataset drift: {report.dataset_drift} ({report.drifted_columns} of {len(report.columns)} features)")

# The reference as a service builds it: chunks fitted apart, merged, shipped as bytes.
chunks = [drift.Profile.fit(reference.iloc[i:i + 2_500], categorical=["rain"]) for i in range(0, 10_000, 2_500)]
profile = chunks[0]
for chunk in chunks[1:]:
    profile = profile.merge(chunk)
blob = profile.to_bytes()
again = drift.report(drift.Profile.from_bytes(blob), current, categorical=["rain"])
assert [c["drifted"] for c in again.columns] == [c["drifted"] for c in report.columns]
print(f"same verdicts from a {len(blob):,}-byte profile merged from 4 chunks")

# A naive forecast: rain when the dew point is above 0.6 (standardised units).
errors = ((frame["dew point"] > 0.6).astype(float) != frame["rain"]).astype(float).to_numpy()
for detector in (drift.DDM(), drift.HDDM_A(), drift.EDDM()):
    fired = detector.update_many(errors)
    print(f"{type(detector).__name__:<7} on the forecast's errors: {len(fired)} detections, first at day {fired[:1].tolist()}")
print("ADWIN on temperature:", drift.ADWIN().update_many(frame["temperature"].to_numpy())[:5].tolist(), "...")
print("PELT (mean and variance) on visibility:",
      drift.pelt(frame["visibility"].to_numpy()[::10], model="meanvar", penalty=60.0).tolist())

monitor = drift.PerformanceMonitor(window=365, thresholds={"auc": (0.68, 0.63)})
probability = 1 / (1 + np.exp(2 * frame["sea-level pressure"].to_numpy()))
alerts = monitor.update_many(probability, frame["rain"].to_numpy())
print(f"pressure forecast: rolling-year AUC {monitor.metrics()['auc']:.3f}; {len(alerts)} alerts, first {alerts[:1]}")
