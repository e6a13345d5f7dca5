"""Fault injection: make one operation slow, fail, drop its connection or garble its JSON.

Set through the admin API (POST /_mock/faults) so a client's retries, timeouts and error
handling can be tested against real failures instead of mocks of failures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

STATUSES = frozenset({500, 502, 503, 504, 520})
DROPS = frozenset({"before", "after"})  # before the request is processed, or after it was
BODIES = frozenset({"malformed", "truncated"})


class FaultError(ValueError):
    """A fault definition that cannot be used; the message names the field."""


@dataclass
class Fault:
    operation: str  # an operationId, or "*" for every operation
    latency: float = 0.0
    status: int | None = None
    drop: str | None = None
    body: str | None = None
    times: int | None = None  # how many requests it applies to; None = until cleared

    @classmethod
    def from_json(cls, data: Any, operations: set[str]) -> Fault:
        if not isinstance(data, dict):
            raise FaultError("a fault must be a JSON object")
        unknown = set(data) - {"operation", "latency", "status", "drop", "body", "times"}
        if unknown:
            raise FaultError(f"unknown field(s): {', '.join(sorted(unknown))}")
        operation = data.get("operation", "*")
        if operation != "*" and operation not in operations:
            raise FaultError(f"operation: must be '*' or one of {', '.join(sorted(operations))}")
        latency = data.get("latency", 0)
        if (
            not isinstance(latency, int | float)
            or isinstance(latency, bool)
            or not 0 <= latency <= 60
        ):
            raise FaultError("latency: must be a number of seconds from 0 to 60")
        status = data.get("status")
        if status is not None and status not in STATUSES:
            raise FaultError(f"status: must be one of {sorted(STATUSES)}")
        drop = data.get("drop")
        if drop is not None and drop not in DROPS:
            raise FaultError("drop: must be 'before' or 'after'")
        body = data.get("body")
        if body is not None and body not in BODIES:
            raise FaultError("body: must be 'malformed' or 'truncated'")
        times = data.get("times")
        if times is not None and (
            not isinstance(times, int) or isinstance(times, bool) or times < 1
        ):
            raise FaultError("times: must be a whole number of at least 1")
        return cls(operation, float(latency), status, drop, body, times)

    def to_json(self) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "latency": self.latency,
            "status": self.status,
            "drop": self.drop,
            "body": self.body,
            "times": self.times,
        }


class FaultTable:
    """The active faults; the first that matches an operation applies, and counts down."""

    def __init__(self) -> None:
        self.faults: list[Fault] = []

    def take(self, operation: str) -> Fault | None:
        for fault in self.faults:
            if fault.operation in ("*", operation):
                if fault.times is not None:
                    fault.times -= 1
                    if fault.times == 0:
                        self.faults.remove(fault)
                return fault
        return None
