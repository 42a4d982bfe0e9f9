"""Data access for discovery_service's schema `discovery`: keyword-only methods returning domain objects.

`JobRepository.store` is the one way postings enter the inbox. Under a per-user transaction lock it
looks every posting's keys up, lets discovery_service.dedup decide what is new and what merges into a
posting already there, writes that (new postings, added source URLs and keys), and reports per posting
what happened.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import asyncpg

from common.db import read_only
from discovery_service.dedup import plan_merge
from discovery_service.domain import (
    Candidate,
    FeedCursor,
    FeedNarrowing,
    FeedSort,
    FitScore,
    JobStatus,
    ManualDetails,
    Origin,
    Posting,
    RemoteType,
    RunRecord,
    RunStatus,
    Salary,
    SalaryPeriod,
    ScheduledSearch,
    Stored,
    StoredJob,
)
from discovery_service.filters import YEARLY_FACTOR
from discovery_service.text import fold


def _narrowing_conditions(narrow: FeedNarrowing, conditions: list[str], args: list[Any]) -> None:
    """The inbox's optional filters (GetJobFeed) as SQL conditions, with their arguments appended."""
    if narrow.sources:
        args.append(list(narrow.sources))
        conditions.append(f"source = ANY(${len(args)}::text[])")
    if narrow.remote_types:
        args.append([remote.value for remote in narrow.remote_types])
        conditions.append(f"remote_type = ANY(${len(args)}::text[])")
    if narrow.salary_at_least is not None:
        factors = " ".join(f"WHEN '{period.value}' THEN {factor}" for period, factor in YEARLY_FACTOR.items())
        args.append(narrow.salary_at_least)
        conditions.append(f"COALESCE(salary_max, salary_min) * (CASE salary_period {factors} ELSE 1 END)"
                          f" >= ${len(args)}")
    if narrow.salary_currency:
        args.append(narrow.salary_currency)
        conditions.append(f"upper(salary_currency) = ${len(args)}")
    if narrow.discovered_after is not None:
        args.append(narrow.discovered_after)
        conditions.append(f"discovered_at >= ${len(args)}")

_JOB_COLUMNS = """id, seq, user_id, source, external_id, url, title, company, locations, remote_type, salary_min,
    salary_max, salary_currency, salary_period, salary_gross, salary_text, employment_type, description_text,
    description_html, skills, posted_at, raw, source_urls, language, status, red_flags, search_config_id,
    origin, start_date, duration, why_us, discovered_at, status_changed_at, inferred_fields, fit_score, fit_confidence,
    fit_reasons, fit_missing, fit_model, fit_profile_updated_at, fit_scored_at"""

# What the feed reads: never the board's raw payload (only GetJob sends it, on request); the
# descriptions only when the caller wants them (a list shows neither).
_FEED_COLUMNS = _JOB_COLUMNS.replace(" raw,", "")
_FEED_SUMMARY_COLUMNS = _FEED_COLUMNS.replace(" description_text,", "").replace(" description_html,", "")

_INSERT_COLUMNS = ["id", "user_id", "source", "external_id", "url", "title", "company", "locations", "remote_type",
                   "salary_min", "salary_max", "salary_currency", "salary_period", "salary_gross", "salary_text",
                   "employment_type", "description_text", "description_html", "skills", "posted_at", "raw",
                   "source_urls", "language", "red_flags", "search_config_id", "origin", "start_date", "duration",
                   "why_us", "search_text", "inferred_fields"]
_INSERT_JOB = """INSERT INTO jobs (id, user_id, source, external_id, url, title, company, locations, remote_type,
    salary_min, salary_max, salary_currency, salary_period, salary_gross, salary_text, employment_type,
    description_text, description_html, skills, posted_at, raw, source_urls, language, red_flags,
    search_config_id, origin, start_date, duration, why_us, search_text, inferred_fields)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
            $22, $23, $24, $25, $26, $27, $28, $29, $30, $31)"""
# How much of a description the feed's text search reads (a tsvector has a 1 MB limit).
SEARCH_DESCRIPTION_CHARS = 200_000


