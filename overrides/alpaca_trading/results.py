"""The close-all 207, one typed result per position.

Quirk patched: DELETE /v2/positions answers 207 Multi-Status; each entry has its own status
and a body that is the closing Order when it is 200 and an error object otherwise
(alpaca-py #335). A partial failure is data, not an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from alpaca_trading_api.models import Order

from alpaca_trading.decimals import to_decimal


@dataclass(frozen=True)
class CloseError:
    code: int | None
    message: str
    available: Decimal | None = None
    existing_qty: Decimal | None = None
    held_for_orders: Decimal | None = None
    related_orders: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ClosePositionResult:
    symbol: str
    status: int
    order: Order | None
    error: CloseError | None

    @property
    def ok(self) -> bool:
        return self.order is not None


def parse_close_all(data: Any) -> list[ClosePositionResult]:
    if not isinstance(data, list):
        raise ValueError("the 207 body must be a JSON array")
    results = []
    for entry in data:
        if not isinstance(entry, dict):
            raise ValueError("each 207 entry must be a JSON object")
        status = entry.get("status")
        body = entry.get("body")
        status_code = status if isinstance(status, int) else int(str(status))
        if status_code == 200 and isinstance(body, dict):
            results.append(
                ClosePositionResult(str(entry.get("symbol")), 200, Order.from_dict(body), None)
            )
            continue
        body = body if isinstance(body, dict) else {}
        code = body.get("code")
        error = CloseError(
            code=code if isinstance(code, int) else None,
            message=str(body.get("message", body.get("error", ""))),
            available=to_decimal(body.get("available")),
            existing_qty=to_decimal(body.get("existing_qty")),
            held_for_orders=to_decimal(body.get("held_for_orders")),
            related_orders=[str(o) for o in body.get("related_orders") or []],
        )
        results.append(ClosePositionResult(str(entry.get("symbol")), status_code, None, error))
    return results
