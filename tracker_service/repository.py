"""Data access for tracker_service's schema `tracker`: keyword-only methods returning domain objects.

Every method takes the caller's connection, so the domain layer decides what shares a transaction
(a state change and its outbox row always do). Methods that read or change one user's card take that
user's id and match on it: a card of another user is simply not found.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import asyncpg

from tracker_service.domain import (
    AnalysisState,
    Application,
    CardRow,
    HistoryEntry,
    HistoryRow,
    JobSnapshot,
    Note,
    Page,
    Sort,
    Status,
)

# Stored values -> enum members by a dict lookup, cheaper than calling the enum class (a board reads 100 rows).
_STATUSES = {member.value: member for member in Status}
_ANALYSIS_STATES = {member.value: member for member in AnalysisState}


def application_from_row(row: asyncpg.Record) -> Application:
    return Application(
        id=str(row["id"]), user_id=row["user_id"],
        job=JobSnapshot(job_id=row["job_id"], title=row["job_title"], company=row["job_company"],
                        location=row["job_location"], url=row["job_url"], source=row["job_source"]),
        search_config_id=row["search_config_id"], status=_STATUSES[row["status"]], version=row["version"],
        analysis_state=_ANALYSIS_STATES[row["analysis_state"]],
        analysis_command_id=str(row["analysis_command_id"]) if row["analysis_command_id"] else None,
        analysis=row["analysis"], analysis_score=row["analysis_score"], analysis_error=row["analysis_error"],
        rating=row["rating"], follow_up_at=row["follow_up_at"], follow_up_fired_at=row["follow_up_fired_at"],
        interview_at=row["interview_at"], created_at=row["created_at"], updated_at=row["updated_at"],
        company_id=str(row["company_id"]), last_activity_at=row["last_activity_at"],
        no_response_at=row["no_response_at"])


def _history_entry(row: asyncpg.Record) -> HistoryEntry:
    return HistoryEntry(from_status=Status(row["from_status"]) if row["from_status"] else None,
                        to_status=Status(row["to_status"]), at=row["at"], by_user_id=row["by_user_id"],
                        note=row["note"], correction=row["correction"], reopen=row["reopen"])


def _note(row: asyncpg.Record) -> Note:
    return Note(id=str(row["id"]), application_id=str(row["application_id"]), body=row["body"],
                created_at=row["created_at"], updated_at=row["updated_at"])


# Lists and the board return each application whole, analysis included: a projection would reach
# clients as an analysis with no pros, no breakdown and no letter, which reads as "there are none".
_FULL_COLUMNS = "a.*"

# For each sort: the SQL key expression, its direction, and how a cursor value is read back.
SORT_KEYS: dict[Sort, tuple[str, str]] = {
    Sort.UPDATED_DESC: ("a.updated_at", "DESC"),
    Sort.CREATED_DESC: ("a.created_at", "DESC"),
    Sort.SCORE_DESC: ("COALESCE(a.analysis_score, -1)", "DESC"),
    Sort.FOLLOW_UP_ASC: ("COALESCE(a.follow_up_at, 'infinity'::timestamptz)", "ASC"),
}


# The columns a board card shows (convert.fill_card_from_board_row), without the stored analysis (the
# largest column by far), for a board that shows scores.
_CARD_COLUMNS = ("id, user_id, job_id, search_config_id, job_title, job_company, job_location, job_url, job_source,"
                 " status, version, analysis_state, analysis_score, analysis_error, rating, follow_up_at,"
                 " interview_at, created_at, updated_at, company_id, last_activity_at, no_response_at")


def _board_sql(columns: str) -> str:
    """The board in one statement ($1 user, $2 cards per column): each column's first cards, most recently
    updated first, each carrying its column's counts (all its cards, those flagged "no response": complete,
    as every non-empty column has a first card) and its notes oldest first as (id, body, created_at,
    updated_at) records. Three statements before (counts, cards, notes): two round trips more per board."""
    return (f"SELECT ranked.*, (SELECT array_agg(ROW(n.id, n.body, n.created_at, n.updated_at)"
            " ORDER BY n.created_at, n.id) FROM notes n WHERE n.application_id = ranked.id) AS card_notes"
            f" FROM (SELECT {columns}, row_number() OVER (PARTITION BY status ORDER BY updated_at DESC, id DESC)"
            " AS position, count(*) OVER (PARTITION BY status) AS column_count, count(*) FILTER"
            " (WHERE no_response_at IS NOT NULL) OVER (PARTITION BY status) AS column_silent"
            " FROM applications WHERE user_id = $1) ranked WHERE position <= $2 ORDER BY status, position")


# Public so that the read-path benchmark (bench/read_ladder.py) times exactly what the board runs: with the
# stored analyses, or with the score alone.
BOARD_SQL = _board_sql("*")
BOARD_SCORES_SQL = _board_sql(f"{_CARD_COLUMNS}, NULL::jsonb AS analysis")
NOTES_SQL = "SELECT * FROM notes WHERE application_id = ANY($1::uuid[]) ORDER BY created_at, id"


class TrackerRepository:
    # --- applications ---------------------------------------------------------------------------
    async def insert_application(self, conn: asyncpg.Connection, *, user_id: str, job: JobSnapshot,
                                 search_config_id: str, analysis_command_id: str,
                                 company_id: str) -> Application | None:
        """Insert a TO_APPLY card; None when the user already has one for that posting."""
        row = await conn.fetchrow(
            "INSERT INTO applications (id, user_id, job_id, search_config_id, job_title, job_company, job_location,"
            " job_url, job_source, status, analysis_state, analysis_command_id, company_id)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'TO_APPLY', 'QUEUED', $10, $11)"
            " ON CONFLICT (user_id, job_id) DO NOTHING RETURNING *",
            uuid.uuid4(), user_id, job.job_id, search_config_id, job.title, job.company, job.location, job.url,
            job.source, uuid.UUID(analysis_command_id), uuid.UUID(company_id))
        return application_from_row(row) if row else None

    async def get(self, conn: asyncpg.Connection, *, application_id: uuid.UUID, user_id: str | None,
                  for_update: bool = False) -> Application | None:
        """One card with its notes; `user_id=None` only for internal callers (service tokens)."""
        lock = " FOR UPDATE" if for_update else ""
        if user_id is None:
            row = await conn.fetchrow(f"SELECT {_FULL_COLUMNS} FROM applications a WHERE a.id = $1{lock}",
                                      application_id)
        else:
            row = await conn.fetchrow(
                f"SELECT {_FULL_COLUMNS} FROM applications a WHERE a.id = $1 AND a.user_id = $2{lock}",
                application_id, user_id)
        if row is None:
            return None
        application = application_from_row(row)
        await self._attach_notes(conn, [application])
        return application

    async def get_by_job(self, conn: asyncpg.Connection, *, user_id: str, job_id: str) -> Application | None:
        row = await conn.fetchrow("SELECT a.id FROM applications a WHERE a.user_id = $1 AND a.job_id = $2",
                                  user_id, job_id)
        return await self.get(conn, application_id=row["id"], user_id=user_id) if row else None

    async def batch_get(self, conn: asyncpg.Connection, *, ids: list[uuid.UUID],
                        user_id: str | None) -> list[Application]:
        if user_id is None:
            rows = await conn.fetch(f"SELECT {_FULL_COLUMNS} FROM applications a WHERE a.id = ANY($1::uuid[])", ids)
        else:
            rows = await conn.fetch(
                f"SELECT {_FULL_COLUMNS} FROM applications a WHERE a.id = ANY($1::uuid[]) AND a.user_id = $2",
                ids, user_id)
        applications = [application_from_row(r) for r in rows]
        await self._attach_notes(conn, applications)
        return applications

    async def list_page(self, conn: asyncpg.Connection, *, user_id: str, statuses: list[Status], sort: Sort,
                        after: tuple[Any, str] | None, limit: int, company_id: uuid.UUID | None = None) -> Page:
        key, direction = SORT_KEYS[sort]
        where = ["a.user_id = $1"]
        args: list[Any] = [user_id]
        if statuses:
            args.append([str(s) for s in statuses])
            where.append(f"a.status = ANY(${len(args)}::text[])")
        if company_id is not None:
            args.append(company_id)
            where.append(f"a.company_id = ${len(args)}")
        total = await conn.fetchval(f"SELECT count(*) FROM applications a WHERE {' AND '.join(where)}", *args)
        if after is not None:
            args.extend([after[0], uuid.UUID(after[1])])
            comparison = "<" if direction == "DESC" else ">"
            where.append(f"({key}, a.id) {comparison} (${len(args) - 1}, ${len(args)})")
        args.append(limit + 1)
        rows = await conn.fetch(
            f"SELECT {_FULL_COLUMNS}, {key} AS sort_key FROM applications a WHERE {' AND '.join(where)}"
            f" ORDER BY {key} {direction}, a.id {direction} LIMIT ${len(args)}", *args)
        more = len(rows) > limit
        rows = rows[:limit]
        items = [application_from_row(r) for r in rows]
        await self._attach_notes(conn, items)
        next_after = (rows[-1]["sort_key"], str(rows[-1]["id"])) if more and rows else None
        return Page(items, next_after, total)

    async def board_rows(self, conn: asyncpg.Connection, *, user_id: str, cards_per_column: int,
                         analyses: bool = True) -> list[asyncpg.Record]:
        """Each column's first cards as rows, by status then most recently updated first, each with its
        column's counts and its notes (see `_board_sql`); without the stored analyses (only
        `analysis_score`) unless `analyses`."""
        return await conn.fetch(BOARD_SQL if analyses else BOARD_SCORES_SQL, user_id, cards_per_column)

    async def delete(self, conn: asyncpg.Connection, *, application_id: uuid.UUID,
                     user_id: str) -> Application | None:
        row = await conn.fetchrow("DELETE FROM applications WHERE id = $1 AND user_id = $2 RETURNING *",
                                  application_id, user_id)
        return application_from_row(row) if row else None

    async def set_status(self, conn: asyncpg.Connection, *, application_id: uuid.UUID,
                         status: Status) -> Application:
        """A move is activity: it ends a silence (the "no response" flag goes)."""
        row = await conn.fetchrow(
            "UPDATE applications SET status = $2, version = version + 1, updated_at = now(),"
            " last_activity_at = GREATEST(last_activity_at, now()), no_response_at = NULL WHERE id = $1"
            " RETURNING *", application_id, str(status))
        return application_from_row(row)

    async def set_rating(self, conn: asyncpg.Connection, *, application_id: uuid.UUID, user_id: str,
                         rating: int) -> bool:
        result = await conn.execute(
            "UPDATE applications SET rating = $3, updated_at = now() WHERE id = $1 AND user_id = $2",
            application_id, user_id, rating)
        return result != "UPDATE 0"

    async def set_dates(self, conn: asyncpg.Connection, *, application_id: uuid.UUID,
                        follow_up_at: datetime | None, rearm_follow_up: bool, interview_at: datetime | None) -> None:
        """Store both dates; `rearm_follow_up` makes a (new) follow-up fire again."""
        await conn.execute(
            "UPDATE applications SET follow_up_at = $2, interview_at = $3, updated_at = now(),"
            " follow_up_fired_at = CASE WHEN $4 THEN NULL ELSE follow_up_fired_at END WHERE id = $1",
            application_id, follow_up_at, interview_at, rearm_follow_up)

    # --- history ---------------------------------------------------------------------------------
    async def add_history(self, conn: asyncpg.Connection, *, application_id: uuid.UUID | str, user_id: str,
                          from_status: Status | None, to_status: Status, by_user_id: str, note: str = "",
                          correction: bool = False, reopen: bool = False) -> None:
        await conn.execute(
            "INSERT INTO application_history (application_id, user_id, from_status, to_status, by_user_id, note,"
            " correction, reopen) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            uuid.UUID(str(application_id)), user_id, str(from_status) if from_status else None, str(to_status),
            by_user_id, note, correction, reopen)

    async def history(self, conn: asyncpg.Connection, *, application_id: uuid.UUID) -> list[HistoryEntry]:
        rows = await conn.fetch(
            "SELECT * FROM application_history WHERE application_id = $1 ORDER BY at, id", application_id)
        return [_history_entry(r) for r in rows]

    async def histories(self, conn: asyncpg.Connection, *, application_ids: list[uuid.UUID],
                        user_id: str) -> dict[str, list[HistoryEntry]]:
        """The history of each of `application_ids` that is one of the user's cards; others are absent."""
        rows = await conn.fetch(
            "SELECT a.id AS card_id, h.id AS entry_id, h.from_status, h.to_status, h.at, h.by_user_id, h.note,"
            " h.correction, h.reopen FROM applications a LEFT JOIN application_history h ON h.application_id = a.id"
            " WHERE a.id = ANY($1::uuid[]) AND a.user_id = $2 ORDER BY a.id, h.at, h.id",
            application_ids, user_id)
        found: dict[str, list[HistoryEntry]] = {}
        for row in rows:
            entries = found.setdefault(str(row["card_id"]), [])
            if row["entry_id"] is not None:
                entries.append(_history_entry(row))
        return found

    async def funnel_rows(self, conn: asyncpg.Connection, *, user_id: str) -> tuple[list[CardRow], list[HistoryRow]]:
        cards = [CardRow(str(r["id"]), Status(r["status"]), r["job_source"]) for r in await conn.fetch(
            "SELECT id, status, job_source FROM applications WHERE user_id = $1", user_id)]
        history = [HistoryRow(str(r["application_id"]), Status(r["to_status"]), r["at"], r["correction"])
                   for r in await conn.fetch(
                       "SELECT application_id, to_status, at, correction FROM application_history"
                       " WHERE user_id = $1 ORDER BY application_id, at, id", user_id)]
        return cards, history

    # --- notes -----------------------------------------------------------------------------------
    async def _attach_notes(self, conn: asyncpg.Connection, applications: list[Application]) -> None:
        if not applications:
            return
        by_id = {a.id: a for a in applications}
        rows = await conn.fetch(NOTES_SQL, list(by_id))  # asyncpg encodes the ids' text as uuid[] in C
        for row in rows:
            by_id[str(row["application_id"])].notes.append(_note(row))

    async def add_note(self, conn: asyncpg.Connection, *, application_id: uuid.UUID, user_id: str,
                       body: str) -> Note:
        row = await conn.fetchrow(
            "INSERT INTO notes (id, application_id, user_id, body) VALUES ($1, $2, $3, $4) RETURNING *",
            uuid.uuid4(), application_id, user_id, body)
        await self.touch(conn, application_id=application_id)
        return _note(row)

    async def edit_note(self, conn: asyncpg.Connection, *, application_id: uuid.UUID, note_id: uuid.UUID,
                        user_id: str, body: str) -> Note | None:
        row = await conn.fetchrow(
            "UPDATE notes SET body = $4, updated_at = now() WHERE id = $1 AND application_id = $2 AND user_id = $3"
            " RETURNING *", note_id, application_id, user_id, body)
        if row is not None:
            await self.touch(conn, application_id=application_id)
        return _note(row) if row else None

    async def delete_note(self, conn: asyncpg.Connection, *, application_id: uuid.UUID, note_id: uuid.UUID,
                          user_id: str) -> bool:
        result = await conn.execute("DELETE FROM notes WHERE id = $1 AND application_id = $2 AND user_id = $3",
                                    note_id, application_id, user_id)
        if result != "DELETE 0":
            await self.touch(conn, application_id=application_id)
            return True
        return False

    async def touch(self, conn: asyncpg.Connection, *, application_id: uuid.UUID) -> None:
        await conn.execute("UPDATE applications SET updated_at = now() WHERE id = $1", application_id)

    # --- analyses --------------------------------------------------------------------------------
    async def record_analysis_result(self, conn: asyncpg.Connection, *, command_id: uuid.UUID,
                                     application_id: uuid.UUID, ok: bool, analysis: dict[str, Any] | None,
                                     reason: str) -> bool:
        """Store one reported result; False when that command id was already recorded."""
        status = await conn.execute(
            "INSERT INTO analysis_results (command_id, application_id, ok, analysis, reason)"
            " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (command_id) DO NOTHING",
            command_id, application_id, ok, analysis, reason)
        return status == "INSERT 0 1"

    async def set_analysis_outcome(self, conn: asyncpg.Connection, *, application_id: uuid.UUID,
                                   command_id: uuid.UUID, state: AnalysisState, analysis: dict[str, Any] | None,
                                   error: str) -> Application | None:
        """Apply a result only when `command_id` is still the card's current analysis; None otherwise."""
        if state is AnalysisState.DONE:
            row = await conn.fetchrow(
                "UPDATE applications SET analysis_state = 'DONE', analysis = $3::jsonb, analysis_score = ($3::jsonb->>'score')::int,"
                " analysis_error = '', updated_at = now()"
                " WHERE id = $1 AND analysis_command_id = $2 AND analysis_state IN ('QUEUED', 'RUNNING', 'FAILED')"
                " RETURNING *", application_id, command_id, analysis)
        else:
            row = await conn.fetchrow(
                "UPDATE applications SET analysis_state = 'FAILED', analysis_error = $3, updated_at = now()"
                " WHERE id = $1 AND analysis_command_id = $2 AND analysis_state IN ('QUEUED', 'RUNNING')"
                " RETURNING *", application_id, command_id, error)
        return application_from_row(row) if row else None

    async def mark_analysis_running(self, conn: asyncpg.Connection, *, application_id: uuid.UUID,
                                    command_id: uuid.UUID) -> bool:
        row = await conn.fetchval(
            "UPDATE applications SET analysis_state = 'RUNNING', updated_at = now()"
            " WHERE id = $1 AND analysis_command_id = $2 AND analysis_state IN ('QUEUED', 'RUNNING') RETURNING id",
            application_id, command_id)
        return row is not None

    async def queue_analysis(self, conn: asyncpg.Connection, *, application_id: uuid.UUID,
                             command_id: uuid.UUID) -> Application:
        row = await conn.fetchrow(
            "UPDATE applications SET analysis_state = 'QUEUED', analysis_command_id = $2, analysis_error = '',"
            " updated_at = now() WHERE id = $1 RETURNING *", application_id, command_id)
        return application_from_row(row)

    # --- follow-ups ------------------------------------------------------------------------------
    async def claim_due_follow_ups(self, conn: asyncpg.Connection, *, limit: int) -> list[Application]:
        """Mark due reminders fired and return them; rows another replica holds are skipped, so each
        reminder is claimed by exactly one transaction. Call inside a transaction."""
        rows = await conn.fetch(
            "WITH due AS (SELECT id FROM applications WHERE follow_up_at <= now() AND follow_up_fired_at IS NULL"
            " ORDER BY follow_up_at LIMIT $1 FOR UPDATE SKIP LOCKED)"
            " UPDATE applications a SET follow_up_fired_at = now() FROM due WHERE a.id = due.id RETURNING a.*",
            limit)
        return [application_from_row(r) for r in rows]

    # --- calendar feeds ---------------------------------------------------------------------------
    async def insert_calendar_feed(self, conn: asyncpg.Connection, *, user_id: str,
                                   token_sha256: bytes) -> datetime | None:
        """Create the user's feed; None (and nothing changed) when the user already has one."""
        return await conn.fetchval(
            "INSERT INTO calendar_feeds (user_id, token_sha256) VALUES ($1, $2)"
            " ON CONFLICT (user_id) DO NOTHING RETURNING created_at", user_id, token_sha256)

    async def calendar_feed_created_at(self, conn: asyncpg.Connection, *, user_id: str) -> datetime | None:
        return await conn.fetchval("SELECT created_at FROM calendar_feeds WHERE user_id = $1", user_id)

    async def replace_calendar_feed(self, conn: asyncpg.Connection, *, user_id: str,
                                    token_sha256: bytes) -> datetime:
        return await conn.fetchval(
            "INSERT INTO calendar_feeds (user_id, token_sha256) VALUES ($1, $2)"
            " ON CONFLICT (user_id) DO UPDATE SET token_sha256 = EXCLUDED.token_sha256, created_at = now()"
            " RETURNING created_at", user_id, token_sha256)

    async def calendar_feed_owner(self, conn: asyncpg.Connection, *, token_sha256: bytes) -> str | None:
        return await conn.fetchval("SELECT user_id FROM calendar_feeds WHERE token_sha256 = $1", token_sha256)

    async def calendar_entries(self, conn: asyncpg.Connection, *, user_id: str) -> list[Application]:
        rows = await conn.fetch(
            f"SELECT {_FULL_COLUMNS} FROM applications a WHERE a.user_id = $1"
            " AND (a.follow_up_at IS NOT NULL OR a.interview_at IS NOT NULL) ORDER BY a.created_at, a.id", user_id)
        return [application_from_row(r) for r in rows]
