"""The generated client parses real-shaped bodies for every operation and status.

Bodies come from tests/fixtures (shapes captured from the real API, see
shared/reference/alpaca-api-behaviour.md). Each is also validated against the spec itself, so
the spec and the generated code agree on what the API really sends.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx
import pytest
import yaml
from alpaca_trading.spec import spec_path
from alpaca_trading_api import Client
from alpaca_trading_api.api.account import get_account
from alpaca_trading_api.api.assets import get_asset, get_assets
from alpaca_trading_api.api.positions import (
    delete_all_open_positions,
    delete_open_position,
    get_all_open_positions,
    get_open_position,
)
from alpaca_trading_api.models import (
    Account,
    AccountStatusKnown,
    Asset,
    AssetClassKnown,
    Error,
    ExchangeKnown,
    Order,
    Position,
    PositionClosed,
    PositionSideKnown,
)
from alpaca_trading_api.types import UNSET
from openapi_schema_validator import OAS30Validator

from tests.conftest import load_fixture

HEADERS = {
    "X-Request-ID": "0f2a1d4c5b6e7f8091a2b3c4d5e6f708",
    "X-Ratelimit-Limit": "200",
    "X-Ratelimit-Remaining": "199",
    "X-Ratelimit-Reset": "1790000000",
}


def client_answering(status: int, body: Any, content_type: str = "application/json") -> Client:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        headers = dict(HEADERS, **{"Content-Type": content_type})
        return httpx.Response(status, content=content, headers=headers)

    return Client(
        base_url="https://paper-api.alpaca.markets",
        httpx_args={"transport": httpx.MockTransport(handler)},
    )


SPEC = yaml.safe_load(spec_path().read_text(encoding="utf-8"))


def response_schema(path: str, method: str, status: str) -> dict[str, Any]:
    response = SPEC["paths"][path][method]["responses"][status]
    if "$ref" in response:
        response = SPEC["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    schema = dict(response["content"]["application/json"]["schema"])
    schema["components"] = SPEC["components"]
    return schema


def assert_spec_accepts(path: str, method: str, status: str, body: Any) -> None:
    OAS30Validator(response_schema(path, method, status)).validate(body)


# ---------------------------------------------------------------- account


@pytest.mark.parametrize(
    "fixture", ["account_live.json", "account_onboarding.json", "account_unknown_status.json"]
)
def test_account_bodies_parse_and_conform(fixture: str) -> None:
    body = load_fixture(fixture)
    assert_spec_accepts("/v2/account", "get", "200", body)
    response = get_account.sync_detailed(client=client_answering(200, body))
    account = response.parsed
    assert isinstance(account, Account)
    assert str(account.id) == body["id"]
    assert response.status_code == HTTPStatus.OK


def test_account_keeps_unknown_fields_null_number_and_exact_decimals() -> None:
    account = get_account.sync(client=client_answering(200, load_fixture("account_live.json")))
    assert isinstance(account, Account)
    assert account.status == AccountStatusKnown.ACTIVE
    assert account.multiplier == "4"
    assert account.portfolio_value == "122011.09751111286868"  # all 20 digits, no float
    assert account.additional_properties["some_field_added_next_year"] == {"nested": [1, 2, 3]}
    assert account.pattern_day_trader is False  # removed in 2026, still accepted

    onboarding = get_account.sync(
        client=client_answering(200, load_fixture("account_onboarding.json"))
    )
    assert isinstance(onboarding, Account)
    assert onboarding.account_number is None
    assert onboarding.cash is UNSET


def test_unknown_account_status_is_kept_as_string() -> None:
    account = get_account.sync(
        client=client_answering(200, load_fixture("account_unknown_status.json"))
    )
    assert isinstance(account, Account)
    assert account.status == "ACCOUNT_FROZEN_FOR_REVIEW"
    assert not isinstance(account.status, AccountStatusKnown)


# ---------------------------------------------------------------- assets


def test_asset_list_with_unknown_class_exchange_status_and_attribute_parses() -> None:
    body = load_fixture("assets.json")
    assert_spec_accepts("/v2/assets", "get", "200", body)
    assets = get_assets.sync(client=client_answering(200, body))
    assert isinstance(assets, list)
    assert [a.symbol for a in assets] == ["AAPL", "GME", "BTC/USD", "BTC-PERP"]
    aapl, gme, btc, perp = assets
    assert aapl.class_ == AssetClassKnown.US_EQUITY
    assert aapl.exchange == ExchangeKnown.NASDAQ
    assert aapl.cusip == "037833100"
    assert aapl.maintenance_margin_requirement == 30
    assert gme.borrow_status == "hard_to_borrow"
    assert gme.easy_to_borrow is UNSET  # after the 2026-09-22 sunset
    assert btc.min_order_size == "0.000010954"
    assert btc.borrow_status is UNSET
    assert perp.class_ == "crypto_perp_v2"
    assert perp.exchange == "ASCX_NEW"
    assert perp.status == "delisting"
    assert perp.attributes == ["perp_only"]
    assert perp.cusip is None
    assert perp.additional_properties == {"brand_new_field": "x"}


def test_single_asset_parses() -> None:
    body = load_fixture("asset_crypto.json")
    assert_spec_accepts("/v2/assets/{symbol_or_asset_id}", "get", "200", body)
    asset = get_asset.sync("BTC/USD", client=client_answering(200, body))
    assert isinstance(asset, Asset)
    assert asset.to_dict() == body  # round-trips exactly


# ---------------------------------------------------------------- positions


def test_positions_long_short_crypto_unpriceable_and_option() -> None:
    body = load_fixture("positions.json")
    assert_spec_accepts("/v2/positions", "get", "200", body)
    positions = get_all_open_positions.sync(client=client_answering(200, body))
    assert isinstance(positions, list)
    long, short, crypto, unpriced, option = positions
    assert long.side == PositionSideKnown.LONG
    assert short.side == PositionSideKnown.SHORT
    assert short.qty == "-300"
    assert short.qty_available == "-300"
    assert short.market_value == "-7000"
    assert short.cost_basis == "-7050"
    assert crypto.symbol == "BTCUSD"
    assert crypto.exchange == ExchangeKnown.CRYPTO
    assert crypto.qty == "0.012345678"
    assert unpriced.current_price is None
    assert unpriced.market_value is None
    assert unpriced.change_today is None
    assert option.exchange == ""


@pytest.mark.parametrize(
    "fixture", ["position_short.json", "position_crypto.json", "position_local_currency.json"]
)
def test_single_position_parses(fixture: str) -> None:
    body = load_fixture(fixture)
    assert_spec_accepts("/v2/positions/{symbol_or_asset_id}", "get", "200", body)
    position = get_open_position.sync(body["symbol"], client=client_answering(200, body))
    assert isinstance(position, Position)
    assert position.to_dict() == body


def test_close_position_returns_the_order() -> None:
    body = load_fixture("order_close_crypto.json")
    assert_spec_accepts("/v2/positions/{symbol_or_asset_id}", "delete", "200", body)
    order = delete_open_position.sync("BTCUSD", client=client_answering(200, body), qty="0.5")
    assert isinstance(order, Order)
    assert order.symbol == "BTC/USD"
    assert order.filled_at is None
    assert order.legs is None
    assert order.qty == "0.012345678"
    assert order.created_at.microsecond == 534279  # nanoseconds truncated, not rejected


def test_close_all_207_mixes_orders_and_errors() -> None:
    body = load_fixture("close_all_207_mixed.json")
    assert_spec_accepts("/v2/positions", "delete", "207", body)
    response = delete_all_open_positions.sync_detailed(client=client_answering(207, body))
    assert response.status_code == HTTPStatus.MULTI_STATUS
    results = response.parsed
    assert isinstance(results, list)
    assert all(isinstance(r, PositionClosed) for r in results)
    assert [(r.symbol, r.status) for r in results] == [
        ("AAPL", 200),
        ("BTCUSD", 200),
        ("OKE", 403),
        ("XYZQ", 422),
    ]
    assert isinstance(results[0].body, Order)
    assert isinstance(results[1].body, Order)
    failure = results[2].body
    assert isinstance(failure, Error)
    assert failure.code == 40310000
    assert failure.held_for_orders == "9"
    assert failure.related_orders == [UUID("0a2bb6b4-6c4e-4e3e-8a3b-2f5d1e1c6c01")]
    assert isinstance(results[3].body, Error)


def test_close_all_with_no_positions_is_an_empty_list() -> None:
    results = delete_all_open_positions.sync(client=client_answering(207, []))
    assert results == []


# ---------------------------------------------------------------- errors

Call = Callable[[Client], Any]
OPERATIONS: dict[str, tuple[str, str, Call]] = {
    "getAccount": ("/v2/account", "get", lambda c: get_account.sync_detailed(client=c)),
    "getAssets": ("/v2/assets", "get", lambda c: get_assets.sync_detailed(client=c)),
    "getAsset": (
        "/v2/assets/{symbol_or_asset_id}",
        "get",
        lambda c: get_asset.sync_detailed("NOPE", client=c),
    ),
    "getAllOpenPositions": (
        "/v2/positions",
        "get",
        lambda c: get_all_open_positions.sync_detailed(client=c),
    ),
    "deleteAllOpenPositions": (
        "/v2/positions",
        "delete",
        lambda c: delete_all_open_positions.sync_detailed(client=c),
    ),
    "getOpenPosition": (
        "/v2/positions/{symbol_or_asset_id}",
        "get",
        lambda c: get_open_position.sync_detailed("NOPE", client=c),
    ),
    "deleteOpenPosition": (
        "/v2/positions/{symbol_or_asset_id}",
        "delete",
        lambda c: delete_open_position.sync_detailed("NOPE", client=c),
    ),
}
ERROR_FIXTURES = {
    "401": "error_401.json",
    "403": "error_403_forbidden.json",
    "404": "error_404_position.json",
    "422": "error_422.json",
    "429": "error_429.json",
    "500": "error_500.json",
}
ERROR_CASES = [
    (operation, status)
    for operation, (path, method, _) in OPERATIONS.items()
    for status in ERROR_FIXTURES
    if status in SPEC["paths"][path][method]["responses"]
]


@pytest.mark.parametrize(("operation", "status"), ERROR_CASES)
def test_every_declared_error_status_parses_as_error(operation: str, status: str) -> None:
    path, method, call = OPERATIONS[operation]
    body = load_fixture(ERROR_FIXTURES[status])
    assert_spec_accepts(path, method, status, body)
    response = call(client_answering(int(status), body))
    assert response.status_code == int(status)
    assert isinstance(response.parsed, Error)
    assert response.parsed.message == body["message"]
    assert response.parsed.code == body.get("code", UNSET)


def test_every_operation_declares_the_statuses_it_really_returns() -> None:
    for operation, (path, method, _) in OPERATIONS.items():
        declared = set(SPEC["paths"][path][method]["responses"])
        assert {"401", "403", "429", "500"} <= declared, operation
        assert declared & {"200", "207"}, operation


def test_403_with_extras_keeps_every_field() -> None:
    body = load_fixture("error_403_insufficient_qty.json")
    assert_spec_accepts("/v2/positions/{symbol_or_asset_id}", "delete", "403", body)
    response = delete_open_position.sync_detailed(
        "AAPL", client=client_answering(403, body), qty="20"
    )
    error = response.parsed
    assert isinstance(error, Error)
    assert (error.available, error.existing_qty, error.held_for_orders) == ("8", "10", "2")
    assert error.symbol == "AAPL"
    assert error.to_dict() == body


def test_non_iana_status_does_not_crash_the_generated_code() -> None:
    """Custom template: HTTPStatus(520) would raise ValueError in the default output."""
    client = client_answering(520, b"<html>origin error</html>", content_type="text/html")
    response = get_account.sync_detailed(client=client)
    assert response.status_code == 520
    assert response.parsed is None


def test_every_response_declares_the_request_id_and_rate_limit_headers() -> None:
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                if "$ref" in response:
                    response = SPEC["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
                assert set(response["headers"]) == set(HEADERS), (path, method, status)
