"""What a typed-Python user relies on: precise types, one import path, readable values,
JSON round trips, typed 403 details, and the generated package building paths safely."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

import alpaca_trading
import alpaca_trading_api.models
import httpx
import pytest
from alpaca_trading import (
    UNSET,
    Account,
    Asset,
    AsyncClient,
    Client,
    Order,
    PermissionDeniedError,
    Position,
    Refusal,
    Timestamp,
    Unset,
    USDPositionValues,
)
from alpaca_trading_api.api.assets import get_asset
from alpaca_trading_api.api.positions import delete_open_position, get_open_position
from alpaca_trading_api.types import format_timestamp
from hypothesis import given
from hypothesis import strategies as st

from tests.client_helpers import KEY, SECRET, Script, json_response
from tests.conftest import FIXTURES, load_fixture

ROOT = Path(__file__).resolve().parent.parent

# ------------------------------------------------------------------ types, as checkers see them

TRADER_SCRIPT = """
from decimal import Decimal
from alpaca_trading import Client, AsyncClient, RawResponse, Account, Position

def trade(client: Client) -> None:
    for position in client.list_positions():
        reveal_type(position.qty_decimal)
        reveal_type(position.market_value_decimal)
        half: Decimal = position.qty_decimal / 2
        client.close_position(position.symbol, qty=half)
    raw = client.with_raw_response.get_account()
    reveal_type(raw)
    reveal_type(raw.parsed)
    reveal_type(client.with_raw_response.close_all_positions(cancel_orders=True).parsed)

async def trade_async(client: AsyncClient) -> None:
    raw = await client.with_raw_response.list_positions()
    reveal_type(raw)
"""

FLOAT_QTY = """
from alpaca_trading import Client
Client().close_position("AAPL", qty=1.5)
"""


def _mypy(source: str, tmp_path: Path) -> str:
    script = tmp_path / "trader.py"
    script.write_text(textwrap.dedent(source))
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    return result.stdout


def _pyright(source: str, tmp_path: Path) -> str:
    checker = shutil.which("basedpyright", path=str(Path(sys.executable).parent))
    if checker is None:
        pytest.skip("basedpyright is not installed (scripts/setup installs it)")
    script = tmp_path / "trader.py"
    script.write_text(textwrap.dedent(source))
    env = {"PATH": str(Path(sys.executable).parent), "VIRTUAL_ENV": sys.prefix}
    result = subprocess.run(
        [checker, str(script)], capture_output=True, text=True, cwd=tmp_path, env=env, check=False
    )
    return result.stdout


@pytest.mark.parametrize("checker", [_mypy, _pyright], ids=["mypy", "basedpyright"])
def test_the_trader_script_gets_precise_types(checker: Any, tmp_path: Path) -> None:
    out = checker(TRADER_SCRIPT, tmp_path)
    revealed = [line for line in out.splitlines() if "reveal" in line.lower() or "Type of" in line]
    assert len(revealed) == 6, out
    qty, market_value, raw, parsed, close_all, raw_async = revealed
    assert "Decimal" in qty
    assert "None" not in qty, "a required decimal is a Decimal, never Decimal | None"
    assert "Decimal | None" in market_value
    assert "RawResponse[" in raw
    assert "Account" in raw
    assert "Account" in parsed
    assert "Any" not in parsed
    assert "list[" in close_all
    assert "ClosedPosition" in close_all  # ClosePositionResult, as checkers spell it out
    assert "CloseFailed" in close_all
    assert "RawResponse[" in raw_async
    assert "list[" in raw_async
    assert "Position" in raw_async
    assert " error" not in out.replace("0 errors", ""), out


# Every operation of every face, and the fields the API always sends: (call, what the checker
# must see). "!None" means the revealed type must not contain None (no Optional to unwrap).
EVERY_RESULT = [
    ("client.get_account()", "Account"),
    ("client.list_assets()", "list[Asset]"),
    ("client.get_asset('AAPL')", "Asset"),
    ("client.list_us_treasuries()", "list[UsTreasury]"),
    ("client.list_us_corporates()", "list[UsCorporate]"),
    ("client.list_positions()", "list[Position]"),
    ("client.get_position('AAPL')", "Position"),
    ("client.close_position('AAPL', qty=1)", "Order"),
    ("client.close_all_positions()", "ClosedPosition"),
    ("client.with_raw_response.get_asset('AAPL')", "RawResponse[Asset]"),
    ("client.with_raw_response.close_position('AAPL', percentage=5)", "RawResponse[Order]"),
    ("await aclient.get_position('AAPL')", "Position"),
    ("await aclient.list_us_corporates()", "list[UsCorporate]"),
    ("await aclient.with_raw_response.close_all_positions()", "RawResponse[list["),
    ("client.get_position('AAPL').qty_decimal", "Decimal!None"),
    ("client.get_position('AAPL').cost_basis_decimal", "Decimal!None"),
    ("client.get_position('AAPL').avg_entry_price_decimal", "Decimal!None"),
    ("client.get_position('AAPL').asset_id", "UUID!None"),
    ("client.close_position('AAPL').filled_qty_decimal", "Decimal!None"),
    ("client.close_position('AAPL').created_at", "datetime!None"),
    ("client.close_position('AAPL').id", "UUID!None"),
    ("client.get_asset('AAPL').tradable", "bool!None"),
    ("client.list_us_treasuries()[0].coupon", "Decimal!None"),
    ("client.get_account().status", "str!None"),
    ("client.get_account().equity_decimal", "Decimal | None"),  # absent while ONBOARDING
]
EVERY_RESULT_SCRIPT = (
    "from alpaca_trading import AsyncClient, Client\n\n"
    "async def trade(client: Client, aclient: AsyncClient) -> None:\n"
    + "".join(f"    reveal_type({call})\n" for call, _ in EVERY_RESULT)
)


@pytest.mark.parametrize("checker", [_mypy, _pyright], ids=["mypy", "basedpyright"])
def test_every_result_has_the_type_a_user_expects(checker: Any, tmp_path: Path) -> None:
    out = checker(EVERY_RESULT_SCRIPT, tmp_path)
    revealed = [line for line in out.splitlines() if "reveal" in line.lower() or "Type of" in line]
    assert len(revealed) == len(EVERY_RESULT), out
    for (call, expected), line in zip(EVERY_RESULT, revealed, strict=True):
        shown = line.split('" is ', 1)[-1] if "Type of" in line else line.split(" is ", 1)[-1]
        shown = re.sub(r"\b(?:\w+\.)+(\w+)", r"\1", shown)  # a.b.Asset -> Asset
        wanted, _, never = expected.partition("!")
        assert wanted in shown, (call, line)
        assert "Any" not in shown, (call, line)
        if never:
            assert never not in shown, (call, line)
    assert " error" not in out.replace("0 errors", ""), out


CLOSE_ALL_SCRIPT = """
from alpaca_trading import Client

