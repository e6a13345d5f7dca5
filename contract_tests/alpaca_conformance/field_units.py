"""FIELD-UNITS: every field of every body holds the unit the behaviour model gives it.

The spec's schema says a field is a string; the model says it is money that cannot be
negative, a timestamp with its offset, a check-digited CUSIP. Unknown fields are skipped (Alpaca
adds fields without notice) and so are nulls (whether a field may be null is the schema's job).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from alpaca_trading.identifiers import is_cusip, is_isin

from alpaca_conformance.catalogue import Field, catalogue

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_TIMESTAMP = re.compile(
    r"(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})"
)
_DECIMAL = re.compile(r"-?[0-9]{1,40}(\.[0-9]{1,40})?")
_ZERO = re.compile(r"-?0+(\.0+)?")


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, str) and _DECIMAL.fullmatch(value):
        return Decimal(value)
    return None


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def moment(value: str) -> datetime | None:
    """An RFC 3339 date-time with its offset, to the second (aware), or None."""
    match = _TIMESTAMP.fullmatch(value)
    if match is None:
        return None
    day, clock, _, offset = match.groups()
    offset = "+00:00" if offset in "Zz" else offset
    try:
        return datetime.fromisoformat(f"{day}T{clock}{offset}")
    except ValueError:
        return None


def is_uuid(value: str) -> bool:
    """A uuid in its hyphenated hex form, as Alpaca writes ids."""
    return _UUID.fullmatch(value) is not None


def _valid_date(value: str) -> bool:
    try:
        return len(value) == 10 and date.fromisoformat(value) is not None
    except ValueError:
        return False


_INTEGER_RANGES = {
    "count": (0, 2**53),
    "level": (0, 3),
    "code": (10_000_000, 99_999_999),
    "http-status": (100, 599),
}
_JSON_KINDS: dict[str, type | tuple[type, ...]] = {
    "text": str, "boolean": bool, "list": list, "object": dict, "any": object,
}  # fmt: skip


def unit_problem(rule: str, value: Any) -> str | None:
    """Why `value` does not hold `rule`, or None when it does."""
    if rule.startswith("decimal"):  # the commonest rule: read from the text, no Decimal made
        if not isinstance(value, str) or _DECIMAL.fullmatch(value) is None:
            return "is not a decimal string"
        if rule == "decimal":
            return None
        negative, zero = value.startswith("-"), _ZERO.fullmatch(value) is not None
        if rule == "decimal>=0":
            ok = zero or not negative
        elif rule == "decimal<=0":
            ok = zero or negative
        else:
            ok = not zero and not negative
        return None if ok else f"breaks {rule[len('decimal') :]}"
    if rule in _INTEGER_RANGES:
        low, high = _INTEGER_RANGES[rule]
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return None if ok else f"is not an integer from {low} to {high}"
    if rule in ("number", "number>=0"):
        if not _number(value):
            return "is not a JSON number"
        return None if rule == "number" or value >= 0 else "is not a number >= 0"
    is_text = isinstance(value, str)
    if rule == "uuid":
        return None if is_text and _UUID.fullmatch(value) else "is not a UUID"
    if rule == "timestamp":
        ok = is_text and moment(value) is not None
        return None if ok else "is not an RFC 3339 date-time with its offset"
    if rule == "date":
        return None if is_text and _valid_date(value) else "is not a YYYY-MM-DD date"
    if rule == "symbol":
        ok = is_text and bool(value) and not any(c.isspace() for c in value)
        return None if ok else "is not a symbol (empty, or has spaces)"
    if rule == "cusip":
        return None if is_text and is_cusip(value) else "is not a CUSIP"
    if rule == "isin":
        return None if is_text and is_isin(value) else "is not an ISIN"
    return None if isinstance(value, _JSON_KINDS[rule]) else f"is not a JSON {rule}"


def _body_fields(schema: str, body: Any, where: str) -> Iterator[tuple[str, Field, Any]]:
    fields: dict[str, Field] = catalogue().fields.get(schema, {})
    if not isinstance(body, dict):
        return
    for name, value in body.items():
        spec = fields.get(name)
        if spec is not None and value is not None:
            yield f"{where}.{name}", spec, value
    if schema == "Position" and isinstance(body.get("usd"), dict):
        yield from _body_fields("USDPositionValues", body["usd"], f"{where}.usd")


_BODIES = {
    "getAccount": ("Account", False),
    "getAsset": ("Asset", False),
    "getAssets": ("Asset", True),
    "getOpenPosition": ("Position", False),
    "getAllOpenPositions": ("Position", True),
    "deleteOpenPosition": ("Order", False),
    "deleteAllOpenPositions": ("PositionClosed", True),
}
_BOND_LISTS = {"getUsTreasuries": ("UsTreasury", "us_treasuries"),
               "getUsCorporates": ("UsCorporate", "us_corporates")}  # fmt: skip


def _fields(operation: str, status: int, body: Any) -> Iterator[tuple[str, Field, Any]]:
    """Every field of this answer's body the model knows, with its path, model and value."""
    if status >= 400:
        yield from _body_fields("Error", body, "error")
        return
    if operation in _BOND_LISTS:
        schema, key = _BOND_LISTS[operation]
        entries = body.get(key) if isinstance(body, dict) else None
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            yield from _body_fields(schema, entry, f"{key}[{i}]")
        return
    schema, is_list = _BODIES.get(operation, ("", False))
    if not schema:
        return
    items = (body if isinstance(body, list) else []) if is_list else [body]
    for i, item in enumerate(items):
        where = f"[{i}]" if is_list else "body"
        yield from _body_fields(schema, item, where)
        if schema == "PositionClosed" and isinstance(item, dict):
            inner = "Order" if item.get("status") == 200 else "Error"
            yield from _body_fields(inner, item.get("body"), f"{where}.body")


def problems(operation: str, status: int, body: Any) -> Iterator[str]:
    """Every field of this answer's body that does not hold its unit, each named by its path."""
    for path, spec, value in _fields(operation, status, body):
        why = unit_problem(spec.unit.rule, value)
        if why is not None:
            yield f"{path} = {repr(value)[:80]} {why} ({spec.unit.name}: {spec.unit.says})"


_NIL_UUID = "00000000-0000-0000-0000-000000000000"


def non_random_ids(operation: str, status: int, body: Any) -> Iterator[str]:
    """Every id of this answer's body that is a UUID but not a random one: version 4 of RFC
    4122's variant has 4 for its 13th digit and 8, 9, a or b for its 17th. The nil UUID is let
    pass: it stands for no id, as alpaca-py's option fixtures show."""
    for path, spec, value in _fields(operation, status, body):
        if spec.unit.rule != "uuid" or not isinstance(value, str) or value == _NIL_UUID:
            continue
        if is_uuid(value) and (value[14] != "4" or value[19] not in "89abAB"):
            yield f"{path} = {value!r} is not a version-4 UUID (13th digit 4, 17th 8-b)"
