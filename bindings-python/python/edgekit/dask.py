"""edgekit on a Dask cluster (``pip install edgekit[dask]``): drift profiles and experiment
statistics over data too big for one machine, computed where the rows live.

Each function does on every partition what edgekit does on one machine, in a Dask task (the
GIL released inside edgekit), and merges the partial results in a tree (``split_every`` at a
time), so the client receives one small object:

* :func:`fit_profile` — a :class:`edgekit.drift.Profile` per partition, merged. Profiles merge
  exactly (``fit(a ∪ b) == merge(fit(a), fit(b))``: values, counts and the sampled cutoff), so
  the result equals ``Profile.fit`` on the whole frame with the same ``capacity`` and ``seed``.
* :func:`report` — the drift report of a current Dask DataFrame (or profile, or frame) against a
  reference profile (or Dask DataFrame, or frame): equal to the single-process report while
  the current columns have at most ``capacity`` distinct values each, within the sampled
  profile's documented bound beyond.
* :func:`chunked` — a fitted :mod:`edgekit.monitoring` calculator over a Dask DataFrame with
  calendar-period chunks: rows are shuffled by period so each chunk is computed whole where
  its rows land, and the chunks come back as one result, as ``calculate`` on the whole frame
  gives it.
* :func:`summaries` — per arm (and per segment) the count, means, centred second moments and
  the co-moments CUPED and ratio metrics need, merged by the pairwise formulas of Chan, Golub &
  LeVeque (1979), which stay accurate where raw sums of squares cancel. Every test then runs on
  the totals (:class:`Summaries`).

The same functions take a pandas DataFrame, so one code path serves a laptop and a cluster.
Everything a task returns pickles through edgekit's compact binary state.
"""

import copy

import numpy as np

from edgekit import abtest, drift
from edgekit.errors import InvalidInputError

__all__ = ["Summaries", "chunked", "fit_profile", "report", "summaries"]


def _is_dask(data):
    return hasattr(data, "to_delayed") and hasattr(data, "npartitions")


def _delayed():
    import dask

    return dask.delayed


def _tree(items, combine, split_every):
    """``combine`` over ``items`` (Dask delayed values) in a tree of fan-in ``split_every``."""
    if split_every < 2:
        raise InvalidInputError(f"split_every must be at least 2, got {split_every}")
    delayed = _delayed()
    while len(items) > 1:
        items = [delayed(combine)(*items[i:i + split_every]) for i in range(0, len(items), split_every)]
    return items[0]


def _select(data, columns):
    if columns is None:
        return data
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise InvalidInputError(f"columns {missing} are not in the data (it has {list(data.columns)})")
    return data[list(columns)]


# --------------------------------------------------------------------------- profiles

def _fit_part(frame, categorical, options):
    if len(frame) == 0:
        return None
    return drift.Profile.fit(frame, categorical=categorical, **options)


def _merge_profiles(*profiles):
    merged = None
    for p in profiles:
        if p is not None:
            merged = p if merged is None else merged.merge(p)
    return merged


def fit_profile(data, columns=None, *, categorical=(), split_every=8, **options):
    """The :class:`edgekit.drift.Profile` of ``data`` (a Dask or pandas DataFrame): one
    partial profile per partition on the workers, merged in a tree. ``options`` are
    ``Profile.fit``'s (``capacity``, ``seed``); the result equals ``Profile.fit`` on the whole
    frame with the same options."""
    data = _select(data, columns)
    categorical = tuple(categorical)
    if not _is_dask(data):
        return drift.Profile.fit(data, categorical=categorical, **options)
    delayed = _delayed()
    parts = [delayed(_fit_part)(part, categorical, options) for part in data.to_delayed()]
    if not parts:
        raise InvalidInputError("the Dask DataFrame has no partitions")
    profile = _tree(parts, _merge_profiles, split_every).compute()
    if profile is None:
        raise InvalidInputError("every partition is empty: there is nothing to profile")
    return profile


def report(reference, current, *, columns=None, categorical=(), capacity=None, seed=0, split_every=8, **options):
    """The drift report of ``current`` against ``reference``, either side a Dask DataFrame
    (profiled on the workers with ``capacity`` and ``seed``), a pandas DataFrame or a
    :class:`edgekit.drift.Profile`. Other options are :func:`edgekit.drift.report`'s."""
    fit = {"seed": seed} if capacity is None else {"seed": seed, "capacity": capacity}

    def side(data):
        if _is_dask(data):
            return fit_profile(data, columns, categorical=categorical, split_every=split_every, **fit)
        if columns is not None and not isinstance(data, drift.Profile):
            return _select(data, columns)
        return data

    if columns is not None:
        options["columns"] = list(columns)
    return drift.report(side(reference), side(current), categorical=categorical, **options)


