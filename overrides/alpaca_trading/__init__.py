"""Alpaca Trading API client (account, assets, positions): the face users import.

    from alpaca_trading import Client
    with Client() as client:                 # keys from APCA_API_KEY_ID / APCA_API_SECRET_KEY
        account = client.get_account()       # paper trading unless asked otherwise
        print(account.equity_decimal)        # exact decimal.Decimal, never a float

Everything a user touches is importable from here: the clients, every model and enum (built
by the generated package `alpaca_trading_api`, re-exported), the UNSET marker, the errors.
`alpaca_trading_api.Client` is the generator's own low-level client; `alpaca_trading.Client`
is this one (retries, timeouts, quirks, typed errors). The modules here patch the API's
documented quirks on top of the generated models (each names the quirk it patches).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("alpaca-trading-kit")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"

from alpaca_trading_api.models import (
    Account,
    AccountAdminConfigurations,
    AccountStatusKnown,
    AccountUserConfigurationsType0,
    Asset,
    AssetAttributeKnown,
    AssetClassKnown,
    AssetStatusKnown,
    BondStatusKnown,
    BorrowStatusKnown,
    CallTypeKnown,
    CouponFrequencyKnown,
    CouponTypeKnown,
    DayCountKnown,
    DeliverableTypeKnown,
    Error,
    ExchangeKnown,
    OptionContract,
    OptionContracts,
    OptionDeliverable,
    OptionStyleKnown,
    OptionTypeKnown,
    Order,
    OrderClassKnown,
    OrderSideKnown,
    OrderStatusKnown,
    OrderTypeKnown,
    Position,
    PositionClosed,
    PositionIntentKnown,
    PositionSideKnown,
    SettlementMethodKnown,
    SettlementTypeKnown,
    SpOutlookKnown,
    TimeInForceKnown,
    TreasurySubtypeKnown,
    UsCorporate,
    UsCorporates,
    USDPositionValues,
    UsTreasuries,
    UsTreasury,
)
from alpaca_trading_api.types import UNSET, Timestamp, Unset

from alpaca_trading.client import AsyncClient, Client
from alpaca_trading.errors import (
    AlpacaError,
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConfigurationError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    Refusal,
    ResponseTooLargeError,
    ServerError,
    UnprocessableEntityError,
)
from alpaca_trading.faces import AsyncRawCalls, Pages, RawCalls
from alpaca_trading.occ import OccSymbol, parse_occ
from alpaca_trading.operations import (
    Amount,
    AssetAttributeFilter,
    AssetAttributes,
    AssetClassFilter,
    AssetStatusFilter,
    BondStatusFilter,
    ExchangeFilter,
    Identifiers,
    OptionStyleFilter,
    OptionTypeFilter,
    SymbolOrAssetId,
    Symbols,
    Timeout,
    TreasurySubtypeFilter,
)
from alpaca_trading.pagination import AsyncPages, Page
from alpaca_trading.responses import RawResponse, ResponseDecodeError
from alpaca_trading.results import ClosedPosition, CloseError, CloseFailed, ClosePositionResult

__all__ = [
    "UNSET",
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "Account",
    "AccountAdminConfigurations",
    "AccountStatusKnown",
    "AccountUserConfigurationsType0",
    "AlpacaError",
    "Amount",
    "Asset",
    "AssetAttributeFilter",
    "AssetAttributeKnown",
    "AssetAttributes",
    "AssetClassFilter",
    "AssetClassKnown",
    "AssetStatusFilter",
    "AssetStatusKnown",
    "AsyncClient",
    "AsyncPages",
    "AsyncRawCalls",
    "AuthenticationError",
    "BadRequestError",
    "BondStatusFilter",
    "BondStatusKnown",
    "BorrowStatusKnown",
    "CallTypeKnown",
    "Client",
    "ClientClosedError",
    "CloseError",
    "CloseFailed",
    "ClosePositionResult",
    "ClosedPosition",
    "ConfigurationError",
    "CouponFrequencyKnown",
    "CouponTypeKnown",
    "DayCountKnown",
    "DeliverableTypeKnown",
    "Error",
    "ExchangeFilter",
    "ExchangeKnown",
    "Identifiers",
    "NotFoundError",
    "OccSymbol",
    "OptionContract",
    "OptionContracts",
    "OptionDeliverable",
    "OptionStyleFilter",
    "OptionStyleKnown",
    "OptionTypeFilter",
    "OptionTypeKnown",
    "Order",
    "OrderClassKnown",
    "OrderSideKnown",
    "OrderStatusKnown",
    "OrderTypeKnown",
    "Page",
    "Pages",
    "PaginationError",
    "PermissionDeniedError",
    "Position",
    "PositionClosed",
    "PositionIntentKnown",
    "PositionSideKnown",
    "RateLimitError",
    "RawCalls",
    "RawResponse",
    "Refusal",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "ServerError",
    "SettlementMethodKnown",
    "SettlementTypeKnown",
    "SpOutlookKnown",
    "SymbolOrAssetId",
    "Symbols",
    "TimeInForceKnown",
    "Timeout",
    "Timestamp",
    "TreasurySubtypeFilter",
    "TreasurySubtypeKnown",
    "USDPositionValues",
    "UnprocessableEntityError",
    "Unset",
    "UsCorporate",
    "UsCorporates",
    "UsTreasuries",
    "UsTreasury",
    "__version__",
    "parse_occ",
]
