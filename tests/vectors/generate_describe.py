"""Records describe() conformance vectors from scipy and numpy.

Run from the repository root with numpy and scipy installed:
    python tests/vectors/generate_describe.py
It rewrites tests/vectors/describe.json. The Rust, Python and Node suites read that file,
so all three faces are checked against the same independent reference.

References:
- moments (mean, variance with ddof=1, std, skewness, Fisher kurtosis, bias=True/False as
  scipy.stats.describe defines them) are computed exactly with Python's fractions module (every
  float64 is a rational, so the sums are exact) and rounded once at the end;
- scipy.stats.describe's own values are recorded beside them ("scipy"), and wherever scipy
  differs from the exact value by more than the tolerance its relative error is recorded too
  ("scipy_rel_error": float64 cancellation in scipy's two-pass formulas, e.g. offset_1e9);
- quantiles are numpy.quantile(x, p) (default method "linear"), numpy.nanquantile for "omit".
Where a quantity is undefined (scipy returns NaN) the vector holds null: edgekit reports
None/null there, never NaN.
"""

import csv
import datetime
import json
import math
import pathlib
import warnings
from fractions import Fraction

import numpy as np
import scipy
import scipy.stats

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "vectors" / "describe.json"
PROBS = [0.0, 0.01, 0.1, 0.25, 1 / 3, 0.5, 0.75, 0.9, 0.99, 1.0]


def column(path, name):
    with open(path, newline="") as f:
        return np.array([float(row[name]) for row in csv.DictReader(f)])


def finite_or_none(v):
    v = float(v)
    return v if math.isfinite(v) else None


def exact_moments(kept, bias):
    """Mean, variance, skewness and kurtosis by exact rational arithmetic."""
    x = [Fraction(v) for v in kept]
    n = len(x)
    mean = sum(x) / n
    m2, m3, m4 = (sum((v - mean) ** k for v in x) / n for k in (2, 3, 4))
    variance = m2 * n / (n - 1) if n > 1 else None
    if m2 == 0:
        skew = kurt = None
    else:
        skew = float(m3 / m2) / math.sqrt(float(m2))
        g2 = m4 / (m2 * m2) - 3
        kurt = float(g2)
        if not bias:
            skew = skew * math.sqrt(n * (n - 1)) / (n - 2) if n > 2 else None
            kurt = float(((n + 1) * g2 + 6) * Fraction(n - 1, (n - 2) * (n - 3))) if n > 3 else None
    return {
        "mean": float(mean),
        "variance": None if variance is None else float(variance),
        "std": None if variance is None else math.sqrt(float(variance)),
        "skewness": skew,
        "kurtosis": kurt,
    }


def expected(x, nan_policy, bias, probs):
    kept = x[~np.isnan(x)] if nan_policy == "omit" else x
    exact = exact_moments(kept, bias)
    d = scipy.stats.describe(x, ddof=1, bias=bias, nan_policy=nan_policy)
    scipy_values = {
        "mean": finite_or_none(d.mean),
        "variance": finite_or_none(d.variance) if len(kept) > 1 else None,
        "skewness": finite_or_none(d.skewness),
        "kurtosis": finite_or_none(d.kurtosis),
    }
    scipy_error = {
        k: abs(v - exact[k]) / max(abs(exact[k]), 1e-300)
        for k, v in scipy_values.items()
        if v is not None and exact[k] is not None and abs(v - exact[k]) > 1e-12 * max(abs(exact[k]), 1.0)
    }
    quantile = np.nanquantile if nan_policy == "omit" else np.quantile
    out = {
        "count": int(d.nobs),
        **exact,
        "min": float(d.minmax[0]),
        "max": float(d.minmax[1]),
        "quantiles": [[p, float(quantile(x, p))] for p in probs],
        "scipy": scipy_values,
    }
    if scipy_error:
        out["scipy_rel_error"] = scipy_error
    return out


def case(name, source, x, nan_policy="raise", bias=True, probs=PROBS):
    x = np.asarray(x, dtype=np.float64)
    return {
        "name": name,
        "source": source,
        "x": [None if math.isnan(v) else float(v) for v in x],
        "options": {"quantiles": probs, "nan_policy": nan_policy, "bias": bias},
        "expected": expected(x, nan_policy, bias, probs),
    }


