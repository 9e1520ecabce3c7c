"""Summaries and quantiles (see :func:`describe`)."""

from edgekit._edgekit import stats as _native

Describe = _native.Describe
describe = _native.describe

__all__ = ["Describe", "describe"]
