from __future__ import annotations

import json as _json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Unset,
    decimal_or_none,
    uuid_from_str,
)

T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """An error body. Usually {"code", "message"}, code being the HTTP status followed by five digits (40410000). A 401 for
    wrong keys is {"message": "unauthorized."} with no code. A 403 rejecting a close adds available, existing_qty,
    held_for_orders, symbol and related_orders.

    """

    message: str
    """ What went wrong. """
    code: int | Unset = UNSET
    """ The error code: the HTTP status followed by five digits (40410000); absent from a 401 for wrong keys. An
    Alpaca error code: the HTTP status followed by five digits. Example: 40310000. """
    available: str | Unset = UNSET
    """ On insufficient qty, the units free to close. Shares, coins or contracts, a decimal string, zero or more.
    Example: "8". """
    existing_qty: str | Unset = UNSET
    """ On insufficient qty, the units held. Shares, coins or contracts, a decimal string, zero or more. Example:
    "10". """
    held_for_orders: str | Unset = UNSET
    """ On insufficient qty, the units held for open orders. Shares, coins or contracts, a decimal string, zero or
    more. Example: "2". """
    symbol: str | Unset = UNSET
    """ On insufficient qty, the position's symbol. Example: "AAPL". """
    related_orders: list[UUID] | Unset = UNSET
    """ On insufficient qty, the ids of the open orders holding units. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as the JSON object the API sent: decimals as strings, timestamps as
        their text, enum values as strings, unknown fields included."""
        message = self.message

        code = self.code

        available = self.available

        existing_qty = self.existing_qty

        held_for_orders = self.held_for_orders

        symbol = self.symbol

        related_orders: list[str] | Unset = UNSET
        if not isinstance(self.related_orders, Unset):
            related_orders = []
            for related_orders_item_data in self.related_orders:
                related_orders_item = str(related_orders_item_data)
                related_orders.append(related_orders_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if available is not UNSET:
            field_dict["available"] = available
        if existing_qty is not UNSET:
            field_dict["existing_qty"] = existing_qty
        if held_for_orders is not UNSET:
            field_dict["held_for_orders"] = held_for_orders
        if symbol is not UNSET:
            field_dict["symbol"] = symbol
        if related_orders is not UNSET:
            field_dict["related_orders"] = related_orders

        return field_dict

    def to_json(self) -> str:
        """This model as JSON text, as the API sent it: decimals stay strings, timestamps keep
        their text, unknown fields are kept. ``Error.from_json(m.to_json()) == m``."""
        return _json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """A model from JSON text (e.g. what ``to_json`` wrote); the inverse of ``to_json``."""
        data = _json.loads(text)
        if not isinstance(data, dict):
            raise TypeError(
                f"Error.from_json needs a JSON object, got {type(data).__name__}"
            )
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """A model from a decoded JSON object. Unknown fields are kept (additional_properties),
        an unknown enum value stays a str; the input is not modified."""
        d = src_dict
        message = d["message"]

        code = d.get("code", UNSET)

        available = d.get("available", UNSET)

        existing_qty = d.get("existing_qty", UNSET)

        held_for_orders = d.get("held_for_orders", UNSET)

        symbol = d.get("symbol", UNSET)

        _related_orders = d.get("related_orders", UNSET)
        related_orders: list[UUID] | Unset = UNSET
        if _related_orders is not UNSET:
            related_orders = []
            for related_orders_item_data in _related_orders:
                related_orders_item = uuid_from_str(related_orders_item_data)

                related_orders.append(related_orders_item)

        error = cls(
            message,
            code,
            available,
            existing_qty,
            held_for_orders,
            symbol,
            related_orders,
        )

        if len(d) != 1 + (code is not UNSET) + (available is not UNSET) + (
            existing_qty is not UNSET
        ) + (held_for_orders is not UNSET) + (symbol is not UNSET) + (
            related_orders is not UNSET
        ):
            error.additional_properties = {
                prop_name: prop
                for prop_name, prop in d.items()
                if prop_name
                not in {
                    "message",
                    "code",
                    "available",
                    "existing_qty",
                    "held_for_orders",
                    "symbol",
                    "related_orders",
                }
            }
        return error

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
    def available_decimal(self) -> Decimal | None:
        """``available`` as an exact decimal.Decimal (None when absent or null).

        On insufficient qty, the units free to close. Shares, coins or contracts, a decimal string, zero or
        more. Example: "8"."""
        return decimal_or_none(self.available)

    @property
    def existing_qty_decimal(self) -> Decimal | None:
        """``existing_qty`` as an exact decimal.Decimal (None when absent or null).

        On insufficient qty, the units held. Shares, coins or contracts, a decimal string, zero or more.
        Example: "10"."""
        return decimal_or_none(self.existing_qty)

    @property
    def held_for_orders_decimal(self) -> Decimal | None:
        """``held_for_orders`` as an exact decimal.Decimal (None when absent or null).

        On insufficient qty, the units held for open orders. Shares, coins or contracts, a decimal string,
        zero or more. Example: "2"."""
        return decimal_or_none(self.held_for_orders)
