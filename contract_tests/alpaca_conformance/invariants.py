"""Business invariants: what a schema-valid answer must also get right, checked on every
response the suite sees, whatever generated the request.

A server can match the spec field by field and still be wrong: a short position with a
positive quantity, a market value that is not qty x price, a filter that does not filter, a
rate-limit reset that is not a time. Each invariant here holds of Alpaca's real API (as the
reference describes it) and allows the rounding Alpaca does: money to the cent.

Each invariant judges one promise of the behaviour model (behaviour.yaml) and is named in the
operation x check table as the catalogue names it ("POSITION-SIGNS: ..."), recorded only where
it applies. A promise marked unverified there is a warning when broken, never a failure.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from alpaca_trading.bodies import parse_json
from alpaca_trading.decimals import to_decimal
from alpaca_trading.occ import parse_occ

from alpaca_conformance import field_units as units
from alpaca_conformance.catalogue import Promise, catalogue

CENT = Decimal("0.01")
Check = Callable[[str, Any, Any], bool]  # (operationId, case, response) → applied; raises


@lru_cache(maxsize=8192)  # the same figures are read by several invariants, and again later
def _decimal_of(text: str) -> Decimal | None:
    return to_decimal(text, max_length=60)


def _decimal(value: object) -> Decimal | None:
    """A decimal string of an answer as Decimal, or None (absent, null, not finite, > 60 chars)."""
    return _decimal_of(value) if isinstance(value, str) and len(value) <= 60 else None


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
        if price is not None:
            unpriced = "only an unpriceable position's figures are null"
            assert value is not None, f"{symbol}: market_value null at {price} ({unpriced})"
            assert pl is not None, f"{symbol}: unrealized_pl null at {price} ({unpriced})"
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


class _Received(threading.local):
    at: float = 0.0


_RECEIVED = _Received()


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
    now = _RECEIVED.at  # when the answer arrived, not after the checks that ran since
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


def _contracts(operation: str, response: Any) -> list[dict[str, Any]]:
    if response.status_code != 200:
        return []
    body = _body(response)
    if operation == "getOptionContract" and isinstance(body, dict):
        return [body]
    if operation == "getOptionContracts" and isinstance(body, dict):
        listed = body.get("option_contracts")
        return [c for c in listed if isinstance(c, dict)] if isinstance(listed, list) else []
    return []


def option_symbol(operation: str, case: Any, response: Any) -> bool:
    """A contract's OCC symbol says its root, expiration_date, type and strike_price (the
    OCC symbology Alpaca documents for every contract)."""
    contracts = _contracts(operation, response)
    for contract in contracts:
        symbol = contract.get("symbol")
        try:
            occ = parse_occ(symbol) if isinstance(symbol, str) else None
        except ValueError as exc:
            raise AssertionError(f"{symbol!r} is not an OCC symbol: {exc}") from None
        if occ is None:
            continue
        said = {
            "root_symbol": occ.root,
            "expiration_date": occ.expiration.isoformat(),
            "type": occ.type,
        }
        for field, value in said.items():
            if field in contract:
                assert contract[field] == value, (
                    f"{symbol}: {field} {contract[field]!r}, the symbol says {value!r}"
                )
        strike = _decimal(contract.get("strike_price"))
        assert strike is None or strike == occ.strike, (
            f"{symbol}: strike_price {contract.get('strike_price')!r}, the symbol says {occ.strike}"
        )
    return bool(contracts)


def option_inactive(operation: str, case: Any, response: Any) -> bool:
    """An inactive contract is not tradable: our reading, not stated by Alpaca (a warning)."""
    contracts = _contracts(operation, response)
    for contract in contracts:
        if contract.get("status") == "inactive":
            assert contract.get("tradable") is not True, (
                f"{contract.get('symbol')}: inactive but tradable"
            )
    return bool(contracts)


def _day(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def option_filters(operation: str, case: Any, response: Any) -> bool:
    """GET /v2/options/contracts lists only contracts matching every filter given (only active
    ones without a status), at most `limit` of them (100 by default), none twice."""
    if operation != "getOptionContracts" or response.status_code != 200:
        return False
    body = _body(response)
    if not isinstance(body, dict) or not isinstance(body.get("option_contracts"), list):
        return False
    contracts = _contracts(operation, response)
    query = _query(case)
    limit = query.get("limit")
    most = int(limit) if isinstance(limit, int | str) and str(limit).isdigit() else 100
    assert len(body["option_contracts"]) <= most, (
        f"{len(body['option_contracts'])} contracts on a page of limit {most}"
    )
    symbols = [c.get("symbol") for c in contracts]
    assert len(symbols) == len(set(symbols)), "a contract is listed twice on one page"
    underlyings = set(_as_list(query.get("underlying_symbols")))
    status = query.get("status") if isinstance(query.get("status"), str) else "active"
    exact = {
        field: query[field]
        for field in ("root_symbol", "type", "style")
        if isinstance(query.get(field), str)
    }
    days = {name: _day(query.get(name)) for name in
            ("expiration_date", "expiration_date_gte", "expiration_date_lte")}  # fmt: skip
    low, high = _decimal(query.get("strike_price_gte")), _decimal(query.get("strike_price_lte"))
    for c in contracts:
        name = c.get("symbol")
        if underlyings:
            assert c.get("underlying_symbol") in underlyings, (
                f"{name}: underlying {c.get('underlying_symbol')!r} not in {sorted(underlyings)}"
            )
        assert c.get("status") == status, (
            f"{name}: status {c.get('status')!r} listed for {status!r}"
        )
        for field, value in exact.items():
            assert c.get(field) == value, (
                f"{name}: {field} {c.get(field)!r} under the filter {value!r}"
            )
        expires = _day(c.get("expiration_date"))
        if expires is not None:
            if days["expiration_date"] is not None:
                assert expires == days["expiration_date"], f"{name}: expires {expires}"
            if days["expiration_date_gte"] is not None:
                assert expires >= days["expiration_date_gte"], f"{name}: expires {expires}"
            if days["expiration_date_lte"] is not None:
                assert expires <= days["expiration_date_lte"], f"{name}: expires {expires}"
        strike = _decimal(c.get("strike_price"))
        if strike is not None:
            assert low is None or strike >= low, f"{name}: strike {strike} below {low}"
            assert high is None or strike <= high, f"{name}: strike {strike} above {high}"
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
    isin, cusip = bond.get("isin"), bond.get("cusip")  # their check digits: FIELD-UNITS
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
    accepted)."""
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
    return True


