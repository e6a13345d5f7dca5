"""The README's two commands exist, and its client examples run against the served mock."""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
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
        for block in blocks:  # each on its own, as a reader copies it: no shared names
            exec(compile(block, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "ACTIVE" in printed
    assert "BTC/USD 0.000010954" in printed
    assert "40310000" in printed
    assert "XYZQ failed: 422" in printed
    assert "US91282CLY56 4.125 2029-11-15 99.8671875" in printed  # exact, from JSON numbers
    assert "cusips[0]: '912810UG2' is not a CUSIP" in printed
    assert "not exercised: 40310000" in printed  # the options block, after the close-all one


def test_the_proxy_sections_three_commands_work_as_written(tmp_path: Path) -> None:
    section = README.split("## Checking your own code's traffic", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    lines = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert len(lines) == 3
    start, run, read = lines
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    credentials = DEFAULT_CREDENTIALS[0]
    (tmp_path / "my_bot.py").write_text(
        "from alpaca_trading import Client\n"
        "with Client() as client:\n"
        "    client.get_account()\n"
        "    client.list_positions()\n"
    )
    env = {**os.environ, "APCA_API_KEY_ID": credentials.key_id,
           "APCA_API_SECRET_KEY": credentials.secret_key}  # fmt: skip
    with served_mock("--rate-limit", "off") as url:
        args = shlex.split(start.replace("https://paper-api.alpaca.markets", url))
        assert args[0] == ".venv/bin/alpaca-conformance"
        args = [arg if arg != "8790" else port for arg in args]
        proxy = subprocess.Popen(
            [sys.executable, "-m", "alpaca_conformance", *args[1:]],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        assert proxy.stdout is not None
        assert "alpaca-conformance proxy: http://127.0.0.1:" in proxy.stdout.readline()
        assignment, *command = shlex.split(run.replace("8790", port))
        name, value = assignment.split("=", 1)
        assert command == ["python", "my_bot.py"]
        bot = subprocess.run(
            [sys.executable, "my_bot.py"], cwd=tmp_path, env={**env, name: value},
            capture_output=True, text=True, check=False, timeout=60,
        )  # fmt: skip
        assert bot.returncode == 0, bot.stderr
        proxy.send_signal(signal.SIGTERM)
        assert proxy.wait(timeout=30) == 0
    assert read == "cat reports/report.md"
    report = (tmp_path / "reports" / "report.md").read_text()
    assert "| getAccount | response: body matches the schema | passed | 1 |" in report


def test_the_ci_section_states_the_admin_token_rule_the_mock_enforces() -> None:
    """A CI user serving our mock learns the token's rule where the action is described, and
    the rule said is the one check_token enforces (its bounds accepted, one past refused)."""
    from alpaca_mock.admin import check_token

    ci = README.split("In another repository's CI", 1)[1].split("\n## ", 1)[0]
    assert "ALPACA_MOCK_ADMIN_TOKEN" in ci
    assert "16 to 256 printable ASCII characters without whitespace" in ci
    for length in (16, 256):
        check_token("t" * length)
    for bad in ("t" * 15, "t" * 257, "sixteen chars ok"):
        with pytest.raises(ValueError, match="16 to 256"):
            check_token(bad)
