"""The proxy as an ASGI application: check the request, forward it, pass the answer through,
then hand the exchange over to be judged.

The answer goes back to the client before it is judged, and the judging happens in another
process at the lowest priority (judging.py): the verdict never changes a byte of the answer,
so the client does not wait for the checks. Only a request that breaks the spec is
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

import json
import time

from alpaca_mock.admin import BodyIncomplete, host_name, is_loopback, read_limited
from alpaca_mock.serving import Receive, Scope, Send, run_lifespan

from alpaca_conformance.proxy.exchange import Exchange, credentials_of
from alpaca_conformance.proxy.judging import Judging
from alpaca_conformance.proxy.request_check import JSON_TYPE, RequestVerdict, check_request
from alpaca_conformance.proxy.routes import shape
from alpaca_conformance.proxy.traffic import UPSTREAM_CHECK
from alpaca_conformance.proxy.upstream import Upstream, UpstreamError

PROXY_HEADER = b"x-alpaca-proxy"
BODY_LIMIT_CHECK = "proxy: the request body fits its limit"
MAX_REQUEST_BODY = 1024 * 1024  # the spec's operations take none; orders are small


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
    """Forwards to `upstream`, handing every exchange to `judging`."""

    def __init__(self, upstream: Upstream, judging: Judging, forward_invalid: bool) -> None:
        self.upstream = upstream
        self.judging = judging
        self.forward_invalid = forward_invalid

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await run_lifespan(receive, send, on_shutdown=self._shutdown)
            return
        if scope["type"] != "http":
            return
        headers: list[tuple[bytes, bytes]] = list(scope["headers"])
        if _from_browser(headers) or not _host_is_loopback(headers):
            said = "alpaca-conformance proxy: browsers and other hosts are refused"
            refused = [(b"content-type", JSON_TYPE), (PROXY_HEADER, b"refused")]
            await _send(send, 403, refused, _json_answer(said, 40310000))
            return
        self.judging.began()
        await self._exchange(scope, receive, send, headers)

    async def _shutdown(self) -> None:
        """Every exchange has ended: close the upstream's connections, and keep what was not
        yet handed to the judging process for the end of the session."""
        await self.upstream.aclose()
        self.judging.detach()

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
            identity=self.judging.identities.number(secrets),
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
        self.judging.begin(exchange)
        try:
            await self._answer(exchange, send, body, verdict)
        finally:
            if not exchange.observed:  # the client left, or the task was cancelled, mid-way
                self.judging.abandon(exchange)

    async def _answer(
        self, exchange: Exchange, send: Send, body: bytes | None, verdict: RequestVerdict | None
    ) -> None:
        """Refuse, or forward and pass the answer through; then hand the exchange over."""
        method, raw_path, query = exchange.method, exchange.raw_path, exchange.query
        if body is None or verdict is None:
            message = f"the request body is larger than {MAX_REQUEST_BODY:,} bytes"
            exchange.refused, exchange.status = True, 413
            exchange.response_headers = [(b"content-type", JSON_TYPE), (PROXY_HEADER, b"refused")]
            exchange.content = _json_answer(message, 41310000)
            exchange.results.append((BODY_LIMIT_CHECK, message))
            await _send(send, 413, exchange.response_headers, exchange.content)
            await self.judging.observe(exchange)
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
            await self.judging.observe(exchange)
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
            await self.judging.observe(exchange)
            return
        exchange.elapsed_ms = (time.perf_counter() - started) * 1000
        exchange.answered_at = time.time()
        out_headers = list(answer.headers)
        if not any(k.lower() == b"content-length" for k, _ in out_headers):
            out_headers.append((b"content-length", str(len(answer.raw)).encode()))
        if exchange.forwarded_invalid:
            out_headers.append((PROXY_HEADER, b"forwarded-invalid"))
        await _send(send, answer.status, out_headers, answer.raw)
        await self.judging.answered(exchange, answer, verdict)  # the client has its answer


async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    if not any(k.lower() == b"content-length" for k, _ in headers):
        headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
