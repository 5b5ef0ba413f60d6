"""Form tokens for the pages without login: rater links (/r/<token>) and public surveys (/s/...).

These pages keep no session. A token is a random nonce and an HMAC over the
nonce and what the page is bound to (the hash of the rater's link, or the
respondent's cookie id): a page on another site can neither read nor forge
it, and as the nonce changes with every page it names nobody. Signed-in
pages keep Flask-WTF's session token; both fail with the same CSRFError page.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app
from flask_wtf.csrf import CSRFError

_SALT = b"sanding-form-token\x00"


def _mac(nonce: str, binding: str) -> str:
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    message = _SALT + nonce.encode("ascii") + b"\x00" + binding.encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def issue(binding: str) -> str:
    """A fresh token for a form bound to `binding`."""
    nonce = secrets.token_urlsafe(12)
    return f"{nonce}.{_mac(nonce, binding)}"


def verify(binding: str, value: str | None) -> None:
    """Raise CSRFError unless `value` was issued for `binding` (unless CSRF checks are off)."""
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    value = value or ""
    nonce, _, mac = value.partition(".")
    if not (nonce and mac and value.isascii() and hmac.compare_digest(mac, _mac(nonce, binding))):
        raise CSRFError("表单已过期或缺少安全令牌")
