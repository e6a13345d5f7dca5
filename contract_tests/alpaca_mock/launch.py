"""The `alpaca-mock` command's first step: a missing extra is one line, not a traceback.

`pip install alpaca-trading-kit` installs the client only; the console scripts come with it
(a wheel cannot make them conditional). Each one first checks that its extra is installed and,
if not, names the extra to install and exits 2 (the same code as bad usage).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence

MOCK_MODULES = ("uvicorn", "jsonschema")


def require_extra(command: str, extra: str, modules: Sequence[str]) -> None:
    """Exit 2 with one line naming the extra when any of `modules` is not installed."""
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    if missing:
        print(
            f"{command}: needs the {extra} extra (missing: {', '.join(missing)}): "
            f"pip install 'alpaca-trading-kit[{extra}]'",
            file=sys.stderr,
        )
        raise SystemExit(2)


def main() -> int:
    """`alpaca-mock`: check the extra, then run alpaca_mock.cli."""
    require_extra("alpaca-mock", "mock", MOCK_MODULES)
    from alpaca_mock.cli import main as run

    return run()
