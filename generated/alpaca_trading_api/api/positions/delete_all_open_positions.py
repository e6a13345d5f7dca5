from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.position_closed import PositionClosed
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cancel_orders: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cancel_orders"] = cancel_orders

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v2/positions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | list[PositionClosed] | None:
    if response.status_code == 207:
        response_207 = []
        _response_207 = response.json()
        for response_207_item_data in _response_207:
            response_207_item = PositionClosed.from_dict(response_207_item_data)

            response_207.append(response_207_item)

        return response_207

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
) -> Response[Error | list[PositionClosed]]:
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
    cancel_orders: bool | Unset = UNSET,
) -> Response[Error | list[PositionClosed]]:
    """Close all positions

     Liquidates every open position. Answers 207 Multi-Status with one entry per position, even when
    every close failed; each entry carries its own HTTP status and either the closing Order (status 200)
    or an error object. A failure of the whole request (an invalid cancel_orders) is a 422 with no per-
    position results.

    Args:
        cancel_orders (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[PositionClosed]]
    """

    kwargs = _get_kwargs(
        cancel_orders=cancel_orders,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    cancel_orders: bool | Unset = UNSET,
) -> Error | list[PositionClosed] | None:
    """Close all positions

     Liquidates every open position. Answers 207 Multi-Status with one entry per position, even when
    every close failed; each entry carries its own HTTP status and either the closing Order (status 200)
    or an error object. A failure of the whole request (an invalid cancel_orders) is a 422 with no per-
    position results.

    Args:
        cancel_orders (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[PositionClosed]
    """

    return sync_detailed(
        client=client,
        cancel_orders=cancel_orders,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    cancel_orders: bool | Unset = UNSET,
) -> Response[Error | list[PositionClosed]]:
    """Close all positions

     Liquidates every open position. Answers 207 Multi-Status with one entry per position, even when
    every close failed; each entry carries its own HTTP status and either the closing Order (status 200)
    or an error object. A failure of the whole request (an invalid cancel_orders) is a 422 with no per-
    position results.

    Args:
        cancel_orders (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[PositionClosed]]
    """

    kwargs = _get_kwargs(
        cancel_orders=cancel_orders,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    cancel_orders: bool | Unset = UNSET,
) -> Error | list[PositionClosed] | None:
    """Close all positions

     Liquidates every open position. Answers 207 Multi-Status with one entry per position, even when
    every close failed; each entry carries its own HTTP status and either the closing Order (status 200)
    or an error object. A failure of the whole request (an invalid cancel_orders) is a 422 with no per-
    position results.

    Args:
        cancel_orders (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[PositionClosed]
    """

    return (
        await asyncio_detailed(
            client=client,
            cancel_orders=cancel_orders,
        )
    ).parsed
