"""The session model: what each identity's account has shown across exchanges, and the
behaviour model's promises between them, judged on the user's own traffic.

One exchange alone cannot show a close-all that answers for other positions than the ones
listed just before, a position still served with everything available after it was closed,
cash that does not move when a close fills, or a list that is not the account's. Here each
identity (one set of credentials) keeps what it last read: the account, the positions list,
each position, the closes it made and what they promised. Each new answer is judged against
it with the suite's own relations (relations.py), under the catalogue's check names, and a
finding names every exchange involved, in order.

A relation is judged only when nothing else can explain a difference: two reads are compared
only when no change (a close, a close-all, an exercise, or any other write outside the spec,
such as an order) was sent by that identity between them or while they were in flight.
Changes made by other clients of the same account are invisible here; a user whose account
is traded by another process at the same time should expect such findings. Prices move
between two reads, so the account is compared with the positions' sums within 1 % (exact
sums are the suite's, which reads at unmoved prices).

Bounded: at most MAX_IDENTITIES identities (the least recently active is forgotten), and per
identity the last account, the last list, MAX_POSITIONS positions, MAX_CLOSES closes awaiting
their effect and MAX_REQUEST_IDS request ids.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl, unquote

from alpaca_trading.bodies import parse_json
from alpaca_trading.decimals import to_decimal

from alpaca_conformance import relations
from alpaca_conformance.catalogue import catalogue
from alpaca_conformance.proxy.exchange import Exchange
from alpaca_conformance.proxy.traffic import UPSTREAM_CHECK

MAX_IDENTITIES = 100
MAX_POSITIONS = 1000
MAX_CLOSES = 64
MAX_REQUEST_IDS = 4096
MAX_ASSETS = 5000  # of a list (35,000 assets): the first ones; lookups beyond are not judged
MAX_CONTRACTS = 2000
PRICE_MOTION = Decimal("0.01")  # what prices may move between two reads: 1 % of the sums
_READS = frozenset({"GET", "HEAD", "OPTIONS"})
Body = Mapping[str, Any]


@dataclass
class _Read:
    """An answer kept for later relations: its exchange (for the report), body, and the
    identity's change count when its request began and when its answer was judged."""

    exchange: Exchange
    body: Any
    start: int
    end: int
    wide_start: int = 0  # the same, counting only writes that are not a one-position close
    wide_end: int = 0

    @property
    def clean(self) -> bool:
        """A read with no change in flight beside it; a write with no other beside it."""
        return self.end - self.start == (0 if self.exchange.method in _READS else 2)

    @property
    def wide_clean(self) -> bool:
        """No write beside it but one-position closes (and, for a write, itself)."""
        own = 2 if _is_wide(self.exchange) else 0
        return self.wide_end - self.wide_start == own


def _is_wide(exchange: Exchange) -> bool:
    """A write that may change more than one position (or, outside the spec, anything)."""
    return exchange.method not in _READS and exchange.operation != "deleteOpenPosition"


def _position_unchanged(state: _Identity, symbol: str, first: _Read, then: _Read) -> bool:
    """Position `symbol` as `first` read it is still what `then` meets: no write that may
    change several positions between or beside them, and no close of this one since `first`
    (closes of other positions change nothing here)."""
    if not (first.wide_clean and then.wide_clean and first.wide_end == then.wide_start):
        return False
    if first.exchange.method in _READS and first.start != first.end:
        return False  # a close was in flight while it was read: which one is not known
    previous = state.closes.get(symbol)
    return previous is None or previous.read.end <= first.start


def _after_close(close: _Close, read: _Read) -> bool:
    """`read` began after `close` was answered, with no write between but other closes."""
    return (
        read.start >= close.read.end
        and close.read.wide_clean
        and read.wide_clean
        and close.read.wide_end == read.wide_start
    )


def _unchanged_between(first: _Read | None, then: _Read) -> bool:
    """No change between `first`'s answer and `then`'s request, and none beside either (a
    write counts its own change from its request to its answer)."""
    return first is not None and first.clean and then.clean and first.end == then.start


@dataclass
class _Close:
    symbol: str
    before: _Read  # the position as read just before the close
    read: _Read  # the close's own exchange: its marks, and the order it answered
    fill: _Fill

    @property
    def order(self) -> Body:
        body: Body = self.read.body
        return body


