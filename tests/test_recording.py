"""Recordings: read with clear errors, turned into a seed, written without credentials; and the
proxy's request rules agreeing with the mock's."""

from __future__ import annotations

import asyncio
import base64
import json
import re
import time
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from alpaca_conformance.proxy.exchange import Exchange, Identities, credentials_of
from alpaca_conformance.proxy.recorder import Recorder
from alpaca_conformance.proxy.request_check import check_request
from alpaca_mock import DEFAULT_CREDENTIALS, MockConfig, create_app
from alpaca_mock.recorded_seed import seed_document, seed_from_recording
from alpaca_mock.recording import RecordingError, encode_line, read_recording
from alpaca_mock.request_rules import mock_refusal
from alpaca_mock.seed import SeedError, parse_seed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import load_fixture

PRIMARY = DEFAULT_CREDENTIALS[0]
BTC_PAIR_ID = "276e2673-764b-4ab6-a611-caf665ca6340"
BTC_LEGACY_ID = "64bbff51-59d6-4b3c-9351-13ad85e3c752"


def _line(
    operation: str, status: int, body: Any, identity: int = 1, path: str = "", at: str = ""
) -> bytes:
    return encode_line(
        {
            "at": at,
            "operation": operation,
            "identity": identity,
            "request": {"method": "GET", "path": path or "/v2/x", "query": "", "headers": []},
            "response": {"status": status, "headers": [], "body": json.dumps(body)},
        }
    )


def _write(tmp_path: Path, *lines: bytes) -> Path:
    path = tmp_path / "recording.jsonl"
    path.write_bytes(b"".join(lines))
    return path


def _account(account_id: str, cash: str) -> dict[str, Any]:
    return {"id": account_id, "status": "ACTIVE", "cash": cash, "multiplier": "2",
            "shorting_enabled": False, "account_number": "PA1"}  # fmt: skip


def _position(symbol: str, asset_id: str, qty: str, price: str | None, **extra: Any) -> Any:
    return {"symbol": symbol, "asset_id": asset_id, "qty": qty, "avg_entry_price": "10",
            "current_price": price, "lastday_price": price, "asset_class": "us_equity",
            "exchange": "NASDAQ", "asset_marginable": True, **extra}  # fmt: skip


# ------------------------------------------------------------------ reading


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"not json\n", "line 1: is not JSON"),
        (b'{"recording": 2}\n', "line 1.recording: must be 1"),
        (b'{"recording": 1, "request": {}}\n', "line 1.response: must be dict"),
        (
            b'{"recording": 1, "request": {"method": "GET", "path": "/"}, '
            b'"response": {"status": 99, "body": ""}}\n',
            "line 1.response.status: must be 100-599",
        ),
        (
            b'{"recording": 1, "request": {"method": "GET", "path": "/"}, '
            b'"response": {"status": 200, "body": "%%", "body_encoding": "base64"}}\n',
            "line 1.response.body: is not base64",
        ),
        (b"[" * 100_000 + b"\n", "line 1: is not JSON"),
    ],
)
def test_a_bad_recording_names_the_line_and_the_field(
    tmp_path: Path, content: bytes, said: str
) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(RecordingError, match=re.escape(said)) as caught:
        list(read_recording(path))
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("identity", ['"2"', "2.0", "0", "-1", "true", "[1]"])
def test_an_identity_that_is_not_a_number_from_1_is_refused_never_merged(
    tmp_path: Path, identity: str
) -> None:
    # Before: anything but an int became identity 1, merging the exchange into that account.
    line = _line("getAccount", 200, _account("a2", "5")).replace(
        b'"identity": 1', b'"identity": ' + identity.encode()
    )
    path = _write(tmp_path, line)
    with pytest.raises(RecordingError, match=r"line 1\.identity: must be a whole number from 1"):
        list(read_recording(path))


