"""The spec's request rules (x-request-rules): one table for the mock and the proxy.

A documented rule broken is refused by both (tests/test_proxy.py). An unverified one is the
subject here: the proxy forwards the request and warns, naming the rule and the upstream's
answer, and exits 0; the mock answers as the table's `mock` says; the two read the same table.
"""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from alpaca_mock import MockConfig, create_app
from alpaca_mock.params import load_query_parameters
from alpaca_mock.request_rules import (
    RuleTableError,
    departures,
    parse_rules,
    plain_decimal,
    request_rules,
)
from alpaca_trading.spec import spec_path
from hypothesis import given
from hypothesis import strategies as st

from tests import broken_mocks
from tests.test_proxy import Counting, _headers, _report, through_proxy

DECLARED = load_query_parameters(spec_path())

# One request per unverified rule: (method, target, body). A rule added to the spec without an
# example here fails test_every_unverified_rule_has_an_example.
EXAMPLES: dict[str, tuple[str, str, bytes]] = {
    "REQUEST-NUMBER-FORMS": ("DELETE", "/v2/positions/AAPL?qty=5e-01", b""),
    "REQUEST-REPEATED": ("GET", "/v2/assets?status=active&status=inactive", b""),
    "REQUEST-EMPTY-VALUE": ("GET", "/v2/assets?status=", b""),
    "REQUEST-ENUM-CASE": ("GET", "/v2/assets?status=ACTIVE", b""),
    "REQUEST-BODY": ("GET", "/v2/account", b'{"why": "a sloppy client"}'),
}


def test_every_unverified_rule_has_an_example() -> None:
    unverified = {r.id for r in request_rules().values() if r.unverified}
    assert unverified == set(EXAMPLES)


@pytest.mark.parametrize("rule_id", sorted(EXAMPLES))
def test_the_mock_answers_an_unverified_form_as_the_table_says(rule_id: str) -> None:
    method, target, body = EXAMPLES[rule_id]
    app = create_app(MockConfig(rate_limit_per_minute=None))

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://mock", headers=_headers()
        ) as http:
            return await http.request(method, target, content=body)

    answer = asyncio.run(send())
    if request_rules()[rule_id].mock == "refuse":
        assert answer.status_code == 422, answer.text
        assert answer.json()["code"] == 40010001
        assert request_rules()[rule_id].title in answer.json()["message"]
    else:
        assert answer.status_code == 200, answer.text


def test_unverified_forms_are_forwarded_and_warned_about_with_the_upstreams_answer(
    tmp_path: Path,
) -> None:
    upstream_app = Counting(create_app(MockConfig(rate_limit_per_minute=None)))
    reports = tmp_path / "reports"
    with through_proxy(upstream_app, reports) as (proxy, http):
        for method, target, body in EXAMPLES.values():
            answer = http.request(method, target, content=body)
            assert upstream_app.seen[-1] == f"{method} {target.split('?')[0]}"  # forwarded
            assert "x-alpaca-proxy" not in answer.headers
    assert proxy.exit_code == 0, proxy.output  # warnings are not failures
    markdown, statuses, junit = _report(reports)
    operations = {
        "REQUEST-NUMBER-FORMS": "deleteOpenPosition",
        "REQUEST-BODY": "getAccount",
    }
    for rule_id in EXAMPLES:
        check = request_rules()[rule_id].check
        assert statuses[(operations.get(rule_id, "getAssets"), check)] == "warned", rule_id
    assert "qty='5e-01' is the decimal 0.5 written another way" in markdown
    assert "the upstream answered 422 (code 40010001" in markdown  # the mock refuses it
    assert "the upstream answered 200" in markdown  # the body: the mock ignores it
    assert "Warning: departs from **REQUEST-ENUM-CASE** (unverified)" in markdown
    assert "REQUEST-BODY: no request body" in junit
    assert "WARNING getAssets: REQUEST-REPEATED" in proxy.output
    recorded = [json.loads(x) for x in (reports / "recording.jsonl").read_text().splitlines()]
    assert recorded[0]["proxy"]["warnings"][0]["check"].startswith("REQUEST-NUMBER-FORMS")
    assert recorded[0]["proxy"]["violations"] == []


def test_a_documented_rule_broken_beside_an_unverified_one_is_still_refused(
    tmp_path: Path,
) -> None:
    upstream_app = Counting(create_app(MockConfig(rate_limit_per_minute=None)))
    with through_proxy(upstream_app, tmp_path / "reports", "-q") as (proxy, http):
        before = list(upstream_app.seen)
        answer = http.delete("/v2/positions/AAPL?qty=5e-01&percentage=10")
        assert answer.status_code == 422
        assert answer.headers["x-alpaca-proxy"] == "refused"
        assert upstream_app.seen == before
    assert proxy.exit_code == 1


