"""GraphQL types of the tracker domain and their mapping from jobmate.tracker.v1: the board's applications,
and the CRM around them (companies, the timeline, contacts, salaries and offers, silence thresholds,
exports and import reports)."""

from __future__ import annotations

import functools
from datetime import datetime

import strawberry
from strawberry.types import Info

from gateway.clients import TRACKER
from gateway.context import context_of, page_size
from gateway.errors import call
from gateway.graphql.base import Connection, PageInfo, page_request, ts
from gateway.graphql.discovery.loaders import jobs_by_id
from gateway.graphql.discovery.types import Job, Salary
from gateway.graphql.enums import proto_enum, to_pb
from gateway.graphql.tracker.loaders import (
    applications_by_id,
    companies_by_id,
    contacts_by_id,
    histories_by_application_id,
)
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
    confidence: float | None = strawberry.field(default=None, description=(
        "How much the texts allowed to judge, 0-1 (the score is the inbox's fit score); null for older analyses."))
    confidence_notes: list[str] = strawberry.field(default_factory=list, description=(
        'What the posting or profile lacks to judge well ("the posting has 40 words").'))

    @classmethod
    def from_pb(cls, a: tracker_pb2.Analysis) -> Analysis:
        if len(a.ListFields()) <= 1:  # a score alone (GetBoard analysis_score_only)
            return _score_alone(a.score)
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
                   score_adjustment=a.score_adjustment, adjustment_reasons=list(a.adjustment_reasons),
                   confidence=round(a.confidence, 3) if a.HasField("confidence") else None,
                   confidence_notes=list(a.confidence_notes))


@functools.lru_cache(maxsize=256)
def _score_alone(score: int) -> Analysis:
    """The analysis of a card that carries its score alone, one object per score: a board's 100 cards
    built 100 of them, each with its empty lists, ~12% of the gateway's CPU per board (docs/perf/README.md).
    Nothing changes an object once resolvers have returned it, so cards with one score can share it."""
    return Analysis(score=score, breakdown=[], heuristic_breakdown=[], pros=[], cons=[], cover_letter="",
                    ats_advice=AtsAdvice(keywords_to_add=[], missing_skills=[], tips=[]), matched_skills=[],
                    missing_skills=[], engine="", model="", language="", fallback_reason=None, duration_ms=0,
                    created_at=None, heuristic_score=None, score_adjustment=0, adjustment_reasons=[])


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
    company_id: strawberry.ID | None
    last_activity_at: datetime | None = strawberry.field(
        description="Its creation, a move or a recorded event (counted from when it happens or was recorded, "
                    "whichever is later): what silence is measured from.")
    no_response_at: datetime | None = strawberry.field(
        description="When it was flagged \"no response\"; null unless flagged (any new event clears it).")
    # An attribute, not a resolver: a resolver costs a card ~7 us of GraphQL execution (docs/perf/README.md).
    no_response: bool = strawberry.field(
        description="Flagged \"no response\": no activity for its status's threshold of days.")

    @strawberry.field(description="The company it belongs to (found or created from the posting's company).")
    async def company(self, info: Info) -> Company | None:
        if not self.company_id:
            return None
        found = await context_of(info).loader("companies_by_id", companies_by_id).load(str(self.company_id))
        return Company.from_pb(found) if found else None

    @strawberry.field(description="The posting in the inbox today (null if it was cleaned up).")
    async def posting(self, info: Info) -> Job | None:
        return await context_of(info).loader("jobs_by_id", jobs_by_id).load(str(self.job_id))

    @strawberry.field(description="Every move of the card, oldest first.")
    async def history(self, info: Info) -> list[HistoryEntry]:
        loader = context_of(info).loader("histories_by_application_id", histories_by_application_id)
        return [HistoryEntry.from_pb(h) for h in await loader.load(str(self.id))]

    @classmethod
    def from_pb(cls, a: tracker_pb2.Application) -> Application:
        # A board converts 100 of these per request, a third of the gateway's CPU for it: optional timestamps
        # are read only when present (reading an absent one builds an empty message first), and the moves
        # are looked up in the enum's own index (docs/perf/README.md, third pass).
        j = a.job
        has = a.HasField
        statuses = ApplicationStatus._value2member_map_
        return cls(
            id=strawberry.ID(a.id), job_id=strawberry.ID(a.job_id),
            job=JobSnapshot(job_id=strawberry.ID(j.job_id or a.job_id), title=j.title, company=j.company,
                            location=j.location, url=j.url, source=j.source),
            status=statuses.get(a.status), version=a.version,
            analysis_state=AnalysisState.from_pb(a.analysis_state),
            analysis=Analysis.from_pb(a.analysis) if has("analysis") else None,
            analysis_error=a.analysis_error or None, rating=a.rating or None,
            follow_up_at=ts(a.follow_up_at) if has("follow_up_at") else None,
            interview_at=ts(a.interview_at) if has("interview_at") else None,
            notes=[Note.from_pb(n) for n in a.notes] if a.notes else [],
            created_at=ts(a.created_at), updated_at=ts(a.updated_at),
            search_config_id=strawberry.ID(a.search_config_id) if a.search_config_id else None,
            allowed_moves=[statuses[v] for v in a.allowed_moves if v in statuses],
            company_id=strawberry.ID(a.company_id) if a.company_id else None,
            last_activity_at=ts(a.last_activity_at) if has("last_activity_at") else None,
            no_response_at=ts(a.no_response_at) if has("no_response_at") else None,
            no_response=has("no_response_at"))


