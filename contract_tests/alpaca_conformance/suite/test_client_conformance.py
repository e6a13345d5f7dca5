"""Our client against the same target: every operation and every documented quirk.

Each test is recorded in the report as operation x "client:<quirk>". Tests that close
positions run only where closing is allowed (our mock, or --allow-close).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from alpaca_trading import (
    AsyncClient,
    AuthenticationError,
    BondStatusKnown,
    NotFoundError,
    OptionContract,
    PermissionDeniedError,
    Position,
    TreasurySubtypeKnown,
    UnprocessableEntityError,
    parse_occ,
)
from alpaca_trading.errors import error_from_response

from alpaca_conformance import pacing, target_gone
from alpaca_conformance.harness import RESULTS, SETTINGS, TARGET, suite_transport
from alpaca_conformance.results import Failure, redact

pytestmark = pytest.mark.anyio
CAN_CLOSE = TARGET.may_close or SETTINGS.allow_close
CLOSE_REASON = "closes positions on a real account: pass --allow-close to run it"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _client(**kwargs: Any) -> AsyncClient:
    options: dict[str, Any] = {
        "base_url": TARGET.base_url,
        "transport": suite_transport(),
        "max_retries": 0,
        # A call may wait for the rate limit's window (pacing.py) before it is sent: its
        # deadline covers that wait, or a paced call would end in APITimeoutError.
        "timeout": 30.0 + pacing.MAX_WAIT_SECONDS,
    }
    options.update(kwargs)
    if "oauth_token" not in options:
        options.setdefault("key_id", TARGET.key_id)
        options.setdefault("secret_key", TARGET.secret_key)
    return AsyncClient(**options)


@pytest.fixture
async def client() -> AsyncIterator[AsyncClient]:
    if TARGET.reset is not None:
        TARGET.reset()
    async with _client() as c:
        yield c


async def _record(operation: str, quirk: str, body: Callable[[], Awaitable[None]]) -> None:
    check = f"client: {quirk}"
    try:
        await body()
    except (KeyboardInterrupt, SystemExit, pytest.skip.Exception):
        raise
    except BaseException as exc:  # pytest.raises' "DID NOT RAISE" is a BaseException too
        if target_gone.GONE.is_set():
            raise  # not the target's answer: it went away (exit 3)
        message = redact(f"{type(exc).__name__}: {exc}", TARGET.secrets)
        RESULTS.failed(operation, check, Failure(message, "scripts/conformance -k client"))
        raise
    RESULTS.passed(operation, check)


def _skip_closing(operation: str, quirk: str) -> None:
    if not CAN_CLOSE:
        RESULTS.skipped(operation, f"client: {quirk}", CLOSE_REASON)
        pytest.skip(CLOSE_REASON)


async def test_account_figures_add_up_exactly(client: AsyncClient) -> None:
    async def body() -> None:
        account = await client.get_account()
        assert account.id is not None
        cash, longs, shorts = (
            account.cash_decimal,
            account.long_market_value_decimal,
            account.short_market_value_decimal,
        )
        if None not in (cash, longs, shorts, account.equity_decimal):
            assert cash is not None
            assert longs is not None
            assert shorts is not None
            assert account.equity_decimal == cash + longs + shorts
            assert shorts <= 0

    await _record("getAccount", "equity = cash + long + short, exact", body)


async def test_asset_filters_and_lookups(client: AsyncClient) -> None:
    async def body() -> None:
        active = await client.list_assets(status="active")
        assert active
        assert all(a.status == "active" for a in active)
        with_options = await client.list_assets(attributes=["has_options", "ipo"])
        assert all({"has_options", "ipo"} & set(map(str, a.attributes or [])) for a in with_options)
        # attributes is any-of: the assets of both lists, not only those having both
        each = [
            {a.id for a in await client.list_assets(attributes=[x])} for x in ("has_options", "ipo")
        ]
        assert {a.id for a in with_options} == each[0] | each[1], "attributes is not any-of"
        first = active[0]
        assert (await client.get_asset(first.symbol)).id == first.id
        assert (await client.get_asset(first.id)).symbol == first.symbol

    await _record("getAssets", "filters and lookup by symbol and id", body)


async def test_treasuries_filters_order_and_exact_numbers(client: AsyncClient) -> None:
    async def body() -> None:
        every = await client.list_us_treasuries()
        if not every:
            pytest.skip("the target lists no US treasury")
        isins = [t.isin for t in every]
        assert isins == sorted(isins), "not sorted by ISIN"
        # Filter by each known value the target lists (a value Alpaca adds later cannot be
        # sent: the filters take the spec's values only).
        for subtype in {t.subtype for t in every if isinstance(t.subtype, TreasurySubtypeKnown)}:
            chosen = await client.list_us_treasuries(subtype=subtype)
            assert [t.isin for t in chosen] == [t.isin for t in every if t.subtype == subtype]
        for status in {t.bond_status for t in every if isinstance(t.bond_status, BondStatusKnown)}:
            chosen = await client.list_us_treasuries(bond_status=status)
            expected = [t.isin for t in every if t.bond_status == status]
            assert [t.isin for t in chosen] == expected, f"bond_status={status} filters wrongly"
        picked = every[:: max(len(every) // 3, 1)][:3]
        by_isin = await client.list_us_treasuries(isins=[t.isin for t in picked])
        by_cusip = await client.list_us_treasuries(cusips=[t.cusip for t in picked])
        assert [t.isin for t in by_isin] == [t.isin for t in by_cusip] == [t.isin for t in picked]
        for treasury in every:
            assert treasury.isin[2:11] == treasury.cusip or not treasury.isin.startswith("US")
            assert isinstance(treasury.coupon, Decimal)  # exact, never a float

    await _record("getUsTreasuries", "filters exact, ISIN order, CUSIP in ISIN", body)


async def test_corporates_filters_and_order(client: AsyncClient) -> None:
    async def body() -> None:
        every = await client.list_us_corporates()
        if not every:
            pytest.skip("the target lists no US corporate bond")
        assert [c.isin for c in every] == sorted(c.isin for c in every), "not sorted by ISIN"
        tickers = sorted({c.ticker for c in every})[:2]
        chosen = await client.list_us_corporates(tickers=tickers)
        assert [c.isin for c in chosen] == [c.isin for c in every if c.ticker in tickers]
        for status in {c.bond_status for c in every if isinstance(c.bond_status, BondStatusKnown)}:
            chosen = await client.list_us_corporates(bond_status=status)
            expected = [c.isin for c in every if c.bond_status == status]
            assert [c.isin for c in chosen] == expected, f"bond_status={status} filters wrongly"
        one = every[len(every) // 2]
        assert [c.isin for c in await client.list_us_corporates(cusips=[one.cusip])] == [one.isin]
        for bond in every:
            assert isinstance(bond.coupon, Decimal)
            assert isinstance(bond.par_value, Decimal)

    await _record("getUsCorporates", "filters exact, ISIN order", body)


async def test_crypto_pair_symbology(client: AsyncClient) -> None:
    async def body() -> None:
        crypto = await client.list_assets(asset_class="crypto", status="active")
        if not crypto:
            pytest.skip("the target lists no crypto asset")
        pair = next(a.symbol for a in crypto if "/" in a.symbol)
        by_pair = await client.get_asset(pair)
        assert (await client.get_asset(pair.replace("/", "%2F"))).id == by_pair.id  # not re-encoded
        assert (await client.get_asset(pair.replace("/", ""))).id == by_pair.id  # legacy form

    await _record("getAsset", "BTC/USD, BTC%2FUSD and BTCUSD", body)


async def test_positions_by_symbol_and_id(client: AsyncClient) -> None:
    async def body() -> None:
        positions = await client.list_positions()
        for position in positions:
            assert "/" not in position.symbol  # crypto positions use BTCUSD
            assert (await client.get_position(position.symbol)).symbol == position.symbol
            assert (await client.get_position(position.asset_id)).symbol == position.symbol
            assert (position.side == "short") == (position.qty_decimal < 0)
            if position.exchange == "CRYPTO":
                pair = await client.get_position(position.symbol[:-3] + "/" + position.symbol[-3:])
                assert pair.symbol == position.symbol  # the client sends the pair as BTCUSD

    await _record("getOpenPosition", "by symbol, by asset id, crypto pair", body)


async def test_every_positions_asset_id_leads_to_its_asset(client: AsyncClient) -> None:
    async def body() -> None:
        for position in await client.list_positions():
            asset = await client.get_asset(position.asset_id)  # legacy crypto ids included
            assert asset.symbol.replace("/", "") == position.symbol, position.symbol
            assert asset.class_ == position.asset_class, position.symbol

    await _record("getAsset", "a position's asset_id leads to its asset", body)


async def test_missing_position_is_a_typed_404(client: AsyncClient) -> None:
    async def body() -> None:
        with pytest.raises(NotFoundError) as raised:
            await client.get_position("ZZZZNOPE")
        assert raised.value.code == 40410000
        assert raised.value.request_id

    await _record("getOpenPosition", "unknown position → NotFoundError 40410000", body)


async def test_wrong_and_missing_keys(client: AsyncClient) -> None:
    async def body() -> None:
        async with _client(secret_key="not-the-secret") as wrong:
            with pytest.raises(AuthenticationError) as raised:
                await wrong.get_account()
            assert raised.value.code is None  # {"message": "unauthorized."} has no code
        async with _client(key_id="PKNOSUCHKEY0000000000", secret_key="x" * 40) as unknown:
            with pytest.raises(AuthenticationError) as raised:
                await unknown.get_account()  # a key id nobody has: 401 too, not a 500
            assert raised.value.code is None
        async with httpx.AsyncClient(base_url=TARGET.base_url, transport=suite_transport()) as raw:
            answer = await raw.get("/v2/account")
            assert answer.status_code == 403

    quirk = "401 without code (wrong secret, unknown key), 403 without keys"
    await _record("getAccount", quirk, body)


async def test_each_declared_auth_scheme_is_accepted(client: AsyncClient) -> None:
    quirk = "each declared auth scheme accepted (keys, OAuth bearer)"
    token = os.environ.get("APCA_API_OAUTH_TOKEN")
    if token is None and TARGET.is_our_mock:
        from alpaca_mock import DEFAULT_CREDENTIALS

        token = next(c.oauth_token for c in DEFAULT_CREDENTIALS if c.key_id == TARGET.key_id)
    if not token:
        reason = "no OAuth token for this target: set APCA_API_OAUTH_TOKEN to check Bearer auth"
        RESULTS.skipped("getAccount", f"client: {quirk}", reason)
        pytest.skip(reason)

    async def body() -> None:
        by_keys = await client.get_account()
        async with _client(oauth_token=token) as bearer:
            by_token = await bearer.get_account()
        assert by_token.id == by_keys.id  # the same account, whichever scheme

    await _record("getAccount", quirk, body)


async def test_a_second_account_sees_itself(client: AsyncClient) -> None:
    quirk = "a second account's keys see that account and its positions, not the first's"
    if TARGET.second is None:
        reason = "needs a second account's keys: --second-key-id/--second-secret-key"
        RESULTS.skipped("getAccount", f"client: {quirk}", reason)
        pytest.skip(reason)
    key_id, secret_key = TARGET.second

    async def body() -> None:
        first = await client.get_account()
        first_positions = {(p.symbol, p.qty) for p in await client.list_positions()}
        async with _client(key_id=key_id, secret_key=secret_key) as other:
            second = await other.get_account()
            second_positions = {(p.symbol, p.qty) for p in await other.list_positions()}
        assert second.id != first.id, "both keys are served the same account"
        assert second.account_number != first.account_number
        if first_positions and second_positions:
            assert first_positions != second_positions, "both accounts list the same positions"

    await _record("getAccount", quirk, body)


async def test_unrouted_pair_path_is_plain_text_404(client: AsyncClient) -> None:
    async def body() -> None:
        async with httpx.AsyncClient(
            base_url=TARGET.base_url, transport=suite_transport(), headers=TARGET.headers
        ) as raw:
            answer = await raw.get("/v2/positions/BTC/USD")
            assert answer.status_code == 404
            assert not answer.headers.get("content-type", "").startswith("application/json")

    await _record("getOpenPosition", "/v2/positions/BTC/USD is a plain-text 404", body)


async def test_rate_limit_headers_on_every_answer(client: AsyncClient) -> None:
    async def body() -> None:
        raw = await client.with_raw_response.get_account()
        assert raw.request_id
        assert raw.ratelimit_limit is not None
        assert raw.ratelimit_remaining is not None
        assert raw.ratelimit_reset is not None

    await _record("getAccount", "X-Request-ID and X-Ratelimit-* headers", body)


def _moved_exactly(before: Position, after: Position, step: Decimal) -> bool:
    """A close of `step` (signed) either filled (qty and qty_available moved by it) or is
    still open (qty unchanged, qty_available moved by it: the order holds it). Alpaca fills
    market orders later, and not before the open when the market is closed. True if filled."""
    available = before.qty_available_decimal or Decimal(0)
    assert after.qty_available_decimal == available - step, (
        f"qty_available {after.qty_available_decimal} after closing {step} of {available}"
    )
    if after.qty_decimal == before.qty_decimal:
        return False
    assert after.qty_decimal == before.qty_decimal - step, (
        f"qty {after.qty_decimal} after closing {step} of {before.qty_decimal}"
    )
    return True


async def _closable(
    client: AsyncClient, operation: str, quirk: str, least: Decimal = Decimal(0)
) -> list[Position]:
    """Priced positions of tradable assets with more than `least` available, in the target's
    order; a recorded skip, saying why, when there is none (a target that cannot be reset
    may have had them closed by an earlier case: the suite runs these before its own closes)."""
    found = []
    for position in await client.list_positions():
        available = position.qty_available_decimal or Decimal(0)
        if position.current_price is None or abs(available) <= least:
            continue
        if (await client.get_asset(position.asset_id)).tradable:
            found.append(position)
    if not found:
        reason = f"the target has no priced, tradable position with more than {least} available"
        RESULTS.skipped(operation, f"client: {quirk}", reason)
        pytest.skip(reason)
    return found


@pytest.mark.closes
async def test_partial_close_is_exact(client: AsyncClient) -> None:
    quirk = "partial close moves exactly qty"
    _skip_closing("deleteOpenPosition", quirk)
    position = (await _closable(client, "deleteOpenPosition", quirk, least=Decimal(1)))[0]

    async def body() -> None:
        before = position.qty_decimal
        cash_before = (await client.get_account()).cash_decimal
        order = await client.close_position(position.symbol, qty="1")
        assert order.qty_decimal == Decimal(1)
        assert order.side == ("sell" if before > 0 else "buy")
        after = await client.get_position(position.symbol)
        step = Decimal(1 if before > 0 else -1)
        filled = _moved_exactly(position, after, step)
        cash_after = (await client.get_account()).cash_decimal
        last_price = position.current_price_decimal
        if not filled:
            assert cash_after == cash_before, "cash moved before the close filled"
        elif cash_before is not None and cash_after is not None and last_price is not None:
            # The position moved, so the order filled: its proceeds (or, covering a short, its
            # cost) reach cash. At the fill price, which may differ from the last price a
            # little: within 5 %, to the cent.
            shares = Decimal(100) if position.asset_class == "us_option" else Decimal(1)
            moved, worth = cash_after - cash_before, last_price * shares
            expected = worth if before > 0 else -worth
            slack = abs(worth) * Decimal("0.05") + Decimal("0.01")
            assert abs(moved - expected) <= slack, (
                f"cash moved {moved} for a close of 1 at about {last_price}, not about {expected}"
            )

    await _record("deleteOpenPosition", quirk, body)


@pytest.mark.closes
async def test_close_refusals_are_typed(client: AsyncClient) -> None:
    quirk = "403 beyond qty_available, 422 for both"
    _skip_closing("deleteOpenPosition", quirk)
    # Neither answer changes anything: the position may be one another test closes after.
    position = (await _closable(client, "deleteOpenPosition", quirk))[-1]

    async def body() -> None:
        with pytest.raises(PermissionDeniedError) as raised:
            await client.close_position(position.symbol, qty="999999999")
        assert raised.value.code == 40310000
        available = raised.value.available  # typed: Decimal, as on a close-all entry
        assert available is not None
        assert available < Decimal("999999999")
        async with httpx.AsyncClient(
            base_url=TARGET.base_url, transport=suite_transport(), headers=TARGET.headers
        ) as raw:
            answer = await raw.delete(f"/v2/positions/{position.symbol}?qty=1&percentage=1")
        assert answer.status_code == 422
        assert isinstance(error_from_response(answer), UnprocessableEntityError)

    await _record("deleteOpenPosition", quirk, body)


@pytest.mark.closes
async def test_close_all_reports_each_position(client: AsyncClient) -> None:
    _skip_closing("deleteAllOpenPositions", "207 per position, failures as data")

    async def body() -> None:
        before = {p.symbol for p in await client.list_positions()}
        results = await client.close_all_positions()
        assert {r.symbol for r in results} == before
        for result in results:
            assert result.ok == (result.status == 200)
            assert (result.order is None) == (result.error is not None)
        remaining = {p.symbol for p in await client.list_positions()}
        closed = {r.symbol for r in results if r.ok}
        for left in await client.list_positions():
            if left.symbol in closed:  # its order has not filled yet: it holds everything
                assert left.qty_available_decimal == 0, f"{left.symbol} still available"
        assert remaining <= before
        assert await client.close_all_positions() is not None

    await _record("deleteAllOpenPositions", "207 per position, failures as data", body)


# ------------------------------------------------------------------ boundaries, always tried


def _close_url(symbol: str, **query: str) -> str:
    return f"/v2/positions/{symbol}?" + "&".join(f"{k}={v}" for k, v in query.items())


def _plus_one_step(value: Decimal) -> str:
    """The smallest amount above `value` with 9 decimals (what the API accepts)."""
    return str((value + Decimal("0.000000001")).quantize(Decimal("0.000000001")))


@pytest.mark.closes
async def test_close_boundaries_are_refused_and_change_nothing(client: AsyncClient) -> None:
    quirk = "boundaries refused, nothing changed (0, >100 %, >available, 10 decimals)"
    _skip_closing("deleteOpenPosition", quirk)
    fractional = [
        p for p in await _closable(client, "deleteOpenPosition", quirk) if p.asset_class == "crypto"
    ] or await _closable(client, "deleteOpenPosition", quirk)
    position = fractional[0]

    async def body() -> None:
        available = abs(position.qty_available_decimal or Decimal(0))
        refused = {
            "qty 0": ({"qty": "0"}, {422}),
            "percentage 0": ({"percentage": "0"}, {422}),
            "percentage just above 100": ({"percentage": "100.000000001"}, {422}),
            "qty just above qty_available": ({"qty": _plus_one_step(available)}, {403}),
            "qty with 10 decimals": ({"qty": "0.0000000001"}, {422}),
        }
        async with httpx.AsyncClient(
            base_url=TARGET.base_url, transport=suite_transport(), headers=TARGET.headers
        ) as raw:
            for name, (query, statuses) in refused.items():
                before = (await raw.get(f"/v2/positions/{position.symbol}")).json()
                answer = await raw.delete(_close_url(position.symbol, **query))
                assert answer.status_code in statuses, (
                    f"{name}: HTTP {answer.status_code} {answer.text[:200]}, not {sorted(statuses)}"
                )
                after = (await raw.get(f"/v2/positions/{position.symbol}")).json()
                assert after.get("qty") == before.get("qty"), f"{name} changed qty"
                assert after.get("qty_available") == before.get("qty_available"), (
                    f"{name} changed qty_available"
                )

    await _record("deleteOpenPosition", quirk, body)


@pytest.mark.closes
async def test_close_boundaries_that_are_accepted_move_exactly(client: AsyncClient) -> None:
    quirk = "boundaries accepted exactly (smallest fraction, all of qty_available, 100 %)"
    _skip_closing("deleteOpenPosition", quirk)
    if not TARGET.may_close:
        reason = "closes whole positions: run against our mock only"
        RESULTS.skipped("deleteOpenPosition", f"client: {quirk}", reason)
        pytest.skip(reason)
    positions = await _closable(client, "deleteOpenPosition", quirk)
    crypto = [p for p in positions if p.asset_class == "crypto"]
    if len(positions) < 2 or not crypto:
        reason = "needs a crypto position and another one, both tradable and priced"
        RESULTS.skipped("deleteOpenPosition", f"client: {quirk}", reason)
        pytest.skip(reason)
    fraction_target = crypto[0]
    whole_targets = [p for p in positions if p.symbol != fraction_target.symbol][:2]

    async def body() -> None:
        smallest = Decimal("0.000000001")
        before = fraction_target.qty_decimal
        await client.close_position(fraction_target.symbol, qty=smallest)
        after = await client.get_position(fraction_target.symbol)
        _moved_exactly(fraction_target, after, smallest * (1 if before > 0 else -1))
        first = whole_targets[0]
        available = abs(first.qty_available_decimal or Decimal(0))
        order = await client.close_position(first.symbol, qty=available)
        assert order.qty_decimal == available
        if len(whole_targets) > 1:
            await client.close_position(whole_targets[1].symbol, percentage="100")
            try:  # gone once filled; until then its close holds all of it
                held = await client.get_position(whole_targets[1].symbol)
            except NotFoundError:
                pass
            else:
                assert held.qty_available_decimal == 0, "100 % closed, yet some is available"

    await _record("deleteOpenPosition", quirk, body)


# ------------------------------------------------------------------ options


async def _some_contracts(client: AsyncClient, operation: str, quirk: str) -> list[OptionContract]:
    """Up to 50 active contracts: Alpaca's default listing, or (that window can be empty on a
    weekend) those expiring from today; the check is skipped, and says so, when the target lists
    none either way."""
    today = datetime.now(UTC).date()
    contracts: list[OptionContract] = []
    for since in (None, today):
        async for page in client.list_option_contracts(
            expiration_date_gte=since, limit=50
        ).by_page():
            contracts = page.items
            break  # the first page is enough
        if contracts:
            return contracts
    reason = "the target lists no active option contract"
    RESULTS.skipped(operation, f"client: {quirk}", reason)
    pytest.skip(reason)


async def test_option_filters_are_exact(client: AsyncClient) -> None:
    """Each filter keeps exactly the contracts that match it: none that do not (soundness is also
    judged on every listing by OPTION-FILTERS) and every one that does, measured against one
    underlying's contracts of one day."""
    quirk = "option filters exact"
    contracts = await _some_contracts(client, "getOptionContracts", quirk)

    async def body() -> None:
        first = contracts[0]
        strike, day = first.strike_price_decimal, first.expiration_date
        base: dict[str, Any] = {"underlying_symbols": [first.underlying_symbol]}

        async def listed(**query: Any) -> dict[str, OptionContract]:
            found = client.list_option_contracts(**base, **query, limit=1000, max_pages=5)
            return {c.symbol: c async for c in found}

        of_day = await listed(expiration_date=day)
        assert first.symbol in of_day, f"{first.symbol} is not listed for its own day {day}"
        for c in of_day.values():
            assert c.underlying_symbol == first.underlying_symbol
            assert c.expiration_date == day, f"{c.symbol} expires {c.expiration_date}, not {day}"
            assert str(c.status) == "active", f"{c.symbol} is {c.status} without a status filter"
        kind = "call" if str(first.type_) == "call" else "put"
        narrowed: list[tuple[str, dict[str, Any], Callable[[OptionContract], bool]]] = [
            ("strike_price_gte", {"strike_price_gte": strike},
             lambda c: c.strike_price_decimal >= strike),
            ("strike_price_lte", {"strike_price_lte": strike},
             lambda c: c.strike_price_decimal <= strike),
            ("type", {"type": kind}, lambda c: str(c.type_) == kind),
            ("root_symbol", {"root_symbol": first.root_symbol},
             lambda c: c.root_symbol == first.root_symbol),
        ]  # fmt: skip
        for name, query, keeps in narrowed:
            got = set(await listed(expiration_date=day, **query))
            wanted = {symbol for symbol, c in of_day.items() if keeps(c)}
            assert got == wanted, (
                f"{name}: {sorted(wanted - got)[:3]} missing, {sorted(got - wanted)[:3]} extra"
            )
        before, after = day - timedelta(days=1), day + timedelta(days=1)
        for name, window in (  # two days each, so one underlying's listing stays a page or two
            ("expiration_date_gte", {"expiration_date_gte": before, "expiration_date_lte": day}),
            ("expiration_date_lte", {"expiration_date_gte": day, "expiration_date_lte": after}),
        ):
            missing = set(of_day) - set(await listed(**window))
            assert not missing, f"{name}: {sorted(missing)[:3]} expire {day}, not in {window}"

    await _record("getOptionContracts", quirk, body)


