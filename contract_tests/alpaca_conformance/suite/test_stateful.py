"""Stateful runs along the spec's OpenAPI links: list → get → close → get answers 404.

Each scenario starts from the seed (when the target can be reset), so use_after_free and
ensure_resource_availability see what a real account would: a wholly closed position is gone,
one that was listed can be fetched.
"""

from __future__ import annotations

from typing import Any

import pytest

from alpaca_conformance import budget
from alpaca_conformance.harness import (
    BUDGET,
    SCHEMA,
    SETTINGS,
    TARGET,
    drop_framing_headers,
    hypothesis_settings,
    operation_id,
    run_checks,
)

_schema = SCHEMA if TARGET.may_close or SETTINGS.allow_close else SCHEMA.exclude(method="DELETE")


_SEEN: dict[str, Any] = {}  # the last real answer of each operation, for unpaid scenarios


class ConformanceWorkflow(_schema.as_state_machine()):  # type: ignore[misc]
    """Under a budget, a scenario it does not pay for (their number is planned, but a plan can
    be wrong) cannot be stopped: Hypothesis is generating it, and any exception there is a
    FlakyStrategyDefinition. So it runs on against the answers already seen for each
    operation (an operation not yet answered is sent), and is not judged."""

    paid = True

    def setup(self) -> None:
        self.paid = not BUDGET.next_case()
        if TARGET.reset is not None and self.paid:
            TARGET.reset()

    def call(self, case: Any, **kwargs: Any) -> Any:
        if not self.paid and operation_id(case) in _SEEN:
            return _SEEN[operation_id(case)]
        response = super().call(case, **kwargs)
        _SEEN[operation_id(case)] = response
        return response

    def before_call(self, case: Any) -> None:
        drop_framing_headers(case)
        # Narrowed for deleteOpenPosition only: a partial close (qty or percentage) rightly
        # leaves the position in place, which use_after_free would report as "deleted resource
        # still available". Stateful closes are therefore whole closes, for which "closed →
        # 404" is a hard rule; partial closes are covered by the stateless phase.
        if operation_id(case) == "deleteOpenPosition" and case.query:
            case.query.pop("qty", None)
            case.query.pop("percentage", None)

    def validate_response(
        self, response: Any, case: Any, additional_checks: Any = None, **kwargs: Any
    ) -> None:
        if not self.paid:
            return
        run_checks(case, response, stateful=True, recorder=getattr(self, "recorder", None))


TestStatefulLinks = ConformanceWorkflow.TestCase
TestStatefulLinks.settings = hypothesis_settings(SETTINGS.stateful_examples, shrink=False)


@pytest.fixture(autouse=True)
def _scenarios_the_budget_pays_for() -> None:
    """Under a budget, as many scenarios as the stateful share pays for (at most the usual
    number), each at most budget.SCENARIO_STEPS steps long (budget.py says why planned)."""
    if BUDGET.plan.active:
        scenarios = min(BUDGET.affordable_scenarios(), SETTINGS.stateful_examples)
        BUDGET.planned(scenarios, SETTINGS.stateful_examples)
        TestStatefulLinks.settings = hypothesis_settings(
            scenarios, shrink=False, steps=budget.SCENARIO_STEPS
        )
