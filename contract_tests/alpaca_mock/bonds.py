"""The fixed-income catalogue: US treasuries and US corporate bonds, as seeded, filtered and
sorted by ISIN as Alpaca documents.

A seed lists each bond as the API body it answers with (`us_treasuries:` and `us_corporates:`
beside `assets:`), with its numbers as decimal strings ("99.8671875") so they stay exact; the
answer writes them as the JSON numbers Alpaca sends. Each entry is checked when the seed is
read, against the spec's own schema (UsTreasury, UsCorporate) with its numbers in place, and
its identifiers by their check digits, so a seed that would make the mock answer something
Alpaca cannot is refused, naming the entry and the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

import jsonschema_rs
import msgspec
from alpaca_trading.identifiers import is_cusip, is_isin
from alpaca_trading.spec import resolve, spec_document
from alpaca_trading.validation import json_schema_of

MAX_BONDS = 50_000  # per kind; Alpaca lists a few thousand
KINDS = {"us_treasuries": "UsTreasury", "us_corporates": "UsCorporate"}
_EXACT = "#/components/schemas/ExactNumber"
_ENCODE = msgspec.json.Encoder(decimal_format="number").encode


class BondError(ValueError):
    """A seed's bond that cannot be served; the message names the entry and the field."""


@dataclass(frozen=True)
class Bond:
    isin: str
    cusip: str
    subtype: str | None  # treasuries
    bond_status: str
    ticker: str | None  # corporates
    body: dict[str, Any]  # the API body, numbers as Decimal


@cache
def _number_fields(schema_name: str) -> frozenset[str]:
    """The properties of `schema_name` that hold an ExactNumber (a JSON number)."""
    spec = spec_document()
    properties = resolve(spec, spec["components"]["schemas"][schema_name])["properties"]
    found = set()
    for name, prop in properties.items():
        first = prop["allOf"][0] if "allOf" in prop else prop
        if first.get("$ref") == _EXACT:
            found.add(name)
    return frozenset(found)


@cache
def _validator(schema_name: str) -> Any:
    spec = spec_document()
    schema = {"$ref": f"#/components/schemas/{schema_name}"}
    schema["components"] = json_schema_of(spec["components"])
    return jsonschema_rs.validator_for(schema, validate_formats=True)  # dates are real dates


def _exact(value: Any, where: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise BondError(f'{where}: must be a decimal such as "99.5", got {value!r:.40}')
    try:
        number = Decimal(repr(value) if isinstance(value, float) else str(value))
    except InvalidOperation:
        raise BondError(f'{where}: must be a decimal such as "99.5", got {value!r:.40}') from None
    if not number.is_finite() or abs(number.adjusted()) > 30:
        raise BondError(f"{where}: must be a finite decimal of at most 30 digits")
    return number


def parse_bonds(items: list[Any], kind: str, source: str) -> tuple[Bond, ...]:
    """The bonds of one kind ("us_treasuries" or "us_corporates") from a seed, checked."""
    schema_name = KINDS[kind]
    numbers = _number_fields(schema_name)
    validator = _validator(schema_name)
    bonds: list[Bond] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"{source}: {kind}[{index}]"
        if not isinstance(item, Mapping):
            raise BondError(f"{where}: must be a mapping")
        body = {str(k): v for k, v in item.items()}
        for name in numbers & body.keys():
            body[name] = _exact(body[name], f"{where}.{name}")
        for name, value in body.items():  # YAML reads 2030-11-15 as a date: keep the text
            if hasattr(value, "isoformat") and name.endswith("_date"):
                body[name] = value.isoformat()
        error = next(iter(validator.iter_errors(_for_schema(body))), None)
        if error is not None:
            path = ".".join(str(p) for p in error.instance_path)
            raise BondError(f"{where}{'.' + path if path else ''}: {error.message[:200]}")
        isin, cusip = body["isin"], body["cusip"]
        if not is_cusip(cusip):
            raise BondError(f"{where}.cusip: {cusip!r} has a wrong check digit")
        if not is_isin(isin):
            raise BondError(f"{where}.isin: {isin!r} has a wrong check digit")
        if isin.startswith("US") and isin[2:11] != cusip:
            raise BondError(f"{where}: a US ISIN holds its CUSIP ({isin} does not hold {cusip})")
        if isin in seen:
            raise BondError(f"{where}.isin: {isin} is listed twice")
        seen.add(isin)
        bonds.append(
            Bond(
                isin=isin,
                cusip=cusip,
                subtype=body.get("subtype"),
                bond_status=body["bond_status"],
                ticker=body.get("ticker"),
                body=body,
            )
        )
    return tuple(sorted(bonds, key=lambda bond: bond.isin))


def _for_schema(body: dict[str, Any]) -> dict[str, Any]:
    """The body as its JSON decodes (Decimal numbers as the JSON numbers they become)."""
    return msgspec.json.decode(_ENCODE(body))  # type: ignore[no-any-return]


@dataclass(frozen=True)
class BondFilter:
    """The filters of both operations; each given one must hold (None: not given)."""

    subtype: str | None = None
    bond_status: str | None = None
    cusips: frozenset[str] | None = None
    isins: frozenset[str] | None = None
    tickers: frozenset[str] | None = None

    def matches(self, bond: Bond) -> bool:
        return (
            (self.subtype is None or bond.subtype == self.subtype)
            and (self.bond_status is None or bond.bond_status == self.bond_status)
            and (self.cusips is None or bond.cusip in self.cusips)
            and (self.isins is None or bond.isin in self.isins)
            and (self.tickers is None or bond.ticker in self.tickers)
        )


def bond_filter(params: Mapping[str, Any]) -> BondFilter:
    """The filter a request's parsed query asks for."""

    def listed(name: str) -> frozenset[str] | None:
        values = params.get(name)
        return frozenset(values) if values is not None else None

    return BondFilter(
        subtype=params.get("subtype"),
        bond_status=params.get("bond_status"),
        cusips=listed("cusips"),
        isins=listed("isins"),
        tickers=listed("tickers"),
    )


def listing(kind: str, bonds: tuple[Bond, ...], flt: BondFilter) -> bytes:
    """The answer body, `{kind: [...]}` in ISIN order, its numbers written as JSON numbers."""
    return _ENCODE({kind: [bond.body for bond in bonds if flt.matches(bond)]})
