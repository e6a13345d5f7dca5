"""The admin API under /_mock/ (reset, seed, prices, orders, faults, clock, do-not-exercise
instructions) and the guard in front of it.

Any web page a developer has open can send requests to 127.0.0.1, and a DNS-rebinding page can
even read the answers. So before an admin request costs anything, all of these must hold:
- the token: header `X-Mock-Admin-Token` equal to the mock's admin token (generated at each
  start and printed by `alpaca-mock`, or set by ALPACA_MOCK_ADMIN_TOKEN);
- JSON only: a request with a body says `Content-Type: application/json`. A cross-site form
  or `text/plain` post cannot, and neither can it add the token header, without a CORS
  preflight, which the mock never grants;
- a loopback `Host` (a rebinding page's requests carry its own host name) and, when a browser
  sends one, a loopback `Origin`; both unless --admin-allow-remote;
- a loopback peer, judged by the socket, never by X-Forwarded-For or Forwarded (a request
  carrying either is refused, and `alpaca-mock` runs uvicorn without proxy headers);
- a body of at most MAX_ADMIN_BODY bytes, read with that bound.

Every input is then validated before the world changes: a bad one gets a 4xx JSON error that
names the field, and the mock keeps serving as it was.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import re
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from decimal import Decimal
from typing import Any
from urllib.parse import unquote, urlsplit

from alpaca_trading.auth import check_credential

from alpaca_mock.answers import Answer
from alpaca_mock.clock import parse_moment
from alpaca_mock.faults import Fault, FaultError, FaultTable
from alpaca_mock.ledger import ApiError, dec
from alpaca_mock.seed import SeedError, parse_seed
from alpaca_mock.world import World

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]

ADMIN_PREFIX = "/_mock/"
TOKEN_HEADER = "X-Mock-Admin-Token"  # noqa: S105 - a header's name, not a password
TOKEN_ENV = "ALPACA_MOCK_ADMIN_TOKEN"  # noqa: S105 - a variable's name, not a password
MAX_ADMIN_BODY = 16 * 1024 * 1024
_TOKEN_BYTES = TOKEN_HEADER.lower().encode()
_PRICE = re.compile(r"\A[0-9]{1,12}(\.[0-9]{1,9})?\Z")
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})
_FORWARDING = frozenset({b"x-forwarded-for", b"forwarded", b"x-real-ip"})


class AdminError(Exception):
    """An admin request refused: the status and the message of the JSON answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def new_token() -> str:
    return secrets.token_urlsafe(24)


def check_token(token: str, source: str = TOKEN_ENV) -> str:
    """A user-chosen admin token, or ValueError naming `source` and the rule (never the value).

    The client's rules for anything sent as a header (alpaca_trading.auth), and a length
    and no spaces besides: a token is a secret that guards a local port."""
    check_credential(token, source)
    if not 16 <= len(token) <= 256 or " " in token:
        raise ValueError(f"{source} must be 16 to 256 printable ASCII characters without spaces")
    return token


def is_loopback(host: str | None) -> bool:
    """Whether a host name or address is this machine's loopback (localhost, 127/8, ::1)."""
    if not host:
        return False
    host = host.strip("[]").lower()
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_name(value: str) -> str:
    """The host of a Host header value ("127.0.0.1:8000", "[::1]:80", "localhost"); "" when
    it has none or cannot be read ("[::1" is refused, not an error from deep inside)."""
    try:
        return urlsplit(f"//{value}").hostname or ""
    except ValueError:
        return ""


