"""discovery_service: the job feed, scheduled discovery and the inbox (schema `discovery`)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from common.grpc_server import Access, method_path, service, user_or_service
from common.service import ServiceRuntime
from common.settings import Settings
from discovery_service.inbox import Inbox
from discovery_service.profile_client import ProfileClient
from discovery_service.repository import JobRepository, JobStatus
from discovery_service.servicer import DiscoveryServicer
from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc

SERVICE_NAME = discovery_pb2.DESCRIPTOR.services_by_name["DiscoveryService"].full_name


def _m(name: str) -> str:
    return method_path(SERVICE_NAME, name)


# Methods not listed here need a user token.
POLICY: dict[str, Access] = {
    _m("BatchGetJobs"): user_or_service("discovery.read"),
    _m("GetJob"): user_or_service("discovery.read"),
    _m("IngestJobs"): service("discovery.ingest"),
}

# What discovery itself calls with its service token.
SERVICE_TOKEN_SCOPES = {"profile.searches.read"}


def make_runtime(settings: Settings | None = None) -> ServiceRuntime:
    return ServiceRuntime("discovery_service", schema="discovery",
                          migrations_dir=Path(__file__).parent / "migrations", policy=POLICY,
                          service_names=[SERVICE_NAME], settings=settings, uses_outbox=True, service_token_scopes=SERVICE_TOKEN_SCOPES)


def expiry(settings: Settings) -> dict[JobStatus, timedelta]:
    """How long a posting stays in the inbox untriaged, per status (APPROVED ones stay)."""
    return {JobStatus.PENDING: timedelta(days=settings.discovery_pending_ttl_days),
            JobStatus.REJECTED: timedelta(days=settings.discovery_rejected_ttl_days)}


async def build(runtime: ServiceRuntime) -> list:
    assert runtime.server is not None and runtime.pool is not None
    settings = runtime.settings
    jobs = JobRepository(runtime.pool)
    profile = ProfileClient(runtime.channel(settings.profile_addr), timeout_s=settings.grpc_deadline_s)
    servicer = DiscoveryServicer(inbox=Inbox(runtime.pool, jobs), profile=profile,
                                 allow_loopback_fetch=settings.allow_loopback_fetch, expiry=expiry(settings))
    discovery_pb2_grpc.add_DiscoveryServiceServicer_to_server(servicer, runtime.server.server)
    return []


async def serve() -> None:
    await make_runtime().run(build)
