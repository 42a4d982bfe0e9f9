"""GraphQL types of the discovery domain and their mapping from jobmate.discovery.v1."""

from __future__ import annotations

from collections.abc import Container
from datetime import datetime

import strawberry
from strawberry.utils.str_converters import to_camel_case

from gateway.graphql.base import Connection, PageInfo, ts
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
        if not (s.HasField("min") or s.HasField("max") or s.text):
            return None
        return cls(min=s.min if s.HasField("min") else None, max=s.max if s.HasField("max") else None,
                   currency=s.currency,
                   period=SalaryPeriod.from_pb(s.period),
                   gross=s.gross if s.HasField("gross") else None, text=s.text)


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
    def from_pb(cls, j: discovery_pb2.Job, shown: Container[str] | None = None) -> FitScore | None:
        """`shown`: as in `Job.from_pb`."""
        if not j.HasField("fit"):
            return None
        f = j.fit
        if shown is None:
            shown = FIT_FIELDS
        return cls(score=f.score, confidence=f.confidence,
                   reasons=list(f.reasons) if "reasons" in shown else [],
                   missing=list(f.missing) if "missing" in shown else [],
                   scored_at=ts(f.scored_at) if "scoredAt" in shown else None,
                   model=f.model if "model" in shown else "")


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
    def from_pb(cls, j: discovery_pb2.Job, shown: Container[str] | None = None,
                fit_shown: Container[str] | None = None) -> Job:
        """The posting as GraphQL shows it. `shown`: the GraphQL names of the fields the operation asks
        for (`selected(info, "nodes")`), and `fit_shown` those of its `fit`; the other fields are left
        empty (null, "" or []) rather than converted. The inbox shows 14 of 27 fields and 3 of a fit's 6:
        converting the rest was a third of `Job.from_pb`, the largest part of an inbox page's execution
        (docs/perf/README.md, third pass). Nothing reads what is left empty: Job and FitScore have no
        resolver (tests/unit/test_gateway_types.py), so a field not asked for is never shown. None: all."""
        if shown is None:
            shown = JOB_FIELDS
        return cls(
            id=strawberry.ID(j.id), source=j.source, url=j.url, title=j.title, company=j.company,
            locations=list(j.locations) if "locations" in shown else [],
            remote_type=RemoteType.from_pb(j.remote_type),
            salary=Salary.from_pb(j.salary) if "salary" in shown else None,
            employment_type=j.employment_type, description_text=j.description_text,
            skills=list(j.skills) if "skills" in shown else [],
            posted_at=ts(j.posted_at) if "postedAt" in shown else None,
            source_urls=list(j.source_urls) if "sourceUrls" in shown else [],
            status=JobStatus.from_pb(j.status),
            red_flags=list(j.red_flags) if "redFlags" in shown else [],
            search_config_id=strawberry.ID(j.search_config_id) if j.search_config_id else None,
            discovered_at=ts(j.discovered_at) if "discoveredAt" in shown else None,
            language=j.language, origin=j.origin, start_date=j.start_date, duration=j.duration, why_us=j.why_us,
            status_changed_at=ts(j.status_changed_at) if "statusChangedAt" in shown else None,
            expires_at=ts(j.expires_at) if "expiresAt" in shown else None,
            match_reasons=list(j.match_reasons) if "matchReasons" in shown else [],
            inferred_fields=list(j.inferred_fields) if "inferredFields" in shown else [],
            fit=FitScore.from_pb(j, fit_shown) if "fit" in shown else None)


def _graphql_names(type_: type) -> frozenset[str]:
    return frozenset(field.graphql_name or to_camel_case(field.python_name)
                     for field in type_.__strawberry_definition__.fields)


JOB_FIELDS = _graphql_names(Job)
FIT_FIELDS = _graphql_names(FitScore)


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
