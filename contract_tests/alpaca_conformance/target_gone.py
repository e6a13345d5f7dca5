"""A target that stops answering mid-run is not a target that breaks the contract.

When a request to an HTTP target fails at the connection (refused, reset, no answer in time),
one GET /v2/account probes the target. If the probe gets no answer either, the target has gone
away: the test under way ends (TargetGone in synchronous code, a BaseException, so Hypothesis
neither shrinks nor replays it; the connection error itself in async code), its failure is not
recorded as a check's, the session stops after it (suite/conftest.py), and the command exits 3
with reports that keep the checks that ran before. If the probe is answered, the target is
still there and the failed request is what it is: a finding of the check that sent it.
"""

from __future__ import annotations

import threading
import time

import httpx

PROBE_SECONDS = 5.0

GONE = threading.Event()
_said: list[str] = []  # why, once: "ConnectionError: ... at 12:03:04 (after the probe failed)"
_target: tuple[str, dict[str, str]] | None = None


class TargetGone(BaseException):
    """Raised in place of a connection error once the probe confirms the target is gone."""


def watch(base_url: str, headers: dict[str, str]) -> None:
    """Watch this target (an HTTP one; an in-process app cannot go away)."""
    global _target
    _target = (base_url.rstrip("/"), dict(headers))


def reason() -> str:
    return _said[0] if _said else ""


def _answers() -> bool:
    if _target is None:
        return True
    base_url, headers = _target
    try:
        with httpx.Client(timeout=PROBE_SECONDS, follow_redirects=False) as client:
            client.get(f"{base_url}/v2/account", headers=headers)
    except httpx.HTTPError:
        return False
    return True


def judge(error: BaseException) -> bool:
    """After a connection-level error: has the target gone away? (The probe runs once; after
    a yes, the answer stays yes.)"""
    if GONE.is_set():
        return True
    if _answers():
        return False
    if not GONE.is_set():
        when = time.strftime("%H:%M:%S")
        _said.append(f"{type(error).__name__} at {when}, and a probe of GET /v2/account failed")
        GONE.set()
    return True


def check() -> None:
    """Raise TargetGone if the target went away: called before each synchronous request
    and case. (Async code checks GONE and raises an ordinary error instead: a BaseException
    would break anyio's test runner.)"""
    if GONE.is_set():
        raise TargetGone(reason())
