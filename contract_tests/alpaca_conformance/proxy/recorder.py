"""The recording: every exchange as one JSONL line (alpaca_mock.recording's format).

Credential headers are written as "[redacted]" and any other occurrence of their values is
masked in the whole line (a server that echoes a key does not leak it into the file). Each
line is flushed as it is written: a session that dies loses at most the line being written.
The file is bounded (--record-limit, 1 GiB by default): beyond it, exchanges are counted, not
written, and the command says how many were left out. So is a line: one longer than a reader
takes (alpaca_mock.recording.MAX_LINE_BYTES, 32 MiB) is counted and said, not written.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import IO

from alpaca_mock.recording import MAX_LINE_BYTES, body_fields, encode_line

from alpaca_conformance.proxy.exchange import Exchange


def _timestamp(epoch: float) -> str:
    whole = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch))
    return f"{whole}.{int(epoch % 1 * 1000):03d}Z"


class Recorder:
    """Writes exchanges to `path` (replacing what was there, as the reports are)."""

    def __init__(self, path: Path, max_bytes: int = 1024 * 1024 * 1024) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.max_bytes = max_bytes
        self.lines = 0
        self.size = 0
        self.left_out = 0  # exchanges not written: the file had reached max_bytes
        self.too_long = 0  # exchanges not written: longer than a reader takes (MAX_LINE_BYTES)
        self._file: IO[bytes] = path.open("wb")
        self._lock = threading.Lock()

    def write(self, exchange: Exchange) -> None:
        record = {
            "at": _timestamp(exchange.at),
            "operation": exchange.operation,
            "identity": exchange.identity,
            "request": {
                "method": exchange.method,
                "path": exchange.raw_path,
                "query": exchange.query,
                "headers": exchange.headers_shown(exchange.request_headers),
            },
            "response": {
                "status": exchange.status,
                "headers": exchange.headers_shown(exchange.response_headers),
                **body_fields(exchange.content or b""),
            },
            "proxy": {
                "refused": exchange.refused,
                "forwarded_invalid": exchange.forwarded_invalid,
                "elapsed_ms": round(exchange.elapsed_ms, 3),
                "violations": [
                    {"check": check, "message": problem} for check, problem in exchange.problems
                ],
                "warnings": [
                    {"check": check, "message": warning} for check, warning in exchange.warnings
                ],
                "note": exchange.note,
            },
        }
        line = encode_line(record)
        if exchange.secrets:
            line = exchange.mask(line.decode("utf-8")).encode("utf-8")
        with self._lock:
            if len(line) > MAX_LINE_BYTES:
                self.too_long += 1
                return
            if self.size + len(line) > self.max_bytes:
                self.left_out += 1
                return
            self._file.write(line)
            self._file.flush()
            self.lines += 1
            self.size += len(line)

    def close(self) -> None:
        with self._lock:
            self._file.close()
