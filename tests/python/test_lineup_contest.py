"""edgekit.lineup contests from Python: the shared vector (same numbers as Rust and Node), the
result's JSON safety and CSV round trip, the field, the pool, refusals and the async twin."""

import asyncio
import json
import math
import pathlib

import pytest

import edgekit
from edgekit import aio, lineup

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data" / "lineup"
VECTOR = json.loads((ROOT / "tests" / "vectors" / "lineup_contest.json").read_text())


def owned_slate():
    s = lineup.Slate.from_csv(DATA / VECTOR["slate"], site="draftkings", sport="nfl")
    rows = ["id,projection,ownership"]
    for p in s.players:
        rows.append(f'{p["id"]},{p["projection"]!r},{VECTOR["ownership"][p["id"]]!r}')
    merged, report = s.with_projections("\n".join(rows) + "\n")
    assert report["matched"] == len(s)
    return merged


def close(a, b):
    assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9), (a, b)


def test_the_shared_contest_vector():
    s = owned_slate()
    lineups = lineup.optimize(s, 3)
    assert [l.player_ids for l in lineups] == VECTOR["lineups"]
    got = lineup.simulate_contest(s, VECTOR["contest"], lineups, seed=VECTOR["seed"], simulations=VECTOR["simulations"])
    want = VECTOR["simulate"]
    for entry, stats in zip(got["entries"], want["entries"]):
        for key, value in stats.items():
            close(entry["stats"][key], value)
    for key, value in want["portfolio"].items():
        close(got["portfolio"][key], value)
    close(got["field"]["mean_salary"], want["field_mean_salary"])
    close(got["field"]["mean_projection"], want["field_mean_projection"])
    sel = VECTOR["select"]
    chosen = lineup.select_by_roi(
        s, VECTOR["contest"], lineup.optimize(s, sel["candidates"]), sel["n"],
        seed=VECTOR["seed"], simulations=VECTOR["simulations"],
    )
    assert [e["lineup"].player_ids for e in chosen["entries"]] == sel["lineups"]
    for e, m in zip(chosen["entries"], sel["marginal_profit"]):
        close(e["marginal_profit"], m)
    close(chosen["portfolio"]["expected_profit"], sel["expected_profit"])


def test_results_are_json_safe_and_the_csv_reads_back(tmp_path):
    s = owned_slate()
    contest = lineup.read_payouts("place,prize\n1,200\n2,100\n3-12,$15\n", field_size=60, entry_fee=10, max_entries=20)
    assert contest["payouts"][-1] == {"first": 3, "last": 12, "prize": 15.0}
    result = lineup.contest_portfolio(s, contest, n=3, seed=4, simulations=200, candidates=60)
    assert len(result["entries"]) == 3
    marginal = sum(e["marginal_profit"] for e in result["entries"])
    assert marginal == pytest.approx(result["portfolio"]["expected_profit"], rel=1e-9, abs=1e-9)
    plain = dict(result, entries=[dict(e, lineup=e["lineup"].to_dict()) for e in result["entries"]])
    json.dumps(plain, allow_nan=False)
    text = lineup.export_contest_csv(result, tmp_path / "entries.csv")
    assert text.splitlines()[0].endswith("Win rate,Mean finish,Marginal profit")
    back = lineup.read_csv(text, s)
    assert [l.player_ids for l in back] == [e["lineup"].player_ids for e in result["entries"]]


def test_the_field_and_the_pool():
    s = owned_slate()
    field, summary = lineup.sample_field(s, 300, seed=2, min_salary_share=0.95)
    assert len(field) == 300 == summary["entries"]
    assert all(l.salary >= 47_500 for l in field)
    assert summary["mean_projection"] <= summary["optimal_projection"]
    owned = {o["id"]: o for o in summary["ownership"]}
    assert all(o["projected"] == VECTOR["ownership"][i] for i, o in owned.items())
    pool = lineup.candidate_pool(s, 50)
    assert 40 <= len(pool) <= 50
    assert len({tuple(sorted(l.player_ids)) for l in pool}) == len(pool)


def test_refusals():
    plain = lineup.Slate.from_csv(DATA / VECTOR["slate"], site="draftkings", sport="nfl")
    contest = VECTOR["contest"]
    lineups = lineup.optimize(plain, 2)
    with pytest.raises(edgekit.InvalidInputError, match="ownership") as e:
        lineup.simulate_contest(plain, contest, lineups, simulations=20)
    assert isinstance(e.value, ValueError)
    s = owned_slate()
    with pytest.raises(edgekit.LimitExceededError):
        lineup.simulate_contest(s, contest, lineups, simulations=0)
    with pytest.raises(edgekit.InputTypeError, match="unknown option `bogus`"):
        lineup.simulate_contest(s, contest, lineups, simulations=20, bogus=1)
    with pytest.raises(edgekit.InvalidInputError, match="payouts"):
        lineup.simulate_contest(s, dict(contest, payouts=[{"first": 5, "last": 2, "prize": 1}]), lineups)
    with pytest.raises(edgekit.InputTypeError):
        lineup.simulate_contest(s, contest, [{"players": []}])
    with pytest.raises(edgekit.InvalidInputError, match="line 2"):
        lineup.read_payouts("place,prize\nfirst,10\n", 10, 1.0)
    with pytest.raises(edgekit.InfeasibleError):
        lineup.contest_portfolio(s, contest, n=2, rules={"max_exposure": 0.0}, simulations=20, candidates=20)


def test_the_async_twin_gives_the_same_answer():
    s = owned_slate()
    lineups = lineup.optimize(s, 2)
    sync = lineup.simulate_contest(s, VECTOR["contest"], lineups, seed=3, simulations=100)
    got = asyncio.run(aio.lineup.simulate_contest(s, VECTOR["contest"], lineups, seed=3, simulations=100))
    assert got["portfolio"] == sync["portfolio"]
