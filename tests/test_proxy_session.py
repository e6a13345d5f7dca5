"""The proxy's session model: a realistic trading session through the proxy, judged across
exchanges, and each kind of fault one exchange or a whole session shows.

The session is what a user's bot does: read the account, the assets and one, the positions,
close part of a position by qty and another by percentage, look at each, read the account
and the positions again, close everything, look again. Against our mock it is clean; against
a mock with one fault each, the report names the promise broken, the exchanges involved in
order, and the exit code is 1.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from alpaca_mock import MockConfig, create_app

from tests.broken_mocks import BodyRewriter, Scope
from tests.test_proxy import SECONDARY, _no_secret_anywhere, _report, through_proxy


def trading_session(http: httpx.Client) -> list[int]:
    """The session, 14 requests; the statuses it got."""
    calls = [
        ("GET", "/v2/account", {}),
        ("GET", "/v2/assets", {"status": "active"}),
        ("GET", "/v2/assets/AAPL", {}),
        ("GET", "/v2/positions", {}),
        ("DELETE", "/v2/positions/AAPL", {"qty": "1"}),
        ("GET", "/v2/positions/AAPL", {}),
        ("DELETE", "/v2/positions/MSFT", {"percentage": "50"}),
        ("GET", "/v2/positions/MSFT", {}),
        ("GET", "/v2/account", {}),
        ("GET", "/v2/positions", {}),
        ("DELETE", "/v2/positions", {"cancel_orders": "true"}),
        ("GET", "/v2/positions", {}),
        ("GET", "/v2/positions/AAPL", {}),
        ("GET", "/v2/account", {}),
    ]
    return [http.request(m, path, params=params).status_code for m, path, params in calls]


SESSION_CHECKS = {
    ("deleteOpenPosition", "CLOSE-ORDER: the close order matches the position"),
    ("deleteOpenPosition", "CLOSE-PERCENTAGE: a percentage closes that share"),
    ("getOpenPosition", "CLOSE-EFFECT: a close holds, then moves qty and cash"),
    ("getAccount", "CLOSE-EFFECT: a close holds, then moves qty and cash"),
    ("deleteAllOpenPositions", "CLOSE-ALL: one entry per position, each as it should be"),
    ("getAllOpenPositions", "CLOSE-ALL-EFFECT: close-all leaves nothing available"),
    ("getAllOpenPositions", "ACCOUNT-POSITIONS: market values are the positions' sums"),
    ("getOpenPosition", "POSITION-LOOKUP: one position by symbol and by asset id"),
    ("getAccount", "HEADERS-ACROSS-CALLS: request ids differ, remaining falls in a window"),
    ("getAsset", "ASSET-LOOKUP: one asset by every key"),
    ("getAllOpenPositions", "POSITION-ASSET: a position's asset is the one its id names"),
}


def test_a_clean_session_passes_every_relation_it_exercises(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    with through_proxy(create_app(MockConfig()), reports) as (proxy, http):
        statuses = trading_session(http)
    assert statuses == [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 207, 200, 404, 200]
    assert proxy.exit_code == 0, proxy.output
    assert "WARNING" not in proxy.output, proxy.output
    assert "VIOLATION" not in proxy.output, proxy.output
    _, results, _ = _report(reports)
    for key in SESSION_CHECKS:
        assert results.get(key) == "passed", (key, sorted(k for k in results if "CLOSE" in k[1]))


# ------------------------------------------------------------------ faults, one each


def _first_seen(edit: Callable[[Scope, int, Any, dict[str, Any]], tuple[int, Any]]) -> BodyRewriter:
    memory: dict[str, Any] = {}
    return BodyRewriter(lambda scope, status, data: edit(scope, status, data, memory))


def close_all_misses_a_position() -> BodyRewriter:
    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if scope["method"] == "DELETE" and scope["path"] == "/v2/positions" and data:
            return status, data[:-1]
        return status, data

    return BodyRewriter(edit)


def closed_position_still_served() -> BodyRewriter:
    def edit(scope: Scope, status: int, data: Any, seen: dict[str, Any]) -> tuple[int, Any]:
        path = scope["path"]
        if scope["method"] == "GET" and path.startswith("/v2/positions/"):
            if status == 200:
                seen.setdefault(path, data)
            elif status == 404 and path in seen:
                return 200, seen[path]  # the position as it was before it was closed
        return status, data

    return _first_seen(edit)


def cash_never_moves() -> BodyRewriter:
    def edit(scope: Scope, status: int, data: Any, seen: dict[str, Any]) -> tuple[int, Any]:
        if scope["path"] == "/v2/account" and status == 200:
            cash = seen.setdefault("cash", data["cash"])
            moved = float(data["cash"]) - float(cash)
            data["cash"] = cash
            data["equity"] = f"{float(data['equity']) - moved:.2f}"  # equity stays consistent
            data["portfolio_value"] = data["equity"]
        return status, data

    return _first_seen(edit)


def other_accounts_positions() -> BodyRewriter:
    rewriter: BodyRewriter

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if scope["method"] == "GET" and scope["path"] == "/v2/positions" and status == 200:
            other = json.loads(rewriter.world.books[SECONDARY.account_id].positions_body())
            return status, [*data, *other]
        return status, data

    rewriter = BodyRewriter(edit)
    return rewriter


def timestamp_without_offset() -> BodyRewriter:
    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if scope["method"] == "DELETE" and status == 200 and isinstance(data, dict):
            data["created_at"] = data["created_at"].rstrip("Z")[:19]
        return status, data

    return BodyRewriter(edit)


def equity_not_cash_plus_values() -> BodyRewriter:
    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if scope["path"] == "/v2/account" and status == 200:
            data["equity"] = f"{float(data['equity']) + 250:.2f}"
            data["portfolio_value"] = data["equity"]
        return status, data

    return BodyRewriter(edit)


def position_for_another_symbol() -> BodyRewriter:
    rewriter: BodyRewriter

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if scope["method"] == "GET" and scope["path"] == "/v2/positions/MSFT" and status == 200:
            book = next(iter(rewriter.world.books.values()))
            return status, book.position_json(book.find("GME"))
        return status, data

    rewriter = BodyRewriter(edit)
    return rewriter


def not_found_without_code() -> BodyRewriter:
    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if status == 404 and isinstance(data, dict):
            return status, {"message": data.get("message", "not found")}
        return status, data

    return BodyRewriter(edit)


def asset_differs_by_key() -> BodyRewriter:
    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if scope["path"] == "/v2/assets/AAPL" and status == 200:
            data["marginable"] = not data["marginable"]
        return status, data

    return BodyRewriter(edit)


def position_names_another_asset() -> BodyRewriter:
    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if scope["method"] == "GET" and scope["path"] == "/v2/positions" and status == 200:
            ids = {p["symbol"]: p["asset_id"] for p in data}
            for position in data:
                if position["symbol"] == "AAPL":
                    position["asset_id"] = ids["MSFT"]
        return status, data

    return BodyRewriter(edit)


FAULTS: list[tuple[Callable[[], BodyRewriter], str, str, str]] = [
    # (the faulty upstream, the operation, the check it breaks, a phrase of the finding)
    (close_all_misses_a_position, "deleteAllOpenPositions",
     "CLOSE-ALL: one entry per position, each as it should be", "close-all answered for"),
    (closed_position_still_served, "getOpenPosition",
     "POSITION-LOOKUP: one position by symbol and by asset id", "the list just before has no"),
    (cash_never_moves, "getAccount",
     "CLOSE-EFFECT: a close holds, then moves qty and cash", "the filled closes between moved"),
    (other_accounts_positions, "getAllOpenPositions",
     "ACCOUNT-POSITIONS: market values are the positions' sums", "is not the positions' sum"),
    (timestamp_without_offset, "deleteOpenPosition",
     "FIELD-UNITS: every field holds its unit", "with its offset"),
    (equity_not_cash_plus_values, "getAccount",
     "ACCOUNT-EQUITY: equity is cash plus market values", "equity"),
    (position_for_another_symbol, "getOpenPosition",
     "ANSWERS-THE-KEY: the answer is the object asked for", "asked for 'MSFT'"),
    (not_found_without_code, "getOpenPosition",
     "ERROR-CODES: an error's code carries its status", "has no code"),
    (asset_differs_by_key, "getAsset",
     "ASSET-LOOKUP: one asset by every key", "differs from the list's AAPL: marginable"),
    (position_names_another_asset, "getAllOpenPositions",
     "POSITION-ASSET: a position's asset is the one its id names", "names the asset 'MSFT'"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("upstream", "operation", "check", "said"), FAULTS, ids=[f[0].__name__ for f in FAULTS]
)
def test_each_fault_is_found_with_its_promise_and_exchanges(
    tmp_path: Path,
    upstream: Callable[[], BodyRewriter],
    operation: str,
    check: str,
    said: str,
) -> None:
    reports = tmp_path / "reports"
    with through_proxy(upstream(), reports) as (proxy, http):
        trading_session(http)
    assert proxy.exit_code == 1, proxy.output
    markdown, results, junit = _report(reports)
    assert results[(operation, check)] == "failed", markdown
    assert said in markdown
    promise = check.split(":")[0]
    assert f"Breaks **{promise}**" in markdown
    assert f'name="{operation}.{check}"' in junit.replace("&apos;", "'")
    _no_secret_anywhere(reports, proxy)


def test_a_position_served_whole_after_close_all_is_found_without_a_list_between(
    tmp_path: Path,
) -> None:
    """close-all, then GET /v2/positions/AAPL straight away (no list): the upstream still
    serves AAPL with all of it available. CLOSE-ALL-EFFECT, from the single read."""
    reports = tmp_path / "reports"
    with through_proxy(closed_position_still_served(), reports) as (proxy, http):
        assert http.get("/v2/positions/AAPL").status_code == 200
        assert http.get("/v2/positions").status_code == 200
        assert http.delete("/v2/positions").status_code == 207
        assert http.get("/v2/positions/AAPL").status_code == 200  # should be gone or held
    assert proxy.exit_code == 1, proxy.output
    markdown, results, _ = _report(reports)
    check = "CLOSE-ALL-EFFECT: close-all leaves nothing available"
    assert results[("getOpenPosition", check)] == "failed", markdown
    assert "AAPL: still 10.5 available after close-all accepted its close" in markdown
    assert "(after #3 DELETE /v2/positions, then #4 GET /v2/positions/AAPL)" in markdown


def test_a_finding_across_exchanges_shows_each_exchange_in_order(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    with through_proxy(close_all_misses_a_position(), reports) as (proxy, http):
        trading_session(http)
    assert proxy.exit_code == 1
    markdown, _, _ = _report(reports)
    finding = markdown[markdown.index("CLOSE-ALL: one entry per position") :]
    assert "(after #10 GET /v2/positions, then #11 DELETE /v2/positions" in finding
    listed = finding.index("# exchange #10, before:")
    closed = finding.index("# exchange #11, where the finding was made:")
    assert listed < closed
