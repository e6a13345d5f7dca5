"""Client and AsyncClient: the seven operations with the same names and signatures.

Both build the same request descriptions (operations.py), send them with the same retry
policy (retries.py) and turn answers into values or errors the same way (responses.py); only
the sending differs. Timeouts are on by default (alpaca-py has none).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any, Self, TypeVar

import httpx
from alpaca_trading_api.models import Account, Asset, Order, Position

from alpaca_trading import operations as ops
from alpaca_trading.config import resolve
from alpaca_trading.errors import APIConnectionError, APITimeoutError
from alpaca_trading.operations import Call
from alpaca_trading.responses import RawResponse, to_raw
from alpaca_trading.results import ClosePositionResult
from alpaca_trading.retries import RetryPolicy

T = TypeVar("T")
log = logging.getLogger("alpaca_trading")
DEFAULT_TIMEOUT = 10.0


def _user_agent() -> str:
    from alpaca_trading import __version__

    return f"alpaca-trading-kit/{__version__} httpx/{httpx.__version__}"


def _connection_error(error: httpx.TransportError, call: Call[Any]) -> APIConnectionError:
    kind = APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
    note = " (it may have been carried out: not resent)" if not call.idempotent else ""
    return kind(f"{call.method} {call.path}: {type(error).__name__}: {error}{note}")


class _Base:
    def __init__(
        self,
        key_id: str | None,
        secret_key: str | None,
        oauth_token: str | None,
        paper: bool,
        base_url: str | None,
        timeout: float | httpx.Timeout,
        max_retries: int,
        validate_responses: bool,
    ) -> None:
        settings = resolve(key_id, secret_key, oauth_token, paper, base_url)
        self._validate = validate_responses
        self.base_url = settings.base_url
        self._auth = settings.auth
        self._policy = RetryPolicy(max_retries=max_retries)
        self._headers = {"User-Agent": _user_agent(), "Accept": "application/json"}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, auth={self._auth!r})"

    def _policy_for(self, max_retries: int | None) -> RetryPolicy:
        return self._policy if max_retries is None else RetryPolicy(max_retries=max_retries)

    def _next_step(
        self,
        call: Call[T],
        policy: RetryPolicy,
        attempt: int,
        started: float,
        outcome: httpx.Response | httpx.TransportError,
    ) -> RawResponse[T] | float:
        """The answer to return, or the seconds to wait before trying again; raises when done.

        Shared by both clients, so the rule "a close is never resent once it may have been
        processed" lives in one place (retries.py decides, this applies it)."""
        if isinstance(outcome, httpx.TransportError):
            log.debug("%s %s failed: %s", call.method, call.path, type(outcome).__name__)
            wait = policy.wait_after_error(outcome, attempt, call.idempotent)
            if wait is None:
                raise _connection_error(outcome, call) from None
        else:
            _log(call, outcome, started)
            wait = policy.wait_after_status(outcome, attempt, call.idempotent)
            if wait is None:
                return to_raw(call, outcome, self._validate)
        log.debug("retrying %s %s in %.2f s", call.method, call.path, wait)
        return wait

    def _request(
        self,
        call: Call[Any],
        timeout: float | httpx.Timeout | None,
        extra_headers: Mapping[str, str] | None,
    ) -> dict[str, Any]:
        """httpx.request arguments. What is empty is left out, not sent empty: httpx merges
        even `params={}` into the URL again (15 µs a request), and the client already
        carries the default timeout."""
        request: dict[str, Any] = {"method": call.method, "url": call.path}
        if call.params:
            request["params"] = call.params
        if extra_headers:
            request["headers"] = dict(extra_headers)
        if timeout is not None:
            request["timeout"] = timeout
        return request


