"""Security headers on every response."""
from __future__ import annotations

from flask import Flask, current_app, request

from .log_redaction import mentions_rater_link

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


def init_app(app: Flask) -> None:
    """CSRF on every form (blueprints without a session exempt themselves) and the headers."""
    from flask_wtf.csrf import CSRFProtect
    CSRFProtect(app)
    app.after_request(add_headers)


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
