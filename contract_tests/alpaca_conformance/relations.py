"""Promises between answers: the same object by every route, the account against its positions,
what a close and a close-all do to everything a client can read, headers across calls.

Pure functions over the JSON bodies (and headers) of several exchanges, each returning the
problems it finds (empty when the promise holds): the suite's scenario (suite/test_behaviour.py)
calls them on the answers it provoked, and anything else that saw those exchanges can too.
Prices move between calls on a real account, so nothing here compares a price-derived figure
read at two moments unless the prices were seen not to move.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from alpaca_trading.decimals import to_decimal

Body = Mapping[str, Any]
CENT = Decimal("0.01")
_POSITION_IDENTITY = ("asset_id", "symbol", "exchange", "asset_class", "side", "avg_entry_price")
_POSITION_HOLDING = ("qty", "qty_available", "cost_basis")
_FILL_SLACK = Decimal("0.05")  # a stock's or a coin's fill may be some way from its last price
_OPTION_FILL_SLACK = Decimal(1)  # an option's, up to its whole value (fill_slack says why)
FEE_SHARE = Decimal("0.005")  # of a known fill's proceeds: fees and rounding (cash_after_fills)


def _dec(value: object) -> Decimal | None:
    return to_decimal(value, max_length=60)


def _units(position: Body) -> Decimal:
    return Decimal(100) if position.get("asset_class") == "us_option" else Decimal(1)


def fill_slack(position: Body) -> Decimal:
    """How far from qty x last price a market close of the position may fill, as a share of
    that value. A stock or a coin: 5 % (prices move between the reads, fills slip). An option:
    all of it. Its last trade can be far from its bid and ask (a thinly traded contract's may
    be days old), and what the spread costs is not documented: a long sold brings in from
    nothing to twice its last value, a short bought back costs from nothing to twice."""
    return _OPTION_FILL_SLACK if position.get("asset_class") == "us_option" else _FILL_SLACK


def same_asset(listed: Body, fetched: Body, key: str) -> list[str]:
    """An asset fetched by `key` is the asset the list shows, field for field."""
    if dict(listed) == dict(fetched):
        return []
    differ = sorted(k for k in set(listed) | set(fetched) if listed.get(k) != fetched.get(k))
    shown = ", ".join(f"{k}: {listed.get(k)!r} vs {fetched.get(k)!r}" for k in differ[:4])
    return [f"GET /v2/assets/{key} differs from the list's {listed.get('symbol')}: {shown}"]


def same_contract(listed: Body, fetched: Body, key: str) -> list[str]:
    """A contract fetched by `key` is the list's, field for field; deliverables are judged
    only when the list carried them (show_deliverables)."""
    differ = sorted(
        k for k in set(listed) | set(fetched)
        if listed.get(k) != fetched.get(k) and not (k == "deliverables" and k not in listed)
    )  # fmt: skip
    if not differ:
        return []
    shown = ", ".join(f"{k}: {listed.get(k)!r} vs {fetched.get(k)!r}" for k in differ[:4])
    return [
        f"GET /v2/options/contracts/{key} differs from the list's {listed.get('symbol')}: {shown}"
    ]


def position_asset(position: Body, asset: Body) -> list[str]:
    """A position's asset_id names its asset: of the position's class, whose symbol without
    the slash is the position's (not judged for crypto: ref §7.2)."""
    if position.get("asset_class") == "crypto":
        return []
    problems = []
    if asset.get("class") != position.get("asset_class"):
        problems.append(
            f"{position.get('symbol')}: asset_class {position.get('asset_class')!r}, its asset's "
            f"class {asset.get('class')!r}"
        )
    if str(asset.get("symbol", "")).replace("/", "") != position.get("symbol"):
        problems.append(
            f"{position.get('symbol')}: its asset_id {position.get('asset_id')} names the asset "
            f"{asset.get('symbol')!r}"
        )
    return problems


def same_position(listed: Body, fetched: Body, key: str) -> list[str]:
    """A position fetched by `key` is the list's entry: the same asset, side, entry price and
    holding (qty, qty_available, cost basis; nothing was closed between the two reads)."""
    differ = [
        f"{k}: {listed.get(k)!r} vs {fetched.get(k)!r}"
        for k in _POSITION_IDENTITY + _POSITION_HOLDING
        if listed.get(k) != fetched.get(k)
    ]
    if not differ:
        return []
    return [f"GET /v2/positions/{key} differs from the list's entry: " + ", ".join(differ[:4])]


