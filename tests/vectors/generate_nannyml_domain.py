"""Records NannyML's domain classifier drift (issue 18): tests/vectors/nannyml_domain.json,
NannyML's `DomainClassifierCalculator` (LightGBM classifiers, 5-fold stratified cross-validation)
on the binary data generate_nannyml.py bundles (examples/data/nannyml/binary_*.csv: missing
distances and salary ranges included).

    python -m venv /tmp/nml && /tmp/nml/bin/pip install nannyml==0.13.1 statsmodels
    /tmp/nml/bin/python tests/vectors/generate_nannyml_domain.py

The "unseen" case sets every 53rd analysis `workday` to "Holiday" (generate_nannyml.py's rule).
"""

import json
import os
import pathlib

os.environ.setdefault("NML_DISABLE_USAGE_LOGGING", "1")
import lightgbm  # noqa: E402
import nannyml as nml  # noqa: E402
import numpy as np
import pandas as pd

from generate_nannyml import FEATURES, load, rows, with_unseen_workdays

pd.options.future.infer_string = False

HERE = pathlib.Path(__file__).parent

CONFIGS = [
    {"chunk_size": 500},
    {"chunk_number": 4, "cv_folds_num": 3,
     "hyperparameters": {"n_estimators": 40, "num_leaves": 7, "learning_rate": 0.2, "min_child_samples": 40},
     "threshold": {"type": "standard_deviation", "std_lower_multiplier": 2, "std_upper_multiplier": 2}},
    {"chunk_period": "Q", "unseen": True},
]


def case(reference, analysis, config):
    kwargs = dict(config)
    if kwargs.pop("unseen", False):
        analysis = with_unseen_workdays(analysis)
    threshold = kwargs.pop("threshold", None)
    if threshold:
        kwargs["threshold"] = nml.thresholds.StandardDeviationThreshold(
            std_lower_multiplier=threshold["std_lower_multiplier"],
            std_upper_multiplier=threshold["std_upper_multiplier"])
    if "hyperparameters" in kwargs:
        kwargs["hyperparameters"] = {**kwargs["hyperparameters"], "verbose": -1}
    else:
        kwargs["hyperparameters"] = {**nml.drift.multivariate.domain_classifier.calculator.DEFAULT_LGBM_HYPERPARAMS,
                                     "verbose": -1}
    calc = nml.DomainClassifierCalculator(feature_column_names=FEATURES, timestamp_column_name="timestamp", **kwargs)
    calc.fit(reference)
    result = calc.calculate(analysis)
    return {"options": config, "columns": [list(c) for c in result.to_df().columns], "rows": rows(result)}


def main():
    reference, analysis = load("binary_reference.csv"), load("binary_analysis.csv")
    for frame in (reference, analysis):
        for column in ("salary_range", "workday"):
            frame[column] = frame[column].astype(object)
    vectors = {
        "provenance": {
            "tool": f"nannyml {nml.__version__} (lightgbm {lightgbm.__version__})",
            "pandas": pd.__version__,
            "numpy": np.__version__,
            "script": "tests/vectors/generate_nannyml_domain.py",
            "data": ["examples/data/nannyml/binary_reference.csv", "examples/data/nannyml/binary_analysis.csv"],
            "features": FEATURES,
            "timestamps": "ns since the epoch (naive, as pandas keeps them)",
        },
        "domain": [case(reference, analysis, config) for config in CONFIGS],
    }
    (HERE / "nannyml_domain.json").write_text(json.dumps(vectors, indent=1) + "\n")


if __name__ == "__main__":
    main()
