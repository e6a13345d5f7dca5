"""The mock and its admin API under hostile input, over real HTTP on 127.0.0.1 (issue 13).

The admin API refuses what a web page, a rebinding attack or a spoofed proxy header can
send; bad admin input is a 4xx naming the field and leaves the mock serving; requests are
bounded in header size, body size, connections and header-read time; query patterns are
anchored as the spec means them; a seed's secret is never printed.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from alpaca_mock import DEFAULT_CREDENTIALS
from alpaca_mock.served import served_mock

from tests.client_helpers import ADMIN, ADMIN_TOKEN
from tests.slow_peers import held_bodies

PRIMARY = DEFAULT_CREDENTIALS[0]
AUTH = {"APCA-API-KEY-ID": PRIMARY.key_id, "APCA-API-SECRET-KEY": PRIMARY.secret_key}
BOUNDS = (
    "--max-header-bytes",
    "8192",
    "--max-body-bytes",
    "1048576",
    "--max-connections",
    "20",
    "--header-timeout",
    "1",
    "--body-timeout",
    "1",
)


@pytest.fixture(scope="module")
def mock() -> Iterator[str]:
    with served_mock("--admin", "--rate-limit", "off", *BOUNDS, admin_token=ADMIN_TOKEN) as url:
        yield url


def _still_serving(url: str) -> None:
    with httpx.Client(base_url=url, headers=AUTH, timeout=5) as http:
        assert http.get("/v2/account").status_code == 200
        assert http.get("/v2/positions").status_code == 200


def _admin(url: str, method: str, path: str, **kwargs: Any) -> httpx.Response:
    headers = {**ADMIN, **kwargs.pop("headers", {})}
    return httpx.request(method, f"{url}/_mock/{path}", headers=headers, timeout=10, **kwargs)


# ------------------------------------------------------------------ the admin guard


@pytest.mark.parametrize(
    ("headers", "content", "status"),
    [
        ({}, None, 200),
        ({"X-Mock-Admin-Token": ""}, None, 401),
        ({"X-Mock-Admin-Token": "wrong-token-0123456789abcdef"}, None, 401),
        ({"Origin": "https://evil.example"}, None, 403),
        ({"Host": "rebind.evil.example"}, None, 403),
        ({"Host": "rebind.evil.example:8000", "Origin": "https://evil.example"}, None, 403),
        ({"X-Forwarded-For": "127.0.0.1"}, None, 403),
        ({"Forwarded": "for=127.0.0.1"}, None, 403),
        ({"Content-Type": "text/plain"}, b'{"operation": "*", "status": 500}', 415),
        (
            {"Content-Type": "application/x-www-form-urlencoded"},
            b"operation=*&status=500",
            415,
        ),
        ({"Origin": "http://127.0.0.1:1234", "Host": "localhost"}, None, 200),
    ],
)
def test_the_admin_api_refuses_what_a_web_page_can_send(
    mock: str, headers: dict[str, str], content: bytes | None, status: int
) -> None:
    answer = _admin(
        mock, "POST", "faults" if content else "reset", headers=headers, content=content
    )
    assert answer.status_code == status, answer.text
    if status != 200:
        assert answer.json()["message"]
    assert _admin(mock, "GET", "faults").json() == []  # no fault was installed
    _still_serving(mock)


def test_a_remote_peer_cannot_claim_loopback_even_with_forwarded_allow_ips(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # FORWARDED_ALLOW_IPS='*' is common in container images; the mock ignores proxy headers.
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "*")
    with served_mock("--admin", admin_token=ADMIN_TOKEN) as url:
        spoofed = _admin(url, "POST", "reset", headers={"X-Forwarded-For": "127.0.0.1"})
        assert spoofed.status_code == 403
        assert _admin(url, "POST", "reset").status_code == 200


def test_the_cli_prints_a_fresh_admin_token_and_never_a_chosen_one() -> None:
    outputs = []
    for env in ({}, {"ALPACA_MOCK_ADMIN_TOKEN": ADMIN_TOKEN}):
        process = subprocess.Popen(
            [sys.executable, "-m", "alpaca_mock", "--port", "0", "--admin"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**__import__("os").environ, **env},
        )
        try:
            assert process.stdout is not None
            lines = [process.stdout.readline() for _ in range(4)]
        finally:
            process.terminate()
            process.wait(10)
        outputs.append("".join(lines))
    fresh = outputs[0].split("X-Mock-Admin-Token: ")[1].split(")")[0]
    assert len(fresh) >= 24
    assert "from ALPACA_MOCK_ADMIN_TOKEN" in outputs[1]
    assert ADMIN_TOKEN not in outputs[1]


def test_a_bad_admin_token_in_the_environment_is_refused_by_name() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "alpaca_mock", "--port", "0", "--admin"],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "ALPACA_MOCK_ADMIN_TOKEN": "short secret\n"},
        timeout=30,
        check=False,
    )
    assert done.returncode == 2
    assert "ALPACA_MOCK_ADMIN_TOKEN" in done.stderr
    assert "short secret" not in done.stderr + done.stdout


# ------------------------------------------------------------------ admin input


@pytest.mark.parametrize(
    ("path", "body", "status", "field"),
    [
        ("prices/AAPL", {"price": "NaN"}, 422, "price"),
        ("prices/AAPL", {"price": "abc"}, 422, "price"),
        ("prices/AAPL", {"price": "1e999999999"}, 422, "price"),
        ("prices/AAPL", {"price": "-5"}, 422, "price"),
        ("prices/AAPL", {"price": "0"}, 422, "price"),
        ("prices/AAPL", {"price": "1" * 5000}, 422, "price"),
        ("prices/NOPE", {"price": "10"}, 404, "NOPE"),
        ("prices/%ff", {"price": "10"}, 404, "asset"),
    ],
)
def test_bad_prices_are_a_4xx_naming_the_field_and_change_nothing(
    mock: str, path: str, body: dict[str, str], status: int, field: str
) -> None:
    _admin(mock, "POST", "reset").raise_for_status()
    with httpx.Client(base_url=mock, headers=AUTH, timeout=5) as http:
        before = http.get("/v2/positions").json()
        started = time.monotonic()
        answer = _admin(mock, "PUT", path, json=body)
        assert time.monotonic() - started < 5  # never a stalled event loop
        assert answer.status_code == status
        assert field in answer.json()["message"]
        assert http.get("/v2/positions").json() == before
    _still_serving(mock)


@pytest.mark.parametrize(
    "content",
    [b"[" * 100_000, b"[" * 100_000 + b"]" * 100_000, b"not json", b"{}", b"[]", b'"x"'],
)
def test_bad_seeds_are_a_4xx_and_change_nothing(mock: str, content: bytes) -> None:
    _admin(mock, "POST", "reset").raise_for_status()
    answer = _admin(
        mock, "POST", "seed", content=content, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code in (413, 422)
    assert answer.json()["message"]
    _still_serving(mock)


def test_a_posted_seed_never_shows_its_secret(mock: str) -> None:
    seed = {
        "assets": [],
        "accounts": [
            {
                "name": "x",
                "key_id": "PKX",
                "secret_key": 8472994411,
                "account_id": "0a1b2c3d-0000-4000-8000-0000000000aa",
                "cash": "1",
            }
        ],
    }
    answer = _admin(mock, "POST", "seed", json=seed)
    assert answer.status_code == 422
    assert "secret_key" in answer.json()["message"]
    assert "8472994411" not in answer.text
    _still_serving(mock)


def test_a_seed_file_never_shows_its_secret(tmp_path: Path) -> None:
    seed = tmp_path / "seed.yaml"
    text = (Path(__file__).parents[1] / "contract_tests/alpaca_mock/default_seed.yaml").read_text()
    seed.write_text(text.replace(f"secret_key: {PRIMARY.secret_key}", "secret_key: 8472994411"))
    assert "8472994411" in seed.read_text()
    done = subprocess.run(
        [sys.executable, "-m", "alpaca_mock", "--port", "0", "--seed", str(seed)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 2
    assert "secret_key" in done.stderr
    assert "8472994411" not in done.stderr + done.stdout


# ------------------------------------------------------------------ request bounds


def _raw(url: str, payload: bytes, *, pause: float = 0.0) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        with contextlib.suppress(OSError):  # the server may close before reading it all
            sock.sendall(payload)
        time.sleep(pause)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except OSError:
            pass
        return b"".join(chunks)


def test_an_oversized_header_is_refused_and_others_are_served(mock: str) -> None:
    request = b"GET /v2/account HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 2_000_000 + b"\r\n\r\n"
    assert _raw(mock, request).startswith(b"HTTP/1.1 431")
    _still_serving(mock)


def test_an_oversized_body_is_refused_declared_or_streamed(mock: str) -> None:
    head = b"POST /_mock/seed HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Mock-Admin-Token: %s\r\n" % (
        ADMIN_TOKEN.encode()
    )
    declared = head + b"Content-Length: 999999999\r\n\r\n"
    assert _raw(mock, declared).startswith(b"HTTP/1.1 413")
    chunked = (
        head
        + b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + (b"80000\r\n" + b"[" * 0x80000 + b"\r\n") * 3
        + b"0\r\n\r\n"
    )
    assert _raw(mock, chunked).startswith(b"HTTP/1.1 413")
    _still_serving(mock)


def test_slow_headers_are_cut_off_and_others_are_served(mock: str) -> None:
    started = time.monotonic()
    answer = _raw(mock, b"GET /v2/account HTTP/1.1\r\nHost: x\r\n", pause=0.1)
    assert answer.startswith(b"HTTP/1.1 408")
    assert time.monotonic() - started < 8  # --header-timeout 1
    _still_serving(mock)


def test_slow_bodies_are_cut_off_with_408_and_free_their_connection_slots(mock: str) -> None:
    # More connections than --max-connections (20), each holding one byte of a 10-byte body:
    # each is answered 408 once --body-timeout (1 s) passes, and the slots are free again.
    head = (
        b"POST /_mock/reset HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Mock-Admin-Token: %s\r\n"
        b"Content-Type: application/json\r\nContent-Length: 10\r\n\r\n{" % ADMIN_TOKEN.encode()
    )
    started = time.monotonic()
    answers = held_bodies(mock, head, 15)
    assert all(answer.startswith(b"HTTP/1.1 408") for answer in answers), answers[:2]
    assert b"body too slow" in answers[0]
    assert time.monotonic() - started < 8  # a hang guard: they were never cut off before
    _still_serving(mock)


def test_connections_beyond_the_limit_are_closed_and_others_are_served(mock: str) -> None:
    host, port = mock.removeprefix("http://").split(":")
    held = [socket.create_connection((host, int(port)), timeout=5) for _ in range(40)]
    try:
        time.sleep(0.3)
        closed = 0
        for sock in held:
            sock.settimeout(0.5)
            try:
                closed += sock.recv(1) == b""
            except TimeoutError:
                pass
            except OSError:
                closed += 1
        assert closed >= 20  # --max-connections 20
    finally:
        for sock in held:
            sock.close()
    time.sleep(0.2)
    _still_serving(mock)


# ------------------------------------------------------------------ patterns


@pytest.mark.parametrize("qty", ["1%0A", "1%0D", "%0A1", "1%20", "1%0A%0A"])
def test_amounts_with_whitespace_are_refused_as_the_spec_says(mock: str, qty: str) -> None:
    _admin(mock, "POST", "reset").raise_for_status()
    with httpx.Client(base_url=mock, headers=AUTH, timeout=5) as http:
        before = http.get("/v2/positions/AAPL").json()["qty"]
        answer = http.delete(f"/v2/positions/AAPL?qty={qty}")
        assert answer.status_code == 422
        assert "qty" in answer.json()["message"]
        assert http.get("/v2/positions/AAPL").json()["qty"] == before


# ------------------------------------------------------------------ the conformance runner


@pytest.mark.parametrize("ending", ["\r", "\n", " ", "\t"])
def test_the_runner_refuses_a_secret_it_cannot_send_and_never_shows_it(
    ending: str, tmp_path: Path
) -> None:
    secret = "runner-secret-Q7-DO-NOT-PRINT"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "alpaca_conformance",
            "--base-url",
            "http://127.0.0.1:9",
            "--report-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env={
            **__import__("os").environ,
            "APCA_API_KEY_ID": PRIMARY.key_id,
            "APCA_API_SECRET_KEY": secret + ending,
        },
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "APCA_API_SECRET_KEY" in done.stderr
    assert "whitespace" in done.stderr
    written = "".join(p.read_text(errors="replace") for p in tmp_path.rglob("*") if p.is_file())
    assert "Q7-DO-NOT" not in done.stdout + done.stderr + written


@pytest.mark.parametrize(
    "secret",
    ["plain-secret-0123", "with\rcarriage", 'quote"and\\slash', "ümlaut-sécret", "a b+c/d"],
)
def test_redaction_covers_every_form_a_secret_takes(secret: str) -> None:
    import json
    from urllib.parse import quote, quote_plus

    from alpaca_conformance.results import redact

    forms = [secret, repr(secret), json.dumps(secret), quote(secret, safe=""), quote_plus(secret)]
    text = " | ".join(f"header value {form!s} in a message" for form in forms)
    cleaned = redact(text, [secret])
    for form in forms:
        inner = form.strip("'\"")
        assert inner not in cleaned
    assert cleaned.count("[redacted]") >= len(forms)


@pytest.mark.parametrize(
    ("token", "said"),
    [
        ("short one", "16 to 256"),
        ("well-formed-but-wrong-token-0123", "token is wrong"),
    ],
)
def test_the_runner_refuses_an_admin_token_the_mock_would_refuse(
    mock: str, token: str, said: str, tmp_path: Path
) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "alpaca_conformance",
            "--base-url",
            mock,
            "--admin-token",
            token,
            "--report-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert said in done.stderr
    assert token not in done.stdout + done.stderr
    # The flag works, but says what it costs: a command line is in the process list.
    assert "--admin-token is readable by other local users" in done.stderr
    assert "ALPACA_MOCK_ADMIN_TOKEN instead" in done.stderr
