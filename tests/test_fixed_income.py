"""US treasuries and US corporates (issue 26): identifiers checked before sending, numbers
exact, the mock's catalogue filtered and in ISIN order, seeds checked, the proxy judging."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
import yaml
from alpaca_conformance.proxy.served import served_proxy
from alpaca_mock import DEFAULT_CREDENTIALS, MockConfig, create_app
from alpaca_mock.seed import DEFAULT_SEED_PATH, SeedError, parse_seed
from alpaca_trading import BadRequestError, Client, ResponseDecodeError, UsCorporate, UsTreasury
from alpaca_trading.identifiers import (
    cusip_check_digit,
    is_cusip,
    is_isin,
    isin_check_digit,
    isin_of_cusip,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.client_helpers import HEADERS, KEY, SECRET
from tests.test_proxy import serve_app

PRIMARY = DEFAULT_CREDENTIALS[0]
_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@cache
def _mock_app() -> Any:
    return create_app(MockConfig(rate_limit_per_minute=None))  # only read from: shared


def _mock_client() -> Client:
    return Client(
        PRIMARY.key_id,
        PRIMARY.secret_key,
        base_url="http://mock",
        transport=_asgi_sync(_mock_app()),
    )


@cache
def _mock_treasuries() -> list[UsTreasury]:
    with _mock_client() as client:
        return client.list_us_treasuries()


def _asgi_sync(app: Any) -> httpx.BaseTransport:
    """A sync transport that runs the ASGI mock in a private event loop, one request at a time."""
    import asyncio

    inner = httpx.ASGITransport(app=app)

    class Transport(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            async def send() -> httpx.Response:
                response = await inner.handle_async_request(request)
                content = await response.aread()
                return httpx.Response(
                    response.status_code, headers=response.headers, content=content
                )

            return asyncio.run(send())

    return Transport()


# ------------------------------------------------------------------ identifiers


@given(st.text(alphabet=_CHARS, min_size=8, max_size=8), st.integers(0, 9))
def test_a_cusip_is_valid_only_with_its_own_check_digit(first8: str, digit: int) -> None:
    assert is_cusip(first8 + str(cusip_check_digit(first8)))
    assert is_cusip(first8 + str(digit)) == (digit == cusip_check_digit(first8))


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2),
       st.text(alphabet=_CHARS, min_size=9, max_size=9), st.integers(0, 9))  # fmt: skip
def test_an_isin_is_valid_only_with_its_own_check_digit(
    country: str, body: str, digit: int
) -> None:
    first11 = country + body
    assert is_isin(first11 + str(isin_check_digit(first11)))
    assert is_isin(first11 + str(digit)) == (digit == isin_check_digit(first11))


@pytest.mark.parametrize(
    ("cusip", "isin"),
    [("037833100", "US0378331005"), ("912810UG1", "US912810UG12"), ("594918104", "US5949181045")],
)
def test_real_identifiers_check_out(cusip: str, isin: str) -> None:
    assert is_cusip(cusip)
    assert isin_of_cusip(cusip) == isin
    assert is_isin(isin)
    assert is_isin("GB0002634946")  # BAE Systems: a letter-free non-US ISIN


@pytest.mark.parametrize(
    ("kwargs", "error", "said"),
    [
        (
            {"cusips": ["912810UG1", "912810UG2"]},
            ValueError,
            "cusips[1]: '912810UG2' is not a CUSIP",
        ),
        ({"isins": ["US912810UG13"]}, ValueError, "isins[0]: 'US912810UG13' is not an ISIN"),
        ({"isins": ["us912810ug12"]}, ValueError, "is not an ISIN"),
        ({"cusips": "912810UG1"}, TypeError, "must be a list of strings"),
        ({"cusips": []}, ValueError, "1 to 1000"),
        ({"cusips": ["912810UG1"] * 1001}, ValueError, "1 to 1000"),
        ({"cusips": [912810]}, TypeError, "cusips[0] must be a string"),
        ({"subtype": "a,b"}, ValueError, "without commas"),
        ({"subtype": "," * 10_000_000}, ValueError, "without commas, got ',,,"),
    ],
)
def test_bad_filters_are_refused_by_name_before_anything_is_sent(
    kwargs: dict[str, Any], error: type[Exception], said: str
) -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    transport = httpx.MockTransport(answer)
    with Client(KEY, SECRET, transport=transport) as client, pytest.raises(error) as caught:
        client.list_us_treasuries(**kwargs)
    assert said in str(caught.value)
    assert len(str(caught.value)) < 200  # a caller's value is shown cut short, never whole
    assert sent == []


@pytest.mark.parametrize("argument", ["tickers", "cusips", "isins"])
@pytest.mark.parametrize(
    ("value", "error", "said"),
    [
        ("BAC", TypeError, "must be a list of strings"),
        ("B" * 5_000_000, TypeError, "must be a list of strings"),
        ({"BAC": 1}, TypeError, "must be a list of strings"),
        ([], ValueError, "must hold 1 to 1000 values, got 0"),
        (["BAC"] * 1001, ValueError, "must hold 1 to 1000 values, got 1001"),
    ],
)
def test_the_three_list_filters_share_one_rule(
    argument: str, value: Any, error: type[Exception], said: str
) -> None:
    """tickers, cusips and isins refuse a bare str (read letter by letter), a non-list, and
    an empty or too long list alike: the same exception, the argument named, the value cut."""
    transport = httpx.MockTransport(lambda request: httpx.Response(500))
    with Client(KEY, SECRET, transport=transport) as client, pytest.raises(error) as caught:
        client.list_us_corporates(**{argument: value})
    assert str(caught.value).startswith(f"{argument} must ")
    assert said in str(caught.value)
    assert len(str(caught.value)) < 200


# ------------------------------------------------------------------ exact numbers


def test_numbers_are_decoded_exactly_and_written_back_the_same() -> None:
    body = (
        b'{"us_corporates": [{"isin": "US0378331005", "cusip": "037833100", '
        b'"bond_status": "outstanding", "tradable": true, "marginable": true, '
        b'"issue_date": "2020-08-20", "country_domicile": "US", "ticker": "AAPL", '
        b'"seniority": "Senior Unsecured", "issuer": "Apple Inc.", "sector": "Technology", '
        b'"description": "d", "description_short": "s", "coupon": 0.1, '
        b'"coupon_type": "fixed", "coupon_frequency": "semi_annual", "perpetual": false, '
        b'"day_count": "30/360", "dated_date": "2020-08-20", "issue_size": 1250000000, '
        b'"issue_price": 99.85000000000000000001, "issue_minimum_denomination": 2000, '
        b'"par_value": 1000, "callable": false, "puttable": false, "convertible": false, '
        b'"reg_s": false, "accrued_interest": 1e-3, "new_field": 1.5}]}'
    )
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, headers=HEADERS, content=body)
    )
    with Client(KEY, SECRET, transport=transport) as client:
        (bond,) = client.list_us_corporates()
    assert bond.coupon == Decimal("0.1")  # a float would be 0.1000000000000000055511151231...
    assert bond.issue_price == Decimal("99.85000000000000000001")
    assert bond.issue_size == Decimal(1250000000)
    assert bond.accrued_interest == Decimal("0.001")
    assert UsCorporate.from_json(bond.to_json()) == bond
    written = json.loads(bond.to_json(), parse_float=Decimal)
    assert written["issue_price"] == Decimal("99.85000000000000000001")  # a number, exactly


def test_a_coupon_sent_as_text_is_a_decode_error_naming_the_field() -> None:
    treasury = _catalogue()["us_treasuries"][0]
    treasury["coupon"] = "4.125"
    content = json.dumps({"us_treasuries": [treasury]}).encode()
    transport = httpx.MockTransport(lambda r: httpx.Response(200, headers=HEADERS, content=content))
    with (
        Client(KEY, SECRET, transport=transport) as client,
        pytest.raises(ResponseDecodeError) as caught,
    ):
        client.list_us_treasuries()
    assert "us_treasuries/0/coupon" in str(caught.value)


# ------------------------------------------------------------------ the mock


def _catalogue() -> dict[str, Any]:
    seed = yaml.safe_load(DEFAULT_SEED_PATH.read_text(encoding="utf-8"))
    return {kind: seed[kind] for kind in ("us_treasuries", "us_corporates")}


def test_the_built_in_catalogue_covers_every_kind_of_treasury_and_rated_corporates() -> None:
    with _mock_client() as client:
        treasuries = client.list_us_treasuries()
        corporates = client.list_us_corporates()
    assert {str(t.subtype) for t in treasuries} == {
        "bill",
        "note",
        "bond",
        "strips",
        "tips",
        "floating",
    }
    assert {str(t.bond_status) for t in treasuries} == {"outstanding", "matured", "pre_issuance"}
    assert len({c.ticker for c in corporates}) >= 5
    assert all(isinstance(c.sp_rating, str) for c in corporates)
    assert any(c.perpetual and c.maturity_date is None for c in corporates)
    for bonds in (treasuries, corporates):
        assert [b.isin for b in bonds] == sorted(b.isin for b in bonds)


@settings(deadline=None)
@given(
    subtype=st.sampled_from([None, "bill", "note", "bond", "strips", "tips", "floating"]),
    status=st.sampled_from([None, "outstanding", "matured", "pre_issuance"]),
    pick=st.sets(st.integers(0, 7)),
    by=st.sampled_from(["cusips", "isins", None]),
)
def test_every_treasury_filter_is_honoured_exactly(
    subtype: str | None, status: str | None, pick: set[int], by: str | None
) -> None:
    every = _mock_treasuries()
    chosen = [every[i] for i in sorted(pick) if i < len(every)]
    kwargs: dict[str, Any] = {"subtype": subtype, "bond_status": status}
    if by is not None and chosen:
        kwargs[by] = [t.cusip if by == "cusips" else t.isin for t in chosen]
    with _mock_client() as client:
        answered = client.list_us_treasuries(**kwargs)
    expected = [
        t
        for t in every
        if (subtype is None or t.subtype == subtype)
        and (status is None or t.bond_status == status)
        and (by is None or not chosen or t in chosen)
    ]
    assert [t.isin for t in answered] == [t.isin for t in expected]


def test_a_filter_value_alpaca_does_not_know_is_a_typed_400_naming_it() -> None:
    with _mock_client() as client, pytest.raises(BadRequestError) as caught:
        client.list_us_corporates(bond_status=cast(Any, "gone"))  # misuse, on purpose
    assert caught.value.status_code == 400
    assert "bond_status" in caught.value.message


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda b: b.update(cusip="912810UG2"), "cusip: '912810UG2' has a wrong check digit"),
        (lambda b: b.update(isin="US912810UG13"), "isin: 'US912810UG13' has a wrong check digit"),
        (lambda b: b.update(maturity_date="2054-02-30"), "maturity_date"),
        (lambda b: b.update(coupon="4,5"), "coupon: must be a decimal"),
        (lambda b: b.pop("subtype"), "subtype"),
        (lambda b: b.update(cusip="912797PM3"), "does not hold 912797PM3"),
    ],
)
def test_a_seed_bond_that_cannot_be_served_is_refused_by_entry_and_field(
    change: Any, said: str
) -> None:
    seed = yaml.safe_load(DEFAULT_SEED_PATH.read_text(encoding="utf-8"))
    bond = next(b for b in seed["us_treasuries"] if b["isin"] == "US912810UG12")
    change(bond)
    with pytest.raises(SeedError) as caught:
        parse_seed(seed, "seed.yaml")
    assert "seed.yaml: us_treasuries[" in str(caught.value)
    assert said in str(caught.value)


# ------------------------------------------------------------------ the proxy


def test_the_proxy_flags_a_bond_list_out_of_isin_order(tmp_path: Path) -> None:
    from tests.broken_mocks import bonds_in_reverse_isin_order

    reports = tmp_path / "reports"
    with (
        serve_app(bonds_in_reverse_isin_order()) as upstream,
        served_proxy(upstream, "--report-dir", str(reports), "-q") as proxy,
    ):
        auth = {"APCA-API-KEY-ID": PRIMARY.key_id, "APCA-API-SECRET-KEY": PRIMARY.secret_key}
        answer = httpx.get(f"{proxy.url}/v2/assets/fixed_income/us_treasuries", headers=auth)
        assert answer.status_code == 200
        refused = httpx.get(
            f"{proxy.url}/v2/assets/fixed_income/us_treasuries?subtype=nope", headers=auth
        )
        assert refused.status_code == 400  # as the spec documents for this operation
    assert proxy.exit_code == 1, proxy.output
    results = json.loads((reports / "results.json").read_text())
    failed = {(o["operation"], o["check"]) for o in results if o["status"] == "failed"}
    assert (
        "getUsTreasuries",
        "BOND-LISTS: sorted by ISIN, filtered",
    ) in failed


def test_a_recording_seeds_the_catalogue_with_its_numbers_exact(tmp_path: Path) -> None:
    from alpaca_mock.recorded_seed import seed_document
    from alpaca_mock.recording import encode_line, read_recording

    treasury = dict(
        _catalogue()["us_treasuries"][0], coupon="0", close_price="98.17250000000000000001"
    )
    content = (
        json.dumps({"us_treasuries": [treasury]})
        .replace('"98.17250000000000000001"', "98.17250000000000000001")
        .replace('"coupon": "0"', '"coupon": 0')
    )
    account = {"id": "7c3e1a52-1f0e-4d38-9a7e-2f6b5c4d3e21", "status": "ACTIVE", "cash": "10"}

    def line(operation: str, body: str) -> bytes:
        return encode_line(
            {"at": "2026-12-04T10:00:00.000Z", "operation": operation, "identity": 1,
             "request": {"method": "GET", "path": "/x", "query": "", "headers": []},
             "response": {"status": 200, "headers": [], "body": body}}
        )  # fmt: skip

    path = tmp_path / "recording.jsonl"
    path.write_bytes(line("getAccount", json.dumps(account)) + line("getUsTreasuries", content))
    document = seed_document(read_recording(path))
    (seeded,) = document["us_treasuries"]
    assert seeded["close_price"] == "98.17250000000000000001"  # exact, as a seed writes numbers
    seed = parse_seed(document, "recorded")
    assert seed.treasuries[0].body["close_price"] == Decimal("98.17250000000000000001")
