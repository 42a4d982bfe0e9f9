"""Data access for profile_service's schema `profile`: keyword-only methods returning domain objects.

Methods that must share a transaction with others take the connection (`conn`); the caller owns the
transaction. Nothing here knows about gRPC or protobuf: documents are plain dicts, the types are
domain.py's.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import asyncpg

from common.errors import AlreadyExists
from profile_service.domain import (
    AccessTokenRecord,
    CvParseStatus,
    CvRecord,
    HandledCommand,
    ProfileRecord,
    RefreshTokenRecord,
    SearchConfigRecord,
    UserRecord,
)


def parse_uuid(value: str) -> uuid.UUID | None:
    """Ids arrive as strings from callers; anything that is not a UUID simply matches nothing."""
    try:
        return uuid.UUID(value)
    except (ValueError, TypeError, AttributeError):
        return None


def _user(row: asyncpg.Record) -> UserRecord:
    return UserRecord(str(row["id"]), row["email"], row["password_hash"], row["created_at"])


def _cv(row: asyncpg.Record) -> CvRecord:
    return CvRecord(str(row["id"]), str(row["user_id"]), row["sha256"], row["filename"], row["size_bytes"],
                    row["page_count"], row["overwrite_profile"], str(row["parse_command_id"]),
                    CvParseStatus(row["parse_status"]),
                    row["parse_error"], list(row["fields_filled"]), row["uploaded_at"], row["parsed_at"],
                    list(row["fields_unread"]), list(row["fields_missing"]))


def _search(row: asyncpg.Record) -> SearchConfigRecord:
    return SearchConfigRecord(str(row["id"]), str(row["user_id"]), row["config"], row["active"], row["created_at"],
                              row["updated_at"], row["inactive_reason"])


def _access_token(row: asyncpg.Record) -> AccessTokenRecord:
    return AccessTokenRecord(str(row["id"]), str(row["user_id"]), row["name"], row["prefix"], tuple(row["scopes"]),
                             row["created_at"], row["expires_at"], row["last_used_at"], row["revoked_at"])


_ACCESS_TOKEN_COLUMNS = "id, user_id, name, prefix, scopes, created_at, expires_at, last_used_at, revoked_at"

_CV_COLUMNS = ("id, user_id, sha256, filename, size_bytes, page_count, overwrite_profile, parse_command_id,"
               " parse_status, parse_error, fields_filled, uploaded_at, parsed_at, fields_unread, fields_missing")


class ProfileRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    # --- users and sessions ------------------------------------------------------------------------
    async def create_user(self, conn: asyncpg.Connection, *, email: str, password_hash: str,
                          document: dict[str, Any], user_set_fields: list[str]) -> UserRecord:
        user_id = uuid.uuid4()
        try:
            row = await conn.fetchrow(
                "INSERT INTO users (id, email, password_hash) VALUES ($1, $2, $3) RETURNING *",
                user_id, email, password_hash)
        except asyncpg.UniqueViolationError as exc:
            raise AlreadyExists("an account with this email already exists; sign in instead") from exc
        await conn.execute("INSERT INTO profiles (user_id, document, user_set_fields) VALUES ($1, $2, $3)",
                           user_id, document, user_set_fields)
        return _user(row)

    async def user_by_email(self, *, email: str) -> UserRecord | None:
        row = await self.pool.fetchrow("SELECT * FROM users WHERE email = $1", email)
        return _user(row) if row else None

    async def user_by_id(self, *, user_id: str) -> UserRecord | None:
        uid = parse_uuid(user_id)
        row = await self.pool.fetchrow("SELECT * FROM users WHERE id = $1", uid) if uid else None
        return _user(row) if row else None

    async def update_password_hash(self, *, user_id: str, password_hash: str) -> None:
        await self.pool.execute("UPDATE users SET password_hash = $2 WHERE id = $1", uuid.UUID(user_id),
                                password_hash)

    async def create_session(self, conn: asyncpg.Connection, *, user_id: str, started_at: datetime) -> str:
        session_id = uuid.uuid4()
        await conn.execute("INSERT INTO sessions (id, user_id, created_at) VALUES ($1, $2, $3)", session_id,
                           uuid.UUID(user_id), started_at)
        return str(session_id)

    async def add_refresh_token(self, conn: asyncpg.Connection, *, token_hash: bytes, session_id: str,
                                user_id: str, expires_at: datetime) -> None:
        await conn.execute(
            "INSERT INTO refresh_tokens (token_hash, session_id, user_id, expires_at) VALUES ($1, $2, $3, $4)",
            token_hash, uuid.UUID(session_id), uuid.UUID(user_id), expires_at)

    async def lock_refresh_token(self, conn: asyncpg.Connection, *, token_hash: bytes) -> RefreshTokenRecord | None:
        """The token and its session, locked so two exchanges of one token are serialised."""
        row = await conn.fetchrow(
            "SELECT t.session_id, t.user_id, t.expires_at, t.rotated_at, s.revoked_at, s.created_at"
            " FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id"
            " WHERE t.token_hash = $1 FOR UPDATE OF t, s", token_hash)
        if row is None:
            return None
        return RefreshTokenRecord(str(row["session_id"]), str(row["user_id"]), row["expires_at"], row["rotated_at"],
                                  row["revoked_at"], row["created_at"])

    async def mark_rotated(self, conn: asyncpg.Connection, *, token_hash: bytes) -> None:
        await conn.execute("UPDATE refresh_tokens SET rotated_at = now() WHERE token_hash = $1", token_hash)

    async def revoke_session(self, conn: asyncpg.Connection, *, session_id: str, reason: str) -> None:
        await conn.execute(
            "UPDATE sessions SET revoked_at = now(), revoke_reason = $2 WHERE id = $1 AND revoked_at IS NULL",
            uuid.UUID(session_id), reason)

    # --- profiles ----------------------------------------------------------------------------------
    async def get_profile(self, *, user_id: str, conn: asyncpg.Connection | None = None,
                          for_update: bool = False) -> ProfileRecord | None:
        uid = parse_uuid(user_id)
        if uid is None:
            return None
        executor = conn or self.pool
        row = await executor.fetchrow(
            "SELECT * FROM profiles WHERE user_id = $1" + (" FOR UPDATE" if for_update else ""), uid)
        if row is None:
            return None
        cv = await self.get_cv(cv_id=str(row["current_cv_id"]), conn=conn) if row["current_cv_id"] else None
        return ProfileRecord(str(row["user_id"]), row["document"], frozenset(row["user_set_fields"]), cv,
                             row["cv_text"], row["updated_at"])

    async def get_profiles(self, *, user_ids: list[str]) -> list[ProfileRecord]:
        ids = [uid for uid in (parse_uuid(u) for u in user_ids) if uid is not None]
        if not ids:
            return []
        rows = await self.pool.fetch(
            "SELECT p.*, c.id AS cv_id FROM profiles p LEFT JOIN cv_files c ON c.id = p.current_cv_id"
            " WHERE p.user_id = ANY($1::uuid[])", ids)
        cv_ids = [r["cv_id"] for r in rows if r["cv_id"] is not None]
        cvs = {}
        if cv_ids:
            cvs = {str(r["id"]): _cv(r) for r in await self.pool.fetch(
                f"SELECT {_CV_COLUMNS} FROM cv_files WHERE id = ANY($1::uuid[])", cv_ids)}
        return [ProfileRecord(str(r["user_id"]), r["document"], frozenset(r["user_set_fields"]),
                              cvs.get(str(r["cv_id"])) if r["cv_id"] else None, r["cv_text"], r["updated_at"])
                for r in rows]

    async def save_profile(self, conn: asyncpg.Connection, *, user_id: str, document: dict[str, Any],
                           user_set_fields: frozenset[str] | set[str], cv_text: str | None = None) -> datetime:
        """Returns the profile's new updated_at (its version, which fit scores are computed from)."""
        return await conn.fetchval(
            "UPDATE profiles SET document = $2, user_set_fields = $3, cv_text = COALESCE($4, cv_text),"
            " updated_at = now() WHERE user_id = $1 RETURNING updated_at",
            uuid.UUID(user_id), document, sorted(user_set_fields), cv_text)

    # --- CV files ----------------------------------------------------------------------------------
    async def add_cv(self, conn: asyncpg.Connection, *, user_id: str, sha256: str, filename: str, size_bytes: int,
                     page_count: int, overwrite_profile: bool, parse_command_id: str) -> CvRecord:
        row = await conn.fetchrow(
            "INSERT INTO cv_files (id, user_id, sha256, filename, size_bytes, page_count, overwrite_profile,"
            f" parse_command_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {_CV_COLUMNS}",
            uuid.uuid4(), uuid.UUID(user_id), sha256, filename, size_bytes, page_count, overwrite_profile,
            uuid.UUID(parse_command_id))
        await conn.execute("UPDATE profiles SET current_cv_id = $2, updated_at = now() WHERE user_id = $1",
                           uuid.UUID(user_id), row["id"])
        return _cv(row)

    async def get_cv(self, *, cv_id: str, conn: asyncpg.Connection | None = None,
                     for_update: bool = False) -> CvRecord | None:
        cid = parse_uuid(cv_id)
        if cid is None:
            return None
        row = await (conn or self.pool).fetchrow(
            f"SELECT {_CV_COLUMNS} FROM cv_files WHERE id = $1" + (" FOR UPDATE" if for_update else ""), cid)
        return _cv(row) if row else None

    async def cv_by_command(self, conn: asyncpg.Connection, *, command_id: str) -> CvRecord | None:
        cid = parse_uuid(command_id)
        row = await conn.fetchrow(f"SELECT {_CV_COLUMNS} FROM cv_files WHERE parse_command_id = $1", cid) \
            if cid else None
        return _cv(row) if row else None

    async def finish_cv_parse(self, conn: asyncpg.Connection, *, cv_id: str, ok: bool, error: str = "",
                              fields_filled: list[str] | None = None, fields_unread: list[str] | None = None,
                              fields_missing: list[str] | None = None) -> None:
        """A failure clears what an earlier parse of this record said was unread or missing."""
        await conn.execute(
            "UPDATE cv_files SET parse_status = $2, parse_error = $3, fields_filled = $4, fields_unread = $5,"
            " fields_missing = $6, parsed_at = now() WHERE id = $1",
            uuid.UUID(cv_id), CvParseStatus.DONE if ok else CvParseStatus.FAILED, error, fields_filled or [],
            fields_unread or [], fields_missing or [])

    # --- handled internal commands -----------------------------------------------------------------
    async def handled_command(self, conn: asyncpg.Connection, *, command_id: str) -> HandledCommand | None:
        """What was recorded for a command already handled, locking out a concurrent duplicate until the
        caller's transaction ends."""
        await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", command_id)
        row = await conn.fetchrow("SELECT kind, result FROM handled_commands WHERE command_id = $1", command_id)
        return HandledCommand(row["kind"], row["result"]) if row else None

    async def record_handled(self, conn: asyncpg.Connection, *, command_id: str, kind: str,
                             result: dict[str, Any]) -> None:
        """Records (or replaces, for a result that arrives after a give-up) what a command did. Callers hold
        the lock taken by `handled_command`."""
        await conn.execute(
            "INSERT INTO handled_commands (command_id, kind, result) VALUES ($1, $2, $3)"
            " ON CONFLICT (command_id) DO UPDATE SET kind = EXCLUDED.kind, result = EXCLUDED.result,"
            " handled_at = now()", command_id, kind, result)

    # --- search configs ----------------------------------------------------------------------------
    async def create_search(self, *, user_id: str, config: dict[str, Any]) -> SearchConfigRecord:
        row = await self.pool.fetchrow(
            "INSERT INTO search_configs (id, user_id, config) VALUES ($1, $2, $3) RETURNING *",
            uuid.uuid4(), uuid.UUID(user_id), config)
        return _search(row)

    async def get_search(self, *, search_id: str, user_id: str | None,
                         conn: asyncpg.Connection | None = None, for_update: bool = False) -> SearchConfigRecord | None:
        """A search by id; with `user_id`, only if that user owns it (others' ids look like unknown ones)."""
        sid = parse_uuid(search_id)
        if sid is None:
            return None
        row = await (conn or self.pool).fetchrow(
            "SELECT * FROM search_configs WHERE id = $1 AND ($2::uuid IS NULL OR user_id = $2)"
            + (" FOR UPDATE" if for_update else ""), sid, parse_uuid(user_id) if user_id else None)
        return _search(row) if row else None

    async def get_searches(self, *, ids: list[str]) -> list[SearchConfigRecord]:
        uuids = [sid for sid in (parse_uuid(i) for i in ids) if sid is not None]
        if not uuids:
            return []
        rows = await self.pool.fetch("SELECT * FROM search_configs WHERE id = ANY($1::uuid[])", uuids)
        return [_search(r) for r in rows]

    async def list_searches(self, *, user_id: str, include_inactive: bool) -> list[SearchConfigRecord]:
        rows = await self.pool.fetch(
            "SELECT * FROM search_configs WHERE user_id = $1 AND (active OR $2) ORDER BY created_at, id",
            uuid.UUID(user_id), include_inactive)
        return [_search(r) for r in rows]

    async def count_searches(self, *, user_id: str) -> int:
        return await self.pool.fetchval("SELECT count(*) FROM search_configs WHERE user_id = $1 AND active",
                                        uuid.UUID(user_id))

    async def update_search(self, conn: asyncpg.Connection, *, search_id: str, config: dict[str, Any],
                            active: bool) -> SearchConfigRecord:
        row = await conn.fetchrow(
            "UPDATE search_configs SET config = $2, active = $3,"
            " inactive_reason = CASE WHEN $3 THEN '' ELSE inactive_reason END, updated_at = now()"
            " WHERE id = $1 RETURNING *", uuid.UUID(search_id), config, active)
        return _search(row)

    async def deactivate_search(self, *, search_id: str, user_id: str, reason: str) -> bool:
        status = await self.pool.execute(
            "UPDATE search_configs SET active = false, inactive_reason = $3, updated_at = now()"
            " WHERE id = $1 AND user_id = $2", parse_uuid(search_id), uuid.UUID(user_id), reason)
        return status != "UPDATE 0"

    async def deactivate_all_searches(self, conn: asyncpg.Connection, *, user_id: str, reason: str) -> int:
        status = await conn.execute(
            "UPDATE search_configs SET active = false, inactive_reason = $2, updated_at = now()"
            " WHERE user_id = $1 AND active", uuid.UUID(user_id), reason)
        return int(status.split()[-1])

    async def list_active_searches(self, *, after_id: str | None, limit: int) -> list[SearchConfigRecord]:
        rows = await self.pool.fetch(
            "SELECT * FROM search_configs WHERE active AND ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2",
            parse_uuid(after_id) if after_id else None, limit)
        return [_search(r) for r in rows]

    async def count_active_searches(self) -> int:
        return await self.pool.fetchval("SELECT count(*) FROM search_configs WHERE active")

    # --- personal access tokens ----------------------------------------------------------------------
    async def add_access_token(self, conn: asyncpg.Connection, *, user_id: str, name: str, token_hash: bytes,
                               prefix: str, scopes: list[str], expires_at: datetime | None) -> AccessTokenRecord:
        row = await conn.fetchrow(
            "INSERT INTO personal_access_tokens (id, user_id, name, token_hash, prefix, scopes, expires_at)"
            f" VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {_ACCESS_TOKEN_COLUMNS}",
            uuid.uuid4(), uuid.UUID(user_id), name, token_hash, prefix, scopes, expires_at)
        return _access_token(row)

    async def count_live_access_tokens(self, conn: asyncpg.Connection, *, user_id: str) -> int | None:
        """Tokens neither revoked nor expired (None: no such user); the user's row is locked so two
        creations count in turn."""
        if await conn.fetchval("SELECT 1 FROM users WHERE id = $1 FOR UPDATE", uuid.UUID(user_id)) is None:
            return None
        return await conn.fetchval(
            "SELECT count(*) FROM personal_access_tokens WHERE user_id = $1 AND revoked_at IS NULL"
            " AND (expires_at IS NULL OR expires_at > now())", uuid.UUID(user_id))

    async def list_access_tokens(self, *, user_id: str) -> list[AccessTokenRecord]:
        rows = await self.pool.fetch(
            f"SELECT {_ACCESS_TOKEN_COLUMNS} FROM personal_access_tokens WHERE user_id = $1 AND revoked_at IS NULL"
            " ORDER BY created_at DESC, id", uuid.UUID(user_id))
        return [_access_token(row) for row in rows]

    async def revoke_access_token(self, *, token_id: str, user_id: str) -> bool:
        """False when the user has no such token (revoking a revoked one again is fine)."""
        tid = parse_uuid(token_id)
        if tid is None:
            return False
        row = await self.pool.fetchrow(
            "UPDATE personal_access_tokens SET revoked_at = coalesce(revoked_at, now())"
            " WHERE id = $1 AND user_id = $2 RETURNING id", tid, uuid.UUID(user_id))
        return row is not None

    async def access_token_by_hash(self, *, token_hash: bytes) -> AccessTokenRecord | None:
        row = await self.pool.fetchrow(
            f"SELECT {_ACCESS_TOKEN_COLUMNS} FROM personal_access_tokens WHERE token_hash = $1", token_hash)
        return _access_token(row) if row else None

    async def touch_access_token(self, *, token_id: str, min_interval_s: int) -> None:
        """Record a use, unless one was recorded less than `min_interval_s` ago."""
        await self.pool.execute(
            "UPDATE personal_access_tokens SET last_used_at = now() WHERE id = $1"
            " AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))",
            uuid.UUID(token_id), float(min_interval_s))
