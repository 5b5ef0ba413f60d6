"""Long lists a page at a time: which page the request asks for, bounded to the pages there are."""
from __future__ import annotations

from dataclasses import dataclass

from flask import request


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    count: int  # pages in all (at least 1)
    size: int
    total: int  # items in all

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    def of(self, items: list) -> list:
        """This page's part of a list holding every item."""
        return items[self.offset:self.offset + self.size]


def requested_page(total: int, size: int) -> Page:
    """The page `?page=N` asks for; a number out of range (or not a number) gives the nearest page."""
    count = max(1, -(-total // size))
    number = min(max(request.args.get("page", 1, type=int) or 1, 1), count)
    return Page(number, count, size, total)
