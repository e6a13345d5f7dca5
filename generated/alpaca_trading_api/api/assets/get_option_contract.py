from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.option_contract import OptionContract
from ...types import Response, asset_segment


def _get_kwargs(
    symbol_or_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/options/contracts/{symbol_or_id}".format(
            symbol_or_id=asset_segment(symbol_or_id, "symbol_or_id"),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | OptionContract | None:
    if response.status_code == 200:
        response_200 = OptionContract.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

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
) -> Response[Error | OptionContract]:
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
    symbol_or_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | OptionContract]:
    """Get an option contract by OCC symbol or id

     One contract, with its deliverables, by OCC symbol (AAPL250620C00190000) or id.

    Args:
        symbol_or_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OptionContract]
    """

    kwargs = _get_kwargs(
        symbol_or_id=symbol_or_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    symbol_or_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | OptionContract | None:
    """Get an option contract by OCC symbol or id

     One contract, with its deliverables, by OCC symbol (AAPL250620C00190000) or id.

    Args:
        symbol_or_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OptionContract
    """

    return sync_detailed(
        symbol_or_id=symbol_or_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    symbol_or_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | OptionContract]:
    """Get an option contract by OCC symbol or id

     One contract, with its deliverables, by OCC symbol (AAPL250620C00190000) or id.

    Args:
        symbol_or_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OptionContract]
    """

    kwargs = _get_kwargs(
        symbol_or_id=symbol_or_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    symbol_or_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | OptionContract | None:
    """Get an option contract by OCC symbol or id

     One contract, with its deliverables, by OCC symbol (AAPL250620C00190000) or id.

    Args:
        symbol_or_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OptionContract
    """

    return (
        await asyncio_detailed(
            symbol_or_id=symbol_or_id,
            client=client,
        )
    ).parsed
