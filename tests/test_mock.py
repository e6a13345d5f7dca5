"""The mock behaves like Alpaca's paper API; every response it sends here is checked against
the spec (tests/spec_check.py)."""

from __future__ import annotations

import datetime
import json
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from alpaca_mock import DEFAULT_CREDENTIALS, MockConfig, SeedError, create_app
from alpaca_mock.params import fast_check, load_query_parameters
from alpaca_mock.seed import load_seed, parse_seed
from alpaca_mock.served import served_mock
from alpaca_trading.spec import spec_path
from alpaca_trading_api import Client as GeneratedClient
from alpaca_trading_api.api.account import get_account
from alpaca_trading_api.models import Account
from hypothesis import given
from hypothesis import strategies as st

from tests.client_helpers import ADMIN, ADMIN_TOKEN
from tests.spec_check import check_response

PRIMARY, SECONDARY = DEFAULT_CREDENTIALS[0], DEFAULT_CREDENTIALS[1]
AUTH = {"APCA-API-KEY-ID": PRIMARY.key_id, "APCA-API-SECRET-KEY": PRIMARY.secret_key}
pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def _checked(response: httpx.Response) -> None:
    await response.aread()
    check_response(response)


def mock_client(
    config: MockConfig | None = None, headers: dict[str, str] | None = None, **kw: Any
) -> httpx.AsyncClient:
    app = create_app(
        config
        or MockConfig(rate_limit_per_minute=None, admin_enabled=True, admin_token=ADMIN_TOKEN)
    )
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, **kw),
        base_url="http://127.0.0.1",
        headers={**ADMIN, **(AUTH if headers is None else headers)},
        event_hooks={"response": [_checked]},
    )


@pytest.fixture
async def mock() -> AsyncIterator[httpx.AsyncClient]:
    async with mock_client() as client:
        yield client


# ------------------------------------------------------------------ auth and headers


async def test_missing_keys_403_wrong_keys_401_bearer_accepted() -> None:
    async with mock_client(headers={}) as anonymous:
        answer = await anonymous.get("/v2/account")
        assert (answer.status_code, answer.json()) == (403, {"message": "forbidden."})
        wrong = {"APCA-API-KEY-ID": PRIMARY.key_id, "APCA-API-SECRET-KEY": "nope"}
        answer = await anonymous.get("/v2/account", headers=wrong)
        assert (answer.status_code, answer.json()) == (401, {"message": "unauthorized."})
        answer = await anonymous.get("/v2/account", headers={"Authorization": "Bearer nope"})
        assert answer.status_code == 401
        answer = await anonymous.get(
            "/v2/account", headers={"Authorization": f"Bearer {PRIMARY.oauth_token}"}
        )
        assert answer.json()["id"] == PRIMARY.account_id


async def test_an_account_never_sees_another_accounts_data(mock: httpx.AsyncClient) -> None:
    second = {"APCA-API-KEY-ID": SECONDARY.key_id, "APCA-API-SECRET-KEY": SECONDARY.secret_key}
    mine = {p["symbol"] for p in (await mock.get("/v2/positions")).json()}
    theirs = {p["symbol"] for p in (await mock.get("/v2/positions", headers=second)).json()}
    assert mine
    assert theirs
    assert not (mine & theirs)
    assert (await mock.get("/v2/positions/SPY")).status_code == 404
    assert (await mock.delete("/v2/positions/SPY")).status_code == 404
    assert (await mock.get("/v2/account", headers=second)).json()["id"] == SECONDARY.account_id


async def test_every_answer_carries_request_id_and_rate_limit_headers(
    mock: httpx.AsyncClient,
) -> None:
    answers = [
        await mock.get("/v2/account"),
        await mock.get("/v2/positions/NOPE"),
        await mock.get("/v2/positions/BTC/USD"),
        await mock.get("/v2/account", headers={"APCA-API-SECRET-KEY": "x"}),
        await mock.put("/v2/account"),
    ]
    for answer in answers:
        assert re.fullmatch(r"[0-9a-f]{32}", answer.headers["x-request-id"])
        for name in ("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"):
            assert int(answer.headers[name]) >= 0
    assert answers[2].text == "Not Found"
    assert answers[2].headers["content-type"].startswith("text/plain")
    assert answers[4].status_code == 405
    assert answers[4].headers["allow"] == "GET"


