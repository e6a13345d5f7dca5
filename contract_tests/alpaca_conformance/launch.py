"""The `alpaca-conformance` command's first step: a missing extra is one line (see
alpaca_mock.launch), then the suite's CLI."""

from __future__ import annotations

from alpaca_mock.launch import MOCK_MODULES, require_extra

CONFORMANCE_MODULES = ("schemathesis", "pytest", "hypothesis", "aiohttp", *MOCK_MODULES)


def main() -> int:
    """`alpaca-conformance`: check the extra, then run alpaca_conformance.cli."""
    require_extra("alpaca-conformance", "conformance", CONFORMANCE_MODULES)
    from alpaca_conformance.cli import main as run

    return run()
