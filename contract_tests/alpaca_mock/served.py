"""Serve the mock over real HTTP from a child process, for a test or a benchmark.

    with served_mock("--rate-limit", "off") as base_url:
        ...  # http://127.0.0.1:<free port>

It runs `python -m alpaca_mock` (uvicorn) on a free port of 127.0.0.1 with the arguments
given, yields its base URL once it listens, keeps draining its output so a chatty server
never blocks on a full pipe, and always stops it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from alpaca_mock.admin import TOKEN_ENV

_URL = re.compile(r"serving (http://127\.0\.0\.1:\d+)")


@contextmanager
def served_mock(*args: str, timeout: float = 20.0, admin_token: str | None = None) -> Iterator[str]:
    """Yield the base URL of a mock served over real HTTP; always stop it.

    `args` are alpaca-mock's options (--seed FILE, --admin, --rate-limit off, ...).
    `admin_token` becomes the admin API's token (passed in the child's environment, never on
    its command line); send it as X-Mock-Admin-Token."""
    env = dict(os.environ)
    env.pop(TOKEN_ENV, None)
    if admin_token is not None:
        env[TOKEN_ENV] = admin_token
    process = subprocess.Popen(  # noqa: S603 - our own module, a list of arguments, no shell
        [sys.executable, "-m", "alpaca_mock", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + timeout
        lines: list[str] = []
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            match = _URL.search(line)
            if match:
                # Keep reading its output so a chatty server never blocks on a full pipe.
                threading.Thread(target=process.stdout.read, daemon=True).start()
                yield match.group(1)
                return
        raise RuntimeError("the mock did not start:\n" + "".join(lines))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
