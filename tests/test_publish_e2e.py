"""The maintainer's release flow, as the README writes it, against a package index on 127.0.0.1.

The index serves only what it holds (pypiserver --disable-fallback): the releases this test
publishes and a wheelhouse of their dependencies, downloaded first from the registry this
machine's pip uses. A clone of this repository is released three times: a first release, an
additive change (0.1.1), and a breaking change, refused while under-bumped and published as
0.2.0. A fresh venv then installs from that index alone and uses what changed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from alpaca_mock import DEFAULT_CREDENTIALS

ROOT = Path(__file__).resolve().parent.parent
PYTHON = os.path.abspath(sys.executable)
BIN = os.path.dirname(PYTHON)
PASSWORD = "index-password-NEVER-PRINTED"
SPEC = "openapi/alpaca-trading-v2.yaml"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _dependencies() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["mock"]]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    packages = tmp_path_factory.mktemp("packages")
    # The dependencies of the client and the mock, as wheels the index will serve itself.
    subprocess.run(
        [PYTHON, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
         "--only-binary=:all:", "-d", str(packages),
         "-c", str(ROOT / "requirements" / "constraints.txt"), *_dependencies()],
        check=True, timeout=300,
    )  # fmt: skip
    port = _free_port()
    server = subprocess.Popen(
        [os.path.join(BIN, "pypi-server"), "run", "--host", "127.0.0.1", "-p", str(port),
         "-a", ".", "-P", ".", "--disable-fallback", str(packages)],
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


class Repo:
    """A clone of this repository where the maintainer's commands are run as the README says."""

    def __init__(self, path: Path, index: str) -> None:
        self.path = path
        self.env = dict(
            os.environ,
            # The scripts re-execute in the project's venv: this one, already set up.
            ALPACA_VENV=os.path.dirname(BIN),
            PATH=BIN + os.pathsep + os.environ.get("PATH", ""),
            TWINE_REPOSITORY_URL=f"{index}/",
            TWINE_USERNAME="ci",
            TWINE_PASSWORD=PASSWORD,
            GIT_AUTHOR_NAME="Maintainer",
            GIT_AUTHOR_EMAIL="maintainer@example.invalid",
            GIT_COMMITTER_NAME="Maintainer",
            GIT_COMMITTER_EMAIL="maintainer@example.invalid",
        )
        self.outputs: list[str] = []

    def run(
        self, *command: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            list(command), cwd=self.path, env={**self.env, **(env or {})}, capture_output=True,
            text=True, check=False, timeout=600,
        )  # fmt: skip
        self.outputs.append(result.stdout + result.stderr)
        return result

    def ok(self, *command: str) -> str:
        result = self.run(*command)
        assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
        return result.stdout

    def edit_spec(self, old: str, new: str) -> None:
        spec = self.path / SPEC
        text = spec.read_text(encoding="utf-8")
        assert old in text, old
        spec.write_text(text.replace(old, new, 1), encoding="utf-8")

    def set_version(self, version: str) -> None:
        spec = self.path / SPEC
        lines = spec.read_text(encoding="utf-8").splitlines(keepends=True)
        lines = [f'  version: "{version}"\n' if line.startswith("  version: ") else line
                 for line in lines]  # fmt: skip
        spec.write_text("".join(lines), encoding="utf-8")

    def commit(self, message: str) -> None:
        self.ok("git", "add", "-A")
        self.ok("git", "commit", "-q", "-m", message)


def listing(index: str) -> str:
    try:
        with urllib.request.urlopen(f"{index}/simple/alpaca-trading-kit/", timeout=5) as page:
            return str(page.read().decode())
    except urllib.error.HTTPError:
        return ""


def release_workflow_publish_steps() -> tuple[list[str], list[str]]:
    """The dry run and the upload, as .github/workflows/release.yml runs them."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text())
    runs = [s["run"] for s in workflow["jobs"]["publish"]["steps"] if "publish" in s.get("run", "")]
    dry_run, upload = (shlex.split(run) for run in runs)
    return dry_run, upload


def release_workflow_env(*, first_release: bool) -> dict[str, str]:
    """The job's PUBLISH_FIRST_RELEASE for a run with the first-release input ticked or not
    (a tag push has no inputs: not ticked), after checking the workflow can pass it at all."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text())
    dispatch = workflow[True]["workflow_dispatch"]  # YAML 1.1 reads the key `on` as True
    assert dispatch["inputs"]["first-release"]["type"] == "boolean"
    expression = workflow["jobs"]["publish"]["env"]["PUBLISH_FIRST_RELEASE"]
    assert expression == "${{ inputs.first-release && '1' || '' }}"
    return {"PUBLISH_FIRST_RELEASE": "1" if first_release else ""}


