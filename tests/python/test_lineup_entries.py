"""edgekit.lineup entries files from Python: a real DraftKings DKEntries.csv read with its pool,
late-swapped at a time (the shared vector: the same lineups as Rust and Node), written back
with its entry columns; times as datetimes, text or seconds; refusals and the async twin."""

import asyncio
import datetime as dt
import json
import pathlib

import pytest

import edgekit
from edgekit import aio, lineup

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data" / "lineup"
VECTOR = json.loads((ROOT / "tests" / "vectors" / "lineup_late_swap.json").read_text())
PATH = DATA / VECTOR["file"]
EASTERN = dt.timezone(dt.timedelta(hours=-5))


def slate_and_file():
    s = lineup.Slate.from_csv(PATH, site="draftkings", sport="nba")
    return s, lineup.read_entries(PATH, s)


def with_reservations(file):
    for k in VECTOR["reservations"]:
        file["entries"][k]["lineup"] = None
    return file


def test_the_pool_and_the_entries_come_from_one_file():
    s, file = slate_and_file()
    assert len(s) == 234
    tatum = next(p for p in s.players if p["name"] == "Jayson Tatum")
    assert tatum["starts_at"] == lineup.parse_time("2019-01-19T00:00:00Z")
    assert tatum["game_started"] is False
    assert file["columns"] == ["Entry ID", "Contest Name", "Contest ID", "Entry Fee"]
    e = file["entries"][0]
    assert (e["entry_id"], e["contest_id"], e["entry_fee"]) == ("1375294759", "68196406", "$0.25")
    assert isinstance(e["lineup"], lineup.Lineup)
    assert e["lineup"].player_ids[7] == "11971860"
    assert e["locked"] == []


def check_vector(swapped):
    got = [
        {"entry_id": e["entry_id"], "ids": e["lineup"].player_ids, "locked": e["locked"]}
        for e in swapped["entries"]
    ]
    want = [{k: e[k] for k in ("entry_id", "ids", "locked")} for e in VECTOR["entries"]]
    assert got == want
    for e, v in zip(swapped["entries"], VECTOR["entries"]):
        assert e["lineup"].projection == pytest.approx(v["projection"], rel=1e-12)


@pytest.mark.parametrize(
    "now",
    [
        VECTOR["now"],
        VECTOR["now_unix"],
        float(VECTOR["now_unix"]),
        "2019-01-18T20:30:00-05:00",
        dt.datetime(2019, 1, 18, 20, 30, tzinfo=EASTERN),
        dt.datetime(2019, 1, 19, 1, 30, tzinfo=dt.timezone.utc),
    ],
)
def test_the_swap_at_a_time_matches_the_shared_vector(now):
    s, file = slate_and_file()
    swapped = lineup.late_swap(s, with_reservations(file), rules=VECTOR["rules"], now=now)
    check_vector(swapped)
    json.dumps({**swapped, "entries": [dict(e, lineup=e["lineup"].to_dict()) for e in swapped["entries"]]})
    assert lineup.entries_csv(swapped, s) == VECTOR["upload"]


def test_the_upload_reads_back_and_writes_to_a_file(tmp_path):
    s, file = slate_and_file()
    swapped = lineup.late_swap(s, with_reservations(file), rules=VECTOR["rules"], now=VECTOR["now"])
    text = lineup.export_entries_csv(swapped, s, tmp_path / "upload.csv")
    assert (tmp_path / "upload.csv").read_text() == text
    assert text.splitlines()[0] == "Entry ID,Contest Name,Contest ID,Entry Fee,PG,SG,SF,PF,C,G,F,UTIL"
    back = lineup.read_entries(text, s)
    assert [e["lineup"] for e in back["entries"]] == [e["lineup"] for e in swapped["entries"]]
    # Fresh lineups fill the entries in order, keeping their IDs.
    fresh = lineup.optimize(s, n=9)
    filled = lineup.fill_entries(file, fresh)
    assert [e["lineup"] for e in filled["entries"]] == fresh
    assert [e["entry_id"] for e in filled["entries"]] == [e["entry_id"] for e in file["entries"]]
    with pytest.raises(edgekit.InvalidInputError):
        lineup.fill_entries(file, lineup.optimize(s, n=10))


