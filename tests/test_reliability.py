"""Reliability under bad input, bad responses, faults and load; no secret ever leaks.

Property-based where inputs vary; faults and load go through real sockets on 127.0.0.1.
"""

from __future__ import annotations

import json
import logging
import os
import random
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from alpaca_mock import DEFAULT_CREDENTIALS
from alpaca_mock.served import served_mock
from alpaca_trading import (
    AlpacaError,
    APIConnectionError,
    APITimeoutError,
    Client,
    ResponseDecodeError,
    ServerError,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.client_helpers import ADMIN, ADMIN_TOKEN, KEY, SECRET, Script, json_response
from tests.conftest import load_fixture

PRIMARY, SECONDARY = DEFAULT_CREDENTIALS
PYTHON = os.path.abspath(sys.executable)  # subprocesses run in other folders
FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

# ------------------------------------------------------------------ bad input, client side

symbols = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "BTC/USD",
            "BTC%2FUSD",
            "..",
            ".",
            "%2e%2e",
            "a/../b",
            "?x=1",
            "#f",
            "%",
            "%zz",
            "\x00",
            " AAPL",
        ]
    ),
    st.builds(lambda a, b: f"{a}/{b}", st.text(max_size=5), st.text(max_size=5)),
    st.uuids(),
)
amounts = st.one_of(
    st.none(),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.floats(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.text(max_size=20),
    st.sampled_from(
        ["-0", "0.1", "1e-9", "1E+2", "100", "100.0000000001", "NaN", "inf", "0.30000000000000004"]
    ),
)


@FUZZ
@given(symbol=symbols, qty=amounts, percentage=amounts)
def test_any_input_is_a_correct_request_or_a_clear_error(
    symbol: Any, qty: Any, percentage: Any
) -> None:
    script = Script(json_response(200, load_fixture("order_close_equity.json")))
    client = Client(KEY, SECRET, transport=script.sync(), max_retries=0)
    try:
        client.close_position(symbol, qty=qty, percentage=percentage)
    except (ValueError, TypeError) as error:
        assert any(name in str(error) for name in ("symbol_or_asset_id", "qty", "percentage"))
        assert script.requests == []
        return
    (request,) = script.requests
    path = request.url.raw_path.decode().split("?")[0]
    prefix, _, segment = path.rpartition("/")
    assert prefix == "/v2/positions"  # never another path
    assert (segment and "/" not in unquote(segment)) or str(symbol).count("/") == 1
    query = dict(request.url.params)
    assert len(query) <= 1
    for name, value in query.items():
        number = Decimal(value)
        assert number.is_finite()
        assert number > 0
        assert -number.as_tuple().exponent <= 9  # type: ignore[operator]
        if name == "percentage":
            assert number <= 100
        expected = qty if name == "qty" else percentage
        assert number == Decimal(str(expected))  # exactly what was asked for


@FUZZ
@given(symbol=symbols)
def test_asset_lookups_never_leave_their_path(symbol: Any) -> None:
    script = Script(json_response(200, load_fixture("asset_crypto.json")))
    client = Client(KEY, SECRET, transport=script.sync(), max_retries=0)
    try:
        client.get_asset(symbol)
    except (ValueError, TypeError) as error:
        assert "symbol_or_asset_id" in str(error)
        return
    (request,) = script.requests
    prefix, _, segment = request.url.raw_path.decode().rpartition("/")
    assert prefix == "/v2/assets"
    assert unquote(segment) == unquote(str(symbol))  # encoded exactly once


# ------------------------------------------------------------------ bad responses

OPERATIONS = {
    "get_account": lambda c: c.get_account(),
    "list_assets": lambda c: c.list_assets(),
    "get_asset": lambda c: c.get_asset("AAPL"),
    "list_positions": lambda c: c.list_positions(),
    "get_position": lambda c: c.get_position("AAPL"),
    "close_position": lambda c: c.close_position("AAPL"),
    "close_all_positions": lambda c: c.close_all_positions(),
}
GOOD = {
    "get_account": ("account_live.json", 200),
    "list_assets": ("assets.json", 200),
    "get_asset": ("asset_crypto.json", 200),
    "list_positions": ("positions.json", 200),
    "get_position": ("position_short.json", 200),
    "close_position": ("order_close_equity.json", 200),
    "close_all_positions": ("close_all_207_mixed.json", 207),
}


def _mutate(data: Any, draw: st.DrawFn) -> Any:
    """Break one thing deep inside a valid body."""
    if isinstance(data, dict) and data:
        key = draw(st.sampled_from(sorted(data)))
        choice = draw(st.integers(0, 3))
        if choice == 0:
            return {k: v for k, v in data.items() if k != key}  # a field missing
        if choice == 1:
            value: Any = draw(
                st.one_of(
                    st.integers(-(10**40), 10**40),
                    st.floats(),
                    st.booleans(),
                    st.none(),
                    st.just([]),
                )
            )
            return dict(data, **{key: value})  # a wrong type, a huge number
        return dict(data, **{key: _mutate(data[key], draw)})
    if isinstance(data, list) and data:
        index = draw(st.integers(0, len(data) - 1))
        return [*data[:index], _mutate(data[index], draw), *data[index + 1 :]]
    return draw(st.one_of(st.integers(), st.text(max_size=5), st.none(), st.just({})))


@st.composite
def broken_bodies(draw: st.DrawFn, operation: str) -> tuple[int, bytes]:
    fixture, status = GOOD[operation]
    text = json.dumps(load_fixture(fixture))
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return status, text[: draw(st.integers(0, len(text) - 1))].encode()  # truncated
    if kind == 1:
        return status, ("[" * 5000 + "]" * 5000).encode()  # deep nesting
    if kind == 2:
        return draw(st.sampled_from([200, 207, 502, 520])), b"<html><body>Bad gateway</body></html>"
    return status, json.dumps(_mutate(load_fixture(fixture), draw)).encode()


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_bad_responses_become_typed_errors_with_the_body(operation: str) -> None:
    @settings(
        max_examples=60,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(answer=broken_bodies(operation))
    def check(answer: tuple[int, bytes]) -> None:
        status, content = answer
        script = Script(httpx.Response(status, content=content))
        client = Client(KEY, SECRET, transport=script.sync(), max_retries=0)
        try:
            OPERATIONS[operation](client)
        except AlpacaError as error:
            assert getattr(error, "body", content) == content
        # A mutation may leave a valid body (e.g. an optional field removed): then it parses.

    check()


def test_a_wrong_type_in_a_decimal_field_is_reported_with_its_path() -> None:
    body = load_fixture("positions.json")
    body[1]["qty"] = -300
    client = Client(KEY, SECRET, transport=Script(json_response(200, body)).sync())
    with pytest.raises(ResponseDecodeError, match="at 1/qty"):
        client.list_positions()


# ------------------------------------------------------------------ faults over HTTP


@pytest.fixture(scope="module")
def faulty_mock() -> Any:
    with served_mock("--admin", "--rate-limit", "off", admin_token=ADMIN_TOKEN) as url:
        yield url


def _admin(url: str, method: str, path: str, **kwargs: Any) -> Any:
    response = httpx.request(method, f"{url}/_mock/{path}", headers=ADMIN, timeout=5, **kwargs)
    response.raise_for_status()
    return response.json()


def _orders(url: str, symbol: str) -> int:
    return sum(1 for order in _admin(url, "GET", "orders") if order["symbol"] == symbol)


FAULTS = [
    # (fault on the operation, call, expected error or None, attempts the mock saw, orders placed)
    ({"operation": "getAccount", "status": 503, "times": 1}, "get", None, 2, 0),
    ({"operation": "getAccount", "status": 502, "times": 5}, "get", ServerError, 3, 0),
    ({"operation": "getAccount", "status": 520, "times": 1}, "get", ServerError, 1, 0),
    ({"operation": "getAccount", "drop": "before", "times": 1}, "get", None, 2, 0),
    (
        {"operation": "getAccount", "body": "malformed", "times": 1},
        "get",
        ResponseDecodeError,
        1,
        0,
    ),
    (
        {"operation": "getAccount", "body": "truncated", "times": 1},
        "get",
        ResponseDecodeError,
        1,
        0,
    ),
    ({"operation": "getAccount", "latency": 1.5, "times": 1}, "get-timeout", None, 2, 0),
    ({"operation": "deleteOpenPosition", "status": 503, "times": 1}, "close", ServerError, 1, 0),
    ({"operation": "deleteOpenPosition", "status": 500, "times": 1}, "close", ServerError, 1, 0),
    (
        {"operation": "deleteOpenPosition", "drop": "before", "times": 1},
        "close",
        APIConnectionError,
        1,
        0,
    ),
    (
        {"operation": "deleteOpenPosition", "drop": "after", "times": 1},
        "close",
        APIConnectionError,
        1,
        1,
    ),
    (
        {"operation": "deleteOpenPosition", "latency": 1.5, "times": 1},
        "close-timeout",
        APITimeoutError,
        1,
        1,
    ),
]


@pytest.mark.parametrize(("fault", "call", "expected", "attempts", "orders"), FAULTS)
def test_what_the_client_does_under_each_fault(
    faulty_mock: str,
    fault: dict[str, Any],
    call: str,
    expected: type[Exception] | None,
    attempts: int,
    orders: int,
) -> None:
    url = faulty_mock
    _admin(url, "POST", "reset")
    _admin(url, "POST", "faults", json=fault)
    seen: list[httpx.Request] = []
    transport = httpx.HTTPTransport()

    class Counting(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            seen.append(request)
            return transport.handle_request(request)

    timeout = 0.5 if call.endswith("timeout") else 5.0
    client = Client(
        PRIMARY.key_id, PRIMARY.secret_key, base_url=url, timeout=timeout, transport=Counting()
    )
    started = time.monotonic()
    try:
        if call.startswith("get"):
            client.get_account()
        else:
            client.close_position("MSFT", qty="1")
    except AlpacaError as error:
        assert expected is not None, repr(error)
        assert isinstance(error, expected), repr(error)
    else:
        assert expected is None
    finally:
        client.close()
        time.sleep(1.6 if "latency" in fault else 0)  # let a slow close finish on the mock
    assert len(seen) == attempts  # retried exactly as the policy says
    assert _orders(url, "MSFT") == orders  # a close whose answer was lost is never resent
    assert time.monotonic() - started < 30
    _admin(url, "DELETE", "faults")


# ------------------------------------------------------------------ load with invariants


def test_load_keeps_every_invariant() -> None:
    duration = float(os.environ.get("ALPACA_LOAD_SECONDS", "4"))
    accounts = [PRIMARY, SECONDARY]
    counts = {"requests": 0, "5xx": 0, "foreign": 0}
    lock = threading.Lock()
    with served_mock("--admin", "--rate-limit", "off", admin_token=ADMIN_TOKEN) as url:
        before = {}
        for account in accounts:
            headers = {"APCA-API-KEY-ID": account.key_id, "APCA-API-SECRET-KEY": account.secret_key}
            before[account.account_id] = (
                httpx.get(f"{url}/v2/account", headers=headers).json(),
                httpx.get(f"{url}/v2/positions", headers=headers).json(),
            )

        def worker(account: Any, seed: int) -> None:
            rng = random.Random(seed)
            headers = {"APCA-API-KEY-ID": account.key_id, "APCA-API-SECRET-KEY": account.secret_key}
            own = {p["symbol"] for p in before[account.account_id][1]}
            with httpx.Client(base_url=url, headers=headers, timeout=10) as http:
                deadline = time.monotonic() + duration
                while time.monotonic() < deadline:
                    pick = rng.random()
                    if pick < 0.5:
                        answer = http.get("/v2/positions")
                        if (
                            answer.status_code == 200
                            and not {p["symbol"] for p in answer.json()} <= own
                        ):
                            with lock:
                                counts["foreign"] += 1
                    elif pick < 0.8:
                        answer = http.get("/v2/account")
                        if answer.status_code == 200 and answer.json()["id"] != account.account_id:
                            with lock:
                                counts["foreign"] += 1
                    elif pick < 0.995:
                        symbol = rng.choice(sorted(own))
                        answer = http.delete(
                            f"/v2/positions/{symbol}", params={"qty": rng.choice(["0.5", "1", "2"])}
                        )
                    else:
                        answer = http.delete("/v2/positions")
                    with lock:
                        counts["requests"] += 1
                        counts["5xx"] += answer.status_code >= 500

        threads = [threading.Thread(target=worker, args=(accounts[i % 2], i)) for i in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        orders = _admin(url, "GET", "orders")
        for account in accounts:
            headers = {"APCA-API-KEY-ID": account.key_id, "APCA-API-SECRET-KEY": account.secret_key}
            after_account = httpx.get(f"{url}/v2/account", headers=headers).json()
            after_positions = {
                p["symbol"]: p for p in httpx.get(f"{url}/v2/positions", headers=headers).json()
            }
            start_account, start_positions = before[account.account_id]
            value_before = Decimal(start_account["cash"])
            value_after = Decimal(after_account["cash"])
            for position in start_positions:
                price = Decimal(position["current_price"] or 0)
                if position["asset_class"] == "us_option":
                    price *= 100  # a contract's value counts 100 shares
                value_before += Decimal(position["qty"]) * price
                if position["symbol"] in after_positions:
                    value_after += Decimal(after_positions[position["symbol"]]["qty"]) * price
                start_qty = Decimal(position["qty"])
                closed = sum(
                    Decimal(o["filled_qty"])
                    for o in orders
                    if o["account_id"] == account.account_id
                    and o["asset_id"]
                    and o["symbol"].replace("/", "") == position["symbol"]
                )
                left = (
                    Decimal(after_positions[position["symbol"]]["qty"])
                    if position["symbol"] in after_positions
                    else Decimal(0)
                )
                assert abs(start_qty) - closed == abs(left)  # no share closed twice, none lost
                assert left == 0 or (left > 0) == (start_qty > 0)  # no long went short, or back
            assert value_after.quantize(Decimal("0.01")) == value_before.quantize(Decimal("0.01"))
    print(f"\nload: {counts['requests']} requests in {duration:.0f} s, {len(orders)} orders")
    assert counts["requests"] > 100
    assert counts["5xx"] == 0
    assert counts["foreign"] == 0


# ------------------------------------------------------------------ secrets


def test_no_secret_in_any_output_of_client_mock_or_conformance(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "user-secret-ZQ9-DO-NOT-PRINT"
    seed = tmp_path / "seed.yaml"
    default_seed = Path(__file__).parents[1] / "contract_tests/alpaca_mock/default_seed.yaml"
    seed.write_text(default_seed.read_text().replace(PRIMARY.secret_key, secret))
    caplog.set_level(logging.DEBUG)
    logging.getLogger("httpx").setLevel(logging.DEBUG)
    logging.getLogger("httpcore").setLevel(logging.DEBUG)
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "alpaca_mock",
            "--seed",
            str(seed),
            "--port",
            "0",
            "--log-level",
            "trace",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    drained: list[str] = []  # keep reading: a trace-level server must never block on its pipe
    reader = threading.Thread(target=lambda: drained.extend(process.stdout or []), daemon=True)
    try:
        assert process.stdout is not None
        line = ""
        while "serving " not in line:
            line += process.stdout.readline()
        url = line.rsplit("serving ", 1)[1].splitlines()[0].strip()
        reader.start()
        env = dict(os.environ, APCA_API_KEY_ID=PRIMARY.key_id, APCA_API_SECRET_KEY=secret)
        report_dir = tmp_path / "reports"
        conformance = subprocess.run(
            [
                PYTHON,
                "-m",
                "alpaca_conformance",
                "--base-url",
                url,
                "--report-dir",
                str(report_dir),
                "-k",
                "client or test_operation",
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=600,
            check=False,
        )
        with Client(PRIMARY.key_id, secret, base_url=url) as client:
            client.get_account()
            try:
                client.get_position("NOPE")
            except AlpacaError as error:
                caplog.records.append(logging.makeLogRecord({"msg": repr(error)}))
            try:
                Client(PRIMARY.key_id, "wrong-" + secret, base_url=url).get_account()
            except AlpacaError as error:
                caplog.records.append(logging.makeLogRecord({"msg": f"{error!r} {error}"}))
    finally:
        process.terminate()
        process.wait(timeout=10)
        if reader.is_alive():
            reader.join(timeout=10)
    outputs = {
        "mock": line + "".join(drained),
        "conformance stdout": conformance.stdout,
        "conformance stderr": conformance.stderr,
        "logs": "\n".join(record.getMessage() for record in caplog.records),
    }
    for path in report_dir.rglob("*"):
        if path.is_file():
            outputs[str(path)] = path.read_text(errors="replace")
    assert "report.md" in " ".join(outputs)
    assert "junit.xml" in " ".join(outputs)
    assert "closes positions on a real account" in outputs[str(report_dir / "report.md")]
    leaks = [name for name, text in outputs.items() if secret in text]
    assert leaks == []
    assert len(outputs["logs"]) > 0
