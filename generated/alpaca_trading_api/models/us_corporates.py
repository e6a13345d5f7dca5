from __future__ import annotations

import json as _json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.us_corporate import UsCorporate


T = TypeVar("T", bound="UsCorporates")


@_attrs_define
class UsCorporates:
    """The answer of getUsCorporates."""

    us_corporates: list[UsCorporate]
    """ The corporate bonds, sorted by ISIN. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as the JSON object the API sent: decimals as strings, timestamps as
        their text, enum values as strings, unknown fields included."""
        us_corporates = []
        for us_corporates_item_data in self.us_corporates:
            us_corporates_item = us_corporates_item_data.to_dict()
            us_corporates.append(us_corporates_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "us_corporates": us_corporates,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """This model as JSON text, as the API sent it: decimals stay strings, timestamps keep
        their text, unknown fields are kept. ``UsCorporates.from_json(m.to_json()) == m``."""
        return _json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """A model from JSON text (e.g. what ``to_json`` wrote); the inverse of ``to_json``."""
        data = _json.loads(text)
        if not isinstance(data, dict):
            raise TypeError(
                f"UsCorporates.from_json needs a JSON object, got {type(data).__name__}"
            )
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """A model from a decoded JSON object. Unknown fields are kept (additional_properties),
        an unknown enum value stays a str; the input is not modified."""
        d = src_dict
        us_corporates = []
        _us_corporates = d["us_corporates"]
        for us_corporates_item_data in _us_corporates:
            us_corporates_item = UsCorporate.from_dict(us_corporates_item_data)

            us_corporates.append(us_corporates_item)

        us_corporates = cls(
            us_corporates,
        )

        if len(d) != 1:
            us_corporates.additional_properties = {
                prop_name: prop
                for prop_name, prop in d.items()
                if prop_name not in {"us_corporates"}
            }
        return us_corporates

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


from ..models.us_corporate import UsCorporate
