"""Before any test runs: is the usage sound (exit 2), and is the target this API at all (exit 3)?

A conformance run that starts against a server that is down, or against a web page, prints
hundreds of lines of tracebacks and ends like a server that does not conform. One request
(GET /v2/account, 10 s at most in all) tells these apart, and the answer is one line.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from alpaca_trading.bodies import parse_json

from alpaca_conformance.results import redact

PREFLIGHT_SECONDS = 10.0
USAGE, UNREACHABLE = 2, 3


@dataclass(frozen=True)
class Problem:
    """Why the run cannot start: the exit code and one line for the user."""

    code: int
    message: str


def check_base_url(base_url: str) -> Problem | None:
    """A usable http(s) URL with a host, and nothing that would be dropped or leak."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return Problem(USAGE, f"--base-url must be an http(s) URL with a host, got {base_url!r}")
    if parts.username or parts.password:
        return Problem(USAGE, "--base-url must not carry a user name or password")
    if parts.query or parts.fragment:
        return Problem(USAGE, "--base-url must not have a query or a fragment")
    return None


def load_app(spec: str) -> Callable[[], Any]:
    """ "package.module:factory" → the factory; ValueError with a one-line reason otherwise."""
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise ValueError(f"--app must look like 'package.module:factory', got {spec!r}")
    try:
        module = importlib.import_module(module_name)
    except Exception as error:  # any import failure of the user's module: one line, no traceback
        raise ValueError(
            f"--app {spec!r}: cannot import {module_name} ({type(error).__name__}: {error})"
        ) from None
    factory = getattr(module, attribute, None)
    if not callable(factory):
        raise ValueError(f"--app {spec!r}: {attribute} is not a callable in {module_name}")
    return factory  # type: ignore[no-any-return]


def check_app(spec: str) -> Problem | None:
    """The app factory can be imported (the suite builds the app itself)."""
    try:
        load_app(spec)
    except ValueError as error:
        return Problem(USAGE, str(error))
    return None


def check_target(
    base_url: str, headers: dict[str, str], secrets: list[str]
) -> tuple[Problem | None, dict[str, str]]:
    """One GET /v2/account: no Problem when it answers like Alpaca's API (JSON, whatever
    status but 401/403); a Problem when it cannot be reached, is not this API, or refuses the
    keys. With the answer's headers (their rate limit plans a budget). Each network step
    waits 5 s at most and the body is read for 10 s at most."""
    url = f"{base_url.rstrip('/')}/v2/account"
    started = time.monotonic()
    try:
        with (
            httpx.Client(timeout=PREFLIGHT_SECONDS / 2, follow_redirects=False) as client,
            client.stream("GET", url, headers=headers) as response,
        ):
            body = b""
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > 1024 * 1024 or time.monotonic() - started > PREFLIGHT_SECONDS:
                    break
    except httpx.HTTPError as error:
        said = redact(f"{type(error).__name__}: {error}", secrets)
        return Problem(UNREACHABLE, f"cannot reach {base_url} ({said})"), {}
    seen = {k.lower(): v for k, v in response.headers.items()}
    kind = response.headers.get("content-type", "no content type").split(";")[0]
    try:
        data = parse_json(body)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return Problem(
            UNREACHABLE,
            f"{base_url} does not look like Alpaca's Trading API: GET /v2/account answered "
            f"{response.status_code} with {kind}, not a JSON object",
        ), seen
    if response.status_code in (401, 403):
        return Problem(
            USAGE,
            f"{base_url} refuses these credentials (GET /v2/account: HTTP "
            f"{response.status_code}); set APCA_API_KEY_ID and APCA_API_SECRET_KEY",
        ), seen
    return None, seen
