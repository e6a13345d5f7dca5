"""A response about to be sent, shared by the public routes (app.py) and the admin API."""

from __future__ import annotations

from typing import Any

import msgspec

JSON = b"application/json; charset=UTF-8"
# msgspec writes the same compact JSON as json.dumps(separators=(",", ":")) in a fifth of the
# time (UTF-8 instead of \u escapes, which is the same JSON): the order a close answers is
# encoded on every request (scripts/bench, DELETE throughput).
_encode = msgspec.json.Encoder().encode


class Answer:
    """A response about to be sent: status, body (bytes, or a value to send as JSON), headers."""

    __slots__ = ("body", "content_type", "extra", "status")

    def __init__(
        self,
        status: int,
        body: Any,
        *,
        content_type: bytes = JSON,
        extra: list[tuple[bytes, bytes]] | None = None,
    ) -> None:
        self.status = status
        self.body: bytes = body if isinstance(body, bytes) else _encode(body)
        self.content_type = content_type
        self.extra = extra or []


NOT_FOUND = Answer(404, b"Not Found", content_type=b"text/plain; charset=utf-8")
# A success with no body (exercise, do-not-exercise): no Content-Type at all.
NO_CONTENT = Answer(200, b"", content_type=b"")