# --------------------------------------------------------------------------- monitoring

_PERIOD_KEY = "__edgekit_period"


def _with_period(frame, timestamp, offset):
    stamps = _to_datetime(frame[timestamp])
    return frame.assign(**{_PERIOD_KEY: stamps.dt.to_period(offset).astype(str)})


def _to_datetime(values):
    import pandas as pd

    return pd.to_datetime(values)


def _chunk_rows(frame, calculator):
    if len(frame) == 0:
        return None
    run = getattr(calculator, "calculate", None) or calculator.estimate
    return run(frame.drop(columns=[_PERIOD_KEY]))


def chunked(calculator, data):
    """Per-chunk results of a fitted :mod:`edgekit.monitoring` calculator (drift,
    reconstruction, domain classifier, CBPE, DLE, realized performance) over a Dask DataFrame:
    the rows are shuffled by the calculator's calendar period (``chunk_period`` or a
    ``PeriodBasedChunker``) so each worker computes whole chunks, and the chunks come back in
    time order as one result of the calculator's own kind (``to_df()``, ``filter()``...), equal
    to ``calculate`` (or ``estimate``) on the whole frame sorted by time. The calculator travels
    to the workers by pickle."""
    if not _is_dask(data):
        run = getattr(calculator, "calculate", None) or calculator.estimate
        return run(data)
    options = getattr(calculator, "_options", None)
    offset = None if options is None else options.get("chunk_period")
    timestamp = getattr(calculator, "timestamp_column_name", None)
    if offset is None or timestamp is None:
        raise InvalidInputError(
            "chunked() needs calendar-period chunks (chunk_period=... and timestamp_column_name=...): "
            "size- and count-based chunks depend on the order of every row, which a cluster does not keep")
    keyed = data.map_partitions(_with_period, timestamp, offset)
    shuffled = keyed.shuffle(on=_PERIOD_KEY)
    delayed = _delayed()
    parts = [delayed(_chunk_rows)(part, calculator) for part in shuffled.to_delayed()]
    results = [r for r in _compute(*parts) if r is not None and len(r)]
    if not results:
        raise InvalidInputError("no rows to monitor")
    # Every partition's result repeats the reference chunks (the calculator's own); the
    # analysis chunks are each in exactly one partition.
    reference = [row for row in results[0]._rows if row["chunk"]["period"] == "reference"]
    analysis = sorted((row for r in results for row in r._rows if row["chunk"]["period"] != "reference"),
                      key=lambda row: row["chunk"]["start_date"])
    start = 0
    for index, row in enumerate(analysis):
        chunk = row["chunk"]
        size = chunk["end_index"] - chunk["start_index"] + 1
        chunk["chunk_index"], chunk["start_index"], chunk["end_index"] = index, start, start + size - 1
        start += size
    combined = copy.copy(results[0])
    combined._rows = reference + analysis
    return combined


def _compute(*parts):
    import dask

    return dask.compute(*parts)


# --------------------------------------------------------------------------- experiments

def _partial(frame, keys, columns, pairs):
    """``{group key: moments}`` of one pandas frame (core's ``abtest::Moments`` per group, one
    pass over the rows in Rust)."""
    if len(frame) == 0:
        return {}
    grouped = frame.groupby(keys, sort=False, observed=True, dropna=True)
    codes = grouped.ngroup()
    codes = np.asarray(codes.fillna(-1) if codes.isna().any() else codes, dtype=np.int64)
    if grouped.ngroups == 0:
        return {}
    valid = np.flatnonzero(codes >= 0)
    first = np.full(grouped.ngroups, -1, dtype=np.int64)
    # The first row of each group, for its key: scanning backwards leaves the earliest.
    first[codes[valid[::-1]]] = valid[::-1]
    arrays = [np.ascontiguousarray(frame[c].to_numpy(dtype="float64", na_value=np.nan)) for c in columns]
    index = {c: i for i, c in enumerate(columns)}
    moments = abtest._group_moments(arrays, list(columns), [(index[y], index[x]) for y, x in pairs], codes, grouped.ngroups)
    key_columns = [frame[k].to_numpy() for k in keys]
    return {tuple(_plain(col[row]) for col in key_columns): m for row, m in zip(first, moments)}


def _plain(value):
    """A group label as a plain Python value (numpy scalars become int, float, str)."""
    return value.item() if hasattr(value, "item") else value


def _merge_partials(*partials):
    merged = {}
    for part in partials:
        for key, moments in part.items():
            merged[key] = moments if key not in merged else abtest._merge_moments(merged[key], moments)
    return merged


