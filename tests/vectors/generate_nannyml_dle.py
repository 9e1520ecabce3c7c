"""Records NannyML's direct loss estimation (issue 18): tests/vectors/nannyml_dle.json, NannyML's
`DLE` (LightGBM loss models, default hyperparameters unless a case sets them) on the car price
data generate_nannyml.py bundles (examples/data/nannyml/regression_*.csv).

    python -m venv /tmp/nml && /tmp/nml/bin/pip install nannyml==0.13.1 statsmodels
    /tmp/nml/bin/python tests/vectors/generate_nannyml_dle.py

The "holes" case blanks every 97th `km_driven` and every 89th `fuel` (reference and analysis) and
sets every 53rd analysis `transmission` to "semi-automatic", a category the reference never has,
so missing values and unseen categories take their paths. The "late" case blanks every 3rd
analysis target (the others give the `realized` values).
"""

import json
import os
import pathlib

os.environ.setdefault("NML_DISABLE_USAGE_LOGGING", "1")
import lightgbm  # noqa: E402
import nannyml as nml  # noqa: E402
import numpy as np
import pandas as pd

from generate_nannyml import rows

# NannyML 0.13 reshapes object columns, which pandas 3's Arrow-backed strings refuse.
pd.options.future.infer_string = False

HERE = pathlib.Path(__file__).parent
DATA = HERE.parents[1] / "examples" / "data" / "nannyml"
FEATURES = ["car_age", "km_driven", "price_new", "accident_count", "door_count", "fuel", "transmission"]

CONFIGS = [
    {"chunk_size": 1000},
    {"chunk_number": 5, "metrics": ["mae", "rmse"], "late": True,
     "hyperparameters": {"n_estimators": 60, "num_leaves": 15, "learning_rate": 0.15, "min_child_samples": 30}},
    {"chunk_size": 1000, "metrics": ["mae", "mse", "msle"], "holes": True,
     "thresholds": {"mae": {"type": "constant", "lower": 650, "upper": 900}}},
]


def with_holes(frame, analysis):
    frame = frame.copy()
    frame["fuel"] = frame["fuel"].astype(object)
    frame["transmission"] = frame["transmission"].astype(object)
    frame.loc[frame.index % 97 == 0, "km_driven"] = np.nan
    frame.loc[frame.index % 89 == 0, "fuel"] = None
    if analysis:
        frame.loc[frame.index % 53 == 0, "transmission"] = "semi-automatic"
    return frame


def case(reference, analysis, config):
    kwargs = dict(config)
    late = kwargs.pop("late", False)
    if kwargs.pop("holes", False):
        reference, analysis = with_holes(reference, False), with_holes(analysis, True)
    thresholds = kwargs.pop("thresholds", None)
    if thresholds:
        kwargs["thresholds"] = {
            m: nml.thresholds.ConstantThreshold(lower=t["lower"], upper=t["upper"]) for m, t in thresholds.items()
        }
    hyperparameters = kwargs.get("hyperparameters")
    if hyperparameters:
        # NannyML hands them to LGBMRegressor as they are (`verbose` only quiets its log).
        kwargs["hyperparameters"] = {**hyperparameters, "verbose": -1}
    dle = nml.DLE(feature_column_names=FEATURES, y_pred="y_pred", y_true="y_true",
                  timestamp_column_name="timestamp", **kwargs)
    dle.fit(reference)
    data = analysis.copy()
    if late:
        data.loc[data.index % 3 == 0, "y_true"] = np.nan
    else:
        data = data.drop(columns=["y_true"])
    result = dle.estimate(data)
    return {"options": config, "columns": [list(c) for c in result.to_df().columns], "rows": rows(result)}


def main():
    reference = pd.read_csv(DATA / "regression_reference.csv")
    analysis = pd.read_csv(DATA / "regression_analysis.csv")
    for frame in (reference, analysis):
        for column in ("fuel", "transmission"):
            frame[column] = frame[column].astype(object)
    vectors = {
        "provenance": {
            "tool": f"nannyml {nml.__version__} (lightgbm {lightgbm.__version__})",
            "pandas": pd.__version__,
            "numpy": np.__version__,
            "script": "tests/vectors/generate_nannyml_dle.py",
            "data": ["examples/data/nannyml/regression_reference.csv",
                     "examples/data/nannyml/regression_analysis.csv"],
            "features": FEATURES,
            "timestamps": "ns since the epoch (naive, as pandas keeps them)",
        },
        "dle": [case(reference, analysis, config) for config in CONFIGS],
    }
    (HERE / "nannyml_dle.json").write_text(json.dumps(vectors, indent=1) + "\n")


if __name__ == "__main__":
    main()
