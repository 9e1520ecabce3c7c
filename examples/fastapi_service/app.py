"""A FastAPI ML service on edgekit, the shape a team would start from.

Run it with ``uvicorn app:app --app-dir examples/fastapi_service`` (state goes to
``$EDGEKIT_STATE_DIR``, default ``./state``). Endpoints:

- ``GET  /health``
- ``POST /lineups``               players as JSON (the app's rows) → lineups and the upload CSV
- ``POST /lineups/csv``           a salary CSV file upload → lineups and the upload CSV
- ``PUT  /drift/{model}/reference`` a reference batch (JSON columns) → a stored profile
- ``POST /drift/{model}/report``  the current batch (JSON columns) → the drift report
- ``POST /drift/{model}/report/arrow`` the current batch as an Arrow IPC stream → the report
- ``POST /drift/ks``              two raw float64 bodies' worth in one: ``application/octet-stream``
                                  of reference then current (``?split=n``) → a KS test, no JSON
- ``POST /monitor/{model}``       predictions and labels → performance alerts and an ADWIN drift
                                  signal on the error stream; both are kept per model, persisted
                                  to disk and restored at startup
- ``POST /abtest/proportions``    conversions and users per arm → the test and an SRM check
- ``POST /abtest/bootstrap``      raw values per arm → a bootstrap interval (awaitable, off the loop)
- ``POST /patterns/scan``         bars → candlestick hits and support/resistance levels
- ``POST /ltp/setup``             one symbol's bars → the KCU setup, if any

Every ``edgekit.EdgekitError`` becomes a 422 with its stable ``code`` and message (not a bare
500: it is a ``ValueError``, which FastAPI would not map); every response is JSON-safe.
"""

from __future__ import annotations

import json
import os
import pathlib
import threading
from contextlib import asynccontextmanager
from typing import Any

import numpy as np
from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel

import edgekit
from edgekit import abtest, aio, drift, lineup, ltp, patterns

STATE = pathlib.Path(os.environ.get("EDGEKIT_STATE_DIR", "state"))


class Watch:
    """What is kept per model: a performance monitor (windowed metrics, thresholds, alerts) and
    an ADWIN detector on the absolute error, which flags a change in the error's level."""

    def __init__(self, performance: drift.PerformanceMonitor, error_drift: drift.ADWIN):
        self.performance = performance
        self.error_drift = error_drift

    @classmethod
    def new(cls) -> "Watch":
        return cls(drift.PerformanceMonitor(window=500, thresholds={"accuracy": [0.8, 0.7]}), drift.ADWIN(delta=0.002))

    def to_json(self) -> str:
        return json.dumps({"performance": self.performance.to_json(), "error_drift": self.error_drift.to_json()})

    @classmethod
    def from_json(cls, text: str) -> "Watch":
        state = json.loads(text)
        return cls(drift.PerformanceMonitor.from_json(state["performance"]), drift.ADWIN.from_json(state["error_drift"]))


