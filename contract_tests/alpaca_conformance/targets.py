"""The server under test: the in-process mock, our mock over HTTP, or any other server.

Credentials come from APCA_API_KEY_ID / APCA_API_SECRET_KEY when set. Without them the suite
uses the mock's public test credentials, which only our mock accepts: so a target without user
keys is our mock, where closing positions is safe, and it can be reset between cases (in-process
directly; over HTTP through the admin API when the mock was started with --admin and its
token is given in ALPACA_MOCK_ADMIN_TOKEN or by --admin-token).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from alpaca_conformance.preflight import load_app
from alpaca_conformance.results import redact
from alpaca_conformance.settings import Settings


@dataclass
class Target:
    name: str
    base_url: str
    key_id: str
    secret_key: str = field(repr=False)
    is_our_mock: bool
    app: Any = None  # the ASGI app when in-process
    reset: Callable[[], None] | None = None
    second: tuple[str, str] | None = field(default=None, repr=False)  # another account's keys

    @property
    def secrets(self) -> list[str]:
        """Every secret of the run, for redaction."""
        return [self.secret_key] + ([self.second[1]] if self.second else [])

    @property
    def second_headers(self) -> dict[str, str]:
        assert self.second is not None
        return {"APCA-API-KEY-ID": self.second[0], "APCA-API-SECRET-KEY": self.second[1]}

    @property
    def headers(self) -> dict[str, str]:
        return {"APCA-API-KEY-ID": self.key_id, "APCA-API-SECRET-KEY": self.secret_key}

    @property
    def may_close(self) -> bool:
        return self.is_our_mock

    def describe(self) -> str:
        return f"{self.name} ({self.base_url})"

    def mode(self) -> str:
        """How the run treats this target's state, said before it starts."""
        if self.reset is not None:
            return "reset to its seed before each case"
        closes = "closes run" if self.may_close else "closes run only with --allow-close"
        hint = (
            " (serve our mock with --admin and pass --admin-token to reset it between cases)"
            if self.is_our_mock
            else ""
        )
        return f"cannot be reset: reads run first, then {closes}, each on its own position{hint}"


SECOND_KEY_ENV = "ALPACA_CONFORMANCE_SECOND_KEY_ID"
SECOND_SECRET_ENV = "ALPACA_CONFORMANCE_SECOND_SECRET_KEY"  # noqa: S105 - a name


def _second_from_env() -> tuple[str, str] | None:
    """A second account's keys (--second-key-id/--second-secret-key), for
    object_level_authorization on a target that is not our mock."""
    key_id, secret = os.environ.get(SECOND_KEY_ENV), os.environ.get(SECOND_SECRET_ENV)
    return (key_id, secret) if key_id and secret else None


def build_target(settings: Settings) -> Target:
    key_id = os.environ.get("APCA_API_KEY_ID")
    secret = os.environ.get("APCA_API_SECRET_KEY")
    if settings.base_url is None:
        from alpaca_mock import DEFAULT_CREDENTIALS, MockConfig, create_app

        credentials = DEFAULT_CREDENTIALS[0]
        if settings.app:
            app = load_app(settings.app)()
            name = f"in-process {settings.app}"
        else:
            app = create_app(MockConfig(rate_limit_per_minute=None, admin_enabled=True))
            name = "in-process mock"
        world = getattr(app, "world", None)
        return Target(
            name=name,
            base_url="http://alpaca-mock.invalid",
            key_id=credentials.key_id,
            secret_key=credentials.secret_key,
            is_our_mock=True,
            app=app,
            reset=(lambda: world.load(world.seed)) if world is not None else None,
            second=_second_from_env() or _mock_second(DEFAULT_CREDENTIALS),
        )
    if key_id and secret:
        return Target(
            "server",
            settings.base_url.rstrip("/"),
            key_id,
            secret,
            is_our_mock=False,
            second=_second_from_env(),
        )
    from alpaca_mock import DEFAULT_CREDENTIALS

    credentials = DEFAULT_CREDENTIALS[0]
    base_url = settings.base_url.rstrip("/")
    return Target(
        name="mock over HTTP",
        base_url=base_url,
        key_id=credentials.key_id,
        secret_key=credentials.secret_key,
        is_our_mock=True,
        reset=_admin_reset(base_url),
        second=_second_from_env() or _mock_second(DEFAULT_CREDENTIALS),
    )


def _mock_second(credentials: Any) -> tuple[str, str] | None:
    """Our mock's second account (its built-in seed has two)."""
    return (credentials[1].key_id, credentials[1].secret_key) if len(credentials) > 1 else None


def admin_refusal(base_url: str) -> str | None:
    """Why the server refuses the admin token in the environment, or None when it resets.

    None too when it cannot be asked (no token, no answer): the run then says what it can."""
    from alpaca_mock.admin import TOKEN_ENV, TOKEN_HEADER

    token = os.environ.get(TOKEN_ENV)
    if not token:
        return None
    try:
        answer = httpx.post(
            f"{base_url.rstrip('/')}/_mock/reset", headers={TOKEN_HEADER: token}, timeout=5
        )
    except httpx.HTTPError:
        return None
    if answer.status_code == 200:
        return None
    reason = {401: "the token is wrong", 404: "it has no admin API (started without --admin?)"}
    said = redact(answer.text[:100_000], [token])[:200].replace("\n", " ")  # masked, then cut
    why = reason.get(answer.status_code, f"it answered {said!r}")
    return f"{base_url} refuses the admin token: HTTP {answer.status_code}, {why}"


def _admin_reset(base_url: str) -> Callable[[], None] | None:
    """Reset through the admin API when the served mock has it enabled and its token is known
    (ALPACA_MOCK_ADMIN_TOKEN, or alpaca-conformance --admin-token); else None."""
    from alpaca_mock.admin import TOKEN_ENV, TOKEN_HEADER

    token = os.environ.get(TOKEN_ENV)
    if not token:
        return None
    headers = {TOKEN_HEADER: token}
    try:
        answer = httpx.post(f"{base_url}/_mock/reset", headers=headers, timeout=5)
    except httpx.HTTPError:
        return None
    if answer.status_code != 200:
        return None

    def reset() -> None:
        from alpaca_conformance import target_gone

        try:
            answer = httpx.post(f"{base_url}/_mock/reset", headers=headers, timeout=5)
        except httpx.TransportError as error:
            if target_gone.judge(error):
                raise target_gone.TargetGone(target_gone.reason()) from None
            raise
        answer.raise_for_status()

    return reset
