"""Do two Python threads get two cores? Times the same calls on one thread and on two.

Each call runs without the GIL; on two cores two threads should finish the same total work in
about half the time (a ratio near 2). Calls that already use every core (rayon inside) show a
ratio near 1 by design; the single-threaded ones are the check. Run after installing the wheel:

    .venv/bin/python benches/peers/threads.py
"""

import threading
import time

import numpy as np

import edgekit

rng = np.random.default_rng(0)
a, b = rng.normal(size=20_000), rng.normal(0.05, size=20_000)
bars = 100 + np.cumsum(rng.normal(size=200_000))
CALLS = {
    "drift.ks_2samp (2x10^4)": lambda: edgekit.drift.ks_2samp(a, b),
    "abtest.mann_whitney (2x10^4)": lambda: edgekit.abtest.mann_whitney(a, b),
    "drift.pelt (2x10^3)": lambda: edgekit.drift.pelt(a[:2000]),
    "patterns.candles (2x10^5 bars)": lambda: edgekit.patterns.candles(bars, bars + 1, bars - 1, bars + 0.5),
}
REPEAT = 40


def timed(threads, call):
    def work():
        for _ in range(REPEAT // threads):
            call()

    pool = [threading.Thread(target=work) for _ in range(threads)]
    start = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return time.perf_counter() - start


print(f"| call | 1 thread ({REPEAT} calls) | 2 threads (same calls) | speed-up |")
print("| --- | --- | --- | --- |")
for name, call in CALLS.items():
    call()
    one = min(timed(1, call) for _ in range(3))
    two = min(timed(2, call) for _ in range(3))
    print(f"| {name} | {one * 1e3:.0f} ms | {two * 1e3:.0f} ms | {one / two:.2f}x |")
