from typing_extensions import Self, final
from typing import Literal, Sequence, Union

import numpy as np
import numpy.typing as npt

ArrayLike = Union[npt.ArrayLike, Sequence[float], np.ndarray]

@final
class Describe:
    """Summary of a sample; undefined quantities are ``None``."""

    @property
    def count(self) -> int: ...
    @property
    def mean(self) -> float: ...
    @property
    def variance(self) -> float | None: ...
    @property
    def std(self) -> float | None: ...
    @property
    def min(self) -> float: ...
    @property
    def max(self) -> float: ...
    @property
    def skewness(self) -> float | None: ...
    @property
    def kurtosis(self) -> float | None: ...
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
