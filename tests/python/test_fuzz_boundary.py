"""Property-based fuzzing of every public function and method of the Python face.

Targets come from the wheel's own stubs; arguments are drawn by Hypothesis from each
parameter's annotation, mixed with hostile values of any type. Every call runs in a child
process. Allowed outcomes: a result meeting its invariants, or an ``edgekit.EdgekitError``.
Aborts, hangs, panics, foreign exceptions and invariant violations fail the target.

Budget: ``EDGEKIT_FUZZ_EXAMPLES`` examples per target (CI: 8). The soak in docs/reliability.md
sets it to 100 and writes the tally to ``EDGEKIT_FUZZ_REPORT``.
"""

from __future__ import annotations

import json
import os
import pathlib
import sys

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(pathlib.Path(__file__).parent / "fuzz"))

import edgekit  # noqa: E402
from driver import BAD, Child, Tally  # noqa: E402
from surface import read_targets, strategy_for  # noqa: E402

EXAMPLES = int(os.environ.get("EDGEKIT_FUZZ_EXAMPLES", "8"))
TIMEOUT = float(os.environ.get("EDGEKIT_FUZZ_TIMEOUT", "30"))
TARGETS = read_targets(pathlib.Path(edgekit.__file__).parent)
TALLY = Tally()


@pytest.fixture(scope="module")
def child():
    process = Child(TIMEOUT)
    yield process
    process.close()
    report = os.environ.get("EDGEKIT_FUZZ_REPORT")
    if report:
        pathlib.Path(report).write_text(json.dumps(TALLY.report(), indent=1))


def test_the_surface_is_read_from_every_stub():
    modules = {t.path.split(".")[0] for t in TARGETS}
    assert modules == {"stats", "abtest", "drift", "monitoring", "calibration", "patterns", "ltp", "lineup"}
    assert len(TARGETS) > 150
    assert sum(t.kind == "constructor" for t in TARGETS) >= 12


@pytest.mark.parametrize("target", TARGETS, ids=[t.path for t in TARGETS])
def test_no_input_breaks_the_boundary(child, target):
    def arguments(data):
        # A nonce keeps every example distinct, so each target gets its full budget even when
        # it takes no argument (repeated calls on a shared instance are worth making too).
        data.draw(st.integers(0, 2**32))
        args, kwargs = [], {}
        for p in target.params:
            if p.has_default and data.draw(st.booleans()):
                continue
            likely, anything = strategy_for(p.annotation, p.name)
            value = data.draw(st.one_of(likely, likely, likely, anything))
            if p.keyword_only or p.has_default:
                kwargs[p.name] = value
            else:
                args.append(value)
        return args, kwargs

    bad = []

    @settings(max_examples=EXAMPLES, phases=[Phase.generate], deadline=None, derandomize=True,
              database=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def run(data):
        args, kwargs = arguments(data)
        job = (target.path, target.kind, args, kwargs)
        outcome, detail = child.call(job)
        TALLY.add(target.path, outcome, detail, job)
        if outcome in BAD:
            bad.append((outcome, detail, repr(job)[:300]))

    run()
    assert not bad, f"{len(bad)} bad outcomes, first: {bad[0]}"
