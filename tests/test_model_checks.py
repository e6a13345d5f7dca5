"""Checks of the behaviour model judged on single bodies: they hold of every real-shaped body
we keep (tests/fixtures, from Alpaca's docs and live answers) and fail, naming the field, on
bodies that break them. Inputs that vary are drawn by Hypothesis."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from alpaca_conformance.invariants import judge
from alpaca_conformance.relations import cash_moved, equity_kept, uneven_percentage, whole_units
from hypothesis import given
from hypothesis import strategies as st

FIXTURES = Path(__file__).resolve().parent / "fixtures"

OPERATION_OF = {
    "account": "getAccount",
    "asset": "getAsset",
    "assets": "getAssets",
    "positions": "getAllOpenPositions",
    "position": "getOpenPosition",
    "order": "deleteOpenPosition",
    "close": "deleteAllOpenPositions",
    "option": "getOptionContract",
    "error": "getAccount",
}


class _Answer:
    """What an invariant reads of a response: status, headers, JSON."""

    def __init__(self, body: object, status: int = 200) -> None:
        self.status_code, self.body = status, body
        self.headers: dict[str, str] = {}

    def json(self) -> object:
        return self.body


def _verdicts(operation: str, body: object, status: int = 200) -> dict[str, str | None]:
    """Each check that applied, by promise id: None when it held, else why not."""
    answer = _Answer(body, status)
    return {promise.id: why for _, promise, why in judge(operation, answer, answer)}


def _fixture_cases() -> list[tuple[str, str, int]]:
    cases = []
    for path in sorted(FIXTURES.glob("*.json")):
        stem = path.stem
        kind = stem.split("_")[0]
        status = int(stem.split("_")[1]) if kind == "error" else 200
        cases.append((path.name, OPERATION_OF[kind], status))
    return cases


@pytest.mark.parametrize(("fixture", "operation", "status"), _fixture_cases())
# Not POSITION-INTRADAY: unverified, and the fixtures' intraday percentages were written by hand.
@pytest.mark.parametrize("promise", ["IDS-RANDOM", "POSITION-RATIOS", "ACCOUNT-CASH-BUYING-POWER"])
def test_real_shaped_bodies_keep_the_promises(
    fixture: str, operation: str, status: int, promise: str
) -> None:
    body = json.loads((FIXTURES / fixture).read_text())
    assert _verdicts(operation, body, status).get(promise) is None


ACCOUNT = json.loads((FIXTURES / "account_live.json").read_text())
POSITION = json.loads((FIXTURES / "position_short.json").read_text())


@given(st.integers(min_value=0, max_value=2**128 - 1))
def test_ids_are_judged_by_their_version_and_variant(number: int) -> None:
    """Every id is judged: it passes exactly when it is a version-4 RFC 4122 UUID (or nil)."""
    text = str(uuid.UUID(int=number))
    parsed = uuid.UUID(text)
    random = parsed.version == 4 and parsed.variant == uuid.RFC_4122
    why = _verdicts("getAccount", {**ACCOUNT, "id": text})["IDS-RANDOM"]
    if random or number == 0:
        assert why is None
    else:
        assert why is not None
        assert f"body.id = '{text}'" in why


@given(st.integers(min_value=0, max_value=2**128 - 1))
def test_every_random_id_passes_wherever_it_is(number: int) -> None:
    text = str(uuid.UUID(int=number, version=4))
    body = {**POSITION, "asset_id": text.upper()}
    assert _verdicts("getOpenPosition", body)["IDS-RANDOM"] is None


_CENTS = st.decimals(min_value=Decimal("-9999"), max_value=Decimal("9999"), places=2)


@given(pl=_CENTS, base=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=2))
def test_the_day_s_percentage_has_the_sign_of_the_day_s_pl(pl: Decimal, base: Decimal) -> None:
    plpc = (pl / base).quantize(Decimal("0.0000001"))
    kept = {**POSITION, "unrealized_intraday_pl": str(pl), "unrealized_intraday_plpc": str(plpc)}
    assert _verdicts("getOpenPosition", kept)["POSITION-RATIOS"] is None
    if plpc != 0:
        broken = {**kept, "unrealized_intraday_plpc": str(-plpc)}
        why = _verdicts("getOpenPosition", broken)["POSITION-RATIOS"]
        assert why is not None
        assert "unrealized_intraday_plpc" in why


@given(
    cash=st.decimals(min_value=Decimal("-1000"), max_value=Decimal("1000000"), places=2),
    power=st.decimals(min_value=Decimal("-1000"), max_value=Decimal("4000000"), places=2),
    incoming=st.decimals(min_value=Decimal(0), max_value=Decimal("1000"), places=2),
)
def test_a_cash_account_spends_no_more_than_its_cash(
    cash: Decimal, power: Decimal, incoming: Decimal
) -> None:
    body = {**ACCOUNT, "multiplier": "1", "cash": str(cash), "buying_power": str(power),
            "pending_transfer_in": str(incoming)}  # fmt: skip
    why = _verdicts("getAccount", body)["ACCOUNT-CASH-BUYING-POWER"]
    if 0 <= power <= max(cash, Decimal(0)) + incoming:
        assert why is None
    else:
        assert why is not None
        assert f"buying_power {power}" in why


def test_a_margin_account_s_buying_power_is_not_held_to_its_cash() -> None:
    """Multiplier 2 and 4: Alpaca's formula today is not known (ref §8), so no check applies."""
    body = {**ACCOUNT, "buying_power": "488043.19", "cash": "1"}
    assert "ACCOUNT-CASH-BUYING-POWER" not in _verdicts("getAccount", body)


