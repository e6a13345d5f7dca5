"""Alpaca Trading API client: the face users import.

The typed models and requests come from the generated package ``alpaca_trading_api``; the
modules here patch the API's documented quirks on top of it.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("alpaca-trading-kit")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
