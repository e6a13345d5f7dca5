"""Saves the per-check outcomes when the run ends, for the command's table and reports."""

from __future__ import annotations

import pytest

from alpaca_conformance.harness import RESULTS, SETTINGS


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    RESULTS.save(SETTINGS.report_dir / "results.json")
