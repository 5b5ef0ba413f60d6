"""Rater tokens: unguessable links, stored only as hashes."""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

TOKEN_BYTES = 24  # 192 bits of randomness, above the 128 the invariant asks for


def new_token() -> str:
    """A URL-safe token for a personal link /r/<token>."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What the database keeps: a token cannot be recovered from it."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def derive_token(secret: str | bytes, salt: str, round_id: int, rater_id: int) -> str:
    """The personal link token of one rater, re-derivable for export and never stored.

    HMAC-SHA256 of the round's random salt and the two ids under the server's
    secret key, cut to TOKEN_BYTES (192 bits). The database keeps only
    `token_hash(token)`; without the secret key the token cannot be rebuilt
    from the database, and changing the key invalidates every link.
    """
    key = secret.encode("utf-8") if isinstance(secret, str) else secret
    message = f"sanding-rater:{salt}:{round_id}:{rater_id}".encode("utf-8")
    digest = hmac.new(key, message, hashlib.sha256).digest()[:TOKEN_BYTES]
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def use_mark(token: str) -> str:
    """What the store flips when a token is used: a hash of the token that the stored
    `token_hash` cannot be turned into, so the database alone cannot tell whose token
    was used."""
    return hashlib.sha256(f"sanding-used:{token}".encode("utf-8")).hexdigest()


def draft_id(token: str) -> str:
    """The key of a rater's draft: unlinkable to `token_hash` without the token."""
    return hashlib.sha256(f"sanding-draft:{token}".encode("utf-8")).hexdigest()


def draft_key(token: str) -> bytes:
    """The key a draft is sealed with: only the holder of the link can open it."""
    return hmac.new(token.encode("utf-8"), b"sanding-draft-key", hashlib.sha256).digest()