def report(client: Client) -> None:
    for result in client.close_all_positions():
        if result.order is not None:
            reveal_type(result.order)
            reveal_type(result.error)
            print(result.order.id, result.ok is True)
        else:
            reveal_type(result.error)
            print(result.error.message, result.error.available)
        if result.ok is True:
            reveal_type(result.order)
"""


@pytest.mark.parametrize("checker", [_mypy, _pyright], ids=["mypy", "basedpyright"])
def test_a_close_all_result_narrows_to_its_order_or_its_error(checker: Any, tmp_path: Path) -> None:
    """After `result.order is not None` (or `result.ok is True`) the order is an Order, never
    None, and the error is None; otherwise the error is a CloseError: no Optional to unwrap."""
    out = checker(CLOSE_ALL_SCRIPT, tmp_path)
    revealed = [line for line in out.splitlines() if "reveal" in line.lower() or "Type of" in line]
    assert len(revealed) == 4, out
    order, no_error, error, order_again = revealed
    for line in (order, order_again):
        assert "Order" in line, out
        assert "None" not in line, out
    assert "None" in no_error, out
    assert "CloseError" in error, out
    assert "None" not in error, out
    assert " error" not in out.replace("0 errors", "").replace("result.error", ""), out


@pytest.mark.parametrize("checker", [_mypy, _pyright], ids=["mypy", "basedpyright"])
def test_a_float_quantity_fails_the_type_check(checker: Any, tmp_path: Path) -> None:
    out = checker(FLOAT_QTY, tmp_path)
    assert "error" in out
    assert "float" in out, out


# ------------------------------------------------------------------ one import path


def test_every_generated_model_and_marker_is_importable_from_alpaca_trading() -> None:
    for name in alpaca_trading_api.models.__all__:
        assert getattr(alpaca_trading, name) is getattr(alpaca_trading_api.models, name)
        assert name in alpaca_trading.__all__
    assert alpaca_trading.UNSET is alpaca_trading_api.types.UNSET
    assert isinstance(UNSET, Unset)


def test_unset_prints_readably_and_is_falsy() -> None:
    position = Position.from_dict(load_fixture("position_crypto.json"))
    assert repr(position.usd) == "UNSET"
    assert "UNSET" in repr(position)
    assert "object at 0x" not in repr(position)
    assert not UNSET


# ------------------------------------------------------------------ required vs optional decimals


def test_required_decimal_accessors_are_decimals_and_optional_ones_may_be_none() -> None:
    position = Position.from_dict(load_fixture("positions.json")[3])  # unpriceable
    assert position.qty_decimal == Decimal(position.qty)
    assert position.market_value_decimal is None
    assert position.swap_rate_decimal is None  # absent: a USD account
    broken = Position.from_dict({**load_fixture("position_crypto.json"), "qty": None})
    with pytest.raises(TypeError, match="required decimal"):
        _ = broken.qty_decimal


def test_a_position_held_in_another_currency_has_typed_usd_values() -> None:
    body = load_fixture("position_local_currency.json")
    client = Client(KEY, SECRET, transport=Script(json_response(200, body)).sync())
    position = client.get_position("AAPL")
    assert position.swap_rate_decimal == Decimal("125.00")
    assert position.avg_entry_swap_rate_decimal == Decimal("121.9468")
    assert position.prev_swap_rate_decimal == Decimal("125.59")
    assert isinstance(position.usd, USDPositionValues)
    assert position.usd.market_value_decimal == Decimal(2170)
    assert position.usd.unrealized_plpc_decimal == Decimal("0.0046296296296296")
    assert position.usd["cost_basis_extra_field_seen_later"] == "1"
    assert json.loads(position.to_json()) == body
    null_usd = Position.from_dict({**body, "usd": None})
    assert null_usd.usd is None


# ------------------------------------------------------------------ JSON round trips


def _models_in(name: str, body: Any) -> list[tuple[type[Any], dict[str, Any]]]:
    """(model class, JSON object) for every success body a fixture holds."""
    if name.startswith("error_"):
        return [(alpaca_trading.Error, body)]
    if name.startswith("account"):
        return [(Account, body)]
    if name.startswith("asset"):
        return [(Asset, item) for item in (body if isinstance(body, list) else [body])]
    if name.startswith("position"):
        return [(Position, item) for item in (body if isinstance(body, list) else [body])]
    if name.startswith("order"):
        return [(Order, body)]
    if name.startswith("option_contract"):
        return [(alpaca_trading.OptionContract, body)]
    if name.startswith("close_all"):
        return [(Order, e["body"]) for e in body if e["status"] == 200]
    raise AssertionError(f"no model known for fixture {name}: add it here")


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.json")))
def test_every_fixture_round_trips_through_to_json_exactly(name: str) -> None:
    pairs = _models_in(name, load_fixture(name))
    assert pairs
    for model, body in pairs:
        parsed = model.from_dict(body)
        text = parsed.to_json()
        assert json.loads(text) == body  # decimals, timestamps (to the nanosecond), unknowns
        assert model.from_json(text) == parsed
        assert model.from_json(text.encode()).to_json() == text


def test_from_json_refuses_what_is_not_an_object() -> None:
    with pytest.raises(TypeError, match="JSON object"):
        Account.from_json("[1, 2]")


def test_timestamps_keep_their_text_and_a_datetime_set_by_the_user_is_rfc3339() -> None:
    order = Order.from_dict(load_fixture("order_close_crypto.json"))
    assert isinstance(order.created_at, Timestamp)
    assert order.created_at == datetime.datetime(
        2026, 9, 16, 14, 30, 1, 534279, tzinfo=datetime.UTC
    )
    later = order.created_at + datetime.timedelta(seconds=1)
    assert format_timestamp(later) == "2026-09-16T14:30:02.534279Z"
    order.created_at = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    assert json.loads(order.to_json())["created_at"] == "2026-01-02T03:04:05Z"


# ------------------------------------------------------------------ typed 403 details


def test_403_details_are_typed_alike_on_the_error_and_on_a_close_all_entry() -> None:
    body = load_fixture("error_403_insufficient_qty.json")
    client = Client(KEY, SECRET, transport=Script(json_response(403, body)).sync())
    with pytest.raises(PermissionDeniedError) as raised:
        client.close_position("AAPL", qty=20)
    error = raised.value
    assert error.available == Decimal(8)
    assert error.existing_qty == Decimal(10)
    assert error.held_for_orders == Decimal(2)
    assert error.symbol == "AAPL"
    assert error.related_orders == ["0a2bb6b4-6c4e-4e3e-8a3b-2f5d1e1c6c01"]
    assert error.refusal == Refusal.from_body(body)

    close_all = load_fixture("close_all_207_mixed.json")
    client = Client(KEY, SECRET, transport=Script(json_response(207, close_all)).sync())
    refused = next(r for r in client.close_all_positions() if r.status == 403)
    assert refused.error is not None
    entry = close_all[[e["symbol"] for e in close_all].index(refused.symbol)]["body"]
    expected = Refusal.from_body(entry)
    for field in ("available", "existing_qty", "held_for_orders", "symbol", "related_orders"):
        assert getattr(refused.error, field) == getattr(expected, field)
        assert type(getattr(refused.error, field)) is type(getattr(expected, field))
    assert isinstance(refused.error.available, Decimal)


@pytest.mark.parametrize(
    "extras",
    [
        {},
        {"available": "NaN", "symbol": 7, "related_orders": "x"},
        {"available": "1" * 500, "held_for_orders": None},
        {"available": 8},
    ],
)
def test_malformed_403_details_are_none_not_an_exception(extras: dict[str, Any]) -> None:
    body = {"code": 40310000, "message": "refused", **extras}
    client = Client(KEY, SECRET, transport=Script(json_response(403, body)).sync())
    with pytest.raises(PermissionDeniedError) as raised:
        client.get_account()
    assert raised.value.available is None
    assert raised.value.held_for_orders is None
    assert raised.value.symbol is None
    assert raised.value.related_orders == []


# ------------------------------------------------------------------ typed raw responses


def test_with_raw_response_returns_the_parsed_model_and_the_headers() -> None:
    body = load_fixture("account_live.json")
    client = Client(KEY, SECRET, transport=Script(json_response(200, body)).sync())
    raw = client.with_raw_response.get_account(timeout=5)
    assert isinstance(raw.parsed, Account)
    assert raw.status_code == 200
    assert raw.ratelimit_remaining == 150
    assert json.loads(raw.content) == body


@pytest.mark.anyio
async def test_async_with_raw_response_is_the_same() -> None:
    body = load_fixture("positions.json")

    def answer(request: httpx.Request) -> httpx.Response:
        return json_response(200, body)

    async with AsyncClient(KEY, SECRET, transport=httpx.MockTransport(answer)) as client:
        raw = await client.with_raw_response.list_positions(max_retries=0)
        assert [p.symbol for p in raw.parsed] == [p["symbol"] for p in body]
        assert raw.request_id is not None


# ------------------------------------------------------------------ the generated package's paths


def test_generated_endpoints_build_paths_by_the_clients_rule() -> None:
    assert get_open_position._get_kwargs("BTC/USD")["url"] == "/v2/positions/BTCUSD"
    assert get_open_position._get_kwargs("BTC%2FUSD")["url"] == "/v2/positions/BTCUSD"
    assert delete_open_position._get_kwargs("BTC/USD")["url"] == "/v2/positions/BTCUSD"
    assert get_asset._get_kwargs("BTC/USD")["url"] == "/v2/assets/BTC%2FUSD"
    assert get_asset._get_kwargs("BTC%2FUSD")["url"] == "/v2/assets/BTC%2FUSD"
    asset_id = UUID("b0b6dd9d-8b9b-48a9-ba46-b9d54906e415")
    assert get_asset._get_kwargs(asset_id)["url"] == f"/v2/assets/{asset_id}"  # type: ignore[arg-type]
    for bad in (".", "..", "%2E%2E", "", " ", "a/b/c", "AAPL\n"):
        with pytest.raises(ValueError, match="symbol_or_asset_id"):
            get_open_position._get_kwargs(bad)


@given(st.text(max_size=40))
def test_a_generated_path_is_refused_or_one_segment_that_decodes_back(text: str) -> None:
    from urllib.parse import unquote

    try:
        url = get_asset._get_kwargs(text)["url"]
    except ValueError:
        return
    segment = url.removeprefix("/v2/assets/")
    assert "/" not in segment
    assert segment not in {"", ".", ".."}
    decoded = unquote(segment)
    assert decoded in (text, unquote(text))
    assert httpx.URL("http://h" + url).path == "/v2/assets/" + decoded


# ------------------------------------------------------------------ README


def test_the_readme_documents_every_environment_variable_the_client_reads() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    read: set[str] = set()
    for source in (ROOT / "overrides" / "alpaca_trading").glob("*.py"):
        read.update(re.findall(r"\bAPCA_[A-Z_]+\b", source.read_text(encoding="utf-8")))
    assert {"APCA_API_KEY_ID", "APCA_API_SECRET_KEY", "APCA_API_OAUTH_TOKEN"} <= read
    assert "APCA_API_BASE_URL" in read
    for name in sorted(read):
        assert f"`{name}`" in readme, f"README does not document {name}"
    for extra in ("pip install alpaca-trading-kit", "[mock]", "[conformance]"):
        assert extra in readme


# ------------------------------------------------------------------ misuse the checkers catch

MISUSE = """
import enum
from alpaca_trading import Client

