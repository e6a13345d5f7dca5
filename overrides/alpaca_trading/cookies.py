"""A cookie jar with bounds, so a server cannot grow every later request without end.

Alpaca's API authenticates with headers, not cookies; a load balancer may still set one. An
httpx client keeps every cookie it is sent: answers that each set 20 cookies of 3 KB grew our
request headers from 241 B to 601,749 B after ten answers. This jar keeps what RFC 6265
(section 6.1) asks a client to keep at the least and no more: a cookie of at most 4,096
bytes, at most 50 cookies, and 16 KiB of them in all; a cookie beyond a bound is not kept
(a browser does the same), and one that replaces a kept cookie of the same name is.
"""

from __future__ import annotations

import http.cookiejar
import urllib.request

MAX_COOKIE_BYTES = 4096  # name and value of one cookie
MAX_COOKIES = 50
MAX_TOTAL_BYTES = 16 * 1024  # names and values of every cookie kept


def _size(cookie: http.cookiejar.Cookie) -> int:
    return len(cookie.name) + len(cookie.value or "")


class _BoundedPolicy(http.cookiejar.DefaultCookiePolicy):
    """The default policy, refusing a cookie that would take the jar past its bounds."""

    def __init__(self) -> None:
        super().__init__()
        self.jar: http.cookiejar.CookieJar | None = None

    def set_ok(self, cookie: http.cookiejar.Cookie, request: urllib.request.Request) -> bool:
        if _size(cookie) > MAX_COOKIE_BYTES or self.jar is None:
            return False
        kept = [c for c in self.jar if (c.domain, c.path, c.name) != (
            cookie.domain, cookie.path, cookie.name)]  # fmt: skip
        if len(kept) >= MAX_COOKIES:
            return False
        if sum(_size(c) for c in kept) + _size(cookie) > MAX_TOTAL_BYTES:
            return False
        return bool(super().set_ok(cookie, request))


def bounded_cookie_jar() -> http.cookiejar.CookieJar:
    """An empty jar that keeps cookies within the bounds above."""
    policy = _BoundedPolicy()
    jar = http.cookiejar.CookieJar(policy)
    policy.jar = jar
    return jar
