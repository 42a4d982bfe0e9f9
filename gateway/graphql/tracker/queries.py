"""Queries of the tracker domain: myApplications, application, board, funnelStats, calendarUrl."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.clients import TRACKER
from gateway.context import GatewayContext, context_of, page_size
from gateway.errors import ApiError, ErrorCode, call
from gateway.graphql.base import AUTHENTICATED, PageInfo, page_request
from gateway.graphql.enums import to_pb
from gateway.graphql.tracker.types import (
    Application,
    ApplicationConnection,
    ApplicationSort,
    ApplicationStatus,
    Board,
    FunnelStats,
)
from jobmate.tracker.v1 import tracker_pb2


@strawberry.type
class TrackerQuery:
    @strawberry.field(name="myApplications", permission_classes=AUTHENTICATED)
    async def my_applications(self, info: Info, status: ApplicationStatus | None = None, first: int | None = 20,
                              after: str | None = None,
                              sort: ApplicationSort = ApplicationSort.UPDATED_DESC) -> ApplicationConnection | None:
        ctx = context_of(info)
        request = tracker_pb2.ListApplicationsRequest(
            sort=to_pb(sort),
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
        reply = await call(TRACKER, ctx.state.downstream.tracker.GetBoard(tracker_pb2.GetBoardRequest(
            cards_per_column=page_size(cards_per_column, ctx.state.gateway_settings.max_page_size))))
        return Board.from_pb(reply)

    @strawberry.field(name="funnelStats", permission_classes=AUTHENTICATED)
    async def funnel_stats(self, info: Info) -> FunnelStats | None:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.GetFunnelStats(
            tracker_pb2.GetFunnelStatsRequest()))
        return FunnelStats.from_pb(reply)

    @strawberry.field(name="calendarUrl", permission_classes=AUTHENTICATED,
                      description="The URL of your follow-ups and interviews as an ICS calendar to subscribe "
                                  "to in a calendar app; it does not expire. It is shown once, when first "
                                  "asked for (only a fingerprint is kept); to see a URL again, use "
                                  "rotateCalendarUrl, which also disconnects the old one.")
    async def calendar_url(self, info: Info) -> str:
        ctx = context_of(info)
        feed = await call(TRACKER, ctx.state.downstream.tracker.GetCalendarFeed(tracker_pb2.GetCalendarFeedRequest()))
        if not feed.created:
            raise ApiError(ErrorCode.BAD_USER_INPUT,
                           "your calendar URL was shown when it was created and cannot be shown again; "
                           "use rotateCalendarUrl to get a new one (calendars subscribed to the old URL "
                           "stop updating)")
        return calendar_feed_url(ctx, feed.feed_token)


def calendar_feed_url(ctx: GatewayContext, feed_token: str) -> str:
    return f"{ctx.state.public_base_url(ctx.request)}/calendar.ics?feed={feed_token}"
