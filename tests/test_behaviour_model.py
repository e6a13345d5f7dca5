"""The behaviour model (behaviour.yaml) covers the spec, is enforced, and is the page users read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from alpaca_conformance import catalogue as model
from alpaca_conformance.field_units import unit_problem
from alpaca_conformance.invariants import INVARIANTS

ROOT = Path(__file__).resolve().parent.parent
SPEC = yaml.safe_load((ROOT / "openapi" / "alpaca-trading-v2.yaml").read_text())


def _response_schemas() -> set[str]:
    """Every schema with properties that some answer can carry."""
    return {n for n, s in SPEC["components"]["schemas"].items() if s.get("properties")}


def test_every_field_of_every_body_in_the_spec_has_a_unit_and_a_meaning() -> None:
    fields = model.catalogue().fields
    for name in _response_schemas():
        spec_fields = set(SPEC["components"]["schemas"][name]["properties"])
        assert name in fields, f"the model has no fields table for {name}"
        assert set(fields[name]) == spec_fields, (
            f"{name}: missing {sorted(spec_fields - set(fields[name]))}, "
            f"unknown {sorted(set(fields[name]) - spec_fields)}"
        )
    assert set(fields) == _response_schemas()


def test_every_operation_has_promises_and_every_promise_names_real_operations() -> None:
    operations = {
        o["operationId"] for p in SPEC["paths"].values() for o in p.values() if "operationId" in o
    }
    promises = model.catalogue().promises.values()
    named = {op for p in promises for op in p.about}
    assert named - {"all"} <= operations, named - operations
    for operation in operations:
        specific = [p.id for p in promises if operation in p.about]
        assert specific, f"no promise is about {operation} in particular"


def test_each_invariant_judges_a_promise_under_its_catalogue_name() -> None:
    catalogue = model.catalogue()
    for promise_id in INVARIANTS:
        assert catalogue.check_name(promise_id).startswith(f"{promise_id}: ")


def test_the_page_is_generated_from_the_model() -> None:
    page = (ROOT / "docs" / "behaviour-model.md").read_text(encoding="utf-8")
    assert page == model.markdown(model.catalogue()), (
        "docs/behaviour-model.md is stale: python -m alpaca_conformance.catalogue > "
        "docs/behaviour-model.md"
    )


@pytest.mark.parametrize(
    ("entry", "said"),
    [
        ({"units": {"u": {"rule": "money", "says": "x"}}}, "units.u: rule 'money'"),
        ({"units": {}, "fields": {"Account": {"cash": "cents | x"}}}, "unit 'cents'"),
        ({"fields": {"Account": {"cash": "no meaning"}}}, "fields.Account.cash"),
        (
            {
                "promises": {
                    "P": {
                        "about": ["getAccount"],
                        "kind": "body",
                        "says": "s",
                        "source": "s",
                        "known": "rumoured",
                        "checks": ["c"],
                    }
                }
            },
            "promises.P: known 'rumoured'",
        ),
        (
            {
                "promises": {
                    "P": {
                        "about": ["getAccount"],
                        "kind": "body",
                        "says": "s",
                        "source": "s",
                        "known": "documented",
                    }
                }
            },
            "promises.P: needs 'about' and at least one check",
        ),
    ],
)
def test_a_broken_model_is_refused_naming_the_entry(entry: dict[str, Any], said: str) -> None:
    with pytest.raises(model.CatalogueError, match=said.replace("(", r"\(")):
        model.parse(entry)


@pytest.mark.parametrize(
    ("rule", "good", "bad"),
    [
        ("timestamp", "2022-02-04T16:53:29.53427917Z", "2022-02-04T16:53:29.534279"),
        ("timestamp", "2026-09-16T10:30:01-04:00", "2026-02-30T10:30:01Z"),
        ("uuid", "B6D1AA75-5C9C-4353-A305-9E2CAA1925AB", "b6d1aa75-5c9c-4353-a305"),
        ("decimal>=0", "0.50", "-0.5"),
        ("decimal<=0", "-12.0", "1"),
        ("decimal", "122011.09751111286868", "1e-05"),
        ("date", "2026-12-04", "2026-12-4"),
        ("count", 3, True),
        ("code", 40410000, 404),
        ("cusip", "037833100", "037833101"),
        ("symbol", "BRK.B", "BRK B"),
    ],
)
def test_units_accept_what_alpaca_sends_and_refuse_the_rest(rule: str, good: Any, bad: Any) -> None:
    assert unit_problem(rule, good) is None
    assert unit_problem(rule, bad) is not None


def test_every_promise_is_checked_by_a_default_run(tmp_path: Path) -> None:
    """The default run against our mock runs every check the model names, and none fails."""
    result = subprocess.run(
        [sys.executable, "-m", "alpaca_conformance", "-q", "--report-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    outcomes = json.loads((tmp_path / "results.json").read_text())
    ran = {o["check"] for o in outcomes if o["status"] in ("passed", "warned")}
    for promise in model.catalogue().promises.values():
        missing = [c for c in promise.checks if c not in ran]
        assert not missing, f"{promise.id}: {missing} did not run"
