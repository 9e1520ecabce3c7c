"""The public surface of the Python face, read from its stubs (the `.pyi` files shipped in the
wheel), and Hypothesis strategies for hostile arguments chosen by each parameter's annotation.

Every function and every class method declared in a stub is a target; a target is a dotted
path (``drift.ADWIN.update``) plus its parameters (name, annotation text, keyword-only or not,
has a default or not). The strategies mix plausible values (so calls reach deep code) with
hostile ones: empty and one-element arrays, NaN, ±inf, -0.0, 1e308, 5e-324, mismatched
lengths, 2-D and object arrays, huge and negative counts, garbage strings, random CSV bytes.
"""

from __future__ import annotations

import ast
import math
import pathlib
from dataclasses import dataclass, field

from hypothesis import strategies as st

MODULES = ("stats", "abtest", "drift", "monitoring", "calibration", "patterns", "ltp", "lineup")


@dataclass
class Param:
    name: str
    annotation: str
    keyword_only: bool
    has_default: bool


@dataclass
class Target:
    path: str  # e.g. "drift.ks_2samp" or "drift.ADWIN.update"
    params: list[Param] = field(default_factory=list)
    kind: str = "function"  # "function", "method", "constructor", "staticmethod", "property"


def _params(fn: ast.FunctionDef, skip_first: bool) -> list[Param]:
    args = fn.args
    positional = args.posonlyargs + args.args
    if skip_first and positional:
        positional = positional[1:]
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    out = [
        Param(a.arg, ast.unparse(a.annotation) if a.annotation else "Any", False, d is not None)
        for a, d in zip(positional, defaults)
    ]
    out += [
        Param(a.arg, ast.unparse(a.annotation) if a.annotation else "Any", True, d is not None)
        for a, d in zip(args.kwonlyargs, args.kw_defaults)
    ]
    return out


def read_targets(package_dir: pathlib.Path) -> list[Target]:
    targets = []
    for module in MODULES:
        stub = package_dir / f"{module}.pyi"
        tree = ast.parse(stub.read_text())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                targets.append(Target(f"{module}.{node.name}", _params(node, False)))
            elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                bases = [ast.unparse(b) for b in node.bases]
                if any(b.startswith("TypedDict") for b in bases):
                    continue
                for member in node.body:
                    if not isinstance(member, ast.FunctionDef):
                        continue
                    decorators = {ast.unparse(d) for d in member.decorator_list}
                    name = member.name
                    if name.startswith("_") and name not in ("__init__", "__new__", "__len__", "__repr__", "__eq__"):
                        continue
                    if "property" in decorators:
                        kind = "property"
                    elif "staticmethod" in decorators or "classmethod" in decorators:
                        kind = "staticmethod"
                    elif name in ("__init__", "__new__"):
                        kind = "constructor"
                    else:
                        kind = "method"
                    skip = kind != "staticmethod" or "classmethod" in decorators
                    targets.append(
                        Target(f"{module}.{node.name}.{name}", _params(member, skip), kind)
                    )
    return targets


# ---- values -------------------------------------------------------------------------------

HOSTILE_FLOATS = [
    0.0, -0.0, 1.0, -1.0, 0.5, 2.7, math.nan, math.inf, -math.inf, 1e308, -1e308, 5e-324,
    1e-300, 1e30, -1e30, 0.05, 0.95, 1.0000001,
]
HOSTILE_INTS = [
    0, 1, 2, 3, 5, 7, 20, 100, -1, -7, 2**31, 2**32 + 2, 2**53 + 1, 2**63 - 1, 2**64,
    -(2**63), 10**12, 10**9,
]
GARBAGE_STRINGS = ["", "§", "\x00", "é" * 3, "x" * 300, "two-sided", "raise", "omit", "1h", "5min",
                   "nan", "inf", "-1", "draftkings", "nfl", "classic", "bullish", "mean", "auto"]
CSV_TEXTS = [
    "",
    "Position,Name + ID,Name,ID,Roster Position,Salary,Game Info,TeamAbbrev,AvgPointsPerGame\n",
    "Position,Name,ID,Roster Position,Salary,Game Info,TeamAbbrev,AvgPointsPerGame\nQB,A,1,QB,6000,X@Y 01/01/2020 01:00PM ET,X,nan\n",
    "a,b\n1,2\n\"unterminated\n",
    "\ufeffID,Name\n§,é\n",
]


def floats():
    return st.one_of(st.sampled_from(HOSTILE_FLOATS), st.floats(allow_nan=True, allow_infinity=True))


