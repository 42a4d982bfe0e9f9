"""Accounts and sessions: register, sign in, refresh, sign out.

Access tokens are short-lived Ed25519 JWTs (common.auth, signed only here). Refresh tokens are opaque
random strings stored as their SHA-256; each belongs to a session (the sign-in it came from) and is
used once: exchanging it marks it rotated and issues a new one in the same session. Presenting a
rotated token again means two parties hold it (one of them a thief), so the whole session is revoked
and both must sign in again. A session also has an absolute lifetime from its sign-in: refresh tokens
never expire after it, and a refresh past it revokes the session. Signing out revokes the session.
Access tokens name their session (claim `sid`), and a revoked session is announced in Redis
(common.sessions) so the gateway ends the event streams its tokens opened.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import UTC, datetime, timedelta

import asyncpg
from redis.exceptions import RedisError

from common.auth import LEEWAY_S, TokenSigner
from common.errors import InvalidArgument, Unauthenticated
from common.sessions import EndedSessions
from profile_service.domain import IssuedTokens, SignedIn
from profile_service.passwords import PasswordHashing, check_password_policy, normalize_email
from profile_service.repository import ProfileRepository
from profile_service.throttle import LoginThrottle

log = logging.getLogger(__name__)

WRONG_CREDENTIALS = "email or password is incorrect"
MAX_FULL_NAME_CHARS = 200
# Why a refresh was refused after its session was revoked in the same transaction.
REUSED, MAX_AGE_REACHED = "reused", "max_age_reached"


def hash_refresh_token(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


class AccountService:
    def __init__(self, repo: ProfileRepository, *, signer: TokenSigner, hashing: PasswordHashing,
                 throttle: LoginThrottle, access_ttl_s: int, refresh_ttl_s: int, session_max_age_s: int,
                 ended_sessions: EndedSessions | None = None) -> None:
        self._repo = repo
        self._ended_sessions = ended_sessions
        self._signer = signer
        self._hashing = hashing
        self._throttle = throttle
        self._access_ttl_s = access_ttl_s
        self._refresh_ttl = timedelta(seconds=refresh_ttl_s)
        self._session_max_age = timedelta(seconds=session_max_age_s)

    async def register(self, *, email: str, password: str, full_name: str) -> SignedIn:
        email = normalize_email(email)
        check_password_policy(password, email=email)
        full_name = full_name.strip()
        if len(full_name) > MAX_FULL_NAME_CHARS:
            raise InvalidArgument(f"full name must be at most {MAX_FULL_NAME_CHARS} characters")
        password_hash = await self._hashing.hash(password)
        # The sign-up name counts as the user's own: a CV parse will not replace it.
        document = {"full_name": full_name, "contact": {"email": email}} if full_name else {"contact": {"email": email}}
        async with self._repo.pool.acquire() as conn, conn.transaction():
            user = await self._repo.create_user(conn, email=email, password_hash=password_hash, document=document,
                                                user_set_fields=["full_name"] if full_name else [])
            tokens = await self._start_session(conn, user.id)
        log.info("account registered", extra={"user_id": user.id})
        return SignedIn(user, tokens)

    async def login(self, *, email: str, password: str, client_address: str) -> SignedIn:
        try:
            email = normalize_email(email)
        except InvalidArgument:
            # A malformed address cannot have an account; answer as for any unknown one.
            email = email.strip().lower()
        await self._throttle.check(email=email, address=client_address)
        user = await self._repo.user_by_email(email=email)
        ok = await self._hashing.verify(user.password_hash if user else None, password)
        if not ok or user is None:
            await self._throttle.record_failure(email=email, address=client_address)
            log.info("sign-in refused", extra={"client_address": client_address})
            raise Unauthenticated(WRONG_CREDENTIALS)
        await self._throttle.record_success(email=email)
        if self._hashing.needs_rehash(user.password_hash):
            await self._repo.update_password_hash(user_id=user.id, password_hash=await self._hashing.hash(password))
        async with self._repo.pool.acquire() as conn, conn.transaction():
            tokens = await self._start_session(conn, user.id)
        return SignedIn(user, tokens)

    async def refresh(self, *, refresh_token: str) -> IssuedTokens:
        token_hash = hash_refresh_token(refresh_token)
        refused: str | None = None
        async with self._repo.pool.acquire() as conn, conn.transaction():
            record = await self._repo.lock_refresh_token(conn, token_hash=token_hash)
            if record is None:
                raise Unauthenticated("refresh token is not valid; sign in again")
            if record.session_revoked_at is not None:
                raise Unauthenticated("this session has ended; sign in again")
            if record.rotated_at is not None:
                # Revoke in this transaction, which must commit: raise only after it.
                await self._repo.revoke_session(conn, session_id=record.session_id, reason="refresh token reused")
                refused = REUSED
            elif record.session_started_at + self._session_max_age <= datetime.now(UTC):
                # Past the absolute lifetime: end the whole family (same rule: revoke, commit, then raise).
                await self._repo.revoke_session(conn, session_id=record.session_id, reason="maximum age reached")
                refused = MAX_AGE_REACHED
            elif record.expires_at <= datetime.now(UTC):
                raise Unauthenticated("this session has expired; sign in again")
            else:
                await self._repo.mark_rotated(conn, token_hash=token_hash)
                return await self._issue(conn, record.user_id, record.session_id,
                                         session_ends_at=record.session_started_at + self._session_max_age)
        await self._announce_ended(record.session_id)
        if refused == REUSED:
            log.warning("refresh token reused; session revoked", extra={"session_id": record.session_id,
                                                                         "user_id": record.user_id})
            raise Unauthenticated(
                "this refresh token was already used, so the session was ended for safety; sign in again")
        log.info("session reached its maximum age; revoked", extra={"session_id": record.session_id,
                                                                     "user_id": record.user_id})
        raise Unauthenticated("your session has expired; sign in again")

    async def logout(self, *, refresh_token: str) -> None:
        """Ends the session the token belongs to. Unknown or already-ended tokens are fine: signing out twice
        is not an error."""
        async with self._repo.pool.acquire() as conn, conn.transaction():
            record = await self._repo.lock_refresh_token(conn, token_hash=hash_refresh_token(refresh_token))
            if record is not None:
                await self._repo.revoke_session(conn, session_id=record.session_id, reason="signed out")
        if record is not None:
            await self._announce_ended(record.session_id)

    async def _announce_ended(self, session_id: str) -> None:
        """After the revocation committed. Redis down: logged, not raised; the session is ended all the same,
        and streams its tokens opened end when those tokens expire."""
        if self._ended_sessions is None:
            return
        try:
            await self._ended_sessions.add(session_id, remember_s=self._access_ttl_s + LEEWAY_S)
        except (RedisError, OSError) as exc:
            log.warning("cannot announce an ended session; its open streams end when its tokens expire",
                        extra={"session_id": session_id, "error": str(exc)})

    async def _start_session(self, conn: asyncpg.Connection, user_id: str) -> IssuedTokens:
        started_at = datetime.now(UTC)
        session_id = await self._repo.create_session(conn, user_id=user_id, started_at=started_at)
        return await self._issue(conn, user_id, session_id, session_ends_at=started_at + self._session_max_age)

    async def _issue(self, conn: asyncpg.Connection, user_id: str, session_id: str, *,
                     session_ends_at: datetime) -> IssuedTokens:
        access, access_expires = self._signer.sign(user_id, ttl_s=self._access_ttl_s, session_id=session_id)
        refresh = secrets.token_urlsafe(32)
        # A refresh token never outlives its session, so clients see the real end in refresh_expires_at.
        refresh_expires = min(datetime.now(UTC) + self._refresh_ttl, session_ends_at)
        await self._repo.add_refresh_token(conn, token_hash=hash_refresh_token(refresh), session_id=session_id,
                                           user_id=user_id, expires_at=refresh_expires)
        return IssuedTokens(access, access_expires, refresh, refresh_expires)
