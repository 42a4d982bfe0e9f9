"""The types of tracker_service's domain: applications (cards), their moves, notes, analyses and stats;
and the CRM around them (issue 18): companies, contacts, timeline events, salary observations, silence
thresholds, and the records an import reads.

No protobuf and no SQL here: the repository returns these, the logic (tracker.py, transitions.py,
funnel.py, calendar.py) works on them, and convert.py turns them into messages. A stored analysis
is the one document kept as protobuf's JSON mapping (tracker.v1.Analysis), since the tracker only
stores and returns it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple


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
    NOT_REQUESTED = "NOT_REQUESTED"  # an imported application without a posting to analyse


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
    # What the posting says it pays, when it says (recorded as an ADVERTISED salary observation).
    salary: Salary | None = None


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
    company_id: str = ""
    # Creation, status moves and recorded timeline events (an event counts from when it happens or
    # was recorded, whichever is later).
    last_activity_at: datetime | None = None
    no_response_at: datetime | None = None  # set while flagged "no response"


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
class CalendarEntries:
    """What the calendar shows: the cards' follow-ups and interview dates, and the recorded interviews
    (each with its card)."""

    applications: list[Application]
    interviews: list[tuple[TimelineEvent, Application]] = field(default_factory=list)


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


@dataclass(frozen=True, slots=True)
class ResponseRow:
    """A recorded event that shows the company answered (RESPONSE_KINDS)."""

    application_id: str
    at: datetime


@dataclass(slots=True)
class TimeInStage:
    status: Status
    completed: int
    median_days: float | None
    current: int
    current_median_days: float | None


@dataclass(slots=True)
class ResponseStats:
    applied: int
    responded: int
    rate: float
    median_days_to_response: float | None


@dataclass(slots=True)
class FunnelReport:
    overall: FunnelStats
    by_source: dict[str, FunnelStats] = field(default_factory=dict)
    time_in_stage: list[TimeInStage] = field(default_factory=list)
    response: ResponseStats | None = None
    no_response_count: int = 0


# --- the CRM (issue 18) ----------------------------------------------------------------------------
OPEN_STATUSES = (Status.TO_APPLY, Status.APPLIED, Status.INTERVIEW, Status.OFFER)


class EventKind(enum.StrEnum):
    # Recorded by the user.
    RECRUITER_CALL = "RECRUITER_CALL"
    INTERVIEW = "INTERVIEW"
    ASSESSMENT = "ASSESSMENT"
    OFFER = "OFFER"
    REJECTION = "REJECTION"
    EMAIL_SENT = "EMAIL_SENT"
    EMAIL_RECEIVED = "EMAIL_RECEIVED"
    NOTE = "NOTE"
    CUSTOM = "CUSTOM"
    # Written by the tracker, or read from where the tracker keeps them.
    STATUS_CHANGE = "STATUS_CHANGE"
    ANALYSIS = "ANALYSIS"
    FOLLOW_UP = "FOLLOW_UP"
    NO_RESPONSE = "NO_RESPONSE"
    HH_APPLY = "HH_APPLY"


RECORDED_KINDS = frozenset({EventKind.RECRUITER_CALL, EventKind.INTERVIEW, EventKind.ASSESSMENT, EventKind.OFFER,
                            EventKind.REJECTION, EventKind.EMAIL_SENT, EventKind.EMAIL_RECEIVED, EventKind.NOTE,
                            EventKind.CUSTOM})
# Recorded kinds that mean the company answered (the funnel's response rate).
RESPONSE_KINDS = frozenset({EventKind.RECRUITER_CALL, EventKind.INTERVIEW, EventKind.ASSESSMENT, EventKind.OFFER,
                            EventKind.REJECTION, EventKind.EMAIL_RECEIVED})


class TimelineOrigin(enum.StrEnum):
    RECORDED = "RECORDED"
    CARD_NOTE = "CARD_NOTE"
    STATUS_HISTORY = "STATUS_HISTORY"
    ANALYSIS = "ANALYSIS"
    FOLLOW_UP = "FOLLOW_UP"
    SILENCE = "SILENCE"
    HH_APPLY = "HH_APPLY"


class SalaryKind(enum.StrEnum):
    ADVERTISED = "ADVERTISED"
    ASKED = "ASKED"
    OFFERED = "OFFERED"


class SalaryPeriod(enum.StrEnum):
    HOUR = "HOUR"
    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"
    YEAR = "YEAR"


class Change(enum.StrEnum):
    """What happened to a record, as its *_CHANGED event says."""

    CREATED = "CREATED"
    UPDATED = "UPDATED"
    DELETED = "DELETED"


class CompanySort(enum.StrEnum):
    LAST_ACTIVITY_DESC = "LAST_ACTIVITY_DESC"
    NAME_ASC = "NAME_ASC"


class DataFormat(enum.StrEnum):
    JSON = "JSON"
    CSV = "CSV"


class CsvPreset(enum.StrEnum):
    SPREADSHEET = "SPREADSHEET"
    HUNTR = "HUNTR"
    TEAL = "TEAL"


@dataclass(frozen=True, slots=True)
class Salary:
    min: float | None
    max: float | None
    currency: str  # ISO 4217, upper case; "" when an advertised salary did not say
    period: SalaryPeriod | None  # None when an advertised salary did not say
    gross: bool | None = None
    text: str = ""


@dataclass(slots=True)
class Company:
    id: str
    user_id: str
    name: str
    name_key: str
    website: str
    careers_url: str
    board: str
    board_token: str
    notes: str
    created_at: datetime
    updated_at: datetime
    application_count: int = 0
    open_application_count: int = 0
    no_response_count: int = 0
    last_activity_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class BoardLink:
    """The job board a posting's URL shows: its name, the company's token there, its public page."""

    board: str
    token: str
    careers_url: str


@dataclass(slots=True)
class Contact:
    id: str
    company_id: str
    name: str
    role: str
    email: str
    phone: str
    profile_url: str
    notes: str
    created_at: datetime
    updated_at: datetime


# Each kind's own fields. Recorded kinds: interview, assessment, offer, e-mail; the others are read.
@dataclass(frozen=True, slots=True)
class InterviewDetails:
    stage: str = ""
    place: str = ""
    link: str = ""
    duration_minutes: int = 0


@dataclass(frozen=True, slots=True)
class AssessmentDetails:
    link: str = ""
    due_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class OfferDetails:
    salary: Salary | None = None  # kept as the application's OFFERED observation, linked to the event
    bonus: str = ""
    equity: str = ""
    benefits: str = ""
    respond_by: datetime | None = None


@dataclass(frozen=True, slots=True)
class EmailDetails:
    subject: str = ""
    address: str = ""


@dataclass(frozen=True, slots=True)
class StatusChangeDetails:
    from_status: Status | None
    to_status: Status
    correction: bool
    reopen: bool


@dataclass(frozen=True, slots=True)
class AnalysisDetails:
    ok: bool
    score: int
    reason: str


@dataclass(frozen=True, slots=True)
class FollowUpDetails:
    fired: bool


@dataclass(frozen=True, slots=True)
class NoResponseDetails:
    status: Status
    threshold_days: int
    last_activity_at: datetime


@dataclass(frozen=True, slots=True)
class HhApplyDetails:
    apply_id: str
    outcome: str
    reason: str
    vacancy_id: str
    resume_id: str
    negotiation_id: str
    automatic: bool


EventDetails = (InterviewDetails | AssessmentDetails | OfferDetails | EmailDetails | StatusChangeDetails
                | AnalysisDetails | FollowUpDetails | NoResponseDetails | HhApplyDetails)
# The details each recorded kind may carry.
DETAILS_OF_KIND: dict[EventKind, type] = {EventKind.INTERVIEW: InterviewDetails,
                                          EventKind.ASSESSMENT: AssessmentDetails,
                                          EventKind.OFFER: OfferDetails,
                                          EventKind.EMAIL_SENT: EmailDetails,
                                          EventKind.EMAIL_RECEIVED: EmailDetails}


@dataclass(slots=True)
class TimelineEvent:
    id: str
    application_id: str
    company_id: str
    kind: EventKind
    origin: TimelineOrigin
    title: str
    body: str
    occurred_at: datetime
    recorded_at: datetime
    updated_at: datetime
    details: EventDetails | None = None
    contact_ids: list[str] = field(default_factory=list)

    @property
    def editable(self) -> bool:
        return self.origin is TimelineOrigin.RECORDED


@dataclass(frozen=True, slots=True)
class EventFields:
    """What a user sets on a recorded event (create, or the fields an update names)."""

    title: str = ""
    body: str = ""
    occurred_at: datetime | None = None
    contact_ids: tuple[str, ...] = ()
    details: EventDetails | None = None


class TimelinePosition(NamedTuple):
    """Where a timeline page ends, in the timeline's order (newest first): the minute an entry happened
    in (the precision the timeline shows and the event form records), then when it was recorded, then,
    for entries written together (an import's made-up moves, a move and its creation), the creation
    before the moves and the moves in the order they were made; the entry's id last."""

    minute: datetime
    recorded_at: datetime
    rank: int
    seq: int
    item_id: str


@dataclass(slots=True)
class TimelinePage:
    events: list[TimelineEvent]
    next_after: TimelinePosition | None
    total: int


@dataclass(slots=True)
class SalaryObservation:
    id: str
    application_id: str
    kind: SalaryKind
    salary: Salary
    note: str
    observed_at: datetime
    event_id: str
    created_at: datetime


@dataclass(slots=True)
class OfferRow:
    application_id: str
    company_id: str
    company: str
    title: str
    status: Status
    offered: SalaryObservation | None
    asked: SalaryObservation | None
    advertised: SalaryObservation | None
    annual_min: float | None
    annual_max: float | None
    offer: OfferDetails | None
    offered_at: datetime | None


@dataclass(frozen=True, slots=True)
class SilenceThreshold:
    status: Status
    days: int  # 0: never flag
    is_default: bool


@dataclass(slots=True)
class ExportedFile:
    name: str
    content_type: str
    content: bytes


@dataclass(frozen=True, slots=True)
class CsvOptions:
    preset: CsvPreset = CsvPreset.SPREADSHEET
    column_mapping: dict[str, str] = field(default_factory=dict)
    day_first: bool = False


@dataclass(slots=True)
class ImportIssue:
    row: int
    entity: str
    reason: str
    ref: str = ""
    skipped: bool = True


@dataclass(slots=True)
class ImportReport:
    dry_run: bool = False
    records: int = 0
    applications: int = 0
    companies: int = 0
    contacts: int = 0
    events: int = 0
    notes: int = 0
    salaries: int = 0
    already_present: int = 0
    skipped: int = 0
    issues: list[ImportIssue] = field(default_factory=list)

    def skip(self, row: int, entity: str, reason: str, ref: str = "") -> None:
        self.skipped += 1
        self.issues.append(ImportIssue(row, entity, reason, ref, skipped=True))

    def warn(self, row: int, entity: str, reason: str, ref: str = "") -> None:
        self.issues.append(ImportIssue(row, entity, reason, ref, skipped=False))


# --- records: everything a user keeps, as an export holds it and an import reads it ------------------
@dataclass(slots=True)
class CompanyRecord:
    ref: str
    name: str
    website: str = ""
    careers_url: str = ""
    board: str = ""
    board_token: str = ""
    notes: str = ""
    created_at: datetime | None = None
    row: int = 0  # where the import read it, for its report


@dataclass(slots=True)
class ContactRecord:
    ref: str
    company_ref: str
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""
    profile_url: str = ""
    notes: str = ""
    created_at: datetime | None = None
    row: int = 0


@dataclass(slots=True)
class HistoryRecord:
    from_status: Status | None
    to_status: Status
    at: datetime
    note: str = ""
    correction: bool = False
    reopen: bool = False


@dataclass(slots=True)
class AnalysisRecord:
    recorded_at: datetime
    ok: bool
    score: int = 0
    reason: str = ""


@dataclass(slots=True)
class ApplicationRecord:
    ref: str  # "" for a CSV row: its job_id makes it unique
    company_ref: str
    job: JobSnapshot
    status: Status
    created_at: datetime
    search_config_id: str = ""
    rating: int = 0
    follow_up_at: datetime | None = None
    follow_up_fired: bool = False
    interview_at: datetime | None = None
    analysis_state: AnalysisState = AnalysisState.NOT_REQUESTED
    analysis: dict[str, Any] | None = None
    analysis_error: str = ""
    no_response: bool = False  # exported for reading; an import works it out again
    history: list[HistoryRecord] = field(default_factory=list)
    analyses: list[AnalysisRecord] = field(default_factory=list)
    row: int = 0


@dataclass(slots=True)
class NoteRecord:
    ref: str
    application_ref: str
    body: str
    created_at: datetime
    updated_at: datetime
    row: int = 0


@dataclass(slots=True)
class EventRecord:
    ref: str
    application_ref: str
    kind: EventKind
    occurred_at: datetime
    recorded_at: datetime
    title: str = ""
    body: str = ""
    details: EventDetails | None = None
    contact_refs: list[str] = field(default_factory=list)
    row: int = 0


@dataclass(slots=True)
class SalaryRecord:
    ref: str
    application_ref: str
    kind: SalaryKind
    salary: Salary
    observed_at: datetime
    note: str = ""
    event_ref: str = ""
    row: int = 0


@dataclass(slots=True)
class UserData:
    companies: list[CompanyRecord] = field(default_factory=list)
    contacts: list[ContactRecord] = field(default_factory=list)
    applications: list[ApplicationRecord] = field(default_factory=list)
    notes: list[NoteRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    salaries: list[SalaryRecord] = field(default_factory=list)
    silence_thresholds: dict[Status, int] = field(default_factory=dict)  # the user's own, not the defaults


# --- an event's details as stored (jsonb) and exported (JSON) ----------------------------------------
def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def details_as_dict(details: EventDetails | None) -> dict[str, Any]:
    """The stored and exported shape of a kind's own fields (an offer's figures are kept apart)."""
    match details:
        case InterviewDetails():
            return {"stage": details.stage, "place": details.place, "link": details.link,
                    "duration_minutes": details.duration_minutes}
        case AssessmentDetails():
            return {"link": details.link, "due_at": _time(details.due_at)}
        case OfferDetails():
            return {"bonus": details.bonus, "equity": details.equity, "benefits": details.benefits,
                    "respond_by": _time(details.respond_by)}
        case EmailDetails():
            return {"subject": details.subject, "address": details.address}
        case NoResponseDetails():
            return {"status": details.status.value, "threshold_days": details.threshold_days,
                    "last_activity_at": _time(details.last_activity_at)}
        case None:
            return {}
    raise TypeError(f"{type(details).__name__} is not stored with an event")


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"details.{key} must be text")
    return value


def _when(data: dict[str, Any], key: str) -> datetime | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"details.{key} must be an ISO 8601 time")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"details.{key} is not an ISO 8601 time: {value[:40]!r}") from None
    if parsed.tzinfo is None:
        raise ValueError(f"details.{key} needs a time zone (…Z or …+02:00)")
    return parsed


