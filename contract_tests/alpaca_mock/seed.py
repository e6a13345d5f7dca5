"""Seed data: the assets, accounts, credentials and positions the mock starts from.

Seeds are YAML (the built-in one is default_seed.yaml beside this module). Loading checks
every field and says which one is wrong and why, e.g.
``seed.yaml: accounts[1].positions[0].qty: must be a decimal string, got 'ten'``: a user's
seed file is input, and bad input gets a clear error, never a traceback from deep inside.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from alpaca_trading.identifiers import is_cusip

from alpaca_mock.bonds import KINDS, MAX_BONDS, Bond, BondError, parse_bonds

DEFAULT_SEED_PATH = Path(__file__).with_name("default_seed.yaml")
# \Z, not $: "$" also matches before a final newline. Bounded: 18 digits each side.
_DECIMAL = re.compile(r"\A-?[0-9]{1,18}(\.[0-9]{1,18})?\Z")
MAX_ASSETS = 200_000
MAX_ACCOUNTS = 1_000
MAX_POSITIONS = 10_000
_SECRET_FIELDS = frozenset({"secret_key", "oauth_token"})


def _shown(value: Any) -> str:
    """A bad value as shown in an error: its repr, cut short (a seed is untrusted input)."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


class SeedError(ValueError):
    """A seed file that cannot be used; the message names the file, the field and the rule."""


@dataclass(frozen=True)
class SeedAsset:
    id: str
    asset_class: str
    exchange: str
    symbol: str
    name: str
    status: str
    tradable: bool
    marginable: bool
    shortable: bool
    fractionable: bool
    borrow_status: str | None
    cusip: str | None
    attributes: tuple[str, ...]
    margin_requirement: Decimal
    min_order_size: Decimal | None
    min_trade_increment: Decimal | None
    price_increment: Decimal | None
    price: Decimal | None
    lastday_price: Decimal | None
    legacy_id: str | None
    # Shares one unit stands for in values and fills: 100 for an option contract (options.py).
    contract_size: Decimal = Decimal(1)

    @property
    def is_crypto(self) -> bool:
        return self.asset_class == "crypto"

    @property
    def position_symbol(self) -> str:
        """Positions use the old symbology: BTC/USD is held as BTCUSD."""
        return self.symbol.replace("/", "")

    @property
    def position_asset_id(self) -> str:
        """A crypto position may carry the legacy pair's asset id (alpaca-py #490)."""
        return self.legacy_id or self.id


@dataclass(frozen=True)
class SeedPosition:
    symbol: str
    qty: Decimal
    avg_entry_price: Decimal


@dataclass(frozen=True)
class SeedOptionPosition:
    """A position in one contract of the mock's option chain, named by what it is rather than
    by its OCC symbol: the chain's expiries follow the mock's clock (options.py)."""

    underlying: str
    type: str  # call or put
    strike: Decimal
    weeks: int  # 0: the coming Friday's expiry, 1: the one after, ...
    qty: Decimal  # contracts; negative for a short
    avg_entry_price: Decimal  # per share, as Alpaca reports it


@dataclass(frozen=True)
class SeedAccount:
    name: str
    key_id: str
    secret_key: str = field(repr=False)
    oauth_token: str | None = field(repr=False)
    account_id: str
    account_number: str | None
    cash: Decimal
    multiplier: str
    shorting_enabled: bool
    positions: tuple[SeedPosition, ...]
    option_positions: tuple[SeedOptionPosition, ...] = ()


@dataclass(frozen=True)
class Seed:
    accounts: tuple[SeedAccount, ...]
    assets: tuple[SeedAsset, ...]
    source: str
    treasuries: tuple[Bond, ...] = ()  # in ISIN order
    corporates: tuple[Bond, ...] = ()  # in ISIN order


