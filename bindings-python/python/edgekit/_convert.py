"""Makes native argument errors edgekit errors.

pyo3 checks argument types before edgekit sees them and raises plain ``TypeError`` (wrong
type) or ``OverflowError`` (an integer out of range); these wrappers re-raise them as
:class:`~edgekit.InputTypeError` / :class:`~edgekit.InvalidInputError` so callers can catch
every failure as :class:`~edgekit.EdgekitError`.
"""

import functools

from edgekit.errors import EdgekitError, InputTypeError, InvalidInputError


def typed_errors(function):
    @functools.wraps(function)
    def call(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except EdgekitError:
            raise
        except TypeError as error:
            raise InputTypeError(f"{function.__name__}: {error}") from None
        except OverflowError as error:
            raise InvalidInputError(f"{function.__name__}: {error}") from None

    return call
