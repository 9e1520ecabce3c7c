"""The exceptions edgekit raises.

Every error is an :class:`EdgekitError`, itself a ``ValueError``, so ``except ValueError``
keeps working. Each class carries the stable ``code`` the Node package uses as ``error.code``.
"""


class EdgekitError(ValueError):
    """Base class of every edgekit error."""

    code = "EDGEKIT_ERROR"


class InvalidInputError(EdgekitError):
    """The data or an option is unusable: empty, NaN, infinite, out of range, mismatched."""

    code = "EDGEKIT_INVALID_INPUT"


class InputTypeError(EdgekitError, TypeError):
    """An argument has the wrong type (e.g. text where numbers are expected)."""

    code = "EDGEKIT_INVALID_TYPE"


class LimitExceededError(InvalidInputError):
    """A count (resamples, window, bins, lineups ...) beyond its documented limit.

    The message names the argument, the value and the accepted range; the limits are listed
    in ``docs/reliability.md`` and as constants in the Rust crate's ``edgekit::limits``."""

    code = "EDGEKIT_LIMIT_EXCEEDED"


class InternalError(EdgekitError):
    """A bug inside edgekit (a Rust panic) caught at the boundary: this call failed, the process
    and every other object are fine. The message names the function; please report it."""

    code = "EDGEKIT_INTERNAL"


class InfeasibleError(EdgekitError):
    """The input is valid but nothing satisfies it: no lineup meets the rules together.

    ``rules`` lists a smallest conflicting set of rules found (empty when the conflict is a
    portfolio limit reached mid-run)."""

    code = "EDGEKIT_INFEASIBLE"

    def __init__(self, message, rules=()):
        super().__init__(message)
        self.rules = list(rules)


__all__ = [
    "EdgekitError",
    "InfeasibleError",
    "InputTypeError",
    "InternalError",
    "InvalidInputError",
    "LimitExceededError",
]
