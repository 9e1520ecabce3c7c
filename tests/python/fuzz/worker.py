"""The child process that makes the fuzzed calls, so an abort, a hang or a crash of the
interpreter costs the parent one recorded outcome, not the test run.

Protocol over a multiprocessing pipe: the parent sends ``(path, kind, args, kwargs)``; the
worker answers ``(outcome, detail)`` where outcome is one of ``ok``, ``error`` (an
``edgekit.EdgekitError``), ``foreign`` (any other exception), ``panic`` (a ``BaseException``
such as pyo3's ``PanicException``) or ``violation`` (a result that breaks an invariant).
"""

from __future__ import annotations

import json
import math
import os
import pathlib
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[3]
PROBABILITY_KEYS = {"pvalue", "p_value", "chance_to_win", "chance_to_beat_control", "probability",
                    "probability_of_superiority", "power", "confidence"}


def build_fixtures():
    import numpy as np

    import edgekit

    data = REPO / "examples" / "data"
    rng = np.random.default_rng(5)
    close = 100 + np.cumsum(rng.normal(size=120))
    bars = {
        "open": close + rng.normal(scale=0.1, size=120),
        "high": close + 1.0,
        "low": close - 1.0,
        "close": close,
        "volume": rng.integers(100, 1000, size=120).astype(float),
        "timestamp": 1_700_000_000 + 60 * np.arange(120),
    }
    fixtures = {
        "slate": edgekit.lineup.Slate.from_csv(
            data / "lineup" / "dk_nfl_classic_2019wk1_seenahuang.csv", site="draftkings", sport="nfl"
        ),
        "bars": bars,
        "short_bars": {k: v[:3] for k, v in bars.items()},
        "bar_list": [
            {"o": float(o), "h": float(h), "l": float(lo), "c": float(c), "v": float(v), "t": int(t)}
            for o, h, lo, c, v, t in zip(*(bars[k][:30] for k in
                                           ("open", "high", "low", "close", "volume", "timestamp")))
        ],
        "object": object(),
    }
    fixtures["log"] = edgekit.patterns.GameLog.from_csv(str(data / "spreadspoke_scores.csv"))
    return fixtures


def resolve(value, fixtures):
    from surface import Fixture

    if isinstance(value, Fixture):
        return fixtures[value.name]
    if isinstance(value, list):
        return [resolve(v, fixtures) for v in value]
    if isinstance(value, tuple):
        return tuple(resolve(v, fixtures) for v in value)
    if isinstance(value, dict):
        return {k: resolve(v, fixtures) for k, v in value.items()}
    return value


def instance_of(cls, fixtures):
    """An instance to call methods on: the default constructor, else a real fixture."""
    name = cls.__name__
    if name == "Slate":
        return fixtures["slate"]
    if name == "GameLog":
        return fixtures["log"]
    if name == "Profile":
        import numpy as np

        return cls.fit({"x": np.arange(50.0), "c": np.array(["a", "b"] * 25, dtype=object)})
    if name == "System":
        return cls(["home"])
    if name == "ChunkMonitor":
        import numpy as np

        import edgekit.monitoring

        calc = edgekit.monitoring.UnivariateDriftCalculator(["x"], chunk_size=5)
        return cls(calc.fit({"x": np.arange(50.0)}))
    if name == "Tracker":
        tracker = cls()
        return tracker
    return cls()


