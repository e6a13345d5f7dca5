"""The behaviour model's promises between calls and about changes (relations.py), provoked on
purpose: every route to the same object, the account against its positions, a close and a
close-all followed through to every figure a client can read, headers across the calls.

Each result is recorded under the check the catalogue names for its promise; a promise the
catalogue marks unverified is a warning when broken. Closes run only where closing is allowed.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import anyio
import httpx
import pytest
from alpaca_trading.decimals import to_decimal

from alpaca_conformance import relations
from alpaca_conformance.catalogue import catalogue
from alpaca_conformance.harness import RESULTS, SETTINGS, TARGET, suite_transport
from alpaca_conformance.results import Failure, redact

pytestmark = pytest.mark.anyio
CAN_CLOSE = TARGET.may_close or SETTINGS.allow_close
CLOSE_REASON = "closes positions on a real account: pass --allow-close to run it"
ASSET_SAMPLE = 4  # assets per class looked up by every key: enough to meet each kind
# How long a close's fill is waited for (Alpaca fills market orders within moments while the
# market is open; closed, not before the open: then only the held state is judged).
FILL_WAIT_SECONDS = 3.0
FILL_POLL_SECONDS = 0.5  # one GET a poll: the paper API's 200 a minute are shared


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class Session:
    """A raw HTTP client that keeps every answer's headers, in order."""

    def __init__(self) -> None:
        self.headers: list[dict[str, str]] = []
        self.http = httpx.AsyncClient(
            base_url=TARGET.base_url,
            transport=suite_transport(),  # every answer also held to the body promises
            headers=TARGET.headers,
            event_hooks={"response": [self._keep]},
        )

    async def _keep(self, response: httpx.Response) -> None:
        self.headers.append({k.lower(): v for k, v in response.headers.items()})

    async def json(self, method: str, path: str, **params: str) -> tuple[int, Any]:
        answer = await self.http.request(method, path, params=params or None)
        try:
            return answer.status_code, answer.json()
        except ValueError:
            return answer.status_code, None


@pytest.fixture
async def session() -> AsyncIterator[Session]:
    if TARGET.reset is not None:
        TARGET.reset()
    kept = Session()
    async with kept.http:
        yield kept


def judge(operation: str, promise_id: str, problems: list[str], applied: bool = True) -> None:
    """Record one promise's verdict under its catalogue name (a warning when unverified)."""
    promise = catalogue().promises[promise_id]
    check = catalogue().check_name(promise_id)
    if not applied:
        RESULTS.skipped(operation, check, "nothing on the target to judge it by")
        return
    failure = None
    if problems:
        message = redact("; ".join(problems[:5]), TARGET.secrets)
        failure = Failure(message, f"alpaca-conformance -k {promise_id.lower()}")
    if RESULTS.verdict(operation, check, promise, failure) and failure is not None:
        pytest.fail(f"{check}: {failure.message}")