class Monitors:
    """One Watch per model, persisted after each update and restored at startup. The monitors
    and detectors are safe to share between threads; the lock keeps file writes whole."""

    def __init__(self, folder: pathlib.Path):
        self.folder = folder
        self.lock = threading.Lock()
        self.models: dict[str, Watch] = {}

    def restore(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for path in self.folder.glob("monitor-*.json"):
            self.models[path.stem.removeprefix("monitor-")] = Watch.from_json(path.read_text())

    def get(self, model: str) -> Watch:
        with self.lock:
            if model not in self.models:
                self.models[model] = Watch.new()
            return self.models[model]

    def save(self, model: str) -> None:
        with self.lock:
            path = self.folder / f"monitor-{model}.json"
            tmp = path.with_suffix(".tmp")
            tmp.write_text(self.models[model].to_json())
            tmp.replace(path)


monitors = Monitors(STATE)
profiles: dict[str, drift.Profile] = {}


@asynccontextmanager
async def lifespan(_: FastAPI):
    monitors.restore()
    for path in STATE.glob("profile-*.bin"):
        profiles[path.stem.removeprefix("profile-")] = drift.Profile.from_bytes(path.read_bytes())
    yield


app = FastAPI(title="edgekit service", lifespan=lifespan)


@app.exception_handler(edgekit.EdgekitError)
async def edgekit_error(_: Request, error: edgekit.EdgekitError) -> JSONResponse:
    body: dict[str, Any] = {"code": error.code, "message": str(error)}
    if isinstance(error, edgekit.InfeasibleError):
        body["rules"] = error.rules
    return JSONResponse(status_code=422, content=body)


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok", "edgekit": edgekit.__version__}


class LineupRequest(BaseModel):
    players: list[dict[str, Any]]
    site: str = "draftkings"
    sport: str = "nfl"
    n: int = 1
    rules: dict[str, Any] | None = None


def _lineups_response(found: list[lineup.Lineup]) -> dict[str, Any]:
    return {"lineups": [l.to_dict() for l in found], "upload_csv": lineup.upload_csv(found)}


@app.post("/lineups")
async def lineups(request: LineupRequest) -> dict[str, Any]:
    slate = lineup.Slate.from_records(request.players, site=request.site, sport=request.sport)
    found = await aio.lineup.optimize(slate, request.n, rules=request.rules)
    return _lineups_response(found)


@app.post("/lineups/csv")
async def lineups_from_csv(
    file: UploadFile = File(...), site: str = Form("draftkings"), sport: str = Form("nfl"), n: int = Form(1)
) -> dict[str, Any]:
    text = (await file.read()).decode("utf-8", errors="replace")
    slate = lineup.Slate.from_csv_text(text, site=site, sport=sport)
    return _lineups_response(await aio.lineup.optimize(slate, n))


class Columns(BaseModel):
    columns: dict[str, list[float | str | None]]
    categorical: list[str] = []


def _frame(batch: Columns) -> dict[str, Any]:
    return {
        name: values if name in batch.categorical or any(isinstance(v, str) for v in values)
        else np.array([np.nan if v is None else v for v in values], dtype=float)
        for name, values in batch.columns.items()
    }


@app.put("/drift/{model}/reference")
async def drift_reference(model: str, batch: Columns) -> dict[str, Any]:
    profile = await aio.drift.fit_profile(_frame(batch), categorical=batch.categorical)
    profiles[model] = profile
    STATE.mkdir(parents=True, exist_ok=True)
    (STATE / f"profile-{model}.bin").write_bytes(profile.to_bytes())
    return {"model": model, "columns": [c.to_dict() for c in profile.describe()]}


@app.post("/drift/{model}/report")
async def drift_report(model: str, batch: Columns) -> Any:
    if model not in profiles:
        return JSONResponse(status_code=404, content={"code": "NOT_FOUND", "message": f"no reference for {model!r}"})
    report = await aio.drift.report(profiles[model], _frame(batch), categorical=batch.categorical)
    return report.to_dict()


@app.post("/drift/{model}/report/arrow")
async def drift_report_arrow(model: str, request: Request, categorical: str = "") -> Any:
    """The current batch as an Arrow IPC stream (what pyarrow, polars, DuckDB and arrow-js
    write): numeric columns are read without a JSON round trip."""
    import pyarrow as pa  # only this endpoint needs it

    if model not in profiles:
        return JSONResponse(status_code=404, content={"code": "NOT_FOUND", "message": f"no reference for {model!r}"})
    try:
        table = pa.ipc.open_stream(await request.body()).read_all()
    except pa.ArrowInvalid as error:
        raise edgekit.InvalidInputError(f"the body is not an Arrow IPC stream: {error}") from None
    names = [c for c in categorical.split(",") if c]
    return (await aio.drift.report(profiles[model], table, categorical=names)).to_dict()


@app.post("/drift/ks")
async def drift_ks(request: Request, split: int) -> dict[str, Any]:
    """Reference and current as one raw float64 body (little-endian, as numpy's ``tobytes()``
    and a JS ``Float64Array`` write it on every platform edgekit ships): no JSON to parse.
    edgekit reads the bytes in place and refuses a body that is not whole float64 values."""
    body = memoryview(await request.body())
    if not 0 < 8 * split < len(body):
        raise edgekit.InvalidInputError(f"split must be inside the body's {len(body) // 8} values")
    return (await aio.drift.ks_2samp(body[: 8 * split], body[8 * split :])).to_dict()


class Outcomes(BaseModel):
    predictions: list[float]
    labels: list[float]


@app.post("/monitor/{model}")
async def monitor_update(model: str, batch: Outcomes) -> dict[str, Any]:
    watch = monitors.get(model)
    alerts = watch.performance.update_many(batch.predictions, batch.labels)
    error = np.abs(np.asarray(batch.predictions) - np.asarray(batch.labels))
    changes = watch.error_drift.update_many(error)
    monitors.save(model)
    return {**_watch_state(watch), "alerts": [a.to_dict() for a in alerts], "error_changes": changes.tolist()}


def _watch_state(watch: Watch) -> dict[str, Any]:
    return {"metrics": watch.performance.metrics().to_dict(),
            "error_drift": {"drift_detected": watch.error_drift.drift_detected,
                            "mean_error": watch.error_drift.estimation, "window": watch.error_drift.width}}


@app.get("/monitor/{model}")
async def monitor_state(model: str) -> dict[str, Any]:
    return _watch_state(monitors.get(model))


class Arms(BaseModel):
    conversions: tuple[int, int]
    users: tuple[int, int]
    alternative: str = "two-sided"


@app.post("/abtest/proportions")
async def proportions(arms: Arms) -> dict[str, Any]:
    test = abtest.two_proportions(arms.conversions[0], arms.users[0], arms.conversions[1], arms.users[1],
                                  alternative=arms.alternative)
    return {"test": test.to_dict(), "srm": abtest.srm(list(arms.users))}


class Samples(BaseModel):
    a: list[float]
    b: list[float]
    n_resamples: int = 2000
    seed: int = 0


@app.post("/abtest/bootstrap")
async def bootstrap(samples: Samples) -> dict[str, Any]:
    result = await aio.abtest.bootstrap(samples.a, samples.b, n_resamples=samples.n_resamples, seed=samples.seed)
    return result.to_dict()


class Bars(BaseModel):
    open: list[float]
    high: list[float]
    low: list[float]
    close: list[float]


@app.post("/patterns/scan")
async def scan(bars: Bars) -> dict[str, Any]:
    columns = [np.asarray(c, dtype=float) for c in (bars.open, bars.high, bars.low, bars.close)]
    hits = await aio.patterns.candles(*columns)
    found = {name: np.flatnonzero(signal).tolist() for name, signal in hits.items() if signal.any()}
    levels = await aio.patterns.levels(*columns)
    return {"candles": found, "levels": [level.to_dict() for level in levels]}


class Symbol(BaseModel):
    symbol: str
    price: float
    daily: dict[str, list[float]]
    intraday: dict[str, list[float]]
    timeframes: dict[str, dict[str, list[float]]]


@app.post("/ltp/setup")
async def ltp_setup(request: Symbol) -> Any:
    batch = await aio.ltp.analyze_symbols_detailed([request.model_dump()])
    if batch["errors"]:  # the one symbol could not be analysed: say why
        error = batch["errors"][0]
        return JSONResponse(status_code=422, content={"code": error["code"], "message": error["message"]})
    return {"setup": batch["setups"][0]}
