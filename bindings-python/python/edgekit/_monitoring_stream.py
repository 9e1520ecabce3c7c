"""``ChunkMonitor``: a fitted calculator fed batch by batch, as a service sees its rows.
Re-exported by :mod:`edgekit.monitoring`."""

import json as _json

from edgekit._edgekit import drift as _native
from edgekit.errors import InputTypeError as _InputTypeError
from edgekit.errors import InvalidInputError as _InvalidInputError
from edgekit.monitoring import (
    CBPE,
    DLE,
    DataReconstructionDriftCalculator,
    DomainClassifierCalculator,
    PerformanceCalculator,
    UnivariateDriftCalculator,
)

# The calculators a monitor follows, by name, and the native monitor of each fitted state.
_CALCULATORS = {c.__name__: c for c in (UnivariateDriftCalculator, DataReconstructionDriftCalculator, CBPE,
                                         PerformanceCalculator, DLE, DomainClassifierCalculator)}
_MONITORS = {
    _native._UnivariateDrift: _native._UnivariateMonitor,
    _native._ReconstructionDrift: _native._ReconstructionMonitor,
    _native._DomainClassifier: _native._DomainClassifierMonitor,
    _native._Cbpe: _native._CbpeMonitor,
    _native._MulticlassCbpe: _native._MulticlassCbpeMonitor,
    _native._RealizedPerformance: _native._RealizedMonitor,
    _native._MulticlassPerformance: _native._MulticlassRealizedMonitor,
    _native._RegressionPerformance: _native._RegressionMonitor,
    _native._Dle: _native._DleMonitor,
}


class ChunkMonitor:
    """A fitted calculator fed batch by batch: ``push(df)`` takes rows as they come (any
    number), closes each chunk as it fills (``chunk_size``) or as its calendar period ends
    (``chunk_period``: a row of a later period closes it) and keeps its row; ``flush()``
    closes the open chunk now; ``result()`` is the calculator's result over everything closed
    so far: pushing a frame's rows in order, in any batches, then flushing gives exactly what
    ``calculate(frame)`` (``estimate`` for CBPE) gives.

    Follows any fitted chunked calculator: :class:`UnivariateDriftCalculator`,
    :class:`DataReconstructionDriftCalculator`, :class:`DomainClassifierCalculator`,
    :class:`CBPE` and :class:`PerformanceCalculator` (binary, multiclass, regression) and
    :class:`DLE` (``calculator.monitor()`` makes one). ``chunk_number`` and
    the default chunking need every row first, and ``incomplete="append"`` would change a
    chunk already reported, so a monitor refuses them. With ``chunk_period``, rows of a
    period that has closed are refused (the batch is not taken); a refused batch leaves the
    monitor as it was. Safe to share between threads (calls take turns); ``to_json()`` saves
    the closed chunks and the open rows, ``from_json()`` carries on from them.
    """

    def __init__(self, calculator):
        if type(calculator) not in _CALCULATORS.values():
            raise _InputTypeError(
                f"a ChunkMonitor follows a fitted {', '.join(_CALCULATORS)}; got {type(calculator).__name__}")
        fitted = getattr(calculator, "_fitted", None)
        if fitted is None:
            raise _InvalidInputError("fit the calculator on reference data before monitoring")
        self._calculator = calculator
        self._native = _MONITORS[type(fitted)](fitted)

    def push(self, data):
        """Takes a batch of rows (a DataFrame or a dict of columns, as ``calculate`` takes)."""
        self._native.push(*self._calculator._batch(data))
        return self

    def flush(self):
        """Closes the open chunk: with ``chunk_size``, the leftover rows form a last smaller
        chunk (or are dropped with ``incomplete="drop"``); with ``chunk_period``, the current
        period closes and later rows of it are refused."""
        self._native.flush()
        return self

    def result(self):
        """The reference chunks and every closed chunk, as the calculator's result."""
        return self._calculator._result(self._native.rows)

    @property
    def pending_rows(self):
        """Rows waiting in the open chunk."""
        return self._native.pending_rows

    @property
    def calculator(self):
        return self._calculator

    def to_json(self):
        """The monitor as JSON: the calculator's settings, its fitted state, the closed
        chunks and the open rows."""
        settings = _json.loads(self._calculator.to_json())
        del settings["fitted"]  # the native monitor saves the fitted calculator
        return _json.dumps({"kind": type(self._calculator).__name__, "calculator": settings,
                            "monitor": _json.loads(self._native.to_json())})

    @classmethod
    def from_json(cls, text):
        try:
            saved = _json.loads(text)
            calculator_class = _CALCULATORS[saved["kind"]]
            settings = dict(saved["calculator"], fitted=saved["monitor"]["calculator"])
            monitor_text = _json.dumps(saved["monitor"])
        except (ValueError, KeyError, TypeError) as exc:
            raise _InvalidInputError(f"not a saved ChunkMonitor: {exc!r}") from None
        restored = cls.__new__(cls)
        restored._calculator = calculator_class.from_json(_json.dumps(settings))
        restored._native = _MONITORS[type(restored._calculator._fitted)].from_json(monitor_text)
        return restored

    def __repr__(self):
        return (f"<ChunkMonitor of {type(self._calculator).__name__}: "
                f"{len(self._native.rows)} chunks, {self.pending_rows} rows open>")
