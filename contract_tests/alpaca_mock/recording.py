"""The recording format: one JSON object per line, one line per exchange a proxy saw.

`alpaca-conformance proxy` writes it and `alpaca-mock --from-recording` reads it; both use this
module, so the two cannot drift. A line:

    {"recording": 1, "at": "2026-11-26T10:00:00.123Z", "operation": "getAccount",
     "identity": 1,
     "request": {"method": "GET", "path": "/v2/account", "query": "", "headers": [[n, v], ...]},
     "response": {"status": 200, "headers": [[n, v], ...], "body": "<text>",
                  "body_encoding": "utf-8"},
     "proxy": {"refused": false, "forwarded_invalid": false, "elapsed_ms": 1.2,
               "violations": [{"check": "...", "message": "..."}]}}

Credentials never reach a line: the credential headers' values are "[redacted]" and every
other text has their values masked. `identity` numbers the credentials of a session (1, 2,
...) so a reader can tell accounts apart without any part of a key. Ids (account, asset,
order) are kept: they are what makes a recording replayable. The response body is the
content as a client decodes it (no content-encoding); `body_encoding` is "base64" when it is
not UTF-8.

Reading is bounded (line length, line count) and every problem names the file, the line
and the field: a recording is a file a user hands us.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alpaca_trading.bodies import parse_json

RECORDING_VERSION = 1
MAX_LINE_BYTES = 32 * 1024 * 1024  # a 35,000-asset list is ~20 MB as a JSON string; the
# proxy writes no longer line (it counts one as left out), so a reader never holds more
MAX_LINES = 1_000_000
REDACTED = "[redacted]"


class RecordingError(ValueError):
    """A recording that cannot be read; the message names the file, the line and the field."""


@dataclass(frozen=True)
class RecordedExchange:
    """What a reader of a recording needs of one line."""

    line: int
    at: str  # when the request arrived (RFC 3339, UTC, milliseconds): lines may be out of order
    operation: str | None
    identity: int | None
    method: str
    path: str
    query: str
    status: int
    body: bytes
    refused: bool

    def json(self) -> Any:
        """The response body as JSON (bounded depth); ValueError when it is not JSON."""
        return parse_json(self.body)


def body_fields(body: bytes) -> dict[str, str]:
    """A body as the recording stores it: text when it is UTF-8, else base64."""
    try:
        return {"body": body.decode("utf-8"), "body_encoding": "utf-8"}
    except UnicodeDecodeError:
        return {"body": base64.b64encode(body).decode("ascii"), "body_encoding": "base64"}


def _field(data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise RecordingError(f"{where}.{key}: must be {names}, got {type(value).__name__}")
    return value


def _exchange(data: Any, where: str, line: int) -> RecordedExchange:
    if not isinstance(data, dict):
        raise RecordingError(f"{where}: must be a JSON object")
    if data.get("recording") != RECORDING_VERSION:
        raise RecordingError(
            f"{where}.recording: must be {RECORDING_VERSION} (this format's version), "
            f"got {str(data.get('recording'))[:20]!r}"
        )
    request = _field(data, "request", dict, where)
    response = _field(data, "response", dict, where)
    proxy = data.get("proxy")
    proxy = proxy if isinstance(proxy, dict) else {}
    operation = data.get("operation")
    identity = data.get("identity")
    if identity is not None and (
        not isinstance(identity, int) or isinstance(identity, bool) or identity < 1
    ):
        # Never guessed: a wrong number would merge this exchange into another account.
        shown = str(identity)[:20]
        raise RecordingError(
            f"{where}.identity: must be a whole number from 1, or null; got {shown!r}"
        )
    encoding = response.get("body_encoding", "utf-8")
    text = _field(response, "body", str, f"{where}.response")
    if encoding == "utf-8":
        body = text.encode("utf-8")
    elif encoding == "base64":
        try:
            body = base64.b64decode(text, validate=True)
        except ValueError:
            raise RecordingError(f"{where}.response.body: is not base64") from None
    else:
        raise RecordingError(f"{where}.response.body_encoding: must be utf-8 or base64")
    status = _field(response, "status", int, f"{where}.response")
    if not 100 <= status <= 599:
        raise RecordingError(f"{where}.response.status: must be 100-599, got {status}")
    return RecordedExchange(
        line=line,
        at=str(data.get("at", ""))[:40],
        operation=operation if isinstance(operation, str) else None,
        identity=identity,
        method=str(_field(request, "method", str, f"{where}.request"))[:16],
        path=str(_field(request, "path", str, f"{where}.request"))[:2048],
        query=str(request.get("query", ""))[:8192],
        status=status,
        body=body,
        refused=proxy.get("refused") is True,
    )


def read_recording(path: Path) -> Iterator[RecordedExchange]:
    """Each exchange of a recording, in order; RecordingError naming the line otherwise."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise RecordingError(f"{path}: cannot be read ({exc.strerror})") from None
    with handle:
        for number in range(1, MAX_LINES + 2):
            raw = handle.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            where = f"{path}: line {number}"
            if number > MAX_LINES:
                raise RecordingError(f"{path}: has more than {MAX_LINES:,} lines")
            if len(raw) > MAX_LINE_BYTES:
                raise RecordingError(f"{where}: is longer than {MAX_LINE_BYTES:,} bytes")
            if not raw.strip():
                continue
            try:
                data = parse_json(raw)
            except ValueError as exc:
                raise RecordingError(f"{where}: is not JSON ({str(exc)[:200]})") from None
            yield _exchange(data, where, number)


def encode_line(record: dict[str, Any]) -> bytes:
    """One line of a recording (the writer's side), with the format's version."""
    return (
        json.dumps({"recording": RECORDING_VERSION, **record}, ensure_ascii=False).encode("utf-8")
        + b"\n"
    )
