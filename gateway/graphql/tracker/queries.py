"""Queries of the tracker domain: myApplications, application, board, funnelStats, calendarUrl; and the
CRM's companies, company, timeline, contacts, salaryObservations, offerComparison, silenceThresholds,
exportData; applying on HH.ru: hhApplies, hhApplyBucket."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.clients import TRACKER
from gateway.context import GatewayContext, context_of, page_size
from gateway.errors import bad_input, call
from gateway.graphql.base import AUTHENTICATED, PageInfo, page_request, selected
from gateway.graphql.enums import to_pb
from gateway.graphql.tracker.types import (
    Application,
    ApplicationConnection,
    ApplicationSort,
    ApplicationStatus,
    AutoApplySwitch,
    Board,
    Company,
    CompanyConnection,
    CompanySort,
    Contact,
    ContactConnection,
    DataFormat,
    ExportedFile,
    FunnelStats,
    HhApply,
    HhApplyBucket,
    HhApplyConnection,
    OfferComparisonRow,
    SalaryObservation,
    SilenceThreshold,
    TimelineEventConnection,
    list_timeline,
)
from jobmate.tracker.v1 import tracker_pb2

# Exports can take longer than an ordinary call: a whole account is read and written out.
EXPORT_TIMEOUT_S = 60.0


@strawberry.type
class TrackerQuery:
    @strawberry.field(name="myApplications", permission_classes=AUTHENTICATED)
    async def my_applications(self, info: Info, status: ApplicationStatus | None = None, first: int | None = 20,
                              after: str | None = None,
                              sort: ApplicationSort = ApplicationSort.UPDATED_DESC,
                              company_id: strawberry.ID | None = None) -> ApplicationConnection | None:
        ctx = context_of(info)
        request = tracker_pb2.ListApplicationsRequest(
            sort=to_pb(sort), company_id=str(company_id or ""),
            page=page_request(page_size(first, ctx.state.gateway_settings.max_page_size), after))
        if status is not None:
            request.statuses.append(to_pb(status))
        reply = await call(TRACKER, ctx.state.downstream.tracker.ListApplications(request))
        return ApplicationConnection(nodes=[Application.from_pb(a) for a in reply.applications],
                                     page_info=PageInfo.from_pb(reply.page_info))

    @strawberry.field(permission_classes=AUTHENTICATED)
    async def application(self, info: Info, id: strawberry.ID) -> Application | None:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.GetApplication(
            tracker_pb2.GetApplicationRequest(id=str(id))))
        return Application.from_pb(reply.application)

    @strawberry.field(permission_classes=AUTHENTICATED)
    async def board(self, info: Info, cards_per_column: int = 20) -> Board | None:
        ctx = context_of(info)
        # A board that shows scores (the web app's) need not have every analysis read and sent.
        score_only = selected(info, "columns", "cards", "analysis") <= {"score", "__typename"}
        reply = await call(TRACKER, ctx.state.downstream.tracker.GetBoard(tracker_pb2.GetBoardRequest(
            cards_per_column=page_size(cards_per_column, ctx.state.gateway_settings.max_page_size),
            analysis_score_only=score_only)))
        return Board.from_pb(reply)

    @strawberry.field(name="funnelStats", permission_classes=AUTHENTICATED)
    async def funnel_stats(self, info: Info) -> FunnelStats | None:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.GetFunnelStats(
            tracker_pb2.GetFunnelStatsRequest()))
        return FunnelStats.from_pb(reply)

    # Nullable, and null rather than an error once shown: an error on a non-null root field would blank
    # every other field of the same query.
    @strawberry.field(name="calendarUrl", permission_classes=AUTHENTICATED,
                      description="The URL of your follow-ups and interviews as an ICS calendar to subscribe "
                                  "to in a calendar app; it does not expire. It is shown once, when first "
                                  "asked for (only a fingerprint is kept), and is null afterwards: to see a "
                                  "URL again, use rotateCalendarUrl, which also disconnects the old one.")
    async def calendar_url(self, info: Info) -> str | None:
        ctx = context_of(info)
        feed = await call(TRACKER, ctx.state.downstream.tracker.GetCalendarFeed(tracker_pb2.GetCalendarFeedRequest()))
        return calendar_feed_url(ctx, feed.feed_token) if feed.created else None

    @strawberry.field(permission_classes=AUTHENTICATED,
                      description="Your companies, most recent activity first (or by name).")
    async def companies(self, info: Info, first: int | None = 20, after: str | None = None,
                        sort: CompanySort = CompanySort.LAST_ACTIVITY_DESC) -> CompanyConnection | None:
        ctx = context_of(info)
        reply = await call(TRACKER, ctx.state.downstream.tracker.ListCompanies(tracker_pb2.ListCompaniesRequest(
            sort=to_pb(sort), page=page_request(page_size(first, ctx.state.gateway_settings.max_page_size), after))))
        return CompanyConnection(nodes=[Company.from_pb(c) for c in reply.companies],
                                 page_info=PageInfo.from_pb(reply.page_info))

    @strawberry.field(permission_classes=AUTHENTICATED,
                      description="One company with its applications, timeline, contacts and last activity.")
    async def company(self, info: Info, id: strawberry.ID) -> Company | None:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.GetCompany(
            tracker_pb2.GetCompanyRequest(id=str(id))))
        return Company.from_pb(reply.company)

    @strawberry.field(permission_classes=AUTHENTICATED,
                      description="An application's (applicationId) or a company's (companyId) timeline, newest "
                                  "first: recorded events, card notes, moves, analyses, follow-ups, reminders.")
    async def timeline(self, info: Info, application_id: strawberry.ID | None = None,
                       company_id: strawberry.ID | None = None, first: int | None = 20,
                       after: str | None = None) -> TimelineEventConnection | None:
        if (application_id is None) == (company_id is None):
            raise bad_input("give either applicationId or companyId")
        return await list_timeline(info, first, after, application_id=str(application_id or ""),
                                   company_id=str(company_id or ""))

    @strawberry.field(permission_classes=AUTHENTICATED)
    async def contacts(self, info: Info, company_id: strawberry.ID, first: int | None = 20,
                       after: str | None = None) -> ContactConnection | None:
        ctx = context_of(info)
        reply = await call(TRACKER, ctx.state.downstream.tracker.ListContacts(tracker_pb2.ListContactsRequest(
            company_id=str(company_id),
            page=page_request(page_size(first, ctx.state.gateway_settings.max_page_size), after))))
        return ContactConnection(nodes=[Contact.from_pb(c) for c in reply.contacts],
                                 page_info=PageInfo.from_pb(reply.page_info))

    @strawberry.field(name="salaryObservations", permission_classes=AUTHENTICATED,
                      description="An application's salary figures (advertised, asked, offered), oldest first.")
    async def salary_observations(self, info: Info, application_id: strawberry.ID) -> list[SalaryObservation] | None:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.ListSalaryObservations(
            tracker_pb2.ListSalaryObservationsRequest(application_id=str(application_id))))
        return [SalaryObservation.from_pb(o) for o in reply.observations]

    @strawberry.field(name="offerComparison", permission_classes=AUTHENTICATED,
                      description="Your offers side by side: by currency, highest yearly midpoint first.")
    async def offer_comparison(self, info: Info) -> list[OfferComparisonRow] | None:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.CompareOffers(
            tracker_pb2.CompareOffersRequest()))
        return [OfferComparisonRow.from_pb(r) for r in reply.rows]

    @strawberry.field(name="silenceThresholds", permission_classes=AUTHENTICATED)
    async def silence_thresholds(self, info: Info) -> list[SilenceThreshold] | None:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.GetSilenceThresholds(
            tracker_pb2.GetSilenceThresholdsRequest()))
        return [SilenceThreshold.from_pb(t) for t in reply.thresholds]

    @strawberry.field(name="exportData", permission_classes=AUTHENTICATED,
                      description="Everything you keep in the tracker: JSON (one document, importable back "
                                  "with importData) or CSV (one file per kind of record).")
    async def export_data(self, info: Info, format: DataFormat) -> list[ExportedFile] | None:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.ExportData(
            tracker_pb2.ExportDataRequest(format=to_pb(format)), timeout=EXPORT_TIMEOUT_S))
        return [ExportedFile(name=f.name, content_type=f.content_type, content=f.content.decode())
                for f in reply.files]

    @strawberry.field(name="hhApplies", permission_classes=AUTHENTICATED,
                      description="The applies on HH.ru, newest first (one application's with applicationId).")
    async def hh_applies(self, info: Info, application_id: strawberry.ID | None = None, first: int | None = 20,
                         after: str | None = None) -> HhApplyConnection:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.ListHhApplies(
            tracker_pb2.ListHhAppliesRequest(application_id=str(application_id or ""),
                                             page=page_request(page_size(first, 200), after))))
        return HhApplyConnection(nodes=[HhApply.from_pb(a) for a in reply.applies],
                                 page_info=PageInfo.from_pb(reply.page_info))

    @strawberry.field(name="hhApplyBucket", permission_classes=AUTHENTICATED,
                      description="The rate limit of applies on HH.ru: tokens left, when the next one comes.")
    async def hh_apply_bucket(self, info: Info) -> HhApplyBucket:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.GetHhApplyBucket(
            tracker_pb2.GetHhApplyBucketRequest()))
        return HhApplyBucket.from_pb(reply.bucket)

    @strawberry.field(name="autoApplySwitch", permission_classes=AUTHENTICATED,
                      description="The auto-apply kill switch (setAutoApplyStopped).")
    async def auto_apply_switch(self, info: Info) -> AutoApplySwitch:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.GetAutoApplySwitch(
            tracker_pb2.GetAutoApplySwitchRequest()))
        return AutoApplySwitch.from_pb(reply.switch)


def calendar_feed_url(ctx: GatewayContext, feed_token: str) -> str:
    return f"{ctx.state.public_base_url(ctx.request)}/calendar.ics?feed={feed_token}"