def _account(operation: str, response: Any) -> dict[str, Any] | None:
    body = _body(response) if operation == "getAccount" and response.status_code == 200 else None
    return body if isinstance(body, dict) else None


def account_equity(operation: str, case: Any, response: Any) -> bool:
    """equity = cash + long_market_value + short_market_value, to the cent."""
    account = _account(operation, response)
    figures = [_decimal((account or {}).get(f)) for f in
               ("equity", "cash", "long_market_value", "short_market_value")]  # fmt: skip
    if account is None or any(f is None for f in figures):
        return False
    equity, cash, longs, shorts = (f for f in figures if f is not None)
    assert _close(equity, cash + longs + shorts), (
        f"equity {equity} is not cash {cash} + long_market_value {longs} + "
        f"short_market_value {shorts} = {cash + longs + shorts}"
    )
    return True


def account_portfolio_value(operation: str, case: Any, response: Any) -> bool:
    """portfolio_value (deprecated) equals equity."""
    account = _account(operation, response) or {}
    value, equity = _decimal(account.get("portfolio_value")), _decimal(account.get("equity"))
    if value is None or equity is None:
        return False
    assert value == equity, f"portfolio_value {value} is not equity {equity}"
    return True


def account_margins(operation: str, case: Any, response: Any) -> bool:
    """initial_margin is at least maintenance_margin."""
    account = _account(operation, response) or {}
    initial = _decimal(account.get("initial_margin"))
    maintenance = _decimal(account.get("maintenance_margin"))
    if initial is None or maintenance is None:
        return False
    assert initial >= maintenance, f"initial_margin {initial} < maintenance_margin {maintenance}"
    return True


