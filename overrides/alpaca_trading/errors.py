"""One exception hierarchy for every way a call can fail.

Alpaca's error bodies are not uniform (a 401 without `code`, a plain-text 404 for unknown
routes, extra keys on 403, HTML from a proxy, statuses such as 520): every one becomes one of
these, carrying status, code, message, request id and the raw body; never a JSONDecodeError.
No exception message ever contains a credential.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx

from alpaca_trading.bodies import parse_json
from alpaca_trading.decimals import to_decimal


class AlpacaError(Exception):
    """Base of everything this client raises on purpose.

    ``status_code``, ``code``, ``message`` and ``request_id`` are on every error, so one
    ``except AlpacaError as error`` can read them: set on an APIError (Alpaca answered), None
    where there was no answer (a connection error, a timeout, a configuration error; their
    ``message`` is the reason). Errors survive pickle, copy and deepcopy (task queues,
    multiprocessing) with every attribute."""

    status_code: int | None = None
    code: int | None = None
    request_id: str | None = None

    @property
    def message(self) -> str:
        """What went wrong, in words (for an APIError, Alpaca's own message)."""
        return str(self.args[0]) if self.args else ""

    def __reduce__(self) -> tuple[Any, ...]:
        # BaseException pickles (type, args) and calls __init__(*args) on the way back, which
        # an error built with keyword arguments cannot take; this rebuilds it as it was.
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(cls: type[AlpacaError], args: tuple[Any, ...], state: dict[str, Any]) -> AlpacaError:
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class ClientClosedError(AlpacaError, RuntimeError):
    """The client was closed (``close()``, or the end of its ``with`` block) and was used
    again; make a new one."""


class PaginationError(AlpacaError):
    """A paged list that does not end: the server sent the same next_page_token again, a
    token longer than any real one, or more pages than ``max_pages``."""


class ConfigurationError(AlpacaError, ValueError):
    """The client cannot be built as asked (e.g. no credentials)."""


class APIConnectionError(AlpacaError):
    """The request did not get a response (connection refused, reset, dropped)."""


class APITimeoutError(APIConnectionError):
    """The request timed out; for a close, it may or may not have been carried out."""


class APIError(AlpacaError):
    """Alpaca answered with an error status.

    Attributes: ``status_code``; ``code`` (Alpaca's 8-digit error code, None when the body
    has none, as on a 401); ``message``; ``request_id`` (the X-Request-ID to quote to
    Alpaca's support); ``body`` (the raw bytes, as read); ``data`` (the body's JSON object,
    ``{}`` when it was not one)."""

    def __init__(
        self,
        status_code: int,
        message: str,
        *,
        code: int | None = None,
        request_id: str | None = None,
        body: bytes = b"",
        data: dict[str, Any] | None = None,
    ) -> None:
        self.status_code: int = status_code
        self.code: int | None = code
        self._message = message
        self.request_id: str | None = request_id
        self.body: bytes = body
        self.data: dict[str, Any] = data or {}
        detail = f" (code {code})" if code is not None else ""
        rid = f" [request id {request_id}]" if request_id else ""
        super().__init__(f"HTTP {status_code}{detail}: {message}{rid}")

    @property
    def message(self) -> str:
        """Alpaca's message (or the start of a body that carried none)."""
        return self._message


class AuthenticationError(APIError):
    """401: the key or the secret is wrong."""


@dataclass(frozen=True)
class Refusal:
    """What Alpaca adds to a 403 that refuses an order (code 40310000, e.g. closing more than
    qty_available): decimals as exact Decimals, None when the body does not carry them.

    The same fields, with the same types, are on PermissionDeniedError and on CloseError (one
    entry of a close-all), so one handler serves both."""

    symbol: str | None = None
    available: Decimal | None = None
    existing_qty: Decimal | None = None
    held_for_orders: Decimal | None = None
    related_orders: list[str] = field(default_factory=list)

    @classmethod
    def from_body(cls, body: Mapping[str, Any]) -> Refusal:
        """The refusal's fields from an error body; what is missing or malformed is None/[]."""
        symbol = body.get("symbol")
        related = body.get("related_orders")
        return cls(
            symbol=symbol if isinstance(symbol, str) else None,
            available=to_decimal(body.get("available")),
            existing_qty=to_decimal(body.get("existing_qty")),
            held_for_orders=to_decimal(body.get("held_for_orders")),
            related_orders=[str(o) for o in related] if isinstance(related, list) else [],
        )


class PermissionDeniedError(APIError):
    """403: no credentials, or the request is refused (e.g. more than qty_available).

    A refused order's details are typed attributes (see Refusal): ``available``,
    ``existing_qty``, ``held_for_orders`` (Decimal | None), ``symbol`` (str | None) and
    ``related_orders`` (the ids of the open orders holding the quantity)."""

    def __init__(
        self,
        status_code: int,
        message: str,
        *,
        code: int | None = None,
        request_id: str | None = None,
        body: bytes = b"",
        data: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(
            status_code, message, code=code, request_id=request_id, body=body, data=data
        )
        refusal = Refusal.from_body(self.data)
        self.refusal: Refusal = refusal
        self.symbol: str | None = refusal.symbol
        self.available: Decimal | None = refusal.available
        self.existing_qty: Decimal | None = refusal.existing_qty
        self.held_for_orders: Decimal | None = refusal.held_for_orders
        self.related_orders: list[str] = refusal.related_orders


class BadRequestError(APIError):
    """400: a parameter Alpaca refuses, on the operations that answer 400 rather than 422
    (the fixed-income lists)."""


class NotFoundError(APIError):
    """404: no such asset or position (or no such route)."""


class UnprocessableEntityError(APIError):
    """422: a parameter failed Alpaca's validation."""


class RateLimitError(APIError):
    """429: too many requests; `reset_at` says when the window resets."""

    @property
    def reset_at(self) -> datetime | None:
        reset = self.data.get("_reset")
        return datetime.fromtimestamp(reset, UTC) if isinstance(reset, int) else None


class ServerError(APIError):
    """5xx, or a status outside the usual ones (520 from a proxy)."""


class ResponseTooLargeError(APIError):
    """The body was larger than the client's `max_response_bytes` (decompressed); reading
    stopped there. For a close, the server did answer: the close may have been carried out."""


_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def reset_epoch(headers: httpx.Headers) -> int | None:
    """X-Ratelimit-Reset (Unix seconds when the window resets), or None if absent or bad."""
    try:
        return int(headers.get("x-ratelimit-reset", ""))
    except ValueError:
        return None


def error_from_response(response: httpx.Response, content: bytes | None = None) -> APIError:
    """The exception for an error response, whatever its body looks like.

    `content` is the body as read by the client (bounded); by default the response's own.
    The body is parsed with bounded depth: `[` * 1000 is a body like any other, not a
    RecursionError."""
    if content is None:
        content = response.content
    data: dict[str, Any] = {}
    message = ""
    try:
        parsed = parse_json(content) if content else None
    except ValueError:
        parsed = None
    if isinstance(parsed, dict):
        data = parsed
        raw_message = parsed.get("message", parsed.get("error"))
        message = str(raw_message) if raw_message is not None else ""
    if not message:
        text = content[:200].decode("utf-8", errors="replace").strip()
        message = text or (response.reason_phrase or "error")
    code = data.get("code")
    status = response.status_code
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 or status < 400 else APIError)
    reset = reset_epoch(response.headers)
    if reset is not None:
        data = dict(data, _reset=reset)
    return cls(
        status,
        message,
        code=code if isinstance(code, int) and not isinstance(code, bool) else None,
        request_id=response.headers.get("x-request-id"),
        body=content,
        data=data,
    )
