"""The proxy's side of the judging process: exchanges are numbered here and handed, in order,
to worker.py, which judges them at the lowest CPU priority.

So the checks, the session model, the recording and the report never stand in the client's
way: on a busy machine the answer goes back at once and the checks catch up when the
machine has time. How far they may lag is bounded (MAX_WAITING bytes of exchanges not yet
taken by the worker); beyond it, an exchange's handler waits for room before it ends
(back-pressure on that connection), and no exchange is ever dropped.

At the end of the session, `finish()` hands over what still waits and reads the worker's
Summary. A first Ctrl-C ends the session (the checks still judge everything handed over); a
Ctrl-C while they catch up stops them (the rest is counted as not judged); a third stops the
worker outright, and there is no summary.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import FrameType
from typing import Any

from alpaca_conformance.proxy.exchange import Exchange, Identities
from alpaca_conformance.proxy.outbox import Outbox
from alpaca_conformance.proxy.request_check import RequestVerdict
from alpaca_conformance.proxy.session import Summary
from alpaca_conformance.proxy.upstream import UpstreamAnswer
from alpaca_conformance.proxy.worker import ABANDON, ANSWERED, BEGIN, OBSERVE, WorkerSettings

MAX_WAITING = 64 * 1024 * 1024  # bytes of exchanges the checks may lag behind, at most
HOLD_SECONDS = 0.01  # events are written to the judging process in batches, this often
HOLD_BYTES = 16 * 1024  # ... or once this many are held
_SAY_AFTER = 2.0  # seconds of catching up before the proxy says it is waiting for the checks
_PREFIX = "alpaca-conformance proxy:"


class Judging:
    """Numbers exchanges and hands them to the judging process; knows when the last request
    arrived (for --until-idle)."""

    def __init__(self, settings: WorkerSettings) -> None:
        self.identities = Identities()
        self.count = 0  # exchanges begun
        self.handed = 0  # exchanges handed over to be judged or observed
        self.last_activity = time.monotonic()
        # The worker finds our packages where we found them (as multiprocessing's spawn does);
        # -P: not the current directory first, where a user's own folder could shadow them.
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self._process = subprocess.Popen(  # noqa: S603 - our own module, a list of arguments
            [sys.executable, "-P", "-m", "alpaca_conformance.proxy.worker", settings.to_json()],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            start_new_session=True,  # a terminal's Ctrl-C is the proxy's to handle, not its
        )
        assert self._process.stdin is not None
        self._outbox = Outbox(self._process.stdin.fileno(), MAX_WAITING)
        self._held: list[bytes] = []  # events not written yet, in order
        self._held_bytes = 0
        self._timer: asyncio.TimerHandle | None = None
        self._left = b""  # what still waited when the loop ended
        self._said_broken = False

    def began(self) -> None:
        """A request arrived: the session is not idle."""
        self.last_activity = time.monotonic()

    def begin(self, exchange: Exchange) -> None:
        """An exchange that will be judged began: number it, and tell the session model."""
        self.count += 1
        exchange.number = self.count
        self._put((BEGIN, exchange.number, exchange.identity, exchange.method, exchange.operation))

    def abandon(self, exchange: Exchange) -> None:
        """An exchange that began will not be observed (its client left mid-way)."""
        exchange.observed = True
        self._put((ABANDON, exchange.number))

    async def answered(
        self, exchange: Exchange, answer: UpstreamAnswer, verdict: RequestVerdict
    ) -> None:
        """The upstream answered and the client has the answer: judge it, then observe it."""
        await self._hand((ANSWERED, exchange, answer, verdict), exchange)

    async def observe(self, exchange: Exchange) -> None:
        """The proxy answered itself (a refusal, a 502): observe the exchange as it is."""
        await self._hand((OBSERVE, exchange), exchange)

    async def _hand(self, event: tuple[Any, ...], exchange: Exchange) -> None:
        exchange.observed = True
        self.handed += 1
        self.last_activity = time.monotonic()
        self._put(event)
        await self._outbox.room()

    def _put(self, event: tuple[Any, ...]) -> None:
        """Hold `event` for the next write: one write every HOLD_SECONDS (or HOLD_BYTES), not
        one an event. Waking the judging process costs the proxy ~0.1 ms a write on a
        2-core machine, a tenth of its budget per request."""
        frame = pickle.dumps(event, protocol=pickle.HIGHEST_PROTOCOL)
        self._held.append(frame)
        self._held_bytes += len(frame)
        if self._held_bytes >= HOLD_BYTES:
            self._write_held()
        elif self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(HOLD_SECONDS, self._write_held)

    def _write_held(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._outbox.put(b"".join(self._held))
        self._held.clear()
        self._held_bytes = 0
        if self._outbox.broken and not self._said_broken:
            self._said_broken = True
            print(
                f"{_PREFIX} the checks' process stopped (exit status {self._process.poll()}); "
                "traffic is still forwarded, but no longer judged",
                file=sys.stderr,
                flush=True,
            )

    def release(self) -> None:
        """The session is ending: exchanges stop waiting for the checks to catch up."""
        self._outbox.release()

    def detach(self) -> None:
        """The event loop ends: keep what still waits, for finish() to hand over."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._left += self._outbox.detach() + b"".join(self._held)
        self._held.clear()
        self._held_bytes = 0

    def finish(self) -> tuple[Summary | None, str]:
        """Hand over what still waits, end the worker's input and read its Summary: (the
        summary, "") or (None, why there is none). Ctrl-C or SIGTERM meanwhile: the first
        stops the judging (the rest is counted as not judged), the next the worker.

        Not Popen.communicate(): resumed after a timeout or an interrupt, it goes on reading
        but never writes the rest of its input, and the worker waits for it forever."""
        self.detach()
        process = self._process
        assert process.stdin is not None
        assert process.stdout is not None
        stdin, stdout = process.stdin, process.stdout
        os.set_blocking(stdin.fileno(), True)
        left = b"" if self._outbox.broken else self._left
        out = bytearray()

        def hand_over() -> None:
            with suppress(OSError):  # the worker is gone: its exit status says so
                stdin.write(left)
                stdin.close()

        read = threading.Event()  # not Thread.is_alive(): a join() cut by Ctrl-C can leave
        # it False for a thread still running (Python 3.11)

        def reader() -> None:
            try:
                out.extend(stdout.read())
            finally:
                read.set()

        for job in (hand_over, reader):
            threading.Thread(target=job, daemon=True).start()
        said, stops = False, 0
        with _sigterm_interrupts():
            while not read.is_set():
                try:
                    read.wait(None if said else _SAY_AFTER)
                    if not read.is_set() and not said:
                        said = True
                        print(
                            f"{_PREFIX} the checks are catching up with the {self.handed} "
                            "exchange(s) handed over; Ctrl-C to stop them",
                            file=sys.stderr,
                            flush=True,
                        )
                except KeyboardInterrupt:
                    stops += 1
                    if stops > 1:
                        process.kill()
                        process.wait()
                        return None, "the checks were stopped before their summary"
                    print(f"{_PREFIX} stopping the checks; Ctrl-C again to abandon them",
                          file=sys.stderr, flush=True)  # fmt: skip
                    process.send_signal(signal.SIGTERM)
        return self._summary(process, bytes(out))

    @staticmethod
    def _summary(process: subprocess.Popen[bytes], out: bytes) -> tuple[Summary | None, str]:
        code = process.wait()
        try:
            summary = pickle.loads(out) if code == 0 and out else None  # noqa: S301 - our worker
        except (pickle.UnpicklingError, EOFError, ValueError):
            summary = None
        if not isinstance(summary, Summary):
            return None, f"the checks' process ended without its summary (exit status {code})"
        return summary, ""


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt meanwhile (the main thread only): a supervisor's stop
    while the checks catch up is handled as a Ctrl-C, not a death without reports."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(sig: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    original = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, original)
