"""Option contracts: a deterministic chain on the seeded underlyings, listed and paged as Alpaca
documents it, and the contract assets option positions are held in.

Every active, priced US equity with the ``has_options`` attribute gets, for each Friday from
two weeks back to six weeks ahead of the mock's clock, calls and puts at seven strikes around
its price: past expiries are inactive and not tradable, the coming Friday and the ones after
are active. The same seed and the same day give the same chain (ids are derived from the
symbols), so a test can name a contract.

Listing follows Alpaca's description of GET /v2/options/contracts: only active contracts unless
a status is asked for; without any expiration filter, only contracts expiring on or before the
Sunday after the coming Friday; pages of ``limit`` (100 by default) in OCC-symbol order, with an
opaque ``next_page_token`` (the base64 of the next offset, as Alpaca's tokens look) that is
null on the last page.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from alpaca_trading.occ import OccSymbol, parse_occ

from alpaca_mock.ledger import ApiError, dec
from alpaca_mock.params import ParameterError
from alpaca_mock.seed import SeedAsset

WEEKS_BACK, WEEKS_AHEAD = 2, 6
STRIKES_EACH_SIDE = 3
DEFAULT_LIMIT = 100
CONTRACT_SIZE = Decimal(100)
_NICKEL = Decimal("0.05")
_ROOT = re.compile(r"[A-Z0-9]{1,6}")
_KINDS: tuple[Literal["call", "put"], ...] = ("call", "put")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _id_of(symbol: str) -> str:
    """A stable UUID (version 4 layout) for a contract symbol."""
    digest = bytearray(hashlib.sha256(symbol.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x40
    digest[8] = (digest[8] & 0x3F) | 0x80
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def fridays(today: date) -> list[date]:
    """The chain's expiries: WEEKS_BACK Fridays before the coming one, it, and WEEKS_AHEAD more.
    The coming Friday is today on a Friday."""
    coming = today + timedelta(days=(4 - today.weekday()) % 7)
    return [coming + timedelta(weeks=k) for k in range(-WEEKS_BACK, WEEKS_AHEAD + 1)]


def default_last_expiry(today: date) -> date:
    """The default expiration_date_lte: the Sunday after the coming Friday. Alpaca lists, by
    default, "contracts that expire before the upcoming weekend"; on a Saturday or Sunday we
    read that as the next weekend (unverified), so a weekend listing is not empty."""
    return fridays(today)[WEEKS_BACK] + timedelta(days=2)


def strike_step(price: Decimal) -> Decimal:
    if price < 25:
        return Decimal(1)
    if price < 200:
        return Decimal(5)
    return Decimal(10)


def option_price(kind: str, underlying: Decimal, strike: Decimal, days: int) -> Decimal:
    """A plausible premium per share: intrinsic value plus time value, in nickels, at least 5c."""
    intrinsic = (
        max(underlying - strike, Decimal(0))
        if kind == "call"
        else max(strike - underlying, Decimal(0))
    )
    time_value = underlying * Decimal("0.008") * (Decimal(max(days, 0)) / 7).sqrt()
    premium = ((intrinsic + time_value) / _NICKEL).to_integral_value(ROUND_HALF_UP) * _NICKEL
    return max(premium, _NICKEL)


@dataclass(frozen=True)
class Contract:
    occ: OccSymbol
    symbol: str
    id: str
    underlying: SeedAsset
    active: bool
    price: Decimal
    lastday: Decimal
    open_interest: int
    penny: bool  # the mock's stand-in for the Penny Program list (ppind)
    as_of: date  # the day of close_price and open_interest

    @property
    def asset(self) -> SeedAsset:
        """The contract as the asset a position is held in (class us_option, exchange "")."""
        return replace(
            self.underlying,
            id=self.id,
            asset_class="us_option",
            exchange="",
            symbol=self.symbol,
            name=self.name,
            status="active" if self.active else "inactive",
            tradable=self.active and self.underlying.tradable,
            marginable=False,
            shortable=False,
            fractionable=False,
            borrow_status=None,
            cusip=None,
            attributes=(),
            margin_requirement=Decimal(100),
            min_order_size=None,
            min_trade_increment=None,
            price_increment=Decimal("0.01"),
            price=self.price,
            lastday_price=self.lastday,
            legacy_id=None,
            contract_size=CONTRACT_SIZE,
        )

    @property
    def name(self) -> str:
        day = self.occ.expiration
        kind = "Call" if self.occ.type == "call" else "Put"
        return (
            f"{self.underlying.symbol} {_MONTHS[day.month - 1]} {day.day:02d} {day.year} "
            f"{dec(self.occ.strike)} {kind}"
        )

    def deliverables(self) -> list[dict[str, Any]]:
        return [
            {
                "type": "equity",
                "symbol": self.underlying.symbol,
                "asset_id": self.underlying.id,
                "amount": "100",
                "allocation_percentage": "100",
                "settlement_type": "T+1",
                "settlement_method": "CCC",
                "delayed_settlement": False,
            }
        ]

    def body(self, *, deliverables: bool) -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": self.id,
            "symbol": self.symbol,
            "name": self.name,
            "status": "active" if self.active else "inactive",
            "tradable": self.active and self.underlying.tradable,
            "expiration_date": self.occ.expiration.isoformat(),
            "root_symbol": self.occ.root,
            "underlying_symbol": self.underlying.symbol,
            "underlying_asset_id": self.underlying.id,
            "type": self.occ.type,
            "style": "american",
            "strike_price": dec(self.occ.strike),
            "multiplier": "100",
            "size": "100",
            "open_interest": str(self.open_interest),
            "open_interest_date": self.as_of.isoformat(),
            "close_price": dec(self.lastday),
            "close_price_date": self.as_of.isoformat(),
        }
        if deliverables:
            body["deliverables"] = self.deliverables()
        return body


@dataclass(frozen=True)
class ContractFilter:
    """The filters of one GET /v2/options/contracts, defaults applied."""

    underlyings: frozenset[str] | None
    status: str
    expiration_date: date | None
    expiration_gte: date | None
    expiration_lte: date | None
    root_symbol: str | None
    type: str | None
    style: str | None
    strike_gte: Decimal | None
    strike_lte: Decimal | None
    penny: bool | None

    def matches(self, c: Contract) -> bool:
        day, strike = c.occ.expiration, c.occ.strike
        return (
            (self.underlyings is None or c.underlying.symbol in self.underlyings)
            and ("active" if c.active else "inactive") == self.status
            and (self.expiration_date is None or day == self.expiration_date)
            and (self.expiration_gte is None or day >= self.expiration_gte)
            and (self.expiration_lte is None or day <= self.expiration_lte)
            and (self.root_symbol is None or c.occ.root == self.root_symbol)
            and (self.type is None or c.occ.type == self.type)
            and (self.style is None or self.style == "american")
            and (self.strike_gte is None or strike >= self.strike_gte)
            and (self.strike_lte is None or strike <= self.strike_lte)
            and (self.penny is None or c.penny == self.penny)
        )


def _date(params: Mapping[str, Any], name: str) -> date | None:
    raw = params.get(name)
    if raw is None:
        return None
    try:
        if len(raw) != 10:
            raise ValueError
        return date.fromisoformat(raw)
    except ValueError:
        raise ParameterError(f"invalid {name}: {raw[:40]!r} is not a date (YYYY-MM-DD)") from None


def contract_filter(params: Mapping[str, Any], today: date) -> ContractFilter:
    """The filters a request asks for, with Alpaca's defaults; ParameterError for a bad one."""
    exact, gte, lte = (
        _date(params, "expiration_date"),
        _date(params, "expiration_date_gte"),
        _date(params, "expiration_date_lte"),
    )
    if exact is None and gte is None and lte is None:
        lte = default_last_expiry(today)
    symbols = params.get("underlying_symbols")
    return ContractFilter(
        underlyings=frozenset(symbols) if symbols else None,
        status=params.get("status") or "active",
        expiration_date=exact,
        expiration_gte=gte,
        expiration_lte=lte,
        root_symbol=params.get("root_symbol"),
        type=params.get("type"),
        style=params.get("style"),
        strike_gte=Decimal(params["strike_price_gte"]) if "strike_price_gte" in params else None,
        strike_lte=Decimal(params["strike_price_lte"]) if "strike_price_lte" in params else None,
        penny=params.get("ppind"),
    )


