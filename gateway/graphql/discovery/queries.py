"""Queries of the discovery domain: jobFeed, job, discoveryRuns."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.clients import DISCOVERY
from gateway.context import context_of, page_size
from gateway.errors import call
from gateway.graphql.base import AUTHENTICATED, PageInfo, page_request
from gateway.graphql.discovery.types import (
    DiscoveryRun,
    DiscoveryRunConnection,
    Job,
    JobConnection,
    JobStatus,
)
from gateway.graphql.enums import to_pb
from jobmate.discovery.v1 import discovery_pb2


@strawberry.type
class DiscoveryQuery:
    @strawberry.field(name="jobFeed", permission_classes=AUTHENTICATED,
                      description="The inbox, newest first; filter by status, saved search or text.")
    async def job_feed(self, info: Info, status: JobStatus | None = None, first: int | None = 20,
                       after: str | None = None, query: str | None = None,
                       search_config_id: strawberry.ID | None = None) -> JobConnection | None:
        ctx = context_of(info)
        request = discovery_pb2.GetJobFeedRequest(
            status=to_pb(status), query=query or "",
            page=page_request(page_size(first, ctx.state.gateway_settings.max_page_size), after),
            search_config_id=str(search_config_id or ""))
        reply = await call(DISCOVERY, ctx.state.downstream.discovery.GetJobFeed(request))
        return JobConnection(nodes=[Job.from_pb(j) for j in reply.jobs], page_info=PageInfo.from_pb(reply.page_info))

    @strawberry.field(permission_classes=AUTHENTICATED)
    async def job(self, info: Info, id: strawberry.ID) -> Job | None:
        reply = await call(DISCOVERY, context_of(info).state.downstream.discovery.GetJob(
            discovery_pb2.GetJobRequest(id=str(id))))
        return Job.from_pb(reply.job)

    @strawberry.field(name="discoveryRuns", permission_classes=AUTHENTICATED,
                      description="Runs of the user's saved searches with their counts, newest first.")
    async def discovery_runs(self, info: Info, search_config_id: strawberry.ID | None = None,
                             first: int | None = 20, after: str | None = None) -> DiscoveryRunConnection | None:
        ctx = context_of(info)
        reply = await call(DISCOVERY, ctx.state.downstream.discovery.ListDiscoveryRuns(
            discovery_pb2.ListDiscoveryRunsRequest(
                search_config_id=str(search_config_id or ""),
                page=page_request(page_size(first, ctx.state.gateway_settings.max_page_size), after))))
        return DiscoveryRunConnection(nodes=[DiscoveryRun.from_pb(r) for r in reply.runs],
                                      page_info=PageInfo.from_pb(reply.page_info))
