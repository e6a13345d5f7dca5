"""The command the proxy wraps (`alpaca-conformance proxy ... -- python my_bot.py`).

It starts once the proxy listens, with APCA_API_BASE_URL set to the proxy's URL (our client
and alpaca-trade-api read it; alpaca-py takes `url_override=`), and inherits the terminal, so
the user sees its output as usual. When it exits the session ends; when the session ends
first (--duration, --until-idle, a signal), it gets SIGTERM and, 10 s later, SIGKILL.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from dataclasses import dataclass

STOP_SECONDS = 10.0


@dataclass
class CommandResult:
    """exit_code: the command's status (negative: the signal that ended it). stopped: the
    session ended first and stopped it. error: why it could not start, or ""."""

    exit_code: int | None = None
    stopped: bool = False
    error: str = ""


class WrappedCommand:
    def __init__(self, argv: list[str]) -> None:
        self.argv = argv
        self.result = CommandResult()
        self._process: asyncio.subprocess.Process | None = None
        self._task: asyncio.Future[None] | None = None

    def start(self, base_url: str) -> None:
        """Start the command (from inside the event loop); its end lands in `result`."""
        self._task = asyncio.ensure_future(self._run(base_url))

    @property
    def finished(self) -> bool:
        """Whether it was started and has ended (or could not start)."""
        return self._task is not None and self._task.done()

    async def _run(self, base_url: str) -> None:
        env = {**os.environ, "APCA_API_BASE_URL": base_url}
        try:
            self._process = await asyncio.create_subprocess_exec(*self.argv, env=env)
        except OSError as exc:
            self.result.error = f"cannot start {self.argv[0]!r}: {exc.strerror or exc}"
            return
        self.result.exit_code = await self._process.wait()

    async def stop(self) -> None:
        """End the command if it still runs: SIGTERM, then SIGKILL after STOP_SECONDS; then
        wait until its end is in `result`."""
        process = self._process
        if process is not None and process.returncode is None:
            self.result.stopped = True
            with contextlib.suppress(ProcessLookupError):
                process.terminate()
            try:
                await asyncio.wait_for(process.wait(), STOP_SECONDS)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
        if self._task is not None:
            await self._task
