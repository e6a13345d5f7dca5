"""OCC option symbols: ``AAPL250620C00190000`` read and written exactly.

An OCC symbol (the Options Clearing Corporation's, which Alpaca uses for every option
contract) is the root (1 to 6 letters or digits: the underlying's symbol, or another root such
as AAPL1 for an adjusted contract), the expiration as YYMMDD, C or P, and the strike price
times 1,000 in 8 digits: $190 is 00190000, $2.5 is 00002500. The strike is a Decimal, never a
float, so 190.125 stays 190.125.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Literal

from alpaca_trading.identifiers import shown

MAX_STRIKE = Decimal("99999.999")
_SYMBOL = re.compile(r"([A-Z0-9]{1,6})(\d{2})(\d{2})(\d{2})([CP])(\d{8})")
_ROOT = re.compile(r"[A-Z0-9]{1,6}")
_THOUSAND = Decimal(1000)


@dataclass(frozen=True, slots=True)
class OccSymbol:
    """One option contract's OCC symbol, taken apart. ``str(symbol)`` writes it back."""

    root: str
    """The root: the underlying's symbol for a standard contract (AAPL)."""
    expiration: date
    """The last day the contract can be exercised."""
    type: Literal["call", "put"]
    """call (the right to buy) or put (the right to sell)."""
    strike: Decimal
    """The strike price in dollars per share, exact (at most 3 decimals)."""

    def __post_init__(self) -> None:
        if not isinstance(self.root, str) or not _ROOT.fullmatch(self.root):
            raise ValueError(
                f"root must be 1 to 6 capital letters or digits, got {shown(self.root)}"
            )
        if not isinstance(self.expiration, date):
            raise TypeError(f"expiration must be a datetime.date, got {shown(self.expiration)}")
        if not 2000 <= self.expiration.year <= 2099:
            raise ValueError(f"expiration must be in 2000-2099 (YYMMDD), got {self.expiration}")
        if self.type not in ("call", "put"):
            raise ValueError(f"type must be 'call' or 'put', got {shown(self.type)}")
        strike = self.strike
        if isinstance(strike, bool) or not isinstance(strike, Decimal):
            raise TypeError(f"strike must be a Decimal, got {shown(strike)}")
        if not strike.is_finite() or not 0 < strike <= MAX_STRIKE:
            raise ValueError(f"strike must be above 0 and at most {MAX_STRIKE}, got {strike}")
        if (strike * _THOUSAND) % 1 != 0:
            raise ValueError(f"strike must have at most 3 decimals, got {strike}")

    def __str__(self) -> str:
        thousandths = int(self.strike * _THOUSAND)
        kind = "C" if self.type == "call" else "P"
        return f"{self.root}{self.expiration:%y%m%d}{kind}{thousandths:08d}"


def parse_occ(symbol: str) -> OccSymbol:
    """An OCC symbol taken apart; ValueError (TypeError for a non-str) naming the rule broken.

    >>> occ = parse_occ("AAPL250620C00190000")
    >>> occ.root, occ.expiration, occ.type, occ.strike
    ('AAPL', datetime.date(2025, 6, 20), 'call', Decimal('190'))
    """
    if not isinstance(symbol, str):
        raise TypeError(f"an OCC symbol must be a str, got {shown(symbol)}")
    match = _SYMBOL.fullmatch(symbol)
    if match is None:
        raise ValueError(
            "an OCC symbol is a root of 1 to 6 capital letters or digits, the expiration as "
            f"YYMMDD, C or P, and the strike x 1000 in 8 digits (AAPL250620C00190000); got "
            f"{shown(symbol)}"
        )
    root, yy, mm, dd, kind, thousandths = match.groups()
    try:
        expiration = date(2000 + int(yy), int(mm), int(dd))
    except ValueError:
        raise ValueError(f"{shown(symbol)}: {yy}{mm}{dd} is not a date (YYMMDD)") from None
    try:
        strike = (Decimal(thousandths) / _THOUSAND).normalize()
    except InvalidOperation:  # pragma: no cover - eight digits always make a Decimal
        raise ValueError(f"{shown(symbol)}: the strike is not a number") from None
    if strike == 0:
        raise ValueError(f"{shown(symbol)}: the strike must be above 0")
    if strike == strike.to_integral_value():
        strike = strike.quantize(Decimal(1))
    return OccSymbol(root, expiration, "call" if kind == "C" else "put", strike)
