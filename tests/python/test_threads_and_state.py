"""Stateful objects under a web server's threads, a forked child, and saved state.

FastAPI runs ``def`` endpoints in a thread pool: one detector, monitor or tracker is called
from many threads at once. Each must serialize those calls (never "Already borrowed"), and
every saved state, fresh or used, must load back to the same state.
"""

import json
import multiprocessing
import threading

import numpy as np
import pytest

import edgekit
from edgekit import drift, ltp

THREADS = 8
DETECTORS = {
    "ADWIN": lambda: drift.ADWIN(),
    "PageHinkley": lambda: drift.PageHinkley(),
    "KSWIN": lambda: drift.KSWIN(seed=3),
    "CUSUM": lambda: drift.CUSUM(),
    "DDM": lambda: drift.DDM(),
    "EDDM": lambda: drift.EDDM(),
    "HDDM_A": lambda: drift.HDDM_A(),
    "HDDM_W": lambda: drift.HDDM_W(),
    "FHDDM": lambda: drift.FHDDM(),
    "BOCPD": lambda: drift.BOCPD(),
}
BINARY = {"DDM", "EDDM", "HDDM_A", "HDDM_W", "FHDDM"}


def stream(name, n=4000, seed=0):
    rng = np.random.default_rng(seed)
    if name in BINARY:
        p = np.where(np.arange(n) < n // 2, 0.1, 0.4)
        return (rng.random(n) < p).astype(float)
    return np.concatenate([rng.normal(size=n // 2), rng.normal(2.0, size=n - n // 2)])


def run_threads(work):
    errors = []

    def guarded(i):
        try:
            work(i)
        except BaseException as e:  # noqa: BLE001 - any failure in a thread is the finding
            errors.append(e)

    threads = [threading.Thread(target=guarded, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, f"{len(errors)} threads failed, first: {errors[0]!r}"


@pytest.mark.parametrize("name", sorted(DETECTORS))
def test_a_detector_shared_by_eight_threads_serializes_calls(name):
    shared = DETECTORS[name]()
    values = stream(name)
    chunks = np.array_split(values, THREADS)

    def work(i):
        for _ in range(5):
            shared.update_many(chunks[i])
            for v in chunks[i][:50]:
                shared.update(float(v))
            shared.to_json()

    run_threads(work)
    # Whatever order the threads ran in, the state is whole and saves and loads.
    restored = type(shared).from_json(shared.to_json())
    assert restored.to_json() == shared.to_json()


@pytest.mark.parametrize("name", sorted(DETECTORS))
def test_every_detector_state_round_trips_fresh_and_used(name):
    fresh = DETECTORS[name]()
    text = fresh.to_json()
    json.loads(text)  # strict JSON: no NaN or Infinity tokens
    assert "NaN" not in text.replace('"NaN"', "") and "Infinity" not in text.replace('"Infinity"', "").replace('"-Infinity"', "")
    assert type(fresh).from_json(text).to_json() == text
    used = DETECTORS[name]()
    values = stream(name, seed=1)
    used.update_many(values[:1500])
    restored = type(used).from_json(used.to_json())
    # The restored detector continues exactly as the original would.
    assert list(restored.update_many(values[1500:])) == list(used.update_many(values[1500:]))
    assert restored.to_json() == used.to_json()


def test_a_tracker_shared_by_threads_matches_a_sequential_run_per_symbol():
    rng = np.random.default_rng(4)
    n = 300
    bars = {}
    for i in range(THREADS):
        close = 100 + np.cumsum(rng.normal(size=n))
        bars[f"S{i}"] = (close, 1_700_000_000 + 60 * np.arange(n))

    def feed(tracker, symbol):
        close, t = bars[symbol]
        events = []
        for k in range(n):
            events += tracker.update(symbol, int(t[k]), close[k], close[k] + 0.5, close[k] - 0.5, close[k], 1000.0)
        return events

    shared = ltp.Tracker()
    results = {}
    run_threads(lambda i: results.__setitem__(f"S{i}", feed(shared, f"S{i}")))
    for i in range(THREADS):
        alone = ltp.Tracker()
        assert feed(alone, f"S{i}") == results[f"S{i}"]
        assert alone.evaluation(f"S{i}") == shared.evaluation(f"S{i}")
    assert ltp.Tracker.from_json(shared.to_json()).to_json() == shared.to_json()


def test_a_performance_monitor_shared_by_threads_counts_every_pair():
    monitor = drift.PerformanceMonitor(window=100_000, thresholds=[])
    per_thread = 500

    def work(i):
        p = np.linspace(0.01, 0.99, per_thread)
        y = (np.arange(per_thread) % 2).astype(float)
        for k in range(0, per_thread, 50):
            monitor.update_many(p[k:k + 50], y[k:k + 50])

    run_threads(work)
    assert monitor.metrics()["count"] == THREADS * per_thread
    restored = drift.PerformanceMonitor.from_json(monitor.to_json())
    assert restored.metrics() == monitor.metrics()


def _work_in_child(queue):
    x = np.random.default_rng(0).normal(size=400_000)
    queue.put(edgekit.stats.describe(x).count)


def test_a_forked_child_runs_parallel_work_after_the_parent_did():
    # The parent runs parallel work first, so its worker pool exists when it forks.
    x = np.random.default_rng(0).normal(size=400_000)
    assert edgekit.stats.describe(x).count == 400_000
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_work_in_child, args=(queue,))
    child.start()
    child.join(120)
    if child.is_alive():
        child.kill()
        pytest.fail("the forked child hung in its first parallel call")
    assert child.exitcode == 0
    assert queue.get(timeout=5) == 400_000
