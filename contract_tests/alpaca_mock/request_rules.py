"""The request rules of the spec (`x-request-rules`): which ones a request breaks, for the mock
and the proxy alike.

A rule is documented (the real API refuses such a request) or unverified (nobody has seen what
Alpaca answers). The documented ones are the parameters' schemas (alpaca_mock.params) and the
rules the spec writes in prose; this module finds the departures from the unverified ones (a
number written 5e-05, a parameter given twice or empty, an enum in another case, a body), so
that each side can act on the table's word: the mock answers as the rule's `mock` says, the
proxy forwards such a request and warns. What is left of the query after the departures is
judged by the documented rules as before.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from alpaca_trading.spec import spec_document

from alpaca_mock.params import ParameterError, QueryParameter

KNOWN = ("documented", "observed", "unverified")
MOCK_ACTIONS = ("refuse", "accept")
# A decimal written another way: sign, digits, at most one dot, an exponent of at most 3 digits
# (a billion-digit exponent is never expanded: it does not match, and the schema refuses it).
_NUMBER_FORM = re.compile(r"\+?(?:[0-9]{1,30}\.?[0-9]{0,30}|\.[0-9]{1,30})(?:[eE][+-]?[0-9]{1,3})?")


class RuleTableError(ValueError):
    """The spec's x-request-rules breaks its own form; the message names the entry and field."""


@dataclass(frozen=True)
class RequestRule:
    id: str
    title: str
    known: str
    says: str
    evidence: str
    mock: str  # what our mock answers a request that breaks it: refuse or accept

    @property
    def unverified(self) -> bool:
        return self.known == "unverified"

    @property
    def check(self) -> str:
        """The rule's name in reports: its id, then its title."""
        return f"{self.id}: {self.title}"


def parse_rules(table: Any) -> dict[str, RequestRule]:
    """The rules from the spec's x-request-rules, or RuleTableError naming what is wrong."""
    if not isinstance(table, Mapping) or not table:
        raise RuleTableError("x-request-rules must be a non-empty mapping of rule id to rule")
    rules: dict[str, RequestRule] = {}
    for rule_id, entry in table.items():
        where = f"x-request-rules.{rule_id}"
        if not isinstance(entry, Mapping):
            raise RuleTableError(f"{where}: must be a mapping")
        values: dict[str, str] = {}
        for name in ("title", "known", "says", "evidence", "mock"):
            value = entry.get(name)
            if not isinstance(value, str) or not value.strip():
                raise RuleTableError(f"{where}: '{name}' must be a non-empty string")
            values[name] = value.strip()
        if values["known"] not in KNOWN:
            raise RuleTableError(f"{where}: known {values['known']!r} is none of {KNOWN}")
        if values["mock"] not in MOCK_ACTIONS:
            raise RuleTableError(f"{where}: mock {values['mock']!r} is none of {MOCK_ACTIONS}")
        rules[str(rule_id)] = RequestRule(id=str(rule_id), **values)
    return rules


@cache
def request_rules() -> dict[str, RequestRule]:
    """The spec's request rules, by id."""
    return parse_rules(spec_document().get("x-request-rules"))


@dataclass(frozen=True)
class Departure:
    """A request breaking an unverified rule: the rule's id and what the request did."""

    rule: str
    message: str  # names the parameter and what was sent
    parameter: str = ""  # the query parameter concerned ("" for the body)
    meant: str | None = None  # its value written as the spec writes it, when that is clear


def _shown(raw: str) -> str:
    return repr(raw) if len(raw) <= 60 else repr(raw[:57]) + "..."


def plain_decimal(raw: str) -> str | None:
    """`raw` as a plain decimal (5e-05 → 0.00005, .5 → 0.5, +1 → 1), or None when it is not
    a number written another way. Bounded: at most 30 digits each side, a 3-digit exponent."""
    if len(raw) > 70 or not _NUMBER_FORM.fullmatch(raw):
        return None
    try:
        value = Decimal(raw.lstrip("+"))
    except InvalidOperation:
        return None
    plain = format(value, "f")
    return plain if plain != raw else None


def _other_form(parameter: QueryParameter, raw: str) -> Departure | None:
    """The unverified rule a value the schema refuses breaks, when its plain or spec-cased
    writing would be valid; None when the schema refuses it whichever way it is written."""
    if parameter.decimal:
        plain = plain_decimal(raw)
        if plain is not None and _valid(parameter, plain):
            return Departure(
                "REQUEST-NUMBER-FORMS",
                f"{parameter.name}={_shown(raw)} is the decimal {plain} written another way",
                parameter.name,
                plain,
            )
    if parameter.cased:
        for cased in (raw.lower(), raw.upper()):
            if cased != raw and _valid(parameter, cased):
                return Departure(
                    "REQUEST-ENUM-CASE",
                    f"{parameter.name}={_shown(raw)} is {cased!r} in another letter case",
                    parameter.name,
                    cased,
                )
    return None


def _valid(parameter: QueryParameter, raw: str) -> bool:
    try:
        parameter.parse(raw)
    except ParameterError:
        return False
    return True


def departures(
    declared: Mapping[str, QueryParameter],
    pairs: list[tuple[str, str]],
    method: str,
    has_body: bool,
) -> tuple[list[Departure], list[tuple[str, str]]]:
    """The unverified rules a request breaks, and its query pairs for the documented rules: a
    value written another way as the spec writes it (5e-01 as 0.5, ACTIVE as active), a
    parameter given twice or empty left out. Parameters the spec does not declare are kept as
    they are (Alpaca ignores them)."""
    if not pairs and not has_body:
        return [], pairs
    found: list[Departure] = []
    if has_body:
        found.append(Departure("REQUEST-BODY", f"{method} sent with a request body"))
    counts = Counter(name for name, _ in pairs if name in declared)
    kept: list[tuple[str, str]] = []
    for name, raw in pairs:
        parameter = declared.get(name)
        if parameter is None:
            kept.append((name, raw))
        elif counts[name] > 1:
            said = f"{name} given {counts[name]} times"
            found.append(Departure("REQUEST-REPEATED", said, name))
            counts[name] = 0  # reported once, and none of its values kept
        elif counts[name] == 0:
            continue
        elif raw == "" and not _valid(parameter, raw):
            said = f"{name} sent with an empty value"
            found.append(Departure("REQUEST-EMPTY-VALUE", said, name))
        elif _valid(parameter, raw):
            kept.append((name, raw))
        else:
            departure = _other_form(parameter, raw)
            if departure is None:
                kept.append((name, raw))  # the documented rules refuse it, naming the rule
            else:
                found.append(departure)
                kept.append((name, departure.meant or raw))
    return found, kept


def mock_refusal(found: list[Departure]) -> ParameterError | None:
    """The refusal our mock answers with for these departures (the first rule whose `mock`
    is refuse), or None when it accepts all of them."""
    rules = request_rules()
    for departure in found:
        if rules[departure.rule].mock == "refuse":
            rule = rules[departure.rule]
            return ParameterError(f"{departure.message} ({rule.title})", departure.rule)
    return None
