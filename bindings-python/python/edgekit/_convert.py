"""One error contract for the whole Python face.

pyo3 checks argument types before edgekit sees them and raises plain ``TypeError`` (wrong type)
or ``OverflowError`` (an integer out of range); pure-Python glue can meet ``KeyError`` or
``AttributeError`` on a malformed mapping. :func:`guard_module` wraps every public function,
method and static method of a module once, at import, so each of those surfaces as an
:class:`~edgekit.EdgekitError` subclass (``InputTypeError`` is also a ``TypeError``,
``InvalidInputError`` a ``ValueError``) naming the call; a Rust panic that escaped the native
boundary becomes :class:`~edgekit.InternalError`. Errors edgekit raised itself pass through.
"""

from __future__ import annotations

import copy
import functools
import inspect
import math

from edgekit.errors import EdgekitError, InputTypeError, InternalError, InvalidInputError

_GUARDED = "__edgekit_guarded__"


def _translate(error: BaseException, name: str) -> BaseException | None:
    if isinstance(error, EdgekitError):
        return None
    if isinstance(error, (TypeError, AttributeError)):
        return InputTypeError(f"{name}: {error}")
    if isinstance(error, (OverflowError, KeyError, IndexError, ValueError, OSError)):
        detail = error.args[0] if isinstance(error, KeyError) and error.args else error
        return InvalidInputError(f"{name}: {detail}")
    if type(error).__name__ == "PanicException":
        return InternalError(f"internal error in {name}: {error} (a bug in edgekit; please report it)")
    return None


def json_safe(value):
    """``value`` with every NaN and ±inf float replaced by ``None`` (dicts, lists and tuples
    walked), so ``json.dumps`` and FastAPI never fail on it or silently change a number."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_safe(v) for v in value]
    if isinstance(value, tuple):
        return tuple(json_safe(v) for v in value)
    return value


def typed_errors(function, name=None):
    """``function`` with every foreign exception turned into an edgekit error (and, for a
    ``to_dict`` method, its result made JSON-safe)."""
    if getattr(function, _GUARDED, False):
        return function
    label = name or getattr(function, "__qualname__", getattr(function, "__name__", "edgekit"))
    finish = json_safe if label.endswith(".to_dict") else None

    @functools.wraps(function)
    def call(*args, **kwargs):
        try:
            result = function(*args, **kwargs)
            return finish(result) if finish else result
        except BaseException as error:  # noqa: BLE001 - translated or re-raised unchanged
            translated = _translate(error, label)
            if translated is None:
                raise
            raise translated from None

    setattr(call, _GUARDED, True)
    return call


def _guard_class(cls, prefix: str) -> None:
    for key, value in list(vars(cls).items()):
        if key.startswith("__") and key not in ("__init__", "__len__", "__getitem__", "__eq__"):
            continue
        label = f"{prefix}.{cls.__name__}.{key}"
        wrapped: object
        if isinstance(value, staticmethod):
            wrapped = staticmethod(typed_errors(value.__func__, label))
        elif isinstance(value, classmethod):
            wrapped = classmethod(typed_errors(value.__func__, label))
        elif inspect.isbuiltin(value):
            # A static method of a native class is stored as a plain builtin: keep it static.
            wrapped = staticmethod(typed_errors(value, label))
        elif inspect.isfunction(value) or inspect.ismethoddescriptor(value):
            # Functions of Python classes, methods of native ones (getters are data
            # descriptors, not method descriptors, and stay as they are).
            wrapped = typed_errors(value, label)
        else:
            continue
        try:
            setattr(cls, key, wrapped)
        except (TypeError, AttributeError):
            pass


def guard_module(module) -> None:
    """Wraps the public functions and classes a module exports (see the module doc)."""
    prefix = module.__name__
    for name in getattr(module, "__all__", [n for n in vars(module) if not n.startswith("_")]):
        value = getattr(module, name, None)
        if inspect.isclass(value):
            if not issubclass(value, BaseException) and value.__module__.startswith("edgekit"):
                _guard_class(value, prefix)
        elif callable(value) and not getattr(value, _GUARDED, False):
            setattr(module, name, typed_errors(value, f"{prefix}.{name}"))


_RECORDS: dict = {}


class Record(dict):
    """A result from core: a plain dict (so ``json.dumps``, FastAPI and ``r["score"]`` work as
    with the dicts of earlier versions) whose fields also read as attributes (``r.score``),
    with ``to_dict()`` for a plain copy.

    Each result type is a subclass named as in core; its fields are core's serde fields, so
    the shape is written once (the stubs describe it for type checkers, and the tests check
    that they agree). Non-finite numbers are already ``None``: every record is JSON-safe."""

    __slots__ = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _RECORDS[cls.__name__] = cls

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self))

    def to_dict(self):
        """The fields as a new plain dict (JSON-safe)."""
        return copy.deepcopy(dict(self))

    def __reduce__(self):
        return (type(self), (dict(self),))

    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in self.items())
        return f"{type(self).__name__}({fields})"


_RESULTS: dict = {}


class Result:
    """A statistical result from core: its fields read as attributes with their exact values
    (a one-sided interval's open end is ``±inf``, as scipy gives it), and ``to_dict()`` gives
    a JSON-safe plain dict (non-finite numbers as ``None``). Immutable and picklable.

    Each result type is a subclass named as in core, made from core's serde fields by one
    conversion path, so a field is never written twice (the stubs describe the fields for
    type checkers; the tests check that they agree with core)."""

    __slots__ = ("_fields",)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _RESULTS[cls.__name__] = cls

    def __init__(self, fields):
        object.__setattr__(self, "_fields", dict(fields))

    def __getattr__(self, name):
        try:
            return object.__getattribute__(self, "_fields")[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._fields))

    def __eq__(self, other):
        return type(self) is type(other) and self._fields == other._fields

    __hash__ = None

    def to_dict(self):
        """The fields as a new plain dict, JSON-safe (``±inf`` → ``None``)."""
        return json_safe(copy.deepcopy(self._fields))

    def __reduce__(self):
        return (type(self), (self._fields,))

    def __repr__(self):
        # Through getattr, so a subclass's view of a field (Describe's quantiles) shows.
        fields = ", ".join(f"{k}={getattr(self, k)!r}" for k in self._fields)
        return f"{type(self).__name__}({fields})"


def make_result(class_name, fields):
    """The typed result for a core result (called by the native module)."""
    return _RESULTS.get(class_name, Result)(fields)


def make_record(class_name, data):
    """The typed record for a core result (called by the native module)."""
    return _RECORDS.get(class_name, Record)(data)
