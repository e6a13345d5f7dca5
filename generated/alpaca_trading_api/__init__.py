"""A client library for accessing Alpaca Trading API (account, assets, positions)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
