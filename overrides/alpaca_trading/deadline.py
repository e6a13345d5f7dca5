"""The call's deadline, enforced on every network read and write of the sync client.

httpx's `timeout` bounds each network operation, not the call: a server that sends one byte
every half second never lets a 1 s read timeout fire. The sync client has no task to cancel,
so its transport's network backend is wrapped: each connect, read and write waits at most
until the deadline of the call under way (a context variable the client sets around each
attempt), and fails with httpcore's own timeout error once it has passed. The async client
cancels the attempt with asyncio.timeout instead (client.py).
"""

from __future__ import annotations

import time
import typing
from contextvars import ContextVar

import httpcore
import httpx

DEADLINE: ContextVar[float | None] = ContextVar("alpaca_trading_deadline", default=None)


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    deadline = DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the call's timeout ran out")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: typing.Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """A network backend whose every wait ends by the current call's deadline."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        """A TCP connection, its connect and later reads and writes bounded by the deadline."""
        stream = self._backend.connect_tcp(
            host, port, _bounded(timeout, httpcore.ConnectTimeout), local_address, socket_options
        )
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        """A Unix-socket connection, bounded by the deadline like connect_tcp."""
        stream = self._backend.connect_unix_socket(
            path, _bounded(timeout, httpcore.ConnectTimeout), socket_options
        )
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        """The wrapped backend's sleep."""
        self._backend.sleep(seconds)


def deadline_transport() -> httpx.HTTPTransport:
    """httpx's default transport, its network waits bounded by the call's deadline."""
    transport = httpx.HTTPTransport()
    with_deadline(transport)
    return transport


def with_deadline(transport: httpx.BaseTransport) -> httpx.BaseTransport:
    """`transport` with its network waits bounded by the call's deadline, where it has any.

    httpx does not take a network backend, so it is set on an httpx.HTTPTransport's
    connection pool (an attribute httpcore names `_network_backend`, its proxy pools
    included; the versions are pinned and tests/test_hostile_client.py proves the deadline
    holds against a trickling server, with our transport and with one a user passes). Other
    transports (a MockTransport, a WSGI app) wait on no network; the body's read still
    checks the deadline between chunks."""
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    ours = isinstance(transport, httpx.HTTPTransport)
    if (
        ours
        and isinstance(backend, httpcore.NetworkBackend)
        and not isinstance(backend, DeadlineBackend)
    ):
        pool._network_backend = DeadlineBackend(backend)  # type: ignore[union-attr]
    return transport


def environment_proxy_mounts() -> dict[str, httpx.BaseTransport | None]:
    """HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY as httpx reads them, as mounts whose
    transports keep the call's deadline.

    httpx reads these only when a client gets no transport of its own; the sync client has
    one (the deadline transport), so without this it would go around a corporate egress
    proxy that the async client uses. A NO_PROXY entry maps to None: the default transport.
    `get_environment_proxies` is httpx's own reading of the variables (versions pinned)."""
    from httpx._utils import get_environment_proxies

    mounts: dict[str, httpx.BaseTransport | None] = {}
    for pattern, proxy in get_environment_proxies().items():
        if proxy is None:
            mounts[pattern] = None
        else:
            mounts[pattern] = with_deadline(httpx.HTTPTransport(proxy=httpx.Proxy(proxy)))
    return mounts
