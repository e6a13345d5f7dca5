"""Client and AsyncClient: settings, connections and the request loop behind every call.

The operations themselves are written once in calls.py (AsyncCalls) and derived for Client
(faces.py); each builds a request description (operations.py) and hands it to ``_send``
here. Both clients send with the same retry policy (retries.py) and turn answers into values
or errors the same way (responses.py); only the sending differs. Timeouts are on by default
(alpaca-py has none).
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self, TypeVar

import httpx

from alpaca_trading.bodies import MAX_RESPONSE_BYTES, BodyTooLarge, aread_body, read_body
from alpaca_trading.calls import AsyncCalls
from alpaca_trading.config import resolve
from alpaca_trading.cookies import bounded_cookie_jar
from alpaca_trading.deadline import (
    DEADLINE,
    deadline_transport,
    environment_proxy_mounts,
    with_deadline,
)
from alpaca_trading.errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    ClientClosedError,
    ConfigurationError,
    ResponseTooLargeError,
)
from alpaca_trading.faces import AsyncRawCalls, Calls, RawCalls
from alpaca_trading.operations import Call, Timeout
from alpaca_trading.responses import RawResponse, ResponseDecodeError, to_raw
from alpaca_trading.retries import RetryPolicy

T = TypeVar("T")
log: logging.Logger = logging.getLogger("alpaca_trading")
DEFAULT_TIMEOUT = 10.0


def _user_agent() -> str:
    from alpaca_trading import __version__

    return f"alpaca-trading-kit/{__version__} httpx/{httpx.__version__}"


def _connection_error(error: httpx.TransportError, call: Call[Any]) -> APIConnectionError:
    kind = APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
    note = " (it may have been carried out: not resent)" if not call.idempotent else ""
    return kind(f"{call.method} {call.path}: {type(error).__name__}: {error}{note}")


@dataclass(frozen=True, slots=True)
class _Received:
    """An answer and its body, read under the size cap and the deadline."""

    response: httpx.Response
    content: bytes


def _attempt_seconds(timeout: Timeout | None, argument: str = "timeout") -> float | None:
    """How long one attempt may take in all (connect, send, headers, body), or None for ever.

    A number is that deadline (and, as in httpx, the bound of each network wait too); an
    httpx.Timeout sets the waits one by one, and the attempt's deadline is the largest."""
    if timeout is None:
        return None
    if isinstance(timeout, httpx.Timeout):
        phases = [t for t in (timeout.connect, timeout.read, timeout.write, timeout.pool) if t]
        return max(phases) if phases else None
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise TypeError(f"{argument} must be a number of seconds or an httpx.Timeout")
    if not math.isfinite(timeout) or timeout <= 0:
        raise ConfigurationError(f"{argument} must be a finite number of seconds above 0")
    return float(timeout)


def _unreadable(
    call: Call[Any], response: httpx.Response, error: BodyTooLarge | httpx.DecodingError
) -> APIError:
    """The error for a body that was not read whole: too large, or not decompressible."""
    kind = ResponseTooLargeError if isinstance(error, BodyTooLarge) else ResponseDecodeError
    note = " (the close may have been carried out)" if not call.idempotent else ""
    return kind(
        response.status_code,
        f"{call.method} {call.path}: {error}{note}",
        request_id=response.headers.get("x-request-id"),
    )


