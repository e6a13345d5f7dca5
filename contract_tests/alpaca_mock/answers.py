"""A response about to be sent, shared by the public routes (app.py) and the admin API."""

from __future__ import annotations

import json
from typing import Any

JSON = b"application/json; charset=UTF-8"


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
        self.body: bytes = (
            body if isinstance(body, bytes) else json.dumps(body, separators=(",", ":")).encode()
        )
        self.content_type = content_type
        self.extra = extra or []


NOT_FOUND = Answer(404, b"Not Found", content_type=b"text/plain; charset=utf-8")
