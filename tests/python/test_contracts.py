"""The contract of each public call is written once, in core (edgekit::contract): these tests
check that the Python face only reflects it: the stubs show core's option names and defaults,
unknown option names are refused, and results are JSON-safe records."""

import ast
import functools
import json
import math
from pathlib import Path

import numpy as np
import pytest

import edgekit
from edgekit import drift, ltp, patterns

STUBS = Path(edgekit.__file__).parent


def stub_keyword_defaults(module, function):
    tree = ast.parse((STUBS / f"{module}.pyi").read_text())
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == function:
            node = next(item for item in node.body if isinstance(item, ast.FunctionDef) and item.name == "__new__")
            return {
                arg.arg: ast.literal_eval(default)
                for arg, default in zip(node.args.kwonlyargs, node.args.kw_defaults)
            }
        if isinstance(node, ast.FunctionDef) and node.name == function:
            positional = node.args.args[len(node.args.args) - len(node.args.defaults):]
            # A core option a function also takes positionally (sample_size's effect_size).
            given = {arg.arg: ast.literal_eval(d) for arg, d in zip(positional, node.args.defaults)}
            return {k: v for k, v in given.items() if k in CONTRACTS.get(f"{module}.{function}", {})} | {
                arg.arg: ast.literal_eval(default)
                for arg, default in zip(node.args.kwonlyargs, node.args.kw_defaults)
                if default is not None  # a required option (mine's seasons)
            }
    raise AssertionError(f"{module}.{function} is not in the stubs")


ALL_CONTRACTS = edgekit._edgekit._option_defaults()
# edgekit.monitoring's and edgekit.calibration's classes take NannyML's, alibi-detect's and
# scikit-learn's explicit constructor arguments, not **options; tests/python/test_monitoring*.py
# and test_calibration.py check their defaults against core's.
CONTRACTS = {k: v for k, v in ALL_CONTRACTS.items() if not k.startswith(("monitoring.", "calibration."))}


# Arguments a face reads itself: arrays (read in place, never through JSON) and the report's
# column roles.
FACE_ONLY = {
    "drift.report": {"categorical"},
    **{f"patterns.{f}": {"atr"} for f in ("swings", "trend_structure", "levels", "chart_patterns")},
}


@pytest.mark.parametrize("name", sorted(CONTRACTS))
def test_stubs_show_core_defaults(name):
    module, function = name.split(".")
    stub = stub_keyword_defaults(module, function)
    for key in FACE_ONLY.get(name, ()):
        stub.pop(key)
    assert json.loads(json.dumps(stub)) == CONTRACTS[name]


# Functions whose core defaults are positional parameters (the dashboard's signatures): they
# take no other keyword, so an unknown one is Python's own TypeError.
POSITIONAL = {"ltp.detect_patience_candle", "ltp.score_level_proximity"}

# Options without a default, given to every call of their function.
REQUIRED = {
    "patterns.mine": {"train": (2010, 2014), "test": (2015, 2016)},
    "patterns.walk_forward": {"train_from": 2010, "test": (2015, 2016)},
    "patterns.analyze_games": {"train": (2010, 2014), "test": (2015, 2016)},
}


@functools.lru_cache(maxsize=1)
def _games():
    root = Path(__file__).resolve().parents[2]
    return patterns.GameLog.from_csv(root / "examples/data/spreadspoke_scores.csv")


def _slate():
    from edgekit import lineup

    root = Path(__file__).resolve().parents[2]
    return lineup.Slate.from_csv(root / "examples/data/lineup/dk_nfl_classic_2019wk1_seenahuang.csv",
                                 site="draftkings", sport="nfl")