class Colour(enum.Enum):
    RED = "red"

client = Client()
client.list_assets(status="actve")
client.list_assets(asset_class=Colour.RED)
client.list_assets(attributes="has_options")
client.list_us_treasuries(subtype="t-bill")
client.list_us_treasuries(cusips="912810UG1")
client.list_us_corporates(bond_status="gone", tickers="BAC")
client.close_position("AAPL", qty=1, percentage=50)
client.with_raw_response.close_position("AAPL", qty="1", percentage="50")
"""

WELL_TYPED = """
from decimal import Decimal
from alpaca_trading import AssetClassKnown, BondStatusKnown, Client

client = Client()
maybe: Decimal | None = None
client.close_position("AAPL", qty=Decimal("1.5"))
client.close_position("AAPL", percentage="50")
client.close_position("AAPL")
client.close_position("AAPL", qty=maybe)
client.with_raw_response.close_position("AAPL", percentage=50)
client.list_assets(status="active", asset_class=AssetClassKnown.CRYPTO, attributes=["ipo"])
client.list_us_treasuries(subtype="note", cusips=("912810UG1",))
client.list_us_corporates(bond_status=BondStatusKnown.OUTSTANDING, tickers=["BAC"])
"""


@pytest.mark.parametrize("checker", [_mypy, _pyright], ids=["mypy", "basedpyright"])
def test_misused_filters_are_type_errors_and_right_ones_are_not(
    checker: Any, tmp_path: Path
) -> None:
    misuse = checker(MISUSE, tmp_path)
    lines = {
        int(found.group(1))
        for found in re.finditer(r"trader\.py:(\d+)(?::\d+)*:?\s+-?\s*error", misuse)
    }
    calls = {
        number
        for number, line in enumerate(textwrap.dedent(MISUSE).splitlines(), start=1)
        if line.startswith("client.")
    }
    assert len(calls) == 8
    assert calls <= lines, misuse  # every misused call is an error (the last one, two)
    fine = checker(WELL_TYPED, tmp_path)
    assert "error" not in fine.replace("0 errors", ""), fine


BOOL_AMOUNT = """
from alpaca_trading import Client