def search_text(posting: Posting) -> str:
    """What the feed's text search reads: title, company and description, without case or accents, so
    "cafe" finds "Café" and "München" finds "Munchen". Queries are folded the same way (`fold`)."""
    return "\n".join((fold(posting.title), fold(posting.company),
                      fold(posting.description_text[:SEARCH_DESCRIPTION_CHARS])))


# Stored enum values -> members by a dict lookup: calling the enum class (`RemoteType(value)`) goes
# through EnumType.__call__ in Python, ~6% of a feed page's cost for its four enums a posting.
_REMOTE_TYPES = {member.value: member for member in RemoteType}
_SALARY_PERIODS = {member.value: member for member in SalaryPeriod}
_JOB_STATUSES = {member.value: member for member in JobStatus}
_ORIGINS = {member.value: member for member in Origin}


def _job_from_row(row: asyncpg.Record) -> StoredJob:
    posting = Posting(
        source=row["source"], external_id=row["external_id"], url=row["url"], title=row["title"],
        company=row["company"], locations=list(row["locations"]), remote_type=_REMOTE_TYPES[row["remote_type"]],
        salary=Salary(min=row["salary_min"], max=row["salary_max"], currency=row["salary_currency"],
                      period=_SALARY_PERIODS[row["salary_period"]], gross=row["salary_gross"], text=row["salary_text"]),
        employment_type=row["employment_type"], description_text=row.get("description_text", ""),
        description_html=row.get("description_html", ""), skills=list(row["skills"]), posted_at=row["posted_at"],
        raw=row.get("raw") or {}, source_urls=list(row["source_urls"]), language=row["language"],
        inferred_fields=list(row["inferred_fields"]))
    return StoredJob(id=str(row["id"]), user_id=row["user_id"], posting=posting, status=_JOB_STATUSES[row["status"]],
                     red_flags=list(row["red_flags"]), search_config_id=row["search_config_id"],
                     origin=_ORIGINS[row["origin"]],
                     manual=ManualDetails(row["start_date"], row["duration"], row["why_us"]),
                     discovered_at=row["discovered_at"], status_changed_at=row["status_changed_at"], seq=row["seq"],
                     fit=_fit_from_row(row))


# Postings with their fit scores (job_fits: one row per scored posting; none: not scored yet).
_JOBS = "jobs LEFT JOIN job_fits ON job_fits.job_id = jobs.id"


def _fit_from_row(row: asyncpg.Record) -> FitScore | None:
    if row["fit_score"] is None:
        return None
    return FitScore(score=row["fit_score"], confidence=row["fit_confidence"], reasons=list(row["fit_reasons"]),
                    missing=list(row["fit_missing"]), model=row["fit_model"],
                    profile_updated_at=row["fit_profile_updated_at"], scored_at=row["fit_scored_at"])


# The feed's orders; the keyset condition of each continues after the cursor's posting.
_ORDER_BY = {FeedSort.NEWEST: "seq DESC", FeedSort.FIT: "(fit_score IS NULL), fit_score DESC, seq DESC"}


def _after_cursor(sort: FeedSort, cursor: FeedCursor, args: list[Any]) -> str:
    args.append(cursor.seq)
    seq = f"${len(args)}"
    if sort is FeedSort.NEWEST:
        return f"seq < {seq}"
    if cursor.score is None:  # past the scored ones: the unscored, newest first
        return f"(fit_score IS NULL AND seq < {seq})"
    args.append(cursor.score)
    score = f"${len(args)}"
    return (f"(fit_score < {score} OR (fit_score = {score} AND seq < {seq}) OR fit_score IS NULL)")


def _user_lock_key(user_id: str) -> str:
    return f"discovery.jobs:{user_id}"


Statement = tuple[Any, ...]  # the SQL, then its arguments: `conn.fetch(*statement)`


