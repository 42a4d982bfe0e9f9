"""The inbox's fit order: discovery asks ai_coach for scores and stores what comes back.

Discovery owns each posting's fit score; ai_coach computes it. So:
- when postings enter a user's inbox, `request` puts SCORE_POSTINGS commands (at most SCORE_BATCH ids
  each) in the outbox, in the transaction that stored them;
- when the user's profile changes (EVENT_PROFILE_UPDATED), `rescore` asks again for every pending posting
  not yet scored from that profile. Those commands' ids derive from the user, the profile's version and
  the batch, so however many replicas hear the event, or whichever path asks, each is asked once;
- ai_coach answers with RecordFitScores (`record`): the scores are stored, the command completed and an
  EVENT_JOBS_SCORED naming the postings scored put in the outbox (so an open inbox shows the scores) in
  one transaction, idempotently by command id. A score computed from an older profile than the stored one's
  is ignored; when the answer was computed from a newer profile than some pending postings' scores (an
  event missed while discovery was down), those are asked for again (with the same derived ids), so
  stale scores heal without the event. Likewise an answer from another version of the scorer (a new
  model deployed) asks for the pending postings scored by the old one, once per version.
A command that gets no answer is published again by the outbox and given up after its attempts; its
postings then stay "not scored yet" until the next profile change asks again.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Sequence
from datetime import datetime

import asyncpg

from common.bus import Bus
from common.outbox import Outbox
from discovery_service.auto_approve import AutoApprovals
from discovery_service.convert import (
    PROFILE_UPDATED_CHANNEL,
    profile_updated_from_json,
    score_postings_command,
    scored_event,
)
from discovery_service.domain import FitScore
from discovery_service.repository import JobRepository

log = logging.getLogger(__name__)

# Postings per command: ai_coach scores a batch in well under a second, and reads it in one BatchGetJobs.
SCORE_BATCH = 200
STOP_TIMEOUT_S = 5.0
NEW = "new"
PROFILE_CHANGED = "profile_changed"
MODEL_CHANGED = "model_changed"
_COMMAND_IDS = uuid.UUID("5c0f6a53-62d4-4d0e-9b1f-7f3c2c8f6a10")  # namespace of the derived command ids


def _batches(job_ids: Sequence[str]) -> list[list[str]]:
    return [list(job_ids[start:start + SCORE_BATCH]) for start in range(0, len(job_ids), SCORE_BATCH)]


def rescore_command_id(user_id: str, profile_updated_at: datetime, batch: int, model: str = "") -> str:
    """The id of a rescoring command: the same for the same user, profile version, batch (and, for a new
    model of the scorer, that model), whoever asks."""
    key = f"{user_id}|{profile_updated_at.isoformat()}|{batch}" + (f"|model:{model}" if model else "")
    return str(uuid.uuid5(_COMMAND_IDS, key))


class FitScores:
    def __init__(self, pool: asyncpg.Pool, outbox: Outbox, jobs: JobRepository,
                 auto_approvals: AutoApprovals | None = None) -> None:
        self._pool = pool
        self._outbox = outbox
        self._jobs = jobs
        self._auto = auto_approvals

    async def request(self, conn: asyncpg.Connection, *, user_id: str, job_ids: Sequence[str]) -> int:
        """Ask for the scores of postings that just entered the inbox; call in the transaction that stored
        them (then wake the outbox). Returns how many commands were added."""
        batches = _batches(job_ids)
        for batch in batches:
            await self._outbox.add_command(conn, score_postings_command(user_id, batch, reason=NEW))
        return len(batches)

    def wake(self) -> None:
        """Publish the commands now (call after committing the transaction that added them)."""
        self._outbox.wake()

    async def rescore(self, *, user_id: str, profile_updated_at: datetime) -> int:
        """The profile changed: ask again for every pending posting not scored from this version of it."""
        async with self._pool.acquire() as conn, conn.transaction():
            added = await self._rescore(conn, user_id=user_id, profile_updated_at=profile_updated_at,
                                        include_unscored=True)
        if added:
            self._outbox.wake()
            log.info("fit scores requested after a profile change", extra={"user_id": user_id, "commands": added})
        return added

    async def _rescore(self, conn: asyncpg.Connection, *, user_id: str, profile_updated_at: datetime,
                       include_unscored: bool) -> int:
        stale = await self._jobs.stale_pending(conn, user_id=user_id, profile_updated_at=profile_updated_at,
                                               include_unscored=include_unscored)
        return await self._ask_once(conn, user_id, stale, PROFILE_CHANGED, profile_updated_at)

    async def _ask_once(self, conn: asyncpg.Connection, user_id: str, job_ids: list[str], reason: str,
                        profile_updated_at: datetime, model: str = "") -> int:
        added = 0
        for index, batch in enumerate(_batches(job_ids)):
            command_id = rescore_command_id(user_id, profile_updated_at, index, model)
            command = score_postings_command(user_id, batch, reason=reason, command_id=command_id)
            added += await self._outbox.add_command_once(conn, command)
        return added

    async def record(self, *, command_id: str, user_id: str, scores: Sequence[tuple[str, FitScore]],
                     profile_updated_at: datetime | None) -> tuple[int, bool]:
        """Store ai_coach's answer: (how many scores were stored, whether the command was answered before)."""
        async with self._pool.acquire() as conn, conn.transaction():
            inserted = await conn.fetchval(
                "INSERT INTO fit_commands_done (command_id, user_id, recorded) VALUES ($1, $2, 0)"
                " ON CONFLICT (command_id) DO NOTHING RETURNING 1", command_id, user_id)
            if inserted is None:
                return 0, True
            stored = await self._jobs.record_fit_scores(conn, user_id=user_id, scores=scores)
            recorded = len(stored)
            await conn.execute("UPDATE fit_commands_done SET recorded = $2 WHERE command_id = $1", command_id, recorded)
            if stored:
                await self._outbox.add_event(conn, scored_event(user_id, stored))
            await self._outbox.complete(conn, command_id)  # no-op when the outbox already gave up on it
            healed = 0
            if self._auto is not None:  # saved searches with auto-apply: approve what passes their threshold
                healed += await self._auto.ask(conn, user_id=user_id, job_ids=[job_id for job_id, _ in scores])
            if profile_updated_at is not None:
                # Only postings scored from an older profile: unscored ones may have their commands in flight.
                healed = await self._rescore(conn, user_id=user_id, profile_updated_at=profile_updated_at,
                                             include_unscored=False)
                model = scores[0][1].model if scores else ""
                if model:  # a new version of the scorer: the rest of the inbox is scored by it too
                    other = await self._jobs.other_model_pending(
                        conn, user_id=user_id, profile_updated_at=profile_updated_at, model=model)
                    healed += await self._ask_once(conn, user_id, other, MODEL_CHANGED, profile_updated_at, model)
        if healed or recorded:
            self._outbox.wake()
        return recorded, False


