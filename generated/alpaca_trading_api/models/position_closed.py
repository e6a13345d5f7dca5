from __future__ import annotations

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
    status is 200, an Error otherwise. seed: status was a string and body always an Order.

        Attributes:
            symbol (str):
            status (int):
            body (Error | Order):
    """

    symbol: str
    status: int
    body: Error | Order
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.order import Order

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

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error import Error
        from ..models.order import Order

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
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
