"""The client under hostile or sloppy input: each test is one promise of issue 13.

Credentials and arguments are refused before anything is sent, with an error that names the
variable or argument and the rule and never shows a secret; error bodies of any depth become
typed errors; bodies are capped (decompressed) and read by the call's deadline, against
servers on 127.0.0.1 that trickle bytes.
"""

from __future__ import annotations

import gzip
import logging
import socket
import threading
import time
import tracemalloc
import zlib
from typing import Any

import httpx
import pytest
from alpaca_trading import (
    APITimeoutError,
    AsyncClient,
    Client,
    ConfigurationError,
    NotFoundError,
    ServerError,
)
from alpaca_trading.errors import ResponseTooLargeError
from alpaca_trading.responses import ResponseDecodeError
from alpaca_trading.retries import RetryPolicy
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.client_helpers import HEADERS, KEY, SECRET, Script, json_response
from tests.slow_peers import trickling_server

ACCOUNT = (
    b'{"id":"0a1b2c3d-0000-4000-8000-000000000001","status":"ACTIVE","currency":"USD",'
    b'"cash":"1.00"}'
)

# ------------------------------------------------------------------ credentials


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        (SECRET + " ", "whitespace"),
        (SECRET + "\n", "whitespace"),
        ("\t" + SECRET, "whitespace"),
        (SECRET[:10] + "é" + SECRET[10:], "printable ASCII"),
        (SECRET[:10] + "\x07" + SECRET[10:], "printable ASCII"),
        ("x" * 5000, "longer than"),
    ],
)
@pytest.mark.parametrize("source", ["argument", "environment"])
def test_a_bad_secret_is_refused_by_name_and_rule_never_shown(
    value: str,
    rule: str,
    source: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    sent = Script(json_response(200, {}))
    secret: str | None = value
    if source == "environment":
        monkeypatch.setenv("APCA_API_KEY_ID", KEY)
        monkeypatch.setenv("APCA_API_SECRET_KEY", value)
        secret = None
    with pytest.raises(ConfigurationError) as raised:
        Client(KEY, secret, transport=sent.sync())
    text = f"{raised.value} {raised.value!r} {caplog.text}"
    assert "APCA_API_SECRET_KEY" in str(raised.value)
    assert rule in str(raised.value)
    assert SECRET not in text
    assert SECRET[10:] not in text
    assert value.strip() not in text
    assert sent.requests == []


@pytest.mark.parametrize("token", ["mock-oauth-token-primary\n", " tok-en-12345678"])
def test_a_bad_oauth_token_is_refused_by_name(token: str) -> None:
    with pytest.raises(ConfigurationError, match=r"APCA_API_OAUTH_TOKEN.*whitespace") as raised:
        Client(oauth_token=token)
    assert token.strip() not in repr(raised.value)


@settings(max_examples=200, deadline=None)
@given(
    secret=st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=60
    ).map(lambda middle: "Zq9" + middle + "Zq9")
)
def test_any_secret_is_sent_exactly_or_refused_without_being_shown(secret: str) -> None:
    script = Script(json_response(200, {}))
    try:
        client = Client(KEY, secret, base_url="http://127.0.0.1:9", transport=script.sync())
    except ConfigurationError as error:
        assert secret not in f"{error} {error!r}"
        return
    with client:
        try:
            client.get_account(max_retries=0)
        except Exception as error:
            assert secret not in f"{error} {error!r}"
    assert script.requests[0].headers["APCA-API-SECRET-KEY"] == secret
    assert secret not in repr(client)


# ------------------------------------------------------------------ base URL


