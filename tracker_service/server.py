"""tracker_service: the Kanban CRM (schema `tracker`).

Background work started by build(): the outbox relay (CMD_ANALYZE_JOB over pub/sub; the archive of a
hired user's saved searches delivered directly to profile's ArchiveSearchConfigs), the follow-up
scheduler and the silence check ("no response" flags).
"""

from __future__ import annotations

from pathlib import Path

from common.grpc_client import CredentialMode
from common.grpc_server import Access, method_path, service, user_or_service
from common.outbox import Outbox
from common.service import ServiceRuntime
from common.settings import Settings
from jobmate.events.v1 import events_pb2
from jobmate.tracker.v1 import tracker_pb2, tracker_pb2_grpc
from tracker_service.convert import analysis_document_for_import
from tracker_service.crm import Crm
from tracker_service.downstream import DiscoveryJobs, ProfileSearches
from tracker_service.follow_ups import run_follow_up_scheduler
from tracker_service.servicer import TrackerServicer
from tracker_service.silence import SILENCE_CHECK_INTERVAL_S, run_silence_check
from tracker_service.tracker import Tracker

SERVICE_NAME = tracker_pb2.DESCRIPTOR.services_by_name["TrackerService"].full_name


def _m(name: str) -> str:
    return method_path(SERVICE_NAME, name)


# Methods not listed here need a user token.
POLICY: dict[str, Access] = {
    _m("BatchGetApplications"): user_or_service("tracker.read"),
    _m("GetApplication"): user_or_service("tracker.read"),
    _m("RecordAnalysis"): service("tracker.analysis.write"),
    _m("RecordAnalysisFailure"): service("tracker.analysis.write"),
    _m("MarkAnalysisRunning"): service("tracker.analysis.write"),
    # The gateway serving /calendar.ics?feed=…: the feed token names the user, not a user token.
    _m("ExportCalendarByFeedToken"): service("tracker.calendar.read"),
}

# What the tracker itself calls with its service token.
SERVICE_TOKEN_SCOPES = {"profile.searches.archive", "discovery.read"}


def make_runtime(settings: Settings | None = None) -> ServiceRuntime:
    return ServiceRuntime("tracker_service", schema="tracker", migrations_dir=Path(__file__).parent / "migrations",
                          policy=POLICY, service_names=[SERVICE_NAME], settings=settings, uses_outbox=True,
                          service_token_scopes=SERVICE_TOKEN_SCOPES)


async def build(runtime: ServiceRuntime) -> list:
    assert runtime.server is not None and runtime.pool is not None and runtime.bus is not None
    settings = runtime.settings
    jobs = DiscoveryJobs(runtime.channel(settings.discovery_addr))  # forwards the caller's user token
    searches = ProfileSearches(runtime.channel(settings.profile_addr, mode=CredentialMode.SERVICE))
    tracker: Tracker | None = None

    async def on_give_up(conn, command, reason):  # the tracker exists by the time the relay runs
        assert tracker is not None
        await tracker.on_command_given_up(conn, command, reason)

    outbox = Outbox(runtime.pool, runtime.bus, result_timeout_s=settings.outbox_result_timeout_s,
                    max_attempts=settings.outbox_max_attempts, poll_interval_s=settings.outbox_poll_interval_s,
                    on_give_up=on_give_up,
                    direct_handlers={events_pb2.COMMAND_TYPE_ARCHIVE_SEARCH_CONFIGS: searches.archive})
    tracker = Tracker(runtime.pool, outbox, jobs.snapshot)
    crm = Crm(runtime.pool, outbox, analysis_document=analysis_document_for_import)
    tracker_pb2_grpc.add_TrackerServiceServicer_to_server(TrackerServicer(tracker, crm), runtime.server.server)
    return [outbox.run(), run_follow_up_scheduler(tracker, interval_s=settings.outbox_poll_interval_s),
            run_silence_check(crm.flag_silent_applications, interval_s=SILENCE_CHECK_INTERVAL_S)]


async def serve() -> None:
    await make_runtime().run(build)
