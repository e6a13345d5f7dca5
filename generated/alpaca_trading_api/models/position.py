from __future__ import annotations

import json as _json
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.asset_class_known import AssetClassKnown
from ..models.exchange_known import ExchangeKnown
from ..models.position_side_known import PositionSideKnown
from ..types import (
    UNSET,
    Unset,
    decimal_or_none,
    decimal_required,
    uuid_from_str,
)

if TYPE_CHECKING:
    from ..models.usd_position_values import USDPositionValues


T = TypeVar("T", bound="Position")

_AssetClassKnown_BY_VALUE = cast(
    "dict[str, AssetClassKnown]", AssetClassKnown._value2member_map_
)
_ExchangeKnown_BY_VALUE = cast(
    "dict[str, ExchangeKnown]", ExchangeKnown._value2member_map_
)
_PositionSideKnown_BY_VALUE = cast(
    "dict[str, PositionSideKnown]", PositionSideKnown._value2member_map_
)


@_attrs_define
class Position:
    """An open position. Shorts have negative qty, qty_available, market_value and cost_basis and side "short". Crypto
    positions use the pair without a slash (BTCUSD) as symbol and exchange CRYPTO; their asset_id may be the legacy
    pair's id. Price-derived fields are null for an unpriceable asset.

    """

    asset_id: UUID
    """ The asset's id (for crypto perhaps the legacy pair's id). A UUID, 8-4-4-4-12 hexadecimal digits. Example:
    "b0b6dd9d-8b9b-48a9-ba46-b9d54906e415". """
    symbol: str
    """ The position's symbol; crypto without the slash (BTCUSD). Example: "AAPL". """
    exchange: ExchangeKnown | str
    """ Where the asset is listed: "" for option contracts, CRYPTO for crypto. Example: "NASDAQ". """
    asset_class: AssetClassKnown | str
    """ The asset class (us_equity, us_option, crypto, ...). Example: "us_equity". """
    asset_marginable: bool
    """ Whether the asset can be bought on margin. """
    avg_entry_price: str
    """ The average price paid (received, for a short) per unit. US dollars per share, coin or contract, a decimal
    string, more than zero. Example: "180.25". """
    qty: str
    """ Units held; negative for a short. Shares, coins or contracts, a decimal string; negative for a short
    position. Example: "10". """
    side: PositionSideKnown | str
    """ Long or short. Example: "long". """
    market_value: None | str
    """ The position's market value: qty x current_price (x 100 for an option contract); negative for a short. US
    dollars, a decimal string (plain notation, any precision), any sign. Null when the asset has no price. Example:
    "2291.5". """
    cost_basis: str
    """ What the position cost: qty x avg_entry_price (x 100 for an option contract); negative for a short. US
    dollars, a decimal string (plain notation, any precision), any sign. Example: "1802.5". """
    unrealized_pl: None | str
    """ Unrealized profit or loss: market_value - cost_basis. US dollars, a decimal string (plain notation, any
    precision), any sign. Null when the asset has no price. Example: "489". """
    unrealized_plpc: None | str
    """ Unrealized profit or loss as a fraction of the cost: unrealized_pl / |cost_basis|. A ratio as a decimal
    string: 0.05 is 5 %. Null when the asset has no price. Example: "0.2712898751733703". """
    unrealized_intraday_pl: None | str
    """ Today's profit or loss: the change in market value since the previous close. US dollars, a decimal string
    (plain notation, any precision), any sign. Null when the asset has no price. Example: "12.3". """
    unrealized_intraday_plpc: None | str
    """ Today's profit or loss as a fraction of the position's value at the previous close. A ratio as a decimal
    string: 0.05 is 5 %. Null when the asset has no price. Example: "0.0053966520315926". """
    current_price: None | str
    """ The last price. US dollars per share, coin or contract, a decimal string, more than zero. Null when the
    asset has no price. Example: "229.15". """
    lastday_price: None | str
    """ The price at the previous close. US dollars per share, coin or contract, a decimal string, more than zero.
    Null when the asset has no price. Example: "227.92". """
    change_today: None | str
    """ Today's price change as a fraction: (current_price - lastday_price) / lastday_price. A ratio as a decimal
    string: 0.05 is 5 %. Null when the asset has no price. Example: "0.0053966303966304". """
    qty_available: str | Unset = UNSET
    """ The units not held for open orders (qty less what open orders hold), with qty's sign; absent from some
    answers. Shares, coins or contracts, a decimal string; negative for a short position. Example: "8". """
    swap_rate: None | str | Unset = UNSET
    """ Local-currency accounts only: the current exchange rate of the account's currency to USD (absent otherwise).
    A decimal string (units of the account's currency per US dollar). May be null. Example: "125.00". """
    avg_entry_swap_rate: None | str | Unset = UNSET
    """ Local-currency accounts only: the average exchange rate at which the position was entered. A decimal string
    (units of the account's currency per US dollar). May be null. Example: "121.9468". """
    prev_swap_rate: None | str | Unset = UNSET
    """ Local-currency accounts only: the exchange rate at the previous close. A decimal string (units of the
    account's currency per US dollar). May be null. Example: "125.59". """
    usd: None | Unset | USDPositionValues = UNSET
    """ The price fields in USD, for a position held in another currency (the fields above are then in the account's
    currency). Absent or null on USD accounts. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as the JSON object the API sent: decimals as strings, timestamps as
        their text, enum values as strings, unknown fields included."""
        asset_id = str(self.asset_id)

        symbol = self.symbol

        exchange: str
        if isinstance(self.exchange, ExchangeKnown):
            exchange = self.exchange.value
        else:
            exchange = self.exchange

        asset_class: str
        if isinstance(self.asset_class, AssetClassKnown):
            asset_class = self.asset_class.value
        else:
            asset_class = self.asset_class

        asset_marginable = self.asset_marginable

        avg_entry_price = self.avg_entry_price

        qty = self.qty

        side: str
        if isinstance(self.side, PositionSideKnown):
            side = self.side.value
        else:
            side = self.side

        market_value: None | str
        market_value = self.market_value

        cost_basis = self.cost_basis

        unrealized_pl: None | str
        unrealized_pl = self.unrealized_pl

        unrealized_plpc: None | str
        unrealized_plpc = self.unrealized_plpc

        unrealized_intraday_pl: None | str
        unrealized_intraday_pl = self.unrealized_intraday_pl

        unrealized_intraday_plpc: None | str
        unrealized_intraday_plpc = self.unrealized_intraday_plpc

        current_price: None | str
        current_price = self.current_price

        lastday_price: None | str
        lastday_price = self.lastday_price

        change_today: None | str
        change_today = self.change_today

        qty_available = self.qty_available

        swap_rate: None | str | Unset
        if isinstance(self.swap_rate, Unset):
            swap_rate = UNSET
        else:
            swap_rate = self.swap_rate

        avg_entry_swap_rate: None | str | Unset
        if isinstance(self.avg_entry_swap_rate, Unset):
            avg_entry_swap_rate = UNSET
        else:
            avg_entry_swap_rate = self.avg_entry_swap_rate

        prev_swap_rate: None | str | Unset
        if isinstance(self.prev_swap_rate, Unset):
            prev_swap_rate = UNSET
        else:
            prev_swap_rate = self.prev_swap_rate

        usd: dict[str, Any] | None | Unset
        if isinstance(self.usd, Unset):
            usd = UNSET
        elif isinstance(self.usd, USDPositionValues):
            usd = self.usd.to_dict()
        else:
            usd = self.usd

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "asset_id": asset_id,
                "symbol": symbol,
                "exchange": exchange,
                "asset_class": asset_class,
                "asset_marginable": asset_marginable,
                "avg_entry_price": avg_entry_price,
                "qty": qty,
                "side": side,
                "market_value": market_value,
                "cost_basis": cost_basis,
                "unrealized_pl": unrealized_pl,
                "unrealized_plpc": unrealized_plpc,
                "unrealized_intraday_pl": unrealized_intraday_pl,
                "unrealized_intraday_plpc": unrealized_intraday_plpc,
                "current_price": current_price,
                "lastday_price": lastday_price,
                "change_today": change_today,
            }
        )
        if qty_available is not UNSET:
            field_dict["qty_available"] = qty_available
        if swap_rate is not UNSET:
            field_dict["swap_rate"] = swap_rate
        if avg_entry_swap_rate is not UNSET:
            field_dict["avg_entry_swap_rate"] = avg_entry_swap_rate
        if prev_swap_rate is not UNSET:
            field_dict["prev_swap_rate"] = prev_swap_rate
        if usd is not UNSET:
            field_dict["usd"] = usd

        return field_dict

    def to_json(self) -> str:
        """This model as JSON text, as the API sent it: decimals stay strings, timestamps keep
        their text, unknown fields are kept. ``Position.from_json(m.to_json()) == m``."""
        return _json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """A model from JSON text (e.g. what ``to_json`` wrote); the inverse of ``to_json``."""
        data = _json.loads(text)
        if not isinstance(data, dict):
            raise TypeError(
                f"Position.from_json needs a JSON object, got {type(data).__name__}"
            )
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """A model from a decoded JSON object. Unknown fields are kept (additional_properties),
        an unknown enum value stays a str; the input is not modified."""
        d = src_dict
        asset_id = uuid_from_str(d["asset_id"])

        symbol = d["symbol"]

        _exchange_raw = d["exchange"]
        exchange: ExchangeKnown | str = _ExchangeKnown_BY_VALUE.get(
            _exchange_raw, _exchange_raw
        )

        _asset_class_raw = d["asset_class"]
        asset_class: AssetClassKnown | str = _AssetClassKnown_BY_VALUE.get(
            _asset_class_raw, _asset_class_raw
        )

        asset_marginable = d["asset_marginable"]

        avg_entry_price = d["avg_entry_price"]

        qty = d["qty"]

        _side_raw = d["side"]
        side: PositionSideKnown | str = _PositionSideKnown_BY_VALUE.get(
            _side_raw, _side_raw
        )

        market_value: None | str = d["market_value"]

        cost_basis = d["cost_basis"]

        unrealized_pl: None | str = d["unrealized_pl"]

        unrealized_plpc: None | str = d["unrealized_plpc"]

        unrealized_intraday_pl: None | str = d["unrealized_intraday_pl"]

        unrealized_intraday_plpc: None | str = d["unrealized_intraday_plpc"]

        current_price: None | str = d["current_price"]

        lastday_price: None | str = d["lastday_price"]

        change_today: None | str = d["change_today"]

        qty_available = d.get("qty_available", UNSET)

        swap_rate: None | str | Unset = d.get("swap_rate", UNSET)

        avg_entry_swap_rate: None | str | Unset = d.get("avg_entry_swap_rate", UNSET)

        prev_swap_rate: None | str | Unset = d.get("prev_swap_rate", UNSET)

        _usd_raw = d.get("usd", UNSET)
        usd: None | Unset | USDPositionValues = (
            _usd_raw
            if _usd_raw is None or _usd_raw is UNSET
            else USDPositionValues.from_dict(_usd_raw)
        )

        position = cls(
            asset_id,
            symbol,
            exchange,
            asset_class,
            asset_marginable,
            avg_entry_price,
            qty,
            side,
            market_value,
            cost_basis,
            unrealized_pl,
            unrealized_plpc,
            unrealized_intraday_pl,
            unrealized_intraday_plpc,
            current_price,
            lastday_price,
            change_today,
            qty_available,
            swap_rate,
            avg_entry_swap_rate,
            prev_swap_rate,
            usd,
        )

        if len(d) != 17 + (qty_available is not UNSET) + (swap_rate is not UNSET) + (
            avg_entry_swap_rate is not UNSET
        ) + (prev_swap_rate is not UNSET) + (usd is not UNSET):
            position.additional_properties = {
                prop_name: prop
                for prop_name, prop in d.items()
                if prop_name
                not in {
                    "asset_id",
                    "symbol",
                    "exchange",
                    "asset_class",
                    "asset_marginable",
                    "avg_entry_price",
                    "qty",
                    "side",
                    "market_value",
                    "cost_basis",
                    "unrealized_pl",
                    "unrealized_plpc",
                    "unrealized_intraday_pl",
                    "unrealized_intraday_plpc",
                    "current_price",
                    "lastday_price",
                    "change_today",
                    "qty_available",
                    "swap_rate",
                    "avg_entry_swap_rate",
                    "prev_swap_rate",
                    "usd",
                }
            }
        return position

    @property
    def additional_keys(self) -> list[str]:
        """The names of the fields the spec does not know (kept as sent)."""
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

    @property
    def avg_entry_price_decimal(self) -> Decimal:
        """``avg_entry_price`` as an exact decimal.Decimal (a required field, never null).

        The average price paid (received, for a short) per unit. US dollars per share, coin or contract, a
        decimal string, more than zero. Example: "180.25"."""
        return decimal_required(self.avg_entry_price)

    @property
    def qty_decimal(self) -> Decimal:
        """``qty`` as an exact decimal.Decimal (a required field, never null).

        Units held; negative for a short. Shares, coins or contracts, a decimal string; negative for a short
        position. Example: "10"."""
        return decimal_required(self.qty)

    @property
    def market_value_decimal(self) -> Decimal | None:
        """``market_value`` as an exact decimal.Decimal (None when absent or null).

        The position's market value: qty x current_price (x 100 for an option contract); negative for a
        short. US dollars, a decimal string (plain notation, any precision), any sign. Null when the asset
        has no price. Example: "2291.5"."""
        return decimal_or_none(self.market_value)

    @property
    def cost_basis_decimal(self) -> Decimal:
        """``cost_basis`` as an exact decimal.Decimal (a required field, never null).

        What the position cost: qty x avg_entry_price (x 100 for an option contract); negative for a short.
        US dollars, a decimal string (plain notation, any precision), any sign. Example: "1802.5"."""
        return decimal_required(self.cost_basis)

    @property
    def unrealized_pl_decimal(self) -> Decimal | None:
        """``unrealized_pl`` as an exact decimal.Decimal (None when absent or null).

        Unrealized profit or loss: market_value - cost_basis. US dollars, a decimal string (plain notation,
        any precision), any sign. Null when the asset has no price. Example: "489"."""
        return decimal_or_none(self.unrealized_pl)

    @property
    def unrealized_plpc_decimal(self) -> Decimal | None:
        """``unrealized_plpc`` as an exact decimal.Decimal (None when absent or null).

        Unrealized profit or loss as a fraction of the cost: unrealized_pl / |cost_basis|. A ratio as a
        decimal string: 0.05 is 5 %. Null when the asset has no price. Example: "0.2712898751733703"."""
        return decimal_or_none(self.unrealized_plpc)

    @property
    def unrealized_intraday_pl_decimal(self) -> Decimal | None:
        """``unrealized_intraday_pl`` as an exact decimal.Decimal (None when absent or null).

        Today's profit or loss: the change in market value since the previous close. US dollars, a decimal
        string (plain notation, any precision), any sign. Null when the asset has no price. Example: "12.3"."""
        return decimal_or_none(self.unrealized_intraday_pl)

    @property
    def unrealized_intraday_plpc_decimal(self) -> Decimal | None:
        """``unrealized_intraday_plpc`` as an exact decimal.Decimal (None when absent or null).

        Today's profit or loss as a fraction of the position's value at the previous close. A ratio as a
        decimal string: 0.05 is 5 %. Null when the asset has no price. Example: "0.0053966520315926"."""
        return decimal_or_none(self.unrealized_intraday_plpc)

    @property
    def current_price_decimal(self) -> Decimal | None:
        """``current_price`` as an exact decimal.Decimal (None when absent or null).

        The last price. US dollars per share, coin or contract, a decimal string, more than zero. Null when
        the asset has no price. Example: "229.15"."""
        return decimal_or_none(self.current_price)

    @property
    def lastday_price_decimal(self) -> Decimal | None:
        """``lastday_price`` as an exact decimal.Decimal (None when absent or null).

        The price at the previous close. US dollars per share, coin or contract, a decimal string, more than
        zero. Null when the asset has no price. Example: "227.92"."""
        return decimal_or_none(self.lastday_price)

    @property
    def change_today_decimal(self) -> Decimal | None:
        """``change_today`` as an exact decimal.Decimal (None when absent or null).

        Today's price change as a fraction: (current_price - lastday_price) / lastday_price. A ratio as a
        decimal string: 0.05 is 5 %. Null when the asset has no price. Example: "0.0053966303966304"."""
        return decimal_or_none(self.change_today)

    @property
    def qty_available_decimal(self) -> Decimal | None:
        """``qty_available`` as an exact decimal.Decimal (None when absent or null).

        The units not held for open orders (qty less what open orders hold), with qty's sign; absent from
        some answers. Shares, coins or contracts, a decimal string; negative for a short position. Example:
        "8"."""
        return decimal_or_none(self.qty_available)

    @property
    def swap_rate_decimal(self) -> Decimal | None:
        """``swap_rate`` as an exact decimal.Decimal (None when absent or null).

        Local-currency accounts only: the current exchange rate of the account's currency to USD (absent
        otherwise). A decimal string (units of the account's currency per US dollar). May be null. Example:
        "125.00"."""
        return decimal_or_none(self.swap_rate)

    @property
    def avg_entry_swap_rate_decimal(self) -> Decimal | None:
        """``avg_entry_swap_rate`` as an exact decimal.Decimal (None when absent or null).

        Local-currency accounts only: the average exchange rate at which the position was entered. A decimal
        string (units of the account's currency per US dollar). May be null. Example: "121.9468"."""
        return decimal_or_none(self.avg_entry_swap_rate)

    @property
    def prev_swap_rate_decimal(self) -> Decimal | None:
        """``prev_swap_rate`` as an exact decimal.Decimal (None when absent or null).

        Local-currency accounts only: the exchange rate at the previous close. A decimal string (units of
        the account's currency per US dollar). May be null. Example: "125.59"."""
        return decimal_or_none(self.prev_swap_rate)


from ..models.usd_position_values import USDPositionValues
