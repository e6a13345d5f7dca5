"""Options: OCC symbols, the lazy pages of option contracts, exercise and do-not-exercise, in the
client and in the mock (its chain, its defaults, its paging and its option positions)."""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
from alpaca_mock import DEFAULT_CREDENTIALS, MockConfig, SeedError, create_app
from alpaca_mock.options import default_last_expiry, fridays
from alpaca_mock.seed import load_seed, parse_seed
from alpaca_mock.served import served_mock
from alpaca_trading import (
    APIConnectionError,
    AsyncClient,
    Client,
    NotFoundError,
    OccSymbol,
    PaginationError,
    PermissionDeniedError,
    UnprocessableEntityError,
    parse_occ,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.client_helpers import ADMIN, ADMIN_TOKEN, KEY, SECRET, Script, json_response
from tests.conftest import load_fixture
from tests.spec_check import check_response

PRIMARY = DEFAULT_CREDENTIALS[0]
AUTH = {"APCA-API-KEY-ID": PRIMARY.key_id, "APCA-API-SECRET-KEY": PRIMARY.secret_key}
pytestmark = pytest.mark.anyio
WEDNESDAY_NOON = datetime.datetime(2026, 12, 9, 17, 0, tzinfo=datetime.UTC)  # 12:00 New York
WEDNESDAY_EVENING = datetime.datetime(2026, 12, 9, 22, 30, tzinfo=datetime.UTC)  # 17:30 NY
SATURDAY = datetime.datetime(2026, 12, 12, 15, 0, tzinfo=datetime.UTC)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


# ------------------------------------------------------------------ OCC symbols

_ROOTS = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=6)
_STRIKES = st.integers(min_value=1, max_value=99_999_999).map(lambda n: Decimal(n) / 1000)


@given(
    root=_ROOTS,
    day=st.dates(datetime.date(2000, 1, 1), datetime.date(2099, 12, 31)),
    kind=st.sampled_from(["call", "put"]),
    strike=_STRIKES,
)
def test_an_occ_symbol_reads_back_what_was_written(
    root: str, day: datetime.date, kind: Any, strike: Decimal
) -> None:
    symbol = OccSymbol(root, day, kind, strike)
    text = str(symbol)
    assert len(text) == len(root) + 15
    again = parse_occ(text)
    assert again == symbol
    assert str(again) == text


def test_an_occ_symbol_is_read_exactly() -> None:
    occ = parse_occ("AAPL250620C00190000")
    assert (occ.root, occ.expiration, occ.type, occ.strike) == (
        "AAPL",
        datetime.date(2025, 6, 20),
        "call",
        Decimal("190"),
    )
    assert parse_occ("SPXW261218P05000125").strike == Decimal("5000.125")
    assert parse_occ("AAPL1250620P00002500").root == "AAPL1"  # an adjusted contract's root
    assert str(OccSymbol("SPY", datetime.date(2026, 12, 11), "put", Decimal("510"))) == (
        "SPY261211P00510000"
    )


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("aapl250620C00190000", "capital letters"),
        ("AAPL250631C00190000", "not a date"),
        ("AAPL250620X00190000", "C or P"),
        ("AAPL250620C0019000", "8 digits"),
        ("TOOLONGX250620C00190000", "1 to 6"),
        ("AAPL250620C00000000", "above 0"),
        ("AAPL 250620C00190000", "root"),
        ("x" * 10_000, "root"),
    ],
)
def test_a_malformed_occ_symbol_is_refused_naming_the_rule(text: str, rule: str) -> None:
    with pytest.raises(ValueError, match=rule) as caught:
        parse_occ(text)
    assert len(str(caught.value)) < 400  # the input is cut, never echoed whole


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (("aapl", datetime.date(2026, 1, 2), "call", Decimal(1)), ValueError),
        (("AAPL", datetime.date(2026, 1, 2), "Call", Decimal(1)), ValueError),
        (("AAPL", datetime.date(2026, 1, 2), "call", Decimal("1.0005")), ValueError),
        (("AAPL", datetime.date(2026, 1, 2), "call", 1.5), TypeError),
        (("AAPL", datetime.date(2026, 1, 2), "call", Decimal(0)), ValueError),
        (("AAPL", "2026-01-02", "call", Decimal(1)), TypeError),
    ],
)
def test_a_bad_occ_symbol_cannot_be_built(arguments: tuple[Any, ...], error: type) -> None:
    with pytest.raises(error):
        OccSymbol(*arguments)
    with pytest.raises(TypeError):
        parse_occ(5)  # type: ignore[arg-type]