class _Base:
    """What both clients share: settings, headers, and what to do with each answer."""

    def __init__(
        self,
        key_id: str | None,
        secret_key: str | None,
        oauth_token: str | None,
        paper: bool,
        base_url: str | None,
        timeout: Timeout,
        max_retries: int,
        validate_responses: bool,
        max_response_bytes: int,
    ) -> None:
        settings = resolve(key_id, secret_key, oauth_token, paper, base_url)
        if isinstance(max_response_bytes, bool) or not isinstance(max_response_bytes, int):
            raise TypeError("max_response_bytes must be an int")
        if max_response_bytes < 1:
            raise ConfigurationError("max_response_bytes must be at least 1")
        self._validate = validate_responses
        self._max_bytes = max_response_bytes
        self._attempt_budget = _attempt_seconds(timeout)
        self.base_url: str = settings.base_url
        self._auth = settings.auth
        self._policy = RetryPolicy(max_retries=max_retries)
        self._headers = {
            "User-Agent": _user_agent(),
            "Accept": "application/json",
            "Accept-Encoding": "gzip, deflate",  # what bodies.py inflates in bounded steps
        }

    def __repr__(self) -> str:
        """The base URL and how it authenticates; never a credential."""
        return f"{type(self).__name__}(base_url={self.base_url!r}, auth={self._auth!r})"

    def _policy_for(self, max_retries: int | None) -> RetryPolicy:
        return self._policy if max_retries is None else RetryPolicy(max_retries=max_retries)

    def _deadline(self, timeout: Timeout | None) -> float | None:
        """When the attempt starting now must be over (time.monotonic()), or None."""
        budget = self._attempt_budget if timeout is None else _attempt_seconds(timeout)
        return None if budget is None else time.monotonic() + budget

    def _next_step(
        self,
        call: Call[T],
        policy: RetryPolicy,
        attempt: int,
        call_started: float,
        started: float,
        outcome: _Received | httpx.TransportError,
    ) -> RawResponse[T] | float:
        """The answer to return, or the seconds to wait before trying again; raises when done.

        Shared by both clients, so the rule "a close is never resent once it may have been
        processed" lives in one place (retries.py decides, this applies it)."""
        if isinstance(outcome, httpx.TransportError):
            log.debug("%s %s failed: %s", call.method, call.path, type(outcome).__name__)
            wait = policy.wait_after_error(outcome, attempt, call.idempotent)
            wait = policy.within_total(wait, time.monotonic() - call_started)
            if wait is None:
                raise _connection_error(outcome, call) from None
        else:
            _log(call, outcome.response, started)
            wait = policy.wait_after_status(outcome.response, attempt, call.idempotent)
            wait = policy.within_total(wait, time.monotonic() - call_started)
            if wait is None:
                return to_raw(call, outcome.response, outcome.content, self._validate)
        log.debug("retrying %s %s in %.2f s", call.method, call.path, wait)
        return wait

    def _request(
        self,
        call: Call[Any],
        timeout: Timeout | None,
        extra_headers: Mapping[str, str] | None,
    ) -> dict[str, Any]:
        """httpx.build_request arguments. What is empty is left out, not sent empty: httpx
        merges even `params={}` into the URL again (15 µs a request), and the client already
        carries the default timeout."""
        request: dict[str, Any] = {"method": call.method, "url": call.path}
        if call.params:
            request["params"] = call.params
        if extra_headers:
            request["headers"] = dict(extra_headers)
        if timeout is not None:
            request["timeout"] = timeout
        return request


