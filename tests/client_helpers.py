"""A scripted httpx transport: records every request and answers from a list or a function."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

KEY, SECRET = "PKTESTKEY00000000001", "s3cr3t-DO-NOT-LEAK-0123456789"
ADMIN_TOKEN = "test-admin-token-0123456789abcdef"  # the mock's admin token in tests
ADMIN = {"X-Mock-Admin-Token": ADMIN_TOKEN}
HEADERS = {
    "X-Request-ID": "0123456789abcdef0123456789abcdef",
    "X-Ratelimit-Limit": "200",
    "X-Ratelimit-Remaining": "150",
    "X-Ratelimit-Reset": "1790000000",
}

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


def json_response(status: int, body: Any, **headers: str) -> httpx.Response:
    return httpx.Response(
        status,
        content=json.dumps(body).encode(),
        headers={**HEADERS, "Content-Type": "application/json", **headers},
    )


class Script:
    """Answers requests in order (the last answer repeats) and keeps them for assertions."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def _next(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            return answer(request)
        return answer

    def sync(self) -> httpx.MockTransport:
        return httpx.MockTransport(self._next)

    def paths(self) -> list[str]:
        return [r.url.raw_path.decode() for r in self.requests]