def account_cash_buying_power(operation: str, case: Any, response: Any) -> bool:
    """A cash account (multiplier "1") spends no more than its cash and the cash on its way in:
    0 <= buying_power <= max(cash, 0) + pending_transfer_in."""
    account = _account(operation, response) or {}
    if account.get("multiplier") != "1":
        return False
    power, cash = _decimal(account.get("buying_power")), _decimal(account.get("cash"))
    if power is None or cash is None:
        return False
    incoming = _decimal(account.get("pending_transfer_in")) or Decimal(0)
    assert Decimal(0) <= power <= max(cash, Decimal(0)) + incoming, (
        f"multiplier 1 (cash account): buying_power {power} is not between 0 and cash {cash}"
        + (f" + pending_transfer_in {incoming}" if incoming else "")
    )
    return True


def account_gross_value(operation: str, case: Any, response: Any) -> bool:
    """position_market_value = long_market_value - short_market_value."""
    account = _account(operation, response) or {}
    gross = _decimal(account.get("position_market_value"))
    longs = _decimal(account.get("long_market_value"))
    shorts = _decimal(account.get("short_market_value"))
    if gross is None or longs is None or shorts is None:
        return False
    assert _close(gross, longs - shorts), (
        f"position_market_value {gross} is not long {longs} - short {shorts}"
    )
    return True


def _assets(operation: str, response: Any) -> list[dict[str, Any]]:
    if response.status_code != 200 or operation not in ("getAssets", "getAsset"):
        return []
    body = _body(response)
    items = body if isinstance(body, list) else [body]
    return [a for a in items if isinstance(a, dict)]


def asset_shape(operation: str, case: Any, response: Any) -> bool:
    """A crypto asset is a BASE/QUOTE pair on CRYPTO with its increments and no
    borrow_status; any other asset has no slash in its symbol."""
    assets = _assets(operation, response)
    for asset in assets:
        symbol = str(asset.get("symbol"))
        if asset.get("class") == "crypto":
            base, slash, quote = symbol.partition("/")
            assert slash, f"crypto asset {symbol!r} is not a BASE/QUOTE pair"
            assert base, f"crypto asset {symbol!r} is not a BASE/QUOTE pair"
            assert quote, f"crypto asset {symbol!r} is not a BASE/QUOTE pair"
            assert asset.get("exchange") == "CRYPTO", (
                f"{symbol}: exchange {asset.get('exchange')!r}"
            )
            missing = [f for f in ("min_order_size", "min_trade_increment", "price_increment")
                       if asset.get(f) is None]  # fmt: skip
            assert not missing, f"{symbol}: crypto without {', '.join(missing)}"
            assert "borrow_status" not in asset, f"{symbol}: crypto with a borrow_status"
        elif asset.get("class") == "us_equity":
            assert "/" not in symbol, f"equity symbol {symbol!r} has a slash"
    return bool(assets)


def asset_borrow(operation: str, case: Any, response: Any) -> bool:
    """easy_to_borrow is true exactly when borrow_status is easy_to_borrow."""
    both = [
        a
        for a in _assets(operation, response)
        if isinstance(a.get("easy_to_borrow"), bool) and isinstance(a.get("borrow_status"), str)
    ]
    for asset in both:
        easy = asset["borrow_status"] == "easy_to_borrow"
        assert asset["easy_to_borrow"] == easy, (
            f"{asset.get('symbol')}: easy_to_borrow {asset['easy_to_borrow']} with borrow_status "
            f"{asset['borrow_status']!r}"
        )
    return bool(both)


