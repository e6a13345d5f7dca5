"""Virtual environments of other Python clients of Alpaca, for tests that drive them through
the proxy: made once from the package registry with every version pinned, and reused.

Alpaca's legacy SDK (alpaca-trade-api) pins urllib3<2, websockets<11 and msgpack 1.0.3, which
are not ours to install beside the project; it gets its own venv under .venv-sdk/, rebuilt when
its requirements file changes. Without the registry (offline), the test that needs it is
skipped, saying why.
"""

from __future__ import annotations

import fcntl
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENVS = ROOT / ".venv-sdk"


def sdk_python(name: str, requirements: Path) -> Path:
    """The python of the venv `name` with `requirements` installed (made now if needed)."""
    venv = ENVS / name
    python = venv / "bin" / "python"
    stamp = venv / ".requirements-sha256"
    want = hashlib.sha256(requirements.read_bytes()).hexdigest()
    ENVS.mkdir(exist_ok=True)
    with (ENVS / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one maker at a time (pytest-xdist workers)
        if python.exists() and stamp.exists() and stamp.read_text() == want:
            return python
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        made = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--no-deps", "-r", str(requirements)],
            capture_output=True, text=True, check=False, timeout=900,
        )  # fmt: skip
        if made.returncode != 0:
            pytest.skip(f"{name} could not be installed from the package registry: "
                        f"{(made.stderr or made.stdout).strip()[-500:]}")  # fmt: skip
        stamp.write_text(want)
    return python
