"""The judging process: `python -m alpaca_conformance.proxy.worker SETTINGS_JSON`, started by
the proxy (judging.py), never by hand.

It reads the proxy's events from stdin, one pickle each, in the order the proxy saw them:
an exchange began (its number, identity, method and operation: what the session model reads
then), was abandoned, was answered and is to be judged, or was decided by the proxy itself.
It hands them to the Session (the checks, the session model, the traffic table, the
recording, the console), and when stdin ends it writes the Session's Summary to stdout.

It runs at the lowest CPU priority: the proxy's client, the proxy and the upstream get the
machine first, and the checks take what is left; on a busy machine they lag behind the
traffic and catch up when it pauses (the proxy bounds how far). Ctrl-C is the proxy's to
handle: the proxy starts this process in a session of its own, out of the terminal's reach,
and SIGINT is ignored here too; SIGTERM means "stop judging": the events still to come
are read and counted as not judged, and the summary is written at once.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO, Any

from alpaca_conformance.proxy.exchange import Exchange
from alpaca_conformance.proxy.recorder import Recorder
from alpaca_conformance.proxy.response_check import warm_up
from alpaca_conformance.proxy.session import Session
from alpaca_conformance.proxy.traffic import Traffic

BEGIN, ABANDON, ANSWERED, OBSERVE = "begin", "abandon", "answered", "observe"


@dataclass(frozen=True)
class WorkerSettings:
    base_url: str  # the proxy's own URL, for the report's curl lines
    recording: str | None  # the recording's path, or None
    record_limit: int  # bytes
    console: bool  # print each violation and warning to stderr

    def to_json(self) -> str:
        return json.dumps(self.__dict__)

    @classmethod
    def from_json(cls, text: str) -> WorkerSettings:
        return cls(**json.loads(text))


class _Stop:
    """SIGTERM: stop judging; the exchanges handed over after it are counted, not judged."""

    def __init__(self) -> None:
        self.requested = False
        self.not_judged = 0

    def __call__(self, sig: int, frame: FrameType | None) -> None:
        self.requested = True


def _lowest_priority() -> None:
    """nice 19 (where it cannot be set, the checks share the machine as any process does).
    Not SCHED_IDLE: measured, it made the proxy's quiet p99 worse (5.8-6.4 ms against
    3.7-3.9 ms)."""
    with contextlib.suppress(AttributeError, OSError):
        os.nice(19)


def run(settings: WorkerSettings, events: IO[bytes], stop: _Stop) -> Session:
    """Apply every event of `events` to a new Session until the stream ends (or is cut)."""
    recorder = None
    if settings.recording is not None:
        recorder = Recorder(Path(settings.recording), settings.record_limit)
    session = Session(
        Traffic(settings.base_url), recorder, console=sys.stderr if settings.console else None
    )
    begun: dict[int, Exchange] = {}  # by number: what the session model knew at its start
    try:
        while True:
            try:
                event: tuple[Any, ...] = pickle.load(events)  # noqa: S301 - our own parent's pipe
            except (EOFError, pickle.UnpicklingError):
                break  # the end, or a stream cut mid-event by a proxy that died
            kind = event[0]
            if stop.requested:
                if kind in (ANSWERED, OBSERVE):
                    stop.not_judged += 1
                continue
            if kind == BEGIN:
                number, identity, method, operation = event[1:]
                started = Exchange(0.0, method, "", "", [], operation, identity, number=number)
                begun[number] = started
                session.begin(started)
                continue
            if kind == ABANDON:
                left = begun.pop(event[1], None)
                if left is not None:
                    session.abandon(left)
                continue
            exchange: Exchange = event[1]
            known = begun.pop(exchange.number, None)
            if known is not None:  # what the session model set when it began
                exchange.overlapped = known.overlapped
                exchange.session_mark, exchange.wide_mark = known.session_mark, known.wide_mark
            if kind == ANSWERED:
                session.answered(exchange, event[2], event[3])
            else:
                session.observe(exchange)
    finally:
        if recorder is not None:
            recorder.close()
    return session


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stop = _Stop()
    signal.signal(signal.SIGTERM, stop)
    _lowest_priority()
    settings = WorkerSettings.from_json(argv[0])
    warm_up()  # the spec's schemas, before the first exchange waits for them
    session = run(settings, sys.stdin.buffer, stop)
    summary = session.summary(not_judged=stop.not_judged)
    sys.stdout.buffer.write(pickle.dumps(summary, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