def _refuses_every_percentage() -> broken_mocks.BodyRewriter:
    def edit(scope: Any, status: int, data: Any) -> tuple[int, Any]:
        if scope["method"] == "DELETE" and b"percentage=" in scope.get("query_string", b""):
            return 422, {"code": 40010001, "message": "invalid percentage"}
        return status, data

    return broken_mocks.BodyRewriter(edit)


def test_an_upstream_refusing_a_valid_request_is_a_finding(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    with through_proxy(_refuses_every_percentage(), reports) as (proxy, http):
        assert http.delete("/v2/positions/AAPL", params={"percentage": "50"}).status_code == 422
        assert http.post("/v2/positions/AAPL/exercise").status_code == 422  # 42210000: business
    assert proxy.exit_code == 1, proxy.output
    markdown, statuses, _ = _report(reports)
    check = "SPEC-INPUTS: a request the spec calls valid is served"
    assert statuses[("deleteOpenPosition", check)] == "failed"
    assert statuses[("exerciseOptionPosition", check)] == "passed"
    assert "refused a request every rule of the spec calls valid: 422 (code 40010001" in markdown
    assert "Breaks **SPEC-INPUTS**" in markdown


# ------------------------------------------------------------------ the rules themselves

_decimals = st.decimals(min_value=Decimal("0.000000001"), max_value=Decimal("999999"), places=9)


@given(_decimals, st.sampled_from(["{:e}", "+{}", "{:E}"]))
def test_a_valid_decimal_written_another_way_is_an_unverified_form(
    value: Decimal, form: str
) -> None:
    written = form.format(value)
    plain = format(value.normalize(), "f")
    found, kept = departures(DECLARED["deleteOpenPosition"], [("qty", written)], "DELETE", False)
    if written == plain or written == format(value, "f"):
        return
    assert [d.rule for d in found] == ["REQUEST-NUMBER-FORMS"], written
    assert kept == [("qty", plain_decimal(written))]
    assert Decimal(plain_decimal(written) or "nan") == value


@pytest.mark.parametrize("written", ["1e-10", "0.0000000001", "-1", "1e999999999", "1" * 80, "x"])
def test_a_value_no_writing_makes_valid_is_left_to_the_documented_rules(written: str) -> None:
    found, kept = departures(DECLARED["deleteOpenPosition"], [("qty", written)], "DELETE", False)
    assert found == []
    assert kept == [("qty", written)]


def test_valid_values_and_undeclared_parameters_pass_untouched() -> None:
    pairs = [("status", "active"), ("asset_class", "us_equity"), ("unknown", "")]
    assert departures(DECLARED["getAssets"], pairs, "GET", False) == ([], pairs)


@pytest.mark.parametrize(
    ("table", "said"),
    [
        ([], "non-empty mapping"),
        ({"R": {"title": "t", "known": "maybe", "says": "s", "evidence": "e", "mock": "refuse"}},
         "known 'maybe'"),
        ({"R": {"title": "t", "known": "documented", "says": "s", "evidence": "e", "mock": "x"}},
         "mock 'x'"),
        ({"R": {"title": "t", "known": "documented", "says": "", "evidence": "e",
                "mock": "refuse"}}, "x-request-rules.R: 'says'"),
    ],
)  # fmt: skip
def test_a_broken_rule_table_is_refused_naming_the_entry(table: Any, said: str) -> None:
    with pytest.raises(RuleTableError, match=said):
        parse_rules(table)


def test_every_rule_is_a_promise_of_the_behaviour_model() -> None:
    from alpaca_conformance.catalogue import catalogue

    for rule in request_rules().values():
        promise = catalogue().promises[rule.id]
        assert promise.kind == "request"
        assert promise.known == rule.known
        assert promise.warns_only == rule.unverified
        assert catalogue().promise_of(rule.check) is promise
        assert rule.evidence in promise.source


def test_the_readmes_rule_table_is_the_specs() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    rows = {
        cells[0]: cells
        for line in readme.splitlines()
        if line.strip().startswith("| REQUEST-")
        for cells in [[c.strip() for c in line.strip().strip("|").split("|")]]
    }
    assert set(rows) == set(request_rules())
    for rule in request_rules().values():
        _, _, known, proxy, mock = rows[rule.id]
        assert known == rule.known
        assert proxy.startswith("forwards, warns" if rule.unverified else "refuses")
        assert mock.startswith("ignores" if rule.mock == "accept" else "refuses")