async def test_rate_limit_per_account() -> None:
    async with mock_client(MockConfig(rate_limit_per_minute=3)) as mock:
        remaining = [
            int((await mock.get("/v2/account")).headers["x-ratelimit-remaining"]) for _ in range(3)
        ]
        assert remaining == [2, 1, 0]
        limited = await mock.get("/v2/account")
        assert limited.status_code == 429
        assert limited.json() == {"code": 42910000, "message": "rate limit exceeded"}
        second = {"APCA-API-KEY-ID": SECONDARY.key_id, "APCA-API-SECRET-KEY": SECONDARY.secret_key}
        assert (await mock.get("/v2/account", headers=second)).status_code == 200


# ------------------------------------------------------------------ assets


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=inactive", {"SRNE"}),
        ("asset_class=crypto", {"BTC/USD", "ETH/USD", "SOL/USD"}),
        ("exchange=ARCA", {"SPY"}),
        ("attributes=ipo,ptp_no_exception", {"ARM", "GLD"}),
        ("status=active&exchange=NYSE", {"GME", "BRK.B"}),
    ],
)
async def test_asset_filters(mock: httpx.AsyncClient, query: str, expected: set[str]) -> None:
    answer = await mock.get(f"/v2/assets?{query}")
    assert {a["symbol"] for a in answer.json()} == expected


@pytest.mark.parametrize(
    "key", ["AAPL", "b0b6dd9d-8b9b-48a9-ba46-b9d54906e415", "037833100", "BTC%2FUSD", "BTCUSD"]
)
async def test_asset_lookup_by_symbol_id_cusip_and_pair(mock: httpx.AsyncClient, key: str) -> None:
    answer = await mock.get(f"/v2/assets/{key}")
    assert answer.status_code == 200
    assert answer.json()["symbol"] in {"AAPL", "BTC/USD"}


async def test_unknown_asset_and_bad_filter(mock: httpx.AsyncClient) -> None:
    answer = await mock.get("/v2/assets/NOPE")
    assert answer.json() == {"code": 40410000, "message": "asset not found for NOPE"}
    answer = await mock.get("/v2/assets?status=halted")
    assert answer.status_code == 422
    assert answer.json()["code"] == 40010001
    assert "status" in answer.json()["message"]


# ------------------------------------------------------------------ positions and account


async def test_positions_by_symbol_and_asset_id_crypto_keyed_without_slash(
    mock: httpx.AsyncClient,
) -> None:
    assert (await mock.get("/v2/positions/BTCUSD")).json()["exchange"] == "CRYPTO"
    by_legacy_id = await mock.get("/v2/positions/64bbff51-59d6-4b3c-9351-13ad85e3c752")
    assert by_legacy_id.json()["symbol"] == "BTCUSD"
    encoded = await mock.get("/v2/positions/BTC%2FUSD")
    assert encoded.json() == {"code": 40410000, "message": "position does not exist"}
    short = (await mock.get("/v2/positions/GME")).json()
    assert short["side"] == "short"
    assert Decimal(short["qty"]) < 0
    assert Decimal(short["market_value"]) < 0
    unpriced = (await mock.get("/v2/positions/XYZQ")).json()
    assert unpriced["current_price"] is None
    assert unpriced["market_value"] is None


