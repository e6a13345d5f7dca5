"""The checks of one answered exchange: the answer against the spec and the invariants, and
what the request's verdict makes of the answer (a warning for each unverified rule it broke,
a finding when a valid request was refused).

They run in the judging process (worker.py), after the client has its answer: the verdict
never changes a byte of it. The rate-limit reset is judged against the moment the answer
arrived (`Exchange.answered_at`), however long the exchange waited to be judged.
"""

from __future__ import annotations

import httpx
from alpaca_trading.bodies import BodyTooLarge, inflate

from alpaca_conformance.proxy.exchange import Exchange
from alpaca_conformance.proxy.request_check import (
    RequestVerdict,
    forwarded_departures,
    refusal_of_valid,
)
from alpaca_conformance.proxy.response_check import check_response
from alpaca_conformance.proxy.upstream import UpstreamAnswer

CHECKS_RAN = "proxy: the checks ran"
MAX_CHECKED_BYTES = 64 * 1024 * 1024  # a body inflated for the checks, at most


def judge_answer(exchange: Exchange, answer: UpstreamAnswer, verdict: RequestVerdict) -> None:
    """Add every check's verdict on `answer` to `exchange`; a check that fails to run is
    reported as a result, never a lost exchange."""
    try:
        _judge(exchange, answer, verdict)
    except Exception as exc:
        exchange.results.append((CHECKS_RAN, f"{type(exc).__name__}: {str(exc)[:300]}"))


def _judge(exchange: Exchange, answer: UpstreamAnswer, verdict: RequestVerdict) -> None:
    exchange.status = answer.status
    content: bytes | None = None
    try:
        content = inflate(answer.raw, answer.header(b"content-encoding"), MAX_CHECKED_BYTES)
    except (BodyTooLarge, httpx.DecodingError, ValueError) as exc:
        exchange.add_note(f"the body could not be decoded for the checks: {exc}")
    exchange.take_answer(answer.headers, content)  # secrets masked before any check
    if exchange.operation is None:
        return
    lowered = {
        k.decode("latin-1").lower(): v.decode("latin-1") for k, v in exchange.response_headers
    }
    exchange.warnings.extend(forwarded_departures(verdict, answer.status, exchange.content))
    refused = refusal_of_valid(verdict, answer.status, exchange.content)
    if refused is not None:
        exchange.results.append(refused)
    for check, problem in check_response(
        exchange.operation,
        answer.status,
        lowered,
        exchange.content,
        dict(verdict.query),
        verdict.route.key,
        received_at=exchange.answered_at or None,
    ):
        exchange.judged(check, problem)
