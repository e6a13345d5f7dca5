"""Run a Python script of scripts/ inside the project's virtual environment, whatever started it.

`scripts/regenerate` and `scripts/publish` start with `#!/usr/bin/env python3`, so the README's
way of running them uses whichever Python is first on PATH: often the system's, which lacks
the pinned generator, ruff and build. Before importing anything else they call `ensure()`,
which re-executes the script with the project's venv (`$ALPACA_VENV`, else `.venv/` at the
repository's root), making it first with scripts/setup when it is missing.

Standard library only: it runs before the venv is known to exist.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_GUARD = "ALPACA_SCRIPTS_IN_VENV"  # set on re-exec: never loop if the venv is broken


def venv_dir() -> Path:
    """The project's venv: $ALPACA_VENV, else .venv at the repository's root."""
    return Path(os.environ.get("ALPACA_VENV") or ROOT / ".venv").absolute()


def _inside(venv: Path) -> bool:
    return Path(sys.prefix).resolve() == venv.resolve()


def ensure(script: str) -> None:
    """Return when running inside the project's venv; otherwise set it up and re-execute
    `script` (with the same arguments) in it. Exits 2 when that cannot be done."""
    venv = venv_dir()
    if _inside(venv):
        return
    if os.environ.get(_GUARD) == "1":
        print(
            f"{Path(script).name}: re-executed with {venv}/bin/python but still not inside it; "
            f"remove {venv} and run scripts/setup",
            file=sys.stderr,
        )
        sys.exit(2)
    python = venv / "bin" / "python"
    try:
        # setup is quick when nothing changed; it makes the venv when missing.
        subprocess.run([str(ROOT / "scripts" / "setup")], check=True, stdout=sys.stderr)  # noqa: S603
    except (subprocess.CalledProcessError, OSError) as error:
        print(f"{Path(script).name}: scripts/setup failed ({error})", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    env = dict(os.environ, **{_GUARD: "1"})
    os.execve(python, [str(python), str(Path(script).resolve()), *sys.argv[1:]], env)  # noqa: S606