def _sample(assets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    picked: dict[str, list[dict[str, Any]]] = {}
    for asset in assets:
        group = picked.setdefault(str(asset.get("class")), [])
        if len(group) < ASSET_SAMPLE:
            group.append(asset)
    return [a for group in picked.values() for a in group]


async def test_asset_lookup_and_account_against_positions(session: Session) -> None:
    """ASSET-LOOKUP, ACCOUNT-POSITIONS, POSITION-LOOKUP and HEADERS-ACROSS-CALLS."""
    status, assets = await session.json("GET", "/v2/assets")
    problems: list[str] = []
    sample = _sample(assets if status == 200 and isinstance(assets, list) else [])
    for asset in sample:
        keys = [asset.get("symbol"), asset.get("id")]
        if asset.get("class") == "us_equity" and asset.get("cusip"):
            keys.append(asset["cusip"])
        for key in keys:
            got, fetched = await session.json("GET", f"/v2/assets/{str(key).replace('/', '%2F')}")
            if got != 200 or not isinstance(fetched, dict):
                problems.append(f"GET /v2/assets/{key} answered {got} for a listed asset")
            else:
                problems += relations.same_asset(asset, fetched, str(key))
    judge("getAsset", "ASSET-LOOKUP", problems, applied=bool(sample))

    _, listed = await session.json("GET", "/v2/positions")
    _, account = await session.json("GET", "/v2/account")
    _, again = await session.json("GET", "/v2/positions")
    positions = listed if isinstance(listed, list) else []
    values = [(p.get("symbol"), p.get("market_value")) for p in positions]
    unmoved = isinstance(again, list) and values == [
        (p.get("symbol"), p.get("market_value")) for p in again
    ]
    if isinstance(account, dict) and unmoved:
        judge(
            "getAccount",
            "ACCOUNT-POSITIONS",
            relations.account_matches_positions(account, positions),
        )
    else:
        RESULTS.skipped(
            "getAccount",
            catalogue().check_name("ACCOUNT-POSITIONS"),
            "prices moved between the reads: the sums cannot be compared",
        )

    problems = []
    for position in positions:
        for key in (position.get("symbol"), position.get("asset_id")):
            got, fetched = await session.json("GET", f"/v2/positions/{key}")
            if got != 200 or not isinstance(fetched, dict):
                problems.append(f"GET /v2/positions/{key} answered {got} for a listed position")
            else:
                problems += relations.same_position(position, fetched, str(key))
    judge("getOpenPosition", "POSITION-LOOKUP", problems, applied=bool(positions))
    judge("getAccount", "HEADERS-ACROSS-CALLS", relations.headers_across_calls(session.headers))


def _skip_closing() -> None:
    if not CAN_CLOSE:
        for promise_id in (
            "CLOSE-ORDER",
            "CLOSE-EFFECT",
            "CLOSE-PERCENTAGE",
            "CLOSE-PERCENTAGE-WHOLE",
        ):
            RESULTS.skipped("deleteOpenPosition", catalogue().check_name(promise_id), CLOSE_REASON)
        for promise_id in ("CLOSE-ALL", "CLOSE-ALL-EFFECT"):
            check = catalogue().check_name(promise_id)
            RESULTS.skipped("deleteAllOpenPositions", check, CLOSE_REASON)
        pytest.skip(CLOSE_REASON)


async def _closable(session: Session) -> list[dict[str, Any]]:
    """Priced positions of tradable assets with at least 2 units free, in the target's order."""
    _, listed = await session.json("GET", "/v2/positions")
    found = []
    for position in listed if isinstance(listed, list) else []:
        available = to_decimal(position.get("qty_available"), max_length=60)
        if position.get("current_price") is None or available is None or abs(available) < 2:
            continue
        _, asset = await session.json("GET", f"/v2/assets/{position.get('asset_id')}")
        if isinstance(asset, dict) and asset.get("tradable") and asset.get("status") == "active":
            found.append(position)
    return found


@pytest.mark.closes
async def test_a_close_holds_then_moves_qty_and_cash(session: Session) -> None:
    """CLOSE-ORDER, CLOSE-EFFECT and CLOSE-PERCENTAGE, followed through to the account: one
    close of 1 unit for each kind of position (class and side) there is, as each kind's close
    moves cash its own way (a short's buy back takes cash, an option's contract is 100
    shares)."""
    _skip_closing()
    positions = await _closable(session)
    if not positions:
        pytest.skip("no priced, tradable position with 2 units free")
    kinds: dict[tuple[Any, Any], dict[str, Any]] = {}
    for position in positions:
        kinds.setdefault((position.get("asset_class"), position.get("side")), position)
    problems: list[str] = []
    for before in kinds.values():
        found = await _close_one(session, before)
        if found is None:
            return
        problems += found
    judge("deleteOpenPosition", "CLOSE-EFFECT", problems)

    # CLOSE-PERCENTAGE on a position with 2 units still free, one left alone above if any
    closed = {str(p["symbol"]) for p in kinds.values()}
    for target in sorted(reversed(positions), key=lambda p: str(p["symbol"]) in closed):
        got, now = await session.json("GET", f"/v2/positions/{target['symbol']}")
        answered = got == 200 and isinstance(now, dict)
        available = to_decimal(now.get("qty_available"), max_length=60) if answered else None
        if isinstance(now, dict) and available is not None and abs(available) >= 2:
            await _close_half(session, str(target["symbol"]), now, available)
            return


async def _close_half(
    session: Session, symbol: str, now: dict[str, Any], available: Decimal
) -> None:
    percentage = relations.uneven_percentage(to_decimal(now.get("qty"), max_length=60) or available)
    status, order = await session.json(
        "DELETE", f"/v2/positions/{symbol}", percentage=str(percentage)
    )
    if status == 200 and isinstance(order, dict):
        judge("deleteOpenPosition", "CLOSE-PERCENTAGE-WHOLE", relations.whole_units(now, order))
        found = relations.percentage_order(now, order, percentage)
        judge("deleteOpenPosition", "CLOSE-PERCENTAGE", found)
    else:  # about half of 2 or more free units: every rule Alpaca documents allows it
        refused = f"a close of {percentage} % of {symbol} ({available} free) answered {status}"
        judge("deleteOpenPosition", "CLOSE-ORDER", [refused])


async def _close_one(session: Session, before: dict[str, Any]) -> list[str] | None:
    """Close 1 unit of `before`, judge its order (CLOSE-ORDER) and return what CLOSE-EFFECT
    finds, waiting FILL_WAIT_SECONDS at most for the fill; None when the close was refused."""
    symbol = str(before["symbol"])
    _, account_before = await session.json("GET", "/v2/account")
    status, order = await session.json("DELETE", f"/v2/positions/{symbol}", qty="1")
    if status != 200 or not isinstance(order, dict):
        judge("deleteOpenPosition", "CLOSE-ORDER", [f"a close of 1 {symbol} answered {status}"])
        return None
    judge("deleteOpenPosition", "CLOSE-ORDER", relations.close_order(before, order, Decimal(1)))
    found, held = await _close_state(session, before, account_before, order)
    deadline = time.monotonic() + FILL_WAIT_SECONDS
    filled = False
    while held and not found and time.monotonic() < deadline:  # wait for the fill
        got, now = await session.json("GET", f"/v2/positions/{symbol}")
        if got != 200 or not isinstance(now, dict) or now.get("qty") != before.get("qty"):
            filled = True
            break
        await anyio.sleep(FILL_POLL_SECONDS)
    if filled:  # and judge the filled state too
        found, _ = await _close_state(session, before, account_before, order)
    return found


async def _close_state(
    session: Session, before: dict[str, Any], account_before: Any, order: dict[str, Any]
) -> tuple[list[str], bool]:
    """CLOSE-EFFECT as read now (held or filled), and the list against GET after the change;
    True when the close is still held (qty unchanged)."""
    symbol = str(before["symbol"])
    _, read_before = await session.json("GET", "/v2/account")
    got, after = await session.json("GET", f"/v2/positions/{symbol}")
    _, read_after = await session.json("GET", "/v2/account")
    position = after if got == 200 and isinstance(after, dict) else None
    problems = relations.close_effect(
        before,
        account_before if isinstance(account_before, dict) else {},
        order,
        position,
        read_before if isinstance(read_before, dict) else {},
        read_after if isinstance(read_after, dict) else {},
    )
    problems += await _listed_as_fetched(session, symbol, position)
    return problems, position is not None and position.get("qty") == before.get("qty")


def _holding(position: dict[str, Any] | None) -> tuple[Any, Any] | None:
    return None if position is None else (position.get("qty"), position.get("qty_available"))


async def _listed_as_fetched(
    session: Session, symbol: str, fetched: dict[str, Any] | None
) -> list[str]:
    """POSITION-LOOKUP after a change: the list shows the position as GET showed it (read
    again after the list, so a fill between the reads is not taken for a difference)."""
    _, listed = await session.json("GET", "/v2/positions")
    got, again = await session.json("GET", f"/v2/positions/{symbol}")
    now = again if got == 200 and isinstance(again, dict) else None
    if not isinstance(listed, list) or _holding(now) != _holding(fetched):
        return []  # moved between the reads (a fill): nothing to compare
    entry = next((p for p in listed if isinstance(p, dict) and p.get("symbol") == symbol), None)
    if now is None:
        return [f"{symbol}: listed after it was closed"] if entry is not None else []
    if entry is None:
        return [f"{symbol}: GET /v2/positions/{symbol} answers it, the list has no entry"]
    return relations.same_position(entry, now, f"{symbol} (after a close)")


@pytest.mark.closes
async def test_close_all_closes_what_was_listed(session: Session) -> None:
    """CLOSE-ALL and CLOSE-ALL-EFFECT."""
    _skip_closing()
    _, listed = await session.json("GET", "/v2/positions")
    _, account_before = await session.json("GET", "/v2/account")
    status, entries = await session.json("DELETE", "/v2/positions")
    if status != 207 or not isinstance(entries, list) or not isinstance(listed, list):
        judge("deleteAllOpenPositions", "CLOSE-ALL", [f"close-all answered {status}"])
        return
    judge("deleteAllOpenPositions", "CLOSE-ALL", relations.close_all_entries(listed, entries))
    _, after = await session.json("GET", "/v2/positions")
    _, account_after = await session.json("GET", "/v2/account")
    remaining = after if isinstance(after, list) else []
    problems = relations.close_all_effect(entries, remaining)
    problems += relations.equity_kept(account_before, account_after, listed)
    judge("deleteAllOpenPositions", "CLOSE-ALL-EFFECT", problems)
