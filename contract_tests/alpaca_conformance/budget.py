"""A run that fits a budget: at most N requests (--max-requests), done within M minutes
(--max-minutes; 3 by default against a rate-limited target), planned by value.

Against Alpaca's paper API every user has 200 requests a minute, and the full run needs about
1,700 of them on the account: 7.5 minutes. A budgeted run keeps what matters most:

- **What it can afford** is known as it goes. Every request is counted (`sent`), and those
  carrying the run's own credentials, which the account's limit counts, also as `charged`.
  The target's rate-limit headers (limit, remaining, reset; the window's length once a second
  reset is seen, a minute until then) say how many charged requests still fit before the
  deadline: what remains of this window, plus the limit for each window that starts in time.
- **Value first.** The client checks and the behaviour scenarios (each promise of the behaviour
  model at least once) are never cut short by a share: each runs whole unless the budget as a
  whole is spent, and their likely cost (`RESERVE_*`) is set aside before anything is shared.
  Each operation's generated cases and the stateful scenarios are *capped units*: when one
  starts, it gets its share (by weight) of what is left after that reserve, its first case
  always runs, and it stops before a case that would take it past its share. Stateful
  scenarios cannot be stopped halfway, so their number is planned from what a generated case
  cost on average (`affordable_scenarios`), each at most SCENARIO_STEPS steps.
- **Nothing silently dropped**: every unit that stopped early says how many cases ran, what it
  was given and why it stopped (`report()`: budget.json, report.md, the terminal).

Costs are learned, not assumed: a next case is expected to cost as much as the costliest case
so far (FIRST_CASE_GUESS before any was measured); against --max-requests, at least
FIRST_CASE_GUESS. A case is never cut in half (its checks would fail for want of an answer), so
--max-requests holds unless one case costs more than that.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

TAIL_SECONDS = 10.0  # kept at the end for the last answers and the reports
WINDOW_SECONDS = 60.0  # Alpaca's window, until two resets show the target's own
RESERVE_REQUESTS = 12  # a client check or behaviour scenario: about 175 requests for 21 (measured)
RESERVE_SECONDS = 1.0
FIRST_CASE_GUESS = 20  # the least a next case is expected to cost (a case and its checks)
STATEFUL_WEIGHT = 3.0  # the stateful scenarios' share, in operations' shares
SCENARIO_STEPS = 10  # steps of a stateful scenario under a budget (list, get, close, get fit)


@dataclass
class UnitReport:
    """What one capped unit was given and did."""

    unit: str
    cases: int = 0
    sent: int = 0
    charged: int = 0
    seconds: float = 0.0
    share: dict[str, float] = field(default_factory=dict)
    stopped: str = ""  # why it stopped early; "" when it ran every case it had


@dataclass
class Plan:
    """The command's budget, passed to the suite (settings.py)."""

    max_requests: int | None = None
    max_seconds: float | None = None
    started: float = 0.0  # epoch seconds when the command started: the deadline counts from it
    limit: int | None = None  # X-Ratelimit-Limit of the preflight answer
    remaining: int | None = None
    reset: float | None = None

    @property
    def active(self) -> bool:
        return self.max_requests is not None or self.max_seconds is not None

    @property
    def deadline(self) -> float | None:
        return None if self.max_seconds is None else self.started + self.max_seconds


def header_number(text: str | None) -> float | None:
    """A header's number, or None: not a number, NaN, absurdly long or large."""
    if text is None or len(text) > 20:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) < 1e12 else None  # no NaN, no absurd epoch


def rate_limit_of(headers: Mapping[str, str]) -> tuple[int, int, float] | None:
    """The limit, what remains of the window and when it resets, from an answer's
    X-Ratelimit-* headers (any letter case); None when it sends none, or nonsense."""
    lowered = {k.lower(): v for k, v in headers.items()}
    names = ("limit", "remaining", "reset")
    limit, remaining, reset = (header_number(lowered.get(f"x-ratelimit-{n}")) for n in names)
    if limit is None or remaining is None or reset is None or limit < 1 or remaining < 0:
        return None
    return int(limit), int(remaining), reset