# ------------------------------------------------------------------ the client's pages


def _page(symbols: list[str], token: str | None) -> dict[str, Any]:
    optional = {"open_interest", "open_interest_date", "close_price", "close_price_date"}
    contract = {
        key: value
        for key, value in load_fixture("option_contract.json").items()
        if key not in optional | {"symbol", "deliverables"}
    }
    return {
        "option_contracts": [dict(contract, symbol=s) for s in symbols],
        "next_page_token": token,
    }


def test_pages_are_fetched_only_as_the_iteration_reaches_them() -> None:
    script = Script(
        json_response(200, _page(["A1", "A2"], "MQ==")),
        json_response(200, _page(["A3"], "Mg==")),
        json_response(200, _page(["A4"], None)),
    )
    with Client(KEY, SECRET, transport=script.sync()) as client:
        contracts = client.list_option_contracts(underlying_symbols=["AAPL"], limit=2)
        assert script.paths() == []  # nothing is sent before the iteration starts
        iterator = iter(contracts)
        assert next(iterator).symbol == "A1"
        assert len(script.paths()) == 1
        assert [c.symbol for c in iterator] == ["A2", "A3", "A4"]
    sent = [httpx.URL(p) for p in script.paths()]
    assert [u.params.get("page_token") for u in sent] == [None, "MQ==", "Mg=="]
    assert all(u.params["underlying_symbols"] == "AAPL" for u in sent)
    assert all(u.params["limit"] == "2" for u in sent)


def test_a_page_at_a_time_and_resuming_from_a_token() -> None:
    script = Script(json_response(200, _page(["B3"], None)))
    with Client(KEY, SECRET, transport=script.sync()) as client:
        pages = list(client.list_option_contracts(page_token="Mg==").by_page())
    assert [[c.symbol for c in p.items] for p in pages] == [["B3"]]
    assert pages[0].next_page_token is None
    assert httpx.URL(script.paths()[0]).params["page_token"] == "Mg=="


@pytest.mark.parametrize(
    ("answers", "said"),
    [
        ([_page(["C1"], "MQ=="), _page(["C2"], "MQ==")], "twice"),
        ([_page(["C1"], "x" * 5000)], "characters"),
        ([_page(["C1"], "MQ=="), _page(["C2"], "Mg=="), _page(["C3"], "Mw==")], "max_pages=2"),
    ],
)
def test_pages_that_never_end_stop_with_a_pagination_error(
    answers: list[dict[str, Any]], said: str
) -> None:
    script = Script(*(json_response(200, a) for a in answers))
    seen: list[str] = []

    def read_all(client: Client) -> None:
        seen.extend(contract.symbol for contract in client.list_option_contracts(max_pages=2))

    with (
        Client(KEY, SECRET, transport=script.sync()) as client,
        pytest.raises(PaginationError, match=said),
    ):
        read_all(client)
    assert seen  # what came before the error was delivered


async def test_the_async_pages_are_the_same() -> None:
    script = Script(
        json_response(200, _page(["D1"], "MQ==")), json_response(200, _page(["D2"], None))
    )
    async with AsyncClient(KEY, SECRET, transport=httpx.MockTransport(script._next)) as client:
        symbols = [c.symbol async for c in client.list_option_contracts(type="put")]
    assert symbols == ["D1", "D2"]
    assert httpx.URL(script.paths()[0]).params["type"] == "put"


