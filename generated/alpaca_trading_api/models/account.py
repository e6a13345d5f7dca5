from __future__ import annotations

import datetime
import json as _json
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.account_status_known import AccountStatusKnown
from ..types import (
    UNSET,
    Unset,
    decimal_or_none,
    format_timestamp,
    parse_timestamp,
    uuid_from_str,
)

if TYPE_CHECKING:
    from ..models.account_admin_configurations import AccountAdminConfigurations
    from ..models.account_user_configurations_type_0 import (
        AccountUserConfigurationsType0,
    )


T = TypeVar("T", bound="Account")

_AccountStatusKnown_BY_VALUE = cast(
    "dict[str, AccountStatusKnown]", AccountStatusKnown._value2member_map_
)


@_attrs_define
class Account:
    """The trading account. Only id and status are required; the API adds fields without notice (effective_buying_power,
    balance_asof, crypto_tier, ...).

    """

    id: UUID
    """ The account's id; the same whichever key or token reaches it. A UUID, 8-4-4-4-12 hexadecimal digits.
    Example: "904837e3-3b76-47ec-b432-046db621571b". """
    status: AccountStatusKnown | str
    """ The account's state (ACTIVE when it can trade). Example: "ACTIVE". """
    account_number: None | str | Unset = UNSET
    """ The account number shown to the user. Null for an OAuth-connected account still ONBOARDING. Example:
    "PA3ABCDEFGH1". """
    crypto_status: AccountStatusKnown | str | Unset = UNSET
    """ The state of crypto trading for this account. Example: "ACTIVE". """
    currency: str | Unset = UNSET
    """ The account's currency (USD). Example: "USD". """
    cash: str | Unset = UNSET
    """ Cash balance; negative when the account borrows. US dollars, a decimal string (plain notation, any
    precision), any sign. Example: "87234.12". """
    buying_power: str | Unset = UNSET
    """ What the account can spend on opening orders now. US dollars, a decimal string, zero or more. Example:
    "488043.1899003944". """
    regt_buying_power: str | Unset = UNSET
    """ Buying power under Regulation T (twice the excess equity). US dollars, a decimal string, zero or more.
    Example: "244021.5949501972". """
    options_buying_power: str | Unset = UNSET
    """ Buying power for options. US dollars, a decimal string, zero or more. Example: "122010.7974750986". """
    non_marginable_buying_power: str | Unset = UNSET
    """ Buying power for assets that cannot be bought on margin. US dollars, a decimal string, zero or more.
    Example: "122010.79". """
    effective_buying_power: str | Unset = UNSET
    """ Buying power after open orders, as live answers show; not documented by Alpaca. US dollars, a decimal
    string, zero or more. Example: "488043.1899003944". """
    portfolio_value: str | Unset = UNSET
    """ Deprecated: the same as equity. US dollars, a decimal string (plain notation, any precision), any sign.
    Example: "122011.09751111286868". """
    equity: str | Unset = UNSET
    """ Cash plus the market value of every position. US dollars, a decimal string (plain notation, any precision),
    any sign. Example: "122011.09751111286868". """
    last_equity: str | Unset = UNSET
    """ Equity at the previous close (the day of balance_asof). US dollars, a decimal string (plain notation, any
    precision), any sign. Example: "121450.3121". """
    long_market_value: str | Unset = UNSET
    """ Market value of the long positions. US dollars, a decimal string, zero or more. Example:
    "41776.97751111286868". """
    short_market_value: str | Unset = UNSET
    """ Market value of the short positions, zero or negative. US dollars, a decimal string, zero or less. Example:
    "-7000". """
    position_market_value: str | Unset = UNSET
    """ The gross market value of all positions (long plus the size of the short); not documented by Alpaca. US
    dollars, a decimal string, zero or more. Example: "48776.97751111286868". """
    initial_margin: str | Unset = UNSET
    """ Margin the positions need when opened. US dollars, a decimal string, zero or more. Example:
    "24388.48875555643434". """
    maintenance_margin: str | Unset = UNSET
    """ Margin the positions need to stay open. US dollars, a decimal string, zero or more. Example:
    "14633.093253333860604". """
    last_maintenance_margin: str | Unset = UNSET
    """ The maintenance margin at the previous close (the day of balance_asof). US dollars, a decimal string, zero
    or more. Example: "14501.22". """
    sma: str | Unset = UNSET
    """ Special memorandum account (Regulation T). US dollars, a decimal string (plain notation, any precision), any
    sign. Example: "118204.61". """
    accrued_fees: str | Unset = UNSET
    """ Fees accrued and not yet charged. US dollars, a decimal string (plain notation, any precision), any sign.
    Example: "0". """
    pending_transfer_in: str | Unset = UNSET
    """ Cash on its way into the account. US dollars, a decimal string, zero or more. """
    pending_transfer_out: str | Unset = UNSET
    """ Cash on its way out of the account. US dollars, a decimal string, zero or more. """
    intraday_adjustments: str | Unset = UNSET
    """ Cash adjustments made today. US dollars, a decimal string (plain notation, any precision), any sign.
    Example: "0". """
    pending_reg_taf_fees: str | Unset = UNSET
    """ Regulatory (TAF) fees not yet charged. US dollars, a decimal string (plain notation, any precision), any
    sign. Example: "0". """
    multiplier: str | Unset = UNSET
    """ The buying-power multiplier, "1" (cash), "2" or "4" (margin). Example: "4". """
    shorting_enabled: bool | Unset = UNSET
    """ Whether the account may sell short. """
    trading_blocked: bool | Unset = UNSET
    """ Whether trading is blocked. """
    transfers_blocked: bool | Unset = UNSET
    """ Whether transfers are blocked. """
    account_blocked: bool | Unset = UNSET
    """ Whether the account is blocked. """
    trade_suspended_by_user: bool | Unset = UNSET
    """ Whether the user suspended trading. """
    created_at: datetime.datetime | Unset = UNSET
    """ When the account was opened. An RFC 3339 date-time with its offset (Z or +hh:mm), 0 to 9 fractional digits.
    Example: "2024-03-01T15:22:07.187249Z". """
    balance_asof: datetime.date | Unset = UNSET
    """ The day the last_* figures (last_equity, last_maintenance_margin) were taken. A calendar date, YYYY-MM-DD.
    Example: "2026-09-15". """
    options_approved_level: int | Unset = UNSET
    """ The options level Alpaca approved. A JSON integer from 0 to 3. Example: 3. """
    options_trading_level: int | Unset = UNSET
    """ The options level in effect. A JSON integer from 0 to 3. Example: 3. """
    crypto_tier: int | Unset = UNSET
    """ The account's crypto fee tier; not documented by Alpaca. A JSON integer, zero or more. Example: 1. """
    admin_configurations: AccountAdminConfigurations | Unset = UNSET
    """ Settings Alpaca made for the account, {} on the accounts seen; not documented by Alpaca. """
    user_configurations: AccountUserConfigurationsType0 | None | Unset = UNSET
    """ Settings the user made, null on the accounts seen; not documented by Alpaca. """
    pattern_day_trader: bool | Unset = UNSET
    """ Removed 2026-07-06, kept for older answers: whether the account was flagged a pattern day trader. """
    daytrade_count: int | Unset = UNSET
    """ Removed 2026-07-06, kept for older answers: day trades in the last five days. A JSON integer, zero or more.
    Example: 0. """
    last_daytrade_count: int | Unset = UNSET
    """ Removed 2026-07-06, kept for older answers: daytrade_count at the previous close. A JSON integer, zero or
    more. """
    daytrading_buying_power: str | Unset = UNSET
    """ Removed 2026-07-06, kept for older answers: day-trading buying power. US dollars, a decimal string, zero or
    more. Example: "0". """
    last_daytrading_buying_power: str | Unset = UNSET
    """ Removed 2026-07-06, kept for older answers: daytrading_buying_power at the previous close. US dollars, a
    decimal string, zero or more. """
    bod_dtbp: float | str | Unset = UNSET
    """ Removed 2026-07-06, kept for older answers: day-trading buying power at the day's start; a JSON number (0)
    in old examples, a decimal string elsewhere. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as the JSON object the API sent: decimals as strings, timestamps as
        their text, enum values as strings, unknown fields included."""
        id = str(self.id)

        status: str
        if isinstance(self.status, AccountStatusKnown):
            status = self.status.value
        else:
            status = self.status

        account_number: None | str | Unset
        if isinstance(self.account_number, Unset):
            account_number = UNSET
        else:
            account_number = self.account_number

        crypto_status: str | Unset
        if isinstance(self.crypto_status, Unset):
            crypto_status = UNSET
        elif isinstance(self.crypto_status, AccountStatusKnown):
            crypto_status = self.crypto_status.value
        else:
            crypto_status = self.crypto_status

        currency = self.currency

        cash = self.cash

        buying_power = self.buying_power

        regt_buying_power = self.regt_buying_power

        options_buying_power = self.options_buying_power

        non_marginable_buying_power = self.non_marginable_buying_power

        effective_buying_power = self.effective_buying_power

        portfolio_value = self.portfolio_value

        equity = self.equity

        last_equity = self.last_equity

        long_market_value = self.long_market_value

        short_market_value = self.short_market_value

        position_market_value = self.position_market_value

        initial_margin = self.initial_margin

        maintenance_margin = self.maintenance_margin

        last_maintenance_margin = self.last_maintenance_margin

        sma = self.sma

        accrued_fees = self.accrued_fees

        pending_transfer_in = self.pending_transfer_in

        pending_transfer_out = self.pending_transfer_out

        intraday_adjustments = self.intraday_adjustments

        pending_reg_taf_fees = self.pending_reg_taf_fees

        multiplier = self.multiplier

        shorting_enabled = self.shorting_enabled

        trading_blocked = self.trading_blocked

        transfers_blocked = self.transfers_blocked

        account_blocked = self.account_blocked

        trade_suspended_by_user = self.trade_suspended_by_user

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = format_timestamp(self.created_at)

        balance_asof: str | Unset = UNSET
        if not isinstance(self.balance_asof, Unset):
            balance_asof = self.balance_asof.isoformat()

        options_approved_level = self.options_approved_level

        options_trading_level = self.options_trading_level

        crypto_tier = self.crypto_tier

        admin_configurations: dict[str, Any] | Unset = UNSET
        if not isinstance(self.admin_configurations, Unset):
            admin_configurations = self.admin_configurations.to_dict()

        user_configurations: dict[str, Any] | None | Unset
        if isinstance(self.user_configurations, Unset):
            user_configurations = UNSET
        elif isinstance(self.user_configurations, AccountUserConfigurationsType0):
            user_configurations = self.user_configurations.to_dict()
        else:
            user_configurations = self.user_configurations

        pattern_day_trader = self.pattern_day_trader

        daytrade_count = self.daytrade_count

        last_daytrade_count = self.last_daytrade_count

        daytrading_buying_power = self.daytrading_buying_power

        last_daytrading_buying_power = self.last_daytrading_buying_power

        bod_dtbp: float | str | Unset
        if isinstance(self.bod_dtbp, Unset):
            bod_dtbp = UNSET
        else:
            bod_dtbp = self.bod_dtbp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )
        if account_number is not UNSET:
            field_dict["account_number"] = account_number
        if crypto_status is not UNSET:
            field_dict["crypto_status"] = crypto_status
        if currency is not UNSET:
            field_dict["currency"] = currency
        if cash is not UNSET:
            field_dict["cash"] = cash
        if buying_power is not UNSET:
            field_dict["buying_power"] = buying_power
        if regt_buying_power is not UNSET:
            field_dict["regt_buying_power"] = regt_buying_power
        if options_buying_power is not UNSET:
            field_dict["options_buying_power"] = options_buying_power
        if non_marginable_buying_power is not UNSET:
            field_dict["non_marginable_buying_power"] = non_marginable_buying_power
        if effective_buying_power is not UNSET:
            field_dict["effective_buying_power"] = effective_buying_power
        if portfolio_value is not UNSET:
            field_dict["portfolio_value"] = portfolio_value
        if equity is not UNSET:
            field_dict["equity"] = equity
        if last_equity is not UNSET:
            field_dict["last_equity"] = last_equity
        if long_market_value is not UNSET:
            field_dict["long_market_value"] = long_market_value
        if short_market_value is not UNSET:
            field_dict["short_market_value"] = short_market_value
        if position_market_value is not UNSET:
            field_dict["position_market_value"] = position_market_value
        if initial_margin is not UNSET:
            field_dict["initial_margin"] = initial_margin
        if maintenance_margin is not UNSET:
            field_dict["maintenance_margin"] = maintenance_margin
        if last_maintenance_margin is not UNSET:
            field_dict["last_maintenance_margin"] = last_maintenance_margin
        if sma is not UNSET:
            field_dict["sma"] = sma
        if accrued_fees is not UNSET:
            field_dict["accrued_fees"] = accrued_fees
        if pending_transfer_in is not UNSET:
            field_dict["pending_transfer_in"] = pending_transfer_in
        if pending_transfer_out is not UNSET:
            field_dict["pending_transfer_out"] = pending_transfer_out
        if intraday_adjustments is not UNSET:
            field_dict["intraday_adjustments"] = intraday_adjustments
        if pending_reg_taf_fees is not UNSET:
            field_dict["pending_reg_taf_fees"] = pending_reg_taf_fees
        if multiplier is not UNSET:
            field_dict["multiplier"] = multiplier
        if shorting_enabled is not UNSET:
            field_dict["shorting_enabled"] = shorting_enabled
        if trading_blocked is not UNSET:
            field_dict["trading_blocked"] = trading_blocked
        if transfers_blocked is not UNSET:
            field_dict["transfers_blocked"] = transfers_blocked
        if account_blocked is not UNSET:
            field_dict["account_blocked"] = account_blocked
        if trade_suspended_by_user is not UNSET:
            field_dict["trade_suspended_by_user"] = trade_suspended_by_user
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if balance_asof is not UNSET:
            field_dict["balance_asof"] = balance_asof
        if options_approved_level is not UNSET:
            field_dict["options_approved_level"] = options_approved_level
        if options_trading_level is not UNSET:
            field_dict["options_trading_level"] = options_trading_level
        if crypto_tier is not UNSET:
            field_dict["crypto_tier"] = crypto_tier
        if admin_configurations is not UNSET:
            field_dict["admin_configurations"] = admin_configurations
        if user_configurations is not UNSET:
            field_dict["user_configurations"] = user_configurations
        if pattern_day_trader is not UNSET:
            field_dict["pattern_day_trader"] = pattern_day_trader
        if daytrade_count is not UNSET:
            field_dict["daytrade_count"] = daytrade_count
        if last_daytrade_count is not UNSET:
            field_dict["last_daytrade_count"] = last_daytrade_count
        if daytrading_buying_power is not UNSET:
            field_dict["daytrading_buying_power"] = daytrading_buying_power
        if last_daytrading_buying_power is not UNSET:
            field_dict["last_daytrading_buying_power"] = last_daytrading_buying_power
        if bod_dtbp is not UNSET:
            field_dict["bod_dtbp"] = bod_dtbp

        return field_dict

    def to_json(self) -> str:
        """This model as JSON text, as the API sent it: decimals stay strings, timestamps keep
        their text, unknown fields are kept. ``Account.from_json(m.to_json()) == m``."""
        return _json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """A model from JSON text (e.g. what ``to_json`` wrote); the inverse of ``to_json``."""
        data = _json.loads(text)
        if not isinstance(data, dict):
            raise TypeError(
                f"Account.from_json needs a JSON object, got {type(data).__name__}"
            )
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """A model from a decoded JSON object. Unknown fields are kept (additional_properties),
        an unknown enum value stays a str; the input is not modified."""
        d = src_dict
        id = uuid_from_str(d["id"])

        _status_raw = d["status"]
        status: AccountStatusKnown | str = _AccountStatusKnown_BY_VALUE.get(
            _status_raw, _status_raw
        )

        account_number: None | str | Unset = d.get("account_number", UNSET)

        _crypto_status_raw = d.get("crypto_status", UNSET)
        crypto_status: AccountStatusKnown | str | Unset = (
            _AccountStatusKnown_BY_VALUE.get(_crypto_status_raw, _crypto_status_raw)
        )

        currency = d.get("currency", UNSET)

        cash = d.get("cash", UNSET)

        buying_power = d.get("buying_power", UNSET)

        regt_buying_power = d.get("regt_buying_power", UNSET)

        options_buying_power = d.get("options_buying_power", UNSET)

        non_marginable_buying_power = d.get("non_marginable_buying_power", UNSET)

        effective_buying_power = d.get("effective_buying_power", UNSET)

        portfolio_value = d.get("portfolio_value", UNSET)

        equity = d.get("equity", UNSET)

        last_equity = d.get("last_equity", UNSET)

        long_market_value = d.get("long_market_value", UNSET)

        short_market_value = d.get("short_market_value", UNSET)

        position_market_value = d.get("position_market_value", UNSET)

        initial_margin = d.get("initial_margin", UNSET)

        maintenance_margin = d.get("maintenance_margin", UNSET)

        last_maintenance_margin = d.get("last_maintenance_margin", UNSET)

        sma = d.get("sma", UNSET)

        accrued_fees = d.get("accrued_fees", UNSET)

        pending_transfer_in = d.get("pending_transfer_in", UNSET)

        pending_transfer_out = d.get("pending_transfer_out", UNSET)

        intraday_adjustments = d.get("intraday_adjustments", UNSET)

        pending_reg_taf_fees = d.get("pending_reg_taf_fees", UNSET)

        multiplier = d.get("multiplier", UNSET)

        shorting_enabled = d.get("shorting_enabled", UNSET)

        trading_blocked = d.get("trading_blocked", UNSET)

        transfers_blocked = d.get("transfers_blocked", UNSET)

        account_blocked = d.get("account_blocked", UNSET)

        trade_suspended_by_user = d.get("trade_suspended_by_user", UNSET)

        _created_at = d.get("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = parse_timestamp(_created_at)

        _balance_asof = d.get("balance_asof", UNSET)
        balance_asof: datetime.date | Unset
        if isinstance(_balance_asof, Unset):
            balance_asof = UNSET
        else:
            balance_asof = datetime.date.fromisoformat(_balance_asof)

        options_approved_level = d.get("options_approved_level", UNSET)

        options_trading_level = d.get("options_trading_level", UNSET)

        crypto_tier = d.get("crypto_tier", UNSET)

        _admin_configurations = d.get("admin_configurations", UNSET)
        admin_configurations: AccountAdminConfigurations | Unset
        if isinstance(_admin_configurations, Unset):
            admin_configurations = UNSET
        else:
            admin_configurations = AccountAdminConfigurations.from_dict(
                _admin_configurations
            )

        _user_configurations_raw = d.get("user_configurations", UNSET)
        user_configurations: AccountUserConfigurationsType0 | None | Unset = (
            _user_configurations_raw
            if _user_configurations_raw is None or _user_configurations_raw is UNSET
            else AccountUserConfigurationsType0.from_dict(_user_configurations_raw)
        )

        pattern_day_trader = d.get("pattern_day_trader", UNSET)

        daytrade_count = d.get("daytrade_count", UNSET)

        last_daytrade_count = d.get("last_daytrade_count", UNSET)

        daytrading_buying_power = d.get("daytrading_buying_power", UNSET)

        last_daytrading_buying_power = d.get("last_daytrading_buying_power", UNSET)

        bod_dtbp: float | str | Unset = d.get("bod_dtbp", UNSET)

        account = cls(
            id,
            status,
            account_number,
            crypto_status,
            currency,
            cash,
            buying_power,
            regt_buying_power,
            options_buying_power,
            non_marginable_buying_power,
            effective_buying_power,
            portfolio_value,
            equity,
            last_equity,
            long_market_value,
            short_market_value,
            position_market_value,
            initial_margin,
            maintenance_margin,
            last_maintenance_margin,
            sma,
            accrued_fees,
            pending_transfer_in,
            pending_transfer_out,
            intraday_adjustments,
            pending_reg_taf_fees,
            multiplier,
            shorting_enabled,
            trading_blocked,
            transfers_blocked,
            account_blocked,
            trade_suspended_by_user,
            created_at,
            balance_asof,
            options_approved_level,
            options_trading_level,
            crypto_tier,
            admin_configurations,
            user_configurations,
            pattern_day_trader,
            daytrade_count,
            last_daytrade_count,
            daytrading_buying_power,
            last_daytrading_buying_power,
            bod_dtbp,
        )

        if len(d) != 2 + (account_number is not UNSET) + (
            crypto_status is not UNSET
        ) + (currency is not UNSET) + (cash is not UNSET) + (
            buying_power is not UNSET
        ) + (regt_buying_power is not UNSET) + (options_buying_power is not UNSET) + (
            non_marginable_buying_power is not UNSET
        ) + (effective_buying_power is not UNSET) + (portfolio_value is not UNSET) + (
            equity is not UNSET
        ) + (last_equity is not UNSET) + (long_market_value is not UNSET) + (
            short_market_value is not UNSET
        ) + (position_market_value is not UNSET) + (initial_margin is not UNSET) + (
            maintenance_margin is not UNSET
        ) + (last_maintenance_margin is not UNSET) + (sma is not UNSET) + (
            accrued_fees is not UNSET
        ) + (pending_transfer_in is not UNSET) + (pending_transfer_out is not UNSET) + (
            intraday_adjustments is not UNSET
        ) + (pending_reg_taf_fees is not UNSET) + (multiplier is not UNSET) + (
            shorting_enabled is not UNSET
        ) + (trading_blocked is not UNSET) + (transfers_blocked is not UNSET) + (
            account_blocked is not UNSET
        ) + (trade_suspended_by_user is not UNSET) + (created_at is not UNSET) + (
            balance_asof is not UNSET
        ) + (options_approved_level is not UNSET) + (
            options_trading_level is not UNSET
        ) + (crypto_tier is not UNSET) + (admin_configurations is not UNSET) + (
            user_configurations is not UNSET
        ) + (pattern_day_trader is not UNSET) + (daytrade_count is not UNSET) + (
            last_daytrade_count is not UNSET
        ) + (daytrading_buying_power is not UNSET) + (
            last_daytrading_buying_power is not UNSET
        ) + (bod_dtbp is not UNSET):
            account.additional_properties = {
                prop_name: prop
                for prop_name, prop in d.items()
                if prop_name
                not in {
                    "id",
                    "status",
                    "account_number",
                    "crypto_status",
                    "currency",
                    "cash",
                    "buying_power",
                    "regt_buying_power",
                    "options_buying_power",
                    "non_marginable_buying_power",
                    "effective_buying_power",
                    "portfolio_value",
                    "equity",
                    "last_equity",
                    "long_market_value",
                    "short_market_value",
                    "position_market_value",
                    "initial_margin",
                    "maintenance_margin",
                    "last_maintenance_margin",
                    "sma",
                    "accrued_fees",
                    "pending_transfer_in",
                    "pending_transfer_out",
                    "intraday_adjustments",
                    "pending_reg_taf_fees",
                    "multiplier",
                    "shorting_enabled",
                    "trading_blocked",
                    "transfers_blocked",
                    "account_blocked",
                    "trade_suspended_by_user",
                    "created_at",
                    "balance_asof",
                    "options_approved_level",
                    "options_trading_level",
                    "crypto_tier",
                    "admin_configurations",
                    "user_configurations",
                    "pattern_day_trader",
                    "daytrade_count",
                    "last_daytrade_count",
                    "daytrading_buying_power",
                    "last_daytrading_buying_power",
                    "bod_dtbp",
                }
            }
        return account

    @property
    def additional_keys(self) -> list[str]:
        """The names of the fields the spec does not know (kept as sent)."""
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

    @property
    def cash_decimal(self) -> Decimal | None:
        """``cash`` as an exact decimal.Decimal (None when absent or null).

        Cash balance; negative when the account borrows. US dollars, a decimal string (plain notation, any
        precision), any sign. Example: "87234.12"."""
        return decimal_or_none(self.cash)

    @property
    def buying_power_decimal(self) -> Decimal | None:
        """``buying_power`` as an exact decimal.Decimal (None when absent or null).

        What the account can spend on opening orders now. US dollars, a decimal string, zero or more.
        Example: "488043.1899003944"."""
        return decimal_or_none(self.buying_power)

    @property
    def regt_buying_power_decimal(self) -> Decimal | None:
        """``regt_buying_power`` as an exact decimal.Decimal (None when absent or null).

        Buying power under Regulation T (twice the excess equity). US dollars, a decimal string, zero or
        more. Example: "244021.5949501972"."""
        return decimal_or_none(self.regt_buying_power)

    @property
    def options_buying_power_decimal(self) -> Decimal | None:
        """``options_buying_power`` as an exact decimal.Decimal (None when absent or null).

        Buying power for options. US dollars, a decimal string, zero or more. Example: "122010.7974750986"."""
        return decimal_or_none(self.options_buying_power)

    @property
    def non_marginable_buying_power_decimal(self) -> Decimal | None:
        """``non_marginable_buying_power`` as an exact decimal.Decimal (None when absent or null).

        Buying power for assets that cannot be bought on margin. US dollars, a decimal string, zero or more.
        Example: "122010.79"."""
        return decimal_or_none(self.non_marginable_buying_power)

    @property
    def effective_buying_power_decimal(self) -> Decimal | None:
        """``effective_buying_power`` as an exact decimal.Decimal (None when absent or null).

        Buying power after open orders, as live answers show; not documented by Alpaca. US dollars, a
        decimal string, zero or more. Example: "488043.1899003944"."""
        return decimal_or_none(self.effective_buying_power)

    @property
    def portfolio_value_decimal(self) -> Decimal | None:
        """``portfolio_value`` as an exact decimal.Decimal (None when absent or null).

        Deprecated: the same as equity. US dollars, a decimal string (plain notation, any precision), any
        sign. Example: "122011.09751111286868"."""
        return decimal_or_none(self.portfolio_value)

    @property
    def equity_decimal(self) -> Decimal | None:
        """``equity`` as an exact decimal.Decimal (None when absent or null).

        Cash plus the market value of every position. US dollars, a decimal string (plain notation, any
        precision), any sign. Example: "122011.09751111286868"."""
        return decimal_or_none(self.equity)

    @property
    def last_equity_decimal(self) -> Decimal | None:
        """``last_equity`` as an exact decimal.Decimal (None when absent or null).

        Equity at the previous close (the day of balance_asof). US dollars, a decimal string (plain
        notation, any precision), any sign. Example: "121450.3121"."""
        return decimal_or_none(self.last_equity)

    @property
    def long_market_value_decimal(self) -> Decimal | None:
        """``long_market_value`` as an exact decimal.Decimal (None when absent or null).

        Market value of the long positions. US dollars, a decimal string, zero or more. Example:
        "41776.97751111286868"."""
        return decimal_or_none(self.long_market_value)

    @property
    def short_market_value_decimal(self) -> Decimal | None:
        """``short_market_value`` as an exact decimal.Decimal (None when absent or null).

        Market value of the short positions, zero or negative. US dollars, a decimal string, zero or less.
        Example: "-7000"."""
        return decimal_or_none(self.short_market_value)

    @property
    def position_market_value_decimal(self) -> Decimal | None:
        """``position_market_value`` as an exact decimal.Decimal (None when absent or null).

        The gross market value of all positions (long plus the size of the short); not documented by Alpaca.
        US dollars, a decimal string, zero or more. Example: "48776.97751111286868"."""
        return decimal_or_none(self.position_market_value)

    @property
    def initial_margin_decimal(self) -> Decimal | None:
        """``initial_margin`` as an exact decimal.Decimal (None when absent or null).

        Margin the positions need when opened. US dollars, a decimal string, zero or more. Example:
        "24388.48875555643434"."""
        return decimal_or_none(self.initial_margin)

    @property
    def maintenance_margin_decimal(self) -> Decimal | None:
        """``maintenance_margin`` as an exact decimal.Decimal (None when absent or null).

        Margin the positions need to stay open. US dollars, a decimal string, zero or more. Example:
        "14633.093253333860604"."""
        return decimal_or_none(self.maintenance_margin)

    @property
    def last_maintenance_margin_decimal(self) -> Decimal | None:
        """``last_maintenance_margin`` as an exact decimal.Decimal (None when absent or null).

        The maintenance margin at the previous close (the day of balance_asof). US dollars, a decimal
        string, zero or more. Example: "14501.22"."""
        return decimal_or_none(self.last_maintenance_margin)

    @property
    def sma_decimal(self) -> Decimal | None:
        """``sma`` as an exact decimal.Decimal (None when absent or null).

        Special memorandum account (Regulation T). US dollars, a decimal string (plain notation, any
        precision), any sign. Example: "118204.61"."""
        return decimal_or_none(self.sma)

    @property
    def accrued_fees_decimal(self) -> Decimal | None:
        """``accrued_fees`` as an exact decimal.Decimal (None when absent or null).

        Fees accrued and not yet charged. US dollars, a decimal string (plain notation, any precision), any
        sign. Example: "0"."""
        return decimal_or_none(self.accrued_fees)

    @property
    def pending_transfer_in_decimal(self) -> Decimal | None:
        """``pending_transfer_in`` as an exact decimal.Decimal (None when absent or null).

        Cash on its way into the account. US dollars, a decimal string, zero or more."""
        return decimal_or_none(self.pending_transfer_in)

    @property
    def pending_transfer_out_decimal(self) -> Decimal | None:
        """``pending_transfer_out`` as an exact decimal.Decimal (None when absent or null).

        Cash on its way out of the account. US dollars, a decimal string, zero or more."""
        return decimal_or_none(self.pending_transfer_out)

    @property
    def intraday_adjustments_decimal(self) -> Decimal | None:
        """``intraday_adjustments`` as an exact decimal.Decimal (None when absent or null).

        Cash adjustments made today. US dollars, a decimal string (plain notation, any precision), any sign.
        Example: "0"."""
        return decimal_or_none(self.intraday_adjustments)

    @property
    def pending_reg_taf_fees_decimal(self) -> Decimal | None:
        """``pending_reg_taf_fees`` as an exact decimal.Decimal (None when absent or null).

        Regulatory (TAF) fees not yet charged. US dollars, a decimal string (plain notation, any precision),
        any sign. Example: "0"."""
        return decimal_or_none(self.pending_reg_taf_fees)

    @property
    def daytrading_buying_power_decimal(self) -> Decimal | None:
        """``daytrading_buying_power`` as an exact decimal.Decimal (None when absent or null).

        Removed 2026-07-06, kept for older answers: day-trading buying power. US dollars, a decimal string,
        zero or more. Example: "0"."""
        return decimal_or_none(self.daytrading_buying_power)

    @property
    def last_daytrading_buying_power_decimal(self) -> Decimal | None:
        """``last_daytrading_buying_power`` as an exact decimal.Decimal (None when absent or null).

        Removed 2026-07-06, kept for older answers: daytrading_buying_power at the previous close. US
        dollars, a decimal string, zero or more."""
        return decimal_or_none(self.last_daytrading_buying_power)


from ..models.account_admin_configurations import AccountAdminConfigurations
from ..models.account_user_configurations_type_0 import AccountUserConfigurationsType0
