"""Sealed ballots and drafts of back-to-back rounds (市县评作为).

A rating is stored sealed (AES-256-GCM) under a key derived from the server's
secret key and the round, and opened only when the round closes: all of the
round's ballots at once, written out as responses in random order. Until then
the database file, its WAL and any backup hold ciphertexts of one size (see
BUCKET) that nobody can read or match with the final responses; afterwards the
responses carry no order. A draft is sealed under a key derived from the
rater's token, which the server never stores.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

# Plaintexts are padded to a multiple of this, so ciphertext sizes do not tell
# ballots apart: 40 ratings with some 1,200 characters of comments fit in one
# (16 departments rated on 4 dimensions too; 40 on 4 dimensions take two each).
BUCKET = 4096
NONCE_BYTES = 12
LENGTH = struct.Struct(">I")


class SealError(ValueError):
    """A sealed value that cannot be opened (another secret key, or altered)."""


def round_key(secret: str | bytes, salt: str, round_id: int) -> bytes:
    """The key of a round's ballots: HMAC-SHA256 of the round's salt and id under the secret key."""
    key = secret.encode("utf-8") if isinstance(secret, str) else secret
    return hmac.new(key, f"sanding-ballot:{salt}:{round_id}".encode("utf-8"), hashlib.sha256).digest()


def ballot_context(round_id: int) -> bytes:
    """Associated data binding a ballot to its round (a ballot moved to another round fails)."""
    return f"ballot:{round_id}".encode("ascii")


DRAFT_CONTEXT = b"draft"


def seal(key: bytes, value, context: bytes) -> bytes:
    """`value` (JSON-able) encrypted and authenticated, padded to a multiple of BUCKET."""
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    framed = LENGTH.pack(len(data)) + data
    padded = framed + bytes(-len(framed) % BUCKET)
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, padded, context)


def unseal(key: bytes, sealed: bytes, context: bytes):
    """The value `seal` was given; SealError if the key or context differ or the bytes were altered."""
    nonce, body = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
    try:
        padded = AESGCM(key).decrypt(nonce, body, context)
    except (InvalidTag, ValueError):
        raise SealError("密文无法打开：服务器密钥已更换，或数据被改动") from None
    (length,) = LENGTH.unpack_from(padded)
    return json.loads(padded[LENGTH.size:LENGTH.size + length].decode("utf-8"))
