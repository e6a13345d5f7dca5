"""A seed made from a recording: the mock starts as the recorded paper account looked.

What a recording shows becomes seed YAML (then checked by seed.parse_seed like any seed):
- each identity of the recording (a set of credentials, numbered by the proxy) with a
  `GET /v2/account` answered 200 becomes an account: its id, number, cash, multiplier and
  shorting flag as last seen;
- its positions are the last `GET /v2/positions` list seen for that identity (in the order
  the requests arrived), updated by
  every later `GET /v2/positions/{symbol}` (a 200 replaces that position, a 404 removes it);
  with no list at all, the single positions seen;
- the assets are every asset a `GET /v2/assets` or `GET /v2/assets/{id}` answered, and for a
  position whose asset never was, one made from the position (its id, symbol, class and
  exchange). A position's current and last-day price become its asset's prices; a crypto
  position whose asset_id is not the pair's id keeps it as the legacy id;
- the fixed-income catalogue is every bond a `GET /v2/assets/fixed_income/...` answered, by
  ISIN, as last seen (numbers read exactly).

Recordings carry no credentials: the first identity is given the built-in seed's primary
credentials, the second its secondary ones, any further one `PKRECORDED…` values, so
`alpaca-mock --from-recording` prints them like the built-in seed's. An identity without an
account answer is left out, and so is the whole recording if none has one.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from alpaca_trading.bodies import parse_json

from alpaca_mock.recording import RecordedExchange, read_recording
from alpaca_mock.seed import Seed, SeedError, load_seed, parse_seed

_BOND_ANSWERS = {"getUsTreasuries": "us_treasuries", "getUsCorporates": "us_corporates"}
_SEEDING = frozenset({"getAccount", "getAssets", "getAsset", "getAllOpenPositions",
                      "getOpenPosition", *_BOND_ANSWERS})  # fmt: skip
_ACCOUNT_FIELDS = ("cash", "multiplier", "shorting_enabled", "account_number")
_ASSET_FIELDS = (
    "id", "class", "exchange", "symbol", "name", "status", "tradable", "marginable",
    "shortable", "fractionable", "borrow_status", "cusip", "attributes", "min_order_size",
    "min_trade_increment", "price_increment",
)  # fmt: skip


def _default_credentials() -> list[dict[str, Any]]:
    keys = ("name", "key_id", "secret_key", "oauth_token")
    return [{key: getattr(account, key) for key in keys} for account in load_seed().accounts]


def _credentials(index: int, defaults: list[dict[str, Any]]) -> dict[str, Any]:
    if index < len(defaults):
        return dict(defaults[index])
    number = index + 1
    return {
        "name": f"recorded-{number}",
        "key_id": f"PKRECORDED{number:010d}",
        "secret_key": f"recorded-secret-{number:04d}",
        "oauth_token": f"recorded-oauth-token-{number:04d}",
    }


class _Identity:
    """What the recording showed of one set of credentials."""

    def __init__(self) -> None:
        self.account: dict[str, Any] | None = None
        self.positions: dict[str, dict[str, Any]] | None = None  # by symbol; None: no list seen
        self.single: dict[str, dict[str, Any]] = {}

    def see(self, exchange: RecordedExchange, body: Any) -> None:
        operation, status = exchange.operation, exchange.status
        if operation == "getAccount" and status == 200 and isinstance(body, dict):
            self.account = body
        elif operation == "getAllOpenPositions" and status == 200 and isinstance(body, list):
            self.positions = {
                str(p["symbol"]): p for p in body if isinstance(p, dict) and "symbol" in p
            }
        elif operation == "getOpenPosition" and status == 200 and isinstance(body, dict):
            symbol = str(body.get("symbol"))
            self.single[symbol] = body
            if self.positions is not None:
                self.positions[symbol] = body
        elif operation == "getOpenPosition" and status == 404 and self.positions is not None:
            key = exchange.path.rsplit("/", 1)[-1]
            self.positions = {
                s: p for s, p in self.positions.items() if key not in (s, p.get("asset_id"))
            }

    def held(self) -> list[dict[str, Any]]:
        return list((self.positions if self.positions is not None else self.single).values())


def _asset_from(body: dict[str, Any]) -> dict[str, Any]:
    asset = {key: body[key] for key in _ASSET_FIELDS if body.get(key) is not None}
    if isinstance(body.get("margin_requirement_long"), str):
        asset["margin_requirement"] = body["margin_requirement_long"]
    return asset


def _asset_of_position(position: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": position.get("asset_id"),
        "class": position.get("asset_class"),
        "exchange": position.get("exchange") or "UNKNOWN",
        "symbol": position.get("symbol"),
        "name": position.get("symbol"),
        "marginable": position.get("asset_marginable", True),
    }


def seed_document(exchanges: Iterable[RecordedExchange]) -> dict[str, Any]:
    """The seed (as YAML-ready data) that the exchanges show; SeedError if none has an account."""
    identities: dict[int, _Identity] = {}
    assets: dict[str, dict[str, Any]] = {}
    # In the order the requests arrived: the proxy writes a large answer once it is judged,
    # which can be after answers to later requests.
    seen = sorted(
        (e for e in exchanges if not e.refused and e.operation in _SEEDING),
        key=lambda e: e.at,
    )
    bonds: dict[str, dict[str, dict[str, Any]]] = {kind: {} for kind in _BOND_ANSWERS.values()}
    for exchange in seen:
        try:
            body = exchange.json()
        except ValueError:
            continue
        kind = _BOND_ANSWERS.get(exchange.operation or "")
        if kind is not None and exchange.status == 200:
            _see_bonds(exchange, kind, bonds[kind])
            continue
        if exchange.status == 200 and exchange.operation == "getAssets" and isinstance(body, list):
            for item in body:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    assets[item["id"]] = _asset_from(item)
        elif (
            exchange.status == 200
            and exchange.operation == "getAsset"
            and isinstance(body, dict)
            and isinstance(body.get("id"), str)
        ):
            assets[body["id"]] = _asset_from(body)
        identities.setdefault(exchange.identity or 1, _Identity()).see(exchange, body)
    with_account = [identities[n] for n in sorted(identities) if identities[n].account]
    if not with_account:
        raise SeedError(
            "the recording has no GET /v2/account answered 200: a seed needs the account"
        )
    by_position_symbol = {str(a.get("symbol", "")).replace("/", ""): a for a in assets.values()}
    defaults = _default_credentials()
    accounts = []
    for index, identity in enumerate(with_account):
        assert identity.account is not None
        account = {key: identity.account.get(key) for key in _ACCOUNT_FIELDS}
        account = {key: value for key, value in account.items() if value is not None}
        positions = []
        for position in identity.held():
            symbol = str(position.get("symbol"))
            asset = assets.get(str(position.get("asset_id"))) or by_position_symbol.get(symbol)
            if asset is None:
                asset = _asset_of_position(position)
                assets[str(asset["id"])] = asset
                by_position_symbol[symbol] = asset
            elif asset.get("id") != position.get("asset_id") and asset.get("class") == "crypto":
                asset["legacy_id"] = position.get("asset_id")
            for name, key in (("price", "current_price"), ("lastday_price", "lastday_price")):
                asset[name] = position.get(key)
            positions.append(
                {
                    "symbol": str(asset.get("symbol")),
                    "qty": position.get("qty"),
                    "avg_entry_price": position.get("avg_entry_price"),
                }
            )
        accounts.append(
            {
                **_credentials(index, defaults),
                "account_id": identity.account.get("id"),
                **account,
                "positions": positions,
            }
        )
    return {
        "accounts": accounts,
        "assets": list(assets.values()),
        **{kind: list(seen_bonds.values()) for kind, seen_bonds in bonds.items() if seen_bonds},
    }


def _see_bonds(exchange: RecordedExchange, kind: str, seen: dict[str, dict[str, Any]]) -> None:
    """Keep every bond a fixed-income answer listed, by ISIN, as last seen; its numbers read
    exactly and written as decimal strings (the seed's form for exact numbers)."""
    body = parse_json(exchange.body, exact_numbers=True)
    listed = body.get(kind) if isinstance(body, dict) else None
    for bond in listed if isinstance(listed, list) else []:
        if isinstance(bond, dict) and isinstance(bond.get("isin"), str):
            seen[bond["isin"]] = {
                key: str(value) if isinstance(value, Decimal) else value
                for key, value in bond.items()
            }


def seed_from_recording(path: Path) -> Seed:
    """The checked Seed a recording makes; SeedError (or RecordingError) naming the problem."""
    document = seed_document(read_recording(path))
    return parse_seed(document, f"seed from the recording {path}")