@pytest.mark.parametrize(
    ("filters", "error", "named"),
    [
        ({"underlying_symbols": "AAPL"}, TypeError, "underlying_symbols"),
        ({"expiration_date": "2026-12-11"}, TypeError, "expiration_date"),
        ({"expiration_date_gte": datetime.datetime(2026, 12, 11)}, TypeError, "no time"),
        ({"strike_price_gte": 100.5}, TypeError, "float"),
        ({"strike_price_lte": "-1"}, ValueError, "0 or more"),
        ({"limit": 0}, ValueError, "limit"),
        ({"limit": 10_001}, ValueError, "limit"),
        ({"ppind": "yes"}, TypeError, "ppind"),
        ({"type": "calls,puts"}, ValueError, "type"),
        ({"page_token": ""}, ValueError, "page_token"),
        ({"max_pages": 0}, ValueError, "max_pages"),
    ],
)
def test_bad_filters_are_refused_before_anything_is_sent(
    filters: dict[str, Any], error: type, named: str
) -> None:
    script = Script()
    with (
        Client(KEY, SECRET, transport=script.sync()) as client,
        pytest.raises(error, match=named),
    ):
        client.list_option_contracts(**filters)
    assert script.paths() == []


def test_filters_are_sent_exactly() -> None:
    script = Script(json_response(200, _page([], None)))
    with Client(KEY, SECRET, transport=script.sync()) as client:
        list(
            client.list_option_contracts(
                underlying_symbols=("AAPL", "SPY"),
                status="inactive",
                expiration_date_gte=datetime.date(2026, 12, 1),
                expiration_date_lte=datetime.date(2026, 12, 31),
                strike_price_gte=Decimal("0.000000001"),
                strike_price_lte="512.5",
                ppind=False,
                show_deliverables=True,
                style="american",
            )
        )
    params = dict(httpx.URL(script.paths()[0]).params)
    assert params == {
        "underlying_symbols": "AAPL,SPY",
        "status": "inactive",
        "expiration_date_gte": "2026-12-01",
        "expiration_date_lte": "2026-12-31",
        "strike_price_gte": "0.000000001",
        "strike_price_lte": "512.5",
        "ppind": "false",
        "show_deliverables": "true",
        "style": "american",
    }


def test_exercise_is_a_post_without_body_never_resent() -> None:
    script = Script(httpx.ReadError("dropped"), httpx.Response(200, headers={}))
    with Client(KEY, SECRET, transport=script.sync(), max_retries=3) as client:
        with pytest.raises(APIConnectionError, match="not resent"):
            client.exercise_position("AAPL261218C00230000")
        assert len(script.paths()) == 1  # dropped after it was sent: never sent again
        raw = client.with_raw_response.do_not_exercise_position("AAPL261218C00230000")
    assert (raw.status_code, raw.parsed) == (200, None)
    assert script.paths()[-1] == "/v2/positions/AAPL261218C00230000/do-not-exercise"


# ------------------------------------------------------------------ the mock's chain


def _mock(clock: datetime.datetime | None = WEDNESDAY_NOON, **config: Any) -> httpx.AsyncClient:
    app = create_app(
        MockConfig(
            rate_limit_per_minute=None,
            admin_enabled=True,
            admin_token=ADMIN_TOKEN,
            clock=clock,
            **config,
        )
    )

    async def checked(response: httpx.Response) -> None:
        await response.aread()
        check_response(response)

    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://127.0.0.1",
        headers={**ADMIN, **AUTH},
        event_hooks={"response": [checked]},
    )


@pytest.fixture
async def mock() -> AsyncIterator[httpx.AsyncClient]:
    async with _mock() as client:
        yield client


async def _all(mock: httpx.AsyncClient, **query: Any) -> list[dict[str, Any]]:
    contracts: list[dict[str, Any]] = []
    token = None
    for _ in range(1000):
        params = dict(query, **({"page_token": token} if token else {}))
        page = (await mock.get("/v2/options/contracts", params=params)).json()
        contracts.extend(page["option_contracts"])
        token = page["next_page_token"]
        if token is None:
            return contracts
    raise AssertionError("pages without end")


