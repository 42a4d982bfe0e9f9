"""Silence noticed: when an open application has had no activity for its status's threshold of days, it
is flagged "no response" and one reminder fires.

- **Activity** is the application's creation, a status move, or a recorded timeline event, which
  counts from when it happens or was recorded, whichever is later: an e-mail logged today about last
  week restarts the clock today, and an interview scheduled for next week holds it until then.
  Analyses, follow-up reminders and the "no response" reminders themselves are not activity (they are
  the tracker's, not the company's or the user's). `applications.last_activity_at` keeps it, updated
  in the transaction of each such change.
- **Thresholds** are per status, per user: the defaults below, or what the user set (0: never flag).
- **The job** (`Crm.flag_silent_applications`, a periodic job of the service runtime in every replica,
  every TRACKER_SILENCE_CHECK_INTERVAL_S) claims due applications with `FOR UPDATE SKIP LOCKED`, sets `no_response_at` and writes the
  reminder (a NO_RESPONSE timeline entry and EVENT_NO_RESPONSE) in one transaction: one reminder per
  silence however many replicas run it. Any new activity clears the flag; the next silence fires again.
- An **import** flags the applications it brings that are already past their threshold, without a
  reminder: importing last year's applications is not news.
"""

from __future__ import annotations

from tracker_service.domain import OPEN_STATUSES, SilenceThreshold, Status

# Days without activity before an open application in that status is flagged (0: never). TO_APPLY is
# the user's own to-do list: nobody owes them an answer yet.
DEFAULT_THRESHOLDS: dict[Status, int] = {Status.TO_APPLY: 0, Status.APPLIED: 10, Status.INTERVIEW: 7,
                                         Status.OFFER: 5}
MAX_THRESHOLD_DAYS = 365
SILENCE_CLAIM_BATCH = 100


def effective_thresholds(overrides: dict[Status, int]) -> list[SilenceThreshold]:
    """One threshold per open status: the user's where they set one, the default otherwise."""
    return [SilenceThreshold(status, overrides[status], False) if status in overrides
            else SilenceThreshold(status, DEFAULT_THRESHOLDS[status], True) for status in OPEN_STATUSES]
