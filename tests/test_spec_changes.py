"""The change report classifies spec changes the way users feel them."""

from __future__ import annotations

import copy
import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("spec_changes", ROOT / "scripts" / "spec_changes.py")
assert _spec is not None
assert _spec.loader is not None
spec_changes = importlib.util.module_from_spec(_spec)
sys.modules["spec_changes"] = spec_changes
_spec.loader.exec_module(spec_changes)

SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi/alpaca-trading-v2.yaml").read_text())


def changed(edit: Any) -> Any:
    new = copy.deepcopy(SPEC)
    edit(new)
    return spec_changes.compare(SPEC, new)


def test_no_change_needs_no_bump() -> None:
    assert changed(lambda s: None).bump == "none"


def test_a_removed_field_is_breaking() -> None:
    result = changed(
        lambda s: s["components"]["schemas"]["Position"]["properties"].pop("qty_available")
    )
    assert result.bump == "breaking"
    assert result.breaking == ["Position.qty_available removed"]


def test_an_added_optional_field_is_not_breaking() -> None:
    result = changed(
        lambda s: s["components"]["schemas"]["Account"]["properties"].update(
            {"margin_call": {"type": "boolean"}}
        )
    )
    assert result.bump == "additive"
    assert result.additions == ["Account.margin_call (optional, boolean)"]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda s: s["paths"]["/v2/account"].pop("get"),
            "operation getAccount (GET /v2/account) removed",
        ),
        (
            lambda s: s["paths"]["/v2/positions"]["delete"]["parameters"].append(
                {"name": "reason", "in": "query", "required": True, "schema": {"type": "string"}}
            ),
            "deleteAllOpenPositions: required query parameter reason",
        ),
        (
            lambda s: s["components"]["schemas"]["Asset"]["properties"].update(
                {"tradable": {"type": "string"}}
            ),
            "Asset.tradable type boolean → string",
        ),
        (
            lambda s: s["components"]["schemas"]["AssetStatusKnown"]["enum"].remove("inactive"),
            "getAssets: parameter status no longer accepts ['inactive']",
        ),
        (
            lambda s: s["components"]["schemas"]["Order"]["required"].append("hwm"),
            "Order.hwm became required",
        ),
    ],
)
def test_breaking_changes(edit: Any, expected: str) -> None:
    result = changed(edit)
    assert result.bump == "breaking"
    assert expected in result.breaking


@pytest.mark.parametrize(
    ("previous", "bump", "required"),
    [
        ("0.1.0", "breaking", (0, 2, 0)),
        ("0.1.0", "additive", (0, 1, 1)),
        ("1.4.2", "breaking", (2, 0, 0)),
        ("1.4.2", "additive", (1, 5, 0)),
    ],
)
def test_required_versions(previous: str, bump: str, required: tuple[int, int, int]) -> None:
    changes = spec_changes.Changes(
        breaking=["x"] if bump == "breaking" else [], additions=["y"] if bump == "additive" else []
    )
    assert spec_changes.required_version(previous, changes) == required


def test_names_from_a_hostile_previous_spec_cannot_inject_markup_into_the_report() -> None:
    old = copy.deepcopy(SPEC)
    old["components"]["schemas"]["<img src=x onerror=alert(1)>|\x1b[2J"] = {"type": "object"}
    markdown = spec_changes.compare(old, SPEC).markdown("tag v0.1.0", "0.1.0", "0.2.0")
    assert "<img" not in markdown
    assert "\x1b" not in markdown
    assert "&lt;img src=x onerror=alert(1)&gt;\\|\\x1b[2J removed" in markdown
