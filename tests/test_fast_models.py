"""What the faster generated models and body parsing must still guarantee.

The custom templates read bodies in place, construct models positionally, look for unknown
keys by counting, parse UUIDs on a fast path and inline nullable conversions; the client
parses JSON with msgspec. Each of these is checked here against the behaviour it replaced.
"""

from __future__ import annotations

import copy
import json
import math
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

import httpx
import pytest
import yaml
from alpaca_trading import Client, ResponseDecodeError
from alpaca_trading.bodies import parse_json
from alpaca_trading.spec import spec_path
from alpaca_trading_api.models import (
    Account,
    AccountStatusKnown,
    Asset,
    AssetClassKnown,
    AssetStatusKnown,
    BorrowStatusKnown,
    ExchangeKnown,
    Order,
    OrderStatusKnown,
    OrderTypeKnown,
    Position,
    PositionIntentKnown,
    PositionSideKnown,
    TimeInForceKnown,
)
from alpaca_trading_api.types import uuid_from_str
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import load_fixture

SCHEMAS = yaml.safe_load(spec_path().read_text(encoding="utf-8"))["components"]["schemas"]

# (model, schema name, real-shaped bodies)
CASES: list[tuple[Any, str, list[dict[str, Any]]]] = [
    (Position, "Position", load_fixture("positions.json")),
    (Asset, "Asset", load_fixture("assets.json")),
    (Order, "Order", [load_fixture("order_close_crypto.json")]),
    (Account, "Account", [load_fixture("account_live.json")]),
]

NEAR_MISS = "0123456789abcdefABCDEF-_+ x{}:urnidg\u0661\u00e9"


@settings(max_examples=3000, deadline=None)
@given(
    st.one_of(
        st.uuids().map(str),
        st.uuids().map(lambda u: u.hex.upper()),
        st.uuids().map(lambda u: u.urn),
        st.uuids().map(lambda u: f"{{{u}}}"),
        # near misses: what int(_, 16) alone would accept, other digits, wrong lengths
        st.text(st.sampled_from(list(NEAR_MISS)), min_size=30, max_size=44),
    )
)
def test_uuid_from_str_agrees_with_uuid(text: str) -> None:
    try:
        expected: UUID | type[Exception] = UUID(text)
    except Exception as error:  # the exact type is what must agree
        expected = type(error)
    try:
        got: UUID | type[Exception] = uuid_from_str(text)
    except Exception as error:
        got = type(error)
    assert got == expected
    if isinstance(got, UUID):
        assert isinstance(expected, UUID)
        assert type(got) is UUID
        assert (str(got), hash(got)) == (str(expected), hash(expected))
        assert got.is_safe == expected.is_safe


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def bodies_with_changes(draw: st.DrawFn) -> tuple[Any, str, dict[str, Any]]:
    """A real body with some optional keys dropped and some unknown keys added."""
    model, schema_name, samples = draw(st.sampled_from(CASES))
    schema = SCHEMAS[schema_name]
    body = copy.deepcopy(draw(st.sampled_from(samples)))
    optional = sorted(set(body) - set(schema.get("required", [])))
    for key in draw(st.lists(st.sampled_from(optional), unique=True)) if optional else []:
        del body[key]
    known = set(schema["properties"])
    names = st.text(min_size=1, max_size=12).filter(lambda k: k not in known)
    extras = draw(st.dictionaries(names, JSON_VALUES, max_size=4))
    body.update(extras)
    return model, schema_name, body


def comparable(body: dict[str, Any], schema_name: str) -> dict[str, Any]:
    """Timestamps as instants: to_dict writes +00:00 and microseconds for Z and nanoseconds."""
    properties = SCHEMAS[schema_name]["properties"]
    return {
        key: datetime.fromisoformat(value)
        if isinstance(value, str) and properties.get(key, {}).get("format") == "date-time"
        else value
        for key, value in body.items()
    }


@settings(max_examples=400, deadline=None)
@given(bodies_with_changes())
def test_from_dict_keeps_exactly_the_unknown_keys_and_never_touches_the_body(
    case: tuple[Any, str, dict[str, Any]],
) -> None:
    model, schema_name, body = case
    before = copy.deepcopy(body)
    parsed = model.from_dict(body)
    assert body == before  # read in place, so it must not be changed
    known = SCHEMAS[schema_name]["properties"]
    assert parsed.additional_properties == {k: v for k, v in body.items() if k not in known}
    assert parsed.additional_properties is not body
    # nothing lost, nothing invented
    assert comparable(parsed.to_dict(), schema_name) == comparable(body, schema_name)
    assert model.from_dict(parsed.to_dict()) == parsed


