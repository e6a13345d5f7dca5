"""One request and its answer, as the checks, the report and the recording see it.

The credentials of a request are held in memory only, to be masked: every text made from an
exchange (the report's reproduction, the recording's line) has the credential headers'
values replaced and every other occurrence of them, in any form, masked. Which credentials
sent a request is kept as a number (identity 1, 2, ...), never as any part of them.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field

from alpaca_conformance.catalogue import catalogue
from alpaca_conformance.results import redact

CREDENTIAL_HEADERS = frozenset(
    {b"apca-api-key-id", b"apca-api-secret-key", b"authorization", b"cookie",
     b"proxy-authorization", b"x-mock-admin-token", b"set-cookie"}
)  # fmt: skip
REDACTED = "[redacted]"
_SHOWN_BODY = 4000


def credentials_of(headers: list[tuple[bytes, bytes]]) -> list[str]:
    """The credential values a request carries (the token of `Bearer x` as well as x)."""
    values: list[str] = []
    for name, raw in headers:
        if name.lower() in CREDENTIAL_HEADERS:
            value = raw.decode("latin-1").strip()
            values.append(value)
            scheme, _, token = value.partition(" ")
            if token and scheme.lower() in ("bearer", "basic"):
                values.append(token.strip())
    return [value for value in values if value]


_SHORTEST_SECRET_COOKIE = 8  # `consent=1` or `lang=en` is no secret; masking "1" would
# rewrite every 1 in the body the checks read


def cookies_set(headers: list[tuple[bytes, bytes]]) -> list[str]:
    """The values an answer's Set-Cookie headers give (a session cookie is a credential too:
    sent back as Cookie it is redacted, so it is masked where the answer sets it). Values
    shorter than 8 characters are no session token and are left alone."""
    values = []
    for name, raw in headers:
        if name.lower() == b"set-cookie":
            pair = raw.decode("latin-1").split(";", 1)[0]
            value = pair.partition("=")[2].strip().strip('"')
            if len(value) >= _SHORTEST_SECRET_COOKIE:
                values += [pair.strip(), value]
    return values


class Identities:
    """Numbers the sets of credentials seen, in order of first use; keeps only digests, and at
    most MAX_IDENTITIES of them (a process sending random keys cannot grow this without end:
    beyond the bound, new credentials get no number)."""

    MAX_IDENTITIES = 1000

    def __init__(self) -> None:
        self._numbers: dict[bytes, int] = {}
        self._lock = threading.Lock()

    def number(self, credentials: list[str]) -> int | None:
        if not credentials:
            return None
        digest = hashlib.sha256("\0".join(sorted(credentials)).encode()).digest()
        with self._lock:
            known = self._numbers.get(digest)
            if known is None and len(self._numbers) < self.MAX_IDENTITIES:
                known = self._numbers[digest] = len(self._numbers) + 1
            return known


@dataclass
class Exchange:
    at: float  # epoch seconds when the request arrived
    method: str
    raw_path: str
    query: str
    request_headers: list[tuple[bytes, bytes]]
    operation: str | None
    identity: int | None
    status: int = 0
    response_headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    content: bytes | None = None  # the body as a client decodes it; None if it could not be
    refused: bool = False  # answered by the proxy, never forwarded
    forwarded_invalid: bool = False  # broke the spec and was forwarded (--forward-invalid)
    outside: str = ""  # the request's shape when it is outside the spec
    elapsed_ms: float = 0.0  # the upstream's share: request sent to answer read
    answered_at: float = 0.0  # epoch seconds when the upstream's answer was read (0: none)
    note: str = ""  # what went wrong on the way (the upstream's failure, a body not decoded)
    results: list[tuple[str, str | None]] = field(default_factory=list)  # (check, problem)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (check, departure seen)
    number: int = 0  # the session's count of exchanges when it arrived (#1, #2, ...)
    session_mark: int = 0  # its identity's count of writes when it began (accounts.py)
    wide_mark: int = 0  # ... of writes that may change more than one position
    overlapped: bool = False  # another request of its identity was in flight beside it
    observed: bool = False  # handed to the session (or abandoned): ended for the model
    involved: list[Exchange] = field(
        default_factory=list, repr=False
    )  # earlier ones judged with it
    secrets: list[str] = field(default_factory=list, repr=False)  # masked in every text

    @property
    def target(self) -> str:
        return self.raw_path + (f"?{self.query}" if self.query else "")

    @property
    def problems(self) -> list[tuple[str, str]]:
        return [(check, problem) for check, problem in self.results if problem is not None]

    def headers_shown(self, headers: list[tuple[bytes, bytes]]) -> list[list[str]]:
        """Headers as text, the credential ones' values replaced."""
        return [
            [
                name.decode("latin-1"),
                REDACTED if name.lower() in CREDENTIAL_HEADERS else value.decode("latin-1"),
            ]
            for name, value in headers
        ]

    def judged(self, check: str, problem: str | None) -> None:
        """Keep one check's verdict: a departure from a promise nobody has seen Alpaca keep
        (catalogue: warns_only) is a warning, never a failure; anything else a result."""
        promise = catalogue().promise_of(check)
        if problem is not None and promise is not None and promise.warns_only:
            self.warnings.append((check, problem))
        else:
            self.results.append((check, problem))

    def add_note(self, text: str) -> None:
        """Add to what went wrong on the way (a note already there is kept)."""
        self.note = f"{self.note}; {text}" if self.note else text

    def mask(self, text: str) -> str:
        """`text` with this request's credentials masked, in every form they can take."""
        return redact(text, self.secrets)

    def take_answer(self, headers: list[tuple[bytes, bytes]], content: bytes | None) -> None:
        """Keep the answer's headers and decoded body with every secret masked (the request's
        credentials, the cookies the answer sets), before any check reads them: what the
        checks say, the report and the recording are made from, and whatever cuts them short
        later, never holds a secret or a part of one. The client got the bytes as sent."""
        self.secrets = [*self.secrets, *cookies_set(headers)]
        if not self.secrets:
            self.response_headers, self.content = headers, content
            return
        # One pass over every value (a header value holds no line break), not one a header.
        values = self.mask("\n".join(v.decode("latin-1") for _, v in headers)).split("\n")
        self.response_headers = [
            (name, value.encode("latin-1", errors="replace"))
            for (name, _), value in zip(headers, values, strict=True)
        ]
        if content is None:
            self.content = None
            return
        try:
            self.content = self.mask(content.decode("utf-8")).encode("utf-8")
        except UnicodeDecodeError:  # not text: the whole values, as bytes
            for secret in self.secrets:
                content = content.replace(secret.encode("utf-8"), REDACTED.encode())
            self.content = content

    def describe(self, base_url: str, with_involved: bool = True) -> str:
        """The exchange for a person: a curl line that repeats the request (credentials
        redacted), then the answer's status, headers and body (cut at 4,000 characters)."""
        lines = []
        involved = self.involved if with_involved else []
        for earlier in involved:  # a finding across exchanges shows each, in order
            described = earlier.describe(base_url, with_involved=False)
            lines += [f"# exchange #{earlier.number}, before:", described, ""]
        if involved:
            lines.append(f"# exchange #{self.number}, where the finding was made:")
        lines.append(f"curl -X {self.method} '{base_url}{self.target}'")
        lines += [f"  -H '{n}: {v}'" for n, v in self.headers_shown(self.request_headers)]
        lines.append("")
        if self.refused:
            lines.append("(answered by the proxy; not forwarded)")
        lines.append(f"HTTP {self.status}")
        lines += [f"{n}: {v}" for n, v in self.headers_shown(self.response_headers)]
        if self.content is not None:
            body = self.content.decode("utf-8", errors="replace")
            cut = f"\n... ({len(body) - _SHOWN_BODY:,} more characters)"
            lines += ["", body[:_SHOWN_BODY] + (cut if len(body) > _SHOWN_BODY else "")]
        if self.note:
            lines += ["", self.note]
        return self.mask("\n".join(lines))