def ints():
    return st.one_of(st.sampled_from(HOSTILE_INTS), st.integers(-(10**6), 10**6))


def plausible_array():
    import numpy as np

    def build(kind, n, seed):
        rng = np.random.default_rng(seed)
        if kind == "normal":
            return rng.normal(size=n)
        if kind == "ints":
            return rng.integers(0, 5, size=n)
        if kind == "probs":
            return rng.random(n)
        if kind == "labels":
            return (rng.random(n) < 0.5).astype(float)
        if kind == "list":
            return [float(v) for v in rng.normal(size=n)]
        if kind == "prices":
            return 100 + np.cumsum(rng.normal(size=n))
        raise AssertionError(kind)

    return st.builds(
        build,
        st.sampled_from(["normal", "ints", "probs", "labels", "list", "prices"]),
        st.sampled_from([0, 1, 2, 3, 10, 60, 300]),
        st.integers(0, 2**16),
    )


def hostile_array():
    import numpy as np

    special = st.sampled_from([
        np.array([]), np.array([1.5]), np.array([np.nan, 1.0]), np.array([np.inf, 1.0, 2.0]),
        np.array([1e308, -1e308, 1e308]), np.array([5e-324, 0.0, -0.0]), np.zeros((3, 3)),
        np.array(["a", "b"], dtype=object), np.array([1, -1]), np.arange(10, dtype=np.float32),
        np.array([True, False, True]), [1, "x", None], [None, None], "abc", b"\x00\x01",
        np.full(5, 3.0), np.arange(7)[::2].astype(float),
    ])
    return st.one_of(special, st.lists(floats(), max_size=12))


def arrays():
    return st.one_of(plausible_array(), hostile_array())


def anything():
    return st.one_of(
        floats(), ints(), st.sampled_from(GARBAGE_STRINGS), st.none(), st.booleans(),
        hostile_array(), st.just({}), st.just([]), st.just({"x": 1}), st.just(Fixture("object")),
        st.binary(max_size=40),
    )


class Fixture:
    """A real object the worker builds (a slate, a game log, bars): markers cross the pipe."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self):
        return f"<{self.name}>"


def strategy_for(annotation: str, name: str):
    a = annotation
    lowered = name.lower()
    pick = []
    if "Slate" in a or lowered == "slate":
        pick.append(st.just(Fixture("slate")))
    if "GameLog" in a or lowered == "log":
        pick.append(st.just(Fixture("log")))
    if "BarsLike" in a or lowered in ("bars", "daily", "intraday"):
        pick.append(st.sampled_from([Fixture("bars"), Fixture("short_bars"), Fixture("bar_list")]))
    if "PathOrText" in a or "csv" in lowered or lowered in ("text", "path_or_text"):
        pick.append(st.sampled_from(CSV_TEXTS))
        pick.append(st.binary(max_size=60).map(lambda b: b.decode("latin-1")))
    if "ArrayLike" in a or "NDArray" in a or "Sequence[float]" in a or "Sequence[bool]" in a:
        pick.append(arrays())
    if "Sequence[int]" in a or "list[int]" in a:
        pick.append(st.lists(ints(), max_size=6))
    if "list[list[int]]" in a:
        pick.append(st.lists(st.lists(ints(), max_size=4), max_size=3))
    if "Tuple[float, float, float]" in a:
        pick.append(st.tuples(floats(), floats(), floats()))
    if a in ("int",) or a.startswith("Optional[int]") or "int" == a.split("|")[0].strip():
        pick.append(ints())
    if a == "float" or a.startswith("Optional[float]") or "float" in a.split("[")[0]:
        pick.append(floats())
    if a == "bool":
        pick.append(st.booleans())
    if "Literal[" in a:
        literals = [v.strip().strip("\"'") for v in a.split("Literal[", 1)[1].split("]")[0].split(",")]
        pick.append(st.sampled_from(literals))
    if a == "str" or a.startswith("Optional[str]") or a in ("Alternative", "Direction", "Timeframe",
                                                             "Correction", "ProportionInterval"):
        pick.append(st.sampled_from(GARBAGE_STRINGS))
    if "Mapping" in a or "dict" in a.lower() or "Rules" in a:
        pick.append(st.dictionaries(st.sampled_from(["n", "x", "level", "price", "count", "detected",
                                                     "score", "min_salary", "exposure", "§"]),
                                    anything(), max_size=3))
    if "Optional" in a or "None" in a:
        pick.append(st.none())
    if not pick:
        pick.append(anything())
    # One argument in ten is replaced by anything at all (wrong types, garbage).
    return st.one_of(*pick) if len(pick) > 1 else pick[0], anything()
