"""Forwarding a request to the upstream and keeping its answer's bytes exactly.

The request goes out as the client wrote it: the undecoded path and query, every header but
the hop-by-hop ones (credentials untouched), no header of httpx's own (no Accept-Encoding the
client did not send), no redirect followed. The answer is read raw (still content-encoded,
so the client receives the very bytes the upstream sent), bounded in size and time: an
upstream that sends too much or too slowly is an UpstreamError, never a stuck proxy.
It talks to httpx's transport directly, not through an httpx.Client: a client's cookie jar
would carry one user's cookies into another's requests (and cost ~0.1 ms a request), and it
would read the environment (proxy variables, and .netrc, whose credentials it adds).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import httpx

HOP_BY_HOP = frozenset(
    {
        b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization",
        b"proxy-connection", b"te", b"trailer", b"trailers", b"transfer-encoding", b"upgrade",
        b"host",
    }
)  # fmt: skip
MAX_UPSTREAM_BYTES = 64 * 1024 * 1024  # as received; the 35,000-asset list is ~15 MB plain


class UpstreamError(Exception):
    """The upstream gave no usable answer; the message says what happened (no secret)."""


@dataclass(frozen=True)
class UpstreamAnswer:
    status: int
    headers: list[tuple[bytes, bytes]]  # as received, hop-by-hop ones dropped
    raw: bytes  # the body exactly as received (content-encoded if it was)

    def header(self, name: bytes) -> str:
        """The first value of a header (name in lower case), "" when absent."""
        for key, value in self.headers:
            if key.lower() == name:
                return value.decode("latin-1")
        return ""


class Upstream:
    """The server the proxy forwards to: one pooled connection set, bounded reads."""

    def __init__(
        self, base_url: str, timeout: float = 30.0, max_bytes: int = MAX_UPSTREAM_BYTES
    ) -> None:
        self.base = httpx.URL(base_url)
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._timeouts = httpx.Timeout(timeout, connect=min(timeout, 10.0)).as_dict()
        self._transport = httpx.AsyncHTTPTransport(
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
            trust_env=False,
        )

    def received_path(self, raw_path: str) -> str:
        """The path the upstream receives for `raw_path`: httpx removes dot segments
        (`/v2/x/../positions/AAPL` goes out as `/v2/positions/AAPL`), so that is the path
        to judge, not the one the client wrote."""
        try:
            sent = self.base.copy_with(raw_path=raw_path.encode("latin-1")).raw_path
        except (httpx.InvalidURL, UnicodeError):
            return raw_path  # cannot be sent at all: forward() says so
        return sent.decode("latin-1")

    async def forward(
        self,
        method: str,
        raw_target: bytes,
        headers: list[tuple[bytes, bytes]],
        body: bytes,
    ) -> UpstreamAnswer:
        """Send `method raw_target` (path and query, undecoded) with `headers` and `body`."""
        try:
            url = self.base.copy_with(raw_path=raw_target)
        except (httpx.InvalidURL, UnicodeError) as exc:
            raise UpstreamError(f"the path cannot be sent: {str(exc)[:200]}") from None
        kept = [(k, v) for k, v in headers if k.lower() not in HOP_BY_HOP]
        kept = [(k, v) for k, v in kept if k.lower() != b"content-length"]
        request = httpx.Request(
            method, url, headers=kept, content=body or None, extensions={"timeout": self._timeouts}
        )
        try:
            # One deadline for the whole exchange: httpx's timeouts bound each read, so an
            # upstream trickling its status line a byte at a time never tripped them.
            async with asyncio.timeout(self.timeout):
                response = await self._transport.handle_async_request(request)
                try:
                    chunks = await self._read_body(response)
                finally:
                    await response.aclose()
        except (TimeoutError, httpx.TimeoutException):
            raise UpstreamError(f"no whole answer within {self.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise UpstreamError(f"{type(exc).__name__}: {str(exc)[:200]}") from None
        kept_headers = [(k, v) for k, v in response.headers.raw if k.lower() not in HOP_BY_HOP]
        return UpstreamAnswer(response.status_code, kept_headers, b"".join(chunks))

    async def _read_body(self, response: httpx.Response) -> list[bytes]:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and len(declared) < 20 and int(declared) > self.max_bytes:
            raise UpstreamError(self._too_large())
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_raw():
            size += len(chunk)
            if size > self.max_bytes:
                raise UpstreamError(self._too_large())
            chunks.append(chunk)
        return chunks

    def _too_large(self) -> str:
        return f"the answer is larger than {self.max_bytes:,} bytes"

    async def aclose(self) -> None:
        await self._transport.aclose()
