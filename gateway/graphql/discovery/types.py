"""GraphQL types of the discovery domain and their mapping from jobmate.discovery.v1."""

from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.graphql.base import Connection, PageInfo, built, message_view, ts
from gateway.graphql.enums import proto_enum
from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2

JobStatus = proto_enum(discovery_pb2.JobStatus.DESCRIPTOR)
RemoteType = proto_enum(common_pb2.RemoteType.DESCRIPTOR)
SalaryPeriod = proto_enum(common_pb2.SalaryPeriod.DESCRIPTOR)
RunStatus = proto_enum(discovery_pb2.RunStatus.DESCRIPTOR)
FeedSort = proto_enum(discovery_pb2.FeedSort.DESCRIPTOR, description=(
    "The inbox's order: NEWEST first (the default), or best FIT first (postings not scored yet last)."))


@strawberry.type
class Salary:
    min: float | None
    max: float | None
    currency: str
    period: SalaryPeriod | None
    gross: bool | None
    text: str

    @classmethod
    def from_pb(cls, s: common_pb2.Salary) -> Salary | None:
        return built(cls, SalaryView(s)) if _salary_stated(s) else None


def _salary_stated(s: common_pb2.Salary) -> bool:
    return s.HasField("min") or s.HasField("max") or bool(s.text)


SalaryView = message_view(Salary, ("currency", "text"), {
    "min": lambda s: s.min if s.HasField("min") else None,
    "max": lambda s: s.max if s.HasField("max") else None,
    "gross": lambda s: s.gross if s.HasField("gross") else None,
}, enums={"period": SalaryPeriod})


@strawberry.type(description="How well a posting fits the user's profile: a cheap, offline 0-100 score with "
                                 "its reasons, computed for every posting in the inbox (the full analysis runs "
                                 "on approval and uses the same score).")
class FitScore:
    score: float = strawberry.field(description="0-100; higher is a better fit.")
    confidence: float = strawberry.field(description="0-1: how much the texts allowed to judge.")
    reasons: list[str] = strawberry.field(description="At most three sentences, the most telling first.")
    missing: list[str] = strawberry.field(description='What the posting or profile lacks to judge well '
                                                      '("the posting has 40 words").')
    scored_at: datetime | None
    model: str = strawberry.field(description="The scorer's version.")

    @classmethod
    def from_pb(cls, j: discovery_pb2.Job) -> FitScore | None:
        return built(cls, FitScoreView(j.fit)) if j.HasField("fit") else None


FitScoreView = message_view(FitScore, ("score", "confidence", "model"), {}, timestamps=("scored_at",),
                            strings=("reasons", "missing"))


@strawberry.type(description="A job posting in the user's inbox.")
class Job:
    id: strawberry.ID
    source: str
    url: str
    title: str
    company: str
    locations: list[str]
    remote_type: RemoteType | None
    salary: Salary | None
    employment_type: str
    description_text: str
    skills: list[str]
    posted_at: datetime | None
    source_urls: list[str]
    status: JobStatus | None
    red_flags: list[str]
    search_config_id: strawberry.ID | None
    discovered_at: datetime | None
    language: str
    origin: str = strawberry.field(description='"schedule", "manual", "url" or "ingest".')
    start_date: str
    duration: str
    why_us: str
    status_changed_at: datetime | None
    expires_at: datetime | None = strawberry.field(description="When a posting not approved leaves the inbox.")
    match_reasons: list[str] = strawberry.field(description=(
        "Why the posting passed its saved search's filters, as codes (\"title:<search title>\", "
        "\"keyword:<keyword>\", \"remote:<REMOTE|HYBRID|ON_SITE>\", \"remote_unstated\", \"location:<place>\", "
        "\"location_remote\", \"location_unstated\", \"salary_meets_floor\", \"salary_unstated\", "
        "\"salary_other_currency\", \"no_red_flags\", \"added_by_user\", \"search_gone\"), judged against the "
        "search as it is now. Filled by `job(id)` only (empty in the feed)."))
    inferred_fields: list[str] = strawberry.field(
        default_factory=list,
        description='Fields read by inference rather than given as data by the source, to be checked: any of'
        ' "title", "company", "locations", "remote_type", "employment_type", "salary", "description" (a page'
        ' added by URL without structured data has them all; pay found in a description gives "salary").',
    )
    fit: FitScore | None = strawberry.field(
        default=None, description="How well the posting fits the user's profile; null: not scored yet.")

    @classmethod
    def from_pb(cls, j: discovery_pb2.Job) -> Job:
        """The whole posting (`job(id)`, the mutations); a feed page shows `JobView`s instead."""
        return built(cls, JobView(j), salary=Salary.from_pb(j.salary), fit=FitScore.from_pb(j))