ApplicationConnection = Connection[Application]


@strawberry.type
class BoardColumn:
    status: ApplicationStatus | None
    count: int
    cards: list[Application]
    no_response_count: int = strawberry.field(description="Cards of the column flagged \"no response\" "
                                                          "(all of them, not only those listed).")


@strawberry.type(description="The Kanban board: every column with its full count and its first cards.")
class Board:
    columns: list[BoardColumn]

    @classmethod
    def from_pb(cls, reply: tracker_pb2.GetBoardResponse) -> Board:
        return cls(columns=[BoardColumn(status=ApplicationStatus.from_pb(c.status), count=c.count,
                                        cards=[Application.from_pb(a) for a in c.cards],
                                        no_response_count=c.no_response_count) for c in reply.columns])


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


@strawberry.type(description="How long cards stay in a status: stays that ended, and cards there now.")
class TimeInStage:
    status: ApplicationStatus | None
    completed: int
    median_days: float | None
    current: int
    current_median_days: float | None


@strawberry.type(description="Of the applications that reached APPLIED, those that heard back (a move to "
                             "INTERVIEW, OFFER, HIRED or REJECTED, or a recorded call, interview, assessment, "
                             "offer, rejection or e-mail received after applying).")
class ResponseStats:
    applied: int
    responded: int
    rate: float
    median_days_to_response: float | None


@strawberry.type(description="How applications move through the funnel.")
class FunnelStats:
    total: int
    counts_by_status: list[StatusCount]
    conversions: list[StageConversion]
    by_source: list[SourceStats]
    time_in_stage: list[TimeInStage]
    response: ResponseStats
    no_response_count: int = strawberry.field(description="Open applications flagged \"no response\" now.")

    @classmethod
    def from_pb(cls, r: tracker_pb2.GetFunnelStatsResponse) -> FunnelStats:
        def optional(message, name: str) -> float | None:
            return round(getattr(message, name), 4) if message.HasField(name) else None

        return cls(total=r.total, counts_by_status=_counts(dict(r.counts_by_status)),
                   conversions=_conversions(r.conversions),
                   by_source=[SourceStats(source=s.source, total=s.total, counts=_counts(dict(s.counts_by_status)),
                                          conversions=_conversions(s.conversions)) for s in r.by_source],
                   time_in_stage=[TimeInStage(status=ApplicationStatus.from_pb(s.status), completed=s.completed,
                                              median_days=optional(s, "median_days"), current=s.current,
                                              current_median_days=optional(s, "current_median_days"))
                                  for s in r.time_in_stage],
                   response=ResponseStats(applied=r.response.applied, responded=r.response.responded,
                                          rate=round(r.response.rate, 4),
                                          median_days_to_response=optional(r.response, "median_days_to_response")),
                   no_response_count=r.no_response_count)


# --- the CRM (issue 18) -------------------------------------------------------------------------------
TimelineEventKind = proto_enum(tracker_pb2.TimelineEventKind.DESCRIPTOR,
                               description="What happened: RECRUITER_CALL to CUSTOM are recorded by the user; "
                                           "STATUS_CHANGE, ANALYSIS, FOLLOW_UP, NO_RESPONSE and HH_APPLY by the tracker.")
TimelineOrigin = proto_enum(tracker_pb2.TimelineOrigin.DESCRIPTOR,
                            description="Where a timeline entry is kept, so which mutation edits it.")
