"""Untrusted response bytes: read under a size cap and a deadline, decoded with bounded depth.

A server (or anything between it and us) decides how many bytes it sends, how slowly, and how
far a gzip body inflates. httpx reads whatever comes: a 2 MB body inflating to 2 GB took the
client to 4 GB, and a server trickling a byte every half second kept a call with a 1 s timeout
busy for 12.7 s. Here every body is read chunk by chunk (decompressed), counted against
`max_response_bytes` before it is kept, and checked against the call's deadline between
chunks; the network reads themselves are bounded by deadline.py. gzip and deflate are
inflated here, in bounded steps, rather than by httpx.
"""

from __future__ import annotations

import codecs
import time
import zlib
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import httpx
import msgspec

MAX_RESPONSE_BYTES = 64 * 1024 * 1024  # decompressed; the 35,000-asset list is ~15 MB


class BodyTooLarge(Exception):
    """Raised while reading: the body is larger than the client's max_response_bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the response body is larger than max_response_bytes ({limit:,} bytes)")
        self.limit = limit


class _Inflater:
    """gzip/deflate decompression that never makes more than `room` bytes from one chunk.

    httpx inflates each network chunk whole: 64 KiB of gzip can become 64 MiB before anyone
    counts it, and a transport that hands over the body in one chunk inflates all of it. Here
    zlib's max_length bounds every step, so memory stays within the cap plus one chunk."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._first = True
        self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS)

    def feed(self, data: bytes, room: int) -> Iterator[bytes]:
        while data:
            try:
                piece = self._zlib.decompress(data, room + 1)
            except zlib.error as exc:
                if self._first and not self._gzip:  # deflate without its zlib header
                    self._first = False
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise httpx.DecodingError(
                    f"the {'gzip' if self._gzip else 'deflate'} body is corrupt: {exc}"
                ) from None
            self._first = False
            room -= len(piece)
            yield piece
            if room < 0:
                return
            data = self._zlib.unconsumed_tail


_INFLATED = frozenset({"gzip", "x-gzip", "deflate"})


def _codings(header: str) -> list[str]:
    names = (e.strip().lower() for e in header.split(","))
    return [name for name in names if name not in ("", "identity")]


def _encodings(response: httpx.Response) -> list[str]:
    """The content codings applied to the body, in order, without identity."""
    return _codings(response.headers.get("content-encoding", ""))


def inflate(raw: bytes, content_encoding: str, limit: int) -> bytes:
    """A body as received (`Content-Encoding: content_encoding`) made plain, at most `limit`
    bytes: for code that keeps the bytes it received (a proxy) and reads them too.

    Raises BodyTooLarge beyond the limit, httpx.DecodingError for a corrupt body, and
    ValueError for a coding other than one gzip or deflate."""
    codings = _codings(content_encoding)
    if not codings:
        if len(raw) > limit:
            raise BodyTooLarge(limit)
        return raw
    if len(codings) > 1 or codings[0] not in _INFLATED:
        raise ValueError(f"content coding {content_encoding[:40]!r} is not gzip or deflate")
    pieces: list[bytes] = []
    size = 0
    for piece in _Inflater(codings[0]).feed(raw, limit):
        size += len(piece)
        if size > limit:
            raise BodyTooLarge(limit)
        pieces.append(piece)
    return b"".join(pieces)


class _Collector:
    """Keeps the chunks of a body, refusing it once it outgrows the limit or the deadline."""

    def __init__(self, response: httpx.Response, limit: int, deadline: float | None) -> None:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and len(declared) < 20 and int(declared) > limit:
            raise BodyTooLarge(limit)
        self._response = response
        self._limit = limit
        self._deadline = deadline
        self._chunks: list[bytes] = []
        self._size = 0
        encodings = _encodings(response)
        # Raw bytes when unencoded or one coding we inflate ourselves; anything else (the
        # client asks only for gzip and deflate) is left to httpx, unbounded per chunk.
        self.raw = not encodings or (len(encodings) == 1 and encodings[0] in _INFLATED)
        self._inflater = _Inflater(encodings[0]) if self.raw and encodings else None

    def add(self, chunk: bytes) -> None:
        pieces = (
            self._inflater.feed(chunk, self._limit - self._size)
            if self._inflater is not None
            else (chunk,)
        )
        for piece in pieces:
            self._size += len(piece)
            if self._size > self._limit:
                raise BodyTooLarge(self._limit)
            self._chunks.append(piece)
        if self._deadline is not None and time.monotonic() >= self._deadline:
            message = "the call's timeout ran out while reading the body"
            raise httpx.ReadTimeout(message, request=self._response.request)

    def body(self) -> bytes:
        return b"".join(self._chunks)


def _already_read(response: httpx.Response, limit: int) -> bytes | None:
    """The body of a response a transport handed over already read (httpx.MockTransport)."""
    try:
        content = response.content
    except httpx.ResponseNotRead:
        return None
    if len(content) > limit:
        raise BodyTooLarge(limit)
    return content


def read_body(response: httpx.Response, limit: int, deadline: float | None) -> bytes:
    """The decompressed body of a streamed response, at most `limit` bytes, by `deadline`."""
    content = _already_read(response, limit)
    if content is not None:
        return content
    collector = _Collector(response, limit, deadline)
    for chunk in response.iter_raw() if collector.raw else response.iter_bytes():
        collector.add(chunk)
    return collector.body()


async def aread_body(response: httpx.Response, limit: int, deadline: float | None) -> bytes:
    """read_body for the async client (there the deadline also interrupts a waiting read)."""
    content = _already_read(response, limit)
    if content is not None:
        return content
    collector = _Collector(response, limit, deadline)
    chunks = response.aiter_raw() if collector.raw else response.aiter_bytes()
    async for chunk in chunks:
        collector.add(chunk)
    return collector.body()


_JSON = msgspec.json.Decoder()
_EXACT_JSON = msgspec.json.Decoder(float_hook=Decimal)


def parse_json(content: bytes, exact_numbers: bool = False) -> Any:
    """JSON bytes to Python values, with msgspec rather than json.loads.

    About 1.6-1.8x json.loads' speed on a list of 10,000 positions (scripts/bench), and exact:
    integers of any size stay ints (orjson turns one beyond 64 bits into a float).
    Stricter than json.loads where JSON itself is: NaN, Infinity and lone surrogates are
    refused. A UTF-8 byte order mark, which RFC 8259 lets a parser ignore, is ignored.
    Raises ValueError for anything that is not such JSON, a body nested too deeply for the
    interpreter's recursion limit (`[` * 1000) included. With `exact_numbers`, a number with
    a fraction or an exponent becomes a decimal.Decimal (the fixed-income answers' prices and
    yields), never a float.
    """
    if content.startswith(codecs.BOM_UTF8):
        content = content[len(codecs.BOM_UTF8) :]
    try:
        return (_EXACT_JSON if exact_numbers else _JSON).decode(content)
    except RecursionError:
        raise ValueError("the JSON is nested too deeply") from None