_MILLIONTH = Decimal("0.000001")


def position_ratios(operation: str, case: Any, response: Any) -> bool:
    """unrealized_plpc = unrealized_pl / |cost_basis| and change_today = (current_price -
    lastday_price) / lastday_price, each to a millionth; unrealized_intraday_plpc has the sign
    of unrealized_intraday_pl."""
    applied = False
    for p in _positions(operation, response):
        symbol = p.get("symbol")
        pl, basis, plpc = (
            _decimal(p.get(f)) for f in ("unrealized_pl", "cost_basis", "unrealized_plpc")
        )
        if pl is not None and basis and plpc is not None:
            applied = True
            assert _close(plpc, pl / abs(basis), _MILLIONTH), (
                f"{symbol}: unrealized_plpc {plpc} is not unrealized_pl {pl} / |cost_basis {basis}|"
            )
        price, lastday, change = (
            _decimal(p.get(f)) for f in ("current_price", "lastday_price", "change_today")
        )
        if price is not None and lastday:
            applied = True
            assert change is not None, (
                f"{symbol}: change_today is null though current_price {price} and lastday_price "
                f"{lastday} are given (only an unpriceable position's figures are null)"
            )
            assert _close(change, (price - lastday) / lastday, _MILLIONTH), (
                f"{symbol}: change_today {change} is not (current {price} - lastday "
                f"{lastday}) / lastday"
            )
        day_pl, day_plpc = (
            _decimal(p.get(f)) for f in ("unrealized_intraday_pl", "unrealized_intraday_plpc")
        )
        if day_pl is not None and day_plpc is not None:
            applied = True  # its base (lastday value or entry) is not shown: only its sign
            assert day_pl * day_plpc >= 0, (
                f"{symbol}: unrealized_intraday_plpc {day_plpc} has not the sign of "
                f"unrealized_intraday_pl {day_pl}"
            )
    return applied


def position_intraday(operation: str, case: Any, response: Any) -> bool:
    """unrealized_intraday_pl = (current_price - lastday_price) x qty (x 100 for options), and
    unrealized_intraday_plpc is it over the value at the last close, |lastday_price x qty|."""
    applied = False
    for p in _positions(operation, response):
        shares = Decimal(100) if p.get("asset_class") == "us_option" else Decimal(1)
        names = ("qty", "current_price", "lastday_price", "unrealized_intraday_pl")
        qty, price, lastday, intraday = (_decimal(p.get(f)) for f in names)
        if qty is None or price is None or lastday is None or intraday is None:
            continue
        applied = True
        expected = (price - lastday) * qty * shares
        assert _close(intraday, expected), (
            f"{p.get('symbol')}: unrealized_intraday_pl {intraday} is not "
            f"(current {price} - lastday {lastday}) x qty {qty} = {expected}"
        )
        plpc, base = _decimal(p.get("unrealized_intraday_plpc")), abs(lastday * qty * shares)
        if plpc is not None and base:
            assert _close(plpc, intraday / base, _MILLIONTH), (
                f"{p.get('symbol')}: unrealized_intraday_plpc {plpc} is not "
                f"unrealized_intraday_pl {intraday} / |lastday {lastday} x qty {qty}|"
            )
    return applied


def position_available(operation: str, case: Any, response: Any) -> bool:
    """qty_available has qty's sign (or is zero) and is no larger than qty."""
    applied = False
    for p in _positions(operation, response):
        qty, available = _decimal(p.get("qty")), _decimal(p.get("qty_available"))
        if qty is None or available is None:
            continue
        applied = True
        assert abs(available) <= abs(qty), (
            f"{p.get('symbol')}: qty_available {available} is more than qty {qty}"
        )
        assert available == 0 or (available < 0) == (qty < 0), (
            f"{p.get('symbol')}: qty_available {available} has not qty {qty}'s sign"
        )
    return applied


