"""Records the calibration and conformal vectors (issue 18) in tests/vectors/calibration.json.

    python3 -m venv /tmp/cal && /tmp/cal/bin/pip install scikit-learn numpy
    /tmp/cal/bin/python tests/vectors/generate_calibration.py

References (scikit-learn as installed, version recorded in the file):
- reliability curves: `sklearn.calibration.calibration_curve` (prob_true, prob_pred); the bin
  counts, ECE (count-weighted mean gap) and MCE (largest gap) from the same binning in numpy;
- Platt scaling: `sklearn.calibration._SigmoidCalibration` (what `CalibratedClassifierCV(
  method="sigmoid")` fits per class): its `a_`, `b_` and predictions;
- isotonic calibration: `sklearn.isotonic.IsotonicRegression(out_of_bounds="clip")` (what
  `CalibratedClassifierCV(method="isotonic")` fits) and its predictions;
- split conformal prediction: the formula directly (the ⌈(n + 1)(1 − alpha)⌉-th smallest
  nonconformity score, `|y − ŷ|` for regression, `1 − p̂(true class)` for classification, per
  group for Mondrian), with the holdout's empirical coverage and mean width / set size.

Data (both bundled under examples/data/):
- binary classifier: NannyML's synthetic "work from home" model (examples/data/nannyml/):
  `y_pred_proba` against `work_home_actual`; calibrators fitted on the reference rows and
  applied to the analysis rows; also on raw margins `3 · logit(p)` (p clipped to [0.005, 0.995]).
- regression: NFL games (examples/data/spreadspoke_scores.csv), the closing over/under line as
  the prediction of the total points; seasons 2000–2012 calibrate, 2013–2024 are the holdout;
  rows where both scores and the line are numbers. Groups: "indoor" where weather_detail is
  "indoor", else "outdoor".
"""

import csv
import json
import pathlib

import numpy as np
import sklearn
from sklearn.calibration import _SigmoidCalibration, calibration_curve
from sklearn.isotonic import IsotonicRegression

HERE = pathlib.Path(__file__).parent
DATA = HERE.parents[1] / "examples" / "data"
EVERY = 25  # predictions recorded for every 25th analysis row (the curves below use them all)


def nannyml(name):
    with open(DATA / "nannyml" / name, newline="") as f:
        rows = list(csv.DictReader(f))
    proba = np.array([float(r["y_pred_proba"]) for r in rows])
    target = np.array([float(r["work_home_actual"]) for r in rows])
    return proba, target


def margins(p):
    p = np.clip(p, 0.005, 0.995)
    return 3.0 * np.log(p / (1.0 - p))


def nfl():
    """(season, total, line, group) for seasons 2000-2024 with numbers where needed."""
    out = []
    with open(DATA / "spreadspoke_scores.csv") as f:
        lines = f.read().splitlines()
    for line in lines[1:]:
        cells = line.split(",")
        try:
            season = int(cells[1])
            total = float(cells[5]) + float(cells[6])
            ou = float(cells[10])
        except (ValueError, IndexError):
            continue
        if 2000 <= season <= 2024:
            out.append((season, total, ou, "indoor" if cells[16] == "indoor" else "outdoor"))
    return out


def curve(y, p, n_bins, strategy):
    prob_true, prob_pred = calibration_curve(y, p, n_bins=n_bins, strategy=strategy)
    if strategy == "quantile":
        bins = np.percentile(p, np.linspace(0, 1, n_bins + 1) * 100)
    else:
        bins = np.linspace(0.0, 1.0, n_bins + 1)
    ids = np.searchsorted(bins[1:-1], p)
    counts = np.bincount(ids, minlength=n_bins)
    counts = counts[counts != 0]
    gaps = np.abs(prob_true - prob_pred)
    return {
        "n_bins": n_bins,
        "strategy": strategy,
        "prob_true": prob_true.tolist(),
        "prob_pred": prob_pred.tolist(),
        "counts": counts.tolist(),
        "bin_edges": bins.tolist(),
        "ece": float((counts / counts.sum() * gaps).sum()),
        "mce": float(gaps.max()),
        "brier": float(np.mean((p - y) ** 2)),
    }


