"""Per-request DataLoader: postings by id through one BatchGetJobs call per tick (no N+1)."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from gateway.clients import DISCOVERY
from gateway.context import GatewayContext
from gateway.errors import call
from gateway.graphql.discovery.types import Job
from jobmate.discovery.v1 import discovery_pb2

BATCH_LIMIT = 100


def jobs_by_id(ctx: GatewayContext) -> DataLoader[str, Job | None]:
    async def load(ids: list[str]) -> list[Job | None]:
        reply = await call(DISCOVERY, ctx.state.downstream.discovery.BatchGetJobs(
            discovery_pb2.BatchGetJobsRequest(ids=list(ids))))
        found = {job.id: Job.from_pb(job) for job in reply.jobs}
        return [found.get(job_id) for job_id in ids]

    return DataLoader(load_fn=load, max_batch_size=BATCH_LIMIT)
