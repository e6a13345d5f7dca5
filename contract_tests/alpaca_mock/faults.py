"""Fault injection: make one operation slow, fail, drop its connection or garble its JSON.

Set through the admin API (POST /_mock/faults) so a client's retries, timeouts and error
handling can be tested against real failures instead of mocks of failures.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from alpaca_mock.answers import JSON, Answer
from alpaca_mock.serving import Send

STATUSES = frozenset({500, 502, 503, 504, 520})
DROPS = frozenset({"before", "after"})  # before the request is processed, or after it was
BODIES = frozenset({"malformed", "truncated"})


class ConnectionDropped(Exception):
    """Raised to make the server abort the connection mid-response (fault injection).

    Over HTTP, uvicorn closes the socket and the client sees the connection drop; in-process
    (httpx.ASGITransport) the client sees this exception itself."""


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


async def faulty_answer(fault: Fault, send: Send, handle: Callable[[], Answer]) -> Answer:
    """The answer a request gets under `fault` (`handle` makes the real one, if it is needed);
    a dropped connection raises ConnectionDropped after half a response was sent."""
    if fault.latency:
        await asyncio.sleep(fault.latency)
    if fault.drop == "before":
        await _drop(send)
    if fault.status is not None:
        return _status_answer(fault.status)
    answer = handle()
    if fault.drop == "after":
        await _drop(send)
    if fault.body is not None and answer.status < 300:
        answer.body = (
            answer.body[: max(len(answer.body) // 2, 1)]
            if fault.body == "truncated"
            else b"{'not': json,}" + answer.body[:16]
        )
    return answer


async def _drop(send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", JSON), (b"content-length", b"1000")],
        }
    )
    await send({"type": "http.response.body", "body": b'{"id":', "more_body": True})
    raise ConnectionDropped("connection dropped by fault injection")


def _status_answer(status: int) -> Answer:
    if status == 500:
        return Answer(500, {"code": 50010000, "message": "internal server error"})
    page = (
        f"<html><head><title>{status}</title></head>"
        f"<body><h1>{status}</h1>origin error</body></html>"
    )
    return Answer(status, page.encode(), content_type=b"text/html; charset=utf-8")
