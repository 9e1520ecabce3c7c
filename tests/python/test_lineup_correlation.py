"""edgekit.lineup user correlations from Python: the shared vector (same numbers as Rust and
Node), the factor model's documented values, and the refusals."""

import json
import math
import pathlib

import pytest

import edgekit
from edgekit import lineup

from test_lineup_contest import VECTOR as CONTEST, owned_slate

ROOT = pathlib.Path(__file__).resolve().parents[2]
VECTOR = json.loads((ROOT / "tests" / "vectors" / "lineup_correlation.json").read_text())


def close(a, b):
    assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9), (a, b)


def test_the_shared_correlation_vector():
    s = owned_slate()
    got = lineup.outcome_correlations(s, VECTOR["players"], **VECTOR["outcomes"])
    assert got["players"] == VECTOR["players"]
    for row, want in zip(got["correlations"], VECTOR["correlations"]):
        for a, b in zip(row, want):
            close(a, b)
    close(got["largest_repair"], VECTOR["largest_repair"])
    lineups = lineup.optimize(s, len(CONTEST["lineups"]))
    result = lineup.simulate_contest(
        s,
        CONTEST["contest"],
        lineups,
        seed=VECTOR["seed"],
        simulations=VECTOR["simulations"],
        outcomes=VECTOR["outcomes"],
    )
    for entry, stats in zip(result["entries"], VECTOR["entries"]):
        for key, value in stats.items():
            close(entry["stats"][key], value)
    json.dumps(got, allow_nan=False)


def test_the_factor_model_without_rules():
    s = owned_slate()
    qb = [p for p in s.players if p["positions"] == ["QB"] and p["team"] == "HOU"]
    wr = [p for p in s.players if p["positions"] == ["WR"] and p["team"] == "HOU"]
    got = lineup.outcome_correlations(s, [qb[0]["id"], wr[0]["id"]], team_correlation=0.2, stack_correlation=0.1)
    # teammates who share the passing game: team + stack + game (default 0.05)
    close(got["correlations"][0][1], 0.2 + 0.1 + 0.05)
    assert got["largest_repair"] == 0.0


def test_refusals_name_the_rule():
    s = owned_slate()
    some = s.players[0]["id"]
    with pytest.raises(edgekit.InvalidInputError, match=r"player_correlations\[0\].*Nobody"):
        lineup.outcome_correlations(s, [some], player_correlations=[{"a": some, "b": "Nobody", "value": 0.1}])
    with pytest.raises(edgekit.EdgekitError, match=r"\[-1, 1\]"):
        lineup.outcome_correlations(s, [some], position_correlations=[{"a": "QB", "b": "WR", "value": 2}])
    with pytest.raises(edgekit.EdgekitError, match="PG"):
        lineup.outcome_correlations(s, [some], position_correlations=[{"a": "QB", "b": "PG", "value": 0.1}])
    with pytest.raises(ValueError):
        lineup.outcome_correlations(s, ["Nobody"])
    with pytest.raises(TypeError):
        lineup.outcome_correlations(s, [some], position_correlations=[{"a": "QB", "b": "WR", "value": "high"}])
    with pytest.raises(edgekit.EdgekitError):
        lineup.outcome_correlations(s, [some], position_correlations=[{"a": "QB", "b": "WR", "valu": 0.1}])
