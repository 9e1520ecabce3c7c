import json
import math
import pathlib

import pytest

VECTORS = pathlib.Path(__file__).resolve().parents[1] / "vectors"


def decode(values):
    """Vector encoding: null is NaN, "inf"/"-inf" are infinities."""
    return [
        math.nan if v is None else math.inf if v == "inf" else -math.inf if v == "-inf" else v
        for v in values
    ]


@pytest.fixture(scope="session")
def describe_vectors():
    return json.loads((VECTORS / "describe.json").read_text())
