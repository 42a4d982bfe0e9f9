"""profile_service: identity provider, profiles, saved searches and CV files (schema `profile`)."""

from __future__ import annotations

from pathlib import Path

from common.grpc_server import PUBLIC, Access, method_path, service, user_or_service
from common.service import ServiceRuntime
from common.settings import Settings
from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc
from profile_service.servicer import ProfileServicer

SERVICE_NAME = profile_pb2.DESCRIPTOR.services_by_name["ProfileService"].full_name


def _m(name: str) -> str:
    return method_path(SERVICE_NAME, name)


# Methods not listed here need a user token.
POLICY: dict[str, Access] = {
    _m("Register"): PUBLIC,
    _m("Login"): PUBLIC,
    _m("Refresh"): PUBLIC,
    _m("Logout"): PUBLIC,
    _m("BatchGetProfiles"): service("profile.read"),
    _m("ListActiveSearchConfigs"): service("profile.searches.read"),
    _m("ArchiveSearchConfigs"): service("profile.searches.archive"),
    _m("DownloadCv"): user_or_service("profile.cv.read"),
    _m("ApplyParsedCv"): service("profile.cv.write"),
    _m("RecordCvParseFailure"): service("profile.cv.write"),
}


def make_runtime(settings: Settings | None = None) -> ServiceRuntime:
    return ServiceRuntime("profile_service", schema="profile", migrations_dir=Path(__file__).parent / "migrations",
                          policy=POLICY, service_names=[SERVICE_NAME], settings=settings, uses_outbox=True)


async def build(runtime: ServiceRuntime) -> list:
    assert runtime.server is not None
    profile_pb2_grpc.add_ProfileServiceServicer_to_server(ProfileServicer(runtime), runtime.server.server)
    return []


async def serve() -> None:
    await make_runtime().run(build)
