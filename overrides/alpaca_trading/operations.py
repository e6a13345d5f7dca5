"""The operations as request descriptions: method, path, query, and how to parse.

Why not the generated `_get_kwargs`: it quotes path parameters with safe="", which encodes an
already encoded BTC%2FUSD a second time and leaves "." and ".." for httpx to collapse into
another path (toolchain notes §2). The segments here come from symbols.py, already checked.
Bodies are parsed by the generated models, which keep unknown fields and unknown enum values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
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
    OptionContract,
    OptionContracts,
    OptionStyleKnown,
    OptionTypeKnown,
    Order,
    Position,
    TreasurySubtypeKnown,
    UsCorporate,
    UsTreasury,
)

from alpaca_trading.decimals import close_amount, price_input
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
OptionTypeFilter: TypeAlias = Literal["call", "put"] | OptionTypeKnown
"""An option type to filter by."""
OptionStyleFilter: TypeAlias = Literal["american", "european"] | OptionStyleKnown
"""An exercise style to filter by."""
Symbols: TypeAlias = list[str] | tuple[str, ...]
"""Underlying symbols to filter by: a list or tuple, never a bare str."""
MAX_OPTION_PAGE = 10_000  # Alpaca's largest `limit` for option contracts


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
    has_body: bool = True  # False: the answer is the status alone (exercise), parsed as None
    # parse gives the spec's model (or list of models) itself, so typed_decoding may build it
    typed: bool = False

    @property
    def idempotent(self) -> bool:
        """Closing or exercising a position is not: sent twice, it could sell twice."""
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
    parse = _list_of(Position.from_dict)
    return Call("getAllOpenPositions", "GET", "/v2/positions", parse, typed=True)


def get_position(symbol_or_asset_id: SymbolOrAssetId) -> Call[Position]:
    """GET /v2/positions/{symbol_or_asset_id} (a pair is sent as BTCUSD)."""
    path = f"/v2/positions/{position_segment(symbol_or_asset_id)}"
    return Call("getOpenPosition", "GET", path, Position.from_dict, typed=True)


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


def _day(value: date | None, argument: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{argument} must be a datetime.date (a day, no time), got {shown(value)}")
    return value.isoformat()


def _flag(value: bool | None, argument: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, bool):
        raise TypeError(f"{argument} must be True or False, got {shown(value)}")
    return "true" if value else "false"


def option_contracts_query(
    underlying_symbols: Symbols | None = None,
    status: AssetStatusFilter | None = None,
    expiration_date: date | None = None,
    expiration_date_gte: date | None = None,
    expiration_date_lte: date | None = None,
    root_symbol: str | None = None,
    type: OptionTypeFilter | None = None,
    style: OptionStyleFilter | None = None,
    strike_price_gte: Amount | None = None,
    strike_price_lte: Amount | None = None,
    ppind: bool | None = None,
    show_deliverables: bool | None = None,
    limit: int | None = None,
) -> dict[str, str]:
    """The query of GET /v2/options/contracts, every filter checked before anything is sent."""
    if underlying_symbols is not None:
        string_list(underlying_symbols, "underlying_symbols", "['AAPL', 'SPY']")
    if limit is not None and (
        isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_OPTION_PAGE
    ):
        raise ValueError(
            f"limit must be a whole number from 1 to {MAX_OPTION_PAGE:,}, got {shown(limit)}"
        )
    return _filters(
        underlying_symbols=(
            ",".join(
                str(_text(s, f"underlying_symbols[{i}]")) for i, s in enumerate(underlying_symbols)
            )
            if underlying_symbols is not None
            else None
        ),
        show_deliverables=_flag(show_deliverables, "show_deliverables"),
        status=_text(status, "status"),
        expiration_date=_day(expiration_date, "expiration_date"),
        expiration_date_gte=_day(expiration_date_gte, "expiration_date_gte"),
        expiration_date_lte=_day(expiration_date_lte, "expiration_date_lte"),
        root_symbol=_text(root_symbol, "root_symbol"),
        type=_text(type, "type"),
        style=_text(style, "style"),
        strike_price_gte=(
            price_input(strike_price_gte, "strike_price_gte")
            if strike_price_gte is not None
            else None
        ),
        strike_price_lte=(
            price_input(strike_price_lte, "strike_price_lte")
            if strike_price_lte is not None
            else None
        ),
        ppind=_flag(ppind, "ppind"),
        limit=str(limit) if limit is not None else None,
    )


def list_option_contracts(query: dict[str, str], page_token: str | None) -> Call[OptionContracts]:
    """GET /v2/options/contracts: one page of the query (option_contracts_query)."""
    params = dict(query)
    if page_token is not None:
        if not isinstance(page_token, str) or not page_token or len(page_token) > 4096:
            raise ValueError(f"page_token must be a next_page_token, got {shown(page_token)}")
        params["page_token"] = page_token
    path = "/v2/options/contracts"
    return Call("getOptionContracts", "GET", path, OptionContracts.from_dict, params, typed=True)


def get_option_contract(symbol_or_id: SymbolOrAssetId) -> Call[OptionContract]:
    """GET /v2/options/contracts/{symbol_or_id}: an OCC symbol or the contract's id."""
    path = f"/v2/options/contracts/{asset_segment(symbol_or_id)}"
    return Call("getOptionContract", "GET", path, OptionContract.from_dict, typed=True)


def _no_body(_: Any) -> None:
    return None


def exercise_position(symbol_or_contract_id: SymbolOrAssetId) -> Call[None]:
    """POST /v2/positions/{symbol_or_contract_id}/exercise: nothing sent, no body back."""
    path = f"/v2/positions/{position_segment(symbol_or_contract_id)}/exercise"
    return Call("exerciseOptionPosition", "POST", path, _no_body, has_body=False)


def do_not_exercise_position(symbol_or_contract_id: SymbolOrAssetId) -> Call[None]:
    """POST /v2/positions/{symbol_or_contract_id}/do-not-exercise: nothing sent or answered."""
    path = f"/v2/positions/{position_segment(symbol_or_contract_id)}/do-not-exercise"
    return Call("doNotExerciseOptionPosition", "POST", path, _no_body, has_body=False)
