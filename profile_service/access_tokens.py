"""Personal access tokens: create, list, revoke, and the gateway's exchange of a secret for an access token.

A token is `jm_pat_` + 32 random bytes (URL-safe); only its SHA-256 is stored, with its first characters
as a visible prefix. Presented to the gateway, it is exchanged here for a short-lived access JWT that
carries the token's scopes (claim `scope`) and id (claim `pat`): the services verify JWTs only and check
the scope each RPC names in its access policy. The JWT lives `pat_access_token_ttl_s` (50 s by default:
with the verifiers' 10 s leeway, a revoked token stops working everywhere within 60 s).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import UTC, datetime, timedelta

from common.auth import USER_SCOPES, TokenSigner
from common.errors import FailedPrecondition, InvalidArgument, NotFound, Unauthenticated
from profile_service.domain import AccessTokenRecord, CreatedAccessToken, ExchangedAccessToken
from profile_service.repository import ProfileRepository

log = logging.getLogger(__name__)

SECRET_PREFIX = "jm_pat_"
VISIBLE_CHARS = len(SECRET_PREFIX) + 4  # "jm_pat_AbCd": enough to tell tokens apart, useless to guess
MAX_NAME_CHARS = 100
LAST_USED_RESOLUTION_S = 60
NOT_VALID = "this personal access token is not valid (unknown or revoked); create a new one"


def hash_secret(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


def check_scopes(scopes: list[str]) -> list[str]:
    """The requested scopes, de-duplicated in the vocabulary's order; unknown ones are an error."""
    unknown = sorted({s for s in scopes if s not in USER_SCOPES})
    if unknown:
        raise InvalidArgument(f"unknown scope {', '.join(unknown)}; choose from {', '.join(USER_SCOPES)}")
    if not scopes:
        raise InvalidArgument(f"give the token at least one scope ({', '.join(USER_SCOPES)})")
    return [scope for scope in USER_SCOPES if scope in scopes]


class AccessTokens:
    def __init__(self, repo: ProfileRepository, *, signer: TokenSigner, access_ttl_s: int, max_per_user: int) -> None:
        self._repo = repo
        self._signer = signer
        self._access_ttl_s = access_ttl_s
        self._max_per_user = max_per_user

    async def create(self, *, user_id: str, name: str, scopes: list[str],
                     expires_at: datetime | None) -> CreatedAccessToken:
        name = name.strip()
        if not name or len(name) > MAX_NAME_CHARS:
            raise InvalidArgument(f"name the token (1 to {MAX_NAME_CHARS} characters)")
        scopes = check_scopes(scopes)
        if expires_at is not None and expires_at <= datetime.now(UTC):
            raise InvalidArgument("expires_at must be in the future (leave it unset for a token that does not expire)")
        secret = SECRET_PREFIX + secrets.token_urlsafe(32)
        async with self._repo.pool.acquire() as conn, conn.transaction():
            live = await self._repo.count_live_access_tokens(conn, user_id=user_id)
            if live is None:  # a valid access token of an account deleted since
                raise Unauthenticated("this account no longer exists; sign in again")
            if live >= self._max_per_user:
                raise FailedPrecondition(f"you have {self._max_per_user} active tokens already; revoke one first")
            record = await self._repo.add_access_token(conn, user_id=user_id, name=name, token_hash=hash_secret(secret),
                                                       prefix=secret[:VISIBLE_CHARS], scopes=scopes,
                                                       expires_at=expires_at)
        log.info("personal access token created", extra={"user_id": user_id, "token_id": record.id})
        return CreatedAccessToken(record, secret)

    async def list(self, *, user_id: str) -> list[AccessTokenRecord]:
        return await self._repo.list_access_tokens(user_id=user_id)

    async def revoke(self, *, user_id: str, token_id: str) -> None:
        if not await self._repo.revoke_access_token(token_id=token_id, user_id=user_id):
            raise NotFound("personal access token not found")
        log.info("personal access token revoked", extra={"user_id": user_id, "token_id": token_id})

    async def exchange(self, *, secret: str) -> ExchangedAccessToken:
        if not secret.startswith(SECRET_PREFIX):
            raise Unauthenticated(f"a personal access token starts with {SECRET_PREFIX}")
        record = await self._repo.access_token_by_hash(token_hash=hash_secret(secret))
        if record is None or record.revoked_at is not None:
            raise Unauthenticated(NOT_VALID)
        now = datetime.now(UTC)
        ttl_s = self._access_ttl_s
        if record.expires_at is not None:
            if record.expires_at <= now:
                raise Unauthenticated(f"this personal access token expired on {record.expires_at:%Y-%m-%d %H:%M} UTC;"
                                      " create a new one")
            # The access token never outlives the personal one.
            ttl_s = max(1, min(ttl_s, int((record.expires_at - now) / timedelta(seconds=1))))
        if record.last_used_at is None or now - record.last_used_at >= timedelta(seconds=LAST_USED_RESOLUTION_S):
            await self._repo.touch_access_token(token_id=record.id, min_interval_s=LAST_USED_RESOLUTION_S)
        access_token, expires_at = self._signer.sign(record.user_id, ttl_s=ttl_s, scopes=frozenset(record.scopes),
                                                     token_id=record.id)
        return ExchangedAccessToken(record, access_token, expires_at)