class Client(Calls, _Base):
    """The synchronous client: ``with Client() as client: client.get_account()``.

    Args:
        key_id, secret_key: API keys; by default APCA_API_KEY_ID and APCA_API_SECRET_KEY.
            Checked when the client is built (not stripped): whitespace at either end, a
            non-printable character or an empty value is a ConfigurationError naming it.
        oauth_token: an OAuth access token instead of keys (or APCA_API_OAUTH_TOKEN).
        paper: paper trading (the default) or, with False, the live API.
        base_url: another server (or APCA_API_BASE_URL), e.g. the mock; overrides ``paper``.
        timeout: seconds one attempt may take in all (connect, send, wait, read the body),
            or an httpx.Timeout to set each phase; 10 s by default.
        max_retries: retries of a GET after a connection error, 429 or 5xx (honouring
            Retry-After and X-Ratelimit-Reset); a close is never resent once sent.
        transport: an httpx transport (tests, proxies, the mock in-process); an
            httpx.HTTPTransport gets the same whole-call deadline as the default one.
        validate_responses: check each success body against the spec before building the
            model (a mismatch is a ResponseDecodeError naming the field).
        max_response_bytes: the largest body read, decompressed (64 MiB by default);
            beyond it a ResponseTooLargeError.

    Every call also takes ``timeout``, ``extra_headers`` and ``max_retries``, which apply to
    that call only. ``client.with_raw_response.<call>()`` returns the whole response.

    Raises:
        ConfigurationError: no credentials, or a credential or URL that cannot be used.
    """

    with_raw_response: RawCalls
    """The same calls, each returning a RawResponse (status, headers, body, ``parsed``)."""

    def __init__(
        self,
        key_id: str | None = None,
        secret_key: str | None = None,
        *,
        oauth_token: str | None = None,
        paper: bool = True,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        transport: httpx.BaseTransport | None = None,
        validate_responses: bool = True,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
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
            max_response_bytes,
        )
        self._http = httpx.Client(
            base_url=self.base_url,
            auth=self._auth,
            headers=self._headers,
            timeout=timeout,
            transport=deadline_transport() if transport is None else with_deadline(transport),
            # As httpx does: proxies from the environment unless a transport is given.
            mounts=environment_proxy_mounts() if transport is None else None,
            cookies=bounded_cookie_jar(),
        )
        self.with_raw_response = RawCalls(self)

    def close(self) -> None:
        """Close the connections; the client cannot be used afterwards."""
        self._http.close()

    def __enter__(self) -> Self:
        """The client itself; closed when the ``with`` block ends."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the client (see close)."""
        self.close()

    def _send(
        self,
        call: Call[T],
        timeout: float | httpx.Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> RawResponse[T]:
        if self._http.is_closed:
            raise ClientClosedError(f"this {type(self).__name__} is closed; make a new one")
        policy = self._policy_for(max_retries)
        attempt = 0
        call_started = time.monotonic()
        while True:
            started = time.monotonic()
            outcome: _Received | httpx.TransportError
            try:
                outcome = self._attempt(call, timeout, extra_headers)
            except httpx.TransportError as error:
                outcome = error
            step = self._next_step(call, policy, attempt, call_started, started, outcome)
            if isinstance(step, RawResponse):
                return step
            time.sleep(step)
            attempt += 1

    def _attempt(
        self,
        call: Call[Any],
        timeout: Timeout | None,
        extra_headers: Mapping[str, str] | None,
    ) -> _Received:
        """One request and its whole body, over by the attempt's deadline (deadline.py)."""
        deadline = self._deadline(timeout)
        token = DEADLINE.set(deadline)
        try:
            request = self._http.build_request(**self._request(call, timeout, extra_headers))
            response = self._http.send(request, stream=True)
            try:
                return _Received(response, read_body(response, self._max_bytes, deadline))
            except (BodyTooLarge, httpx.DecodingError) as error:
                raise _unreadable(call, response, error) from None
            finally:
                response.close()
        finally:
            DEADLINE.reset(token)


class AsyncClient(AsyncCalls, _Base):
    """The asynchronous client: ``async with AsyncClient() as client: await client.get_account()``.

    The same arguments, calls, errors and quirks as Client; each call is awaited, and the
    timeout bounds the whole attempt with asyncio.timeout. ``transport`` is an
    httpx.AsyncBaseTransport.
    """

    with_raw_response: AsyncRawCalls
    """The same calls, each returning a RawResponse (status, headers, body, ``parsed``)."""

    def __init__(
        self,
        key_id: str | None = None,
        secret_key: str | None = None,
        *,
        oauth_token: str | None = None,
        paper: bool = True,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        transport: httpx.AsyncBaseTransport | None = None,
        validate_responses: bool = True,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
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
            max_response_bytes,
        )
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            auth=self._auth,
            headers=self._headers,
            timeout=timeout,
            transport=transport,
            cookies=bounded_cookie_jar(),
        )
        self.with_raw_response = AsyncRawCalls(self)

    async def close(self) -> None:
        """Close the connections; the client cannot be used afterwards."""
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        """The client itself; closed when the ``async with`` block ends."""
        return self

    async def __aexit__(self, *exc: object) -> None:
        """Close the client (see close)."""
        await self.close()

    async def _send(
        self,
        call: Call[T],
        timeout: float | httpx.Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> RawResponse[T]:
        if self._http.is_closed:
            raise ClientClosedError(f"this {type(self).__name__} is closed; make a new one")
        policy = self._policy_for(max_retries)
        attempt = 0
        call_started = time.monotonic()
        while True:
            started = time.monotonic()
            outcome: _Received | httpx.TransportError
            try:
                outcome = await self._attempt(call, timeout, extra_headers)
            except httpx.TransportError as error:
                outcome = error
            step = self._next_step(call, policy, attempt, call_started, started, outcome)
            if isinstance(step, RawResponse):
                return step
            await asyncio.sleep(step)
            attempt += 1

    async def _attempt(
        self,
        call: Call[Any],
        timeout: Timeout | None,
        extra_headers: Mapping[str, str] | None,
    ) -> _Received:
        """One request and its whole body, cancelled when the attempt's deadline passes."""
        deadline = self._deadline(timeout)
        request = self._http.build_request(**self._request(call, timeout, extra_headers))
        try:
            async with asyncio.timeout_at(_loop_time(deadline)):
                response = await self._http.send(request, stream=True)
                try:
                    return _Received(
                        response, await aread_body(response, self._max_bytes, deadline)
                    )
                except (BodyTooLarge, httpx.DecodingError) as error:
                    raise _unreadable(call, response, error) from None
                finally:
                    await response.aclose()
        except TimeoutError:
            # Whichever phase it was in, count it as "may have been sent": a close is not resent.
            raise httpx.ReadTimeout("the call's timeout ran out", request=request) from None


def _loop_time(deadline: float | None) -> float | None:
    """A time.monotonic() deadline on the running loop's clock, for asyncio.timeout_at."""
    if deadline is None:
        return None
    return asyncio.get_running_loop().time() + (deadline - time.monotonic())


def _log(call: Call[Any], response: httpx.Response, started: float) -> None:
    log.debug(
        "%s %s -> %s in %.1f ms (request id %s)",
        call.method,
        response.request.url.raw_path.decode("ascii", "replace"),
        response.status_code,
        (time.monotonic() - started) * 1000,
        response.headers.get("x-request-id"),
    )
