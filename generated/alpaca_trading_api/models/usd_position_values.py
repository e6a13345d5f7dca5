from __future__ import annotations

import json as _json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Unset,
    decimal_or_none,
)

T = TypeVar("T", bound="USDPositionValues")


@_attrs_define
class USDPositionValues:
    """A position's price fields in USD (local-currency trading). Every field is optional and may be null: the real API's
    list of them is not documented as fixed (alpaca-py models them as optional strings), so none is promised.

    """

    avg_entry_price: None | str | Unset = UNSET
    """ The average entry price per unit, in USD. US dollars per share, coin or contract, a decimal string, more
    than zero. May be null. Example: "216.0". """
    market_value: None | str | Unset = UNSET
    """ The market value, in USD. US dollars, a decimal string (plain notation, any precision), any sign. May be
    null. Example: "2170". """
    cost_basis: None | str | Unset = UNSET
    """ The cost basis, in USD. US dollars, a decimal string (plain notation, any precision), any sign. May be null.
    Example: "2160". """
    unrealized_pl: None | str | Unset = UNSET
    """ The unrealized profit or loss, in USD. US dollars, a decimal string (plain notation, any precision), any
    sign. May be null. Example: "10". """
    unrealized_plpc: None | str | Unset = UNSET
    """ The unrealized profit or loss as a fraction of the cost, in USD terms. A ratio as a decimal string: 0.05 is
    5 %. May be null. Example: "0.0046296296296296". """
    unrealized_intraday_pl: None | str | Unset = UNSET
    """ Today's profit or loss, in USD. US dollars, a decimal string (plain notation, any precision), any sign. May
    be null. Example: "-9.44". """
    unrealized_intraday_plpc: None | str | Unset = UNSET
    """ Today's profit or loss as a fraction, in USD terms. A ratio as a decimal string: 0.05 is 5 %. May be null.
    Example: "-0.0043309248850293". """
    current_price: None | str | Unset = UNSET
    """ The last price, in USD. US dollars per share, coin or contract, a decimal string, more than zero. May be
    null. Example: "217". """
    lastday_price: None | str | Unset = UNSET
    """ The price at the previous close, in USD. US dollars per share, coin or contract, a decimal string, more than
    zero. May be null. Example: "216.92". """
    change_today: None | str | Unset = UNSET
    """ Today's price change as a fraction, in USD terms. A ratio as a decimal string: 0.05 is 5 %. May be null.
    Example: "0.0003688". """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as the JSON object the API sent: decimals as strings, timestamps as
        their text, enum values as strings, unknown fields included."""
        avg_entry_price: None | str | Unset
        if isinstance(self.avg_entry_price, Unset):
            avg_entry_price = UNSET
        else:
            avg_entry_price = self.avg_entry_price

        market_value: None | str | Unset
        if isinstance(self.market_value, Unset):
            market_value = UNSET
        else:
            market_value = self.market_value

        cost_basis: None | str | Unset
        if isinstance(self.cost_basis, Unset):
            cost_basis = UNSET
        else:
            cost_basis = self.cost_basis

        unrealized_pl: None | str | Unset
        if isinstance(self.unrealized_pl, Unset):
            unrealized_pl = UNSET
        else:
            unrealized_pl = self.unrealized_pl

        unrealized_plpc: None | str | Unset
        if isinstance(self.unrealized_plpc, Unset):
            unrealized_plpc = UNSET
        else:
            unrealized_plpc = self.unrealized_plpc

        unrealized_intraday_pl: None | str | Unset
        if isinstance(self.unrealized_intraday_pl, Unset):
            unrealized_intraday_pl = UNSET
        else:
            unrealized_intraday_pl = self.unrealized_intraday_pl

        unrealized_intraday_plpc: None | str | Unset
        if isinstance(self.unrealized_intraday_plpc, Unset):
            unrealized_intraday_plpc = UNSET
        else:
            unrealized_intraday_plpc = self.unrealized_intraday_plpc

        current_price: None | str | Unset
        if isinstance(self.current_price, Unset):
            current_price = UNSET
        else:
            current_price = self.current_price

        lastday_price: None | str | Unset
        if isinstance(self.lastday_price, Unset):
            lastday_price = UNSET
        else:
            lastday_price = self.lastday_price

        change_today: None | str | Unset
        if isinstance(self.change_today, Unset):
            change_today = UNSET
        else:
            change_today = self.change_today

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if avg_entry_price is not UNSET:
            field_dict["avg_entry_price"] = avg_entry_price
        if market_value is not UNSET:
            field_dict["market_value"] = market_value
        if cost_basis is not UNSET:
            field_dict["cost_basis"] = cost_basis
        if unrealized_pl is not UNSET:
            field_dict["unrealized_pl"] = unrealized_pl
        if unrealized_plpc is not UNSET:
            field_dict["unrealized_plpc"] = unrealized_plpc
        if unrealized_intraday_pl is not UNSET:
            field_dict["unrealized_intraday_pl"] = unrealized_intraday_pl
        if unrealized_intraday_plpc is not UNSET:
            field_dict["unrealized_intraday_plpc"] = unrealized_intraday_plpc
        if current_price is not UNSET:
            field_dict["current_price"] = current_price
        if lastday_price is not UNSET:
            field_dict["lastday_price"] = lastday_price
        if change_today is not UNSET:
            field_dict["change_today"] = change_today

        return field_dict

    def to_json(self) -> str:
        """This model as JSON text, as the API sent it: decimals stay strings, timestamps keep
        their text, unknown fields are kept. ``USDPositionValues.from_json(m.to_json()) == m``."""
        return _json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """A model from JSON text (e.g. what ``to_json`` wrote); the inverse of ``to_json``."""
        data = _json.loads(text)
        if not isinstance(data, dict):
            raise TypeError(
                f"USDPositionValues.from_json needs a JSON object, got {type(data).__name__}"
            )
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """A model from a decoded JSON object. Unknown fields are kept (additional_properties),
        an unknown enum value stays a str; the input is not modified."""
        d = src_dict
        avg_entry_price: None | str | Unset = d.get("avg_entry_price", UNSET)

        market_value: None | str | Unset = d.get("market_value", UNSET)

        cost_basis: None | str | Unset = d.get("cost_basis", UNSET)

        unrealized_pl: None | str | Unset = d.get("unrealized_pl", UNSET)

        unrealized_plpc: None | str | Unset = d.get("unrealized_plpc", UNSET)

        unrealized_intraday_pl: None | str | Unset = d.get(
            "unrealized_intraday_pl", UNSET
        )

        unrealized_intraday_plpc: None | str | Unset = d.get(
            "unrealized_intraday_plpc", UNSET
        )

        current_price: None | str | Unset = d.get("current_price", UNSET)

        lastday_price: None | str | Unset = d.get("lastday_price", UNSET)

        change_today: None | str | Unset = d.get("change_today", UNSET)

        usd_position_values = cls(
            avg_entry_price,
            market_value,
            cost_basis,
            unrealized_pl,
            unrealized_plpc,
            unrealized_intraday_pl,
            unrealized_intraday_plpc,
            current_price,
            lastday_price,
            change_today,
        )

        if len(d) != 0 + (avg_entry_price is not UNSET) + (
            market_value is not UNSET
        ) + (cost_basis is not UNSET) + (unrealized_pl is not UNSET) + (
            unrealized_plpc is not UNSET
        ) + (unrealized_intraday_pl is not UNSET) + (
            unrealized_intraday_plpc is not UNSET
        ) + (current_price is not UNSET) + (lastday_price is not UNSET) + (
            change_today is not UNSET
        ):
            usd_position_values.additional_properties = {
                prop_name: prop
                for prop_name, prop in d.items()
                if prop_name
                not in {
                    "avg_entry_price",
                    "market_value",
                    "cost_basis",
                    "unrealized_pl",
                    "unrealized_plpc",
                    "unrealized_intraday_pl",
                    "unrealized_intraday_plpc",
                    "current_price",
                    "lastday_price",
                    "change_today",
                }
            }
        return usd_position_values

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
    def avg_entry_price_decimal(self) -> Decimal | None:
        """``avg_entry_price`` as an exact decimal.Decimal (None when absent or null).

        The average entry price per unit, in USD. US dollars per share, coin or contract, a decimal string,
        more than zero. May be null. Example: "216.0"."""
        return decimal_or_none(self.avg_entry_price)

    @property
    def market_value_decimal(self) -> Decimal | None:
        """``market_value`` as an exact decimal.Decimal (None when absent or null).

        The market value, in USD. US dollars, a decimal string (plain notation, any precision), any sign.
        May be null. Example: "2170"."""
        return decimal_or_none(self.market_value)

    @property
    def cost_basis_decimal(self) -> Decimal | None:
        """``cost_basis`` as an exact decimal.Decimal (None when absent or null).

        The cost basis, in USD. US dollars, a decimal string (plain notation, any precision), any sign. May
        be null. Example: "2160"."""
        return decimal_or_none(self.cost_basis)

    @property
    def unrealized_pl_decimal(self) -> Decimal | None:
        """``unrealized_pl`` as an exact decimal.Decimal (None when absent or null).

        The unrealized profit or loss, in USD. US dollars, a decimal string (plain notation, any precision),
        any sign. May be null. Example: "10"."""
        return decimal_or_none(self.unrealized_pl)

    @property
    def unrealized_plpc_decimal(self) -> Decimal | None:
        """``unrealized_plpc`` as an exact decimal.Decimal (None when absent or null).

        The unrealized profit or loss as a fraction of the cost, in USD terms. A ratio as a decimal string:
        0.05 is 5 %. May be null. Example: "0.0046296296296296"."""
        return decimal_or_none(self.unrealized_plpc)

    @property
    def unrealized_intraday_pl_decimal(self) -> Decimal | None:
        """``unrealized_intraday_pl`` as an exact decimal.Decimal (None when absent or null).

        Today's profit or loss, in USD. US dollars, a decimal string (plain notation, any precision), any
        sign. May be null. Example: "-9.44"."""
        return decimal_or_none(self.unrealized_intraday_pl)

    @property
    def unrealized_intraday_plpc_decimal(self) -> Decimal | None:
        """``unrealized_intraday_plpc`` as an exact decimal.Decimal (None when absent or null).

        Today's profit or loss as a fraction, in USD terms. A ratio as a decimal string: 0.05 is 5 %. May be
        null. Example: "-0.0043309248850293"."""
        return decimal_or_none(self.unrealized_intraday_plpc)

    @property
    def current_price_decimal(self) -> Decimal | None:
        """``current_price`` as an exact decimal.Decimal (None when absent or null).

        The last price, in USD. US dollars per share, coin or contract, a decimal string, more than zero.
        May be null. Example: "217"."""
        return decimal_or_none(self.current_price)

    @property
    def lastday_price_decimal(self) -> Decimal | None:
        """``lastday_price`` as an exact decimal.Decimal (None when absent or null).

        The price at the previous close, in USD. US dollars per share, coin or contract, a decimal string,
        more than zero. May be null. Example: "216.92"."""
        return decimal_or_none(self.lastday_price)

    @property
    def change_today_decimal(self) -> Decimal | None:
        """``change_today`` as an exact decimal.Decimal (None when absent or null).

        Today's price change as a fraction, in USD terms. A ratio as a decimal string: 0.05 is 5 %. May be
        null. Example: "0.0003688"."""
        return decimal_or_none(self.change_today)
