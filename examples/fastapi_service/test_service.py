"""The FastAPI service under real uvicorn on 127.0.0.1, called over HTTP with httpx: good
answers, every class of bad input as a 422 with its code (never a 500), state restored after
a restart, and /health answering while heavy requests are in flight."""

from __future__ import annotations

import asyncio
import os
import pathlib
import socket
import subprocess
import sys
import time

import httpx
import numpy as np
import pytest

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE.parents[1] / "examples" / "data"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, state: pathlib.Path):
        self.state = state
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {**os.environ, "EDGEKIT_STATE_DIR": str(self.state)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app:app", "--app-dir", str(HERE), "--host", "127.0.0.1",
             "--port", str(self.port), "--workers", "1", "--log-level", "warning"],
            env=env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the service did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("state"))
    s.start()
    yield s
    s.stop()


def _players() -> list[dict]:
    import edgekit.lineup as lineup

    slate = lineup.Slate.from_csv(DATA / "lineup" / "dk_nfl_classic_2019wk1_seenahuang.csv", site="draftkings", sport="nfl")
    keys = ("id", "name", "positions", "team", "opponent", "game", "salary", "projection")
    return [{k: p[k] for k in keys} for p in slate.players]


def _bars(n: int = 300, seed: int = 1) -> dict[str, list[float]]:
    rng = np.random.default_rng(seed)
    close = 100 + np.cumsum(rng.normal(0, 0.5, n))
    open_ = np.r_[close[0], close[:-1]]
    return {"open": open_.tolist(), "high": (np.maximum(open_, close) + 0.3).tolist(),
            "low": (np.minimum(open_, close) - 0.3).tolist(), "close": close.tolist()}


def test_lineups_from_players_and_from_a_salary_file(server):
    players = _players()
    r = httpx.post(f"{server.url}/lineups", json={"players": players, "n": 3}, timeout=60)
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["lineups"]) == 3 and body["upload_csv"].splitlines()[0].startswith("QB")
    csv = (DATA / "lineup" / "dk_nfl_classic_2019wk1_seenahuang.csv").read_bytes()
    r = httpx.post(f"{server.url}/lineups/csv", files={"file": ("DKSalaries.csv", csv)}, data={"n": "3"}, timeout=60)
    assert r.status_code == 200, r.text
    assert [l["projection"] for l in r.json()["lineups"]] == [l["projection"] for l in body["lineups"]]


def test_drift_reference_report_and_raw_float64(server):
    rng = np.random.default_rng(2)
    reference = {"columns": {"x": rng.normal(size=2000).tolist(), "team": rng.choice(["a", "b"], 2000).tolist()}}
    r = httpx.put(f"{server.url}/drift/churn/reference", json=reference, timeout=60)
    assert r.status_code == 200, r.text
    current = {"columns": {"x": rng.normal(0.5, size=500).tolist(), "team": rng.choice(["a", "b"], 500).tolist()}}
    r = httpx.post(f"{server.url}/drift/churn/report", json=current, timeout=60)
    assert r.status_code == 200, r.text
    report = r.json()
    assert {c["column"] for c in report["columns"]} == {"x", "team"} and report["columns"][0]["drifted"] in (True, False)
    values = np.r_[rng.normal(size=5000), rng.normal(0.2, size=5000)]
    r = httpx.post(f"{server.url}/drift/ks", params={"split": 5000}, content=values.astype("<f8").tobytes(),
                   headers={"content-type": "application/octet-stream"}, timeout=60)
    assert r.status_code == 200 and r.json()["test"] == "ks" and 0 <= r.json()["pvalue"] <= 1


def test_drift_report_from_an_arrow_stream_matches_json(server):
    pa = pytest.importorskip("pyarrow")
    rng = np.random.default_rng(8)
    reference = {"x": rng.normal(size=3000).tolist(), "team": rng.choice(["a", "b", "c"], 3000).tolist()}
    assert httpx.put(f"{server.url}/drift/arrow/reference", json={"columns": reference}, timeout=60).status_code == 200
    current = {"x": rng.normal(0.3, size=800).tolist(), "team": rng.choice(["a", "c"], 800).tolist()}
    sink = pa.BufferOutputStream()
    table = pa.table(current)
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    r = httpx.post(f"{server.url}/drift/arrow/report/arrow", content=sink.getvalue().to_pybytes(),
                   headers={"content-type": "application/vnd.apache.arrow.stream"}, timeout=60)
    assert r.status_code == 200, r.text
    as_json = httpx.post(f"{server.url}/drift/arrow/report", json={"columns": current}, timeout=60).json()
    assert r.json() == as_json
    r = httpx.post(f"{server.url}/drift/arrow/report/arrow", content=b"not arrow", timeout=60)
    assert r.status_code == 422 and r.json()["code"] == "EDGEKIT_INVALID_INPUT"


