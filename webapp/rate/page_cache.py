"""Rater and public survey pages kept rendered, per app and worker process.

Every phone that opens a public link gets the same form but for its form
token, and so do raters with the same departments and no draft. Rendering
it (Jinja and Flask's context processors) cost more than the rest of the
request, so it is rendered once, encoded once (a county form of 40 departments
is 37 KB of UTF-8) and kept as the bytes before and after the token. Keys hold
everything a page shows, the round row as stored included, so an edited or
closed round renders afresh.
"""
from __future__ import annotations

from flask import current_app, render_template

from survey.rounds import Round

from ..services import surveys

TOKEN_PLACEHOLDER = "sanding-form-token-placeholder"
MAX_BYTES = 16_000_000  # about 430 county forms of 40 departments per worker


class _Cache:
    """A dict that starts over when the pages it holds pass MAX_BYTES."""

    def __init__(self) -> None:
        self.entries: dict = {}
        self.size = 0

    def remember(self, key: tuple, value, size: int = 1000):
        if self.size + size > MAX_BYTES:  # many rounds or department lists
            self.entries, self.size = {}, 0
        self.entries[key] = value
        self.size += size
        return value


def _cache() -> _Cache:
    return current_app.extensions.setdefault("sanding_page_cache", _Cache())


def round_key(row: dict) -> tuple:
    """What a round row holds, as part of a key."""
    return tuple(row.values())


def round_of(row: dict) -> Round:
    """`surveys.round_of(row)`, parsed once per stored row (callers must not change it)."""
    key = ("round", round_key(row))
    found = _cache().entries.get(key)
    return found if found is not None else _cache().remember(key, surveys.round_of(row))


def render(page_key: tuple, template: str, *, form_token: str | None = None, **context) -> bytes:
    """The page `template` renders with `context` (the same for every request with
    `page_key`), as UTF-8, with `form_token` put in."""
    page_key = ("page", template, *page_key)
    parts = _cache().entries.get(page_key)
    if parts is None:
        page = render_template(template, form_token=TOKEN_PLACEHOLDER, **context).encode("utf-8")
        parts = _cache().remember(page_key, tuple(page.split(TOKEN_PLACEHOLDER.encode("ascii"))), len(page))
    return (form_token or "").encode("ascii").join(parts)
