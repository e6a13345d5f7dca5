"""`alpaca-conformance proxy`: real traffic checked against the spec, refused, reported, recorded.

The proxy runs as users run it (a child process, `python -m alpaca_conformance proxy`), in
front of the mock served over HTTP or of a deliberately broken variant of it.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from alpaca_conformance.proxy.served import ServedProxy, served_proxy
from alpaca_mock import DEFAULT_CREDENTIALS, MockConfig, create_app
from alpaca_mock.served import served_mock
from alpaca_trading import Client

from tests import broken_mocks
from tests.sdk_envs import sdk_python

PRIMARY, SECONDARY = DEFAULT_CREDENTIALS[0], DEFAULT_CREDENTIALS[1]
SECRETS = [PRIMARY.key_id, PRIMARY.secret_key, SECONDARY.key_id, SECONDARY.secret_key]
ROOT = Path(__file__).resolve().parents[1]


def _headers(account: Any = PRIMARY) -> dict[str, str]:
    return {"APCA-API-KEY-ID": account.key_id, "APCA-API-SECRET-KEY": account.secret_key}


@contextmanager
def serve_app(app: Any) -> Iterator[str]:
    """Serve an ASGI app over HTTP on 127.0.0.1 from a thread; always stop it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@contextmanager
def through_proxy(
    app: Any, report_dir: Path, *args: str
) -> Iterator[tuple[ServedProxy, httpx.Client]]:
    """`app` served as the upstream, the proxy in front of it, and a client of the proxy
    sending the primary account's credentials."""
    with (
        serve_app(app) as upstream,
        served_proxy(upstream, "--report-dir", str(report_dir), *args) as proxy,
        httpx.Client(base_url=proxy.url, headers=_headers()) as http,
    ):
        yield proxy, http


