import threading

import numpy as np
import pandas as pd
import pytest
import scipy.stats

import edgekit
from edgekit.stats import describe
from conftest import decode


def close(got, want, rtol, atol=0.0):
    if want is None:
        return got is None
    return got is not None and (abs(got - want) <= rtol * abs(want) or abs(got - want) <= atol)


def python_options(options):
    return {k: tuple(v) if k == "quantiles" else v for k, v in options.items()}


def test_matches_reference_vectors(describe_vectors):
    rtol = describe_vectors["tolerance"]["rtol"]
    atol = describe_vectors["tolerance"]["atol_dimensionless"]
    for case in describe_vectors["cases"]:
        x = np.array(decode(case["x"]), dtype=np.float64)
        d = describe(x, **python_options(case["options"]))
        want = case["expected"]
        name = case["name"]
        assert d.count == want["count"], name
        assert d.min == want["min"] and d.max == want["max"], name
        for field in ("mean", "variance", "std"):
            assert close(getattr(d, field), want[field], rtol), (name, field)
        for field in ("skewness", "kurtosis"):
            assert close(getattr(d, field), want[field], rtol, atol), (name, field)
        assert list(d.quantiles) == [p for p, _ in want["quantiles"]], name
        for (p, v) in want["quantiles"]:
            assert close(d.quantiles[p], v, rtol), (name, p)


def test_shared_error_cases_raise_typed_errors(describe_vectors):
    for case in describe_vectors["errors"]:
        with pytest.raises(edgekit.InvalidInputError) as info:
            describe(decode(case["x"]), **python_options(case["options"]))
        assert info.value.code == case["code"], case["name"]
        assert case["message_contains"] in str(info.value), case["name"]


def test_agrees_with_scipy_and_numpy_on_a_million_values():
    x = np.random.default_rng(7).standard_t(5, size=1_000_003) * 3.0 + 10.0
    d = describe(x, quantiles=(0.001, 0.5, 0.999))
    ref = scipy.stats.describe(x)
    assert d.count == ref.nobs
    assert (d.min, d.max) == tuple(ref.minmax)
    assert d.mean == pytest.approx(ref.mean, rel=1e-12)
    assert d.variance == pytest.approx(ref.variance, rel=1e-12)
    assert d.skewness == pytest.approx(ref.skewness, rel=1e-10, abs=1e-12)
    assert d.kurtosis == pytest.approx(ref.kurtosis, rel=1e-10, abs=1e-12)
    assert list(d.quantiles.values()) == pytest.approx(
        np.quantile(x, [0.001, 0.5, 0.999]), rel=1e-14)


def test_accepts_lists_ints_strided_arrays_and_pandas():
    base = np.arange(20, dtype=np.float64) ** 1.5
    reference = describe(base).to_dict()
    assert describe(base.tolist()).to_dict() == reference
    assert describe(pd.Series(base)).to_dict() == reference
    strided = np.repeat(base, 2)[::2]
    assert not strided.flags["C_CONTIGUOUS"]
    assert describe(strided).to_dict() == reference
    ints = np.arange(10, dtype=np.int32)
    assert describe(ints).mean == 4.5


def test_none_in_a_list_is_missing_and_follows_nan_policy():
    with pytest.raises(edgekit.InvalidInputError, match=r"x\[1\] is NaN"):
        describe([1.0, None, 2.0])
    assert describe([1.0, None, 2.0], nan_policy="omit").count == 2


def test_undefined_quantities_are_none_not_nan():
    d = describe([4.0])
    assert (d.variance, d.std, d.skewness, d.kurtosis) == (None, None, None, None)
    constant = describe(np.full(5, 2.0))
    assert constant.variance == 0.0 and constant.skewness is None
    assert describe([1.0, 2.0, 4.0], bias=False).kurtosis is None


def test_wrong_types_and_shapes_raise():
    with pytest.raises(edgekit.InputTypeError):
        describe(["a", "b"])
    with pytest.raises(TypeError):
        describe([{"a": 1}])
    with pytest.raises(edgekit.InvalidInputError, match="one-dimensional"):
        describe(np.ones((3, 2)))
    with pytest.raises(edgekit.InvalidInputError, match="one-dimensional"):
        describe(3.0)
    with pytest.raises(TypeError):
        describe([1.0], quantiles="median")


def test_exception_hierarchy():
    assert issubclass(edgekit.InvalidInputError, edgekit.EdgekitError)
    assert issubclass(edgekit.EdgekitError, ValueError)
    assert issubclass(edgekit.InputTypeError, TypeError)
    assert issubclass(edgekit.InputTypeError, edgekit.EdgekitError)
    assert edgekit.EdgekitError.__module__ == "edgekit.errors"


def test_result_object_api():
    d = describe([1.0, 2.0, 3.0, 4.0], quantiles=(0.5,))
    assert d.to_dict() == {
        "count": 4, "mean": 2.5, "variance": 5 / 3, "std": (5 / 3) ** 0.5, "min": 1.0,
        "max": 4.0, "skewness": 0.0, "kurtosis": -1.36, "quantiles": {0.5: 2.5},
    }
    text = repr(d)
    assert text.startswith("Describe(count=4, mean=2.5,") and "quantiles={0.5: 2.5}" in text
    with pytest.raises(AttributeError):
        d.mean = 3.0


def test_threads_share_the_work_without_changing_answers():
    x = np.random.default_rng(3).normal(size=400_000)
    expected = describe(x).to_dict()
    results = []
    threads = [threading.Thread(target=lambda: results.append(describe(x).to_dict()))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


def test_does_not_modify_the_callers_array():
    x = np.random.default_rng(5).normal(size=10_000)
    before = x.copy()
    describe(x, quantiles=(0.1, 0.5, 0.9))
    np.testing.assert_array_equal(x, before)