def test_the_day_s_percentage_is_over_the_value_at_the_close() -> None:
    """POSITION-INTRADAY (unverified, so a warning): AAPL held since yesterday, 10 x 227.92."""
    aapl = json.loads((FIXTURES / "positions.json").read_text())[0]
    assert _verdicts("getOpenPosition", aapl)["POSITION-INTRADAY"] is None
    doubled = {**aapl, "unrealized_intraday_plpc": "0.0107933040631800"}
    why = _verdicts("getOpenPosition", doubled)["POSITION-INTRADAY"]
    assert why is not None
    assert "unrealized_intraday_plpc 0.0107933040631800" in why


@given(
    cash=st.decimals(min_value=Decimal("-50000"), max_value=Decimal("50000"), places=2),
    values=st.lists(
        st.decimals(min_value=Decimal("-9000"), max_value=Decimal("9000"), places=2),
        min_size=1,
        max_size=6,
    ),
    moved=st.decimals(min_value=Decimal("-0.2"), max_value=Decimal("0.2"), places=3),
)
def test_close_all_keeps_equity_within_what_prices_move(
    cash: Decimal, values: list[Decimal], moved: Decimal
) -> None:
    """CLOSE-ALL-EFFECT: each position sold at its value x (1 + moved): kept within 5 %."""
    listed = [{"market_value": str(v)} for v in values]
    equity = cash + sum(values, Decimal(0))
    after = cash + sum((v * (1 + moved) for v in values), Decimal(0))
    found = equity_kept({"equity": str(equity)}, {"equity": str(after)}, listed)
    gross = sum((abs(v) for v in values), Decimal(0))
    if abs(after - equity) <= gross * Decimal("0.05") + Decimal("0.01"):
        assert found == []
    else:
        assert len(found) == 1
        assert f"equity went from {equity} to {after}" in found[0]


