"""Deliberately broken variants of the mock: the conformance suite must report each one.

Each factory wraps the real mock in a small ASGI middleware that breaks one promise of the spec.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

from alpaca_mock import MockConfig, create_app

Scope = dict[str, Any]
Edit = Callable[[Scope, int, Any], tuple[int, Any]]


class BodyRewriter:
    """Lets the real mock answer, then rewrites the status and JSON body with `edit` (and,
    when asked, the headers, and gzip-compresses the body). tests/benign_mocks.py uses it too."""

    def __init__(
        self,
        edit: Edit | None,
        rewrite_request: Callable[[Scope], Scope] | None = None,
        edit_headers: Callable[[list[tuple[bytes, bytes]]], list[tuple[bytes, bytes]]]
        | None = None,
        config: MockConfig | None = None,
        compress: bool = False,
    ) -> None:
        self.app = create_app(config or MockConfig(rate_limit_per_minute=None, admin_enabled=True))
        self.world = self.app.world  # so the suite can reset it between cases
        self.edit = edit
        self.rewrite_request = rewrite_request
        self.edit_headers = edit_headers
        self.compress = compress

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.rewrite_request is not None:
            scope = self.rewrite_request(scope)
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            status, body = start["status"], b"".join(chunks)
            headers = [(k, v) for k, v in start["headers"] if k != b"content-length"]
            try:
                data = json.loads(body) if self.edit is not None else None
            except ValueError:
                data = None
            if data is not None and self.edit is not None:
                status, data = self.edit(scope, status, data)
                body = json.dumps(data).encode()
            if self.compress:
                body = gzip.compress(body)
                headers.append((b"content-encoding", b"gzip"))
            headers.append((b"content-length", str(len(body)).encode()))
            if self.edit_headers is not None:
                headers = self.edit_headers(headers)
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, capture)


def _path(scope: Scope) -> str:
    return str(scope["path"])


def dropped_required_field() -> BodyRewriter:
    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if _path(scope) == "/v2/account" and status == 200:
            data.pop("id", None)
        return status, data

    return BodyRewriter(edit)


def number_instead_of_decimal_string() -> BodyRewriter:
    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if _path(scope) == "/v2/positions" and status == 200 and isinstance(data, list):
            for position in data:
                position["qty"] = float(position["qty"])
        return status, data

    return BodyRewriter(edit)


def server_error_on_bad_input() -> BodyRewriter:
    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if status == 422:
            return 500, {"code": 50010000, "message": "internal server error"}
        return status, data

    return BodyRewriter(edit)


def auth_ignored() -> BodyRewriter:
    from alpaca_mock import DEFAULT_CREDENTIALS

    valid = DEFAULT_CREDENTIALS[0]

    def rewrite(scope: Scope) -> Scope:
        headers = [
            (k, v)
            for k, v in scope["headers"]
            if k not in (b"apca-api-key-id", b"apca-api-secret-key", b"authorization")
        ]
        headers += [
            (b"apca-api-key-id", valid.key_id.encode()),
            (b"apca-api-secret-key", valid.secret_key.encode()),
        ]
        return dict(scope, headers=headers)

    return BodyRewriter(lambda scope, status, data: (status, data), rewrite_request=rewrite)


def wrong_status_for_missing_position() -> BodyRewriter:
    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if status == 404 and _path(scope).startswith("/v2/positions/"):
            return 400, data
        return status, data

    return BodyRewriter(edit)


def multi_status_entry_without_body() -> BodyRewriter:
    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if status == 207 and isinstance(data, list):
            for entry in data:
                entry.pop("body", None)
        return status, data

    return BodyRewriter(edit)


def position_asset_id_unknown_to_assets() -> BodyRewriter:
    """Schema-valid but wrong: a crypto position's (legacy) asset_id is a 404 on /v2/assets."""

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if _path(scope) == "/v2/assets/64bbff51-59d6-4b3c-9351-13ad85e3c752":
            return 404, {"code": 40410000, "message": "asset not found"}
        return status, data

    return BodyRewriter(edit)


