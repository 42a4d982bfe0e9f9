"""Mutations of the discovery domain: rejectJob, addJobByUrl, addJobManually, triggerScan.

approveJob lives with the tracker: what it returns, and what it creates, is an application.
"""

from __future__ import annotations

import asyncio

import strawberry
from strawberry.types import Info

from gateway.clients import DISCOVERY, PROFILE
from gateway.context import context_of
from gateway.errors import ApiError, ErrorCode, call
from gateway.graphql.base import AUTHENTICATED
from gateway.graphql.discovery.types import DiscoveryRun, Job
from jobmate.discovery.v1 import discovery_pb2
from jobmate.profile.v1 import profile_pb2


@strawberry.input(description="A posting found outside JobMate, typed in by the user.")
class ManualJobInput:
    company: str
    title: str
    location: str = ""
    description: str = ""
    start_date: str = ""
    duration: str = ""
    why_us: str = ""
    url: str = ""



ADD_BY_URL_DEADLINE_S = 25.0

@strawberry.type
class DiscoveryMutation:
    @strawberry.mutation(name="rejectJob", permission_classes=AUTHENTICATED)
    async def reject_job(self, info: Info, id: strawberry.ID) -> Job:
        reply = await call(DISCOVERY, context_of(info).state.downstream.discovery.SetJobStatus(
            discovery_pb2.SetJobStatusRequest(id=str(id), status=discovery_pb2.JOB_STATUS_REJECTED)))
        return Job.from_pb(reply.job)

    @strawberry.mutation(name="addJobByUrl", permission_classes=AUTHENTICATED,
                         description="Fetch a posting from its page and put it in the inbox.")
    async def add_job_by_url(self, info: Info, url: str) -> Job:
        # Fetching someone else's page is slow by nature: a longer deadline than the default, which
        # discovery honours by ending a slow fetch itself with "took too long" before it runs out.
        reply = await call(DISCOVERY, context_of(info).state.downstream.discovery.AddJobByUrl(
            discovery_pb2.AddJobByUrlRequest(url=url), timeout=ADD_BY_URL_DEADLINE_S))
        return Job.from_pb(reply.job)

    @strawberry.mutation(name="addJobManually", permission_classes=AUTHENTICATED)
    async def add_job_manually(self, info: Info, input: ManualJobInput) -> Job:
        reply = await call(DISCOVERY, context_of(info).state.downstream.discovery.AddJobManually(
            discovery_pb2.AddJobManuallyRequest(
                company=input.company, title=input.title, location=input.location, description=input.description,
                start_date=input.start_date, duration=input.duration, why_us=input.why_us, url=input.url)))
        return Job.from_pb(reply.job)

    @strawberry.mutation(name="triggerScan", permission_classes=AUTHENTICATED,
                         description="Run one saved search now, or every active one when no id is given.")
    async def trigger_scan(self, info: Info, search_config_id: strawberry.ID | None = None) -> list[DiscoveryRun]:
        downstream = context_of(info).state.downstream
        if search_config_id is not None:
            ids = [str(search_config_id)]
        else:
            configs = await call(PROFILE, downstream.profile.ListSearchConfigs(profile_pb2.ListSearchConfigsRequest()))
            ids = [c.id for c in configs.configs if c.active]
            if not ids:
                raise ApiError(ErrorCode.BAD_USER_INPUT, "create a saved search first: there is nothing to scan")
        replies = await asyncio.gather(*(call(DISCOVERY, downstream.discovery.RunSearchNow(
            discovery_pb2.RunSearchNowRequest(search_config_id=config_id))) for config_id in ids))
        return [DiscoveryRun.from_pb(reply.run) for reply in replies]
