"""The invariants on every response our client receives in the suite, not only Schemathesis'.

The client checks send their own requests (closes at the boundaries, refusals beyond the
available quantity): those answers are held to the same business invariants (invariants.py).
WatchedTransport reads each answer whole, checks it, reports a violation through a callback
(the suite records it as a failed check of the operation, named by its promise) and hands the
client an equivalent response.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
from alpaca_mock.app import route_of

from alpaca_conformance.catalogue import Promise
from alpaca_conformance.invariants import Seen, judge, operation_of

# (operation, check, the promise it judges, violation or None)
OnResult = Callable[[str, str, Promise, str | None], None]
_DROPPED = {"content-encoding", "content-length", "transfer-encoding"}


class WatchedTransport(httpx.AsyncBaseTransport):
    """Wraps a transport; every answer to one of the spec's operations is checked."""

    def __init__(self, inner: httpx.AsyncBaseTransport, on_result: OnResult) -> None:
        self.inner = inner
        self.on_result = on_result

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        received_at = time.time()
        operation = operation_of(request.method, request.url.path)
        if operation is None:
            return response
        body = await response.aread()  # decoded: the rebuilt answer carries no encoding
        await response.aclose()
        path = request.url.raw_path.split(b"?", 1)[0].decode("ascii", "replace")
        route = route_of(path)  # the mock's routing table, as the proxy reads a path's key
        key = {"key": route[1]} if route is not None and route[1] else None  # still encoded
        seen = Seen(response.status_code, response.headers, body, request.url.params, key)
        for name, promise, violation in judge(operation, seen, seen, received_at=received_at):
            self.on_result(operation, name, promise, violation)
        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _DROPPED]
        return httpx.Response(
            response.status_code,
            headers=headers,
            content=body,
            request=request,
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        await self.inner.aclose()
