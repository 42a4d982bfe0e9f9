"""Queries of the discovery domain: jobFeed, job, discoveryRuns."""

from __future__ import annotations

from datetime import datetime
from typing import cast

import strawberry
from strawberry.types import Info

from gateway.clients import DISCOVERY
from gateway.context import context_of, page_size
from gateway.errors import call
from gateway.graphql.base import AUTHENTICATED, PageInfo, page_request, selected, to_ts
from gateway.graphql.discovery.types import (
    DiscoveryRun,
    DiscoveryRunConnection,
    FeedSort,
    Job,
    JobConnection,
    JobSource,
    JobStatus,
    JobView,
    RemoteType,
)
from gateway.graphql.enums import to_pb
from jobmate.discovery.v1 import discovery_pb2


@strawberry.type
class DiscoveryQuery:
    @strawberry.field(name="jobFeed", permission_classes=AUTHENTICATED,
                      description="The inbox, newest first or best fit first (`sort: FIT`: scored postings "
                                  "by fit score, then those not scored yet); filter by status, saved search, "
                                  "text, boards (`sources`), work arrangement, pay (the top of the stated range "
                                  "per year, postings without a figure left out) and discovery date.")
    async def job_feed(self, info: Info, status: JobStatus | None = None, first: int | None = 20,
                       after: str | None = None, query: str | None = None,
                       search_config_id: strawberry.ID | None = None, sources: list[str] | None = None,
                       remote_types: list[RemoteType] | None = None, salary_at_least: float | None = None,
                       salary_currency: str | None = None,
                       discovered_after: datetime | None = None,
                       sort: FeedSort | None = None) -> JobConnection | None:
        ctx = context_of(info)
        shown = selected(info, "nodes")
        request = discovery_pb2.GetJobFeedRequest(
            status=to_pb(status), query=query or "",
            page=page_request(page_size(first, ctx.state.gateway_settings.max_page_size), after),
            search_config_id=str(search_config_id or ""), sources=sources or [],
            remote_types=[to_pb(r) for r in remote_types or []],
            salary_currency=salary_currency or "", sort=to_pb(sort),
            omit_descriptions="descriptionText" not in shown)
        if salary_at_least is not None:
            request.salary_at_least = salary_at_least
        if discovered_after is not None:
            request.discovered_after.CopyFrom(to_ts(discovered_after))
        reply = await call(DISCOVERY, ctx.state.downstream.discovery.GetJobFeed(request))
        # Views, not Jobs: each field is read from its message only if the page shows it (types.JobView).
        return JobConnection(nodes=cast(list[Job], [JobView(j) for j in reply.jobs]),
                             page_info=PageInfo.from_pb(reply.page_info))

    @strawberry.field(permission_classes=AUTHENTICATED)
    async def job(self, info: Info, id: strawberry.ID) -> Job | None:
        reply = await call(DISCOVERY, context_of(info).state.downstream.discovery.GetJob(
            discovery_pb2.GetJobRequest(id=str(id))))
        return Job.from_pb(reply.job)

    @strawberry.field(name="jobSources", permission_classes=AUTHENTICATED,
                      description="The job boards a saved search can list, each with its own parameters.")
    async def job_sources(self, info: Info) -> list[JobSource] | None:
        reply = await call(DISCOVERY, context_of(info).state.downstream.discovery.ListSources(
            discovery_pb2.ListSourcesRequest()))
        return [JobSource.from_pb(s) for s in reply.sources]

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
