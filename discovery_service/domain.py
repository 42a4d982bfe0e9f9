"""discovery_service's types: the posting every job source produces, the interfaces sources are written
against, what a saved search asks for, and the inbox, runs and schedule as the service logic sees them.

A source turns one board's response into `Posting`s; discovery filters, de-duplicates and stores them.
Nothing here knows about gRPC or PostgreSQL (convert.py and repository.py do), so sources, filters and
de-duplication are testable as plain functions.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from common.pay import PayPeriod


class RemoteType(enum.StrEnum):
    UNKNOWN = "UNKNOWN"
    REMOTE = "REMOTE"
    HYBRID = "HYBRID"
    ON_SITE = "ON_SITE"


# The periods common.pay reads, which the sources store as they are (UNKNOWN when the wording does not say).
SalaryPeriod = PayPeriod


@dataclass(slots=True)
class Salary:
    min: float | None = None
    max: float | None = None
    currency: str | None = None  # ISO 4217, upper case ("EUR", "USD", "RUR" is normalised to "RUB")
    period: SalaryPeriod = SalaryPeriod.UNKNOWN
    gross: bool | None = None  # True: before tax; False: net; None: the board does not say
    text: str | None = None  # the board's own wording when it only gives free text ("$80k - $100k")


# What `Posting.inferred_fields` may name (the same words the gateway shows).
INFERABLE_FIELDS = ("title", "company", "locations", "remote_type", "employment_type", "salary", "description")


@dataclass(slots=True)
class Posting:
    """One job posting, normalised. `raw` keeps the board's payload for debugging and re-parsing."""

    source: str  # source module name: "greenhouse", "lever", "hh", "manual", "url", ...
    external_id: str  # the board's id (stable across runs); for manual adds a generated one
    url: str  # where a person applies or reads the posting
    title: str
    company: str = ""
    locations: list[str] = field(default_factory=list)
    remote_type: RemoteType = RemoteType.UNKNOWN
    salary: Salary = field(default_factory=Salary)
    employment_type: str = ""  # normalised: FULL_TIME, PART_TIME, CONTRACT, INTERNSHIP, TEMPORARY, or ""
    description_text: str = ""  # clean text, paragraphs separated by blank lines, list items as "- "
    description_html: str = ""  # sanitised HTML (safe to render)
    skills: list[str] = field(default_factory=list)  # tags / key skills as the board gives them
    posted_at: datetime | None = None  # timezone-aware (UTC) when known
    raw: Mapping[str, Any] = field(default_factory=dict)
    source_urls: list[str] = field(default_factory=list)  # every URL this posting was seen at
    language: str = ""  # ISO 639-1 when the board says or it is obvious ("en", "ru", "de")
    # Fields read by inference rather than given as data: from a page's structure (AddJobByUrl without
    # schema.org data) or pay found in a description. Names as in INFERABLE_FIELDS.
    inferred_fields: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.url and self.url not in self.source_urls:
            self.source_urls.insert(0, self.url)