_BY_KEY = {
    "getAsset": ("symbol", "id", "cusip"),
    "getOpenPosition": ("symbol", "asset_id"),
    "getOptionContract": ("symbol", "id"),
    "deleteOpenPosition": ("symbol", "asset_id"),
}


def _key_asked(case: Any) -> str | None:
    """The symbol_or_asset_id (or contract) a request named, decoded; None when unknown."""
    parameters = getattr(case, "path_parameters", None) or {}
    values = [v for v in parameters.values() if isinstance(v, str)]
    return unquote(values[0]) if len(values) == 1 else None


def answers_the_key(operation: str, case: Any, response: Any) -> bool:
    """What a request fetched (or closed) by a key is what the key names: an asset by symbol
    (a pair as BTC/USD, BTC%2FUSD or BTCUSD), id or CUSIP; a position by symbol or asset id;
    a contract by OCC symbol or id; a close's order is for the position named. Letter case
    is not judged (nobody has said), nor a crypto position reached by an id (its asset_id
    may not be the pair's, ref §7.2)."""
    fields = _BY_KEY.get(operation)
    key = _key_asked(case)
    if fields is None or key is None or response.status_code != 200:
        return False
    body = _body(response)
    if not isinstance(body, dict):
        return False
    names = {str(body.get(name, "")).upper() for name in fields} - {""}
    names |= {name.replace("/", "") for name in names}
    if key.upper() in names or key.upper().replace("/", "") in names:
        return True
    crypto = body.get("asset_class") == "crypto" or body.get("class") == "crypto"
    if crypto and units.is_uuid(key):
        return False  # the position's asset_id may not be the pair's: not judged
    shown = ", ".join(f"{name} {body.get(name)!r}" for name in fields if name in body)
    raise AssertionError(f"{operation} asked for {key!r} and was answered with {shown}")


def position_shape(operation: str, case: Any, response: Any) -> bool:
    """A position's symbol has no slash; asset_class crypto exactly when exchange is CRYPTO;
    crypto is never marginable."""
    positions = _positions(operation, response)
    for p in positions:
        symbol = str(p.get("symbol"))
        assert "/" not in symbol, f"position symbol {symbol!r} has a slash (Alpaca sends BTCUSD)"
        crypto = p.get("asset_class") == "crypto"
        assert crypto == (p.get("exchange") == "CRYPTO"), (
            f"{symbol}: asset_class {p.get('asset_class')!r} on exchange {p.get('exchange')!r}"
        )
        assert not (crypto and p.get("asset_marginable") is True), f"{symbol}: marginable crypto"
    return bool(positions)


_OPEN_STATUSES = {"new", "accepted", "pending_new", "held", "accepted_for_bidding", "calculated"}


def _orders(operation: str, response: Any) -> list[dict[str, Any]]:
    body = _body(response)
    if operation == "deleteOpenPosition" and response.status_code == 200:
        return [body] if isinstance(body, dict) else []
    if operation == "deleteAllOpenPositions" and response.status_code == 207:
        entries = body if isinstance(body, list) else []
        return [
            e["body"]
            for e in entries
            if isinstance(e, dict) and e.get("status") == 200 and isinstance(e.get("body"), dict)
        ]
    return []


def _moment(value: object) -> datetime | None:
    """A timestamp to the second, offsets applied (Z and +00:00 compare equal)."""
    return units.moment(value) if isinstance(value, str) else None


