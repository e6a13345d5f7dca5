from __future__ import annotations

import json as _json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar, cast

import msgspec as _msgspec
from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Unset,
    exact_number,
    exact_number_or_none,
)

_EXACT_JSON = _msgspec.json.Encoder(decimal_format="number")

import datetime

from ..models.bond_status_known import BondStatusKnown
from ..models.call_type_known import CallTypeKnown
from ..models.coupon_frequency_known import CouponFrequencyKnown
from ..models.coupon_type_known import CouponTypeKnown
from ..models.day_count_known import DayCountKnown
from ..models.sp_outlook_known import SpOutlookKnown

T = TypeVar("T", bound="UsCorporate")

_BondStatusKnown_BY_VALUE = cast(
    "dict[str, BondStatusKnown]", BondStatusKnown._value2member_map_
)
_CallTypeKnown_BY_VALUE = cast(
    "dict[str, CallTypeKnown]", CallTypeKnown._value2member_map_
)
_CouponFrequencyKnown_BY_VALUE = cast(
    "dict[str, CouponFrequencyKnown]", CouponFrequencyKnown._value2member_map_
)
_CouponTypeKnown_BY_VALUE = cast(
    "dict[str, CouponTypeKnown]", CouponTypeKnown._value2member_map_
)
_DayCountKnown_BY_VALUE = cast(
    "dict[str, DayCountKnown]", DayCountKnown._value2member_map_
)
_SpOutlookKnown_BY_VALUE = cast(
    "dict[str, SpOutlookKnown]", SpOutlookKnown._value2member_map_
)


