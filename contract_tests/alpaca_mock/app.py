"""The ASGI application: routing, authentication, rate limits, headers.

The admin API under /_mock/ and its guard live in admin.py, the faults it injects in faults.py.

Why raw ASGI and not a router: Alpaca routes on the undecoded path. `/v2/assets/BTC%2FUSD` is
one asset while `/v2/positions/BTC/USD` is another path (a plain-text 404); framework routers
(Starlette's included) match the decoded path and cannot tell the two apart. A dozen routes do not
need a framework, and the hot path stays a dictionary lookup and a json.dumps.
"""

from __future__ import annotations

import hmac
import os
import time
from decimal import Decimal
from typing import Any

from alpaca_trading.occ import parse_occ
from alpaca_trading.spec import spec_path

from alpaca_mock.admin import ADMIN_PREFIX, AdminAPI, new_token
from alpaca_mock.answers import NO_CONTENT, NOT_FOUND, Answer
from alpaca_mock.bonds import bond_filter, listing
from alpaca_mock.clock import MarketClock
from alpaca_mock.config import MockConfig
from alpaca_mock.faults import ConnectionDropped, FaultTable, faulty_answer
from alpaca_mock.ledger import ApiError, Book, no_option_position, timestamp
from alpaca_mock.options import parse_contract_key
from alpaca_mock.params import (
    ParameterError,
    load_query_parameters,
    parse_query,
    path_key,
    query_pairs,
    refusal_statuses,
)
from alpaca_mock.recorded_seed import seed_from_recording
from alpaca_mock.request_rules import departures, mock_refusal
from alpaca_mock.seed import SeedAccount, load_seed
from alpaca_mock.serving import Receive, Scope, Send, run_lifespan
from alpaca_mock.world import AssetFilter, World

# path pattern ("*" is the one variable segment) → {method: operationId}
ROUTES: dict[tuple[str, ...], dict[str, str]] = {
    ("v2", "account"): {"GET": "getAccount"},
    ("v2", "assets"): {"GET": "getAssets"},
    ("v2", "assets", "*"): {"GET": "getAsset"},
    ("v2", "assets", "fixed_income", "us_treasuries"): {"GET": "getUsTreasuries"},
    ("v2", "assets", "fixed_income", "us_corporates"): {"GET": "getUsCorporates"},
    ("v2", "options", "contracts"): {"GET": "getOptionContracts"},
    ("v2", "options", "contracts", "*"): {"GET": "getOptionContract"},
    ("v2", "positions"): {"GET": "getAllOpenPositions", "DELETE": "deleteAllOpenPositions"},
    ("v2", "positions", "*"): {"GET": "getOpenPosition", "DELETE": "deleteOpenPosition"},
    ("v2", "positions", "*", "exercise"): {"POST": "exerciseOptionPosition"},
    ("v2", "positions", "*", "do-not-exercise"): {"POST": "doNotExerciseOptionPosition"},
}
_PATTERNS = [
    (pattern, pattern.index("*"), table) for pattern, table in ROUTES.items() if "*" in pattern
]


def route_of(raw_path: str) -> tuple[dict[str, str], str | None] | None:
    """The methods of a raw path and its variable segment; an exact path wins over a pattern
    (/v2/options/contracts is not the asset "contracts" of a /v2/options/* pattern)."""
    parts = raw_path.split("/")
    if parts[0] != "" or len(parts) < 3:
        return None
    segments = tuple(parts[1:])
    table = ROUTES.get(segments)
    if table is not None:
        return table, None
    for pattern, at, table in _PATTERNS:
        if (
            len(pattern) == len(segments)
            and segments[at]
            and all(p == "*" or p == s for p, s in zip(pattern, segments, strict=True))
        ):
            return table, segments[at]
    return None


