"""A request against the spec, before it is forwarded, and the answer the real API gives one
that breaks it.

The query parameters are checked by the same compiled rules the mock uses (alpaca_mock.params,
read from the spec: a change there changes what the proxy accepts), plus the rules OpenAPI
cannot state and the spec writes in prose: `qty` and `percentage` never together, `qty`
greater than 0, `percentage` greater than 0 and at most 100. The answers are Alpaca's: a 422
`{"code": 40010001, "message": ...}` naming the parameter, or for a symbol with a raw slash
the plain-text 404 of a path no route matches.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
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
from alpaca_trading.spec import spec_path

from alpaca_conformance.proxy.routes import Route, route

REQUEST_CHECK = "request: conforms to the spec"
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
    problem: str | None = None  # why the request breaks the spec, naming the parameter
    refusal: Refusal | None = None  # what the real API answers it
    query: tuple[tuple[str, str], ...] = ()  # the query's pairs, when they could be read


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
    if qty is not None and percentage is not None:
        raise ParameterError("qty and percentage are mutually exclusive: send one of them")
    if isinstance(qty, str) and Decimal(qty) <= 0:
        raise ParameterError("qty must be greater than 0")
    if isinstance(percentage, str) and not 0 < Decimal(percentage) <= 100:
        raise ParameterError("percentage must be greater than 0 and at most 100")


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
        return RequestVerdict(found, problem, _NOT_FOUND)
    if found.operation is None:
        return RequestVerdict(found)
    pairs: list[tuple[str, str]] = []
    try:
        if has_body:
            raise ParameterError(f"{method} takes no request body, one was sent")
        if found.key:
            _path_key(found.key)
        pairs = query_pairs(query)
        values = parse_query(_parameters()[found.operation], pairs)
        _cross_rules(found.operation, values)
    except ParameterError as exc:
        message = str(exc)
        refusal = _unprocessable(found.operation, message)
        return RequestVerdict(found, f"{found.operation}: {message}", refusal, tuple(pairs))
    return RequestVerdict(found, query=tuple(pairs))
