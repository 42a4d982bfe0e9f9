"""SQL for applying on HH.ru: the apply queue (`hh_applies`), the token buckets (`hh_apply_buckets`)
and the applies' outcomes (`hh_apply_events`). Every method takes the caller's connection: the claim,
the bucket and the outcome each share one transaction (tracker_service/hh_apply.py)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import asyncpg

from tracker_service.domain import HhApply, HhApplyOutcome, HhApplyState


def apply_from_row(row: asyncpg.Record) -> HhApply:
    return HhApply(id=str(row["id"]), user_id=row["user_id"], application_id=str(row["application_id"]),
                   vacancy_id=row["vacancy_id"], resume_id=row["resume_id"], message=row["message"],
                   state=HhApplyState(row["state"]), token_taken=row["token_taken"], attempts=row["attempts"],
                   not_before=row["not_before"], reason=row["reason"], detail=row["detail"],
                   negotiation_id=row["negotiation_id"], automatic=row["automatic"], created_at=row["created_at"],
                   updated_at=row["updated_at"], search_config_id=row["search_config_id"], daily_cap=row["daily_cap"],
                   dry_run=row["dry_run"])


class HhApplyRepository:
    # --- the queue ----------------------------------------------------------------------------------
    async def insert(self, conn: asyncpg.Connection, *, user_id: str, application_id: uuid.UUID, vacancy_id: str,
                     resume_id: str, message: str, automatic: bool, now: datetime) -> tuple[HhApply, bool]:
        """The new apply, or the existing one for the same (user, vacancy, resume); and whether it is new.
        A user's apply over an automatic one that has not gone out (still waiting for its letter or the
        daily cap, a letter for review, discarded, or stopped by the kill switch) queues that one with this
        letter, as the user's own (no longer automatic, so outside the cap and the kill switch): it counts
        as new."""
        row = await conn.fetchrow(
            "INSERT INTO hh_applies (id, user_id, application_id, vacancy_id, resume_id, message, state, not_before,"
            " automatic, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'QUEUED', $7, $8, $7, $7)"
            " ON CONFLICT (user_id, vacancy_id, resume_id) DO NOTHING RETURNING *",
            uuid.uuid4(), user_id, application_id, vacancy_id, resume_id, message, now, automatic)
        if row is not None:
            return apply_from_row(row), True
        if not automatic:
            row = await conn.fetchrow(
                "UPDATE hh_applies SET state = 'QUEUED', message = $4, not_before = $5, reason = '', detail = '',"
                " automatic = false, updated_at = $5 WHERE user_id = $1 AND vacancy_id = $2 AND resume_id = $3"
                " AND state IN ('PREPARING', 'CAPPED', 'REVIEW', 'DISCARDED', 'STOPPED') RETURNING *",
                user_id, vacancy_id, resume_id, message, now)
            if row is not None:
                return apply_from_row(row), True
        row = await conn.fetchrow("SELECT * FROM hh_applies WHERE user_id = $1 AND vacancy_id = $2 AND resume_id = $3",
                                  user_id, vacancy_id, resume_id)
        return apply_from_row(row), False

    async def claim_due(self, conn: asyncpg.Connection, *, now: datetime) -> HhApply | None:
        """One due apply (queued and due, or sending with its lease run out), locked; others' are skipped."""
        row = await conn.fetchrow(
            "SELECT * FROM hh_applies WHERE state IN ('QUEUED', 'SENDING') AND not_before <= $1"
            " ORDER BY not_before, created_at LIMIT 1 FOR UPDATE SKIP LOCKED", now)
        return apply_from_row(row) if row else None

    async def mark_sending(self, conn: asyncpg.Connection, *, apply_id: uuid.UUID, lease_until: datetime,
                           now: datetime) -> HhApply:
        row = await conn.fetchrow(
            "UPDATE hh_applies SET state = 'SENDING', token_taken = true, attempts = attempts + 1, not_before = $2,"
            " updated_at = $3 WHERE id = $1 RETURNING *", apply_id, lease_until, now)
        return apply_from_row(row)

    async def postpone(self, conn: asyncpg.Connection, *, apply_id: uuid.UUID, not_before: datetime,
                       now: datetime) -> None:
        await conn.execute("UPDATE hh_applies SET not_before = $2, updated_at = $3 WHERE id = $1",
                           apply_id, not_before, now)

    async def finish_attempt(self, conn: asyncpg.Connection, *, apply_id: uuid.UUID, attempt: int,
                             fields: dict[str, Any], now: datetime) -> HhApply | None:
        """Write an attempt's outcome, only if the apply is still that attempt's claim (else None)."""
        names = list(fields)
        sets = ", ".join(f"{name} = ${i + 4}" for i, name in enumerate(names))
        row = await conn.fetchrow(
            f"UPDATE hh_applies SET {sets}, updated_at = $3 WHERE id = $1 AND state = 'SENDING' AND attempts = $2"
            " RETURNING *", apply_id, attempt, now, *[fields[n] for n in names])
        return apply_from_row(row) if row else None

    async def get(self, conn: asyncpg.Connection, *, apply_id: uuid.UUID) -> HhApply | None:
        row = await conn.fetchrow("SELECT * FROM hh_applies WHERE id = $1", apply_id)
        return apply_from_row(row) if row else None

    async def list(self, conn: asyncpg.Connection, *, user_id: str, application_id: uuid.UUID | None,
                   after: tuple[datetime, uuid.UUID] | None, limit: int) -> list[HhApply]:
        args: list[Any] = [user_id]
        where = "user_id = $1"
        if application_id is not None:
            args.append(application_id)
            where += f" AND application_id = ${len(args)}"
        if after is not None:
            args.extend(after)
            where += f" AND (created_at, id) < (${len(args) - 1}, ${len(args)})"
        args.append(limit)
        rows = await conn.fetch(f"SELECT * FROM hh_applies WHERE {where} ORDER BY created_at DESC, id DESC"
                                f" LIMIT ${len(args)}", *args)
        return [apply_from_row(r) for r in rows]

    async def count_waiting(self, conn: asyncpg.Connection, *, user_id: str) -> int:
        return await conn.fetchval(
            "SELECT count(*) FROM hh_applies WHERE user_id = $1 AND state IN ('QUEUED', 'SENDING')", user_id)

    async def add_event(self, conn: asyncpg.Connection, *, apply: HhApply, outcome: HhApplyOutcome, reason: str,
                        body: str, now: datetime, automatic: bool | None = None) -> None:
        """`automatic`: whether the automation did this (default: whether the apply is automatic)."""
        await conn.execute(
            "INSERT INTO hh_apply_events (apply_id, application_id, user_id, outcome, reason, body, at, automatic)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", uuid.UUID(apply.id), uuid.UUID(apply.application_id),
            apply.user_id, outcome.value, reason, body, now, apply.automatic if automatic is None else automatic)

    # --- the buckets --------------------------------------------------------------------------------
    async def lock_bucket(self, conn: asyncpg.Connection, *, user_id: str, capacity: float,
                          now: datetime) -> tuple[float, datetime]:
        """The user's stored level and its time, locked for this transaction (a new bucket starts full)."""
        await conn.execute("INSERT INTO hh_apply_buckets (user_id, tokens, updated_at) VALUES ($1, $2, $3)"
                           " ON CONFLICT (user_id) DO NOTHING", user_id, capacity, now)
        row = await conn.fetchrow("SELECT tokens, updated_at FROM hh_apply_buckets WHERE user_id = $1 FOR UPDATE",
                                  user_id)
        return row["tokens"], row["updated_at"]

    async def read_bucket(self, conn: asyncpg.Connection, *, user_id: str) -> tuple[float, datetime] | None:
        row = await conn.fetchrow("SELECT tokens, updated_at FROM hh_apply_buckets WHERE user_id = $1", user_id)
        return (row["tokens"], row["updated_at"]) if row else None

    async def store_bucket(self, conn: asyncpg.Connection, *, user_id: str, tokens: float, now: datetime) -> None:
        await conn.execute("UPDATE hh_apply_buckets SET tokens = $2, updated_at = $3 WHERE user_id = $1",
                           user_id, tokens, now)
