"""Progress while the suite runs: a line every few seconds, also under -q and --deep.

A stateful test can run for minutes; a CI log without a line for that long looks hung. A
daemon thread prints the tests done, the operation x check outcomes recorded so far, the
failures and the elapsed time. pytest captures file descriptor 2 while tests run, so the
command opens the stream before pytest starts (`open_stream`), on a copy of that descriptor.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import TextIO

from alpaca_conformance import pacing
from alpaca_conformance.results import FAILED, Results

EVERY_SECONDS = 5.0
_STREAM: TextIO | None = None


def open_stream() -> None:
    """Keep a copy of stderr as it is now, before pytest captures it."""
    global _STREAM
    if _STREAM is None:
        _STREAM = os.fdopen(os.dup(2), "w", buffering=1, encoding="utf-8", errors="replace")


class Progress:
    """Counts the run and prints them every EVERY_SECONDS from a daemon thread."""

    def __init__(self, results: Results) -> None:
        self.results = results
        self.started = time.monotonic()
        self.total = 0
        self.done = 0
        self.current = ""
        self._stop = threading.Event()

    def line(self) -> str:
        """One progress line."""
        outcomes = list(self.results.outcomes.values())
        failed = sum(o.status == FAILED for o in outcomes)
        waiting = pacing.PACER.describe()
        return (
            f"[{time.monotonic() - self.started:6.1f} s] tests {self.done}/{self.total}; "
            f"{len(outcomes)} operation x check outcomes, {failed} failed; running {self.current}"
            + (f"; {waiting}" if waiting else "")
        )

    def _run(self) -> None:
        stream = _STREAM or sys.__stderr__
        while not self._stop.wait(EVERY_SECONDS):
            if stream is not None:
                print(self.line(), file=stream, flush=True)

    def start(self) -> None:
        """Start printing (once the number of tests is known)."""
        self.started = time.monotonic()
        threading.Thread(target=self._run, name="conformance-progress", daemon=True).start()

    def stop(self) -> None:
        """Stop printing."""
        self._stop.set()
