"""Path segments for symbols and ids: Alpaca's crypto symbology, and nothing that moves the path.

The rule lives in the generated package (alpaca_trading_api.types, from
openapi/templates/types.py.jinja), so the generated endpoint functions and this client build
paths the same way from one copy, and the generated package needs nothing from here:
- assets take a crypto pair percent-encoded, "BTC/USD" → BTC%2FUSD;
- positions are keyed by the pair without the slash, "BTC/USD" → BTCUSD;
- an already encoded "BTC%2FUSD" is decoded once, never encoded twice (BTC%252FUSD);
- "", whitespace, "." and ".." (which httpx would collapse into another path), control
  characters and any other slash are refused before a request is sent.
"""

from __future__ import annotations

from alpaca_trading_api.types import asset_segment, position_segment

__all__ = ["asset_segment", "position_segment"]
