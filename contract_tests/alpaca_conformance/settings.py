"""What a conformance run targets and how hard it tries; passed from the command to the suite.

The command runs pytest in-process, so settings travel as environment variables
(ALPACA_CONFORMANCE_*), which also lets a user run the suite with plain pytest.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from alpaca_conformance.budget import Plan

PAPER_URL = "https://paper-api.alpaca.markets"
_PREFIX = "ALPACA_CONFORMANCE_"


@dataclass(frozen=True)
class Settings:
    base_url: str | None = None  # None: in-process (our mock, or `app`)
    app: str | None = None  # "module:factory" of an ASGI app to test in-process instead of the mock
    allow_close: bool = False  # close positions on a target that is not our mock
    deep: bool = False
    seed: int = 20261124
    report_dir: Path = Path("reports")
    max_rate: float | None = None  # requests per second to the target (--max-rate)
    max_requests: int | None = None  # --max-requests: at most this many requests in all
    max_minutes: float | None = None  # --max-minutes (3 against a rate-limited target)
    started: float = 0.0  # epoch seconds the command started: the deadline counts from it
    rate_limit: tuple[int, int, float] | None = None  # the preflight's limit, remaining, reset

    @property
    def max_examples(self) -> int:
        return 400 if self.deep else 25

    @property
    def stateful_examples(self) -> int:
        return 200 if self.deep else 15

    def to_env(self) -> dict[str, str]:
        return {
            f"{_PREFIX}BASE_URL": self.base_url or "",
            f"{_PREFIX}APP": self.app or "",
            f"{_PREFIX}ALLOW_CLOSE": "1" if self.allow_close else "",
            f"{_PREFIX}DEEP": "1" if self.deep else "",
            f"{_PREFIX}SEED": str(self.seed),
            f"{_PREFIX}REPORT_DIR": str(self.report_dir),
            f"{_PREFIX}MAX_RATE": str(self.max_rate or ""),
            f"{_PREFIX}MAX_REQUESTS": str(self.max_requests or ""),
            f"{_PREFIX}MAX_MINUTES": str(self.max_minutes or ""),
            f"{_PREFIX}STARTED": str(self.started or ""),
            f"{_PREFIX}RATE_LIMIT": ",".join(map(str, self.rate_limit or ())),
        }

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        return cls(
            base_url=env.get(f"{_PREFIX}BASE_URL") or None,
            app=env.get(f"{_PREFIX}APP") or None,
            allow_close=bool(env.get(f"{_PREFIX}ALLOW_CLOSE")),
            deep=bool(env.get(f"{_PREFIX}DEEP")),
            seed=int(env.get(f"{_PREFIX}SEED") or cls.seed),
            report_dir=Path(env.get(f"{_PREFIX}REPORT_DIR") or cls.report_dir),
            max_rate=float(env.get(f"{_PREFIX}MAX_RATE") or 0) or None,
            max_requests=int(env.get(f"{_PREFIX}MAX_REQUESTS") or 0) or None,
            max_minutes=float(env.get(f"{_PREFIX}MAX_MINUTES") or 0) or None,
            started=float(env.get(f"{_PREFIX}STARTED") or 0),
            rate_limit=_rate_limit(env.get(f"{_PREFIX}RATE_LIMIT") or ""),
        )

    def plan(self) -> Plan:
        """The budget of the run (budget.py); inactive without --max-requests/--max-minutes."""
        limit, remaining, reset = self.rate_limit or (None, None, None)
        return Plan(
            max_requests=self.max_requests,
            max_seconds=None if self.max_minutes is None else self.max_minutes * 60,
            started=self.started or time.time(),
            limit=limit,
            remaining=remaining,
            reset=reset,
        )


def _rate_limit(text: str) -> tuple[int, int, float] | None:
    parts = text.split(",")
    if len(parts) != 3:
        return None
    return int(parts[0]), int(parts[1]), float(parts[2])