@dataclass
class _Fill:
    """What a close (or close-all) moves cash by once filled: qty x price x units, a sale
    positive. NaN until known: from the answer when its order came back filled (exact), or
    from a later read that shows the fill (approximate: priced at the last price read, and
    `slippage` says how far the fill may be from that, relations.fill_slack)."""

    read: _Read  # the close's or close-all's own exchange, with its marks
    proceeds: Decimal = Decimal("NaN")
    slippage: Decimal | None = None  # None: the fill price is known


@dataclass
class _Identity:
    changes: int = 0  # writes sent, counted at their request and again at their answer
    wide: int = 0  # the same, for writes other than one-position closes
    account: _Read | None = None
    positions: _Read | None = None
    by_symbol: OrderedDict[str, _Read] = field(default_factory=OrderedDict)
    closes: OrderedDict[str, _Close] = field(default_factory=OrderedDict)
    fills: list[_Fill] = field(default_factory=list)  # since the last account read
    close_all: _Read | None = None  # its entries, awaiting the next list
    close_all_fill: _Fill | None = None
    close_all_listed: dict[str, Body] = field(default_factory=dict)  # the positions it closed
    request_ids: OrderedDict[str, int] = field(default_factory=OrderedDict)
    assets: OrderedDict[str, _Read] = field(default_factory=OrderedDict)  # by id, from lists
    contracts: OrderedDict[str, _Read] = field(default_factory=OrderedDict)  # by symbol
    last_headers: Mapping[str, str] | None = None  # of the last answer that overlapped none
    in_flight: int = 0


def _symbol(position: Body) -> str:
    return str(position.get("symbol", ""))


def _decimal(value: object) -> Decimal | None:
    return to_decimal(value, max_length=60)  # as the invariants and relations read figures


def _bounded(table: OrderedDict[str, _Read], key: str, read: _Read, limit: int) -> None:
    """Keep `read` under `key`, the least recently kept dropped beyond `limit`."""
    table[key] = read
    table.move_to_end(key)
    if len(table) > limit:
        table.popitem(last=False)


class Accounts:
    """Every identity's account as the proxy saw it; thread-safe (answers are judged on the
    event loop or, for large bodies, in a thread)."""

    def __init__(self) -> None:
        self._identities: OrderedDict[int, _Identity] = OrderedDict()
        self._lock = threading.Lock()

    def _identity(self, number: int) -> _Identity:
        known = self._identities.get(number)
        if known is None:
            known = self._identities[number] = _Identity()
            if len(self._identities) > MAX_IDENTITIES:
                self._identities.popitem(last=False)
        self._identities.move_to_end(number)
        return known

    def begin(self, exchange: Exchange) -> None:
        """A request arrived: a write counts as a change from now until its answer."""
        if exchange.identity is None:
            return
        with self._lock:
            state = self._identity(exchange.identity)
            state.in_flight += 1
            exchange.overlapped = state.in_flight > 1
            exchange.session_mark = state.changes
            exchange.wide_mark = state.wide
            if exchange.method not in _READS:
                state.changes += 1
            if _is_wide(exchange):
                state.wide += 1

    def _end(self, exchange: Exchange) -> _Identity:
        assert exchange.identity is not None
        state = self._identity(exchange.identity)
        state.in_flight = max(state.in_flight - 1, 0)
        exchange.overlapped = exchange.overlapped or state.in_flight > 0
        if exchange.method not in _READS:
            state.changes += 1
        if _is_wide(exchange):
            state.wide += 1
        return state

    def end(self, exchange: Exchange) -> None:
        """An exchange that began ended without an answer to judge (its client left)."""
        if exchange.identity is not None:
            with self._lock:
                state = self._end(exchange)
                state.last_headers = None  # whether it reached the upstream is unknown

    def observe(self, exchange: Exchange) -> None:
        """Judge one answered exchange against what its identity saw before, adding each
        relation's verdict to the exchange's results; then remember what it showed."""
        if exchange.identity is None:
            return
        with self._lock:
            state = self._end(exchange)
            answered = not exchange.refused and all(
                c != UPSTREAM_CHECK for c, _ in exchange.results
            )
            if not answered or exchange.operation is None or exchange.content is None:
                return
            marks = (exchange.session_mark, state.changes, exchange.wide_mark, state.wide)
            read = _Read(exchange, None, *marks)
            self._headers(state, exchange, read)
            if not 200 <= exchange.status < 300 and exchange.status != 404:
                return
            try:
                read.body = parse_json(exchange.content) if exchange.status != 404 else None
            except ValueError:
                return  # the body check reports it
            handler = _HANDLERS.get((exchange.operation, exchange.status))
            if handler is not None:
                handler(state, read)

    # ------------------------------------------------------------------ headers

    @staticmethod
    def _headers(state: _Identity, exchange: Exchange, read: _Read) -> None:
        """HEADERS-ACROSS-CALLS between this answer and the identity's previous one, when the
        two did not overlap (then the later request was counted later)."""
        headers = {
            k.decode("latin-1").lower(): v.decode("latin-1") for k, v in exchange.response_headers
        }
        problems: list[str] = []
        request_id = headers.get("x-request-id")
        if request_id:
            if request_id in state.request_ids:
                problems.append(f"X-Request-ID {request_id} was sent twice")
            state.request_ids[request_id] = exchange.number
            if len(state.request_ids) > MAX_REQUEST_IDS:
                state.request_ids.popitem(last=False)
        previous = state.last_headers
        if previous is not None and not exchange.overlapped:  # one request at a time
            across = relations.headers_across_calls([previous, headers])
            problems += [p for p in across if "twice" not in p]
        state.last_headers = None if exchange.overlapped else headers
        _verdict(exchange, "HEADERS-ACROSS-CALLS", problems, [])


