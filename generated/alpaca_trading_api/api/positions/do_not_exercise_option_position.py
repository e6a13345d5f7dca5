from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...types import Response, position_segment


def _get_kwargs(
    symbol_or_contract_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/positions/{symbol_or_contract_id}/do-not-exercise".format(
            symbol_or_contract_id=position_segment(
                symbol_or_contract_id, "symbol_or_contract_id"
            ),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
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
) -> Response[Any | Error]:
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
    symbol_or_contract_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error]:
    """Do not exercise a long option position at expiry

     Records a do-not-exercise instruction for a long option position, so Alpaca does not exercise it
    automatically if it expires in the money. Refused for a short or missing position (403).

    Args:
        symbol_or_contract_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        symbol_or_contract_id=symbol_or_contract_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    symbol_or_contract_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | None:
    """Do not exercise a long option position at expiry

     Records a do-not-exercise instruction for a long option position, so Alpaca does not exercise it
    automatically if it expires in the money. Refused for a short or missing position (403).

    Args:
        symbol_or_contract_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        symbol_or_contract_id=symbol_or_contract_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    symbol_or_contract_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error]:
    """Do not exercise a long option position at expiry

     Records a do-not-exercise instruction for a long option position, so Alpaca does not exercise it
    automatically if it expires in the money. Refused for a short or missing position (403).

    Args:
        symbol_or_contract_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        symbol_or_contract_id=symbol_or_contract_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    symbol_or_contract_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | None:
    """Do not exercise a long option position at expiry

     Records a do-not-exercise instruction for a long option position, so Alpaca does not exercise it
    automatically if it expires in the money. Refused for a short or missing position (403).

    Args:
        symbol_or_contract_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return (
        await asyncio_detailed(
            symbol_or_contract_id=symbol_or_contract_id,
            client=client,
        )
    ).parsed
