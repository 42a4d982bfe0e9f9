"""Secrets encrypted at rest: AES-256-GCM (authenticated) under a list of keys, so keys can be rotated.

The first key seals; every key in the list opens what it sealed, so after a rotation (a new key put
first, the old one kept after it) old rows still open, and a row is re-sealed with the current key the
next time it is written. A sealed value names the id of its key; it is bound to a *context* (for
example "hh:<user id>:access") given as associated data, so a value copied into another row or column
does not open there.

Keys come from configuration as `id:base64url-key` items separated by commas, current first:

    HH_TOKEN_KEYS="k2026:q83v...,k2025:8Hd1..."

`generate_key_spec(key_id)` prints a fresh item.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSION = 1
NONCE_BYTES = 12
KEY_BYTES = 32


class SecretBoxError(Exception):
    """A value cannot be opened: unknown key, tampered, wrong context, or not a sealed value."""


class SecretBox:
    def __init__(self, keys: Sequence[tuple[str, bytes]]) -> None:
        if not keys:
            raise ValueError("a SecretBox needs at least one key")
        for key_id, key in keys:
            if not key_id or len(key_id.encode()) > 255 or not key_id.isascii():
                raise ValueError(f"bad key id {key_id!r}: 1-255 ASCII characters")
            if len(key) != KEY_BYTES:
                raise ValueError(f"key {key_id!r} must be {KEY_BYTES} bytes (AES-256), not {len(key)}")
        self._current_id = keys[0][0]
        self._keys = {key_id: AESGCM(key) for key_id, key in keys}

    @classmethod
    def from_spec(cls, spec: str) -> SecretBox:
        """Keys from `id:base64url,id:base64url` (current first)."""
        keys = []
        for item in (part.strip() for part in spec.split(",")):
            if not item:
                continue
            key_id, sep, encoded = item.partition(":")
            if not sep:
                raise ValueError("each key is 'id:base64url-key'")
            try:
                key = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            except ValueError as exc:
                raise ValueError(f"key {key_id!r} is not base64url") from exc
            keys.append((key_id.strip(), key))
        return cls(keys)

    @property
    def current_key_id(self) -> str:
        return self._current_id

    def seal(self, plaintext: str, *, context: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        key_id = self._current_id.encode()
        header = bytes([VERSION, len(key_id)]) + key_id
        sealed = self._keys[self._current_id].encrypt(nonce, plaintext.encode(), header + context.encode())
        return header + nonce + sealed

    def open(self, value: bytes, *, context: str) -> str:
        key_id, header, body = self._split(value)
        cipher = self._keys.get(key_id)
        if cipher is None:
            raise SecretBoxError(f"sealed with key {key_id!r}, which is not configured")
        try:
            plain = cipher.decrypt(body[:NONCE_BYTES], body[NONCE_BYTES:], header + context.encode())
        except InvalidTag:
            raise SecretBoxError("the value does not open: tampered, or sealed for another context") from None
        return plain.decode()

    def key_id_of(self, value: bytes) -> str:
        return self._split(value)[0]

    def needs_reseal(self, value: bytes) -> bool:
        """Sealed with a key other than the current one."""
        return self.key_id_of(value) != self._current_id

    @staticmethod
    def _split(value: bytes) -> tuple[str, bytes, bytes]:
        value = bytes(value)
        if len(value) < 2 or value[0] != VERSION:
            raise SecretBoxError("not a sealed value")
        end = 2 + value[1]
        if len(value) < end + NONCE_BYTES + 16:
            raise SecretBoxError("not a sealed value")
        return value[2:end].decode("ascii", "replace"), value[:end], value[end:]


def generate_key_spec(key_id: str) -> str:
    """A fresh `id:base64url` key item."""
    return f"{key_id}:{base64.urlsafe_b64encode(os.urandom(KEY_BYTES)).decode().rstrip('=')}"


if __name__ == "__main__":  # python -m common.secret_box [key id]
    import sys
    from datetime import UTC, datetime

    print(generate_key_spec(sys.argv[1] if len(sys.argv) > 1 else datetime.now(UTC).strftime("k%Y%m%d")))
