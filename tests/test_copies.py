"""Models, results and errors survive pickle, copy and deepcopy whole (issue 27): task queues,
multiprocessing and caches hand them across, and a copy must equal the original, write the
same JSON and keep every attribute."""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from alpaca_trading import (
    UNSET,
    Account,
    AlpacaError,
    APIConnectionError,
    APIError,
    APITimeoutError,
    Asset,
    AsyncClient,
    Client,
    ClientClosedError,
    ConfigurationError,
    Order,
    PermissionDeniedError,
    Position,
    UsCorporate,
    UsTreasury,
)
from alpaca_trading.errors import error_from_response
from alpaca_trading.results import parse_close_all

from tests.client_helpers import HEADERS, KEY, SECRET

FIXTURES = Path(__file__).parent / "fixtures"
ROUND_TRIPS: dict[str, Callable[[Any], Any]] = {
    "pickle": lambda value: pickle.loads(pickle.dumps(value)),
    "copy": copy.copy,
    "deepcopy": copy.deepcopy,
}


def _fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _models() -> list[Any]:
    seed = Path(__file__).parent.parent / "contract_tests/alpaca_mock/default_seed.yaml"
    import yaml

    catalogue = yaml.safe_load(seed.read_text(encoding="utf-8"))
    return [
        Account.from_dict(_fixture("account_live.json")),
        Account.from_dict(_fixture("account_onboarding.json")),  # many fields UNSET
        Asset.from_dict(_fixture("asset_crypto.json")),
        Position.from_dict(_fixture("position_crypto.json")),
        Position.from_dict(_fixture("position_short.json")),
        Order.from_dict(_fixture("order_close_equity.json")),
        UsTreasury.from_dict(catalogue["us_treasuries"][1]),  # no prices: UNSET
        UsCorporate.from_dict(catalogue["us_corporates"][0]),
    ]


@pytest.mark.parametrize("how", sorted(ROUND_TRIPS))
def test_every_model_round_trips_equal_with_the_same_json(how: str) -> None:
    for model in _models():
        copied = ROUND_TRIPS[how](model)
        assert copied == model, type(model).__name__
        assert copied.to_json() == model.to_json()


@pytest.mark.parametrize("how", sorted(ROUND_TRIPS))
def test_unset_stays_the_one_marker(how: str) -> None:
    assert ROUND_TRIPS[how](UNSET) is UNSET


@pytest.mark.parametrize("how", sorted(ROUND_TRIPS))
def test_close_all_results_round_trip(how: str) -> None:
    results = parse_close_all(_fixture("close_all_207_mixed.json"))
    copied = ROUND_TRIPS[how](results)
    assert copied == results
    assert [r.ok for r in copied] == [r.ok for r in results]


def _errors() -> list[AlpacaError]:
    def answered(status: int, fixture: str) -> APIError:
        response = httpx.Response(
            status, headers={**HEADERS, "Content-Type": "application/json"},
            content=(FIXTURES / fixture).read_bytes(),
        )  # fmt: skip
        return error_from_response(response)

    return [
        answered(403, "error_403_insufficient_qty.json"),
        answered(401, "error_401.json"),
        answered(404, "error_404_position.json"),
        answered(422, "error_422.json"),
        answered(429, "error_429.json"),
        answered(500, "error_500.json"),
        APIConnectionError("connection refused"),
        APITimeoutError("the call's timeout ran out"),
        ConfigurationError("APCA_API_KEY_ID is not set"),
        ClientClosedError("this Client is closed"),
    ]


@pytest.mark.parametrize("how", sorted(ROUND_TRIPS))
def test_every_error_round_trips_with_every_attribute(how: str) -> None:
    for error in _errors():
        copied = ROUND_TRIPS[how](error)
        assert type(copied) is type(error)
        assert str(copied) == str(error)
        assert copied.__dict__ == error.__dict__
        assert (copied.status_code, copied.code, copied.message, copied.request_id) == (
            error.status_code, error.code, error.message, error.request_id,
        )  # fmt: skip
    refused = next(e for e in _errors() if isinstance(e, PermissionDeniedError))
    again = ROUND_TRIPS[how](refused)
    assert isinstance(again, PermissionDeniedError)
    assert again.available == refused.available
    assert again.related_orders == refused.related_orders


def test_every_error_has_the_details_where_they_exist() -> None:
    for error in _errors():
        # One handler reads them all; where nothing answered they are None, message is why.
        assert isinstance(error.message, str)
        assert error.message
        if isinstance(error, APIError):
            assert isinstance(error.status_code, int)
            assert error.request_id == HEADERS["X-Request-ID"]
        else:
            assert error.status_code is None
            assert error.code is None
            assert error.request_id is None


def test_a_closed_client_says_so_with_a_typed_error() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, headers=HEADERS))
    client = Client(KEY, SECRET, transport=transport)
    client.close()
    with pytest.raises(ClientClosedError, match="this Client is closed; make a new one"):
        client.get_account()
    with pytest.raises(ClientClosedError):
        client.with_raw_response.list_positions()


@pytest.mark.anyio
async def test_a_closed_async_client_says_so_with_a_typed_error() -> None:
    async def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers=HEADERS)

    async with AsyncClient(KEY, SECRET, transport=httpx.MockTransport(answer)) as client:
        pass
    with pytest.raises(ClientClosedError, match="this AsyncClient is closed"):
        await client.get_account()
