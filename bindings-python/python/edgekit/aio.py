"""Awaitable twins of edgekit's long calls, for ``async def`` endpoints (FastAPI, Starlette).

Each twin runs the same function, with the same arguments and result, on a worker thread
(``asyncio.to_thread``). The native work releases the GIL, so the event loop keeps serving
other requests while it runs, and several calls run in parallel on several cores::

    from edgekit import aio

    @app.post("/drift")
    async def check(batch: Batch):
        return (await aio.drift.report(reference, batch.columns)).to_dict()

Short calls (a single two-proportion test, a score) are faster called directly.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

from edgekit import abtest as _abtest
from edgekit import calibration as _calibration
from edgekit import drift as _drift
from edgekit import lineup as _lineup
from edgekit import ltp as _ltp
from edgekit import patterns as _patterns
from edgekit import stats as _stats

_P = ParamSpec("_P")
_R = TypeVar("_R")


def awaitable(function: Callable[_P, _R]) -> Callable[_P, Awaitable[_R]]:
    """``function`` as a coroutine function that runs it on a worker thread."""

    @functools.wraps(function)
    async def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        return await asyncio.to_thread(function, *args, **kwargs)

    return run


class stats:
    """Awaitable ``edgekit.stats``."""

    describe = staticmethod(awaitable(_stats.describe))


class drift:
    """Awaitable ``edgekit.drift``: the batch tests, reports, profiles and change points."""

    ks_2samp = staticmethod(awaitable(_drift.ks_2samp))
    wasserstein = staticmethod(awaitable(_drift.wasserstein))
    energy_distance = staticmethod(awaitable(_drift.energy_distance))
    t_test = staticmethod(awaitable(_drift.t_test))
    mann_whitney = staticmethod(awaitable(_drift.mann_whitney))
    anderson_darling = staticmethod(awaitable(_drift.anderson_darling))
    cramer_von_mises = staticmethod(awaitable(_drift.cramer_von_mises))
    epps_singleton = staticmethod(awaitable(_drift.epps_singleton))
    psi = staticmethod(awaitable(_drift.psi))
    kl_div = staticmethod(awaitable(_drift.kl_div))
    jensenshannon = staticmethod(awaitable(_drift.jensenshannon))
    hellinger = staticmethod(awaitable(_drift.hellinger))
    chisquare = staticmethod(awaitable(_drift.chisquare))
    g_test = staticmethod(awaitable(_drift.g_test))
    z_test = staticmethod(awaitable(_drift.z_test))
    fisher_exact = staticmethod(awaitable(_drift.fisher_exact))
    tvd = staticmethod(awaitable(_drift.tvd))
    mmd = staticmethod(awaitable(_drift.mmd))
    report = staticmethod(awaitable(_drift.report))
    fit_profile = staticmethod(awaitable(_drift.Profile.fit))
    pelt = staticmethod(awaitable(_drift.pelt))
    binary_segmentation = staticmethod(awaitable(_drift.binary_segmentation))


class abtest:
    """Awaitable ``edgekit.abtest``: the tests whose cost grows with the data or resamples."""

    welch = staticmethod(awaitable(_abtest.welch))
    t_test_batch = staticmethod(awaitable(_abtest.t_test_batch))
    two_proportions_batch = staticmethod(awaitable(_abtest.two_proportions_batch))
    cuped = staticmethod(awaitable(_abtest.cuped))
    cuped_ratio = staticmethod(awaitable(_abtest.cuped_ratio))
    ratio_metric = staticmethod(awaitable(_abtest.ratio_metric))
    mann_whitney = staticmethod(awaitable(_abtest.mann_whitney))
    brunner_munzel = staticmethod(awaitable(_abtest.brunner_munzel))
    bootstrap = staticmethod(awaitable(_abtest.bootstrap))
    permutation_test = staticmethod(awaitable(_abtest.permutation_test))
    paired_bootstrap = staticmethod(awaitable(_abtest.paired_bootstrap))
    bayes_binomial = staticmethod(awaitable(_abtest.bayes_binomial))
    delong = staticmethod(awaitable(_abtest.delong))


class lineup:
    """Awaitable ``edgekit.lineup``: the optimizer, portfolios, late swap and contests."""

    optimize = staticmethod(awaitable(_lineup.optimize))
    portfolio = staticmethod(awaitable(_lineup.portfolio))
    late_swap = staticmethod(awaitable(_lineup.late_swap))
    simulate_contest = staticmethod(awaitable(_lineup.simulate_contest))
    select_by_roi = staticmethod(awaitable(_lineup.select_by_roi))
    contest_portfolio = staticmethod(awaitable(_lineup.contest_portfolio))
    sample_field = staticmethod(awaitable(_lineup.sample_field))
    candidate_pool = staticmethod(awaitable(_lineup.candidate_pool))


class patterns:
    """Awaitable ``edgekit.patterns``: scans over long bar series and game-system mining."""

    candles = staticmethod(awaitable(_patterns.candles))
    swings = staticmethod(awaitable(_patterns.swings))
    levels = staticmethod(awaitable(_patterns.levels))
    chart_patterns = staticmethod(awaitable(_patterns.chart_patterns))
    resample = staticmethod(awaitable(_patterns.resample))
    regimes = staticmethod(awaitable(_patterns.regimes))
    mine = staticmethod(awaitable(_patterns.mine))
    walk_forward = staticmethod(awaitable(_patterns.walk_forward))
    analyze_games = staticmethod(awaitable(_patterns.analyze_games))


class ltp:
    """Awaitable ``edgekit.ltp``: a scan of many symbols."""

    analyze_symbols = staticmethod(awaitable(_ltp.analyze_symbols))
    analyze_symbols_detailed = staticmethod(awaitable(_ltp.analyze_symbols_detailed))


def _fit(fitted, *args, **kwargs):
    """``fitted.fit(...)``: a calculator, estimator, calibrator or conformal predictor."""
    return fitted.fit(*args, **kwargs)


def _calculate(calculator, data):
    """``calculator.calculate(data)`` (DataReconstructionDriftCalculator, PerformanceCalculator)."""
    return calculator.calculate(data)


def _estimate(estimator, data):
    """``estimator.estimate(data)`` (CBPE, DLE)."""
    return estimator.estimate(data)


def _predict(model, *args, **kwargs):
    """``model.predict(...)`` (MMDDrift, Calibrator, ConformalRegressor)."""
    return model.predict(*args, **kwargs)


def _push(monitor, data):
    """``monitor.push(data)`` (ChunkMonitor)."""
    return monitor.push(data)


def _flush(monitor):
    """``monitor.flush()`` (ChunkMonitor)."""
    return monitor.flush()


class monitoring:
    """Awaitable methods of ``edgekit.monitoring``'s calculators, the object first:
    ``await aio.monitoring.calculate(calc, df)``, ``await aio.monitoring.estimate(cbpe, df)``,
    ``await aio.monitoring.predict(mmd, x)``, ``await aio.monitoring.fit(calc, reference)``,
    ``await aio.monitoring.push(monitor, batch)``, ``await aio.monitoring.flush(monitor)``."""

    fit = staticmethod(awaitable(_fit))
    calculate = staticmethod(awaitable(_calculate))
    estimate = staticmethod(awaitable(_estimate))
    predict = staticmethod(awaitable(_predict))
    push = staticmethod(awaitable(_push))
    flush = staticmethod(awaitable(_flush))


class calibration:
    """Awaitable ``edgekit.calibration``: curves, and fitting or applying a calibrator or
    conformal predictor (the object first: ``await aio.calibration.predict(calibrator, s)``)."""

    reliability_curve = staticmethod(awaitable(_calibration.reliability_curve))
    calibration_curve = staticmethod(awaitable(_calibration.calibration_curve))
    fit = staticmethod(awaitable(_fit))
    predict = staticmethod(awaitable(_predict))


__all__ = ["abtest", "awaitable", "calibration", "drift", "lineup", "ltp", "monitoring", "patterns", "stats"]
