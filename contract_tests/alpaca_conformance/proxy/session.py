"""A proxy session as the judging process keeps it: what every exchange is handed to (the
checks, the session model, the report, the recording, the console), in the order the proxy
saw them, and the summary the proxy's exit code and reports are made from."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TextIO

from alpaca_conformance.escaping import printable
from alpaca_conformance.proxy.accounts import Accounts
from alpaca_conformance.proxy.exchange import Exchange
from alpaca_conformance.proxy.judge import judge_answer
from alpaca_conformance.proxy.recorder import Recorder
from alpaca_conformance.proxy.request_check import RequestVerdict
from alpaca_conformance.proxy.traffic import Traffic
from alpaca_conformance.proxy.upstream import UpstreamAnswer
from alpaca_conformance.results import Results


@dataclass(frozen=True)
class Summary:
    """What the session saw, for the reports and the exit code."""

    results: Results
    exchanges: int  # judged and counted
    violations: int
    warnings: int
    upstream_failures: int
    not_judged: int = 0  # handed over, but the session was stopped before their turn
    record_left_out: int = 0  # beyond --record-limit
    record_too_long: int = 0  # a line longer than a reader takes


class Session:
    def __init__(
        self,
        traffic: Traffic,
        recorder: Recorder | None,
        console: TextIO | None = sys.stderr,
    ) -> None:
        self.traffic = traffic
        self.recorder = recorder
        self.console = console  # None: quiet
        self.accounts = Accounts()

    def begin(self, exchange: Exchange) -> None:
        """An exchange that will be judged began: tell the session model."""
        self.accounts.begin(exchange)

    def abandon(self, exchange: Exchange) -> None:
        """An exchange that began will not be observed (its client left mid-way)."""
        exchange.observed = True
        self.accounts.end(exchange)

    def answered(self, exchange: Exchange, answer: UpstreamAnswer, verdict: RequestVerdict) -> None:
        """Judge the upstream's answer, then observe the exchange."""
        judge_answer(exchange, answer, verdict)
        self.observe(exchange)

    def observe(self, exchange: Exchange) -> None:
        """Count, record and (unless quiet) print the violations and warnings of one exchange."""
        exchange.observed = True
        self.accounts.observe(exchange)  # the promises across exchanges, before counting
        found, warned = self.traffic.add(exchange)
        exchange.involved = []  # described by now; kept, they would chain every exchange
        if self.recorder is not None:
            self.recorder.write(exchange)
        if self.console is not None:
            for label, seen in [("VIOLATION", found), ("WARNING", warned)]:
                for where, problem in seen:
                    line = printable(exchange.mask(f"{label} {where}: {problem}"))
                    print(f"alpaca-conformance proxy: {line[:500]}", file=self.console, flush=True)

    def summary(self, not_judged: int = 0) -> Summary:
        recorder = self.recorder
        return Summary(
            results=self.traffic.results(),
            exchanges=self.traffic.exchanges,
            violations=self.traffic.violations,
            warnings=self.traffic.warnings,
            upstream_failures=self.traffic.upstream_failures,
            not_judged=not_judged,
            record_left_out=recorder.left_out if recorder is not None else 0,
            record_too_long=recorder.too_long if recorder is not None else 0,
        )
