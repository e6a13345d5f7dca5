from __future__ import annotations

import datetime
import json as _json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.asset_class_known import AssetClassKnown
from ..models.order_class_known import OrderClassKnown
from ..models.order_side_known import OrderSideKnown
from ..models.order_status_known import OrderStatusKnown
from ..models.order_type_known import OrderTypeKnown
from ..models.position_intent_known import PositionIntentKnown
from ..models.time_in_force_known import TimeInForceKnown
from ..types import (
    UNSET,
    Unset,
    decimal_or_none,
    decimal_required,
    format_timestamp,
    parse_timestamp,
    uuid_from_str,
)

T = TypeVar("T", bound="Order")

_AssetClassKnown_BY_VALUE = cast(
    "dict[str, AssetClassKnown]", AssetClassKnown._value2member_map_
)
_OrderClassKnown_BY_VALUE = cast(
    "dict[str, OrderClassKnown]", OrderClassKnown._value2member_map_
)
_OrderSideKnown_BY_VALUE = cast(
    "dict[str, OrderSideKnown]", OrderSideKnown._value2member_map_
)
_OrderStatusKnown_BY_VALUE = cast(
    "dict[str, OrderStatusKnown]", OrderStatusKnown._value2member_map_
)
_OrderTypeKnown_BY_VALUE = cast(
    "dict[str, OrderTypeKnown]", OrderTypeKnown._value2member_map_
)
_PositionIntentKnown_BY_VALUE = cast(
    "dict[str, PositionIntentKnown]", PositionIntentKnown._value2member_map_
)
_TimeInForceKnown_BY_VALUE = cast(
    "dict[str, TimeInForceKnown]", TimeInForceKnown._value2member_map_
)


