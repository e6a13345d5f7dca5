from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bond_status_known import BondStatusKnown
from ...models.error import Error
from ...models.treasury_subtype_known import TreasurySubtypeKnown
from ...models.us_treasuries import UsTreasuries
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    subtype: TreasurySubtypeKnown | Unset = UNSET,
    bond_status: BondStatusKnown | Unset = UNSET,
    cusips: list[str] | Unset = UNSET,
    isins: list[str] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_subtype: str | Unset = UNSET
    if not isinstance(subtype, Unset):
        json_subtype = subtype.value

    params["subtype"] = json_subtype

    json_bond_status: str | Unset = UNSET
    if not isinstance(bond_status, Unset):
        json_bond_status = bond_status.value

    params["bond_status"] = json_bond_status

    json_cusips: list[str] | Unset = UNSET
    if not isinstance(cusips, Unset):
        json_cusips = cusips

    params["cusips"] = json_cusips

    json_isins: list[str] | Unset = UNSET
    if not isinstance(isins, Unset):
        json_isins = isins

    params["isins"] = json_isins

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/assets/fixed_income/us_treasuries",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | UsTreasuries | None:
    if response.status_code == 200:
        response_200 = UsTreasuries.from_dict(response.json())

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
) -> Response[Error | UsTreasuries]:
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
    subtype: TreasurySubtypeKnown | Unset = UNSET,
    bond_status: BondStatusKnown | Unset = UNSET,
    cusips: list[str] | Unset = UNSET,
    isins: list[str] | Unset = UNSET,
) -> Response[Error | UsTreasuries]:
    """List US treasuries

     The US treasuries available at Alpaca (bills, notes, bonds, STRIPS, TIPS, floating rate notes),
    sorted by ISIN, optionally filtered. Every filter given must hold for every entry. Alpaca's spec
    lists no 401 for this operation (it does for us_corporates); wrong keys are a 401 on every route, so
    it is listed here too.

    Args:
        subtype (TreasurySubtypeKnown | Unset):
        bond_status (BondStatusKnown | Unset):
        cusips (list[str] | Unset): CUSIPs (9 characters, the last a check digit), at most 1,000.
        isins (list[str] | Unset): ISINs (12 characters, the last a check digit), at most 1,000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UsTreasuries]
    """

    kwargs = _get_kwargs(
        subtype=subtype,
        bond_status=bond_status,
        cusips=cusips,
        isins=isins,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    subtype: TreasurySubtypeKnown | Unset = UNSET,
    bond_status: BondStatusKnown | Unset = UNSET,
    cusips: list[str] | Unset = UNSET,
    isins: list[str] | Unset = UNSET,
) -> Error | UsTreasuries | None:
    """List US treasuries

     The US treasuries available at Alpaca (bills, notes, bonds, STRIPS, TIPS, floating rate notes),
    sorted by ISIN, optionally filtered. Every filter given must hold for every entry. Alpaca's spec
    lists no 401 for this operation (it does for us_corporates); wrong keys are a 401 on every route, so
    it is listed here too.

    Args:
        subtype (TreasurySubtypeKnown | Unset):
        bond_status (BondStatusKnown | Unset):
        cusips (list[str] | Unset): CUSIPs (9 characters, the last a check digit), at most 1,000.
        isins (list[str] | Unset): ISINs (12 characters, the last a check digit), at most 1,000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UsTreasuries
    """

    return sync_detailed(
        client=client,
        subtype=subtype,
        bond_status=bond_status,
        cusips=cusips,
        isins=isins,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    subtype: TreasurySubtypeKnown | Unset = UNSET,
    bond_status: BondStatusKnown | Unset = UNSET,
    cusips: list[str] | Unset = UNSET,
    isins: list[str] | Unset = UNSET,
) -> Response[Error | UsTreasuries]:
    """List US treasuries

     The US treasuries available at Alpaca (bills, notes, bonds, STRIPS, TIPS, floating rate notes),
    sorted by ISIN, optionally filtered. Every filter given must hold for every entry. Alpaca's spec
    lists no 401 for this operation (it does for us_corporates); wrong keys are a 401 on every route, so
    it is listed here too.

    Args:
        subtype (TreasurySubtypeKnown | Unset):
        bond_status (BondStatusKnown | Unset):
        cusips (list[str] | Unset): CUSIPs (9 characters, the last a check digit), at most 1,000.
        isins (list[str] | Unset): ISINs (12 characters, the last a check digit), at most 1,000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UsTreasuries]
    """

    kwargs = _get_kwargs(
        subtype=subtype,
        bond_status=bond_status,
        cusips=cusips,
        isins=isins,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    subtype: TreasurySubtypeKnown | Unset = UNSET,
    bond_status: BondStatusKnown | Unset = UNSET,
    cusips: list[str] | Unset = UNSET,
    isins: list[str] | Unset = UNSET,
) -> Error | UsTreasuries | None:
    """List US treasuries

     The US treasuries available at Alpaca (bills, notes, bonds, STRIPS, TIPS, floating rate notes),
    sorted by ISIN, optionally filtered. Every filter given must hold for every entry. Alpaca's spec
    lists no 401 for this operation (it does for us_corporates); wrong keys are a 401 on every route, so
    it is listed here too.

    Args:
        subtype (TreasurySubtypeKnown | Unset):
        bond_status (BondStatusKnown | Unset):
        cusips (list[str] | Unset): CUSIPs (9 characters, the last a check digit), at most 1,000.
        isins (list[str] | Unset): ISINs (12 characters, the last a check digit), at most 1,000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UsTreasuries
    """

    return (
        await asyncio_detailed(
            client=client,
            subtype=subtype,
            bond_status=bond_status,
            cusips=cusips,
            isins=isins,
        )
    ).parsed
