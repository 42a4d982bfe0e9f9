"""GraphQL types of the discovery domain and their mapping from jobmate.discovery.v1."""

from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.graphql.base import Connection, PageInfo, ts
from gateway.graphql.enums import proto_enum
from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2

JobStatus = proto_enum(discovery_pb2.JobStatus.DESCRIPTOR)
RemoteType = proto_enum(common_pb2.RemoteType.DESCRIPTOR)
SalaryPeriod = proto_enum(common_pb2.SalaryPeriod.DESCRIPTOR)
RunStatus = proto_enum(discovery_pb2.RunStatus.DESCRIPTOR)


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

    @classmethod
    def from_pb(cls, j: discovery_pb2.Job) -> Job:
        return cls(
            id=strawberry.ID(j.id), source=j.source, url=j.url, title=j.title, company=j.company,
            locations=list(j.locations),
            remote_type=RemoteType.from_pb(j.remote_type),
            salary=Salary.from_pb(j.salary), employment_type=j.employment_type,
            description_text=j.description_text, skills=list(j.skills), posted_at=ts(j.posted_at),
            source_urls=list(j.source_urls),
            status=JobStatus.from_pb(j.status),
            red_flags=list(j.red_flags), search_config_id=strawberry.ID(j.search_config_id) if j.search_config_id
            else None, discovered_at=ts(j.discovered_at), language=j.language, origin=j.origin,
            start_date=j.start_date, duration=j.duration, why_us=j.why_us, status_changed_at=ts(j.status_changed_at),
            expires_at=ts(j.expires_at))


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


JobConnection = Connection[Job]
DiscoveryRunConnection = Connection[DiscoveryRun]

__all__ = ["PageInfo"]
