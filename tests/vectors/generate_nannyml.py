"""Records the NannyML monitoring vectors (issue 18): the bundled data under examples/data/nannyml/
and tests/vectors/nannyml.json, NannyML's own results on that data.

    python -m venv /tmp/nml && /tmp/nml/bin/pip install nannyml==0.13.1 statsmodels
    /tmp/nml/bin/python tests/vectors/generate_nannyml.py

Data: NannyML's synthetic binary classification dataset (work from home; it ships inside the
`nannyml` package, Apache-2.0), every 10th row of its reference and analysis sets (5,000 rows
each, the time axis and the analysis drift kept), with the analysis targets joined in. To
exercise imputation, every 97th `distance_from_office` and every 89th `salary_range` is blanked
(both sets). The "unseen" case sets every 53rd analysis `workday` to "Holiday", a category the
reference never has, in memory (each face's test applies the same rule).
"""

import json
import os
import pathlib

os.environ.setdefault("NML_DISABLE_USAGE_LOGGING", "1")
import nannyml as nml  # noqa: E402
import numpy as np
import pandas as pd
import sklearn

HERE = pathlib.Path(__file__).parent
DATA = HERE.parents[1] / "examples" / "data" / "nannyml"
FEATURES = [
    "distance_from_office",
    "salary_range",
    "gas_price_per_litre",
    "public_transportation_cost",
    "wfh_prev_workday",
    "workday",
    "tenure",
]
KEEP = ["timestamp", *FEATURES, "y_pred_proba", "y_pred", "work_home_actual"]


def bundled():
    reference, analysis, targets = nml.load_synthetic_binary_classification_dataset()
    analysis = analysis.merge(targets, on="id")
    out = []
    for frame in (reference, analysis):
        frame = frame.iloc[::10].reset_index(drop=True)[KEEP].copy()
        frame["salary_range"] = frame["salary_range"].astype(object)
        frame.loc[frame.index % 97 == 0, "distance_from_office"] = np.nan
        frame.loc[frame.index % 89 == 0, "salary_range"] = None
        out.append(frame)
    return out


def with_unseen_workdays(frame):
    """Every 53rd row's workday set to "Holiday", a category the reference never has."""
    frame = frame.copy()
    frame["workday"] = frame["workday"].astype(object)
    frame.loc[frame.index % 53 == 0, "workday"] = "Holiday"
    return frame


def load(name):
    frame = pd.read_csv(DATA / name)
    frame["wfh_prev_workday"] = frame["wfh_prev_workday"].astype(bool)
    return frame


def cell(value):
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, pd.Timestamp):
        return value.value  # ns since the epoch
    if isinstance(value, (float, np.floating)):
        return float(value)
    return str(value)


def rows(result):
    frame = result.to_df()
    out = []
    for _, row in frame.iterrows():
        record = {}
        for (group, field), value in row.items():
            record.setdefault(group, {})[field] = cell(value)
        out.append(record)
    return out


def reconstruction_cases(reference, analysis):
    cases = []
    configs = [
        {"chunk_size": 500},
        {"chunk_number": 7},
        {"chunk_period": "M"},
        {"chunk_size": 600, "n_components": 3},
        {"chunk_size": 500, "n_components": 0.9},
        {"chunk_size": 500, "threshold": {"type": "constant", "lower": 0.5, "upper": 1.2}},
        {"chunk_size": 500, "threshold": {"type": "standard_deviation", "std_lower_multiplier": 2, "std_upper_multiplier": None}},
        {},
        {"chunk_size": 500, "unseen": True},
    ]
    for config in configs:
        kwargs = dict(config)
        unseen = kwargs.pop("unseen", False)
        threshold = kwargs.pop("threshold", None)
        if threshold and threshold["type"] == "constant":
            kwargs["threshold"] = nml.thresholds.ConstantThreshold(lower=threshold["lower"], upper=threshold["upper"])
        elif threshold:
            kwargs["threshold"] = nml.thresholds.StandardDeviationThreshold(
                std_lower_multiplier=threshold["std_lower_multiplier"],
                std_upper_multiplier=threshold["std_upper_multiplier"],
            )
        calc = nml.DataReconstructionDriftCalculator(column_names=FEATURES, timestamp_column_name="timestamp", **kwargs)
        calc.fit(reference.copy())
        result = calc.calculate(with_unseen_workdays(analysis) if unseen else analysis.copy())
        cases.append(
            {
                "options": config,
                "n_components": int(calc._pca.n_components_),
                "columns": [list(c) for c in result.to_df().columns],
                "flat_columns": list(result.to_df(multilevel=False).columns),
                "rows": rows(result),
            }
        )
    return cases


