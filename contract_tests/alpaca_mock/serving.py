"""Serving the mock with bounds: header size, body size, connections, header and body time.

uvicorn's httptools protocol (the fastest it has, and the mock's throughput depends on it)
bounds none of these: one 200 MB header was accepted whole, a 200 MB body was buffered, and
20,400 slow sockets starved every other client. This protocol adds the four bounds; what
goes over one gets a 431 or 413 answer and a closed connection, or for a connection that
sends its headers too slowly or comes beyond the limit, a closed connection (a body sent too
slowly, a 408 and a closed connection: 200 sockets holding one byte of body each would
otherwise hold every connection slot for good), and everyone else is served as before.
Each bound is a documented `alpaca-mock` option.

The ASGI types and the lifespan answer the served apps share (the mock, the proxy, the
bench's bare app) are here too.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any, ClassVar

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# ASGI, as the mock, the proxy and the bench's bare app speak it.
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


async def run_lifespan(
    receive: Receive, send: Send, on_shutdown: Callable[[], Awaitable[None]] | None = None
) -> None:
    """Answer an ASGI lifespan scope: startup at once, shutdown once `on_shutdown` is done."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            if on_shutdown is not None:
                await on_shutdown()
            await send({"type": "lifespan.shutdown.complete"})
            return


@dataclass(frozen=True)
class Bounds:
    max_header_bytes: int = 64 * 1024  # request line and headers together (see README)
    max_body_bytes: int = 16 * 1024 * 1024  # the API takes no bodies; admin seeds do
    max_connections: int = 1000
    header_timeout: float = 10.0  # seconds from connection (or the last answer) to full headers
    body_timeout: float = 10.0  # seconds from full headers to the end of the body

    def __post_init__(self) -> None:
        for name in ("max_header_bytes", "max_body_bytes", "max_connections"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        for name in ("header_timeout", "body_timeout"):
            if not 0 < getattr(self, name) <= 3600:
                raise ValueError(f"{name} must be above 0 and at most 3600 seconds")


def _plain(status: bytes, message: bytes) -> bytes:
    return (
        b"HTTP/1.1 " + status + b"\r\ncontent-type: text/plain; charset=utf-8\r\n"
        b"content-length: "
        + str(len(message)).encode()
        + b"\r\nconnection: close\r\n\r\n"
        + message
    )


class _Sweeper:
    """Every half second, cuts off the connections that have waited too long for headers.

    One sweep for all connections rather than a timer per request: starting and cancelling a
    timer on every request cost the mock ~8 % of its GET throughput (scripts/bench)."""

    _running: ClassVar[weakref.WeakSet[asyncio.AbstractEventLoop]] = weakref.WeakSet()

    @classmethod
    def watch(cls, loop: asyncio.AbstractEventLoop, connections: set[Any]) -> None:
        if loop in cls._running:
            return
        cls._running.add(loop)

        def sweep() -> None:
            now = loop.time()
            for connection in list(connections):
                too_slow = getattr(connection, "too_slow", None)
                if too_slow is not None and too_slow(now):
                    connection.cut_off()
            loop.call_later(_SWEEP_SECONDS, sweep)

        loop.call_later(_SWEEP_SECONDS, sweep)


_SWEEP_SECONDS = 0.5


def bounded_protocol(bounds: Bounds) -> type[HttpToolsProtocol]:
    """uvicorn's httptools protocol class with `bounds` enforced."""

    class BoundedHttpToolsProtocol(HttpToolsProtocol):
        _awaiting_headers = True
        _header_bytes = 0
        _body_bytes = 0
        _clock: float | None = None  # when the wait for headers began (loop time), or None
        _body_clock: float | None = None  # when the wait for the body's end began, or None
        _refused = False  # an answer to refuse was sent: the parser's further callbacks are moot
        _messages = 0  # requests fully read on this connection

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            if len(self.connections) > bounds.max_connections:
                transport.abort()  # beyond the limit: closed at once, before it costs anything
                return
            self._clock = self.loop.time()
            _Sweeper.watch(self.loop, self.connections)

        def connection_lost(self, exc: Exception | None) -> None:
            self._clock = self._body_clock = None
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            waiting, messages = self._awaiting_headers, self._messages
            super().data_received(data)
            # httptools keeps an incomplete header in memory: count what it holds. A chunk
            # that also ended a message (its tail may start the next one) is not counted:
            # at most one read's worth, 256 KiB, escapes the count.
            unchanged = waiting and self._messages == messages
            if unchanged and self._awaiting_headers and not self.transport.is_closing():
                self._header_bytes += len(data)
                if self._header_bytes > bounds.max_header_bytes:
                    self._refuse(b"431 Request Header Fields Too Large", b"headers too large")

        def on_headers_complete(self) -> None:
            if self._refused:
                return
            self._awaiting_headers = False
            self._clock = None
            self._body_clock = self.loop.time()  # cleared when the message is complete
            self._body_bytes = 0
            for name, value in self.headers:
                too_long = value.isdigit() and int(value) > bounds.max_body_bytes
                if name == b"content-length" and too_long:
                    self._refuse(b"413 Content Too Large", b"body too large")
                    return
            super().on_headers_complete()

        def on_body(self, body: bytes) -> None:
            if self._refused:
                return
            self._body_bytes += len(body)
            if self._body_bytes > bounds.max_body_bytes:
                self._refuse(b"413 Content Too Large", b"body too large")
                return
            super().on_body(body)

        def on_message_complete(self) -> None:
            if self._refused:
                return
            self._awaiting_headers = True  # what comes next is the next request's headers
            self._body_clock = None
            self._header_bytes = 0
            self._messages += 1
            super().on_message_complete()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._clock = self.loop.time()  # the next request's headers have their time too

        def too_slow(self, now: float) -> bool:
            """Whether this connection has waited for headers, or a body, beyond its bound."""
            if self._body_clock is not None and now - self._body_clock > bounds.body_timeout:
                return True
            return self._clock is not None and now - self._clock > bounds.header_timeout

        def cut_off(self) -> None:
            if self._body_clock is not None:
                if getattr(self.cycle, "response_started", False):
                    self._clock = self._body_clock = None
                    self.transport.close()  # answered already: a 408 now would garble it
                else:
                    self._refuse(b"408 Request Timeout", b"body too slow")
                return
            self._clock = None
            if self._awaiting_headers and self._header_bytes:
                self._refuse(b"408 Request Timeout", b"headers too slow")
            elif self._awaiting_headers:
                self.transport.close()  # silent and idle: uvicorn's keep-alive would, too

        def _refuse(self, status: bytes, message: bytes) -> None:
            self._clock = self._body_clock = None
            self._refused = True
            if not self.transport.is_closing():
                self.transport.write(_plain(status, message))
                self.transport.close()

    return BoundedHttpToolsProtocol


def server_config(app: Any, host: str, port: int, log_level: str, bounds: Bounds) -> Any:
    """The uvicorn.Config the mock is served with: bounded protocol, no proxy headers.

    proxy_headers is off so the admin API's loopback check sees the socket's peer: with it on
    and FORWARDED_ALLOW_IPS='*' (common in container images), any client could claim
    127.0.0.1 in X-Forwarded-For."""
    import uvicorn

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        lifespan="on",
        http=bounded_protocol(bounds),
        proxy_headers=False,
    )