async def test_account_figures_follow_cash_and_positions(mock: httpx.AsyncClient) -> None:
    account = (await mock.get("/v2/account")).json()
    positions = (await mock.get("/v2/positions")).json()
    values = [Decimal(p["market_value"]) for p in positions if p["market_value"] is not None]
    longs = sum((v for v in values if v > 0), Decimal(0))
    shorts = sum((v for v in values if v < 0), Decimal(0))
    assert Decimal(account["long_market_value"]) == longs
    assert Decimal(account["short_market_value"]) == shorts
    assert Decimal(account["equity"]) == Decimal(account["cash"]) + longs + shorts
    assert account["multiplier"] == "4"
    excess = Decimal(account["equity"]) - Decimal(account["initial_margin"])
    assert Decimal(account["buying_power"]) == excess * 4

    aapl = (await mock.get("/v2/positions/AAPL")).json()
    order = (await mock.delete("/v2/positions/AAPL", params={"qty": "2.5"})).json()
    after = (await mock.get("/v2/account")).json()
    assert Decimal(after["cash"]) == Decimal(account["cash"]) + Decimal("2.5") * Decimal(
        aapl["current_price"]
    )
    assert order["status"] == "accepted"
    assert order["filled_qty"] == "0"
    assert Decimal((await mock.get("/v2/positions/AAPL")).json()["qty"]) == Decimal("8")


# ------------------------------------------------------------------ closing


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("qty=1&percentage=10", "qty and percentage"),
        ("qty=0", "qty"),
        ("percentage=0", "percentage"),
        ("percentage=100.5", "percentage"),
        ("qty=1.0000000001", "qty"),
        ("qty=abc", "qty"),
        ("qty=1&qty=2", "qty"),
    ],
)
async def test_close_validation_names_the_parameter(
    mock: httpx.AsyncClient, query: str, names: str
) -> None:
    answer = await mock.delete(f"/v2/positions/AAPL?{query}")
    assert answer.status_code == 422
    assert answer.json()["code"] == 40010001
    assert names in answer.json()["message"]


async def test_more_than_available_is_403_with_details(mock: httpx.AsyncClient) -> None:
    answer = await mock.delete("/v2/positions/AAPL", params={"qty": "11"})
    assert answer.status_code == 403
    body = answer.json()
    assert body["code"] == 40310000
    assert (body["available"], body["existing_qty"], body["held_for_orders"]) == (
        "10.5",
        "10.5",
        "0",
    )


@pytest.mark.parametrize(
    ("symbol", "side", "intent", "tif", "order_symbol"),
    [
        ("AAPL", "sell", "sell_to_close", "day", "AAPL"),
        ("GME", "buy", "buy_to_close", "day", "GME"),
        ("BTCUSD", "sell", "sell_to_close", "gtc", "BTC/USD"),
    ],
)
async def test_whole_close_returns_the_closing_order_and_removes_the_position(
    mock: httpx.AsyncClient, symbol: str, side: str, intent: str, tif: str, order_symbol: str
) -> None:
    position = (await mock.get(f"/v2/positions/{symbol}")).json()
    order = (await mock.delete(f"/v2/positions/{symbol}")).json()
    assert (order["side"], order["position_intent"], order["time_in_force"]) == (side, intent, tif)
    assert order["symbol"] == order_symbol
    assert order["type"] == "market"
    assert order["order_class"] == ""
    assert Decimal(order["qty"]) == abs(Decimal(position["qty"]))
    assert (await mock.get(f"/v2/positions/{symbol}")).status_code == 404


async def test_percentage_of_whole_shares_rounds_down(mock: httpx.AsyncClient) -> None:
    order = (await mock.delete("/v2/positions/GME", params={"percentage": "33.3"})).json()
    assert order["qty"] == "99"  # 300 x 33.3 % = 99.9, rounded down to whole shares
    assert (await mock.get("/v2/positions/GME")).json()["qty"] == "-201"


async def test_close_all_207_mixed_then_empty(mock: httpx.AsyncClient) -> None:
    answer = await mock.delete("/v2/positions")
    assert answer.status_code == 207
    statuses = {
        ("option" if len(entry["symbol"]) > 15 else entry["symbol"]): entry["status"]
        for entry in answer.json()
    }
    assert statuses == {
        "AAPL": 200,
        "GME": 200,
        "MSFT": 200,
        "BTCUSD": 200,
        "ETHUSD": 200,
        "XYZQ": 422,
        "option": 200,  # the seed's three option positions (long call, long put, short call)
    }
    assert sum(len(entry["symbol"]) > 15 for entry in answer.json()) == 3
    remaining = (await mock.get("/v2/positions")).json()
    assert [p["symbol"] for p in remaining] == ["XYZQ"]
    async with mock_client(
        headers={"APCA-API-KEY-ID": SECONDARY.key_id, "APCA-API-SECRET-KEY": SECONDARY.secret_key}
    ) as second:
        assert (await second.delete("/v2/positions")).status_code == 207
        empty = await second.delete("/v2/positions")
        assert (empty.status_code, empty.json()) == (207, [])