def summaries(data, arm, metrics=(), *, covariates=None, ratios=None, by=None, split_every=8):
    """Per-arm (and per-segment) sufficient statistics of a Dask or pandas DataFrame.

    ``metrics``: numeric columns to compare. ``covariates``: ``{metric: pre-period column}``
    for CUPED. ``ratios``: ``{name: (numerator, denominator)}`` for ratio metrics. ``by``:
    segment columns (one result per segment, corrected for multiple testing by
    :meth:`Summaries.by_segment`). Rows with a missing arm or segment are left out; a missing
    or infinite metric value is refused (drop or fill first)."""
    metrics = [metrics] if isinstance(metrics, str) else list(metrics)
    covariates = dict(covariates or {})
    ratios = {name: tuple(pair) for name, pair in (ratios or {}).items()}
    by = [by] if isinstance(by, str) else list(by or [])
    for metric in covariates:
        if metric not in metrics:
            raise InvalidInputError(f"covariate given for {metric!r}, which is not among the metrics {metrics}")
    for name, pair in ratios.items():
        if len(pair) != 2:
            raise InvalidInputError(f"ratio {name!r} must be (numerator, denominator), got {pair!r}")
    columns = list(dict.fromkeys(metrics + list(covariates.values()) + [c for p in ratios.values() for c in p]))
    if not columns:
        raise InvalidInputError("name at least one metric or ratio")
    pairs = list(dict.fromkeys([(m, x) for m, x in covariates.items()] + list(ratios.values())))
    keys = by + [arm]
    needed = list(dict.fromkeys(keys + columns))
    data = _select(data, needed)
    if _is_dask(data):
        delayed = _delayed()
        parts = [delayed(_partial)(part, keys, columns, pairs) for part in data.to_delayed()]
        totals = _tree(parts, _merge_partials, split_every).compute()
    else:
        totals = _partial(data, keys, columns, pairs)
    if not totals:
        raise InvalidInputError("no rows with an arm: there is nothing to summarise")
    return Summaries(arm, by, metrics, covariates, ratios, columns, pairs, totals)