class RateLimiter:
    """A fixed window per account (a minute, as Alpaca's), reported in X-Ratelimit-* on every
    answer: the limit, what remains of it, and the epoch second the window resets. When the
    limit is off, requests are still counted, as Alpaca counts them (remaining falls), against
    a nominal limit of UNENFORCED that nothing is refused for."""

    UNENFORCED = 1_000_000

    def __init__(self, limit: int | None, window_seconds: int = 60) -> None:
        self.enforced = limit is not None
        self.limit = limit or self.UNENFORCED
        self.window_seconds = window_seconds
        self.windows: dict[str, tuple[int, int]] = {}

    def count(self, account_id: str) -> tuple[bool, list[tuple[bytes, bytes]]]:
        window = int(time.time()) // self.window_seconds
        start, used = self.windows.get(account_id, (window, 0))
        if start != window:
            start, used = window, 0
        allowed = used < self.limit or not self.enforced
        if allowed:
            used += 1
        self.windows[account_id] = (start, used)
        reset = (start + 1) * self.window_seconds
        return allowed, self.headers(max(self.limit - used, 0), reset)

    def headers(
        self, remaining: int | None = None, reset: int | None = None
    ) -> list[tuple[bytes, bytes]]:
        if reset is None:
            reset = (int(time.time()) // self.window_seconds + 1) * self.window_seconds
        return [
            (b"x-ratelimit-limit", str(self.limit).encode()),
            (
                b"x-ratelimit-remaining",
                str(self.limit if remaining is None else remaining).encode(),
            ),
            (b"x-ratelimit-reset", str(reset).encode()),
        ]


class MockApp:
    """Alpaca's paper Trading API (account, assets, positions), stateful and spec-checked."""

    def __init__(self, config: MockConfig) -> None:
        self.config = config
        self.world = World(
            seed_from_recording(config.recording_path)
            if config.recording_path is not None
            else load_seed(config.seed_path),
            price_seed=config.price_seed,
            fill_delay=config.fill_delay_seconds,
            clock=MarketClock(config.clock, always_open=not config.market_hours),
        )
        self.query_parameters = load_query_parameters(spec_path())
        self.refusal_status = refusal_statuses(spec_path())
        self.operations = set(self.query_parameters)
        self.rate = RateLimiter(config.rate_limit_per_minute, config.rate_limit_window_seconds)
        self.faults = FaultTable()
        self._index_credentials()
        self.admin = (
            AdminAPI(
                self.world,
                self.faults,
                self.operations,
                token=config.admin_token or new_token(),
                allow_remote=config.admin_allow_remote,
                on_seeded=self._index_credentials,
            )
            if config.admin_enabled
            else None
        )

    def _index_credentials(self) -> None:
        self._by_key = {a.key_id: a for a in self.world.accounts()}
        self._tokens = [(a.oauth_token, a) for a in self.world.accounts() if a.oauth_token]

    # ------------------------------------------------------------ ASGI

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await run_lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        raw = scope.get("raw_path") or scope["path"].encode()
        raw_path = raw.decode("latin-1").split("?", 1)[0]
        if raw_path.startswith(ADMIN_PREFIX) and self.admin is not None:
            answer = await self.admin(scope, receive, raw_path)
            await self._send(send, answer, self.rate.headers())
            return
        route = route_of(raw_path)
        if route is None:
            await self._send(send, NOT_FOUND, self.rate.headers())
            return
        table, raw_key = route
        operation = table.get(scope["method"])
        if operation is None:
            allow = ", ".join(sorted(table)).encode()
            answer = Answer(
                405,
                {"code": 40510000, "message": f"method {scope['method']} not allowed"},
                extra=[(b"allow", allow)],
            )
            await self._send(send, answer, self.rate.headers())
            return
        await self._operation(scope, send, operation, raw_key)

    async def _operation(
        self, scope: Scope, send: Send, operation: str, raw_key: str | None
    ) -> None:
        account = self._authenticate(scope)
        if isinstance(account, Answer):
            await self._send(send, account, self.rate.headers())
            return
        allowed, limit_headers = self.rate.count(account.account_id)
        if not allowed:
            answer = Answer(429, {"code": 42910000, "message": "rate limit exceeded"})
            await self._send(send, answer, limit_headers)
            return
        fault = self.faults.take(operation) if self.faults.faults else None
        if fault is None:
            answer = self._handle(scope, operation, raw_key, account)
        else:
            answer = await faulty_answer(
                fault, send, lambda: self._handle(scope, operation, raw_key, account)
            )
        await self._send(send, answer, limit_headers)

    def _handle(
        self, scope: Scope, operation: str, raw_key: str | None, account: SeedAccount
    ) -> Answer:
        try:
            declared = self.query_parameters[operation]
            query = query_pairs(scope.get("query_string", b"").decode("latin-1"))
            if query:  # the spec's request rules: what the mock answers to an unverified form
                found, query = departures(declared, query, scope["method"], has_body=False)
                refusal = mock_refusal(found)
                if refusal is not None:
                    raise refusal
            params = parse_query(declared, query)
            key = path_key(raw_key) if raw_key is not None else ""
            with self.world.lock:
                book = self.world.books[account.account_id]
                book.settle()
                return self._dispatch(operation, book, key, params)
        except ParameterError as exc:
            return Answer(self.refusal_status[operation], {"code": 40010001, "message": str(exc)})
        except ApiError as exc:
            return Answer(exc.status, exc.body)

    def _dispatch(self, operation: str, book: Book, key: str, params: dict[str, Any]) -> Answer:
        if operation == "getAllOpenPositions":
            return Answer(200, book.positions_body())
        if operation == "getOpenPosition":
            return Answer(200, book.position_json(book.find(key)))
        if operation == "getAccount":
            return Answer(200, book.account_json())
        if operation == "getAssets":
            attributes = params.get("attributes") or ()
            flt = AssetFilter(
                params.get("status"),
                params.get("asset_class"),
                params.get("exchange"),
                tuple(attributes),
            )
            return Answer(200, self.world.list_assets(flt))
        if operation == "getAsset":
            return Answer(200, self.world.asset_bodies[self.world.find_asset(key).id])
        if operation == "deleteOpenPosition":
            qty, pct = params.get("qty"), params.get("percentage")
            order = book.close(
                key,
                Decimal(qty) if qty is not None else None,
                Decimal(pct) if pct is not None else None,
            )
            return Answer(200, order)
        if operation == "getUsTreasuries":
            return Answer(
                200, listing("us_treasuries", self.world.seed.treasuries, bond_filter(params))
            )
        if operation == "getUsCorporates":
            return Answer(
                200, listing("us_corporates", self.world.seed.corporates, bond_filter(params))
            )
        if operation == "deleteAllOpenPositions":
            return Answer(207, book.close_all(bool(params.get("cancel_orders", False))))
        if operation == "getOptionContracts":
            return Answer(200, self.world.chain.page(params))
        if operation == "getOptionContract":
            return Answer(200, self.world.chain.get(key))
        if operation in ("exerciseOptionPosition", "doNotExerciseOptionPosition"):
            return self._exercise(operation, book, key)
        raise AssertionError(f"no handler for {operation}")  # pragma: no cover

    def _exercise(self, operation: str, book: Book, key: str) -> Answer:
        """Exercise (or not) a long option position; 200 with no body, as Alpaca answers.
        The position decides (a seed's, the chain's or a recording's contract alike); without
        one, a key that names a contract is 403, anything else 422."""
        holding = book.option_holding(key)
        if holding is None:
            if parse_contract_key(key) is None:
                raise ApiError(422, {"code": 42210000, "message": "invalid symbol"})
            raise no_option_position()
        contract = holding.asset
        if operation == "doNotExerciseOptionPosition":
            book.record_do_not_exercise(contract)
            return NO_CONTENT
        if self.world.clock.after_close():
            raise ApiError(
                403,
                {
                    "code": 40310000,
                    "message": "exercise requests are not accepted between market close and "
                    "midnight",
                },
            )
        try:  # a seed may hold a us_option asset the mock cannot read or deliver
            occ = parse_occ(contract.symbol)
            underlying = self.world.find_asset(occ.root)
        except (ValueError, ApiError):
            raise ApiError(422, {"code": 42210000, "message": "invalid symbol"}) from None
        book.exercise(contract, underlying, occ.type, occ.strike)
        return NO_CONTENT

    # ------------------------------------------------------------ auth

    def _authenticate(self, scope: Scope) -> SeedAccount | Answer:
        key_id = secret = bearer = None
        for name, value in scope["headers"]:
            if name == b"apca-api-key-id":
                key_id = value.decode("latin-1")
            elif name == b"apca-api-secret-key":
                secret = value.decode("latin-1")
            elif name == b"authorization":
                text = value.decode("latin-1")
                if text[:7].lower() == "bearer ":
                    bearer = text[7:].strip()
        if key_id is not None and secret is not None:
            account = self._by_key.get(key_id)
            expected = account.secret_key if account else "x" * len(secret)
            if hmac.compare_digest(expected.encode(), secret.encode()) and account is not None:
                return account
            return Answer(401, {"message": "unauthorized."})
        if bearer is not None:
            found = None
            for token, candidate in self._tokens:
                if hmac.compare_digest(str(token).encode(), bearer.encode()):
                    found = candidate
            return found if found is not None else Answer(401, {"message": "unauthorized."})
        return Answer(403, {"message": "forbidden."})

    # ------------------------------------------------------------ sending

    async def _send(
        self, send: Send, answer: Answer, limit_headers: list[tuple[bytes, bytes]]
    ) -> None:
        headers = [
            *([(b"content-type", answer.content_type)] if answer.content_type else []),
            (b"content-length", str(len(answer.body)).encode()),
            (b"x-request-id", os.urandom(16).hex().encode()),
            *limit_headers,
            *answer.extra,
        ]
        await send({"type": "http.response.start", "status": answer.status, "headers": headers})
        await send({"type": "http.response.body", "body": answer.body})


def create_app(config: MockConfig | None = None) -> MockApp:
    """The mock as an ASGI application (serve it with uvicorn, or use httpx.ASGITransport)."""
    return MockApp(config or MockConfig())


__all__ = ["ConnectionDropped", "MockApp", "create_app", "timestamp"]