def _int(data: dict[str, Any], key: str) -> int:
    value = data.get(key, 0)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"details.{key} must be a whole number")
    return value


def details_from_dict(kind: EventKind, data: dict[str, Any], *,
                      offer_salary: Salary | None = None) -> EventDetails | None:
    """`details_as_dict` read back for an event of `kind`; ValueError when a field has the wrong type."""
    if not isinstance(data, dict):
        raise ValueError("details must be an object")
    if kind is EventKind.INTERVIEW:
        return InterviewDetails(stage=_text(data, "stage"), place=_text(data, "place"), link=_text(data, "link"),
                                duration_minutes=_int(data, "duration_minutes"))
    if kind is EventKind.ASSESSMENT:
        return AssessmentDetails(link=_text(data, "link"), due_at=_when(data, "due_at"))
    if kind is EventKind.OFFER:
        return OfferDetails(salary=offer_salary, bonus=_text(data, "bonus"), equity=_text(data, "equity"),
                            benefits=_text(data, "benefits"), respond_by=_when(data, "respond_by"))
    if kind in (EventKind.EMAIL_SENT, EventKind.EMAIL_RECEIVED):
        return EmailDetails(subject=_text(data, "subject"), address=_text(data, "address"))
    if kind is EventKind.NO_RESPONSE:
        try:
            status = Status(data.get("status"))
        except ValueError:
            raise ValueError("details.status is not a status") from None
        last = _when(data, "last_activity_at")
        if last is None:
            raise ValueError("details.last_activity_at is required")
        return NoResponseDetails(status=status, threshold_days=_int(data, "threshold_days"), last_activity_at=last)
    return None


