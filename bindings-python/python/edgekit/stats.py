"""Summaries and quantiles (see :func:`describe`)."""

from edgekit._convert import Result
from edgekit._edgekit import stats as _native


class Describe(Result):
    """Summary of a sample (scipy.stats.describe plus numpy.quantile): undefined quantities are
    ``None``; ``quantiles`` maps each requested probability to its value."""

    __slots__ = ()

    @property
    def quantiles(self):
        return {q["probability"]: q["value"] for q in self._fields["quantiles"]}

    def to_dict(self):
        d = super().to_dict()
        d["quantiles"] = self.quantiles
        return d

describe = _native.describe

__all__ = ["Describe", "describe"]
