"""The trading rules of one paper account: positions, closing orders, cash and account figures.

Everything is exact Decimal arithmetic (Alpaca sends money as decimal strings; floats would
drift by fractions of a cent). All methods run under the World's lock (see world.py), so
concurrent closes can never lose an update or close a share twice.
"""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from alpaca_mock.clock import MarketClock
from alpaca_mock.market import Market
from alpaca_mock.seed import SeedAccount, SeedAsset, SeedPosition

_PLPC = Decimal("1e-16")
_MAX_INPUT_DECIMALS = 9


class ApiError(Exception):
    """An error answer: HTTP status and the JSON body Alpaca would send."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body.get("message", ""))
        self.status = status
        self.body = body


def unprocessable(message: str, code: int = 40010001) -> ApiError:
    return ApiError(422, {"code": code, "message": message})


def no_option_position() -> ApiError:
    """Alpaca's 403 for an exercise (or do-not-exercise) without a long position to act on."""
    return ApiError(
        403, {"code": 40310000, "message": "no available position for the specified contract"}
    )


MAX_ORDER_HISTORY = 10_000  # per account, for GET /_mock/orders


def dec(value: Decimal | None) -> str | None:
    """Render a Decimal as Alpaca does: plain notation, never an exponent, never "-0"."""
    if value is None:
        return None
    if value == 0:
        return "0"
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


_ZERO = timedelta(0)


def timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC with microseconds, as "2026-09-16T14:30:01.534279Z"."""
    if moment.utcoffset() == _ZERO:  # every moment here is UTC: isoformat is 5x strftime
        return moment.isoformat(timespec="microseconds")[:-6] + "Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class Order:
    id: str
    client_order_id: str
    created_at: datetime
    asset: SeedAsset
    position_symbol: str
    qty: Decimal
    side: str
    position_intent: str
    status: str = "accepted"
    fill_due: float = 0.0
    filled_at: datetime | None = None
    filled_avg_price: Decimal | None = None
    canceled_at: datetime | None = None
    account_id: str = ""

    @property
    def open(self) -> bool:
        return self.status in {"accepted", "new", "pending_new"}

    def to_json(self) -> dict[str, Any]:
        created = timestamp(self.created_at)
        return {
            "id": self.id,
            "client_order_id": self.client_order_id,
            "created_at": created,
            "updated_at": timestamp(self.filled_at or self.canceled_at or self.created_at),
            "submitted_at": created,
            "filled_at": timestamp(self.filled_at) if self.filled_at else None,
            "expired_at": None,
            "expires_at": None,
            "canceled_at": timestamp(self.canceled_at) if self.canceled_at else None,
            "failed_at": None,
            "replaced_at": None,
            "replaced_by": None,
            "replaces": None,
            "asset_id": self.asset.id,
            "symbol": self.asset.symbol,
            "asset_class": self.asset.asset_class,
            "notional": None,
            "qty": dec(self.qty),
            "filled_qty": dec(self.qty) if self.status == "filled" else "0",
            "filled_avg_price": dec(self.filled_avg_price),
            "order_class": "",
            "order_type": "market",
            "type": "market",
            "side": self.side,
            "position_intent": self.position_intent,
            "time_in_force": "gtc" if self.asset.is_crypto else "day",
            "limit_price": None,
            "stop_price": None,
            "status": self.status,
            "extended_hours": False,
            "legs": None,
            "trail_percent": None,
            "trail_price": None,
            "hwm": None,
            "subtag": None,
            "source": None,
        }


@dataclass
class Holding:
    """One open position. qty is signed (negative for shorts); held is the unsigned amount
    reserved by open closing orders."""

    asset: SeedAsset
    qty: Decimal
    avg_entry_price: Decimal
    held: Decimal = Decimal(0)

    @property
    def sign(self) -> int:
        return 1 if self.qty > 0 else -1

    @property
    def available(self) -> Decimal:
        return abs(self.qty) - self.held


@dataclass
class Book:
    """The state of one account."""

    seed: SeedAccount
    market: Market
    new_id: Callable[[], str]
    fill_delay: float
    clock: MarketClock
    cash: Decimal = Decimal(0)
    holdings: dict[str, Holding] = field(default_factory=dict)
    # The history the admin API lists, bounded: a load test closing 17,000 times a second
    # must not grow the mock without end. Open orders are all kept (open_orders).
    orders: deque[Order] = field(default_factory=lambda: deque(maxlen=MAX_ORDER_HISTORY))
    # The open ones among `orders`: settling walks these, not the whole history, so a long
    # load test does not slow every request down.
    open_orders: list[Order] = field(default_factory=list)
    last_equity: Decimal = Decimal(0)
    # Contracts (OCC symbols) with a do-not-exercise instruction, for GET /_mock/do-not-exercise.
    do_not_exercise: set[str] = field(default_factory=set)
    version: int = 0  # bumped on every change of holdings or orders
    _rendered: tuple[int, int, bytes] | None = field(default=None, repr=False)

    @classmethod
    def open(
        cls,
        seed: SeedAccount,
        assets: dict[str, SeedAsset],
        market: Market,
        new_id: Callable[[], str],
        fill_delay: float,
        clock: MarketClock,
        options: tuple[SeedPosition, ...] = (),
    ) -> Book:
        book = cls(
            seed=seed,
            market=market,
            new_id=new_id,
            fill_delay=fill_delay,
            clock=clock,
            cash=seed.cash,
        )
        for p in (*seed.positions, *options):
            asset = assets[p.symbol]
            book.holdings[asset.position_symbol] = Holding(asset, p.qty, p.avg_entry_price)
        book.last_equity = book.cash + sum(
            (
                h.qty * h.asset.contract_size * (market.lastday[h.asset.id] or 0)
                for h in book.holdings.values()
            ),
            Decimal(0),
        )
        return book

    # ------------------------------------------------------------ reading

    def settle(self) -> None:
        """Fill every open order whose delay has passed, whose market is open and whose asset
        has a price."""
        if not self.open_orders:
            return
        now = time.monotonic()
        for order in list(self.open_orders):
            if order.fill_due <= now and self.clock.is_open(order.asset.asset_class):
                self._fill(order)
        self.open_orders = [order for order in self.open_orders if order.open]

    def find(self, key: str) -> Holding:
        """A position by its symbol (BTCUSD for crypto) or asset id; else Alpaca's 404."""
        holding = self.holdings.get(key) or self.holdings.get(key.upper())
        if holding is None:
            for candidate in self.holdings.values():
                if key.lower() in (candidate.asset.id, candidate.asset.position_asset_id):
                    holding = candidate
                    break
        if holding is None:
            raise ApiError(404, {"code": 40410000, "message": "position does not exist"})
        return holding

    def position_json(self, h: Holding) -> dict[str, Any]:
        price = self.market.price[h.asset.id]
        lastday = self.market.lastday[h.asset.id]
        size = h.asset.contract_size  # an option contract's values count 100 shares
        cost_basis = h.qty * h.avg_entry_price * size
        body: dict[str, Any] = {
            "asset_id": h.asset.position_asset_id,
            "symbol": h.asset.position_symbol,
            "exchange": h.asset.exchange,
            "asset_class": h.asset.asset_class,
            "asset_marginable": h.asset.marginable,
            "qty": dec(h.qty),
            "avg_entry_price": dec(h.avg_entry_price),
            "side": "long" if h.qty > 0 else "short",
            "market_value": None,
            "cost_basis": dec(cost_basis),
            "unrealized_pl": None,
            "unrealized_plpc": None,
            "unrealized_intraday_pl": None,
            "unrealized_intraday_plpc": None,
            "current_price": dec(price),
            "lastday_price": dec(lastday),
            "change_today": None,
            "qty_available": dec(h.available * h.sign),
        }
        if price is not None:
            market_value = h.qty * price * size
            pl = market_value - cost_basis
            body["market_value"] = dec(market_value)
            body["unrealized_pl"] = dec(pl)
            body["unrealized_plpc"] = dec((pl / abs(cost_basis)).quantize(_PLPC))
            if lastday:
                intraday = (price - lastday) * h.qty * size
                body["unrealized_intraday_pl"] = dec(intraday)
                body["unrealized_intraday_plpc"] = dec(
                    (intraday / abs(h.qty * lastday * size)).quantize(_PLPC)
                )
                body["change_today"] = dec(((price - lastday) / lastday).quantize(_PLPC))
        return body

    def positions_json(self) -> list[dict[str, Any]]:
        return [self.position_json(h) for h in self.holdings.values()]

    def positions_body(self) -> bytes:
        """GET /v2/positions rendered once per state: polling loops hit this hard, and
        rendering 100 positions in Decimal costs about a millisecond."""
        key = (self.version, self.market.version)
        if self._rendered is None or self._rendered[:2] != key:
            body = json.dumps(self.positions_json(), separators=(",", ":")).encode()
            self._rendered = (*key, body)
        return self._rendered[2]

    def account_json(self) -> dict[str, Any]:
        long_value = short_value = initial = maintenance = Decimal(0)
        for h in self.holdings.values():
            price = self.market.price[h.asset.id]
            if price is None:
                continue  # an unpriceable position counts for nothing until it has a price
            value = h.qty * price * h.asset.contract_size
            if value > 0:
                long_value += value
            else:
                short_value += value
            requirement = h.asset.margin_requirement / 100 if h.asset.marginable else Decimal(1)
            initial += abs(value) * max(requirement, Decimal("0.5"))
            maintenance += abs(value) * requirement
        equity = self.cash + long_value + short_value
        excess = max(equity - initial, Decimal(0))
        multiplier = self.seed.multiplier
        regt = excess * 2
        # multiplier 1: a cash account spends cash; 2 and 4: margin on the excess equity.
        cash_only = multiplier == "1"
        buying_power = max(self.cash, Decimal(0)) if cash_only else excess * int(multiplier)
        return {
            "id": self.seed.account_id,
            "admin_configurations": {},
            "user_configurations": None,
            "account_number": self.seed.account_number,
            "status": "ACTIVE",
            "crypto_status": "ACTIVE",
            "options_approved_level": 0,
            "options_trading_level": 0,
            "currency": "USD",
            "buying_power": dec(buying_power),
            "regt_buying_power": dec(regt),
            "effective_buying_power": dec(buying_power),
            "non_marginable_buying_power": dec(max(self.cash, Decimal(0))),
            "options_buying_power": dec(max(self.cash, Decimal(0))),
            "cash": dec(self.cash),
            "accrued_fees": "0",
            "portfolio_value": dec(equity),
            "trading_blocked": False,
            "transfers_blocked": False,
            "account_blocked": False,
            "created_at": "2024-03-01T15:22:07.187249Z",
            "trade_suspended_by_user": False,
            "multiplier": multiplier,
            "shorting_enabled": self.seed.shorting_enabled,
            "equity": dec(equity),
            "last_equity": dec(self.last_equity),
            "long_market_value": dec(long_value),
            "short_market_value": dec(short_value),
            "position_market_value": dec(long_value - short_value),
            "initial_margin": dec(initial),
            "maintenance_margin": dec(maintenance),
            "last_maintenance_margin": dec(maintenance),
            "sma": dec(excess),
            "balance_asof": datetime.now(UTC).date().isoformat(),
            "crypto_tier": 1,
            "intraday_adjustments": "0",
            "pending_reg_taf_fees": "0",
            "pending_transfer_in": "0",
        }

    # ------------------------------------------------------------ closing

    def close(self, key: str, qty: Decimal | None, percentage: Decimal | None) -> dict[str, Any]:
        """Close all of a position, qty units or percentage percent, by a market order.

        Returns the order as Alpaca answers it: accepted, not yet filled (the fill follows at
        once, or after the configured delay)."""
        holding = self.find(key)
        if qty is not None and percentage is not None:
            raise unprocessable("qty and percentage are mutually exclusive: send one of them")
        if qty is not None:
            _check_input("qty", qty)
            if qty <= 0:
                raise unprocessable("qty must be greater than 0")
            requested = qty
        elif percentage is not None:
            _check_input("percentage", percentage)
            if not 0 < percentage <= 100:
                raise unprocessable("percentage must be greater than 0 and at most 100")
            requested = abs(holding.qty) * percentage / 100
            if abs(holding.qty) == abs(holding.qty).to_integral_value():
                requested = requested.to_integral_value(rounding="ROUND_DOWN")  # whole shares
            else:
                requested = requested.quantize(Decimal("1e-9"), rounding="ROUND_DOWN")
            if requested <= 0:
                raise unprocessable(
                    f"percentage {dec(percentage)} of {dec(abs(holding.qty))} rounds to 0 shares"
                )
        else:
            requested = abs(holding.qty)
        return self._submit(holding, requested)

    def close_all(self, cancel_orders: bool) -> list[dict[str, Any]]:
        """One 207 entry per position: the Order (status 200) or the error that stopped it."""
        if cancel_orders:
            now = datetime.now(UTC)
            for order in self.open_orders:
                order.status, order.canceled_at = "canceled", now
                self.version += 1
                holding = self.holdings.get(order.position_symbol)
                if holding is not None:
                    holding.held -= order.qty
            self.open_orders = []
        results: list[dict[str, Any]] = []
        for symbol, holding in list(self.holdings.items()):
            try:
                accepted = self._submit(holding, abs(holding.qty))
            except ApiError as error:
                results.append({"symbol": symbol, "status": error.status, "body": error.body})
            else:
                results.append({"symbol": symbol, "status": 200, "body": accepted})
        return results

    # ------------------------------------------------------------ options

    def option_holding(self, key: str) -> Holding | None:
        """The option position a key names (its OCC symbol or its contract's id), if held."""
        holding = self.holdings.get(key.upper())
        if holding is None:
            holding = next((h for h in self.holdings.values() if h.asset.id == key.lower()), None)
        return holding if holding is not None and holding.asset.asset_class == "us_option" else None

    def _long_option(self, contract: SeedAsset) -> Holding:
        """The long position exercise and do-not-exercise act on, or Alpaca's 403."""
        holding = self.holdings.get(contract.position_symbol)
        if holding is None:
            raise no_option_position()
        if holding.qty < 0:
            raise ApiError(403, {"code": 40310001, "message": "cannot exercise short position"})
        return holding

    def exercise(
        self, contract: SeedAsset, underlying: SeedAsset, kind: str, strike: Decimal
    ) -> None:
        """Exercise every available contract of a long position: a call buys, a put sells,
        contract_size shares of the underlying a contract at the strike. Contracts held for an
        open closing order are not exercised (they are not available)."""
        holding = self._long_option(contract)
        count = holding.available
        if count <= 0:
            raise no_option_position()
        shares = count * contract.contract_size * (1 if kind == "call" else -1)
        self.cash -= shares * strike
        holding.qty -= count
        if holding.qty == 0:
            del self.holdings[contract.position_symbol]
        self.do_not_exercise.discard(contract.position_symbol)
        self._receive(underlying, shares, strike)
        self.version += 1

    def _receive(self, asset: SeedAsset, shares: Decimal, price: Decimal) -> None:
        """Shares bought (positive) or sold (negative) at `price` outside an order."""
        held = self.holdings.get(asset.position_symbol)
        if held is None:
            self.holdings[asset.position_symbol] = Holding(asset, shares, price)
            return
        total = held.qty + shares
        if total == 0:
            del self.holdings[asset.position_symbol]
        elif (total > 0) != (held.qty > 0):  # flipped from long to short or back
            held.qty, held.avg_entry_price = total, price
        elif abs(total) > abs(held.qty):  # added to: the average moves
            held.avg_entry_price = (held.qty * held.avg_entry_price + shares * price) / total
            held.qty = total
        else:  # reduced: the average stays
            held.qty = total

    def record_do_not_exercise(self, contract: SeedAsset) -> None:
        """Keep a do-not-exercise instruction for a long option position."""
        self._long_option(contract)
        self.do_not_exercise.add(contract.position_symbol)

    # ------------------------------------------------------------ submitting

    def _submit(self, holding: Holding, requested: Decimal) -> dict[str, Any]:
        asset = holding.asset
        if not asset.tradable or asset.status != "active":
            raise unprocessable(f"asset {asset.symbol} is not tradable", code=42210000)
        if not asset.fractionable and requested != requested.to_integral_value():
            raise unprocessable(f"qty must be a whole number: {asset.symbol} is not fractionable")
        if requested > holding.available:
            related = [o.id for o in self.open_orders if o.position_symbol == asset.position_symbol]
            raise ApiError(
                403,
                {
                    "code": 40310000,
                    "message": (
                        f"insufficient qty available for order (requested: {dec(requested)}, "
                        f"available: {dec(holding.available)})"
                    ),
                    "available": dec(holding.available),
                    "existing_qty": dec(abs(holding.qty)),
                    "held_for_orders": dec(holding.held),
                    "symbol": asset.position_symbol,
                    "related_orders": related,
                },
            )
        long = holding.qty > 0
        order = Order(
            id=self.new_id(),
            client_order_id=self.new_id(),
            created_at=datetime.now(UTC),
            asset=asset,
            position_symbol=asset.position_symbol,
            qty=requested,
            side="sell" if long else "buy",
            position_intent="sell_to_close" if long else "buy_to_close",
            fill_due=time.monotonic() + self.fill_delay,
            account_id=self.seed.account_id,
        )
        holding.held += requested
        self.version += 1
        self.orders.append(order)
        accepted = order.to_json()  # Alpaca answers with the order as accepted, before the fill
        if self.fill_delay <= 0 and self.clock.is_open(asset.asset_class):
            self._fill(order)
        if order.open:  # a delayed fill, a closed market, or no price to fill at
            self.open_orders.append(order)
        return accepted

    def _fill(self, order: Order) -> None:
        price = self.market.price[order.asset.id]
        holding = self.holdings.get(order.position_symbol)
        if price is None or holding is None:
            return  # no price, no fill: the order stays open and its quantity stays held
        signed = order.qty * holding.sign
        self.cash += signed * price * order.asset.contract_size
        holding.held -= order.qty
        holding.qty -= signed
        if holding.qty == 0:
            del self.holdings[order.position_symbol]
        order.status = "filled"
        self.version += 1
        order.filled_at = datetime.now(UTC)
        order.filled_avg_price = price


def _check_input(name: str, value: Decimal) -> None:
    exponent = value.as_tuple().exponent
    if not value.is_finite():
        raise unprocessable(f"{name} must be a finite number")
    if isinstance(exponent, int) and -exponent > _MAX_INPUT_DECIMALS:
        raise unprocessable(f"{name} must have at most {_MAX_INPUT_DECIMALS} decimal places")
