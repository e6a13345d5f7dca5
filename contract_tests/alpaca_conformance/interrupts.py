"""Ctrl-C ends the run, every time: the first one is remembered, not only raised.

pytest turns a KeyboardInterrupt into its INTERRUPTED status, but code under test can swallow
one (a broad except in a generated test, a retry loop). The first SIGINT sets a flag and
raises as usual; each new case checks the flag and raises again, so the run stops within one
request whatever swallowed the first. A second Ctrl-C while stopping is not needed.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType

INTERRUPTED = threading.Event()


def _on_sigint(signum: int, frame: FrameType | None) -> None:
    INTERRUPTED.set()
    raise KeyboardInterrupt


def install() -> None:
    """Handle SIGINT as above (main thread only, where Python delivers signals)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _on_sigint)


def check() -> None:
    """Raise KeyboardInterrupt again if Ctrl-C was pressed: called before each case."""
    if INTERRUPTED.is_set():
        raise KeyboardInterrupt
