"""Bytes for a pipe, written from the event loop as the pipe takes them, never blocking it.

What the pipe does not take at once waits here, in order; beyond `limit` bytes waiting, the
writer is told to wait (`room()`) until half of it is gone: back-pressure, never a lost
frame. When the loop ends, what still waits is taken out whole (`detach()`) and handed over
by a blocking write.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections import deque


class Outbox:
    def __init__(self, fd: int, limit: int) -> None:
        os.set_blocking(fd, False)
        self._fd = fd
        self._limit = limit
        self._waiting: deque[memoryview] = deque()
        self.waiting_bytes = 0
        self._loop: asyncio.AbstractEventLoop | None = None  # set while a writer is registered
        self._room: asyncio.Future[None] | None = None
        self.broken = False  # the reader is gone: what is put is dropped

    def put(self, data: bytes) -> None:
        """Write `data` after what waits; call from the event loop."""
        if self.broken:
            return
        view = memoryview(data)
        if not self._waiting:
            view = view[self._write(view) :]
            if not view or self.broken:
                return
            self._loop = asyncio.get_running_loop()
            self._loop.add_writer(self._fd, self._flush)
        self._waiting.append(view)
        self.waiting_bytes += len(view)

    async def room(self) -> None:
        """Return once at most `limit` bytes wait (or the reader is gone)."""
        while self.waiting_bytes > self._limit and not self.broken:
            if self._room is None or self._room.done():
                self._room = asyncio.get_running_loop().create_future()
            await asyncio.shield(self._room)

    def release(self) -> None:
        """No more waiting for room (the session is ending: what waits is handed over whole
        at the end, and a handler held back would hold the shutdown)."""
        self._limit = sys.maxsize
        self._wake()

    def detach(self) -> bytes:
        """Stop writing from the loop; returns what still waits, in order."""
        if self._loop is not None:
            if not self._loop.is_closed():
                self._loop.remove_writer(self._fd)
            self._loop = None
        left = b"".join(self._waiting)
        self._waiting.clear()
        self.waiting_bytes = 0
        self._wake()
        return left

    def _write(self, view: memoryview) -> int:
        try:
            return os.write(self._fd, view)
        except BlockingIOError:
            return 0
        except OSError:  # BrokenPipeError, or the descriptor is gone
            self.broken = True
            return len(view)

    def _flush(self) -> None:
        while self._waiting:
            head = self._waiting[0]
            written = self._write(head)
            self.waiting_bytes -= written
            if written < len(head):
                self._waiting[0] = head[written:]
                break
            self._waiting.popleft()
        if self.broken:
            self._waiting.clear()
            self.waiting_bytes = 0
        if not self._waiting and self._loop is not None:
            self._loop.remove_writer(self._fd)
            self._loop = None
        if self.waiting_bytes <= self._limit // 2:
            self._wake()

    def _wake(self) -> None:
        if self._room is not None and not self._room.done():
            self._room.set_result(None)
