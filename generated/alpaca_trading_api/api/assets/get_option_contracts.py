import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.asset_status_known import AssetStatusKnown
from ...models.error import Error
from ...models.option_contracts import OptionContracts
from ...models.option_style_known import OptionStyleKnown
from ...models.option_type_known import OptionTypeKnown
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    underlying_symbols: list[str] | Unset = UNSET,
    show_deliverables: bool | Unset = UNSET,
    status: AssetStatusKnown | Unset = UNSET,
    expiration_date: datetime.date | Unset = UNSET,
    expiration_date_gte: datetime.date | Unset = UNSET,
    expiration_date_lte: datetime.date | Unset = UNSET,
    root_symbol: str | Unset = UNSET,
    type_: OptionTypeKnown | Unset = UNSET,
    style: OptionStyleKnown | Unset = UNSET,
    strike_price_gte: str | Unset = UNSET,
    strike_price_lte: str | Unset = UNSET,
    page_token: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    ppind: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_underlying_symbols: list[str] | Unset = UNSET
    if not isinstance(underlying_symbols, Unset):
        json_underlying_symbols = underlying_symbols

    params["underlying_symbols"] = json_underlying_symbols

    params["show_deliverables"] = show_deliverables

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_expiration_date: str | Unset = UNSET
    if not isinstance(expiration_date, Unset):
        json_expiration_date = expiration_date.isoformat()
    params["expiration_date"] = json_expiration_date

    json_expiration_date_gte: str | Unset = UNSET
    if not isinstance(expiration_date_gte, Unset):
        json_expiration_date_gte = expiration_date_gte.isoformat()
    params["expiration_date_gte"] = json_expiration_date_gte

    json_expiration_date_lte: str | Unset = UNSET
    if not isinstance(expiration_date_lte, Unset):
        json_expiration_date_lte = expiration_date_lte.isoformat()
    params["expiration_date_lte"] = json_expiration_date_lte

    params["root_symbol"] = root_symbol

    json_type_: str | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_.value

    params["type"] = json_type_

    json_style: str | Unset = UNSET
    if not isinstance(style, Unset):
        json_style = style.value

    params["style"] = json_style

    params["strike_price_gte"] = strike_price_gte

    params["strike_price_lte"] = strike_price_lte

    params["page_token"] = page_token

    params["limit"] = limit

    params["ppind"] = ppind

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/options/contracts",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | OptionContracts | None:
    if response.status_code == 200:
        response_200 = OptionContracts.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | OptionContracts]:
    return Response(
        # Custom template: a non-IANA status (520 from a CDN) must not raise ValueError here.
        status_code=(
            HTTPStatus(response.status_code)
            if response.status_code in HTTPStatus._value2member_map_
            else response.status_code
        ),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    underlying_symbols: list[str] | Unset = UNSET,
    show_deliverables: bool | Unset = UNSET,
    status: AssetStatusKnown | Unset = UNSET,
    expiration_date: datetime.date | Unset = UNSET,
    expiration_date_gte: datetime.date | Unset = UNSET,
    expiration_date_lte: datetime.date | Unset = UNSET,
    root_symbol: str | Unset = UNSET,
    type_: OptionTypeKnown | Unset = UNSET,
    style: OptionStyleKnown | Unset = UNSET,
    strike_price_gte: str | Unset = UNSET,
    strike_price_lte: str | Unset = UNSET,
    page_token: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    ppind: bool | Unset = UNSET,
) -> Response[Error | OptionContracts]:
    """List option contracts

     Option contracts matching every filter given, a page at a time (`limit` per page, `next_page_token`
    to the next, null on the last). Without a status only active contracts are listed, and without an
    expiration filter only contracts expiring on or before the coming weekend (read here as the Sunday
    after the coming Friday, so that a weekend's listing is the next week's; unverified).

    Args:
        underlying_symbols (list[str] | Unset):
        show_deliverables (bool | Unset):
        status (AssetStatusKnown | Unset):
        expiration_date (datetime.date | Unset):
        expiration_date_gte (datetime.date | Unset):
        expiration_date_lte (datetime.date | Unset):
        root_symbol (str | Unset):
        type_ (OptionTypeKnown | Unset):
        style (OptionStyleKnown | Unset):
        strike_price_gte (str | Unset): A non-negative decimal with at most 9 decimals, as the API
            accepts it. Example: 0.5.
        strike_price_lte (str | Unset): A non-negative decimal with at most 9 decimals, as the API
            accepts it. Example: 0.5.
        page_token (str | Unset):
        limit (int | Unset):
        ppind (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OptionContracts]
    """

    kwargs = _get_kwargs(
        underlying_symbols=underlying_symbols,
        show_deliverables=show_deliverables,
        status=status,
        expiration_date=expiration_date,
        expiration_date_gte=expiration_date_gte,
        expiration_date_lte=expiration_date_lte,
        root_symbol=root_symbol,
        type_=type_,
        style=style,
        strike_price_gte=strike_price_gte,
        strike_price_lte=strike_price_lte,
        page_token=page_token,
        limit=limit,
        ppind=ppind,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    underlying_symbols: list[str] | Unset = UNSET,
    show_deliverables: bool | Unset = UNSET,
    status: AssetStatusKnown | Unset = UNSET,
    expiration_date: datetime.date | Unset = UNSET,
    expiration_date_gte: datetime.date | Unset = UNSET,
    expiration_date_lte: datetime.date | Unset = UNSET,
    root_symbol: str | Unset = UNSET,
    type_: OptionTypeKnown | Unset = UNSET,
    style: OptionStyleKnown | Unset = UNSET,
    strike_price_gte: str | Unset = UNSET,
    strike_price_lte: str | Unset = UNSET,
    page_token: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    ppind: bool | Unset = UNSET,
) -> Error | OptionContracts | None:
    """List option contracts

     Option contracts matching every filter given, a page at a time (`limit` per page, `next_page_token`
    to the next, null on the last). Without a status only active contracts are listed, and without an
    expiration filter only contracts expiring on or before the coming weekend (read here as the Sunday
    after the coming Friday, so that a weekend's listing is the next week's; unverified).

    Args:
        underlying_symbols (list[str] | Unset):
        show_deliverables (bool | Unset):
        status (AssetStatusKnown | Unset):
        expiration_date (datetime.date | Unset):
        expiration_date_gte (datetime.date | Unset):
        expiration_date_lte (datetime.date | Unset):
        root_symbol (str | Unset):
        type_ (OptionTypeKnown | Unset):
        style (OptionStyleKnown | Unset):
        strike_price_gte (str | Unset): A non-negative decimal with at most 9 decimals, as the API
            accepts it. Example: 0.5.
        strike_price_lte (str | Unset): A non-negative decimal with at most 9 decimals, as the API
            accepts it. Example: 0.5.
        page_token (str | Unset):
        limit (int | Unset):
        ppind (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OptionContracts
    """

    return sync_detailed(
        client=client,
        underlying_symbols=underlying_symbols,
        show_deliverables=show_deliverables,
        status=status,
        expiration_date=expiration_date,
        expiration_date_gte=expiration_date_gte,
        expiration_date_lte=expiration_date_lte,
        root_symbol=root_symbol,
        type_=type_,
        style=style,
        strike_price_gte=strike_price_gte,
        strike_price_lte=strike_price_lte,
        page_token=page_token,
        limit=limit,
        ppind=ppind,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    underlying_symbols: list[str] | Unset = UNSET,
    show_deliverables: bool | Unset = UNSET,
    status: AssetStatusKnown | Unset = UNSET,
    expiration_date: datetime.date | Unset = UNSET,
    expiration_date_gte: datetime.date | Unset = UNSET,
    expiration_date_lte: datetime.date | Unset = UNSET,
    root_symbol: str | Unset = UNSET,
    type_: OptionTypeKnown | Unset = UNSET,
    style: OptionStyleKnown | Unset = UNSET,
    strike_price_gte: str | Unset = UNSET,
    strike_price_lte: str | Unset = UNSET,
    page_token: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    ppind: bool | Unset = UNSET,
) -> Response[Error | OptionContracts]:
    """List option contracts

     Option contracts matching every filter given, a page at a time (`limit` per page, `next_page_token`
    to the next, null on the last). Without a status only active contracts are listed, and without an
    expiration filter only contracts expiring on or before the coming weekend (read here as the Sunday
    after the coming Friday, so that a weekend's listing is the next week's; unverified).

    Args:
        underlying_symbols (list[str] | Unset):
        show_deliverables (bool | Unset):
        status (AssetStatusKnown | Unset):
        expiration_date (datetime.date | Unset):
        expiration_date_gte (datetime.date | Unset):
        expiration_date_lte (datetime.date | Unset):
        root_symbol (str | Unset):
        type_ (OptionTypeKnown | Unset):
        style (OptionStyleKnown | Unset):
        strike_price_gte (str | Unset): A non-negative decimal with at most 9 decimals, as the API
            accepts it. Example: 0.5.
        strike_price_lte (str | Unset): A non-negative decimal with at most 9 decimals, as the API
            accepts it. Example: 0.5.
        page_token (str | Unset):
        limit (int | Unset):
        ppind (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OptionContracts]
    """

    kwargs = _get_kwargs(
        underlying_symbols=underlying_symbols,
        show_deliverables=show_deliverables,
        status=status,
        expiration_date=expiration_date,
        expiration_date_gte=expiration_date_gte,
        expiration_date_lte=expiration_date_lte,
        root_symbol=root_symbol,
        type_=type_,
        style=style,
        strike_price_gte=strike_price_gte,
        strike_price_lte=strike_price_lte,
        page_token=page_token,
        limit=limit,
        ppind=ppind,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    underlying_symbols: list[str] | Unset = UNSET,
    show_deliverables: bool | Unset = UNSET,
    status: AssetStatusKnown | Unset = UNSET,
    expiration_date: datetime.date | Unset = UNSET,
    expiration_date_gte: datetime.date | Unset = UNSET,
    expiration_date_lte: datetime.date | Unset = UNSET,
    root_symbol: str | Unset = UNSET,
    type_: OptionTypeKnown | Unset = UNSET,
    style: OptionStyleKnown | Unset = UNSET,
    strike_price_gte: str | Unset = UNSET,
    strike_price_lte: str | Unset = UNSET,
    page_token: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    ppind: bool | Unset = UNSET,
) -> Error | OptionContracts | None:
    """List option contracts

     Option contracts matching every filter given, a page at a time (`limit` per page, `next_page_token`
    to the next, null on the last). Without a status only active contracts are listed, and without an
    expiration filter only contracts expiring on or before the coming weekend (read here as the Sunday
    after the coming Friday, so that a weekend's listing is the next week's; unverified).

    Args:
        underlying_symbols (list[str] | Unset):
        show_deliverables (bool | Unset):
        status (AssetStatusKnown | Unset):
        expiration_date (datetime.date | Unset):
        expiration_date_gte (datetime.date | Unset):
        expiration_date_lte (datetime.date | Unset):
        root_symbol (str | Unset):
        type_ (OptionTypeKnown | Unset):
        style (OptionStyleKnown | Unset):
        strike_price_gte (str | Unset): A non-negative decimal with at most 9 decimals, as the API
            accepts it. Example: 0.5.
        strike_price_lte (str | Unset): A non-negative decimal with at most 9 decimals, as the API
            accepts it. Example: 0.5.
        page_token (str | Unset):
        limit (int | Unset):
        ppind (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OptionContracts
    """

    return (
        await asyncio_detailed(
            client=client,
            underlying_symbols=underlying_symbols,
            show_deliverables=show_deliverables,
            status=status,
            expiration_date=expiration_date,
            expiration_date_gte=expiration_date_gte,
            expiration_date_lte=expiration_date_lte,
            root_symbol=root_symbol,
            type_=type_,
            style=style,
            strike_price_gte=strike_price_gte,
            strike_price_lte=strike_price_lte,
            page_token=page_token,
            limit=limit,
            ppind=ppind,
        )
    ).parsed