def close_beyond_available_accepted() -> BodyRewriter:
    """Schema-valid but wrong: closing more than qty_available answers 200 with an order."""
    order = json.loads(
        (Path(__file__).parent / "fixtures" / "order_close_equity.json").read_text("utf-8")
    )

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if scope["method"] == "DELETE" and status == 403 and _path(scope) != "/v2/positions":
            return 200, order
        return status, data

    return BodyRewriter(edit)


def unknown_asset_answered_empty() -> BodyRewriter:
    """An unknown asset answered 200 {} instead of 404 (a fault seen in the wild)."""

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if status == 404 and _path(scope).startswith("/v2/assets/"):
            return 200, {}
        return status, data

    return BodyRewriter(edit)


def _each_position(data: Any, change: Callable[[dict[str, Any]], None]) -> None:
    for position in data if isinstance(data, list) else [data]:
        if isinstance(position, dict) and "qty" in position and "side" in position:
            change(position)


def short_position_with_positive_qty() -> BodyRewriter:
    """Schema-valid but wrong: a short position's qty loses its minus sign."""

    def flip(position: dict[str, Any]) -> None:
        if position["side"] == "short":
            position["qty"] = position["qty"].lstrip("-")

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if status == 200 and _path(scope).startswith("/v2/positions"):
            _each_position(data, flip)
        return status, data

    return BodyRewriter(edit)


def market_value_off_by_a_dollar() -> BodyRewriter:
    """Schema-valid but wrong: market_value is not qty x current_price."""

    def shift(position: dict[str, Any]) -> None:
        if position.get("market_value") is not None:
            position["market_value"] = str(float(position["market_value"]) + 1)

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if status == 200 and _path(scope).startswith("/v2/positions"):
            _each_position(data, shift)
        return status, data

    return BodyRewriter(edit)


def rate_limit_reset_in_milliseconds() -> BodyRewriter:
    """Schema-valid but wrong: X-Ratelimit-Reset in epoch milliseconds, not seconds."""

    def headers(pairs: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        return [
            (k, str(int(v) * 1000).encode()) if k == b"x-ratelimit-reset" else (k, v)
            for k, v in pairs
        ]

    return BodyRewriter(lambda scope, status, data: (status, data), edit_headers=headers)


def asset_class_filter_ignored() -> BodyRewriter:
    """Schema-valid but wrong: GET /v2/assets?asset_class=... answers every class."""

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        query = scope.get("query_string", b"")
        if status == 200 and _path(scope) == "/v2/assets" and b"asset_class=" in query and data:
            other = "us_option" if data[0]["class"] != "us_option" else "crypto"
            data = [*data, dict(data[0], **{"class": other})]
        return status, data

    return BodyRewriter(edit)


def _query_of(scope: Scope) -> dict[str, str]:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(scope.get("query_string", b"").decode()))


def _order() -> Any:
    path = Path(__file__).parent / "fixtures" / "order_close_equity.json"
    return json.loads(path.read_text("utf-8"))


def percentage_above_100_clamped() -> BodyRewriter:
    """Schema-valid but wrong: a percentage above 100 is clamped to 100 and the close done."""

    def clamp(scope: Scope) -> Scope:
        query = _query_of(scope)
        if scope["method"] == "DELETE" and "percentage" in query:
            try:
                over = float(query["percentage"]) > 100
            except ValueError:
                over = False
            if over:
                return dict(scope, query_string=b"percentage=100")
        return scope

    return BodyRewriter(lambda scope, status, data: (status, data), rewrite_request=clamp)


def zero_qty_accepted() -> BodyRewriter:
    """Schema-valid but wrong: closing qty 0 answers 200 with an order (and changes nothing)."""

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if scope["method"] == "DELETE" and _query_of(scope).get("qty") == "0" and status == 422:
            return 200, _order()
        return status, data

    return BodyRewriter(edit)


def proceeds_not_in_cash() -> BodyRewriter:
    """Schema-valid but wrong: the account's cash never moves, whatever was sold."""

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if status == 200 and _path(scope) == "/v2/account" and isinstance(data, dict):
            data["cash"] = "25000"
        return status, data

    return BodyRewriter(edit)


def bearer_auth_refused() -> BodyRewriter:
    """Schema-valid but wrong: the OAuth bearer scheme the spec declares is refused."""

    def refuse(scope: Scope) -> Scope:
        headers = [(k, v) for k, v in scope["headers"] if k != b"authorization"]
        return dict(scope, headers=headers)  # as if the token were not there: 403

    return BodyRewriter(lambda scope, status, data: (status, data), rewrite_request=refuse)