async def test_pending_orders_hold_quantity_until_cancelled() -> None:
    config = MockConfig(rate_limit_per_minute=None, fill_delay_seconds=3600)
    async with mock_client(config) as mock:
        order = (await mock.delete("/v2/positions/MSFT", params={"qty": "15"})).json()
        held = (await mock.get("/v2/positions/MSFT")).json()
        assert (held["qty"], held["qty_available"]) == ("40", "25")
        refused = (await mock.delete("/v2/positions")).json()
        msft = next(e for e in refused if e["symbol"] == "MSFT")
        assert msft["status"] == 403
        assert msft["body"]["held_for_orders"] == "15"
        assert msft["body"]["related_orders"] == [order["id"]]
        released = (await mock.delete("/v2/positions", params={"cancel_orders": "true"})).json()
        assert next(e for e in released if e["symbol"] == "MSFT")["status"] == 200


async def test_every_positions_asset_id_leads_to_its_asset(mock: httpx.AsyncClient) -> None:
    positions = (await mock.get("/v2/positions")).json()
    assert any(p["asset_class"] == "crypto" for p in positions)
    for position in positions:
        asset = await mock.get(f"/v2/assets/{position['asset_id']}")
        assert asset.status_code == 200, position["symbol"]
        assert asset.json()["symbol"].replace("/", "") == position["symbol"]
        assert asset.json()["class"] == position["asset_class"]


@pytest.mark.parametrize(
    ("spelling", "cancels"),
    [(s, True) for s in ("1", "t", "T", "TRUE", "true", "True")]
    + [(s, False) for s in ("0", "f", "F", "FALSE", "false", "False")],
)
async def test_cancel_orders_reads_booleans_as_go_parsebool_does(
    spelling: str, cancels: bool
) -> None:
    config = MockConfig(rate_limit_per_minute=None, fill_delay_seconds=3600)
    async with mock_client(config) as mock:
        await mock.delete("/v2/positions/MSFT", params={"qty": "15"})  # holds 15 of 40
        answer = await mock.delete("/v2/positions", params={"cancel_orders": spelling})
        assert answer.status_code == 207
        msft = next(e for e in answer.json() if e["symbol"] == "MSFT")
        assert msft["status"] == (200 if cancels else 403)


@pytest.mark.parametrize("spelling", ["yes", "on", "tRUE", "2", "", " true", "true "])
async def test_other_boolean_spellings_are_a_422_naming_the_parameter(
    mock: httpx.AsyncClient, spelling: str
) -> None:
    before = (await mock.get("/v2/positions")).json()
    answer = await mock.delete("/v2/positions", params={"cancel_orders": spelling})
    assert answer.status_code == 422
    assert "cancel_orders" in answer.json()["message"]
    assert (await mock.get("/v2/positions")).json() == before  # nothing was closed


# ------------------------------------------------------------------ prices and admin


async def test_price_walk_is_reproducible_and_prices_can_be_set() -> None:
    prices = []
    for _ in range(2):
        async with mock_client() as mock:
            assert (await mock.post("/_mock/prices/walk", json={"steps": 25})).status_code == 200
            prices.append((await mock.get("/v2/positions/AAPL")).json()["current_price"])
    assert prices[0] == prices[1] != "229.15"
    async with mock_client() as mock:
        assert (await mock.put("/_mock/prices/AAPL", json={"price": "300"})).status_code == 200
        assert (await mock.get("/v2/positions/AAPL")).json()["current_price"] == "300"
        bad = await mock.put("/_mock/prices/AAPL", json={"price": 300})
        assert bad.status_code == 422
        assert "price" in bad.json()["message"]


