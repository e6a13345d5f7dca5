"""Each operation once: its signature, its documentation and the request it sends.

This is the one place a new operation is written. The operations are written as AsyncClient's
(awaited); scripts/derive_faces writes the other three faces from them into faces.py (Client's,
by removing async and await as httpcore's unasync does, and both ``with_raw_response``
classes, by returning the whole RawResponse instead of ``.parsed``), so overloads, defaults
and docstrings are the same in all four. tests/test_faces.py fails when faces.py is stale.

A method here builds its request description (operations.py), which checks every argument
before anything is sent, and hands it to ``_send``: the client's one request loop (client.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TypeVar, overload

from alpaca_trading_api.models import (
    Account,
    Asset,
    OptionContract,
    Order,
    Position,
    UsCorporate,
    UsTreasury,
)
from typing_extensions import deprecated

from alpaca_trading import operations as ops
from alpaca_trading.operations import (
    Amount,
    AssetAttributes,
    AssetClassFilter,
    AssetStatusFilter,
    BondStatusFilter,
    Call,
    ExchangeFilter,
    Identifiers,
    OptionStyleFilter,
    OptionTypeFilter,
    SymbolOrAssetId,
    Symbols,
    Timeout,
    TreasurySubtypeFilter,
)
from alpaca_trading.pagination import DEFAULT_MAX_PAGES, AsyncPages, Page
from alpaca_trading.responses import RawResponse
from alpaca_trading.results import ClosePositionResult

T = TypeVar("T")


class AsyncCalls:
    """The operations of AsyncClient, each returning the parsed answer."""

    async def _send(
        self,
        call: Call[T],
        timeout: Timeout | None,
        extra_headers: Mapping[str, str] | None,
        max_retries: int | None,
    ) -> RawResponse[T]:
        """Send the call with the client's retry policy and return the whole answer."""
        raise NotImplementedError

    async def get_account(
        self,
        *,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Account:
        """GET /v2/account: the account's status, cash, buying power and equity.

        Money fields are decimal strings; ``account.equity_decimal`` and the other
        ``*_decimal`` accessors give exact Decimals. A status Alpaca adds later stays a str.

        Args:
            timeout, extra_headers, max_retries: this call's options (see the class).

        Raises:
            AuthenticationError: 401, wrong key or secret.
            RateLimitError: 429 once the retries are spent.
            APIConnectionError, APITimeoutError, ServerError, ResponseDecodeError: see errors.
        """
        call = ops.get_account()
        return (await self._send(call, timeout, extra_headers, max_retries)).parsed

    async def list_assets(
        self,
        *,
        status: AssetStatusFilter | None = None,
        asset_class: AssetClassFilter | None = None,
        exchange: ExchangeFilter | None = None,
        attributes: AssetAttributes | None = None,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> list[Asset]:
        """GET /v2/assets: the assets that match every filter given (all 35,000 without one).

        Args:
            status: "active" or "inactive" (an AssetStatusKnown or a str).
            asset_class: "us_equity", "us_option" or "crypto".
            exchange: e.g. "NASDAQ", "CRYPTO".
            attributes: assets having any of these, e.g. ["has_options"]; sent comma-joined.
            timeout, extra_headers, max_retries: this call's options (see the class).

        Raises:
            ValueError: an empty filter, a comma inside one, or an empty attributes list.
            UnprocessableEntityError: 422, a filter value Alpaca does not know.
        """
        call = ops.list_assets(status, asset_class, exchange, attributes)
        return (await self._send(call, timeout, extra_headers, max_retries)).parsed

    async def get_asset(
        self,
        symbol_or_asset_id: SymbolOrAssetId,
        *,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Asset:
        """GET /v2/assets/{symbol_or_asset_id}: one asset by symbol, asset id or CUSIP.

        Quirk handled: a crypto pair is sent percent-encoded ("BTC/USD" → BTC%2FUSD, never
        BTC%252FUSD); "", ".", ".." and other slashes are refused before anything is sent.

        Args:
            symbol_or_asset_id: "AAPL", "BTC/USD", a uuid.UUID or its text.
            timeout, extra_headers, max_retries: this call's options (see the class).

        Raises:
            ValueError, TypeError: a symbol that cannot be sent as one path segment.
            NotFoundError: 404, no such asset.
        """
        call = ops.get_asset(symbol_or_asset_id)
        return (await self._send(call, timeout, extra_headers, max_retries)).parsed

    async def list_us_treasuries(
        self,
        *,
        subtype: TreasurySubtypeFilter | None = None,
        bond_status: BondStatusFilter | None = None,
        cusips: Identifiers | None = None,
        isins: Identifiers | None = None,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> list[UsTreasury]:
        """GET /v2/assets/fixed_income/us_treasuries: US treasuries, sorted by ISIN.

        Numbers are exact: coupon, prices (percent of par) and yields (percent a year) are
        Decimals, decoded from Alpaca's JSON numbers without passing through a float.

        Args:
            subtype: "bill", "note", "bond", "strips", "tips" or "floating".
            bond_status: "outstanding", "matured" or "pre_issuance".
            cusips: only these CUSIPs (1 to 1,000), each checked by its check digit first.
            isins: only these ISINs (1 to 1,000), each checked by its check digit first.
            timeout, extra_headers, max_retries: this call's options (see the class).

        Raises:
            ValueError, TypeError: a CUSIP or ISIN whose check digit is wrong (named with its
                index), a str where a list is expected, an empty filter.
            BadRequestError: 400, a filter value Alpaca refuses.
        """
        call = ops.list_us_treasuries(subtype, bond_status, cusips, isins)
        return (await self._send(call, timeout, extra_headers, max_retries)).parsed

    async def list_us_corporates(
        self,
        *,
        bond_status: BondStatusFilter | None = None,
        cusips: Identifiers | None = None,
        isins: Identifiers | None = None,
        tickers: Identifiers | None = None,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> list[UsCorporate]:
        """GET /v2/assets/fixed_income/us_corporates: US corporate bonds, sorted by ISIN.

        Numbers are exact Decimals (coupon, prices as percent of par, yields, sizes).

        Args:
            bond_status: "outstanding", "matured" or "pre_issuance".
            cusips, isins: as for list_us_treasuries, checked by their check digits.
            tickers: only bonds of these issuers (1 to 1,000), e.g. ["BAC", "MSFT"].
            timeout, extra_headers, max_retries: this call's options (see the class).

        Raises:
            ValueError, TypeError: a CUSIP or ISIN whose check digit is wrong, an empty filter.
            BadRequestError: 400, a filter value Alpaca refuses.
        """
        call = ops.list_us_corporates(bond_status, cusips, isins, tickers)
        return (await self._send(call, timeout, extra_headers, max_retries)).parsed

    async def list_positions(
        self,
        *,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> list[Position]:
        """GET /v2/positions: every open position (``[]`` when there is none).

        Shorts have negative qty and side "short"; crypto positions are keyed without the
        slash (symbol "BTCUSD"); price fields are None for an asset without a price.

        Args:
            timeout, extra_headers, max_retries: this call's options (see the class).
        """
        call = ops.list_positions()
        return (await self._send(call, timeout, extra_headers, max_retries)).parsed

    async def get_position(
        self,
        symbol_or_asset_id: SymbolOrAssetId,
        *,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Position:
        """GET /v2/positions/{symbol_or_asset_id}: the open position in one asset.

        Quirk handled: positions are keyed by the pair without its slash, so "BTC/USD" (or
        "BTC%2FUSD") is sent as BTCUSD.

        Args:
            symbol_or_asset_id: "AAPL", "BTC/USD", "BTCUSD", or the asset's id.
            timeout, extra_headers, max_retries: this call's options (see the class).

        Raises:
            ValueError, TypeError: a symbol that cannot be sent as one path segment.
            NotFoundError: 404, no open position in that asset.
        """
        call = ops.get_position(symbol_or_asset_id)
        return (await self._send(call, timeout, extra_headers, max_retries)).parsed

    # qty, percentage or neither (the whole position): never both, which checkers refuse. A
    # bool is an int to a checker; the first two overloads make it a deprecation warning
    # (pyright; mypy with --enable-error-code deprecated), and close_amount refuses it.
    @overload
    @deprecated("qty=True or False is a bool, not an amount: it is refused (TypeError)")
    async def close_position(
        self,
        symbol_or_asset_id: SymbolOrAssetId,
        *,
        qty: bool,
        percentage: None = None,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Order: ...
    @overload
    @deprecated("percentage=True or False is a bool, not an amount: it is refused (TypeError)")
    async def close_position(
        self,
        symbol_or_asset_id: SymbolOrAssetId,
        *,
        qty: None = None,
        percentage: bool,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Order: ...
    @overload
    async def close_position(
        self,
        symbol_or_asset_id: SymbolOrAssetId,
        *,
        qty: Amount,
        percentage: None = None,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Order: ...
    @overload
    async def close_position(
        self,
        symbol_or_asset_id: SymbolOrAssetId,
        *,
        qty: None = None,
        percentage: Amount,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Order: ...
    @overload
    async def close_position(
        self,
        symbol_or_asset_id: SymbolOrAssetId,
        *,
        qty: None = None,
        percentage: None = None,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Order: ...
    async def close_position(
        self,
        symbol_or_asset_id: SymbolOrAssetId,
        *,
        qty: Amount | None = None,
        percentage: Amount | None = None,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Order:
        """DELETE /v2/positions/{symbol_or_asset_id}: close all or part of a position with a
        market order, and return that order.

        Never resent once it may have reached Alpaca (a resend could sell twice): a timeout
        or dropped connection after sending is an error, not a retry.

        Args:
            symbol_or_asset_id: as for get_position ("BTC/USD" is sent as BTCUSD).
            qty: how much to close, at most 9 decimals; not with percentage.
            percentage: how much to close in percent (0-100), at most 9 decimals.
                Amounts are Decimal, int or str, never float ("0.1" is exact, 0.1 is not).
            timeout, extra_headers, max_retries: this call's options (see the class).

        Raises:
            ValueError, TypeError: both qty and percentage, a float, a negative, too many
                decimals, or a symbol that cannot be sent.
            PermissionDeniedError: 403, e.g. more than qty_available (its ``available``,
                ``held_for_orders`` and ``related_orders`` say why).
            NotFoundError: 404, no open position.
            UnprocessableEntityError: 422, an amount Alpaca refuses.
        """
        call = ops.close_position(symbol_or_asset_id, qty, percentage)
        return (await self._send(call, timeout, extra_headers, max_retries)).parsed

    async def close_all_positions(
        self,
        *,
        cancel_orders: bool = False,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> list[ClosePositionResult]:
        """DELETE /v2/positions: close every open position; one result per position.

        Quirk handled: Alpaca answers 207 Multi-Status, each entry with its own status and
        either the closing order or an error. A position that could not be closed is a
        result with ``ok`` False and a typed ``error``, not an exception. Never resent.

        Args:
            cancel_orders: cancel all open orders first, releasing held quantities.
            timeout, extra_headers, max_retries: this call's options (see the class).

        Raises:
            UnprocessableEntityError: 422, the whole request was refused (no results).
        """
        call = ops.close_all_positions(cancel_orders)
        return (await self._send(call, timeout, extra_headers, max_retries)).parsed

    def list_option_contracts(
        self,
        *,
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
        page_token: str | None = None,
        max_pages: int = DEFAULT_MAX_PAGES,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> AsyncPages[OptionContract]:
        """GET /v2/options/contracts: every matching contract, a page at a time, lazily.

        Iterate the result for the contracts (each page is asked for when the iteration
        reaches it, following next_page_token); ``.by_page()`` yields the pages instead, each
        with its ``items`` and ``next_page_token``, to stop and resume later with
        ``page_token``. The filters are checked here, before anything is sent.

        Alpaca's defaults: only active contracts, and without an expiration filter only those
        expiring by the coming weekend; pass ``expiration_date_gte`` for a whole chain.

        Args:
            underlying_symbols: only contracts on these, e.g. ["AAPL", "SPY"].
            status: "active" (Alpaca's default) or "inactive".
            expiration_date, expiration_date_gte, expiration_date_lte: datetime.date days.
            root_symbol: the OCC root (AAPL, or AAPL1 for an adjusted contract).
            type: "call" or "put". style: "american" or "european".
            strike_price_gte, strike_price_lte: exact dollars (Decimal, int or str).
            ppind: True for Penny Program contracts only, False for the others.
            show_deliverables: include each contract's deliverables.
            limit: contracts per page, 1 to 10,000 (Alpaca's default is 100).
            page_token: start at this page (a next_page_token from an earlier page).
            max_pages: stop with PaginationError after this many pages (10,000).
            timeout, extra_headers, max_retries: each page's options (see the class).

        Raises:
            ValueError, TypeError: a filter of the wrong type or shape, named.
            PaginationError: a server whose pages do not end.
            UnprocessableEntityError: 422, a filter or page_token Alpaca refuses.
        """
        query = ops.option_contracts_query(
            underlying_symbols,
            status,
            expiration_date,
            expiration_date_gte,
            expiration_date_lte,
            root_symbol,
            type,
            style,
            strike_price_gte,
            strike_price_lte,
            ppind,
            show_deliverables,
            limit,
        )
        ops.list_option_contracts(query, page_token)  # the first token is checked now too

        async def fetch(token: str | None) -> Page[OptionContract]:
            call = ops.list_option_contracts(query, token)
            page = (await self._send(call, timeout, extra_headers, max_retries)).parsed
            following = page.next_page_token if isinstance(page.next_page_token, str) else None
            return Page(page.option_contracts, following)

        return AsyncPages(fetch, page_token=page_token, max_pages=max_pages)

    async def get_option_contract(
        self,
        symbol_or_id: SymbolOrAssetId,
        *,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> OptionContract:
        """GET /v2/options/contracts/{symbol_or_id}: one contract, with its deliverables.

        Args:
            symbol_or_id: the OCC symbol ("AAPL250620C00190000"; alpaca_trading.OccSymbol
                writes one) or the contract's id.
            timeout, extra_headers, max_retries: this call's options (see the class).

        Raises:
            NotFoundError: 404, no such contract.
        """
        call = ops.get_option_contract(symbol_or_id)
        return (await self._send(call, timeout, extra_headers, max_retries)).parsed

    async def exercise_position(
        self,
        symbol_or_contract_id: SymbolOrAssetId,
        *,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> None:
        """POST /v2/positions/{symbol_or_contract_id}/exercise: exercise a long option position.

        Every available contract is exercised at once: a call buys, a put sells, 100 shares
        of the underlying a contract (the contract's size) at the strike, and the option
        position is gone. Never resent once it may have reached Alpaca.

        Args:
            symbol_or_contract_id: the position's OCC symbol or its contract id.
            timeout, extra_headers, max_retries: this call's options (see the class).

        Raises:
            PermissionDeniedError: 403, no long position in that contract (code 40310000), a
                short one (40310001), or between the market's close and midnight.
            UnprocessableEntityError: 422, not an option contract's symbol (42210000).
        """
        call = ops.exercise_position(symbol_or_contract_id)
        return (await self._send(call, timeout, extra_headers, max_retries)).parsed

    async def do_not_exercise_position(
        self,
        symbol_or_contract_id: SymbolOrAssetId,
        *,
        timeout: Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> None:
        """POST /v2/positions/{symbol_or_contract_id}/do-not-exercise: keep a long option from
        being exercised automatically at expiry (alpaca-py has no such call).

        Args:
            symbol_or_contract_id: the position's OCC symbol or its contract id.
            timeout, extra_headers, max_retries: this call's options (see the class).

        Raises:
            PermissionDeniedError: 403, no long position in that contract.
            UnprocessableEntityError: 422, not an option contract's symbol.
        """
        call = ops.do_not_exercise_position(symbol_or_contract_id)
        return (await self._send(call, timeout, extra_headers, max_retries)).parsed
