"""The client users import: configuration, symbols, decimals, errors, retries, 207, secrets."""

from __future__ import annotations

import logging
import pickle
import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest
from alpaca_trading import (
    APIConnectionError,
    APITimeoutError,
    AsyncClient,
    AuthenticationError,
    Client,
    ConfigurationError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseDecodeError,
    ServerError,
    UnprocessableEntityError,
)
from alpaca_trading.retries import RetryPolicy
from alpaca_trading_api.models import AssetClassKnown

from tests.client_helpers import KEY, SECRET, Script, json_response
from tests.conftest import load_fixture


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retries wait for real in production; here the waits are recorded instead."""
    waits: list[float] = []
    monkeypatch.setattr("alpaca_trading.client.time.sleep", waits.append)
    return waits


def client_for(script: Script, **kwargs: Any) -> Client:
    return Client(KEY, SECRET, transport=script.sync(), **kwargs)


# ------------------------------------------------------------------ configuration


def test_paper_is_the_default_and_live_needs_asking(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("APCA_API_BASE_URL", raising=False)
    assert Client(KEY, SECRET).base_url == "https://paper-api.alpaca.markets"
    assert Client(KEY, SECRET, paper=False).base_url == "https://api.alpaca.markets"
    assert Client(KEY, SECRET, base_url="http://127.0.0.1:9/v2/").base_url == "http://127.0.0.1:9"


def test_keys_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APCA_API_KEY_ID", KEY)
    monkeypatch.setenv("APCA_API_SECRET_KEY", SECRET)
    monkeypatch.setenv("APCA_API_BASE_URL", "http://127.0.0.1:9")
    script = Script(json_response(200, load_fixture("account_live.json")))
    client = Client(transport=script.sync())
    client.get_account()
    request = script.requests[0]
    assert request.url.host == "127.0.0.1"
    assert request.headers["APCA-API-KEY-ID"] == KEY
    assert request.headers["APCA-API-SECRET-KEY"] == SECRET
    assert request.headers["User-Agent"].startswith("alpaca-trading-kit/")


def test_missing_keys_name_the_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("APCA_API_KEY_ID", "APCA_API_SECRET_KEY", "APCA_API_OAUTH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigurationError, match="APCA_API_KEY_ID and APCA_API_SECRET_KEY"):
        Client()
    with pytest.raises(ConfigurationError, match="APCA_API_SECRET_KEY not set"):
        Client(key_id=KEY)


def test_oauth_token_is_sent_as_bearer() -> None:
    script = Script(json_response(200, load_fixture("account_live.json")))
    Client(oauth_token="tok-123", transport=script.sync()).get_account()
    assert script.requests[0].headers["Authorization"] == "Bearer tok-123"
    assert "APCA-API-SECRET-KEY" not in script.requests[0].headers


# ------------------------------------------------------------------ operations


def test_every_operation_sends_the_right_request_and_parses() -> None:
    order = load_fixture("order_close_equity.json")
    script = Script(
        json_response(200, load_fixture("account_live.json")),
        json_response(200, load_fixture("assets.json")),
        json_response(200, load_fixture("asset_crypto.json")),
        json_response(200, load_fixture("positions.json")),
        json_response(200, load_fixture("position_crypto.json")),
        json_response(200, order),
        json_response(207, load_fixture("close_all_207_mixed.json")),
    )
    client = client_for(script)
    assert client.get_account().equity_decimal == Decimal("122011.09751111286868")
    assets = client.list_assets(
        status="active", asset_class=AssetClassKnown.CRYPTO, attributes=["ipo", "has_options"]
    )
    assert assets[3].class_ == "crypto_perp_v2"  # unknown values kept as strings
    assert client.get_asset("BTC/USD").min_order_size_decimal == Decimal("0.000010954")
    assert client.list_positions()[1].qty_decimal == Decimal(-300)
    assert client.get_position("BTC/USD").symbol == "BTCUSD"
    assert client.close_position("AAPL", qty=Decimal("2")).id == uuid.UUID(order["id"])
    results = client.close_all_positions(cancel_orders=True)
    assert [r.ok for r in results] == [True, True, False, False]
    assert results[2].error is not None
    assert results[2].error.held_for_orders == Decimal(9)
    assert results[2].error.related_orders == ["0a2bb6b4-6c4e-4e3e-8a3b-2f5d1e1c6c01"]
    assert [(r.method, r.url.raw_path.decode()) for r in script.requests] == [
        ("GET", "/v2/account"),
        ("GET", "/v2/assets?status=active&asset_class=crypto&attributes=ipo%2Chas_options"),
        ("GET", "/v2/assets/BTC%2FUSD"),
        ("GET", "/v2/positions"),
        ("GET", "/v2/positions/BTCUSD"),
        ("DELETE", "/v2/positions/AAPL?qty=2"),
        ("DELETE", "/v2/positions?cancel_orders=true"),
    ]


def test_raw_response_gives_status_headers_and_body() -> None:
    body = load_fixture("positions.json")
    client = client_for(Script(json_response(200, body)))
    raw = client.with_raw_response.list_positions()
    assert raw.status_code == 200
    assert raw.request_id == "0123456789abcdef0123456789abcdef"
    assert (raw.ratelimit_limit, raw.ratelimit_remaining, raw.ratelimit_reset) == (
        200,
        150,
        1790000000,
    )
    assert raw.parsed[0].symbol == "AAPL"
    assert raw.content.startswith(b"[")


def test_per_call_timeout_and_extra_headers() -> None:
    script = Script(json_response(200, load_fixture("account_live.json")))
    client_for(script).get_account(timeout=1.5, extra_headers={"X-Trace": "abc"})
    request = script.requests[0]
    assert request.headers["X-Trace"] == "abc"
    assert request.extensions["timeout"]["read"] == 1.5


@pytest.mark.anyio
async def test_timeouts_are_on_by_default_and_set_per_client_for_both_clients() -> None:
    account = load_fixture("account_live.json")
    script = Script(lambda request: json_response(200, account))  # a fresh response each time
    client_for(script).get_account()
    client_for(script, timeout=3.0).get_account()
    transport = httpx.MockTransport(script._next)
    async with AsyncClient(KEY, SECRET, transport=transport) as default:
        await default.get_account()
    async with AsyncClient(KEY, SECRET, transport=transport, timeout=4.0) as custom:
        await custom.get_account(timeout=0.5)
    reads = [request.extensions["timeout"]["read"] for request in script.requests]
    assert reads == [10.0, 3.0, 10.0, 0.5]
    assert all(request.url.query == b"" for request in script.requests)  # no stray "?"


@pytest.mark.parametrize(
    ("value", "asset_path", "position_path"),
    [
        ("BTC/USD", "/v2/assets/BTC%2FUSD", "/v2/positions/BTCUSD"),
        ("BTC%2FUSD", "/v2/assets/BTC%2FUSD", "/v2/positions/BTCUSD"),
        ("btc%2fusd", "/v2/assets/btc%2Fusd", "/v2/positions/btcusd"),
        ("BRK.B", "/v2/assets/BRK.B", "/v2/positions/BRK.B"),
        (
            uuid.UUID("b0b6dd9d-8b9b-48a9-ba46-b9d54906e415"),
            "/v2/assets/b0b6dd9d-8b9b-48a9-ba46-b9d54906e415",
            "/v2/positions/b0b6dd9d-8b9b-48a9-ba46-b9d54906e415",
        ),
        ("x?y#z", "/v2/assets/x%3Fy%23z", "/v2/positions/x%3Fy%23z"),
    ],
)
def test_symbols_are_encoded_once(value: Any, asset_path: str, position_path: str) -> None:
    script = Script(json_response(404, load_fixture("error_404_asset.json")))
    client = client_for(script)
    for call in (client.get_asset, client.get_position):
        with pytest.raises(NotFoundError):
            call(value)
    assert script.paths() == [asset_path, position_path]


@pytest.mark.parametrize("value", ["", "   ", ".", "..", "%2E%2E", "a b", "BTC/USD/X", "a\nb", "/"])
def test_path_changing_symbols_are_refused_before_any_request(value: str) -> None:
    script = Script(json_response(200, {}))
    client = client_for(script)
    with pytest.raises(ValueError, match="symbol_or_asset_id"):
        client.get_asset(value)
    with pytest.raises(ValueError, match="symbol_or_asset_id"):
        client.close_position(value)
    assert script.requests == []


# ------------------------------------------------------------------ decimals


@pytest.mark.parametrize(
    ("kwargs", "query"),
    [
        ({"qty": "0.123456789"}, "qty=0.123456789"),
        ({"qty": Decimal("1E+2")}, "qty=100"),
        ({"qty": 3}, "qty=3"),
        ({"percentage": "100"}, "percentage=100"),
        ({"percentage": Decimal("0.5")}, "percentage=0.5"),
        ({}, ""),
    ],
)
def test_close_amounts_are_sent_exactly(kwargs: dict[str, Any], query: str) -> None:
    script = Script(json_response(200, load_fixture("order_close_equity.json")))
    client_for(script).close_position("AAPL", **kwargs)
    assert script.requests[0].url.query.decode() == query


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"qty": 0.1}, TypeError, "floats carry binary error"),
        ({"qty": True}, TypeError, "qty"),
        ({"qty": "0"}, ValueError, "qty must be greater than 0"),
        ({"qty": "-1"}, ValueError, "qty must be greater than 0"),
        ({"qty": "-0"}, ValueError, "qty must be greater than 0"),
        ({"qty": "1.0000000001"}, ValueError, "more than 9 decimal places"),
        ({"qty": "NaN"}, ValueError, "finite"),
        ({"qty": Decimal("Infinity")}, ValueError, "finite"),
        ({"qty": "ten"}, ValueError, "decimal number"),
        ({"percentage": "0"}, ValueError, "percentage must be greater than 0 and at most 100"),
        ({"percentage": "100.000000001"}, ValueError, "at most 100"),
        ({"qty": "1", "percentage": "1"}, ValueError, "mutually exclusive"),
    ],
)
def test_bad_close_amounts_are_refused_before_any_request(
    kwargs: dict[str, Any], error: type[Exception], match: str
) -> None:
    script = Script(json_response(200, {}))
    with pytest.raises(error, match=match):
        client_for(script).close_position("AAPL", **kwargs)
    assert script.requests == []


def test_every_decimal_field_has_an_exact_accessor() -> None:
    client = client_for(Script(json_response(200, load_fixture("positions.json"))))
    short = client.list_positions()[1]
    assert short.market_value_decimal == Decimal(-7000)
    assert short.current_price_decimal == Decimal("23.333333333333")
    unpriced = client_for(
        Script(json_response(200, load_fixture("positions.json")))
    ).list_positions()[3]
    assert unpriced.market_value_decimal is None
    assert unpriced.cost_basis_decimal == Decimal(1)


# ------------------------------------------------------------------ errors


@pytest.mark.parametrize(
    ("response", "error", "code", "message"),
    [
        (
            json_response(401, {"message": "unauthorized."}),
            AuthenticationError,
            None,
            "unauthorized.",
        ),
        (json_response(403, {"message": "forbidden."}), PermissionDeniedError, None, "forbidden."),
        (
            json_response(404, load_fixture("error_404_position.json")),
            NotFoundError,
            40410000,
            "position does not exist",
        ),
        (httpx.Response(404, text="Not Found"), NotFoundError, None, "Not Found"),
        (
            json_response(422, load_fixture("error_422.json")),
            UnprocessableEntityError,
            40010001,
            "mutually exclusive",
        ),
        (
            httpx.Response(502, html="<html><body>Bad gateway</body></html>"),
            ServerError,
            None,
            "Bad gateway",
        ),
        (httpx.Response(520, text="<html>origin</html>"), ServerError, None, "origin"),
        (json_response(500, {"code": 50010000, "message": "boom"}), ServerError, 50010000, "boom"),
    ],
)
def test_every_error_shape_becomes_a_typed_error(
    response: httpx.Response, error: type[Exception], code: int | None, message: str
) -> None:
    client = client_for(Script(response), max_retries=0)
    with pytest.raises(error) as raised:
        client.get_position("AAPL")
    assert raised.value.status_code == response.status_code  # type: ignore[attr-defined]
    assert raised.value.code == code  # type: ignore[attr-defined]
    assert message in raised.value.message  # type: ignore[attr-defined]
    assert raised.value.body == response.content  # type: ignore[attr-defined]


def test_rate_limit_error_says_when_to_retry() -> None:
    client = client_for(Script(json_response(429, load_fixture("error_429.json"))), max_retries=0)
    with pytest.raises(RateLimitError) as raised:
        client.get_account()
    assert raised.value.reset_at is not None
    assert int(raised.value.reset_at.timestamp()) == 1790000000
    assert raised.value.request_id == "0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize(
    "content", [b'{"id": "9048', b"<html>ok</html>", b"", b"[]", b'{"status": "ACTIVE"}']
)
def test_a_broken_success_body_is_a_typed_error_with_the_body(content: bytes) -> None:
    client = client_for(Script(httpx.Response(200, content=content)))
    with pytest.raises(ResponseDecodeError) as raised:
        client.get_account()
    assert raised.value.body == content


# ------------------------------------------------------------------ retries


def test_reads_retry_5xx_and_connection_errors_with_backoff(no_sleep: list[float]) -> None:
    account = json_response(200, load_fixture("account_live.json"))
    script = Script(httpx.ConnectError("refused"), httpx.Response(503, text="busy"), account)
    assert client_for(script).get_account().status == "ACTIVE"
    assert len(script.requests) == 3
    assert len(no_sleep) == 2
    assert all(0 <= wait <= 30 for wait in no_sleep)


def test_retry_count_per_client_and_per_call() -> None:
    script = Script(httpx.Response(503, text="busy"))
    with pytest.raises(ServerError):
        client_for(script, max_retries=4).get_account()
    assert len(script.requests) == 5
    script = Script(httpx.Response(503, text="busy"))
    with pytest.raises(ServerError):
        client_for(script).get_account(max_retries=0)
    assert len(script.requests) == 1


@pytest.mark.parametrize(
    "failure",
    [
        httpx.Response(503, text="busy"),
        httpx.Response(500, text="boom"),
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("dropped"),
    ],
)
def test_a_close_is_never_resent_when_it_may_have_been_processed(failure: Any) -> None:
    script = Script(failure, json_response(200, load_fixture("order_close_equity.json")))
    with pytest.raises((ServerError, APIConnectionError)) as raised:
        client_for(script).close_position("AAPL")
    assert len(script.requests) == 1
    if isinstance(failure, httpx.ReadTimeout):
        assert isinstance(raised.value, APITimeoutError)
        assert "not resent" in str(raised.value)


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("refused"),
        json_response(429, load_fixture("error_429.json"), **{"X-Ratelimit-Reset": "0"}),
    ],
)
def test_a_close_is_retried_when_it_provably_was_not_processed(failure: Any) -> None:
    script = Script(failure, json_response(200, load_fixture("order_close_equity.json")))
    assert client_for(script).close_position("AAPL").symbol == "AAPL"
    assert len(script.requests) == 2


def test_rate_limit_waits_until_the_reset_capped() -> None:
    policy = RetryPolicy(max_retries=2, max_wait=30.0)
    far = json_response(429, {}, **{"X-Ratelimit-Reset": "99999999999"})
    wait = policy.wait_after_status(far, 0, idempotent=True)
    assert wait == 30.0


# ------------------------------------------------------------------ secrets


def test_the_secret_never_appears_in_repr_logs_or_errors(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    script = Script(
        json_response(401, {"message": "unauthorized."}),
        httpx.Response(503, text="busy"),
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("slow"),
    )
    client = client_for(script, max_retries=1)
    seen += [repr(client), str(client), repr(client._auth), str(client._auth)]
    for call in (client.get_account, client.list_positions, lambda: client.close_position("AAPL")):
        for _ in range(2):
            try:
                call()
            except Exception as error:
                import traceback

                seen += [repr(error), str(error), "".join(traceback.format_exception(error))]
    with pytest.raises(TypeError):
        pickle.dumps(client._auth)
    seen += [record.getMessage() for record in caplog.records]
    assert caplog.records, "DEBUG logging should have said something"
    assert not [text for text in seen if SECRET in text]


# ------------------------------------------------------------------ async parity


@pytest.mark.anyio
async def test_async_client_has_the_same_operations_and_behaviour() -> None:
    script = Script(
        json_response(200, load_fixture("account_live.json")),
        json_response(200, load_fixture("assets.json")),
        json_response(200, load_fixture("asset_crypto.json")),
        json_response(200, load_fixture("positions.json")),
        json_response(200, load_fixture("position_crypto.json")),
        json_response(200, load_fixture("order_close_crypto.json")),
        json_response(207, load_fixture("close_all_207_mixed.json")),
        httpx.Response(503, text="busy"),
    )
    transport = httpx.MockTransport(script._next)
    async with AsyncClient(KEY, SECRET, transport=transport) as client:
        assert (await client.get_account()).status == "ACTIVE"
        assert len(await client.list_assets(exchange="NASDAQ")) == 4
        assert (await client.get_asset("BTC/USD")).symbol == "BTC/USD"
        assert len(await client.list_positions()) == 5
        assert (await client.get_position("BTC/USD")).qty_decimal == Decimal("0.012345678")
        assert (await client.close_position("BTC/USD", percentage="50")).symbol == "BTC/USD"
        assert [r.status for r in await client.close_all_positions()] == [200, 200, 403, 422]
        with pytest.raises(ServerError):
            await client.close_position("AAPL")
        with pytest.raises(ValueError, match="symbol_or_asset_id"):
            await client.get_position("..")
        with pytest.raises(ServerError):  # the raw escape hatch raises errors the same way
            await client.with_raw_response.get_account(max_retries=0)
    sync_methods = {n for n in dir(Client) if not n.startswith("_")}
    async_methods = {n for n in dir(AsyncClient) if not n.startswith("_")}
    assert sync_methods == async_methods
    assert script.paths()[4:7] == [
        "/v2/positions/BTCUSD",
        "/v2/positions/BTCUSD?percentage=50",
        "/v2/positions",
    ]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
