"""The whole mock state: the asset universe, the market and one Book per account, behind one lock.

One re-entrant lock serialises every read and change: closes are short, and a single lock makes
"no update lost, no share closed twice" true by construction, for threads (several uvicorn
workers are not supported: state lives in this process) and for asyncio tasks alike.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from datetime import date
from typing import Any

from alpaca_mock.clock import MarketClock, new_york
from alpaca_mock.ledger import ApiError, Book, Order, dec
from alpaca_mock.market import Market
from alpaca_mock.options import Chain
from alpaca_mock.seed import Seed, SeedAccount, SeedAsset, SeedError, SeedPosition


def asset_json(asset: SeedAsset) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": asset.id,
        "class": asset.asset_class,
        "exchange": asset.exchange,
        "symbol": asset.symbol,
        "name": asset.name,
        "status": asset.status,
        "tradable": asset.tradable,
        "marginable": asset.marginable,
        "maintenance_margin_requirement": int(asset.margin_requirement),
        "margin_requirement_long": dec(asset.margin_requirement),
        "margin_requirement_short": dec(asset.margin_requirement),
        "shortable": asset.shortable,
        "easy_to_borrow": asset.borrow_status == "easy_to_borrow",
        "fractionable": asset.fractionable,
        "attributes": list(asset.attributes),
    }
    if asset.borrow_status is not None:  # omitted for assets that are not US equities
        body["borrow_status"] = asset.borrow_status
    if asset.asset_class == "us_equity":
        body["cusip"] = asset.cusip
    for name in ("min_order_size", "min_trade_increment", "price_increment"):
        value = getattr(asset, name)
        if value is not None:
            body[name] = dec(value)
    return body


@dataclass(frozen=True)
class AssetFilter:
    status: str | None = None
    asset_class: str | None = None
    exchange: str | None = None
    attributes: tuple[str, ...] = ()

    def matches(self, asset: SeedAsset) -> bool:
        return (
            (self.status is None or asset.status == self.status)
            and (self.asset_class is None or asset.asset_class == self.asset_class)
            and (self.exchange is None or asset.exchange == self.exchange)
            and (not self.attributes or bool(set(self.attributes) & set(asset.attributes)))
        )


_VERSION_4 = (~(0xF000 << 64) & ~(0xC000 << 48), (4 << 76) | (0x8000 << 48))


def uuid4_text(number: int) -> str:
    """str(uuid.UUID(int=number, version=4)) in a third of the time: two ids per close."""
    clear, set_bits = _VERSION_4
    h = f"{(number & clear) | set_bits:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class World:
    def __init__(
        self, seed: Seed, *, price_seed: int, fill_delay: float, clock: MarketClock | None = None
    ) -> None:
        self.lock = threading.RLock()
        self.fill_delay = fill_delay
        self.clock = clock or MarketClock()
        self.price_seed = price_seed
        # The last chain built (_chain_of): the seed's assets it was built for, the day, the
        # chain, its contract assets and their bodies.
        self._chain_cache: (
            tuple[
                tuple[SeedAsset, ...], date, Chain, tuple[SeedAsset, ...], dict[str, dict[str, Any]]
            ]
            | None
        ) = None
        self.load(seed)

    def load(self, seed: Seed) -> None:
        """(Re)start from a seed: the same seed, price_seed and day give the same world.

        The option chain is built for the mock clock's day (New York) at each load; a seed
        whose option position names a contract the chain lacks is refused (SeedError) before
        anything changes."""
        with self.lock:
            chain, contracts, contract_bodies = self._chain_of(seed)
            options = {a.account_id: _option_positions(seed, a, chain) for a in seed.accounts}
            self.seed = seed
            self.chain = chain
            self._ids = random.Random(self.price_seed)  # noqa: S311 - reproducible ids
            self.market = Market(seed.assets + contracts, self.price_seed)
            self.assets = seed.assets
            self.asset_bodies = {a.id: asset_json(a) for a in seed.assets} | contract_bodies
            self._asset_index: dict[str, SeedAsset] = {}
            for asset in seed.assets + contracts:
                # A crypto position may report the legacy pair's id (alpaca-py #490); Alpaca
                # answers GET /v2/assets/{that id} with the asset, so every position's asset_id
                # (an option contract's too) leads to its asset here.
                keys = [asset.symbol, asset.position_symbol, asset.id]
                if asset.legacy_id:
                    keys.append(asset.legacy_id)
                if asset.cusip:
                    keys.append(asset.cusip)
                for key in keys:
                    self._asset_index[key.upper()] = asset
            by_symbol = {a.position_symbol: a for a in seed.assets + contracts}
            self.books: dict[str, Book] = {
                account.account_id: Book.open(
                    account,
                    by_symbol,
                    self.market,
                    self._new_id,
                    self.fill_delay,
                    self.clock,
                    options[account.account_id],
                )
                for account in seed.accounts
            }

    def _chain_of(
        self, seed: Seed
    ) -> tuple[Chain, tuple[SeedAsset, ...], dict[str, dict[str, Any]]]:
        """The option chain of the seed's assets for the clock's day, its contract assets and
        their asset bodies.
        Built once per seed and day: the suite resets the world before every case (a reset is
        a load), and building 600 contracts each time cost 30 ms a case."""
        today = new_york(self.clock.now()).date()
        cached = self._chain_cache
        if cached is not None and cached[0] is seed.assets and cached[1] == today:
            return cached[2], cached[3], cached[4]
        chain = Chain(
            (a for a in seed.assets if a.asset_class == "us_equity" and a.status == "active"
             and "has_options" in a.attributes),
            today,
        )  # fmt: skip
        contracts = tuple(c.asset for c in chain.contracts)
        bodies = {a.id: asset_json(a) for a in contracts}
        self._chain_cache = (seed.assets, today, chain, contracts, bodies)
        return chain, contracts, bodies

    def _new_id(self) -> str:
        return uuid4_text(self._ids.getrandbits(128))

    def accounts(self) -> tuple[SeedAccount, ...]:
        return self.seed.accounts

    def find_asset(self, key: str) -> SeedAsset:
        asset = self._asset_index.get(key.upper())
        if asset is None:
            raise ApiError(404, {"code": 40410000, "message": f"asset not found for {key}"})
        return asset

    def list_assets(self, flt: AssetFilter) -> list[dict[str, Any]]:
        return [self.asset_bodies[a.id] for a in self.assets if flt.matches(a)]

    def orders(self) -> list[Order]:
        return [order for book in self.books.values() for order in book.orders]


def _option_positions(seed: Seed, account: SeedAccount, chain: Chain) -> tuple[SeedPosition, ...]:
    """A seed account's option positions as positions in the chain's contracts."""
    positions = []
    for i, o in enumerate(account.option_positions):
        try:
            contract = chain.contract_for(o.underlying, o.type, o.strike, o.weeks)
        except ValueError as exc:
            where = f"accounts[{account.name}].option_positions[{i}]"
            raise SeedError(f"{seed.source}: {where}: {exc}") from None
        positions.append(SeedPosition(contract.symbol, o.qty, o.avg_entry_price))
    return tuple(positions)
