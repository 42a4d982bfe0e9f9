"""The follow-up job: a periodic job of the service runtime, in every tracker replica.

Each pass claims due reminders with `SELECT … FOR UPDATE SKIP LOCKED`, marks them fired and writes one
EVENT_FOLLOW_UP_DUE per reminder to the outbox in the same transaction, so a reminder fires exactly
once however many replicas run the job. Snoozing (SetFollowUp with a new time) re-arms it.
"""

from __future__ import annotations

import logging

from tracker_service.tracker import FOLLOW_UP_CLAIM_BATCH, Tracker

log = logging.getLogger(__name__)


async def fire_due_follow_ups(tracker: Tracker) -> int:
    """Fire every reminder due now, a claim batch at a time; returns how many fired."""
    total = 0
    while True:
        fired = await tracker.fire_due_follow_ups()
        total += fired
        if fired < FOLLOW_UP_CLAIM_BATCH:
            break
    if total:
        log.info("follow-ups fired", extra={"count": total})
    return total
