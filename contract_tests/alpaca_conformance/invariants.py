"""Business invariants: what a schema-valid answer must also get right, checked on every
response the suite sees, whatever generated the request.

A server can match the spec field by field and still be wrong: a short position with a
positive quantity, a market value that is not qty x price, a filter that does not filter, a
rate-limit reset that is not a time. Each invariant here holds of Alpaca's real API (as the
reference describes it) and allows the rounding Alpaca does: money to the cent. Each is a named
check in the operation x check table (`invariant: ...`), recorded only where it applies.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from alpaca_trading.bodies import parse_json
from alpaca_trading.decimals import to_decimal
from alpaca_trading.identifiers import is_cusip, is_isin

CENT = Decimal("0.01")
Check = Callable[[str, Any, Any], bool]  # (operationId, case, response) → applied; raises


def _decimal(value: object) -> Decimal | None:
    """A decimal string of an answer as Decimal, or None (absent, null, not finite, > 60 chars)."""
    return to_decimal(value, max_length=60)


def _body(response: Any) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _positions(operation: str, response: Any) -> list[dict[str, Any]]:
    if response.status_code != 200:
        return []
    body = _body(response)
    if operation == "getAllOpenPositions" and isinstance(body, list):
        return [p for p in body if isinstance(p, dict)]
    if operation == "getOpenPosition" and isinstance(body, dict):
        return [body]
    return []


def _close(a: Decimal, b: Decimal, allowed: Decimal = CENT) -> bool:
    return abs(a - b) <= allowed


def position_signs(operation: str, case: Any, response: Any) -> bool:
    """Short positions have side "short" and negative qty, market value and cost basis; long
    ones the opposite; qty_available has qty's sign (or is zero); avg_entry_price is positive."""
    positions = _positions(operation, response)
    for p in positions:
        symbol = p.get("symbol")
        qty = _decimal(p.get("qty"))
        if qty is None:
            continue
        short = p.get("side") == "short"
        assert short == (qty < 0), f"{symbol}: side {p.get('side')!r} with qty {qty}"
        for field in ("qty_available", "market_value", "cost_basis"):
            value = _decimal(p.get(field))
            if value is not None and value != 0:
                assert (value < 0) == short, f"{symbol}: {field} {value} on a {p.get('side')}"
        price = _decimal(p.get("avg_entry_price"))
        assert price is None or price > 0, f"{symbol}: avg_entry_price {price} is not positive"
    return bool(positions)


def position_arithmetic(operation: str, case: Any, response: Any) -> bool:
    """market_value = qty x current_price, cost_basis = qty x avg_entry_price and
    unrealized_pl = market_value - cost_basis, each to the cent (when priced); an option
    contract counts 100 shares."""
    positions = _positions(operation, response)
    for p in positions:
        symbol = p.get("symbol")
        shares = Decimal(100) if p.get("asset_class") == "us_option" else Decimal(1)
        qty, price = _decimal(p.get("qty")), _decimal(p.get("current_price"))
        qty = qty * shares if qty is not None else None
        value, basis = _decimal(p.get("market_value")), _decimal(p.get("cost_basis"))
        entry, pl = _decimal(p.get("avg_entry_price")), _decimal(p.get("unrealized_pl"))
        if qty is not None and price is not None and value is not None:
            assert _close(value, qty * price), (
                f"{symbol}: market_value {value} is not qty {qty} x current_price {price}"
            )
        if qty is not None and entry is not None and basis is not None:
            assert _close(basis, qty * entry), (
                f"{symbol}: cost_basis {basis} is not qty {qty} x avg_entry_price {entry}"
            )
        if value is not None and basis is not None and pl is not None:
            assert _close(pl, value - basis), (
                f"{symbol}: unrealized_pl {pl} is not market_value {value} - cost_basis {basis}"
            )
    return bool(positions)


def _header(response: Any, name: str) -> str | None:
    values = response.headers.get(name)
    if isinstance(values, list):
        return values[0] if values else None
    return values if isinstance(values, str) else None


