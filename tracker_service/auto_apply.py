"""Auto-apply, the tracker's part (docs/hh.md, "Auto-apply").

Discovery decides which HH postings qualify (a saved search with auto-apply on, a fit score at or above
its threshold) and delivers AUTO_APPROVE to `approve`, which does what approveJob does for a person (the
application and its analysis, `Tracker.create_application`) and prepares an automatic apply: a row of
`hh_applies` (so, as for manual applies, one per user, vacancy and resume: nothing is applied twice) in
state PREPARING. Then:
- the analysis is recorded (`on_analysis`, in RecordAnalysis' transaction): its cover letter becomes the
  apply's message and the apply goes to CAPPED (due now), or to REVIEW in a dry run (nothing is sent; the
  user sends it with ApplyOnHh, or discards it); a failed analysis or one without a letter needs the user;
- each replica's apply worker first `promote_due`s: a CAPPED apply takes a place in its saved search's
  daily cap (per UTC day, counted under a row lock, so replicas never exceed it) and joins the queue as
  QUEUED, where the per-user token bucket still applies; when the cap is reached it waits for the next
  UTC midnight;
- the kill switch (`set_switch`) stops every automatic apply that has not gone out, and while it is on
  no posting is approved automatically and no prepared apply moves on.
Every step of an automatic apply is an entry of the card's timeline marked automatic, with the letter.
Time comes from an injected clock (tests move it; nothing here sleeps).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

import asyncpg

from common.errors import FailedPrecondition, NotFound
from common.outbox import Outbox
from tracker_service import convert
from tracker_service.domain import AnalysisState, Application, HhApply, HhApplyOutcome, HhApplyState
from tracker_service.downstream import HhAccountNeeded
from tracker_service.hh_apply import NOT_ENABLED, Clock, bucket_status, cover_letter, utc_now
from tracker_service.hh_repository import HhApplyRepository, apply_from_row
from tracker_service.token_bucket import BucketPolicy
from tracker_service.tracker import parse_id

if TYPE_CHECKING:
    from tracker_service.downstream import DiscoveryJobs, ProfileHhTokens
    from tracker_service.tracker import Tracker

log = logging.getLogger(__name__)

STOPPED_DETAIL = "stopped by your auto-apply kill switch before it went out"
NO_LETTER_DETAIL = ("the analysis wrote no cover letter, so nothing was sent: write one on the card and apply "
                    "from there")
ANALYSIS_FAILED_DETAIL = ("the analysis failed, so there is no letter and nothing was sent: ask for the analysis "
                          "again, then apply from the card")
REVIEW_DETAIL = "dry run: the letter is ready for your review; send it or discard it (nothing was sent)"
NO_RESUME_REASON = "no default HH.ru resume: pick one in Settings → HH.ru for auto-apply to use"


# --- the decisions (pure) -------------------------------------------------------------------------------
def utc_day(now: datetime) -> date:
    """The day the daily cap counts in: the UTC calendar day."""
    return now.astimezone(UTC).date()


def next_utc_day(now: datetime) -> datetime:
    """When the next UTC day starts: a capped apply waits until then."""
    return datetime.combine(utc_day(now) + timedelta(days=1), time(0), tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class LetterStep:
    """What a prepared automatic apply does once its analysis is recorded."""

    state: HhApplyState
    outcome: HhApplyOutcome | None  # the timeline entry written now (None: written when it is queued)
    reason: str
    detail: str


def after_analysis(*, ok: bool, letter: str, dry_run: bool, stopped: bool) -> LetterStep:
    if stopped:
        return LetterStep(HhApplyState.STOPPED, HhApplyOutcome.STOPPED, "kill_switch", STOPPED_DETAIL)
    if not ok:
        return LetterStep(HhApplyState.NEEDS_USER, HhApplyOutcome.NEEDS_USER, "analysis_failed", ANALYSIS_FAILED_DETAIL)
    if not letter.strip():
        return LetterStep(HhApplyState.NEEDS_USER, HhApplyOutcome.NEEDS_USER, "no_letter", NO_LETTER_DETAIL)
    if dry_run:
        return LetterStep(HhApplyState.REVIEW, HhApplyOutcome.REVIEW, "dry_run", REVIEW_DETAIL)
    return LetterStep(HhApplyState.CAPPED, None, "", "the letter is ready; it goes out within the search's daily cap")


def cap_detail(*, placed: int | None, cap: int, now: datetime) -> tuple[bool, datetime, str]:
    """(queued now, not before, detail) for a capped apply: `placed` is its place in today's count, None
    when the cap was already reached."""
    if placed is not None:
        return True, now, f"queued automatically ({placed} of {cap} for this search today, UTC)"
    return False, next_utc_day(now), (f"this search's daily cap ({cap} automatic applies) is reached: it goes out "
                                      "after midnight UTC")


# --- the flow -------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ApproveResult:
    application_id: str = ""
    stopped: bool = False
    skipped_reason: str = ""


class AutoApply:
    def __init__(self, pool: asyncpg.Pool, outbox: Outbox, policy: BucketPolicy, *, tracker: Tracker | None = None,
                 jobs: DiscoveryJobs | None = None, tokens: ProfileHhTokens | None = None, enabled: bool = True,
                 clock: Clock = utc_now) -> None:
        self._pool = pool
        self._outbox = outbox
        self._policy = policy
        self._tracker = tracker
        self._jobs = jobs
        self._tokens = tokens
        self._enabled = enabled
        self._repo = HhApplyRepository()
        self._now = clock

    # --- AutoApproveJob -------------------------------------------------------------------------------
    async def approve(self, *, user_id: str, job_id: str, search_config_id: str, daily_cap: int,
                      dry_run: bool) -> ApproveResult:
        assert self._tracker is not None and self._jobs is not None and self._tokens is not None
        if not self._enabled:
            return ApproveResult(skipped_reason=NOT_ENABLED)
        async with self._pool.acquire() as conn:
            if await self._stopped(conn, user_id):
                return ApproveResult(stopped=True)
        try:
            resume_id = await self._tokens.default_resume(user_id)  # Unavailable: the outbox retries
        except HhAccountNeeded as exc:
            return ApproveResult(skipped_reason=exc.message)
        if not resume_id:
            return ApproveResult(skipped_reason=NO_RESUME_REASON)
        try:
            vacancy_id = await self._jobs.hh_vacancy_id(job_id)
        except (FailedPrecondition, NotFound) as exc:
            return ApproveResult(skipped_reason=exc.message)
        # The same approval as a person's: the application, its company, its durable analysis command.
        result = await self._tracker.create_application(user_id=user_id, job_id=job_id,
                                                        search_config_id=search_config_id)
        application = result.application
        now = self._now()
        async with self._pool.acquire() as conn, conn.transaction():
            await self._tracker.lock_application_in(conn, application_id=application.id)
            row = await conn.fetchrow(
                "INSERT INTO hh_applies (id, user_id, application_id, vacancy_id, resume_id, message, state, not_before,"
                " automatic, search_config_id, daily_cap, dry_run, detail, created_at, updated_at)"
                " VALUES ($1, $2, $3, $4, $5, '', 'PREPARING', $6, true, $7, $8, $9, $10, $6, $6)"
                " ON CONFLICT (user_id, vacancy_id, resume_id) DO NOTHING RETURNING *",
                uuid.uuid4(), user_id, parse_id(application.id), vacancy_id, resume_id, now, search_config_id,
                max(1, daily_cap), dry_run, "approved automatically: waiting for the analysis to write the letter")
            if row is not None:
                prepared = apply_from_row(row)
                await self._outbox.add_event(conn, convert.hh_apply_changed_event(
                    prepared, await bucket_status(conn, self._repo, self._policy, user_id=user_id, now=now)))
                # The card is locked (above) as RecordAnalysis locks it: an analysis recorded before is seen
                # here, one recorded after finds the prepared apply (its hook, on_analysis).
                current = await self._tracker.lock_application_in(conn, application_id=application.id)
                if current is not None and current.analysis_state in (AnalysisState.DONE, AnalysisState.FAILED):
                    await self._letter_ready(conn, prepared, ok=current.analysis_state is AnalysisState.DONE,
                                             letter=cover_letter(current.analysis), now=now)
        self._outbox.wake()
        return ApproveResult(application_id=application.id)

    # --- RecordAnalysis' hook -------------------------------------------------------------------------
    async def on_analysis(self, conn: asyncpg.Connection, application: Application, ok: bool) -> None:
        """In the transaction that recorded an application's analysis (or its failure)."""
        row = await conn.fetchrow("SELECT * FROM hh_applies WHERE application_id = $1 AND state = 'PREPARING'"
                                  " FOR UPDATE", parse_id(application.id))
        if row is None:
            return
        await self._letter_ready(conn, apply_from_row(row), ok=ok, letter=cover_letter(application.analysis) if ok
                                 else "", now=self._now())

    async def _letter_ready(self, conn: asyncpg.Connection, apply: HhApply, *, ok: bool, letter: str,
                            now: datetime) -> None:
        step = after_analysis(ok=ok, letter=letter, dry_run=apply.dry_run,
                              stopped=await self._stopped(conn, apply.user_id))
        updated = await self._set(conn, apply, state=step.state, reason=step.reason, detail=step.detail,
                                  message=letter.strip(), not_before=now, now=now)
        if step.outcome is not None:
            await self._repo.add_event(conn, apply=updated, outcome=step.outcome, reason=step.reason,
                                       body=updated.message if step.outcome is HhApplyOutcome.REVIEW else step.detail,
                                       now=now)
        await self._changed(conn, updated, now)

    # --- the worker's first step ----------------------------------------------------------------------
    async def promote_due(self) -> int:
        """Queue every capped apply that is due and has a place in its search's daily cap; the others wait
        for the next UTC day. Returns how many were queued."""
        queued = 0
        while True:
            now = self._now()
            async with self._pool.acquire() as conn, conn.transaction():
                row = await conn.fetchrow(
                    "SELECT * FROM hh_applies WHERE state = 'CAPPED' AND not_before <= $1"
                    " ORDER BY not_before, created_at LIMIT 1 FOR UPDATE SKIP LOCKED", now)
                if row is None:
                    break
                apply = apply_from_row(row)
                if await self._stopped(conn, apply.user_id):
                    updated = await self._set(conn, apply, state=HhApplyState.STOPPED, reason="kill_switch",
                                              detail=STOPPED_DETAIL, now=now)
                    await self._repo.add_event(conn, apply=updated, outcome=HhApplyOutcome.STOPPED,
                                               reason="kill_switch", body=STOPPED_DETAIL, now=now)
                    await self._changed(conn, updated, now)
                    continue
                placed = await conn.fetchval(
                    "INSERT INTO auto_apply_days AS d (user_id, search_config_id, day, applies) VALUES ($1, $2, $3, 1)"
                    " ON CONFLICT (user_id, search_config_id, day) DO UPDATE SET applies = d.applies + 1"
                    " WHERE d.applies < $4 RETURNING applies",
                    apply.user_id, apply.search_config_id, utc_day(now), apply.daily_cap)
                go, not_before, detail = cap_detail(placed=placed, cap=apply.daily_cap, now=now)
                updated = await self._set(conn, apply, state=HhApplyState.QUEUED if go else HhApplyState.CAPPED,
                                          reason="" if go else "daily_cap", detail=detail, not_before=not_before,
                                          now=now)
                if go:
                    await self._repo.add_event(conn, apply=updated, outcome=HhApplyOutcome.QUEUED, reason="",
                                               body=updated.message, now=now)
                    queued += 1
                await self._changed(conn, updated, now)
        if queued:
            self._outbox.wake()
        return queued

    # --- the kill switch ------------------------------------------------------------------------------
    async def switch(self, *, user_id: str) -> tuple[bool, datetime | None]:
        async with self._pool.acquire() as conn:
            row = await conn.fetchrow("SELECT stopped, changed_at FROM auto_apply_switches WHERE user_id = $1", user_id)
        return (row["stopped"], row["changed_at"]) if row else (False, None)

    async def set_switch(self, *, user_id: str, stopped: bool) -> tuple[bool, datetime, int]:
        """(stopped, when, automatic applies stopped now). Stopping takes every automatic apply that has not
        gone out: prepared, capped, or queued and never claimed (one claimed before may have reached HH,
        so it is left to the worker, which asks HH before any retry)."""
        now = self._now()
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute(
                "INSERT INTO auto_apply_switches (user_id, stopped, changed_at) VALUES ($1, $2, $3)"
                " ON CONFLICT (user_id) DO UPDATE SET stopped = EXCLUDED.stopped, changed_at = EXCLUDED.changed_at",
                user_id, stopped, now)
            halted: list[HhApply] = []
            if stopped:
                rows = await conn.fetch(
                    "UPDATE hh_applies SET state = 'STOPPED', reason = 'kill_switch', detail = $2, updated_at = $3"
                    " WHERE user_id = $1 AND automatic AND (state IN ('PREPARING', 'CAPPED')"
                    " OR (state = 'QUEUED' AND attempts = 0)) RETURNING *", user_id, STOPPED_DETAIL, now)
                halted = [apply_from_row(row) for row in rows]
                for apply in halted:
                    await self._repo.add_event(conn, apply=apply, outcome=HhApplyOutcome.STOPPED, reason="kill_switch",
                                               body=STOPPED_DETAIL, now=now)
                    await self._changed(conn, apply, now)
        if halted:
            self._outbox.wake()
        log.info("auto-apply kill switch", extra={"user_id": user_id, "stopped": stopped, "halted": len(halted)})
        return stopped, now, len(halted)

    # --- a dry run's letter ---------------------------------------------------------------------------
    async def discard(self, *, user_id: str, apply_id: str) -> HhApply:
        now = self._now()
        async with self._pool.acquire() as conn, conn.transaction():
            row = await conn.fetchrow("SELECT * FROM hh_applies WHERE id = $1 AND user_id = $2 FOR UPDATE",
                                      parse_id(apply_id, "apply id"), user_id)
            if row is None:
                raise NotFound("apply not found")
            apply = apply_from_row(row)
            if apply.state is HhApplyState.DISCARDED:
                return apply
            if apply.state is not HhApplyState.REVIEW:
                raise FailedPrecondition("only a letter waiting for your review can be discarded")
            updated = await self._set(conn, apply, state=HhApplyState.DISCARDED, reason="",
                                      detail="you discarded this letter: nothing was sent", now=now)
            await self._repo.add_event(conn, apply=updated, outcome=HhApplyOutcome.DISCARDED, reason="", body="",
                                       now=now, automatic=False)
            await self._changed(conn, updated, now)
        self._outbox.wake()
        return updated

    # --- helpers --------------------------------------------------------------------------------------
    @staticmethod
    async def _stopped(conn: asyncpg.Connection, user_id: str) -> bool:
        return bool(await conn.fetchval("SELECT stopped FROM auto_apply_switches WHERE user_id = $1", user_id))

    @staticmethod
    async def _set(conn: asyncpg.Connection, apply: HhApply, *, state: HhApplyState, reason: str, detail: str,
                   now: datetime, message: str | None = None, not_before: datetime | None = None) -> HhApply:
        row = await conn.fetchrow(
            "UPDATE hh_applies SET state = $2, reason = $3, detail = $4, message = coalesce($5, message),"
            " not_before = coalesce($6, not_before), updated_at = $7 WHERE id = $1 RETURNING *",
            uuid.UUID(apply.id), state.value, reason, detail, message, not_before, now)
        return apply_from_row(row)

    async def _changed(self, conn: asyncpg.Connection, apply: HhApply, now: datetime) -> None:
        status = await bucket_status(conn, self._repo, self._policy, user_id=apply.user_id, now=now)
        await self._outbox.add_event(conn, convert.hh_apply_changed_event(apply, status))
