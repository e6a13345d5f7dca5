from __future__ import annotations

import json as _json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar, cast

import msgspec as _msgspec
from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Unset,
    exact_number,
    exact_number_or_none,
)

_EXACT_JSON = _msgspec.json.Encoder(decimal_format="number")

import datetime

from ..models.bond_status_known import BondStatusKnown
from ..models.coupon_frequency_known import CouponFrequencyKnown
from ..models.coupon_type_known import CouponTypeKnown
from ..models.treasury_subtype_known import TreasurySubtypeKnown

T = TypeVar("T", bound="UsTreasury")

_BondStatusKnown_BY_VALUE = cast(
    "dict[str, BondStatusKnown]", BondStatusKnown._value2member_map_
)
_CouponFrequencyKnown_BY_VALUE = cast(
    "dict[str, CouponFrequencyKnown]", CouponFrequencyKnown._value2member_map_
)
_CouponTypeKnown_BY_VALUE = cast(
    "dict[str, CouponTypeKnown]", CouponTypeKnown._value2member_map_
)
_TreasurySubtypeKnown_BY_VALUE = cast(
    "dict[str, TreasurySubtypeKnown]", TreasurySubtypeKnown._value2member_map_
)


@_attrs_define
class UsTreasury:
    """A US treasury security. Prices are a percentage of par value (99.5 is $995 on a $1,000 bond); coupon and yields are
    percentages per year (4.125 is 4.125 %).

    """

    cusip: str
    """ The treasury's CUSIP. A CUSIP: 9 characters whose last is its check digit. """
    isin: str
    """ The treasury's ISIN (US, the CUSIP and a check digit). An ISIN: 12 characters, a country code, whose last is
    its check digit (ISO 6166). """
    bond_status: BondStatusKnown | str
    """ The bond's status: outstanding, matured or pre_issuance. """
    tradable: bool
    """ Whether it can be traded at Alpaca now. """
    subtype: str | TreasurySubtypeKnown
    """ The treasury's subtype: bill, note, bond, strips, tips or floating (a floating rate note). """
    issue_date: datetime.date
    """ The date it was issued. A calendar date, YYYY-MM-DD. """
    maturity_date: datetime.date
    """ The date it matures. A calendar date, YYYY-MM-DD. """
    description: str
    """ A description, e.g. "United States Treasury Note 4.125% 2030-11-15". """
    description_short: str
    """ A short description. """
    coupon: Decimal
    """ The annual interest rate, as a percentage of par value (0 for a bill). A JSON number, a percentage of the
    bond's par value. """
    coupon_type: CouponTypeKnown | str
    """ How the coupon is set: fixed, floating or zero. """
    coupon_frequency: CouponFrequencyKnown | str
    """ How often the coupon is paid: annual, semi_annual, quarterly, monthly or zero. """
    close_price: Decimal | None | Unset = UNSET
    """ The last close, as a percentage of par value. A JSON number, a percentage of the bond's par value. May be
    null. """
    close_price_date: datetime.date | None | Unset = UNSET
    """ The date of close_price. A calendar date, YYYY-MM-DD. May be null. """
    close_yield_to_maturity: Decimal | None | Unset = UNSET
    """ The yield to maturity at the last close, in percent per year. A JSON number, exact (read as Decimal). May be
    null. """
    close_yield_to_worst: Decimal | None | Unset = UNSET
    """ The yield to worst at the last close, in percent per year. A JSON number, exact (read as Decimal). May be
    null. """
    first_coupon_date: datetime.date | None | Unset = UNSET
    """ The date of the first coupon payment. A calendar date, YYYY-MM-DD. May be null. """
    next_coupon_date: datetime.date | None | Unset = UNSET
    """ The date of the next coupon payment. A calendar date, YYYY-MM-DD. May be null. """
    last_coupon_date: datetime.date | None | Unset = UNSET
    """ The date of the last coupon payment. A calendar date, YYYY-MM-DD. May be null. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as the JSON object the API sent: decimals as strings, timestamps as
        their text, enum values as strings, unknown fields included."""
        cusip = self.cusip

        isin = self.isin

        bond_status: str
        if isinstance(self.bond_status, BondStatusKnown):
            bond_status = self.bond_status.value
        else:
            bond_status = self.bond_status

        tradable = self.tradable

        subtype: str
        if isinstance(self.subtype, TreasurySubtypeKnown):
            subtype = self.subtype.value
        else:
            subtype = self.subtype

        issue_date = self.issue_date.isoformat()

        maturity_date = self.maturity_date.isoformat()

        description = self.description

        description_short = self.description_short

        coupon = self.coupon

        coupon_type: str
        if isinstance(self.coupon_type, CouponTypeKnown):
            coupon_type = self.coupon_type.value
        else:
            coupon_type = self.coupon_type

        coupon_frequency: str
        if isinstance(self.coupon_frequency, CouponFrequencyKnown):
            coupon_frequency = self.coupon_frequency.value
        else:
            coupon_frequency = self.coupon_frequency

        close_price = self.close_price

        close_price_date: None | str | Unset
        if isinstance(self.close_price_date, Unset):
            close_price_date = UNSET
        elif isinstance(self.close_price_date, datetime.date):
            close_price_date = self.close_price_date.isoformat()
        else:
            close_price_date = self.close_price_date

        close_yield_to_maturity = self.close_yield_to_maturity

        close_yield_to_worst = self.close_yield_to_worst

        first_coupon_date: None | str | Unset
        if isinstance(self.first_coupon_date, Unset):
            first_coupon_date = UNSET
        elif isinstance(self.first_coupon_date, datetime.date):
            first_coupon_date = self.first_coupon_date.isoformat()
        else:
            first_coupon_date = self.first_coupon_date

        next_coupon_date: None | str | Unset
        if isinstance(self.next_coupon_date, Unset):
            next_coupon_date = UNSET
        elif isinstance(self.next_coupon_date, datetime.date):
            next_coupon_date = self.next_coupon_date.isoformat()
        else:
            next_coupon_date = self.next_coupon_date

        last_coupon_date: None | str | Unset
        if isinstance(self.last_coupon_date, Unset):
            last_coupon_date = UNSET
        elif isinstance(self.last_coupon_date, datetime.date):
            last_coupon_date = self.last_coupon_date.isoformat()
        else:
            last_coupon_date = self.last_coupon_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cusip": cusip,
                "isin": isin,
                "bond_status": bond_status,
                "tradable": tradable,
                "subtype": subtype,
                "issue_date": issue_date,
                "maturity_date": maturity_date,
                "description": description,
                "description_short": description_short,
                "coupon": coupon,
                "coupon_type": coupon_type,
                "coupon_frequency": coupon_frequency,
            }
        )
        if close_price is not UNSET:
            field_dict["close_price"] = close_price
        if close_price_date is not UNSET:
            field_dict["close_price_date"] = close_price_date
        if close_yield_to_maturity is not UNSET:
            field_dict["close_yield_to_maturity"] = close_yield_to_maturity
        if close_yield_to_worst is not UNSET:
            field_dict["close_yield_to_worst"] = close_yield_to_worst
        if first_coupon_date is not UNSET:
            field_dict["first_coupon_date"] = first_coupon_date
        if next_coupon_date is not UNSET:
            field_dict["next_coupon_date"] = next_coupon_date
        if last_coupon_date is not UNSET:
            field_dict["last_coupon_date"] = last_coupon_date

        return field_dict

    def to_json(self) -> str:
        """This model as JSON text, as the API sent it: decimals stay strings, timestamps keep
        their text, unknown fields are kept. ``UsTreasury.from_json(m.to_json()) == m``."""
        return _EXACT_JSON.encode(self.to_dict()).decode()

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """A model from JSON text (e.g. what ``to_json`` wrote); the inverse of ``to_json``."""
        data = _json.loads(text, parse_float=Decimal)
        if not isinstance(data, dict):
            raise TypeError(
                f"UsTreasury.from_json needs a JSON object, got {type(data).__name__}"
            )
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """A model from a decoded JSON object. Unknown fields are kept (additional_properties),
        an unknown enum value stays a str; the input is not modified."""
        d = src_dict
        cusip = d["cusip"]

        isin = d["isin"]

        _bond_status_raw = d["bond_status"]
        bond_status: BondStatusKnown | str = _BondStatusKnown_BY_VALUE.get(
            _bond_status_raw, _bond_status_raw
        )

        tradable = d["tradable"]

        _subtype_raw = d["subtype"]
        subtype: str | TreasurySubtypeKnown = _TreasurySubtypeKnown_BY_VALUE.get(
            _subtype_raw, _subtype_raw
        )

        issue_date = datetime.date.fromisoformat(d["issue_date"])

        maturity_date = datetime.date.fromisoformat(d["maturity_date"])

        description = d["description"]

        description_short = d["description_short"]

        coupon = exact_number(d["coupon"])

        _coupon_type_raw = d["coupon_type"]
        coupon_type: CouponTypeKnown | str = _CouponTypeKnown_BY_VALUE.get(
            _coupon_type_raw, _coupon_type_raw
        )

        _coupon_frequency_raw = d["coupon_frequency"]
        coupon_frequency: CouponFrequencyKnown | str = (
            _CouponFrequencyKnown_BY_VALUE.get(
                _coupon_frequency_raw, _coupon_frequency_raw
            )
        )

        _close_price = d.get("close_price", UNSET)
        close_price: Decimal | None | Unset = (
            UNSET
            if isinstance(_close_price, Unset)
            else exact_number_or_none(_close_price)
        )

        _close_price_date_raw = d.get("close_price_date", UNSET)
        close_price_date: datetime.date | None | Unset = (
            _close_price_date_raw
            if _close_price_date_raw is None or _close_price_date_raw is UNSET
            else datetime.date.fromisoformat(_close_price_date_raw)
        )

        _close_yield_to_maturity = d.get("close_yield_to_maturity", UNSET)
        close_yield_to_maturity: Decimal | None | Unset = (
            UNSET
            if isinstance(_close_yield_to_maturity, Unset)
            else exact_number_or_none(_close_yield_to_maturity)
        )

        _close_yield_to_worst = d.get("close_yield_to_worst", UNSET)
        close_yield_to_worst: Decimal | None | Unset = (
            UNSET
            if isinstance(_close_yield_to_worst, Unset)
            else exact_number_or_none(_close_yield_to_worst)
        )

        _first_coupon_date_raw = d.get("first_coupon_date", UNSET)
        first_coupon_date: datetime.date | None | Unset = (
            _first_coupon_date_raw
            if _first_coupon_date_raw is None or _first_coupon_date_raw is UNSET
            else datetime.date.fromisoformat(_first_coupon_date_raw)
        )

        _next_coupon_date_raw = d.get("next_coupon_date", UNSET)
        next_coupon_date: datetime.date | None | Unset = (
            _next_coupon_date_raw
            if _next_coupon_date_raw is None or _next_coupon_date_raw is UNSET
            else datetime.date.fromisoformat(_next_coupon_date_raw)
        )

        _last_coupon_date_raw = d.get("last_coupon_date", UNSET)
        last_coupon_date: datetime.date | None | Unset = (
            _last_coupon_date_raw
            if _last_coupon_date_raw is None or _last_coupon_date_raw is UNSET
            else datetime.date.fromisoformat(_last_coupon_date_raw)
        )

        us_treasury = cls(
            cusip,
            isin,
            bond_status,
            tradable,
            subtype,
            issue_date,
            maturity_date,
            description,
            description_short,
            coupon,
            coupon_type,
            coupon_frequency,
            close_price,
            close_price_date,
            close_yield_to_maturity,
            close_yield_to_worst,
            first_coupon_date,
            next_coupon_date,
            last_coupon_date,
        )

        if len(d) != 12 + (close_price is not UNSET) + (
            close_price_date is not UNSET
        ) + (close_yield_to_maturity is not UNSET) + (
            close_yield_to_worst is not UNSET
        ) + (first_coupon_date is not UNSET) + (next_coupon_date is not UNSET) + (
            last_coupon_date is not UNSET
        ):
            us_treasury.additional_properties = {
                prop_name: prop
                for prop_name, prop in d.items()
                if prop_name
                not in {
                    "cusip",
                    "isin",
                    "bond_status",
                    "tradable",
                    "subtype",
                    "issue_date",
                    "maturity_date",
                    "description",
                    "description_short",
                    "coupon",
                    "coupon_type",
                    "coupon_frequency",
                    "close_price",
                    "close_price_date",
                    "close_yield_to_maturity",
                    "close_yield_to_worst",
                    "first_coupon_date",
                    "next_coupon_date",
                    "last_coupon_date",
                }
            }
        return us_treasury

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