class AdminAPI:
    """The /_mock/ routes of one mock: the guard, then the action."""

    def __init__(
        self,
        world: World,
        faults: FaultTable,
        operations: set[str],
        *,
        token: str,
        allow_remote: bool,
        on_seeded: Callable[[], None],
    ) -> None:
        self.world = world
        self.faults = faults
        self.operations = operations
        self.token = token
        self.allow_remote = allow_remote
        self._on_seeded = on_seeded

    async def __call__(self, scope: Scope, receive: Receive, raw_path: str) -> Answer:
        try:
            self._guard(scope)
            try:
                body = await read_limited(receive, MAX_ADMIN_BODY)
            except BodyIncomplete as exc:
                raise AdminError(400, str(exc)) from None  # nobody is left to read it
            if body is None:
                raise AdminError(413, f"the body is larger than {MAX_ADMIN_BODY:,} bytes")
            if body and _header(scope, b"content-type").split(";")[0].strip() != "application/json":
                raise AdminError(
                    415, "the admin API takes JSON only: Content-Type: application/json"
                )
            return self._action(scope["method"], raw_path[len(ADMIN_PREFIX) :].rstrip("/"), body)
        except AdminError as exc:
            return Answer(exc.status, {"message": str(exc)})
        except ApiError as exc:
            return Answer(exc.status, exc.body)
        except (ValueError, SeedError, FaultError) as exc:
            return Answer(422, {"message": str(exc)})

    def _guard(self, scope: Scope) -> None:
        if any(name in _FORWARDING for name, _ in scope["headers"]):
            raise AdminError(403, "the admin API refuses proxied requests (X-Forwarded-For)")
        if not self.allow_remote:
            client = scope.get("client")
            if not is_loopback(client[0] if client else None):
                raise AdminError(403, "the admin API answers loopback clients only")
            if not is_loopback(host_name(_header(scope, b"host"))):
                raise AdminError(403, "the admin API answers requests for a loopback Host only")
            origin = _header(scope, b"origin")
            if origin and not is_loopback(urlsplit(origin).hostname):
                raise AdminError(403, "the admin API refuses requests from web pages (Origin)")
        given = _header(scope, _TOKEN_BYTES)
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            raise AdminError(401, f"the admin API needs the header {TOKEN_HEADER}")

    def _action(self, method: str, what: str, body: bytes) -> Answer:
        world = self.world
        if (method, what) == ("POST", "reset"):
            world.load(world.seed)
            self.faults.faults.clear()
            return Answer(200, {"status": "reset"})
        if (method, what) == ("POST", "seed"):
            world.load(parse_seed(_json(body), "posted seed"))
            self._on_seeded()
            return Answer(
                200, {"status": "seeded", "accounts": [a.key_id for a in world.accounts()]}
            )
        if (method, what) == ("GET", "orders"):
            with world.lock:
                for book in world.books.values():
                    book.settle()
                orders = [dict(o.to_json(), account_id=o.account_id) for o in world.orders()]
            return Answer(200, orders)
        if (method, what) == ("POST", "prices/walk"):
            steps = _object(body).get("steps", 1)
            if not isinstance(steps, int) or isinstance(steps, bool) or not 1 <= steps <= 10_000:
                raise ValueError("steps: must be a whole number from 1 to 10000")
            with world.lock:
                world.market.step(steps)
            return Answer(200, {"status": "moved", "steps": steps})
        if method == "PUT" and what.startswith("prices/"):
            price = _price(_object(body).get("price"))
            symbol = unquote(what[len("prices/") :], errors="replace")
            asset = world.find_asset(symbol)
            with world.lock:
                world.market.set_price(asset.id, price)
            return Answer(200, {"symbol": asset.symbol, "price": dec(price)})
        if (method, what) == ("GET", "do-not-exercise"):
            with world.lock:
                instructions = [
                    {"account_id": account_id, "symbol": symbol}
                    for account_id, book in world.books.items()
                    for symbol in sorted(book.do_not_exercise)
                ]
            return Answer(200, instructions)
        if (method, what) == ("PUT", "clock"):
            at = _object(body).get("at")
            if at is not None and not isinstance(at, str):
                raise ValueError("at: must be an ISO 8601 date-time with its offset, or null")
            moment = parse_moment(at, "at") if at is not None else None
            with world.lock:
                world.clock.set(moment)
            now = world.clock.now()
            return Answer(200, {"at": now.isoformat(), "fixed": moment is not None})
        if (method, what) == ("GET", "faults"):
            return Answer(200, [f.to_json() for f in self.faults.faults])
        if (method, what) == ("POST", "faults"):
            fault = Fault.from_json(_object(body), self.operations)
            self.faults.faults.append(fault)
            return Answer(200, fault.to_json())
        if (method, what) == ("DELETE", "faults"):
            self.faults.faults.clear()
            return Answer(200, [])
        raise AdminError(404, f"no admin action {method} {ADMIN_PREFIX}{what[:100]}")


def _price(value: Any) -> Decimal:
    """A price from an admin request: a plain decimal string, finite, above 0, bounded."""
    if not isinstance(value, str) or not _PRICE.match(value):
        raise ValueError(
            'price: must be a decimal string such as "123.45" (at most 12 digits before the '
            "point and 9 after)"
        )
    price = Decimal(value)
    if price <= 0:
        raise ValueError("price: must be greater than 0")
    return price


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return ""


def _json(body: bytes) -> Any:
    if not body:
        raise ValueError("the body must be JSON")
    try:
        return json.loads(body)
    except RecursionError:
        raise ValueError("the body is nested too deeply") from None
    except ValueError as exc:
        raise ValueError(f"the body is not JSON: {str(exc)[:200]}") from None


def _object(body: bytes) -> dict[str, Any]:
    if not body:
        return {}
    data = _json(body)
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object")
    return data


class BodyIncomplete(Exception):
    """The client went away (or was cut off for sending too slowly) before its body ended:
    what arrived is not the body, and nothing is done with it."""


async def read_limited(receive: Receive, limit: int) -> bytes | None:
    """An ASGI request's body, read chunk by chunk; None as soon as it outgrows `limit`,
    BodyIncomplete when the connection ends first."""
    chunks = []
    size = 0
    while True:
        message = await receive()
        if message.get("type") == "http.disconnect":
            raise BodyIncomplete("the connection ended before the request body did")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)
