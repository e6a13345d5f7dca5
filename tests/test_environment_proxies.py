"""Both clients honour HTTP_PROXY, HTTPS_PROXY and NO_PROXY as httpx does (issue 27): the sync
client passes a transport of its own, which made httpx ignore them, so a corporate egress
proxy was used by AsyncClient and bypassed by Client. The deadline holds through a proxy."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from alpaca_trading import APITimeoutError, AsyncClient, Client

from tests.client_helpers import KEY, SECRET

ACCOUNT = (
    b'{"id": "11111111-2222-4333-8444-555555555555", "account_number": "PA1", "status": "ACTIVE",'
    b' "currency": "USD", "cash": "1.00"}'
)
ANSWER = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Request-ID: 0123456789abcdef\r\n"
    b"X-Ratelimit-Limit: 200\r\nX-Ratelimit-Remaining: 199\r\nX-Ratelimit-Reset: 1790000000\r\n"
    b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(ACCOUNT)
) + ACCOUNT
_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@contextmanager
def http_server(pause: float = 0.0) -> Iterator[tuple[str, list[bytes]]]:
    """A server on 127.0.0.1 that records each request line and answers the account (a byte
    every `pause` seconds when given). As a proxy it sees absolute-form request lines."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn:
            try:
                head = b""
                while b"\r\n\r\n" not in head and (chunk := conn.recv(65536)):
                    head += chunk
                seen.append(head.split(b"\r\n", 1)[0])
                if not pause:
                    conn.sendall(ANSWER)
                    return
                for byte in ANSWER:
                    if stop.wait(pause):
                        return
                    conn.sendall(bytes([byte]))
            except OSError:
                return

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", seen
    finally:
        stop.set()
        thread.join(5)
        listener.close()


@pytest.fixture(autouse=True)
def _no_proxy_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def test_the_sync_client_goes_through_the_environments_proxy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with http_server() as (proxy, seen):
        monkeypatch.setenv("HTTP_PROXY", proxy)
        with Client(KEY, SECRET, base_url="http://alpaca.example.invalid", max_retries=0) as c:
            assert c.get_account().cash == "1.00"
    assert seen == [b"GET http://alpaca.example.invalid/v2/account HTTP/1.1"]


def test_the_async_client_goes_through_it_too(monkeypatch: pytest.MonkeyPatch) -> None:
    async def call() -> str:
        async with AsyncClient(
            KEY, SECRET, base_url="http://alpaca.example.invalid", max_retries=0
        ) as client:
            return str((await client.get_account()).cash)

    with http_server() as (proxy, seen):
        monkeypatch.setenv("HTTP_PROXY", proxy)
        assert asyncio.run(call()) == "1.00"
    assert seen == [b"GET http://alpaca.example.invalid/v2/account HTTP/1.1"]


def test_no_proxy_hosts_are_reached_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    with http_server() as (proxy, through_proxy), http_server() as (direct, seen_directly):
        monkeypatch.setenv("HTTP_PROXY", proxy)
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        with Client(KEY, SECRET, base_url=direct, max_retries=0) as client:
            assert client.get_account().cash == "1.00"
    assert through_proxy == []
    assert seen_directly == [b"GET /v2/account HTTP/1.1"]


def test_the_deadline_holds_through_a_proxy_that_trickles(monkeypatch: pytest.MonkeyPatch) -> None:
    with http_server(pause=0.2) as (proxy, _):
        monkeypatch.setenv("HTTP_PROXY", proxy)
        with Client(
            KEY, SECRET, base_url="http://alpaca.example.invalid", timeout=1.0, max_retries=0
        ) as client:
            started = time.monotonic()
            with pytest.raises(APITimeoutError):
                client.get_account()
            took = time.monotonic() - started
    assert took < 5  # the answer would take ~80 s at a byte every 0.2 s
