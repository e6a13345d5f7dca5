"""scripts/regenerate: the drift check passes on main and fails, with a diff, on any change."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of what regenerate reads and writes, so tests can change it freely."""
    for name in ("openapi", "generated", "scripts"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def regenerate(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The copied tree has no .venv: the script is to use this one (scripts/project_venv.py).
    env = dict(os.environ, ALPACA_VENV=sys.prefix)
    return subprocess.run(
        [sys.executable, str(tree / "scripts" / "regenerate"), *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def test_check_passes_on_the_committed_tree(tree: Path) -> None:
    result = regenerate(tree, "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout


def test_changing_one_field_in_the_spec_makes_the_check_fail_with_a_diff(tree: Path) -> None:
    spec = tree / "openapi" / "alpaca-trading-v2.yaml"
    text = spec.read_text(encoding="utf-8")
    field = "            Whether the account may sell short.\n          type: boolean\n"
    assert field in text
    spec.write_text(
        text.replace(field, field.replace("boolean", "string")),
        encoding="utf-8",
    )
    result = regenerate(tree, "--check")
    assert result.returncode == 1
    assert "generated/ is stale" in result.stderr
    assert "+++ b/generated/alpaca_trading_api/models/account.py" in result.stdout
    assert "-    shorting_enabled: bool | Unset = UNSET" in result.stdout
    assert "+    shorting_enabled: str | Unset = UNSET" in result.stdout

    # Regenerating brings the tree back in line.
    assert regenerate(tree).returncode == 0
    assert regenerate(tree, "--check").returncode == 0


def test_a_deleted_generated_file_is_reported(tree: Path) -> None:
    (tree / "generated" / "alpaca_trading_api" / "models" / "order.py").unlink()
    result = regenerate(tree, "--check")
    assert result.returncode == 1
    assert "+++ b/generated/alpaca_trading_api/models/order.py" in result.stdout


def test_an_invalid_spec_is_refused_with_the_reason(tree: Path) -> None:
    spec = tree / "openapi" / "alpaca-trading-v2.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("openapi: 3.0.3", "openapi: 3.0.3\nbogus: 1"),
        encoding="utf-8",
    )
    result = regenerate(tree, "--check")
    assert result.returncode == 2
    assert "is not a valid OpenAPI document" in result.stderr
    assert "bogus" in result.stderr


def test_a_config_key_the_generator_does_not_know_is_refused(tree: Path) -> None:
    config = tree / "openapi" / "generator-config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "literal_enum: true\n", encoding="utf-8")
    result = regenerate(tree, "--check")
    assert result.returncode == 2
    assert "unknown key(s) ['literal_enum']" in result.stderr


def _git(tree: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=tree, check=True, capture_output=True,
    )  # fmt: skip


def test_changes_report_markdown_against_the_previous_tag_not_heads_own(tree: Path) -> None:
    _git(tree, "init", "-q")
    _git(tree, "add", "-A")
    _git(tree, "commit", "-q", "-m", "0.1.0")
    _git(tree, "tag", "v0.1.0")
    first = regenerate(tree, "--check", "--changes")
    assert first.returncode == 0, first.stderr
    assert "No previous release" in first.stdout  # v0.1.0 is HEAD's own: not "the previous"
    assert "no tag vX.Y.Z other than HEAD's own" in first.stdout
    assert "up to date" in first.stderr  # stdout stays the Markdown report

    spec = tree / "openapi" / "alpaca-trading-v2.yaml"
    text = spec.read_text(encoding="utf-8")
    field = (
        "        shorting_enabled:\n          description: >-\n"
        "            Whether the account may sell short.\n          type: boolean\n"
    )
    assert field in text
    spec.write_text(text.replace(field, ""), "utf-8")
    assert regenerate(tree).returncode == 0
    _git(tree, "add", "-A")
    _git(tree, "commit", "-q", "-m", "breaking")
    _git(tree, "tag", "v0.1.1")  # HEAD's own tag again; v0.1.0 is the previous release
    report = regenerate(tree, "--check", "--changes")
    assert report.returncode == 0
    assert "## Spec changes since 0.1.0 (tag v0.1.0)" in report.stdout
    assert "**0.1.0 → 0.2.0** (breaking changes)" in report.stdout
    assert "| **breaking** | Account.shorting_enabled removed |" in report.stdout
    assert "The spec says 0.1.0: set `info.version` to at least 0.2.0." in report.stdout
    gate = regenerate(tree, "--check", "--changes", "--fail-on-breaking")
    assert gate.returncode == 1
    assert "breaking changes (--fail-on-breaking)" in gate.stderr
    since = regenerate(tree, "--check", "--changes", "--since", "HEAD")
    assert "No change for users since 0.1.0" in since.stdout


def test_fail_on_breaking_needs_changes(tree: Path) -> None:
    result = regenerate(tree, "--fail-on-breaking")
    assert result.returncode == 2
    assert "--fail-on-breaking needs --changes" in result.stderr


def test_a_hostile_spec_at_since_is_exit_2_with_the_rule_not_a_traceback(tree: Path) -> None:
    spec = tree / "openapi" / "alpaca-trading-v2.yaml"
    good = spec.read_bytes()
    spec.write_bytes(b"openapi: 3.0.3\npaths: [/v2/account]\n")
    _git(tree, "init", "-q")
    _git(tree, "add", "-A")
    _git(tree, "commit", "-q", "-m", "hostile")
    _git(tree, "tag", "hostile")
    spec.write_bytes(good)
    result = regenerate(tree, "--check", "--changes", "--since", "hostile")
    assert result.returncode == 2, result.stderr
    assert "paths must be a mapping" in result.stderr
    assert "Traceback" not in result.stderr
