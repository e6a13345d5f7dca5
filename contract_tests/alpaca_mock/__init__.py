"""A stateful mock of Alpaca's paper Trading API (account, assets, positions).

from alpaca_mock import create_app, MockConfig, DEFAULT_CREDENTIALS
app = create_app(MockConfig())   # ASGI; serve with `alpaca-mock` or use httpx.ASGITransport

from alpaca_mock.served import served_mock
with served_mock("--rate-limit", "off") as base_url: ...   # over real HTTP, stopped after
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from alpaca_mock.config import MockConfig
from alpaca_mock.seed import SeedError, load_seed

if TYPE_CHECKING:
    from alpaca_mock.app import ConnectionDropped, MockApp, create_app

_FROM_APP = frozenset({"ConnectionDropped", "MockApp", "create_app"})


def __getattr__(name: str) -> Any:
    """The app is imported when first asked for: it needs the [mock] extra (jsonschema), and
    importing this package must not (the console scripts check the extra first)."""
    if name in _FROM_APP:
        from alpaca_mock import app

        return getattr(app, name)
    raise AttributeError(f"module 'alpaca_mock' has no attribute {name!r}")


@dataclass(frozen=True)
class Credentials:
    """Public test credentials of the built-in seed (they open nothing but this mock)."""

    key_id: str
    secret_key: str
    oauth_token: str | None
    account_id: str


DEFAULT_CREDENTIALS: list[Credentials] = [
    Credentials(a.key_id, a.secret_key, a.oauth_token, a.account_id) for a in load_seed().accounts
]

__all__ = [
    "DEFAULT_CREDENTIALS",
    "ConnectionDropped",
    "Credentials",
    "MockApp",
    "MockConfig",
    "SeedError",
    "create_app",
]