# ------------------------------------------------------------------ one handler per answer


def _verdict(
    exchange: Exchange, promise_id: str, problems: list[str], earlier: list[Exchange]
) -> None:
    """Add a relation's verdict to `exchange`, naming the earlier exchanges it involved."""
    check = catalogue().check_name(promise_id)
    if not problems:
        exchange.judged(check, None)
        return
    unique = {id(e): e for e in earlier if e is not exchange}
    involved = sorted(unique.values(), key=lambda e: e.number)
    shown = ", ".join(f"#{e.number} {e.method} {e.target[:120]}" for e in involved)
    said = "; ".join(problems)[:1500]
    where = f" (after {shown}, then #{exchange.number} {exchange.method} {exchange.target[:120]})"
    exchange.judged(check, said + (where if involved else ""))
    for other in involved:
        if all(known is not other for known in exchange.involved):
            exchange.involved.append(other)


def _on_account(state: _Identity, read: _Read) -> None:
    if isinstance(read.body, Mapping):
        listed = state.positions
        if _unchanged_between(listed, read) and listed is not None:
            _account_against(read, listed, [listed.exchange])
        _cash_after_closes(state, read)
        state.account = read


def _account_against(account: _Read, listed: _Read, earlier: list[Exchange]) -> None:
    """ACCOUNT-POSITIONS, within PRICE_MOTION (the reads are apart in time)."""
    if not isinstance(listed.body, list) or not isinstance(account.body, Mapping):
        return
    problems = relations.account_matches_positions(account.body, listed.body, PRICE_MOTION)
    exchange = (
        account.exchange if account.exchange.number > listed.exchange.number else listed.exchange
    )
    _verdict(exchange, "ACCOUNT-POSITIONS", problems, [*earlier, account.exchange])


def _cash_after_closes(state: _Identity, account: _Read) -> None:
    """CLOSE-EFFECT on cash: when the only changes since the last account read were closes
    whose answers said filled, cash moved by about their qty times their price."""
    before, fills = state.account, state.fills
    state.fills = []
    if before is None or not fills or not before.clean or not account.clean:
        return
    within = [f for f in fills if f.read.start >= before.end and f.read.end <= account.start]
    if len(within) != len(fills) or account.start - before.end != 2 * len(fills):
        return  # another write between the reads (an order, an unfilled close): not judged
    cash0 = _decimal(before.body.get("cash") if isinstance(before.body, Mapping) else None)
    cash1 = _decimal(account.body.get("cash") if isinstance(account.body, Mapping) else None)
    if cash0 is None or cash1 is None:
        return
    if any(f.proceeds.is_nan() for f in fills):
        return  # a fill still to come (or one whose position was not read): not judged
    expected = sum((f.proceeds for f in fills), Decimal(0))
    slips = [f.slippage for f in fills if f.slippage is not None]
    slippage = None
    if slips:  # some prices are the last ones: each fill may be off by its own share
        slippage = sum(slips, Decimal(0)) + sum(
            (abs(f.proceeds) * relations.FEE_SHARE for f in fills if f.slippage is None),
            Decimal(0),
        )
    problems = relations.cash_after_fills(expected, cash0, cash1, slippage)
    earlier = [before.exchange, *(f.read.exchange for f in fills)]
    _verdict(account.exchange, "CLOSE-EFFECT", problems, earlier)