def test_a_maintainers_release_flow_end_to_end(index: str, tmp_path: Path) -> None:
    subprocess.run(["git", "clone", "-q", str(ROOT), str(tmp_path / "repo")], check=True)
    repo = Repo(tmp_path / "repo", index)
    version = repo.ok("git", "show", f"HEAD:{SPEC}").split('version: "', 1)[1].split('"')[0]
    assert version == "0.1.0"

    # ---- the first release: refused untagged, and without --first-release
    untagged = repo.run("scripts/publish", "--upload")
    assert untagged.returncode == 1
    assert "not tagged v0.1.0" in untagged.stderr
    repo.ok("git", "tag", "v0.1.0")
    no_previous = repo.run("scripts/publish", "--upload")
    assert no_previous.returncode == 1
    assert "no previous release" in no_previous.stderr
    assert "--first-release" in no_previous.stderr
    # as the release workflow runs it by hand on the first tag, with first-release ticked
    dry_run, upload = release_workflow_publish_steps()
    repo.env.update(release_workflow_env(first_release=True))
    dry = repo.ok(*dry_run)
    assert "first release" in dry
    assert "dry run: would upload 2 files of alpaca-trading-kit 0.1.0" in dry
    assert "alpaca_trading_kit-0.1.0-py3-none-any.whl" in dry
    assert "sha256 " in dry
    assert listing(index).count("alpaca_trading_kit") == 0  # the dry run sent nothing
    repo.ok(*upload)
    assert "alpaca_trading_kit-0.1.0-py3-none-any.whl" in listing(index)
    repo.env.update(release_workflow_env(first_release=False))

    # ---- an additive change, released from a tag on HEAD
    repo.edit_spec(
        "        swap_rate:\n",
        "        e2e_note:\n          type: string\n          nullable: true\n        swap_rate:\n",
    )
    repo.ok("scripts/regenerate")
    repo.commit("Position.e2e_note")
    report = repo.ok("scripts/regenerate", "--check", "--changes")
    assert "**0.1.0 → 0.1.1** (additive changes)" in report
    assert "Position.e2e_note (optional" in report
    assert "set `info.version` to at least 0.1.1" in report
    repo.set_version("0.1.1")
    (repo.path / "stray.txt").write_text("not committed")
    dirty = repo.run("scripts/publish")
    assert dirty.returncode == 1
    assert "the working tree is not clean" in dirty.stderr
    assert "stray.txt" in dirty.stderr
    (repo.path / "stray.txt").unlink()
    repo.commit("0.1.1")
    repo.ok("git", "tag", "v0.1.1")
    # first-release ticked once a release exists: refused, never a silent re-baseline
    ticked = repo.run(*dry_run, env=release_workflow_env(first_release=True))
    assert ticked.returncode == 1
    assert "--first-release, but 0.1.0 was released" in ticked.stderr
    published = repo.ok("scripts/publish", "--upload")
    assert "0.1.0 → 0.1.1 at least (additive changes since" in published
    assert "on " + index in published  # compared with the release on the index
    assert "alpaca_trading_kit-0.1.1-py3-none-any.whl" in listing(index)
    again = repo.run("scripts/publish", "--upload")
    assert again.returncode == 1
    assert "already on" in again.stderr

    # ---- a breaking change: under-bumped, refused with the version it needs
    repo.edit_spec(
        "        cusip:\n          description: >-\n"
        "            The CUSIP, for US equities; null or absent otherwise. A CUSIP: 9 characters"
        ' whose last\n            is its check digit. Example: "037833100".\n'
        "          type: string\n          nullable: true\n",
        "",
    )
    repo.ok("scripts/regenerate")
    repo.set_version("0.1.2")
    repo.commit("drop Asset.cusip, as 0.1.2")
    failing = repo.run("scripts/regenerate", "--check", "--changes", "--fail-on-breaking")
    assert failing.returncode == 1
    assert "**0.1.1 → 0.2.0** (breaking changes)" in failing.stdout
    assert "| **breaking** | Asset.cusip removed |" in failing.stdout
    repo.ok("git", "tag", "v0.1.2")
    under = repo.run("scripts/publish", "--upload")
    assert under.returncode == 1
    assert "version 0.1.2 is too small" in under.stderr
    assert "breaking changes, which need at least 0.2.0" in under.stderr
    repo.ok("git", "tag", "-d", "v0.1.2")
    repo.set_version("0.2.0")
    repo.commit("0.2.0")
    repo.ok("git", "tag", "v0.1.9")  # a tag that is not the spec's version
    mismatch = repo.run("scripts/publish")
    assert mismatch.returncode == 1
    assert "HEAD is tagged v0.1.9 but the spec's info.version is 0.2.0" in mismatch.stderr
    repo.ok("git", "tag", "-d", "v0.1.9")
    repo.ok("git", "tag", "v0.2.0")
    repo.ok("scripts/publish", "--upload")
    assert "alpaca_trading_kit-0.2.0-py3-none-any.whl" in listing(index)
    for output in repo.outputs:
        assert PASSWORD not in output

    # ---- a fresh venv, from that index alone
    venv = tmp_path / "venv"
    subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--isolated",
           "--disable-pip-version-check", "--index-url", f"{index}/simple/"]  # fmt: skip
    subprocess.run([*pip, "alpaca-trading-kit"], check=True, timeout=300)
    plain = subprocess.run(
        [str(venv / "bin" / "alpaca-mock"), "--port", "0"],
        capture_output=True, text=True, cwd=tmp_path, check=False, timeout=60,
    )  # fmt: skip
    assert plain.returncode == 2
    assert plain.stderr.strip().splitlines() == [
        "alpaca-mock: needs the mock extra (missing: uvicorn, jsonschema): "
        "pip install 'alpaca-trading-kit[mock]'"
    ]
    conformance = subprocess.run(
        [str(venv / "bin" / "alpaca-conformance")],
        capture_output=True, text=True, cwd=tmp_path, check=False, timeout=60,
    )  # fmt: skip
    assert conformance.returncode == 2
    assert "pip install 'alpaca-trading-kit[conformance]'" in conformance.stderr
    assert len(conformance.stderr.strip().splitlines()) == 1

    subprocess.run([*pip, "alpaca-trading-kit[mock]"], check=True, timeout=300)
    mock = subprocess.Popen(
        [str(venv / "bin" / "alpaca-mock"), "--port", "0"],
        stdout=subprocess.PIPE, text=True, cwd=tmp_path,
    )  # fmt: skip
    try:
        assert mock.stdout is not None
        url = mock.stdout.readline().split("serving ", 1)[1].strip()
        credentials = DEFAULT_CREDENTIALS[0]
        script = (
            "import alpaca_trading\n"
            "from alpaca_trading import Client, Position, Asset\n"
            f"client = Client({credentials.key_id!r}, {credentials.secret_key!r},"
            f" base_url={url!r})\n"
            "position = client.get_position('BTC/USD')\n"
            "noted = Position.from_dict({**position.to_dict(), 'e2e_note': 'hi'})\n"
            "print(alpaca_trading.__file__)\n"
            "print(alpaca_trading.__version__, client.get_account().status, position.symbol,"
            " noted.e2e_note, hasattr(Asset, 'cusip') or 'cusip' in Asset.__annotations__)\n"
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
    assert installed_at.startswith(str(venv))  # the installed wheel, not a checkout
    assert outcome == "0.2.0 ACTIVE BTCUSD hi False"


def test_a_shallow_clone_without_tags_is_told_how_to_fix_it(tmp_path: Path) -> None:
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{ROOT}", str(tmp_path / "repo")],
        check=True,
    )
    repo = Repo(tmp_path / "repo", "http://127.0.0.1:9")  # nothing listens there
    result = repo.run("scripts/publish")
    assert result.returncode == 1
    assert "could not be read" in result.stderr  # the index, said, not silently skipped
    assert "shallow clone" in result.stderr
    assert "git fetch --tags --unshallow" in result.stderr
    assert "--first-release" in result.stderr


@pytest.mark.parametrize(
    "command",
    [["scripts/regenerate", "--check"], ["scripts/publish", "--help"]],
    ids=["regenerate --check", "publish --help"],
)
def test_the_python_scripts_run_with_only_the_system_python_on_path(
    command: list[str], tmp_path: Path
) -> None:
    system_bin = str(Path(sys.base_prefix) / "bin")
    assert shutil.which("python3", path=system_bin), "no system python3 to start the script"
    env = {
        "PATH": f"{system_bin}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "ALPACA_VENV": os.path.dirname(BIN),
    }
    result = subprocess.run(
        [str(ROOT / command[0]), *command[1:]],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ModuleNotFoundError" not in result.stderr
