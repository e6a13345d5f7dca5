"""Rate limits honoured: a 429 is waited out and the request sent again, never a failed check.

Alpaca's paper API allows 200 requests a minute; our mock too, by default. A suite that sends
faster gets 429s, and each one used to fail whatever check it interrupted. Here every request
the suite sends over HTTP goes through one Pacer, which
- keeps at least 1/max_rate seconds between requests when --max-rate is given (shared targets);
- waits for the window to reset when the last answer said X-Ratelimit-Remaining: 0;
- on a 429 (which Alpaca did not carry out, so resending is safe, closes included) waits
  until X-Ratelimit-Reset (or Retry-After, else a backoff), at most MAX_WAIT_SECONDS each time,
  and sends again, up to MAX_RESENDS times; then the 429 is the answer.
The progress line shows the wait. A request that fails at the connection is judged by
target_gone.py (has the target gone away?) before it is raised.

Why a patch of requests' HTTPAdapter.send: Schemathesis sends some requests of its own (the
auth probes of ignored_auth) through fresh sessions it makes itself, so no session the suite
passes would see them. The patch is installed only by the suite, only for HTTP targets. Our
client's requests go through PacedTransport, an httpx transport around the usual one.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from alpaca_conformance import budget, target_gone

MAX_WAIT_SECONDS = 65.0  # a minute's window, and a little clock skew
MAX_RESENDS = 5


class Pacer:
    """The shared pace of every request to the target (thread-safe)."""

    def __init__(
        self, max_rate: float | None = None, clock: Callable[[], float] = time.time
    ) -> None:
        self.interval = 1.0 / max_rate if max_rate else 0.0
        self.clock = clock
        self._lock = threading.Lock()
        self._next_start = 0.0  # epoch seconds before which no request starts
        self.waiting_until = 0.0  # for the progress line
        self.waits = 0
        self.resends = 0
        self.waited_seconds = 0.0  # every wait handed out, for the budget (budget.py)

    def delay(self) -> float:
        """Seconds to wait before the next request may start; reserves its slot."""
        with self._lock:
            now = self.clock()
            start = max(now, self._next_start)
            self._next_start = start + self.interval
            if start > now:
                self.waiting_until = start
            self.waited_seconds += start - now
            return start - now

    def observe(self, status: int, headers: Mapping[str, str], attempt: int) -> float | None:
        """After an answer: seconds to wait before sending it again (a 429), else None.
        An exhausted window (X-Ratelimit-Remaining: 0) delays the next request instead."""
        reset = budget.header_number(headers.get("x-ratelimit-reset"))
        now = self.clock()
        if status == 429:
            if attempt >= MAX_RESENDS:
                return None
            retry_after = budget.header_number(headers.get("retry-after"))
            if reset is not None and reset > now:
                wait = reset - now + 0.05
            elif retry_after is not None:
                wait = retry_after
            else:
                wait = min(2.0**attempt, 8.0)
            wait = min(max(wait, 0.05), MAX_WAIT_SECONDS)
            with self._lock:
                self.waits += 1
                self.resends += 1
                self.waited_seconds += wait
                self.waiting_until = max(self.waiting_until, now + wait)
                self._next_start = max(self._next_start, now + wait)
            return wait
        remaining = budget.header_number(headers.get("x-ratelimit-remaining"))
        if remaining is not None and remaining <= 0 and reset is not None and reset > now:
            with self._lock:
                self.waits += 1
                until = min(reset + 0.05, now + MAX_WAIT_SECONDS)
                self._next_start = max(self._next_start, until)
                self.waiting_until = max(self.waiting_until, until)
        return None

    def describe(self) -> str:
        """ "" or "waiting for the rate limit (12 s)" for the progress line."""
        left = self.waiting_until - self.clock()
        return f"waiting for the rate limit ({left:.0f} s)" if left > 0.5 else ""


PACER = Pacer()


def configure(max_rate: float | None) -> Pacer:
    """Set the run's pacer (called once by the suite with --max-rate)."""
    global PACER
    PACER = Pacer(max_rate)
    return PACER


def install_requests_pacing() -> None:
    """Route every requests HTTPAdapter.send through PACER (see the module's docstring)."""
    from requests.adapters import HTTPAdapter

    if getattr(HTTPAdapter.send, "_paced", False):
        return
    from requests.exceptions import ConnectionError as RequestsConnectionError
    from requests.exceptions import Timeout as RequestsTimeout

    original = HTTPAdapter.send

    def send(self: HTTPAdapter, request: Any, *args: Any, **kwargs: Any) -> Any:
        attempt = 0
        while True:
            target_gone.check()
            time.sleep(PACER.delay())
            charged = budget.count(request.headers)
            try:
                response = original(self, request, *args, **kwargs)
            except (RequestsConnectionError, RequestsTimeout) as error:
                if target_gone.judge(error):
                    raise target_gone.TargetGone(target_gone.reason()) from None
                raise
            if charged:
                budget.BUDGET.answer(response.headers)
            wait = PACER.observe(response.status_code, response.headers, attempt)
            if wait is None:
                return response
            response.close()
            time.sleep(wait)
            attempt += 1

    send._paced = True  # type: ignore[attr-defined]
    HTTPAdapter.send = send  # type: ignore[method-assign]


class PacedTransport(httpx.AsyncBaseTransport):
    """An httpx transport that sends through PACER: our client in the suite, over HTTP."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempt = 0
        while True:
            if target_gone.GONE.is_set():
                raise httpx.ConnectError(target_gone.reason(), request=request)
            await asyncio.sleep(PACER.delay())
            charged = budget.count(request.headers)
            try:
                response = await self.inner.handle_async_request(request)
            except httpx.TransportError as error:
                await asyncio.to_thread(target_gone.judge, error)
                raise
            if charged:
                budget.BUDGET.answer(response.headers)
            wait = PACER.observe(response.status_code, response.headers, attempt)
            if wait is None:
                return response
            await response.aread()
            await response.aclose()
            await asyncio.sleep(wait)
            attempt += 1

    async def aclose(self) -> None:
        await self.inner.aclose()
