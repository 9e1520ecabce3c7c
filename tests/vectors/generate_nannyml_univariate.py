"""Records NannyML's univariate drift per chunk (issue 18): tests/vectors/nannyml_univariate.json,
NannyML's `UnivariateDriftCalculator` on the binary data generate_nannyml.py bundles.

    python -m venv /tmp/nml && /tmp/nml/bin/pip install nannyml==0.13.1 statsmodels
    /tmp/nml/bin/python tests/vectors/generate_nannyml_univariate.py

Every continuous method (jensen_shannon, kolmogorov_smirnov, wasserstein, hellinger) on the five
continuous columns and every categorical one (jensen_shannon, chi2, l_infinity, hellinger) on the
three categorical columns; the reference is 5,000 rows, under NannyML's 10,000-row switch to
binned approximations, so its exact statistics are recorded. The "unseen" case sets every 53rd
analysis `workday` to "Holiday" (generate_nannyml.py's rule).
"""

import json
import os
import pathlib

os.environ.setdefault("NML_DISABLE_USAGE_LOGGING", "1")
import nannyml as nml  # noqa: E402
import numpy as np
import pandas as pd
import scipy

from generate_nannyml import cell, load, with_unseen_workdays

HERE = pathlib.Path(__file__).parent
CONTINUOUS = ["distance_from_office", "gas_price_per_litre", "public_transportation_cost", "tenure", "y_pred_proba"]
CATEGORICAL = ["salary_range", "wfh_prev_workday", "workday"]
CONTINUOUS_METHODS = ["jensen_shannon", "kolmogorov_smirnov", "wasserstein", "hellinger"]
CATEGORICAL_METHODS = ["jensen_shannon", "chi2", "l_infinity", "hellinger"]

CONFIGS = [
    {"chunk_size": 500},
    {"chunk_number": 7, "thresholds": {"jensen_shannon": {"type": "constant", "lower": None, "upper": 0.1}}},
    {"chunk_period": "M",
     "thresholds": {"hellinger": {"type": "standard_deviation", "std_lower_multiplier": 2,
                                  "std_upper_multiplier": 2}}},
    {"chunk_size": 500, "unseen": True},
]


def threshold(spec):
    if spec["type"] == "constant":
        return nml.thresholds.ConstantThreshold(lower=spec["lower"], upper=spec["upper"])
    return nml.thresholds.StandardDeviationThreshold(std_lower_multiplier=spec["std_lower_multiplier"],
                                                     std_upper_multiplier=spec["std_upper_multiplier"])


def rows(result):
    """Each chunk as {"chunk": {...}, column: {method: {field: value}}}."""
    frame = result.to_df()
    out = []
    for _, row in frame.iterrows():
        record = {}
        for (column, method, field), value in row.items():
            if column == "chunk":
                record.setdefault("chunk", {})[field] = cell(value)
            else:
                record.setdefault(column, {}).setdefault(method, {})[field] = cell(value)
        out.append(record)
    return out


def main():
    data = pathlib.Path(__file__).parents[2] / "examples" / "data" / "nannyml"
    reference, analysis = load(data / "binary_reference.csv"), load(data / "binary_analysis.csv")
    cases = []
    for config in CONFIGS:
        kwargs = dict(config)
        unseen = kwargs.pop("unseen", False)
        thresholds = kwargs.pop("thresholds", None)
        if thresholds:
            kwargs["thresholds"] = {m: threshold(t) for m, t in thresholds.items()}
        calc = nml.UnivariateDriftCalculator(
            column_names=CONTINUOUS + CATEGORICAL, treat_as_categorical=CATEGORICAL,
            treat_as_numerical=CONTINUOUS, timestamp_column_name="timestamp",
            continuous_methods=CONTINUOUS_METHODS, categorical_methods=CATEGORICAL_METHODS, **kwargs)
        calc.fit(reference.copy())
        result = calc.calculate(with_unseen_workdays(analysis) if unseen else analysis.copy())
        cases.append({"options": config, "columns": [list(c) for c in result.to_df().columns],
                      "rows": rows(result)})
    vectors = {
        "provenance": {
            "tool": f"nannyml {nml.__version__} (scipy {scipy.__version__})",
            "pandas": pd.__version__,
            "numpy": np.__version__,
            "script": "tests/vectors/generate_nannyml_univariate.py",
            "data": ["examples/data/nannyml/binary_reference.csv", "examples/data/nannyml/binary_analysis.csv"],
            "timestamps": "ns since the epoch (naive, as pandas keeps them)",
        },
        "continuous": CONTINUOUS,
        "categorical": CATEGORICAL,
        "continuous_methods": CONTINUOUS_METHODS,
        "categorical_methods": CATEGORICAL_METHODS,
        "cases": cases,
    }
    (HERE / "nannyml_univariate.json").write_text(json.dumps(vectors, indent=1) + "\n")


if __name__ == "__main__":
    main()
