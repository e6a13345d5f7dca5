"""The proxy and the report writers under hostile input, second round (issue 28).

An upstream that trickles, echoes secrets, sets cookies or sends control characters and code
fences; a client that hides a forbidden close behind dot segments or holds its body back.
Each is run as users run the proxy (a child process on 127.0.0.1) and judged by what reaches
the client, the upstream, the reports, the recording and the terminal.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import httpx
import pytest
from alpaca_conformance.escaping import md_fenced, md_inline, printable
from alpaca_conformance.proxy.served import ServedProxy, served_proxy
from alpaca_conformance.reports import junit, write_all
from alpaca_conformance.results import FAILED, Failure, Outcome, Results, redact
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.slow_peers import held_bodies, trickling_server
from tests.test_proxy import Counting, serve_app

SECRET = "Zq8rT2vN5mK1pL7xW3cB9dF4gH6jA0sE2uY8iO1e"  # 40 characters, as Alpaca's secrets
KEY_ID = "PKHOSTILE0KEY0ID0001"
AUTH = {"APCA-API-KEY-ID": KEY_ID, "APCA-API-SECRET-KEY": SECRET}


def _fragments(secret: str, size: int = 12) -> list[str]:
    return [secret[i : i + size] for i in range(len(secret) - size + 1)]


def _everything_written(report_dir: Path, proxy: ServedProxy) -> str:
    files = [p.read_text(errors="replace") for p in report_dir.rglob("*") if p.is_file()]
    return "\n".join([*files, proxy.output])


def _no_part_of(secret: str, text: str) -> None:
    for fragment in _fragments(secret):
        assert fragment not in text, f"{fragment!r} of the secret was written"


_QUICK_401 = b"HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"


def _trickling_upstream(answer: bytes, pause: float, probe_too: bool = False) -> Any:
    """A server that trickles `answer`; a request without credentials (the proxy's start-up
    probe) gets a quick 401 unless `probe_too`."""

    def quick(request: bytes) -> bytes | None:
        probe = b"apca-api-secret-key" not in request.lower()
        return _QUICK_401 if probe and not probe_too else None

    return trickling_server(answer, pause, quick)


def _raw_request(url: str, payload: bytes, timeout: float = 30) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(payload)
        chunks = []
        with contextlib.suppress(OSError):
            while chunk := sock.recv(65536):
                chunks.append(chunk)
                if b"\r\n\r\n" in b"".join(chunks) and b"content-length: 0" in chunks[0].lower():
                    break
        return b"".join(chunks)


# ------------------------------------------------------------------ a trickling upstream

_SLOW_ANSWER = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}"


@pytest.mark.parametrize("where", ["status line and headers", "body"])
def test_a_trickling_upstream_is_cut_off_at_the_timeout_not_per_byte(
    tmp_path: Path, where: str
) -> None:
    # One byte every 0.1 s never trips a 1 s read timeout; the whole exchange has 1 s.
    answer = _SLOW_ANSWER if where != "body" else _SLOW_ANSWER[:-2] + b" " * 200
    if where == "body":
        answer = answer.replace(b"content-length: 2", b"content-length: 200")
    with (
        _trickling_upstream(answer, 0.1) as upstream,
        served_proxy(upstream, "--report-dir", str(tmp_path), "--timeout", "1", "-q") as proxy,
    ):
        started = time.monotonic()
        reply = httpx.get(f"{proxy.url}/v2/account", headers=AUTH, timeout=30)
        took = time.monotonic() - started
    assert reply.status_code == 502
    assert reply.headers["x-alpaca-proxy"] == "upstream-error"
    assert "no whole answer within 1 s" in reply.text
    assert took < 4, took  # before: 10.9 s for the status line and headers


def test_a_trickling_upstream_fails_the_start_up_probe_within_the_timeout(tmp_path: Path) -> None:
    with _trickling_upstream(_SLOW_ANSWER, 0.1, probe_too=True) as upstream:
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "alpaca_conformance", "proxy", "--upstream", upstream,
             "--port", "0", "--timeout", "1", "--report-dir", str(tmp_path)],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        took = time.monotonic() - started
    assert done.returncode == 3, done.stderr
    assert "cannot be reached" in done.stderr
    assert "Traceback" not in done.stderr
    assert took < 6, took  # the probe waited per byte before: 8 s for these headers


# ------------------------------------------------------------------ dot segments


def test_a_close_hidden_behind_dot_segments_is_judged_as_the_upstream_receives_it(
    tmp_path: Path,
) -> None:
    from alpaca_mock import MockConfig, create_app

    upstream_app = Counting(create_app(MockConfig(rate_limit_per_minute=None)))
    with (
        serve_app(upstream_app) as upstream,
        served_proxy(upstream, "--report-dir", str(tmp_path), "-q") as proxy,
    ):
        target = b"/v2/x/../positions/AAPL?qty=1&percentage=50"
        request = b"DELETE %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" % target
        for name, value in AUTH.items():
            request += f"{name}: {value}\r\n".encode()
        answer = _raw_request(proxy.url, request + b"\r\n")
    assert answer.startswith(b"HTTP/1.1 422"), answer[:200]
    assert b"mutually exclusive" in answer
    assert not any(seen.startswith("DELETE") for seen in upstream_app.seen)  # never reached
    markdown = (tmp_path / "report.md").read_text()
    assert "deleteOpenPosition" in markdown
    assert "the upstream receives /v2/positions/AAPL" in markdown


# ------------------------------------------------------------------ secrets and cookies


def _echoing_upstream(cookie: str) -> Any:
    """Answers every request with the request's secret echoed where a report cuts text short:
    deep in a long body (shown up to 4,000 characters), in an integer header (shown up to
    120), and sets a session cookie."""

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        secret = dict(scope["headers"]).get(b"apca-api-secret-key", b"").decode()
        body = json.dumps({"id": "x" * 3_985 + secret, "status": "ACTIVE"}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"x-ratelimit-remaining", ("9" * 100 + secret).encode()),
            (b"set-cookie", f"session={cookie}; Path=/; HttpOnly".encode()),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app


def test_no_part_of_an_echoed_secret_or_a_session_cookie_is_written_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cookie = "Ck7pQ2wE9rT4yU1iO6aS3dF8gH5jK0lZxCvBnM12"
    summary = tmp_path / "summary.md"
    summary.touch()
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    reports = tmp_path / "reports"
    with (
        serve_app(_echoing_upstream(cookie)) as upstream,
        served_proxy(
            upstream, "--report-dir", str(reports), "--record", str(tmp_path / "rec.jsonl")
        ) as proxy,
    ):
        reply = httpx.get(f"{proxy.url}/v2/account", headers=AUTH)
        assert SECRET in reply.text  # the client gets the very bytes the upstream sent
        assert reply.headers["set-cookie"].startswith(f"session={cookie}")
    assert proxy.exit_code == 1, proxy.output  # the answer breaks the spec
    written = _everything_written(tmp_path, proxy)
    assert "x-ratelimit-remaining must be an integer" in written  # the findings are there
    _no_part_of(SECRET, written)
    _no_part_of(cookie, written)
    recorded = json.loads((tmp_path / "rec.jsonl").read_text().splitlines()[0])
    assert ["set-cookie", "[redacted]"] in recorded["response"]["headers"]


def test_redact_masks_a_secret_cut_short_by_whoever_cut_it() -> None:
    cut_head = f"value {'x' * 10}{SECRET[:20]}..."
    cut_tail = f"...{SECRET[-13:]} and more"
    for text in (cut_head, cut_tail, f"{SECRET[5:30]}"):
        _no_part_of(SECRET, redact(text, [SECRET]))
    assert redact("nothing secret here, 12345678", [SECRET]) == "nothing secret here, 12345678"


# ------------------------------------------------------------------ slow request bodies


def test_a_client_holding_its_body_back_is_cut_off_and_others_are_served(tmp_path: Path) -> None:
    from alpaca_mock import MockConfig, create_app

    app = create_app(MockConfig(rate_limit_per_minute=None))
    with (
        serve_app(app) as upstream,
        served_proxy(upstream, "--report-dir", str(tmp_path), "-q") as proxy,
    ):
        head = (
            b"DELETE /v2/positions/AAPL HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n{"
        )
        started = time.monotonic()
        answers = held_bodies(proxy.url, head, 30)
        assert all(a.startswith(b"HTTP/1.1 408") for a in answers), answers[:2]
        assert time.monotonic() - started < 20  # the proxy's body bound is 10 s
        assert httpx.get(f"{proxy.url}/v2/account", headers=AUTH).status_code in (200, 401)


# ------------------------------------------------------------------ the report writers

_HOSTILE = "NUL\x00 ESC\x1b[2J BEL\x07 fence ```\n<img src=x onerror=alert(1)> | pipe \ud800 end"


def _results_with(text: str) -> Results:
    results = Results()
    outcome = Outcome("getAccount", "response: body matches the schema", FAILED, runs=1)
    outcome.failure = Failure(message=text, reproduction=f"curl x\n{text}")
    results.outcomes["getAccount\tresponse: body matches the schema"] = outcome
    skipped = Outcome(f"(outside) {text[:30]}", "GET /x", "skipped", reason=text)
    results.outcomes["skip"] = skipped
    return results


def test_junit_stays_valid_xml_whatever_a_server_sends() -> None:
    document = junit(_results_with(_HOSTILE), 1.0)
    root = ET.fromstring(document)  # before: "not well-formed (invalid token)"
    failure = root.find(".//failure")
    assert failure is not None
    assert failure.text is not None
    assert "NUL\\x00 ESC\\x1b[2J" in failure.text  # shown, not written raw


def test_the_markdown_report_keeps_a_server_body_inside_its_code_fence(tmp_path: Path) -> None:
    markdown = write_all(_results_with(_HOSTILE), tmp_path, "Conformance <b>x</b>", 1.0)
    # Read as CommonMark does: a fence closes only on a line of at least as many backticks.
    in_fence = ""
    outside: list[str] = []
    for line in markdown.splitlines():
        run = len(line) - len(line.lstrip("`"))
        closing = line.strip() and set(line.strip()) == {"`"} and run >= len(in_fence)
        if not in_fence and run >= 3:
            in_fence = "`" * run
        elif in_fence and closing:
            in_fence = ""
        elif not in_fence:
            outside.append(line)
    assert not in_fence
    assert not any("<img" in line or "<b>" in line for line in outside), outside
    assert "\x1b" not in markdown
    assert "\x00" not in markdown


@pytest.mark.parametrize("text", ["```", "````x````", "a`b", "```\n````\n`````", "plain"])
def test_a_fence_is_longer_than_any_run_of_backticks_inside(text: str) -> None:
    fenced = md_fenced(text)
    fence = fenced.splitlines()[0]
    assert fenced.endswith("\n" + fence)
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    assert len(fence) == max(3, longest + 1)


def test_inline_text_is_one_line_without_html_or_cell_breaks() -> None:
    cell = md_inline("a|b\nc <script>&")
    assert cell == "a\\|b c &lt;script&gt;&amp;"
    assert printable("ok\ttab\nline\x1b\x7f\u0085") == "ok\ttab\nline\\x1b\\x7f\\x85"


def test_a_path_httpx_cannot_send_is_an_upstream_error_not_a_crash() -> None:
    import asyncio

    from alpaca_conformance.proxy.upstream import Upstream, UpstreamError, plain

    assert plain("/v2/assets/BTC%2FUSD")
    assert plain("/v2/positions/BRK.B?qty=0.5&x=")
    assert not plain("/v2/x/../account")
    assert not plain("/v2/\x01")
    upstream = Upstream("http://127.0.0.1:9")
    assert upstream.received_path("/v2/x/../account") == "/v2/account"
    assert upstream.received_path("/v2/\x01") == "/v2/\x01"  # left as written
    with pytest.raises(UpstreamError, match="the path cannot be sent"):
        asyncio.run(upstream.forward("GET", b"/v2/\x01", [], b""))


_TARGET_PIECES = st.sampled_from(
    ["/", "/v2", "/positions", "/BRK.B", "/BTC%2FUSD", "%2f", "%zz", "%", ".", "..", "/.",
     "/..", "?", "?a=1", "&b=", "#", " ", "\x01", "é", "[", "]", "{", "`", "|", "^", "\\",
     "'", "!$&()*+,;=:@", "~", "-", "_", '"', "<", ">", "//"]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(pieces=st.lists(_TARGET_PIECES, min_size=1, max_size=8), base=st.sampled_from(
    ["http://127.0.0.1:8000", "https://paper-api.alpaca.markets", "http://[::1]:9/"]))  # fmt: skip
def test_a_plain_target_goes_out_as_httpx_would_send_it(pieces: list[str], base: str) -> None:
    """The proxy skips httpx's URL parse for plain targets: for those, what it sends and
    judges must be exactly what the parse gives (escapes, dot segments, the query)."""
    from alpaca_conformance.proxy.upstream import Upstream, plain

    target = "/" + "".join(pieces)
    if not plain(target):
        return
    upstream = Upstream(base)
    assert upstream._origin + target == upstream._sent(target.encode("latin-1"))
    path = target.split("?", 1)[0]
    sent_path = httpx.URL(base).copy_with(raw_path=path.encode()).raw_path.decode()
    assert upstream.received_path(path) == path == sent_path


def test_a_short_cookie_value_is_no_secret_and_leaves_the_body_alone() -> None:
    from alpaca_conformance.proxy.exchange import Exchange

    exchange = Exchange(at=0.0, method="GET", raw_path="/v2/account", query="",
                        request_headers=[], operation="getAccount", identity=None)  # fmt: skip
    body = b'{"cash": "1000.10", "multiplier": "1"}'
    exchange.take_answer([(b"set-cookie", b"consent=1; Path=/")], body)
    assert exchange.content == body  # masking "1" would have rewritten every figure
    exchange.take_answer(
        [(b"set-cookie", b"session=Ck7pQ2wE9rT4; Path=/")], b'{"x": "Ck7pQ2wE9rT4"}'
    )
    assert exchange.content == b'{"x": "[redacted]"}'
