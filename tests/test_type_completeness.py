"""scripts/type_completeness.py fails for each way the public API can be incomplete."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "type_completeness", ROOT / "scripts" / "type_completeness.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["type_completeness"] = module
    spec.loader.exec_module(module)
    return module


checker = _load()


def report(**completeness: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "packageRootDirectory": "/site-packages/alpaca_trading",
        "completenessScore": 1,
        "missingFunctionDocStringCount": 0,
        "missingClassDocStringCount": 0,
        "symbols": [],
    }
    return {"typeCompleteness": {**base, **completeness}}


def test_a_complete_report_has_no_problems() -> None:
    assert checker.problems(report(), "alpaca_trading") == []


@pytest.mark.parametrize(
    ("completeness", "expected"),
    [
        ({"completenessScore": 0.98}, "98.0%"),
        ({"missingFunctionDocStringCount": 3}, "3 public functions without a docstring"),
        ({"missingClassDocStringCount": 1}, "1 public classes without a docstring"),
        ({"packageRootDirectory": ""}, "not found"),
        (
            {
                "symbols": [
                    {
                        "name": "alpaca_trading.client.Client.with_raw_response",
                        "diagnostics": [{"severity": "error", "message": "Type is missing"}],
                    }
                ]
            },
            "with_raw_response: Type is missing",
        ),
    ],
)
def test_each_gap_is_named(completeness: dict[str, Any], expected: str) -> None:
    found = checker.problems(report(**completeness), "alpaca_trading")
    assert any(expected in line for line in found), found


def test_a_report_without_the_section_is_a_problem_not_a_pass() -> None:
    assert checker.problems({}, "alpaca_trading")


def test_the_installed_client_is_complete() -> None:
    if checker.shutil.which("basedpyright", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("basedpyright is not installed (scripts/setup installs it)")
    assert checker.problems(checker.run_checker("alpaca_trading"), "alpaca_trading") == []
