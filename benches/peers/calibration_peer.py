"""edgekit.calibration against scikit-learn and numpy on the same data in one run.

    python -m venv /tmp/nml && /tmp/nml/bin/pip install scikit-learn
    /tmp/nml/bin/pip install target/wheels/edgekit-*.whl   # a release wheel
    /tmp/nml/bin/python benches/peers/calibration_peer.py [--repeat 5]

Work: (1) reliability curve of 10^6 probabilities in 10 quantile bins (scikit-learn's
`calibration_curve`); (2) Platt scaling fitted on 10^5 scores (`_SigmoidCalibration`, what
`CalibratedClassifierCV(method="sigmoid")` fits) and applied to 10^6; (3) isotonic calibration
fitted on 10^6 and applied to 10^6 (`IsotonicRegression(out_of_bounds="clip")`); (4) split
conformal regression: the threshold from 10^6 calibration residuals and the coverage of 10^6
holdout points (the formula in numpy, as MAPIE computes it). Answers are compared; prints each
time and the ratio peer / edgekit (above 1: edgekit is faster).
"""

import argparse
import os
import statistics
import time

import numpy as np
import sklearn
from sklearn.calibration import _SigmoidCalibration, calibration_curve
from sklearn.isotonic import IsotonicRegression

from edgekit import calibration as ek


def timed(fn, repeat):
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def row(name, peer, ours):
    print(f"{name:<62} peer {peer * 1e3:9.2f} ms   edgekit {ours * 1e3:8.2f} ms   {peer / ours:6.1f}x")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, {os.cpu_count()} cores")
    rng = np.random.default_rng(7)
    y = (rng.uniform(size=1_000_000) < 0.4).astype(float)
    p = 1 / (1 + np.exp(-(2.5 * y - 1.2 + rng.normal(scale=1.1, size=y.size))))

    want = calibration_curve(y, p, n_bins=10, strategy="quantile")
    got = ek.calibration_curve(y, p, n_bins=10, strategy="quantile")
    assert np.allclose(got, want, rtol=1e-12)
    row("reliability curve, 1e6 probabilities, 10 quantile bins",
        timed(lambda: calibration_curve(y, p, n_bins=10, strategy="quantile"), repeat),
        timed(lambda: ek.calibration_curve(y, p, n_bins=10, strategy="quantile"), repeat))

    fit_p, fit_y = p[:100_000], y[:100_000]
    peer = _SigmoidCalibration().fit(fit_p, fit_y)
    ours = ek.Calibrator("sigmoid").fit(fit_p, fit_y)
    assert np.allclose([ours.a_, ours.b_], [peer.a_, peer.b_], rtol=1e-6)
    assert np.allclose(ours.predict(p), peer.predict(p), atol=1e-7)
    row("Platt: fit on 1e5, calibrate 1e6",
        timed(lambda: _SigmoidCalibration().fit(fit_p, fit_y).predict(p), repeat),
        timed(lambda: ek.Calibrator("sigmoid").fit(fit_p, fit_y).predict(p), repeat))

    peer = IsotonicRegression(out_of_bounds="clip").fit(p, y)
    ours = ek.Calibrator("isotonic").fit(p, y)
    assert np.allclose(ours.predict(p), peer.predict(p), atol=1e-12)
    row("isotonic: fit on 1e6, calibrate 1e6",
        timed(lambda: IsotonicRegression(out_of_bounds="clip").fit(p, y).predict(p), repeat),
        timed(lambda: ek.Calibrator("isotonic").fit(p, y).predict(p), repeat))

    truth = rng.gamma(4.0, 1250.0, size=2_000_000)
    predicted = truth * (1 + rng.normal(scale=0.15, size=truth.size))
    (cal_y, hold_y), (cal_p, hold_p) = np.split(truth, 2), np.split(predicted, 2)

    def numpy_conformal():
        scores = np.sort(np.abs(cal_y - cal_p))
        q = scores[int(np.ceil((scores.size + 1) * 0.9)) - 1]
        return q, np.mean((hold_p - q <= hold_y) & (hold_y <= hold_p + q))

    def edgekit_conformal():
        fitted = ek.ConformalRegressor(alpha=0.1).fit(cal_y, cal_p)
        return fitted.half_widths[""], fitted.evaluate(hold_y, hold_p)["coverage"]

    assert numpy_conformal() == edgekit_conformal()
    row("split conformal: threshold from 1e6 residuals, coverage of 1e6",
        timed(numpy_conformal, repeat), timed(edgekit_conformal, repeat))


if __name__ == "__main__":
    main()
