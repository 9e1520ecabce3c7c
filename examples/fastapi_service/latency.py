"""Request latencies of each endpoint of the FastAPI service, measured over HTTP on 127.0.0.1
(real uvicorn, one worker, one request at a time): median and 95th percentile of N calls after
one warm-up call. Prints a markdown table for docs/integration.md.

    python examples/fastapi_service/latency.py [N]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import pathlib

import httpx
import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from test_service import DATA, Server, _bars, _players  # noqa: E402  (the tests' own server and data)


def main(n: int) -> None:
    rng = np.random.default_rng(0)
    players = _players()
    bars = _bars(400, 4)
    frame = {"o": bars["open"], "h": bars["high"], "l": bars["low"], "c": bars["close"], "v": [1000.0] * 400}
    columns = {"x": rng.normal(size=10_000).tolist(), "team": rng.choice(["a", "b", "c"], 10_000).tolist()}
    current = {"x": rng.normal(0.2, size=2_000).tolist(), "team": rng.choice(["a", "b"], 2_000).tolist()}
    raw = rng.normal(size=200_000).tobytes()
    p = rng.uniform(size=500)
    y = (rng.uniform(size=500) < p).astype(float)
    csv = (DATA / "lineup" / "dk_nfl_classic_2019wk1_seenahuang.csv").read_bytes()

    calls = [
        ("GET /health", lambda c: c.get("/health")),
        ("POST /lineups (951 players, 20 lineups)", lambda c: c.post("/lineups", json={"players": players, "n": 20})),
        ("POST /lineups/csv (salary file, 20 lineups)",
         lambda c: c.post("/lineups/csv", files={"file": ("DKSalaries.csv", csv)}, data={"n": "20"})),
        ("PUT /drift/{model}/reference (10⁴ rows × 2)", lambda c: c.put("/drift/m/reference", json={"columns": columns})),
        ("POST /drift/{model}/report (2·10³ rows × 2)", lambda c: c.post("/drift/m/report", json={"columns": current})),
        ("POST /drift/ks (2·10⁵ raw float64)", lambda c: c.post("/drift/ks", params={"split": 100_000}, content=raw)),
        ("POST /monitor/{model} (500 outcomes)",
         lambda c: c.post("/monitor/m", json={"predictions": p.tolist(), "labels": y.tolist()})),
        ("POST /abtest/proportions", lambda c: c.post("/abtest/proportions", json={"conversions": [120, 150], "users": [1000, 1000]})),
        ("POST /abtest/bootstrap (2×500 values, 2,000 resamples)",
         lambda c: c.post("/abtest/bootstrap", json={"a": rng.normal(size=500).tolist(), "b": rng.normal(size=500).tolist()})),
        ("POST /patterns/scan (300 bars)", lambda c: c.post("/patterns/scan", json=_bars())),
        ("POST /ltp/setup (400 bars × 4 frames)",
         lambda c: c.post("/ltp/setup", json={"symbol": "SPY", "price": bars["close"][-1], "daily": frame,
                                               "intraday": frame, "timeframes": {"5m": frame, "1h": frame}})),
    ]
    with tempfile.TemporaryDirectory() as state:
        server = Server(pathlib.Path(state))
        server.start()
        try:
            with httpx.Client(base_url=server.url, timeout=120) as client:
                print("| endpoint | median | p95 |\n| --- | --- | --- |")
                for name, call in calls:
                    assert call(client).status_code == 200, name
                    times = []
                    for _ in range(n):
                        start = time.perf_counter()
                        response = call(client)
                        times.append(time.perf_counter() - start)
                        assert response.status_code == 200, (name, response.text)
                    times.sort()
                    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
                    print(f"| {name} | {statistics.median(times) * 1e3:.1f} ms | {p95 * 1e3:.1f} ms |")
        finally:
            server.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
