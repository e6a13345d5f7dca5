"""From an httpx.Response to a typed value or one of our errors; shared by both clients."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

import httpx

from alpaca_trading.bodies import parse_json
from alpaca_trading.errors import APIError, error_from_response, reset_epoch
from alpaca_trading.operations import Call
from alpaca_trading.typed_decoding import typed_decoder
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


def parse_success(call: Call[T], status: int, content: bytes, validate: bool = True) -> T:
    """The body of a success answer as the typed value the call promises.

    Checked against the spec first unless `validate` is False. Raises ValueError, KeyError,
    TypeError, AttributeError or RecursionError for a body that is not such an answer.
    """
    if not call.has_body:
        return call.parse(None)  # the status is the answer (exercise); a body is ignored
    typed = typed_decoder(call.operation, status) if call.typed else None
    if typed is not None:
        value: T | None = typed.decode(content)
        if value is not None:
            return value  # else the reference way below, which names what is wrong
    data = parse_json(content, exact_numbers=call.exact_numbers)
    problem = problem_with(call.operation, status, data) if validate else None
    if problem is not None:
        raise ValueError(f"the body does not match the spec {problem}")
    return call.parse(data)


def to_raw(
    call: Call[T], response: httpx.Response, content: bytes, validate: bool = True
) -> RawResponse[T]:
    """The answer as a RawResponse, or the error it stands for. `content` is the body as the
    client read it (bounded by max_response_bytes)."""
    if not 200 <= response.status_code < 300:
        raise error_from_response(response, content)
    try:
        parsed = parse_success(call, response.status_code, content, validate)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        snippet = content[:120].decode("utf-8", errors="replace")
        raise ResponseDecodeError(
            response.status_code,
            f"{call.operation}: the response body is not a valid {call.operation} answer "
            f"({type(exc).__name__}: {str(exc)[:200]}); body starts {snippet!r}",
            request_id=response.headers.get("x-request-id"),
            body=content,
        ) from None
    return RawResponse(response.status_code, response.headers, content, parsed)
