from __future__ import annotations

import json as _json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deliverable_type_known import DeliverableTypeKnown
from ..models.settlement_method_known import SettlementMethodKnown
from ..models.settlement_type_known import SettlementTypeKnown
from ..types import (
    UNSET,
    Unset,
    decimal_or_none,
    decimal_required,
    uuid_from_str,
)

T = TypeVar("T", bound="OptionDeliverable")

_DeliverableTypeKnown_BY_VALUE = cast(
    "dict[str, DeliverableTypeKnown]", DeliverableTypeKnown._value2member_map_
)
_SettlementMethodKnown_BY_VALUE = cast(
    "dict[str, SettlementMethodKnown]", SettlementMethodKnown._value2member_map_
)
_SettlementTypeKnown_BY_VALUE = cast(
    "dict[str, SettlementTypeKnown]", SettlementTypeKnown._value2member_map_
)


@_attrs_define
class OptionDeliverable:
    """What one contract delivers when exercised or assigned: a standard contract delivers 100 shares of its underlying; an
    adjusted one may deliver several things, cash among them.

    """

    type_: DeliverableTypeKnown | str
    """ What is delivered: equity (shares; always, for a standard contract) or cash. Example: "equity". """
    symbol: str
    """ The delivered asset's symbol; the underlying's for a standard contract. Example: "AAPL". """
    amount: None | str
    """ How much is delivered per contract: shares (100 for a standard contract), or US dollars for cash. A decimal
    string. Null while a delayed settlement's amount is not yet known. Example: "100". """
    allocation_percentage: str
    """ The share of the contract's cost given to this deliverable, in percent (100 for a standard contract); it
    sets the cost basis of the shares received. A percentage as a decimal string: 30 is 30 %. Example: "100". """
    settlement_type: SettlementTypeKnown | str
    """ When it settles after an exercise or assignment, T+0 to T+5. Example: "T+2". """
    settlement_method: SettlementMethodKnown | str
    """ How it settles: BTOB, CADF, CAFX or CCC (the clearing corporation, for a standard contract). Example: "CCC".
    """
    delayed_settlement: bool
    """ Whether its settlement is delayed beyond the usual time. """
    asset_id: UUID | Unset = UNSET
    """ The delivered asset's id; the underlying's for a standard contract, absent for cash. A UUID, 8-4-4-4-12
    hexadecimal digits. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as the JSON object the API sent: decimals as strings, timestamps as
        their text, enum values as strings, unknown fields included."""
        type_: str
        if isinstance(self.type_, DeliverableTypeKnown):
            type_ = self.type_.value
        else:
            type_ = self.type_

        symbol = self.symbol

        amount: None | str
        amount = self.amount

        allocation_percentage = self.allocation_percentage

        settlement_type: str
        if isinstance(self.settlement_type, SettlementTypeKnown):
            settlement_type = self.settlement_type.value
        else:
            settlement_type = self.settlement_type

        settlement_method: str
        if isinstance(self.settlement_method, SettlementMethodKnown):
            settlement_method = self.settlement_method.value
        else:
            settlement_method = self.settlement_method

        delayed_settlement = self.delayed_settlement

        asset_id: str | Unset = UNSET
        if not isinstance(self.asset_id, Unset):
            asset_id = str(self.asset_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "symbol": symbol,
                "amount": amount,
                "allocation_percentage": allocation_percentage,
                "settlement_type": settlement_type,
                "settlement_method": settlement_method,
                "delayed_settlement": delayed_settlement,
            }
        )
        if asset_id is not UNSET:
            field_dict["asset_id"] = asset_id

        return field_dict

    def to_json(self) -> str:
        """This model as JSON text, as the API sent it: decimals stay strings, timestamps keep
        their text, unknown fields are kept. ``OptionDeliverable.from_json(m.to_json()) == m``."""
        return _json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """A model from JSON text (e.g. what ``to_json`` wrote); the inverse of ``to_json``."""
        data = _json.loads(text)
        if not isinstance(data, dict):
            raise TypeError(
                f"OptionDeliverable.from_json needs a JSON object, got {type(data).__name__}"
            )
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """A model from a decoded JSON object. Unknown fields are kept (additional_properties),
        an unknown enum value stays a str; the input is not modified."""
        d = src_dict
        _type__raw = d["type"]
        type_: DeliverableTypeKnown | str = _DeliverableTypeKnown_BY_VALUE.get(
            _type__raw, _type__raw
        )

        symbol = d["symbol"]

        amount: None | str = d["amount"]

        allocation_percentage = d["allocation_percentage"]

        _settlement_type_raw = d["settlement_type"]
        settlement_type: SettlementTypeKnown | str = _SettlementTypeKnown_BY_VALUE.get(
            _settlement_type_raw, _settlement_type_raw
        )

        _settlement_method_raw = d["settlement_method"]
        settlement_method: SettlementMethodKnown | str = (
            _SettlementMethodKnown_BY_VALUE.get(
                _settlement_method_raw, _settlement_method_raw
            )
        )

        delayed_settlement = d["delayed_settlement"]

        _asset_id = d.get("asset_id", UNSET)
        asset_id: UUID | Unset
        if isinstance(_asset_id, Unset):
            asset_id = UNSET
        else:
            asset_id = uuid_from_str(_asset_id)

        option_deliverable = cls(
            type_,
            symbol,
            amount,
            allocation_percentage,
            settlement_type,
            settlement_method,
            delayed_settlement,
            asset_id,
        )

        if len(d) != 7 + (asset_id is not UNSET):
            option_deliverable.additional_properties = {
                prop_name: prop
                for prop_name, prop in d.items()
                if prop_name
                not in {
                    "type",
                    "symbol",
                    "amount",
                    "allocation_percentage",
                    "settlement_type",
                    "settlement_method",
                    "delayed_settlement",
                    "asset_id",
                }
            }
        return option_deliverable

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
    def amount_decimal(self) -> Decimal | None:
        """``amount`` as an exact decimal.Decimal (None when absent or null).

        How much is delivered per contract: shares (100 for a standard contract), or US dollars for cash. A
        decimal string. Null while a delayed settlement's amount is not yet known. Example: "100"."""
        return decimal_or_none(self.amount)

    @property
    def allocation_percentage_decimal(self) -> Decimal:
        """``allocation_percentage`` as an exact decimal.Decimal (a required field, never null).

        The share of the contract's cost given to this deliverable, in percent (100 for a standard
        contract); it sets the cost basis of the shares received. A percentage as a decimal string: 30 is 30
        %. Example: "100"."""
        return decimal_required(self.allocation_percentage)