def feed_statements(*, user_id: str, status: JobStatus | None, query: str, search_config_id: str,
                    after: FeedCursor | None, limit: int, narrow: FeedNarrowing | None = None,
                    sort: FeedSort = FeedSort.NEWEST, descriptions: bool = True) -> tuple[Statement, Statement]:
    """The feed's queries: a page of `limit + 1` rows in `sort` order after the cursor, each with the
    count of all that match (`total`, one round trip), and that count alone for when the page is empty.
    Public so that the read-path benchmark (bench/read_ladder.py) times exactly what the feed runs."""
    conditions = ["user_id = $1"]
    args: list[Any] = [user_id]
    if status is not None:
        args.append(status.value)
        conditions.append(f"status = ${len(args)}")
    if search_config_id:
        args.append(search_config_id)
        conditions.append(f"search_config_id = ${len(args)}")
    if query.strip():
        args.append(fold(query))  # the stored search text is folded too (see `search_text`)
        conditions.append(f"search @@ websearch_to_tsquery('simple', ${len(args)})")
    if narrow is not None:
        _narrowing_conditions(narrow, conditions, args)
    where = " AND ".join(conditions)
    page_where = where
    page_args = list(args)
    if after is not None:
        page_where += " AND " + _after_cursor(sort, after, page_args)
    page_args.append(limit + 1)
    columns = _FEED_COLUMNS if descriptions else _FEED_SUMMARY_COLUMNS
    count = f"SELECT count(*) FROM jobs WHERE {where}"
    # The count is an uncorrelated subquery: PostgreSQL runs it once (an InitPlan), not per row.
    page = (f"SELECT {columns}, ({count}) AS total FROM {_JOBS} WHERE {page_where} ORDER BY {_ORDER_BY[sort]}"
            f" LIMIT ${len(page_args)}", *page_args)
    return page, (count, *args)


class JobRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    # --- reading ------------------------------------------------------------------------------------
    async def get(self, *, job_id: str, user_id: str | None) -> StoredJob | None:
        """One posting; with `user_id`, only if it is that user's (a service caller passes None)."""
        row = await self._pool.fetchrow(
            f"SELECT {_JOB_COLUMNS} FROM {_JOBS} WHERE id = $1 AND ($2::text IS NULL OR user_id = $2)",
            uuid.UUID(job_id), user_id)
        return _job_from_row(row) if row else None

    async def batch_get(self, *, job_ids: Sequence[str], user_id: str | None) -> list[StoredJob]:
        """The postings found among `job_ids`, in the order asked (missing and others' ids left out)."""
        rows = await self._pool.fetch(
            f"SELECT {_JOB_COLUMNS} FROM {_JOBS} WHERE id = ANY($1::uuid[]) AND ($2::text IS NULL OR user_id = $2)",
            [uuid.UUID(job_id) for job_id in job_ids], user_id)
        by_id = {str(row["id"]): _job_from_row(row) for row in rows}
        return [by_id[job_id] for job_id in dict.fromkeys(job_ids) if job_id in by_id]

    async def feed(self, *, user_id: str, status: JobStatus | None, query: str, search_config_id: str,
                   after: FeedCursor | None, limit: int, narrow: FeedNarrowing | None = None,
                   sort: FeedSort = FeedSort.NEWEST, descriptions: bool = True) -> tuple[list[StoredJob], bool, int]:
        """In `sort` order: (a page of postings, whether more follow, how many match in all). The postings
        come without their raw payload, and without descriptions unless `descriptions`."""
        rows, has_more, total = await self.feed_rows(user_id=user_id, status=status, query=query,
                                                     search_config_id=search_config_id, after=after, limit=limit,
                                                     narrow=narrow, sort=sort, descriptions=descriptions)
        return [_job_from_row(row) for row in rows], has_more, total

    async def feed_rows(self, *, user_id: str, status: JobStatus | None, query: str, search_config_id: str,
                        after: FeedCursor | None, limit: int, narrow: FeedNarrowing | None = None,
                        sort: FeedSort = FeedSort.NEWEST,
                        descriptions: bool = True) -> tuple[list[asyncpg.Record], bool, int]:
        """`feed` as the rows PostgreSQL returns (the columns of `_job_from_row`, descriptions only when
        asked), for GetJobFeed to put on the wire without building a StoredJob for each
        (discovery_service.convert.fill_job_from_feed_row)."""
        page, total_count = feed_statements(user_id=user_id, status=status, query=query,
                                            search_config_id=search_config_id, after=after, limit=limit,
                                            narrow=narrow, sort=sort, descriptions=descriptions)
        async with read_only(self._pool) as conn:
            rows = await conn.fetch(*page)
            total = rows[0]["total"] if rows else await conn.fetchval(*total_count)
        return rows[:limit], len(rows) > limit, total

    # --- fit scores ---------------------------------------------------------------------------------
    async def record_fit_scores(self, conn: asyncpg.Connection, *, user_id: str,
                                scores: Sequence[tuple[str, FitScore]]) -> list[str]:
        """Store the user's postings' fit scores; a score from an older profile than the stored one's is
        ignored (a late answer). Others' and unknown postings are left out. Returns the ids of the postings
        whose scores were stored, in the order given."""
        if not scores:
            return []
        rows = [(uuid.UUID(job_id), fit.score, fit.confidence, fit.reasons, fit.missing, fit.model,
                 fit.profile_updated_at) for job_id, fit in scores]
        await conn.execute("CREATE TEMP TABLE IF NOT EXISTS fit_stage (id uuid, score double precision,"
                           " confidence double precision, reasons text[], missing text[], model text,"
                           " profile_updated_at timestamptz) ON COMMIT DELETE ROWS")
        await conn.copy_records_to_table("fit_stage", records=rows)
        stored = await conn.fetch(
            "INSERT INTO job_fits (job_id, fit_score, fit_confidence, fit_reasons, fit_missing, fit_model,"
            " fit_profile_updated_at) SELECT s.id, s.score, s.confidence, s.reasons, s.missing, s.model,"
            " s.profile_updated_at FROM fit_stage s JOIN jobs ON jobs.id = s.id AND jobs.user_id = $1"
            " ON CONFLICT (job_id) DO UPDATE SET fit_score = EXCLUDED.fit_score,"
            " fit_confidence = EXCLUDED.fit_confidence, fit_reasons = EXCLUDED.fit_reasons,"
            " fit_missing = EXCLUDED.fit_missing, fit_model = EXCLUDED.fit_model,"
            " fit_profile_updated_at = EXCLUDED.fit_profile_updated_at, fit_scored_at = now()"
            " WHERE job_fits.fit_profile_updated_at IS NULL OR EXCLUDED.fit_profile_updated_at IS NULL"
            "    OR job_fits.fit_profile_updated_at <= EXCLUDED.fit_profile_updated_at RETURNING job_id", user_id)
        await conn.execute("TRUNCATE fit_stage")
        stored_ids = {row["job_id"] for row in stored}
        return [str(job_uuid) for job_uuid, *_ in rows if job_uuid in stored_ids]

    async def stale_pending(self, conn: asyncpg.Connection, *, user_id: str, profile_updated_at: datetime,
                            include_unscored: bool) -> list[str]:
        """The user's pending postings scored from an older profile than `profile_updated_at` (and, with
        `include_unscored`, those not scored at all), newest first."""
        rows = await conn.fetch(
            f"SELECT id FROM {_JOBS} WHERE user_id = $1 AND status = 'PENDING' AND ((fit_score IS NULL AND $3)"
            " OR (fit_score IS NOT NULL AND (fit_profile_updated_at IS NULL OR fit_profile_updated_at < $2)))"
            " ORDER BY seq DESC", user_id, profile_updated_at, include_unscored)
        return [str(row["id"]) for row in rows]

    async def other_model_pending(self, conn: asyncpg.Connection, *, user_id: str, profile_updated_at: datetime,
                                  model: str) -> list[str]:
        """The user's pending postings scored from this profile version (or a newer one) by another model
        than `model`, newest first (those scored from an older profile are `stale_pending`'s)."""
        rows = await conn.fetch(
            f"SELECT id FROM {_JOBS} WHERE user_id = $1 AND status = 'PENDING' AND fit_score IS NOT NULL"
            " AND fit_model <> $3 AND fit_profile_updated_at >= $2 ORDER BY seq DESC",
            user_id, profile_updated_at, model)
        return [str(row["id"]) for row in rows]

    # --- triage -------------------------------------------------------------------------------------
    async def set_status(self, *, job_id: str, user_id: str, status: JobStatus) -> tuple[StoredJob, bool] | None:
        """Set a posting's status; (job, changed). None when the user has no such posting."""
        async with self._pool.acquire() as conn:
            row = await conn.fetchrow(
                f"WITH updated AS (UPDATE jobs SET status = $3, status_changed_at = now()"
                f" WHERE id = $1 AND user_id = $2 AND status <> $3 RETURNING *)"
                f" SELECT {_JOB_COLUMNS} FROM updated LEFT JOIN job_fits ON job_fits.job_id = updated.id",
                uuid.UUID(job_id), user_id, status.value)
            if row is not None:
                return _job_from_row(row), True
            row = await conn.fetchrow(f"SELECT {_JOB_COLUMNS} FROM {_JOBS} WHERE id = $1 AND user_id = $2",
                                      uuid.UUID(job_id), user_id)
        return (_job_from_row(row), False) if row else None

    # --- storing ------------------------------------------------------------------------------------
    async def store(self, conn: asyncpg.Connection, *, user_id: str, candidates: Sequence[Candidate],
                    origin: Origin, search_config_id: str = "") -> list[Stored]:
        """Put candidates in the user's inbox, merging duplicates as dedup.plan_merge decides; call inside
        a transaction."""
        await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", _user_lock_key(user_id))
        all_keys = list({key for candidate in candidates for key in candidate.keys})
        known: dict[str, str | None] = {
            row["key"]: (str(row["job_id"]) if row["job_id"] else None)
            for row in await conn.fetch(
                "SELECT key, job_id FROM job_keys WHERE user_id = $1 AND key = ANY($2::text[])", user_id, all_keys)
        }
        plan = plan_merge(candidates, known, user_requested=origin.user_requested)
        if plan.new_jobs:
            await self._copy_in(conn, [
                _insert_args(job_id, user_id, candidate, origin, search_config_id, raw_as_text=True)
                for job_id, candidate in sorted(plan.new_jobs.items(), key=lambda item: _age_order(item[1]))])
        for job_id, urls in plan.merges.items():
            await conn.execute(
                "UPDATE jobs SET source_urls = source_urls || ARRAY(SELECT DISTINCT u FROM unnest($2::text[]) u"
                " WHERE u <> ALL(source_urls)) WHERE id = $1", uuid.UUID(job_id), urls)
        if plan.key_owner:
            await conn.execute(
                "INSERT INTO job_keys (user_id, key, job_id) SELECT $1, k, j FROM unnest($2::text[], $3::uuid[]) AS t(k, j)"
                " ON CONFLICT (user_id, key) DO UPDATE SET job_id = EXCLUDED.job_id, seen_at = now()",
                user_id, list(plan.key_owner), [uuid.UUID(job_id) for job_id in plan.key_owner.values()])
        seen_again = [key for key in all_keys if key not in plan.key_owner]
        if seen_again:
            await conn.execute("UPDATE job_keys SET seen_at = now() WHERE user_id = $1 AND key = ANY($2::text[])",
                               user_id, seen_again)
        return plan.results

    @staticmethod
    async def _copy_in(conn: asyncpg.Connection, rows: list[tuple[Any, ...]]) -> None:
        """Insert many postings with COPY, several times faster than an INSERT per row. COPY is binary and
        the pool's jsonb codec is text-only, so rows go through a temporary staging table with `raw` as text."""
        columns = ", ".join(_INSERT_COLUMNS)
        staged = columns.replace("raw,", "raw::text AS raw,")
        await conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS job_stage ON COMMIT DELETE ROWS AS"
                           f" SELECT {staged} FROM jobs WITH NO DATA")
        await conn.copy_records_to_table("job_stage", columns=_INSERT_COLUMNS, records=rows)
        await conn.execute(f"INSERT INTO jobs ({columns}) SELECT {columns.replace('raw,', 'raw::jsonb,')}"
                           f" FROM job_stage ORDER BY ctid")
        await conn.execute("TRUNCATE job_stage")

    async def annotate(self, conn: asyncpg.Connection, *, job_id: str, red_flags: Sequence[str],
                       manual: ManualDetails) -> None:
        """Add red flags, and fill manual details the posting does not have yet (a user's re-add)."""
        await conn.execute(
            "UPDATE jobs SET red_flags = red_flags || ARRAY(SELECT f FROM unnest($2::text[]) f WHERE f <> ALL(red_flags)),"
            " start_date = CASE WHEN start_date = '' THEN $3 ELSE start_date END,"
            " duration = CASE WHEN duration = '' THEN $4 ELSE duration END,"
            " why_us = CASE WHEN why_us = '' THEN $5 ELSE why_us END WHERE id = $1",
            uuid.UUID(job_id), list(red_flags), manual.start_date, manual.duration, manual.why_us)

    # --- expiry -------------------------------------------------------------------------------------
    async def purge_expired(self, *, pending_ttl: timedelta, rejected_ttl: timedelta,
                            tombstone_ttl: timedelta, limit: int = 5000) -> tuple[int, int]:
        """Delete postings left PENDING or REJECTED too long (their keys stay as tombstones), and
        tombstones not seen for `tombstone_ttl`. Returns (postings purged, tombstones dropped)."""
        async with self._pool.acquire() as conn:
            purged = await conn.fetchval(
                "WITH doomed AS (SELECT id FROM jobs WHERE (status = 'PENDING' AND status_changed_at < now() - $1::interval)"
                " OR (status = 'REJECTED' AND status_changed_at < now() - $2::interval) LIMIT $3 FOR UPDATE SKIP LOCKED)"
                " , gone AS (DELETE FROM jobs WHERE id IN (SELECT id FROM doomed) RETURNING 1)"
                " SELECT count(*) FROM gone", pending_ttl, rejected_ttl, limit)
            dropped = await conn.fetchval(
                "WITH gone AS (DELETE FROM job_keys WHERE job_id IS NULL AND seen_at < now() - $1::interval RETURNING 1)"
                " SELECT count(*) FROM gone", tombstone_ttl)
            # Answered SCORE_POSTINGS commands are remembered as long as tombstones: far longer than the
            # outbox keeps publishing one again.
            await conn.execute("DELETE FROM fit_commands_done WHERE done_at < now() - $1::interval", tombstone_ttl)
        return purged, dropped