def _proceeds(position: Body | None, order: Any) -> Decimal:
    """What a close's order moves cash by once filled (relations.proceeds at its fill price);
    NaN when it has not filled yet or its position is unknown."""
    if not isinstance(order, Mapping) or position is None or order.get("status") != "filled":
        return Decimal("NaN")
    filled = _decimal(order.get("filled_qty"))
    price = _decimal(order.get("filled_avg_price"))
    if filled is None or price is None or _decimal(position.get("qty")) is None:
        return Decimal("NaN")
    return relations.proceeds(position, filled, price)


def _fill(state: _Identity, read: _Read, proceeds: Decimal = Decimal("NaN")) -> _Fill:
    """Remember a close (or close-all) for the cash relation of the next account read."""
    fill = _Fill(read, proceeds)
    state.fills.append(fill)
    if len(state.fills) > MAX_CLOSES:
        state.fills = []  # too many to follow: the next account read starts afresh
    return fill


def _priced(position: Body, qty: Decimal) -> Decimal:
    """What closing `qty` of the position moves cash by at the last price read; NaN when the
    position has no price."""
    price = _decimal(position.get("current_price"))
    if price is None or _decimal(position.get("qty")) is None:
        return Decimal("NaN")
    return relations.proceeds(position, qty, price)


def _on_positions(state: _Identity, read: _Read) -> None:
    if not isinstance(read.body, list):
        return
    positions = [p for p in read.body if isinstance(p, Mapping)]
    account = state.account
    if _unchanged_between(account, read) and account is not None:
        _account_against(account, read, [account.exchange])
    listed = {_symbol(p): p for p in positions}
    for symbol, earlier in list(state.by_symbol.items()):
        if earlier.exchange.operation == "getOpenPosition" and _unchanged_between(earlier, read):
            entry = listed.get(symbol)
            problems = (
                relations.same_position(entry, earlier.body, symbol)
                if entry is not None and isinstance(earlier.body, Mapping)
                else [f"GET /v2/positions/{symbol} answered it; the list just after has no entry"]
            )
            _verdict(read.exchange, "POSITION-LOOKUP", problems, [earlier.exchange])
    for close in list(state.closes.values()):
        if _after_close(close, read):
            _close_effect(state, close, listed.get(close.symbol), read)
    pending = state.close_all
    if _unchanged_between(pending, read) and pending is not None:
        problems = relations.close_all_effect(pending.body, positions)
        _verdict(read.exchange, "CLOSE-ALL-EFFECT", problems, [pending.exchange])
        fill = state.close_all_fill
        closed = state.close_all_listed
        if fill is not None and fill.proceeds.is_nan() and closed and not set(closed) & set(listed):
            # every position it closed is gone: each filled, in whole
            priced = [
                (p, _priced(p, abs(_decimal(p.get("qty")) or Decimal(0)))) for p in closed.values()
            ]
            fill.proceeds = sum((value for _, value in priced), Decimal(0))
            fill.slippage = sum(
                (abs(value) * relations.fill_slack(p) for p, value in priced), Decimal(0)
            )
    state.close_all = None
    state.positions = read
    for symbol, position in listed.items():
        _position_asset(state, position, read)
        marks = (read.start, read.end, read.wide_start, read.wide_end)
        _bounded(state.by_symbol, symbol, _Read(read.exchange, position, *marks), MAX_POSITIONS)


def _key_of(read: _Read) -> str:
    return unquote(read.exchange.raw_path.rsplit("/", 1)[-1])


def _position_key(read: _Read) -> str:
    """The key a position request named, as a position's symbol is written (BTCUSD)."""
    return _key_of(read).upper().replace("/", "")