def sample_arguments(name):
    """Valid positional arguments for each function with a contract."""
    rng = np.random.default_rng(3)
    a, b = rng.normal(size=60).round(1), rng.normal(0.3, size=50).round(1)
    pre_a, pre_b = a + rng.normal(size=60), b + rng.normal(size=50)
    den_a, den_b = rng.uniform(1, 2, size=60), rng.uniform(1, 2, size=50)
    labels = (rng.uniform(size=60) < 0.5).astype(float)
    close = 100 + np.cumsum(rng.normal(0, 1, size=300))
    open_ = np.r_[close[0], close[:-1]]
    high, low = np.maximum(open_, close) + 0.5, np.minimum(open_, close) - 0.5
    bars = (open_, high, low, close)
    seconds = 1_704_205_800 + 60 * np.arange(300)
    special = {
        **{f"patterns.{f}": bars for f in ("swings", "trend_structure", "levels", "chart_patterns", "narrow_range")},
        "patterns.breakouts": (*bars, [95.0, 100.0, 105.0]),
        "patterns.runs_test": (a,),
        "ltp.detect_patience_candle": ({"o": open_, "h": high, "l": low, "c": close}, close[-1]),
        "ltp.score_level_proximity": (close[-1], [{"type": "pdh", "price": close[-1] * 1.001,
                                                   "timeframe": "daily", "strength": 80}]),
        "patterns.ema": (close, 10),
        "abtest.adjust_pvalues": ([0.01, 0.02, 0.2, 0.5],),
        "abtest.adjusted_confidence": (0.95, 4),
        "abtest.paired_bootstrap": (labels, rng.uniform(size=60), rng.uniform(size=60)),
        "patterns.evaluate": (["site == home", "favorite"], _games()),
        "patterns.mine": (_games(), ["site == home", "favorite"]),
        "patterns.walk_forward": (_games(), ["site == home", "favorite"]),
        "patterns.analyze_games": (_games(), [["site == home", "favorite"]]),
        "patterns.resample": (seconds, *bars),
        "patterns.session_vwap": (seconds, high, low, close, np.full(300, 1000.0)),
        "drift.fisher_exact": ((a > 0).astype(float), (b > 0).astype(float)),
        "drift.z_test": ((a > 0).astype(float), (b > 0).astype(float)),
        "abtest.t_test_from_sums": ((60, 3.0, 70.0), (50, 9.0, 80.0)),
        "abtest.t_test_batch": ([60, 80], [0.1, 0.2], [1.0, 1.1], [50, 70], [0.4, 0.1], [1.2, 0.9]),
        "abtest.cuped": (a, b, pre_a, pre_b),
        "abtest.ratio_metric": (a + 5, den_a, b + 5, den_b),
        "abtest.cuped_ratio": (a + 5, den_a, b + 5, den_b, pre_a + 5, den_a, pre_b + 5, den_b),
        "abtest.bayes_gaussian": ((60, 0.1, 1.0), (50, 0.3, 1.1)),
        "abtest.sequential": ((60, 0.1, 1.0), (50, 0.3, 1.1)),
        "abtest.msprt": ((600, 0.1, 1.0), (500, 0.3, 1.1)),
        "abtest.bayes_conversions": (120, 1000, 150, 1000),
        "abtest.sequential_conversions": (120, 1000, 150, 1000),
        "abtest.bayes_binomial": (120, 1000, 150, 1000),
        "abtest.two_proportions": (120, 1000, 150, 1000),
        "abtest.two_proportions_batch": ([120, 30], [1000, 400], [150, 41], [1000, 400]),
        "abtest.mcnemar": (labels > 0.5, rng.uniform(size=60) < 0.6),
        "abtest.mcnemar_counts": (13, 25),
        "abtest.delong": (labels, rng.uniform(size=60), rng.uniform(size=60)),
        "abtest.diebold_mariano": (rng.uniform(size=60), rng.uniform(size=60)),
        "abtest.group_sequential": ([0.25, 0.5, 0.75, 1.0], [0.8, 1.4, 2.1, 2.5]),
        "abtest.permutation_test": (a[:20], b[:20]),
        "drift.PerformanceMonitor": (),
        "drift.pelt": (np.r_[a, b + 3],),
        "drift.binary_segmentation": (np.r_[a, b + 3],),
        "patterns.regimes": (np.r_[a, b + 3],),
        "stats.describe": (a,),
        "lineup.portfolio": (_slate(), 3),
        "abtest.proportion_ci": (12, 100),
        "abtest.risk_ratio": (120, 1000, 150, 1000),
        "abtest.odds_ratio": (120, 1000, 150, 1000),
        "abtest.power": (0.2, 400),
        "abtest.sample_size": (0.2,),
        "abtest.minimum_detectable_effect": (400,),
        "drift.report": ({"x": a, "y": b}, {"x": b, "y": a}),
    }
    if name.split(".")[1][0].isupper():  # a class: its options are its constructor's
        return special.get(name, ())
    return special.get(name, (a, b))


def plain(result):
    if isinstance(result, np.ndarray):  # NaN (an indicator's warm-up) compares equal as None
        return [None if isinstance(v, float) and math.isnan(v) else v for v in result.tolist()]
    if isinstance(result, list):
        return [plain(r) for r in result]
    if hasattr(result, "to_json") and not isinstance(result, dict):
        return result.to_json()
    if isinstance(result, dict):
        return {k: v.tolist() if isinstance(v, np.ndarray) else v for k, v in result.items()}
    return result.to_dict() if hasattr(result, "to_dict") else result


