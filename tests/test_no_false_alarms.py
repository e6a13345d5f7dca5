"""No false alarms: servers that differ from our mock only in what Alpaca allows pass the suite.

Each server is in tests/benign_mocks.py with the reason its variation is allowed. Also here:
the fill model those servers use (delayed fills, a market that closes, a settable clock) and
the rate-limit reset judged against the moment the answer arrived, not a later clock.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from alpaca_conformance.invariants import judge
from alpaca_mock import DEFAULT_CREDENTIALS, MockConfig, create_app
from alpaca_mock.clock import MarketClock, new_york, parse_moment

from tests import benign_mocks

ROOT = Path(__file__).resolve().parent.parent
BENIGN = [
    "fields_reordered_and_added",
    "decimals_rendered_otherwise",
    "timestamps_with_offsets_and_nanoseconds",
    "headers_in_other_case_with_extras",
    "compressed_answers",
    "fills_a_second_later",
    "market_closed_for_the_weekend",
]


@pytest.mark.parametrize("variant", BENIGN)
def test_the_suite_passes_a_server_alpaca_could_be(variant: str, tmp_path: Path) -> None:
    assert getattr(benign_mocks, variant).__doc__, "each variation says why it is allowed"
    result = subprocess.run(
        [sys.executable, "-m", "alpaca_conformance", "-q", "--report-dir", str(tmp_path),
         "--app", f"tests.benign_mocks:{variant}"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    outcomes = json.loads((tmp_path / "results.json").read_text())
    failed = [f"{o['operation']}: {o['check']}" for o in outcomes if o["status"] == "failed"]
    assert result.returncode == 0, failed or result.stdout[-3000:] + result.stderr[-3000:]


async def _close_and_read(
    config: MockConfig, symbol: str, qty: str = "1"
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]]:
    app = create_app(config)
    first = DEFAULT_CREDENTIALS[0]
    headers = {"APCA-API-KEY-ID": first.key_id, "APCA-API-SECRET-KEY": first.secret_key}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://mock", headers=headers
    ) as http:
        before = (await http.get(f"/v2/positions/{symbol}")).json()
        cash = (await http.get("/v2/account")).json()
        order = (await http.delete(f"/v2/positions/{symbol}", params={"qty": qty})).json()
        after = (await http.get(f"/v2/positions/{symbol}")).json()
        cash_after = (await http.get("/v2/account")).json()
    return before, order, after, {"before": cash["cash"], "after": cash_after["cash"]}


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_on_a_saturday_an_equity_close_is_held_and_crypto_fills(anyio_backend: str) -> None:
    saturday = MockConfig(rate_limit_per_minute=None, clock=benign_mocks.SATURDAY)
    before, order, after, cash = await _close_and_read(saturday, "AAPL")
    assert order["status"] == "accepted"
    assert after["qty"] == before["qty"]
    assert Decimal(after["qty_available"]) == Decimal(before["qty_available"]) - 1
    assert cash["after"] == cash["before"]
    before, _, after, cash = await _close_and_read(saturday, "BTCUSD", "0.001")
    assert Decimal(after["qty"]) == Decimal(before["qty"]) - Decimal("0.001")  # 24/7
    assert cash["after"] != cash["before"]


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_a_delayed_fill_holds_then_moves(anyio_backend: str) -> None:
    config = MockConfig(rate_limit_per_minute=None, fill_delay_seconds=0.2)
    before, _, after, _ = await _close_and_read(config, "AAPL")
    assert after["qty"] == before["qty"]  # held for 0.2 s


@pytest.mark.parametrize(
    ("moment", "equity_open"),
    [
        ("2026-12-04T15:00:00Z", True),  # Friday 10:00 New York (EST)
        ("2026-12-04T14:29:59Z", False),  # Friday 9:29:59
        ("2026-12-04T21:00:00Z", False),  # Friday 16:00: closed
        ("2026-07-06T13:30:00Z", True),  # Monday 9:30 EDT
        ("2026-07-06T13:29:00Z", False),
        ("2026-12-05T15:00:00Z", False),  # Saturday
    ],
)
def test_the_market_clock_knows_new_york_hours(moment: str, equity_open: bool) -> None:
    clock = MarketClock(parse_moment(moment))
    assert clock.is_open("us_equity") is equity_open
    assert clock.is_open("crypto")


def test_new_york_time_follows_daylight_saving() -> None:
    assert new_york(datetime(2026, 3, 8, 6, 59, tzinfo=UTC)).hour == 1  # EST
    assert new_york(datetime(2026, 3, 8, 7, 0, tzinfo=UTC)).hour == 3  # EDT from 2:00
    assert new_york(datetime(2026, 11, 1, 6, 0, tzinfo=UTC)).hour == 1  # EST again


@pytest.mark.parametrize("text", ["2026-12-05", "2026-12-05T15:00:00", "soon", "9" * 100])
def test_a_bad_clock_is_refused_by_name(text: str) -> None:
    with pytest.raises(ValueError, match="--clock"):
        parse_moment(text)


class _Answer:
    def __init__(self, reset: float) -> None:
        self.status_code = 200
        self.headers = {
            "x-ratelimit-limit": "200",
            "x-ratelimit-remaining": "199",
            "x-ratelimit-reset": str(int(reset)),
        }

    def json(self) -> object:
        return {}


def _rate_limit_verdict(answer: _Answer, received_at: float | None) -> str | None:
    found = [v for n, _, v in judge("getAccount", answer, answer, received_at=received_at)
             if n.startswith("HEADERS-RATE-LIMIT")]  # fmt: skip
    return found[0]


def test_the_reset_is_judged_when_the_answer_arrived_not_after_slow_checks() -> None:
    """A server slow enough that the checks after an answer take 30 s (2 s asset lookups,
    several requests per case) must not have its reset judged against the later clock."""
    arrived = time.time() - 30
    answer = _Answer(reset=arrived + 1)
    assert _rate_limit_verdict(answer, received_at=arrived) is None
    assert _rate_limit_verdict(answer, received_at=None) is not None  # judged late: wrong


def test_order_timestamps_in_other_offsets_are_compared_as_moments() -> None:
    """10:00:01-05:00 is after 15:00:00Z: RFC 3339 offsets are the same instant written
    otherwise, so comparing the text would be a false alarm."""
    from alpaca_conformance.invariants import _order_problems

    order = {"id": "o", "type": "market", "side": "sell", "status": "accepted",
             "created_at": "2026-12-04T15:00:00Z"}  # fmt: skip
    assert not list(_order_problems({**order, "updated_at": "2026-12-04T10:00:01-05:00"}))
    late = list(_order_problems({**order, "submitted_at": "2026-12-04T09:59:59-05:00"}))
    assert late == [
        "order o: submitted_at 2026-12-04T09:59:59-05:00 before created_at 2026-12-04T15:00:00Z"
    ]
