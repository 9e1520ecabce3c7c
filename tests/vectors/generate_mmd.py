"""Records the multivariate MMD vectors (issue 18) in tests/vectors/mmd_multivariate.json.

    python3 -m venv /tmp/mmd && /tmp/mmd/bin/pip install numpy
    /tmp/mmd/bin/python tests/vectors/generate_mmd.py

The reference is a direct numpy computation of alibi-detect's `MMDDrift` test (alibi-detect
0.13, `alibi_detect/cd/pytorch/mmd.py` and `utils/pytorch/kernels.py`; its torch/tensorflow
backends are too heavy for a recording venv, and the issue allows the direct computation):

- squared Euclidean distances; bandwidth by the median heuristic on the reference against
  itself: sort all n² distances (diagonal zeros included), take the one at index
  n + (n² − n) // 2 − 1, sigma = sqrt(0.5 · it);
- kernel exp(−d / (2 sigma²)) on the pooled rows (reference first), diagonal zeroed;
- unbiased MMD² = sum(Kxx)/(n(n−1)) + sum(Kyy)/(m(m−1)) − 2 mean(Kxy);
- p-value = share of permuted MMD² ≥ the observed, where a permutation shuffles the pooled rows
  and calls the first n the reference; distance_threshold = the permuted MMD² sorted in
  descending order, at index int(p_val · permutations).

The permutation distribution is recorded from 20,000 numpy permutations (seed 2026); a face that
draws its own 1,000 must land within the binomial band of the recorded p-value. The first few
permutations are also computed the naive way (indexing the kernel matrix, as alibi-detect does)
and checked against the quadratic-form route used for the rest.

Data: examples/data/nannyml/ (NannyML's synthetic binary dataset, see its README entry), its
complete numeric columns.
"""

import csv
import json
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).parent
DATA = HERE.parents[1] / "examples" / "data" / "nannyml"
COLUMNS = ["gas_price_per_litre", "public_transportation_cost", "tenure", "y_pred_proba"]
PERMUTATIONS = 20_000
CASES = [
    # name, reference rows, analysis rows, sigma, columns
    ("early analysis, no drift expected", (0, 500), (0, 500), None, COLUMNS),
    ("late analysis, drifted", (0, 500), (4000, 4400), None, COLUMNS),
    ("two columns, fixed sigma", (1000, 1400), (2500, 2800), 1.5, COLUMNS[:2]),
    ("scores alone", (0, 300), (3000, 3350), None, COLUMNS[3:]),
]


def load(name, columns):
    with open(DATA / name, newline="") as f:
        rows = list(csv.DictReader(f))
    return np.array([[float(r[c]) for c in columns] for r in rows])


def squared_distances(x, y):
    return ((x[:, None, :] - y[None, :, :]) ** 2).sum(axis=-1)


def naive_mmd2(kernel, n, idx):
    k = kernel[idx][:, idx]
    m = k.shape[0] - n
    kxx, kyy, kxy = k[:n, :n], k[n:, n:], k[n:, :n]
    return kxx.sum() / (n * (n - 1)) + kyy.sum() / (m * (m - 1)) - 2.0 * kxy.mean()


def case(name, ref_rows, cur_rows, sigma, columns, rng):
    x = load("binary_reference.csv", columns)[slice(*ref_rows)]
    y = load("binary_analysis.csv", columns)[slice(*cur_rows)]
    n, m = len(x), len(y)
    if sigma is None:
        d = np.sort(squared_distances(x, x).ravel())
        sigma = float(np.sqrt(0.5 * d[n + (n * n - n) // 2 - 1]))
    pooled = np.vstack([x, y])
    kernel = np.exp(-squared_distances(pooled, pooled) / (2.0 * sigma * sigma))
    np.fill_diagonal(kernel, 0.0)
    total, rows = kernel.sum(), kernel.sum(axis=1)

    def statistic(q, r):
        return q / (n * (n - 1)) + (total - 2 * r + q) / (m * (m - 1)) - 2 * (r - q) / (n * m)

    observed = naive_mmd2(kernel, n, np.arange(n + m))
    permuted = []
    for start in range(0, PERMUTATIONS, 2000):
        perms = [rng.permutation(n + m) for _ in range(2000)]
        g = np.zeros((n + m, len(perms)))
        for p, idx in enumerate(perms):
            g[idx[:n], p] = 1.0
        q = np.einsum("ip,ip->p", g, kernel @ g)
        stats = statistic(q, rows @ g)
        if start == 0:
            for p in range(5):
                naive = naive_mmd2(kernel, n, perms[p])
                assert abs(naive - stats[p]) <= 1e-12 * max(1.0, abs(naive)), (naive, stats[p])
        permuted.extend(stats.tolist())
    permuted = np.array(permuted)
    p_val = float((observed <= permuted).mean())
    return {
        "name": name,
        "columns": columns,
        "reference_rows": list(ref_rows),
        "current_rows": list(cur_rows),
        "sigma": None if name.find("fixed") < 0 else sigma,
        "expected": {
            "sigma": sigma,
            "distance": float(observed),
            "p_val": p_val,
            "distance_threshold_05": float(np.sort(permuted)[::-1][int(0.05 * PERMUTATIONS)]),
            "permutations": PERMUTATIONS,
        },
    }


def main():
    rng = np.random.default_rng(2026)
    cases = [case(*c, rng) for c in CASES]
    out = {
        "provenance": "tests/vectors/generate_mmd.py: alibi-detect 0.13 MMDDrift computed directly "
        f"in numpy {np.__version__} on examples/data/nannyml (see the script's docstring)",
        "cases": cases,
    }
    (HERE / "mmd_multivariate.json").write_text(json.dumps(out, indent=1) + "\n")
    for c in cases:
        print(c["name"], c["expected"])


if __name__ == "__main__":
    main()
