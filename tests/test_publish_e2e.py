"""Publish to a real package index on 127.0.0.1, install from it into a fresh venv, use it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from alpaca_mock import DEFAULT_CREDENTIALS

ROOT = Path(__file__).resolve().parent.parent
PYTHON = os.path.abspath(sys.executable)
PASSWORD = "index-password-NEVER-PRINTED"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    packages = tmp_path_factory.mktemp("packages")
    port = _free_port()
    server = subprocess.Popen(
        [os.path.join(os.path.dirname(PYTHON), "pypi-server"), "run", "--host", "127.0.0.1",
         "-p", str(port), "-a", ".", "-P", ".", str(packages)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/simple/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def publish(index: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        TWINE_REPOSITORY_URL=f"{index}/",
        TWINE_USERNAME="ci",
        TWINE_PASSWORD=PASSWORD,
    )
    return subprocess.run(
        [PYTHON, str(ROOT / "scripts" / "publish"), *args],
        capture_output=True, text=True, env=env, cwd=ROOT, check=False, timeout=300,
    )  # fmt: skip


def listing(index: str) -> str:
    with urllib.request.urlopen(f"{index}/simple/alpaca-trading-kit/", timeout=5) as page:
        return str(page.read().decode())


def test_publish_install_and_use(index: str, tmp_path: Path) -> None:
    dry = publish(index)
    assert dry.returncode == 0, dry.stderr
    assert "dry run: would upload 2 files" in dry.stdout
    with pytest.raises(urllib.error.HTTPError):
        listing(index)  # the dry run sent nothing

    first = publish(index, "--upload")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "alpaca_trading_kit-0.1.0-py3-none-any.whl" in listing(index)

    again = publish(index, "--upload")
    assert again.returncode == 1
    assert "already on" in again.stderr
    assert "never re-published" in again.stderr
    for result in (dry, first, again):
        assert PASSWORD not in result.stdout + result.stderr

    venv = tmp_path / "venv"
    subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True)
    pip = [
        str(venv / "bin" / "python"),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ]
    subprocess.run(
        [*pip, "--isolated", "--no-deps", "--index-url", f"{index}/simple/",
         "alpaca-trading-kit==0.1.0"],
        check=True, timeout=300,
    )  # fmt: skip
    # its runtime and mock dependencies, as pyproject declares them (pinned, from the registry)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    needs = [*project["dependencies"], *project["optional-dependencies"]["mock"]]
    subprocess.run(
        [*pip, "-c", str(ROOT / "requirements" / "constraints.txt"), *needs],
        check=True, timeout=300,
    )  # fmt: skip

    mock = subprocess.Popen(
        [str(venv / "bin" / "alpaca-mock"), "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    try:
        assert mock.stdout is not None
        url = mock.stdout.readline().split("serving ", 1)[1].strip()
        credentials = DEFAULT_CREDENTIALS[0]
        script = (
            "import alpaca_trading, alpaca_trading_api\n"
            "from alpaca_trading import Client\n"
            f"client = Client({credentials.key_id!r}, {credentials.secret_key!r},"
            f" base_url={url!r})\n"
            "print(alpaca_trading.__file__)\n"
            "print(alpaca_trading.__version__, client.get_account().status,"
            " client.get_position('BTC/USD').symbol)\n"
        )
        used = subprocess.run(
            [str(venv / "bin" / "python"), "-c", script],
            capture_output=True, text=True, cwd=tmp_path, check=False, timeout=60,
        )  # fmt: skip
    finally:
        mock.terminate()
        mock.wait(timeout=10)
    assert used.returncode == 0, used.stderr
    installed_at, outcome = used.stdout.splitlines()
    assert installed_at.startswith(str(venv))  # the installed wheel, not this checkout
    assert outcome == "0.1.0 ACTIVE BTCUSD"