async def test_admin_api_is_off_by_default_and_loopback_only() -> None:
    async with mock_client(MockConfig()) as mock:
        assert (await mock.post("/_mock/reset")).status_code == 404
    async with mock_client(client=("10.1.2.3", 4000)) as remote:
        assert (await remote.post("/_mock/reset")).status_code == 403
    async with mock_client(
        MockConfig(admin_enabled=True, admin_allow_remote=True, admin_token=ADMIN_TOKEN),
        client=("10.1.2.3", 4000),
    ) as remote:
        assert (await remote.post("/_mock/reset")).status_code == 200


def test_seed_errors_name_the_field(tmp_path: Path) -> None:
    good = load_seed()
    assert len(good.accounts) == 2
    cases = {
        "accounts: []\nassets: []\n": "accounts: must list at least one account",
        (
            "assets:\n  - {id: nope, class: us_equity, exchange: NYSE, symbol: X, name: X}\n"
            "accounts: []\n"
        ): "assets[0].id: must be a UUID",
    }
    for text, message in cases.items():
        path = tmp_path / "seed.yaml"
        path.write_text(text)
        with pytest.raises(SeedError, match=re.escape(message)):
            load_seed(path)
    with pytest.raises(
        SeedError, match=r"accounts\[0\].positions\[0\].qty: must be a decimal string"
    ):
        parse_seed(
            {
                "assets": [
                    {
                        "id": "b0b6dd9d-8b9b-48a9-ba46-b9d54906e415",
                        "class": "us_equity",
                        "exchange": "NYSE",
                        "symbol": "X",
                        "name": "X",
                    }
                ],
                "accounts": [
                    {
                        "name": "a",
                        "key_id": "k",
                        "secret_key": "s",
                        "account_id": "904837e3-3b76-47ec-b432-046db621571b",
                        "cash": "1",
                        "positions": [{"symbol": "X", "qty": "ten", "avg_entry_price": "1"}],
                    }
                ],
            },
            "test",
        )


# ------------------------------------------------------------------ over real HTTP


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    with served_mock("--admin", "--rate-limit", "off", admin_token=ADMIN_TOKEN) as url:
        yield url


def _read_and_check(response: httpx.Response) -> None:
    response.read()
    check_response(response)


def _http(url: str) -> httpx.Client:
    return httpx.Client(
        base_url=url, headers={**AUTH, **ADMIN}, event_hooks={"response": [_read_and_check]}
    )


def test_the_generated_client_talks_to_the_served_mock(served: str) -> None:
    client = GeneratedClient(base_url=served, headers=AUTH)
    account = get_account.sync(client=client)
    assert isinstance(account, Account)
    assert account.id is not None