CBPE_METRICS = ["roc_auc", "f1", "precision", "recall", "specificity", "accuracy"]


def cbpe_cases(reference, analysis):
    cases = []
    configs = [
        {"chunk_size": 500},
        {"chunk_period": "Q"},
        {"chunk_number": 8, "thresholds": {"f1": {"type": "constant", "lower": 0.93, "upper": None}}},
        {"chunk_size": 500, "targets": False},
    ]
    for config in configs:
        kwargs = dict(config)
        targets = kwargs.pop("targets", True)
        thresholds = kwargs.pop("thresholds", None)
        if thresholds:
            kwargs["thresholds"] = {
                k: nml.thresholds.ConstantThreshold(lower=t["lower"], upper=t["upper"]) for k, t in thresholds.items()
            }
        estimator = nml.CBPE(
            metrics=CBPE_METRICS, y_pred_proba="y_pred_proba", y_pred="y_pred", y_true="work_home_actual",
            problem_type="classification_binary", timestamp_column_name="timestamp", **kwargs,
        )
        estimator.fit(reference.copy())
        data = analysis.copy() if targets else analysis.drop(columns=["work_home_actual"])
        result = estimator.estimate(data)
        cases.append({
            "options": config,
            "needs_calibration": bool(estimator.needs_calibration),
            "columns": [list(c) for c in result.to_df().columns],
            "rows": rows(result),
        })
    return cases


def performance_cases(reference, analysis):
    """Realized performance; the "late" case blanks every 3rd analysis target (targets that
    have not arrived yet), in memory, a rule each face's test applies too."""
    cases = []
    for config in ({"chunk_size": 500}, {"chunk_period": "Q"}, {"chunk_size": 500, "late": True}):
        kwargs = dict(config)
        late = kwargs.pop("late", False)
        calc = nml.PerformanceCalculator(
            metrics=CBPE_METRICS, y_pred_proba="y_pred_proba", y_pred="y_pred", y_true="work_home_actual",
            problem_type="classification_binary", timestamp_column_name="timestamp", **kwargs,
        )
        calc.fit(reference.copy())
        data = analysis.copy()
        if late:
            data.loc[data.index % 3 == 0, "work_home_actual"] = np.nan
        result = calc.calculate(data)
        cases.append({"options": config, "columns": [list(c) for c in result.to_df().columns], "rows": rows(result)})
    return cases


REGRESSION_KEEP = ["timestamp", "car_age", "km_driven", "price_new", "accident_count", "door_count", "fuel",
                   "transmission", "y_pred", "y_true"]
REGRESSION_METRICS = ["mae", "mape", "mse", "msle", "rmse", "rmsle"]


def bundled_regression():
    """Every 10th row of NannyML's synthetic car price dataset (regression), targets joined."""
    reference, analysis, targets = nml.load_synthetic_car_price_dataset()
    analysis = analysis.merge(targets, on="id")
    return [frame.iloc[::10].reset_index(drop=True)[REGRESSION_KEEP].copy() for frame in (reference, analysis)]


