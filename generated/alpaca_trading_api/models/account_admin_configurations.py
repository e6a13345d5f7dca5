from __future__ import annotations

import json as _json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AccountAdminConfigurations")


@_attrs_define
class AccountAdminConfigurations:
    """Settings Alpaca made for the account, {} on the accounts seen; not documented by Alpaca."""

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as the JSON object the API sent: decimals as strings, timestamps as
        their text, enum values as strings, unknown fields included."""

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    def to_json(self) -> str:
        """This model as JSON text, as the API sent it: decimals stay strings, timestamps keep
        their text, unknown fields are kept. ``AccountAdminConfigurations.from_json(m.to_json()) == m``."""
        return _json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """A model from JSON text (e.g. what ``to_json`` wrote); the inverse of ``to_json``."""
        data = _json.loads(text)
        if not isinstance(data, dict):
            raise TypeError(
                f"AccountAdminConfigurations.from_json needs a JSON object, got {type(data).__name__}"
            )
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """A model from a decoded JSON object. Unknown fields are kept (additional_properties),
        an unknown enum value stays a str; the input is not modified."""
        d = src_dict
        account_admin_configurations = cls()

        if len(d) != 0:
            account_admin_configurations.additional_properties = dict(d)
        return account_admin_configurations

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
