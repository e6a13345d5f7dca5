from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.asset import Asset
from ...models.asset_attribute_known import AssetAttributeKnown
from ...models.asset_class_known import AssetClassKnown
from ...models.asset_status_known import AssetStatusKnown
from ...models.error import Error
from ...models.exchange_known import ExchangeKnown
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: AssetStatusKnown | Unset = UNSET,
    asset_class: AssetClassKnown | Unset = UNSET,
    exchange: ExchangeKnown | Unset = UNSET,
    attributes: list[AssetAttributeKnown] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_asset_class: str | Unset = UNSET
    if not isinstance(asset_class, Unset):
        json_asset_class = asset_class.value

    params["asset_class"] = json_asset_class

    json_exchange: str | Unset = UNSET
    if not isinstance(exchange, Unset):
        json_exchange = exchange.value

    params["exchange"] = json_exchange

    json_attributes: list[str] | Unset = UNSET
    if not isinstance(attributes, Unset):
        json_attributes = []
        for attributes_item_data in attributes:
            attributes_item = attributes_item_data.value
            json_attributes.append(attributes_item)

    params["attributes"] = json_attributes

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/assets",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | list[Asset] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Asset.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Error | list[Asset]]:
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
    status: AssetStatusKnown | Unset = UNSET,
    asset_class: AssetClassKnown | Unset = UNSET,
    exchange: ExchangeKnown | Unset = UNSET,
    attributes: list[AssetAttributeKnown] | Unset = UNSET,
) -> Response[Error | list[Asset]]:
    """List assets

     Lists assets, optionally filtered. The real universe has over 30,000 assets.

    Args:
        status (AssetStatusKnown | Unset):
        asset_class (AssetClassKnown | Unset):
        exchange (ExchangeKnown | Unset): Exchanges known in 2026.
        attributes (list[AssetAttributeKnown] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[Asset]]
    """

    kwargs = _get_kwargs(
        status=status,
        asset_class=asset_class,
        exchange=exchange,
        attributes=attributes,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    status: AssetStatusKnown | Unset = UNSET,
    asset_class: AssetClassKnown | Unset = UNSET,
    exchange: ExchangeKnown | Unset = UNSET,
    attributes: list[AssetAttributeKnown] | Unset = UNSET,
) -> Error | list[Asset] | None:
    """List assets

     Lists assets, optionally filtered. The real universe has over 30,000 assets.

    Args:
        status (AssetStatusKnown | Unset):
        asset_class (AssetClassKnown | Unset):
        exchange (ExchangeKnown | Unset): Exchanges known in 2026.
        attributes (list[AssetAttributeKnown] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[Asset]
    """

    return sync_detailed(
        client=client,
        status=status,
        asset_class=asset_class,
        exchange=exchange,
        attributes=attributes,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: AssetStatusKnown | Unset = UNSET,
    asset_class: AssetClassKnown | Unset = UNSET,
    exchange: ExchangeKnown | Unset = UNSET,
    attributes: list[AssetAttributeKnown] | Unset = UNSET,
) -> Response[Error | list[Asset]]:
    """List assets

     Lists assets, optionally filtered. The real universe has over 30,000 assets.

    Args:
        status (AssetStatusKnown | Unset):
        asset_class (AssetClassKnown | Unset):
        exchange (ExchangeKnown | Unset): Exchanges known in 2026.
        attributes (list[AssetAttributeKnown] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[Asset]]
    """

    kwargs = _get_kwargs(
        status=status,
        asset_class=asset_class,
        exchange=exchange,
        attributes=attributes,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    status: AssetStatusKnown | Unset = UNSET,
    asset_class: AssetClassKnown | Unset = UNSET,
    exchange: ExchangeKnown | Unset = UNSET,
    attributes: list[AssetAttributeKnown] | Unset = UNSET,
) -> Error | list[Asset] | None:
    """List assets

     Lists assets, optionally filtered. The real universe has over 30,000 assets.

    Args:
        status (AssetStatusKnown | Unset):
        asset_class (AssetClassKnown | Unset):
        exchange (ExchangeKnown | Unset): Exchanges known in 2026.
        attributes (list[AssetAttributeKnown] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[Asset]
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            asset_class=asset_class,
            exchange=exchange,
            attributes=attributes,
        )
    ).parsed