def regression_cases(reference, analysis):
    """Realized regression performance; the "late" case blanks every 3rd analysis target."""
    cases = []
    for config in (
        {"chunk_size": 500, "metrics": REGRESSION_METRICS},
        {"chunk_period": "W", "metrics": ["mae", "rmse"]},
        {"chunk_number": 8, "metrics": ["mae", "mape"], "late": True,
         "thresholds": {"mae": {"type": "constant", "lower": 800, "upper": 1000}}},
    ):
        kwargs = dict(config)
        late = kwargs.pop("late", False)
        thresholds = kwargs.pop("thresholds", None)
        if thresholds:
            kwargs["thresholds"] = {
                m: nml.thresholds.ConstantThreshold(lower=t["lower"], upper=t["upper"]) for m, t in thresholds.items()
            }
        calc = nml.PerformanceCalculator(y_pred="y_pred", y_true="y_true", problem_type="regression",
                                         timestamp_column_name="timestamp", **kwargs)
        calc.fit(reference.copy())
        data = analysis.copy()
        if late:
            data.loc[data.index % 3 == 0, "y_true"] = np.nan
        result = calc.calculate(data)
        cases.append({"options": config, "columns": [list(c) for c in result.to_df().columns], "rows": rows(result)})
    return cases


def isotonic_cases():
    """scikit-learn's IsotonicRegression(out_of_bounds="clip"), the calibrator CBPE fits, on
    seeded scores with heavy ties and on a noisy monotone curve."""
    from sklearn.isotonic import IsotonicRegression

    rng = np.random.default_rng(20261206)
    cases = []
    for x, y in (
        (np.round(rng.uniform(size=300), 2), (rng.uniform(size=300) < 0.6).astype(float)),
        (rng.normal(size=200), np.sin(np.linspace(0, 3, 200)) + rng.normal(scale=0.3, size=200)),
    ):
        fitted = IsotonicRegression(out_of_bounds="clip").fit(x, y)
        at = np.concatenate([x[:50], np.linspace(x.min() - 1, x.max() + 1, 41)])
        cases.append({"x": x.tolist(), "y": y.tolist(), "at": at.tolist(), "predicted": fitted.predict(at).tolist(),
                      "knots_x": fitted.X_thresholds_.tolist(), "knots_y": fitted.y_thresholds_.tolist()})
    return cases


def main():
    DATA.mkdir(exist_ok=True)
    reference, analysis = bundled()
    reference.to_csv(DATA / "binary_reference.csv", index=False, float_format="%.8g")
    analysis.to_csv(DATA / "binary_analysis.csv", index=False, float_format="%.8g")
    reference, analysis = load("binary_reference.csv"), load("binary_analysis.csv")
    regression_reference, regression_analysis = bundled_regression()
    regression_reference.to_csv(DATA / "regression_reference.csv", index=False, float_format="%.8g")
    regression_analysis.to_csv(DATA / "regression_analysis.csv", index=False, float_format="%.8g")
    regression_reference = pd.read_csv(DATA / "regression_reference.csv")
    regression_analysis = pd.read_csv(DATA / "regression_analysis.csv")
    vectors = {
        "provenance": {
            "tool": f"nannyml {nml.__version__} (scikit-learn {sklearn.__version__} for isotonic)",
            "pandas": pd.__version__,
            "numpy": np.__version__,
            "script": "tests/vectors/generate_nannyml.py",
            "data": ["examples/data/nannyml/binary_reference.csv", "examples/data/nannyml/binary_analysis.csv",
                     "examples/data/nannyml/regression_reference.csv",
                     "examples/data/nannyml/regression_analysis.csv"],
            "features": FEATURES,
            "timestamps": "ns since the epoch (naive, as pandas keeps them)",
        },
        "reconstruction": reconstruction_cases(reference, analysis),
        "cbpe_metrics": CBPE_METRICS,
        "cbpe": cbpe_cases(reference, analysis),
        "performance": performance_cases(reference, analysis),
        "isotonic": isotonic_cases(),
        "regression_metrics": REGRESSION_METRICS,
        "regression": regression_cases(regression_reference, regression_analysis),
    }
    (HERE / "nannyml.json").write_text(json.dumps(vectors, indent=1) + "\n")


if __name__ == "__main__":
    main()
