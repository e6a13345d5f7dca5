"""CUSIPs and ISINs, checked by their check digits before a request carries them.

A mistyped identifier in a `cusips=` or `isins=` filter is not an error at Alpaca: it matches
nothing, and the bond silently drops out of the answer. So the client refuses one whose
check digit is wrong, naming it and its place in the list, before anything is sent.
- CUSIP (9 characters): 8 characters (digits, letters, and * @ # in private placements) and
  a modulus-10 "double-add-double" check digit.
- ISIN (ISO 6166, 12 characters): a 2-letter country code, 9 characters (a US ISIN holds
  the CUSIP) and a Luhn check digit over the letters read as numbers (A = 10 ... Z = 35).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MAX_IDENTIFIERS = 1000  # per filter, as Alpaca documents
_CUSIP = re.compile(r"[0-9A-Z*@#]{8}[0-9]")
_ISIN = re.compile(r"[A-Z]{2}[0-9A-Z]{9}[0-9]")
_SPECIAL = {"*": 36, "@": 37, "#": 38}


def _value(char: str) -> int:
    if char.isdigit():
        return int(char)
    if char in _SPECIAL:
        return _SPECIAL[char]
    return ord(char) - ord("A") + 10


def cusip_check_digit(first8: str) -> int:
    """The check digit of a CUSIP's first 8 characters."""
    total = 0
    for position, char in enumerate(first8):
        value = _value(char) * (2 if position % 2 else 1)
        total += value // 10 + value % 10
    return (10 - total % 10) % 10


def isin_check_digit(first11: str) -> int:
    """The check digit of an ISIN's first 11 characters (Luhn over the letters as numbers)."""
    digits = "".join(str(_value(char)) for char in first11)
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value // 10 + value % 10
    return (10 - total % 10) % 10


def is_cusip(text: str) -> bool:
    """Whether `text` is a CUSIP with the right check digit."""
    return bool(_CUSIP.fullmatch(text)) and cusip_check_digit(text[:8]) == int(text[8])


def is_isin(text: str) -> bool:
    """Whether `text` is an ISIN with the right check digit."""
    return bool(_ISIN.fullmatch(text)) and isin_check_digit(text[:11]) == int(text[11])


def isin_of_cusip(cusip: str, country: str = "US") -> str:
    """The ISIN that holds `cusip` (a US security's: "US" + CUSIP + check digit)."""
    body = country + cusip
    return body + str(isin_check_digit(body))


def shown(value: object) -> str:
    """A caller's value for an error message: its repr, cut to 40 characters (an argument
    may be megabytes long)."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def string_list(values: object, argument: str, example: str) -> None:
    """The one rule for the list filters (cusips, isins, tickers): a list or tuple of 1 to
    MAX_IDENTIFIERS values. TypeError for a bare str (it would be read letter by letter) or
    anything that is not a sequence, ValueError for an empty or too long one; both name the
    argument."""
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise TypeError(
            f"{argument} must be a list of strings, e.g. {example}, not {shown(values)}"
        )
    if not values or len(values) > MAX_IDENTIFIERS:
        raise ValueError(f"{argument} must hold 1 to {MAX_IDENTIFIERS} values, got {len(values)}")


def identifier_list(values: Sequence[str] | None, argument: str) -> str | None:
    """A filter of CUSIPs (`argument` "cusips") or ISINs ("isins") as the comma-joined text
    Alpaca takes; None when not given. ValueError naming the first bad one and its index."""
    if values is None:
        return None
    string_list(values, argument, "['912810UG1']")
    cusips = argument == "cusips"
    check, kind, size = (is_cusip, "a CUSIP", 9) if cusips else (is_isin, "an ISIN", 12)
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise TypeError(f"{argument}[{index}] must be a string, got {type(value).__name__}")
        if not check(value):
            shown = repr(value) if len(value) <= 40 else repr(value[:37]) + "..."
            raise ValueError(
                f"{argument}[{index}]: {shown} is not {kind} ({size} characters, upper case, "
                "the last a check digit that matches the rest)"
            )
    return ",".join(values)
