"""Exact decimals: inputs checked and sent as written, outputs readable as decimal.Decimal.

Quirk patched: Alpaca carries money and quantities as decimal strings; alpaca-py turns some
into floats (min_order_size becomes 1.1837e-05). Here nothing goes through float.

- qty / percentage accept Decimal, int or str and are checked (qty > 0, 0 < percentage
  <= 100, at most 9 decimal places, never both). A float is refused: 0.1 + 0.2 is
  0.30000000000000004, and a close must sell exactly what was meant.
- Every decimal-string field of the generated models has an exact, typed accessor,
  `position.qty_decimal`, `account.equity_decimal`, ...: generated from the spec by the custom
  model template (openapi/templates/model.py.jinja), so none is listed by hand.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

MAX_DECIMALS = 9
MAX_INTEGER_DIGITS = 18  # 10**18 is far beyond any quantity or percentage Alpaca takes
MAX_TEXT_LENGTH = 40
_LIMIT_INT = 10**MAX_INTEGER_DIGITS
# \Z, not $: "$" also matches before a final newline, and "1\n" must not pass.
_PLAIN = re.compile(r"\A[0-9]+(\.[0-9]+)?\Z")
_NUMBER = re.compile(r"\A[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?\Z")


def to_decimal(value: object, max_length: int = 2 * MAX_TEXT_LENGTH) -> Decimal | None:
    """A decimal string from a body that is not checked against the spec (an error body, an
    answer the conformance suite judges) as Decimal; None when absent, null, not a finite
    decimal, or longer than `max_length` characters (judged before Decimal reads it)."""
    if not isinstance(value, str) or len(value) > max_length:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _parse_input(value: object, argument: str) -> tuple[Decimal, str]:
    """(the number, the text to send), or a ValueError/TypeError naming the argument.

    Text is judged by its shape before Decimal sees it, and a number by its magnitude before
    it is formatted: "1e999999999" would otherwise be expanded into a billion digits (seconds
    and gigabytes) before any rule could refuse it."""
    if isinstance(value, bool | float):
        raise TypeError(
            f"{argument} must be a Decimal, int or str, not {type(value).__name__}: floats carry "
            f"binary error (pass '0.1' or Decimal('0.1'))"
        )
    if isinstance(value, int):
        if abs(value) >= _LIMIT_INT:
            raise ValueError(f"{argument} must be below 10**{MAX_INTEGER_DIGITS}")
        return Decimal(value), str(value)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, str):
        if len(value) > MAX_TEXT_LENGTH or not _NUMBER.match(value):
            shown = repr(value) if len(value) <= MAX_TEXT_LENGTH else f"{len(value)} characters"
            raise ValueError(
                f"{argument} must be a finite decimal number such as '1.5' (digits, at most "
                f"one point, an optional exponent of up to 3 digits, at most {MAX_TEXT_LENGTH} "
                f"characters, no whitespace), got {shown}"
            )
        number = Decimal(value)
    else:
        raise TypeError(f"{argument} must be a Decimal, int or str, not {type(value).__name__}")
    if not number.is_finite():
        raise ValueError(f"{argument} must be a finite number, got {value!r}")
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        raise ValueError(f"{argument} has more than {MAX_DECIMALS} decimal places: {value!r}")
    if number and number.adjusted() >= MAX_INTEGER_DIGITS:
        raise ValueError(f"{argument} must be below 10**{MAX_INTEGER_DIGITS}, got {value!r}")
    # Sent as written when it already is plain notation; otherwise in plain notation.
    text = value if isinstance(value, str) and _PLAIN.match(value) else format(number, "f")
    return number, text


def close_amount(qty: object, percentage: object) -> dict[str, str]:
    """The query of a close: {} (everything), {"qty": ...} or {"percentage": ...}."""
    if qty is not None and percentage is not None:
        raise ValueError("qty and percentage are mutually exclusive: pass one of them")
    if qty is not None:
        number, text = _parse_input(qty, "qty")
        if number <= 0:
            raise ValueError(f"qty must be greater than 0, got {qty!r}")
        return {"qty": text}
    if percentage is not None:
        number, text = _parse_input(percentage, "percentage")
        if not 0 < number <= 100:
            raise ValueError(
                f"percentage must be greater than 0 and at most 100, got {percentage!r}"
            )
        return {"percentage": text}
    return {}


def price_input(value: object, argument: str) -> str:
    """A price to filter by (strike_price_gte, ...): zero or more, at most 9 decimals, exact;
    the text to send, or a ValueError/TypeError naming the argument."""
    number, text = _parse_input(value, argument)
    if number < 0:
        raise ValueError(f"{argument} must be 0 or more, got {value!r}")
    return text
