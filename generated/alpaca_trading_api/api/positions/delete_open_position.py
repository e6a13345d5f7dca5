from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.order import Order
from ...types import UNSET, Response, Unset, position_segment


def _get_kwargs(
    symbol_or_asset_id: str,
    *,
    qty: str | Unset = UNSET,
    percentage: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["qty"] = qty

    params["percentage"] = percentage

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v2/positions/{symbol_or_asset_id}".format(
            symbol_or_asset_id=position_segment(
                symbol_or_asset_id, "symbol_or_asset_id"
            ),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Order | None:
    if response.status_code == 200:
        response_200 = Order.from_dict(response.json())

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
) -> Response[Error | Order]:
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
    symbol_or_asset_id: str,
    *,
    client: AuthenticatedClient | Client,
    qty: str | Unset = UNSET,
    percentage: str | Unset = UNSET,
) -> Response[Error | Order]:
    """Close a position, wholly or in part

     Places a market order closing the position: all of it, `qty` units, or `percentage` percent. `qty`
    and `percentage` are mutually exclusive (OpenAPI cannot say so: sending both is a 422). Asking for
    more than qty_available is a 403 (code 40310000) carrying `available` and `held_for_orders`.

    Args:
        symbol_or_asset_id (str):
        qty (str | Unset): A non-negative decimal with at most 9 decimals, as the API accepts it.
            Example: 0.5.
        percentage (str | Unset): A non-negative decimal with at most 9 decimals, as the API
            accepts it. Example: 0.5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Order]
    """

    kwargs = _get_kwargs(
        symbol_or_asset_id=symbol_or_asset_id,
        qty=qty,
        percentage=percentage,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    symbol_or_asset_id: str,
    *,
    client: AuthenticatedClient | Client,
    qty: str | Unset = UNSET,
    percentage: str | Unset = UNSET,
) -> Error | Order | None:
    """Close a position, wholly or in part

     Places a market order closing the position: all of it, `qty` units, or `percentage` percent. `qty`
    and `percentage` are mutually exclusive (OpenAPI cannot say so: sending both is a 422). Asking for
    more than qty_available is a 403 (code 40310000) carrying `available` and `held_for_orders`.

    Args:
        symbol_or_asset_id (str):
        qty (str | Unset): A non-negative decimal with at most 9 decimals, as the API accepts it.
            Example: 0.5.
        percentage (str | Unset): A non-negative decimal with at most 9 decimals, as the API
            accepts it. Example: 0.5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Order
    """

    return sync_detailed(
        symbol_or_asset_id=symbol_or_asset_id,
        client=client,
        qty=qty,
        percentage=percentage,
    ).parsed


async def asyncio_detailed(
    symbol_or_asset_id: str,
    *,
    client: AuthenticatedClient | Client,
    qty: str | Unset = UNSET,
    percentage: str | Unset = UNSET,
) -> Response[Error | Order]:
    """Close a position, wholly or in part

     Places a market order closing the position: all of it, `qty` units, or `percentage` percent. `qty`
    and `percentage` are mutually exclusive (OpenAPI cannot say so: sending both is a 422). Asking for
    more than qty_available is a 403 (code 40310000) carrying `available` and `held_for_orders`.

    Args:
        symbol_or_asset_id (str):
        qty (str | Unset): A non-negative decimal with at most 9 decimals, as the API accepts it.
            Example: 0.5.
        percentage (str | Unset): A non-negative decimal with at most 9 decimals, as the API
            accepts it. Example: 0.5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Order]
    """

    kwargs = _get_kwargs(
        symbol_or_asset_id=symbol_or_asset_id,
        qty=qty,
        percentage=percentage,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    symbol_or_asset_id: str,
    *,
    client: AuthenticatedClient | Client,
    qty: str | Unset = UNSET,
    percentage: str | Unset = UNSET,
) -> Error | Order | None:
    """Close a position, wholly or in part

     Places a market order closing the position: all of it, `qty` units, or `percentage` percent. `qty`
    and `percentage` are mutually exclusive (OpenAPI cannot say so: sending both is a 422). Asking for
    more than qty_available is a 403 (code 40310000) carrying `available` and `held_for_orders`.

    Args:
        symbol_or_asset_id (str):
        qty (str | Unset): A non-negative decimal with at most 9 decimals, as the API accepts it.
            Example: 0.5.
        percentage (str | Unset): A non-negative decimal with at most 9 decimals, as the API
            accepts it. Example: 0.5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Order
    """

    return (
        await asyncio_detailed(
            symbol_or_asset_id=symbol_or_asset_id,
            client=client,
            qty=qty,
            percentage=percentage,
        )
    ).parsed
