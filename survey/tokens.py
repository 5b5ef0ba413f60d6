"""Rater tokens: unguessable links, stored only as hashes."""
from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 24  # 192 bits of randomness, above the 128 the invariant asks for


def new_token() -> str:
    """A URL-safe token for a personal link /r/<token>."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What the database keeps: a token cannot be recovered from it."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
