"""tracker_service: the Kanban CRM (schema `tracker`).

The runtime's outbox carries CMD_ANALYZE_JOB over pub/sub and delivers the archive of a hired user's
saved searches directly to profile's ArchiveSearchConfigs; the follow-up job runs on the runtime's
scheduler.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from common.grpc_client import CredentialMode
from common.migrate import SchemaMigrations
from common.service import ServiceRuntime
from common.settings import get_settings
from jobmate.events.v1 import events_pb2
from jobmate.tracker.v1 import tracker_pb2, tracker_pb2_grpc
from tracker_service.downstream import DiscoveryJobs, ProfileSearches
from tracker_service.follow_ups import fire_due_follow_ups
from tracker_service.servicer import TrackerServicer
from tracker_service.settings import TrackerSettings
from tracker_service.tracker import Tracker

SERVICE = tracker_pb2.DESCRIPTOR.services_by_name["TrackerService"]
MIGRATIONS = SchemaMigrations("tracker", Path(__file__).parent / "migrations", with_outbox=True)


# What the tracker itself calls with its service token.
SERVICE_TOKEN_SCOPES = {"profile.searches.archive", "discovery.read"}


def make_runtime(settings: TrackerSettings | None = None) -> ServiceRuntime[TrackerSettings]:
    return ServiceRuntime("tracker_service", migrations=MIGRATIONS, services=[SERVICE],
                          settings=settings or get_settings(TrackerSettings), service_token_scopes=SERVICE_TOKEN_SCOPES)


async def build(runtime: ServiceRuntime[TrackerSettings]) -> None:
    assert runtime.server is not None and runtime.pool is not None
    settings = runtime.settings
    jobs = DiscoveryJobs(runtime.channel(settings.discovery_addr))  # forwards the caller's user token
    searches = ProfileSearches(runtime.channel(settings.profile_addr, mode=CredentialMode.SERVICE))
    tracker = Tracker(runtime.pool, runtime.outbox, jobs.snapshot)
    runtime.deliver_directly(events_pb2.COMMAND_TYPE_ARCHIVE_SEARCH_CONFIGS, searches.archive)
    runtime.on_give_up(tracker.on_command_given_up)
    runtime.every(settings.outbox_poll_interval_s, partial(fire_due_follow_ups, tracker), name="follow-ups")
    tracker_pb2_grpc.add_TrackerServiceServicer_to_server(TrackerServicer(tracker), runtime.server.server)


async def serve() -> None:
    await make_runtime().run(build)
