from __future__ import annotations

import json as _json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.asset_attribute_known import AssetAttributeKnown
from ..models.asset_class_known import AssetClassKnown
from ..models.asset_status_known import AssetStatusKnown
from ..models.borrow_status_known import BorrowStatusKnown
from ..models.exchange_known import ExchangeKnown
from ..types import (
    UNSET,
    Unset,
    decimal_or_none,
    uuid_from_str,
)

T = TypeVar("T", bound="Asset")

_AssetAttributeKnown_BY_VALUE = cast(
    "dict[str, AssetAttributeKnown]", AssetAttributeKnown._value2member_map_
)
_AssetClassKnown_BY_VALUE = cast(
    "dict[str, AssetClassKnown]", AssetClassKnown._value2member_map_
)
_AssetStatusKnown_BY_VALUE = cast(
    "dict[str, AssetStatusKnown]", AssetStatusKnown._value2member_map_
)
_BorrowStatusKnown_BY_VALUE = cast(
    "dict[str, BorrowStatusKnown]", BorrowStatusKnown._value2member_map_
)
_ExchangeKnown_BY_VALUE = cast(
    "dict[str, ExchangeKnown]", ExchangeKnown._value2member_map_
)


@_attrs_define
class Asset:
    """A tradable instrument."""

    id: UUID
    """ The asset's id. A UUID, 8-4-4-4-12 hexadecimal digits. Example: "b0b6dd9d-8b9b-48a9-ba46-b9d54906e415". """
    class_: AssetClassKnown | str
    """ The asset class (us_equity, crypto, us_option, ...). Example: "us_equity". """
    exchange: ExchangeKnown | str
    """ Where it is listed (CRYPTO for crypto). Example: "NASDAQ". """
    symbol: str
    """ Its symbol; equities as listed (BRK.B), crypto pairs with a slash (BTC/USD). Example: "AAPL". """
    name: str
    """ Its name. Example: "Apple Inc. Common Stock". """
    status: AssetStatusKnown | str
    """ Whether the asset is active or inactive. Example: "active". """
    tradable: bool
    """ Whether Alpaca trades it now. """
    marginable: bool
    """ Whether it can be bought on margin. """
    shortable: bool
    """ Whether it can be sold short. """
    fractionable: bool
    """ Whether fractions of it can be traded. """
    easy_to_borrow: bool | Unset = UNSET
    """ Deprecated 2026-06-22, sunset 2026-09-22 (use borrow_status): true when borrow_status is easy_to_borrow. """
    borrow_status: BorrowStatusKnown | str | Unset = UNSET
    """ Whether shares are easy or hard to borrow for a short sale (easy_to_borrow or hard_to_borrow); sent for US
    equities only, absent otherwise. Example: "easy_to_borrow". """
    maintenance_margin_requirement: float | Unset = UNSET
    """ Deprecated: the margin requirement in percent (30 is 30 %), a JSON number rather than a decimal string. A
    JSON number, exact (read as Decimal). Example: 30. """
    margin_requirement_long: str | Unset = UNSET
    """ The margin a long position needs, in percent. A percentage as a decimal string: 30 is 30 %. Example: "30".
    """
    margin_requirement_short: str | Unset = UNSET
    """ The margin a short position needs, in percent. A percentage as a decimal string: 30 is 30 %. Example: "30".
    """
    attributes: list[AssetAttributeKnown | str] | Unset = UNSET
    """ Flags such as has_options, ipo or fractional_eh_enabled (often empty); values Alpaca adds later are kept as
    strings. """
    min_order_size: str | Unset = UNSET
    """ Crypto only; the smallest order, in coins. Shares, coins or contracts, a decimal string, zero or more.
    Example: "0.000010954". """
    min_trade_increment: str | Unset = UNSET
    """ Crypto only; the step of an order's quantity, in coins. Shares, coins or contracts, a decimal string, zero
    or more. Example: "0.000000001". """
    price_increment: str | Unset = UNSET
    """ Crypto only; the step of a price, in dollars. US dollars per share, coin or contract, a decimal string, more
    than zero. Example: "1". """
    cusip: None | str | Unset = UNSET
    """ The CUSIP, for US equities; null or absent otherwise. A CUSIP: 9 characters whose last is its check digit.
    Example: "037833100". """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as the JSON object the API sent: decimals as strings, timestamps as
        their text, enum values as strings, unknown fields included."""
        id = str(self.id)

        class_: str
        if isinstance(self.class_, AssetClassKnown):
            class_ = self.class_.value
        else:
            class_ = self.class_

        exchange: str
        if isinstance(self.exchange, ExchangeKnown):
            exchange = self.exchange.value
        else:
            exchange = self.exchange

        symbol = self.symbol

        name = self.name

        status: str
        if isinstance(self.status, AssetStatusKnown):
            status = self.status.value
        else:
            status = self.status

        tradable = self.tradable

        marginable = self.marginable

        shortable = self.shortable

        fractionable = self.fractionable

        easy_to_borrow = self.easy_to_borrow

        borrow_status: str | Unset
        if isinstance(self.borrow_status, Unset):
            borrow_status = UNSET
        elif isinstance(self.borrow_status, BorrowStatusKnown):
            borrow_status = self.borrow_status.value
        else:
            borrow_status = self.borrow_status

        maintenance_margin_requirement = self.maintenance_margin_requirement

        margin_requirement_long = self.margin_requirement_long

        margin_requirement_short = self.margin_requirement_short

        attributes: list[str] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = []
            for attributes_item_data in self.attributes:
                attributes_item: str
                if isinstance(attributes_item_data, AssetAttributeKnown):
                    attributes_item = attributes_item_data.value
                else:
                    attributes_item = attributes_item_data
                attributes.append(attributes_item)

        min_order_size = self.min_order_size

        min_trade_increment = self.min_trade_increment

        price_increment = self.price_increment

        cusip: None | str | Unset
        if isinstance(self.cusip, Unset):
            cusip = UNSET
        else:
            cusip = self.cusip

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "class": class_,
                "exchange": exchange,
                "symbol": symbol,
                "name": name,
                "status": status,
                "tradable": tradable,
                "marginable": marginable,
                "shortable": shortable,
                "fractionable": fractionable,
            }
        )
        if easy_to_borrow is not UNSET:
            field_dict["easy_to_borrow"] = easy_to_borrow
        if borrow_status is not UNSET:
            field_dict["borrow_status"] = borrow_status
        if maintenance_margin_requirement is not UNSET:
            field_dict["maintenance_margin_requirement"] = (
                maintenance_margin_requirement
            )
        if margin_requirement_long is not UNSET:
            field_dict["margin_requirement_long"] = margin_requirement_long
        if margin_requirement_short is not UNSET:
            field_dict["margin_requirement_short"] = margin_requirement_short
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if min_order_size is not UNSET:
            field_dict["min_order_size"] = min_order_size
        if min_trade_increment is not UNSET:
            field_dict["min_trade_increment"] = min_trade_increment
        if price_increment is not UNSET:
            field_dict["price_increment"] = price_increment
        if cusip is not UNSET:
            field_dict["cusip"] = cusip

        return field_dict

    def to_json(self) -> str:
        """This model as JSON text, as the API sent it: decimals stay strings, timestamps keep
        their text, unknown fields are kept. ``Asset.from_json(m.to_json()) == m``."""
        return _json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """A model from JSON text (e.g. what ``to_json`` wrote); the inverse of ``to_json``."""
        data = _json.loads(text)
        if not isinstance(data, dict):
            raise TypeError(
                f"Asset.from_json needs a JSON object, got {type(data).__name__}"
            )
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """A model from a decoded JSON object. Unknown fields are kept (additional_properties),
        an unknown enum value stays a str; the input is not modified."""
        d = src_dict
        id = uuid_from_str(d["id"])

        _class__raw = d["class"]
        class_: AssetClassKnown | str = _AssetClassKnown_BY_VALUE.get(
            _class__raw, _class__raw
        )

        _exchange_raw = d["exchange"]
        exchange: ExchangeKnown | str = _ExchangeKnown_BY_VALUE.get(
            _exchange_raw, _exchange_raw
        )

        symbol = d["symbol"]

        name = d["name"]

        _status_raw = d["status"]
        status: AssetStatusKnown | str = _AssetStatusKnown_BY_VALUE.get(
            _status_raw, _status_raw
        )

        tradable = d["tradable"]

        marginable = d["marginable"]

        shortable = d["shortable"]

        fractionable = d["fractionable"]

        easy_to_borrow = d.get("easy_to_borrow", UNSET)

        _borrow_status_raw = d.get("borrow_status", UNSET)
        borrow_status: BorrowStatusKnown | str | Unset = (
            _BorrowStatusKnown_BY_VALUE.get(_borrow_status_raw, _borrow_status_raw)
        )

        maintenance_margin_requirement = d.get("maintenance_margin_requirement", UNSET)

        margin_requirement_long = d.get("margin_requirement_long", UNSET)

        margin_requirement_short = d.get("margin_requirement_short", UNSET)

        _attributes = d.get("attributes", UNSET)
        attributes: list[AssetAttributeKnown | str] | Unset = UNSET
        if _attributes is not UNSET:
            attributes = []
            for attributes_item_data in _attributes:
                _attributes_item_raw = attributes_item_data
                attributes_item: AssetAttributeKnown | str = (
                    _AssetAttributeKnown_BY_VALUE.get(
                        _attributes_item_raw, _attributes_item_raw
                    )
                )

                attributes.append(attributes_item)

        min_order_size = d.get("min_order_size", UNSET)

        min_trade_increment = d.get("min_trade_increment", UNSET)

        price_increment = d.get("price_increment", UNSET)

        cusip: None | str | Unset = d.get("cusip", UNSET)

        asset = cls(
            id,
            class_,
            exchange,
            symbol,
            name,
            status,
            tradable,
            marginable,
            shortable,
            fractionable,
            easy_to_borrow,
            borrow_status,
            maintenance_margin_requirement,
            margin_requirement_long,
            margin_requirement_short,
            attributes,
            min_order_size,
            min_trade_increment,
            price_increment,
            cusip,
        )

        if len(d) != 10 + (easy_to_borrow is not UNSET) + (
            borrow_status is not UNSET
        ) + (maintenance_margin_requirement is not UNSET) + (
            margin_requirement_long is not UNSET
        ) + (margin_requirement_short is not UNSET) + (attributes is not UNSET) + (
            min_order_size is not UNSET
        ) + (min_trade_increment is not UNSET) + (price_increment is not UNSET) + (
            cusip is not UNSET
        ):
            asset.additional_properties = {
                prop_name: prop
                for prop_name, prop in d.items()
                if prop_name
                not in {
                    "id",
                    "class",
                    "exchange",
                    "symbol",
                    "name",
                    "status",
                    "tradable",
                    "marginable",
                    "shortable",
                    "fractionable",
                    "easy_to_borrow",
                    "borrow_status",
                    "maintenance_margin_requirement",
                    "margin_requirement_long",
                    "margin_requirement_short",
                    "attributes",
                    "min_order_size",
                    "min_trade_increment",
                    "price_increment",
                    "cusip",
                }
            }
        return asset

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
    def margin_requirement_long_decimal(self) -> Decimal | None:
        """``margin_requirement_long`` as an exact decimal.Decimal (None when absent or null).

        The margin a long position needs, in percent. A percentage as a decimal string: 30 is 30 %. Example:
        "30"."""
        return decimal_or_none(self.margin_requirement_long)

    @property
    def margin_requirement_short_decimal(self) -> Decimal | None:
        """``margin_requirement_short`` as an exact decimal.Decimal (None when absent or null).

        The margin a short position needs, in percent. A percentage as a decimal string: 30 is 30 %.
        Example: "30"."""
        return decimal_or_none(self.margin_requirement_short)

    @property
    def min_order_size_decimal(self) -> Decimal | None:
        """``min_order_size`` as an exact decimal.Decimal (None when absent or null).

        Crypto only; the smallest order, in coins. Shares, coins or contracts, a decimal string, zero or
        more. Example: "0.000010954"."""
        return decimal_or_none(self.min_order_size)

    @property
    def min_trade_increment_decimal(self) -> Decimal | None:
        """``min_trade_increment`` as an exact decimal.Decimal (None when absent or null).

        Crypto only; the step of an order's quantity, in coins. Shares, coins or contracts, a decimal
        string, zero or more. Example: "0.000000001"."""
        return decimal_or_none(self.min_trade_increment)

    @property
    def price_increment_decimal(self) -> Decimal | None:
        """``price_increment`` as an exact decimal.Decimal (None when absent or null).

        Crypto only; the step of a price, in dollars. US dollars per share, coin or contract, a decimal
        string, more than zero. Example: "1"."""
        return decimal_or_none(self.price_increment)