def _on_position(state: _Identity, read: _Read) -> None:
    if not isinstance(read.body, Mapping):
        return
    symbol = _symbol(read.body)
    listed = state.positions
    if _unchanged_between(listed, read) and listed is not None and isinstance(listed.body, list):
        entry = next(
            (p for p in listed.body if isinstance(p, Mapping) and _symbol(p) == symbol), None
        )
        problems = (
            relations.same_position(entry, read.body, _key_of(read))
            if entry is not None
            else [f"{symbol} is answered by key, but the list just before has no entry for it"]
        )
        _verdict(read.exchange, "POSITION-LOOKUP", problems, [listed.exchange])
    close = state.closes.get(symbol)
    if close is not None and _after_close(close, read):
        _close_effect(state, close, read.body, read)
    pending = state.close_all
    if _unchanged_between(pending, read) and pending is not None:
        # after close-all and before any list: this position, if it was closed, holds nothing
        problems = relations.close_all_effect(pending.body, [read.body])
        _verdict(read.exchange, "CLOSE-ALL-EFFECT", problems, [pending.exchange])
    _position_asset(state, read.body, read)
    _bounded(state.by_symbol, symbol, read, MAX_POSITIONS)


def _on_position_gone(state: _Identity, read: _Read) -> None:
    """A 404 for a position: right after a close of all of it, it filled; after a partial
    close, or with nothing closed since a list that showed it, the position is missing."""
    key = _position_key(read)
    close = state.closes.get(key)
    if close is not None and _after_close(close, read):
        _close_effect(state, close, None, read)
        return
    listed = state.positions
    if _unchanged_between(listed, read) and listed is not None and isinstance(listed.body, list):
        shown = any(
            isinstance(p, Mapping) and key in (_symbol(p), str(p.get("asset_id", "")).upper())
            for p in listed.body
        )
        problems = (
            [f"{key} is in the list just before, and its lookup answers 404"] if shown else []
        )
        _verdict(read.exchange, "POSITION-LOOKUP", problems, [listed.exchange])


def _close_effect(state: _Identity, close: _Close, after: Body | None, read: _Read) -> None:
    """CLOSE-EFFECT on the position, at its first read after the close: held (qty the same,
    qty_available q nearer zero), filled (qty q nearer zero) or, for all of it, gone."""
    problems = relations.close_effect(close.before.body, {}, close.order, after, {}, {})
    earlier = [close.before.exchange, close.read.exchange]
    _verdict(read.exchange, "CLOSE-EFFECT", problems, earlier)
    state.closes.pop(close.symbol, None)
    qty = _decimal(close.order.get("qty"))
    held = close.before.body.get("qty")
    filled = after is None or (after.get("qty") != held and not problems)
    if qty is not None and filled and close.fill.proceeds.is_nan():
        close.fill.proceeds = _priced(close.before.body, qty)
        close.fill.slippage = abs(close.fill.proceeds) * relations.fill_slack(close.before.body)


def _position_closed(state: _Identity, read: _Read) -> _Read | None:
    """The position a close named, as read with no change before the close."""
    key = _position_key(read)
    for symbol, known in reversed(state.by_symbol.items()):
        body = known.body
        if not isinstance(body, Mapping):
            continue
        if key in (symbol, str(body.get("asset_id", "")).upper()):
            return known if _position_unchanged(state, symbol, known, read) else None
    return None


def _on_close(state: _Identity, read: _Read) -> None:
    before = _position_closed(state, read) if isinstance(read.body, Mapping) else None
    if before is None or not isinstance(read.body, Mapping):
        _fill(state, read)  # what it moves is not known
        return
    query = dict(parse_qsl(read.exchange.query))
    qty, percentage = _decimal(query.get("qty")), _decimal(query.get("percentage"))
    if percentage is not None:
        problems = relations.percentage_order(before.body, read.body, percentage)
        _verdict(read.exchange, "CLOSE-PERCENTAGE", problems, [before.exchange])
        whole = relations.whole_units(before.body, read.body)
        _verdict(read.exchange, "CLOSE-PERCENTAGE-WHOLE", whole, [before.exchange])
    else:
        problems = relations.close_order(before.body, read.body, qty)
        _verdict(read.exchange, "CLOSE-ORDER", problems, [before.exchange])
    symbol = _symbol(before.body)
    fill = _fill(state, read, _proceeds(before.body, read.body))
    state.closes[symbol] = _Close(symbol, before, read, fill)
    if len(state.closes) > MAX_CLOSES:
        state.closes.popitem(last=False)


