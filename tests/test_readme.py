"""The README's two commands exist, and its client examples run against the served mock."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from alpaca_mock import DEFAULT_CREDENTIALS
from alpaca_mock.served import served_mock

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["scripts/conformance", "scripts/test"]
    root = Path(__file__).resolve().parent.parent
    assert all(os.access(root / command, os.X_OK) for command in commands)


def test_client_examples_run_against_the_mock(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    section = README.split("## Using the client", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) >= 7
    credentials = DEFAULT_CREDENTIALS[0]
    with served_mock("--rate-limit", "off") as url:
        monkeypatch.setenv("APCA_API_BASE_URL", url)
        monkeypatch.setenv("APCA_API_KEY_ID", credentials.key_id)
        monkeypatch.setenv("APCA_API_SECRET_KEY", credentials.secret_key)
        namespace: dict[str, object] = {}
        for block in blocks:
            exec(compile(block, "README.md", "exec"), namespace)
    printed = capsys.readouterr().out
    assert "ACTIVE" in printed
    assert "BTC/USD 0.000010954" in printed
    assert "40310000" in printed
    assert "XYZQ failed: 422" in printed
