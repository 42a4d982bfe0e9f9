"""GraphQL types of the tracker domain and their mapping from jobmate.tracker.v1."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from gateway.context import context_of
from gateway.graphql.base import Connection, ts
from gateway.graphql.discovery.loaders import jobs_by_id
from gateway.graphql.discovery.types import Job
from gateway.graphql.enums import proto_enum
from gateway.graphql.tracker.loaders import histories_by_application_id
from jobmate.tracker.v1 import tracker_pb2

ApplicationStatus = proto_enum(tracker_pb2.ApplicationStatus.DESCRIPTOR)
AnalysisState = proto_enum(tracker_pb2.AnalysisState.DESCRIPTOR)
ApplicationSort = proto_enum(tracker_pb2.ApplicationSort.DESCRIPTOR)


@strawberry.type(description="The posting as it was when the application was created.")
class JobSnapshot:
    job_id: strawberry.ID
    title: str
    company: str
    location: str
    url: str
    source: str


@strawberry.type(description="One weighted criterion of the match score.")
class BreakdownItem:
    name: str
    weight: float
    score: float
    explanation: str

    @classmethod
    def many(cls, items) -> list[BreakdownItem]:
        # The contract carries these as 32-bit floats: 0.6 arrives as 0.6000000238. Four decimals is
        # more than the engine's precision and what a client should display.
        return [cls(name=i.name, weight=round(i.weight, 4), score=round(i.score, 4), explanation=i.explanation)
                for i in items]


@strawberry.type
class AtsAdvice:
    keywords_to_add: list[str]
    missing_skills: list[str]
    tips: list[str]


@strawberry.type(description="The analysis of an application against the user's CV.")
class Analysis:
    score: int
    breakdown: list[BreakdownItem]
    heuristic_breakdown: list[BreakdownItem]
    pros: list[str]
    cons: list[str]
    cover_letter: str
    ats_advice: AtsAdvice
    matched_skills: list[str]
    missing_skills: list[str]
    engine: str
    model: str
    language: str
    fallback_reason: str | None
    duration_ms: int
    created_at: datetime | None
    heuristic_score: int | None = strawberry.field(
        description="With the LLM engine: the rule-based score it started from (null otherwise).")
    score_adjustment: int = strawberry.field(description="How far the LLM moved the rule-based score.")
    adjustment_reasons: list[str] = strawberry.field(description="Why the LLM moved the score.")

    @classmethod
    def from_pb(cls, a: tracker_pb2.Analysis) -> Analysis:
        return cls(score=a.score, breakdown=BreakdownItem.many(a.breakdown),
                   heuristic_breakdown=BreakdownItem.many(a.heuristic_breakdown), pros=list(a.pros),
                   cons=list(a.cons), cover_letter=a.cover_letter,
                   ats_advice=AtsAdvice(keywords_to_add=list(a.ats_advice.keywords_to_add),
                                        missing_skills=list(a.ats_advice.missing_skills),
                                        tips=list(a.ats_advice.tips)),
                   matched_skills=list(a.matched_skills), missing_skills=list(a.missing_skills), engine=a.engine,
                   model=a.model, language=a.language, fallback_reason=a.fallback_reason or None,
                   duration_ms=a.duration_ms, created_at=ts(a.created_at),
                   heuristic_score=a.heuristic_score if a.HasField("heuristic_score") else None,
                   score_adjustment=a.score_adjustment, adjustment_reasons=list(a.adjustment_reasons))


@strawberry.type
class Note:
    id: strawberry.ID
    body: str
    created_at: datetime | None
    updated_at: datetime | None

    @classmethod
    def from_pb(cls, n: tracker_pb2.Note) -> Note:
        return cls(id=strawberry.ID(n.id), body=n.body, created_at=ts(n.created_at), updated_at=ts(n.updated_at))


@strawberry.type(description="One move of the card; corrections and reopenings are flagged.")
class HistoryEntry:
    from_status: ApplicationStatus | None
    to_status: ApplicationStatus | None
    at: datetime | None
    note: str
    correction: bool
    reopen: bool

    @classmethod
    def from_pb(cls, h: tracker_pb2.HistoryEntry) -> HistoryEntry:
        return cls(from_status=ApplicationStatus.from_pb(h.from_status), to_status=ApplicationStatus.from_pb(h.to_status), at=ts(h.at),
                   note=h.note, correction=h.correction, reopen=h.reopen)


@strawberry.type(description="An application: a card on the board.")
class Application:
    id: strawberry.ID
    job_id: strawberry.ID
    job: JobSnapshot
    status: ApplicationStatus | None
    version: int
    analysis_state: AnalysisState | None
    analysis: Analysis | None
    analysis_error: str | None
    rating: int | None
    follow_up_at: datetime | None = strawberry.field(description="The follow-up (relance) reminder.")
    interview_at: datetime | None
    notes: list[Note]
    created_at: datetime | None
    updated_at: datetime | None
    search_config_id: strawberry.ID | None
    allowed_moves: list[ApplicationStatus] = strawberry.field(
        description="The columns moveCard accepts from here (empty for a closed card: reopen it first).")

    @strawberry.field(description="The posting in the inbox today (null if it was cleaned up).")
    async def posting(self, info: Info) -> Job | None:
        return await context_of(info).loader("jobs_by_id", jobs_by_id).load(str(self.job_id))

    @strawberry.field(description="Every move of the card, oldest first.")
    async def history(self, info: Info) -> list[HistoryEntry]:
        loader = context_of(info).loader("histories_by_application_id", histories_by_application_id)
        return [HistoryEntry.from_pb(h) for h in await loader.load(str(self.id))]

    @classmethod
    def from_pb(cls, a: tracker_pb2.Application) -> Application:
        j = a.job
        return cls(
            id=strawberry.ID(a.id), job_id=strawberry.ID(a.job_id),
            job=JobSnapshot(job_id=strawberry.ID(j.job_id or a.job_id), title=j.title, company=j.company,
                            location=j.location, url=j.url, source=j.source),
            status=ApplicationStatus.from_pb(a.status), version=a.version,
            analysis_state=AnalysisState.from_pb(a.analysis_state),
            analysis=Analysis.from_pb(a.analysis) if a.HasField("analysis") else None,
            analysis_error=a.analysis_error or None, rating=a.rating or None,
            follow_up_at=ts(a.follow_up_at, present=a.HasField("follow_up_at")),
            interview_at=ts(a.interview_at, present=a.HasField("interview_at")),
            notes=[Note.from_pb(n) for n in a.notes], created_at=ts(a.created_at), updated_at=ts(a.updated_at),
            search_config_id=strawberry.ID(a.search_config_id) if a.search_config_id else None,
            allowed_moves=[m for m in (ApplicationStatus.from_pb(v) for v in a.allowed_moves) if m is not None])


ApplicationConnection = Connection[Application]


@strawberry.type
class BoardColumn:
    status: ApplicationStatus | None
    count: int
    cards: list[Application]


@strawberry.type(description="The Kanban board: every column with its full count and its first cards.")
class Board:
    columns: list[BoardColumn]

    @classmethod
    def from_pb(cls, reply: tracker_pb2.GetBoardResponse) -> Board:
        return cls(columns=[BoardColumn(status=ApplicationStatus.from_pb(c.status), count=c.count,
                                        cards=[Application.from_pb(a) for a in c.cards]) for c in reply.columns])


@strawberry.type
class StatusCount:
    status: ApplicationStatus | None
    count: int


@strawberry.type
class StageConversion:
    from_status: ApplicationStatus | None
    to_status: ApplicationStatus | None
    rate: float
    median_days: float | None


@strawberry.type
class SourceStats:
    source: str
    total: int
    counts: list[StatusCount]
    conversions: list[StageConversion]


def _counts(counts: dict[str, int]) -> list[StatusCount]:
    return [StatusCount(status=ApplicationStatus.from_name(name), count=value) for name, value in sorted(counts.items())]


def _conversions(items) -> list[StageConversion]:
    return [StageConversion(from_status=ApplicationStatus.from_pb(c.from_status), to_status=ApplicationStatus.from_pb(c.to_status),
                            rate=c.rate, median_days=c.median_days if c.HasField("median_days") else None)
            for c in items]


@strawberry.type(description="How applications move through the funnel.")
class FunnelStats:
    total: int
    counts_by_status: list[StatusCount]
    conversions: list[StageConversion]
    by_source: list[SourceStats]

    @classmethod
    def from_pb(cls, r: tracker_pb2.GetFunnelStatsResponse) -> FunnelStats:
        return cls(total=r.total, counts_by_status=_counts(dict(r.counts_by_status)),
                   conversions=_conversions(r.conversions),
                   by_source=[SourceStats(source=s.source, total=s.total, counts=_counts(dict(s.counts_by_status)),
                                          conversions=_conversions(s.conversions)) for s in r.by_source])