@pytest.mark.parametrize(
    ("url", "rule"),
    [
        ("https://user:hunter2pw@paper-api.alpaca.markets", "user name or password"),
        ("https://:hunter2pw@paper-api.alpaca.markets", "user name or password"),
        ("https://paper-api.alpaca.markets?token=hunter2pw", "query"),
        ("https://paper-api.alpaca.markets/#hunter2pw", "fragment"),
        ("https:///hunter2pw", "no host"),
        ("ftp://hunter2pw.example", "http:// or https://"),
        ("https://paper-api.alpaca.markets/hunter2pw\n", "printable ASCII"),
    ],
)
def test_an_unsafe_base_url_is_refused_never_echoed(
    url: str, rule: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ConfigurationError, match=rule) as raised:
        Client(KEY, SECRET, base_url=url)
    assert "hunter2pw" not in repr(raised.value)
    assert "base_url" in str(raised.value)
    monkeypatch.setenv("APCA_API_BASE_URL", url)
    with pytest.raises(ConfigurationError, match="APCA_API_BASE_URL") as raised:
        Client(KEY, SECRET)
    assert "hunter2pw" not in repr(raised.value)


# ------------------------------------------------------------------ arguments


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"qty": "1e999999999"}, "qty"),
        ({"percentage": "1e999999999"}, "percentage"),
        ({"qty": "1e309"}, "qty"),
        ({"qty": "1\n"}, "qty"),
        ({"qty": " 1"}, "qty"),
        ({"qty": "1" * 100_000}, "qty"),
        ({"qty": 10**5000}, "qty"),
        ({"qty": __import__("decimal").Decimal("1e999999999")}, "qty"),
        ({"percentage": __import__("decimal").Decimal("1e-999999999")}, "percentage"),
    ],
)
def test_amounts_that_would_cost_gigabytes_are_refused_by_name(
    kwargs: dict[str, Any], argument: str
) -> None:
    script = Script(json_response(200, {}))
    with Client(KEY, SECRET, transport=script.sync()) as client:
        started = time.process_time()
        with pytest.raises(ValueError, match=f"^{argument} ") as raised:
            client.close_position("AAPL", **kwargs)
    # A refusal is judged by the text's shape: no billion-digit expansion ever happens.
    assert time.process_time() - started < 1.0
    assert len(str(raised.value)) < 400
    assert script.requests == []


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="0123456789.eE+-_ \n\t1", max_size=45))
def test_any_amount_text_is_sent_plain_or_refused(text: str) -> None:
    script = Script(json_response(200, {}))
    with Client(KEY, SECRET, transport=script.sync()) as client:
        try:
            client.close_position("AAPL", qty=text, max_retries=0)
        except ValueError as error:
            assert str(error).startswith("qty ")
            assert script.requests == []
            return
        except Exception:
            pass
    sent = script.requests[0].url.params["qty"]
    whole, _, decimals = sent.partition(".")
    assert whole.isdigit()
    assert len(whole) <= 18
    assert decimals == "" or (decimals.isdigit() and len(decimals) <= 9)


@pytest.mark.parametrize("symbol", ["%ff", "%c3%28", "AB%80"])
def test_symbols_that_are_not_utf8_once_decoded_are_refused_by_name(symbol: str) -> None:
    script = Script(json_response(200, {}))
    with Client(KEY, SECRET, transport=script.sync()) as client:
        for call in (client.get_asset, client.get_position, client.close_position):
            with pytest.raises(ValueError, match="symbol_or_asset_id"):
                call(symbol)
    assert script.requests == []


# ------------------------------------------------------------------ error bodies


@pytest.mark.anyio
@pytest.mark.parametrize(("status", "kind"), [(500, ServerError), (404, NotFoundError)])
@pytest.mark.parametrize("depth", [1000, 100_000])
async def test_a_deeply_nested_error_body_is_the_usual_typed_error(
    status: int, kind: type[Exception], depth: int
) -> None:
    body = b"[" * depth + b"]" * depth
    answer = httpx.Response(status, content=body, headers=HEADERS)
    script = Script(answer)
    with (
        Client(KEY, SECRET, transport=script.sync(), max_retries=0) as client,
        pytest.raises(kind) as raised,
    ):
        client.get_account()
    assert raised.value.body == body  # type: ignore[attr-defined]

    async def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=body, headers=HEADERS)

    transport = httpx.MockTransport(handler)
    async with AsyncClient(KEY, SECRET, transport=transport, max_retries=0) as aclient:
        with pytest.raises(kind):
            await aclient.get_account()


