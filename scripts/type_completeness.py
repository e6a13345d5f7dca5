"""Fail unless the public API of alpaca_trading is fully typed and documented.

    python scripts/type_completeness.py [--package alpaca_trading]

Runs `basedpyright --verifytypes` (installed by scripts/setup, with its own Node.js) on the
installed package and exits 1 when the type-completeness score is below 100 % or any public
function or class has no docstring, listing each symbol and why. Types from other packages
(httpx) are not judged (--ignoreexternal); the generated models re-exported here are.
Exit codes: 0 complete, 1 incomplete, 2 the checker could not run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any


def run_checker(package: str) -> dict[str, Any]:
    """basedpyright's JSON report, run against the interpreter running this script."""
    venv = Path(sys.prefix)
    checker = shutil.which("basedpyright", path=str(venv / "bin")) or shutil.which("basedpyright")
    if checker is None:
        raise RuntimeError("basedpyright is not installed; run scripts/setup")
    # basedpyright finds the packages through the active environment (VIRTUAL_ENV); run it
    # from a neutral folder so no pyproject.toml in the caller's directory changes it.
    env = dict(os.environ, VIRTUAL_ENV=str(venv))
    env["PATH"] = str(venv / "bin") + os.pathsep + env.get("PATH", "")
    command = [checker, "--verifytypes", package, "--ignoreexternal", "--outputjson"]
    result = subprocess.run(  # noqa: S603 - a fixed command
        command, capture_output=True, text=True, env=env, cwd=venv, timeout=600, check=False
    )
    try:
        report: dict[str, Any] = json.loads(result.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(
            f"basedpyright gave no report (exit {result.returncode}): {result.stderr[-2000:]}"
        ) from None
    return report


def problems(report: dict[str, Any], package: str) -> list[str]:
    """Every reason the package is not complete, one line each; [] when it is."""
    completeness = report.get("typeCompleteness")
    if not isinstance(completeness, dict):
        return ["the report has no typeCompleteness section"]
    found: list[str] = []
    if completeness.get("packageRootDirectory") in (None, ""):
        found.append(f"{package} was not found in this environment")
    for symbol in completeness.get("symbols", []):
        for diagnostic in symbol.get("diagnostics", []):
            if diagnostic.get("severity") in ("error", "warning"):
                found.append(f"{symbol.get('name')}: {diagnostic.get('message', '').strip()}")
    score = completeness.get("completenessScore", 0)
    if score < 1:
        found.append(f"type-completeness score {score:.1%} (100 % required)")
    for key, what in (
        ("missingFunctionDocStringCount", "functions"),
        ("missingClassDocStringCount", "classes"),
    ):
        if completeness.get(key, 0):
            found.append(f"{completeness[key]} public {what} without a docstring")
    return found


def main(argv: list[str] | None = None) -> int:
    """Check and print the verdict; the exit code says it (0, 1, or 2)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--package", default="alpaca_trading")
    args = parser.parse_args(argv)
    try:
        report = run_checker(args.package)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        print(f"type completeness: cannot run the checker: {error}", file=sys.stderr)
        return 2
    found = problems(report, args.package)
    completeness = report["typeCompleteness"]
    exported = completeness.get("exportedSymbolCounts", {})
    known = exported.get("withKnownType", 0)
    total = known + exported.get("withAmbiguousType", 0) + exported.get("withUnknownType", 0)
    if found:
        print(f"type completeness of {args.package}: incomplete", file=sys.stderr)
        for line in found:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(
        f"type completeness of {args.package}: 100 % ({known}/{total} exported symbols typed, "
        "every public function and class documented)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