def _order_problems(order: dict[str, Any]) -> Iterator[str]:
    oid = order.get("id")
    if order.get("type") != "market":
        yield f"order {oid}: type {order.get('type')!r}, not market"
    if "order_type" in order and order.get("order_type") != order.get("type"):
        yield f"order {oid}: order_type {order.get('order_type')!r} is not its type"
    for name in ("limit_price", "stop_price", "notional", "trail_price", "trail_percent", "legs"):
        if order.get(name) is not None:
            yield f"order {oid}: {name} {order.get(name)!r} on a close (a market order by qty)"
    intent = {"sell": "sell_to_close", "buy": "buy_to_close"}.get(str(order.get("side")))
    if intent and order.get("position_intent") not in (None, intent):
        intended = order.get("position_intent")
        yield f"order {oid}: side {order.get('side')} with position_intent {intended!r}"
    created = _moment(order.get("created_at"))
    for name in ("updated_at", "submitted_at"):
        later = _moment(order.get(name))
        if created is not None and later is not None and later < created:
            shown = order.get("created_at")
            yield f"order {oid}: {name} {order.get(name)} before created_at {shown}"
    qty, filled = _decimal(order.get("qty")), _decimal(order.get("filled_qty"))
    status = order.get("status")
    if status == "filled":
        if order.get("filled_at") is None or order.get("filled_avg_price") is None:
            yield f"order {oid}: filled without filled_at or filled_avg_price"
        if qty is not None and filled != qty:
            yield f"order {oid}: filled with filled_qty {filled} of qty {qty}"
    elif status in _OPEN_STATUSES:
        if order.get("filled_at") is not None:
            yield f"order {oid}: status {status} with filled_at {order.get('filled_at')}"
        if filled is not None and filled != 0:
            yield f"order {oid}: status {status} with filled_qty {filled}"
    if qty is not None and filled is not None and filled > qty:
        yield f"order {oid}: filled_qty {filled} is more than qty {qty}"  # fmt: skip


def order_consistent(operation: str, case: Any, response: Any) -> bool:
    """A close's order is a market order by qty whose fields agree with each other."""
    orders = _orders(operation, response)
    for order in orders:
        problem = next(_order_problems(order), None)
        assert problem is None, problem
    return bool(orders)


def error_codes(operation: str, case: Any, response: Any) -> bool:
    """An error body's code is its HTTP status followed by five digits (40010001 also with
    422); only a 401 or 403 (auth) may have none. Each 207 entry's error likewise with the
    entry's status."""
    status = response.status_code
    body = _body(response)
    pairs: list[tuple[Any, Any]] = []
    if status >= 400 and isinstance(body, dict):
        pairs.append((status, body))
    if status == 207 and isinstance(body, list):
        pairs += [(e.get("status"), e.get("body")) for e in body
                  if isinstance(e, dict) and e.get("status") != 200]  # fmt: skip
    judged = False
    for entry_status, error in pairs:
        code = error.get("code") if isinstance(error, dict) else None
        if not isinstance(code, int) or not isinstance(entry_status, int):
            # 401 has no code, nor the 403 of a request without keys (ref §3.6); any other
            # JSON error carries one
            assert entry_status in (401, 403) or not isinstance(error, dict), (
                f"HTTP {entry_status}: code {code!r} is not an integer"
                if "code" in error
                else f"HTTP {entry_status}: the error body has no code"
            )
            continue
        judged = True
        prefix = code // 100_000
        allowed = {entry_status} | ({400} if entry_status == 422 else set())
        assert prefix in allowed, f"HTTP {entry_status} with code {code}: not its status"
        assert 10_000_000 <= code <= 99_999_999, f"HTTP {entry_status}: code {code} is not 8 digits"
    return judged


def bond_identity(operation: str, case: Any, response: Any) -> bool:
    """A US ISIN holds the bond's CUSIP; it matures after it is issued, a perpetual one never;
    a zero coupon is 0."""
    key = _BOND_LISTS.get(operation)
    body = _body(response) if key is not None and response.status_code == 200 else None
    if not isinstance(body, dict) or not isinstance(body.get(key), list):
        return False
    bonds = [bond for bond in body[key] if isinstance(bond, dict)]
    for bond in bonds:
        problem = next(_bond_problems(bond), None)
        assert problem is None, problem
    return bool(bonds)


def _none_of(
    found: Callable[[str, int, Any], Iterable[str]], operation: str, response: Any
) -> bool:
    """The body has none of what `found` finds in it (the first five are reported)."""
    body = _body(response)
    if body is None:
        return False
    first = list(itertools.islice(found(operation, response.status_code, body), 5))
    assert not first, "; ".join(first)
    return True


