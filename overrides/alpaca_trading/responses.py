"""From an httpx.Response to a typed value or one of our errors; shared by both clients."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import httpx

from alpaca_trading.errors import APIError, error_from_response, reset_epoch
from alpaca_trading.operations import Call
from alpaca_trading.validation import problem_with

T = TypeVar("T")


class ResponseDecodeError(APIError):
    """A success status whose body is not what the spec promises (truncated, not JSON, ...)."""


@dataclass(frozen=True)
class RawResponse(Generic[T]):
    """The escape hatch: everything Alpaca sent, with the parsed value."""

    status_code: int
    headers: httpx.Headers
    content: bytes
    parsed: T

    @property
    def request_id(self) -> str | None:
        value: str | None = self.headers.get("x-request-id")
        return value

    @property
    def ratelimit_limit(self) -> int | None:
        return _int(self.headers.get("x-ratelimit-limit"))

    @property
    def ratelimit_remaining(self) -> int | None:
        return _int(self.headers.get("x-ratelimit-remaining"))

    @property
    def ratelimit_reset(self) -> int | None:
        return reset_epoch(self.headers)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def to_raw(call: Call[T], response: httpx.Response, validate: bool = True) -> RawResponse[T]:
    if not 200 <= response.status_code < 300:
        raise error_from_response(response)
    try:
        data: Any = json.loads(response.content)
        problem = problem_with(call.operation, response.status_code, data) if validate else None
        if problem is not None:
            raise ValueError(f"the body does not match the spec {problem}")
        parsed = call.parse(data)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        snippet = response.content[:120].decode("utf-8", errors="replace")
        raise ResponseDecodeError(
            response.status_code,
            f"{call.operation}: the response body is not a valid {call.operation} answer "
            f"({type(exc).__name__}: {str(exc)[:200]}); body starts {snippet!r}",
            request_id=response.headers.get("x-request-id"),
            body=response.content,
        ) from None
    return RawResponse(response.status_code, response.headers, response.content, parsed)
