"""tracker_service: the Kanban CRM (schema `tracker`).

The runtime's outbox carries CMD_ANALYZE_JOB over pub/sub and delivers the archive of a hired user's
saved searches directly to profile's ArchiveSearchConfigs; the follow-up job and the silence check ("no
response" flags) run on the runtime's scheduler.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from pathlib import Path

from common.grpc_client import CredentialMode
from common.hh_api import HhApi
from common.migrate import SchemaMigrations
from common.service import ServiceRuntime
from common.settings import get_settings
from jobmate.events.v1 import events_pb2
from jobmate.tracker.v1 import tracker_pb2, tracker_pb2_grpc
from tracker_service.auto_apply import AutoApply
from tracker_service.convert import analysis_document_for_import
from tracker_service.crm import Crm
from tracker_service.downstream import DiscoveryJobs, ProfileHhTokens, ProfileSearches
from tracker_service.follow_ups import fire_due_follow_ups
from tracker_service.hh_apply import Clock, HhApplies, HhApplyWorker, utc_now
from tracker_service.servicer import TrackerServicer
from tracker_service.settings import TrackerSettings
from tracker_service.token_bucket import BucketPolicy
from tracker_service.tracker import Tracker

SERVICE = tracker_pb2.DESCRIPTOR.services_by_name["TrackerService"]
MIGRATIONS = SchemaMigrations("tracker", Path(__file__).parent / "migrations", with_outbox=True)


# What the tracker itself calls with its service token.
SERVICE_TOKEN_SCOPES = {"profile.searches.archive", "discovery.read", "profile.hh.token"}


def make_runtime(settings: TrackerSettings | None = None) -> ServiceRuntime[TrackerSettings]:
    return ServiceRuntime("tracker_service", migrations=MIGRATIONS, services=[SERVICE],
                          settings=settings or get_settings(TrackerSettings), service_token_scopes=SERVICE_TOKEN_SCOPES)


async def build(runtime: ServiceRuntime[TrackerSettings]) -> None:
    assert runtime.server is not None and runtime.pool is not None
    settings = runtime.settings
    jobs = DiscoveryJobs(runtime.channel(settings.discovery_addr))  # forwards the caller's user token
    searches = ProfileSearches(runtime.channel(settings.profile_addr, mode=CredentialMode.SERVICE))
    tracker = Tracker(runtime.pool, runtime.outbox, jobs.snapshot)
    crm = Crm(runtime.pool, runtime.outbox, analysis_document=analysis_document_for_import)
    runtime.deliver_directly(events_pb2.COMMAND_TYPE_ARCHIVE_SEARCH_CONFIGS, searches.archive)
    runtime.on_give_up(tracker.on_command_given_up)
    runtime.every(settings.outbox_poll_interval_s, partial(fire_due_follow_ups, tracker), name="follow-ups")
    runtime.every(settings.tracker_silence_check_interval_s, crm.flag_silent_applications, name="silence")
    hh_tokens = ProfileHhTokens(runtime.channel(settings.profile_addr, mode=CredentialMode.SERVICE))
    hh = HhApplies(runtime.pool, runtime.outbox, tracker, jobs=jobs, tokens=hh_tokens, policy=bucket_policy(settings),
                   enabled=hh_applying_enabled(settings))
    auto = AutoApply(runtime.pool, runtime.outbox, bucket_policy(settings), tracker=tracker, jobs=jobs,
                     tokens=hh_tokens, enabled=hh_applying_enabled(settings))
    tracker.on_analysis = auto.on_analysis  # a prepared automatic apply gets its letter
    if hh_applying_enabled(settings) and settings.hh_apply_poll_interval_s > 0:
        runtime.every(settings.hh_apply_poll_interval_s, hh_apply_worker(runtime).run_once, name="hh-apply")
    tracker_pb2_grpc.add_TrackerServiceServicer_to_server(TrackerServicer(tracker, crm, hh, auto),
                                                          runtime.server.server)


def hh_applying_enabled(settings: TrackerSettings) -> bool:
    """Applying needs the operator's contact for HH-User-Agent (the linked accounts are profile's)."""
    return bool(settings.hh_user_agent.strip())


def bucket_policy(settings: TrackerSettings) -> BucketPolicy:
    return BucketPolicy(capacity=settings.hh_apply_bucket_capacity, refill_per_hour=settings.hh_apply_refill_per_hour)


def hh_apply_worker(runtime: ServiceRuntime[TrackerSettings], *, clock: Clock = utc_now) -> HhApplyWorker:
    """An apply worker on this runtime's pool and outbox (build() makes the replica's own; tests make
    more, with a clock they move, to play several replicas or a restart)."""
    assert runtime.pool is not None
    settings = runtime.settings
    api = HhApi(api_url=settings.hh_api_url, user_agent=settings.hh_user_agent, timeout_s=settings.hh_timeout_s)
    runtime.on_stop(api.aclose)
    tokens = ProfileHhTokens(runtime.channel(settings.profile_addr, mode=CredentialMode.SERVICE))
    tracker = Tracker(runtime.pool, runtime.outbox, DiscoveryJobs(runtime.channel(settings.discovery_addr)).snapshot)
    auto = AutoApply(runtime.pool, runtime.outbox, bucket_policy(settings), clock=clock)  # capped -> queued
    return HhApplyWorker(runtime.pool, runtime.outbox, tracker, api=api, tokens=tokens, policy=bucket_policy(settings),
                         lease=timedelta(seconds=settings.hh_apply_lease_s),
                         max_attempts=settings.hh_apply_max_attempts, clock=clock, auto=auto)


async def serve() -> None:
    await make_runtime().run(build)
