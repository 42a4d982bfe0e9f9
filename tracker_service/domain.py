"""The types of tracker_service's domain: applications (cards), their moves, notes, analyses and stats.

No protobuf and no SQL here: the repository returns these, the logic (tracker.py, transitions.py,
funnel.py, calendar.py) works on them, and convert.py turns them into messages. A stored analysis
is the one document kept as protobuf's JSON mapping (tracker.v1.Analysis), since the tracker only
stores and returns it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class Status(enum.StrEnum):
    TO_APPLY = "TO_APPLY"
    APPLIED = "APPLIED"
    INTERVIEW = "INTERVIEW"
    OFFER = "OFFER"
    HIRED = "HIRED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"


class AnalysisState(enum.StrEnum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    DONE = "DONE"
    FAILED = "FAILED"


class Sort(enum.StrEnum):
    UPDATED_DESC = "UPDATED_DESC"
    CREATED_DESC = "CREATED_DESC"
    SCORE_DESC = "SCORE_DESC"
    FOLLOW_UP_ASC = "FOLLOW_UP_ASC"


class CardDate(enum.StrEnum):
    """The dates SetFollowUp sets, named as in its update mask."""

    FOLLOW_UP = "follow_up_at"
    INTERVIEW = "interview_at"


@dataclass(frozen=True, slots=True)
class Move:
    """A status change the transition table accepted."""

    from_status: Status
    to_status: Status
    correction: bool = False
    reopen: bool = False


@dataclass(frozen=True, slots=True)
class JobSnapshot:
    job_id: str
    title: str
    company: str
    location: str
    url: str
    source: str
    # The saved search that found the posting, when discovery knows it (not part of the stored snapshot).
    search_config_id: str = ""


@dataclass(slots=True)
class Note:
    id: str
    application_id: str
    body: str
    created_at: datetime
    updated_at: datetime


@dataclass(slots=True)
class HistoryEntry:
    from_status: Status | None
    to_status: Status
    at: datetime
    by_user_id: str
    note: str
    correction: bool
    reopen: bool


@dataclass(slots=True)
class Application:
    id: str
    user_id: str
    job: JobSnapshot
    search_config_id: str
    status: Status
    version: int
    analysis_state: AnalysisState
    analysis_command_id: str | None
    analysis: dict[str, Any] | None  # protobuf JSON mapping of tracker.v1.Analysis
    analysis_score: int | None
    analysis_error: str
    rating: int
    follow_up_at: datetime | None
    follow_up_fired_at: datetime | None
    interview_at: datetime | None
    created_at: datetime
    updated_at: datetime
    notes: list[Note] = field(default_factory=list)


@dataclass(slots=True)
class CreateResult:
    application: Application
    created: bool


@dataclass(slots=True)
class Page:
    """One page of a list as the repository reads it."""

    items: list[Application]
    # The sort key and id of the last item when more follow, for the next cursor.
    next_after: tuple[Any, str] | None
    total: int


@dataclass(slots=True)
class ListResult:
    applications: list[Application]
    next_page_token: str
    total: int


@dataclass(slots=True)
class BoardColumn:
    status: Status
    count: int
    cards: list[Application]


@dataclass(frozen=True, slots=True)
class CalendarFeed:
    token: str | None  # only when just created or rotated: the database keeps a hash
    created: bool
    created_at: datetime


# --- funnel statistics -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class HistoryRow:
    application_id: str
    to_status: Status
    at: datetime
    correction: bool = False


@dataclass(frozen=True, slots=True)
class CardRow:
    application_id: str
    status: Status
    source: str


@dataclass(slots=True)
class Conversion:
    from_status: Status
    to_status: Status
    rate: float
    median_days: float | None


@dataclass(slots=True)
class FunnelStats:
    counts_by_status: dict[Status, int]
    conversions: list[Conversion]
    total: int


@dataclass(slots=True)
class FunnelReport:
    overall: FunnelStats
    by_source: dict[str, FunnelStats] = field(default_factory=dict)
