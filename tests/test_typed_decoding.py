"""The fast way to models (typed_decoding) must give the reference way's value or step aside.

For any body, sound or broken, the fast decoder either returns None (the client then takes the
reference way: msgspec to dicts, the schema check, from_dict) or exactly what the reference way
returns, to the type of every value (an enum member where the reference has one, a str where
it keeps an unknown value). A sound body must take the fast way, or it buys nothing.
"""

from __future__ import annotations

import codecs
import copy
import dataclasses
import json
import re
from typing import Any

import attrs
import pytest
from alpaca_trading import operations as ops
from alpaca_trading.operations import Call
from alpaca_trading.responses import parse_success
from alpaca_trading.typed_decoding import typed_decoder
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import load_fixture

# Alpaca's example contract (its spec), with deliverables as its docs show them
FULL_CONTRACT: dict[str, Any] = load_fixture("option_contract.json")
DELIVERABLE = FULL_CONTRACT["deliverables"][0]
BARE_CONTRACT = {
    key: FULL_CONTRACT[key]
    for key in FULL_CONTRACT
    if key
    not in {"root_symbol", "open_interest_date", "close_price_date", "deliverables", "close_price"}
} | {"open_interest": None, "id": "3f1e4a8c-0f5e-4e8e-9a57-2d1b6c1f0a11"}
POSITIONS = [*load_fixture("positions.json"), load_fixture("position_short.json")]
POSITIONS.append(load_fixture("position_crypto.json"))

# (the call, a sound body)
CASES: list[tuple[Call[Any], Any]] = [
    (
        ops.list_option_contracts({}, None),
        {"option_contracts": [FULL_CONTRACT, BARE_CONTRACT], "next_page_token": "MTA="},
    ),
    (ops.list_option_contracts({}, None), {"option_contracts": [], "next_page_token": None}),
    (ops.get_option_contract("AAPL250620C00100000"), FULL_CONTRACT),
    (ops.list_positions(), POSITIONS),
    (ops.get_position("AAPL"), POSITIONS[0]),
]

# fmt: off
ODD_TEXT = [
    "", " ", "1.", ".5", "1e5", "+1", "-0", "-0.0", "1.5\n", "\n1.5", " 1.5", "1.5 ", "1,5",
    "\uff11", "\u0663", "NaN", "Infinity", "0x10", "1_000", "1.2.3", "--1",
    "98359EF7-5124-49F3-85EA-5CF02DF6DEFA", "98359ef7512449f385ea5cf02df6defa",
    "{98359ef7-5124-49f3-85ea-5cf02df6defa}", "urn:uuid:98359ef7-5124-49f3-85ea-5cf02df6defa",
    "98359ef7-5124-49f3-85ea-5cf02df6def", "98359ef7-5124-49f3-85ea-5cf02df6defg",
    "20250620", "2025-6-20", "2025-02-30", "2025-06-20T00:00:00Z", "2025-W25-5", "0000-01-01",
    "ACTIVE", "Call", "european", "inactive", "put", "cash", "equity", "T+2", "a" * 300,
]
# fmt: on
ODD_VALUES = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.just([]),
    st.just({}),
    st.just([DELIVERABLE]),
    st.text(max_size=6),
)


def _objects(value: Any) -> list[dict[str, Any]]:
    """Every JSON object in a body, outermost first."""
    if isinstance(value, dict):
        return [value] + [o for item in value.values() for o in _objects(item)]
    if isinstance(value, list):
        return [o for item in value for o in _objects(item)]
    return []


@st.composite
def broken_bodies(draw: st.DrawFn) -> tuple[Call[Any], bytes]:
    """A sound body with a few keys dropped, changed to odd values or added."""
    call, sound = draw(st.sampled_from(CASES))
    body = copy.deepcopy(sound)
    for _ in range(draw(st.integers(0, 3))):
        objects = _objects(body)
        if not objects:
            break
        target = draw(st.sampled_from(objects))
        action = draw(st.sampled_from(["drop", "change", "add"]))
        if action == "drop" and target:
            del target[draw(st.sampled_from(sorted(target)))]
        elif action == "change" and target:
            target[draw(st.sampled_from(sorted(target)))] = copy.deepcopy(draw(ODD_VALUES))
        else:
            target[draw(st.text(min_size=1, max_size=8))] = copy.deepcopy(draw(ODD_VALUES))
    text = json.dumps(body, ensure_ascii=draw(st.booleans())).encode()
    if draw(st.booleans()) and text.startswith(b"{") and body:  # a key twice: the last counts
        key = sorted(body)[0]
        text = b"{" + json.dumps(key).encode() + b': "first",' + text[1:]
    if draw(st.integers(0, 9)) == 0:
        text = codecs.BOM_UTF8 + text
    return call, text