@given(
    stock=st.decimals(min_value=Decimal("100"), max_value=Decimal("9000"), places=2),
    option=st.decimals(min_value=Decimal("-3000"), max_value=Decimal("3000"), places=2),
    fill=st.decimals(min_value=Decimal(0), max_value=Decimal(3), places=2),
)
def test_close_all_lets_an_option_fill_anywhere_from_nothing_to_twice_its_value(
    stock: Decimal, option: Decimal, fill: Decimal
) -> None:
    """CLOSE-ALL-EFFECT: an option's last value can be far from its bid and ask, so its fill
    may take all of its value either way; a stock's still only 5 %."""
    listed = [
        {"market_value": str(stock), "asset_class": "us_equity"},
        {"market_value": str(option), "asset_class": "us_option"},
    ]
    equity = stock + option
    after = stock + option * fill  # the stock at its value, the option at `fill` x its value
    found = equity_kept({"equity": str(equity)}, {"equity": str(after)}, listed)
    room = abs(option) + stock * Decimal("0.05") + Decimal("0.01")
    assert (found == []) == (abs(option) * abs(fill - 1) <= room)
    if fill <= 2:
        assert found == []
    # both sold a cent beyond their room: the stock's 5 % and all of the option's value
    below = equity - room - Decimal("0.01")
    assert equity_kept({"equity": str(equity)}, {"equity": str(below)}, listed) != []


@pytest.mark.parametrize(
    ("asset_class", "moved", "judged"),
    [
        ("us_equity", "-2.10", []),  # a sale of 1 at 2.00 for 2.10: within 5 %
        ("us_equity", "-2.50", ["cash moved -2.50 for a fill of -1 at about 2.00"]),
        ("us_option", "-350.00", []),  # 1 contract of 100 at 2.00 bought back for 3.50
        ("us_option", "-450.00", ["cash moved -450.00 for a fill of -1 at about 2.00"]),
        ("us_option", "-0.02", []),  # taken back for 2 cents: an option can be nearly worthless
    ],
)
def test_a_close_moves_cash_by_its_class_s_share(
    asset_class: str, moved: str, judged: list[str]
) -> None:
    """CLOSE-EFFECT: buying back 1 unit of a short (a stock's unit is a share, an option's 100)."""
    short = {"symbol": "X", "asset_class": asset_class, "current_price": "2.00", "qty": "-3"}
    cash0 = Decimal(1000)
    assert cash_moved("X", short, Decimal(-1), cash0, cash0 + Decimal(moved)) == [
        f"X: {j}" for j in judged
    ]


def test_close_all_keeps_equity_whatever_the_account_body_lacks() -> None:
    assert equity_kept({}, {"equity": "1"}, []) == []
    assert equity_kept({"equity": "1"}, None, []) == []


@given(
    qty=st.one_of(
        st.integers(min_value=2, max_value=10**9).map(Decimal),
        st.decimals(min_value=Decimal(2), max_value=Decimal(10**6), places=9),
    ),
    short=st.booleans(),
)
def test_the_scenario_s_percentage_leaves_a_whole_position_something_to_round(
    qty: Decimal, short: bool
) -> None:
    """The suite's percentage close asks for about half, in at most 9 decimals, and (but for
    quantities no such percentage splits unevenly) for a share that is not whole units."""
    signed = -qty if short else qty
    percentage = uneven_percentage(signed)
    assert Decimal(50) <= percentage <= Decimal("50.5")
    assert percentage == percentage.quantize(Decimal("1e-9"))
    share = qty * percentage / 100
    if percentage != 50:
        assert share != share.to_integral_value()
    assert share >= 1


@pytest.mark.parametrize(
    ("qty", "ordered", "fraction"),
    [
        ("100", "50", False),
        ("100", "50.5", True),
        ("-300", "151.5", True),
        ("-300", "151", False),
        ("10.5", "5.3025", False),
        ("40", "20.000000000", False),
    ],
)
def test_a_whole_position_closes_in_whole_units(qty: str, ordered: str, fraction: bool) -> None:
    """CLOSE-PERCENTAGE-WHOLE: a fraction ordered from a position in whole units is named;
    never for crypto, where any amount is a fraction of nothing."""
    found = whole_units({"symbol": "X", "qty": qty, "asset_class": "us_equity"}, {"qty": ordered})
    assert bool(found) == fraction
    assert whole_units({"symbol": "X", "qty": qty, "asset_class": "crypto"}, {"qty": ordered}) == []
    if fraction:
        assert f"X: a percentage of {qty.lstrip('-')} (whole units) ordered {ordered}" in found[0]