def _age_order(candidate: Candidate) -> float:
    """Oldest first, so the most recently posted of a batch gets the highest seq and leads the feed."""
    posted = candidate.posting.posted_at
    return posted.timestamp() if posted is not None else float("-inf")


def _insert_args(job_id: str, user_id: str, candidate: Candidate, origin: Origin, search_config_id: str,
                 *, raw_as_text: bool = False) -> tuple[Any, ...]:
    p = candidate.posting
    raw: Any = json.dumps(dict(p.raw), ensure_ascii=False, default=str) if raw_as_text else dict(p.raw)
    return (uuid.UUID(job_id), user_id, p.source, p.external_id, p.url, p.title, p.company, list(p.locations),
            p.remote_type.value, p.salary.min, p.salary.max, p.salary.currency, p.salary.period.value,
            p.salary.gross, p.salary.text, p.employment_type, p.description_text, p.description_html,
            list(p.skills), p.posted_at, raw, list(p.source_urls), p.language, list(candidate.red_flags),
            search_config_id, origin.value, candidate.manual.start_date, candidate.manual.duration,
            candidate.manual.why_us, search_text(p), list(p.inferred_fields))


# --- discovery runs ----------------------------------------------------------------------------------
_RUN_COLUMNS = """id, seq, search_config_id, user_id, trigger, status, fetched, new_count, duplicates, filtered,
    filtered_by_reason, errors, skipped, started_at, finished_at"""


