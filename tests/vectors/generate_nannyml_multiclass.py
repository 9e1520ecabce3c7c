"""Records the NannyML multiclass and confusion-matrix vectors (issue 18): the bundled data
examples/data/nannyml/multiclass_{reference,analysis}.csv and tests/vectors/nannyml_multiclass.json,
NannyML's own results on that data and on the binary data generate_nannyml.py bundles.

    python -m venv /tmp/nml && /tmp/nml/bin/pip install nannyml==0.13.1 statsmodels
    /tmp/nml/bin/python tests/vectors/generate_nannyml_multiclass.py

Data: NannyML's synthetic multiclass classification dataset (credit card offers; it ships inside
the `nannyml` package, Apache-2.0), every 12th row of its reference and analysis sets (5,000 rows
each), the analysis targets joined in, with the model's outputs only: the timestamp, the three
class probabilities, the predicted and the true class.
"""

import json
import os
import pathlib

os.environ.setdefault("NML_DISABLE_USAGE_LOGGING", "1")
import nannyml as nml  # noqa: E402
import numpy as np
import pandas as pd
import sklearn

from generate_nannyml import cell, rows  # noqa: F401  (same cell rules as the binary vectors)

HERE = pathlib.Path(__file__).parent
DATA = HERE.parents[1] / "examples" / "data" / "nannyml"
CLASSES = ["highstreet_card", "prepaid_card", "upmarket_card"]
PROBA = {c: f"y_pred_proba_{c}" for c in CLASSES}
KEEP = ["timestamp", *PROBA.values(), "y_pred", "y_true"]
METRICS = ["roc_auc", "f1", "precision", "recall", "specificity", "accuracy", "confusion_matrix"]


def bundled():
    reference, analysis, targets = nml.load_synthetic_multiclass_classification_dataset()
    analysis = analysis.merge(targets, on="id")
    return [frame.iloc[::12].reset_index(drop=True)[KEEP].copy() for frame in (reference, analysis)]


def constant(thresholds):
    return {m: nml.thresholds.ConstantThreshold(lower=t["lower"], upper=t["upper"]) for m, t in thresholds.items()}


CONFIGS = [
    {"chunk_size": 500},
    {"chunk_period": "M", "normalize_confusion_matrix": "true"},
    {"chunk_number": 8, "normalize_confusion_matrix": "pred",
     "thresholds": {"f1": {"type": "constant", "lower": 0.7, "upper": None}}},
    {"chunk_size": 1000, "normalize_confusion_matrix": "all"},
    {"chunk_size": 500, "late": True},
]


def prepared(config, analysis, target):
    kwargs = dict(config)
    late = kwargs.pop("late", False)
    thresholds = kwargs.pop("thresholds", None)
    if thresholds:
        kwargs["thresholds"] = constant(thresholds)
    data = analysis.copy()
    if late:
        data.loc[data.index % 3 == 0, target] = np.nan
    return kwargs, data


def multiclass_cases(reference, analysis):
    cbpe, performance = [], []
    for config in CONFIGS:
        kwargs, data = prepared(config, analysis, "y_true")
        estimator = nml.CBPE(metrics=METRICS, y_pred_proba=PROBA, y_pred="y_pred", y_true="y_true",
                             problem_type="classification_multiclass", timestamp_column_name="timestamp", **kwargs)
        estimator.fit(reference.copy())
        if config.get("late"):
            data = data.drop(columns=["y_true"])  # CBPE without any targets
        result = estimator.estimate(data)
        calibrated = {c: type(estimator._calibrators[c]).__name__ != "NoopCalibrator" for c in CLASSES}
        cbpe.append({"options": config, "calibrated": calibrated,
                     "columns": [list(c) for c in result.to_df().columns], "rows": rows(result)})
        kwargs, data = prepared(config, analysis, "y_true")
        calc = nml.PerformanceCalculator(metrics=METRICS, y_pred_proba=PROBA, y_pred="y_pred", y_true="y_true",
                                         problem_type="classification_multiclass", timestamp_column_name="timestamp",
                                         **kwargs)
        calc.fit(reference.copy())
        result = calc.calculate(data)
        performance.append({"options": config, "columns": [list(c) for c in result.to_df().columns],
                            "rows": rows(result)})
    return cbpe, performance


def binary_cases():
    """The binary model's confusion matrix, estimated and realized, on generate_nannyml.py's data."""
    reference = pd.read_csv(DATA / "binary_reference.csv")
    analysis = pd.read_csv(DATA / "binary_analysis.csv")
    cbpe, performance = [], []
    for config in ({"chunk_size": 500}, {"chunk_size": 500, "normalize_confusion_matrix": "true"},
                   {"chunk_number": 6, "normalize_confusion_matrix": "pred"},
                   {"chunk_size": 1000, "normalize_confusion_matrix": "all", "late": True}):
        kwargs, data = prepared(config, analysis, "work_home_actual")
        common = dict(metrics=["confusion_matrix", "f1"], y_pred_proba="y_pred_proba", y_pred="y_pred",
                      y_true="work_home_actual", problem_type="classification_binary",
                      timestamp_column_name="timestamp", **kwargs)
        estimator = nml.CBPE(**common)
        estimator.fit(reference.copy())
        result = estimator.estimate(data)
        cbpe.append({"options": config, "needs_calibration": bool(estimator.needs_calibration),
                     "columns": [list(c) for c in result.to_df().columns], "rows": rows(result)})
        calc = nml.PerformanceCalculator(**common)
        calc.fit(reference.copy())
        result = calc.calculate(data)
        performance.append({"options": config, "columns": [list(c) for c in result.to_df().columns],
                            "rows": rows(result)})
    return cbpe, performance


def main():
    reference, analysis = bundled()
    for frame, name in ((reference, "multiclass_reference.csv"), (analysis, "multiclass_analysis.csv")):
        frame.to_csv(DATA / name, index=False, float_format="%.8g")
    reference = pd.read_csv(DATA / "multiclass_reference.csv")
    analysis = pd.read_csv(DATA / "multiclass_analysis.csv")
    cbpe, performance = multiclass_cases(reference, analysis)
    binary_cbpe, binary_performance = binary_cases()
    vectors = {
        "provenance": {
            "tool": f"nannyml {nml.__version__} (scikit-learn {sklearn.__version__})",
            "pandas": pd.__version__,
            "numpy": np.__version__,
            "script": "tests/vectors/generate_nannyml_multiclass.py",
            "data": ["examples/data/nannyml/multiclass_reference.csv",
                     "examples/data/nannyml/multiclass_analysis.csv",
                     "examples/data/nannyml/binary_reference.csv", "examples/data/nannyml/binary_analysis.csv"],
            "late": "every 3rd analysis target blanked in memory (CBPE: the target column dropped)",
            "timestamps": "ns since the epoch (naive, as pandas keeps them)",
        },
        "classes": CLASSES,
        "metrics": METRICS,
        "cbpe": cbpe,
        "performance": performance,
        "binary_cbpe": binary_cbpe,
        "binary_performance": binary_performance,
    }
    (HERE / "nannyml_multiclass.json").write_text(json.dumps(vectors, indent=1) + "\n")


if __name__ == "__main__":
    main()
