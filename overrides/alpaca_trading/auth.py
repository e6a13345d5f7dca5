"""Credentials as an httpx.Auth, so they live in one object that never shows them.

Putting them in client headers (openapi-python-client's way) leaks the secret through
repr(client); this object's repr, str and pickling never reveal it, and it adds the headers
only to the outgoing request.

Credentials are checked when the object is built, not when a request is sent: a secret with
a stray line ending (read from a file) or a non-ASCII character would otherwise fail deep in
httpx with the value in the exception text and in httpcore's DEBUG log. They are refused,
not stripped: a key that arrives with whitespace came from somewhere it should not have, and
silently fixing it hides that. Every message names the variable and the rule, never the value.
"""

from __future__ import annotations

from collections.abc import Generator

import httpx

from alpaca_trading.errors import ConfigurationError

MAX_CREDENTIAL_LENGTH = 1024


def check_credential(value: str, name: str) -> str:
    """Return `value` if it can be sent as an HTTP header value; else ConfigurationError.

    The message names `name` (e.g. "APCA_API_SECRET_KEY") and the rule, never the value."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    rule = _broken_rule(value)
    if rule is not None:
        raise ConfigurationError(f"{name} {rule}; the value is not shown")
    return value


def _broken_rule(value: str) -> str | None:
    if not value:
        return "is empty"
    if len(value) > MAX_CREDENTIAL_LENGTH:
        return f"is longer than {MAX_CREDENTIAL_LENGTH} characters"
    if value != value.strip():
        return (
            "starts or ends with whitespace (a line ending read from a file?): strip it where "
            "you read it; credentials are refused rather than silently changed"
        )
    if not value.isascii() or not value.isprintable():
        return "must be printable ASCII (it is sent as an HTTP header)"
    return None


class AlpacaAuth(httpx.Auth):
    """APCA-API-KEY-ID + APCA-API-SECRET-KEY, or an OAuth bearer token."""

    __slots__ = ("_headers", "key_id")

    key_id: str | None
    """The key id (not secret, shown in repr), or None with an OAuth token."""

    def __init__(
        self,
        key_id: str | None = None,
        secret_key: str | None = None,
        oauth_token: str | None = None,
    ) -> None:
        if oauth_token:
            self.key_id = None
            token = check_credential(oauth_token, "APCA_API_OAUTH_TOKEN (oauth_token)")
            self._headers = {"Authorization": f"Bearer {token}"}
        elif key_id and secret_key:
            self.key_id = check_credential(key_id, "APCA_API_KEY_ID (key_id)")
            secret = check_credential(secret_key, "APCA_API_SECRET_KEY (secret_key)")
            self._headers = {"APCA-API-KEY-ID": key_id, "APCA-API-SECRET-KEY": secret}
        else:
            raise ValueError("AlpacaAuth needs key_id and secret_key, or oauth_token")

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """httpx's hook: add the credential headers to each request."""
        request.headers.update(self._headers)
        yield request

    def __repr__(self) -> str:
        """The key id only; the secret or token never appears."""
        if self.key_id is None:
            return "AlpacaAuth(oauth_token=<redacted>)"
        return f"AlpacaAuth(key_id={self.key_id!r}, secret_key=<redacted>)"

    __str__ = __repr__

    def __reduce__(self) -> str | tuple[object, ...]:
        """Refused: pickling would write the secret to disk or a queue."""
        raise TypeError("AlpacaAuth holds credentials and cannot be pickled")