client = Client()
client.close_position("AAPL", qty=True)
client.with_raw_response.close_position("AAPL", percentage=False)
client.close_position("AAPL", qty=1)
"""


def test_a_bool_amount_is_flagged_by_both_checkers(tmp_path: Path) -> None:
    """bool is an int to a checker, so no signature can refuse qty=True outright; the
    deprecated overloads make pyright warn, and mypy too once its `deprecated` code is on.
    At run time it is a TypeError (test_client)."""
    pyright = _pyright(BOOL_AMOUNT, tmp_path)
    flagged = re.findall(r"trader\.py:(\d+):\d+ - \w+: [^\n]*deprecated", pyright)
    assert sorted(set(flagged)) == ["5", "6"], pyright
    script = tmp_path / "trader.py"
    script.write_text(textwrap.dedent(BOOL_AMOUNT))
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
         "--enable-error-code", "deprecated", str(script)],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    ).stdout  # fmt: skip
    errors = re.findall(r"trader\.py:(\d+): error: [^\n]*deprecated", mypy)
    assert sorted(set(errors)) == ["5", "6"], mypy


@pytest.mark.parametrize(
    ("alias", "enum"),
    [
        (alpaca_trading.AssetStatusFilter, alpaca_trading.AssetStatusKnown),
        (alpaca_trading.AssetClassFilter, alpaca_trading.AssetClassKnown),
        (alpaca_trading.ExchangeFilter, alpaca_trading.ExchangeKnown),
        (alpaca_trading.AssetAttributeFilter, alpaca_trading.AssetAttributeKnown),
        (alpaca_trading.TreasurySubtypeFilter, alpaca_trading.TreasurySubtypeKnown),
        (alpaca_trading.BondStatusFilter, alpaca_trading.BondStatusKnown),
    ],
)
def test_each_filters_literal_values_are_its_enums(alias: Any, enum: Any) -> None:
    import typing

    literal, known = typing.get_args(alias)
    assert known is enum
    assert set(typing.get_args(literal)) == {member.value for member in enum}
