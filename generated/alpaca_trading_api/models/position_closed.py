from __future__ import annotations

import json as _json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.error import Error
    from ..models.order import Order


T = TypeVar("T", bound="PositionClosed")


@_attrs_define
class PositionClosed:
    """One entry of the close-all 207: the position's symbol (BTCUSD), its own HTTP status, and the closing Order when
    status is 200, an Error otherwise.

    """

    symbol: str
    """ The position's symbol (BTCUSD, not the order's BTC/USD). Example: "AAPL". """
    status: int
    """ The HTTP status of this close (200, or the error's). An HTTP status, a JSON integer from 100 to 599.
    Example: 200. """
    body: Error | Order
    """ The Order when status is 200, else the Error. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as the JSON object the API sent: decimals as strings, timestamps as
        their text, enum values as strings, unknown fields included."""
        symbol = self.symbol

        status = self.status

        body: dict[str, Any]
        if isinstance(self.body, Order):
            body = self.body.to_dict()
        else:
            body = self.body.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "symbol": symbol,
                "status": status,
                "body": body,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """This model as JSON text, as the API sent it: decimals stay strings, timestamps keep
        their text, unknown fields are kept. ``PositionClosed.from_json(m.to_json()) == m``."""
        return _json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """A model from JSON text (e.g. what ``to_json`` wrote); the inverse of ``to_json``."""
        data = _json.loads(text)
        if not isinstance(data, dict):
            raise TypeError(
                f"PositionClosed.from_json needs a JSON object, got {type(data).__name__}"
            )
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """A model from a decoded JSON object. Unknown fields are kept (additional_properties),
        an unknown enum value stays a str; the input is not modified."""
        d = src_dict
        symbol = d["symbol"]

        status = d["status"]

        def _parse_body(data: object) -> Error | Order:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                body_type_0 = Order.from_dict(data)

                return body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            body_type_1 = Error.from_dict(data)

            return body_type_1

        body = _parse_body(d["body"])

        position_closed = cls(
            symbol,
            status,
            body,
        )

        if len(d) != 3:
            position_closed.additional_properties = {
                prop_name: prop
                for prop_name, prop in d.items()
                if prop_name not in {"symbol", "status", "body"}
            }
        return position_closed

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


from ..models.error import Error
from ..models.order import Order