def test_concurrent_closes_never_close_a_share_twice(served: str) -> None:
    with _http(served) as http:
        http.post("/_mock/reset").raise_for_status()
        price = Decimal(http.get("/v2/positions/AAPL").json()["current_price"])
        cash = Decimal(http.get("/v2/account").json()["cash"])
    statuses: list[int] = []

    def close_half() -> None:
        with httpx.Client(base_url=served, headers=AUTH) as http:
            for _ in range(3):
                statuses.append(
                    http.delete("/v2/positions/AAPL", params={"qty": "0.5"}).status_code
                )

    threads = [threading.Thread(target=close_half) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses.count(200) == 21  # 10.5 shares in 0.5 steps, never more
    assert set(statuses) <= {200, 403, 404}
    with _http(served) as http:
        assert http.get("/v2/positions/AAPL").status_code == 404
        assert Decimal(http.get("/v2/account").json()["cash"]) == cash + Decimal("10.5") * price
        orders = [o for o in http.get("/_mock/orders").json() if o["symbol"] == "AAPL"]
        assert sum(Decimal(o["filled_qty"]) for o in orders) == Decimal("10.5")


@pytest.mark.parametrize(
    ("fault", "outcome"),
    [
        ({"status": 503}, "503-html"),
        ({"status": 500}, "500-json"),
        ({"drop": "before"}, "dropped"),
        ({"drop": "after"}, "dropped"),
        ({"body": "truncated"}, "bad-json"),
        ({"body": "malformed"}, "bad-json"),
        ({"latency": 0.3}, "slow"),
    ],
)
def test_fault_injection_over_http(served: str, fault: dict[str, Any], outcome: str) -> None:
    with httpx.Client(base_url=served, headers={**AUTH, **ADMIN}, timeout=5) as http:
        http.post("/_mock/reset").raise_for_status()
        http.post(
            "/_mock/faults", json={"operation": "getAccount", "times": 1, **fault}
        ).raise_for_status()
        if outcome == "dropped":
            with pytest.raises(httpx.RemoteProtocolError):
                http.get("/v2/account")
        else:
            answer = http.get("/v2/account")
            if outcome == "503-html":
                assert answer.status_code == 503
                assert answer.headers["content-type"].startswith("text/html")
            elif outcome == "500-json":
                assert answer.json() == {"code": 50010000, "message": "internal server error"}
            elif outcome == "bad-json":
                with pytest.raises(json.JSONDecodeError):
                    json.loads(answer.content)
            else:
                assert answer.elapsed.total_seconds() >= 0.3
        assert http.get("/v2/account").status_code == 200  # times: 1 — the next call is clean
        bad = http.post("/_mock/faults", json={"status": 418})
        assert bad.status_code == 422
        assert "status" in bad.json()["message"]


def test_cli_prints_url_and_never_a_user_seed_secret(tmp_path: Path) -> None:
    seed = tmp_path / "seed.yaml"
    text = (Path(__file__).parents[1] / "contract_tests/alpaca_mock/default_seed.yaml").read_text()
    seed.write_text(text.replace("mock-secret-primary-0001", "user-secret-XYZ-123"))
    process = subprocess.Popen(
        [sys.executable, "-m", "alpaca_mock", "--seed", str(seed), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        lines = [first, process.stdout.readline(), process.stdout.readline()]
    finally:
        process.terminate()
        rest, _ = process.communicate(timeout=10)
    output = "".join(lines) + rest
    assert re.search(r"serving http://127\.0\.0\.1:\d+", first)
    assert PRIMARY.key_id in output
    assert "user-secret-XYZ-123" not in output
    missing = subprocess.run(
        [sys.executable, "-m", "alpaca_mock", "--seed", str(tmp_path / "missing.yaml")],
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    assert missing.returncode == 2
    assert "missing.yaml: cannot be read" in missing.stderr


async def test_the_positions_list_follows_every_change(mock: httpx.AsyncClient) -> None:
    """GET /v2/positions is rendered once per state; every change must show."""
    first = (await mock.get("/v2/positions")).json()
    assert (await mock.get("/v2/positions")).json() == first
    await mock.delete("/v2/positions/AAPL", params={"qty": "1"})
    after_close = {p["symbol"]: p for p in (await mock.get("/v2/positions")).json()}
    assert after_close["AAPL"]["qty"] == "9.5"
    await mock.put("/_mock/prices/MSFT", json={"price": "500"})
    after_price = {p["symbol"]: p for p in (await mock.get("/v2/positions")).json()}
    assert after_price["MSFT"]["current_price"] == "500"
    await mock.delete("/v2/positions/MSFT")
    assert "MSFT" not in {p["symbol"] for p in (await mock.get("/v2/positions")).json()}


async def test_with_the_rate_limit_off_requests_count_but_never_exhaust() -> None:
    """Off: nothing is refused and the headers never say exhausted, yet every request is
    counted as Alpaca counts it (remaining falls by one), so a client's accounting holds."""
    async with mock_client() as mock:  # rate_limit_per_minute=None
        remaining = []
        for _ in range(205):
            answer = await mock.get("/v2/account")
            assert answer.status_code == 200
            remaining.append(int(answer.headers["x-ratelimit-remaining"]))
        limit = int(answer.headers["x-ratelimit-limit"])
        assert limit >= 1_000_000
        assert min(remaining) > 0
        resets = answer.headers["x-ratelimit-reset"]
        tail = remaining[-5:]  # a window may have reset once within the 205
        assert tail == list(range(tail[0], tail[0] - 5, -1)), (tail, resets)


async def test_a_shorter_window_resets_sooner() -> None:
    config = MockConfig(rate_limit_per_minute=3, rate_limit_window_seconds=2)
    async with mock_client(config) as mock:
        answers = [await mock.get("/v2/account") for _ in range(4)]
        assert [a.status_code for a in answers] == [200, 200, 200, 429]
        reset = int(answers[-1].headers["x-ratelimit-reset"])
        assert reset % 2 == 0
        assert 0 < reset - time.time() <= 2


_PARAMETERS = [
    parameter
    for operation in load_query_parameters(spec_path()).values()
    for parameter in operation.values()
]
_VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["0.5", "1", "100", "1\n", "0.0000000001", "active", "CRYPTO", "ipo", ""]),
    st.lists(st.sampled_from(["ipo", "has_options", "nope", ""]), max_size=4),
    st.lists(st.text(max_size=8), max_size=3),
    st.booleans(),
    st.integers(),
)


@given(index=st.integers(min_value=0, max_value=len(_PARAMETERS) - 1), value=_VALUES)
def test_the_fast_query_check_agrees_with_jsonschema(index: int, value: object) -> None:
    parameter = _PARAMETERS[index]
    assert parameter.fast is not None  # every query parameter of the spec has one
    assert parameter.fast(value) == parameter.validator.is_valid(value), (parameter.name, value)


def test_a_schema_with_other_keywords_has_no_fast_check() -> None:
    assert fast_check({"type": "string", "multipleOf": 3}) is None
    assert fast_check({"type": "number"}) is None
    assert (
        fast_check({"type": "array", "items": {"type": "string", "format": "x", "not": {}}}) is None
    )


@given(value=_VALUES)
def test_the_fast_check_of_lengths_and_bounds_agrees_with_jsonschema(value: object) -> None:
    from jsonschema import Draft4Validator

    for schema in (
        {"type": "string", "minLength": 2, "maxLength": 5},
        {"type": "integer", "minimum": 1, "maximum": 100},
        {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 3}},
    ):
        fast = fast_check(schema)
        assert fast is not None
        assert fast(value) == Draft4Validator(schema).is_valid(value), (schema, value)


@given(st.integers(min_value=0, max_value=2**128 - 1))
def test_order_ids_are_the_uuid4_that_uuid_itself_would_make(number: int) -> None:
    import uuid

    from alpaca_mock.world import uuid4_text

    assert uuid4_text(number) == str(uuid.UUID(int=number, version=4))


# From the year 1000 on: before it glibc's strftime writes "999-..." where RFC 3339 (and
# isoformat, used now) writes "0999-...".
@given(st.datetimes(min_value=datetime.datetime(1000, 1, 1), timezones=st.just(datetime.UTC)))
def test_timestamps_read_as_strftime_would_write_them(moment: datetime.datetime) -> None:
    from alpaca_mock.ledger import timestamp

    assert timestamp(moment) == moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


async def test_the_order_history_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from alpaca_mock import ledger

    monkeypatch.setattr(ledger, "MAX_ORDER_HISTORY", 3)
    async with mock_client() as mock:
        ids = []
        for _ in range(5):
            answer = await mock.delete("/v2/positions/BTCUSD", params={"qty": "0.000000001"})
            ids.append(answer.json()["id"])
        orders = (await mock.get("/_mock/orders")).json()
        assert [o["id"] for o in orders if o["symbol"] == "BTC/USD"] == ids[-3:]


def test_ctrl_c_stops_the_served_mock_with_one_line_and_130() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "alpaca_mock", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    url = re.search(r"serving (http://\S+)", process.stdout.readline())
    assert url is not None
    assert httpx.get(f"{url.group(1)}/v2/account").status_code == 403  # serving, no keys
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 130
    assert errors.strip().splitlines()[-1] == "alpaca-mock: stopped (Ctrl-C)"
    assert "Traceback" not in errors
