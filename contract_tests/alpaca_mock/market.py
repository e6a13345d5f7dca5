"""Prices: seeded from the seed file, moved by a reproducible random walk or set by hand.

The walk uses its own random.Random(seed), so the same seed and the same number of steps give
the same prices on every machine: a failing test against the mock reproduces.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from alpaca_mock.seed import SeedAsset

_CENT = Decimal("0.01")


class Market:
    """Current and previous-close prices per asset id; None marks an unpriceable asset."""

    def __init__(self, assets: tuple[SeedAsset, ...], seed: int) -> None:
        self._rng = random.Random(seed)  # noqa: S311 - a reproducible walk, not cryptography
        self._assets = {a.id: a for a in assets}
        self.price: dict[str, Decimal | None] = {a.id: a.price for a in assets}
        self.lastday: dict[str, Decimal | None] = {a.id: a.lastday_price for a in assets}
        self.version = 0  # bumped on every price change: rendered answers are cached by it

    def set_price(self, asset_id: str, price: Decimal) -> None:
        if price <= 0:
            raise ValueError("price must be greater than 0")
        self.price[asset_id] = price
        self.version += 1

    def step(self, steps: int = 1) -> None:
        """Move every priced asset by a small Gaussian step, rounded to its price increment."""
        for _ in range(steps):
            for asset_id in sorted(self.price):
                current = self.price[asset_id]
                if current is None:
                    continue
                factor = Decimal(str(round(self._rng.gauss(0.0, 0.002), 6)))
                increment = self._assets[asset_id].price_increment or _CENT
                moved = (current * (1 + factor)).quantize(increment, rounding=ROUND_HALF_UP)
                self.price[asset_id] = max(moved, increment)
        self.version += 1
