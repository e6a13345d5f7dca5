"""The operations as request descriptions: method, path, query, and how to parse.

Why not the generated `_get_kwargs`: it quotes path parameters with safe="", which encodes an
already encoded BTC%2FUSD a second time and leaves "." and ".." for httpx to collapse into
another path (toolchain notes §2). The segments here come from symbols.py, already checked.
Bodies are parsed by the generated models, which keep unknown fields and unknown enum values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, Literal, TypeAlias, TypeVar
from uuid import UUID

import httpx
from alpaca_trading_api.models import (
    Account,
    Asset,
    AssetAttributeKnown,
    AssetClassKnown,
    AssetStatusKnown,
    BondStatusKnown,
    ExchangeKnown,
    Order,
    Position,
    TreasurySubtypeKnown,
    UsCorporate,
    UsTreasury,
)

from alpaca_trading.decimals import close_amount
from alpaca_trading.identifiers import identifier_list, shown, string_list
from alpaca_trading.results import ClosePositionResult, parse_close_all
from alpaca_trading.symbols import asset_segment, position_segment

T = TypeVar("T")
M = TypeVar("M")

SymbolOrAssetId: TypeAlias = str | UUID
"""A symbol ("AAPL", "BTC/USD"), an asset id (uuid.UUID or its text), or a CUSIP."""
Timeout: TypeAlias = float | httpx.Timeout
"""Seconds one attempt may take in all, or an httpx.Timeout setting each phase."""
Amount: TypeAlias = Decimal | int | str
"""A quantity or percentage: exact (Decimal, int, or a decimal string), never a float."""

# Filters take the spec's values only, as Literal strings or members of its Known enums, so a
# type checker refuses `status="actve"`; tests/test_typed_client.py holds each Literal to its
# enum's values, so the two cannot drift apart.
AssetStatusFilter: TypeAlias = Literal["active", "inactive"] | AssetStatusKnown
"""An asset status to filter by."""
AssetClassFilter: TypeAlias = (
    Literal["us_equity", "us_option", "crypto", "crypto_perp", "treasury", "corporate",
            "global_equity", "us_index", "us_equity_chain", "ipo"]
    | AssetClassKnown
)  # fmt: skip
"""An asset class to filter by."""
ExchangeFilter: TypeAlias = (
    Literal["AMEX", "ARCA", "BATS", "NYSE", "NASDAQ", "NYSEARCA", "OTC", "CRYPTO", "ASCX"]
    | ExchangeKnown
)
"""An exchange to filter by."""
AssetAttributeFilter: TypeAlias = (
    Literal["ptp_no_exception", "ptp_with_exception", "ipo", "has_options",
            "options_late_close", "fractional_eh_enabled", "overnight_tradable",
            "overnight_halted"]
    | AssetAttributeKnown
)  # fmt: skip
"""An asset attribute to filter by."""
AssetAttributes: TypeAlias = list[AssetAttributeFilter] | tuple[AssetAttributeFilter, ...]
"""Attributes to filter by (any of them): a list or tuple, never a bare str."""
TreasurySubtypeFilter: TypeAlias = (
    Literal["bond", "bill", "note", "strips", "tips", "floating"] | TreasurySubtypeKnown
)
"""A treasury subtype to filter by."""
BondStatusFilter: TypeAlias = Literal["outstanding", "matured", "pre_issuance"] | BondStatusKnown
"""A bond status to filter by."""
Identifiers: TypeAlias = list[str] | tuple[str, ...]
"""CUSIPs, ISINs or tickers to filter by: a list or tuple, never a bare str."""


@dataclass(frozen=True)
class Call(Generic[T]):
    """One request, and how to turn its decoded JSON body into the typed answer.

    `parse` is given a body decoded for it alone, and may consume it (see `_list_of`)."""

    operation: str
    method: str
    path: str
    parse: Callable[[Any], T]
    params: dict[str, str] = field(default_factory=dict)
    exact_numbers: bool = False  # decode JSON numbers with a fraction as Decimal, not float

    @property
    def idempotent(self) -> bool:
        """Closing a position is not: sent twice, it could sell twice."""
        return self.method == "GET"


def _text(value: str | Enum | None, argument: str) -> str | None:
    if value is None:
        return None
    text = value.value if isinstance(value, Enum) else value
    if not isinstance(text, str) or not text or "," in text:
        raise ValueError(
            f"{argument} must be a non-empty string without commas, got {shown(value)}"
        )
    return text


def _list_of(model: Callable[[Any], M]) -> Callable[[Any], list[M]]:
    """Parse a JSON array of objects into models, in place over the decoded list.

    Each decoded dict is released as soon as its model exists, so the garbage collector never
    walks 35,000 dicts and 35,000 models at once: for the asset list, 2 full collections
    instead of 3 and 245 ms instead of 266-306 ms, and a lower peak. Safe because the list
    was decoded for this call alone.
    """

    def parse(data: Any) -> list[M]:
        if not isinstance(data, list):
            raise TypeError(f"expected a JSON array, got {type(data).__name__}")
        for index, item in enumerate(data):
            data[index] = model(item)
        return data

    return parse


def _inside(key: str, model: Callable[[Any], M]) -> Callable[[Any], list[M]]:
    """Parse `{key: [...]}` (the fixed-income answers' shape) into the list of models."""
    parse_list = _list_of(model)

    def parse(data: Any) -> list[M]:
        if not isinstance(data, dict):
            raise TypeError(f"expected a JSON object with {key!r}, got {type(data).__name__}")
        return parse_list(data[key])

    return parse


def _filters(**given: str | None) -> dict[str, str]:
    return {name: text for name, text in given.items() if text is not None}


def _tickers(tickers: Identifiers | None) -> str | None:
    if tickers is None:
        return None
    string_list(tickers, "tickers", "['BAC', 'MSFT']")
    return ",".join(str(_text(ticker, f"tickers[{i}]")) for i, ticker in enumerate(tickers))


def get_account() -> Call[Account]:
    """GET /v2/account."""
    return Call("getAccount", "GET", "/v2/account", Account.from_dict)


def list_assets(
    status: AssetStatusFilter | None = None,
    asset_class: AssetClassFilter | None = None,
    exchange: ExchangeFilter | None = None,
    attributes: AssetAttributes | None = None,
) -> Call[list[Asset]]:
    """GET /v2/assets with the filters given; each a non-empty string without commas."""
    params = {
        name: text
        for name, text in (
            ("status", _text(status, "status")),
            ("asset_class", _text(asset_class, "asset_class")),
            ("exchange", _text(exchange, "exchange")),
        )
        if text is not None
    }
    if attributes is not None:
        if isinstance(attributes, str) or not attributes:
            raise ValueError("attributes must be a non-empty list of strings, e.g. ['has_options']")
        params["attributes"] = ",".join(str(_text(a, "attributes")) for a in attributes)
    return Call("getAssets", "GET", "/v2/assets", _list_of(Asset.from_dict), params)


def get_asset(symbol_or_asset_id: SymbolOrAssetId) -> Call[Asset]:
    """GET /v2/assets/{symbol_or_asset_id} (a pair is sent as BTC%2FUSD)."""
    path = f"/v2/assets/{asset_segment(symbol_or_asset_id)}"
    return Call("getAsset", "GET", path, Asset.from_dict)


def list_positions() -> Call[list[Position]]:
    """GET /v2/positions."""
    return Call("getAllOpenPositions", "GET", "/v2/positions", _list_of(Position.from_dict))


def get_position(symbol_or_asset_id: SymbolOrAssetId) -> Call[Position]:
    """GET /v2/positions/{symbol_or_asset_id} (a pair is sent as BTCUSD)."""
    path = f"/v2/positions/{position_segment(symbol_or_asset_id)}"
    return Call("getOpenPosition", "GET", path, Position.from_dict)


def close_position(
    symbol_or_asset_id: SymbolOrAssetId,
    qty: Amount | None = None,
    percentage: Amount | None = None,
) -> Call[Order]:
    """DELETE /v2/positions/{symbol_or_asset_id}, with qty or percentage checked first."""
    path = f"/v2/positions/{position_segment(symbol_or_asset_id)}"
    return Call(
        "deleteOpenPosition", "DELETE", path, Order.from_dict, close_amount(qty, percentage)
    )


def close_all_positions(cancel_orders: bool = False) -> Call[list[ClosePositionResult]]:
    """DELETE /v2/positions; cancel_orders is sent only when True, as alpaca-py does."""
    if not isinstance(cancel_orders, bool):
        raise TypeError(f"cancel_orders must be True or False, got {cancel_orders!r}")
    params = {"cancel_orders": "true"} if cancel_orders else {}
    return Call("deleteAllOpenPositions", "DELETE", "/v2/positions", parse_close_all, params)


def list_us_treasuries(
    subtype: TreasurySubtypeFilter | None = None,
    bond_status: BondStatusFilter | None = None,
    cusips: Identifiers | None = None,
    isins: Identifiers | None = None,
) -> Call[list[UsTreasury]]:
    """GET /v2/assets/fixed_income/us_treasuries; CUSIPs and ISINs checked by check digit."""
    params = _filters(
        subtype=_text(subtype, "subtype"),
        bond_status=_text(bond_status, "bond_status"),
        cusips=identifier_list(cusips, "cusips"),
        isins=identifier_list(isins, "isins"),
    )
    path = "/v2/assets/fixed_income/us_treasuries"
    parse = _inside("us_treasuries", UsTreasury.from_dict)
    return Call("getUsTreasuries", "GET", path, parse, params, exact_numbers=True)


def list_us_corporates(
    bond_status: BondStatusFilter | None = None,
    cusips: Identifiers | None = None,
    isins: Identifiers | None = None,
    tickers: Identifiers | None = None,
) -> Call[list[UsCorporate]]:
    """GET /v2/assets/fixed_income/us_corporates; CUSIPs and ISINs checked by check digit."""
    params = _filters(
        bond_status=_text(bond_status, "bond_status"),
        isins=identifier_list(isins, "isins"),
        cusips=identifier_list(cusips, "cusips"),
        tickers=_tickers(tickers),
    )
    path = "/v2/assets/fixed_income/us_corporates"
    parse = _inside("us_corporates", UsCorporate.from_dict)
    return Call("getUsCorporates", "GET", path, parse, params, exact_numbers=True)
