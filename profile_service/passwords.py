"""Email normalisation, the password policy and password hashing (argon2id).

Hashing parameters follow OWASP's Password Storage Cheat Sheet (argon2id, m=19 MiB, t=2, p=1). Hashing
and verifying take tens of milliseconds of CPU, so they run in a worker thread: the event loop keeps
serving other calls meanwhile. A login for an unknown email verifies against a dummy hash made with the
same parameters, so it takes about as long as a wrong password for a real account.
"""

from __future__ import annotations

import asyncio
import re
import unicodedata

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from common.errors import InvalidArgument

MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 256
MAX_EMAIL_CHARS = 254

# Not a replacement for a breached-password list, but these are refused outright.
_COMMON_PASSWORDS = frozenset({
    "password", "password1", "password12", "password123", "password1234", "passw0rd", "qwerty", "qwertyuiop",
    "qwerty123", "qwerty1234", "1234567890", "123456789", "12345678", "0987654321", "1q2w3e4r5t",
    "iloveyou", "letmein", "welcome", "welcome1", "welcome123", "admin", "admin123", "changeme",
    "abc123", "football", "monkey", "dragon", "sunshine", "princess", "trustno1", "azerty", "azertyuiop",
})

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalize_email(raw: str) -> str:
    """The one spelling of an address we store and look up: trimmed, NFKC, lower-case."""
    email = unicodedata.normalize("NFKC", raw).strip().lower()
    if not email:
        raise InvalidArgument("email is required")
    if len(email) > MAX_EMAIL_CHARS or not _EMAIL.match(email):
        raise InvalidArgument("email is not a valid address (expected something like name@example.com)")
    return email


def check_password_policy(password: str, *, email: str) -> None:
    """Raise InvalidArgument with a message the user can act on."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise InvalidArgument(f"password must be at least {MIN_PASSWORD_CHARS} characters long")
    if len(password) > MAX_PASSWORD_CHARS:
        raise InvalidArgument(f"password must be at most {MAX_PASSWORD_CHARS} characters long")
    lowered = password.lower()
    if len(set(password)) < 4:
        raise InvalidArgument("password is too repetitive; use at least 4 different characters")
    if lowered in _COMMON_PASSWORDS or lowered == email or lowered == email.split("@")[0]:
        raise InvalidArgument("password is too easy to guess; choose one that is not a common password or your email")


class PasswordHashing:
    """argon2id hashing off the event loop."""

    def __init__(self, *, time_cost: int = 2, memory_cost_kib: int = 19 * 1024, parallelism: int = 1) -> None:
        self._hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost_kib, parallelism=parallelism,
                                      hash_len=32, salt_len=16, type=Type.ID)
        self._dummy_hash: str | None = None

    async def hash(self, password: str) -> str:
        return await asyncio.to_thread(self._hasher.hash, password)

    async def verify(self, stored_hash: str | None, password: str) -> bool:
        """True when the password matches. With no stored hash (unknown account) a dummy hash is
        verified instead, so the answer takes as long either way."""
        if stored_hash is None:
            if self._dummy_hash is None:
                self._dummy_hash = await self.hash("not a real password: it only keeps timing even")
            await asyncio.to_thread(self._check, self._dummy_hash, password)
            return False
        return await asyncio.to_thread(self._check, stored_hash, password)

    def needs_rehash(self, stored_hash: str) -> bool:
        """After the parameters are raised, hashes made with older ones are replaced at the next login."""
        return self._hasher.check_needs_rehash(stored_hash)

    def _check(self, stored_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
