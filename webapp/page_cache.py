"""Rater and public survey pages kept rendered, per app and worker process.

Every phone that opens a public link gets the same form but for its form
token, and so do raters with the same departments and no draft. Rendering
it (Jinja and Flask's context processors) cost more than the rest of the
request, so it is rendered once with a placeholder for the token. Keys hold
everything a page shows, the round row as stored included, so an edited or
closed round renders afresh.
"""
from __future__ import annotations

from flask import current_app, render_template

from survey.rounds import Round

from . import surveys

TOKEN_PLACEHOLDER = "sanding-form-token-placeholder"
MAX_CHARACTERS = 8_000_000  # about 300 county forms of 40 departments per worker


class _Cache:
    """A dict that starts over when the pages it holds pass MAX_CHARACTERS."""

    def __init__(self):
        self.entries: dict = {}
        self.characters = 0

    def remember(self, key: tuple, value):
        size = len(value) if isinstance(value, str) else 1000
        if self.characters + size > MAX_CHARACTERS:  # many rounds or department lists
            self.entries, self.characters = {}, 0
        self.entries[key] = value
        self.characters += size
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


def render(page_key: tuple, template: str, *, form_token: str | None = None, **context) -> str:
    """The page `template` renders with `context` (the same for every request with
    `page_key`), with `form_token` put in."""
    page_key = ("page", template, *page_key)
    page = _cache().entries.get(page_key)
    if page is None:
        page = _cache().remember(page_key, render_template(template, form_token=TOKEN_PLACEHOLDER,
                                                           **context))
    return page.replace(TOKEN_PLACEHOLDER, form_token) if form_token else page