def rate_limit_headers(operation: str, case: Any, response: Any) -> bool:
    """X-Ratelimit-Limit and -Remaining are counts (0 <= remaining <= limit) and
    X-Ratelimit-Reset is the epoch second the window resets: now or within the hour."""
    raw = {n: _header(response, f"x-ratelimit-{n}") for n in ("limit", "remaining", "reset")}
    if any(v is None for v in raw.values()):
        return False  # their presence is response_headers_conformance's job
    try:
        limit, remaining, reset = (int(str(raw[n])) for n in ("limit", "remaining", "reset"))
    except ValueError:
        raise AssertionError(f"X-Ratelimit-* are not integers: {raw}") from None
    assert 0 <= remaining <= limit, f"X-Ratelimit-Remaining {remaining} of a limit of {limit}"
    now = time.time()
    assert now - 5 <= reset <= now + 3600, (
        f"X-Ratelimit-Reset {reset} is not an epoch second within the next hour (now {now:.0f})"
    )
    return True


def _query(case: Any) -> Mapping[str, Any]:
    query = getattr(case, "query", None)
    return query if isinstance(query, Mapping) else {}


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v for v in value.split(",") if v]
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    return []


def asset_filters(operation: str, case: Any, response: Any) -> bool:
    """GET /v2/assets returns only assets matching every filter given: status, asset_class
    (the field "class"), exchange, and attributes (any of those listed)."""
    if operation != "getAssets" or response.status_code != 200:
        return False
    body = _body(response)
    query = _query(case)
    filters = (("status", "status"), ("asset_class", "class"), ("exchange", "exchange"))
    wanted = {field: query[name] for name, field in filters if isinstance(query.get(name), str)}
    attributes = set(_as_list(query.get("attributes")))
    if not isinstance(body, list) or not (wanted or attributes):
        return False
    for asset in body:
        if not isinstance(asset, dict):
            continue
        for field, value in wanted.items():
            assert asset.get(field) == value, (
                f"{asset.get('symbol')}: {field} {asset.get(field)!r} under the filter {value!r}"
            )
        if attributes:
            has = set(asset.get("attributes") or [])
            assert has & attributes, (
                f"{asset.get('symbol')}: attributes {sorted(has)} match none of "
                f"{sorted(attributes)}"
            )
    return True


def close_refusal_details(operation: str, case: Any, response: Any) -> bool:
    """A close refused for lack of quantity (403, code 40310000, "insufficient qty") says how
    much is available, held and owned (available, existing_qty, held_for_orders), as decimals;
    and a close accepted for a qty is an order for exactly that qty."""
    if operation != "deleteOpenPosition":
        return False
    body = _body(response)
    if not isinstance(body, dict):
        return False
    if response.status_code == 403 and "insufficient qty" in str(body.get("message", "")):
        for field in ("available", "existing_qty", "held_for_orders"):
            assert _decimal(body.get(field)) is not None, (
                f"a 403 for insufficient qty without a decimal {field}: {body}"
            )
        return True
    asked = _decimal(str(_query(case).get("qty"))) if "qty" in _query(case) else None
    if response.status_code == 200 and asked is not None:
        ordered = _decimal(body.get("qty"))
        assert ordered == asked, f"a close of qty {asked} made an order for qty {ordered}"
        return True
    return False


_BOND_LISTS = {"getUsTreasuries": "us_treasuries", "getUsCorporates": "us_corporates"}
_BOND_FILTERS = (("subtype", "subtype"), ("bond_status", "bond_status"))


def _bond_problems(bond: dict[str, Any]) -> Iterator[str]:
    """What is wrong with one bond on its own: identifiers and the relations of its fields."""
    isin, cusip = bond.get("isin"), bond.get("cusip")
    if isinstance(isin, str) and not is_isin(isin):
        yield f"ISIN {isin!r}: its check digit does not match (ISO 6166)"
    if isinstance(cusip, str) and not is_cusip(cusip):
        yield f"CUSIP {cusip!r}: its check digit does not match"
    if isinstance(isin, str) and isin.startswith("US") and isin[2:11] != cusip:
        yield f"the US ISIN {isin} does not hold the CUSIP {cusip}"
    issued, matures = bond.get("issue_date"), bond.get("maturity_date")
    if isinstance(issued, str) and isinstance(matures, str) and matures < issued:
        yield f"{isin}: maturity_date {matures} is before issue_date {issued}"
    if bond.get("perpetual") is True and matures is not None:
        yield f"{isin}: a perpetual bond with maturity_date {matures}"
    coupon = bond.get("coupon")
    if bond.get("coupon_type") == "zero" and isinstance(coupon, (int, float)) and coupon != 0:
        yield f"{isin}: coupon_type zero with coupon {coupon}"