def server_error_at_range_edge() -> BodyRewriter:
    """A 500 at the edge of what the spec allows: a percentage of exactly 100."""

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        percentage = _query_of(scope).get("percentage", "")
        if scope["method"] == "DELETE" and percentage in {"100", "100.0", "100.00"}:
            return 500, {"code": 50010000, "message": "internal server error"}
        return status, data

    return BodyRewriter(edit)


def accounts_not_isolated() -> BodyRewriter:
    """Every caller is served the first account: the second account's keys see its positions."""
    from alpaca_mock import DEFAULT_CREDENTIALS

    first, second = DEFAULT_CREDENTIALS[0], DEFAULT_CREDENTIALS[1]
    swap = {
        second.key_id.encode(): first.key_id.encode(),
        second.secret_key.encode(): first.secret_key.encode(),
    }

    def as_first(scope: Scope) -> Scope:
        headers = [(k, swap.get(v, v)) for k, v in scope["headers"]]
        return dict(scope, headers=headers)

    return BodyRewriter(lambda scope, status, data: (status, data), rewrite_request=as_first)


def refusal_without_details() -> BodyRewriter:
    """A close refused for insufficient qty, without available/existing_qty/held_for_orders."""

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if scope["method"] == "DELETE" and status == 403 and isinstance(data, dict):
            for field in ("available", "existing_qty", "held_for_orders"):
                data.pop(field, None)
        return status, data

    return BodyRewriter(edit)


def factory_that_raises() -> BodyRewriter:
    """An --app factory that cannot build its app: the suite cannot even start."""
    raise RuntimeError("this app cannot be built")


def attributes_filter_all_of() -> BodyRewriter:
    """Schema-valid but wrong: attributes=a,b answers the assets having both, not either."""

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        wanted = _query_of(scope).get("attributes", "")
        if status == 200 and _path(scope) == "/v2/assets" and "," in wanted:
            need = set(wanted.split(","))
            data = [a for a in data if need <= set(a.get("attributes") or [])]
        return status, data

    return BodyRewriter(edit)


def fractional_close_rounded_up() -> BodyRewriter:
    """Schema-valid but wrong: a close of 0.000000001 moves 0.00000001 (rounded to 8 places)."""

    def round_up(scope: Scope) -> Scope:
        if scope["method"] == "DELETE" and _query_of(scope).get("qty") == "0.000000001":
            return dict(scope, query_string=b"qty=0.00000001")
        return scope

    return BodyRewriter(lambda scope, status, data: (status, data), rewrite_request=round_up)


def encoded_slash_decoded() -> BodyRewriter:
    """A server (or proxy) that decodes %2F in the path: /v2/assets/BTC%2FUSD becomes
    /v2/assets/BTC/USD, another route."""

    def decode(scope: Scope) -> Scope:
        return dict(scope, raw_path=str(scope["path"]).encode())

    return BodyRewriter(lambda scope, status, data: (status, data), rewrite_request=decode)


# ------------------------------------------------------------------ fixed income


def _bond_list(scope: Scope, status: int, data: Any) -> list[dict[str, Any]] | None:
    """The list of bonds of a 200 fixed-income answer, or None for any other answer."""
    if status != 200 or not _path(scope).startswith("/v2/assets/fixed_income/"):
        return None
    if not isinstance(data, dict) or len(data) != 1:
        return None
    bonds = next(iter(data.values()))
    return bonds if isinstance(bonds, list) else None


def bonds_in_reverse_isin_order() -> BodyRewriter:
    """Schema-valid but wrong: the fixed-income lists come in reverse ISIN order."""

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        bonds = _bond_list(scope, status, data)
        if bonds is not None:
            bonds.reverse()
        return status, data

    return BodyRewriter(edit)


def _filter_dropped(path_end: str, parameter: str) -> BodyRewriter:
    """The mock with `parameter` removed from the query of requests to paths ending so."""

    def rewrite(scope: Scope) -> Scope:
        if _path(scope).endswith(path_end):
            query = "&".join(
                part for part in scope.get("query_string", b"").decode().split("&")
                if not part.startswith(f"{parameter}=")
            )  # fmt: skip
            return dict(scope, query_string=query.encode())
        return scope

    return BodyRewriter(lambda scope, status, data: (status, data), rewrite_request=rewrite)