class _Reader:
    """Reads one mapping of the YAML document, naming the path of every field it complains about."""

    def __init__(self, data: Any, where: str, source: str) -> None:
        if not isinstance(data, dict):
            raise SeedError(f"{source}: {where or 'the document'}: must be a mapping")
        self.data: dict[str, Any] = data
        self.where = where
        self.source = source

    def fail(self, key: str, rule: str) -> SeedError:
        path = f"{self.where}.{key}" if self.where else key
        return SeedError(f"{self.source}: {path}: {rule}")

    def required(self, key: str) -> Any:
        if key not in self.data:
            raise self.fail(key, "is required")
        return self.data[key]

    def string(self, key: str, default: str | None = None, *, nullable: bool = False) -> Any:
        value = (
            self.data.get(key, default) if default is not None or nullable else self.required(key)
        )
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not value.strip():
            # A credential is never shown, whatever it was read as (a number, a list, ...).
            got = type(value).__name__ if key in _SECRET_FIELDS else _shown(value)
            raise self.fail(key, f"must be a non-empty string, got {got}")
        if key in _SECRET_FIELDS and (value != value.strip() or not value.isprintable()):
            raise self.fail(key, "must be printable, without surrounding whitespace")
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, got {_shown(value)}")
        return value

    def decimal(self, key: str, default: str | None = None, *, nullable: bool = False) -> Any:
        if key not in self.data and default is None and not nullable:
            raise self.fail(key, "is required")
        value = self.data.get(key, default)
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not _DECIMAL.match(value):
            raise self.fail(key, f'must be a decimal string such as "12.5", got {_shown(value)}')
        try:
            return Decimal(value)
        except InvalidOperation as exc:  # pragma: no cover - the pattern already excludes these
            raise self.fail(key, f"is not a decimal: {_shown(value)}") from exc

    def uuid(self, key: str, *, nullable: bool = False) -> Any:
        value = self.string(key, nullable=nullable)
        if value is None:
            return None
        try:
            return str(uuid.UUID(value))
        except ValueError as exc:
            raise self.fail(key, f"must be a UUID, got {_shown(value)}") from exc

    def items(self, key: str, most: int) -> list[Any]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, "must be a list")
        if len(value) > most:
            raise self.fail(key, f"must have at most {most:,} items")
        return value


def _asset(data: Any, where: str, source: str) -> SeedAsset:
    r = _Reader(data, where, source)
    asset_class = r.string("class")
    attributes = r.items("attributes", 100)
    for i, attribute in enumerate(attributes):
        if not isinstance(attribute, str):
            raise r.fail(f"attributes[{i}]", f"must be a string, got {attribute!r}")
    price = r.decimal("price", nullable=True)
    if price is not None and price <= 0:
        raise r.fail("price", "must be greater than 0 (or null for an unpriceable asset)")
    cusip = r.string("cusip", nullable=True)
    if cusip is not None and not is_cusip(cusip):
        raise r.fail("cusip", "must be a CUSIP whose last character is its check digit")
    borrow = r.string("borrow_status", nullable=True)
    if borrow is None and asset_class == "us_equity":
        borrow = "easy_to_borrow"
    return SeedAsset(
        id=r.uuid("id"),
        asset_class=asset_class,
        exchange=r.string("exchange"),
        symbol=r.string("symbol"),
        name=r.string("name"),
        status=r.string("status", "active"),
        tradable=r.boolean("tradable", True),
        marginable=r.boolean("marginable", True),
        shortable=r.boolean("shortable", True),
        fractionable=r.boolean("fractionable", False),
        borrow_status=borrow,
        cusip=cusip,
        attributes=tuple(attributes),
        margin_requirement=r.decimal(
            "margin_requirement", "30" if asset_class != "crypto" else "100"
        ),
        min_order_size=r.decimal("min_order_size", nullable=True),
        min_trade_increment=r.decimal("min_trade_increment", nullable=True),
        price_increment=r.decimal("price_increment", nullable=True),
        price=price,
        lastday_price=r.decimal("lastday_price", nullable=True),
        legacy_id=r.uuid("legacy_id", nullable=True),
        # An option contract listed as an asset (a recording's option position) counts 100
        # shares a contract, as the chain's do.
        contract_size=Decimal(100) if asset_class == "us_option" else Decimal(1),
    )