def _on_close_all(state: _Identity, read: _Read) -> None:
    if not isinstance(read.body, list):
        return
    listed = state.positions
    fill = _fill(state, read)
    state.close_all_listed = {}
    if _unchanged_between(listed, read) and listed is not None and isinstance(listed.body, list):
        problems = relations.close_all_entries(listed.body, read.body)
        _verdict(read.exchange, "CLOSE-ALL", problems, [listed.exchange])
        by_symbol = {_symbol(p): p for p in listed.body if isinstance(p, Mapping)}
        fill.proceeds = Decimal(0)
        for entry in read.body:
            if isinstance(entry, Mapping) and entry.get("status") == 200:
                position = by_symbol.get(str(entry.get("symbol")))
                fill.proceeds += _proceeds(position, entry.get("body"))
                if position is not None:
                    state.close_all_listed[_symbol(position)] = position
    state.close_all = read if read.clean else None
    state.close_all_fill = fill


def _on_assets(state: _Identity, read: _Read) -> None:
    if not isinstance(read.body, list):
        return
    for asset in read.body[:MAX_ASSETS]:
        if isinstance(asset, Mapping) and isinstance(asset.get("id"), str):
            _bounded(state.assets, asset["id"], _Read(read.exchange, asset, 0, 0), MAX_ASSETS)


def _on_asset(state: _Identity, read: _Read) -> None:
    """ASSET-LOOKUP against the list's entry (assets do not change with a close); then
    POSITION-ASSET for the positions this asset's id is named by."""
    if not isinstance(read.body, Mapping) or not isinstance(read.body.get("id"), str):
        return
    listed = state.assets.get(read.body["id"])
    if listed is not None and listed.exchange is not read.exchange:
        problems = relations.same_asset(listed.body, read.body, _key_of(read))
        _verdict(read.exchange, "ASSET-LOOKUP", problems, [listed.exchange])
    for position in list(state.by_symbol.values())[-MAX_POSITIONS:]:
        body = position.body
        if isinstance(body, Mapping) and body.get("asset_id") == read.body["id"]:
            problems = relations.position_asset(body, read.body)
            _verdict(read.exchange, "POSITION-ASSET", problems, [position.exchange])


def _position_asset(state: _Identity, position: Body, read: _Read) -> None:
    asset = state.assets.get(str(position.get("asset_id")))
    if asset is not None and isinstance(asset.body, Mapping):
        problems = relations.position_asset(position, asset.body)
        _verdict(read.exchange, "POSITION-ASSET", problems, [asset.exchange])


def _on_contracts(state: _Identity, read: _Read) -> None:
    page = read.body.get("option_contracts") if isinstance(read.body, Mapping) else None
    for contract in (page if isinstance(page, list) else [])[:MAX_CONTRACTS]:
        if isinstance(contract, Mapping) and isinstance(contract.get("symbol"), str):
            entry = _Read(read.exchange, contract, 0, 0)
            _bounded(state.contracts, contract["symbol"], entry, MAX_CONTRACTS)


def _on_contract(state: _Identity, read: _Read) -> None:
    if not isinstance(read.body, Mapping):
        return
    listed = state.contracts.get(str(read.body.get("symbol")))
    if listed is not None and listed.exchange is not read.exchange:
        problems = relations.same_contract(listed.body, read.body, _key_of(read))
        _verdict(read.exchange, "OPTION-LOOKUP", problems, [listed.exchange])


_HANDLERS = {
    ("getAssets", 200): _on_assets,
    ("getAsset", 200): _on_asset,
    ("getOptionContracts", 200): _on_contracts,
    ("getOptionContract", 200): _on_contract,
    ("getAccount", 200): _on_account,
    ("getAllOpenPositions", 200): _on_positions,
    ("getOpenPosition", 200): _on_position,
    ("getOpenPosition", 404): _on_position_gone,
    ("deleteOpenPosition", 200): _on_close,
    ("deleteAllOpenPositions", 207): _on_close_all,
}
