"""The conformance run's budget (alpaca_conformance/budget.py): what it can afford, how it is
shared, and that a budgeted run keeps every check the full run has (issue 29)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from alpaca_conformance.budget import (
    FIRST_CASE_GUESS,
    RESERVE_REQUESTS,
    Budget,
    Plan,
    rate_limit_of,
    summary_lines,
)
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _send(budget: Budget, n: int, charged: bool = True) -> None:
    for _ in range(n):
        budget.request({"APCA-API-KEY-ID": "mine" if charged else "other"})


def _budget(plan: Plan, clock: Clock | None = None) -> Budget:
    return Budget(plan, lambda h: h.get("APCA-API-KEY-ID") == "mine", clock or Clock())


# ------------------------------------------------------------------ what it can afford


def test_the_rate_limit_headers_say_how_many_requests_fit_before_the_deadline() -> None:
    clock = Clock()
    plan = Plan(max_seconds=180, started=clock.now)
    budget = _budget(plan, clock)
    # 50 left of this window, which resets in 20 s; then windows at +80 s and +140 s start
    # before the deadline less its tail (170 s); the one at +200 s does not.
    budget.answer({"X-RateLimit-Limit": "200", "X-RateLimit-Remaining": "50",
                   "X-RateLimit-Reset": str(clock.now + 20)})  # fmt: skip
    assert budget.capacity()["charged"] == 50 + 3 * 200
    assert budget.capacity()["seconds"] == pytest.approx(170)


def test_the_window_length_is_learned_from_two_resets() -> None:
    clock = Clock()
    budget = _budget(Plan(max_seconds=60, started=clock.now), clock)
    headers = {"x-ratelimit-limit": "20", "x-ratelimit-remaining": "0"}
    budget.answer({**headers, "x-ratelimit-reset": str(clock.now + 2)})
    assert budget.capacity()["charged"] == 20  # a minute's window assumed: one more window
    budget.answer({**headers, "x-ratelimit-reset": str(clock.now + 4)})
    assert budget.window == 2
    assert budget.capacity()["charged"] == 20 * 24  # windows at +4, +6, ... +50 s


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"x-ratelimit-limit": "200", "x-ratelimit-remaining": "10"},  # no reset
        {"x-ratelimit-limit": "0", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "9"},
        {"x-ratelimit-limit": "nan", "x-ratelimit-remaining": "1", "x-ratelimit-reset": "9"},
        {"x-ratelimit-limit": "2e999", "x-ratelimit-remaining": "1", "x-ratelimit-reset": "9"},
        {"x-ratelimit-limit": "200", "x-ratelimit-remaining": "-1", "x-ratelimit-reset": "9"},
        {"x-ratelimit-limit": "1" * 400, "x-ratelimit-remaining": "1", "x-ratelimit-reset": "9"},
    ],
)
def test_missing_or_nonsense_rate_limit_headers_teach_nothing(headers: dict[str, str]) -> None:
    assert rate_limit_of(headers) is None
    budget = _budget(Plan(max_seconds=60, started=Clock().now))
    budget.answer(headers)
    assert "charged" not in budget.capacity()


# ------------------------------------------------------------------ how it is shared


def test_each_unit_gets_its_share_after_the_reserve_and_its_first_case_always_runs() -> None:
    budget = _budget(Plan(max_requests=1000))
    budget.plan_units({"a": 1.0, "b": 1.0, "runTest": 3.0}, uncapped=2)
    budget.start_unit("a")
    # 1000 less 2 x RESERVE_REQUESTS for the client checks still to come, a fifth of it
    assert budget.units["a"].share["sent"] == pytest.approx((1000 - 2 * RESERVE_REQUESTS) / 5)
    assert budget.next_case() == ""
    _send(budget, 150)  # a first case far above the share: it ran all the same
    assert budget.next_case().startswith("its share of the budget")
    budget.end_unit()
    assert budget.units["a"].cases == 1
    assert budget.units["a"].sent == 150
    budget.start_unit("b")  # what "a" overspent comes out of the others' shares
    assert budget.units["b"].share["sent"] == pytest.approx((850 - 2 * RESERVE_REQUESTS) / 4)


def test_a_unit_stops_before_a_case_that_would_take_it_past_its_share() -> None:
    budget = _budget(Plan(max_requests=1000))
    budget.plan_units({"a": 1.0, "b": 1.0}, uncapped=0)
    budget.start_unit("a")
    ran = 0
    while not budget.next_case():
        _send(budget, 30)
        ran += 1
    budget.end_unit()
    assert ran == 16  # 16 x 30 = 480 of its 500: a seventeenth case would have needed 510
    assert budget.sent == 480
    assert budget.units["a"].stopped == "its share of the budget (500 sent) was spent"


def test_client_checks_run_until_the_whole_budget_is_spent_and_are_then_listed() -> None:
    budget = _budget(Plan(max_requests=30))
    budget.plan_units({}, uncapped=3)
    assert budget.start_uncapped("test_one") == ""
    _send(budget, 20)
    assert budget.start_uncapped("test_two") == "--max-requests 30 reached"
    assert budget.left_out == ["test_two: --max-requests 30 reached"]
    lines = summary_lines(budget.report())
    assert lines[0].startswith("budget: at most 30 requests; sent 20 requests")
    assert "  left out: test_two: --max-requests 30 reached" in lines


def test_uncharged_requests_do_not_count_against_the_accounts_limit() -> None:
    clock = Clock()
    budget = _budget(Plan(max_seconds=120, started=clock.now), clock)
    _send(budget, 5, charged=False)
    _send(budget, 2)
    assert (budget.sent, budget.charged) == (7, 2)


@settings(max_examples=200, deadline=None)
@given(
    limit=st.integers(1, 2000),
    units=st.integers(1, 12),
    costs=st.lists(st.integers(1, FIRST_CASE_GUESS), min_size=1, max_size=300),
)
def test_cases_never_take_the_run_past_max_requests(
    limit: int, units: int, costs: list[int]
) -> None:
    """Whatever the units and the cost of each case (up to what a case may cost before one
    was measured), the requests sent never exceed --max-requests."""
    budget = _budget(Plan(max_requests=limit))
    names = [f"u{i}" for i in range(units)]
    budget.plan_units(dict.fromkeys(names, 1.0), uncapped=0)
    queue = iter(costs)
    for name in names:
        budget.start_unit(name)
        for cost in queue:
            if budget.next_case():
                break
            _send(budget, cost)
        budget.end_unit()
    assert budget.sent <= limit


# ------------------------------------------------------------------ the whole run


def _conformance(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT), "COUNTED_MOCK_FILE": str(tmp_path / "count"), "PATH": ""}
    return subprocess.run(
        [sys.executable, "-m", "alpaca_conformance", "-q", "--report-dir",
         str(tmp_path / "reports"), "--app", "tests.counted_mock:counted_mock", *args],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip


def _rows(tmp_path: Path) -> set[tuple[str, str]]:
    data = json.loads((tmp_path / "reports" / "results.json").read_text())
    return {(o["operation"], o["check"]) for o in data if o["status"] != "skipped"}


def test_a_budgeted_run_keeps_every_check_of_the_full_run_within_max_requests(
    tmp_path: Path,
) -> None:
    full, budgeted = tmp_path / "full", tmp_path / "budgeted"
    full.mkdir()
    budgeted.mkdir()
    everything = _conformance(full)
    assert everything.returncode == 0, everything.stdout + everything.stderr
    sent_in_full = int((full / "count").read_text())
    cap = 900
    assert sent_in_full > 3 * cap  # the budget really cuts
    result = _conformance(budgeted, "--max-requests", str(cap))
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert int((budgeted / "count").read_text()) <= cap  # counted by the server, not by us
    assert _rows(budgeted) == _rows(full)  # every operation x check still ran
    report = json.loads((budgeted / "reports" / "budget.json").read_text())
    assert report["budget"]["max_requests"] == cap
    assert report["spent"]["requests"] == int((budgeted / "count").read_text())
    assert any(unit["stopped"] for unit in report["units"])  # and it says what it cut
    assert "budget: at most 900 requests" in result.stdout
    assert "the rest left out" in result.stdout
    assert "## Budget" in (budgeted / "reports" / "report.md").read_text()


def _served_conformance(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "alpaca_conformance", "-q", "--base-url", url,
         "--report-dir", str(tmp_path / "reports"), *args],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip


def test_a_rate_limited_target_gets_a_plan_that_finishes_in_time_and_keeps_every_check(
    tmp_path: Path,
) -> None:
    """Our mock at 20 requests a 2 s window (the paper API's 200 a minute, ten times faster),
    75 s of budget (45 s kept every check before the four option operations came; 60 s left
    out the stateful checks of the exercise, which only the longer scenarios reach): the full
    run needs about 200 s of windows there. The plan learns the
    limit and the window from the headers, never meets a 429, ends in time, and keeps every
    operation x check of the full run (the in-process full run, for reference)."""
    from alpaca_mock.served import served_mock

    full = tmp_path / "full"
    full.mkdir()
    assert _conformance(full).returncode == 0
    with served_mock("--rate-limit", "20", "--rate-limit-window", "2") as url:
        result = _served_conformance(tmp_path, url, "--max-minutes", "1.25")
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    wall = float(said.split("wall time ")[1].split(" s")[0])
    assert wall <= 75, said
    report = json.loads((tmp_path / "reports" / "budget.json").read_text())
    assert report["budget"]["rate_limit"] == 20
    assert report["budget"]["window_seconds"] == 2  # learned from two resets
    assert "429" not in (tmp_path / "reports" / "report.md").read_text()
    assert _rows(tmp_path) == _rows(full)


def test_the_default_budget_applies_to_rate_limited_targets_only(tmp_path: Path) -> None:
    from alpaca_mock.served import served_mock

    one_check = ("-k", "test_account_figures_add_up_exactly")
    for name in "abc":
        (tmp_path / name).mkdir()
    with served_mock("--rate-limit", "200") as url:
        limited = _served_conformance(tmp_path / "a", url, *one_check)
        unbudgeted = _served_conformance(tmp_path / "b", url, "--no-budget", *one_check)
        both = _served_conformance(tmp_path / "c", url, "--no-budget", "--max-minutes", "2")
    assert limited.returncode == 0, limited.stdout + limited.stderr
    assert "budget: within 3 minutes, the target allows 200 requests a window" in limited.stderr
    assert "budget: within 3 minutes, the target's limit: 200 a 60 s window" in limited.stdout
    assert unbudgeted.returncode == 0
    assert "budget:" not in unbudgeted.stdout + unbudgeted.stderr
    assert both.returncode == 2
    assert "--no-budget goes with neither" in both.stderr
    in_process = _conformance(tmp_path, *one_check)
    assert in_process.returncode == 0
    assert "budget:" not in in_process.stdout + in_process.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--max-requests", "0"], "must be between 1 and 10000000"),
        (["--max-requests", "1e3"], "must be a whole number"),
        (["--max-minutes", "0.1"], "must be between 0.5 and 1440 minutes"),
        (["--max-minutes", "nan"], "must be between 0.5 and 1440 minutes"),
        (["--max-minutes", "9" * 400], "must be between 0.5 and 1440 minutes"),
    ],
)
def test_a_bad_budget_is_bad_usage_naming_the_option(
    tmp_path: Path, args: list[str], said: str
) -> None:
    result = _conformance(tmp_path, *args)
    assert result.returncode == 2
    assert said in result.stderr
    assert "Traceback" not in result.stderr


def test_a_budget_too_small_for_the_run_says_so_up_front(tmp_path: Path) -> None:
    """50 requests pay for a few client checks only: the run still exits 0 (every check that
    ran passed) but its banner, in the terminal and report.md, says what never ran."""
    result = _conformance(tmp_path, "--max-requests", "50")
    assert result.returncode == 0, result.stdout + result.stderr
    assert int((tmp_path / "count").read_text()) <= 50
    banner = "THE BUDGET LEFT PARTS OUT: 14 of 14 capped units ran no case"
    assert banner in result.stdout
    assert banner in (tmp_path / "reports" / "report.md").read_text()
    report = json.loads((tmp_path / "reports" / "budget.json").read_text())
    assert report["left_out"]
    assert all(unit["cases"] == 0 for unit in report["units"])
