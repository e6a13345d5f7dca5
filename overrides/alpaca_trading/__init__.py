"""Alpaca Trading API client (account, assets, positions): the face users import.

    from alpaca_trading import Client
    with Client() as client:                 # keys from APCA_API_KEY_ID / APCA_API_SECRET_KEY
        account = client.get_account()       # paper trading unless asked otherwise
        print(account.equity_decimal)        # exact decimal.Decimal, never a float

The typed models come from the generated package `alpaca_trading_api`; the modules here
patch the API's documented quirks on top of it (each names the quirk it patches).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("alpaca-trading-kit")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"

from alpaca_trading_api.models import Account, Asset, Error, Order, Position

from alpaca_trading.client import AsyncClient, Client
from alpaca_trading.errors import (
    AlpacaError,
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    ConfigurationError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    UnprocessableEntityError,
)
from alpaca_trading.responses import RawResponse, ResponseDecodeError
from alpaca_trading.results import CloseError, ClosePositionResult

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "Account",
    "AlpacaError",
    "Asset",
    "AsyncClient",
    "AuthenticationError",
    "Client",
    "CloseError",
    "ClosePositionResult",
    "ConfigurationError",
    "Error",
    "NotFoundError",
    "Order",
    "PermissionDeniedError",
    "Position",
    "RateLimitError",
    "RawResponse",
    "ResponseDecodeError",
    "ServerError",
    "UnprocessableEntityError",
    "__version__",
]
