"""The close-all 207, one typed result per position.

Quirk patched: DELETE /v2/positions answers 207 Multi-Status; each entry has its own status
and a body that is the closing Order when it is 200 and an error object otherwise
(alpaca-py #335). A partial failure is data, not an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, TypeAlias

from alpaca_trading_api.models import Order

from alpaca_trading.errors import Refusal


@dataclass(frozen=True)
class CloseError:
    """Why one position of a close-all was not closed: Alpaca's code and message, and, for a
    refused close (403 40310000), the same typed fields as PermissionDeniedError (Refusal)."""

    code: int | None
    message: str
    available: Decimal | None = None
    existing_qty: Decimal | None = None
    held_for_orders: Decimal | None = None
    related_orders: list[str] = field(default_factory=list)
    symbol: str | None = None


@dataclass(frozen=True)
class ClosedPosition:
    """A close-all entry Alpaca accepted (status 200): ``order`` is the closing order."""

    symbol: str
    status: int
    order: Order
    error: None = None
    ok: Literal[True] = field(default=True, init=False, repr=False)


@dataclass(frozen=True)
class CloseFailed:
    """A close-all entry Alpaca refused (any status but 200): ``error`` says why."""

    symbol: str
    status: int
    error: CloseError
    order: None = None
    ok: Literal[False] = field(default=False, init=False, repr=False)


ClosePositionResult: TypeAlias = ClosedPosition | CloseFailed
"""One entry of close_all_positions' 207: its symbol, its own status, and either the closing
``order`` (ClosedPosition) or the ``error`` (CloseFailed). Checkers narrow it: after
``if result.order is not None`` (mypy and pyright) or ``if result.ok`` (mypy; pyright needs
``if result.ok is True``), ``result.order`` is an Order, never None; else ``result.error`` is a
CloseError. ``isinstance(result, ClosePositionResult)`` works too."""


def parse_close_all(data: Any) -> list[ClosePositionResult]:
    """The decoded 207 body as typed results; ValueError for a body that is not one."""
    if not isinstance(data, list):
        raise ValueError("the 207 body must be a JSON array")
    results: list[ClosePositionResult] = []
    for entry in data:
        if not isinstance(entry, dict):
            raise ValueError("each 207 entry must be a JSON object")
        status = entry.get("status")
        body = entry.get("body")
        status_code = status if isinstance(status, int) else int(str(status))
        if status_code == 200 and isinstance(body, dict):
            results.append(ClosedPosition(str(entry.get("symbol")), 200, Order.from_dict(body)))
            continue
        body = body if isinstance(body, dict) else {}
        code = body.get("code")
        refusal = Refusal.from_body(body)
        error = CloseError(
            code=code if isinstance(code, int) and not isinstance(code, bool) else None,
            message=str(body.get("message", body.get("error", ""))),
            available=refusal.available,
            existing_qty=refusal.existing_qty,
            held_for_orders=refusal.held_for_orders,
            related_orders=refusal.related_orders,
            symbol=refusal.symbol,
        )
        results.append(CloseFailed(str(entry.get("symbol")), status_code, error))
    return results
