"""Where a check cannot hold, for a documented reason: narrowed for that operation only.

Each entry says why. Everything not listed here runs every Schemathesis check unchanged.
"""

from __future__ import annotations

from typing import Any

# (operationId, check) → the statuses a schema-valid request may also get, and why.
POSITIVE_DATA_ALSO_ALLOWED: dict[str, tuple[frozenset[int], str]] = {
    "deleteOpenPosition": (
        frozenset({403, 404, 422}),
        "OpenAPI 3.0 cannot say 'qty xor percentage', 'qty <= qty_available', "
        "'percentage <= 100' or 'whole shares for non-fractionable assets': schema-valid "
        "values are rightly answered 422 (invalid combination) or 403 (more than available); "
        "a random symbol is rightly 404",
    ),
    "getOpenPosition": (
        frozenset({404}),
        "a schema-valid symbol need not be an open position: 404 'position does not exist'",
    ),
    "getAsset": (
        frozenset({404}),
        "a schema-valid symbol need not be an asset: 404 'asset not found'",
    ),
    "getOptionContract": (
        frozenset({404}),
        "a schema-valid symbol need not be a contract: 404 'option contract ... not found'",
    ),
    "getOptionContracts": (
        frozenset({422}),
        "a schema-valid page_token need not be one the server gave (only its own tokens lead "
        "to a page): 422 names the token",
    ),
    "exerciseOptionPosition": (
        frozenset({403, 422}),
        "a schema-valid symbol need not name an option contract (422 'invalid symbol') nor a "
        "long position in one (403 'no available position', 40310001 for a short); after the "
        "close and until midnight every exercise is refused (403)",
    ),
    "doNotExerciseOptionPosition": (
        frozenset({403, 422}),
        "a schema-valid symbol need not name an option contract (422 'invalid symbol') nor a "
        "long position in one (403)",
    ),
}

# Checks that only mean something in the stateful phase (they follow links between calls).
STATEFUL_ONLY = frozenset({"use_after_free", "ensure_resource_availability"})

# Checks that need a second user's credentials, which a single-key run does not have.
NEEDS_SECOND_ACCOUNT = frozenset({"object_level_authorization"})

# use_after_free after a whole close: Alpaca fills market orders later (and not before the
# open), so until the close's order fills the position is still listed, held whole by it.
HELD_BY_ITS_CLOSE = (
    "a closed position still listed with nothing available: its order has not filled yet "
    "(Alpaca fills market orders later, and not before the open; CLOSE-EFFECT)"
)


def held_by_its_close(response: Any) -> bool:
    """The position use_after_free found after its close is held whole by that close's
    order (qty_available 0): on Alpaca it is gone only once the order fills."""
    if getattr(response, "status_code", None) != 200:
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and str(body.get("qty_available")) in ("0", "-0")