class Budget:
    """The run's budget (thread-safe: the suite's client runs on an event loop, Schemathesis'
    requests on the main thread)."""

    def __init__(
        self,
        plan: Plan,
        charged_by: Callable[[Mapping[str, str]], bool] = lambda headers: True,
        clock: Callable[[], float] = time.time,
        waited: Callable[[], float] = lambda: 0.0,
    ) -> None:
        self.plan = plan
        self.charged_by = charged_by
        self.clock = clock
        self.waited = waited  # seconds spent waiting for the rate limit so far (pacing.py)
        self._lock = threading.Lock()
        self.sent = 0
        self.charged = 0
        self.limit = plan.limit
        self.remaining = plan.remaining
        self.reset = plan.reset
        self.window = WINDOW_SECONDS
        self.capped: dict[str, float] = {}  # unit -> weight, those not yet started
        self.uncapped_left = 0
        self.units: dict[str, UnitReport] = {}
        self.left_out: list[str] = []  # uncapped tests not run: "name: why"
        self.stopped = ""  # why the whole budget ran out, once it did
        self._largest_case = {"sent": 0, "charged": 0}
        self._current: UnitReport | None = None
        self._case_start: tuple[int, int, float] | None = None
        self._unit_start: tuple[int, int, float, float] = (0, 0, 0.0, 0.0)

    # ------------------------------------------------------------------ counting

    def request(self, headers: Mapping[str, str]) -> bool:
        """One request is about to be sent with these headers: True when it is charged."""
        charged = self.charged_by(headers)
        with self._lock:
            self.sent += 1
            self.charged += charged
        return charged

    def answer(self, headers: Mapping[str, str]) -> None:
        """The rate-limit headers (any letter case) of the answer to a charged request: what
        the account's window has left. (Another account's answers speak of its own window.)"""
        seen = rate_limit_of(headers)
        if seen is None:
            return
        limit, remaining, reset = seen
        with self._lock:
            if self.reset is not None and 0 < reset - self.reset <= 3600:
                self.window = reset - self.reset  # a new window began: its length, seen
            self.limit, self.remaining, self.reset = limit, remaining, reset

    # ------------------------------------------------------------------ what is left

    def capacity(self) -> dict[str, float]:
        """What is left of each meter: requests (all), charged (the account's limit, before
        the deadline), seconds (before the deadline, less the tail)."""
        now = self.clock()
        left: dict[str, float] = {}
        if self.plan.max_requests is not None:
            left["sent"] = self.plan.max_requests - self.sent
        deadline = self.plan.deadline
        if deadline is not None:
            left["seconds"] = deadline - TAIL_SECONDS - now
            if self.limit is not None and self.remaining is not None and self.reset is not None:
                windows = 0
                if self.reset < deadline - TAIL_SECONDS:
                    windows = int((deadline - TAIL_SECONDS - self.reset) // self.window) + 1
                left["charged"] = self.remaining + self.limit * windows
        return left

    def _reserve(self) -> dict[str, float]:
        n = self.uncapped_left
        return {"sent": n * RESERVE_REQUESTS, "charged": n * RESERVE_REQUESTS,
                "seconds": n * RESERVE_SECONDS}  # fmt: skip

    def _exhausted(self, needs: Mapping[str, float]) -> str:
        """Why the budget as a whole cannot pay for `needs` more, or ""."""
        for meter, left in self.capacity().items():
            if left < needs.get(meter, 0.0):
                return {
                    "sent": f"--max-requests {self.plan.max_requests} reached",
                    "charged": "the rate limit allows no more requests before the deadline",
                    "seconds": "the deadline (--max-minutes) is near",
                }[meter]
        return ""

    # ------------------------------------------------------------------ the plan

    def plan_units(self, capped: Mapping[str, float], uncapped: int) -> None:
        """The collected tests: capped units with their weights, and how many others."""
        self.capped = dict(capped)
        self.uncapped_left = uncapped

    def start_uncapped(self, name: str) -> str:
        """Before a client check or scenario: "" to run it, else why it is left out."""
        with self._lock:
            self.uncapped_left = max(self.uncapped_left - 1, 0)
            why = self._exhausted({"sent": RESERVE_REQUESTS, "charged": RESERVE_REQUESTS})
            if why:
                self.stopped = self.stopped or why
                self.left_out.append(f"{name}: {why}")
            return why

    def start_unit(self, unit: str) -> str:
        """A capped unit begins: its share of what is left after the reserve. Returns why
        it cannot run even its first case (the whole budget is spent), else ""."""
        with self._lock:
            weight = self.capped.pop(unit, 1.0)
            total = weight + sum(self.capped.values())
            reserve = self._reserve()
            share = {
                meter: max(left - reserve[meter], 0.0) * weight / total
                for meter, left in self.capacity().items()
            }
            self._current = self.units[unit] = UnitReport(unit, share=share)
            self._unit_start = (self.sent, self.charged, self.clock(), self.waited())
            self._case_start = None
            why = self._exhausted(self._next_case_cost(whole_budget=True))
            if why:
                self.stopped = self.stopped or why
                self._current.stopped = why
            return why

    def _next_case_cost(self, *, whole_budget: bool) -> dict[str, float]:
        """What a next case is expected to cost: the costliest case so far (FIRST_CASE_GUESS
        before any was measured); against the whole --max-requests at least FIRST_CASE_GUESS,
        so it holds."""
        largest = {k: float(v or FIRST_CASE_GUESS) for k, v in self._largest_case.items()}
        if whole_budget:
            largest["sent"] = max(largest["sent"], FIRST_CASE_GUESS)
        return largest

    def incomplete(self) -> str:
        """What the budget left out entirely, in words, or "": units that ran no case and
        tests that did not run (for the banner: a run that left them out passed only what ran)."""
        with self._lock:
            never = [u.unit for u in self.units.values() if u.cases == 0 and u.stopped]
            parts = []
            if never:
                parts.append(f"{len(never)} of {len(self.units)} capped units ran no case")
            if self.left_out:
                parts.append(f"{len(self.left_out)} client checks or scenarios did not run")
            return "; ".join(parts)

    def affordable_scenarios(self) -> int:
        """How many stateful scenarios the current unit's share pays for, at SCENARIO_STEPS
        steps each costing what a generated case cost on average (at least 1). A scenario
        cannot be stopped halfway (Hypothesis is generating it: an exception there is a
        FlakyStrategyDefinition), so their number is planned before they start."""
        with self._lock:
            unit = self._current
            if unit is None:
                return 0
            done = [u for u in self.units.values() if u is not unit]
            cases = sum(u.cases for u in done)
            average: dict[str, float] = {"sent": FIRST_CASE_GUESS, "charged": FIRST_CASE_GUESS,
                                         "seconds": 0.5}  # fmt: skip
            if cases:
                average = {m: sum(getattr(u, m) for u in done) / cases for m in average}
            fits = [
                int(share // (SCENARIO_STEPS * average[meter]))
                for meter, share in unit.share.items()
                if average[meter] > 0
            ]
            return max(min(fits, default=1), 1)

    def planned(self, cases: int, usual: int) -> None:
        """The current unit runs `cases` of its `usual` number: said in the report."""
        with self._lock:
            if self._current is not None and cases < usual:
                self._current.stopped = f"the budget pays for {cases} of {usual}"

    def next_case(self, *, enforce: bool = True) -> str:
        """Before a case of the current unit: "" to run it, else why the unit stops.
        enforce=False only counts it (a stateful scenario: planned, never stopped)."""
        with self._lock:
            unit = self._current
            if unit is None:
                return ""
            self._end_case()
            if not enforce:
                unit.cases += 1
                self._case_start = (self.sent, self.charged, self.clock())
                return ""
            largest = self._next_case_cost(whole_budget=False)
            why = self._exhausted(self._next_case_cost(whole_budget=True))
            if why:
                self.stopped = self.stopped or why
            elif unit.cases:
                spent = self._spent_in_unit()
                for meter, share in unit.share.items():
                    expected = spent[meter] + (spent[meter] / unit.cases if meter == "seconds"
                                               else largest[meter])  # fmt: skip
                    if expected > share:
                        why = f"its share of the budget ({share:.0f} {meter}) was spent"
                        break
            if why:
                unit.stopped = unit.stopped or why
                return why
            unit.cases += 1
            self._case_start = (self.sent, self.charged, self.clock())
            return ""

    def end_unit(self) -> None:
        with self._lock:
            self._end_case()
            if self._current is not None:
                spent = self._spent_in_unit()
                self._current.sent = int(spent["sent"])
                self._current.charged = int(spent["charged"])
                self._current.seconds = round(spent["seconds"], 1)
            self._current = None

    def _end_case(self) -> None:
        if self._case_start is not None:
            sent, charged, _ = self._case_start
            self._largest_case["sent"] = max(self._largest_case["sent"], self.sent - sent)
            self._largest_case["charged"] = max(
                self._largest_case["charged"], self.charged - charged
            )
            self._case_start = None

    def _spent_in_unit(self) -> dict[str, float]:
        """What the current unit spent; its seconds leave out waits for the rate limit's
        window, which the charged meter already pays for (the unit that happens to meet an
        exhausted window is not the one that spent it)."""
        sent, charged, started, waited = self._unit_start
        return {
            "sent": self.sent - sent,
            "charged": self.charged - charged,
            "seconds": self.clock() - started - (self.waited() - waited),
        }

    # ------------------------------------------------------------------ the report

    def report(self) -> dict[str, Any]:
        """What the budget was, what was spent, and what each unit ran or left out."""
        minutes = None if self.plan.max_seconds is None else round(self.plan.max_seconds / 60, 2)
        return {
            "budget": {
                "max_requests": self.plan.max_requests,
                "max_minutes": minutes,
                "rate_limit": self.limit,
                "window_seconds": self.window if self.limit is not None else None,
            },
            "spent": {"requests": self.sent, "charged": self.charged},
            "stopped": self.stopped,
            "units": [asdict(unit) for unit in self.units.values()],
            "left_out": list(self.left_out),
            "incomplete": self.incomplete(),
        }

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.report(), indent=1), encoding="utf-8")


