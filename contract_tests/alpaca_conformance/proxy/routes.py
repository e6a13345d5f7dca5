"""Which operation of the spec a request addresses, read from the undecoded path.

The mock's route table (alpaca_mock.app.ROUTES) is the one table; as in the mock, the raw
path decides: `/v2/assets/BTC%2FUSD` is one asset,
`/v2/positions/BTC/USD` is no route of the API (a plain-text 404 from Alpaca). Three answers:
- an operation of the spec, with its path key (still percent-encoded);
- a GET or DELETE under /v2/assets/ or /v2/positions/ with more than one segment after the
  collection (and not another route, such as /v2/positions/{symbol}/exercise): a symbol with
  a raw slash, which the real API answers with a 404;
- anything else: outside what the spec describes (orders, the clock, account activities ...),
  which the proxy forwards unchecked and counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from alpaca_mock.app import ROUTES, route_of


@dataclass(frozen=True)
class Route:
    """operation: the operationId (for a symbol with a raw slash, the one the client meant),
    or None outside the spec. key: the path's symbol_or_asset_id, undecoded ("" for
    collections)."""

    operation: str | None
    key: str = ""
    slash: bool = False

    @property
    def outside(self) -> bool:
        return self.operation is None


def route(method: str, raw_path: str) -> Route:
    """The Route of `method raw_path` (raw_path without the query)."""
    parts = raw_path.split("/")
    if parts[0] != "" or len(parts) < 3:
        return Route(None)
    found = route_of(raw_path)  # the mock's own routing: an exact path, then a pattern
    if found is not None:
        table, key = found
        return Route(table.get(method), key=key or "")
    segments = parts[1:]
    item = ROUTES.get((segments[0], segments[1], "*"), {})
    if len(segments) > 3 and method in item and all(segments[2:]):
        return Route(item[method], key="/".join(segments[2:]), slash=True)
    return Route(None)


def shape(method: str, raw_path: str) -> str:
    """A request outside the spec as the report groups it: the method and at most the first
    three path segments, the rest elided (bounded, so a bot's ids do not make a row each)."""
    parts = raw_path.split("?", 1)[0].split("/")[:4]
    shown = "/".join(part[:40] for part in parts)
    return f"{method[:10]} {shown}{'/…' if raw_path.count('/') > 3 else ''}"
