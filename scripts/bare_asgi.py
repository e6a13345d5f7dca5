"""The ceiling for the mock's throughput: a bare ASGI app, served exactly as the mock is.

    python scripts/bare_asgi.py BODY_FILE

Every request gets 200 with BODY_FILE's bytes and the headers the mock sends (content type,
request id, rate-limit headers), from the same uvicorn configuration (alpaca_mock.serving:
httptools, the bounded protocol, no proxy headers). scripts/bench drives it with the same load
generator right after the mock, so "the mock as a fraction of this" is what the mock's own
work costs. Prints "serving http://127.0.0.1:PORT" once it listens.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import uvicorn
from alpaca_mock.serving import Bounds, Receive, Scope, Send, run_lifespan, server_config


def make_app(body: bytes) -> Callable[..., Awaitable[None]]:
    """An ASGI app answering every request with `body`."""
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"x-request-id", b"0123456789abcdef0123456789abcdef"),
        (b"x-ratelimit-limit", b"200"),
        (b"x-ratelimit-remaining", b"200"),
        (b"x-ratelimit-reset", b"1790000000"),
    ]

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await run_lifespan(receive, send)
            return
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app


def main() -> int:
    """Serve BODY_FILE on a free port of 127.0.0.1 until stopped."""
    body = Path(sys.argv[1]).read_bytes()
    server = uvicorn.Server(server_config(make_app(body), "127.0.0.1", 0, "warning", Bounds()))
    original_startup = server.startup

    async def startup(sockets: Any = None) -> None:
        await original_startup(sockets=sockets)
        for listener in getattr(server, "servers", []):
            for sock in listener.sockets:
                print(f"serving http://127.0.0.1:{sock.getsockname()[1]}", flush=True)

    server.startup = startup  # type: ignore[method-assign]
    server.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