def test_abtest_patterns_and_ltp(server):
    r = httpx.post(f"{server.url}/abtest/proportions", json={"conversions": [120, 150], "users": [1000, 1000],
                                                             "alternative": "larger"})
    assert r.status_code == 200, r.text
    assert r.json()["test"]["ci"][1] is None  # the open end of a one-sided interval, JSON-safe
    rng = np.random.default_rng(3)
    r = httpx.post(f"{server.url}/abtest/bootstrap", json={"a": rng.normal(size=500).tolist(),
                                                           "b": rng.normal(0.2, size=500).tolist(), "n_resamples": 500})
    assert r.status_code == 200 and r.json()["ci"][0] <= r.json()["ci"][1]
    r = httpx.post(f"{server.url}/patterns/scan", json=_bars())
    assert r.status_code == 200 and isinstance(r.json()["candles"], dict)
    bars = _bars(400, 4)
    frame = {"o": bars["open"], "h": bars["high"], "l": bars["low"], "c": bars["close"], "v": [1000.0] * 400}
    r = httpx.post(f"{server.url}/ltp/setup", json={"symbol": "SPY", "price": bars["close"][-1], "daily": frame,
                                                    "intraday": frame, "timeframes": {"5m": frame, "1h": frame}})
    assert r.status_code == 200, r.text
    assert "setup" in r.json()


@pytest.mark.parametrize("method,path,kwargs,code", [
    ("post", "/lineups", {"json": {"players": [{"id": 1}]}}, "EDGEKIT_INVALID_TYPE"),
    ("post", "/lineups", {"json": {"players": [], "site": "betfair"}}, "EDGEKIT_INVALID_INPUT"),
    ("post", "/abtest/proportions", {"json": {"conversions": [120, 1500], "users": [1000, 1000]}}, "EDGEKIT_INVALID_INPUT"),
    ("post", "/abtest/proportions", {"json": {"conversions": [1, 2], "users": [10, 10], "alternative": "up"}}, "EDGEKIT_INVALID_INPUT"),
    ("post", "/abtest/bootstrap", {"json": {"a": [1.0], "b": [], "n_resamples": 10}}, "EDGEKIT_INVALID_INPUT"),
    ("post", "/abtest/bootstrap", {"json": {"a": [1.0, 2.0], "b": [2.0, 3.0], "n_resamples": 10**12}}, "EDGEKIT_LIMIT_EXCEEDED"),
    ("post", "/drift/ks", {"params": {"split": 1}, "content": b"\x00" * 12}, "EDGEKIT_INVALID_INPUT"),
    ("post", "/drift/ks", {"params": {"split": 3}, "content": b"\x00" * 16}, "EDGEKIT_INVALID_INPUT"),
    ("post", "/monitor/m1", {"json": {"predictions": [0.5, 1.5], "labels": [1.0, 0.0]}}, "EDGEKIT_INVALID_INPUT"),
    ("post", "/patterns/scan", {"json": {"open": [1.0], "high": [0.5], "low": [2.0], "close": [1.0]}}, "EDGEKIT_INVALID_INPUT"),
    ("post", "/ltp/setup", {"json": {"symbol": "X", "price": 1.0, "daily": {"o": [1.0], "h": [0.5], "l": [0.4], "c": [1.0]},
                                     "intraday": {"o": [], "h": [], "l": [], "c": []}, "timeframes": {}}}, "EDGEKIT_INVALID_INPUT"),
])
def test_bad_input_is_a_422_with_its_code_never_a_500(server, method, path, kwargs, code):
    r = getattr(httpx, method)(f"{server.url}{path}", timeout=60, **kwargs)
    assert r.status_code == 422, r.text
    assert r.json()["code"] == code, r.text
    assert httpx.get(f"{server.url}/health").status_code == 200


def test_the_monitor_survives_a_restart(tmp_path):
    s = Server(tmp_path)
    s.start()
    try:
        rng = np.random.default_rng(5)
        p = rng.uniform(size=300)
        y = (rng.uniform(size=300) < p).astype(float)
        r = httpx.post(f"{s.url}/monitor/fraud", json={"predictions": p.tolist(), "labels": y.tolist()})
        assert r.status_code == 200, r.text
        before = httpx.get(f"{s.url}/monitor/fraud").json()
        assert before["error_drift"]["window"] == 300
        # A worse model: the error's level jumps and ADWIN flags it within this batch.
        r = httpx.post(f"{s.url}/monitor/fraud", json={"predictions": (1 - p[:200]).tolist(), "labels": y[:200].tolist()})
        assert r.status_code == 200 and r.json()["error_changes"], r.text
        before = httpx.get(f"{s.url}/monitor/fraud").json()
    finally:
        s.stop()
    s.start()
    try:
        after = httpx.get(f"{s.url}/monitor/fraud").json()
        assert after == before and after["metrics"]["count"] == 500
    finally:
        s.stop()


def test_health_answers_while_heavy_requests_are_in_flight(server):
    """16 bootstrap requests run off the event loop; /health is answered before they finish."""
    rng = np.random.default_rng(6)
    heavy = {"a": rng.normal(size=20_000).tolist(), "b": rng.normal(size=20_000).tolist(), "n_resamples": 3000}

    async def main():
        async with httpx.AsyncClient(base_url=server.url, timeout=300) as client:
            finished: list[float] = []

            async def one():
                r = await client.post("/abtest/bootstrap", json=heavy)
                finished.append(time.monotonic())
                return r.status_code

            tasks = [asyncio.create_task(one()) for _ in range(16)]
            await asyncio.sleep(0.2)
            started = time.monotonic()
            health = await client.get("/health")
            answered = time.monotonic()
            codes = await asyncio.gather(*tasks)
            return health.status_code, answered - started, answered, max(finished), codes

    status, latency, answered, last, codes = asyncio.run(main())
    assert status == 200 and codes == [200] * 16
    assert answered < last, "the health check waited for the heavy requests"
    print(f"/health latency with 16 bootstraps in flight: {latency * 1000:.1f} ms")