class Counting:
    """An ASGI wrapper that counts the requests reaching the app (the upstream's view)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.seen: list[str] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.seen.append(f"{scope['method']} {scope['raw_path'].decode()}")
        await self.app(scope, receive, send)


def _every_operation(base_url: str) -> None:
    with Client(PRIMARY.key_id, PRIMARY.secret_key, base_url=base_url, max_retries=0) as client:
        assert client.get_account().id
        assert len(client.list_assets()) > 3
        assert client.get_asset("BTC/USD").symbol == "BTC/USD"
        assert client.get_asset("AAPL").symbol == "AAPL"
        positions = client.list_positions()
        assert {p.symbol for p in positions} >= {"AAPL", "MSFT", "BTCUSD"}
        assert client.get_position("BTCUSD").symbol == "BTCUSD"
        page = next(iter(client.list_option_contracts(underlying_symbols=["AAPL"]).by_page()))
        assert client.get_option_contract(page.items[0].symbol).symbol == page.items[0].symbol
        option = next(
            p for p in positions if str(p.asset_class) == "us_option" and p.side == "long"
        )
        client.do_not_exercise_position(option.symbol)
        client.exercise_position(option.symbol)
        assert client.close_position("MSFT", qty=Decimal("1")).qty == "1"
        client.close_all_positions(cancel_orders=True)
        assert client.list_us_treasuries(subtype="note")
        assert client.list_us_corporates(tickers=["BAC"])


def _report(report_dir: Path) -> tuple[str, dict[tuple[str, str], str], str]:
    results = json.loads((report_dir / "results.json").read_text())
    statuses = {(o["operation"], o["check"]): o["status"] for o in results}
    return (report_dir / "report.md").read_text(), statuses, (report_dir / "junit.xml").read_text()


def _no_secret_anywhere(report_dir: Path, proxy: ServedProxy) -> None:
    for path in [*report_dir.iterdir()]:
        text = path.read_text()
        for secret in SECRETS:
            assert secret not in text, f"a credential in {path.name}"
    for secret in SECRETS:
        assert secret not in proxy.output


async def _reply(send: Any, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    """An ASGI upstream's 200 answer with these headers and body."""
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def test_our_client_through_the_proxy_to_the_mock_is_clean(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    with (
        served_mock("--rate-limit", "off") as upstream,
        served_proxy(upstream, "--report-dir", str(reports)) as proxy,
    ):
        _every_operation(proxy.url)
    assert proxy.exit_code == 0, proxy.output
    markdown, statuses, junit = _report(reports)
    operations = {operation for operation, _ in statuses}
    assert operations == {
        "getAccount", "getAssets", "getAsset", "getAllOpenPositions", "getOpenPosition",
        "deleteOpenPosition", "deleteAllOpenPositions", "getUsTreasuries", "getUsCorporates",
        "getOptionContracts", "getOptionContract", "exerciseOptionPosition",
        "doNotExerciseOptionPosition",
    }  # fmt: skip
    assert set(statuses.values()) == {"passed"}, markdown
    assert ("getAllOpenPositions", "response: body matches the schema") in statuses
    assert (
        "getAllOpenPositions",
        "POSITION-ARITHMETIC: values are qty times price, to the cent",
    ) in statuses
    assert 'failures="0"' in junit
    lines = (reports / "recording.jsonl").read_text().splitlines()
    assert len(lines) == 14
    assert "conforms: exit 0; 14 exchange(s)" in proxy.output
    _no_secret_anywhere(reports, proxy)


def _sdk_session(
    tmp_path: Path, sdk: str, script: str, *args: str
) -> tuple[ServedProxy, dict[str, Any]]:
    """Run tests/sdk/`script` with `sdk`'s own venv (tests/sdk_envs.py) through the proxy in
    front of the served mock; the outcomes it printed. The proxy's URL is in argv[1] and in
    APCA_API_BASE_URL, the primary account's keys in APCA_API_KEY_ID/SECRET_KEY."""
    python = sdk_python(sdk, ROOT / "requirements" / f"{sdk}.txt")
    with (
        served_mock("--rate-limit", "off") as upstream,
        served_proxy(upstream, "--report-dir", str(tmp_path / "reports")) as proxy,
    ):
        environment = {
            "PATH": os.environ.get("PATH", ""),
            "APCA_API_BASE_URL": proxy.url,
            "APCA_API_KEY_ID": PRIMARY.key_id,
            "APCA_API_SECRET_KEY": PRIMARY.secret_key,
            "APCA_RETRY_MAX": "0",
        }
        ran = subprocess.run(
            [str(python), str(ROOT / "tests" / "sdk" / script), proxy.url, *args],
            capture_output=True, text=True, env=environment, timeout=120, check=False,
        )  # fmt: skip
    assert ran.returncode == 0, ran.stderr[-2000:]
    return proxy, json.loads(ran.stdout.strip().splitlines()[-1])


def test_alpaca_py_through_the_proxy_to_the_mock_is_clean(tmp_path: Path) -> None:
    proxy, outcomes = _sdk_session(tmp_path, "alpaca-py-sdk", "alpaca_py_session.py")
    assert outcomes["asset"] == "AAPL"
    assert outcomes["contract"] is True
    assert outcomes["contract_by_id"] is True
    assert outcomes["exercised"] == "AAPL261218C00230000"  # the seed's long call
    assert outcomes["close"] == "1"
    assert outcomes["close_percentage"] == "150"  # half of GME's -300
    assert proxy.exit_code == 0, proxy.output
    assert "WARNING" not in proxy.output, proxy.output
    markdown, statuses, _ = _report(tmp_path / "reports")
    assert len({operation for operation, _ in statuses}) == 10  # exercise too
    assert set(statuses.values()) == {"passed"}, markdown


def _broken_field_and_header() -> Any:
    """The mock with two faults: positions' qty a number, and X-Request-ID missing on the
    account's answers."""
    broken = broken_mocks.number_instead_of_decimal_string()

    async def app(scope: Any, receive: Any, send: Any) -> None:
        async def drop_request_id(message: Any) -> None:
            if message["type"] == "http.response.start" and scope["path"] == "/v2/account":
                message["headers"] = [h for h in message["headers"] if h[0] != b"x-request-id"]
            await send(message)

        await broken(scope, receive, drop_request_id)

    return app


def test_a_broken_upstream_is_reported_with_the_operation_and_the_field(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    with through_proxy(_broken_field_and_header(), reports) as (proxy, http):
        positions = http.get("/v2/positions")
        account = http.get("/v2/account")
        http.get("/v2/assets/AAPL")
    # The client got the upstream's bytes, whatever the verdict.
    assert isinstance(positions.json()[0]["qty"], float)
    assert "x-request-id" not in account.headers
    assert proxy.exit_code == 1, proxy.output
    markdown, statuses, junit = _report(reports)
    assert statuses[("getAllOpenPositions", "response: body matches the schema")] == "failed"
    assert statuses[("getAccount", "response: headers")] == "failed"
    assert statuses[("getAsset", "response: headers")] == "passed"
    assert "body at /0/qty: 10.5 is not of type" in markdown
    assert "header x-request-id is missing" in markdown
    assert 'name="getAllOpenPositions.response: body matches the schema"' in junit
    assert "VIOLATION getAllOpenPositions: response: body matches the schema" in proxy.output
    # The exact exchange is in the report, with its credentials redacted.
    assert "curl -X GET 'http://127.0.0.1:" in markdown
    assert "apca-api-secret-key: [redacted]" in markdown.lower()
    _no_secret_anywhere(reports, proxy)


def test_an_option_contract_that_contradicts_its_symbol_is_reported(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    broken = broken_mocks.option_strike_disagrees_with_symbol()
    with through_proxy(broken, reports) as (proxy, http):
        listed = http.get("/v2/options/contracts", params={"underlying_symbols": "AAPL"})
        assert listed.status_code == 200
        refused = http.post("/v2/positions/AAPL/exercise")
        assert refused.status_code == 422
    assert proxy.exit_code == 1, proxy.output
    markdown, statuses, _ = _report(reports)
    check = "OPTION-SYMBOL: the OCC symbol says what the fields say"
    assert statuses[("getOptionContracts", check)] == "failed", markdown
    assert statuses[("exerciseOptionPosition", "response: status documented")] == "passed"
    assert "the symbol says" in markdown


@pytest.mark.parametrize(
    ("method", "target", "status", "said"),
    [
        ("DELETE", "/v2/positions/AAPL?qty=1&percentage=5", 422, "mutually exclusive"),
        ("DELETE", "/v2/positions/AAPL?percentage=150", 422, "at most 100"),
        ("DELETE", "/v2/positions/AAPL?qty=0.0000000001", 422, "invalid qty"),
        ("GET", "/v2/assets?status=delisted", 422, "invalid status"),
        ("DELETE", "/v2/positions?cancel_orders=yes", 422, "cancel_orders"),
        ("GET", "/v2/positions/BTC/USD", 404, "raw slash"),
    ],
)
def test_an_invalid_request_is_refused_before_it_reaches_the_upstream(
    tmp_path: Path, method: str, target: str, status: int, said: str
) -> None:
    upstream_app = Counting(create_app(MockConfig(rate_limit_per_minute=None)))
    reports = tmp_path / "reports"
    with through_proxy(upstream_app, reports, "-q") as (proxy, http):
        before = list(upstream_app.seen)
        answer = http.request(method, target)
        assert upstream_app.seen == before  # never forwarded
        assert answer.status_code == status
        assert answer.headers["x-alpaca-proxy"] == "refused"
        if status == 422:
            assert answer.json()["code"] == 40010001
        else:
            assert answer.text == "Not Found"
        # Nothing changed upstream: every position is still there.
        assert http.get("/v2/positions/AAPL").json()["qty"] == "10.5"
    assert proxy.exit_code == 1
    markdown, _, _ = _report(reports)
    assert said in markdown
    recorded = [json.loads(line) for line in (reports / "recording.jsonl").read_text().splitlines()]
    assert recorded[0]["proxy"]["refused"] is True


def test_forward_invalid_forwards_and_flags(tmp_path: Path) -> None:
    upstream_app = Counting(create_app(MockConfig(rate_limit_per_minute=None)))
    reports = tmp_path / "reports"
    with through_proxy(upstream_app, reports, "--forward-invalid") as (proxy, http):
        answer = http.delete("/v2/positions/AAPL?qty=1&percentage=5")
        assert upstream_app.seen[-1] == "DELETE /v2/positions/AAPL"
        assert answer.status_code == 422  # the mock's own answer
        assert answer.headers["x-alpaca-proxy"] == "forwarded-invalid"
    assert proxy.exit_code == 1
    _, statuses, _ = _report(reports)
    check = "REQUEST-CLOSE-AMOUNT: qty or percentage, in range"
    assert statuses[("deleteOpenPosition", check)] == "failed"
    assert (
        statuses[("deleteOpenPosition", "REQUEST-SCHEMA: parameters hold what their schemas allow")]
        == "passed"
    )


def test_answers_pass_through_byte_for_byte_gzip_included(tmp_path: Path) -> None:
    body = json.dumps({"id": "x", "status": "ACTIVE", "cash": 5}).encode()  # cash: wrong type
    packed = gzip.compress(body, mtime=0)

    async def upstream_app(scope: Any, receive: Any, send: Any) -> None:
        headers = [
            (b"content-type", b"application/json; charset=UTF-8"),
            (b"content-encoding", b"gzip"),
            (b"content-length", str(len(packed)).encode()),
            (b"x-odd-header", b"Kept As Is"),
        ]
        await _reply(send, headers, packed)

    reports = tmp_path / "reports"
    with (
        through_proxy(upstream_app, reports, "-q") as (proxy, http),
        http.stream("GET", "/v2/account") as answer,
    ):
        raw = b"".join(answer.iter_raw())
        assert raw == packed
        assert answer.headers["x-odd-header"] == "Kept As Is"
    assert proxy.exit_code == 1
    markdown, _, _ = _report(reports)
    assert "body at /cash" in markdown
    assert "header x-request-id is missing" in markdown


def test_a_gzip_bomb_from_the_upstream_is_not_inflated_whole(tmp_path: Path) -> None:
    bomb = gzip.compress(b" " * (80 * 1024 * 1024), compresslevel=9)

    async def upstream_app(scope: Any, receive: Any, send: Any) -> None:
        headers = [(b"content-type", b"application/json"), (b"content-encoding", b"gzip")]
        await _reply(send, headers, bomb)

    reports = tmp_path / "reports"
    with through_proxy(upstream_app, reports, "-q") as (proxy, http):
        answer = http.get("/v2/account")
        assert answer.status_code == 200
    assert proxy.exit_code == 1
    markdown, statuses, _ = _report(reports)
    assert statuses[("getAccount", "response: body matches the schema")] == "failed"
    assert "could not be decoded" in markdown


def test_a_recording_seeds_the_mock_and_the_client_conformance_passes(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    with (
        served_mock("--rate-limit", "off") as upstream,
        served_proxy(upstream, "--report-dir", str(reports)) as proxy,
    ):
        for account in (PRIMARY, SECONDARY):
            with Client(account.key_id, account.secret_key, base_url=proxy.url) as client:
                client.list_assets()
                if account is PRIMARY:
                    client.close_position("MSFT")  # fills at once: MSFT is gone from the list
                client.list_positions()
                cash = client.get_account().cash
                if account is PRIMARY:
                    primary_cash = cash
    assert proxy.exit_code == 0, proxy.output
    recording = reports / "recording.jsonl"
    token = "recording-seed-test-token-0123456789"
    with served_mock("--from-recording", str(recording), "--admin", admin_token=token) as url:
        with Client(PRIMARY.key_id, PRIMARY.secret_key, base_url=url) as client:
            assert "MSFT" not in {p.symbol for p in client.list_positions()}
            assert client.get_account().cash == primary_cash
            legacy = "64bbff51-59d6-4b3c-9351-13ad85e3c752"
            assert str(client.get_position("BTCUSD").asset_id) == legacy
        run = subprocess.run(
            [sys.executable, "-m", "alpaca_conformance", "--base-url", url, "--admin-token",
             token, "--report-dir", str(tmp_path / "suite"), "-q", "-k", "client"],
            capture_output=True, text=True, check=False, timeout=300,
        )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert " 0 failed" in run.stdout


def _proxy_command(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "alpaca_conformance", "proxy", *args],
        capture_output=True, text=True, check=False, timeout=timeout,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--upstream", "https://api.alpaca.markets"], "LIVE API (real money): refused"),
        (["--upstream", "https://API.alpaca.markets./"], "LIVE API (real money): refused"),
        (["--upstream", "http://paper-api.alpaca.markets"], "unencrypted"),
        (["--upstream", "ftp://127.0.0.1"], "http(s) URL"),
        (["--upstream", "https://user:pw@paper-api.alpaca.markets"], "user name or password"),
        (["--upstream", "https://paper-api.alpaca.markets/v2"], "without a path"),
    ],
)
def test_bad_usage_is_exit_2_and_nothing_is_sent(args: list[str], said: str) -> None:
    result = _proxy_command(*args, "--port", "0")
    assert result.returncode == 2
    assert said in result.stderr
    assert "pw" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unreachable_upstream_is_exit_3(tmp_path: Path) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    result = _proxy_command("--upstream", f"http://127.0.0.1:{port}", "--port", "0")
    assert result.returncode == 3
    assert "cannot be reached" in result.stderr


def test_a_port_in_use_is_exit_2(tmp_path: Path) -> None:
    with served_mock() as upstream, socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = _proxy_command("--upstream", upstream, "--port", port)
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr


def test_no_traffic_is_exit_2_and_until_idle_ends_the_session(tmp_path: Path) -> None:
    with served_mock() as upstream:
        started = time.monotonic()
        result = _proxy_command(
            "--upstream", upstream, "--port", "0", "--until-idle", "1",
            "--report-dir", str(tmp_path / "reports"),
        )  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    assert time.monotonic() - started < 30
    assert "NO REQUEST REACHED THE PROXY" in (tmp_path / "reports" / "report.md").read_text()


def test_ctrl_c_is_exit_130_with_the_reports_written(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    with served_mock() as upstream:
        process = subprocess.Popen(
            [sys.executable, "-m", "alpaca_conformance", "proxy", "--upstream", upstream,
             "--port", "0", "--report-dir", str(reports)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        assert process.stdout is not None
        line = process.stdout.readline()
        url = line.split(": ", 1)[1].split(" ->")[0]
        httpx.get(f"{url}/v2/account", headers=_headers())
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 130
    assert "INTERRUPTED" in (reports / "report.md").read_text()
    assert 'errors="1"' in (reports / "junit.xml").read_text()


def test_browsers_and_rebinding_hosts_are_refused(tmp_path: Path) -> None:
    upstream_app = Counting(create_app(MockConfig(rate_limit_per_minute=None)))
    with through_proxy(upstream_app, tmp_path, "-q") as (proxy, http):
        before = list(upstream_app.seen)  # the proxy's reachability probe
        from_page = http.get("/v2/account", headers={"Origin": "https://evil.example"})
        rebound = http.get("/v2/account", headers={"Host": "evil.example"})
        cross_site = http.get("/v2/account", headers={"Sec-Fetch-Site": "cross-site"})
        unreadable = http.get("/v2/account", headers={"Host": "[::1"})
        assert from_page.status_code == rebound.status_code == cross_site.status_code == 403
        assert unreadable.status_code == 403
        assert from_page.headers["x-alpaca-proxy"] == "refused"
        assert upstream_app.seen == before
        assert http.get("/v2/account").status_code == 200
    assert proxy.exit_code == 0, proxy.output  # browsers' requests are not the user's traffic


def test_requests_outside_the_spec_are_forwarded_and_listed(tmp_path: Path) -> None:
    upstream_app = Counting(create_app(MockConfig(rate_limit_per_minute=None)))
    reports = tmp_path / "reports"
    with through_proxy(upstream_app, reports, "-q") as (proxy, http):
        http.post("/v2/orders", json={"symbol": "AAPL"})
        http.get("/v2/orders/abc")
        http.get("/v2/account")
        assert "POST /v2/orders" in upstream_app.seen
    assert proxy.exit_code == 0, proxy.output
    _, statuses, _ = _report(reports)
    assert statuses[("(outside the spec)", "POST /v2/orders")] == "skipped"
    assert statuses[("(outside the spec)", "GET /v2/orders/abc")] == "skipped"


def test_the_proxy_answers_many_clients_at_once(tmp_path: Path) -> None:
    reports = tmp_path / "reports"

    async def burst(url: str) -> list[int]:
        async with httpx.AsyncClient(base_url=url, headers=_headers()) as http:
            answers = await asyncio.gather(*(http.get("/v2/positions") for _ in range(50)))
        return [a.status_code for a in answers]

    with (
        served_mock("--rate-limit", "off") as upstream,
        served_proxy(upstream, "--report-dir", str(reports), "-q") as proxy,
    ):
        assert asyncio.run(burst(proxy.url)) == [200] * 50
    assert proxy.exit_code == 0
    assert len((reports / "recording.jsonl").read_text().splitlines()) == 50


def test_the_command_runs_from_another_directory_with_its_help(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "alpaca_conformance", "proxy", "--help"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": ""},
    )  # fmt: skip
    assert result.returncode == 0
    assert "--upstream" in result.stdout
    assert "Exit status" in result.stdout


_BOT = """
from alpaca_trading import Client
import sys
with Client() as client:  # keys and APCA_API_BASE_URL from the environment
    client.get_account()
    client.list_positions()
sys.exit(int(sys.argv[1]))
"""


def _wrapped(upstream: str, tmp_path: Path, *command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "APCA_API_KEY_ID": PRIMARY.key_id,
           "APCA_API_SECRET_KEY": PRIMARY.secret_key}  # fmt: skip
    env.pop("APCA_API_BASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "alpaca_conformance", "proxy", "--upstream", upstream,
         "--port", "0", "--report-dir", str(tmp_path / "reports"), *command],
        capture_output=True, text=True, check=False, timeout=120, env=env,
    )  # fmt: skip


def test_a_wrapped_command_runs_through_the_proxy_and_its_end_ends_the_session(
    tmp_path: Path,
) -> None:
    with served_mock("--rate-limit", "off") as upstream:
        clean = _wrapped(upstream, tmp_path, "--", sys.executable, "-c", _BOT, "0")
        failed = _wrapped(upstream, tmp_path, "--", sys.executable, "-c", _BOT, "3")
        missing = _wrapped(upstream, tmp_path, "--", "/nonexistent/bot")
        started = time.monotonic()
        stopped = _wrapped(
            upstream, tmp_path, "--duration", "1", "--",
            sys.executable, "-c", "import time; time.sleep(60)",
        )  # fmt: skip
        took = time.monotonic() - started
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "conforms: exit 0; 2 exchange(s)" in clean.stdout
    assert "the command exited with status 0" in clean.stdout
    assert failed.returncode == 4
    assert "THE COMMAND FAILED: the command exited with status 3" in failed.stdout
    assert missing.returncode == 2
    assert "THE COMMAND COULD NOT START" in missing.stdout
    assert stopped.returncode == 2  # no traffic: the command never called
    assert "NO REQUEST REACHED THE PROXY" in stopped.stdout
    assert took < 30
    for result in (clean, failed, missing, stopped):
        assert PRIMARY.secret_key not in result.stdout + result.stderr


def test_reports_and_recordings_that_cannot_be_written_are_exit_2_before_the_session(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with served_mock() as upstream:
        no_reports = _proxy_command(
            "--upstream", upstream, "--port", "0", "--report-dir", str(blocker / "reports")
        )
        no_recording = _proxy_command(
            "--upstream", upstream, "--port", "0", "--report-dir", str(tmp_path / "r"),
            "--record", str(blocker / "rec.jsonl"),
        )  # fmt: skip
    assert no_reports.returncode == 2
    assert "--report-dir" in no_reports.stderr
    assert no_recording.returncode == 2
    assert "rec.jsonl: cannot be written" in no_recording.stderr


def test_the_recording_stops_at_its_limit_and_says_so(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    with (
        served_mock("--rate-limit", "off", "--seed", str(_big_seed(tmp_path))) as upstream,
        served_proxy(upstream, "--report-dir", str(reports), "--record-limit", "1") as proxy,
        httpx.Client(base_url=proxy.url, headers=_headers()) as http,
    ):
        for _ in range(5):
            assert http.get("/v2/assets").status_code == 200
    assert proxy.exit_code == 0, proxy.output
    assert (reports / "recording.jsonl").stat().st_size <= 1024 * 1024
    assert "exchange(s) were not recorded" in proxy.output


def _big_seed(tmp_path: Path) -> Path:
    """A seed with 2,000 assets: GET /v2/assets answers ~700 KB."""
    import yaml
    from alpaca_mock.seed import DEFAULT_SEED_PATH

    seed = yaml.safe_load(DEFAULT_SEED_PATH.read_text())
    seed["assets"] += [
        {"id": f"00000000-0000-4000-8000-{i:012d}", "class": "us_equity", "exchange": "NYSE",
         "symbol": f"Z{i:05d}", "name": f"Company {i} " * 8, "price": "10"}
        for i in range(2000)
    ]  # fmt: skip
    path = tmp_path / "big.json"
    path.write_text(json.dumps(seed))
    return path


def test_cookies_an_upstream_sets_reach_only_the_client_never_later_requests(
    tmp_path: Path,
) -> None:
    cookies_seen: list[bytes] = []

    async def upstream_app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        cookies_seen.extend(v for k, v in scope["headers"] if k == b"cookie")
        headers = [(b"content-type", b"text/plain"), (b"set-cookie", b"session=alice; Path=/")]
        await _reply(send, headers, b"ok")

    with (
        serve_app(upstream_app) as upstream,
        served_proxy(upstream, "--report-dir", str(tmp_path), "-q") as proxy,
    ):
        first = httpx.get(f"{proxy.url}/v2/clock")
        assert first.headers["set-cookie"] == "session=alice; Path=/"
        httpx.get(f"{proxy.url}/v2/clock")  # another client, without that cookie
    assert cookies_seen == []


def test_the_upstream_receives_the_clients_request_and_nothing_of_the_proxys_own(
    tmp_path: Path,
) -> None:
    received: list[tuple[str, bytes, bytes, list[tuple[bytes, bytes]], bytes]] = []

    async def upstream_app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        received.append(
            (scope["method"], scope["raw_path"], scope["query_string"], scope["headers"], body)
        )
        answer = [(b"content-type", b"text/plain"), (b"X-Upstream-Case", b"Kept")]
        await _reply(send, answer, b"ok")

    with (
        serve_app(upstream_app) as upstream,
        served_proxy(upstream, "--report-dir", str(tmp_path), "-q") as proxy,
        httpx.Client() as client,
    ):
        for default in ("user-agent", "accept", "accept-encoding"):
            del client.headers[default]  # what the upstream gets of these is the proxy's own
        sent = [("X-Trace", "a"), ("X-Trace", "b"), ("APCA-API-KEY-ID", "PKTEST")]
        reply = client.get(f"{proxy.url}/v2/assets/BTC%2FUSD?x=1%2C2&x=3", headers=sent)
        posted = client.post(f"{proxy.url}/v2/positions/AAPL/exercise", content=b"{}")
    assert reply.text == "ok"
    assert reply.headers["x-upstream-case"] == "Kept"
    assert posted.status_code == 200
    # (before them: the proxy's start-up probe)
    (method, path, query, headers, body), (post, _, _, post_headers, post_body) = received[-2:]
    assert (method, path, query, body) == ("GET", b"/v2/assets/BTC%2FUSD", b"x=1%2C2&x=3", b"")
    names = [name for name, _ in headers]
    assert not {b"user-agent", b"accept", b"accept-encoding", b"cookie"} & set(names)
    assert [v for k, v in headers if k == b"x-trace"] == [b"a", b"b"]
    assert (b"apca-api-key-id", b"PKTEST") in headers
    assert (post, post_body) == ("POST", b"{}")
    assert (b"content-length", b"2") in post_headers


def test_a_command_still_running_when_the_session_ends_is_stopped_not_failed(
    tmp_path: Path,
) -> None:
    sleeper = _BOT.replace("sys.exit(int(sys.argv[1]))", "import time; time.sleep(60)")
    with served_mock("--rate-limit", "off") as upstream:
        started = time.monotonic()
        result = _wrapped(
            upstream, tmp_path, "--duration", "3", "--", sys.executable, "-c", sleeper
        )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "was still running when the session ended, and was stopped" in result.stdout
    assert time.monotonic() - started < 30


# ------------------------------------------------------------------ Alpaca's legacy SDK


def test_alpacas_legacy_sdk_through_the_proxy_to_the_mock_is_clean(tmp_path: Path) -> None:
    proxy, outcomes = _sdk_session(tmp_path, "legacy-sdk", "legacy_sdk_session.py")
    assert outcomes["asset"] == "AAPL"
    assert outcomes["close"] == "1"
    assert outcomes["close_all"] > 3
    assert proxy.exit_code == 0, proxy.output
    assert "WARNING" not in proxy.output
    markdown, statuses, _ = _report(tmp_path / "reports")
    assert set(statuses.values()) == {"passed"}, markdown
    seen = {operation for operation, _ in statuses}
    assert seen >= {"getAccount", "getAssets", "getAsset", "getAllOpenPositions",
                    "getOpenPosition", "deleteOpenPosition", "deleteAllOpenPositions"}  # fmt: skip


def test_the_legacy_sdks_float_qty_is_forwarded_and_named_in_a_warning(tmp_path: Path) -> None:
    """close_position(qty=0.00005) sends qty=5e-05: nobody knows what Alpaca answers, so it is
    forwarded (our mock refuses it, as the rule table says) and the warning names the request."""
    proxy, outcomes = _sdk_session(tmp_path, "legacy-sdk", "legacy_sdk_session.py", "--sloppy")
    assert outcomes["close_float"] == "APIError 422 40010001"  # the mock's answer
    assert proxy.exit_code == 0, proxy.output  # a warning, not a failure
    markdown, statuses, _ = _report(tmp_path / "reports")
    rule = "REQUEST-NUMBER-FORMS: decimals written plainly"
    assert statuses[("deleteOpenPosition", rule)] == "warned"
    assert "curl -X DELETE 'http://127.0.0.1:" in markdown
    assert "/v2/positions/AAPL?qty=5e-05'" in markdown
    assert "qty='5e-05' is the decimal 0.00005 written another way" in markdown
    assert [s for s in statuses.values() if s not in ("passed", "warned")] == []