@pytest.mark.parametrize("clock", [WEDNESDAY_NOON, SATURDAY], ids=["wednesday", "saturday"])
async def test_by_default_only_active_contracts_expiring_by_the_weekend(
    clock: datetime.datetime,
) -> None:
    async with _mock(clock) as mock:
        listed = await _all(mock)
    today = clock.date()
    last = default_last_expiry(today)
    assert listed
    assert all(c["status"] == "active" for c in listed)
    assert {c["expiration_date"] for c in listed} == {fridays(today)[2].isoformat()}
    assert all(today.isoformat() <= c["expiration_date"] <= last.isoformat() for c in listed)


async def test_the_chain_has_calls_and_puts_past_and_coming_expiries(
    mock: httpx.AsyncClient,
) -> None:
    active = await _all(mock, expiration_date_gte="2000-01-01")
    inactive = await _all(mock, status="inactive", expiration_date_gte="2000-01-01")
    today = WEDNESDAY_NOON.date().isoformat()
    assert {c["type"] for c in active} == {"call", "put"}
    assert all(c["expiration_date"] >= today and c["tradable"] for c in active)
    assert inactive
    assert all(c["expiration_date"] < today and not c["tradable"] for c in inactive)
    assert {c["underlying_symbol"] for c in active} == {"AAPL", "MSFT", "GME", "SPY", "RIVN"}
    for c in active[:50]:
        occ = parse_occ(c["symbol"])
        assert (occ.root, occ.expiration.isoformat(), occ.type) == (
            c["root_symbol"],
            c["expiration_date"],
            c["type"],
        )
        assert occ.strike == Decimal(c["strike_price"])


@settings(deadline=None, max_examples=15)
@given(limit=st.integers(min_value=1, max_value=60))
async def test_pages_never_overlap_and_add_up_to_the_whole(limit: int) -> None:
    async with _mock() as mock:
        query = {"underlying_symbols": "AAPL,SPY", "expiration_date_gte": "2026-01-01"}
        whole = (await mock.get("/v2/options/contracts", params={**query, "limit": 10_000})).json()
        paged: list[str] = []
        token = None
        while True:
            params: dict[str, str | int] = {**query, "limit": limit}
            if token:
                params["page_token"] = token
            page = (await mock.get("/v2/options/contracts", params=params)).json()
            assert len(page["option_contracts"]) <= limit
            paged.extend(c["symbol"] for c in page["option_contracts"])
            token = page["next_page_token"]
            if token is None:
                break
    assert whole["next_page_token"] is None
    assert paged == [c["symbol"] for c in whole["option_contracts"]]
    assert len(paged) == len(set(paged))


async def test_every_filter_is_exact(mock: httpx.AsyncClient) -> None:
    everything = await _all(mock, expiration_date_gte="2000-01-01")
    cases: list[tuple[dict[str, Any], Any]] = [
        ({"type": "put"}, lambda c: c["type"] == "put"),
        ({"root_symbol": "GME"}, lambda c: c["root_symbol"] == "GME"),
        ({"underlying_symbols": "MSFT,RIVN"}, lambda c: c["underlying_symbol"] in {"MSFT", "RIVN"}),
        ({"strike_price_gte": "230", "strike_price_lte": "240"},
         lambda c: Decimal(230) <= Decimal(c["strike_price"]) <= Decimal(240)),
        ({"expiration_date": "2026-12-18"}, lambda c: c["expiration_date"] == "2026-12-18"),
        ({"style": "european"}, lambda c: False),
    ]  # fmt: skip
    for extra, keeps in cases:
        got = await _all(mock, expiration_date_gte="2000-01-01", **extra)
        want = [c["symbol"] for c in everything if keeps(c)]
        assert [c["symbol"] for c in got] == want, extra


