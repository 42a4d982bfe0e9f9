"""Calendar feed tokens: the secret in a subscribable calendar URL.

A token is 32 random bytes, URL-safe base64. Only its SHA-256 is stored (a plain hash suffices: the
token has 256 bits of entropy, so nothing can be guessed from the hash), which means the token can be
shown only when it is made; a user who lost the URL rotates it.
"""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32
# token_urlsafe(32) is 43 characters; anything much longer is not one of ours and is not hashed.
MAX_TOKEN_CHARS = 64


def new_feed_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def feed_token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def plausible_feed_token(token: str) -> bool:
    return 0 < len(token) <= MAX_TOKEN_CHARS