def reference(call: Call[Any], content: bytes) -> Any:
    """What the client gives without the fast way: a value, or the type of its error."""
    try:
        return parse_success(dataclasses.replace(call, typed=False), 200, content)
    except Exception as error:  # which one is what must agree
        return type(error)


def shape(value: Any) -> Any:
    """A value with the type of everything in it: an enum member is not its str here."""
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))
        return (type(value), tuple((f.name, shape(getattr(value, f.name))) for f in fields))
    if isinstance(value, list):
        return [shape(item) for item in value]
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    return (type(value), value)


@pytest.mark.parametrize("index", range(len(CASES)))
def test_a_sound_body_takes_the_fast_way_to_the_reference_value(index: int) -> None:
    call, body = CASES[index]
    decoder = typed_decoder(call.operation)
    assert decoder is not None
    content = json.dumps(body).encode()
    fast = decoder.decode(content)
    assert fast is not None
    assert shape(fast) == shape(reference(call, content))
    assert shape(parse_success(call, 200, content)) == shape(fast)


@settings(max_examples=1500, deadline=None)
@given(broken_bodies())
def test_the_fast_way_gives_the_reference_value_or_steps_aside(
    case: tuple[Call[Any], bytes],
) -> None:
    call, content = case
    decoder = typed_decoder(call.operation)
    assert decoder is not None
    expected = reference(call, content)
    fast = decoder.decode(content)
    if fast is not None:
        assert not isinstance(expected, type), f"the reference refuses it ({expected})"
        assert shape(fast) == shape(expected)
    # and the client, which tries the fast way first, answers as the reference does
    try:
        got = shape(parse_success(call, 200, content))
    except Exception as error:
        got = type(error)
    assert got == (expected if isinstance(expected, type) else shape(expected))


def test_every_call_marked_typed_has_a_fast_way_and_the_others_are_not_marked() -> None:
    calls = [case[0] for case in CASES] + [
        ops.get_account(),
        ops.list_assets(),
        ops.get_asset("AAPL"),
        ops.close_position("AAPL", None, None),
        ops.close_all_positions(False),
    ]
    for call in calls:
        if call.typed:
            assert typed_decoder(call.operation) is not None, call.operation
    # date-times (Account, Order) and exact numbers (Asset) keep the reference way
    assert typed_decoder("getAccount") is None
    assert typed_decoder("getAssets") is None
    assert typed_decoder("deleteOpenPosition") is None


def test_an_unknown_field_is_kept_through_the_reference_way() -> None:
    call = ops.get_option_contract("AAPL250620C00100000")
    content = json.dumps({**FULL_CONTRACT, "new_field": {"a": 1}}).encode()
    decoder = typed_decoder(call.operation)
    assert decoder is not None
    assert decoder.decode(content) is None
    assert parse_success(call, 200, content).additional_properties == {"new_field": {"a": 1}}


@pytest.mark.parametrize(
    ("pattern", "values", "expected"),
    [
        (r"^-?[0-9]+(\.[0-9]+)?$", ["1", "2.5", "-3", "1"], True),
        (r"^-?[0-9]+(\.[0-9]+)?$", ["1", "", "2"], False),  # an empty value, not a number
        (r"^-?[0-9]+(\.[0-9]+)?$", ["1\n2"], False),  # two numbers on two lines are one value
        (r"^-?[0-9]+(\.[0-9]+)?$", ["1.", "2"], False),
        (r"^[0-9]*$", ["", ""], True),  # a pattern that takes the empty value
        (r"^[0-9]*$", ["", "1", "x"], False),
    ],
)
def test_one_pass_over_the_values_finds_what_one_match_a_value_finds(
    pattern: str, values: list[str], expected: bool
) -> None:
    from alpaca_trading.typed_decoding import _all_match

    assert _all_match(re.compile(pattern, re.ASCII | re.MULTILINE), values) is expected
    assert expected is all(re.fullmatch(pattern.strip("^$"), v, re.ASCII) for v in values)