async def test_a_contract_by_symbol_and_by_id_with_its_deliverables(
    mock: httpx.AsyncClient,
) -> None:
    listed = (await _all(mock))[0]
    assert "deliverables" not in listed
    with_deliverables = (
        await mock.get("/v2/options/contracts", params={"show_deliverables": "true"})
    ).json()["option_contracts"][0]
    assert with_deliverables["deliverables"][0]["amount"] == "100"
    for key in (listed["symbol"], listed["id"]):
        one = (await mock.get(f"/v2/options/contracts/{key}")).json()
        assert one == with_deliverables
    missing = await mock.get("/v2/options/contracts/ZZZZ990101C00001000")
    assert (missing.status_code, missing.json()["code"]) == (404, 40410000)


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"page_token": "bm90LWEtbnVtYmVy"}, "page_token"),
        ({"expiration_date": "2026-02-30"}, "expiration_date"),
        ({"limit": "0"}, "limit"),
        ({"limit": "10001"}, "limit"),
        ({"type": "calls"}, "type"),
        ({"strike_price_gte": "1e3"}, "strike_price_gte"),
    ],
)
async def test_bad_list_parameters_are_422_naming_them(
    mock: httpx.AsyncClient, query: dict[str, str], named: str
) -> None:
    answer = await mock.get("/v2/options/contracts", params=query)
    assert answer.status_code == 422
    assert named in answer.json()["message"]


# ------------------------------------------------------------------ option positions


async def _options_held(mock: httpx.AsyncClient) -> dict[str, dict[str, Any]]:
    positions = (await mock.get("/v2/positions")).json()
    return {p["symbol"]: p for p in positions if p["asset_class"] == "us_option"}


async def test_option_positions_count_a_hundred_shares_a_contract(
    mock: httpx.AsyncClient,
) -> None:
    held = await _options_held(mock)
    assert len(held) == 3
    assert sorted(p["side"] for p in held.values()) == ["long", "long", "short"]
    for p in held.values():
        qty, price = Decimal(p["qty"]), Decimal(p["current_price"])
        assert Decimal(p["market_value"]) == qty * price * 100
        assert Decimal(p["cost_basis"]) == qty * Decimal(p["avg_entry_price"]) * 100
        assert p["exchange"] == ""
        asset = (await mock.get(f"/v2/assets/{p['asset_id']}")).json()
        assert (asset["symbol"], asset["class"]) == (p["symbol"], "us_option")


async def test_exercising_a_long_call_buys_the_shares_at_the_strike(
    mock: httpx.AsyncClient,
) -> None:
    call = next(
        s for s, p in (await _options_held(mock)).items() if "C" in s[-9:] and p["side"] == "long"
    )
    occ = parse_occ(call)
    contracts = int((await mock.get(f"/v2/positions/{call}")).json()["qty"])
    shares_before = Decimal((await mock.get("/v2/positions/AAPL")).json()["qty"])
    cash_before = Decimal((await mock.get("/v2/account")).json()["cash"])
    answer = await mock.post(f"/v2/positions/{call}/exercise")
    assert (answer.status_code, answer.content) == (200, b"")
    assert "content-type" not in answer.headers
    assert (await mock.get(f"/v2/positions/{call}")).status_code == 404
    shares = Decimal((await mock.get("/v2/positions/AAPL")).json()["qty"])
    assert shares - shares_before == contracts * 100
    cash = Decimal((await mock.get("/v2/account")).json()["cash"])
    assert cash_before - cash == contracts * 100 * occ.strike


async def test_exercising_a_long_put_sells_the_shares_it_did_not_have(
    mock: httpx.AsyncClient,
) -> None:
    put = next(s for s, p in (await _options_held(mock)).items() if "P" in s[-9:])
    occ = parse_occ(put)
    cash_before = Decimal((await mock.get("/v2/account")).json()["cash"])
    assert (await mock.post(f"/v2/positions/{put}/exercise")).status_code == 200
    spy = (await mock.get("/v2/positions/SPY")).json()  # the primary account held no SPY
    assert (spy["qty"], spy["side"], Decimal(spy["avg_entry_price"])) == (
        "-100",
        "short",
        occ.strike,
    )
    assert Decimal((await mock.get("/v2/account")).json()["cash"]) - cash_before == 100 * occ.strike