def test_lineups_swap_at_a_time_like_the_file():
    s, file = slate_and_file()
    entries = [e["lineup"] for e in file["entries"]]
    at_time = lineup.late_swap(s, entries, now=VECTOR["now"], rules=VECTOR["rules"])
    games = sorted({p["game"] for p in s.players if p["starts_at"] <= VECTOR["now_unix"]})
    assert len(games) == 4
    by_name = lineup.late_swap(s, entries, games, rules=VECTOR["rules"])
    assert at_time == by_name


def test_times_and_files_are_refused_with_the_contract():
    s, file = slate_and_file()
    for bad in ["2019-01-18 20:30", "yesterday", "13/45/2019 08:30PM ET"]:
        with pytest.raises(edgekit.InvalidInputError, match="not a time"):
            lineup.late_swap(s, file, now=bad)
    with pytest.raises(edgekit.InputTypeError, match="timezone-aware"):
        lineup.late_swap(s, file, now=dt.datetime(2019, 1, 18, 20, 30))
    with pytest.raises(edgekit.InputTypeError):
        lineup.late_swap(s, file, now=True)
    with pytest.raises(edgekit.InvalidInputError, match="not whole Unix seconds"):
        lineup.late_swap(s, file, now=1.5e9 + 0.5)
    with pytest.raises(edgekit.InvalidInputError):
        lineup.late_swap(s, file, now=float("nan"))
    text = PATH.read_text()
    partial = text.replace("Shai Gilgeous-Alexander (11972194),", ",", 1)
    with pytest.raises(edgekit.InvalidInputError, match="line 2: entry 1375294759 fills 7 of its 8"):
        lineup.read_entries(partial, s)
    with pytest.raises(edgekit.InvalidInputError, match="Entry ID"):
        lineup.read_entries("PG,SG,SF,PF,C,G,F,UTIL\n", s)
    with pytest.raises(edgekit.InputTypeError):
        lineup.entries_csv({"rows": []}, s)
    assert issubclass(edgekit.InvalidInputError, ValueError)


def test_the_async_twin_gives_the_same_swap():
    s, file = slate_and_file()
    swapped = asyncio.run(
        aio.lineup.late_swap(s, with_reservations(file), rules=VECTOR["rules"], now=VECTOR["now"])
    )
    check_vector(swapped)


def test_records_carry_start_times_as_the_app_stores_them():
    s, _ = slate_and_file()
    rows = [{k: p[k] for k in ("id", "name", "positions", "team", "opponent", "salary", "projection")}
            for p in s.players]
    # A database hands back aware datetimes (or a DataFrame of Timestamps); text and seconds work too.
    for k, (r, p) in enumerate(zip(rows, s.players)):
        when = dt.datetime.fromtimestamp(p["starts_at"], dt.timezone.utc)
        r["starts_at"] = [when, when.isoformat(), p["starts_at"]][k % 3]
    from_db = lineup.Slate.from_records(rows, site="draftkings", sport="nba")
    assert [p["starts_at"] for p in from_db.players] == [p["starts_at"] for p in s.players]
    # The same swap from the app's rows as from the file.
    text = PATH.read_text()
    from_file = lineup.late_swap(s, lineup.read_entries(text, s), now=VECTOR["now"])
    from_rows = lineup.late_swap(from_db, lineup.read_entries(text, from_db), now=VECTOR["now"])
    assert [e["lineup"].player_ids for e in from_rows["entries"]] == [
        e["lineup"].player_ids for e in from_file["entries"]
    ]
    rows[0]["starts_at"] = dt.datetime(2019, 1, 18, 19, 0)
    with pytest.raises(edgekit.InputTypeError, match="timezone-aware"):
        lineup.Slate.from_records(rows, site="draftkings", sport="nba")
    rows[0]["starts_at"] = "tonight"
    with pytest.raises(edgekit.InvalidInputError, match="starts_at"):
        lineup.Slate.from_records(rows, site="draftkings", sport="nba")
