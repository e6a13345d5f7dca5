"""A list Alpaca answers a page at a time, read lazily: the next page is asked for only when
the iteration reaches it.

Written once, for the AsyncClient; scripts/derive_faces writes the sync ``Pages`` from it
(faces.py), as it does the sync client's operations. Bounded: a server that repeats its
next_page_token, sends one longer than MAX_TOKEN_LENGTH, or more than ``max_pages`` pages,
ends the iteration with a PaginationError instead of looping for ever.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from alpaca_trading.errors import PaginationError

T = TypeVar("T")
DEFAULT_MAX_PAGES = 10_000
MAX_TOKEN_LENGTH = 4096


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page: its items and the token of the next page (None on the last)."""

    items: list[T]
    next_page_token: str | None


class AsyncPages(Generic[T]):
    """Every item of every page, as the iteration reaches it (``for contract in pages``;
    ``async for`` with the AsyncClient). ``pages.by_page()`` yields each Page instead (its
    items and next_page_token), e.g. to stop and resume later by passing that token as
    ``page_token``."""

    def __init__(
        self,
        fetch: Callable[[str | None], Awaitable[Page[T]]],
        *,
        page_token: str | None = None,
        max_pages: int = DEFAULT_MAX_PAGES,
    ) -> None:
        if isinstance(max_pages, bool) or not isinstance(max_pages, int) or max_pages < 1:
            raise ValueError(f"max_pages must be a whole number of at least 1, got {max_pages!r}")
        self._fetch = fetch
        self._first = page_token
        self._max_pages = max_pages

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    async def _items(self) -> AsyncIterator[T]:
        async for page in self.by_page():
            for item in page.items:
                yield item

    async def by_page(self) -> AsyncIterator[Page[T]]:
        """Each page in turn, fetched when the iteration reaches it."""
        token = self._first
        for _ in range(self._max_pages):
            page = await self._fetch(token)
            yield page
            following = page.next_page_token
            if not following:
                return
            if following == token:
                raise PaginationError(f"the server sent next_page_token {following[:40]!r} twice")
            if len(following) > MAX_TOKEN_LENGTH:
                raise PaginationError(
                    f"the server sent a next_page_token of {len(following):,} characters "
                    f"(at most {MAX_TOKEN_LENGTH:,})"
                )
            token = following
        raise PaginationError(
            f"more than max_pages={self._max_pages:,} pages; pass a larger max_pages, or read "
            "by_page() and resume from the last page's next_page_token"
        )
