"""Every edgekit object pickles (issue 20, item 1): what a Dask, Ray, Spark or multiprocessing
task returns or receives — profiles, detectors, monitors and their chunk monitors, calibrators,
slates and lineups, game logs, trackers, results — goes through pickle and comes back doing
the same work. Native classes pickle through edgekit's binary state (core's ``state``)."""

import pathlib
import pickle

import numpy as np
import pandas as pd
import pytest

import edgekit
from edgekit import _edgekit as native
from edgekit import abtest, calibration, drift, lineup, ltp, monitoring, patterns, stats

ROOT = pathlib.Path(__file__).resolve().parents[2]
RNG = np.random.default_rng(7)
N = 1200


def frame(shift=0.0, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(shift, 1.0, N)
    y = 0.5 * x + rng.normal(0.0, 1.0, N)
    p = 1.0 / (1.0 + np.exp(-x))
    label = (rng.random(N) < p).astype(int)
    return pd.DataFrame({
        "x": x,
        "y": y,
        "c": rng.choice(["a", "b", "c"], N),
        "p": p,
        "pred": (p > 0.5).astype(int),
        "label": label,
        "target": 2.0 * x + rng.normal(0.0, 0.5, N),
        "p0": 1.0 - p * 0.8 - 0.1,
        "p1": p * 0.8,
        "p2": np.full(N, 0.1),
        "cls": np.where(label == 1, "p1", "p0"),
    })


REFERENCE = frame()
CURRENT = frame(shift=0.6, seed=1)


def round_trip(obj):
    return pickle.loads(pickle.dumps(obj))


def detectors():
    out = {}
    for name in ["ADWIN", "PageHinkley", "KSWIN", "CUSUM", "DDM", "EDDM", "HDDM_A", "HDDM_W", "FHDDM", "BOCPD"]:
        d = getattr(drift, name)(**({"seed": 3} if name == "KSWIN" else {}))
        binary = name in {"DDM", "EDDM", "HDDM_A", "HDDM_W", "FHDDM"}
        values = (RNG.random(300) < 0.3).astype(float) if binary else RNG.normal(size=300)
        d.update_many(values)
        out[name] = d
    return out


@pytest.mark.parametrize("name", sorted(detectors()))
def test_detectors_pickle_mid_stream_and_go_on_alike(name):
    d = detectors()[name]
    back = round_trip(d)
    assert type(back) is type(d)
    assert back.to_json() == d.to_json()
    more = RNG.normal(2.0, 1.0, 400) if name not in {"DDM", "EDDM", "HDDM_A", "HDDM_W", "FHDDM"} else (RNG.random(400) < 0.7).astype(float)
    assert list(back.update_many(more)) == list(d.update_many(more))
    assert back.to_json() == d.to_json()


def test_a_profile_and_a_performance_monitor_pickle():
    profile = drift.Profile.fit(REFERENCE[["x", "y", "c"]])
    assert round_trip(profile) == profile
    monitor = drift.PerformanceMonitor(window=200, thresholds={"accuracy": (0.6, None)})
    monitor.update_many(REFERENCE["p"].to_numpy(), REFERENCE["label"].to_numpy().astype(float))
    back = round_trip(monitor)
    assert back.to_json() == monitor.to_json()
    assert back.metrics() == monitor.metrics()


def fitted_calculators():
    kw = {"chunk_size": 300}
    binary = dict(y_pred_proba="p", y_pred="pred", y_true="label", problem_type="classification_binary", **kw)
    multi = dict(y_pred_proba={"p0": "p0", "p1": "p1", "p2": "p2"}, y_pred="cls", y_true="cls",
                 problem_type="classification_multiclass", **kw)
    return {
        "reconstruction": monitoring.DataReconstructionDriftCalculator(["x", "y"], **kw),
        "univariate": monitoring.UnivariateDriftCalculator(["x", "c"], **kw),
        "cbpe": monitoring.CBPE(metrics=["roc_auc", "accuracy"], **binary),
        "cbpe_multiclass": monitoring.CBPE(metrics=["accuracy"], **multi),
        "realized": monitoring.PerformanceCalculator(metrics=["roc_auc", "accuracy"], **binary),
        "realized_multiclass": monitoring.PerformanceCalculator(metrics=["accuracy"], **multi),
        "regression": monitoring.PerformanceCalculator(metrics=["mae"], y_pred="y", y_true="target",
                                                       problem_type="regression", **kw),
        "dle": monitoring.DLE(["x"], y_pred="y", y_true="target", metrics=["mae"], **kw),
        "domain": monitoring.DomainClassifierCalculator(["x", "y"], cv_folds_num=3, **kw),
    }


def outcome(calculator, data):
    run = getattr(calculator, "calculate", None) or calculator.estimate
    return run(data).to_df()


@pytest.mark.parametrize("name", sorted(fitted_calculators()))
def test_monitoring_calculators_and_their_chunk_monitors_pickle(name):
    calc = fitted_calculators()[name].fit(REFERENCE)
    back = round_trip(calc)
    pd.testing.assert_frame_equal(outcome(back, CURRENT), outcome(calc, CURRENT))
    chunks = calc.monitor()
    chunks.push(CURRENT.iloc[:450])
    moved = round_trip(chunks)
    for m in (chunks, moved):
        m.push(CURRENT.iloc[450:])
        m.flush()
    assert moved.to_json() == chunks.to_json()


def test_mmd_drift_and_calibrators_pickle():
    mmd = monitoring.MMDDrift(REFERENCE[["x", "y"]].to_numpy()[:300], n_permutations=20, seed=1)
    assert round_trip(mmd).predict(CURRENT[["x", "y"]].to_numpy()[:300]) == mmd.predict(CURRENT[["x", "y"]].to_numpy()[:300])
    cal = calibration.Calibrator().fit(REFERENCE["x"].to_numpy(), REFERENCE["label"].to_numpy())
    np.testing.assert_array_equal(round_trip(cal).predict(CURRENT["x"].to_numpy()), cal.predict(CURRENT["x"].to_numpy()))
    reg = calibration.ConformalRegressor().fit(REFERENCE["y"].to_numpy(), REFERENCE["target"].to_numpy())
    assert round_trip(reg).to_json() == reg.to_json()
    proba = REFERENCE[["p0", "p1", "p2"]].to_numpy()
    clf = calibration.ConformalClassifier().fit(proba / proba.sum(axis=1, keepdims=True), REFERENCE["label"].to_numpy())
    assert round_trip(clf).to_json() == clf.to_json()


def test_slates_lineups_and_contest_results_pickle():
    slate = lineup.Slate.from_csv(ROOT / "examples/data/lineup/dk_nba_classic_2018-12-03_draftfast.csv",
                                  site="draftkings", sport="nba")
    rows = ["id,projection,ownership"] + [f'{p["id"]},{p["projection"] * 1.1},{5.0}' for p in slate.players]
    slate, _ = slate.with_projections("\n".join(rows) + "\n")
    back = round_trip(slate)
    assert back.players == slate.players
    best = lineup.optimize(slate, 3)
    assert [l.projection for l in lineup.optimize(back, 3)] == [l.projection for l in best]
    assert round_trip(best) == best
    rules = lineup.Rules(max_exposure=0.5)
    assert round_trip(rules).to_dict() == rules.to_dict()


def test_game_logs_trackers_and_results_pickle():
    log = patterns.GameLog.from_csv(ROOT / "examples/data/spreadspoke_scores.csv")
    back = round_trip(log)
    assert back.games == log.games and back.teams == log.teams
    tracker = ltp.Tracker()
    assert round_trip(tracker).to_bytes() == tracker.to_bytes()
    for result in [abtest.welch([1.0, 2.0, 3.5], [2.0, 3.0, 4.5]), stats.describe([1.0, 2.0, 3.0]),
                   drift.report(REFERENCE[["x", "c"]], CURRENT[["x", "c"]])]:
        assert round_trip(result) == result


def test_every_native_class_is_covered_and_bad_state_is_refused():
    saved = set(native._saved_types())
    # Every native class that can save its state is registered (a new one must join the list
    # in bindings-python/src/state.rs). The LTP tracker pickles through its Python wrapper.
    def classes(module, seen):
        for value in vars(module).values():
            if isinstance(value, type) and (hasattr(value, "to_json") or hasattr(value, "to_bytes")):
                yield value
            elif type(value) is type(native) and value not in seen:
                seen.add(value)
                yield from classes(value, seen)
    stateful = {c for c in classes(native, set()) if c.__name__ != "_Tracker"}
    assert stateful <= saved, sorted(c.__name__ for c in stateful - saved)
    assert len(saved) == 36
    kind, data = native._save_state(drift.ADWIN())
    assert kind == "ADWIN"
    with pytest.raises(edgekit.InvalidInputError, match="ADWIN"):
        native._load_state("KSWIN", data)
    with pytest.raises(edgekit.InvalidInputError):
        native._load_state("ADWIN", data[:-3])
    with pytest.raises(edgekit.InvalidInputError):
        native._load_state("NoSuchKind", data)
    with pytest.raises(edgekit.InputTypeError):
        native._save_state(object())