def test_a_deeply_nested_success_body_is_a_decode_error() -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    script = Script(httpx.Response(200, content=body, headers=HEADERS))
    with (
        Client(KEY, SECRET, transport=script.sync()) as client,
        pytest.raises(ResponseDecodeError, match="nested too deeply"),
    ):
        client.list_positions()


# ------------------------------------------------------------------ body size


def _gzip_bomb(inflated: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(inflated >> 20)]
    return b"".join([*parts, packer.flush()])


def test_a_gzip_bomb_is_refused_within_the_cap_with_bounded_memory() -> None:
    bomb = _gzip_bomb(1 << 30)  # 1 GiB of zeros in about 1 MB

    def answer(request: httpx.Request) -> httpx.Response:
        # Handed over as one raw chunk: httpx alone would inflate all of it at once.
        return httpx.Response(
            200,
            stream=httpx.ByteStream(bomb),
            headers={**HEADERS, "Content-Encoding": "gzip", "Content-Type": "application/json"},
        )

    tracemalloc.start()
    try:
        with (
            Client(KEY, SECRET, transport=httpx.MockTransport(answer)) as client,
            pytest.raises(ResponseTooLargeError, match="max_response_bytes") as raised,
        ):
            client.list_assets()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert raised.value.status_code == 200
    assert peak < 3 * 64 * 1024 * 1024  # the default cap, 64 MiB, plus working room


def test_the_cap_is_per_client_and_applies_to_declared_and_inflated_sizes() -> None:
    small = gzip.compress(b"[" + b'"x",' * 3000 + b'"x"]')
    answers = [
        httpx.Response(200, content=b"[]" + b" " * 5000, headers=HEADERS),
        httpx.Response(
            200, stream=httpx.ByteStream(small), headers={**HEADERS, "Content-Encoding": "gzip"}
        ),
    ]
    for answer in answers:
        with (
            Client(KEY, SECRET, transport=Script(answer).sync(), max_response_bytes=4096) as c,
            pytest.raises(ResponseTooLargeError),
        ):
            c.list_assets()
    with Client(KEY, SECRET, transport=Script(answers[0]).sync()) as client:
        assert client.list_assets() == []  # the default cap is far larger
    with pytest.raises(ConfigurationError, match="max_response_bytes"):
        Client(KEY, SECRET, max_response_bytes=0)


def test_a_corrupt_gzip_body_is_a_decode_error() -> None:
    answer = httpx.Response(
        200,
        stream=httpx.ByteStream(b"\x1f\x8b\x08\x00garbage-not-gzip"),
        headers={**HEADERS, "Content-Encoding": "gzip"},
    )
    with (
        Client(KEY, SECRET, transport=Script(answer).sync()) as client,
        pytest.raises(ResponseDecodeError, match="corrupt"),
    ):
        client.get_account()


# ------------------------------------------------------------------ deadline


HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(
    ACCOUNT
)
TRICKLES = {
    "headers": (HEAD, ACCOUNT),  # a byte every 0.2 s from the first byte: ~40 s in all
    "body": (b"", HEAD + ACCOUNT),
}


@pytest.mark.parametrize("phase", sorted(TRICKLES))
def test_the_timeout_bounds_the_whole_call_against_a_trickling_server(phase: str) -> None:
    head, body = TRICKLES[phase]
    with (
        trickling_server(head + body, 0.2) as url,
        Client(KEY, SECRET, base_url=url, timeout=1.0, max_retries=0) as client,
    ):
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.get_account()
        took = time.monotonic() - started
    # The trickle would take ~40 s; the deadline ends it after 1 s (slack for a busy machine).
    assert took < 8


@pytest.mark.anyio
@pytest.mark.parametrize("phase", sorted(TRICKLES))
async def test_the_async_timeout_bounds_the_whole_call_too(phase: str) -> None:
    head, body = TRICKLES[phase]
    with trickling_server(head + body, 0.2) as url:
        async with AsyncClient(KEY, SECRET, base_url=url, timeout=1.0, max_retries=0) as client:
            started = time.monotonic()
            with pytest.raises(APITimeoutError):
                await client.get_account()
            took = time.monotonic() - started
    assert took < 8


