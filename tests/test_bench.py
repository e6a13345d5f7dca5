"""The benchmark's fairness check: decoders that disagree must stop the race."""

from __future__ import annotations

import importlib.machinery
import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest

_loader = importlib.machinery.SourceFileLoader(
    "bench", str(Path(__file__).resolve().parent.parent / "scripts" / "bench")
)
_spec = importlib.util.spec_from_loader("bench", _loader)
assert _spec is not None
bench = importlib.util.module_from_spec(_spec)
_loader.exec_module(bench)

RAW = [{"qty": "1.50"}, {"qty": "-300"}]


def test_equal_values_pass() -> None:
    ours = [SimpleNamespace(qty="1.50"), SimpleNamespace(qty="-300")]
    theirs = [SimpleNamespace(qty="1.5"), SimpleNamespace(qty="-300")]  # same decimal
    bench.check_fair("positions", "qty", ours, theirs, RAW)


@pytest.mark.parametrize(
    "theirs",
    [
        [SimpleNamespace(qty="1.5")],  # one missing
        [SimpleNamespace(qty="1.5"), SimpleNamespace(qty="-300.0000001")],  # a value off
        [SimpleNamespace(qty=1.5), SimpleNamespace(qty="-299")],
    ],
)
def test_a_disagreement_stops_the_race(theirs: list[SimpleNamespace]) -> None:
    ours = [SimpleNamespace(qty="1.50"), SimpleNamespace(qty="-300")]
    with pytest.raises(SystemExit, match="unfair race"):
        bench.check_fair("positions", "qty", ours, theirs, RAW)


def test_the_universe_has_what_the_issue_asks_for() -> None:
    seed = bench.universe(assets=50, positions=10)
    assert len(seed["assets"]) == 50
    assert len(seed["accounts"][0]["positions"]) == 10
    assert any(p["qty"].startswith("-") for p in seed["accounts"][0]["positions"])