SalaryKind = proto_enum(tracker_pb2.SalaryKind.DESCRIPTOR)
CompanySort = proto_enum(tracker_pb2.CompanySort.DESCRIPTOR)
DataFormat = proto_enum(tracker_pb2.DataFormat.DESCRIPTOR)
CsvPreset = proto_enum(tracker_pb2.CsvPreset.DESCRIPTOR,
                       description="Which tool a CSV comes from: its column names are recognised.")


def _page(first: int | None, after: str | None, info: Info):
    return page_request(page_size(first, context_of(info).state.gateway_settings.max_page_size), after)


@strawberry.type(name="CompanyContact",
                 description="A person at a company: a recruiter, an interviewer, a hiring manager.")
class Contact:
    id: strawberry.ID
    company_id: strawberry.ID
    name: str
    role: str
    email: str
    phone: str
    profile_url: str
    notes: str
    created_at: datetime | None
    updated_at: datetime | None

    @classmethod
    def from_pb(cls, c: tracker_pb2.Contact) -> Contact:
        return cls(id=strawberry.ID(c.id), company_id=strawberry.ID(c.company_id), name=c.name, role=c.role,
                   email=c.email, phone=c.phone, profile_url=c.profile_url, notes=c.notes,
                   created_at=ts(c.created_at), updated_at=ts(c.updated_at))

    @strawberry.field
    async def company(self, info: Info) -> Company | None:
        found = await context_of(info).loader("companies_by_id", companies_by_id).load(str(self.company_id))
        return Company.from_pb(found) if found else None


ContactConnection = Connection[Contact]


@strawberry.type
class InterviewDetails:
    stage: str
    place: str
    link: str
    duration_minutes: int


@strawberry.type
class AssessmentDetails:
    link: str
    due_at: datetime | None


@strawberry.type
class OfferDetails:
    salary: Salary | None = strawberry.field(description="Kept as the application's OFFERED salary observation.")
    bonus: str
    equity: str
    benefits: str
    respond_by: datetime | None

    @classmethod
    def from_pb(cls, o: tracker_pb2.OfferDetails) -> OfferDetails:
        return cls(salary=Salary.from_pb(o.salary), bonus=o.bonus, equity=o.equity, benefits=o.benefits,
                   respond_by=ts(o.respond_by, present=o.HasField("respond_by")))


@strawberry.type
class EmailDetails:
    subject: str
    address: str


@strawberry.type
class StatusChangeDetails:
    from_status: ApplicationStatus | None
    to_status: ApplicationStatus | None
    correction: bool
    reopen: bool


@strawberry.type
class AnalysisDetails:
    ok: bool
    score: int
    reason: str


@strawberry.type
class FollowUpDetails:
    fired: bool


@strawberry.type
class NoResponseDetails:
    status: ApplicationStatus | None
    threshold_days: int
    last_activity_at: datetime | None


@strawberry.type(description="What an apply on HH.ru went through (QUEUED, APPLIED, NEEDS_USER, WAITING, FAILED).")
class HhApplyDetails:
    apply_id: strawberry.ID
    outcome: str
    reason: str
    vacancy_id: str
    resume_id: str
    negotiation_id: str
    automatic: bool


@strawberry.type(description="One entry of a timeline, newest first: a recorded event, a card note, a status "
                             "move, an analysis, a follow-up, a \"no response\" reminder or an apply on HH.ru.")