def account_matches_positions(
    account: Body, positions: Sequence[Body], motion: Decimal = Decimal(0)
) -> list[str]:
    """long_market_value is the sum of the long market values, short_market_value that of the
    short ones, each to a cent per position (the API rounds each figure), and within `motion`
    (a share of the sum) when prices may have moved between the two reads."""
    longs = shorts = Decimal(0)
    for position in positions:
        value = _dec(position.get("market_value"))
        if value is None:
            continue  # unpriceable: counts for nothing
        if value > 0:
            longs += value
        else:
            shorts += value
    slack = CENT * max(len(positions), 1)
    problems = []
    for name, expected in (("long_market_value", longs), ("short_market_value", shorts)):
        stated = _dec(account.get(name))
        if stated is not None and abs(stated - expected) > slack + abs(expected) * motion:
            problems.append(f"{name} {stated} is not the positions' sum {expected}")
    return problems


def close_order(position: Body, order: Body, asked: Decimal | None) -> list[str]:
    """The order a close made: for this position's asset and class (the pair form for crypto),
    the side that reduces it, day for equities and gtc for crypto, for exactly the
    qty asked (all of the position when nothing was asked)."""
    problems = []
    symbol = str(position.get("symbol"))
    if str(order.get("symbol", "")).replace("/", "") != symbol:
        problems.append(f"a close of {symbol} made an order for {order.get('symbol')!r}")
    if order.get("asset_class") != position.get("asset_class"):
        problems.append(
            f"{symbol}: order asset_class {order.get('asset_class')!r}, "
            f"position {position.get('asset_class')!r}"
        )
    qty = _dec(position.get("qty")) or Decimal(0)
    side = "sell" if qty > 0 else "buy"
    if order.get("side") != side:
        problems.append(f"{symbol}: a close of a {qty} position is a {order.get('side')!r} order")
    # day for equities and gtc for crypto (ref §3.4); for other classes nobody has said
    tif = {"us_equity": "day", "crypto": "gtc"}.get(str(position.get("asset_class")))
    if tif is not None and order.get("time_in_force") not in (None, tif):
        problems.append(f"{symbol}: time_in_force {order.get('time_in_force')!r}, not {tif}")
    expected = asked if asked is not None else abs(qty)
    ordered = _dec(order.get("qty"))
    if ordered != expected:
        problems.append(f"{symbol}: a close of {expected} made an order for qty {ordered}")
    return problems


def percentage_order(position: Body, order: Body, percentage: Decimal) -> list[str]:
    """A close of `percentage` % orders that share of qty: whole units for a position held in
    whole units, else to the 9th decimal, never more than asked."""
    qty = abs(_dec(position.get("qty")) or Decimal(0))
    share = qty * percentage / 100
    whole = qty == qty.to_integral_value()
    expected = (
        share.to_integral_value(rounding="ROUND_DOWN")
        if whole
        else share.quantize(Decimal("1e-9"), rounding="ROUND_DOWN")
    )
    ordered = _dec(order.get("qty"))
    if ordered == expected:
        return []
    return [f"{position.get('symbol')}: {percentage} % of {qty} ordered {ordered}, not {expected}"]


def uneven_percentage(qty: Decimal) -> Decimal:
    """The percentage the suite's scenario closes: about half, whose share of qty is not a
    whole number of units, so a position in whole units must round it (CLOSE-PERCENTAGE-WHOLE):
    50.5 %, or nearer 50 % when 50.5 % of qty comes out whole."""
    step = Decimal("0.5")
    while step >= Decimal("0.001"):  # 9 decimals at most, as Alpaca takes them
        share = abs(qty) * (50 + step) / 100
        if share != share.to_integral_value():
            return 50 + step
        step /= 2
    return Decimal(50)


def whole_units(position: Body, order: Body) -> list[str]:
    """A percentage close of a position held in whole units orders whole units. Not judged for
    crypto: a coin is always divisible, and 2 coins are not a "whole" position in the sense of
    fractional shares that ref §4 speaks of."""
    qty, ordered = _dec(position.get("qty")), _dec(order.get("qty"))
    if qty is None or ordered is None or qty != qty.to_integral_value():
        return []
    if str(position.get("asset_class")).startswith("crypto"):
        return []
    if ordered == ordered.to_integral_value():
        return []
    return [
        f"{position.get('symbol')}: a percentage of {abs(qty)} (whole units) ordered {ordered}, "
        "a fraction: fractional shares are sold only from a fractional position"
    ]


