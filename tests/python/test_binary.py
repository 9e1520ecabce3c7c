"""Numbers from binary bodies and columnar libraries, without JSON: raw float64 bytes (platform
byte order, as ``numpy.ndarray.tobytes()`` writes them), typed buffers, pyarrow arrays and
tables, polars frames. Each must give exactly the answer of the same values as a numpy array."""

import array

import numpy as np
import pytest

import edgekit
from edgekit import drift
from edgekit.abtest import welch
from edgekit.stats import describe

pa = pytest.importorskip("pyarrow")

rng = np.random.default_rng(7)
VALUES = rng.normal(size=257)
OTHER = rng.normal(0.3, 1.2, size=300)


def at_offset(values: np.ndarray, offset: int) -> memoryview:
    """The bytes of ``values`` starting ``offset`` bytes into a larger buffer (misaligned
    unless ``offset`` is a multiple of 8)."""
    backing = bytearray(offset) + values.tobytes()
    return memoryview(bytes(backing))[offset:]


CALLS = {
    "describe": lambda x, y: describe(x).to_dict(),
    "welch": lambda x, y: welch(x, y).to_dict(),
    "ks_2samp": lambda x, y: drift.ks_2samp(x, y).to_dict(),
    "psi": lambda x, y: drift.psi(x, y).to_dict(),
}


@pytest.mark.parametrize("name", CALLS)
def test_raw_bytes_and_buffers_give_the_arrays_answer(name):
    call = CALLS[name]
    expected = call(VALUES, OTHER)
    assert call(VALUES.tobytes(), OTHER.tobytes()) == expected
    assert call(bytearray(VALUES.tobytes()), bytearray(OTHER.tobytes())) == expected
    for offset in (0, 1, 3):
        assert call(at_offset(VALUES, offset), at_offset(OTHER, offset)) == expected, offset
    assert call(array.array("d", VALUES), array.array("d", OTHER)) == expected
    assert call(memoryview(VALUES), memoryview(OTHER)) == expected  # a typed ('d') buffer


@pytest.mark.parametrize("name", CALLS)
def test_pyarrow_arrays_give_the_arrays_answer(name):
    call = CALLS[name]
    expected = call(VALUES, OTHER)
    assert call(pa.array(VALUES), pa.array(OTHER)) == expected
    chunked = pa.chunked_array([VALUES[:100], VALUES[100:]])
    assert call(chunked, pa.chunked_array([OTHER])) == expected


def test_a_misaligned_numpy_view_is_read_correctly():
    raw = np.frombuffer(b"\0" + VALUES.tobytes(), dtype=np.float64, offset=1)
    assert not raw.flags.aligned
    assert describe(raw).to_dict() == describe(VALUES).to_dict()
    counts = np.frombuffer(b"\0" + np.array([500, 520], dtype=np.int64).tobytes(), dtype=np.int64, offset=1)
    assert not counts.flags.aligned
    assert edgekit.abtest.srm(counts) == edgekit.abtest.srm(np.array([500, 520]))


def test_bytes_that_are_not_whole_float64_values_are_refused():
    with pytest.raises(edgekit.InvalidInputError, match="x holds 12 bytes"):
        describe(b"\0" * 12)
    with pytest.raises(edgekit.InvalidInputError, match="current holds 7 bytes"):
        drift.ks_2samp(VALUES, bytearray(7))


def test_typed_byte_arrays_stay_numbers():
    # A uint8 numpy array or array('B') holds small numbers (labels, flags), not float64 bytes.
    small = np.array([0, 1, 1, 0, 1, 1, 1, 0], dtype=np.uint8)
    assert describe(small).mean == pytest.approx(5 / 8)
    assert describe(array.array("B", small)).mean == pytest.approx(5 / 8)


def test_arrow_nulls_are_missing_values():
    with_null = pa.array([1.0, None, 3.0])
    with pytest.raises(edgekit.InvalidInputError, match="NaN"):
        describe(with_null)


def test_drift_report_reads_a_pyarrow_table_and_a_record_batch():
    reference = {"score": VALUES, "team": ["a", "b", "c"] * 85 + ["a", "b"]}
    current = {"score": OTHER, "team": ["a", "c"] * 150}
    expected = drift.report(reference, current).to_dict()
    table = pa.table(reference), pa.table(current)
    assert drift.report(*table).to_dict() == expected
    batches = pa.RecordBatch.from_pydict(reference), pa.RecordBatch.from_pydict(current)
    assert drift.report(*batches).to_dict() == expected
    profile = drift.Profile.fit(pa.table(reference))
    assert drift.report(profile, pa.table(current)).to_dict() == drift.report(drift.Profile.fit(reference), current).to_dict()


def test_drift_report_reads_polars_frames():
    pl = pytest.importorskip("polars")
    reference = {"score": VALUES, "team": ["a", "b", "c"] * 85 + ["a", "b"]}
    current = {"score": OTHER, "team": ["a", "c"] * 150}
    expected = drift.report(reference, current).to_dict()
    assert drift.report(pl.DataFrame(reference), pl.DataFrame(current)).to_dict() == expected