def test_positional_construction_puts_every_value_in_its_field() -> None:
    body = load_fixture("assets.json")[0]
    asset = Asset.from_dict(body)
    by_name = {
        name: getattr(asset, name if name != "class" else "class_")
        for name in SCHEMAS["Asset"]["properties"]
        if name in body
    }
    # enum members compare equal to their values; UUIDs to their text via str()
    assert {k: (str(v) if isinstance(v, UUID) else v) for k, v in by_name.items()} == {
        k: body[k] for k in by_name
    }


def test_an_unparseable_nullable_timestamp_raises_instead_of_staying_a_string() -> None:
    body = dict(load_fixture("order_close_crypto.json"), filled_at="yesterday-ish")
    with pytest.raises(ValueError, match="yesterday-ish"):
        Order.from_dict(body)
    assert Order.from_dict(dict(body, filled_at=None)).filled_at is None
    filled = Order.from_dict(dict(body, filled_at="2026-11-24T15:30:00.123456789Z"))
    assert isinstance(filled.filled_at, datetime)
    assert filled.filled_at.microsecond == 123456


def test_parse_json_keeps_big_integers_exact_and_ignores_a_byte_order_mark() -> None:
    big = 123456789012345678901234567890
    assert parse_json(b'{"n": %d}' % big) == {"n": big}
    assert parse_json(b'\xef\xbb\xbf{"qty": "1.5"}') == {"qty": "1.5"}
    assert parse_json(b'{"x": 0.1}') == json.loads(b'{"x": 0.1}')
    assert not math.isnan(parse_json(b"[1.5e300]")[0])


@pytest.mark.parametrize(
    "content",
    [b'{"id": NaN}', b"[Infinity]", b'["\\ud800"]', b"[1] trailing", b"[" * 5000 + b"]" * 5000],
)
def test_json_that_json_loads_half_accepts_is_a_decode_error_with_the_body(content: bytes) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=content, headers={"Content-Type": "application/json"})

    transport = httpx.MockTransport(handler)
    with (
        Client("PKTEST", "secret", transport=transport, max_retries=0) as client,
        pytest.raises(ResponseDecodeError) as caught,
    ):
        client.get_account()
    assert caught.value.body == content
    assert caught.value.status_code == 200


# Open enums the response models read: (model, JSON field, attribute, the enum of known values)
OPEN_ENUMS: list[tuple[Any, str, str, type[StrEnum]]] = [
    (Position, "exchange", "exchange", ExchangeKnown),
    (Position, "asset_class", "asset_class", AssetClassKnown),
    (Position, "side", "side", PositionSideKnown),
    (Asset, "class", "class_", AssetClassKnown),
    (Asset, "status", "status", AssetStatusKnown),
    (Asset, "borrow_status", "borrow_status", BorrowStatusKnown),
    (Account, "status", "status", AccountStatusKnown),
    (Order, "type", "type_", OrderTypeKnown),
    (Order, "time_in_force", "time_in_force", TimeInForceKnown),
    (Order, "status", "status", OrderStatusKnown),
    (Order, "position_intent", "position_intent", PositionIntentKnown),
]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(OPEN_ENUMS),
    st.one_of(st.text(max_size=12), st.sampled_from([m.value for e in OPEN_ENUMS for m in e[3]])),
)
def test_an_open_enum_field_is_the_member_for_a_known_value_and_the_very_string_otherwise(
    case: tuple[Any, str, str, type[StrEnum]], value: str
) -> None:
    model, field, attribute, known = case
    body = next(body for m, _, bodies in CASES if m is model for body in bodies)
    got = getattr(model.from_dict(dict(body, **{field: value})), attribute)
    if value in known._value2member_map_:
        assert got is known(value)
    else:
        assert type(got) is str  # kept exactly, never coerced or refused
        assert got == value


@pytest.mark.parametrize(("value", "kept"), [(5, True), (None, True), (["NYSE"], False)])
def test_a_non_text_enum_value_with_the_check_off_is_kept_or_a_decode_error(
    value: Any, kept: bool
) -> None:
    body = dict(load_fixture("positions.json")[0], exchange=value)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=[body])

    transport = httpx.MockTransport(handler)
    with Client(
        "PKTEST", "secret", transport=transport, max_retries=0, validate_responses=False
    ) as client:
        if kept:
            assert client.list_positions()[0].exchange == value
        else:
            with pytest.raises(ResponseDecodeError, match="getAllOpenPositions"):
                client.list_positions()