async def test_option_pages_follow_the_token(client: AsyncClient) -> None:
    quirk = "pages follow next_page_token without repeats or gaps"
    contracts = await _some_contracts(client, "getOptionContracts", quirk)

    async def body() -> None:
        first = contracts[0]
        query: dict[str, Any] = {
            "underlying_symbols": [first.underlying_symbol],
            "expiration_date": first.expiration_date,
        }
        whole: list[str] = []
        async for page in client.list_option_contracts(**query, limit=1000).by_page():
            whole = [c.symbol for c in page.items]
            if page.next_page_token:
                pytest.skip("more than 1,000 contracts for one underlying and day")
            break
        paged: list[str] = []
        async for page in client.list_option_contracts(**query, limit=7, max_pages=200).by_page():
            assert len(page.items) <= 7, f"a page of {len(page.items)} for limit 7"
            paged.extend(c.symbol for c in page.items)
        assert len(paged) == len(set(paged)), "a contract came on two pages"
        assert sorted(paged) == sorted(whole), "the pages are not the whole listing"

    await _record("getOptionContracts", quirk, body)


async def test_a_listed_contract_by_symbol_and_by_id(client: AsyncClient) -> None:
    quirk = "a listed contract by symbol and by id"
    contracts = await _some_contracts(client, "getOptionContract", quirk)

    async def body() -> None:
        listed = contracts[0]
        by_symbol = await client.get_option_contract(listed.symbol)
        by_id = await client.get_option_contract(listed.id)
        for fetched in (by_symbol, by_id):
            mine = fetched.to_dict()
            mine.pop("deliverables", None)
            theirs = listed.to_dict()
            theirs.pop("deliverables", None)
            assert mine == theirs, f"{listed.symbol}: the lookup differs from the listing"
        assert parse_occ(listed.symbol).strike == listed.strike_price_decimal

    await _record("getOptionContract", quirk, body)