def treasury_subtype_filter_ignored() -> BodyRewriter:
    """Schema-valid but wrong: ?subtype= answers every treasury (the filter is dropped)."""
    return _filter_dropped("/us_treasuries", "subtype")


def cusip_not_in_isin() -> BodyRewriter:
    """Schema-valid but wrong: a US treasury's CUSIP is another security's (valid) CUSIP."""

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        bonds = _bond_list(scope, status, data)
        if bonds and len(bonds) > 1:
            bonds[0]["cusip"], bonds[1]["cusip"] = bonds[1]["cusip"], bonds[0]["cusip"]
        return status, data

    return BodyRewriter(edit)


def bond_coupon_as_string() -> BodyRewriter:
    """A coupon sent as a decimal string where Alpaca sends a JSON number."""

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        for bond in _bond_list(scope, status, data) or []:
            bond["coupon"] = str(bond["coupon"])
        return status, data

    return BodyRewriter(edit)


def corporate_cusips_filter_ignored() -> BodyRewriter:
    """Schema-valid but wrong: ?cusips= on the corporates answers every bond."""
    return _filter_dropped("/us_corporates", "cusips")


# ------------------------------------------------------------------ options


def _contracts_of(scope: Scope, status: int, data: Any) -> list[dict[str, Any]]:
    """The contracts of an option contract answer (a page or one), else []."""
    if status != 200 or not _path(scope).startswith("/v2/options/contracts"):
        return []
    if isinstance(data, dict) and isinstance(data.get("option_contracts"), list):
        return [c for c in data["option_contracts"] if isinstance(c, dict)]
    return [data] if isinstance(data, dict) and "strike_price" in data else []


def option_strike_disagrees_with_symbol() -> BodyRewriter:
    """Schema-valid but wrong: strike_price is 1 dollar above what the OCC symbol says."""

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        for contract in _contracts_of(scope, status, data):
            contract["strike_price"] = str(float(contract["strike_price"]) + 1).removesuffix(".0")
        return status, data

    return BodyRewriter(edit)


def option_type_filter_ignored() -> BodyRewriter:
    """Schema-valid but wrong: GET /v2/options/contracts?type=put lists the calls too."""

    def drop(scope: Scope) -> Scope:
        query = scope.get("query_string", b"")
        kept = b"&".join(p for p in query.split(b"&") if not p.startswith(b"type="))
        return dict(scope, query_string=kept)

    return BodyRewriter(None, rewrite_request=drop)


def option_pages_overlap() -> BodyRewriter:
    """Schema-valid but wrong: each next page starts one contract early (one repeats)."""
    import base64

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        token = data.get("next_page_token") if isinstance(data, dict) else None
        if status == 200 and _path(scope) == "/v2/options/contracts" and token:
            offset = int(base64.b64decode(token)) - 1
            data["next_page_token"] = base64.b64encode(str(offset).encode()).decode()
        return status, data

    return BodyRewriter(edit)


def exercise_leaves_cash() -> BodyRewriter:
    """Schema-valid but wrong: an exercise moves the shares but never the cash."""
    rewriter = BodyRewriter(None)
    world = rewriter.world
    real = type(world.books[next(iter(world.books))]).exercise

    def exercise(book: Any, *args: Any) -> None:
        cash = book.cash
        real(book, *args)
        book.cash = cash

    for book in world.books.values():
        book.exercise = exercise.__get__(book)  # type: ignore[method-assign]
    original_load = world.load

    def load(seed: Any) -> None:
        original_load(seed)
        for book in world.books.values():
            book.exercise = exercise.__get__(book)  # type: ignore[method-assign]

    world.load = load  # type: ignore[method-assign]
    return rewriter


def short_option_exercised() -> BodyRewriter:
    """Wrong: exercising a short option position answers 200 instead of 403 40310001."""

    def edit(scope: Scope, status: int, data: Any) -> tuple[int, Any]:
        if _path(scope).endswith("/exercise") and status == 403 and data.get("code") == 40310001:
            return 200, None
        return status, data

    return BodyRewriter(edit)
