"""Contains all the data models used in inputs/outputs"""

from .account import Account
from .account_admin_configurations import AccountAdminConfigurations
from .account_status_known import AccountStatusKnown
from .account_user_configurations_type_0 import AccountUserConfigurationsType0
from .asset import Asset
from .asset_attribute_known import AssetAttributeKnown
from .asset_class_known import AssetClassKnown
from .asset_status_known import AssetStatusKnown
from .bond_status_known import BondStatusKnown
from .borrow_status_known import BorrowStatusKnown
from .call_type_known import CallTypeKnown
from .coupon_frequency_known import CouponFrequencyKnown
from .coupon_type_known import CouponTypeKnown
from .day_count_known import DayCountKnown
from .deliverable_type_known import DeliverableTypeKnown
from .error import Error
from .exchange_known import ExchangeKnown
from .option_contract import OptionContract
from .option_contracts import OptionContracts
from .option_deliverable import OptionDeliverable
from .option_style_known import OptionStyleKnown
from .option_type_known import OptionTypeKnown
from .order import Order
from .order_class_known import OrderClassKnown
from .order_side_known import OrderSideKnown
from .order_status_known import OrderStatusKnown
from .order_type_known import OrderTypeKnown
from .position import Position
from .position_closed import PositionClosed
from .position_intent_known import PositionIntentKnown
from .position_side_known import PositionSideKnown
from .settlement_method_known import SettlementMethodKnown
from .settlement_type_known import SettlementTypeKnown
from .sp_outlook_known import SpOutlookKnown
from .time_in_force_known import TimeInForceKnown
from .treasury_subtype_known import TreasurySubtypeKnown
from .us_corporate import UsCorporate
from .us_corporates import UsCorporates
from .us_treasuries import UsTreasuries
from .us_treasury import UsTreasury
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
    "BondStatusKnown",
    "BorrowStatusKnown",
    "CallTypeKnown",
    "CouponFrequencyKnown",
    "CouponTypeKnown",
    "DayCountKnown",
    "DeliverableTypeKnown",
    "Error",
    "ExchangeKnown",
    "OptionContract",
    "OptionContracts",
    "OptionDeliverable",
    "OptionStyleKnown",
    "OptionTypeKnown",
    "Order",
    "OrderClassKnown",
    "OrderSideKnown",
    "OrderStatusKnown",
    "OrderTypeKnown",
    "Position",
    "PositionClosed",
    "PositionIntentKnown",
    "PositionSideKnown",
    "SettlementMethodKnown",
    "SettlementTypeKnown",
    "SpOutlookKnown",
    "TimeInForceKnown",
    "TreasurySubtypeKnown",
    "USDPositionValues",
    "UsCorporate",
    "UsCorporates",
    "UsTreasuries",
    "UsTreasury",
)
