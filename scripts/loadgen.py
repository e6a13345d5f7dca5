#!/usr/bin/env python3
"""A bounded HTTP/1.1 load generator for loopback servers, light enough to leave them the CPU.

    python scripts/loadgen.py URL [--method GET] [--header "K: V"]... [--connections 32]
                              [--seconds 8] [--max-requests 2000000]

Prints one JSON object: requests, seconds, requests/s, p50/p90/p99/max latency in ms, the
count of each status, and connection errors. Each connection keeps one request in flight
(like wrk without pipelining). Why not httpx: its per-request work costs more CPU than the
mock's, so on a 2-core machine it measures itself. Here requests are pre-built bytes and
responses are parsed by httptools (C). It refuses any host but loopback, and stops after
`--seconds` or `--max-requests`, whichever comes first.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import socket
import sys
import time
from dataclasses import dataclass, field
from functools import partial
from typing import Any, cast
from urllib.parse import urlsplit

import httptools

LOOPBACK_NAMES = {"localhost"}


@dataclass
class Tally:
    """What all connections saw; shared, since asyncio runs them on one thread."""

    deadline: float
    budget: int
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0

    def may_send(self) -> bool:
        return self.budget > 0 and time.perf_counter() < self.deadline


class Connection(asyncio.Protocol):
    """One keep-alive connection sending the same request again as each answer completes."""

    def __init__(self, request: bytes, tally: Tally, done: asyncio.Future[None]) -> None:
        self.request = request
        self.tally = tally
        self.done = done
        self.parser = httptools.HttpResponseParser(self)
        self.transport: asyncio.Transport | None = None
        self.sent_at = 0.0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass
        self.send()

    def send(self) -> None:
        assert self.transport is not None
        if not self.tally.may_send():
            self.transport.close()
            return
        self.tally.budget -= 1
        self.sent_at = time.perf_counter()
        self.transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError:
            self.tally.errors += 1
            assert self.transport is not None
            self.transport.close()

    def on_message_complete(self) -> None:
        self.tally.latencies.append(time.perf_counter() - self.sent_at)
        status = self.parser.get_status_code()
        self.tally.statuses[status] = self.tally.statuses.get(status, 0) + 1
        self.send()

    def connection_lost(self, exc: Exception | None) -> None:
        if exc is not None:
            self.tally.errors += 1
        if not self.done.done():
            self.done.set_result(None)


def loopback_target(url: str) -> tuple[str, int, str]:
    """(host, port, path with query) of URL; refuses anything but a loopback address."""
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname or not parts.port:
        raise SystemExit(f"loadgen: URL must be http://HOST:PORT/path, got {url!r}")
    host = parts.hostname
    if host not in LOOPBACK_NAMES:
        try:
            is_loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            is_loopback = False
        if not is_loopback:
            raise SystemExit(f"loadgen: only loopback targets are allowed, got host {host!r}")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return host, parts.port, path


def build_request(method: str, host: str, port: int, path: str, headers: list[str]) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: keep-alive"]
    for header in headers:
        name, sep, value = header.partition(":")
        if not sep or not name.strip():
            raise SystemExit(f"loadgen: --header must look like 'Name: value', got {header!r}")
        lines.append(f"{name.strip()}: {value.strip()}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def run(
    url: str, method: str, headers: list[str], connections: int, seconds: float, budget: int
) -> dict[str, Any]:
    host, port, path = loopback_target(url)
    request = build_request(method, host, port, path, headers)
    loop = asyncio.get_running_loop()
    tally = Tally(deadline=time.perf_counter() + seconds, budget=budget)
    finished: list[asyncio.Future[None]] = []
    started = time.perf_counter()
    for _ in range(connections):
        done: asyncio.Future[None] = loop.create_future()
        await loop.create_connection(
            partial(Connection, request, tally, done), host, port, family=socket.AF_INET
        )
        finished.append(done)
    await asyncio.wait_for(asyncio.gather(*finished), timeout=seconds + 30)
    elapsed = time.perf_counter() - started
    latencies = sorted(tally.latencies)

    def percentile(share: float) -> float:
        return latencies[min(len(latencies) - 1, int(len(latencies) * share))] * 1000

    return {
        "requests": len(latencies),
        "seconds": round(elapsed, 3),
        "requests/s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(0.50), 3) if latencies else None,
        "p90_ms": round(percentile(0.90), 3) if latencies else None,
        "p99_ms": round(percentile(0.99), 3) if latencies else None,
        "max_ms": round(latencies[-1] * 1000, 3) if latencies else None,
        "statuses": {str(code): count for code, count in sorted(tally.statuses.items())},
        "connection_errors": tally.errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("url")
    parser.add_argument("--method", default="GET")
    parser.add_argument("--header", action="append", default=[], help="'Name: value'")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--max-requests", type=int, default=2_000_000)
    args = parser.parse_args(argv)
    if not 1 <= args.connections <= 1024 or not 0 < args.seconds <= 600 or args.max_requests < 1:
        parser.error("--connections 1..1024, --seconds up to 600 and --max-requests >= 1")
    try:
        import uvloop

        uvloop.install()
    except ImportError:  # pragma: no cover - uvloop is not built for every platform
        pass
    result = asyncio.run(
        run(args.url, args.method, args.header, args.connections, args.seconds, args.max_requests)
    )
    json.dump(result, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