@pytest.mark.parametrize("name", sorted(CONTRACTS))
def test_unknown_options_are_refused_by_name(name):
    module, function = name.split(".")
    call = getattr(getattr(edgekit, module), function)
    if name in POSITIONAL:
        with pytest.raises(edgekit.InputTypeError, match="no_such_option"):
            call(*sample_arguments(name), no_such_option=1)
        return
    with pytest.raises(edgekit.InputTypeError, match="unknown option `no_such_option`"):
        call(*sample_arguments(name), no_such_option=1, **REQUIRED.get(name, {}))


@pytest.mark.parametrize("name", sorted(CONTRACTS))
def test_defaults_given_explicitly_change_nothing(name):
    module, function = name.split(".")
    call = getattr(getattr(edgekit, module), function)
    args = sample_arguments(name)
    given = {k: v for k, v in CONTRACTS[name].items() if v is not None}
    required = REQUIRED.get(name, {})
    assert plain(call(*args, **required)) == plain(call(*args, **given, **required))


def test_options_are_never_wrapped_or_truncated():
    a, b = [1.0, 2.0, 3.0, 4.0], [2.0, 3.0, 4.0, 5.0]
    with pytest.raises(edgekit.InvalidInputError):
        drift.tvd(a, b, permutations=-1)
    with pytest.raises(edgekit.InputTypeError):
        drift.tvd(a, b, permutations=2.5)
    with pytest.raises(edgekit.InvalidInputError, match="must be finite"):
        drift.ks_2samp(a, b, threshold=float("nan"))
    with pytest.raises(edgekit.InvalidInputError, match="alternative \"sideways\" is unknown"):
        drift.ks_2samp(a, b, alternative="sideways")
    assert drift.tvd(a, b, permutations=np.int64(50), seed=2**63).pvalue is not None


def test_tracker_results_are_typed_json_safe_records():
    tracker = ltp.Tracker()
    t0 = 1_704_205_800  # 2024-01-02 14:30 UTC, the New York open
    events = []
    rng = np.random.default_rng(1)
    price = 100.0
    for i in range(400):
        step = rng.normal(0, 0.1)
        o, c = price, price + step
        events += tracker.update("SPY", t0 + 60 * i, o, max(o, c) + 0.05, min(o, c) - 0.05, c, 1000)
        price = c
    assert events, "a 400-minute session raises events"
    for event in events:
        assert isinstance(event, ltp.TrackerEvent) and isinstance(event, dict)
        assert event.symbol == "SPY" and event["kind"] == event.kind
        json.dumps(event)
    evaluation = tracker.evaluation("SPY")
    assert isinstance(evaluation, ltp.Evaluation)
    assert math.isfinite(evaluation.score) and 0 <= evaluation.score <= 100
    text = json.dumps(evaluation.to_dict(), allow_nan=False)
    assert json.loads(text) == evaluation


def test_record_fields_match_the_stubs():
    """The stubs' annotations name exactly the fields core sends."""
    tree = ast.parse((STUBS / "ltp.pyi").read_text())
    declared = {
        node.name: {item.target.id for item in node.body if isinstance(item, ast.AnnAssign)}
        for node in tree.body
        if isinstance(node, ast.ClassDef) and node.name in ("TrackerEvent", "Evaluation")
    }
    tracker = ltp.Tracker()
    t0 = 1_704_205_800
    rng = np.random.default_rng(5)
    price, events = 100.0, []
    for i in range(400):
        c = price + rng.normal(0, 0.1)
        events += tracker.update("SPY", t0 + 60 * i, price, max(price, c) + 0.05, min(price, c) - 0.05, c, 1000)
        price = c
    assert set(events[0]) == declared["TrackerEvent"]
    assert set(tracker.evaluation("SPY")) == declared["Evaluation"]


def stub_fields(module):
    """Record class → its annotated fields, from a module's stub."""
    tree = ast.parse((STUBS / f"{module}.pyi").read_text())
    return {
        node.name: {item.target.id for item in node.body if isinstance(item, ast.AnnAssign)}
        for node in tree.body
        if isinstance(node, ast.ClassDef) and any(getattr(b, "id", "") == "Record" for b in node.bases)
    }


def check_records(module, results):
    declared = stub_fields(module)
    seen = set()
    for record in results:
        name = type(record).__name__
        assert isinstance(record, edgekit.Record) and name in declared, name
        assert set(record) == declared[name], name
        json.dumps(record, allow_nan=False)
        seen.add(name)
    return seen