async def test_unknown_contract_is_a_typed_404(client: AsyncClient) -> None:
    async def body() -> None:
        with pytest.raises(NotFoundError) as caught:
            await client.get_option_contract("ZZZZ990101C00001000")
        assert caught.value.code == 40410000

    await _record("getOptionContract", "unknown contract → NotFoundError 40410000", body)


async def _option_positions(client: AsyncClient) -> list[Position]:
    return [p for p in await client.list_positions() if str(p.asset_class) == "us_option"]


async def test_exercise_refusals(client: AsyncClient) -> None:
    quirk = "exercise refusals (short, no position, not a contract)"
    contracts = await _some_contracts(client, "exerciseOptionPosition", quirk)

    async def body() -> None:
        held = {p.symbol: p for p in await _option_positions(client)}
        with pytest.raises(UnprocessableEntityError) as not_a_contract:
            await client.exercise_position("AAPL")
        assert not_a_contract.value.code == 42210000
        unheld = next((c for c in contracts if c.symbol not in held), None)
        if unheld is not None:
            with pytest.raises(PermissionDeniedError) as no_position:
                await client.exercise_position(unheld.symbol)
            assert no_position.value.code == 40310000
        short = next((p for p in held.values() if p.qty_decimal < 0), None)
        if short is not None:
            with pytest.raises(PermissionDeniedError) as is_short:
                await client.exercise_position(short.symbol)
            assert is_short.value.code == 40310001
            with pytest.raises(PermissionDeniedError):
                await client.do_not_exercise_position(short.symbol)

    await _record("exerciseOptionPosition", quirk, body)