class ProfileUpdates:
    """Follows EVENT_PROFILE_UPDATED (profile_service's outbox publishes it) and asks for new scores.

    Pub/sub delivers at most once: an event missed while no replica listens is made up for by `record`'s
    healing (the next answer computed from the new profile asks for the rest)."""

    def __init__(self, bus: Bus, fit: FitScores) -> None:
        self._subscription = bus.subscribe([PROFILE_UPDATED_CHANNEL])
        self._fit = fit
        self._task: asyncio.Task | None = None

    @property
    def connected(self) -> asyncio.Event:
        return self._subscription.connected

    def start(self) -> None:
        self._task = asyncio.create_task(self._follow(), name="profile updates")

    async def stop(self) -> None:
        self._subscription.close()
        if self._task is not None:
            self._task.cancel()
            # Bounded: a Redis client stuck closing its connection must not hold the service's shutdown.
            done, _ = await asyncio.wait({self._task}, timeout=STOP_TIMEOUT_S)
            if not done:
                log.warning("the profile-event subscription did not stop in time; left behind")

    async def _follow(self) -> None:
        async for _, data in self._subscription:
            update = profile_updated_from_json(data)
            if update is None:
                log.warning("malformed profile event dropped")
                continue
            user_id, updated_at = update
            try:
                await self._fit.rescore(user_id=user_id, profile_updated_at=updated_at)
            except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as exc:
                log.warning("could not ask for new fit scores after a profile change",
                            extra={"user_id": user_id, "error": str(exc)})