def summary_lines(report: Mapping[str, Any]) -> list[str]:
    """The budget in words, for the terminal and report.md: what it was, what was spent,
    each capped unit's cases (its coverage) and what it left out, and every test left out."""
    budget, spent = report["budget"], report["spent"]
    given = []
    if budget.get("max_requests") is not None:
        given.append(f"at most {budget['max_requests']} requests")
    if budget.get("max_minutes") is not None:
        given.append(f"within {minutes_said(budget['max_minutes'])}")
    if budget.get("rate_limit") is not None:
        given.append(
            f"the target's limit: {budget['rate_limit']} a {budget['window_seconds']:g} s window"
        )
    lines = [
        f"budget: {', '.join(given)}; sent {spent['requests']} requests "
        f"({spent['charged']} on the account's limit)"
    ]
    for unit in report["units"]:
        noun = "scenarios started" if unit["unit"] == "runTest" else "cases"
        line = f"  {unit_label(unit['unit'])}: {unit['cases']} {noun} ({unit['sent']} requests)"
        if unit["stopped"]:
            line += f", the rest left out: {unit['stopped']}"
        lines.append(line)
    lines.extend(f"  left out: {entry}" for entry in report["left_out"])
    if not report["left_out"] and not any(unit["stopped"] for unit in report["units"]):
        lines.append("  nothing was left out")
    return lines


