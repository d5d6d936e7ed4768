"""Pages of a list: ``?limit=&offset=`` in, ``{items, limit, offset, next_offset}`` out.

``next_offset`` is the offset of the next page, or null on the last one. Lists that the
office reads page by page are asked for one item more than the page, to know whether
another page follows; the others are cut here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel

__all__ = ["MAX_LIMIT", "Page", "PageDep", "PageParams"]

MAX_LIMIT = 500  # the office reads at most 1,000 at a time; a page peeks one more
T = TypeVar("T")
R = TypeVar("R")


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    limit: int
    offset: int
    next_offset: int | None


@dataclass(frozen=True, slots=True)
class PageParams:
    limit: int
    offset: int

    def cut(self, records: Sequence[R], render: Callable[[R], T]) -> Page[T]:
        """The page of ``records`` (the whole list), each rendered."""
        chunk = records[self.offset : self.offset + self.limit]
        more = len(records) > self.offset + self.limit
        return self._page([render(r) for r in chunk], more)

    def fetched(self, records: Sequence[R], render: Callable[[R], T]) -> Page[T]:
        """The page from ``records`` read at this offset with ``limit + 1`` (see :attr:`peek`)."""
        more = len(records) > self.limit
        return self._page([render(r) for r in records[: self.limit]], more)

    @property
    def peek(self) -> int:
        """How many to read to know whether another page follows."""
        return self.limit + 1

    def _page(self, items: list[T], more: bool) -> Page[T]:
        return Page[T](
            items=items,
            limit=self.limit,
            offset=self.offset,
            next_offset=self.offset + self.limit if more else None,
        )


async def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 100,
    offset: Annotated[int, Query(ge=0, le=10**9, description="Items to skip.")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


PageDep = Annotated[PageParams, Depends(page_params)]
