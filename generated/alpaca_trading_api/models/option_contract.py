from __future__ import annotations

import datetime
import json as _json
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.asset_status_known import AssetStatusKnown
from ..models.option_style_known import OptionStyleKnown
from ..models.option_type_known import OptionTypeKnown
from ..types import (
    UNSET,
    Unset,
    decimal_or_none,
    decimal_required,
    uuid_from_str,
)

if TYPE_CHECKING:
    from ..models.option_deliverable import OptionDeliverable


T = TypeVar("T", bound="OptionContract")

_AssetStatusKnown_BY_VALUE = cast(
    "dict[str, AssetStatusKnown]", AssetStatusKnown._value2member_map_
)
_OptionStyleKnown_BY_VALUE = cast(
    "dict[str, OptionStyleKnown]", OptionStyleKnown._value2member_map_
)
_OptionTypeKnown_BY_VALUE = cast(
    "dict[str, OptionTypeKnown]", OptionTypeKnown._value2member_map_
)


@_attrs_define
class OptionContract:
    """An option contract: the right to buy (call) or sell (put) `size` shares of the underlying at `strike_price` until
    `expiration_date`. Its symbol is the OCC symbol: root, expiry (YYMMDD), C or P, and the strike times 1,000 in 8
    digits.

    """

    id: UUID
    """ The contract's id. A UUID, 8-4-4-4-12 hexadecimal digits. Example: "98359ef7-5124-49f3-85ea-5cf02df6defa".
    """
    symbol: str
    """ The OCC symbol: root, expiry as YYMMDD, C or P, and the strike times 1,000 in 8 digits. Example:
    "AAPL250620C00100000". """
    name: str
    """ The contract's name. Example: "AAPL Jun 20 2025 100 Call". """
    status: AssetStatusKnown | str
    """ Whether the contract is active (listed) or inactive (expired or delisted). Example: "active". """
    tradable: bool
    """ Whether Alpaca trades the contract now. """
    expiration_date: datetime.date
    """ The last day it can be exercised (or traded). A calendar date, YYYY-MM-DD. Example: "2025-06-20". """
    underlying_symbol: str
    """ The underlying asset's symbol. Example: "AAPL". """
    underlying_asset_id: UUID
    """ The underlying asset's id, as GET /v2/assets gives it. A UUID, 8-4-4-4-12 hexadecimal digits. Example:
    "b0b6dd9d-8b9b-48a9-ba46-b9d54906e415". """
    type_: OptionTypeKnown | str
    """ call (the right to buy) or put (the right to sell). Example: "call". """
    style: OptionStyleKnown | str
    """ american (exercisable any day until expiry) or european (on the expiry day only). Example: "american". """
    strike_price: str
    """ The price per share at which the underlying is bought or sold on exercise. US dollars per share, a decimal
    string, more than zero. Example: "100". """
    multiplier: str
    """ What a price per share is multiplied by for one contract: the premium and the exercise cost (100 for a
    standard contract). A decimal string. Example: "100". """
    size: str
    """ The shares delivered per contract on exercise or assignment (100 for a standard contract); for an adjusted
    contract see deliverables, not this. A decimal string. Example: "100". """
    root_symbol: str | Unset = UNSET
    """ The OCC symbol's root: the underlying's symbol for a standard contract, another root (AAPL1) for an adjusted
    one. Example: "AAPL". """
    open_interest: None | str | Unset = UNSET
    """ Contracts open at the end of open_interest_date. A decimal string holding a whole number, zero or more. Null
    or absent when not known. Example: "237". """
    open_interest_date: datetime.date | None | Unset = UNSET
    """ The day of open_interest. A calendar date, YYYY-MM-DD. Null or absent when not known. Example: "2023-12-11".
    """
    close_price: None | str | Unset = UNSET
    """ The last close, per share (one contract costs it times the multiplier). US dollars per share, a decimal
    string, zero or more. Null or absent when not known. Example: "148.38". """
    close_price_date: datetime.date | None | Unset = UNSET
    """ The day of close_price. A calendar date, YYYY-MM-DD. Null or absent when not known. Example: "2023-12-11".
    """
    deliverables: list[OptionDeliverable] | Unset = UNSET
    """ What one contract delivers (one entry for a standard contract); in a list only when show_deliverables=true.
    """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as the JSON object the API sent: decimals as strings, timestamps as
        their text, enum values as strings, unknown fields included."""
        id = str(self.id)

        symbol = self.symbol

        name = self.name

        status: str
        if isinstance(self.status, AssetStatusKnown):
            status = self.status.value
        else:
            status = self.status

        tradable = self.tradable

        expiration_date = self.expiration_date.isoformat()

        underlying_symbol = self.underlying_symbol

        underlying_asset_id = str(self.underlying_asset_id)

        type_: str
        if isinstance(self.type_, OptionTypeKnown):
            type_ = self.type_.value
        else:
            type_ = self.type_

        style: str
        if isinstance(self.style, OptionStyleKnown):
            style = self.style.value
        else:
            style = self.style

        strike_price = self.strike_price

        multiplier = self.multiplier

        size = self.size

        root_symbol = self.root_symbol

        open_interest: None | str | Unset
        if isinstance(self.open_interest, Unset):
            open_interest = UNSET
        else:
            open_interest = self.open_interest

        open_interest_date: None | str | Unset
        if isinstance(self.open_interest_date, Unset):
            open_interest_date = UNSET
        elif isinstance(self.open_interest_date, datetime.date):
            open_interest_date = self.open_interest_date.isoformat()
        else:
            open_interest_date = self.open_interest_date

        close_price: None | str | Unset
        if isinstance(self.close_price, Unset):
            close_price = UNSET
        else:
            close_price = self.close_price

        close_price_date: None | str | Unset
        if isinstance(self.close_price_date, Unset):
            close_price_date = UNSET
        elif isinstance(self.close_price_date, datetime.date):
            close_price_date = self.close_price_date.isoformat()
        else:
            close_price_date = self.close_price_date

        deliverables: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.deliverables, Unset):
            deliverables = []
            for deliverables_item_data in self.deliverables:
                deliverables_item = deliverables_item_data.to_dict()
                deliverables.append(deliverables_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "symbol": symbol,
                "name": name,
                "status": status,
                "tradable": tradable,
                "expiration_date": expiration_date,
                "underlying_symbol": underlying_symbol,
                "underlying_asset_id": underlying_asset_id,
                "type": type_,
                "style": style,
                "strike_price": strike_price,
                "multiplier": multiplier,
                "size": size,
            }
        )
        if root_symbol is not UNSET:
            field_dict["root_symbol"] = root_symbol
        if open_interest is not UNSET:
            field_dict["open_interest"] = open_interest
        if open_interest_date is not UNSET:
            field_dict["open_interest_date"] = open_interest_date
        if close_price is not UNSET:
            field_dict["close_price"] = close_price
        if close_price_date is not UNSET:
            field_dict["close_price_date"] = close_price_date
        if deliverables is not UNSET:
            field_dict["deliverables"] = deliverables

        return field_dict

    def to_json(self) -> str:
        """This model as JSON text, as the API sent it: decimals stay strings, timestamps keep
        their text, unknown fields are kept. ``OptionContract.from_json(m.to_json()) == m``."""
        return _json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """A model from JSON text (e.g. what ``to_json`` wrote); the inverse of ``to_json``."""
        data = _json.loads(text)
        if not isinstance(data, dict):
            raise TypeError(
                f"OptionContract.from_json needs a JSON object, got {type(data).__name__}"
            )
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """A model from a decoded JSON object. Unknown fields are kept (additional_properties),
        an unknown enum value stays a str; the input is not modified."""
        d = src_dict
        id = uuid_from_str(d["id"])

        symbol = d["symbol"]

        name = d["name"]

        _status_raw = d["status"]
        status: AssetStatusKnown | str = _AssetStatusKnown_BY_VALUE.get(
            _status_raw, _status_raw
        )

        tradable = d["tradable"]

        expiration_date = datetime.date.fromisoformat(d["expiration_date"])

        underlying_symbol = d["underlying_symbol"]

        underlying_asset_id = uuid_from_str(d["underlying_asset_id"])

        _type__raw = d["type"]
        type_: OptionTypeKnown | str = _OptionTypeKnown_BY_VALUE.get(
            _type__raw, _type__raw
        )

        _style_raw = d["style"]
        style: OptionStyleKnown | str = _OptionStyleKnown_BY_VALUE.get(
            _style_raw, _style_raw
        )

        strike_price = d["strike_price"]

        multiplier = d["multiplier"]

        size = d["size"]

        root_symbol = d.get("root_symbol", UNSET)

        open_interest: None | str | Unset = d.get("open_interest", UNSET)

        _open_interest_date_raw = d.get("open_interest_date", UNSET)
        open_interest_date: datetime.date | None | Unset = (
            _open_interest_date_raw
            if _open_interest_date_raw is None or _open_interest_date_raw is UNSET
            else datetime.date.fromisoformat(_open_interest_date_raw)
        )

        close_price: None | str | Unset = d.get("close_price", UNSET)

        _close_price_date_raw = d.get("close_price_date", UNSET)
        close_price_date: datetime.date | None | Unset = (
            _close_price_date_raw
            if _close_price_date_raw is None or _close_price_date_raw is UNSET
            else datetime.date.fromisoformat(_close_price_date_raw)
        )

        _deliverables = d.get("deliverables", UNSET)
        deliverables: list[OptionDeliverable] | Unset = UNSET
        if _deliverables is not UNSET:
            deliverables = []
            for deliverables_item_data in _deliverables:
                deliverables_item = OptionDeliverable.from_dict(deliverables_item_data)

                deliverables.append(deliverables_item)

        option_contract = cls(
            id,
            symbol,
            name,
            status,
            tradable,
            expiration_date,
            underlying_symbol,
            underlying_asset_id,
            type_,
            style,
            strike_price,
            multiplier,
            size,
            root_symbol,
            open_interest,
            open_interest_date,
            close_price,
            close_price_date,
            deliverables,
        )

        if len(d) != 13 + (root_symbol is not UNSET) + (open_interest is not UNSET) + (
            open_interest_date is not UNSET
        ) + (close_price is not UNSET) + (close_price_date is not UNSET) + (
            deliverables is not UNSET
        ):
            option_contract.additional_properties = {
                prop_name: prop
                for prop_name, prop in d.items()
                if prop_name
                not in {
                    "id",
                    "symbol",
                    "name",
                    "status",
                    "tradable",
                    "expiration_date",
                    "underlying_symbol",
                    "underlying_asset_id",
                    "type",
                    "style",
                    "strike_price",
                    "multiplier",
                    "size",
                    "root_symbol",
                    "open_interest",
                    "open_interest_date",
                    "close_price",
                    "close_price_date",
                    "deliverables",
                }
            }
        return option_contract

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
    def strike_price_decimal(self) -> Decimal:
        """``strike_price`` as an exact decimal.Decimal (a required field, never null).

        The price per share at which the underlying is bought or sold on exercise. US dollars per share, a
        decimal string, more than zero. Example: "100"."""
        return decimal_required(self.strike_price)

    @property
    def multiplier_decimal(self) -> Decimal:
        """``multiplier`` as an exact decimal.Decimal (a required field, never null).

        What a price per share is multiplied by for one contract: the premium and the exercise cost (100 for
        a standard contract). A decimal string. Example: "100"."""
        return decimal_required(self.multiplier)

    @property
    def size_decimal(self) -> Decimal:
        """``size`` as an exact decimal.Decimal (a required field, never null).

        The shares delivered per contract on exercise or assignment (100 for a standard contract); for an
        adjusted contract see deliverables, not this. A decimal string. Example: "100"."""
        return decimal_required(self.size)

    @property
    def open_interest_decimal(self) -> Decimal | None:
        """``open_interest`` as an exact decimal.Decimal (None when absent or null).

        Contracts open at the end of open_interest_date. A decimal string holding a whole number, zero or
        more. Null or absent when not known. Example: "237"."""
        return decimal_or_none(self.open_interest)

    @property
    def close_price_decimal(self) -> Decimal | None:
        """``close_price`` as an exact decimal.Decimal (None when absent or null).

        The last close, per share (one contract costs it times the multiplier). US dollars per share, a
        decimal string, zero or more. Null or absent when not known. Example: "148.38"."""
        return decimal_or_none(self.close_price)


from ..models.option_deliverable import OptionDeliverable
