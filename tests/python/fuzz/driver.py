"""Runs fuzzed calls in a child process (see worker.py) and tallies the outcomes."""

from __future__ import annotations

import collections
import multiprocessing
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))

import worker  # noqa: E402

BAD = ("abort", "hang", "panic", "foreign", "violation")


class Child:
    """One worker process, restarted after an abort or a hang."""

    def __init__(self, timeout: float):
        self.timeout = timeout
        self.process = None
        self.restarts = 0
        self.start()

    def start(self):
        context = multiprocessing.get_context("spawn")
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=worker.serve, args=(child_end,), daemon=True)
        self.process.start()
        child_end.close()
        if not self.connection.poll(300):
            raise RuntimeError("the fuzz worker did not start")
        self.connection.recv()

    def restart(self):
        self.process.kill()
        self.process.join()
        self.restarts += 1
        self.start()

    def call(self, job):
        try:
            self.connection.send(job)
        except (BrokenPipeError, OSError):
            self.restart()
            self.connection.send(job)
        if not self.connection.poll(self.timeout):
            self.restart()
            return ("hang", f"no answer in {self.timeout} s")
        try:
            return self.connection.recv()
        except (EOFError, ConnectionResetError):
            self.process.join(5)
            code = self.process.exitcode
            self.restart()
            return ("abort", f"the process died (exit code {code})")

    def close(self):
        try:
            self.connection.send(None)
            self.process.join(5)
        finally:
            if self.process.is_alive():
                self.process.kill()


class Tally:
    def __init__(self):
        self.outcomes = collections.Counter()
        self.by_target = collections.defaultdict(collections.Counter)
        self.findings = collections.defaultdict(list)

    def add(self, path, outcome, detail, job):
        self.outcomes[outcome] += 1
        self.by_target[path][outcome] += 1
        if outcome in BAD and len(self.findings[path]) < 3:
            self.findings[path].append((outcome, detail, repr(job)[:400]))

    def report(self):
        return {
            "calls": sum(self.outcomes.values()),
            "callables": len(self.by_target),
            "outcomes": dict(self.outcomes),
            "findings": {k: v for k, v in self.findings.items()},
        }
