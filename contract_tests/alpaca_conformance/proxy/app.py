"""The proxy as an ASGI application: check the request, forward it, pass the answer through,
then check the answer.

The answer goes back to the client before it is judged: the verdict never changes a byte of
it, so the client does not wait for the checks. Only a request that breaks the spec is
answered by the proxy itself (as Alpaca would answer it, with `X-Alpaca-Proxy: refused`),
unless --forward-invalid: then it is forwarded, and its answer carries
`X-Alpaca-Proxy: forwarded-invalid`. An upstream that gives no answer becomes a 502 with
`X-Alpaca-Proxy: upstream-error`.

Any web page can send requests to 127.0.0.1. The proxy adds no credentials, but it would
carry a page's requests to the upstream; so a request from a browser (an `Origin` or a
cross-site `Sec-Fetch-Site` header) or for a host name that is not loopback (DNS rebinding)
is refused with a 403 before anything is read or forwarded.
"""

from __future__ import annotations

import asyncio
import json
import time

import httpx
from alpaca_mock.admin import BodyIncomplete, host_name, is_loopback, read_limited
from alpaca_mock.serving import Receive, Scope, Send, run_lifespan
from alpaca_trading.bodies import BodyTooLarge, inflate

from alpaca_conformance.proxy.exchange import Exchange, credentials_of
from alpaca_conformance.proxy.request_check import (
    JSON_TYPE,
    RequestVerdict,
    check_request,
    forwarded_departures,
    refusal_of_valid,
)
from alpaca_conformance.proxy.response_check import check_response
from alpaca_conformance.proxy.routes import shape
from alpaca_conformance.proxy.session import Session
from alpaca_conformance.proxy.traffic import UPSTREAM_CHECK
from alpaca_conformance.proxy.upstream import Upstream, UpstreamAnswer, UpstreamError

PROXY_HEADER = b"x-alpaca-proxy"
CHECKS_RAN = "proxy: the checks ran"
BODY_LIMIT_CHECK = "proxy: the request body fits its limit"
MAX_REQUEST_BODY = 1024 * 1024  # the spec's operations take none; orders are small
MAX_CHECKED_BYTES = 64 * 1024 * 1024  # a body inflated for the checks, at most
IN_THREAD_BYTES = 256 * 1024  # bodies larger than this are judged off the event loop


def _host_is_loopback(headers: list[tuple[bytes, bytes]]) -> bool:
    for name, value in headers:
        if name == b"host":
            return is_loopback(host_name(value.decode("latin-1")))
    return True  # HTTP/1.0 without Host: not a browser


def _from_browser(headers: list[tuple[bytes, bytes]]) -> bool:
    for name, value in headers:
        if name == b"origin":
            return True
        if name == b"sec-fetch-site" and value not in (b"none", b"same-origin"):
            return True
    return False


def _json_answer(message: str, code: int) -> bytes:
    return json.dumps({"code": code, "message": message}).encode()


