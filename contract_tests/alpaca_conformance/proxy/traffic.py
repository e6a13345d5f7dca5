"""The report of real traffic: per operation x check, the calls seen and the violations.

It becomes the suite's Results, so report.md, junit.xml, results.json and the job summary
have the suite's formats: one testcase per operation x check, failing when any exchange broke
the check. A failure carries the first exchange that broke it (the exact exchange, secrets
masked) and how many did. Requests outside the spec are listed as skipped rows, one per
shape (`GET /v2/orders/…`), with their count: forwarded, not checked.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass

from alpaca_conformance.proxy.exchange import Exchange
from alpaca_conformance.results import FAILED, PASSED, SKIPPED, WARNED, Failure, Outcome, Results

OUTSIDE = "(outside the spec)"
UPSTREAM_CHECK = "upstream: answered"
_MAX_SHAPES = 50


@dataclass
class _Tally:
    calls: int = 0
    violations: int = 0
    warnings: int = 0
    first: Failure | None = None


class Traffic:
    """Everything the proxy saw, counted; safe to add to from the serving thread."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url  # the proxy's own URL, for the curl lines
        self.exchanges = 0
        self.violations = 0
        self.warnings = 0
        self.upstream_failures = 0
        self._tallies: dict[tuple[str, str], _Tally] = {}
        self._outside: Counter[str] = Counter()
        self._lock = threading.Lock()

    def add(self, exchange: Exchange) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """Count one exchange; returns its violations and its warnings, each as
        (operation: check, what was found)."""
        found: list[tuple[str, str]] = []
        warned: list[tuple[str, str]] = []
        with self._lock:
            self.exchanges += 1
            if exchange.outside:
                if exchange.outside in self._outside or len(self._outside) < _MAX_SHAPES:
                    self._outside[exchange.outside] += 1
                else:
                    self._outside["(other shapes)"] += 1
            operation = exchange.operation or OUTSIDE
            judged = [(c, p, False) for c, p in exchange.results]
            judged += [(c, w, True) for c, w in exchange.warnings]
            for check, text, warning in judged:
                tally = self._tallies.setdefault((operation, check), _Tally())
                tally.calls += 1
                if text is None:
                    continue
                if warning:
                    tally.warnings += 1
                    self.warnings += 1
                else:
                    tally.violations += 1
                    if check == UPSTREAM_CHECK:
                        self.upstream_failures += 1
                    else:
                        self.violations += 1
                (warned if warning else found).append((f"{operation}: {check}", text))
                if tally.first is None:
                    shown = exchange.describe(self.base_url)
                    tally.first = Failure(message=exchange.mask(text), reproduction=shown)
        return found, warned

    def results(self) -> Results:
        """The suite's Results: a row per operation x check, one per shape outside the spec."""
        results = Results()
        with self._lock:
            for (operation, check), tally in self._tallies.items():
                outcome = Outcome(operation, check, PASSED, runs=tally.calls)
                count, status, what = (
                    (tally.violations, FAILED, "broke this")
                    if tally.violations
                    else (tally.warnings, WARNED, "departed from this unverified promise")
                )
                if count and tally.first is not None:
                    outcome.status = status
                    outcome.failure = Failure(
                        message=f"{count} of {tally.calls} exchanges {what}; "
                        f"the first: {tally.first.message}",
                        reproduction=tally.first.reproduction,
                    )
                results.outcomes[f"{operation}\t{check}"] = outcome
            for shape, count in self._outside.items():
                results.outcomes[f"{OUTSIDE}\t{shape}"] = Outcome(
                    OUTSIDE,
                    shape,
                    SKIPPED,
                    reason=f"forwarded unchecked: {count} request(s) the spec does not describe",
                )
        return results
