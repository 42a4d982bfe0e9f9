"""The linked HH.ru account (docs/hh.md): OAuth linking, tokens sealed at rest, refresh, unlink, resumes.

- Linking: `start_link` stores a random `state` (as its SHA-256) bound to the user, for
  `hh_link_state_ttl_s`; `complete_link` accepts it once, for that user only, before the code is
  exchanged here (the client secret never leaves this service).
- Tokens are sealed with `common.secret_box` for the context "hh:<user id>:access|refresh".
- Refresh only after HH answered `token_expired`, one at a time per account across replicas: under
  the account's row lock, and only if the stored token is still the one that expired (otherwise another
  replica has refreshed it and that token is used). A refused refresh marks the account "link again".
- Unlink revokes the token at HH (best effort: an HH error does not keep the tokens here) and deletes.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlencode

import asyncpg

from common.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied, Unavailable
from common.hh_api import HhApi, HhError, HhResume, describe_refusal, needs_relink
from common.secret_box import SecretBox, SecretBoxError, generate_key_spec
from common.settings import ConfigError
from profile_service.domain import HhAccountRecord, HhLinkStart, HhLinkStatus
from profile_service.hh_repository import HhRepository
from profile_service.repository import parse_uuid
from profile_service.settings import ProfileSettings

log = logging.getLogger(__name__)
T = TypeVar("T")
Clock = Callable[[], datetime]

NOT_ENABLED = "linking an HH.ru account is not enabled on this installation (the operator sets it up: docs/hh.md)"
NOT_LINKED = "no HH.ru account is linked; link one first"
BAD_STATE = "this link attempt is not valid (expired, already used or not yours); start linking again"
MAX_CODE = 512
MAX_VACANCY_ID = 20


def utc_now() -> datetime:
    return datetime.now(UTC)


def token_box(settings: ProfileSettings) -> SecretBox | None:
    """The key list sealing the tokens: HH_TOKEN_KEYS, or in dev/test a throw-away key kept under
    DATA_DIR/keys; None when linking is off and no keys are given."""
    if settings.hh_token_keys:
        return SecretBox.from_spec(settings.hh_token_keys)
    if not settings.hh_enabled:
        return None
    if not settings.is_dev:
        raise ConfigError("HH_TOKEN_KEYS is required when HH linking is on (python -m common.secret_box prints a key)")
    path = Path(settings.data_dir) / "keys" / "hh_token_keys"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generate_key_spec("dev"))
        path.chmod(0o600)
    return SecretBox.from_spec(path.read_text().strip())


def _state_hash(state: str) -> bytes:
    return hashlib.sha256(state.encode()).digest()


def _user(user_id: str) -> uuid.UUID:
    uid = parse_uuid(user_id)
    if uid is None:
        raise InvalidArgument("user_id is not a valid id")
    return uid


class HhAccounts:
    def __init__(self, pool: asyncpg.Pool, *, settings: ProfileSettings, api: HhApi | None,
                 box: SecretBox | None, clock: Clock = utc_now) -> None:
        self._pool = pool
        self._repo = HhRepository()
        self._settings = settings
        self._api = api if settings.hh_enabled else None
        self._box = box
        self._now = clock

    @classmethod
    def from_settings(cls, pool: asyncpg.Pool, settings: ProfileSettings) -> HhAccounts:
        api = None
        if settings.hh_enabled:
            if not settings.hh_user_agent.strip():
                raise ConfigError("HH_USER_AGENT is required when HH linking is on: your app's name and contact, "
                                  "e.g. 'JobMate/1.0 (ops@example.org)'")
            api = HhApi(api_url=settings.hh_api_url, user_agent=settings.hh_user_agent, timeout_s=settings.hh_timeout_s)
        return cls(pool, settings=settings, api=api, box=token_box(settings))

    async def aclose(self) -> None:
        if self._api is not None:
            await self._api.aclose()

    @property
    def enabled(self) -> bool:
        return self._api is not None and self._box is not None

    def _require_enabled(self) -> tuple[HhApi, SecretBox]:
        if self._api is None or self._box is None:
            raise FailedPrecondition(NOT_ENABLED)
        return self._api, self._box

    def _seal(self, user_id: uuid.UUID, kind: str, token: str) -> bytes:
        return self._require_enabled()[1].seal(token, context=f"hh:{user_id}:{kind}")

    def _open(self, user_id: uuid.UUID, kind: str, sealed: bytes) -> str:
        try:
            return self._require_enabled()[1].open(sealed, context=f"hh:{user_id}:{kind}")
        except SecretBoxError as exc:
            log.error("a linked HH account's tokens do not open", extra={"user_id": str(user_id), "error": str(exc)})
            raise FailedPrecondition("your HH.ru link can no longer be read here (its key is gone): link it again") \
                from None

    # --- linking ----------------------------------------------------------------------------------------
    async def status(self, *, user_id: str) -> HhLinkStatus:
        async with self._pool.acquire() as conn:
            account = await self._repo.account(conn, user_id=_user(user_id))
        return HhLinkStatus(self.enabled, account)

    async def start_link(self, *, user_id: str) -> HhLinkStart:
        self._require_enabled()
        uid, now = _user(user_id), self._now()
        state = secrets.token_urlsafe(32)
        expires_at = now + timedelta(seconds=self._settings.hh_link_state_ttl_s)
        async with self._pool.acquire() as conn:
            await self._repo.add_link_state(conn, state_hash=_state_hash(state), user_id=uid, now=now,
                                            expires_at=expires_at)
        query = {"response_type": "code", "client_id": self._settings.hh_client_id, "state": state}
        if self._settings.hh_redirect_uri:
            query["redirect_uri"] = self._settings.hh_redirect_uri
        return HhLinkStart(f"{self._settings.hh_authorize_url}?{urlencode(query)}", expires_at)

    async def complete_link(self, *, user_id: str, code: str, state: str, error: str = "") -> HhAccountRecord:
        api, _ = self._require_enabled()
        uid = _user(user_id)
        if not state or len(state) > 200:
            raise PermissionDenied(BAD_STATE)
        # The state is spent before anything else, whatever follows: a replay finds it used.
        async with self._pool.acquire() as conn:
            if not await self._repo.use_link_state(conn, state_hash=_state_hash(state), user_id=uid, now=self._now()):
                raise PermissionDenied(BAD_STATE)
        if error:
            raise FailedPrecondition(f"HH.ru did not link the account ({error[:100]}); start linking again to retry")
        if not code or len(code) > MAX_CODE:
            raise InvalidArgument("code: HH.ru's authorization code is missing or malformed")
        try:
            tokens = await api.exchange_code(client_id=self._settings.hh_client_id,
                                             client_secret=self._settings.hh_client_secret, code=code,
                                             redirect_uri=self._settings.hh_redirect_uri)
            me = await api.me(token=tokens.access_token)
        except HhError as exc:
            raise self._refusal(exc, linking=True) from None
        now = self._now()
        expires = now + timedelta(seconds=tokens.expires_in_s) if tokens.expires_in_s else None
        async with self._pool.acquire() as conn:
            return await self._repo.save_account(
                conn, user_id=uid, hh_user_id=me.id, email=me.email, name=me.name,
                access_token=self._seal(uid, "access", tokens.access_token),
                refresh_token=self._seal(uid, "refresh", tokens.refresh_token), access_expires_at=expires, now=now)

    async def unlink(self, *, user_id: str) -> bool:
        """Revoke at HH (best effort) and delete; True when HH confirmed the revocation."""
        uid = _user(user_id)
        async with self._pool.acquire() as conn, conn.transaction():
            account = await self._repo.account(conn, user_id=uid, for_update=True)
            if account is None:
                raise NotFound(NOT_LINKED)
            revoked = False
            if self._api is not None and self._box is not None:
                try:
                    await self._api.revoke(token=self._open(uid, "access", account.sealed_access_token))
                    revoked = True
                except (HhError, FailedPrecondition) as exc:  # the user still wants it gone from here
                    log.warning("HH did not revoke the token at unlink", extra={"error": str(exc)})
            await self._repo.delete_account(conn, user_id=uid)
        return revoked

    # --- tokens -----------------------------------------------------------------------------------------
    async def access_token(self, *, user_id: str, expired: str = "") -> tuple[str, HhAccountRecord]:
        """The account's access token; with `expired` (a token HH answered token_expired for), a fresh one."""
        uid = _user(user_id)
        self._require_enabled()
        if not expired:
            async with self._pool.acquire() as conn:
                account = await self._repo.account(conn, user_id=uid)
            return self._usable(uid, account), account  # type: ignore[return-value]
        return await self._refresh(uid, expired)

    def _usable(self, uid: uuid.UUID, account: HhAccountRecord | None) -> str:
        if account is None:
            raise NotFound(NOT_LINKED)
        if account.needs_relink_reason:
            raise FailedPrecondition(f"HH.ru no longer accepts your linked account "
                                     f"({account.needs_relink_reason}): link it again")
        return self._open(uid, "access", account.sealed_access_token)

    async def _refresh(self, uid: uuid.UUID, expired: str) -> tuple[str, HhAccountRecord]:
        api, _ = self._require_enabled()
        refused: HhError | None = None
        async with self._pool.acquire() as conn, conn.transaction():
            account = await self._repo.account(conn, user_id=uid, for_update=True)
            current = self._usable(uid, account)
            assert account is not None
            if current != expired:  # refreshed by someone else while we waited for the lock
                return current, account
            try:
                tokens = await api.refresh(refresh_token=self._open(uid, "refresh", account.sealed_refresh_token))
            except HhError as exc:
                if exc.transient:
                    raise Unavailable(describe_refusal(exc)) from None
                refused = exc
                await self._repo.mark_needs_relink(conn, user_id=uid, reason=exc.value or exc.type)
            else:
                now = self._now()
                await self._repo.store_refreshed(
                    conn, user_id=uid, access_token=self._seal(uid, "access", tokens.access_token),
                    refresh_token=self._seal(uid, "refresh", tokens.refresh_token or ""),
                    access_expires_at=now + timedelta(seconds=tokens.expires_in_s) if tokens.expires_in_s else None,
                    now=now)
                log.info("HH tokens refreshed", extra={"user_id": str(uid)})
                return tokens.access_token, account
        assert refused is not None
        raise FailedPrecondition(f"HH.ru refused to renew access ({refused.reason}): link your account again")

    async def _call(self, user_id: str, call: Callable[[str], Awaitable[T]]) -> T:
        """An HH call with the user's token; refreshed once if HH says it expired."""
        api, _ = self._require_enabled()
        token, _account = await self.access_token(user_id=user_id)
        try:
            try:
                return await call(token)
            except HhError as exc:
                if not exc.token_expired:
                    raise
            token, _account = await self.access_token(user_id=user_id, expired=token)
            return await call(token)
        except HhError as exc:
            raise await self._refusal_for(user_id, exc) from None

    async def _refusal_for(self, user_id: str, error: HhError) -> Exception:
        if needs_relink(error):
            async with self._pool.acquire() as conn:
                await self._repo.mark_needs_relink(conn, user_id=_user(user_id), reason=error.reason)
        return self._refusal(error)

    @staticmethod
    def _refusal(error: HhError, *, linking: bool = False) -> Exception:
        if error.transient:
            return Unavailable(describe_refusal(error))
        if linking and error.type in ("invalid_grant", "invalid_request", "invalid_client"):
            return FailedPrecondition(f"HH.ru did not accept the link ({error.type}: {error.value}); start again")
        return FailedPrecondition(describe_refusal(error))

    # --- resumes ----------------------------------------------------------------------------------------
    async def resumes(self, *, user_id: str, vacancy_id: str = "") -> tuple[list[HhResume], str]:
        """The user's HH resumes (or those that can apply to `vacancy_id`) and their default's id."""
        api, _ = self._require_enabled()
        if vacancy_id and (len(vacancy_id) > MAX_VACANCY_ID or not vacancy_id.isdigit()):
            raise InvalidArgument("vacancy_id: an HH.ru vacancy id is a number")
        if vacancy_id:
            found = await self._call(user_id, lambda t: api.suitable_resumes(token=t, vacancy_id=vacancy_id))
        else:
            found = await self._call(user_id, lambda t: api.resumes_mine(token=t))
        status = await self.status(user_id=user_id)
        return found, status.account.default_resume_id if status.account else ""

    async def set_default_resume(self, *, user_id: str, resume_id: str) -> HhAccountRecord:
        api, _ = self._require_enabled()
        resume_id = resume_id.strip()
        if resume_id:
            mine = await self._call(user_id, lambda t: api.resumes_mine(token=t))
            if resume_id not in {r.id for r in mine}:
                raise InvalidArgument("resume_id: not one of your HH.ru resumes")
        async with self._pool.acquire() as conn:
            account = await self._repo.set_default_resume(conn, user_id=_user(user_id), resume_id=resume_id)
        if account is None:
            raise NotFound(NOT_LINKED)
        return account