def close_effect(
    before: Body,
    account_before: Body,
    order: Body,
    after: Body | None,
    account_read_before: Body,
    account_read_after: Body,
) -> list[str]:
    """What a close of q did, read after it: the account once before the position and once
    after. Still open (qty unchanged): q is held (qty_available q nearer zero) and cash has not
    moved. Filled: qty is q nearer zero (the position gone when q was all of it), qty_available
    too, and cash moved by about q x the last price. Anything else breaks the promise."""
    symbol = str(before.get("symbol"))
    q = _dec(order.get("qty"))
    qty0, available0 = _dec(before.get("qty")), _dec(before.get("qty_available"))
    if q is None or qty0 is None:
        return []
    sign = Decimal(1) if qty0 > 0 else Decimal(-1)
    cash0 = _dec(account_before.get("cash"))
    if after is None:
        if q != abs(qty0):
            return [f"{symbol}: gone after a close of {q} of {qty0}"]
        return cash_moved(symbol, before, q * sign, cash0, _dec(account_read_after.get("cash")))
    qty1, available1 = _dec(after.get("qty")), _dec(after.get("qty_available"))
    if qty1 == qty0:  # not filled (yet): the order holds q
        problems = []
        if available0 is not None and available1 != available0 - sign * q:
            problems.append(
                f"{symbol}: an open close of {q} left qty_available {available1} "
                f"(was {available0}): the order should hold {q}"
            )
        cash_between = _dec(account_read_before.get("cash"))
        if cash0 is not None and cash_between is not None and cash_between != cash0:
            problems.append(f"{symbol}: cash moved {cash0} → {cash_between} before any fill")
        return problems
    if qty1 == qty0 - sign * q:  # filled
        problems = []
        if available0 is not None and available1 != available0 - sign * q:
            problems.append(
                f"{symbol}: after a fill of {q} qty_available is {available1} (was {available0})"
            )
        cash_after = _dec(account_read_after.get("cash"))
        return problems + cash_moved(symbol, before, q * sign, cash0, cash_after)
    return [f"{symbol}: qty went {qty0} → {qty1} after a close of {q}: neither held nor filled"]


def cash_moved(
    symbol: str, before: Body, signed_qty: Decimal, cash0: Decimal | None, cash1: Decimal | None
) -> list[str]:
    price = _dec(before.get("current_price"))
    if cash0 is None or cash1 is None or price is None:
        return []
    expected = signed_qty * price * _units(before)
    slack = abs(expected) * fill_slack(before) + CENT
    if abs((cash1 - cash0) - expected) <= slack:
        return []
    return [f"{symbol}: cash moved {cash1 - cash0} for a fill of {signed_qty} at about {price}"]


def proceeds(position: Body, qty: Decimal, price: Decimal) -> Decimal:
    """What closing `qty` of `position` at `price` moves cash by: a sale of a long positive, a
    buy back of a short negative, 100 shares a contract for an option."""
    sign = Decimal(1) if (_dec(position.get("qty")) or Decimal(0)) > 0 else Decimal(-1)
    return sign * qty * price * _units(position)


def cash_after_fills(
    proceeds: Decimal, cash0: Decimal, cash1: Decimal, slippage: Decimal | None = None
) -> list[str]:
    """Between two account reads with only filled closes between them, cash moved by their
    proceeds (qty x fill price x units, sales positive), to a cent and within what fees and
    rounding take (0.5 %, crypto's fee is taken from the proceeds); within `slippage` (an
    amount: fill_slack of each position's value) when the fill prices are not known and the
    last prices stand for them."""
    slack = (abs(proceeds) * FEE_SHARE if slippage is None else slippage) + CENT
    if abs((cash1 - cash0) - proceeds) <= slack:
        return []
    return [
        f"cash moved {cash1 - cash0} ({cash0} → {cash1}); the filled closes between moved "
        f"{proceeds}"
    ]