class TimelineEvent:
    id: strawberry.ID = strawberry.field(description="A UUID for recorded events; \"note:…\", \"status:…\", "
                                                     "\"analysis:…\", \"follow-up:…\" for the others.")
    application_id: strawberry.ID
    company_id: strawberry.ID
    kind: TimelineEventKind | None
    origin: TimelineOrigin | None
    editable: bool = strawberry.field(description="updateTimelineEvent and deleteTimelineEvent accept it.")
    title: str
    body: str
    occurred_at: datetime | None = strawberry.field(description="When it happens; may be in the future.")
    recorded_at: datetime | None = strawberry.field(description="When it was written down; never changes.")
    updated_at: datetime | None
    contact_ids: list[strawberry.ID]
    interview: InterviewDetails | None
    assessment: AssessmentDetails | None
    offer: OfferDetails | None
    email: EmailDetails | None
    status_change: StatusChangeDetails | None
    analysis: AnalysisDetails | None
    follow_up: FollowUpDetails | None
    no_response: NoResponseDetails | None
    hh_apply: HhApplyDetails | None = None

    @strawberry.field(description="The contacts who took part (those not deleted since).")
    async def contacts(self, info: Info) -> list[Contact]:
        loader = context_of(info).loader("contacts_by_id", contacts_by_id)
        found = await loader.load_many([str(i) for i in self.contact_ids])
        return [Contact.from_pb(c) for c in found if c is not None]

    @strawberry.field
    async def application(self, info: Info) -> Application | None:
        found = await context_of(info).loader("applications_by_id", applications_by_id).load(str(self.application_id))
        return Application.from_pb(found) if found else None

    @classmethod
    def from_pb(cls, e: tracker_pb2.TimelineEvent) -> TimelineEvent:
        which = e.WhichOneof("details")
        a, s, n = e.assessment, e.status_change, e.no_response
        return cls(
            id=strawberry.ID(e.id), application_id=strawberry.ID(e.application_id),
            company_id=strawberry.ID(e.company_id), kind=TimelineEventKind.from_pb(e.kind),
            origin=TimelineOrigin.from_pb(e.origin), editable=e.editable, title=e.title, body=e.body,
            occurred_at=ts(e.occurred_at), recorded_at=ts(e.recorded_at), updated_at=ts(e.updated_at),
            contact_ids=[strawberry.ID(c) for c in e.contact_ids],
            interview=InterviewDetails(stage=e.interview.stage, place=e.interview.place, link=e.interview.link,
                                       duration_minutes=e.interview.duration_minutes) if which == "interview" else None,
            assessment=AssessmentDetails(link=a.link, due_at=ts(a.due_at, present=a.HasField("due_at")))
            if which == "assessment" else None,
            offer=OfferDetails.from_pb(e.offer) if which == "offer" else None,
            email=EmailDetails(subject=e.email.subject, address=e.email.address) if which == "email" else None,
            status_change=StatusChangeDetails(from_status=ApplicationStatus.from_pb(s.from_status),
                                              to_status=ApplicationStatus.from_pb(s.to_status),
                                              correction=s.correction, reopen=s.reopen)
            if which == "status_change" else None,
            analysis=AnalysisDetails(ok=e.analysis.ok, score=e.analysis.score, reason=e.analysis.reason)
            if which == "analysis" else None,
            follow_up=FollowUpDetails(fired=e.follow_up.fired) if which == "follow_up" else None,
            no_response=NoResponseDetails(status=ApplicationStatus.from_pb(n.status), threshold_days=n.threshold_days,
                                          last_activity_at=ts(n.last_activity_at))
            if which == "no_response" else None,
            hh_apply=HhApplyDetails(apply_id=strawberry.ID(e.hh_apply.apply_id), outcome=e.hh_apply.outcome,
                                    reason=e.hh_apply.reason, vacancy_id=e.hh_apply.vacancy_id,
                                    resume_id=e.hh_apply.resume_id, negotiation_id=e.hh_apply.negotiation_id,
                                    automatic=e.hh_apply.automatic) if which == "hh_apply" else None)


TimelineEventConnection = Connection[TimelineEvent]


async def list_timeline(info: Info, first: int | None, after: str | None, *, application_id: str = "",
                        company_id: str = "") -> TimelineEventConnection:
    request = tracker_pb2.ListTimelineRequest(page=_page(first, after, info))
    if application_id:
        request.application_id = application_id
    else:
        request.company_id = company_id
    reply = await call(TRACKER, context_of(info).state.downstream.tracker.ListTimeline(request))
    return TimelineEventConnection(nodes=[TimelineEvent.from_pb(e) for e in reply.events],
                                   page_info=PageInfo.from_pb(reply.page_info))


