"""Records tests/vectors/metrics.json: realized performance metrics from scikit-learn on seeded
labels and predictions (binary, multiclass with absent and never-predicted classes, regression
with zeros and skew), the reference for edgekit's `drift::metrics` (issue 18, item 3).

    python -m venv /tmp/skl && /tmp/skl/bin/pip install scikit-learn==1.9.1
    /tmp/skl/bin/python tests/vectors/generate_metrics.py

Specificity has no scikit-learn function: it is recorded as TN / (TN + FP) of each class from
scikit-learn's confusion matrix (one-vs-rest), 0 when the class has no negatives.
"""

import json
import pathlib

import numpy as np
import sklearn
import sklearn.metrics as skm

rng = np.random.default_rng(20261212)
OUT = pathlib.Path(__file__).with_name("metrics.json")


def specificity(cm):
    total = cm.sum()
    out = []
    for k in range(cm.shape[0]):
        tp = cm[k, k]
        fp = cm[:, k].sum() - tp
        fn = cm[k, :].sum() - tp
        tn = total - tp - fp - fn
        out.append(float(tn / (tn + fp)) if tn + fp > 0 else 0.0)
    return out


def classification_case(y_true, y_pred, labels):
    cm = skm.confusion_matrix(y_true, y_pred, labels=labels)
    per = skm.precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    averages = {}
    for average in ("macro", "micro", "weighted"):
        p, r, f, _ = skm.precision_recall_fscore_support(y_true, y_pred, labels=labels, average=average, zero_division=0)
        averages[average] = {"precision": float(p), "recall": float(r), "f1": float(f)}
    spec = specificity(cm)
    return {
        "y_true": [int(x) for x in y_true],
        "y_pred": [int(x) for x in y_pred],
        "labels": [int(x) for x in labels],
        "want": {
            "confusion_matrix": cm.tolist(),
            "precision": per[0].tolist(),
            "recall": per[1].tolist(),
            "f1": per[2].tolist(),
            "support": [int(x) for x in per[3]],
            "specificity": spec,
            "accuracy": float(skm.accuracy_score(y_true, y_pred)),
            "balanced_accuracy": float(skm.balanced_accuracy_score(y_true, y_pred)) if len(set(y_true)) > 0 else None,
            "averages": averages,
            "macro_specificity": float(np.mean(spec)),
        },
    }


def classification_cases():
    cases = []
    for n, k in [(20, 2), (200, 2), (1000, 2), (50, 3), (500, 4), (2000, 5), (30, 6)]:
        for skew in (False, True):
            p = rng.dirichlet(np.ones(k) * (0.3 if skew else 3))
            y_true = rng.choice(k, size=n, p=p)
            noise = rng.random(n) < rng.uniform(0.1, 0.6)
            y_pred = np.where(noise, rng.choice(k, size=n), y_true)
            if skew:
                y_pred[y_pred == k - 1] = 0  # a class never predicted
            labels = np.arange(k)
            cases.append(classification_case(y_true, y_pred, labels))
    # Labels that are not 0..k-1, and a label absent from both sides.
    y_true = rng.choice([3, 7, 11], size=100)
    y_pred = np.where(rng.random(100) < 0.3, rng.choice([3, 7, 11], size=100), y_true)
    cases.append(classification_case(y_true, y_pred, np.array([3, 7, 11, 42])))
    return cases


def regression_cases():
    cases = []
    for n in (5, 50, 500, 2000):
        for kind in ("normal", "skewed", "zeros", "constant"):
            if kind == "normal":
                y = rng.normal(100, 15, n)
            elif kind == "skewed":
                y = rng.lognormal(2, 1, n)
            elif kind == "zeros":
                y = np.where(rng.random(n) < 0.2, 0.0, rng.lognormal(1, 0.5, n))
            else:
                y = np.full(n, 7.5)
            pred = np.abs(y + rng.normal(0, np.std(y) * 0.3 + 0.1, n))
            # Four decimals keep the file small; the metrics are computed on the rounded values.
            y, pred = np.round(y, 4), np.round(pred, 4)
            if kind == "constant" and n == 5:
                pred = y.copy()  # a perfect fit of a constant target: R² is 1
            want = {
                "mae": float(skm.mean_absolute_error(y, pred)),
                "mape": float(skm.mean_absolute_percentage_error(y, pred)),
                "mse": float(skm.mean_squared_error(y, pred)),
                "rmse": float(skm.root_mean_squared_error(y, pred)),
                "r2": float(skm.r2_score(y, pred)),
            }
            if (y >= 0).all() and (pred >= 0).all():
                want["msle"] = float(skm.mean_squared_log_error(y, pred))
                want["rmsle"] = float(skm.root_mean_squared_log_error(y, pred))
            cases.append({"y_true": y.tolist(), "y_pred": pred.tolist(), "want": want})
    return cases


vectors = {
    "provenance": {
        "generator": "tests/vectors/generate_metrics.py",
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "seed": 20261212,
        "notes": "precision/recall/F1 with zero_division=0; specificity = TN/(TN+FP) from sklearn's confusion matrix",
    },
    "classification": classification_cases(),
    "regression": regression_cases(),
}
OUT.write_text(json.dumps(vectors) + "\n")
print(f"wrote {OUT} ({len(vectors['classification'])} classification, {len(vectors['regression'])} regression cases)")