def bond_lists(operation: str, case: Any, response: Any) -> bool:
    """The fixed-income lists are sorted by ISIN (as Alpaca documents), every filter given
    holds for every entry (subtype, bond_status, tickers; cusips and isins: when both are
    given, whether an entry must match both or either is not documented, so either is
    accepted), each ISIN and CUSIP has its check digit and a US ISIN holds its CUSIP, a
    bond matures after it is issued, a perpetual one never, a zero coupon is 0."""
    key = _BOND_LISTS.get(operation)
    body = _body(response) if key is not None and response.status_code == 200 else None
    if not isinstance(body, dict) or not isinstance(body.get(key), list):
        return False
    bonds = [bond for bond in body[key] if isinstance(bond, dict)]
    isins = [str(bond.get("isin")) for bond in bonds]
    for before, after in itertools.pairwise(isins):
        assert before <= after, f"{key} is not sorted by ISIN: {before} before {after}"
    query = _query(case)
    wanted = {
        field: query[name] for name, field in _BOND_FILTERS if isinstance(query.get(name), str)
    }
    tickers = set(_as_list(query.get("tickers")))
    cusips, listed_isins = set(_as_list(query.get("cusips"))), set(_as_list(query.get("isins")))
    for bond in bonds:
        for field, value in wanted.items():
            assert bond.get(field) == value, (
                f"{bond.get('isin')}: {field} {bond.get(field)!r} under the filter {value!r}"
            )
        if tickers:
            assert bond.get("ticker") in tickers, (
                f"{bond.get('isin')}: ticker {bond.get('ticker')!r} is none of {sorted(tickers)}"
            )
        if cusips or listed_isins:
            assert bond.get("cusip") in cusips or bond.get("isin") in listed_isins, (
                f"{bond.get('isin')} (CUSIP {bond.get('cusip')}) was not asked for"
            )
        problem = next(_bond_problems(bond), None)
        assert problem is None, problem
    return True


INVARIANTS: dict[str, Check] = {
    "invariant: position signs": position_signs,
    "invariant: position arithmetic to the cent": position_arithmetic,
    "invariant: rate-limit headers mean what they say": rate_limit_headers,
    "invariant: asset filters filter": asset_filters,
    "invariant: close refusals and orders are exact": close_refusal_details,
    "invariant: bond lists sorted, filtered, identifiers whole": bond_lists,
}


def judge(operation: str, case: Any, response: Any) -> Iterator[tuple[str, Check, str | None]]:
    """Each invariant that applies to this response: (name, invariant, None when it holds,
    else why not). One loop for Schemathesis' cases (harness.py) and our client's (watching.py)."""
    for name, invariant in INVARIANTS.items():
        try:
            applied = invariant(operation, case, response)
        except AssertionError as exc:
            yield name, invariant, str(exc).strip()
        else:
            if applied:
                yield name, invariant, None


# ------------------------------------------------------------------ responses our client saw

_ROUTES = (
    ("GET", "/v2/account", "getAccount"),
    ("GET", "/v2/assets/fixed_income/us_treasuries", "getUsTreasuries"),
    ("GET", "/v2/assets/fixed_income/us_corporates", "getUsCorporates"),
    ("GET", "/v2/assets", "getAssets"),
    ("GET", "/v2/assets/*", "getAsset"),
    ("GET", "/v2/positions", "getAllOpenPositions"),
    ("GET", "/v2/positions/*", "getOpenPosition"),
    ("DELETE", "/v2/positions", "deleteAllOpenPositions"),
    ("DELETE", "/v2/positions/*", "deleteOpenPosition"),
)


def operation_of(method: str, path: str) -> str | None:
    """The operationId a request addresses (one path segment after the collection), or None."""
    path = path.rstrip("/")
    exact = next((op for m, p, op in _ROUTES if m == method and p == path), None)
    if exact is not None:
        return exact
    parts = path.split("/")
    shape = "/".join(parts[:3] + (["*"] if len(parts) == 4 else [])) if len(parts) <= 4 else ""
    return next((op for m, p, op in _ROUTES if m == method and p == shape), None)


class Seen:
    """A response as the invariants read it, from any HTTP client: status, headers, JSON,
    and the query of its request (as `case.query`)."""

    def __init__(
        self, status_code: int, headers: Mapping[str, str], body: bytes, query: Mapping[str, str]
    ) -> None:
        self.status_code = status_code
        self.headers = {k.lower(): v for k, v in headers.items()}
        self.body = body
        self.query = dict(query)

    def json(self) -> Any:
        return parse_json(self.body)  # bounded depth, like the client's own parsing