def test_a_line_longer_than_a_reader_takes_is_refused_with_bounded_memory(
    tmp_path: Path,
) -> None:
    import tracemalloc

    from alpaca_mock import recording

    path = tmp_path / "long.jsonl"
    with path.open("wb") as handle:  # one line of 48 MiB, over the 32 MiB bound
        handle.write(b'{"recording": 1, "x": "')
        for _ in range(48):
            handle.write(b"a" * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(RecordingError, match="line 1: is longer than 33,554,432 bytes"):
            list(read_recording(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert recording.MAX_LINE_BYTES == 32 * 1024 * 1024
    assert peak < 3 * recording.MAX_LINE_BYTES  # before: 565 MB for a 256 MiB bound


def test_the_recorder_never_writes_a_line_the_reader_would_refuse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alpaca_conformance.proxy import recorder as recorder_module

    monkeypatch.setattr(recorder_module, "MAX_LINE_BYTES", 2000)
    written = Recorder(tmp_path / "r.jsonl")
    small, large = (
        Exchange(at=0.0, method="GET", raw_path="/v2/account", query="", request_headers=[],
                 operation="getAccount", identity=1, status=200, content=body)
        for body in (b"{}", b'"' + b"a" * 5000 + b'"')
    )  # fmt: skip
    written.write(small)
    written.write(large)
    written.close()
    assert (written.lines, written.too_long) == (1, 1)
    assert len(list(read_recording(tmp_path / "r.jsonl"))) == 1


def test_a_missing_recording_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RecordingError, match="cannot be read"):
        list(read_recording(tmp_path / "absent.jsonl"))


def test_bodies_that_are_not_utf8_survive_as_base64(tmp_path: Path) -> None:
    raw = b"\xff\xfe binary"
    line = encode_line(
        {
            "request": {"method": "GET", "path": "/v2/account", "query": "", "headers": []},
            "response": {"status": 500, "body": base64.b64encode(raw).decode(),
                         "body_encoding": "base64"},
        }
    )  # fmt: skip
    (exchange,) = read_recording(_write(tmp_path, line, b"\n"))
    assert exchange.body == raw


# ------------------------------------------------------------------ seeding


def test_the_seed_is_the_last_state_seen(tmp_path: Path) -> None:
    first = "11111111-1111-4111-8111-111111111111"
    second = "22222222-2222-4222-8222-222222222222"
    aapl = "33333333-3333-4333-8333-333333333333"
    tsla = "44444444-4444-4444-8444-444444444444"
    btc = _position("BTCUSD", BTC_LEGACY_ID, "0.5", "65000.5", asset_class="crypto",
                    exchange="CRYPTO", asset_marginable=False)  # fmt: skip
    pair = {"id": BTC_PAIR_ID, "class": "crypto", "exchange": "CRYPTO", "symbol": "BTC/USD",
            "name": "Bitcoin  / US Dollar", "status": "active", "tradable": True,
            "marginable": False, "shortable": False, "fractionable": True,
            "min_order_size": "0.0001"}  # fmt: skip
    path = _write(
        tmp_path,
        _line("getAccount", 200, _account(first, "100")),
        _line("getAssets", 200, [pair]),
        _line("getAllOpenPositions", 200, [_position("AAPL", aapl, "3", "200.5"), btc]),
        _line("getOpenPosition", 200, _position("TSLA", tsla, "-2", "250.5")),
        _line("getAccount", 200, _account(first, "250.25")),  # the later answer wins
        _line("getOpenPosition", 404, {"code": 40410000}, path="/v2/positions/AAPL"),
        _line("getAccount", 401, {"message": "unauthorized."}),  # not an account
        _line("getAccount", 200, _account(second, "7"), identity=2),
    )
    document = seed_document(read_recording(path))
    seed = parse_seed(document, "test")
    one, two = seed.accounts
    assert (one.account_id, one.cash, one.multiplier) == (first, Decimal("250.25"), "2")
    # AAPL was closed (a later 404); TSLA was seen after the list (a later 200)
    assert [(p.symbol, str(p.qty)) for p in one.positions] == [("BTCUSD", "0.5"), ("TSLA", "-2")]
    assert (two.account_id, two.positions) == (second, ())
    assert (one.key_id, two.key_id) == (PRIMARY.key_id, DEFAULT_CREDENTIALS[1].key_id)
    by_symbol = {a.symbol: a for a in seed.assets}
    assert by_symbol["BTC/USD"].legacy_id == BTC_LEGACY_ID
    assert str(by_symbol["BTC/USD"].price) == "65000.5"
    assert str(by_symbol["TSLA"].price) == "250.5"  # an asset made from its position
    assert by_symbol["TSLA"].id == tsla
    assert "AAPL" not in by_symbol


def test_the_order_requests_arrived_in_decides_not_the_order_of_lines(tmp_path: Path) -> None:
    account = "11111111-1111-4111-8111-111111111111"
    path = _write(
        tmp_path,
        _line("getAccount", 200, _account(account, "2"), at="2026-11-26T10:00:02.000Z"),
        _line("getAccount", 200, _account(account, "1"), at="2026-11-26T10:00:01.000Z"),
    )
    assert str(seed_from_recording(path).accounts[0].cash) == "2"


def test_a_recording_without_an_account_cannot_seed(tmp_path: Path) -> None:
    path = _write(tmp_path, _line("getAllOpenPositions", 200, []))
    with pytest.raises(SeedError, match="no GET /v2/account answered 200"):
        seed_from_recording(path)


def test_a_live_account_body_becomes_a_seed_and_a_sparse_one_is_named(tmp_path: Path) -> None:
    body = load_fixture("account_live.json")
    seed = seed_from_recording(_write(tmp_path, _line("getAccount", 200, body)))
    assert (seed.accounts[0].account_id, str(seed.accounts[0].cash)) == (body["id"], "87234.12")
    sparse = load_fixture("account_onboarding.json")
    with pytest.raises(SeedError, match=r"accounts\[0\]\.cash: is required"):
        seed_from_recording(_write(tmp_path, _line("getAccount", 200, sparse)))


# ------------------------------------------------------------------ writing


def test_the_recording_holds_no_credential_even_one_the_upstream_echoes(tmp_path: Path) -> None:
    headers = [(b"APCA-API-KEY-ID", PRIMARY.key_id.encode()),
               (b"APCA-API-SECRET-KEY", PRIMARY.secret_key.encode()),
               (b"Authorization", b"Bearer tok-en/with+chars")]  # fmt: skip
    secrets = credentials_of(headers)
    echoed = json.dumps({"message": f"bad key {PRIMARY.secret_key} / tok-en/with+chars"})
    exchange = Exchange(
        at=time.time(), method="GET", raw_path="/v2/account",
        query=f"k={PRIMARY.key_id}", request_headers=headers, operation="getAccount",
        identity=Identities().number(secrets), status=401,
        content=echoed.encode(), secrets=secrets,
    )  # fmt: skip
    recorder = Recorder(tmp_path / "rec.jsonl")
    recorder.write(exchange)
    recorder.close()
    text = (tmp_path / "rec.jsonl").read_text()
    for secret in (PRIMARY.key_id, PRIMARY.secret_key, "tok-en/with+chars", "tok-en%2Fwith"):
        assert secret not in text
    assert "[redacted]" in text
    (read,) = read_recording(tmp_path / "rec.jsonl")
    assert read.identity == 1
    assert read.status == 401


def test_identities_are_numbered_by_credentials_not_by_request() -> None:
    identities = Identities()
    assert identities.number(["a", "b"]) == identities.number(["b", "a"]) == 1
    assert identities.number(["c", "d"]) == 2
    assert identities.number([]) is None


# ------------------------------------------------------------------ the proxy and the mock agree

_VALUES = st.one_of(
    st.from_regex(r"\A[0-9]{1,3}(\.[0-9]{1,11})?\Z"),
    st.sampled_from(["0", "100", "100.000000001", "-1", "1e3", "NaN", "", " 1", "abc"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    qty=st.none() | _VALUES,
    percentage=st.none() | _VALUES,
)
def test_the_proxy_refuses_exactly_what_the_mock_refuses_by_a_documented_rule(
    qty: str | None, percentage: str | None
) -> None:
    query = urlencode(
        {k: v for k, v in (("qty", qty), ("percentage", percentage)) if v is not None}
    )
    verdict = check_request("DELETE", "/v2/positions/MSFT", query, has_body=False)
    app = create_app(MockConfig(rate_limit_per_minute=None))
    transport = httpx.ASGITransport(app=app)

    async def ask() -> httpx.Response:
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
            answer = await client.delete(
                f"/v2/positions/MSFT?{query}",
                headers={"APCA-API-KEY-ID": PRIMARY.key_id,
                         "APCA-API-SECRET-KEY": PRIMARY.secret_key},
            )  # fmt: skip
            return answer

    answer = asyncio.run(ask())
    # A 422 that depends on the position (a percentage of 40 shares that rounds to 0 shares)
    # is the upstream's to give: the proxy judges the request alone.
    of_the_request = answer.status_code == 422 and "rounds to" not in answer.text
    # An unverified form (qty=, 1e3) is forwarded by the proxy, which warns; the mock answers
    # it as the spec's rule table says (refuse: the same 422).
    unverified = verdict.refusal is None and bool(verdict.departures)
    if unverified and mock_refusal(list(verdict.departures)) is not None:
        assert answer.status_code == 422, (query, answer.text)
        return
    assert (verdict.refusal is not None) == of_the_request, (query, answer.text, verdict.problem)
    if verdict.refusal is not None:
        assert verdict.refusal.status == 422