# A posting as GraphQL shows it, each field converted from the message only when the operation reads it:
# the inbox reads 14 of 27 fields (docs/perf/README.md, fourth pass). ID is a NewType of str: a copy.
JobView = message_view(Job, (
    "id", "source", "url", "title", "company", "employment_type", "description_text", "language", "origin",
    "start_date", "duration", "why_us"), {
    "salary": lambda j: SalaryView(j.salary) if _salary_stated(j.salary) else None,
    "search_config_id": lambda j: j.search_config_id or None,
    "fit": lambda j: FitScoreView(j.fit) if j.HasField("fit") else None,
}, timestamps=("posted_at", "discovered_at", "status_changed_at", "expires_at"),
    strings=("locations", "skills", "source_urls", "red_flags", "match_reasons", "inferred_fields"),
    enums={"remote_type": RemoteType, "status": JobStatus})


@strawberry.type
class ReasonCount:
    reason: str
    count: int


@strawberry.type
class SourceError:
    source: str
    reason: str


@strawberry.type(description="One run of a saved search over its job boards, with what it found.")
class DiscoveryRun:
    id: strawberry.ID
    search_config_id: strawberry.ID
    status: RunStatus | None
    fetched: int
    new_count: int
    duplicates: int
    filtered: int
    filtered_by_reason: list[ReasonCount]
    errors: list[SourceError]
    skipped: list[SourceError] = strawberry.field(description="Boards not called this time, and why (not failures).")
    started_at: datetime | None
    finished_at: datetime | None
    duration_ms: int
    trigger: str

    @classmethod
    def from_pb(cls, r: discovery_pb2.DiscoveryRun) -> DiscoveryRun:
        return cls(
            id=strawberry.ID(r.id), search_config_id=strawberry.ID(r.search_config_id),
            status=RunStatus.from_pb(r.status),
            fetched=r.fetched, new_count=r.new_count, duplicates=r.duplicates, filtered=r.filtered,
            filtered_by_reason=[ReasonCount(reason=k, count=v) for k, v in sorted(r.filtered_by_reason.items())],
            errors=[SourceError(source=e.source, reason=e.reason) for e in r.errors],
            skipped=[SourceError(source=e.source, reason=e.reason) for e in r.skipped],
            started_at=ts(r.started_at), finished_at=ts(r.finished_at), duration_ms=r.duration_ms, trigger=r.trigger)


@strawberry.type(description="One parameter a job board takes in a saved search.")
class SourceParamSpec:
    name: str
    description: str
    kind: str = strawberry.field(description='"string", "integer", "boolean" or "list" (of strings).')
    required: bool
    choices: list[str] = strawberry.field(description="The allowed values (for a list: items); empty: free.")
    default_value: str | None
    min_value: int | None
    max_value: int | None
    pattern: str | None = strawberry.field(description="A regular expression the value must match in full.")
    secret: bool = strawberry.field(description="A credential: not shown back once saved.")


@strawberry.type(description="A job board a saved search can list, with its parameters.")
class JobSource:
    name: str
    params: list[SourceParamSpec]
    min_fetch_interval_minutes: int = strawberry.field(
        description="How often one saved search may call this board (runs in between skip it).")

    @classmethod
    def from_pb(cls, s: discovery_pb2.SourceInfo) -> JobSource:
        return cls(name=s.name, min_fetch_interval_minutes=s.min_fetch_interval_minutes, params=[
            SourceParamSpec(name=p.name, description=p.description, kind=p.kind, required=p.required,
                            choices=list(p.choices), default_value=p.default_value or None,
                            min_value=p.min_value if p.HasField("min_value") else None,
                            max_value=p.max_value if p.HasField("max_value") else None,
                            pattern=p.pattern or None, secret=p.secret) for p in s.params])


JobConnection = Connection[Job]
DiscoveryRunConnection = Connection[DiscoveryRun]

__all__ = ["PageInfo"]
