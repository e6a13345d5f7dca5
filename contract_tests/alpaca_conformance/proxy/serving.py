"""Serving the proxy until the session ends: --duration, --until-idle, the wrapped command's
exit, SIGTERM or Ctrl-C.

The socket is bound here, before uvicorn starts, so a port in use is one clear error and
`--port 0` gives the real port to print. uvicorn's own signal handling would re-raise the
signal once it has shut down; here the signal is only remembered, so the command can write
its reports and choose its exit code (SIGTERM: a normal end; SIGINT: interrupted).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
import threading
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from types import FrameType
from typing import Any

import uvicorn
from alpaca_mock.serving import Bounds, server_config

from alpaca_conformance.proxy.judging import Judging
from alpaca_conformance.proxy.wrapped import CommandResult, WrappedCommand

_TICK = 0.1


class PortError(Exception):
    """The port cannot be listened on; the message says why."""


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1:port (loopback only: the proxy carries credentials)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as exc:
        sock.close()
        raise PortError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror})") from None
    sock.listen(1024)
    sock.setblocking(False)
    return sock


class _Server(uvicorn.Server):
    """uvicorn's server, remembering the signal that stopped it instead of re-raising it."""

    stopped_by: int | None = None

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        handled = (signal.SIGINT, signal.SIGTERM)
        original = {sig: signal.signal(sig, self._on_signal) for sig in handled}
        try:
            yield
        finally:
            for sig, handler in original.items():
                signal.signal(sig, handler)

    def _on_signal(self, sig: int, frame: FrameType | None) -> None:
        if self.stopped_by is None:
            self.stopped_by = sig
        self.should_exit = True


@dataclass(frozen=True)
class Ending:
    """Why the session ended: "duration", "idle", "command", "SIGTERM" or "SIGINT"; and how
    the wrapped command ended, when there is one."""

    reason: str
    elapsed: float
    command: CommandResult | None = None

    @property
    def interrupted(self) -> bool:
        return self.reason == "SIGINT"


async def _watch(
    server: _Server,
    judging: Judging,
    duration: float | None,
    idle: float | None,
    command: WrappedCommand | None,
) -> str:
    started = time.monotonic()
    try:
        while not server.should_exit:
            await asyncio.sleep(_TICK)
            now = time.monotonic()
            ended = ""
            if command is not None and command.finished:
                ended = "command"
            elif duration is not None and now - started >= duration:
                ended = "duration"
            elif idle is not None and now - judging.last_activity >= idle:
                ended = "idle"
            if ended:
                server.should_exit = True
                return ended
        return ""  # a signal ended it
    finally:  # however the session ends, handlers held back for the checks must not hold it
        judging.release()


def serve(
    app: Any,
    sock: socket.socket,
    judging: Judging,
    duration: float | None,
    idle: float | None,
    on_listening: Callable[[], None] | None = None,
    command: WrappedCommand | None = None,
) -> Ending:
    """Serve `app` on `sock` until one of the endings; in-flight exchanges are finished."""
    config = server_config(app, "127.0.0.1", sock.getsockname()[1], "warning", _BOUNDS)
    config.server_header = config.date_header = False  # the upstream's own are passed through
    server = _Server(config)
    started = time.monotonic()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"

    async def run() -> str:
        original_startup = server.startup

        async def startup(sockets: Any = None) -> None:
            await original_startup(sockets=sockets)
            judging.began()  # idleness counts from when the proxy listens
            if on_listening is not None:
                on_listening()
            if command is not None:
                command.start(url)  # once the proxy listens

        server.startup = startup  # type: ignore[method-assign]
        watcher = asyncio.ensure_future(_watch(server, judging, duration, idle, command))
        await server.serve(sockets=[sock])
        judging.detach()  # (the app's shutdown did, unless the lifespan never ran)
        if command is not None:
            await command.stop()
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            return await watcher
        return ""

    reason = asyncio.run(run())
    if server.stopped_by is not None:
        reason = signal.Signals(server.stopped_by).name
    ending = command.result if command is not None else None
    return Ending(reason or "stopped", time.monotonic() - started, ending)


# The proxy's bounds: the spec's requests are small and bodiless; the upstream's answers are
# bounded by upstream.py.
_BOUNDS = Bounds(max_header_bytes=64 * 1024, max_body_bytes=1024 * 1024, max_connections=200)
