from __future__ import annotations

import json as _json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Unset,
)

if TYPE_CHECKING:
    from ..models.option_contract import OptionContract


T = TypeVar("T", bound="OptionContracts")


@_attrs_define
class OptionContracts:
    """The answer of getOptionContracts, one page."""

    option_contracts: list[OptionContract]
    """ The contracts of this page, at most `limit` of them, none repeated on another page. """
    next_page_token: None | str | Unset = UNSET
    """ The page_token of the next page; null (or absent) on the last page. Example: "MTAwMA==". """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as the JSON object the API sent: decimals as strings, timestamps as
        their text, enum values as strings, unknown fields included."""
        option_contracts = []
        for option_contracts_item_data in self.option_contracts:
            option_contracts_item = option_contracts_item_data.to_dict()
            option_contracts.append(option_contracts_item)

        next_page_token: None | str | Unset
        if isinstance(self.next_page_token, Unset):
            next_page_token = UNSET
        else:
            next_page_token = self.next_page_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "option_contracts": option_contracts,
            }
        )
        if next_page_token is not UNSET:
            field_dict["next_page_token"] = next_page_token

        return field_dict

    def to_json(self) -> str:
        """This model as JSON text, as the API sent it: decimals stay strings, timestamps keep
        their text, unknown fields are kept. ``OptionContracts.from_json(m.to_json()) == m``."""
        return _json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """A model from JSON text (e.g. what ``to_json`` wrote); the inverse of ``to_json``."""
        data = _json.loads(text)
        if not isinstance(data, dict):
            raise TypeError(
                f"OptionContracts.from_json needs a JSON object, got {type(data).__name__}"
            )
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """A model from a decoded JSON object. Unknown fields are kept (additional_properties),
        an unknown enum value stays a str; the input is not modified."""
        d = src_dict
        option_contracts = []
        _option_contracts = d["option_contracts"]
        for option_contracts_item_data in _option_contracts:
            option_contracts_item = OptionContract.from_dict(option_contracts_item_data)

            option_contracts.append(option_contracts_item)

        next_page_token: None | str | Unset = d.get("next_page_token", UNSET)

        option_contracts = cls(
            option_contracts,
            next_page_token,
        )

        if len(d) != 1 + (next_page_token is not UNSET):
            option_contracts.additional_properties = {
                prop_name: prop
                for prop_name, prop in d.items()
                if prop_name not in {"option_contracts", "next_page_token"}
            }
        return option_contracts

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


from ..models.option_contract import OptionContract