@strawberry.type(description="An employer, per user: its applications, timeline and contacts.")
class Company:
    id: strawberry.ID
    name: str
    website: str
    careers_url: str
    board: str = strawberry.field(description="The job board it posts on (greenhouse, lever, ...), when known.")
    board_token: str
    notes: str
    created_at: datetime | None
    updated_at: datetime | None
    application_count: int
    open_application_count: int
    no_response_count: int = strawberry.field(description="Open applications flagged \"no response\".")
    last_activity_at: datetime | None

    @classmethod
    def from_pb(cls, c: tracker_pb2.Company) -> Company:
        return cls(id=strawberry.ID(c.id), name=c.name, website=c.website, careers_url=c.careers_url, board=c.board,
                   board_token=c.board_token, notes=c.notes, created_at=ts(c.created_at),
                   updated_at=ts(c.updated_at), application_count=c.application_count,
                   open_application_count=c.open_application_count, no_response_count=c.no_response_count,
                   last_activity_at=ts(c.last_activity_at, present=c.HasField("last_activity_at")))

    @strawberry.field
    async def applications(self, info: Info, status: ApplicationStatus | None = None, first: int | None = 20,
                           after: str | None = None,
                           sort: ApplicationSort = ApplicationSort.UPDATED_DESC) -> ApplicationConnection:
        request = tracker_pb2.ListApplicationsRequest(company_id=str(self.id), sort=to_pb(sort),
                                                      page=_page(first, after, info))
        if status is not None:
            request.statuses.append(to_pb(status))
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.ListApplications(request))
        return ApplicationConnection(nodes=[Application.from_pb(a) for a in reply.applications],
                                     page_info=PageInfo.from_pb(reply.page_info))

    @strawberry.field(description="Every application's timeline together, newest first.")
    async def timeline(self, info: Info, first: int | None = 20, after: str | None = None) -> TimelineEventConnection:
        return await list_timeline(info, first, after, company_id=str(self.id))

    @strawberry.field
    async def contacts(self, info: Info, first: int | None = 20, after: str | None = None) -> ContactConnection:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.ListContacts(
            tracker_pb2.ListContactsRequest(company_id=str(self.id), page=_page(first, after, info))))
        return ContactConnection(nodes=[Contact.from_pb(c) for c in reply.contacts],
                                 page_info=PageInfo.from_pb(reply.page_info))


CompanyConnection = Connection[Company]


@strawberry.type(description="A salary figure: advertised by the posting, asked by you, or offered.")
class SalaryObservation:
    id: strawberry.ID
    application_id: strawberry.ID
    kind: SalaryKind | None
    salary: Salary | None
    note: str
    observed_at: datetime | None
    event_id: strawberry.ID | None = strawberry.field(description="The OFFER event it belongs to, if any.")
    created_at: datetime | None

    @classmethod
    def from_pb(cls, o: tracker_pb2.SalaryObservation) -> SalaryObservation:
        return cls(id=strawberry.ID(o.id), application_id=strawberry.ID(o.application_id),
                   kind=SalaryKind.from_pb(o.kind), salary=Salary.from_pb(o.salary), note=o.note,
                   observed_at=ts(o.observed_at), event_id=strawberry.ID(o.event_id) if o.event_id else None,
                   created_at=ts(o.created_at))


@strawberry.type(description="One offer, side by side with the others.")
class OfferComparisonRow:
    application_id: strawberry.ID
    company_id: strawberry.ID
    company: str
    title: str
    status: ApplicationStatus | None
    offered: SalaryObservation | None
    asked: SalaryObservation | None
    advertised: SalaryObservation | None
    annual_min: float | None = strawberry.field(description="The offer per year, in its own currency "
                                                            "(hour x 2080, day x 260, week x 52, month x 12).")
    annual_max: float | None
    offer: OfferDetails | None
    offered_at: datetime | None

    @classmethod
    def from_pb(cls, r: tracker_pb2.OfferComparisonRow) -> OfferComparisonRow:
        def observation(name: str) -> SalaryObservation | None:
            return SalaryObservation.from_pb(getattr(r, name)) if r.HasField(name) else None

        return cls(application_id=strawberry.ID(r.application_id), company_id=strawberry.ID(r.company_id),
                   company=r.company, title=r.title, status=ApplicationStatus.from_pb(r.status),
                   offered=observation("offered"), asked=observation("asked"), advertised=observation("advertised"),
                   annual_min=r.annual_min if r.HasField("annual_min") else None,
                   annual_max=r.annual_max if r.HasField("annual_max") else None,
                   offer=OfferDetails.from_pb(r.offer) if r.HasField("offer") else None,
                   offered_at=ts(r.offered_at, present=r.HasField("offered_at")))


@strawberry.type(description="After `days` without activity in `status`, an open application is flagged "
                             "\"no response\" (0: never).")
class SilenceThreshold:
    status: ApplicationStatus | None
    days: int
    is_default: bool

    @classmethod
    def from_pb(cls, t: tracker_pb2.SilenceThreshold) -> SilenceThreshold:
        return cls(status=ApplicationStatus.from_pb(t.status), days=t.days, is_default=t.is_default)


@strawberry.type(description="One exported file; its content is UTF-8 text (JSON or CSV).")
class ExportedFile:
    name: str
    content_type: str
    content: str


