"""scripts/regenerate: the drift check passes on main and fails, with a diff, on any change."""

from __future__ import annotations

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
    return subprocess.run(
        [sys.executable, str(tree / "scripts" / "regenerate"), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_passes_on_the_committed_tree(tree: Path) -> None:
    result = regenerate(tree, "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout


def test_changing_one_field_in_the_spec_makes_the_check_fail_with_a_diff(tree: Path) -> None:
    spec = tree / "openapi" / "alpaca-trading-v2.yaml"
    text = spec.read_text(encoding="utf-8")
    assert "        shorting_enabled: {type: boolean}\n" in text
    spec.write_text(
        text.replace(
            "        shorting_enabled: {type: boolean}\n",
            "        shorting_enabled: {type: string}\n",
        ),
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
