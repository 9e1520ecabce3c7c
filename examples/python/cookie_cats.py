"""Analyse the cookie_cats A/B test with edgekit.abtest and pandas.

    python examples/python/cookie_cats.py

gate_30 is the control (a), gate_40 the treatment (b). Prints the SRM check and a decision
table for 1-day and 7-day retention and game rounds, with Holm-adjusted p-values.
"""

import pathlib

import pandas as pd

from edgekit import abtest

DATA = pathlib.Path(__file__).resolve().parents[1] / "data" / "cookie_cats.csv"


def main():
    df = pd.read_csv(DATA)
    a, b = (df[df.version == v] for v in ("gate_30", "gate_40"))

    check = abtest.srm([len(a), len(b)], [0.5, 0.5])
    print(f"SRM: {len(a)} vs {len(b)} users, p = {check['pvalue']:.4f} "
          f"({'mismatch: stop' if check['pvalue'] < 0.001 else 'no mismatch at p < 0.001'})")

    results = {
        "1-day retention": abtest.two_proportions(
            int(a.retention_1.sum()), len(a), int(b.retention_1.sum()), len(b),
            ci_method="newcomb"),
        "7-day retention": abtest.two_proportions(
            int(a.retention_7.sum()), len(a), int(b.retention_7.sum()), len(b),
            ci_method="newcomb"),
        "game rounds": abtest.welch(a.sum_gamerounds.to_numpy(float),
                                    b.sum_gamerounds.to_numpy(float)),
    }
    adjusted = abtest.adjust_pvalues([r.pvalue for r in results.values()], method="holm")
    table = pd.DataFrame(
        [{"metric": name, "effect (b - a)": r.effect, "ci_low": r.ci[0], "ci_high": r.ci[1],
          "relative": r.relative_effect, "p": r.pvalue, "p_holm": q,
          "decision": "significant" if q < 0.05 else "no evidence"}
         for (name, r), q in zip(results.items(), adjusted)])
    with pd.option_context("display.float_format", "{:.4g}".format, "display.width", 120):
        print(table.to_string(index=False))

    # The same metrics through gbstats' Bayesian and sequential lenses and a BCa bootstrap.
    lenses = []
    for name, col in (("1-day retention", "retention_1"), ("7-day retention", "retention_7"),
                      ("game rounds", "sum_gamerounds")):
        xa, xb = a[col].to_numpy(float), b[col].to_numpy(float)
        summary = lambda x: (len(x), x.mean(), x.var(ddof=1))
        if col == "sum_gamerounds":
            bayes = abtest.bayes_gaussian(summary(xa), summary(xb))
            seq = abtest.sequential(summary(xa), summary(xb))
        else:
            counts = (int(xa.sum()), len(xa), int(xb.sum()), len(xb))
            bayes = abtest.bayes_conversions(*counts)
            seq = abtest.sequential_conversions(*counts)
        boot = abtest.bootstrap(xa, xb, n_resamples=4999, seed=2026)
        lenses.append({"metric": name, "P(b wins)": bayes.chance_to_win,
                       "risk of b": bayes.risk_treatment, "sequential p": seq.pvalue,
                       "bootstrap low": boot.ci[0], "bootstrap high": boot.ci[1]})
    with pd.option_context("display.float_format", "{:.4g}".format, "display.width", 120):
        print(pd.DataFrame(lenses).to_string(index=False))

    # Game rounds are heavy-tailed: compare medians and 90th percentiles too (quantile metrics).
    rounds_a, rounds_b = a.sum_gamerounds.to_numpy(float), b.sum_gamerounds.to_numpy(float)
    for label, kwargs in (("median", {"statistic": "median_diff"}),
                          ("p90", {"statistic": "quantile_diff", "quantile": 0.9})):
        r = abtest.bootstrap(rounds_a, rounds_b, method="percentile", n_resamples=1999, seed=7,
                             **kwargs)
        print(f"game rounds {label}: b - a = {r.estimate:+.1f}, 95% CI [{r.ci[0]:+.1f}, {r.ci[1]:+.1f}]")

    plan = abtest.sample_size(p_a=a.retention_7.mean(), p_b=a.retention_7.mean() * 0.98, power=0.8)
    print(f"Users per arm to detect a 2% relative drop in 7-day retention at 80% power: "
          f"{plan['n_a_required']:,}")


if __name__ == "__main__":
    main()