def test_a_per_call_timeout_sets_that_calls_deadline() -> None:
    with (
        trickling_server(HEAD + ACCOUNT, 0.2) as url,
        Client(KEY, SECRET, base_url=url, timeout=60.0, max_retries=0) as client,
    ):
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.get_account(timeout=1.0)
    assert time.monotonic() - started < 8


def test_a_close_that_timed_out_is_never_resent() -> None:
    with (
        trickling_server(HEAD + ACCOUNT, 0.2) as url,
        Client(KEY, SECRET, base_url=url, timeout=0.5, max_retries=3) as client,
        pytest.raises(APITimeoutError, match="not resent"),
    ):
        client.close_position("AAPL")


def test_retries_stop_once_the_total_bound_is_reached() -> None:
    policy = RetryPolicy(max_retries=10, max_elapsed=5.0)
    assert policy.within_total(1.0, elapsed=3.0) == 1.0
    assert policy.within_total(3.0, elapsed=3.0) is None
    assert policy.within_total(None, elapsed=0.0) is None
    script = Script(httpx.Response(503, headers=HEADERS))
    client = Client(KEY, SECRET, transport=script.sync(), max_retries=50)
    client._policy = RetryPolicy(max_retries=50, backoff=0.05, max_wait=0.05, max_elapsed=0.3)
    with pytest.raises(ServerError):
        client.get_account()
    # 50 retries were allowed; the total bound stopped them after ~0.3 s of waiting.
    assert 1 < len(script.requests) < 50


@pytest.mark.parametrize("timeout", [0, -1, float("nan"), float("inf")])
def test_a_timeout_that_is_no_deadline_is_refused(timeout: float) -> None:
    with pytest.raises(ConfigurationError, match="timeout"):
        Client(KEY, SECRET, timeout=timeout)


def test_the_deadline_transport_still_serves_ordinary_calls() -> None:
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(HEAD + ACCOUNT)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    with Client(KEY, SECRET, base_url=url, timeout=5.0) as client:
        assert client.get_account().cash == "1.00"
    thread.join(5)
    listener.close()


@pytest.mark.parametrize("phase", sorted(TRICKLES))
def test_a_transport_the_user_passes_keeps_the_whole_call_deadline(phase: str) -> None:
    # Before: with Client(transport=httpx.HTTPTransport(), timeout=1) each read had 1 s and
    # the trickle ran on for the whole answer; the async client held at 1 s.
    head, body = TRICKLES[phase]
    with (
        trickling_server(head + body, 0.2) as url,
        Client(
            KEY, SECRET, base_url=url, timeout=1.0, max_retries=0, transport=httpx.HTTPTransport()
        ) as client,
    ):
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.get_account()
        took = time.monotonic() - started
    assert took < 5


# ------------------------------------------------------------------ cookies


def test_cookies_a_server_sets_cannot_grow_requests_without_bound() -> None:
    sent: list[int] = []
    answers = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal answers
        sent.append(len(request.headers.get("cookie", "")))
        answers += 1
        cookies = [("set-cookie", f"c{answers}-{i}={'v' * 3000}; Path=/") for i in range(20)]
        cookies.append(("set-cookie", f"lb=node{answers}; Path=/"))  # replaced, never refused
        return httpx.Response(
            200, headers=[*HEADERS.items(), *cookies], content=ACCOUNT, request=request
        )

    with Client(KEY, SECRET, transport=httpx.MockTransport(handler)) as client:
        for _ in range(12):
            client.get_account()
    assert max(sent) <= 16 * 1024 + 50 * 4  # names, values and "; " separators
    assert sent[-1] > 0  # cookies are kept, within the bounds
    jar = client._http.cookies.jar
    assert [c.value for c in jar if c.name == "lb"] == ["node12"]
