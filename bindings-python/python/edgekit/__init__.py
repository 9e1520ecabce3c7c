"""edgekit: fast pure-Rust analytics for sports prediction, fantasy sports and trading.

Modules: :mod:`edgekit.stats` (summaries and quantiles), :mod:`edgekit.abtest` (experiment
statistics), :mod:`edgekit.drift` (drift tests and detectors), :mod:`edgekit.monitoring` (NannyML-shaped monitoring over time), :mod:`edgekit.calibration` (calibration and conformal prediction), :mod:`edgekit.patterns` (candlestick patterns and bar indicators), :mod:`edgekit.ltp`
(KCU Level-Trend-Patience setups), :mod:`edgekit.lineup` (optimal daily-fantasy lineups). Errors derive from
:class:`edgekit.EdgekitError` (a ``ValueError``).
"""

from edgekit import abtest, calibration, drift, lineup, ltp, monitoring, patterns, stats
from edgekit import _pickle  # noqa: F401 (registers pickling for the native classes)
from edgekit._convert import Record, Result
from edgekit._convert import guard_module as _guard_module
from edgekit._edgekit import __version__
from edgekit.errors import (
    EdgekitError,
    InfeasibleError,
    InputTypeError,
    InternalError,
    InvalidInputError,
    LimitExceededError,
)

__all__ = [
    "EdgekitError",
    "InfeasibleError",
    "InputTypeError",
    "InternalError",
    "InvalidInputError",
    "LimitExceededError",
    "Record",
    "Result",
    "__version__",
    "abtest",
    "calibration",
    "drift",
    "lineup",
    "ltp",
    "monitoring",
    "patterns",
    "stats",
]

for _module in (stats, abtest, drift, monitoring, calibration, patterns, ltp, lineup):
    _guard_module(_module)
