"""Contains all the data models used in inputs/outputs"""

from .account import Account
from .account_admin_configurations import AccountAdminConfigurations
from .account_status_known import AccountStatusKnown
from .account_user_configurations_type_0 import AccountUserConfigurationsType0
from .asset import Asset
from .asset_attribute_known import AssetAttributeKnown
from .asset_class_known import AssetClassKnown
from .asset_status_known import AssetStatusKnown
from .borrow_status_known import BorrowStatusKnown
from .error import Error
from .exchange_known import ExchangeKnown
from .order import Order
from .order_class_known import OrderClassKnown
from .order_side_known import OrderSideKnown
from .order_status_known import OrderStatusKnown
from .order_type_known import OrderTypeKnown
from .position import Position
from .position_closed import PositionClosed
from .position_intent_known import PositionIntentKnown
from .position_side_known import PositionSideKnown
from .time_in_force_known import TimeInForceKnown
from .usd_position_values import USDPositionValues

__all__ = (
    "Account",
    "AccountAdminConfigurations",
    "AccountStatusKnown",
    "AccountUserConfigurationsType0",
    "Asset",
    "AssetAttributeKnown",
    "AssetClassKnown",
    "AssetStatusKnown",
    "BorrowStatusKnown",
    "Error",
    "ExchangeKnown",
    "Order",
    "OrderClassKnown",
    "OrderSideKnown",
    "OrderStatusKnown",
    "OrderTypeKnown",
    "Position",
    "PositionClosed",
    "PositionIntentKnown",
    "PositionSideKnown",
    "TimeInForceKnown",
    "USDPositionValues",
)