@strawberry.type(description="A record skipped (or imported with a warning), and why.")
class ImportIssue:
    row: int = strawberry.field(description="The CSV line (the header is line 1), or the record's position "
                                            "in its JSON section.")
    entity: str
    ref: str
    reason: str
    skipped: bool


@strawberry.type(description="What an import wrote (or, in a dry run, would write), and what it did not.")
class ImportReport:
    dry_run: bool
    records: int
    applications: int
    companies: int
    contacts: int
    events: int
    notes: int
    salaries: int
    already_present: int = strawberry.field(description="Records already there: not written twice.")
    skipped: int
    issues: list[ImportIssue]

    @classmethod
    def from_pb(cls, r: tracker_pb2.ImportReport) -> ImportReport:
        return cls(dry_run=r.dry_run, records=r.records, applications=r.applications, companies=r.companies,
                   contacts=r.contacts, events=r.events, notes=r.notes, salaries=r.salaries,
                   already_present=r.already_present, skipped=r.skipped,
                   issues=[ImportIssue(row=i.row, entity=i.entity, ref=i.ref, reason=i.reason, skipped=i.skipped)
                           for i in r.issues])


HhApplyState = proto_enum(tracker_pb2.HhApplyState.DESCRIPTOR)


@strawberry.type(description="An apply on HH.ru (docs/hh.md): queued, sending, applied, needs you, or failed.")
class HhApply:
    id: strawberry.ID
    application_id: strawberry.ID
    vacancy_id: str
    resume_id: str
    message: str = strawberry.field(description="The cover letter sent (or to be sent).")
    state: HhApplyState | None
    reason: str = strawberry.field(description="HH's reason: already_applied, test_required, limit_exceeded...")
    detail: str = strawberry.field(description="What happened and what to do, for the user.")
    negotiation_id: str
    attempts: int
    not_before: datetime | None = strawberry.field(description="While QUEUED: not sent before this (the next "
                                                               "token of the rate limit, or a retry's backoff).")
    automatic: bool
    created_at: datetime | None
    updated_at: datetime | None
    search_config_id: str = strawberry.field(description="Automatic applies: the saved search that found the posting.")
    dry_run: bool = strawberry.field(description="Automatic applies: prepared in a dry run (REVIEW: send or discard).")

    @classmethod
    def from_pb(cls, a: tracker_pb2.HhApply) -> HhApply:
        return cls(id=strawberry.ID(a.id), application_id=strawberry.ID(a.application_id), vacancy_id=a.vacancy_id,
                   resume_id=a.resume_id, message=a.message, state=HhApplyState.from_pb(a.state), reason=a.reason,
                   detail=a.detail, negotiation_id=a.negotiation_id, attempts=a.attempts,
                   not_before=ts(a.not_before), automatic=a.automatic, created_at=ts(a.created_at),
                   updated_at=ts(a.updated_at), search_config_id=a.search_config_id, dry_run=a.dry_run)


@strawberry.type(description="The auto-apply kill switch: while stopped, nothing is approved or applied to "
                             "automatically, whatever the saved searches say.")
class AutoApplySwitch:
    stopped: bool
    changed_at: datetime | None
    applies_stopped: int = strawberry.field(default=0, description="After setAutoApplyStopped: the automatic "
                                                                   "applies it stopped before they went out.")

    @classmethod
    def from_pb(cls, switch: tracker_pb2.AutoApplySwitch, applies_stopped: int = 0) -> AutoApplySwitch:
        return cls(stopped=switch.stopped, changed_at=ts(switch.changed_at) if switch.HasField("changed_at") else None,
                   applies_stopped=applies_stopped)


@strawberry.type(description="The user's rate limit for applies on HH.ru: a token bucket refilled continuously.")
class HhApplyBucket:
    tokens: float = strawberry.field(description="Tokens left now (fractional: the refill is continuous).")
    capacity: float
    refill_per_hour: float
    next_token_at: datetime | None = strawberry.field(description="When the next whole token is there; null "
                                                                  "when the bucket is full.")
    queued: int = strawberry.field(description="Applies waiting in the queue.")

    @classmethod
    def from_pb(cls, b: tracker_pb2.HhApplyBucket) -> HhApplyBucket:
        return cls(tokens=b.tokens, capacity=b.capacity, refill_per_hour=b.refill_per_hour,
                   next_token_at=ts(b.next_token_at, present=b.HasField("next_token_at")), queued=b.queued)


HhApplyConnection = Connection[HhApply]
