"""discovery_service: the job feed, scheduled discovery and the inbox (schema `discovery`)."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from datetime import timedelta
from pathlib import Path

from common.grpc_client import CredentialMode
from common.migrate import SchemaMigrations
from common.outbox import Outbox
from common.service import ServiceRuntime
from common.settings import get_settings
from discovery_service.auto_approve import AutoApprovals
from discovery_service.domain import JobStatus
from discovery_service.fit import FitScores, ProfileUpdates
from discovery_service.inbox import Inbox
from discovery_service.ingest import Ingestor
from discovery_service.profile_client import ProfileClient
from discovery_service.repository import JobRepository
from discovery_service.runner import SearchRunner
from discovery_service.scheduler import DiscoveryScheduler
from discovery_service.servicer import DiscoveryServicer
from discovery_service.settings import DiscoverySettings
from discovery_service.sources import build_sources
from discovery_service.web.fetch import HttpFetcher
from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc
from jobmate.events.v1 import events_pb2

log = logging.getLogger(__name__)

SERVICE = discovery_pb2.DESCRIPTOR.services_by_name["DiscoveryService"]
MIGRATIONS = SchemaMigrations("discovery", Path(__file__).parent / "migrations", with_outbox=True)


# What discovery itself calls with its service token.
SERVICE_TOKEN_SCOPES = {"profile.searches.read", "tracker.auto_approve"}


def make_runtime(settings: DiscoverySettings | None = None) -> ServiceRuntime[DiscoverySettings]:
    return ServiceRuntime("discovery_service", migrations=MIGRATIONS, services=[SERVICE],
                          settings=settings or get_settings(DiscoverySettings), service_token_scopes=SERVICE_TOKEN_SCOPES)


def expiry(settings: DiscoverySettings) -> dict[JobStatus, timedelta]:
    """How long a posting stays in the inbox untriaged, per status (APPROVED ones stay)."""
    return {JobStatus.PENDING: timedelta(days=settings.discovery_pending_ttl_days),
            JobStatus.REJECTED: timedelta(days=settings.discovery_rejected_ttl_days)}


def runner_name() -> str:
    """Identifies this process in schedule claims and runs (host, pid and a random suffix)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


async def build(runtime: ServiceRuntime[DiscoverySettings]) -> None:
    assert runtime.server is not None and runtime.pool is not None
    settings = runtime.settings
    pool = runtime.pool
    outbox = runtime.outbox
    profile = ProfileClient(runtime.channel(settings.profile_addr), timeout_s=settings.grpc_deadline_s)
    fetcher = HttpFetcher(per_host_interval_s=settings.discovery_fetch_per_host_interval_s,
                          max_bytes=settings.discovery_fetch_max_bytes)
    if not settings.hh_user_agent:
        log.warning("HH_USER_AGENT is not set: hh.ru searches send a generic HH-User-Agent without a contact"
                    " email, which hh.ru asks for and may refuse; set it like \"JobMate/1.0 (you@example.org)\"")
    sources = build_sources(settings.source_base_url_overrides, allow_loopback_feeds=settings.allow_loopback_fetch,
                            hh_user_agent=settings.hh_user_agent)
    jobs = JobRepository(pool)
    # Auto-apply: postings approved on the user's behalf go to the tracker's AutoApproveJob (direct delivery).
    auto_approvals = AutoApprovals(pool, outbox, runtime.channel(
        settings.tracker_addr, mode=CredentialMode.SERVICE, gates_serving=False))
    runtime.deliver_directly(events_pb2.COMMAND_TYPE_AUTO_APPROVE, auto_approvals.deliver)
    runtime.on_give_up(auto_approvals.on_give_up, command_type=events_pb2.COMMAND_TYPE_AUTO_APPROVE)
    fit = FitScores(pool, outbox, jobs, auto_approvals)
    runner = SearchRunner(pool=pool, outbox=outbox, sources=sources, fetcher=fetcher, runner_name=runner_name(),
                          source_timeout_s=settings.discovery_run_timeout_s / 2, fit=fit)
    servicer = DiscoveryServicer(
        inbox=Inbox(pool, jobs, fit), profile=profile, allow_loopback_fetch=settings.allow_loopback_fetch,
        expiry=expiry(settings), runner=runner, ingest=Ingestor(pool=pool, outbox=outbox, profile=profile, fit=fit),
        default_interval_minutes=settings.discovery_default_run_interval_minutes, fit=fit)
    discovery_pb2_grpc.add_DiscoveryServiceServicer_to_server(servicer, runtime.server.server)
    if settings.discovery_scheduler_enabled:
        make_scheduler(runtime, runner, profile, outbox).schedule_on(runtime)
    assert runtime.bus is not None
    profile_updates = ProfileUpdates(runtime.bus, fit)  # a profile change asks for the inbox's scores again
    profile_updates.start()
    runtime.on_stop(profile_updates.stop)
    runtime.on_stop(runner.shutdown)  # on-demand and scheduled runs stop, then their HTTP client closes
    runtime.on_stop(fetcher.aclose)


def make_scheduler(runtime: ServiceRuntime[DiscoverySettings], runner: SearchRunner, profile: ProfileClient,
                   outbox: Outbox) -> DiscoveryScheduler:
    settings = runtime.settings
    assert runtime.pool is not None
    return DiscoveryScheduler(
        pool=runtime.pool, runner=runner, profile=profile, outbox=outbox,
        tick_interval_s=settings.discovery_tick_interval_s,
        run_timeout=timedelta(seconds=settings.discovery_run_timeout_s),
        default_interval_minutes=settings.discovery_default_run_interval_minutes,
        max_concurrent_runs=settings.discovery_max_concurrent_runs,
        purge_interval_s=settings.discovery_purge_interval_s,
        pending_ttl=timedelta(days=settings.discovery_pending_ttl_days),
        rejected_ttl=timedelta(days=settings.discovery_rejected_ttl_days),
        tombstone_ttl=timedelta(days=settings.discovery_tombstone_ttl_days))


async def serve() -> None:
    await make_runtime().run(build)
