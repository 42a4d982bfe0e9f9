"""The follow-up scheduler: a background loop in every tracker replica.

Each pass claims due reminders with `SELECT … FOR UPDATE SKIP LOCKED`, marks them fired and writes one
EVENT_FOLLOW_UP_DUE per reminder to the outbox in the same transaction, so a reminder fires exactly
once however many replicas run the loop. Snoozing (SetFollowUp with a new time) re-arms it.
"""

from __future__ import annotations

import asyncio
import logging

import asyncpg

from tracker_service.tracker import FOLLOW_UP_CLAIM_BATCH, Tracker

log = logging.getLogger(__name__)


async def run_follow_up_scheduler(tracker: Tracker, *, interval_s: float) -> None:
    """Cancel the task to stop it."""
    while True:
        try:
            fired = await tracker.fire_due_follow_ups()
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as exc:
            log.warning("follow-up scheduler pass failed; will retry", extra={"error": str(exc)})
            fired = 0
        if fired:
            log.info("follow-ups fired", extra={"count": fired})
        if fired < FOLLOW_UP_CLAIM_BATCH:
            await asyncio.sleep(interval_s)