def close_all_entries(listed: Sequence[Body], entries: Sequence[Any]) -> list[str]:
    """One entry per position listed just before, keyed by the position's symbol; a 200
    entry's order closes that whole position, and is an order of its own (its id and
    client_order_id are no other entry's); any other entry has an error status."""
    by_symbol = {str(p.get("symbol")): p for p in listed}
    seen = [str(e.get("symbol")) for e in entries if isinstance(e, Mapping)]
    problems = []
    if sorted(seen) != sorted(by_symbol):
        problems.append(
            f"close-all answered for {sorted(seen)}; the positions were {sorted(by_symbol)}"
        )
    ids: dict[tuple[str, str], str] = {}
    for entry in entries:
        if not isinstance(entry, Mapping):
            continue
        status = entry.get("status")
        if status != 200:
            if not isinstance(status, int) or not 400 <= status <= 599:
                problems.append(
                    f"{entry.get('symbol')}: entry status {status!r} is neither 200 (an order) "
                    "nor an error status"
                )
            continue
        position, body = by_symbol.get(str(entry.get("symbol"))), entry.get("body")
        if position is not None and isinstance(body, Mapping):
            problems += close_order(position, body, None)
        if isinstance(body, Mapping):
            for name in ("id", "client_order_id"):
                value = body.get(name)
                if not isinstance(value, str):
                    continue  # its absence is the schema's to judge
                if (name, value) in ids:
                    problems.append(
                        f"the orders closing {ids[name, value]} and {entry.get('symbol')} share "
                        f"the {name} {value}: each order has its own"
                    )
                ids[name, value] = str(entry.get("symbol"))
    return problems


def close_all_effect(entries: Sequence[Any], after: Sequence[Body]) -> list[str]:
    """After close-all, a position whose order was accepted is gone (filled) or has nothing
    available (held for that order)."""
    remaining = {str(p.get("symbol")): p for p in after}
    problems = []
    for entry in entries:
        if not isinstance(entry, Mapping) or entry.get("status") != 200:
            continue
        left = remaining.get(str(entry.get("symbol")))
        if left is not None and _dec(left.get("qty_available")) != 0:
            problems.append(
                f"{entry.get('symbol')}: still {left.get('qty_available')} available after "
                "close-all accepted its close"
            )
    return problems


def equity_kept(before: Any, after: Any, listed: Sequence[Any]) -> list[str]:
    """Closing positions moves their value into cash: equity after close-all is equity before,
    within how far each position's fill may be from its last value (fill_slack: 5 % of a stock
    or a coin, all of an option) plus a cent. An order still open moves nothing."""
    if not isinstance(before, Mapping) or not isinstance(after, Mapping):
        return []
    was, now = _dec(before.get("equity")), _dec(after.get("equity"))
    if was is None or now is None:
        return []
    slack = sum(
        (
            abs(_dec(p.get("market_value")) or Decimal(0)) * fill_slack(p)
            for p in listed
            if isinstance(p, Mapping)
        ),
        Decimal(0),
    )
    if abs(now - was) <= slack + CENT:
        return []
    return [
        f"equity went from {was} to {now} across close-all: more than the {slack} its fills "
        "may take (5 % of a stock's or a coin's value, all of an option's; a close trades "
        "positions for cash at about their value)"
    ]


def headers_across_calls(seen: Iterable[Mapping[str, str]]) -> list[str]:
    """Every answer has its own X-Request-ID; within one rate-limit window (the same reset)
    the limit does not change and remaining falls with every request until it is 0 (other
    clients of the account can only make it fall further). `seen`: each answer's headers, with
    lower-case names, in the order the answers arrived, one request at a time."""
    problems, ids = [], set()
    last: tuple[str, int, int] | None = None  # (reset, limit, remaining)
    for headers in seen:
        request_id = headers.get("x-request-id")
        if request_id:
            if request_id in ids:
                problems.append(f"X-Request-ID {request_id} was sent twice")
            ids.add(request_id)
        try:
            now = (
                headers["x-ratelimit-reset"],
                int(headers["x-ratelimit-limit"]),
                int(headers["x-ratelimit-remaining"]),
            )
        except (KeyError, ValueError):
            continue
        if last is not None and now[0] == last[0]:
            if now[1] != last[1]:
                problems.append(f"X-Ratelimit-Limit went {last[1]} → {now[1]} in one window")
            elif now[2] > last[2]:
                problems.append(
                    f"X-Ratelimit-Remaining grew {last[2]} → {now[2]} within the window "
                    f"that resets at {now[0]}"
                )
            elif now[2] == last[2] and now[2] > 0:
                problems.append(
                    f"X-Ratelimit-Remaining stayed {now[2]} across a request within the window "
                    f"that resets at {now[0]}: every request counts"
                )
        last = now
    return problems