def load_report(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def minutes_said(minutes: float) -> str:
    """ "1 minute", "3 minutes", "0.75 minutes"."""
    return f"{minutes:g} minute{'' if minutes == 1 else 's'}"


def unit_label(name: str) -> str:
    """ "GET /v2/assets (generated cases)" for "test_operation_conforms[GET /v2/assets]"."""
    if "[" in name and name.endswith("]"):
        return f"{name.split('[', 1)[1][:-1]} (generated cases)"
    return "stateful scenarios" if name == "runTest" else name


def units_of(names: Iterable[str]) -> dict[str, float]:
    """Weights of the capped units among collected test names (see conftest)."""
    return {name: STATEFUL_WEIGHT if name == "runTest" else 1.0 for name in names}


BUDGET = Budget(Plan())  # inactive until the suite configures it


def configure(budget: Budget) -> Budget:
    """Set the run's budget (called once by the suite)."""
    global BUDGET
    BUDGET = budget
    return BUDGET


def count(headers: Mapping[str, str]) -> bool:
    """Count one request about to be sent (every request the suite sends goes through here:
    pacing.py over HTTP, CountingApp in-process)."""
    return BUDGET.request(headers)


class CountingApp:
    """An ASGI app that counts each HTTP request into the wrapped app (in-process targets,
    whose requests go through no transport of ours), and reads its rate-limit headers."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def __getattr__(self, name: str) -> Any:  # world, state, ...: the wrapped app's
        return getattr(self.app, name)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}
        charged = count(headers)

        async def counted_send(message: Any) -> None:
            if charged and message.get("type") == "http.response.start":
                BUDGET.answer(
                    {k.decode("latin-1"): v.decode("latin-1") for k, v in message["headers"]}
                )
            await send(message)

        await self.app(scope, receive, counted_send)