def test_every_record_matches_its_stub():
    from edgekit import patterns

    rng = np.random.default_rng(11)
    close = 100 + np.cumsum(rng.normal(0, 1, 600))
    open_ = np.r_[close[0], close[:-1]]
    high = np.maximum(open_, close) + rng.uniform(0, 1, 600)
    low = np.minimum(open_, close) - rng.uniform(0, 1, 600)
    bars = (open_, high, low, close)
    results = [
        *patterns.levels(*bars),
        *patterns.fair_value_gaps(*bars),
        *patterns.chart_patterns(*bars, threshold=0.02),
        *patterns.breakouts(*bars, [float(np.median(close))]),
        *patterns.regimes(np.r_[rng.normal(0, 1, 100), rng.normal(3, 1, 100)]),
        patterns.runs_test(rng.normal(size=50)),
    ]
    log = patterns.GameLog.from_csv(Path(__file__).resolve().parents[2] / "examples/data/spreadspoke_scores.csv")
    results.append(patterns.evaluate(["home", "favorite"], log))
    results.append(patterns.mine(log, ["home", "favorite", "underdog"], 1, train=(2010, 2015), test=(2016, 2018), min_games=5))
    results += patterns.walk_forward(log, ["home", "underdog"], 1, train_from=2012, test=(2016, 2017), min_games=5, q_max=1.0)
    assert check_records("patterns", results) == {
        "Level", "FairValueGap", "ChartPattern", "Breakout", "Regime", "RunsTest", "BetRecord", "MineResult",
        "WalkForwardStep",
    }

    reference = {"x": rng.normal(size=300), "c": rng.choice(["a", "b"], 300)}
    current = {"x": rng.normal(0.5, size=300), "c": rng.choice(["a", "b", "z"], 300)}
    monitor = drift.PerformanceMonitor(window=100, thresholds={"accuracy": [0.9, 0.8]})
    alerts = monitor.update_many(rng.uniform(size=200), (rng.uniform(size=200) < 0.5).astype(float))
    monitor.set_baseline()
    results = [
        drift.report(reference, current),
        *drift.Profile.fit(reference).describe(),
        *alerts,
        monitor.metrics(),
        *monitor.compare(),
    ]
    assert check_records("drift", results) == {
        "DriftReport", "ColumnSummary", "Alert", "WindowMetrics", "MetricComparison",
    }


def result_stub_fields(module):
    """Result class → its fields (annotations and properties), from a module's stub."""
    tree = ast.parse((STUBS / f"{module}.pyi").read_text())
    fields = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(getattr(b, "id", "") == "Result" for b in node.bases):
            fields[node.name] = {item.target.id for item in node.body if isinstance(item, ast.AnnAssign)} | {
                item.name for item in node.body
                if isinstance(item, ast.FunctionDef) and any(getattr(d, "id", "") == "property" for d in item.decorator_list)
            }
    return fields


def test_every_result_class_matches_its_stub():
    """Statistical results are one generic class path from core's fields: each class's fields
    are exactly the stub's, attributes keep exact values (±inf at an open end) and
    ``to_dict()`` is JSON-safe."""
    from edgekit import abtest, stats

    rng = np.random.default_rng(2)
    a, b = rng.normal(size=80), rng.normal(0.3, size=70)
    labels = (rng.uniform(size=80) < 0.5).astype(float)
    results = [
        abtest.welch(a, b, alternative="larger"),
        abtest.mann_whitney(a, b),
        abtest.bootstrap(a, b, n_resamples=500),
        abtest.brunner_munzel(a, b),
        abtest.permutation_test(a[:15], b[:15]),
        abtest.bayes_gaussian((80, 0.1, 1.0), (70, 0.3, 1.1)),
        abtest.sequential((800, 0.1, 1.0), (700, 0.3, 1.1)),
        abtest.bayes_binomial(120, 1000, 150, 1000),
        abtest.mcnemar(labels > 0.5, rng.uniform(size=80) < 0.6),
        abtest.delong(labels, rng.uniform(size=80), rng.uniform(size=80)),
        abtest.diebold_mariano(rng.uniform(size=80), rng.uniform(size=80)),
        abtest.msprt((800, 0.1, 1.0), (700, 0.3, 1.1)),
        stats.describe(a),
        drift.ks_2samp(a, b),
    ]
    declared = {**result_stub_fields("abtest"), **result_stub_fields("stats"), **result_stub_fields("drift")}
    seen = set()
    for result in results:
        name = type(result).__name__
        assert isinstance(result, edgekit.Result) and name in declared, name
        fields = set(result.to_dict())
        extra = {"score"} if name == "DriftResult" else set()  # a named view of `statistic`
        assert fields | extra == declared[name], name
        json.dumps(result.to_dict(), allow_nan=False)
        seen.add(name)
    assert len(seen) == len(results)
    larger = results[0]
    assert larger.ci[1] == math.inf and larger.to_dict()["ci"][1] is None
