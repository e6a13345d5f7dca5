"""When a call is tried again, and how long it waits. Closing a position is never sent twice.

A small policy of our own rather than a retrying transport (httpx-retries): a transport sees
methods, not meaning, and the rule that matters here is about meaning. A GET is safe to
repeat; a close (DELETE) is repeated only when it provably was not processed: the connection
was never made, or Alpaca answered 429 (rejected before any work). After a timeout, a dropped
connection or a 5xx the close may have sold, so it is raised instead.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

import httpx

from alpaca_trading.errors import reset_epoch

RETRYABLE_STATUSES = frozenset({502, 503, 504})
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout)  # the request never left
MAYBE_SENT = (
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.PoolTimeout,
    httpx.RemoteProtocolError,
    httpx.ReadError,
    httpx.WriteError,
)


@dataclass(frozen=True)
class RetryPolicy:
    """When a call is tried again, and after how long: GETs after a connection error or a
    retryable status, any call after a 429 (which Alpaca did not carry out) or an error before
    sending; a close never once it may have been sent."""

    max_retries: int = 2
    backoff: float = 0.5  # first wait; doubles each attempt, with full jitter
    max_wait: float = 30.0  # cap for backoff and for waiting out a rate limit
    # No retry is started later than this after the call began, so a call, retries and waits
    # included, is over within max_elapsed plus one attempt's timeout.
    max_elapsed: float = 60.0

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be 0 or more")

    def wait_after_status(
        self, response: httpx.Response, attempt: int, idempotent: bool
    ) -> float | None:
        """Seconds to wait before retrying this answer, or None to not retry."""
        if attempt >= self.max_retries:
            return None
        if response.status_code == 429:
            reset = reset_epoch(response.headers)
            wait = reset - time.time() if reset is not None else self._backoff(attempt)
            return min(max(wait, 0.0) + random.uniform(0, 0.25), self.max_wait)  # noqa: S311
        if idempotent and response.status_code in RETRYABLE_STATUSES:
            return self._backoff(attempt)
        return None

    def wait_after_error(self, error: Exception, attempt: int, idempotent: bool) -> float | None:
        """Seconds to wait before retrying after this transport error, or None to not retry."""
        if attempt >= self.max_retries:
            return None
        if isinstance(error, NOT_SENT) or (idempotent and isinstance(error, MAYBE_SENT)):
            return self._backoff(attempt)
        return None

    def within_total(self, wait: float | None, elapsed: float) -> float | None:
        """`wait`, or None when retrying after it would start past max_elapsed."""
        if wait is None or elapsed + wait > self.max_elapsed:
            return None
        return wait

    def _backoff(self, attempt: int) -> float:
        return random.uniform(0, min(self.backoff * 2**attempt, self.max_wait))  # noqa: S311