def _run_from_row(row: asyncpg.Record) -> RunRecord:
    return RunRecord(id=str(row["id"]), search_config_id=row["search_config_id"], user_id=row["user_id"],
                     trigger=row["trigger"], status=RunStatus(row["status"]), fetched=row["fetched"],
                     new_count=row["new_count"], duplicates=row["duplicates"], filtered=row["filtered"],
                     filtered_by_reason=dict(row["filtered_by_reason"]), errors=list(row["errors"]),
                     skipped=list(row["skipped"]), started_at=row["started_at"], finished_at=row["finished_at"],
                     seq=row["seq"])


class RunRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def start(self, conn: asyncpg.Connection, *, search_config_id: str, user_id: str, trigger: str,
                    runner: str) -> RunRecord:
        row = await conn.fetchrow(
            f"INSERT INTO discovery_runs (id, search_config_id, user_id, trigger, runner) VALUES ($1, $2, $3, $4, $5)"
            f" RETURNING {_RUN_COLUMNS}", uuid.uuid4(), search_config_id, user_id, trigger, runner)
        return _run_from_row(row)

    async def finish(self, conn: asyncpg.Connection, *, run_id: str, status: RunStatus, fetched: int,
                     new_count: int, duplicates: int, filtered_by_reason: dict[str, int],
                     errors: list[dict[str, str]], skipped: list[dict[str, str]]) -> RunRecord | None:
        """Record the outcome; None when the run is no longer RUNNING (recovered as stuck meanwhile)."""
        row = await conn.fetchrow(
            f"UPDATE discovery_runs SET status = $2, fetched = $3, new_count = $4, duplicates = $5, filtered = $6,"
            f" filtered_by_reason = $7, errors = $8, skipped = $9, finished_at = now()"
            f" WHERE id = $1 AND status = 'RUNNING' RETURNING {_RUN_COLUMNS}",
            uuid.UUID(run_id), status.value, fetched, new_count, duplicates, sum(filtered_by_reason.values()),
            filtered_by_reason, errors, skipped)
        return _run_from_row(row) if row else None

    async def get(self, *, run_id: str) -> RunRecord | None:
        row = await self._pool.fetchrow(f"SELECT {_RUN_COLUMNS} FROM discovery_runs WHERE id = $1", uuid.UUID(run_id))
        return _run_from_row(row) if row else None

    async def running_for(self, *, search_config_id: str) -> RunRecord | None:
        row = await self._pool.fetchrow(
            f"SELECT {_RUN_COLUMNS} FROM discovery_runs WHERE search_config_id = $1 AND status = 'RUNNING'"
            " ORDER BY seq DESC LIMIT 1", search_config_id)
        return _run_from_row(row) if row else None

    async def list(self, *, user_id: str, search_config_id: str, before_seq: int | None,
                   limit: int) -> tuple[list[RunRecord], bool, int]:
        """The user's runs, newest first: (a page, whether more follow, how many in all)."""
        rows = await self._pool.fetch(
            f"SELECT {_RUN_COLUMNS} FROM discovery_runs WHERE user_id = $1 AND ($2 = '' OR search_config_id = $2)"
            " AND ($3::bigint IS NULL OR seq < $3) ORDER BY seq DESC LIMIT $4",
            user_id, search_config_id, before_seq, limit + 1)
        total = await self._pool.fetchval(
            "SELECT count(*) FROM discovery_runs WHERE user_id = $1 AND ($2 = '' OR search_config_id = $2)",
            user_id, search_config_id)
        return [_run_from_row(row) for row in rows[:limit]], len(rows) > limit, total

    async def fail_stuck(self, *, older_than: timedelta) -> list[RunRecord]:
        """Runs RUNNING for longer than any run may take: their process died or hung. Marked FAILED."""
        rows = await self._pool.fetch(
            f"UPDATE discovery_runs SET status = 'FAILED', finished_at = now(),"
            f" errors = errors || jsonb_build_array(jsonb_build_object('source', '', 'reason',"
            f" 'the run did not finish in time (its process stopped or hung); it was recovered'))"
            f" WHERE status = 'RUNNING' AND started_at < now() - $1::interval RETURNING {_RUN_COLUMNS}", older_than)
        return [_run_from_row(row) for row in rows]


