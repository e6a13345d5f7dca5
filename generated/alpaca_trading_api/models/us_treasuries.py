from __future__ import annotations

import json as _json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.us_treasury import UsTreasury


T = TypeVar("T", bound="UsTreasuries")


@_attrs_define
class UsTreasuries:
    """The answer of getUsTreasuries."""

    us_treasuries: list[UsTreasury]
    """ The treasuries, sorted by ISIN. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as the JSON object the API sent: decimals as strings, timestamps as
        their text, enum values as strings, unknown fields included."""
        us_treasuries = []
        for us_treasuries_item_data in self.us_treasuries:
            us_treasuries_item = us_treasuries_item_data.to_dict()
            us_treasuries.append(us_treasuries_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "us_treasuries": us_treasuries,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """This model as JSON text, as the API sent it: decimals stay strings, timestamps keep
        their text, unknown fields are kept. ``UsTreasuries.from_json(m.to_json()) == m``."""
        return _json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """A model from JSON text (e.g. what ``to_json`` wrote); the inverse of ``to_json``."""
        data = _json.loads(text)
        if not isinstance(data, dict):
            raise TypeError(
                f"UsTreasuries.from_json needs a JSON object, got {type(data).__name__}"
            )
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """A model from a decoded JSON object. Unknown fields are kept (additional_properties),
        an unknown enum value stays a str; the input is not modified."""
        d = src_dict
        us_treasuries = []
        _us_treasuries = d["us_treasuries"]
        for us_treasuries_item_data in _us_treasuries:
            us_treasuries_item = UsTreasury.from_dict(us_treasuries_item_data)

            us_treasuries.append(us_treasuries_item)

        us_treasuries = cls(
            us_treasuries,
        )

        if len(d) != 1:
            us_treasuries.additional_properties = {
                prop_name: prop
                for prop_name, prop in d.items()
                if prop_name not in {"us_treasuries"}
            }
        return us_treasuries

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


from ..models.us_treasury import UsTreasury