async def test_exercise_refusals_change_nothing(mock: httpx.AsyncClient) -> None:
    held = await _options_held(mock)
    short = next(s for s, p in held.items() if p["side"] == "short")
    unheld = next(c["symbol"] for c in await _all(mock) if c["symbol"] not in held)
    before = (await mock.get("/v2/positions")).json()
    for path, status, code in [
        (f"{short}/exercise", 403, 40310001),
        (f"{short}/do-not-exercise", 403, 40310001),
        (f"{unheld}/exercise", 403, 40310000),
        ("AAPL/exercise", 422, 42210000),
        ("not-a-thing/do-not-exercise", 422, 42210000),
    ]:
        answer = await mock.post(f"/v2/positions/{path}")
        assert (answer.status_code, answer.json()["code"]) == (status, code), path
    assert (await mock.get("/v2/positions")).json() == before


async def test_no_exercise_between_the_close_and_midnight() -> None:
    async with _mock(WEDNESDAY_EVENING) as mock:
        call = next(s for s, p in (await _options_held(mock)).items() if p["side"] == "long")
        refused = await mock.post(f"/v2/positions/{call}/exercise")
        assert refused.status_code == 403
        assert "between market close and midnight" in refused.json()["message"]
        assert (await mock.post(f"/v2/positions/{call}/do-not-exercise")).status_code == 200
        moved = await mock.put("/_mock/clock", json={"at": "2026-12-10T15:00:00Z"})
        assert moved.json() == {"at": "2026-12-10T15:00:00+00:00", "fixed": True}
        assert (await mock.post(f"/v2/positions/{call}/exercise")).status_code == 200


async def test_do_not_exercise_is_recorded_for_the_admin_api(mock: httpx.AsyncClient) -> None:
    held = await _options_held(mock)
    long = sorted(s for s, p in held.items() if p["side"] == "long")
    for symbol in long:
        assert (await mock.post(f"/v2/positions/{symbol}/do-not-exercise")).status_code == 200
    listed = (await mock.get("/_mock/do-not-exercise")).json()
    assert listed == [{"account_id": PRIMARY.account_id, "symbol": s} for s in long]
    assert await _options_held(mock) == held  # nothing moved


async def test_closing_an_option_position_is_a_day_order_for_contracts(
    mock: httpx.AsyncClient,
) -> None:
    long = next(s for s, p in (await _options_held(mock)).items() if p["side"] == "long")
    order = (await mock.delete(f"/v2/positions/{long}", params={"qty": "1"})).json()
    assert (order["symbol"], order["asset_class"], order["time_in_force"]) == (
        long,
        "us_option",
        "day",
    )


@pytest.mark.parametrize(
    ("position", "rule"),
    [
        (
            {"underlying": "AAPL", "type": "call", "strike": "231", "weeks": 1},
            "no call on AAPL at 231",
        ),
        ({"underlying": "BRK.B", "type": "call", "strike": "400", "weeks": 1}, "has_options"),
        ({"underlying": "AAPL", "type": "straddle", "strike": "230", "weeks": 1}, "call or put"),
        ({"underlying": "AAPL", "type": "call", "strike": "230", "weeks": 7}, "weeks"),
        (
            {"underlying": "AAPL", "type": "call", "strike": "230", "weeks": 1, "qty": "1.5"},
            "whole",
        ),
    ],
)
async def test_a_seed_option_position_the_chain_lacks_is_refused_naming_it(
    position: dict[str, Any], rule: str
) -> None:
    document = _seed_document()
    document["accounts"][0]["option_positions"] = [{"qty": "1", "avg_entry_price": "2", **position}]
    async with _mock() as mock:
        answer = await mock.post("/_mock/seed", json=document)
        assert answer.status_code == 422
        assert "option_positions[0]" in answer.json()["message"]
        assert rule in answer.json()["message"]
        assert len(await _options_held(mock)) == 3  # the old world is served on