# --- the schedule ------------------------------------------------------------------------------------
def _schedule_from_row(row: asyncpg.Record) -> ScheduledSearch:
    return ScheduledSearch(search_config_id=row["search_config_id"], user_id=row["user_id"], config=row["config"],
                           interval_minutes=row["interval_minutes"])


class ScheduleRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def upsert(self, entries: Sequence[ScheduledSearch], *, synced_at: datetime) -> None:
        """Add or refresh saved searches. A new one is due at once; a shorter interval brings the next run closer."""
        if not entries:
            return
        await self._pool.executemany(
            "INSERT INTO search_schedules (search_config_id, user_id, config, interval_minutes, active, next_run_at,"
            " synced_at) VALUES ($1, $2, $3, $4, true, now(), $5)"
            " ON CONFLICT (search_config_id) DO UPDATE SET user_id = EXCLUDED.user_id, config = EXCLUDED.config,"
            " interval_minutes = EXCLUDED.interval_minutes, active = true, synced_at = EXCLUDED.synced_at,"
            " next_run_at = CASE WHEN NOT search_schedules.active THEN now()"
            "   ELSE LEAST(search_schedules.next_run_at, now() + make_interval(mins => EXCLUDED.interval_minutes)) END",
            [(e.search_config_id, e.user_id, e.config, e.interval_minutes, synced_at) for e in entries])

    async def deactivate_unsynced(self, *, synced_before: datetime) -> int:
        """Saved searches profile no longer lists as active (deleted, paused) stop being run."""
        result = await self._pool.execute(
            "UPDATE search_schedules SET active = false WHERE active AND synced_at < $1", synced_before)
        return int(result.split()[-1])

    async def claim_due(self, *, runner: str, limit: int) -> list[ScheduledSearch]:
        """Claim up to `limit` due searches for this runner. Rows another replica is claiming are skipped,
        and claimed rows are no longer due, so two schedulers never run the same search."""
        rows = await self._pool.fetch(
            "UPDATE search_schedules s SET claimed_by = $1, claimed_at = now(),"
            " next_run_at = now() + make_interval(mins => s.interval_minutes)"
            " WHERE search_config_id IN (SELECT search_config_id FROM search_schedules"
            "   WHERE active AND claimed_by IS NULL AND next_run_at <= now()"
            "   ORDER BY next_run_at LIMIT $2 FOR UPDATE SKIP LOCKED)"
            " RETURNING s.search_config_id, s.user_id, s.config, s.interval_minutes", runner, limit)
        return [_schedule_from_row(row) for row in rows]

    async def claim_now(self, entry: ScheduledSearch, *, runner: str, active: bool) -> bool:
        """Claim one search for an on-demand run (refreshing its snapshot); False when a run holds it."""
        row = await self._pool.fetchrow(
            "INSERT INTO search_schedules AS s (search_config_id, user_id, config, interval_minutes, active,"
            " next_run_at, claimed_by, claimed_at) VALUES ($1, $2, $3, $4, $6, now() + make_interval(mins => $4), $5, now())"
            " ON CONFLICT (search_config_id) DO UPDATE SET config = EXCLUDED.config, user_id = EXCLUDED.user_id,"
            " interval_minutes = EXCLUDED.interval_minutes, active = EXCLUDED.active, claimed_by = EXCLUDED.claimed_by,"
            " claimed_at = now(), next_run_at = now() + make_interval(mins => EXCLUDED.interval_minutes)"
            " WHERE s.claimed_by IS NULL RETURNING s.search_config_id",
            entry.search_config_id, entry.user_id, entry.config, entry.interval_minutes, runner, active)
        return row is not None

    async def release(self, *, search_config_id: str, runner: str) -> None:
        await self._pool.execute(
            "UPDATE search_schedules SET claimed_by = NULL, claimed_at = NULL WHERE search_config_id = $1"
            " AND claimed_by = $2", search_config_id, runner)

    async def release_stale_claims(self, *, older_than: timedelta) -> int:
        """Claims held longer than any run may take (the claiming process died): free them, due now."""
        result = await self._pool.execute(
            "UPDATE search_schedules SET claimed_by = NULL, claimed_at = NULL, next_run_at = now()"
            " WHERE claimed_by IS NOT NULL AND claimed_at < now() - $1::interval", older_than)
        return int(result.split()[-1])

    async def get(self, *, search_config_id: str) -> ScheduledSearch | None:
        row = await self._pool.fetchrow(
            "SELECT search_config_id, user_id, config, interval_minutes FROM search_schedules"
            " WHERE search_config_id = $1", search_config_id)
        return _schedule_from_row(row) if row else None

    async def take_fetch_slot(self, *, search_config_id: str, source: str, min_interval: timedelta) -> bool:
        """Whether `source` may be called for this search now (and if so, note that it is)."""
        row = await self._pool.fetchrow(
            "INSERT INTO source_fetches AS f (search_config_id, source, fetched_at) VALUES ($1, $2, now())"
            " ON CONFLICT (search_config_id, source) DO UPDATE SET fetched_at = now()"
            " WHERE f.fetched_at <= now() - $3::interval RETURNING 1", search_config_id, source, min_interval)
        return row is not None