@_attrs_define
class UsCorporate:
    """A US corporate bond. Prices are a percentage of par value; coupon and yields are percentages per year; sizes and par
    value are amounts in the issuing currency; liquidity scores run from 1 to 5 (null when the bond is not priced or
    tradable).

    """

    cusip: str
    """ The bond's CUSIP. A CUSIP: 9 characters whose last is its check digit. """
    isin: str
    """ The bond's ISIN. An ISIN: 12 characters, a country code, whose last is its check digit (ISO 6166). """
    bond_status: BondStatusKnown | str
    """ The bond's status: outstanding, matured or pre_issuance. """
    tradable: bool
    """ Whether it can be traded at Alpaca now. """
    marginable: bool
    """ Whether it can be bought on margin. """
    issue_date: datetime.date
    """ The date it was issued. A calendar date, YYYY-MM-DD. """
    country_domicile: str
    """ The issuer's country, ISO 3166 alpha-2 (US, CA). """
    ticker: str
    """ The issuer's ticker symbol (BAC). """
    seniority: str
    """ The bond's seniority (e.g. "Senior Unsecured"). """
    issuer: str
    """ The issuer's name. """
    sector: str
    """ The issuer's sector. """
    description: str
    """ A description of the bond (issuer, coupon, maturity). """
    description_short: str
    """ A short description. """
    coupon: Decimal
    """ The annual interest rate, as a percentage of par value. A JSON number, a percentage of the bond's par value.
    """
    coupon_type: CouponTypeKnown | str
    """ How the coupon is set: fixed, floating or zero. """
    coupon_frequency: CouponFrequencyKnown | str
    """ How often the coupon is paid: annual, semi_annual, quarterly, monthly or zero. """
    perpetual: bool
    """ Whether it has no maturity. """
    day_count: DayCountKnown | str
    """ The day-count convention for accrued interest (A/360, A/365, 30/360, 30/365, A/A, 30E/360, B/252, A/364).
    """
    dated_date: datetime.date
    """ The date from which interest accrues. A calendar date, YYYY-MM-DD. """
    issue_size: Decimal
    """ The size of the issue, in the issuing currency. A JSON number, exact (read as Decimal). """
    issue_price: Decimal
    """ The issue price, as a percentage of par value. A JSON number, a percentage of the bond's par value. """
    issue_minimum_denomination: Decimal
    """ The smallest amount that could be bought at issue. A JSON number, exact (read as Decimal). """
    par_value: Decimal
    """ What the issuer pays back per bond at maturity. A JSON number, exact (read as Decimal). """
    callable_: bool
    """ Whether the issuer may redeem it early. """
    puttable: bool
    """ Whether the holder may sell it back early. """
    convertible: bool
    """ Whether it converts into shares. """
    reg_s: bool
    """ Whether it falls under Regulation S. """
    reissue_date: datetime.date | None | Unset = UNSET
    """ The date of the latest reissue. A calendar date, YYYY-MM-DD. May be null. """
    reissue_size: Decimal | None | Unset = UNSET
    """ The size of the reissue, in the issuing currency. A JSON number, exact (read as Decimal). May be null. """
    reissue_price: Decimal | None | Unset = UNSET
    """ The reissue price, as a percentage of par value. A JSON number, a percentage of the bond's par value. May be
    null. """
    maturity_date: datetime.date | None | Unset = UNSET
    """ The date it matures (absent or null for a perpetual bond). A calendar date, YYYY-MM-DD. """
    first_coupon_date: datetime.date | None | Unset = UNSET
    """ The first coupon's date. A calendar date, YYYY-MM-DD. May be null. """
    next_coupon_date: datetime.date | None | Unset = UNSET
    """ The next coupon's date. A calendar date, YYYY-MM-DD. May be null. """
    last_coupon_date: datetime.date | None | Unset = UNSET
    """ The last coupon's date. A calendar date, YYYY-MM-DD. May be null. """
    next_call_date: datetime.date | None | Unset = UNSET
    """ The next date it may be called. A calendar date, YYYY-MM-DD. May be null. """
    next_call_price: Decimal | None | Unset = UNSET
    """ The price of the next call, as a percentage of par value. A JSON number, a percentage of the bond's par
    value. May be null. """
    sp_rating: None | str | Unset = UNSET
    """ Standard & Poor's rating (AAA to D). May be null. """
    sp_rating_date: datetime.date | None | Unset = UNSET
    """ The date of sp_rating. A calendar date, YYYY-MM-DD. May be null. """
    sp_creditwatch: None | str | Unset = UNSET
    """ S&P's CreditWatch placement. May be null. """
    sp_creditwatch_date: datetime.date | None | Unset = UNSET
    """ The date of sp_creditwatch. A calendar date, YYYY-MM-DD. May be null. """
    sp_outlook: None | SpOutlookKnown | str | Unset = UNSET
    """ S&P's outlook (positive, negative, developing, stable, not_rated, not_meaningful). May be null. """
    sp_outlook_date: datetime.date | None | Unset = UNSET
    """ The date of sp_outlook. A calendar date, YYYY-MM-DD. May be null. """
    liquidity_micro_buy: Decimal | None | Unset = UNSET
    """ A liquidity score from 1 to 5 for micro lots, buying. A JSON number, exact (read as Decimal). May be null.
    """
    liquidity_micro_sell: Decimal | None | Unset = UNSET
    """ A liquidity score from 1 to 5 for micro lots, selling. A JSON number, exact (read as Decimal). May be null.
    """
    liquidity_micro_aggregate: Decimal | None | Unset = UNSET
    """ A liquidity score from 1 to 5 for micro lots, both sides. A JSON number, exact (read as Decimal). May be
    null. """
    liquidity_retail_buy: Decimal | None | Unset = UNSET
    """ A liquidity score from 1 to 5 for retail lots, buying. A JSON number, exact (read as Decimal). May be null.
    """
    liquidity_retail_sell: Decimal | None | Unset = UNSET
    """ A liquidity score from 1 to 5 for retail lots, selling. A JSON number, exact (read as Decimal). May be null.
    """
    liquidity_retail_aggregate: Decimal | None | Unset = UNSET
    """ A liquidity score from 1 to 5 for retail lots, both sides. A JSON number, exact (read as Decimal). May be
    null. """
    liquidity_institutional_buy: Decimal | None | Unset = UNSET
    """ A liquidity score from 1 to 5 for institutional lots, buying. A JSON number, exact (read as Decimal). May be
    null. """
    liquidity_institutional_sell: Decimal | None | Unset = UNSET
    """ A liquidity score from 1 to 5 for institutional lots, selling. A JSON number, exact (read as Decimal). May
    be null. """
    liquidity_institutional_aggregate: Decimal | None | Unset = UNSET
    """ A liquidity score from 1 to 5 for institutional lots, both sides. A JSON number, exact (read as Decimal).
    May be null. """
    close_price: Decimal | None | Unset = UNSET
    """ The last close, as a percentage of par value. A JSON number, a percentage of the bond's par value. May be
    null. """
    close_price_date: datetime.date | None | Unset = UNSET
    """ The date of close_price. A calendar date, YYYY-MM-DD. May be null. """
    close_yield_to_maturity: Decimal | None | Unset = UNSET
    """ The yield to maturity at the last close, in percent a year. A JSON number, exact (read as Decimal). May be
    null. """
    close_yield_to_worst: Decimal | None | Unset = UNSET
    """ The yield to worst at the last close, in percent a year. A JSON number, exact (read as Decimal). May be
    null. """
    accrued_interest: Decimal | None | Unset = UNSET
    """ Interest accrued since the last coupon, in dollars per bond. A JSON number, exact (read as Decimal). May be
    null. """
    call_type: CallTypeKnown | None | str | Unset = UNSET
    """ How it may be called (ordinary, make_whole, regulatory, special). May be null. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as the JSON object the API sent: decimals as strings, timestamps as
        their text, enum values as strings, unknown fields included."""
        cusip = self.cusip

        isin = self.isin

        bond_status: str
        if isinstance(self.bond_status, BondStatusKnown):
            bond_status = self.bond_status.value
        else:
            bond_status = self.bond_status

        tradable = self.tradable

        marginable = self.marginable

        issue_date = self.issue_date.isoformat()

        country_domicile = self.country_domicile

        ticker = self.ticker

        seniority = self.seniority

        issuer = self.issuer

        sector = self.sector

        description = self.description

        description_short = self.description_short

        coupon = self.coupon

        coupon_type: str
        if isinstance(self.coupon_type, CouponTypeKnown):
            coupon_type = self.coupon_type.value
        else:
            coupon_type = self.coupon_type

        coupon_frequency: str
        if isinstance(self.coupon_frequency, CouponFrequencyKnown):
            coupon_frequency = self.coupon_frequency.value
        else:
            coupon_frequency = self.coupon_frequency

        perpetual = self.perpetual

        day_count: str
        if isinstance(self.day_count, DayCountKnown):
            day_count = self.day_count.value
        else:
            day_count = self.day_count

        dated_date = self.dated_date.isoformat()

        issue_size = self.issue_size

        issue_price = self.issue_price

        issue_minimum_denomination = self.issue_minimum_denomination

        par_value = self.par_value

        callable_ = self.callable_

        puttable = self.puttable

        convertible = self.convertible

        reg_s = self.reg_s

        reissue_date: None | str | Unset
        if isinstance(self.reissue_date, Unset):
            reissue_date = UNSET
        elif isinstance(self.reissue_date, datetime.date):
            reissue_date = self.reissue_date.isoformat()
        else:
            reissue_date = self.reissue_date

        reissue_size = self.reissue_size

        reissue_price = self.reissue_price

        maturity_date: None | str | Unset
        if isinstance(self.maturity_date, Unset):
            maturity_date = UNSET
        elif isinstance(self.maturity_date, datetime.date):
            maturity_date = self.maturity_date.isoformat()
        else:
            maturity_date = self.maturity_date

        first_coupon_date: None | str | Unset
        if isinstance(self.first_coupon_date, Unset):
            first_coupon_date = UNSET
        elif isinstance(self.first_coupon_date, datetime.date):
            first_coupon_date = self.first_coupon_date.isoformat()
        else:
            first_coupon_date = self.first_coupon_date

        next_coupon_date: None | str | Unset
        if isinstance(self.next_coupon_date, Unset):
            next_coupon_date = UNSET
        elif isinstance(self.next_coupon_date, datetime.date):
            next_coupon_date = self.next_coupon_date.isoformat()
        else:
            next_coupon_date = self.next_coupon_date

        last_coupon_date: None | str | Unset
        if isinstance(self.last_coupon_date, Unset):
            last_coupon_date = UNSET
        elif isinstance(self.last_coupon_date, datetime.date):
            last_coupon_date = self.last_coupon_date.isoformat()
        else:
            last_coupon_date = self.last_coupon_date

        next_call_date: None | str | Unset
        if isinstance(self.next_call_date, Unset):
            next_call_date = UNSET
        elif isinstance(self.next_call_date, datetime.date):
            next_call_date = self.next_call_date.isoformat()
        else:
            next_call_date = self.next_call_date

        next_call_price = self.next_call_price

        sp_rating: None | str | Unset
        if isinstance(self.sp_rating, Unset):
            sp_rating = UNSET
        else:
            sp_rating = self.sp_rating

        sp_rating_date: None | str | Unset
        if isinstance(self.sp_rating_date, Unset):
            sp_rating_date = UNSET
        elif isinstance(self.sp_rating_date, datetime.date):
            sp_rating_date = self.sp_rating_date.isoformat()
        else:
            sp_rating_date = self.sp_rating_date

        sp_creditwatch: None | str | Unset
        if isinstance(self.sp_creditwatch, Unset):
            sp_creditwatch = UNSET
        else:
            sp_creditwatch = self.sp_creditwatch

        sp_creditwatch_date: None | str | Unset
        if isinstance(self.sp_creditwatch_date, Unset):
            sp_creditwatch_date = UNSET
        elif isinstance(self.sp_creditwatch_date, datetime.date):
            sp_creditwatch_date = self.sp_creditwatch_date.isoformat()
        else:
            sp_creditwatch_date = self.sp_creditwatch_date

        sp_outlook: None | str | Unset
        if isinstance(self.sp_outlook, Unset):
            sp_outlook = UNSET
        elif isinstance(self.sp_outlook, SpOutlookKnown):
            sp_outlook = self.sp_outlook.value
        else:
            sp_outlook = self.sp_outlook

        sp_outlook_date: None | str | Unset
        if isinstance(self.sp_outlook_date, Unset):
            sp_outlook_date = UNSET
        elif isinstance(self.sp_outlook_date, datetime.date):
            sp_outlook_date = self.sp_outlook_date.isoformat()
        else:
            sp_outlook_date = self.sp_outlook_date

        liquidity_micro_buy = self.liquidity_micro_buy

        liquidity_micro_sell = self.liquidity_micro_sell

        liquidity_micro_aggregate = self.liquidity_micro_aggregate

        liquidity_retail_buy = self.liquidity_retail_buy

        liquidity_retail_sell = self.liquidity_retail_sell

        liquidity_retail_aggregate = self.liquidity_retail_aggregate

        liquidity_institutional_buy = self.liquidity_institutional_buy

        liquidity_institutional_sell = self.liquidity_institutional_sell

        liquidity_institutional_aggregate = self.liquidity_institutional_aggregate

        close_price = self.close_price

        close_price_date: None | str | Unset
        if isinstance(self.close_price_date, Unset):
            close_price_date = UNSET
        elif isinstance(self.close_price_date, datetime.date):
            close_price_date = self.close_price_date.isoformat()
        else:
            close_price_date = self.close_price_date

        close_yield_to_maturity = self.close_yield_to_maturity

        close_yield_to_worst = self.close_yield_to_worst

        accrued_interest = self.accrued_interest

        call_type: None | str | Unset
        if isinstance(self.call_type, Unset):
            call_type = UNSET
        elif isinstance(self.call_type, CallTypeKnown):
            call_type = self.call_type.value
        else:
            call_type = self.call_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cusip": cusip,
                "isin": isin,
                "bond_status": bond_status,
                "tradable": tradable,
                "marginable": marginable,
                "issue_date": issue_date,
                "country_domicile": country_domicile,
                "ticker": ticker,
                "seniority": seniority,
                "issuer": issuer,
                "sector": sector,
                "description": description,
                "description_short": description_short,
                "coupon": coupon,
                "coupon_type": coupon_type,
                "coupon_frequency": coupon_frequency,
                "perpetual": perpetual,
                "day_count": day_count,
                "dated_date": dated_date,
                "issue_size": issue_size,
                "issue_price": issue_price,
                "issue_minimum_denomination": issue_minimum_denomination,
                "par_value": par_value,
                "callable": callable_,
                "puttable": puttable,
                "convertible": convertible,
                "reg_s": reg_s,
            }
        )
        if reissue_date is not UNSET:
            field_dict["reissue_date"] = reissue_date
        if reissue_size is not UNSET:
            field_dict["reissue_size"] = reissue_size
        if reissue_price is not UNSET:
            field_dict["reissue_price"] = reissue_price
        if maturity_date is not UNSET:
            field_dict["maturity_date"] = maturity_date
        if first_coupon_date is not UNSET:
            field_dict["first_coupon_date"] = first_coupon_date
        if next_coupon_date is not UNSET:
            field_dict["next_coupon_date"] = next_coupon_date
        if last_coupon_date is not UNSET:
            field_dict["last_coupon_date"] = last_coupon_date
        if next_call_date is not UNSET:
            field_dict["next_call_date"] = next_call_date
        if next_call_price is not UNSET:
            field_dict["next_call_price"] = next_call_price
        if sp_rating is not UNSET:
            field_dict["sp_rating"] = sp_rating
        if sp_rating_date is not UNSET:
            field_dict["sp_rating_date"] = sp_rating_date
        if sp_creditwatch is not UNSET:
            field_dict["sp_creditwatch"] = sp_creditwatch
        if sp_creditwatch_date is not UNSET:
            field_dict["sp_creditwatch_date"] = sp_creditwatch_date
        if sp_outlook is not UNSET:
            field_dict["sp_outlook"] = sp_outlook
        if sp_outlook_date is not UNSET:
            field_dict["sp_outlook_date"] = sp_outlook_date
        if liquidity_micro_buy is not UNSET:
            field_dict["liquidity_micro_buy"] = liquidity_micro_buy
        if liquidity_micro_sell is not UNSET:
            field_dict["liquidity_micro_sell"] = liquidity_micro_sell
        if liquidity_micro_aggregate is not UNSET:
            field_dict["liquidity_micro_aggregate"] = liquidity_micro_aggregate
        if liquidity_retail_buy is not UNSET:
            field_dict["liquidity_retail_buy"] = liquidity_retail_buy
        if liquidity_retail_sell is not UNSET:
            field_dict["liquidity_retail_sell"] = liquidity_retail_sell
        if liquidity_retail_aggregate is not UNSET:
            field_dict["liquidity_retail_aggregate"] = liquidity_retail_aggregate
        if liquidity_institutional_buy is not UNSET:
            field_dict["liquidity_institutional_buy"] = liquidity_institutional_buy
        if liquidity_institutional_sell is not UNSET:
            field_dict["liquidity_institutional_sell"] = liquidity_institutional_sell
        if liquidity_institutional_aggregate is not UNSET:
            field_dict["liquidity_institutional_aggregate"] = (
                liquidity_institutional_aggregate
            )
        if close_price is not UNSET:
            field_dict["close_price"] = close_price
        if close_price_date is not UNSET:
            field_dict["close_price_date"] = close_price_date
        if close_yield_to_maturity is not UNSET:
            field_dict["close_yield_to_maturity"] = close_yield_to_maturity
        if close_yield_to_worst is not UNSET:
            field_dict["close_yield_to_worst"] = close_yield_to_worst
        if accrued_interest is not UNSET:
            field_dict["accrued_interest"] = accrued_interest
        if call_type is not UNSET:
            field_dict["call_type"] = call_type

        return field_dict

    def to_json(self) -> str:
        """This model as JSON text, as the API sent it: decimals stay strings, timestamps keep
        their text, unknown fields are kept. ``UsCorporate.from_json(m.to_json()) == m``."""
        return _EXACT_JSON.encode(self.to_dict()).decode()

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """A model from JSON text (e.g. what ``to_json`` wrote); the inverse of ``to_json``."""
        data = _json.loads(text, parse_float=Decimal)
        if not isinstance(data, dict):
            raise TypeError(
                f"UsCorporate.from_json needs a JSON object, got {type(data).__name__}"
            )
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """A model from a decoded JSON object. Unknown fields are kept (additional_properties),
        an unknown enum value stays a str; the input is not modified."""
        d = src_dict
        cusip = d["cusip"]

        isin = d["isin"]

        _bond_status_raw = d["bond_status"]
        bond_status: BondStatusKnown | str = _BondStatusKnown_BY_VALUE.get(
            _bond_status_raw, _bond_status_raw
        )

        tradable = d["tradable"]

        marginable = d["marginable"]

        issue_date = datetime.date.fromisoformat(d["issue_date"])

        country_domicile = d["country_domicile"]

        ticker = d["ticker"]

        seniority = d["seniority"]

        issuer = d["issuer"]

        sector = d["sector"]

        description = d["description"]

        description_short = d["description_short"]

        coupon = exact_number(d["coupon"])

        _coupon_type_raw = d["coupon_type"]
        coupon_type: CouponTypeKnown | str = _CouponTypeKnown_BY_VALUE.get(
            _coupon_type_raw, _coupon_type_raw
        )

        _coupon_frequency_raw = d["coupon_frequency"]
        coupon_frequency: CouponFrequencyKnown | str = (
            _CouponFrequencyKnown_BY_VALUE.get(
                _coupon_frequency_raw, _coupon_frequency_raw
            )
        )

        perpetual = d["perpetual"]

        _day_count_raw = d["day_count"]
        day_count: DayCountKnown | str = _DayCountKnown_BY_VALUE.get(
            _day_count_raw, _day_count_raw
        )

        dated_date = datetime.date.fromisoformat(d["dated_date"])

        issue_size = exact_number(d["issue_size"])

        issue_price = exact_number(d["issue_price"])

        issue_minimum_denomination = exact_number(d["issue_minimum_denomination"])

        par_value = exact_number(d["par_value"])

        callable_ = d["callable"]

        puttable = d["puttable"]

        convertible = d["convertible"]

        reg_s = d["reg_s"]

        _reissue_date_raw = d.get("reissue_date", UNSET)
        reissue_date: datetime.date | None | Unset = (
            _reissue_date_raw
            if _reissue_date_raw is None or _reissue_date_raw is UNSET
            else datetime.date.fromisoformat(_reissue_date_raw)
        )

        _reissue_size = d.get("reissue_size", UNSET)
        reissue_size: Decimal | None | Unset = (
            UNSET
            if isinstance(_reissue_size, Unset)
            else exact_number_or_none(_reissue_size)
        )

        _reissue_price = d.get("reissue_price", UNSET)
        reissue_price: Decimal | None | Unset = (
            UNSET
            if isinstance(_reissue_price, Unset)
            else exact_number_or_none(_reissue_price)
        )

        _maturity_date_raw = d.get("maturity_date", UNSET)
        maturity_date: datetime.date | None | Unset = (
            _maturity_date_raw
            if _maturity_date_raw is None or _maturity_date_raw is UNSET
            else datetime.date.fromisoformat(_maturity_date_raw)
        )

        _first_coupon_date_raw = d.get("first_coupon_date", UNSET)
        first_coupon_date: datetime.date | None | Unset = (
            _first_coupon_date_raw
            if _first_coupon_date_raw is None or _first_coupon_date_raw is UNSET
            else datetime.date.fromisoformat(_first_coupon_date_raw)
        )

        _next_coupon_date_raw = d.get("next_coupon_date", UNSET)
        next_coupon_date: datetime.date | None | Unset = (
            _next_coupon_date_raw
            if _next_coupon_date_raw is None or _next_coupon_date_raw is UNSET
            else datetime.date.fromisoformat(_next_coupon_date_raw)
        )

        _last_coupon_date_raw = d.get("last_coupon_date", UNSET)
        last_coupon_date: datetime.date | None | Unset = (
            _last_coupon_date_raw
            if _last_coupon_date_raw is None or _last_coupon_date_raw is UNSET
            else datetime.date.fromisoformat(_last_coupon_date_raw)
        )

        _next_call_date_raw = d.get("next_call_date", UNSET)
        next_call_date: datetime.date | None | Unset = (
            _next_call_date_raw
            if _next_call_date_raw is None or _next_call_date_raw is UNSET
            else datetime.date.fromisoformat(_next_call_date_raw)
        )

        _next_call_price = d.get("next_call_price", UNSET)
        next_call_price: Decimal | None | Unset = (
            UNSET
            if isinstance(_next_call_price, Unset)
            else exact_number_or_none(_next_call_price)
        )

        sp_rating: None | str | Unset = d.get("sp_rating", UNSET)

        _sp_rating_date_raw = d.get("sp_rating_date", UNSET)
        sp_rating_date: datetime.date | None | Unset = (
            _sp_rating_date_raw
            if _sp_rating_date_raw is None or _sp_rating_date_raw is UNSET
            else datetime.date.fromisoformat(_sp_rating_date_raw)
        )

        sp_creditwatch: None | str | Unset = d.get("sp_creditwatch", UNSET)

        _sp_creditwatch_date_raw = d.get("sp_creditwatch_date", UNSET)
        sp_creditwatch_date: datetime.date | None | Unset = (
            _sp_creditwatch_date_raw
            if _sp_creditwatch_date_raw is None or _sp_creditwatch_date_raw is UNSET
            else datetime.date.fromisoformat(_sp_creditwatch_date_raw)
        )

        _sp_outlook_raw = d.get("sp_outlook", UNSET)
        sp_outlook: None | SpOutlookKnown | str | Unset = _SpOutlookKnown_BY_VALUE.get(
            _sp_outlook_raw, _sp_outlook_raw
        )

        _sp_outlook_date_raw = d.get("sp_outlook_date", UNSET)
        sp_outlook_date: datetime.date | None | Unset = (
            _sp_outlook_date_raw
            if _sp_outlook_date_raw is None or _sp_outlook_date_raw is UNSET
            else datetime.date.fromisoformat(_sp_outlook_date_raw)
        )

        _liquidity_micro_buy = d.get("liquidity_micro_buy", UNSET)
        liquidity_micro_buy: Decimal | None | Unset = (
            UNSET
            if isinstance(_liquidity_micro_buy, Unset)
            else exact_number_or_none(_liquidity_micro_buy)
        )

        _liquidity_micro_sell = d.get("liquidity_micro_sell", UNSET)
        liquidity_micro_sell: Decimal | None | Unset = (
            UNSET
            if isinstance(_liquidity_micro_sell, Unset)
            else exact_number_or_none(_liquidity_micro_sell)
        )

        _liquidity_micro_aggregate = d.get("liquidity_micro_aggregate", UNSET)
        liquidity_micro_aggregate: Decimal | None | Unset = (
            UNSET
            if isinstance(_liquidity_micro_aggregate, Unset)
            else exact_number_or_none(_liquidity_micro_aggregate)
        )

        _liquidity_retail_buy = d.get("liquidity_retail_buy", UNSET)
        liquidity_retail_buy: Decimal | None | Unset = (
            UNSET
            if isinstance(_liquidity_retail_buy, Unset)
            else exact_number_or_none(_liquidity_retail_buy)
        )

        _liquidity_retail_sell = d.get("liquidity_retail_sell", UNSET)
        liquidity_retail_sell: Decimal | None | Unset = (
            UNSET
            if isinstance(_liquidity_retail_sell, Unset)
            else exact_number_or_none(_liquidity_retail_sell)
        )

        _liquidity_retail_aggregate = d.get("liquidity_retail_aggregate", UNSET)
        liquidity_retail_aggregate: Decimal | None | Unset = (
            UNSET
            if isinstance(_liquidity_retail_aggregate, Unset)
            else exact_number_or_none(_liquidity_retail_aggregate)
        )

        _liquidity_institutional_buy = d.get("liquidity_institutional_buy", UNSET)
        liquidity_institutional_buy: Decimal | None | Unset = (
            UNSET
            if isinstance(_liquidity_institutional_buy, Unset)
            else exact_number_or_none(_liquidity_institutional_buy)
        )

        _liquidity_institutional_sell = d.get("liquidity_institutional_sell", UNSET)
        liquidity_institutional_sell: Decimal | None | Unset = (
            UNSET
            if isinstance(_liquidity_institutional_sell, Unset)
            else exact_number_or_none(_liquidity_institutional_sell)
        )

        _liquidity_institutional_aggregate = d.get(
            "liquidity_institutional_aggregate", UNSET
        )
        liquidity_institutional_aggregate: Decimal | None | Unset = (
            UNSET
            if isinstance(_liquidity_institutional_aggregate, Unset)
            else exact_number_or_none(_liquidity_institutional_aggregate)
        )

        _close_price = d.get("close_price", UNSET)
        close_price: Decimal | None | Unset = (
            UNSET
            if isinstance(_close_price, Unset)
            else exact_number_or_none(_close_price)
        )

        _close_price_date_raw = d.get("close_price_date", UNSET)
        close_price_date: datetime.date | None | Unset = (
            _close_price_date_raw
            if _close_price_date_raw is None or _close_price_date_raw is UNSET
            else datetime.date.fromisoformat(_close_price_date_raw)
        )

        _close_yield_to_maturity = d.get("close_yield_to_maturity", UNSET)
        close_yield_to_maturity: Decimal | None | Unset = (
            UNSET
            if isinstance(_close_yield_to_maturity, Unset)
            else exact_number_or_none(_close_yield_to_maturity)
        )

        _close_yield_to_worst = d.get("close_yield_to_worst", UNSET)
        close_yield_to_worst: Decimal | None | Unset = (
            UNSET
            if isinstance(_close_yield_to_worst, Unset)
            else exact_number_or_none(_close_yield_to_worst)
        )

        _accrued_interest = d.get("accrued_interest", UNSET)
        accrued_interest: Decimal | None | Unset = (
            UNSET
            if isinstance(_accrued_interest, Unset)
            else exact_number_or_none(_accrued_interest)
        )

        _call_type_raw = d.get("call_type", UNSET)
        call_type: CallTypeKnown | None | str | Unset = _CallTypeKnown_BY_VALUE.get(
            _call_type_raw, _call_type_raw
        )

        us_corporate = cls(
            cusip,
            isin,
            bond_status,
            tradable,
            marginable,
            issue_date,
            country_domicile,
            ticker,
            seniority,
            issuer,
            sector,
            description,
            description_short,
            coupon,
            coupon_type,
            coupon_frequency,
            perpetual,
            day_count,
            dated_date,
            issue_size,
            issue_price,
            issue_minimum_denomination,
            par_value,
            callable_,
            puttable,
            convertible,
            reg_s,
            reissue_date,
            reissue_size,
            reissue_price,
            maturity_date,
            first_coupon_date,
            next_coupon_date,
            last_coupon_date,
            next_call_date,
            next_call_price,
            sp_rating,
            sp_rating_date,
            sp_creditwatch,
            sp_creditwatch_date,
            sp_outlook,
            sp_outlook_date,
            liquidity_micro_buy,
            liquidity_micro_sell,
            liquidity_micro_aggregate,
            liquidity_retail_buy,
            liquidity_retail_sell,
            liquidity_retail_aggregate,
            liquidity_institutional_buy,
            liquidity_institutional_sell,
            liquidity_institutional_aggregate,
            close_price,
            close_price_date,
            close_yield_to_maturity,
            close_yield_to_worst,
            accrued_interest,
            call_type,
        )

        if len(d) != 27 + (reissue_date is not UNSET) + (reissue_size is not UNSET) + (
            reissue_price is not UNSET
        ) + (maturity_date is not UNSET) + (first_coupon_date is not UNSET) + (
            next_coupon_date is not UNSET
        ) + (last_coupon_date is not UNSET) + (next_call_date is not UNSET) + (
            next_call_price is not UNSET
        ) + (sp_rating is not UNSET) + (sp_rating_date is not UNSET) + (
            sp_creditwatch is not UNSET
        ) + (sp_creditwatch_date is not UNSET) + (sp_outlook is not UNSET) + (
            sp_outlook_date is not UNSET
        ) + (liquidity_micro_buy is not UNSET) + (liquidity_micro_sell is not UNSET) + (
            liquidity_micro_aggregate is not UNSET
        ) + (liquidity_retail_buy is not UNSET) + (
            liquidity_retail_sell is not UNSET
        ) + (liquidity_retail_aggregate is not UNSET) + (
            liquidity_institutional_buy is not UNSET
        ) + (liquidity_institutional_sell is not UNSET) + (
            liquidity_institutional_aggregate is not UNSET
        ) + (close_price is not UNSET) + (close_price_date is not UNSET) + (
            close_yield_to_maturity is not UNSET
        ) + (close_yield_to_worst is not UNSET) + (accrued_interest is not UNSET) + (
            call_type is not UNSET
        ):
            us_corporate.additional_properties = {
                prop_name: prop
                for prop_name, prop in d.items()
                if prop_name
                not in {
                    "cusip",
                    "isin",
                    "bond_status",
                    "tradable",
                    "marginable",
                    "issue_date",
                    "country_domicile",
                    "ticker",
                    "seniority",
                    "issuer",
                    "sector",
                    "description",
                    "description_short",
                    "coupon",
                    "coupon_type",
                    "coupon_frequency",
                    "perpetual",
                    "day_count",
                    "dated_date",
                    "issue_size",
                    "issue_price",
                    "issue_minimum_denomination",
                    "par_value",
                    "callable",
                    "puttable",
                    "convertible",
                    "reg_s",
                    "reissue_date",
                    "reissue_size",
                    "reissue_price",
                    "maturity_date",
                    "first_coupon_date",
                    "next_coupon_date",
                    "last_coupon_date",
                    "next_call_date",
                    "next_call_price",
                    "sp_rating",
                    "sp_rating_date",
                    "sp_creditwatch",
                    "sp_creditwatch_date",
                    "sp_outlook",
                    "sp_outlook_date",
                    "liquidity_micro_buy",
                    "liquidity_micro_sell",
                    "liquidity_micro_aggregate",
                    "liquidity_retail_buy",
                    "liquidity_retail_sell",
                    "liquidity_retail_aggregate",
                    "liquidity_institutional_buy",
                    "liquidity_institutional_sell",
                    "liquidity_institutional_aggregate",
                    "close_price",
                    "close_price_date",
                    "close_yield_to_maturity",
                    "close_yield_to_worst",
                    "accrued_interest",
                    "call_type",
                }
            }
        return us_corporate

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
