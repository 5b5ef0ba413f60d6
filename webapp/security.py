"""What every request and response passes: body limits, refused control characters, bounded
numbers in URLs, CSRF and the security headers."""
from __future__ import annotations

import re

from flask import Flask, current_app, request
from werkzeug.routing import IntegerConverter

from .errors import error_page
from .log_redaction import mentions_rater_link

# Request bodies by the kind of view (its `access`, see access.py): anyone can post to a public
# page, so a 19 MB sign-in form must be refused before it is read, not after.
PUBLIC_BODY_BYTES = 64 * 1024  # sign-in, the public survey
RATER_BODY_BYTES = 256 * 1024  # 40 departments with long comments stay far below this
FORM_BODY_BYTES = 1024 * 1024  # signed-in forms without files
# C0 controls and DEL: a browser drops some of them from URLs (so `/\t/evil` reads `//evil`),
# and no field of ours has a use for them; tab and line breaks are text in a form field.
_CONTROL_IN_URL = re.compile("[\x00-\x1f\x7f]")
_CONTROL_IN_FIELD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# A page under /r/<token> (form, thank-you or any error page, even one raised before
# the view runs) must never send its URL as Referer, not even to this site's stylesheet:
# a logged Referer with its time would name the rater (back-to-back). The signed-in
# pages keep same-origin, as Flask-WTF checks the Referer of their HTTPS form posts.
RATER_REFERRER_POLICY = "no-referrer"


class RowNumber(IntegerConverter):
    """`<int:…>` in our routes: a number SQLite can hold, so a huge one is a 404, not a 500."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2 ** 63 - 1)
        super().__init__(map, *args, **kwargs)


def takes_files(view):
    """Mark a view that receives uploaded files: its body may be as large as MAX_UPLOAD_MB."""
    view.takes_files = True
    return view


def init_app(app: Flask) -> None:
    """Body limits first (CSRF reads the form), then CSRF on every form (blueprints without a
    session exempt themselves), control characters, and the headers."""
    from flask_wtf.csrf import CSRFProtect
    app.url_map.converters["int"] = RowNumber
    app.before_request(limit_body)
    CSRFProtect(app)
    app.before_request(refuse_control_characters)
    app.after_request(add_headers)


def body_limit(view) -> int | None:
    """The largest request body a view takes."""
    access = getattr(view, "access", ())
    if "public" in access:
        return PUBLIC_BODY_BYTES
    if "rater" in access:
        return RATER_BODY_BYTES
    if getattr(view, "takes_files", False):
        return current_app.config["MAX_CONTENT_LENGTH"]
    return FORM_BODY_BYTES


def limit_body() -> None:
    request.max_content_length = body_limit(current_app.view_functions.get(request.endpoint or ""))


def refuse_control_characters():
    """A 400 page for control characters in the URL or a form field (they break exports and
    redirects, and no one types them)."""
    if _CONTROL_IN_URL.search(request.path) or any(
            _CONTROL_IN_URL.search(key) or _CONTROL_IN_URL.search(value)
            for key, value in request.args.items(multi=True)):
        return error_page(400, "网址中含有不可见的控制字符，请检查链接是否完整、是否被改动。")
    if request.method == "POST" and any(_CONTROL_IN_FIELD.search(key) or _CONTROL_IN_FIELD.search(value)
                                        for key, value in request.form.items(multi=True)):
        return error_page(400, "提交的内容中含有不可见的控制字符（常见于从其他软件复制的文字），"
                               "请删除后重新提交；已保存的内容没有改变。")
    return None


def add_headers(response):
    """Add the fixed headers a view has not set; pages other than static files are not cached."""
    present = {name.lower() for name in response.headers.keys()}  # one pass: setdefault scans per name
    wanted = list(HEADERS.items())
    if request.endpoint != "static":
        wanted.append(("Cache-Control", "no-store"))
    if current_app.config.get("HTTPS"):
        wanted.append(("Strict-Transport-Security", "max-age=31536000"))
    for name, value in wanted:
        if name.lower() not in present:
            response.headers.add(name, value)
    if mentions_rater_link(request.path):
        response.headers["Referrer-Policy"] = RATER_REFERRER_POLICY
    return response