def check(value, where="result", depth=0, in_dict=False):
    """Invariants of every result: no NaN outside numpy series, probabilities in [0, 1],
    intervals ordered, `to_dict()` JSON-safe. Returns a message or None."""
    import numpy as np

    if depth > 6:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return f"{where} is NaN"
        if in_dict and math.isinf(value):
            return f"{where} is {value} in a dict (not JSON-safe)"
        key = where.rsplit(".", 1)[-1].strip("[]'\"")
        if key in PROBABILITY_KEYS and not 0.0 <= value <= 1.0:
            return f"{where} = {value} is not a probability"
        return None
    if isinstance(value, np.ndarray):
        return "an object array" if value.dtype == object else None
    if isinstance(value, dict):
        for k, v in list(value.items())[:200]:
            problem = check(v, f"{where}[{k!r}]", depth + 1, True)
            if problem:
                return problem
        ci = value.get("ci")
        if isinstance(ci, (list, tuple)) and len(ci) == 2 and all(isinstance(c, float) for c in ci):
            if ci[0] > ci[1]:
                return f"{where}['ci'] = {ci}: low > high"
        try:
            json.dumps(value, allow_nan=False, default=lambda o: None)
        except (ValueError, TypeError) as e:
            return f"{where} is not JSON-safe: {e}"
        return None
    if isinstance(value, (list, tuple)):
        for i, v in enumerate(value[:200]):
            problem = check(v, f"{where}[{i}]", depth + 1, in_dict)
            if problem:
                return problem
        return None
    if type(value).__module__.startswith("pandas"):
        return None  # a DataFrame view (NannyML's layout) is pandas' to serialize, not edgekit's
    if hasattr(value, "to_dict") and callable(value.to_dict):
        problem = check(value.to_dict(), f"{where}.to_dict()", depth + 1, True)
        if problem:
            return problem
    if type(value).__module__.startswith("edgekit"):
        for name in dir(value):
            if name.startswith("_"):
                continue
            try:
                attribute = getattr(value, name)
            except Exception as e:  # noqa: BLE001 - a getter that raises is a finding
                return f"{where}.{name} raised {type(e).__name__}: {e}"
            if callable(attribute):
                continue
            problem = check(attribute, f"{where}.{name}", depth + 1, in_dict)
            if problem:
                return problem
        ci = getattr(value, "ci", None)
        if isinstance(ci, tuple) and len(ci) == 2 and all(isinstance(c, float) for c in ci):
            if ci[0] > ci[1]:
                return f"{where}.ci = {ci}: low > high"
    return None


class Unreachable(Exception):
    """A member that cannot be reached from outside (its class has no public constructor)."""


def call(job, fixtures):
    import edgekit

    path, kind, args, kwargs = job
    args = resolve(args, fixtures)
    kwargs = resolve(kwargs, fixtures)
    parts = path.split(".")
    module = getattr(edgekit, parts[0])
    if len(parts) == 2:
        return getattr(module, parts[1])(*args, **kwargs)
    cls = getattr(module, parts[1])
    member = parts[2]
    if kind == "constructor":
        return cls(*args, **kwargs)
    if kind == "staticmethod":
        return getattr(cls, member)(*args, **kwargs)
    try:
        instance = instance_of(cls, fixtures)
    except Exception as e:  # noqa: BLE001
        # Result classes are made only by the functions that return them; their members are
        # checked on every such result (see check()).
        raise Unreachable(f"no instance of {cls.__name__}: {e}") from None
    if kind == "property":
        return getattr(instance, member)
    if member == "__len__":
        return len(instance)
    if member == "__repr__":
        return repr(instance)
    return getattr(instance, member)(*args, **kwargs)


def serve(connection):
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).parent))
    import edgekit

    fixtures = build_fixtures()
    # Fuzzed paths (an upload CSV named "5min"...) must land in a scratch folder, not the repo.
    os.chdir(tempfile.mkdtemp(prefix="edgekit-fuzz-"))
    connection.send(("ready", None))
    while True:
        job = connection.recv()
        if job is None:
            return
        try:
            result = call(job, fixtures)
        except Unreachable as e:
            outcome = ("skipped", str(e))
        except edgekit.InternalError as e:
            # A panic caught at the boundary: the host survived, but it is still a bug.
            outcome = ("panic", str(e)[:200])
        except edgekit.EdgekitError as e:
            outcome = ("error", type(e).__name__)
        except Exception as e:  # noqa: BLE001 - anything else is the finding
            outcome = ("foreign", f"{type(e).__name__}: {str(e)[:200]}")
        except BaseException as e:  # noqa: BLE001 - pyo3's PanicException lands here
            outcome = ("panic", f"{type(e).__name__}: {str(e)[:200]}")
        else:
            try:
                problem = check(result)
            except Exception as e:  # noqa: BLE001
                problem = f"checking the result raised {type(e).__name__}: {e}"
            outcome = ("violation", problem) if problem else ("ok", None)
        connection.send(outcome)
