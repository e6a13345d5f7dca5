"""Real keys of the target, read once, so generated requests also reach real objects.

Random strings as option symbols are always 404s and 422s; a few contracts the target lists
and the option positions the account holds let generated lookups and exercises reach the real
logic too (as known_keys does for assets and positions). Two requests, made on first use;
if they fail, the run goes on with generated keys alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from alpaca_trading import AlpacaError, AsyncClient


@dataclass(frozen=True)
class OptionKeys:
    contracts: tuple[str, ...] = ()  # listed contracts' symbols and ids
    positions: tuple[str, ...] = ()  # the account's option positions' symbols
    underlyings: tuple[str, ...] = ()  # the listed contracts' underlyings


async def _read(client: AsyncClient) -> OptionKeys:
    today = datetime.now(UTC).date()
    contracts: list[str] = []
    underlyings: list[str] = []
    async for page in client.list_option_contracts(expiration_date_gte=today, limit=20).by_page():
        for contract in page.items:
            contracts.extend([contract.symbol, str(contract.id)])
            underlyings.append(contract.underlying_symbol)
        break
    positions = [
        p.symbol for p in await client.list_positions() if str(p.asset_class) == "us_option"
    ]
    return OptionKeys(tuple(contracts), tuple(positions), tuple(dict.fromkeys(underlyings)))


def read_option_keys(client: Callable[[], AsyncClient]) -> OptionKeys:
    """The target's option keys, or none when it cannot be asked (read in a thread of its own:
    a caller may already be inside an event loop)."""
    found: list[OptionKeys] = []

    async def run() -> None:
        async with client() as c:
            found.append(await _read(c))

    def worker() -> None:
        with contextlib.suppress(AlpacaError, httpx.HTTPError, ValueError):  # then no keys
            asyncio.run(run())

    thread = threading.Thread(target=worker, name="option-keys", daemon=True)
    thread.start()
    thread.join(timeout=60)
    return found[0] if found else OptionKeys()
