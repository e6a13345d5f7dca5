from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bond_status_known import BondStatusKnown
from ...models.error import Error
from ...models.us_corporates import UsCorporates
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    bond_status: BondStatusKnown | Unset = UNSET,
    isins: list[str] | Unset = UNSET,
    cusips: list[str] | Unset = UNSET,
    tickers: list[str] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_bond_status: str | Unset = UNSET
    if not isinstance(bond_status, Unset):
        json_bond_status = bond_status.value

    params["bond_status"] = json_bond_status

    json_isins: list[str] | Unset = UNSET
    if not isinstance(isins, Unset):
        json_isins = isins

    params["isins"] = json_isins

    json_cusips: list[str] | Unset = UNSET
    if not isinstance(cusips, Unset):
        json_cusips = cusips

    params["cusips"] = json_cusips

    json_tickers: list[str] | Unset = UNSET
    if not isinstance(tickers, Unset):
        json_tickers = tickers

    params["tickers"] = json_tickers

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/assets/fixed_income/us_corporates",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | UsCorporates | None:
    if response.status_code == 200:
        response_200 = UsCorporates.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

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
) -> Response[Error | UsCorporates]:
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
    bond_status: BondStatusKnown | Unset = UNSET,
    isins: list[str] | Unset = UNSET,
    cusips: list[str] | Unset = UNSET,
    tickers: list[str] | Unset = UNSET,
) -> Response[Error | UsCorporates]:
    """List US corporate bonds

     The US corporate bonds available at Alpaca, sorted by ISIN, optionally filtered. Every filter given
    must hold for every entry.

    Args:
        bond_status (BondStatusKnown | Unset):
        isins (list[str] | Unset): ISINs (12 characters, the last a check digit), at most 1,000.
        cusips (list[str] | Unset): CUSIPs (9 characters, the last a check digit), at most 1,000.
        tickers (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UsCorporates]
    """

    kwargs = _get_kwargs(
        bond_status=bond_status,
        isins=isins,
        cusips=cusips,
        tickers=tickers,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    bond_status: BondStatusKnown | Unset = UNSET,
    isins: list[str] | Unset = UNSET,
    cusips: list[str] | Unset = UNSET,
    tickers: list[str] | Unset = UNSET,
) -> Error | UsCorporates | None:
    """List US corporate bonds

     The US corporate bonds available at Alpaca, sorted by ISIN, optionally filtered. Every filter given
    must hold for every entry.

    Args:
        bond_status (BondStatusKnown | Unset):
        isins (list[str] | Unset): ISINs (12 characters, the last a check digit), at most 1,000.
        cusips (list[str] | Unset): CUSIPs (9 characters, the last a check digit), at most 1,000.
        tickers (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UsCorporates
    """

    return sync_detailed(
        client=client,
        bond_status=bond_status,
        isins=isins,
        cusips=cusips,
        tickers=tickers,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    bond_status: BondStatusKnown | Unset = UNSET,
    isins: list[str] | Unset = UNSET,
    cusips: list[str] | Unset = UNSET,
    tickers: list[str] | Unset = UNSET,
) -> Response[Error | UsCorporates]:
    """List US corporate bonds

     The US corporate bonds available at Alpaca, sorted by ISIN, optionally filtered. Every filter given
    must hold for every entry.

    Args:
        bond_status (BondStatusKnown | Unset):
        isins (list[str] | Unset): ISINs (12 characters, the last a check digit), at most 1,000.
        cusips (list[str] | Unset): CUSIPs (9 characters, the last a check digit), at most 1,000.
        tickers (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UsCorporates]
    """

    kwargs = _get_kwargs(
        bond_status=bond_status,
        isins=isins,
        cusips=cusips,
        tickers=tickers,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    bond_status: BondStatusKnown | Unset = UNSET,
    isins: list[str] | Unset = UNSET,
    cusips: list[str] | Unset = UNSET,
    tickers: list[str] | Unset = UNSET,
) -> Error | UsCorporates | None:
    """List US corporate bonds

     The US corporate bonds available at Alpaca, sorted by ISIN, optionally filtered. Every filter given
    must hold for every entry.

    Args:
        bond_status (BondStatusKnown | Unset):
        isins (list[str] | Unset): ISINs (12 characters, the last a check digit), at most 1,000.
        cusips (list[str] | Unset): CUSIPs (9 characters, the last a check digit), at most 1,000.
        tickers (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UsCorporates
    """

    return (
        await asyncio_detailed(
            client=client,
            bond_status=bond_status,
            isins=isins,
            cusips=cusips,
            tickers=tickers,
        )
    ).parsed
