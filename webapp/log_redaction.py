"""Rater links never reach a log: every /r/<token> becomes /r/… (back-to-back ratings).

A log line holding a rater's token, or anything derived from it, together with
its time ties the rater to the moment a rating arrived. The filter below rewrites
each record it sees, message, arguments, traceback and stack alike, so no handler
(console, file, syslog) ever gets the token. The app factory installs it on the
app's and werkzeug's loggers, webapp.server on gunicorn's.
"""
from __future__ import annotations

import logging
import re

REDACTED = "/r/…"
# /r/<anything> up to the query string, a quote or white space; also percent-encoded
# (%2Fr%2F…, as in a `next=` parameter or an encoded Referer; /%72/…, which nginx and
# werkzeug decode to /r/…) and in any letter case.
RATER_PATH = re.compile(r"(?:/|%(?:25)?2f)(?:r|%(?:25)?[57]2)(?:/|%(?:25)?2f)[^?#&\s\"'<>]*",
                        re.IGNORECASE)
_TOKEN_IN_PATH = re.compile(r"/+r/+([^/]+)", re.IGNORECASE)
MIN_TOKEN = 8  # a shorter path segment is no rater token; replacing it everywhere would garble lines


def redact(text: str) -> str:
    """`text` with every rater link replaced by /r/…."""
    return RATER_PATH.sub(REDACTED, text)


def mentions_rater_link(path: str) -> bool:
    return RATER_PATH.search(path) is not None


class RedactingFilter(logging.Filter):
    """Rewrites a record in place (it never drops one): the message is formatted with its
    arguments and redacted, the traceback and stack text too. Inside a Flask request to a
    rater link, the bare token and any hex digest (token_hash, use_mark, draft_id …: what
    the app derives from a token) are removed as well."""

    def filter(self, record: logging.LogRecord) -> bool:
        token = _requested_token()
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep its parts, never the raw arguments
            message = f"{record.msg} {record.args!r}"
        record.msg, record.args = _clean(message, token), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = _clean(record.exc_text, token)
        if record.stack_info:
            record.stack_info = _clean(record.stack_info, token)
        return True


_DIGEST = re.compile(r"[0-9a-fA-F]{32,}")


def _clean(text: str, token: str | None) -> str:
    if token is not None:
        text = _DIGEST.sub("…", text.replace(token, "…"))
    return redact(text)


def _requested_token() -> str | None:
    """The token of the rater link being served, when the record is logged during a Flask
    request to /r/<token>."""
    try:
        from flask import has_request_context, request
        if not has_request_context():
            return None
        match = _TOKEN_IN_PATH.match(request.path)
    except Exception:  # no Flask, or a request too broken to read: the path rule still applies
        return None
    if match is None or len(match.group(1)) < MIN_TOKEN:
        return None
    return match.group(1)


def install(*loggers: logging.Logger) -> None:
    """Put the filter on each logger (its own records) and on each of its handlers (records
    that child loggers such as webapp.jobs pass up); installing twice adds nothing."""
    for logger in loggers:
        for target in (logger, *logger.handlers):
            if not any(isinstance(f, RedactingFilter) for f in target.filters):
                target.addFilter(RedactingFilter())


def init_app(app) -> None:
    """The app's logger (Flask's "Exception on /r/… [POST]") and its module loggers
    (webapp.jobs …), and werkzeug's (request lines of a development server)."""
    prefix = app.logger.name + "."
    children = [logger for name, logger in list(logging.root.manager.loggerDict.items())
                if name.startswith(prefix) and isinstance(logger, logging.Logger)]
    install(app.logger, *children, logging.getLogger("werkzeug"))