def _account(data: Any, where: str, source: str, assets: dict[str, SeedAsset]) -> SeedAccount:
    r = _Reader(data, where, source)
    positions = []
    seen: set[str] = set()
    for i, item in enumerate(r.items("positions", MAX_POSITIONS)):
        p = _Reader(item, f"{where}.positions[{i}]", source)
        symbol = p.string("symbol")
        if symbol not in assets:
            raise p.fail("symbol", f"{symbol!r} is not an asset of this seed (crypto: BTCUSD form)")
        if symbol in seen:
            raise p.fail("symbol", f"{symbol!r} appears twice; one position per asset")
        seen.add(symbol)
        qty = p.decimal("qty")
        if qty == 0:
            raise p.fail("qty", "must not be 0 (a closed position is simply absent)")
        avg = p.decimal("avg_entry_price")
        if avg <= 0:
            raise p.fail("avg_entry_price", "must be greater than 0")
        positions.append(
            SeedPosition(symbol=assets[symbol].position_symbol, qty=qty, avg_entry_price=avg)
        )
    options = []
    named: set[tuple[str, str, Decimal, int]] = set()
    for i, item in enumerate(r.items("option_positions", MAX_POSITIONS)):
        o = _Reader(item, f"{where}.option_positions[{i}]", source)
        underlying = o.string("underlying")
        asset = assets.get(underlying)
        if asset is None or asset.asset_class != "us_equity":
            raise o.fail("underlying", f"{underlying!r} is not a US equity of this seed")
        if "has_options" not in asset.attributes:
            raise o.fail("underlying", f"{underlying!r} lacks the has_options attribute")
        kind = o.string("type")
        if kind not in ("call", "put"):
            raise o.fail("type", f"must be call or put, got {kind!r}")
        weeks = o.data.get("weeks", 0)
        if isinstance(weeks, bool) or not isinstance(weeks, int) or not 0 <= weeks <= 6:
            raise o.fail("weeks", "must be a whole number from 0 (the coming Friday) to 6")
        qty = o.decimal("qty")
        if qty == 0 or qty != qty.to_integral_value():
            raise o.fail("qty", "must be a whole number of contracts other than 0")
        strike = o.decimal("strike")
        avg = o.decimal("avg_entry_price")
        if avg <= 0:
            raise o.fail("avg_entry_price", "must be greater than 0")
        if (underlying, kind, strike, weeks) in named:
            raise o.fail("strike", "names a contract twice; one position per contract")
        named.add((underlying, kind, strike, weeks))
        options.append(SeedOptionPosition(underlying, kind, strike, weeks, qty, avg))
    multiplier = r.string("multiplier", "1")
    if multiplier not in {"1", "2", "4"}:
        raise r.fail("multiplier", f'must be "1", "2" or "4", got {multiplier!r}')
    return SeedAccount(
        name=r.string("name"),
        key_id=r.string("key_id"),
        secret_key=r.string("secret_key"),
        oauth_token=r.string("oauth_token", nullable=True),
        account_id=r.uuid("account_id"),
        account_number=r.string("account_number", nullable=True),
        cash=r.decimal("cash"),
        multiplier=multiplier,
        shorting_enabled=r.boolean("shorting_enabled", False),
        positions=tuple(positions),
        option_positions=tuple(options),
    )


def parse_seed(data: Any, source: str) -> Seed:
    """Build a Seed from loaded YAML, or raise SeedError naming the field and the rule."""
    root = _Reader(data, "", source)
    assets: list[SeedAsset] = [
        _asset(item, f"assets[{i}]", source)
        for i, item in enumerate(root.items("assets", MAX_ASSETS))
    ]
    by_key: dict[str, SeedAsset] = {}
    for i, asset in enumerate(assets):
        for key in {asset.symbol, asset.position_symbol, asset.id}:
            if key in by_key:
                raise SeedError(f"{source}: assets[{i}]: {key!r} is used by two assets")
            by_key[key] = asset
    raw_accounts = root.items("accounts", MAX_ACCOUNTS)
    if not raw_accounts:
        raise root.fail("accounts", "must list at least one account")
    accounts = [
        _account(item, f"accounts[{i}]", source, by_key) for i, item in enumerate(raw_accounts)
    ]
    for field_name in ("key_id", "secret_key", "account_id", "name"):
        values = [getattr(a, field_name) for a in accounts]
        if len(set(values)) != len(values):
            raise SeedError(f"{source}: accounts: two accounts share a {field_name}")
    tokens = [a.oauth_token for a in accounts if a.oauth_token]
    if len(set(tokens)) != len(tokens):
        raise SeedError(f"{source}: accounts: two accounts share an oauth_token")
    try:
        treasuries, corporates = (
            parse_bonds(root.items(kind, MAX_BONDS), kind, source) for kind in KINDS
        )
    except BondError as exc:
        raise SeedError(str(exc)) from None
    return Seed(
        accounts=tuple(accounts),
        assets=tuple(assets),
        source=source,
        treasuries=treasuries,
        corporates=corporates,
    )


def load_seed(path: Path | None = None) -> Seed:
    """Load and validate a YAML seed file (the built-in one when path is None)."""
    path = path or DEFAULT_SEED_PATH
    source = "built-in seed" if path == DEFAULT_SEED_PATH else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SeedError(f"{source}: cannot be read ({exc.strerror})") from exc
    try:
        # JSON is YAML too, but PyYAML reads a 35,000-asset universe slowly: take the fast path.
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (yaml.YAMLError, ValueError) as exc:
        raise SeedError(f"{source}: is not valid YAML or JSON: {str(exc)[:300]}") from exc
    except RecursionError:
        raise SeedError(f"{source}: is nested too deeply") from None
    return parse_seed(data, source)