class Summaries:
    """Sufficient statistics per (segment, arm), and every test that runs on them. Arms and
    segments are the data's labels; ``segment`` is a tuple of the ``by`` columns' values (or
    ``None`` without segments)."""

    def __init__(self, arm, by, metrics, covariates, ratios, columns, pairs, totals):
        self.arm, self.by, self.metrics = arm, list(by), list(metrics)
        self.covariates, self.ratios = dict(covariates), dict(ratios)
        self._columns, self._pairs = list(columns), [tuple(p) for p in pairs]
        self._totals = totals

    @property
    def arms(self):
        """Arm labels, sorted."""
        return sorted({key[-1] for key in self._totals}, key=_order)

    @property
    def segments(self):
        """Segment keys, sorted (``[None]`` without segments)."""
        if not self.by:
            return [None]
        return sorted({key[:-1] for key in self._totals}, key=lambda k: tuple(_order(v) for v in k))

    def _moments(self, arm, segment):
        if segment is None and self.by:
            found = [m for key, m in self._totals.items() if key[-1] == arm]
            if not found:
                raise InvalidInputError(f"no rows in arm {arm!r}")
            merged = found[0]
            for m in found[1:]:
                merged = abtest._merge_moments(merged, m)
            return merged
        key = (arm,) if segment is None else tuple(segment if isinstance(segment, tuple) else (segment,)) + (arm,)
        if key not in self._totals:
            raise InvalidInputError(f"no rows in arm {arm!r}" + ("" if segment is None else f" of segment {segment!r}"))
        return self._totals[key]

    def count(self, arm, segment=None):
        """Rows of ``arm`` (in ``segment``, or in all)."""
        return self._moments(arm, segment)["n"]

    def summary(self, metric, arm, segment=None):
        """``{"n", "mean", "variance"}`` of ``metric`` in ``arm`` (sample variance, ddof 1)."""
        self._known(metric)
        return abtest._moments_summary(self._moments(arm, segment), self._columns.index(metric))

    def paired(self, y, x, arm, segment=None):
        """``{"n", "mean_y", "mean_x", "var_y", "var_x", "cov"}`` of a metric and its covariate,
        or of a ratio's numerator and denominator."""
        if (y, x) not in self._pairs:
            raise InvalidInputError(f"({y!r}, {x!r}) is neither a metric with its covariate nor a ratio")
        return abtest._moments_paired(self._moments(arm, segment), self._pairs.index((y, x)))

    def _known(self, metric):
        if metric not in self.metrics:
            raise InvalidInputError(f"{metric!r} is not among the metrics {self.metrics}")

    def srm(self, weights=None, segment=None):
        """Sample-ratio mismatch over the arms (in :attr:`arms` order)."""
        return abtest.srm([self.count(a, segment) for a in self.arms], weights)

    def t_test(self, metric, control, treatment, segment=None, **options):
        """Welch's t test of ``metric`` (treatment − control); options as :func:`abtest.welch`."""
        a, b = (self.summary(metric, arm, segment) for arm in (control, treatment))
        return abtest.t_test_from_summary(a, b, **options)

    def proportions(self, metric, control, treatment, segment=None, **options):
        """Two-proportion test of a 0/1 ``metric``; options as :func:`abtest.two_proportions`."""
        a, b = (self.summary(metric, arm, segment) for arm in (control, treatment))
        x = [round(s["mean"] * s["n"]) for s in (a, b)]
        return abtest.two_proportions(x[0], int(a["n"]), x[1], int(b["n"]), **options)

    def cuped(self, metric, control, treatment, segment=None, **options):
        """CUPED with the metric's covariate; options as :func:`abtest.cuped`."""
        if metric not in self.covariates:
            raise InvalidInputError(f"{metric!r} has no covariate (summaries(covariates={{{metric!r}: ...}}))")
        x = self.covariates[metric]
        a, b = (self.paired(metric, x, arm, segment) for arm in (control, treatment))
        return abtest.cuped_from_summary(a, b, **options)

    def ratio_metric(self, name, control, treatment, segment=None, **options):
        """A ratio metric by the delta method; options as :func:`abtest.ratio_metric`."""
        if name not in self.ratios:
            raise InvalidInputError(f"{name!r} is not among the ratios {list(self.ratios)}")
        y, x = self.ratios[name]
        a, b = (self.paired(y, x, arm, segment) for arm in (control, treatment))
        return abtest.ratio_metric_from_summary(a, b, **options)

    def _triple(self, metric, arm, segment):
        s = self.summary(metric, arm, segment)
        return (s["n"], s["mean"], s["variance"])

    def bayes(self, metric, control, treatment, segment=None, **options):
        """gbstats' Gaussian Bayesian test; options as :func:`abtest.bayes_gaussian`."""
        return abtest.bayes_gaussian(self._triple(metric, control, segment), self._triple(metric, treatment, segment), **options)

    def sequential(self, metric, control, treatment, segment=None, **options):
        """Always-valid confidence sequence; options as :func:`abtest.sequential`."""
        return abtest.sequential(self._triple(metric, control, segment), self._triple(metric, treatment, segment), **options)

    def by_segment(self, test, name, control, treatment, *, correction="holm", **options):
        """One row per segment: ``{"segment", "result", "pvalue", "adjusted_pvalue"}``, the
        p-values adjusted over the segments by ``correction`` (:func:`abtest.adjust_pvalues`).
        ``test`` is a method name: ``"t_test"``, ``"proportions"``, ``"cuped"``,
        ``"ratio_metric"``."""
        if test not in ("t_test", "proportions", "cuped", "ratio_metric"):
            raise InvalidInputError(f"test must be t_test, proportions, cuped or ratio_metric, not {test!r}")
        if not self.by:
            raise InvalidInputError("summaries(by=...) names no segment columns")
        run = getattr(self, test)
        rows = [{"segment": s, "result": run(name, control, treatment, segment=s, **options)} for s in self.segments]
        pvalues = [r["result"].pvalue for r in rows]
        adjusted = abtest.adjust_pvalues(pvalues, method=correction)
        for row, p, q in zip(rows, pvalues, adjusted):
            row["pvalue"], row["adjusted_pvalue"] = p, float(q)
        return rows

    def to_dict(self):
        """JSON-safe: every (segment, arm) with its count, means, variances and covariances."""
        groups = []
        for key in sorted(self._totals, key=lambda k: tuple(_order(v) for v in k)):
            segment = key[:-1] if self.by else None
            arm = key[-1]
            groups.append({
                "segment": list(segment) if segment is not None else None,
                "arm": arm,
                "n": self._totals[key]["n"],
                "summaries": {c: abtest._moments_summary(self._totals[key], i) for i, c in enumerate(self._columns)},
                "paired": [dict(self.paired(y, x, arm, segment), y=y, x=x) for y, x in self._pairs],
            })
        return {"arm": self.arm, "by": self.by, "metrics": self.metrics, "covariates": self.covariates,
                "ratios": {k: list(v) for k, v in self.ratios.items()}, "groups": groups}

    def __repr__(self):
        return f"Summaries(arms={self.arms!r}, segments={len(self.segments)}, metrics={self.metrics!r})"


def _order(value):
    """Sort key that puts numbers before strings and never compares the two."""
    if value is None:
        return (2, 0.0, "")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, float(value), "")
    return (1, 0.0, str(value))
