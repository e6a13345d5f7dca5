"""Credentials as an httpx.Auth, so they live in one object that never shows them.

Putting them in client headers (openapi-python-client's way) leaks the secret through
repr(client); this object's repr, str and pickling never reveal it, and it adds the headers
only to the outgoing request.
"""

from __future__ import annotations

from collections.abc import Generator

import httpx


class AlpacaAuth(httpx.Auth):
    """APCA-API-KEY-ID + APCA-API-SECRET-KEY, or an OAuth bearer token."""

    __slots__ = ("_headers", "key_id")

    def __init__(
        self,
        key_id: str | None = None,
        secret_key: str | None = None,
        oauth_token: str | None = None,
    ) -> None:
        if oauth_token:
            self.key_id = None
            self._headers = {"Authorization": f"Bearer {oauth_token}"}
        elif key_id and secret_key:
            self.key_id = key_id
            self._headers = {"APCA-API-KEY-ID": key_id, "APCA-API-SECRET-KEY": secret_key}
        else:
            raise ValueError("AlpacaAuth needs key_id and secret_key, or oauth_token")

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers.update(self._headers)
        yield request

    def __repr__(self) -> str:
        if self.key_id is None:
            return "AlpacaAuth(oauth_token=<redacted>)"
        return f"AlpacaAuth(key_id={self.key_id!r}, secret_key=<redacted>)"

    __str__ = __repr__

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("AlpacaAuth holds credentials and cannot be pickled")
