"""A proxy session: what every exchange is handed to (the session model, the report, the
recording, the console) and the clock --until-idle reads."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from alpaca_conformance.escaping import printable
from alpaca_conformance.proxy.accounts import Accounts
from alpaca_conformance.proxy.exchange import Exchange, Identities
from alpaca_conformance.proxy.recorder import Recorder
from alpaca_conformance.proxy.traffic import Traffic


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
        self.identities = Identities()
        self.accounts = Accounts()
        self.last_activity = time.monotonic()
        self.count = 0

    def began(self) -> None:
        """A request arrived: the session is not idle."""
        self.last_activity = time.monotonic()

    def begin(self, exchange: Exchange) -> None:
        """An exchange that will be judged began: number it, and tell the session model."""
        self.count += 1
        exchange.number = self.count
        self.accounts.begin(exchange)

    def abandon(self, exchange: Exchange) -> None:
        """An exchange that began will not be observed (its client left mid-way)."""
        exchange.observed = True
        self.accounts.end(exchange)

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
        self.last_activity = time.monotonic()
