"""Run the proxy in a child process, for a test, a benchmark or a user's own pytest session.

    with served_proxy("http://127.0.0.1:8000", "--report-dir", "out") as proxy:
        ...  # point a client at proxy.url
    proxy.exit_code  # the session's verdict, after SIGTERM ended it

It runs `python -m alpaca_conformance proxy --port 0` with the options given, yields once it
listens, keeps draining its output (kept in `proxy.output`), and always stops it: SIGTERM, a
normal end, so the reports are written and the exit code is the verdict.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

_URL = re.compile(r"alpaca-conformance proxy: (http://127\.0\.0\.1:\d+) ->")


@dataclass
class ServedProxy:
    url: str = ""
    exit_code: int | None = None
    lines: list[str] = field(default_factory=list)

    @property
    def output(self) -> str:
        return "".join(self.lines)


@contextmanager
def served_proxy(upstream: str, *args: str, timeout: float = 20.0) -> Iterator[ServedProxy]:
    """Yield a ServedProxy forwarding to `upstream` once it listens; stop it with SIGTERM."""
    process = subprocess.Popen(  # noqa: S603 - our own module, a list of arguments, no shell
        [sys.executable, "-m", "alpaca_conformance", "proxy", "--upstream", upstream,
         "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    served = ServedProxy()
    assert process.stdout is not None
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not served.url:
            line = process.stdout.readline()
            if not line:
                break
            served.lines.append(line)
            match = _URL.search(line)
            if match:
                served.url = match.group(1)
        if not served.url:
            raise RuntimeError("the proxy did not start:\n" + served.output)
        reader = threading.Thread(target=lambda: served.lines.extend(process.stdout or []))
        reader.daemon = True
        reader.start()
        yield served
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            served.exit_code = process.wait(timeout=120)  # the checks may be catching up
        except subprocess.TimeoutExpired:
            process.kill()
            served.exit_code = process.wait()
        if served.url:
            reader.join(timeout=10)
