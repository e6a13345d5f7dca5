"""Forwarding a request to the upstream and keeping its answer's bytes exactly.

The request goes out as the client wrote it: the undecoded path and query, every header but
the hop-by-hop ones (credentials untouched), no header of the HTTP client's own (no
Accept-Encoding or User-Agent the client did not send), no redirect followed, no cookie kept
(one user's cookies must never reach another's requests), nothing read from the environment
(proxy variables, .netrc). The answer is read raw (still content-encoded, so the client
receives the very bytes the upstream sent), bounded in size and time: an upstream that sends
too much or too slowly is an UpstreamError, never a stuck proxy.

The HTTP client is aiohttp's, for its C parser: through httpcore (pure Python) a forward cost
~0.86 ms against the mock, through aiohttp ~0.45 ms (the proxy's whole added p50 on a busy
machine was 1.1-1.5 ms; scripts/bench --only proxy). Trust for https is httpx's (certifi),
as before.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

import aiohttp
import httpx
import yarl
from multidict import CIMultiDict

HOP_BY_HOP = frozenset(
    {
        b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization",
        b"proxy-connection", b"te", b"trailer", b"trailers", b"transfer-encoding", b"upgrade",
        b"host",
    }
)  # fmt: skip
MAX_UPSTREAM_BYTES = 64 * 1024 * 1024  # as received; the 35,000-asset list is ~15 MB plain
_MAX_HEAD_LINE = 16 * 1024  # a status or header line, as h11's limit for the whole head was
# Headers aiohttp would add of its own; sent only when the client sent them.
_AUTO_HEADERS = ("User-Agent", "Accept", "Accept-Encoding")


# A target httpx sends exactly as written: characters it never escapes (or valid %XX, which
# it keeps), and no dot segment to remove. Most targets are plain; each of the others costs a
# parse of the whole URL (~90 us), and the proxy's added p50 has 1 ms in all.
_PLAIN_TARGET = re.compile(
    r"(?:/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*)+"
    r"(?:\?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?"
)


def plain(target: str) -> bool:
    """True when `target` (path and query) goes out exactly as written."""
    if _PLAIN_TARGET.fullmatch(target) is None:
        return False
    path = target.split("?", 1)[0]
    return not any(segment in (".", "..") for segment in path.split("/"))


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
        self._origin = str(self.base.copy_with(raw_path=b"/"))[:-1]  # scheme://host[:port]
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        """The pooled session, made in the running event loop on first use."""
        if self._session is None:
            connector = aiohttp.TCPConnector(
                limit=100, ssl=httpx.create_ssl_context(trust_env=False)
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.DummyCookieJar(),
                auto_decompress=False,
                skip_auto_headers=_AUTO_HEADERS,
                timeout=aiohttp.ClientTimeout(sock_connect=min(self.timeout, 10.0)),
                trust_env=False,
                max_line_size=_MAX_HEAD_LINE,
                max_field_size=_MAX_HEAD_LINE,
            )
        return self._session

    def received_path(self, raw_path: str) -> str:
        """The path the upstream receives for `raw_path`: dot segments are removed
        (`/v2/x/../positions/AAPL` goes out as `/v2/positions/AAPL`), so that is the path
        to judge, not the one the client wrote."""
        if plain(raw_path):
            return raw_path
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
            target = raw_target.decode("latin-1")
            sent = self._origin + target if plain(target) else self._sent(raw_target)
            url = yarl.URL(sent, encoded=True)
        except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
            raise UpstreamError(f"the path cannot be sent: {str(exc)[:200]}") from None
        kept = CIMultiDict(
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, v in headers
            if k.lower() not in HOP_BY_HOP and k.lower() != b"content-length"
        )
        try:
            # One deadline for the whole exchange: a per-read timeout never trips on an
            # upstream trickling its status line a byte at a time.
            async with (
                asyncio.timeout(self.timeout),
                self._client().request(
                    method, url, headers=kept, data=body or None, allow_redirects=False
                ) as response,
            ):
                chunks = await self._read_body(response)
        except TimeoutError:
            raise UpstreamError(f"no whole answer within {self.timeout:g} s") from None
        except (aiohttp.ClientError, ValueError) as exc:
            raise UpstreamError(f"{type(exc).__name__}: {str(exc)[:200]}") from None
        kept_headers = [(k, v) for k, v in response.raw_headers if k.lower() not in HOP_BY_HOP]
        return UpstreamAnswer(response.status, kept_headers, b"".join(chunks))

    def _sent(self, raw_target: bytes) -> str:
        """The URL httpx would send for `raw_target`: escaped where it must be, dot segments
        removed (what `received_path` judged)."""
        return str(self.base.copy_with(raw_path=raw_target))

    async def _read_body(self, response: aiohttp.ClientResponse) -> list[bytes]:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and len(declared) < 20 and int(declared) > self.max_bytes:
            raise UpstreamError(self._too_large())
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.content.iter_any():
            size += len(chunk)
            if size > self.max_bytes:
                raise UpstreamError(self._too_large())
            chunks.append(chunk)
        return chunks

    def _too_large(self) -> str:
        return f"the answer is larger than {self.max_bytes:,} bytes"

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