def page_token(offset: int) -> str:
    return base64.b64encode(str(offset).encode()).decode()


def _offset(token: str | None) -> int:
    if token is None:
        return 0
    try:
        text = base64.b64decode(token.encode(), validate=True).decode()
        if not text.isdigit() or len(text) > 9:
            raise ValueError
        return int(text)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ParameterError(
            f"invalid page_token: {token[:40]!r} is not a next_page_token this server gave"
        ) from None


class Chain:
    """The option contracts of the mock's world, as of one day."""

    def __init__(self, underlyings: Iterable[SeedAsset], today: date) -> None:
        self.today = today
        as_of = today - timedelta(days=1)
        while as_of.weekday() >= 5:
            as_of -= timedelta(days=1)
        contracts: list[Contract] = []
        for asset in underlyings:
            if asset.price is None or asset.lastday_price is None:
                continue  # no price, no chain
            if not _ROOT.fullmatch(asset.symbol):
                continue  # BRK.B's contracts have another root; the mock lists none
            step = strike_step(asset.price)
            centre = (asset.price / step).to_integral_value(ROUND_HALF_UP) * step
            strikes = [centre + step * k for k in range(-STRIKES_EACH_SIDE, STRIKES_EACH_SIDE + 1)]
            for expiry in fridays(today):
                days = (expiry - today).days
                for strike in strikes:
                    if strike <= 0:
                        continue
                    for kind in _KINDS:
                        occ = OccSymbol(asset.symbol, expiry, kind, strike)
                        symbol = str(occ)
                        contracts.append(
                            Contract(
                                occ=occ,
                                symbol=symbol,
                                id=_id_of(symbol),
                                underlying=asset,
                                active=expiry >= today,
                                price=option_price(kind, asset.price, strike, days),
                                lastday=option_price(kind, asset.lastday_price, strike, days + 1),
                                open_interest=int(hashlib.sha256(symbol.encode()).digest()[0]) * 7,
                                penny=asset.price >= 50,
                                as_of=as_of,
                            )
                        )
        self.contracts = sorted(contracts, key=lambda c: c.symbol)
        self._by_key = {c.symbol: c for c in self.contracts} | {c.id: c for c in self.contracts}

    def find(self, key: str) -> Contract | None:
        return (
            self._by_key.get(key) or self._by_key.get(key.lower()) or self._by_key.get(key.upper())
        )

    def get(self, key: str) -> dict[str, Any]:
        """GET /v2/options/contracts/{symbol_or_id}: the contract, deliverables included."""
        contract = self.find(key)
        if contract is None:
            raise ApiError(
                404, {"code": 40410000, "message": f"option contract {key[:64]} not found"}
            )
        return contract.body(deliverables=True)

    def page(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """GET /v2/options/contracts: one page of the contracts the filters select."""
        flt = contract_filter(params, self.today)
        limit = int(params.get("limit", DEFAULT_LIMIT))
        start = _offset(params.get("page_token"))
        matching = [c for c in self.contracts if flt.matches(c)]
        chosen = matching[start : start + limit]
        following = start + limit
        return {
            "option_contracts": [
                c.body(deliverables=bool(params.get("show_deliverables"))) for c in chosen
            ],
            "next_page_token": page_token(following) if following < len(matching) else None,
        }

    def contract_for(self, underlying: str, kind: str, strike: Decimal, weeks: int) -> Contract:
        """The contract a seed's option position names (weeks: 0 is the coming Friday)."""
        expiry = fridays(self.today)[WEEKS_BACK + weeks]
        for c in self.contracts:
            occ = c.occ
            if (c.underlying.symbol, occ.type, occ.strike, occ.expiration) == (
                underlying,
                kind,
                strike,
                expiry,
            ):
                return c
        strikes = sorted(
            {c.occ.strike for c in self.contracts if c.underlying.symbol == underlying}
        )
        raise ValueError(
            f"no {kind} on {underlying} at {dec(strike)} expiring {expiry}; its strikes are "
            + (", ".join(str(dec(k)) for k in strikes) or "none (no price?)")
        )


def parse_contract_key(key: str) -> str | None:
    """A key that can name a contract (an OCC symbol or a UUID), upper-cased; None otherwise."""
    try:
        parse_occ(key.upper())
    except ValueError:
        if len(key) == 36 and key.count("-") == 4:
            return key.lower()
        return None
    return key.upper()
