"""SQL for the linked HH.ru accounts (`hh_accounts`) and the OAuth states of links under way
(`hh_link_states`). Every method takes the caller's connection: the logic owns the transactions (the
refresh holds the account's row lock across HH's answer). Tokens arrive and leave sealed."""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from profile_service.domain import HhAccountRecord


def _account(row: asyncpg.Record) -> HhAccountRecord:
    return HhAccountRecord(str(row["user_id"]), row["hh_user_id"], row["hh_email"], row["hh_name"],
                           bytes(row["access_token"]), bytes(row["refresh_token"]), row["access_expires_at"],
                           row["default_resume_id"], row["needs_relink_reason"], row["linked_at"],
                           row["refreshed_at"])


class HhRepository:
    async def add_link_state(self, conn: asyncpg.Connection, *, state_hash: bytes, user_id: uuid.UUID,
                             now: datetime, expires_at: datetime) -> None:
        # Spent attempts go when a new one starts (anyone's expired ones, this user's used ones): the
        # table holds only live states, so it stays a handful of rows.
        await conn.execute("DELETE FROM hh_link_states WHERE expires_at < $2 OR (user_id = $1 AND used_at IS NOT NULL)",
                           user_id, now)
        await conn.execute("INSERT INTO hh_link_states (state_hash, user_id, created_at, expires_at)"
                           " VALUES ($1, $2, $3, $4)", state_hash, user_id, now, expires_at)

    async def use_link_state(self, conn: asyncpg.Connection, *, state_hash: bytes, user_id: uuid.UUID,
                             now: datetime) -> bool:
        """Mark the state used if it is this user's, unexpired and unused; False otherwise."""
        used = await conn.fetchval(
            "UPDATE hh_link_states SET used_at = $3 WHERE state_hash = $1 AND user_id = $2 AND used_at IS NULL"
            " AND expires_at > $3 RETURNING true", state_hash, user_id, now)
        return bool(used)

    async def save_account(self, conn: asyncpg.Connection, *, user_id: uuid.UUID, hh_user_id: str, email: str,
                           name: str, access_token: bytes, refresh_token: bytes, access_expires_at: datetime | None,
                           now: datetime) -> HhAccountRecord:
        """Link (or link again): the tokens are replaced, the default resume kept if it is the same HH user."""
        row = await conn.fetchrow(
            "INSERT INTO hh_accounts (user_id, hh_user_id, hh_email, hh_name, access_token, refresh_token,"
            " access_expires_at, linked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            " ON CONFLICT (user_id) DO UPDATE SET hh_email = EXCLUDED.hh_email, hh_name = EXCLUDED.hh_name,"
            " access_token = EXCLUDED.access_token, refresh_token = EXCLUDED.refresh_token,"
            " access_expires_at = EXCLUDED.access_expires_at, linked_at = EXCLUDED.linked_at,"
            " needs_relink_reason = '', refreshed_at = NULL,"
            " default_resume_id = CASE WHEN hh_accounts.hh_user_id = EXCLUDED.hh_user_id"
            " THEN hh_accounts.default_resume_id ELSE '' END, hh_user_id = EXCLUDED.hh_user_id"
            " RETURNING *",
            user_id, hh_user_id, email, name, access_token, refresh_token, access_expires_at, now)
        return _account(row)

    async def account(self, conn: asyncpg.Connection, *, user_id: uuid.UUID,
                      for_update: bool = False) -> HhAccountRecord | None:
        row = await conn.fetchrow(
            "SELECT * FROM hh_accounts WHERE user_id = $1" + (" FOR UPDATE" if for_update else ""), user_id)
        return _account(row) if row else None

    async def store_refreshed(self, conn: asyncpg.Connection, *, user_id: uuid.UUID, access_token: bytes,
                              refresh_token: bytes, access_expires_at: datetime | None, now: datetime) -> None:
        await conn.execute(
            "UPDATE hh_accounts SET access_token = $2, refresh_token = $3, access_expires_at = $4, refreshed_at = $5,"
            " needs_relink_reason = '' WHERE user_id = $1",
            user_id, access_token, refresh_token, access_expires_at, now)

    async def mark_needs_relink(self, conn: asyncpg.Connection, *, user_id: uuid.UUID, reason: str) -> None:
        await conn.execute("UPDATE hh_accounts SET needs_relink_reason = $2 WHERE user_id = $1", user_id, reason)

    async def set_default_resume(self, conn: asyncpg.Connection, *, user_id: uuid.UUID,
                                 resume_id: str) -> HhAccountRecord | None:
        row = await conn.fetchrow("UPDATE hh_accounts SET default_resume_id = $2 WHERE user_id = $1 RETURNING *",
                                  user_id, resume_id)
        return _account(row) if row else None

    async def delete_account(self, conn: asyncpg.Connection, *, user_id: uuid.UUID) -> None:
        await conn.execute("DELETE FROM hh_accounts WHERE user_id = $1", user_id)
