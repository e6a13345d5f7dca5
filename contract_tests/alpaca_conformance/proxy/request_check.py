"""A request against the spec's request rules, before it is forwarded, and the answer the real
API gives one that breaks a documented rule.

The rules are the spec's `x-request-rules`, applied as the mock applies them
(alpaca_mock.request_rules and alpaca_mock.params, read from the spec: a change there changes
what the proxy accepts). A documented rule broken (a parameter outside its schema; qty and
percentage together or out of range; a raw slash in a key) is answered as Alpaca answers it
and never forwarded: a 422 `{"code": 40010001, "message": ...}` naming the parameter, or the
plain-text 404 of a path no route matches. An unverified rule broken (5e-05, a parameter
twice or empty, ACTIVE for active, a body) is forwarded, and the verdict carries the departure
for the proxy to warn about with the upstream's answer: nobody knows that Alpaca refuses it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any
from urllib.parse import unquote

from alpaca_mock.params import (
    ParameterError,
    QueryParameter,
    load_query_parameters,
    parse_query,
    path_key,
    query_pairs,
    refusal_statuses,
)
from alpaca_mock.request_rules import Departure, departures, request_rules
from alpaca_trading.bodies import parse_json
from alpaca_trading.spec import spec_path

from alpaca_conformance.proxy.routes import Route, route

JSON_TYPE = b"application/json; charset=UTF-8"


@dataclass(frozen=True)
class Refusal:
    """The answer the real API would give: status, content type and body."""

    status: int
    content_type: bytes
    body: bytes


@dataclass(frozen=True)
class RequestVerdict:
    route: Route
    problem: str | None = None  # why the request breaks a documented rule, naming the parameter
    refusal: Refusal | None = None  # what the real API answers it
    query: tuple[tuple[str, str], ...] = ()  # the query's pairs the answer's checks may read
    rule: str = "REQUEST-SCHEMA"  # the documented rule broken (or the one judged)
    departures: tuple[Departure, ...] = ()  # unverified rules broken: forward and warn

    def results(self) -> list[tuple[str, str | None]]:
        """(check, problem or None) for the documented rules judged on this request: the
        schemas always, the close amount on a close, and the rule it broke."""
        judged = ["REQUEST-SCHEMA"]
        if self.route.operation == "deleteOpenPosition":
            judged.append("REQUEST-CLOSE-AMOUNT")
        if self.problem is not None and self.rule not in judged:
            judged.append(self.rule)
        rules = request_rules()
        return [(rules[r].check, self.problem if r == self.rule else None) for r in judged]


@cache
def _parameters() -> dict[str, dict[str, QueryParameter]]:
    return load_query_parameters(spec_path())


@cache
def _refusal_statuses() -> dict[str, int]:
    return refusal_statuses(spec_path())


def _unprocessable(operation: str, message: str) -> Refusal:
    """The answer to a parameter that breaks the spec: 422 on the older operations, 400 on
    those that document only 400 (the mock answers the same: alpaca_mock.params)."""
    body = json.dumps({"code": 40010001, "message": message}).encode()
    return Refusal(_refusal_statuses()[operation], JSON_TYPE, body)


_NOT_FOUND = Refusal(404, b"text/plain; charset=utf-8", b"Not Found")


def _cross_rules(operation: str, values: dict[str, object]) -> None:
    """The rules the spec states in prose (deleteOpenPosition's description)."""
    if operation != "deleteOpenPosition":
        return
    qty, percentage = values.get("qty"), values.get("percentage")
    rule = "REQUEST-CLOSE-AMOUNT"
    if qty is not None and percentage is not None:
        raise ParameterError("qty and percentage are mutually exclusive: send one of them", rule)
    if isinstance(qty, str) and Decimal(qty) <= 0:
        raise ParameterError("qty must be greater than 0", rule)
    if isinstance(percentage, str) and not 0 < Decimal(percentage) <= 100:
        raise ParameterError("percentage must be greater than 0 and at most 100", rule)


def _path_key(key: str) -> None:
    decoded = path_key(key)
    if decoded in (".", ".."):
        raise ParameterError(f"symbol_or_asset_id {decoded!r} is a dot segment, not a symbol")


def check_request(method: str, raw_path: str, query: str, has_body: bool) -> RequestVerdict:
    """The verdict on one request: its route, and what is wrong with it (None when nothing)."""
    found = route(method, raw_path)
    if found.slash:
        problem = (
            f"{method} {raw_path[:200]}: symbol_or_asset_id {unquote(found.key)[:80]!r} holds a "
            "raw slash, so the path matches no operation (Alpaca answers a plain-text 404). "
            "Positions use the symbol without the slash (BTCUSD); assets take BTC%2FUSD"
        )
        return RequestVerdict(found, problem, _NOT_FOUND, rule="REQUEST-RAW-SLASH")
    if found.operation is None:
        return RequestVerdict(found)
    declared = _parameters()[found.operation]
    pairs: list[tuple[str, str]] = []
    found_departures: list[Departure] = []
    try:
        if found.key:
            _path_key(found.key)
        pairs = query_pairs(query)
        found_departures, pairs = departures(declared, pairs, method, has_body)
        values = parse_query(declared, pairs)
        _cross_rules(found.operation, values)
    except ParameterError as exc:
        message = str(exc)
        refusal = _unprocessable(found.operation, message)
        return RequestVerdict(
            found, f"{found.operation}: {message}", refusal, tuple(pairs), exc.rule,
            tuple(found_departures),
        )  # fmt: skip
    # The checks of the answer read no parameter whose meaning nobody knows (a filter the
    # upstream may have read otherwise): they are left out of the query they see.
    unsure = {d.parameter for d in found_departures}
    query_read = tuple(pair for pair in pairs if pair[0] not in unsure)
    return RequestVerdict(found, query=query_read, departures=tuple(found_departures))


VALID_SERVED = "SPEC-INPUTS: a request the spec calls valid is served"
_VALIDATION_CODES = (None, 40010001)  # request validation (ref §3.6); 42210000 is business


def _error_body(content: bytes | None) -> Any:
    """An answer's JSON body (bounded depth, as every body the proxy reads), or None."""
    try:
        return parse_json(content or b"")
    except ValueError:
        return None


def _error_summary(status: int, body: Any) -> str:
    """The upstream's answer in a few words: status, and an error body's code and message."""
    if isinstance(body, dict) and ("code" in body or "message" in body):
        said = str(body.get("message", ""))[:120]
        return f"{status} (code {body.get('code')!r}: {said!r})"
    return str(status)


def forwarded_departures(
    verdict: RequestVerdict, status: int, content: bytes | None
) -> list[tuple[str, str]]:
    """(check, warning) for each unverified rule the forwarded request broke, with the
    upstream's answer: what Alpaca does with it is worth knowing, not a failure."""
    if not verdict.departures:
        return []  # the answer's body is read only when a warning will quote it
    rules = request_rules()
    answered = _error_summary(status, _error_body(content))
    return [
        (
            rules[d.rule].check,
            f"{verdict.route.operation}: {d.message}; nobody knows what Alpaca answers "
            f"(unverified rule), so it was forwarded: the upstream answered {answered}",
        )
        for d in verdict.departures
    ]


def refusal_of_valid(
    verdict: RequestVerdict, status: int, content: bytes | None
) -> tuple[str, str | None] | None:
    """SPEC-INPUTS on a request every rule calls valid: a 400 or 422 of request validation
    (code 40010001, or none) is a finding; None when the request was not wholly valid."""
    if verdict.problem is not None or verdict.departures or verdict.route.operation is None:
        return None
    if status not in (400, 422):
        return VALID_SERVED, None
    body = _error_body(content)
    code = body.get("code") if isinstance(body, dict) else None
    if code not in _VALIDATION_CODES:
        return VALID_SERVED, None  # a refusal for the business' reasons (42210000)
    return VALID_SERVED, (
        f"{verdict.route.operation}: the upstream refused a request every rule of the spec "
        f"calls valid: {_error_summary(status, body)}"
    )