def field_units(operation: str, case: Any, response: Any) -> bool:
    """Every field of the body holds its unit (behaviour.yaml's fields table)."""
    return _none_of(units.problems, operation, response)


def random_ids(operation: str, case: Any, response: Any) -> bool:
    """Every id of the body is a random (version-4) UUID."""
    return _none_of(units.non_random_ids, operation, response)


INVARIANTS: dict[str, Check] = {
    "FIELD-UNITS": field_units,
    "IDS-RANDOM": random_ids,
    "ACCOUNT-EQUITY": account_equity,
    "ACCOUNT-PORTFOLIO-VALUE": account_portfolio_value,
    "ACCOUNT-MARGINS": account_margins,
    "ACCOUNT-CASH-BUYING-POWER": account_cash_buying_power,
    "ACCOUNT-GROSS-VALUE": account_gross_value,
    "ASSET-SHAPE": asset_shape,
    "ASSET-BORROW": asset_borrow,
    "ASSET-FILTERS": asset_filters,
    "POSITION-SIGNS": position_signs,
    "POSITION-ARITHMETIC": position_arithmetic,
    "POSITION-RATIOS": position_ratios,
    "POSITION-INTRADAY": position_intraday,
    "POSITION-AVAILABLE": position_available,
    "POSITION-SHAPE": position_shape,
    "ANSWERS-THE-KEY": answers_the_key,
    "ORDER-CONSISTENT": order_consistent,
    "CLOSE-REFUSAL": close_refusal_details,
    "ERROR-CODES": error_codes,
    "HEADERS-RATE-LIMIT": rate_limit_headers,
    "BOND-LISTS": bond_lists,
    "BOND-IDENTITY": bond_identity,
    "OPTION-SYMBOL": option_symbol,
    "OPTION-INACTIVE": option_inactive,
    "OPTION-FILTERS": option_filters,
}


def judge(
    operation: str,
    case: Any,
    response: Any,
    *,
    received_at: float | None = None,
    unverified: bool = True,
) -> Iterator[tuple[str, Promise, str | None]]:
    """Each invariant that applies to this response: (check name, its promise, None when it
    holds, else why not). One loop for Schemathesis' cases (harness.py), our client's
    (watching.py) and the proxy's exchanges. `received_at` is when the answer arrived (the
    rate-limit reset is judged against it); `unverified=False` leaves out the promises
    nobody has seen Alpaca keep."""
    model = catalogue()
    _RECEIVED.at = received_at if received_at is not None else time.time()
    for promise_id, invariant in INVARIANTS.items():
        promise = model.promises[promise_id]
        if promise.warns_only and not unverified:
            continue
        name = model.check_name(promise_id)
        try:
            applied = invariant(operation, case, response)
        except AssertionError as exc:
            yield name, promise, str(exc).strip()
        else:
            if applied:
                yield name, promise, None  # fmt: skip


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


_UNPARSED = object()


class Seen:
    """A response as the invariants read it, from any HTTP client: status, headers, JSON,
    and the query and path key of its request (as `case.query`, `case.path_parameters`)."""

    def __init__(
        self,
        status_code: int,
        headers: Mapping[str, str],
        body: bytes,
        query: Mapping[str, str],
        path_parameters: Mapping[str, str] | None = None,
    ) -> None:
        self.status_code = status_code
        self.headers = {k.lower(): v for k, v in headers.items()}
        self.body = body
        self.query = dict(query)
        self.path_parameters = dict(path_parameters or {})  # as `case.path_parameters`
        self._parsed: Any = _UNPARSED

    def json(self) -> Any:
        """The body parsed once (bounded depth, like the client's own parsing): every
        invariant reads it, and must not change it."""
        if self._parsed is _UNPARSED:
            self._parsed = parse_json(self.body)
        return self._parsed
