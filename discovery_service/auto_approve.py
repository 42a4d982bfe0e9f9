"""Auto-apply, discovery's part (docs/hh.md, "Auto-apply"): approving HH postings on the user's behalf.

Discovery owns the postings, their fit scores and the snapshot of each saved search it runs, so it
decides which postings qualify; the tracker owns applications and applies, so it does the rest:
- when fit scores are recorded (`ask`, in RecordFitScores' transaction), every posting that qualifies
  (`qualifies`: pending, from HH, found by an active saved search whose auto-apply is on, a score at or
  above its threshold) gets one AUTO_APPROVE command in the outbox, and a row of `auto_approvals` that
  makes it the only one ever asked for that posting;
- the outbox delivers the command directly to `deliver`: the posting is set APPROVED (only from
  PENDING, so a posting the user rejected or approved first is left alone) and the tracker's
  AutoApproveJob does what approveJob does for a person (the application, its analysis) and prepares the
  automatic apply. When the tracker declines (the user's kill switch, no usable HH link), or the outbox
  gives up on the command, the posting goes back to PENDING: nothing was approved for the user.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg
import grpc

from common import messages
from common.outbox import Outbox
from discovery_service.convert import config_from_snapshot
from jobmate.events.v1 import events_pb2
from jobmate.tracker.v1 import tracker_pb2, tracker_pb2_grpc

log = logging.getLogger(__name__)

AUTO_APPLY_SOURCE = "hh"  # the only board JobMate can apply on


@dataclass(frozen=True, slots=True)
class AutoApplySetting:
    enabled: bool
    min_fit_score: float
    daily_cap: int
    dry_run: bool

    @classmethod
    def from_snapshot(cls, snapshot: Mapping[str, Any]) -> AutoApplySetting:
        """A saved search's auto-apply, from its snapshot (profile's SearchConfig in the JSON mapping)."""
        auto = config_from_snapshot(snapshot).auto_apply
        return cls(enabled=auto.enabled, min_fit_score=auto.min_fit_score, daily_cap=auto.daily_cap,
                   dry_run=auto.dry_run)


def qualifies(setting: AutoApplySetting, *, source: str, status: str, score: float | None) -> bool:
    """Whether a posting is approved automatically: its search's auto-apply is on, it is from HH, still
    pending (never one the user rejected or decided on), and scored at or above the threshold."""
    return (setting.enabled and source == AUTO_APPLY_SOURCE and status == "PENDING" and score is not None
            and score >= setting.min_fit_score)


def auto_approve_command(user_id: str, job_id: str, search_config_id: str, score: float,
                         setting: AutoApplySetting) -> events_pb2.Command:
    return messages.new_command(events_pb2.COMMAND_TYPE_AUTO_APPROVE, user_id, auto_approve=events_pb2.AutoApprove(
        job_id=job_id, search_config_id=search_config_id, fit_score=score, min_fit_score=setting.min_fit_score,
        daily_cap=setting.daily_cap, dry_run=setting.dry_run))


class AutoApprovals:
    def __init__(self, pool: asyncpg.Pool, outbox: Outbox, tracker: grpc.aio.Channel | None) -> None:
        self._pool = pool
        self._outbox = outbox
        self._tracker = tracker_pb2_grpc.TrackerServiceStub(tracker) if tracker is not None else None

    async def ask(self, conn: asyncpg.Connection, *, user_id: str, job_ids: Sequence[str]) -> int:
        """In the transaction that recorded these postings' scores: an AUTO_APPROVE command for each that
        qualifies and was never asked for. Returns how many were added (wake the outbox after commit)."""
        if not job_ids:
            return 0
        rows = await conn.fetch(
            "SELECT j.id, j.source, j.status, j.search_config_id, f.fit_score, s.config FROM jobs j"
            " JOIN job_fits f ON f.job_id = j.id"
            " JOIN search_schedules s ON s.search_config_id = j.search_config_id AND s.user_id = j.user_id"
            " WHERE j.user_id = $1 AND j.id = ANY($2::uuid[]) AND j.status = 'PENDING' AND j.source = $3"
            " AND s.active AND NOT EXISTS (SELECT 1 FROM auto_approvals a WHERE a.job_id = j.id)",
            user_id, [uuid.UUID(job_id) for job_id in job_ids], AUTO_APPLY_SOURCE)
        added = 0
        for row in rows:
            setting = AutoApplySetting.from_snapshot(row["config"] or {})
            if not qualifies(setting, source=row["source"], status=row["status"], score=row["fit_score"]):
                continue
            command = auto_approve_command(user_id, str(row["id"]), row["search_config_id"], row["fit_score"],
                                           setting)
            inserted = await conn.fetchval(
                "INSERT INTO auto_approvals (job_id, user_id, search_config_id, fit_score, command_id, state)"
                " VALUES ($1, $2, $3, $4, $5, 'ASKED') ON CONFLICT (job_id) DO NOTHING RETURNING 1",
                row["id"], user_id, row["search_config_id"], row["fit_score"], command.id)
            if inserted:
                await self._outbox.add_command(conn, command)
                added += 1
        return added

    async def deliver(self, command: events_pb2.Command) -> None:
        """The outbox's direct handler for AUTO_APPROVE; idempotent, raises to be retried."""
        assert self._tracker is not None, "wired with a tracker channel"
        auto = command.auto_approve
        job_id = uuid.UUID(auto.job_id)
        async with self._pool.acquire() as conn, conn.transaction():
            state = await conn.fetchval("SELECT state FROM auto_approvals WHERE job_id = $1 FOR UPDATE", job_id)
            if state not in ("ASKED", "APPROVED"):
                return  # done before, skipped, or the posting is gone
            if state == "ASKED":
                approved = await conn.fetchval(
                    "UPDATE jobs SET status = 'APPROVED', status_changed_at = now()"
                    " WHERE id = $1 AND user_id = $2 AND status = 'PENDING' RETURNING 1", job_id, command.user_id)
                if not approved:
                    await self._finish(conn, job_id, "SKIPPED", reason="you decided on the posting first")
                    return
                await self._finish(conn, job_id, "APPROVED")
        reply = await self._tracker.AutoApproveJob(tracker_pb2.AutoApproveJobRequest(
            command_id=command.id, user_id=command.user_id, job_id=auto.job_id,
            search_config_id=auto.search_config_id, fit_score=auto.fit_score, daily_cap=auto.daily_cap,
            dry_run=auto.dry_run))
        async with self._pool.acquire() as conn, conn.transaction():
            if reply.application_id:
                await self._finish(conn, job_id, "DONE", application_id=reply.application_id)
                return
            reason = "auto-apply is stopped (kill switch)" if reply.stopped else reply.skipped_reason
            await self._back_to_inbox(conn, job_id, reason)
        log.info("automatic approval declined by the tracker", extra={"job_id": auto.job_id, "reason": reason})

    async def on_give_up(self, conn: asyncpg.Connection, command: events_pb2.Command, error: str) -> None:
        """The tracker could not be reached through every attempt: the posting is the user's to decide."""
        await self._back_to_inbox(conn, uuid.UUID(command.auto_approve.job_id), f"not approved: {error}")

    async def _back_to_inbox(self, conn: asyncpg.Connection, job_id: uuid.UUID, reason: str) -> None:
        state = await conn.fetchval("SELECT state FROM auto_approvals WHERE job_id = $1 FOR UPDATE", job_id)
        if state == "APPROVED":  # this automation approved it: undo that, the user decides
            await conn.execute("UPDATE jobs SET status = 'PENDING', status_changed_at = now()"
                               " WHERE id = $1 AND status = 'APPROVED'", job_id)
        if state in ("ASKED", "APPROVED"):
            await self._finish(conn, job_id, "SKIPPED", reason=reason)

    @staticmethod
    async def _finish(conn: asyncpg.Connection, job_id: uuid.UUID, state: str, *, reason: str = "",
                      application_id: str = "") -> None:
        await conn.execute("UPDATE auto_approvals SET state = $2, reason = $3, application_id = $4, updated_at = now()"
                           " WHERE job_id = $1", job_id, state, reason, application_id)