def quantile(scores, alpha):
    scores = np.sort(np.asarray(scores))
    k = int(np.ceil((len(scores) + 1) * (1 - alpha)))
    return float(scores[k - 1])


def main():
    ref_p, ref_y = nannyml("binary_reference.csv")
    ana_p, ana_y = nannyml("binary_analysis.csv")
    curves = [curve(ana_y, ana_p, n, s) for n, s in [(5, "uniform"), (10, "uniform"), (10, "quantile"), (7, "quantile")]]

    calibrators = []
    for name, fit_scores, new_scores in [("probabilities", ref_p, ana_p), ("margins", margins(ref_p), margins(ana_p))]:
        sigmoid = _SigmoidCalibration().fit(fit_scores, ref_y)
        isotonic = IsotonicRegression(out_of_bounds="clip").fit(fit_scores, ref_y)
        probe = np.linspace(new_scores.min() - 0.5, new_scores.max() + 0.5, 41)
        calibrators.append({
            "scores": name,
            "sigmoid": {"a": float(sigmoid.a_), "b": float(sigmoid.b_),
                        "analysis": sigmoid.predict(new_scores)[::EVERY].tolist(),
                        "probe": sigmoid.predict(probe).tolist()},
            "isotonic": {"analysis": isotonic.predict(new_scores)[::EVERY].tolist(),
                         "probe": isotonic.predict(probe).tolist()},
            "analysis_every": EVERY,
            "probe": probe.tolist(),
            "analysis_curve_after": {
                method: curve(ana_y, np.clip(model.predict(new_scores), 0, 1), 10, "uniform")
                for method, model in [("sigmoid", sigmoid), ("isotonic", isotonic)]
            },
        })

    games = nfl()
    cal = [g for g in games if g[0] <= 2012]
    hold = [g for g in games if g[0] >= 2013]
    regression = []
    for alpha in (0.1, 0.2, 0.05):
        for grouped in (False, True):
            groups = sorted({g[3] for g in cal}) if grouped else [None]
            widths = {}
            for group in groups:
                scores = [abs(t - p) for _, t, p, g in cal if group is None or g == group]
                widths[group or ""] = quantile(scores, alpha)
            width = [widths[g if grouped else ""] for _, _, _, g in hold]
            inside = [p - w <= t <= p + w for (_, t, p, _), w in zip(hold, width)]
            regression.append({
                "alpha": alpha,
                "grouped": grouped,
                "half_widths": widths,
                "coverage": float(np.mean(inside)),
                "mean_width": float(np.mean(2 * np.array(width))),
                "n": len(hold),
            })

    classification = []
    ref_proba = np.column_stack([1 - ref_p, ref_p])
    ana_proba = np.column_stack([1 - ana_p, ana_p])
    ref_labels, ana_labels = ref_y.astype(int), ana_y.astype(int)
    for alpha in (0.1, 0.2, 0.05):
        for class_conditional in (False, True):
            scores = 1 - ref_proba[np.arange(len(ref_labels)), ref_labels]
            if class_conditional:
                thresholds = [quantile(scores[ref_labels == c], alpha) for c in (0, 1)]
            else:
                thresholds = [quantile(scores, alpha)]
            q = np.array(thresholds if class_conditional else thresholds * 2)
            sets = 1 - ana_proba <= q[None, :]
            classification.append({
                "alpha": alpha,
                "class_conditional": class_conditional,
                "thresholds": thresholds,
                "coverage": float(sets[np.arange(len(ana_labels)), ana_labels].mean()),
                "mean_size": float(sets.sum(axis=1).mean()),
                "n": len(ana_labels),
                "first_sets": sets[:20].astype(int).tolist(),
            })

    out = {
        "provenance": f"tests/vectors/generate_calibration.py with scikit-learn {sklearn.__version__}, numpy "
                      f"{np.__version__}; data: examples/data/nannyml (binary) and examples/data/spreadspoke_scores.csv",
        "curves": curves,
        "calibrators": calibrators,
        "regression": regression,
        "classification": classification,
    }
    (HERE / "calibration.json").write_text(json.dumps(out) + "\n")
    print({k: len(v) for k, v in out.items() if isinstance(v, list)})
    print(regression[0], regression[1])
    print({k: v for k, v in classification[1].items() if k != "first_sets"})


if __name__ == "__main__":
    main()