def main():
    warnings.simplefilter("ignore", RuntimeWarning)  # scipy warns on the undefined cases
    rng = np.random.default_rng(20261122)
    goog_close = column(ROOT / "examples/data/GOOG.csv", "Close")
    eurusd_close = column(ROOT / "examples/data/EURUSD.csv", "Close")
    goog_volume = column(ROOT / "examples/data/GOOG.csv", "Volume")
    with_nans = rng.normal(10.0, 2.0, size=3000)
    with_nans[rng.choice(3000, size=137, replace=False)] = np.nan

    cases = [
        case("four_values", "hand-written", [1.0, 2.0, 3.0, 4.0]),
        case("two_values", "hand-written", [1.5, -2.25]),
        case("single_value", "hand-written", [42.0]),
        case("constant", "hand-written", [3.25] * 7),
        case("integers_with_ties", "numpy default_rng(20261122).integers(0, 5, 101)",
             rng.integers(0, 5, size=101)),
        case("normal_1000", "rng.normal(size=1000)", rng.normal(size=1000)),
        case("lognormal_5000", "rng.lognormal(0, 1, 5000)", rng.lognormal(0.0, 1.0, size=5000)),
        case("student_t3_5000", "rng.standard_t(3, 5000)", rng.standard_t(3, size=5000)),
        case("offset_1e9", "1e9 + rng.normal(size=2000): cancellation test",
             1e9 + rng.normal(size=2000)),
        case("uniform_9000_blocks", "rng.uniform(-5, 5, 9000): spans three 4096-value blocks",
             rng.uniform(-5.0, 5.0, size=9000)),
        case("nans_omitted", "rng.normal(10, 2, 3000) with 137 NaNs, nan_policy=omit",
             with_nans, nan_policy="omit"),
        case("goog_log_returns", "examples/data/GOOG.csv: diff(log(Close))",
             np.diff(np.log(goog_close))),
        case("goog_volume", "examples/data/GOOG.csv: Volume", goog_volume),
        case("eurusd_hourly_close", "examples/data/EURUSD.csv: Close", eurusd_close),
        case("lognormal_unbiased", "rng.lognormal(0, 0.5, 500), bias=False",
             rng.lognormal(0.0, 0.5, size=500), bias=False),
        case("goog_returns_unbiased", "GOOG log returns, bias=False",
             np.diff(np.log(goog_close)), bias=False, probs=[0.05, 0.5, 0.95]),
        case("no_quantiles", "hand-written, no quantiles requested", [1.0, 5.0, 2.0], probs=[]),
    ]
    errors = [
        {"name": "empty", "x": [], "options": {}, "code": "EDGEKIT_INVALID_INPUT",
         "message_contains": "x is empty"},
        {"name": "nan_raise", "x": [1.0, None, 3.0], "options": {}, "code": "EDGEKIT_INVALID_INPUT",
         "message_contains": "x[1] is NaN"},
        {"name": "all_nan_omit", "x": [None, None], "options": {"nan_policy": "omit"},
         "code": "EDGEKIT_INVALID_INPUT", "message_contains": "every value is NaN"},
        {"name": "infinite", "x": [1.0, 2.0, "inf"], "options": {}, "code": "EDGEKIT_INVALID_INPUT",
         "message_contains": "x[2] is inf"},
        {"name": "negative_infinite_omit", "x": [None, "-inf"], "options": {"nan_policy": "omit"},
         "code": "EDGEKIT_INVALID_INPUT", "message_contains": "x[1] is -inf"},
        {"name": "probability_above_one", "x": [1.0], "options": {"quantiles": [0.5, 1.5]},
         "code": "EDGEKIT_INVALID_INPUT", "message_contains": "quantiles[1] = 1.5"},
        {"name": "unknown_nan_policy", "x": [1.0], "options": {"nan_policy": "propagate"},
         "code": "EDGEKIT_INVALID_INPUT", "message_contains": "NaN policy \"propagate\" is unknown"},
        {"name": "overflow", "x": [1e200, -1e200, 3e200], "options": {},
         "code": "EDGEKIT_INVALID_INPUT", "message_contains": "overflows"},
    ]
    document = {
        "provenance": {
            "generator": "tests/vectors/generate_describe.py",
            "reference": "exact rational moments (fractions) with scipy.stats.describe(ddof=1) "
            "recorded beside them; numpy.quantile(method='linear')",
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "generated": datetime.date.today().isoformat(),
        },
        "tolerance": {
            "rtol": 1e-12,
            "atol_dimensionless": 1e-12,
            "note": "|got - want| <= rtol*|want|, or <= atol for skewness and kurtosis, whose "
            "values near 0 come from cancellation (g2 = m4/m2^2 - 3); count, min and max exact.",
        },
        "encoding": "x: null is NaN, \"inf\"/\"-inf\" are infinities; expected null is undefined",
        "cases": cases,
        "errors": errors,
    }
    OUT.write_text(json.dumps(document, indent=1, allow_nan=False) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(cases)} cases, {len(errors)} error cases")


if __name__ == "__main__":
    main()
