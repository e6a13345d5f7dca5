"""Servers that differ from our mock only in ways Alpaca's API allows: the suite must pass each.

Each factory says why its variation is allowed. A check that fails on one of these is a false
alarm: it holds the target to our mock's habits, not to Alpaca's promises.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from alpaca_conformance.catalogue import catalogue
from alpaca_mock import MockConfig

from tests.broken_mocks import BodyRewriter

Json = Callable[[Any], Any]
Headers = Callable[[list[tuple[bytes, bytes]]], list[tuple[bytes, bytes]]]


def varied_mock(
    body: Json | None = None,
    headers: Headers | None = None,
    config: MockConfig | None = None,
    compress: bool = False,
) -> BodyRewriter:
    """The real mock with every JSON body passed through `body` (whatever the status) and the
    headers through `headers`: what they mean stays the same."""
    edit = None if body is None else (lambda scope, status, data: (status, body(data)))
    return BodyRewriter(edit, edit_headers=headers, config=config, compress=compress)


def _walk(data: Any, edit: Callable[[str, Any], Any]) -> Any:
    """Every object in `data` with each value passed through edit(key, value), deepest first."""
    if isinstance(data, list):
        return [_walk(item, edit) for item in data]
    if isinstance(data, dict):
        return {key: edit(key, _walk(value, edit)) for key, value in data.items()}
    return data


def fields_reordered_and_added() -> BodyRewriter:
    """Keys in reverse order and a new field in every object: a JSON object's order means
    nothing (RFC 8259 §4), and Alpaca adds fields without notice (ref §7.6)."""

    def body(data: Any) -> Any:
        def reorder(value: Any) -> Any:
            if isinstance(value, list):
                return [reorder(v) for v in value]
            if isinstance(value, dict):
                fresh = {k: reorder(v) for k, v in reversed(list(value.items()))}
                fresh["x_field_added_later"] = {"nested": [1, "two", None]}
                return fresh
            return value

        return reorder(data)

    return varied_mock(body=body)


# Field names that are decimals wherever they occur (the walk sees names, not schemas: an
# option contract's multiplier is a decimal, the account's a digit string).
_DECIMAL_FIELDS = frozenset(
    name
    for fields in catalogue().fields.values()
    for name, field in fields.items()
    if field.unit.rule.startswith("decimal")
) - frozenset(
    name
    for fields in catalogue().fields.values()
    for name, field in fields.items()
    if not field.unit.rule.startswith("decimal")
)
_PLAIN = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def decimals_rendered_otherwise() -> BodyRewriter:
    """Every decimal with trailing zeros ("1.5" as "1.5000", "3" as "3.00"): the same number,
    and Alpaca's decimals are strings of any precision (ref §3)."""

    def edit(key: str, value: Any) -> Any:
        if key in _DECIMAL_FIELDS and isinstance(value, str) and _PLAIN.fullmatch(value):
            return value + ("000" if "." in value else ".00")
        return value

    return varied_mock(body=lambda data: _walk(data, edit))


_STAMP = re.compile(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?Z")


def timestamps_with_offsets_and_nanoseconds() -> BodyRewriter:
    """Timestamps as +00:00 with nine fractional digits, and the request id as a UUID: RFC 3339
    allows either offset form, Alpaca sends 0 to 9 digits (ref §3), and an id is opaque."""

    def edit(key: str, value: Any) -> Any:
        if isinstance(value, str) and _STAMP.fullmatch(value):
            match = _STAMP.fullmatch(value)
            assert match is not None
            digits = (match.group(2) or ".")[1:].ljust(9, "7")
            return f"{match.group(1)}.{digits}+00:00"
        return value

    def headers(items: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        return [
            (k, str(_uuid_of(v)).encode() if k.lower() == b"x-request-id" else v) for k, v in items
        ]

    return varied_mock(body=lambda data: _walk(data, edit), headers=headers)


def _uuid_of(value: bytes) -> str:
    import uuid

    return str(uuid.uuid5(uuid.NAMESPACE_OID, value.decode("latin-1")))


def headers_in_other_case_with_extras() -> BodyRewriter:
    """Header names in Title-Case, extra proxy headers, Connection: close: header names are
    case-insensitive (RFC 9110 §5.1; the spec spells X-RateLimit-*, Alpaca sends
    X-Ratelimit-*), and a server may add headers and close connections."""

    def headers(items: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        titled = [(b"-".join(p.capitalize() for p in k.split(b"-")), v) for k, v in items]
        return [
            *titled,
            (b"Strict-Transport-Security", b"max-age=31536000"),
            (b"Vary", b"Origin"),
            (b"X-Envoy-Upstream-Service-Time", b"3"),
            (b"Connection", b"close"),
        ]

    return varied_mock(headers=headers)


def compressed_answers() -> BodyRewriter:
    """Every answer gzip-compressed with Content-Encoding: gzip: HTTP content coding is the
    transport's business (RFC 9110 §8.4); Alpaca's edge may compress."""
    return varied_mock(compress=True)


def fills_a_second_later() -> BodyRewriter:
    """Closing orders fill a second after the answer: Alpaca answers a close with the order as
    accepted and fills market orders later (ref §3.4, status accepted at creation)."""
    return varied_mock(
        config=MockConfig(rate_limit_per_minute=None, admin_enabled=True, fill_delay_seconds=1.0)
    )


SATURDAY = datetime(2026, 12, 5, 15, 0, tzinfo=UTC)


def market_closed_for_the_weekend() -> BodyRewriter:
    """A Saturday: equity closes are accepted and held until Monday's open; crypto still fills.
    This is the paper API on any weekend (market orders wait for the open)."""
    return varied_mock(
        config=MockConfig(rate_limit_per_minute=None, admin_enabled=True, clock=SATURDAY)
    )
