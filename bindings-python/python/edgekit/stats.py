"""Summaries and quantiles (see :func:`describe`)."""

from edgekit._convert import typed_errors
from edgekit._edgekit import stats as _native

Describe = _native.Describe
describe = typed_errors(_native.describe)

__all__ = ["Describe", "describe"]
