"""tracker_service: the Kanban CRM (schema `tracker`)."""

from __future__ import annotations

from pathlib import Path

from common.grpc_server import Access, method_path, service, user_or_service
from common.service import ServiceRuntime
from common.settings import Settings
from jobmate.tracker.v1 import tracker_pb2, tracker_pb2_grpc
from tracker_service.servicer import TrackerServicer

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
}

# What the tracker itself calls with its service token.
SERVICE_TOKEN_SCOPES = {"profile.searches.archive", "discovery.read"}


def make_runtime(settings: Settings | None = None) -> ServiceRuntime:
    return ServiceRuntime("tracker_service", schema="tracker", migrations_dir=Path(__file__).parent / "migrations",
                          policy=POLICY, service_names=[SERVICE_NAME], settings=settings, uses_outbox=True,
                          service_token_scopes=SERVICE_TOKEN_SCOPES)


async def build(runtime: ServiceRuntime) -> list:
    assert runtime.server is not None
    tracker_pb2_grpc.add_TrackerServiceServicer_to_server(TrackerServicer(runtime), runtime.server.server)
    return []


async def serve() -> None:
    await make_runtime().run(build)