async def _long_options(client: AsyncClient, operation: str, quirk: str) -> list[Position]:
    """The long option positions with contracts available; a recorded skip when there is none."""
    _skip_closing(operation, quirk)
    longs = [
        p
        for p in await _option_positions(client)
        if p.qty_decimal > 0 and (p.qty_available_decimal or 0) > 0
    ]
    if not longs:
        reason = "needs a long option position with contracts available"
        RESULTS.skipped(operation, f"client: {quirk}", reason)
        pytest.skip(reason)
    return longs


async def test_do_not_exercise_moves_nothing(client: AsyncClient) -> None:
    """Before the exercise check, which may use up every long option of a target that is not
    reset between checks (a served mock, the paper API)."""
    quirk = "do-not-exercise is accepted and moves nothing"
    option = (await _long_options(client, "doNotExerciseOptionPosition", quirk))[0]

    async def body() -> None:
        before = {p.symbol: p.qty for p in await client.list_positions()}
        cash = (await client.get_account()).cash
        await client.do_not_exercise_position(option.symbol)
        assert {p.symbol: p.qty for p in await client.list_positions()} == before
        assert (await client.get_account()).cash == cash

    await _record("doNotExerciseOptionPosition", quirk, body)


async def test_exercise_moves_shares_and_cash_at_the_strike(client: AsyncClient) -> None:
    """One long call and one long put, where the account holds them: a call buys the shares,
    a put sells them, each at the strike."""
    quirk = "exercise moves shares and cash at the strike"
    longs = await _long_options(client, "exerciseOptionPosition", quirk)

    async def exercise(option: Position) -> None:
        contract = await client.get_option_contract(option.symbol)
        count = option.qty_available_decimal or Decimal(0)
        shares = count * contract.size_decimal * (1 if str(contract.type_) == "call" else -1)
        holdings = {p.symbol: p.qty_decimal for p in await client.list_positions()}
        cash = (await client.get_account()).cash_decimal
        await client.exercise_position(option.symbol)
        after = {p.symbol: p.qty_decimal for p in await client.list_positions()}
        left = after.get(option.symbol, Decimal(0))
        assert left == option.qty_decimal - count, f"{option.symbol}: {left} contracts left"
        underlying = contract.underlying_symbol
        moved = after.get(underlying, Decimal(0)) - holdings.get(underlying, Decimal(0))
        assert moved == shares, f"{option.symbol}: {underlying} moved by {moved}, not {shares}"
        cash_after = (await client.get_account()).cash_decimal
        if cash is not None and cash_after is not None:
            paid = shares * contract.strike_price_decimal
            assert cash - cash_after == paid, (
                f"{option.symbol}: cash moved by {cash - cash_after}, not {paid}"
            )

    async def body() -> None:
        kinds: dict[str, Position] = {}
        for option in longs:
            kinds.setdefault(parse_occ(option.symbol).type, option)
        for option in kinds.values():
            await exercise(option)

    await _record("exerciseOptionPosition", quirk, body)
