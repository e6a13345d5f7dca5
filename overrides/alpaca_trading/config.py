"""Where the client's credentials and base URL come from: arguments, then the environment.

Paper trading is the default; the live API is used only when asked for explicitly
(paper=False, a live base_url, or APCA_API_BASE_URL).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from alpaca_trading.auth import AlpacaAuth
from alpaca_trading.errors import ConfigurationError

PAPER_URL = "https://paper-api.alpaca.markets"
LIVE_URL = "https://api.alpaca.markets"


@dataclass(frozen=True)
class Settings:
    base_url: str
    auth: AlpacaAuth = field(repr=False)


def resolve(
    key_id: str | None,
    secret_key: str | None,
    oauth_token: str | None,
    paper: bool,
    base_url: str | None,
) -> Settings:
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
    url = base_url or os.environ.get("APCA_API_BASE_URL") or (PAPER_URL if paper else LIVE_URL)
    if not url.startswith(("http://", "https://")):
        raise ConfigurationError(f"base_url must start with http:// or https://, got {url!r}")
    url = url.rstrip("/")
    if url.endswith("/v2"):
        url = url[: -len("/v2")]  # alpaca-py style base URLs include /v2; our paths do too
    return Settings(base_url=url, auth=AlpacaAuth(key_id, secret_key, oauth_token))
