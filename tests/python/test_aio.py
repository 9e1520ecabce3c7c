"""edgekit.aio: awaitable twins for async endpoints give the same answers and errors, and
the event loop keeps running while they compute (the native work releases the GIL)."""

import asyncio

import numpy as np
import pytest

import edgekit
from edgekit import abtest, aio, drift, lineup, stats


def test_twins_give_the_same_answers_as_the_calls():
    rng = np.random.default_rng(4)
    a, b = rng.normal(size=3000), rng.normal(0.1, size=3000)
    rng_pre = (rng.normal(size=3000), rng.normal(size=3000))

    async def main():
        return await asyncio.gather(
            aio.abtest.bootstrap(a, b, n_resamples=500, seed=3),
            aio.drift.ks_2samp(a, b),
            aio.stats.describe(a),
            aio.drift.report({"x": a}, {"x": b}),
            aio.abtest.cuped(a, b, a + rng_pre[0], b + rng_pre[1]),
        )

    boot, ks, d, report, cuped = asyncio.run(main())
    assert boot == abtest.bootstrap(a, b, n_resamples=500, seed=3)
    assert ks == drift.ks_2samp(a, b)
    assert d == stats.describe(a)
    assert report == drift.report({"x": a}, {"x": b})
    assert cuped == abtest.cuped(a, b, a + rng_pre[0], b + rng_pre[1])
    assert aio.drift.report.__name__ == "report" and aio.drift.report.__doc__ == drift.report.__doc__


def test_monitoring_and_calibration_twins():
    from edgekit import calibration, monitoring

    rng = np.random.default_rng(5)
    x_ref, x = rng.normal(size=(400, 3)), rng.normal(size=(300, 3)) + 0.2
    frame = {"p": rng.uniform(size=2000), "y": (rng.uniform(size=2000) < 0.5).astype(float)}
    frame["label"] = (frame["p"] >= 0.5).astype(float)

    async def main():
        mmd = monitoring.MMDDrift(x_ref, n_permutations=50, seed=1)
        calc = monitoring.PerformanceCalculator(metrics=["f1"], y_pred="label", y_true="y",
                                                problem_type="classification_binary", chunk_size=500)
        await aio.monitoring.fit(calc, frame)
        isotonic = await aio.calibration.fit(calibration.Calibrator("isotonic"), frame["p"], frame["y"])
        return mmd, calc, isotonic, await asyncio.gather(
            aio.monitoring.predict(mmd, x),
            aio.monitoring.calculate(calc, frame),
            aio.calibration.predict(isotonic, frame["p"]),
            aio.calibration.reliability_curve(frame["y"], frame["p"]),
        )

    mmd, calc, isotonic, (found, rows, calibrated, curve) = asyncio.run(main())
    assert found == mmd.predict(x)
    assert rows.to_dict() == calc.calculate(frame).to_dict()
    assert (calibrated == isotonic.predict(frame["p"])).all()
    assert curve == calibration.reliability_curve(frame["y"], frame["p"])


def test_twins_raise_the_typed_errors():
    with pytest.raises(edgekit.InvalidInputError):
        asyncio.run(aio.drift.ks_2samp([], [1.0]))
    with pytest.raises(edgekit.InputTypeError):
        asyncio.run(aio.abtest.bootstrap([1.0, 2.0], [3.0, 4.0], n_resample=10))
    with pytest.raises(edgekit.InfeasibleError):
        root = __import__("pathlib").Path(__file__).resolve().parents[2]
        s = lineup.Slate.from_csv(root / "examples/data/lineup/dk_nfl_classic_2019wk1_seenahuang.csv",
                                  site="draftkings", sport="nfl")
        asyncio.run(aio.lineup.optimize(s, rules={"locks": ["Patrick Mahomes", "Lamar Jackson"]}))


def test_the_event_loop_keeps_running_during_a_long_call():
    """A ticker on the loop advances while a native call computes on a worker thread: if the
    call held the GIL, the ticker could not run until it returned."""
    rng = np.random.default_rng(9)
    a, b = rng.normal(size=20_000), rng.normal(0.05, size=20_000)

    async def main():
        ticks, running = 0, True

        async def ticker():
            nonlocal ticks
            while running:
                await asyncio.sleep(0.001)
                ticks += 1

        task = asyncio.create_task(ticker())
        await asyncio.sleep(0)
        before = ticks
        await aio.abtest.bootstrap(a, b, n_resamples=4000, method="percentile", seed=1)
        during = ticks - before
        running = False
        await task
        return during

    assert asyncio.run(main()) >= 3