class Client(_Base):
    """Synchronous client. `with Client() as client: client.get_account()`."""

    def __init__(
        self,
        key_id: str | None = None,
        secret_key: str | None = None,
        *,
        oauth_token: str | None = None,
        paper: bool = True,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        transport: httpx.BaseTransport | None = None,
        validate_responses: bool = True,
    ) -> None:
        super().__init__(
            key_id,
            secret_key,
            oauth_token,
            paper,
            base_url,
            timeout,
            max_retries,
            validate_responses,
        )
        self._http = httpx.Client(
            base_url=self.base_url,
            auth=self._auth,
            headers=self._headers,
            timeout=timeout,
            transport=transport,
        )
        self.with_raw_response = RawCalls(self)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _send(
        self,
        call: Call[T],
        timeout: float | httpx.Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> RawResponse[T]:
        policy = self._policy_for(max_retries)
        attempt = 0
        while True:
            started = time.monotonic()
            outcome: httpx.Response | httpx.TransportError
            try:
                outcome = self._http.request(**self._request(call, timeout, extra_headers))
            except httpx.TransportError as error:
                outcome = error
            step = self._next_step(call, policy, attempt, started, outcome)
            if isinstance(step, RawResponse):
                return step
            time.sleep(step)
            attempt += 1

    def get_account(
        self,
        *,
        timeout: float | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Account:
        return self._send(ops.get_account(), timeout, extra_headers, max_retries).parsed

    def list_assets(
        self,
        *,
        status: str | Enum | None = None,
        asset_class: str | Enum | None = None,
        exchange: str | Enum | None = None,
        attributes: Sequence[str | Enum] | None = None,
        timeout: float | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> list[Asset]:
        call = ops.list_assets(status, asset_class, exchange, attributes)
        return self._send(call, timeout, extra_headers, max_retries).parsed

    def get_asset(
        self,
        symbol_or_asset_id: object,
        *,
        timeout: float | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Asset:
        return self._send(
            ops.get_asset(symbol_or_asset_id), timeout, extra_headers, max_retries
        ).parsed

    def list_positions(
        self,
        *,
        timeout: float | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> list[Position]:
        return self._send(ops.list_positions(), timeout, extra_headers, max_retries).parsed

    def get_position(
        self,
        symbol_or_asset_id: object,
        *,
        timeout: float | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Position:
        return self._send(
            ops.get_position(symbol_or_asset_id), timeout, extra_headers, max_retries
        ).parsed

    def close_position(
        self,
        symbol_or_asset_id: object,
        *,
        qty: object = None,
        percentage: object = None,
        timeout: float | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Order:
        call = ops.close_position(symbol_or_asset_id, qty, percentage)
        return self._send(call, timeout, extra_headers, max_retries).parsed

    def close_all_positions(
        self,
        *,
        cancel_orders: bool = False,
        timeout: float | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> list[ClosePositionResult]:
        call = ops.close_all_positions(cancel_orders)
        return self._send(call, timeout, extra_headers, max_retries).parsed


class AsyncClient(_Base):
    """Asynchronous client. `async with AsyncClient() as client: await client.get_account()`."""

    def __init__(
        self,
        key_id: str | None = None,
        secret_key: str | None = None,
        *,
        oauth_token: str | None = None,
        paper: bool = True,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        transport: httpx.AsyncBaseTransport | None = None,
        validate_responses: bool = True,
    ) -> None:
        super().__init__(
            key_id,
            secret_key,
            oauth_token,
            paper,
            base_url,
            timeout,
            max_retries,
            validate_responses,
        )
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            auth=self._auth,
            headers=self._headers,
            timeout=timeout,
            transport=transport,
        )
        self.with_raw_response = AsyncRawCalls(self)

    async def close(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _send(
        self,
        call: Call[T],
        timeout: float | httpx.Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> RawResponse[T]:
        policy = self._policy_for(max_retries)
        attempt = 0
        while True:
            started = time.monotonic()
            outcome: httpx.Response | httpx.TransportError
            try:
                outcome = await self._http.request(**self._request(call, timeout, extra_headers))
            except httpx.TransportError as error:
                outcome = error
            step = self._next_step(call, policy, attempt, started, outcome)
            if isinstance(step, RawResponse):
                return step
            await asyncio.sleep(step)
            attempt += 1

    async def get_account(
        self,
        *,
        timeout: float | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Account:
        return (await self._send(ops.get_account(), timeout, extra_headers, max_retries)).parsed

    async def list_assets(
        self,
        *,
        status: str | Enum | None = None,
        asset_class: str | Enum | None = None,
        exchange: str | Enum | None = None,
        attributes: Sequence[str | Enum] | None = None,
        timeout: float | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> list[Asset]:
        call = ops.list_assets(status, asset_class, exchange, attributes)
        return (await self._send(call, timeout, extra_headers, max_retries)).parsed

    async def get_asset(
        self,
        symbol_or_asset_id: object,
        *,
        timeout: float | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Asset:
        return (
            await self._send(ops.get_asset(symbol_or_asset_id), timeout, extra_headers, max_retries)
        ).parsed

    async def list_positions(
        self,
        *,
        timeout: float | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> list[Position]:
        return (await self._send(ops.list_positions(), timeout, extra_headers, max_retries)).parsed

    async def get_position(
        self,
        symbol_or_asset_id: object,
        *,
        timeout: float | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Position:
        return (
            await self._send(
                ops.get_position(symbol_or_asset_id), timeout, extra_headers, max_retries
            )
        ).parsed

    async def close_position(
        self,
        symbol_or_asset_id: object,
        *,
        qty: object = None,
        percentage: object = None,
        timeout: float | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Order:
        call = ops.close_position(symbol_or_asset_id, qty, percentage)
        return (await self._send(call, timeout, extra_headers, max_retries)).parsed

    async def close_all_positions(
        self,
        *,
        cancel_orders: bool = False,
        timeout: float | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> list[ClosePositionResult]:
        call = ops.close_all_positions(cancel_orders)
        return (await self._send(call, timeout, extra_headers, max_retries)).parsed


_CALL_OPTIONS = ("timeout", "extra_headers", "max_retries")
_OPERATIONS = frozenset(
    {
        "get_account",
        "list_assets",
        "get_asset",
        "list_positions",
        "get_position",
        "close_position",
        "close_all_positions",
    }
)


class RawCalls:
    """`client.with_raw_response.get_account()` → RawResponse (status, headers, body, parsed)."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        if name not in _OPERATIONS:
            raise AttributeError(name)
        factory = getattr(ops, name)

        def call(*args: Any, **kwargs: Any) -> RawResponse[Any]:
            options = {k: kwargs.pop(k) for k in _CALL_OPTIONS if k in kwargs}
            return self._client._send(factory(*args, **kwargs), **options)

        return call


class AsyncRawCalls:
    """`await client.with_raw_response.get_account()` → RawResponse."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        if name not in _OPERATIONS:
            raise AttributeError(name)
        factory = getattr(ops, name)

        async def call(*args: Any, **kwargs: Any) -> RawResponse[Any]:
            options = {k: kwargs.pop(k) for k in _CALL_OPTIONS if k in kwargs}
            return await self._client._send(factory(*args, **kwargs), **options)

        return call


def _log(call: Call[Any], response: httpx.Response, started: float) -> None:
    log.debug(
        "%s %s -> %s in %.1f ms (request id %s)",
        call.method,
        response.request.url.raw_path.decode("ascii", "replace"),
        response.status_code,
        (time.monotonic() - started) * 1000,
        response.headers.get("x-request-id"),
    )