class SourceError(Exception):
    """A source could not produce postings (HTTP error, malformed JSON, unexpected shape, timeout).

    `reason` is what the discovery run records for this source; other sources of the run go on.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class Fetcher(Protocol):
    """The one HTTP client every source uses (implemented in discovery_service.web.fetch).

    It applies timeouts, a response size cap, retries with jittered backoff honouring Retry-After,
    a per-host rate limit with one request in flight per host, conditional requests and the User-Agent.
    Errors surface as `FetchError` (discovery_service.web.fetch) with a readable reason.
    """

    async def get_json(
        self, url: str, *, params: Mapping[str, Any] | None = None, headers: Mapping[str, str] | None = None
    ) -> Any: ...

    async def get_text(
        self, url: str, *, params: Mapping[str, Any] | None = None, headers: Mapping[str, str] | None = None
    ) -> str: ...


class JobSource(Protocol):
    """One job board. Modules under discovery_service/sources/ each expose one of these as `SOURCE`."""

    name: str

    def fetch(
        self, fetcher: Fetcher, query: SearchQuery, params: Mapping[str, Any]
    ) -> AsyncIterator[Posting]:
        """Yield the board's postings for this query. `params` are the saved search's per-source
        parameters (e.g. {"board_token": "vercel"} for Greenhouse, {"area": "1"} for HH).
        Raises SourceError when the board cannot be read."""
        ...


# --- what a saved search asks for ------------------------------------------------------------------
@dataclass(slots=True)
class SearchQuery:
    """What a saved search asks for, as sources need it (a projection of the profile's SearchConfig)."""

    titles: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    remote_policy: str = "ANY"  # REMOTE, HYBRID, ON_SITE, ANY
    salary_min: float | None = None  # a yearly floor
    salary_currency: str | None = None


@dataclass(slots=True)
class SearchCriteria(SearchQuery):
    """What a saved search asks of a posting (discovery_service.filters): the query plus its red flags."""

    red_flags: list[str] = field(default_factory=list)

    def query(self) -> SearchQuery:
        """What the job-board sources need of it."""
        return SearchQuery(titles=list(self.titles), keywords=list(self.keywords), locations=list(self.locations),
                           remote_policy=self.remote_policy, salary_min=self.salary_min,
                           salary_currency=self.salary_currency)


# --- the inbox ---------------------------------------------------------------------------------------
class JobStatus(enum.StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


class Origin(enum.StrEnum):
    SCHEDULE = "schedule"  # a saved search's run (scheduled or RunSearchNow)
    MANUAL = "manual"  # AddJobManually
    URL = "url"  # AddJobByUrl
    INGEST = "ingest"  # IngestJobs (internal tooling)

    @property
    def user_requested(self) -> bool:
        """The user asked for this very posting: filters mark it but never drop it."""
        return self in (Origin.MANUAL, Origin.URL)


@dataclass(slots=True)
class ManualDetails:
    """What a user types when adding a posting by hand, beyond the posting itself."""

    start_date: str = ""
    duration: str = ""
    why_us: str = ""


@dataclass(frozen=True, slots=True)
class FitScore:
    """How well a posting fits its user's profile: ai_coach's fit score, as RecordFitScores stored it."""

    score: float  # 0..100
    confidence: float  # 0..1
    reasons: list[str]  # at most three sentences, the most telling first
    missing: list[str]  # what the posting or profile lacks to judge well
    model: str  # the scorer's version
    profile_updated_at: datetime | None  # the profile it was computed from
    scored_at: datetime | None = None


class FeedSort(enum.StrEnum):
    NEWEST = "NEWEST"
    # Scored postings by score, highest first; then those not scored yet, newest first.
    FIT = "FIT"


@dataclass(frozen=True, slots=True)
class FeedCursor:
    """Where the last page of the feed ended: its last posting's seq (and, sorted by fit, its score)."""

    seq: int
    score: float | None = None


@dataclass(slots=True)
class StoredJob:
    """A posting in one user's inbox."""

    id: str
    user_id: str
    posting: Posting
    status: JobStatus
    red_flags: list[str]
    search_config_id: str
    origin: Origin
    manual: ManualDetails
    discovered_at: datetime
    status_changed_at: datetime
    seq: int
    fit: FitScore | None = None  # None: not scored yet


@dataclass(frozen=True, slots=True)
class FeedNarrowing:
    """The inbox's optional filters beyond status, saved search and text (GetJobFeed)."""

    sources: tuple[str, ...] = ()
    remote_types: tuple[RemoteType, ...] = ()
    salary_at_least: float | None = None  # per year, on the top of the stated range
    salary_currency: str = ""
    discovered_after: datetime | None = None


@dataclass(slots=True)
class Candidate:
    """A posting on its way in, with what the filters found and the keys it is recognised by
    (discovery_service.dedup.posting_keys)."""

    posting: Posting
    keys: list[str]
    red_flags: Sequence[str] = ()
    manual: ManualDetails = field(default_factory=ManualDetails)


@dataclass(frozen=True, slots=True)
class Stored:
    """What storing did with one candidate: `job_id` is the new posting's id or the one it was merged into
    (None when it matched a posting purged earlier, which is not brought back)."""

    job_id: str | None
    new: bool


@dataclass(frozen=True, slots=True)
class Added:
    """A posting a user added by hand or by URL, and whether it was already in their inbox."""

    job: StoredJob
    duplicate: bool


@dataclass(slots=True)
class IngestCounts:
    """What happened to the postings of a run (or an IngestJobs stream) on their way into one inbox."""

    received: int = 0
    new_ids: list[str] = field(default_factory=list)
    duplicates: int = 0
    filtered_by_reason: Counter[str] = field(default_factory=Counter)
    first_new: Posting | None = None  # for an event about a single new posting

    @property
    def filtered(self) -> int:
        return sum(self.filtered_by_reason.values())

    def add(self, other: IngestCounts) -> None:
        self.received += other.received
        self.new_ids.extend(other.new_ids)
        self.duplicates += other.duplicates
        self.filtered_by_reason.update(other.filtered_by_reason)
        self.first_new = self.first_new or other.first_new


@dataclass(slots=True)
class IngestItem:
    """One posting streamed in by IngestJobs for a user's inbox, through a saved search's filters when one
    is named. `posting` is None when the message could not be read (a malformed raw payload)."""

    user_id: str
    search_config_id: str
    posting: Posting | None


@dataclass(slots=True)
class IngestTotals:
    """IngestJobs' answer: what happened to the whole stream."""

    received: int = 0
    inserted: int = 0
    duplicates: int = 0
    filtered: int = 0
    invalid: int = 0


# --- discovery runs ----------------------------------------------------------------------------------
class RunStatus(enum.StrEnum):
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    PARTIAL = "PARTIAL"
    FAILED = "FAILED"


@dataclass(slots=True)
class RunRecord:
    id: str
    search_config_id: str
    user_id: str
    trigger: str
    status: RunStatus
    fetched: int
    new_count: int
    duplicates: int
    filtered: int
    filtered_by_reason: dict[str, int]
    errors: list[dict[str, str]]
    skipped: list[dict[str, str]]
    started_at: datetime
    finished_at: datetime | None
    seq: int


# --- saved searches and the schedule -----------------------------------------------------------------
@dataclass(slots=True)
class SavedSearch:
    """A saved search as profile_service answers it (discovery_service.profile_client).

    `snapshot` is the whole SearchConfig in protobuf's JSON mapping: the schedule stores it as it is, and
    convert.plan_from_snapshot reads the filters and job boards out of it for each run."""

    id: str
    user_id: str
    active: bool
    run_interval_minutes: int  # 0: the service's default
    snapshot: dict[str, Any]


@dataclass(slots=True)
class ScheduledSearch:
    search_config_id: str
    user_id: str
    config: dict[str, Any]  # profile's SearchConfig, protobuf JSON mapping (SavedSearch.snapshot)
    interval_minutes: int