def _seed_document() -> dict[str, Any]:
    import yaml
    from alpaca_mock.seed import DEFAULT_SEED_PATH

    document: dict[str, Any] = yaml.safe_load(DEFAULT_SEED_PATH.read_text(encoding="utf-8"))
    return document


def test_the_built_in_seed_holds_long_and_short_options() -> None:
    seed = load_seed()
    kinds = {(o.type, o.qty > 0) for a in seed.accounts for o in a.option_positions}
    assert {("call", True), ("put", True), ("call", False)} <= kinds
    with pytest.raises(SeedError, match="underlying"):
        parse_seed(
            {**_seed_document(), "accounts": [
                {**_seed_document()["accounts"][0],
                 "option_positions": [{"underlying": "NOPE", "type": "call", "strike": "1",
                                       "qty": "1", "avg_entry_price": "1"}]}
            ]},
            "test seed",
        )  # fmt: skip


# ------------------------------------------------------------------ the sync client, served


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    with served_mock("--rate-limit", "off", "--clock", "2026-12-09T17:00:00Z") as url:
        yield url


def test_the_sync_client_lists_gets_and_exercises_against_the_served_mock(served: str) -> None:
    with Client(PRIMARY.key_id, PRIMARY.secret_key, base_url=served) as client:
        contracts = list(
            client.list_option_contracts(underlying_symbols=["SPY"], type="put", limit=3)
        )
        assert contracts
        assert all(str(c.type_) == "put" and c.underlying_symbol == "SPY" for c in contracts)
        one = client.get_option_contract(contracts[0].symbol)
        assert one.strike_price_decimal == parse_occ(one.symbol).strike
        assert one.deliverables
        with pytest.raises(NotFoundError):
            client.get_option_contract("ZZZZ990101C00001000")
        with pytest.raises(UnprocessableEntityError):
            client.exercise_position("AAPL")
        options = [p for p in client.list_positions() if str(p.asset_class) == "us_option"]
        short = next(p for p in options if p.qty_decimal < 0)
        with pytest.raises(PermissionDeniedError) as refused:
            client.exercise_position(short.symbol)
        assert refused.value.code == 40310001
        long = next(p for p in options if p.qty_decimal > 0)
        client.do_not_exercise_position(long.symbol)
        client.exercise_position(long.symbol)
        assert long.symbol not in {p.symbol for p in client.list_positions()}


def test_alpaca_py_option_calls_work_against_the_served_mock() -> None:
    """alpaca-py's get_option_contracts, get_option_contract and exercise_options_position
    against our mock (alpaca-py comes with the bench extra: skipped without it)."""
    trading = pytest.importorskip("alpaca.trading.client")
    requests_module = pytest.importorskip("alpaca.trading.requests")
    with served_mock("--rate-limit", "off", "--clock", "2026-12-09T17:00:00Z") as url:
        client = trading.TradingClient(
            PRIMARY.key_id, PRIMARY.secret_key, paper=True, url_override=url
        )
        request = requests_module.GetOptionContractsRequest(underlying_symbols=["AAPL"], limit=5)
        page = client.get_option_contracts(request)
        assert page.option_contracts
        assert len(page.option_contracts) <= 5
        assert page.next_page_token
        first = page.option_contracts[0]
        assert client.get_option_contract(first.symbol).symbol == first.symbol
        assert str(client.get_option_contract(first.id).id) == str(first.id)
        longs = [
            p
            for p in client.get_all_positions()
            if str(p.asset_class.value) == "us_option" and str(p.side.value) == "long"
        ]
        client.exercise_options_position(longs[0].symbol)
        held = {p.symbol for p in client.get_all_positions()}
        assert longs[0].symbol not in held
