"""A proxy session: what every exchange is handed to (the report, the recording, the console)
and the clock --until-idle reads."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from alpaca_conformance.escaping import printable
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
        self.last_activity = time.monotonic()

    def began(self) -> None:
        """A request arrived: the session is not idle."""
        self.last_activity = time.monotonic()

    def observe(self, exchange: Exchange) -> None:
        """Count, record and (unless quiet) print the violations and warnings of one exchange."""
        found, warned = self.traffic.add(exchange)
        if self.recorder is not None:
            self.recorder.write(exchange)
        if self.console is not None:
            for label, seen in [("VIOLATION", found), ("WARNING", warned)]:
                for where, problem in seen:
                    line = printable(exchange.mask(f"{label} {where}: {problem}"))
                    print(f"alpaca-conformance proxy: {line[:500]}", file=self.console, flush=True)
        self.last_activity = time.monotonic()