# --- applying on HH.ru (docs/hh.md) -------------------------------------------------------------------
class HhApplyState(enum.StrEnum):
    QUEUED = "QUEUED"
    SENDING = "SENDING"
    APPLIED = "APPLIED"
    NEEDS_USER = "NEEDS_USER"
    FAILED = "FAILED"
    # Auto-apply (docs/hh.md): waiting for the analysis's letter; for a place in the search's daily cap;
    # a dry run's letter waiting for the user's review; a review letter the user discarded; stopped by
    # the user's kill switch before it went out.
    PREPARING = "PREPARING"
    CAPPED = "CAPPED"
    REVIEW = "REVIEW"
    DISCARDED = "DISCARDED"
    STOPPED = "STOPPED"


class HhApplyOutcome(enum.StrEnum):
    """What the timeline records of an apply."""

    QUEUED = "QUEUED"
    APPLIED = "APPLIED"
    NEEDS_USER = "NEEDS_USER"
    WAITING = "WAITING"
    FAILED = "FAILED"
    REVIEW = "REVIEW"
    DISCARDED = "DISCARDED"
    STOPPED = "STOPPED"


@dataclass(frozen=True, slots=True)
class HhApply:
    id: str
    user_id: str
    application_id: str
    vacancy_id: str
    resume_id: str
    message: str
    state: HhApplyState
    token_taken: bool
    attempts: int
    not_before: datetime
    reason: str
    detail: str
    negotiation_id: str
    automatic: bool
    created_at: datetime
    updated_at: datetime
    # Automatic applies: the saved search whose daily cap counts it, that cap, and whether it is a dry run.
    search_config_id: str = ""
    daily_cap: int = 0
    dry_run: bool = False


@dataclass(frozen=True, slots=True)
class BucketStatus:
    tokens: float
    capacity: float
    refill_per_hour: float
    next_token_at: datetime | None
    queued: int = 0
