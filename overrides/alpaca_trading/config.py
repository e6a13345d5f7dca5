"""Where the client's credentials and base URL come from: arguments, then the environment.

Paper trading is the default; the live API is used only when asked for explicitly
(paper=False, a live base_url, or APCA_API_BASE_URL).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import httpx

from alpaca_trading.auth import AlpacaAuth
from alpaca_trading.errors import ConfigurationError

PAPER_URL = "https://paper-api.alpaca.markets"
LIVE_URL = "https://api.alpaca.markets"
_MAX_URL_LENGTH = 2048


@dataclass(frozen=True)
class Settings:
    """Where the client sends its requests, and how it authenticates."""

    base_url: str
    auth: AlpacaAuth = field(repr=False)


def resolve(
    key_id: str | None,
    secret_key: str | None,
    oauth_token: str | None,
    paper: bool,
    base_url: str | None,
) -> Settings:
    """The settings from the arguments, else the environment (APCA_API_KEY_ID,
    APCA_API_SECRET_KEY, APCA_API_OAUTH_TOKEN, APCA_API_BASE_URL); ConfigurationError when
    they are missing or unusable, naming the variable and never its value."""
    key_id = key_id or os.environ.get("APCA_API_KEY_ID") or None
    secret_key = secret_key or os.environ.get("APCA_API_SECRET_KEY") or None
    oauth_token = oauth_token or os.environ.get("APCA_API_OAUTH_TOKEN") or None
    if oauth_token is None and not (key_id and secret_key):
        missing = [
            name
            for name, value in (("APCA_API_KEY_ID", key_id), ("APCA_API_SECRET_KEY", secret_key))
            if not value
        ]
        raise ConfigurationError(
            f"no Alpaca credentials: {' and '.join(missing)} not set. Pass key_id= and "
            "secret_key= (or oauth_token=), or set the environment variables APCA_API_KEY_ID "
            "and APCA_API_SECRET_KEY (or APCA_API_OAUTH_TOKEN)"
        )
    if base_url:
        url = _checked_url(base_url, "base_url")
    elif os.environ.get("APCA_API_BASE_URL"):
        url = _checked_url(os.environ["APCA_API_BASE_URL"], "APCA_API_BASE_URL")
    else:
        url = PAPER_URL if paper else LIVE_URL
    return Settings(base_url=url, auth=AlpacaAuth(key_id, secret_key, oauth_token))


def _checked_url(url: str, name: str) -> str:
    """The base URL without a trailing slash or /v2; refused (never echoed) when it is unsafe.

    A user name or password in it would show in repr(client) and in httpx's log lines, and a
    query or fragment would be glued to every path: both are refused, naming the variable."""
    if not isinstance(url, str):
        raise ConfigurationError(f"{name} must be a str, not {type(url).__name__}")
    if len(url) > _MAX_URL_LENGTH:
        raise ConfigurationError(f"{name} is longer than {_MAX_URL_LENGTH} characters")
    if not url.isascii() or not url.isprintable() or " " in url:  # no whitespace at all
        raise ConfigurationError(f"{name} must be printable ASCII without spaces")
    if not url.startswith(("http://", "https://")):
        raise ConfigurationError(f"{name} must start with http:// or https://")
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        raise ConfigurationError(f"{name} is not a valid URL") from None
    if parsed.userinfo:
        raise ConfigurationError(
            f"{name} must not contain a user name or password (credentials are sent as "
            "headers: pass key_id/secret_key or oauth_token); the value is not shown"
        )
    if not parsed.host:
        raise ConfigurationError(f"{name} has no host")
    if "?" in url or "#" in url:  # judged on the text: httpx drops an empty "?" or "#"
        raise ConfigurationError(f"{name} must not have a query or a fragment")
    url = url.rstrip("/")
    if url.endswith("/v2"):
        url = url[: -len("/v2")]  # alpaca-py style base URLs include /v2; our paths do too
    return url