@_attrs_define
class Order:
    """An order; here the market order that closes a position. Timestamps other than created_at may be null; legs is null
    for simple orders; order_class is "" for a close. The symbol is the pair form (BTC/USD) even when the position was
    BTCUSD.

    """

    id: UUID
    """ The order's id. A UUID, 8-4-4-4-12 hexadecimal digits. Example: "61e69015-8549-4bfd-b9c3-01e75843f47d". """
    client_order_id: str
    """ The client's id for the order (a UUID when the API chose it). Example:
    "eb9e2aaa-f71a-4f51-b5b4-52a6c565dad4". """
    created_at: datetime.datetime
    """ When the order was created. An RFC 3339 date-time with its offset (Z or +hh:mm), 0 to 9 fractional digits.
    Example: "2026-09-16T14:30:01.53427917Z". """
    asset_id: UUID
    """ The asset's id (for crypto, the pair's). A UUID, 8-4-4-4-12 hexadecimal digits. Example:
    "b0b6dd9d-8b9b-48a9-ba46-b9d54906e415". """
    symbol: str
    """ The asset's symbol (for crypto the pair, BTC/USD). Example: "AAPL". """
    asset_class: AssetClassKnown | str
    """ The asset class. Example: "us_equity". """
    qty: None | str
    """ The units ordered; null for an order by notional (never for a close). Shares, coins or contracts, a decimal
    string, zero or more. Example: "2". """
    filled_qty: str
    """ The units filled so far. Shares, coins or contracts, a decimal string, zero or more. Example: "0". """
    order_class: OrderClassKnown | str
    """ The order class (simple, bracket, oco, oto, mleg); "" for a close. """
    type_: OrderTypeKnown | str
    """ The order type (market, limit, stop, stop_limit, trailing_stop); market for a close. Example: "market". """
    side: OrderSideKnown | str
    """ Buy or sell: sell to close a long position, buy to close a short one. Example: "sell". """
    time_in_force: str | TimeInForceKnown
    """ How long the order stays open: day for equities and options, gtc for crypto (for a close). Example: "day".
    """
    status: OrderStatusKnown | str
    """ The order's status: accepted, pending_new or new until it fills (filled), held while the market is closed;
    values Alpaca adds later are kept as strings. Example: "accepted". """
    extended_hours: bool
    """ Whether it may fill outside regular hours; false for a close. """
    updated_at: datetime.datetime | None | Unset = UNSET
    """ When it last changed. An RFC 3339 date-time with its offset (Z or +hh:mm), 0 to 9 fractional digits. May be
    null. Example: "2026-09-16T14:30:01.540112Z". """
    submitted_at: datetime.datetime | None | Unset = UNSET
    """ When it was submitted. An RFC 3339 date-time with its offset (Z or +hh:mm), 0 to 9 fractional digits. May be
    null. Example: "2026-09-16T14:30:01.53427917Z". """
    filled_at: datetime.datetime | None | Unset = UNSET
    """ When it filled; null until then. An RFC 3339 date-time with its offset (Z or +hh:mm), 0 to 9 fractional
    digits. """
    expired_at: datetime.datetime | None | Unset = UNSET
    """ When it expired; null unless it did. An RFC 3339 date-time with its offset (Z or +hh:mm), 0 to 9 fractional
    digits. """
    expires_at: datetime.datetime | None | Unset = UNSET
    """ When it will expire (end of day, or the GTC limit). An RFC 3339 date-time with its offset (Z or +hh:mm), 0
    to 9 fractional digits. May be null. Example: "2026-09-16T20:00:00Z". """
    canceled_at: datetime.datetime | None | Unset = UNSET
    """ When it was canceled; null unless it was. An RFC 3339 date-time with its offset (Z or +hh:mm), 0 to 9
    fractional digits. """
    failed_at: datetime.datetime | None | Unset = UNSET
    """ When it failed; null unless it did. An RFC 3339 date-time with its offset (Z or +hh:mm), 0 to 9 fractional
    digits. """
    replaced_at: datetime.datetime | None | Unset = UNSET
    """ When it was replaced; null unless it was. An RFC 3339 date-time with its offset (Z or +hh:mm), 0 to 9
    fractional digits. """
    replaced_by: None | Unset | UUID = UNSET
    """ The order that replaced it. A UUID, 8-4-4-4-12 hexadecimal digits. May be null. """
    replaces: None | Unset | UUID = UNSET
    """ The order it replaced. A UUID, 8-4-4-4-12 hexadecimal digits. May be null. """
    notional: None | str | Unset = UNSET
    """ The dollar amount ordered; null for an order by qty (every close). US dollars, a decimal string, zero or
    more. """
    filled_avg_price: None | str | Unset = UNSET
    """ The average fill price; null until a fill. US dollars per share, coin or contract, a decimal string, more
    than zero. """
    order_type: OrderTypeKnown | str | Unset = UNSET
    """ Deprecated: the same as type. Example: "market". """
    position_intent: PositionIntentKnown | str | Unset = UNSET
    """ What the order does to the position: sell_to_close or buy_to_close for a close. Example: "sell_to_close".
    """
    limit_price: None | str | Unset = UNSET
    """ The limit price; null for a market order (every close). US dollars per share, coin or contract, a decimal
    string, more than zero. """
    stop_price: None | str | Unset = UNSET
    """ The stop price; null for a market order (every close). US dollars per share, coin or contract, a decimal
    string, more than zero. """
    trail_percent: None | str | Unset = UNSET
    """ The trail of a trailing stop, in percent; null otherwise. A percentage as a decimal string: 30 is 30 %. """
    trail_price: None | str | Unset = UNSET
    """ The trail of a trailing stop, in dollars; null otherwise. US dollars, a decimal string, zero or more. """
    hwm: None | str | Unset = UNSET
    """ High-water mark of a trailing stop; null otherwise. US dollars per share, coin or contract, a decimal
    string, more than zero. """
    ratio_qty: None | str | Unset = UNSET
    """ A leg's ratio in a multi-leg order; null otherwise. Shares, coins or contracts, a decimal string, zero or
    more. """
    legs: list[Order] | None | Unset = UNSET
    """ The legs of a multi-leg order; null for a close. """
    subtag: None | str | Unset = UNSET
    """ Not documented by Alpaca; null in the answers seen. """
    source: None | str | Unset = UNSET
    """ Not documented by Alpaca; null in the answers seen. """
    commission: float | Unset = UNSET
    """ The commission charged, on accounts that pay one; not documented by Alpaca. A JSON number, exact (read as
    Decimal). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as the JSON object the API sent: decimals as strings, timestamps as
        their text, enum values as strings, unknown fields included."""
        id = str(self.id)

        client_order_id = self.client_order_id

        created_at = format_timestamp(self.created_at)

        asset_id = str(self.asset_id)

        symbol = self.symbol

        asset_class: str
        if isinstance(self.asset_class, AssetClassKnown):
            asset_class = self.asset_class.value
        else:
            asset_class = self.asset_class

        qty: None | str
        qty = self.qty

        filled_qty = self.filled_qty

        order_class: str
        if isinstance(self.order_class, OrderClassKnown):
            order_class = self.order_class.value
        else:
            order_class = self.order_class

        type_: str
        if isinstance(self.type_, OrderTypeKnown):
            type_ = self.type_.value
        else:
            type_ = self.type_

        side: str
        if isinstance(self.side, OrderSideKnown):
            side = self.side.value
        else:
            side = self.side

        time_in_force: str
        if isinstance(self.time_in_force, TimeInForceKnown):
            time_in_force = self.time_in_force.value
        else:
            time_in_force = self.time_in_force

        status: str
        if isinstance(self.status, OrderStatusKnown):
            status = self.status.value
        else:
            status = self.status

        extended_hours = self.extended_hours

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = format_timestamp(self.updated_at)
        else:
            updated_at = self.updated_at

        submitted_at: None | str | Unset
        if isinstance(self.submitted_at, Unset):
            submitted_at = UNSET
        elif isinstance(self.submitted_at, datetime.datetime):
            submitted_at = format_timestamp(self.submitted_at)
        else:
            submitted_at = self.submitted_at

        filled_at: None | str | Unset
        if isinstance(self.filled_at, Unset):
            filled_at = UNSET
        elif isinstance(self.filled_at, datetime.datetime):
            filled_at = format_timestamp(self.filled_at)
        else:
            filled_at = self.filled_at

        expired_at: None | str | Unset
        if isinstance(self.expired_at, Unset):
            expired_at = UNSET
        elif isinstance(self.expired_at, datetime.datetime):
            expired_at = format_timestamp(self.expired_at)
        else:
            expired_at = self.expired_at

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = format_timestamp(self.expires_at)
        else:
            expires_at = self.expires_at

        canceled_at: None | str | Unset
        if isinstance(self.canceled_at, Unset):
            canceled_at = UNSET
        elif isinstance(self.canceled_at, datetime.datetime):
            canceled_at = format_timestamp(self.canceled_at)
        else:
            canceled_at = self.canceled_at

        failed_at: None | str | Unset
        if isinstance(self.failed_at, Unset):
            failed_at = UNSET
        elif isinstance(self.failed_at, datetime.datetime):
            failed_at = format_timestamp(self.failed_at)
        else:
            failed_at = self.failed_at

        replaced_at: None | str | Unset
        if isinstance(self.replaced_at, Unset):
            replaced_at = UNSET
        elif isinstance(self.replaced_at, datetime.datetime):
            replaced_at = format_timestamp(self.replaced_at)
        else:
            replaced_at = self.replaced_at

        replaced_by: None | str | Unset
        if isinstance(self.replaced_by, Unset):
            replaced_by = UNSET
        elif isinstance(self.replaced_by, UUID):
            replaced_by = str(self.replaced_by)
        else:
            replaced_by = self.replaced_by

        replaces: None | str | Unset
        if isinstance(self.replaces, Unset):
            replaces = UNSET
        elif isinstance(self.replaces, UUID):
            replaces = str(self.replaces)
        else:
            replaces = self.replaces

        notional: None | str | Unset
        if isinstance(self.notional, Unset):
            notional = UNSET
        else:
            notional = self.notional

        filled_avg_price: None | str | Unset
        if isinstance(self.filled_avg_price, Unset):
            filled_avg_price = UNSET
        else:
            filled_avg_price = self.filled_avg_price

        order_type: str | Unset
        if isinstance(self.order_type, Unset):
            order_type = UNSET
        elif isinstance(self.order_type, OrderTypeKnown):
            order_type = self.order_type.value
        else:
            order_type = self.order_type

        position_intent: str | Unset
        if isinstance(self.position_intent, Unset):
            position_intent = UNSET
        elif isinstance(self.position_intent, PositionIntentKnown):
            position_intent = self.position_intent.value
        else:
            position_intent = self.position_intent

        limit_price: None | str | Unset
        if isinstance(self.limit_price, Unset):
            limit_price = UNSET
        else:
            limit_price = self.limit_price

        stop_price: None | str | Unset
        if isinstance(self.stop_price, Unset):
            stop_price = UNSET
        else:
            stop_price = self.stop_price

        trail_percent: None | str | Unset
        if isinstance(self.trail_percent, Unset):
            trail_percent = UNSET
        else:
            trail_percent = self.trail_percent

        trail_price: None | str | Unset
        if isinstance(self.trail_price, Unset):
            trail_price = UNSET
        else:
            trail_price = self.trail_price

        hwm: None | str | Unset
        if isinstance(self.hwm, Unset):
            hwm = UNSET
        else:
            hwm = self.hwm

        ratio_qty: None | str | Unset
        if isinstance(self.ratio_qty, Unset):
            ratio_qty = UNSET
        else:
            ratio_qty = self.ratio_qty

        legs: list[dict[str, Any]] | None | Unset
        if isinstance(self.legs, Unset):
            legs = UNSET
        elif isinstance(self.legs, list):
            legs = []
            for legs_type_0_item_data in self.legs:
                legs_type_0_item = legs_type_0_item_data.to_dict()
                legs.append(legs_type_0_item)

        else:
            legs = self.legs

        subtag: None | str | Unset
        if isinstance(self.subtag, Unset):
            subtag = UNSET
        else:
            subtag = self.subtag

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source

        commission = self.commission

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "client_order_id": client_order_id,
                "created_at": created_at,
                "asset_id": asset_id,
                "symbol": symbol,
                "asset_class": asset_class,
                "qty": qty,
                "filled_qty": filled_qty,
                "order_class": order_class,
                "type": type_,
                "side": side,
                "time_in_force": time_in_force,
                "status": status,
                "extended_hours": extended_hours,
            }
        )
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if submitted_at is not UNSET:
            field_dict["submitted_at"] = submitted_at
        if filled_at is not UNSET:
            field_dict["filled_at"] = filled_at
        if expired_at is not UNSET:
            field_dict["expired_at"] = expired_at
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if canceled_at is not UNSET:
            field_dict["canceled_at"] = canceled_at
        if failed_at is not UNSET:
            field_dict["failed_at"] = failed_at
        if replaced_at is not UNSET:
            field_dict["replaced_at"] = replaced_at
        if replaced_by is not UNSET:
            field_dict["replaced_by"] = replaced_by
        if replaces is not UNSET:
            field_dict["replaces"] = replaces
        if notional is not UNSET:
            field_dict["notional"] = notional
        if filled_avg_price is not UNSET:
            field_dict["filled_avg_price"] = filled_avg_price
        if order_type is not UNSET:
            field_dict["order_type"] = order_type
        if position_intent is not UNSET:
            field_dict["position_intent"] = position_intent
        if limit_price is not UNSET:
            field_dict["limit_price"] = limit_price
        if stop_price is not UNSET:
            field_dict["stop_price"] = stop_price
        if trail_percent is not UNSET:
            field_dict["trail_percent"] = trail_percent
        if trail_price is not UNSET:
            field_dict["trail_price"] = trail_price
        if hwm is not UNSET:
            field_dict["hwm"] = hwm
        if ratio_qty is not UNSET:
            field_dict["ratio_qty"] = ratio_qty
        if legs is not UNSET:
            field_dict["legs"] = legs
        if subtag is not UNSET:
            field_dict["subtag"] = subtag
        if source is not UNSET:
            field_dict["source"] = source
        if commission is not UNSET:
            field_dict["commission"] = commission

        return field_dict

    def to_json(self) -> str:
        """This model as JSON text, as the API sent it: decimals stay strings, timestamps keep
        their text, unknown fields are kept. ``Order.from_json(m.to_json()) == m``."""
        return _json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """A model from JSON text (e.g. what ``to_json`` wrote); the inverse of ``to_json``."""
        data = _json.loads(text)
        if not isinstance(data, dict):
            raise TypeError(
                f"Order.from_json needs a JSON object, got {type(data).__name__}"
            )
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """A model from a decoded JSON object. Unknown fields are kept (additional_properties),
        an unknown enum value stays a str; the input is not modified."""
        d = src_dict
        id = uuid_from_str(d["id"])

        client_order_id = d["client_order_id"]

        created_at = parse_timestamp(d["created_at"])

        asset_id = uuid_from_str(d["asset_id"])

        symbol = d["symbol"]

        _asset_class_raw = d["asset_class"]
        asset_class: AssetClassKnown | str = _AssetClassKnown_BY_VALUE.get(
            _asset_class_raw, _asset_class_raw
        )

        qty: None | str = d["qty"]

        filled_qty = d["filled_qty"]

        _order_class_raw = d["order_class"]
        order_class: OrderClassKnown | str = _OrderClassKnown_BY_VALUE.get(
            _order_class_raw, _order_class_raw
        )

        _type__raw = d["type"]
        type_: OrderTypeKnown | str = _OrderTypeKnown_BY_VALUE.get(
            _type__raw, _type__raw
        )

        _side_raw = d["side"]
        side: OrderSideKnown | str = _OrderSideKnown_BY_VALUE.get(_side_raw, _side_raw)

        _time_in_force_raw = d["time_in_force"]
        time_in_force: str | TimeInForceKnown = _TimeInForceKnown_BY_VALUE.get(
            _time_in_force_raw, _time_in_force_raw
        )

        _status_raw = d["status"]
        status: OrderStatusKnown | str = _OrderStatusKnown_BY_VALUE.get(
            _status_raw, _status_raw
        )

        extended_hours = d["extended_hours"]

        _updated_at_raw = d.get("updated_at", UNSET)
        updated_at: datetime.datetime | None | Unset = (
            _updated_at_raw
            if _updated_at_raw is None or _updated_at_raw is UNSET
            else parse_timestamp(_updated_at_raw)
        )

        _submitted_at_raw = d.get("submitted_at", UNSET)
        submitted_at: datetime.datetime | None | Unset = (
            _submitted_at_raw
            if _submitted_at_raw is None or _submitted_at_raw is UNSET
            else parse_timestamp(_submitted_at_raw)
        )

        _filled_at_raw = d.get("filled_at", UNSET)
        filled_at: datetime.datetime | None | Unset = (
            _filled_at_raw
            if _filled_at_raw is None or _filled_at_raw is UNSET
            else parse_timestamp(_filled_at_raw)
        )

        _expired_at_raw = d.get("expired_at", UNSET)
        expired_at: datetime.datetime | None | Unset = (
            _expired_at_raw
            if _expired_at_raw is None or _expired_at_raw is UNSET
            else parse_timestamp(_expired_at_raw)
        )

        _expires_at_raw = d.get("expires_at", UNSET)
        expires_at: datetime.datetime | None | Unset = (
            _expires_at_raw
            if _expires_at_raw is None or _expires_at_raw is UNSET
            else parse_timestamp(_expires_at_raw)
        )

        _canceled_at_raw = d.get("canceled_at", UNSET)
        canceled_at: datetime.datetime | None | Unset = (
            _canceled_at_raw
            if _canceled_at_raw is None or _canceled_at_raw is UNSET
            else parse_timestamp(_canceled_at_raw)
        )

        _failed_at_raw = d.get("failed_at", UNSET)
        failed_at: datetime.datetime | None | Unset = (
            _failed_at_raw
            if _failed_at_raw is None or _failed_at_raw is UNSET
            else parse_timestamp(_failed_at_raw)
        )

        _replaced_at_raw = d.get("replaced_at", UNSET)
        replaced_at: datetime.datetime | None | Unset = (
            _replaced_at_raw
            if _replaced_at_raw is None or _replaced_at_raw is UNSET
            else parse_timestamp(_replaced_at_raw)
        )

        _replaced_by_raw = d.get("replaced_by", UNSET)
        replaced_by: None | Unset | UUID = (
            _replaced_by_raw
            if _replaced_by_raw is None or _replaced_by_raw is UNSET
            else uuid_from_str(_replaced_by_raw)
        )

        _replaces_raw = d.get("replaces", UNSET)
        replaces: None | Unset | UUID = (
            _replaces_raw
            if _replaces_raw is None or _replaces_raw is UNSET
            else uuid_from_str(_replaces_raw)
        )

        notional: None | str | Unset = d.get("notional", UNSET)

        filled_avg_price: None | str | Unset = d.get("filled_avg_price", UNSET)

        _order_type_raw = d.get("order_type", UNSET)
        order_type: OrderTypeKnown | str | Unset = _OrderTypeKnown_BY_VALUE.get(
            _order_type_raw, _order_type_raw
        )

        _position_intent_raw = d.get("position_intent", UNSET)
        position_intent: PositionIntentKnown | str | Unset = (
            _PositionIntentKnown_BY_VALUE.get(
                _position_intent_raw, _position_intent_raw
            )
        )

        limit_price: None | str | Unset = d.get("limit_price", UNSET)

        stop_price: None | str | Unset = d.get("stop_price", UNSET)

        trail_percent: None | str | Unset = d.get("trail_percent", UNSET)

        trail_price: None | str | Unset = d.get("trail_price", UNSET)

        hwm: None | str | Unset = d.get("hwm", UNSET)

        ratio_qty: None | str | Unset = d.get("ratio_qty", UNSET)

        def _parse_legs(data: object) -> list[Order] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                legs_type_0 = []
                _legs_type_0 = data
                for legs_type_0_item_data in _legs_type_0:
                    legs_type_0_item = Order.from_dict(legs_type_0_item_data)

                    legs_type_0.append(legs_type_0_item)

                return legs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Order] | None | Unset, data)

        legs = _parse_legs(d.get("legs", UNSET))

        subtag: None | str | Unset = d.get("subtag", UNSET)

        source: None | str | Unset = d.get("source", UNSET)

        commission = d.get("commission", UNSET)

        order = cls(
            id,
            client_order_id,
            created_at,
            asset_id,
            symbol,
            asset_class,
            qty,
            filled_qty,
            order_class,
            type_,
            side,
            time_in_force,
            status,
            extended_hours,
            updated_at,
            submitted_at,
            filled_at,
            expired_at,
            expires_at,
            canceled_at,
            failed_at,
            replaced_at,
            replaced_by,
            replaces,
            notional,
            filled_avg_price,
            order_type,
            position_intent,
            limit_price,
            stop_price,
            trail_percent,
            trail_price,
            hwm,
            ratio_qty,
            legs,
            subtag,
            source,
            commission,
        )

        if len(d) != 14 + (updated_at is not UNSET) + (submitted_at is not UNSET) + (
            filled_at is not UNSET
        ) + (expired_at is not UNSET) + (expires_at is not UNSET) + (
            canceled_at is not UNSET
        ) + (failed_at is not UNSET) + (replaced_at is not UNSET) + (
            replaced_by is not UNSET
        ) + (replaces is not UNSET) + (notional is not UNSET) + (
            filled_avg_price is not UNSET
        ) + (order_type is not UNSET) + (position_intent is not UNSET) + (
            limit_price is not UNSET
        ) + (stop_price is not UNSET) + (trail_percent is not UNSET) + (
            trail_price is not UNSET
        ) + (hwm is not UNSET) + (ratio_qty is not UNSET) + (legs is not UNSET) + (
            subtag is not UNSET
        ) + (source is not UNSET) + (commission is not UNSET):
            order.additional_properties = {
                prop_name: prop
                for prop_name, prop in d.items()
                if prop_name
                not in {
                    "id",
                    "client_order_id",
                    "created_at",
                    "asset_id",
                    "symbol",
                    "asset_class",
                    "qty",
                    "filled_qty",
                    "order_class",
                    "type",
                    "side",
                    "time_in_force",
                    "status",
                    "extended_hours",
                    "updated_at",
                    "submitted_at",
                    "filled_at",
                    "expired_at",
                    "expires_at",
                    "canceled_at",
                    "failed_at",
                    "replaced_at",
                    "replaced_by",
                    "replaces",
                    "notional",
                    "filled_avg_price",
                    "order_type",
                    "position_intent",
                    "limit_price",
                    "stop_price",
                    "trail_percent",
                    "trail_price",
                    "hwm",
                    "ratio_qty",
                    "legs",
                    "subtag",
                    "source",
                    "commission",
                }
            }
        return order

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
    def qty_decimal(self) -> Decimal | None:
        """``qty`` as an exact decimal.Decimal (None when absent or null).

        The units ordered; null for an order by notional (never for a close). Shares, coins or contracts, a
        decimal string, zero or more. Example: "2"."""
        return decimal_or_none(self.qty)

    @property
    def filled_qty_decimal(self) -> Decimal:
        """``filled_qty`` as an exact decimal.Decimal (a required field, never null).

        The units filled so far. Shares, coins or contracts, a decimal string, zero or more. Example: "0"."""
        return decimal_required(self.filled_qty)

    @property
    def notional_decimal(self) -> Decimal | None:
        """``notional`` as an exact decimal.Decimal (None when absent or null).

        The dollar amount ordered; null for an order by qty (every close). US dollars, a decimal string,
        zero or more."""
        return decimal_or_none(self.notional)

    @property
    def filled_avg_price_decimal(self) -> Decimal | None:
        """``filled_avg_price`` as an exact decimal.Decimal (None when absent or null).

        The average fill price; null until a fill. US dollars per share, coin or contract, a decimal string,
        more than zero."""
        return decimal_or_none(self.filled_avg_price)

    @property
    def limit_price_decimal(self) -> Decimal | None:
        """``limit_price`` as an exact decimal.Decimal (None when absent or null).

        The limit price; null for a market order (every close). US dollars per share, coin or contract, a
        decimal string, more than zero."""
        return decimal_or_none(self.limit_price)

    @property
    def stop_price_decimal(self) -> Decimal | None:
        """``stop_price`` as an exact decimal.Decimal (None when absent or null).

        The stop price; null for a market order (every close). US dollars per share, coin or contract, a
        decimal string, more than zero."""
        return decimal_or_none(self.stop_price)

    @property
    def trail_percent_decimal(self) -> Decimal | None:
        """``trail_percent`` as an exact decimal.Decimal (None when absent or null).

        The trail of a trailing stop, in percent; null otherwise. A percentage as a decimal string: 30 is 30
        %."""
        return decimal_or_none(self.trail_percent)

    @property
    def trail_price_decimal(self) -> Decimal | None:
        """``trail_price`` as an exact decimal.Decimal (None when absent or null).

        The trail of a trailing stop, in dollars; null otherwise. US dollars, a decimal string, zero or
        more."""
        return decimal_or_none(self.trail_price)

    @property
    def hwm_decimal(self) -> Decimal | None:
        """``hwm`` as an exact decimal.Decimal (None when absent or null).

        High-water mark of a trailing stop; null otherwise. US dollars per share, coin or contract, a
        decimal string, more than zero."""
        return decimal_or_none(self.hwm)

    @property
    def ratio_qty_decimal(self) -> Decimal | None:
        """``ratio_qty`` as an exact decimal.Decimal (None when absent or null).

        A leg's ratio in a multi-leg order; null otherwise. Shares, coins or contracts, a decimal string,
        zero or more."""
        return decimal_or_none(self.ratio_qty)