class ProxyApp:
    """Forwards to `upstream`, judging and recording every exchange in `session`."""

    def __init__(self, upstream: Upstream, session: Session, forward_invalid: bool) -> None:
        self.upstream = upstream
        self.session = session
        self.forward_invalid = forward_invalid

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await run_lifespan(receive, send, on_shutdown=self.upstream.aclose)
            return
        if scope["type"] != "http":
            return
        headers: list[tuple[bytes, bytes]] = list(scope["headers"])
        if _from_browser(headers) or not _host_is_loopback(headers):
            said = "alpaca-conformance proxy: browsers and other hosts are refused"
            refused = [(b"content-type", JSON_TYPE), (PROXY_HEADER, b"refused")]
            await _send(send, 403, refused, _json_answer(said, 40310000))
            return
        self.session.began()
        await self._exchange(scope, receive, send, headers)

    async def _exchange(
        self, scope: Scope, receive: Receive, send: Send, headers: list[tuple[bytes, bytes]]
    ) -> None:
        method = scope["method"]
        raw_path = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
        written = raw_path.split("?", 1)[0]
        raw_path = self.upstream.received_path(written)  # judged as the upstream receives it
        query = scope.get("query_string", b"").decode("latin-1")
        secrets = credentials_of(headers)
        exchange = Exchange(
            at=time.time(),
            method=method,
            raw_path=raw_path,
            query=query,
            request_headers=headers,
            operation=None,
            identity=self.session.identities.number(secrets),
            secrets=secrets,
        )
        if raw_path != written:
            exchange.add_note(
                f"the client wrote the path {written[:300]}; its dot segments are removed on "
                f"the way, so the upstream receives {raw_path[:300]}, which is what was judged"
            )
        try:
            body = await read_limited(receive, MAX_REQUEST_BODY)
        except BodyIncomplete:
            return  # cut off or gone before its body ended: nothing was forwarded or judged
        verdict = None
        if body is not None:
            verdict = check_request(method, raw_path, query, has_body=bool(body))
            exchange.operation = verdict.route.operation
        self.session.begin(exchange)
        try:
            await self._answer(exchange, send, body, verdict)
        finally:
            if not exchange.observed:  # the client left, or the task was cancelled, mid-way
                self.session.abandon(exchange)

    async def _answer(
        self, exchange: Exchange, send: Send, body: bytes | None, verdict: RequestVerdict | None
    ) -> None:
        """Refuse, or forward and pass the answer through; then judge and observe it."""
        method, raw_path, query = exchange.method, exchange.raw_path, exchange.query
        if body is None or verdict is None:
            message = f"the request body is larger than {MAX_REQUEST_BODY:,} bytes"
            exchange.refused, exchange.status = True, 413
            exchange.response_headers = [(b"content-type", JSON_TYPE), (PROXY_HEADER, b"refused")]
            exchange.content = _json_answer(message, 41310000)
            exchange.results.append((BODY_LIMIT_CHECK, message))
            await _send(send, 413, exchange.response_headers, exchange.content)
            self.session.observe(exchange)
            return
        if verdict.route.outside:
            exchange.outside = shape(method, raw_path)
        elif verdict.route.operation is not None or verdict.problem is not None:
            exchange.results.extend(verdict.results())
        if verdict.refusal is not None and not self.forward_invalid:
            refusal = verdict.refusal
            exchange.refused = True
            exchange.status = refusal.status
            exchange.response_headers = [
                (b"content-type", refusal.content_type),
                (PROXY_HEADER, b"refused"),
            ]
            exchange.content = refusal.body
            await _send(send, refusal.status, exchange.response_headers, refusal.body)
            self.session.observe(exchange)
            return
        exchange.forwarded_invalid = verdict.problem is not None
        target = raw_path.encode("latin-1") + (b"?" + query.encode("latin-1") if query else b"")
        started = time.perf_counter()
        try:
            answer = await self.upstream.forward(method, target, exchange.request_headers, body)
        except UpstreamError as exc:
            exchange.elapsed_ms = (time.perf_counter() - started) * 1000
            message = f"alpaca-conformance proxy: the upstream gave no answer: {exc}"
            exchange.status = 502
            exchange.response_headers = [
                (b"content-type", JSON_TYPE),
                (PROXY_HEADER, b"upstream-error"),
            ]
            exchange.content = _json_answer(message, 50210000)
            exchange.add_note(str(exc))
            exchange.results.append((UPSTREAM_CHECK, str(exc)))
            await _send(send, 502, exchange.response_headers, exchange.content)
            self.session.observe(exchange)
            return
        exchange.elapsed_ms = (time.perf_counter() - started) * 1000
        out_headers = list(answer.headers)
        if not any(k.lower() == b"content-length" for k, _ in out_headers):
            out_headers.append((b"content-length", str(len(answer.raw)).encode()))
        if exchange.forwarded_invalid:
            out_headers.append((PROXY_HEADER, b"forwarded-invalid"))
        await _send(send, answer.status, out_headers, answer.raw)
        # The client has its answer; now the verdict. A large body is judged in a thread, so
        # the 35,000-asset list one client asked for does not hold up everyone else's answers.
        if len(answer.raw) > IN_THREAD_BYTES:
            await asyncio.to_thread(self._judge_and_observe, exchange, answer, verdict)
        else:
            self._judge_and_observe(exchange, answer, verdict)

    def _judge_and_observe(
        self, exchange: Exchange, answer: UpstreamAnswer, verdict: RequestVerdict
    ) -> None:
        try:
            self._judge(exchange, answer, verdict)
        except Exception as exc:  # a check that fails to run is reported, never a lost exchange
            exchange.results.append((CHECKS_RAN, f"{type(exc).__name__}: {str(exc)[:300]}"))
        self.session.observe(exchange)

    def _judge(self, exchange: Exchange, answer: UpstreamAnswer, verdict: RequestVerdict) -> None:
        """The answer's checks, and what the request's verdict makes of the answer: a warning
        for each unverified rule it broke, a finding when a valid request was refused."""
        exchange.status = answer.status
        content: bytes | None = None
        try:
            content = inflate(answer.raw, answer.header(b"content-encoding"), MAX_CHECKED_BYTES)
        except (BodyTooLarge, httpx.DecodingError, ValueError) as exc:
            exchange.add_note(f"the body could not be decoded for the checks: {exc}")
        exchange.take_answer(answer.headers, content)  # secrets masked before any check
        if exchange.operation is not None:
            lowered = {
                k.decode("latin-1").lower(): v.decode("latin-1")
                for k, v in exchange.response_headers
            }
            query_values = dict(verdict.query)
            exchange.warnings.extend(forwarded_departures(verdict, answer.status, exchange.content))
            refused = refusal_of_valid(verdict, answer.status, exchange.content)
            if refused is not None:
                exchange.results.append(refused)
            for check, problem in check_response(
                exchange.operation,
                answer.status,
                lowered,
                exchange.content,
                query_values,
                verdict.route.key,
            ):
                exchange.judged(check, problem)


async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    if not any(k.lower() == b"content-length" for k, _ in headers):
        headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
