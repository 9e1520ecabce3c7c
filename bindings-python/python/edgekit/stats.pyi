from typing_extensions import Self, final
from typing import Literal, Sequence, Union

import numpy as np
import numpy.typing as npt
from edgekit._convert import Result

ArrayLike = Union[npt.ArrayLike, Sequence[float], np.ndarray]

@final
class Describe(Result):
    """Summary of a sample; undefined quantities are ``None``."""

    count: int
    mean: float
    variance: float | None
    std: float | None
    min: float
    max: float
    skewness: float | None
    kurtosis: float | None
    @property
    def quantiles(self) -> dict[float, float]: ...
    def to_dict(self) -> dict[str, object]: ...

def describe(
    x: ArrayLike,
    *,
    quantiles: Sequence[float] = [0.25, 0.5, 0.75],
    nan_policy: Literal["raise", "omit"] = 'raise',
    bias: bool = True,
) -> Describe:
    """Summarise a 1-D sample as ``scipy.stats.describe`` plus ``numpy.quantile``."""

__all__ = [
    "Describe",
    "describe",
]
