"""Path segments for symbols and ids: Alpaca's crypto symbology, and nothing that moves the path.

Quirks patched (alpaca-py #537, toolchain notes §2):
- assets take a crypto pair percent-encoded, "BTC/USD" → BTC%2FUSD;
- positions are keyed by the pair without the slash, "BTC/USD" → BTCUSD;
- an already encoded "BTC%2FUSD" is decoded once, never encoded twice (BTC%252FUSD);
- "", whitespace, "." and ".." (which httpx would collapse into another path), control
  characters and any other slash are refused before a request is sent.
"""

from __future__ import annotations

import re
import uuid
from urllib.parse import quote, unquote

_PAIR = re.compile(r"^[A-Za-z0-9]+/[A-Za-z0-9]+$")
_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")
_MAX_LENGTH = 128


def _clean(value: object, argument: str) -> str:
    if isinstance(value, uuid.UUID):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be a str or uuid.UUID, got {type(value).__name__}")
    if len(value) > 3 * _MAX_LENGTH:  # judged before decoding: bounded work whatever comes
        raise ValueError(f"{argument} is longer than {_MAX_LENGTH} characters")
    try:
        text = unquote(value, errors="strict") if _ENCODED.search(value) else value
    except UnicodeDecodeError:
        raise ValueError(
            f"{argument} is not valid UTF-8 once percent-decoded: {value[: 3 * _MAX_LENGTH]!r}"
        ) from None
    if not text.strip():
        raise ValueError(f"{argument} must not be empty or only whitespace")
    if _CONTROL.search(text):
        raise ValueError(f"{argument} must not contain whitespace or control characters: {value!r}")
    if text in {".", ".."}:
        raise ValueError(f"{argument} must not be {text!r}: it would address another path")
    if len(text) > _MAX_LENGTH:
        raise ValueError(f"{argument} is longer than {_MAX_LENGTH} characters")
    if "/" in text and not _PAIR.match(text):
        raise ValueError(
            f"{argument}: '/' only appears in crypto pairs such as 'BTC/USD', got {value!r}"
        )
    return text


def asset_segment(value: object, argument: str = "symbol_or_asset_id") -> str:
    """The path segment for /v2/assets/{...}: a pair is sent as BTC%2FUSD."""
    return quote(_clean(value, argument), safe="")


def position_segment(value: object, argument: str = "symbol_or_asset_id") -> str:
    """The path segment for /v2/positions/{...}: a pair is sent as BTCUSD."""
    return quote(_clean(value, argument).replace("/", ""), safe="")
