"""The suite's session: progress while it runs, nothing lost, Ctrl-C honoured, outcomes saved.

- Progress: a line every few seconds on stderr (progress.py), also under -q and --deep.
- Nothing lost: a test that fails without recording a failed check (an error in the suite
  itself, a fixture that broke) is recorded under the operation "suite", so the reports can
  never say "0 failed" when pytest saw a failure.
- Ctrl-C: a case starting after an interrupt stops the session (interrupts.py); so does a
  target that stopped answering (target_gone.py).
"""

from __future__ import annotations

from collections.abc import Generator, Iterator

import pytest

from alpaca_conformance import budget, interrupts, target_gone
from alpaca_conformance.harness import BUDGET, RESULTS, SETTINGS
from alpaca_conformance.progress import Progress
from alpaca_conformance.results import Failure

PROGRESS = Progress(RESULTS)


def _phase(item: pytest.Item) -> float:
    """Reads first, closes after: client reads, generated reads, client closes (each on its own
    position, the close-all last), generated closes, then the stateful runs. On a target that
    cannot be reset between cases, no case then fails because an earlier one closed what it
    needed; on one that can, the order is simply fixed."""
    name = item.name
    if "TestStatefulLinks" in item.nodeid:
        return 4
    if name.startswith("test_operation_conforms"):
        return 3 if "DELETE" in name else 1
    if item.get_closest_marker("closes") is not None:
        return 2.5 if "close_all" in name else 2
    return 0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_phase)  # stable: the file order within each phase


def _capped(item: pytest.Item) -> bool:
    """Generated cases and stateful scenarios share the budget; the client checks and
    behaviour scenarios (each promise once) run whole unless it is spent (budget.py)."""
    return _phase(item) in (1, 3, 4)


def pytest_collection_finish(session: pytest.Session) -> None:
    PROGRESS.total = len(session.items)
    BUDGET.plan_units(
        budget.units_of(item.name for item in session.items if _capped(item)),
        uncapped=sum(not _capped(item) for item in session.items),
    )
    PROGRESS.start()


@pytest.fixture(autouse=True)
def _within_budget(request: pytest.FixtureRequest) -> Iterator[None]:
    """A capped test gets its share when it starts; another runs if the budget allows."""
    item = request.node
    if not BUDGET.plan.active:
        yield
        return
    if _capped(item):
        stop = BUDGET.start_unit(item.name)
        try:
            if stop:
                pytest.skip(f"left out by the budget: {stop}")
            yield
        finally:
            BUDGET.end_unit()
        return
    stop = BUDGET.start_uncapped(item.name)
    if stop:
        pytest.skip(f"left out by the budget: {stop}")
    yield


_FAILURES_BEFORE = pytest.StashKey[int]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    if interrupts.INTERRUPTED.is_set():
        pytest.exit("interrupted (Ctrl-C)", returncode=pytest.ExitCode.INTERRUPTED)
    PROGRESS.current = item.name
    item.stash[_FAILURES_BEFORE] = RESULTS.failures_recorded
    try:
        return (yield)
    finally:
        PROGRESS.done += 1
        if target_gone.GONE.is_set():  # stop after this item; cli.py exits 3
            item.session.shouldstop = f"the target stopped answering ({target_gone.reason()})"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A failure pytest saw but no check recorded becomes a recorded failure of "suite"."""
    report = yield
    if report.failed and target_gone.GONE.is_set():
        report.longrepr = f"not judged: the target stopped answering ({target_gone.reason()})"
        return report
    if (
        isinstance(report, pytest.TestReport)
        and report.failed
        and not interrupts.INTERRUPTED.is_set()
        and RESULTS.failures_recorded == item.stash.get(_FAILURES_BEFORE, 0)
    ):
        message = str(report.longrepr)[-2000:] if report.longrepr else "failed"
        where = f"{item.name} ({report.when})"
        RESULTS.failed("suite", where, Failure(message, f"alpaca-conformance -k '{item.name}'"))
    return report


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    PROGRESS.stop()
    RESULTS.save(SETTINGS.report_dir / "results.json")
    if BUDGET.plan.active:
        BUDGET.save(SETTINGS.report_dir / "budget.json")
