import json
import math
import pathlib

import pandas as pd
import pytest

import edgekit
from edgekit import patterns

ROOT = pathlib.Path(__file__).resolve().parents[2]
VECTORS = json.loads((ROOT / "tests/vectors/games.json").read_text())
LOG = patterns.GameLog.from_csv(ROOT / "examples/data/spreadspoke_scores.csv")


def close(got, want):
    return abs(got - want) <= 1e-9 * abs(want) + 1e-15


def test_log_loads_every_played_game():
    assert LOG.games * 2 == VECTORS["rows"]
    assert len(LOG.skipped) == 2 and all("unplayed fixture" in why for _, why in LOG.skipped)
    rows = pd.DataFrame(LOG.rows())
    assert len(rows) == VECTORS["rows"]
    assert set(rows.site) == {"home", "away", "neutral"}


@pytest.mark.parametrize("case", VECTORS["systems"], ids=lambda c: f"{c['filters']}-{c['market']}")
def test_system_records_match_pandas(case):
    r = patterns.evaluate(patterns.System(case["filters"]), LOG, case["market"])
    w = case["expected"]
    assert (r["wins"], r["losses"], r["pushes"]) == (w["wins"], w["losses"], w["pushes"])
    for key in ("avg_margin", "avg_ats_margin", "units", "break_even", "pvalue"):
        assert close(r[key], w[key]), key
    assert close(r["wilson"][0], w["wilson"][0]) and close(r["wilson"][1], w["wilson"][1])
    assert math.isclose(r["roi"], r["units"] / (r["wins"] + r["losses"]))


def test_mining_reports_q_values_and_out_of_sample():
    space = ["home", "away", "favorite", "underdog", "division_game", "rest_days >= 10",
             "prev_ats == loss", "line >= 7"]
    found = patterns.mine(LOG, space, 2, train=(1978, 2015), test=(2016, 2024), min_games=100)
    assert found["tried"] == 36
    top = found["systems"][0]
    direct = patterns.evaluate(top["filters"], LOG, seasons=(2016, 2024))
    assert (direct["wins"], direct["losses"]) == (top["test"]["wins"], top["test"]["losses"])
    assert all(s["qvalue"] >= s["train"]["pvalue"] for s in found["systems"])


def test_bad_filters_are_named():
    with pytest.raises(edgekit.InvalidInputError, match="unknown field \"rest_dayz\""):
        patterns.System(["rest_dayz >= 3"])
    with pytest.raises(edgekit.InvalidInputError, match="market"):
        patterns.evaluate(["home"], LOG, "moneyline")
    with pytest.raises(edgekit.InvalidInputError, match="cannot read"):
        patterns.GameLog.from_csv("/nonexistent/file.csv")


def test_walk_forward_pools_selected_systems():
    space = ["home", "away", "favorite", "underdog", "division_game", "rest_days >= 10"]
    steps = patterns.walk_forward(LOG, space, 2, train_from=1978, test=(2021, 2022), q_max=1.0,
                                  min_games=100)
    assert [s["season"] for s in steps] == [2021, 2022]
    mined = patterns.mine(LOG, space, 2, train=(1978, 2021), test=(2022, 2022), min_games=100)
    assert steps[1]["selected"] == len(mined["systems"])
    assert steps[1]["out_of_sample"][0] == sum(s["test"]["wins"] for s in mined["systems"])


@pytest.mark.parametrize("case", VECTORS["runs_tests"],
                         ids=lambda c: f"{c['name']}-{c['cutoff']}-{c['correction']}")
def test_runs_tests_match_statsmodels(case):
    r = patterns.runs_test(case["values"], cutoff=case["cutoff"], correction=case["correction"])
    assert r["runs"] == case["runs"]
    assert close(r["z"], case["expected"]["z"]) and close(r["pvalue"], case["expected"]["pvalue"])


def test_chart_patterns_from_zigzag_pivots():
    # A double top at 110 / 110.4 over a 100 low, then a break below 100.
    close_ = [100, 104, 108, 110, 106, 101, 100, 103, 107, 110.4, 105, 99, 95.0]
    bars = [close_, close_, close_, close_]
    found = patterns.chart_patterns(*bars, threshold=0.04, tolerance=0.01)
    top = [p for p in found if p["kind"] == "double_top"]
    assert top == [{"kind": "double_top", "pivots": [3, 6, 9], "neckline": 100.0,
                    "target": pytest.approx(89.6), "confirmed_at": 11}]
    with pytest.raises(edgekit.InvalidInputError, match="cutoff"):
        patterns.runs_test([1.0, 2.0, 3.0], cutoff="mode")


def test_analyze_games_lists_applicable_systems_for_unplayed_games():
    found = patterns.analyze_games(LOG, [["home"], patterns.System(["away", "underdog"])],
                                   train=(1978, 2014), test=(2015, 2024))
    assert len(found) > 0
    rows = pd.DataFrame(LOG.rows())
    assert len(found) == int(rows.margin.isna().sum())
    for side in found:
        for s in side["systems"]:
            assert 0 <= s["confidence"] <= 1
            assert s["test"]["wins"] + s["test"]["losses"] > 0


def test_game_log_from_a_dataframe():
    frame = pd.DataFrame({
        "date": pd.to_datetime(["2024-09-08", "2024-09-15", "2024-09-22", "2024-09-29"]),
        "season": [2024] * 4,
        "home": ["Hawks", "Owls", "Hawks", "Owls"],
        "away": ["Owls", "Hawks", "Owls", "Hawks"],
        "score_home": [24, 17, 10, None],
        "score_away": [20, 21, 13, None],
        "favorite": ["Hawks", "Hawks", "PICK", "Owls"],
        "spread": [-3.0, -6.5, 0.0, -2.5],
        "total": [44.0, 40.0, 41.5, 42.0],
    })
    log = patterns.game_log(frame)
    assert log.games == 4 and sorted(log.teams) == ["Hawks", "Owls"]
    # Home teams: won 24-20 (favoured by 3: covers by 1), lost 17-21 as a 6.5 dog (covers
    # by 2.5), lost 10-13 in a pick'em (fails by 3); the last game is unplayed.
    r = patterns.evaluate(["home"], log, "ats")
    assert (r["wins"], r["losses"], r["pushes"]) == (2, 1, 0)
    assert patterns.evaluate(["home"], log, "su")["wins"] == 1
    upcoming = patterns.analyze_games(log, [["home"]], train=(2024, 2024), test=(2024, 2024))
    assert [(u["team"], len(u["systems"])) for u in upcoming] == [("Owls", 1), ("Hawks", 0)]
    bad = frame.assign(favorite=["Hawks", "Nobody", "PICK", "Owls"])
    with pytest.raises(edgekit.InvalidInputError, match="game row 1: favourite \"Nobody\""):
        patterns.game_log(bad)
